"""`committee report --indicators ... --response ...`: an extra workbook whose figures are
from after the meeting, or more than six months before it, is a located warning (and the
same from the briefing and the exception report, which print indicators too); the
response appendix is named as it is (the update); the off-target line introduces bullets,
not paragraphs numbered on their own. Read back with python-docx."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner
from conftest import ACTION_HEADERS, action_row

from pipeline.cli import main

MEETING = ("the meeting of 15 August 2013 this committee report is for (its Meeting date, "
           "plan.xlsx, sheet 'Details', row 3, column B); a committee report is expected to "
           "show figures from before its meeting, and not more than 6 months before it.")


def plan(make_workbook: Any) -> Path:
    return make_workbook({
        "Details": [["Title", "Improvement Plan"], ["Committee", "Scrutiny"],
                    ["Meeting date", "15/08/2013"]],
        "Actions": [ACTION_HEADERS, action_row("Review the weekly reports", "Complete")],
    }, name="plan.xlsx")


def indicators(make_workbook: Any, months: list[str]) -> Path:
    return make_workbook({
        "Indicators": [["Code", "Title", "Polarity", "Unit", "Target"],
                       ["REP01", "Repeat referrals", "Low", "%", 22],
                       ["NI059", "Assessments on time", "High", "%", 80]],
        "Values": [["Code", *months], ["REP01", 25, 33.5], ["NI059", 81, 82]],
    }, name="pis.xlsx")


def response(make_workbook: Any) -> Path:
    return make_workbook({
        "Details": [["Scrutiny report", "Children in Care Placement Strategy"],
                    ["Date of cabinet meeting", "27/06/2013"], ["Update date", "14/11/2013"],
                    ["As at", "31/10/2013"]],
        "Recommendations": [
            ["Number", "Theme", "Recommendation", "Response", "Action", "Action date",
             "Responsible", "Progress"],
            ["1", "Corporate Parents", "Hold briefings", "Accepted", "Agreed.", "March 2013",
             "Karen Perry", "Held in March."],
        ],
    }, name="response.xlsx")


def report(tmp_path: Path, *args: str) -> tuple[docx.Document, str]:
    out = tmp_path / "report.docx"
    result = CliRunner().invoke(main, ["report", *args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return docx.Document(str(out)), result.output


def test_indicators_from_after_the_meeting_are_a_located_warning(
    make_workbook: Any, tmp_path: Path
) -> None:
    _, output = report(tmp_path, str(plan(make_workbook)), "--indicators",
                       str(indicators(make_workbook, ["Oct 2018", "Nov 2018"])))
    assert (
        "pis.xlsx:\n    Warning: sheet 'Values', row 2: The latest period with indicator "
        f"figures (Nov 2018) is after {MEETING} Check that --indicators names the workbook "
        "for this meeting, or correct the Meeting date."
    ) in output


def test_indicators_long_before_the_meeting_are_a_located_warning(
    make_workbook: Any, tmp_path: Path
) -> None:
    _, output = report(tmp_path, str(plan(make_workbook)), "--indicators",
                       str(indicators(make_workbook, ["Dec 2012", "Jan 2013"])))
    assert (
        "Warning: sheet 'Values', row 2: The latest period with indicator figures (Jan 2013) "
        f"is more than 6 months before {MEETING}"
    ) in output


@pytest.mark.parametrize(("command", "document", "a"), [
    ("briefing", "briefing", "a briefing"), ("exceptions", "exception report",
                                             "an exception report")])
def test_every_command_printing_indicators_warns_of_old_figures(
    make_workbook: Any, tmp_path: Path, command: str, document: str, a: str
) -> None:
    """The briefing and the exception report print the indicators' figures beside the plan:
    figures from long before the meeting are said, as the committee report says them."""
    out = tmp_path / f"{command}.docx"
    result = CliRunner().invoke(main, [command, str(plan(make_workbook)), "--indicators",
                                       str(indicators(make_workbook, ["Aug 2011", "Sep 2011"])),
                                       "-o", str(out)])
    assert result.exit_code == 0, result.output
    meeting = (f"the meeting of 15 August 2013 this {document} is for (its Meeting date, "
               f"plan.xlsx, sheet 'Details', row 3, column B); {a} is expected to show figures "
               "from before its meeting, and not more than 6 months before it.")
    assert (
        "pis.xlsx:\n    Warning: sheet 'Values', row 2: The latest period with indicator "
        f"figures (Sep 2011) is more than 6 months before {meeting} Check that --indicators "
        "names the workbook for this meeting, or correct the Meeting date."
    ) in result.stderr


@pytest.mark.parametrize("command", ["briefing", "exceptions"])
def test_indicators_for_the_meeting_pass_quietly_in_every_command(
    make_workbook: Any, tmp_path: Path, command: str
) -> None:
    result = CliRunner().invoke(main, [command, str(plan(make_workbook)), "--indicators",
                                       str(indicators(make_workbook, ["Jun 2013", "Jul 2013"])),
                                       "-o", str(tmp_path / "d.docx")])
    assert result.exit_code == 0, result.output
    assert "is expected to show figures from before its meeting" not in result.output


def test_indicators_for_the_meeting_pass_quietly(make_workbook: Any, tmp_path: Path) -> None:
    _, output = report(tmp_path, str(plan(make_workbook)), "--indicators",
                       str(indicators(make_workbook, ["Jun 2013", "Jul 2013"])))
    assert "this committee report is for" not in output


def test_a_response_update_from_after_the_meeting_is_warned_and_named_as_the_update(
    make_workbook: Any, tmp_path: Path
) -> None:
    doc, output = report(tmp_path, str(plan(make_workbook)), "--response",
                         str(response(make_workbook)))
    assert (
        "Warning: sheet 'Details', row 4, column 'B': The cabinet response update's As at date "
        f"(31 October 2013) is after {MEETING} Check that --response names the workbook for "
        "this meeting, or correct the Meeting date."
    ) in output
    assert (
        "Warning: sheet 'Details', row 3, column 'B': The cabinet response update's Update "
        "date (14 November 2013) is after"
    ) in output
    assert ("Appendix B – Update on the Cabinet response to scrutiny recommendations: 1 "
            "recommendation in, 1 written") in output
    texts = [p.text for p in doc.paragraphs]
    listed = [t for t in texts if t.endswith("Appendix B – Update on the Cabinet response to "
                                             "scrutiny recommendations")]
    assert len(listed) == 2  # in the list of appendices, and the appendix's own heading
    assert "Cabinet response to scrutiny recommendations" not in " ".join(
        t for t in texts if "Appendix B" in t).replace("Update on the Cabinet", "")


def test_the_off_target_line_introduces_bullets(make_workbook: Any, tmp_path: Path) -> None:
    doc, _ = report(tmp_path, str(plan(make_workbook)), "--indicators",
                    str(indicators(make_workbook, ["Jun 2013", "Jul 2013"])))
    paragraphs = [(p.style.name, p.text) for p in doc.paragraphs]
    (at,) = [i for i, (_, t) in enumerate(paragraphs)
             if t.endswith("The indicator off target, against its target and the period "
                           "before:")]
    style, text = paragraphs[at + 1]
    assert style == "List Bullet"
    assert text.startswith("REP01 – Repeat referrals was 33.5% in Jul 2013")
