"""What the indicator sheets' cells say: a figure (a number, a percentage, or "n/a" for no
data), the header cells that name a period ("Aug 2011", "Q2 2011/12"), and whether a sheet
is a wide table of indicators by period."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.domain.model import Period
from pipeline.domain.periods import parse_period
from pipeline.issues import IssueReport
from pipeline.reader.cells import CellProblem, as_period_value, display_text, parse_number
from pipeline.reader.columns import INDICATORS, ColumnSpec
from pipeline.reader.headers import HEADER_SEARCH_ROWS, cell_label
from pipeline.reader.raw import RawCell, RawRow, RawSheet, is_empty
from pipeline.reader.xlsx import column_letter as get_column_letter

# What a value cell may say when there is no figure for the period.
NO_DATA_WORDS = frozenset(
    {"n/a", "na", "-", "–", "—", "no data", "nodata", "not available", "n/k", "nk"}
)
PERIOD_EXAMPLES = (
    'a month ("Aug 2011", "August 2018", "2011-09"), a quarter ("Q2 2011/12"), '
    'a financial year ("2010/11") or a date ("30/09/2011")'
)


@dataclass(frozen=True)
class PeriodColumn:
    index: int  # 0-based column index
    header: str  # as written
    period: Period


def period_columns(row: RawRow, skip: set[int]) -> list[PeriodColumn]:
    """The cells of a header row that name a period (other than the columns in `skip`)."""
    found: list[PeriodColumn] = []
    for i, cell in enumerate(row.cells):
        if i in skip or is_empty(cell.value):
            continue
        value = as_period_value(cell) if not isinstance(cell.value, str) else cell_label(cell)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(int(value)) if float(value).is_integer() else str(value)
        period = parse_period(value)
        if period is not None:
            found.append(PeriodColumn(i, display_text(cell) or cell_label(cell), period))
    return found


def matches(spec_column: ColumnSpec, cell: RawCell) -> bool:
    """Whether the cell is a header of that column."""
    label = cell_label(cell)
    return bool(label) and spec_column.matches(label)


def looks_like_wide_table(sheet: RawSheet) -> bool:
    """True when a header row holds a Code or Title column and at least one period column."""
    code, title = INDICATORS.column("Code"), INDICATORS.column("Title")
    for row in sheet.rows[:HEADER_SEARCH_ROWS]:
        names = {i for i, c in enumerate(row.cells) if matches(code, c) or matches(title, c)}
        if names and period_columns(row, names):
            return True
    return False



def read_number(
    report: IssueReport, cell: RawCell | None, where: dict[str, object], what: str, *,
    no_data_ok: bool,
) -> tuple[float | None, bool] | None:
    """(number or None for no data, was a percentage), or None after a located error."""
    if cell is None or is_empty(cell.value):
        return None, False
    if isinstance(cell.value, str) and " ".join(cell.value.lower().split()) in NO_DATA_WORDS:
        if no_data_ok:
            return None, False
    parsed = parse_number(cell)
    if isinstance(parsed, CellProblem):
        shown = display_text(cell)
        if parsed.code == "type-error":
            extra = (
                ' Leave the cell empty, or type "n/a", when there is no data for the period.'
                if no_data_ok else " Leave the cell empty if there is none."
            )
            message = (
                f"{shown!r} is not a number, but the {what} must be a number such as 57.7 "
                f"or 57.7%.{extra}"
            )
        else:
            message = parsed.message
        report.error(parsed.code, message, value=shown, **where)
        return None
    if parsed is None:
        return None, False
    return parsed


def unique_periods(
    report: IssueReport, sheet: RawSheet, row: RawRow, skip: set[int]
) -> list[PeriodColumn]:
    """The period columns of a header row; of two columns for one period, the second is a
    located error and is not read."""
    periods = period_columns(row, skip)
    seen: dict[tuple[object, object], PeriodColumn] = {}
    kept: list[PeriodColumn] = []
    for pc in periods:
        key = (pc.period.start, pc.period.end)
        if key in seen:
            first = seen[key]
            report.error(
                "duplicate-label",
                f"The columns {first.header!r} ({get_column_letter(first.index + 1)}"
                f"{row.number}) and {pc.header!r} ({get_column_letter(pc.index + 1)}"
                f"{row.number}) are the same period, {pc.period.label}, so there is no "
                "knowing which to read. Delete or rename one of them.",
                sheet=sheet.name, row=row.number, column=pc.header, value=pc.header,
            )
            continue
        seen[key] = pc
        kept.append(pc)
    return kept


__all__ = ["NO_DATA_WORDS", "PERIOD_EXAMPLES", "PeriodColumn", "looks_like_wide_table",
           "matches", "period_columns", "read_number", "unique_periods"]
