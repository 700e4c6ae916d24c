"""How blocks flow onto the pages: each table's layout (widths, rows kept whole, small
tables kept on one page) and which headings and paragraphs keep with what follows them.

Shared by the element builders (pipeline.render.blocks) and the text writers
(pipeline.render.textblocks), so that the two write the same document.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pipeline.documents.docmodel import Block, Heading, PageBreak, Paragraph, Table
from pipeline.render.layout import TableFit, fit_tables, fit_widths

if TYPE_CHECKING:
    from pipeline.render.blocks import StyleMap
    from pipeline.render.designs import DesignPart

DXA_PER_CM = 566.929  # twentieths of a point in a centimetre
EMU_PER_CM = 360000


def page_body_cm(doc: Any) -> float:
    """About how tall the text of a page is: the page less its margins and the room the
    running header and footer take (generous: estimates err towards a shorter page)."""
    try:
        section = doc.sections[-1]
        height = section.page_height - section.top_margin - section.bottom_margin
    except (AttributeError, IndexError, TypeError):
        return 15.0
    return _text_height_cm(height / EMU_PER_CM)


def _text_height_cm(between_margins_cm: float) -> float:
    """The height between the margins less the room of the running header and footer."""
    return max(between_margins_cm - 2.5, 5.0)


def sectpr_body_cm(sectpr: Any) -> float:
    """`page_body_cm` for the pages a w:sectPr describes."""
    from pipeline.render.wordxml import w

    size, margins = sectpr.find(w("pgSz")), sectpr.find(w("pgMar"))
    try:
        height = (int(size.get(w("h"))) - abs(int(margins.get(w("top"))))
                  - abs(int(margins.get(w("bottom")))))
    except (AttributeError, TypeError, ValueError):
        return 15.0
    return _text_height_cm(height / DXA_PER_CM)


def _total_cm(table: Table, available_dxa: int | None) -> float:
    total = sum(c.width_cm for c in table.columns)
    if available_dxa:
        total = min(total, available_dxa / DXA_PER_CM)
    return round(total, 3)


def designed(table: Table, designs: DesignPart | None) -> bool:
    """Whether the template holds a design laying out this table."""
    return bool(designs and table.design and table.design in designs.designs)


def layout_tables(
    blocks: list[Block], styles: StyleMap, available_dxa: int | None, doc: Any = None,
    designs: DesignPart | None = None, page_cm: float | None = None,
) -> dict[int, TableFit]:
    """How each table of the blocks is laid out, by id(table). Tables with the same
    columns share one set of widths fitted to all their rows (a plan's action tables
    line up from one recommendation to the next); a table the template designs has the
    design's widths (pipeline.render.design_tables). `page_cm`: how tall the text of a
    page is (else the template's last section's, `page_body_cm`).

    A row too tall to keep on one page is first made several rows that each fit
    (pipeline.render.row_split: the table's rows change), and the tables laid out again."""
    from pipeline.render.row_split import split_tall_rows

    page = page_cm or page_body_cm(doc)
    fits = _fits(blocks, styles, available_dxa, designs, page)
    # A piece still too tall (two long texts cut alike in columns of unlike widths) is cut
    # again, the tables laid out once more each time.
    for _ in range(SPLIT_PASSES):
        split = [split_tall_rows(block, fits[id(block)], page)
                 for block in blocks if isinstance(block, Table) and id(block) in fits]
        if not any(split):
            break
        fits = _fits(blocks, styles, available_dxa, designs, page)
    return fits


SPLIT_PASSES = 4


def _fits(
    blocks: list[Block], styles: StyleMap, available_dxa: int | None,
    designs: DesignPart | None, page: float,
) -> dict[int, TableFit]:
    pt = styles.table_text_pt
    groups: dict[tuple[tuple[str, ...], float], list[Table]] = {}
    designed_groups: dict[tuple[str, tuple[str, ...]], list[Table]] = {}
    for block in blocks:
        if isinstance(block, Table) and designed(block, designs):
            designed_groups.setdefault((block.design, block.fields), []).append(block)
        elif isinstance(block, Table):
            key = (tuple(c.header for c in block.columns), _total_cm(block, available_dxa))
            groups.setdefault(key, []).append(block)
    fits: dict[int, TableFit] = {}
    for (headers, total), tables in groups.items():
        texts = [[cell.text for cell in row] for table in tables for row in table.rows]
        widths = fit_widths(headers, texts, total, pt)
        sizes = [len(table.rows) for table in tables]
        for table, fit in zip(tables, fit_tables(texts, sizes, widths, pt, page,
                                                 sum(map(len, headers))), strict=True):
            fits[id(table)] = fit
    if designed_groups:
        from pipeline.render.design_tables import designed_fits

        for tables in designed_groups.values():
            fits.update(designed_fits(tables, designs, available_dxa, styles, page))  # type: ignore[arg-type]
    return fits


def _widths_dxa(fit: TableFit) -> list[int]:
    return [max(1, int(width * DXA_PER_CM)) for width in fit.widths_cm]


def _row_keeps(table: Table, fit: TableFit) -> list[bool]:
    """Per data row: its paragraphs keep with the next (a small table stays on one page;
    a table kept with the next block keeps its last row with it)."""
    last = len(table.rows) - 1
    return [
        (fit.keep_together and i < last) or (table.keep_with_next and i == last)
        for i in range(len(table.rows))
    ]


LIST_KEPT_WHOLE = 8  # a list this long stays whole with its introduction; a longer one
LIST_KEPT_START = 2  # keeps only its first items with the introduction


def _is_list(block: Block | None) -> bool:
    return isinstance(block, Paragraph) and (block.style or "").lower().startswith("list")


def paragraph_keeps(blocks: list[Block]) -> list[bool]:
    """Per block: a heading or paragraph printed on the page of the block after it.

    Headings always; a paragraph the document says so of; a lead-in sentence ending in
    ':'; the items of a short list (of a long list, its first items), so that a list
    stays with its introduction. The last block keeps with nothing.
    """
    keeps = [False] * len(blocks)
    run_start, run_length = 0, 0
    for i, block in enumerate(blocks):
        after = blocks[i + 1] if i + 1 < len(blocks) else None
        if _is_list(block) and not _is_list(blocks[i - 1] if i else None):
            run_start, run_length = i, 1
            while _is_list(blocks[run_start + run_length] if run_start + run_length < len(
                    blocks) else None):
                run_length += 1
        if after is None:
            break
        if isinstance(block, Heading):
            keeps[i] = True
        elif isinstance(block, Paragraph):
            if block.keep_with_next:
                keeps[i] = True
            elif _is_list(block):
                keeps[i] = _is_list(after) and (
                    run_length <= LIST_KEPT_WHOLE or i - run_start < LIST_KEPT_START
                )
            elif block.text.rstrip().endswith(":") and not isinstance(after, Heading | PageBreak):
                keeps[i] = True
    return keeps
