"""The Details sheet's dates must be dates. A Meeting date typed "17/10/2031x" was only a
warning: the committee report printed "On: 17/10/2031x" and the batch filed it under the As
at month. Now every Details date that is not a date (Meeting date, As at, Cabinet date,
Scrutiny report date, Update date) is an error at its cell, saying how to type it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import ACTION_HEADERS, action_row

from pipeline.cli import main
from pipeline.reader import WorkbookResult, read_workbook

Make = Callable[..., Path]
MEETING = [["Title", "Plan"], ["Committee", "Health & Adult Care Scrutiny Committee"],
           ["As at", "30/09/2013"], ["Meeting date", "17/10/2031x"], ["Agenda item", "8"],
           ["Purpose", "To update the Committee."]]


def read(make_workbook: Make, details: list[list[Any]]) -> WorkbookResult:
    actions = [ACTION_HEADERS, action_row(ref="R1", recommendation="Rec")]
    return read_workbook(make_workbook({"Details": details, "Actions": actions}))


def test_a_meeting_date_that_is_not_a_date_is_a_located_error(make_workbook: Make) -> None:
    result = read(make_workbook, MEETING)
    assert [(i.code, i.sheet, i.row, i.column, i.value, i.message)
            for i in result.report.errors] == [(
        "type-error", "Details", 4, "B", "17/10/2031x",
        "Meeting date: '17/10/2031x' is not a date. The Meeting date is printed on the "
        "committee report (\"On: ...\") and the batch files the documents under the "
        "meeting's month, so it must be a date: type it as day/month/year, such as "
        "17/10/2013 (or a month, such as October 2013), or leave it blank if it is not yet "
        "known.")]
    # said once: not also "no Meeting date, so no committee report is made"
    assert [i for i in result.report.warnings if i.sheet == "Details"] == []


@pytest.mark.parametrize(("key", "says"), [
    ("As at", "The As at date is the date the statuses and figures describe"),
    ("Cabinet date", "The Cabinet date is printed on the response"),
    ("Date of cabinet meeting", "The Cabinet date is printed on the response"),
    ("Scrutiny report date", "The Scrutiny report date is printed on the response"),
    ("Update date", "The Update date is printed on the progress update"),
])
def test_every_details_date_that_is_not_a_date_is_an_error(
        make_workbook: Make, key: str, says: str) -> None:
    result = read(make_workbook, [["Title", "Plan"], [key, "TBC"]])
    assert [(i.code, i.sheet, i.row, i.column) for i in result.report.errors] == [
        ("type-error", "Details", 2, "B")]
    message = result.report.errors[0].message
    assert message.startswith(f"{key}: 'TBC' is not a date. {says}")
    assert message.endswith("or leave it blank if it is not yet known.")


def test_an_as_at_that_is_not_a_date_is_not_also_replaced_by_today(
        make_workbook: Make) -> None:
    result = read(make_workbook, [["Title", "Plan"], ["As at", "Quarter 2"]])
    assert [(i.row, i.column) for i in result.report.errors] == [(2, "B")]
    assert not [i for i in result.report.warnings if "as at today" in i.message]


def test_a_blank_meeting_date_is_said_at_its_row(make_workbook: Make) -> None:
    """Left blank (not yet known), the Meeting date is no error; the warning that no
    committee report is made says where to type it (it was not said at all)."""
    details = [row if row[0] != "Meeting date" else ["Meeting date", None] for row in MEETING]
    result = read(make_workbook, details)
    assert result.report.errors == []
    assert [(i.code, i.row, i.column, i.message) for i in result.report.warnings] == [(
        "missing-cell", 4, "B",
        "The Details give Agenda item and Purpose, as a committee report's do, but no "
        "Meeting date, so no committee report (and no agenda pack) is made from this "
        "workbook. To make one, type its value in column B of row 4, beside 'Meeting date'.")]


def test_real_dates_and_months_are_still_read(make_workbook: Make) -> None:
    details = [["Meeting date", "17/10/2013"], ["As at", "September 2013"],
               ["Cabinet date", "27th June 2013"]]
    result = read(make_workbook, details)
    assert result.report.errors == []
    d = result.details
    assert (d.meeting_date.text, d.as_at.text, d.cabinet_date.text) == (  # type: ignore
        "17/10/2013", "September 2013", "27th June 2013")


def test_check_and_report_refuse_a_meeting_date_that_is_not_a_date(
        make_workbook: Make, tmp_path: Path) -> None:
    """What the officer saw: check "valid", and a report saying "On: 17/10/2031x"."""
    actions = [ACTION_HEADERS, action_row(ref="R1", recommendation="Rec")]
    path = make_workbook({"Details": MEETING, "Actions": actions})
    check = CliRunner().invoke(main, ["check", str(path)])
    assert check.exit_code == 1
    assert check.output.splitlines()[1].startswith(
        "  Error: sheet 'Details', row 4, column 'B': Meeting date: '17/10/2031x' is not a "
        "date.")
    out = tmp_path / "report.docx"
    report = CliRunner().invoke(main, ["report", str(path), "-o", str(out)])
    assert report.exit_code == 1
    assert not out.exists()
