"""`committee check`: plain-English and JSON output, exit codes, sample inputs."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ACTION_HEADERS, INPUTS, ROOT, action_row

from pipeline.cli import main

Make = Callable[..., Path]
SAMPLES = sorted(INPUTS.glob("*.xlsx")) + sorted(INPUTS.glob("*.csv"))


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_valid_plan_text_output(make_workbook: Make) -> None:
    rows = [
        ACTION_HEADERS,
        action_row(priority="1", ref="R1", recommendation="Rec one"),
        action_row("Second", status="Behind schedule"),
        [None, "R2", "Rec two", None, None, None, None, None, None, None, None, None],
    ]
    path = make_workbook({"Details": [["As at", "31/07/2013"], ["Next steps", "Report in May."]],
                          "Actions": rows}, name="plan.xlsx")
    code, out = run("check", str(path))
    assert code == 0
    assert out == (
        f"{path}: valid\n"
        "  improvement plan: 1 priority, 2 recommendations (1 with no actions yet), "
        "2 actions (1 Complete, 1 Behind schedule)\n"
    )


def test_a_plan_without_an_as_at_date_warns_naming_the_date_used(make_workbook: Make) -> None:
    import datetime as dt

    rows = [ACTION_HEADERS, action_row(priority="1", ref="R1", recommendation="Rec one")]
    path = make_workbook({"Actions": rows}, name="plan.xlsx")
    code, out = run("check", str(path))
    today = dt.date.today()
    assert code == 0
    assert out.splitlines()[2] == (
        "  Warning: No 'As at' date was given, so the plan is shown as at today, "
        f"{today.day} {today.strftime('%B')} {today.year}, and actions are counted overdue to "
        "that day. To set the date, add a sheet named Details with 'As at' in column A and "
        "the date in column B."  # the workbook has no Details sheet
    )


def test_a_workbook_open_in_excel_is_said_to_be(make_workbook: Make) -> None:
    """Excel's lock file beside it: unsaved changes are not in what was checked."""
    rows = [ACTION_HEADERS, action_row(priority="1", ref="R1", recommendation="Rec one")]
    path = make_workbook({"Details": [["As at", "31/07/2013"]], "Actions": rows},
                         name="plan.xlsx")
    path.with_name("~$plan.xlsx").write_bytes(b"lock")
    code, out = run("check", str(path))
    assert code == 0
    assert out.splitlines()[2] == (
        "  Warning: plan.xlsx is open in Excel (or was not closed); its saved version was "
        "used. Save and close it in Excel if it has changes, then run the command again.")


def test_invalid_plan_text_output_names_row_column_value(make_workbook: Make) -> None:
    rows = [
        ["Plan"],
        ACTION_HEADERS,
        action_row(priority="1", ref="R1", recommendation="Rec"),
        action_row("b", status="Done-ish"),
    ]
    path = make_workbook({"Details": [["Title", "Plan"], ["As at", "July 2013"]],
                          "Actions": rows},
                         name="plan.xlsx")
    code, out = run("check", str(path))
    assert code == 1
    assert out.splitlines() == [
        f"{path}: 1 problem to fix",
        "  Error: sheet 'Actions', row 4, column 'Status': 'Done-ish' is not a status the plan "
        "uses. Use one of: Complete, On track, At risk, Behind schedule, Not started. "
        'Did you mean "Complete"?',
    ]


def test_json_output_shape(make_workbook: Make) -> None:
    rows = [
        ACTION_HEADERS,
        action_row(priority="1", ref="R1", recommendation="Rec"),
        action_row("b", status="Nope"),
        [None, "R2", "Rec two", None, None, None, None, None, None, None, None, None],
    ]
    path = make_workbook({"Details": [["As at", "July 2013"]], "Actions": rows},
                         name="plan.xlsx")
    code, out = run("check", "--format", "json", str(path))
    assert code == 1
    data = json.loads(out)
    (f,) = data["files"]
    assert f["path"] == str(path)
    assert f["kinds"] == ["plan"]
    assert f["valid"] is False
    assert f["counts"]["actions"] == 2
    assert f["counts"]["recommendations"] == 2
    assert f["warnings"] == []
    (err,) = f["errors"]
    assert err == {
        "code": "constraint-error",
        "severity": "error",
        "file": str(path),
        "sheet": "Actions",
        "row": 3,
        "column": "Status",
        "value": "Nope",
        "message": "'Nope' is not a status the plan uses. Use one of: Complete, On track, "
        "At risk, Behind schedule, Not started.",
    }


def test_several_files_one_bad(make_workbook: Make, tmp_path: Path) -> None:
    good = make_workbook(
        {"Actions": [ACTION_HEADERS, action_row(ref="R1", recommendation="R")]}, name="good.xlsx"
    )
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 truncated")
    code, out = run("check", str(good), str(bad))
    assert code == 1
    assert f"{good}: valid" in out
    assert f"{bad}: 1 problem to fix" in out
    assert out.rstrip().endswith("1 of 2 files valid.")
    assert "Traceback" not in out


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_every_sample_input_passes_check(path: Path) -> None:
    code, out = run("check", str(path))
    assert code == 0, out
    assert "Error" not in out


def test_samples_exist() -> None:
    names = {p.name for p in SAMPLES}
    assert {
        "childrens-services-improvement-plan.xlsx",
        "performance-indicators.xlsx",
        "cabinet-response.xlsx",
    } <= names


def test_telford_plan_as_kept_reports_the_right_counts() -> None:
    data = json.loads((ROOT / "tests/data/telford-plan-as-kept.json").read_text())
    code, out = run("check", "--format", "json", str(ROOT / "tests/data/telford-plan-as-kept.xlsx"))
    assert code == 0, out
    (f,) = json.loads(out)["files"]
    assert f["counts"]["actions"] == data["expected_actions"] == 57
    assert f["counts"]["recommendations"] == data["expected_recommendations"]
    assert f["counts"]["priorities"] == data["expected_priorities"]
    assert f["statuses"] == {"Complete": 49, "In Progress on schedule": 3, "Behind Schedule": 5}


def test_help_is_fast_because_heavy_libraries_load_lazily() -> None:
    code = (
        "import sys, pipeline.cli\n"
        "heavy = [m for m in ('pandas', 'docx', 'docxtpl', 'openpyxl', 'matplotlib', 'lxml')"
        " if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_python_dash_m_pipeline_runs() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "pipeline", "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    assert "Usage:" in out.stdout and "check" in out.stdout


def test_json_counts_distinct_refs_as_recommendations(make_workbook: Make) -> None:
    rows = [ACTION_HEADERS,
            action_row("One", priority="1", ref="R4", recommendation="Redesign services"),
            action_row("Two", priority="2", ref="R4", recommendation="Redesign services"),
            [None, "R5", "No actions yet", None, None, None, None, None, None, None, None, None]]
    code, out = run("check", "--format", "json", str(make_workbook({"Actions": rows})))
    assert code == 0, out
    (f,) = json.loads(out)["files"]
    assert f["counts"]["recommendations"] == 2  # R4 (under two priorities) and R5
    assert f["counts"]["actions"] == 2


def _meeting_plan(make_workbook: Make, details: list[list[str]]) -> Path:
    """A plan with all a committee report needs but what `details` leaves out."""
    given = [["Title", "Fostering plan"], ["As at", "31/07/2013"], *details,
             ["Purpose", "To report."], ["Recommendations", "That the Committee notes it."],
             ["Next steps", "Report in May."]]
    rows = [ACTION_HEADERS, action_row(priority="1", ref="R1", recommendation="Rec one")]
    return make_workbook({"Details": given, "Actions": rows}, name="plan.xlsx")


def test_check_warns_of_a_committee_report_with_no_agenda_item(make_workbook: Make) -> None:
    """The batch makes a committee report of a workbook with a Committee and a Meeting date;
    check says it will have no agenda number, as it says of a missing Purpose."""
    path = _meeting_plan(make_workbook, [["Committee", "Scrutiny Board"],
                                         ["Meeting date", "15/08/2013"], ["Agenda item", ""]])
    code, out = run("check", str(path))
    assert code == 0
    assert out == (
        f"{path}: valid\n"
        "  improvement plan: 1 priority, 1 recommendation, 1 action (1 Complete)\n"
        "  Warning: sheet 'Details', row 5, column 'B': The Details sheet gives no Agenda "
        "item, so the committee report has no agenda number, and the meeting's agenda pack "
        "lists it after the numbered items, with no number. To give its number on the agenda, "
        "type its number (such as 7) in column B of row 5, beside 'Agenda item'.\n"
    )


def test_check_says_nothing_of_an_agenda_item_when_no_report_is_made(make_workbook: Make,
                                                                     ) -> None:
    for details in ([["Committee", "Scrutiny Board"], ["Meeting date", "15/08/2013"],
                     ["Agenda item", "7"]],  # given
                    [["Committee", "Scrutiny Board"]]):  # no meeting: no committee report
        path = _meeting_plan(make_workbook, details)
        code, out = run("check", str(path))
        assert code == 0
        assert out.startswith(f"{path}: valid\n  improvement plan: 1 priority, 1 "
                              "recommendation, 1 action (1 Complete)\n")
        assert "no Agenda item" not in out
