"""Finding a sheet's header row and matching its headers to the contract.

The header row may sit below title rows: it is the first row (of the first
30) that holds every required header of the sheet. Headers are matched
ignoring case, spaces, punctuation, line breaks, non-breaking spaces and a
trailing "(s)", with the contract's aliases; a note in brackets at a header's end ("(name
and title)") is set aside when the header matches only without it. What the header row
says about the columns that are not read is in `header_problems`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from pipeline.issues import IssueReport
from pipeline.reader.cells import EXCEL_ERRORS, excel_error, text_value
from pipeline.reader.columns import ColumnSpec, SheetSpec
from pipeline.reader.header_problems import (
    cell_label,
    explain_hidden_columns,
    nearest_column,
    report_blank_labels,
    report_example_rows,
    report_unknown,
)
from pipeline.reader.raw import RawCell, RawRow, RawSheet, is_empty
from pipeline.reader.xlsx import column_letter as get_column_letter
from pipeline.text import normalise_label, one_line

HEADER_SEARCH_ROWS = 30
# A note in brackets at the end of a header: "Person responsible for action (name and title)".
_NOTE_IN_BRACKETS = re.compile(r"\s*\([^()]*\)\s*$")


@dataclass
class HeaderMatch:
    """Where each contract column is: its 0-based index and its header as written."""

    row: int  # Excel row number of the header row
    index: int  # position of the header row in sheet.rows
    columns: dict[str, tuple[int, str]] = field(default_factory=dict)
    unknown: list[tuple[int, str]] = field(default_factory=list)

    def has(self, name: str) -> bool:
        return name in self.columns

    def header(self, name: str) -> str:
        """The column's header as written in the sheet (for messages)."""
        return self.columns[name][1] if name in self.columns else name


@cache
def _lookup(spec: SheetSpec) -> dict[str, str]:
    """Each spelling of the spec's columns, as compared, -> its column."""
    lookup: dict[str, str] = {}
    for col in spec.columns:
        for s in col.spellings:
            lookup.setdefault(normalise_label(s), col.name)
    return lookup


def _matches_in_row(row: RawRow, spec: SheetSpec) -> dict[str, list[tuple[int, str]]]:
    """Column -> its places in the row (index, header as written). A header with a note in
    brackets at its end ("Person responsible for action (name and title)") is read without
    the note, unless the row has that column's header as it is, or another one with a note
    (two headers for one column: neither is taken)."""
    found: dict[str, list[tuple[int, str]]] = {}
    lookup = _lookup(spec)
    noted: dict[str, list[tuple[int, str]]] = {}
    for i, cell in enumerate(row.cells):
        label = cell_label(cell)
        if not label:
            continue
        name = lookup.get(normalise_label(label))
        if name:
            found.setdefault(name, []).append((i, label))
        elif label.endswith(")") and (bare := _NOTE_IN_BRACKETS.sub("", label)):
            name = lookup.get(normalise_label(bare))
            if name:
                noted.setdefault(name, []).append((i, label))
    for name, places in noted.items():
        if name not in found and len(places) == 1:
            found[name] = places
    return found


def score_row(row: RawRow, spec: SheetSpec) -> int:
    return len(_matches_in_row(row, spec))


def likeness(sheet: RawSheet, spec: SheetSpec) -> int:
    """How many of the spec's columns the sheet's best header row holds (0: not this kind).

    A header row counts only when it holds every required column and at least two columns.
    """
    best = 0
    for row in sheet.rows[:HEADER_SEARCH_ROWS]:
        found = _matches_in_row(row, spec)
        if all(c.name in found for c in spec.required) and len(found) >= max(2, len(spec.required)):
            best = max(best, len(found))
    return best



def partial_likeness(sheet: RawSheet, spec: SheetSpec) -> int:
    """How many of the spec's columns the sheet's best header row holds, with or without
    its required ones (a misspelt "Satus" still leaves a plan's other headers)."""
    return max((score_row(row, spec) for row in sheet.rows[:HEADER_SEARCH_ROWS]), default=0)


def find_header(sheet: RawSheet, spec: SheetSpec, report: IssueReport) -> HeaderMatch | None:
    """The header row of `sheet` for `spec`, with issues for missing/duplicated headers.

    Returns None (with a located error) when the required headers are not found.
    """
    best: tuple[int, int, RawRow] | None = None
    chosen: tuple[int, RawRow, dict[str, list[tuple[int, str]]]] | None = None
    for index, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        found = _matches_in_row(row, spec)
        if all(c.name in found for c in spec.required) and found:
            chosen = (index, row, found)
            break
        score = len(found)
        if score and (best is None or score > best[0]):
            best = (score, index, row)
    if chosen is None and best is not None:
        guessed = _guess_required(sheet, best[2], spec, report)
        if guessed is not None:
            chosen = (best[1], best[2], guessed)
    if chosen is None:
        needed = [c for c in spec.required]
        if best is not None:
            _, _, row = best
            found = _matches_in_row(row, spec)
            missing = [c for c in needed if c.name not in found]
            known = {i for places in found.values() for i, _ in places}
            for col in missing:
                near = next(((i, label) for i, cell in enumerate(row.cells)
                             if i not in known and (label := cell_label(cell))
                             and nearest_column(label, spec, set(found)) == col.name), None)
                fix = "Add a column with that header."
                if near is not None:
                    fix = (f"The header {near[1]!r} (cell {get_column_letter(near[0] + 1)}"
                           f'{row.number}) may be it: did you mean "{col.name}"? Rename it '
                           f'to "{col.name}", or add a column with that header.')
                report.error(
                    "missing-label",
                    f"No column headed {col.described()} was found. The header row seems to be "
                    f"row {row.number} ({row_preview(row)}). {fix}",
                    sheet=sheet.name,
                    row=row.number,
                    column=col.name,
                )
        else:
            names = ", ".join(c.described() for c in needed)
            report.error(
                "missing-label",
                f"No header row was found in the first {HEADER_SEARCH_ROWS} rows. Expected a row "
                f"with the headers {names}.",
                sheet=sheet.name,
                column=needed[0].name if needed else None,
            )
        return None
    index, row, found = chosen
    # A two-tier header: when the upper tier holds the required headers only because they are
    # merged down over both tiers, the lower tier (the next row) holds more: read that one.
    if index + 1 < len(sheet.rows):
        lower = sheet.rows[index + 1]
        lower_found = _matches_in_row(lower, spec)
        if (
            lower.number == row.number + 1
            and all(c.name in lower_found for c in spec.required)
            and len(lower_found) > len(found)
        ):
            index, row, found = index + 1, lower, lower_found
        elif (grouped := _grouped_tier(sheet, row, lower)) is not None:
            index, row, found = index + 1, grouped, _matches_in_row(grouped, spec)
    match = HeaderMatch(row=row.number, index=index)
    for name, places in found.items():
        if len(places) > 1:
            cells = ", ".join(f"{get_column_letter(i + 1)}{row.number}" for i, _ in places)
            report.error(
                "duplicate-label",
                f"The header {places[0][1]!r} appears {len(places)} times (cells {cells}), "
                "so it is not clear which to read. Rename or delete the extra column.",
                sheet=sheet.name,
                row=row.number,
                column=places[0][1],
            )
        match.columns[name] = places[0]
    known = {i for places in found.values() for i, _ in places}
    for i, cell in enumerate(row.cells):
        label = cell_label(cell)
        if label and i not in known:
            match.unknown.append((i, label))
    report_unknown(sheet, row, index, spec, set(found), match.unknown, report)
    report_blank_labels(sheet, row, index, spec, set(found), report)
    report_example_rows(sheet, index, match.columns, report)
    explain_hidden_columns(sheet, match.columns, match.unknown, report)
    report.name_columns(sheet.name, {
        get_column_letter(i + 1): label for i, cell in enumerate(row.cells)
        if (label := cell_label(cell))
    })
    return match


def _grouped_tier(sheet: RawSheet, upper: RawRow, lower: RawRow) -> RawRow | None:
    """Peterborough's two-tier header: "Delivery" merged over two columns in the header row,
    "Due date" and "Revised due date" under it in the next row, and nothing else in that
    row. The header is then the lower tier where it has a header and the upper elsewhere
    (numbered as the lower row: the data starts under it); None for any other layout."""
    if lower.number != upper.number + 1:
        return None
    spans = [(c1 - 1, c2 - 1) for r1, c1, r2, c2 in sheet.merged_across
             if r1 <= upper.number <= r2 < lower.number]
    labelled = [i for i, cell in enumerate(lower.cells) if cell_label(cell)]
    if not spans or not labelled or not all(
            any(a <= i <= b for a, b in spans) for i in labelled):
        return None
    width = max(len(upper.cells), len(lower.cells))
    cells = [lower.cell(i) if cell_label(lower.cell(i)) else upper.cell(i) for i in range(width)]
    return RawRow(lower.number, cells, lower.hidden)


def _guess_required(
    sheet: RawSheet, row: RawRow, spec: SheetSpec, report: IssueReport
) -> dict[str, list[tuple[int, str]]] | None:
    """The row's matches with each missing required header read from its nearest misspelling
    ("Satus" for Status), so that the rest of the sheet is still checked; an error says so.
    None when a missing required header has no near spelling in the row."""
    found = _matches_in_row(row, spec)
    known = {i for places in found.values() for i, _ in places}
    guesses: list[tuple[ColumnSpec, int, str]] = []
    for col in spec.required:
        if col.name in found:
            continue
        place = next(
            (
                (i, label)
                for i, cell in enumerate(row.cells)
                if i not in known
                and (label := cell_label(cell))
                and nearest_column(label, spec, set(found)) == col.name
            ),
            None,
        )
        if place is None:
            return None
        guesses.append((col, *place))
        known.add(place[0])
    for col, i, label in guesses:
        found[col.name] = [(i, label)]
        report.error(
            "missing-label",
            f"The header {label!r} (cell {get_column_letter(i + 1)}{row.number}) is not one this "
            f'tool knows: did you mean "{col.name}"? The rest of the sheet was checked as '
            f'if it were. Rename the header to "{col.name}".',
            sheet=sheet.name, row=row.number, column=label, value=label,
        )
    return found


def row_preview(row: RawRow) -> str:
    labels = [cell_label(c) for c in row.cells if cell_label(c)]
    return one_line(", ".join(labels), 80) or "empty"


@dataclass
class Record:
    """One data row below the header, read through the header's column map."""

    row: RawRow
    header: HeaderMatch

    @property
    def number(self) -> int:
        return self.row.number

    def cell(self, name: str) -> RawCell | None:
        place = self.header.columns.get(name)
        if place is None:
            return None
        return self.row.cell(place[0])

    def raw(self, name: str) -> object:
        c = self.cell(name)
        return None if c is None else c.value

    def is_empty(self, name: str) -> bool:
        return is_empty(self.raw(name))


def located(sheet: RawSheet, rec: Record, column: str) -> dict[str, object]:
    """The sheet/row/column keywords of an issue about one cell of a record."""
    return {"sheet": sheet.name, "row": rec.number, "column": rec.header.header(column)}


def read_text(sheet: RawSheet, rec: Record, column: str, report: IssueReport) -> str:
    """A record's cell as clean text, reporting Excel errors and dropped characters there."""
    cell = rec.cell(column)
    if cell is None:
        return ""
    value = cell.value
    if value is None:  # an empty cell
        return ""
    if value.__class__ is str and value.isprintable():  # the usual cell: plain text
        text = value.strip()
        if "#" not in text or text not in EXCEL_ERRORS:
            return text
    err = excel_error(cell)
    if err:
        report.error(
            "formula-error",
            f"The cell shows the Excel error {err} instead of text. Fix the formula in "
            "Excel or type the value, then save the workbook.",
            value=err, **located(sheet, rec, column),
        )
        return ""
    value, changed = text_value(cell)
    if changed:
        report.warning(
            "text-changed",
            "Characters that Word cannot hold (control characters) were removed from this "
            "cell; check the text in the document.",
            value=one_line(value), **located(sheet, rec, column),
        )
    return value


def warn_hidden_rows(sheet: RawSheet, header: HeaderMatch, report: IssueReport) -> None:
    """Hidden rows are read (nothing is lost) with one warning naming them."""
    hidden = [row.number for row in sheet.rows[header.index + 1:]
              if row.hidden and not row.is_blank()]  # as `records` gives them
    if not hidden:
        return
    rows = ", ".join(str(n) for n in hidden[:20]) + (" ..." if len(hidden) > 20 else "")
    if len(hidden) == 1:
        said = f"1 hidden row was read and is in the documents (row {rows}). Unhide it"
    else:
        said = (f"{len(hidden)} hidden rows were read and are in the documents (rows {rows}). "
                "Unhide them")
    report.warning(
        "hidden-content",
        f"{said} in Excel to check, or delete rows that should not be reported.",
        sheet=sheet.name, row=hidden[0],
    )


def records(sheet: RawSheet, header: HeaderMatch) -> Iterator[Record]:
    """The rows below the header row, blank rows skipped."""
    for row in sheet.rows[header.index + 1 :]:
        if row.is_blank():
            continue
        yield Record(row, header)
