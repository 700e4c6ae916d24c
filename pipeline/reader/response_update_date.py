"""The warning that a cabinet response's update (its Progress column filled in) cannot say
when it reports: the workbook gives no Update date nor Meeting date."""

from __future__ import annotations

from pipeline.domain.model import ScrutinyResponse
from pipeline.domain.response_rules import update_day
from pipeline.issues import IssueReport
from pipeline.reader.headers import HeaderMatch
from pipeline.reader.raw import RawSheet

_UPDATE_MADE = ("The Progress column is filled in, so an update on the response is made from "
                "it (by the monthly batch, or by committee response --update)")


def warn_no_update_date(
    response: ScrutinyResponse, sheet: RawSheet, header: HeaderMatch, report: IssueReport,
    *, csv: bool,
) -> None:
    """An update (Progress filled in) that cannot say when it reports: a located warning
    whose fix the user can make - a Details row for a workbook; for a CSV (no Details sheet)
    --as-at, or a workbook with a Details sheet. Run after --as-at has been applied."""
    details = response.details
    if not response.has_progress or update_day(details) is not None:
        return
    if csv:
        has_as_at = details.as_at is not None and details.as_at.date is not None
        past = "" if has_as_at else (
            " nor which actions are past their date (for that, give --as-at with the date "
            "the position is given at, e.g. --as-at 31/10/2013)")
        report.warning(
            "missing-cell",
            f"{_UPDATE_MADE}, but a CSV file has no Details sheet to give the Update date (the "
            f"date of the update meeting), so the update cannot say when it reports{past}. To "
            "give that date, save the file as an .xlsx workbook and add a sheet named Details "
            "with 'Update date' in column A and the date in column B.",
            sheet=sheet.name, row=header.row, column=header.header("Progress"),
        )
        return
    blank_row = details.rows.get("update_date") if details.sheet else None
    fix = details.how_to_give("update_date", "Update date", "the date")
    lacks = ("the Details sheet gives no Update date (the date of the update meeting) nor a "
             "Meeting date" if details.sheet else "the workbook has no Details sheet to give "
             "the Update date (the date of the update meeting) or a Meeting date")
    report.warning(
        "missing-cell",
        f"{_UPDATE_MADE}, but {lacks}, "
        "so the update cannot say when it reports or which actions are past their date. To "
        f"give that date, {fix}.",
        sheet=details.sheet or sheet.name,
        row=blank_row if details.sheet else header.row,
        column=("B" if blank_row else None) if details.sheet
        else header.header("Progress"),
    )
