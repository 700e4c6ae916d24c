"""A table row too tall to keep on one page, written as several rows that each fit.

Word and LibreOffice can only let such a row run on over the page break, and the part on
the next page then shows the status cell's colour with no word in it and nothing to say
which action it is. Instead, its long texts are cut (between lines where they can, else
between words) into pieces of about CHUNK_SHARE of a page, and the row becomes one row per
piece: the first with every cell,
each following one -- a continuation row -- with the next piece of each long text, the
status (a shaded cell: its word and colour) again, and "(continued)" in its first cell.
Each piece row is short enough to be kept whole on its page.

Nothing is lost or changed: the pieces of a text, joined, are the text exactly (a piece
ends with the line break or space it was cut after). A piece still too tall is cut again
(pipeline.render.flow.layout_tables). A continuation row is marked in the written XML
(`CONTINUED_TRPR`: w:tblHeader switched off, which Word and LibreOffice read as a plain
row) so that a document read back counts one action however many rows it took.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from pipeline.documents.docmodel import Cell, Run, Table
from pipeline.render.layout import KEEP_ROW_SHARE, TableFit

CHUNK_SHARE = 0.4  # a piece row is about this share of a page (two to a page, whole,
# with room for an estimate a fifth short, as for text wider than English prose)
CONTINUED = "(continued)"
CONTINUED_TRPR = '<w:tblHeader w:val="0"/>'  # in w:trPr: the row continues the row above
CONTINUED_MARK = CONTINUED_TRPR.encode()
_LABEL = Cell((Run(CONTINUED, italic=True),))
_EMPTY = Cell.of("")


def split_text(text: str, pieces: int) -> list[str]:
    """`text` cut into `pieces` pieces of about equal length whose concatenation is `text`:
    after a line break near the aim (so that a list of short lines is cut between lines),
    else after a space, never where the next piece would start with white space; a text
    with neither (one long token) is cut where it must be."""
    if pieces <= 1 or not text:
        return [text]
    out: list[str] = []
    start, n = 0, len(text)
    for k in range(1, pieces):
        aim = max(start + 1, round(n * k / pieces))
        if aim >= n:
            break
        window = max(1, (n // pieces) // 5)  # a line break this near the aim is taken
        cut = (_cut_near(text, aim, start, "\n", window)
               or _cut_near(text, aim, start, " ", 2 * window) or aim)
        out.append(text[start:cut])
        start = cut
    out.append(text[start:])
    return [piece for piece in out if piece]


def _cut_near(text: str, aim: int, start: int, after: str, within: int) -> int | None:
    """The index just after an `after` character nearest `aim` (after `start`, and no
    further from it than `within`) that is followed by a character other than white
    space, or None."""
    n = len(text)
    for d in range(0, within + 1):
        for i in (aim + d, aim - d):
            if start < i < n and text[i - 1] == after and not text[i].isspace():
                return i
        if aim + d >= n and aim - d <= start:
            return None
    return None


def split_cells(cells: Sequence[Cell], pieces: int, label: int = 0) -> list[list[Cell]]:
    """One row of cells as `pieces` rows or fewer: each long text cut into pieces of about
    the longest text's length divided by `pieces` (a shorter text stays in the first row),
    a shaded cell (a status) repeated in every row, and CONTINUED in cell `label` of each
    continuation row when that cell is not itself cut."""
    texts = [cell.text for cell in cells]
    share = math.ceil(max(map(len, texts), default=0) / max(pieces, 1)) or 1
    cut: list[list[Cell] | None] = []
    for cell, text in zip(cells, texts, strict=True):
        if len(text) <= share * 1.2 or len(cell.runs) != 1:  # a text of several formats
            cut.append(None)  # is not cut (so rare in a long text that it is left whole)
            continue
        parts = split_text(text, min(pieces, math.ceil(len(text) / share)))
        cut.append([Cell((Run(part, cell.runs[0].bold, cell.runs[0].italic),), cell.fill,
                         cell.text_colour) for part in parts] if len(parts) > 1 else None)
    rows = max((len(c) for c in cut if c is not None), default=1)
    out: list[list[Cell]] = []
    for k in range(rows):
        row: list[Cell] = []
        for i, (cell, pieces_of) in enumerate(zip(cells, cut, strict=True)):
            if pieces_of is not None:
                row.append(pieces_of[k] if k < len(pieces_of) else (
                    _LABEL if i == label else _EMPTY))  # its text ran out: the label
            elif k == 0 or cell.fill:
                row.append(cell)  # the first row's own cell, or a status again
            elif i == label:
                row.append(_LABEL)
            else:
                row.append(_EMPTY)
        out.append(row)
    return out


def continued_row(tr: str) -> str:
    """A written row (its XML, starting "<w:tr>") marked as continuing the row above."""
    head = "<w:tr><w:trPr>"
    if tr.startswith(head):
        return head + CONTINUED_TRPR + tr[len(head):]
    return head + CONTINUED_TRPR + "</w:trPr>" + tr[len("<w:tr>"):]


def tall_rows(fit: TableFit, page_cm: float) -> list[tuple[int, int]]:
    """(row index, pieces) of each row the fit lets split because it is taller than
    KEEP_ROW_SHARE of a page."""
    if fit.keep_together or not fit.heights_cm:
        return []
    limit, chunk = page_cm * KEEP_ROW_SHARE, page_cm * CHUNK_SHARE
    return [(i, math.ceil(h / chunk)) for i, (h, cant) in enumerate(zip(
        fit.heights_cm, fit.cant_split, strict=True)) if not cant and h > limit]


def split_tall_rows(table: Table, fit: TableFit, page_cm: float) -> bool:
    """Write each too-tall row of `table` as piece rows (in place: its rows, its design's
    values and `continued`); a continuation row still too tall is cut again, its pieces
    all continuations. Whether anything changed."""
    tall = dict(tall_rows(fit, page_cm))
    if not tall:
        return False
    before = table.continued
    rows: list[list[Cell]] = []
    values: list[tuple[Cell, ...]] = []
    continued: list[int] = []
    changed = False
    for i, row in enumerate(table.rows):
        pieces = tall.get(i)
        new_rows = [row] if pieces is None else split_cells(row, pieces)
        if table.design:
            new_values: list[Sequence[Cell]] = [table.values[i]] if pieces is None else (
                split_cells(table.values[i], pieces, fit.label))
            while len(new_values) < len(new_rows):  # the two layouts cut alike; if not,
                new_values.append(_continuation(table.values[i], fit.label))  # pad
            while len(new_rows) < len(new_values):
                new_rows.append(_continuation(row, 0))
            values.extend(tuple(v) for v in new_values)
        changed = changed or len(new_rows) > 1
        continued.extend(len(rows) + k for k in range(len(new_rows)) if k or i in before)
        rows.extend(new_rows)
    if not changed:
        return False
    table.rows = rows
    if table.design:
        table.values = values
    table.continued = frozenset(continued)
    return True


def _continuation(cells: Sequence[Cell], label: int) -> list[Cell]:
    return [cell if cell.fill else (_LABEL if i == label else _EMPTY)
            for i, cell in enumerate(cells)]
