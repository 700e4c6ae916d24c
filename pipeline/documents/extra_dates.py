"""A document's extra workbooks checked against its meeting: the indicators' latest
figures and as-at date, and the cabinet response update's position and update meeting,
should be from before the meeting and not more than six months before it. Each one that is
not is a located warning in that workbook's report, from every command that takes them
(`committee report|briefing|exceptions --indicators ...`, `committee report --response
...`): one function, so that each command warns alike."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.documents.formatting import format_date_value
from pipeline.documents.report_subject import response_is_update
from pipeline.domain.model import DateValue, Details

if TYPE_CHECKING:
    from pipeline.reader import WorkbookResult

FAR_BEFORE_MONTHS = 6


def _months_before(day: dt.date, months: int) -> dt.date:
    month = day.month - months
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return dt.date(year, month, min(day.day, 28))


def _a(what: str) -> str:
    return f"{'an' if what[:1] in 'aeiou' else 'a'} {what}"


def _meeting_said(main: WorkbookResult, what: str) -> str:
    d = main.details
    where = [Path(main.path).name]
    if d.sheet:
        where.append(f"sheet {d.sheet!r}")
        if "meeting_date" in d.rows:
            where.append(f"row {d.rows['meeting_date']}, column B")
    return (f"the meeting of {format_date_value(d.meeting_date)} this {what} is for (its "
            f"Meeting date, {', '.join(where)})")


def _check(
    other: WorkbookResult, main: WorkbookResult, meeting: dt.date, what: str,
    first: dt.date, last: dt.date, where: dict[str, object], option: str, document: str,
) -> None:
    """Warn in `other` when `what` (first..last) began after the meeting or ended more
    than six months before it (`document`: "committee report", "briefing")."""
    if first > meeting:
        when = "after"
    elif last < _months_before(meeting, FAR_BEFORE_MONTHS):
        when = f"more than {FAR_BEFORE_MONTHS} months before"
    else:
        return
    other.report.warning(
        "constraint-error",
        f"{what} is {when} {_meeting_said(main, document)}; {_a(document)} is expected to show "
        f"figures from before its meeting, and not more than {FAR_BEFORE_MONTHS} months "
        f"before it. Check that {option} names the workbook for this meeting, or correct the "
        "Meeting date.",
        **where,
    )


def _details_where(details: Details, key: str) -> dict[str, object]:
    if not details.sheet or key not in details.rows:
        return {}
    return {"sheet": details.sheet, "row": details.rows[key], "column": "B"}


def _date_check(
    other: WorkbookResult, main: WorkbookResult, meeting: dt.date, label: str,
    value: DateValue | None, key: str, option: str, document: str,
) -> None:
    if value is None or value.date is None:
        return
    last = value.due_by() or value.date
    _check(other, main, meeting, f"{label} ({format_date_value(value)})", value.date, last,
           _details_where(other.details, key), option, document)


def warn_out_of_date_extras(document: str, main: WorkbookResult,
                            others: dict[str, WorkbookResult]) -> None:
    """The --indicators and --response workbooks of a `document` ("committee report",
    "briefing", "exception report") against its Meeting date."""
    meeting_value = main.details.meeting_date
    if meeting_value is None or meeting_value.date is None:
        return
    meeting = meeting_value.date
    indicators = others.get("indicators")
    if indicators is not None and indicators.indicators is not None:
        _date_check(indicators, main, meeting, "The indicators' As at date",
                    indicators.details.as_at, "as_at", "--indicators", document)
        points = [o for i in indicators.indicators.indicators for o in i.series
                  if o.value is not None]
        if points:
            latest = max(points, key=lambda o: o.period)
            where: dict[str, object] = {"value": latest.period.label}
            if latest.source is not None:
                where |= {"sheet": latest.source.sheet, "row": latest.source.row}
            _check(indicators, main, meeting,
                   f"The latest period with indicator figures ({latest.period.label})",
                   latest.period.start, latest.period.end, where, "--indicators", document)
    response = others.get("response")
    if response is not None and response.response is not None and response_is_update(
            main.details, response.response):
        given = response.details
        _date_check(response, main, meeting, "The cabinet response update's As at date",
                    given.as_at, "as_at", "--response", document)
        _date_check(response, main, meeting, "The cabinet response update's Update date",
                    given.update_date, "update_date", "--response", document)


__all__ = ["FAR_BEFORE_MONTHS", "warn_out_of_date_extras"]
