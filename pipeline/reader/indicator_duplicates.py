"""The same indicator on two rows (one code, or one title when there is no code).

Whatever the sheet is called (an Indicators sheet, a Values sheet read on its own, a wide
table such as Bury's, a CSV file), both rows are printed, as the workbook gives them, with a
warning at the second naming both rows; when the two rows' own figures differ for a period,
it is an error naming both rows and the period, as the report would show the committee two
figures for one indicator.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.domain.model import Indicator
from pipeline.issues import IssueReport
from pipeline.text import one_line

# (id of the indicator, period start, period end) -> (the figure as shown, its column header)
Shown = dict[tuple[int, object, object], tuple[str, str]]


@dataclass
class Duplicate:
    """A row repeating an indicator of an earlier row."""

    first: Indicator
    first_row: int
    again: Indicator
    row: int
    sheet: str
    column: str  # the header of the code or title column, as written
    what: str  # "code 'NI059'" or "title 'CiN Visits ...'"


def _own_figures(
    indicator: Indicator, sheet: str, row: int, shown: Shown
) -> dict[tuple[object, object], tuple[str, str]]:
    """The figures the indicator's own row gives (not those of a Values sheet's rows)."""
    return {
        (o.period.start, o.period.end): shown.get(
            (id(indicator), o.period.start, o.period.end), ("", ""))
        for o in indicator.series
        if o.source is not None and (o.source.sheet, o.source.row) == (sheet, row)
    }


def report_duplicates(report: IssueReport, duplicates: list[Duplicate], shown: Shown) -> None:
    """A warning for each repeated indicator, or an error when its figures differ."""
    for d in duplicates:
        first = _own_figures(d.first, d.sheet, d.first_row, shown)
        again = _own_figures(d.again, d.sheet, d.row, shown)
        labels = {(o.period.start, o.period.end): o.period.label for o in d.again.series}
        differ = [key for key in again if key in first and first[key][0] != again[key][0]]
        name = one_line(d.first.code or d.first.title)
        if not differ:
            same = ", with the same figures" if first and again else ""
            report.warning(
                "unique-error",
                f"Rows {d.first_row} and {d.row} are the same indicator ({d.what}{same}). "
                "Both are reported; delete the one that was copied by mistake.",
                value=name, sheet=d.sheet, row=d.row, column=d.column,
            )
            continue
        key = differ[0]
        both = (f"{_figure(first[key][0])} in row {d.first_row}, {_figure(again[key][0])} in "
                f"row {d.row}")
        more = len(differ) - 1
        others = f" (and {more} other period{'s' if more > 1 else ''})" if more else ""
        report.error(
            "unique-error",
            f"Rows {d.first_row} and {d.row} are the same indicator ({d.what}), but give "
            f"different figures for {labels[key]} ({both}){others}, so the report would show "
            "the committee two figures for one indicator. Delete the row that is wrong; if "
            "they are different indicators, give each its own title (or code).",
            value=again[key][0] or None, sheet=d.sheet, row=d.row,
            column=again[key][1] or d.column,
        )


def _figure(text: str) -> str:
    return repr(text) if text else "nothing"


__all__ = ["Duplicate", "Shown", "report_duplicates"]
