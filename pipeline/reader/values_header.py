"""The Values sheet's header row: long (Code or Title, Period and Value) or wide (Code or
Title, then one column per period), with a located error when neither is found."""

from __future__ import annotations

from pipeline.issues import IssueReport
from pipeline.reader.columns import VALUES
from pipeline.reader.headers import (
    HEADER_SEARCH_ROWS,
    HeaderMatch,
    cell_label,
    nearest_column,
    row_preview,
)
from pipeline.reader.indicator_cells import PeriodColumn, matches, unique_periods
from pipeline.reader.raw import RawRow, RawSheet
from pipeline.reader.xlsx import column_letter as get_column_letter


def values_header(
    report: IssueReport, sheet: RawSheet
) -> tuple[HeaderMatch, list[PeriodColumn]] | None:
    """The Values sheet's header row: long (Period and Value) or wide (period columns)."""
    long_row: RawRow | None = None  # a row with Code (or Title) and Period but no Value
    for index, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        columns: dict[str, tuple[int, str]] = {}
        for i, cell in enumerate(row.cells):
            for spec in VALUES.columns:
                if matches(spec, cell) and spec.name not in columns:
                    columns[spec.name] = (i, cell_label(cell))
                    break
        if "Code" not in columns and "Title" not in columns:
            continue
        match = HeaderMatch(row=row.number, index=index, columns=columns)
        if "Period" in columns and "Value" in columns:
            return match, []
        skip = {i for i, _ in columns.values()}
        periods = unique_periods(report, sheet, row, skip)
        if periods:
            for name in ("Period", "Value", "Numerator", "Denominator", "Year to date"):
                columns.pop(name, None)
            return match, periods
        if "Period" in columns and long_row is None:
            long_row = row
    if long_row is not None:
        _report_missing_value(report, sheet, long_row)
        return None
    report.error(
        "missing-label",
        "No header row was found on the values sheet. Expected either the headers "
        '"Code" (or "Title"), "Period" and "Value", or "Code" (or "Title") followed by one '
        'column per period, such as "Aug 2011" or "Q2 2011/12".',
        sheet=sheet.name, column="Period",
    )
    return None


def _report_missing_value(report: IssueReport, sheet: RawSheet, row: RawRow) -> None:
    """A long Values sheet (Code or Title, and Period) with no Value column: a located error
    naming the headers found, with "did you mean" for a near spelling of Value."""
    known = {i for i, cell in enumerate(row.cells) if any(
        matches(spec, cell) for spec in VALUES.columns)}
    near = next(((i, label) for i, cell in enumerate(row.cells)
                 if i not in known and (label := cell_label(cell))
                 and nearest_column(label, VALUES, set()) == "Value"), None)
    if near is not None:
        fix = (f"The header {near[1]!r} (cell {get_column_letter(near[0] + 1)}{row.number}) "
               'may be it: did you mean "Value"? Rename it to "Value".')
    else:
        fix = ('Add a column headed "Value" beside "Period" holding each period\'s figure (it '
               "may be left blank on a row that gives a Numerator and a Denominator).")
    report.error(
        "missing-label",
        f'No column headed "Value" was found on the values sheet. The header row seems to be '
        f"row {row.number} ({row_preview(row)}), which has a Period column, so a Value column "
        f"is expected beside it. {fix}",
        sheet=sheet.name, row=row.number, column="Value",
    )
