"""Slippage (issue 15): original and revised target dates, the re-dated action, and the
briefing's "Target dates moved" list, from the workbook's columns or the previous report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.documents.briefing import MOVED_HEADERS, target_dates_sentence
from pipeline.domain.model import Action, DateValue
from pipeline.domain.slippage import Slip, first_sentence
from pipeline.reader import read_workbook

HEADERS = ["Ref", "Recommendation", "Action", "Lead", "Target date", "Progress", "Status"]
REASON = "Delayed by the national guidance, published in April."


def details(meeting: str, as_at: str) -> list[list[Any]]:
    return [["Title", "Children's Services Improvement Plan"],
            ["Organisation", "Telford & Wrekin Council"],
            ["Committee", "CYP Scrutiny Committee"],
            ["Meeting date", meeting], ["As at", as_at], ["Next steps", "Report again."]]


def june_rows(r3_target: str = "June 2013", extra: list[Any] | None = None) -> list[list[Any]]:
    """Five actions due in June 2013, none complete; R3's target date as given."""
    rows = []
    for n in range(1, 6):
        target = r3_target if n == 3 else "June 2013"
        progress = (f"{REASON} A draft is being piloted.\nSecond line." if n == 3
                    else "Under way.")
        rows.append([f"R{n}", f"Recommendation {n}", f"Action {n} & <review>", "Ann Smith",
                     target, progress, "On track", *(extra[n - 1:n] if extra else [])])
    return rows


def write(path: Path, rows: list[list[Any]], meeting: str = "15/08/2013",
          as_at: str = "30/07/2013", headers: list[str] = HEADERS) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Actions"
    ws.append(headers)
    for r in rows:
        ws.append(r)
    sheet = wb.create_sheet("Details")
    for r in details(meeting, as_at):
        sheet.append(r)
    wb.save(path)
    return path


def texts(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def table(path: Path, headers: tuple[str, ...]) -> list[list[str]]:
    for t in docx.Document(str(path)).tables:
        if tuple(c.text for c in t.rows[0].cells) == headers:
            return [[c.text for c in r.cells] for r in t.rows[1:]]
    raise AssertionError(f"no table headed {headers}")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_revised_target_date_column_is_the_date_in_force(tmp_path: Path) -> None:
    path = write(tmp_path / "plan.xlsx", june_rows(extra=[None, None, "September 2013", None,
                                                         None]),
                 headers=[*HEADERS, "Revised date"])
    result = read_workbook(path)
    assert result.report.ok, result.report.errors
    assert result.plan is not None
    r3 = result.plan.actions[2]
    assert r3.target_date is not None and r3.target_date.text == "September 2013"
    assert r3.original_date is not None and r3.original_date.text == "June 2013"
    assert result.plan.actions[0].original_date is None


def test_original_target_date_column_gives_the_earlier_date(tmp_path: Path) -> None:
    rows = june_rows(r3_target="September 2013", extra=[None, None, "June 2013", "June 2013",
                                                        None])
    path = write(tmp_path / "plan.xlsx", rows, headers=[*HEADERS, "Baseline date"])
    plan = read_workbook(path).plan
    assert plan is not None
    r3, r4 = plan.actions[2], plan.actions[3]
    assert (r3.target_date.text, r3.original_date.text) == ("September 2013", "June 2013")  # type: ignore[union-attr]
    assert r4.original_date is None  # the same date twice has not moved


def test_plan_shows_the_slip_and_counts_it(tmp_path: Path, runner: CliRunner) -> None:
    path = write(tmp_path / "plan.xlsx", june_rows(extra=[None, None, "September 2013", None,
                                                         None]),
                 headers=[*HEADERS, "Revised target date"])
    out = tmp_path / "plan.docx"
    result = runner.invoke(main, ["plan", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    paras = texts(out)
    assert "One action has slipped: its target date has moved later than first planned." in paras
    assert ("Four actions were due before 30 July 2013 and are not complete:") in paras
    assert (
        "One more action was due before 30 July 2013 on its original target date but has a "
        "new target date, so it is not counted as overdue: R3."
    ) in paras
    slipped = table(out, ("Ref", "Action", "Original target date", "Target date now",
                          "Slipped by", "Status"))
    assert slipped == [["R3", "Action 3 & <review>", "June 2013", "September 2013", "3 months",
                        "On track"]]
    doc = docx.Document(str(out))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert "September 2013 (was June 2013)" in cells


def test_redated_action_never_vanishes_from_the_briefing(tmp_path: Path,
                                                         runner: CliRunner) -> None:
    """Issue 15's scenario: R3 moved from June to September 2013 in a copy of the plan."""
    path = write(tmp_path / "aug.xlsx", june_rows(extra=[None, None, "September 2013", None,
                                                        None]),
                 headers=[*HEADERS, "New target date"])
    out = tmp_path / "briefing.docx"
    result = runner.invoke(main, ["briefing", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    paras = texts(out)
    assert "One action has a new target date." in paras
    assert "Four actions were due before 30 July 2013 and are not complete." in paras
    assert (
        "One more action was due before 30 July 2013 on its original target date but has a "
        "new target date, so it is not counted as overdue: R3."
    ) in paras
    assert "Target dates moved" in paras
    assert table(out, MOVED_HEADERS) == [
        ["R3", "Action 3 & <review>", "June 2013", "September 2013", REASON],
    ]


def test_previous_report_gives_the_earlier_date(tmp_path: Path, runner: CliRunner) -> None:
    """Without date columns, the previous report's plan says R3 was due in June 2013."""
    before = write(tmp_path / "jul.xlsx", june_rows(), meeting="16/07/2013",
                   as_at="30/06/2013")
    after = write(tmp_path / "aug.xlsx", june_rows(r3_target="September 2013"))
    out = tmp_path / "briefing.docx"
    result = runner.invoke(main, ["briefing", str(after), "--previous", str(before),
                                  "-o", str(out)])
    assert result.exit_code == 0, result.output
    paras = texts(out)
    assert "One action has a new target date since the last report (16 July 2013)." in paras
    assert "Target dates moved since the last report (16 July 2013)" in paras
    assert "Four actions were due before 30 July 2013 and are not complete." in paras
    assert any(p.startswith("One more action was due before 30 July 2013") for p in paras)
    assert table(out, MOVED_HEADERS) == [
        ["R3", "Action 3 & <review>", "June 2013", "September 2013", REASON],
    ]
    late = [r for r in table(out, ("Ref", "Action and recommendation", "Lead and target date",
                                   "Progress", "Status"))]
    assert [r[0] for r in late] == ["R1", "R2", "R4", "R5"]


def test_no_moves_since_the_last_report_is_said(tmp_path: Path, runner: CliRunner) -> None:
    before = write(tmp_path / "jul.xlsx", june_rows(), meeting="16/07/2013")
    after = write(tmp_path / "aug.xlsx", june_rows())
    out = tmp_path / "briefing.docx"
    result = runner.invoke(main, ["briefing", str(after), "--previous", str(before),
                                  "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "No action has a new target date since the last report (16 July 2013)." in texts(out)


def test_slip_lengths_and_sentences() -> None:
    def dv(text: str, d: dt.date, precision: str) -> DateValue:
        return DateValue(text, d, precision)  # type: ignore[arg-type]

    action = Action("R1", "x", "on_track")
    months = Slip(action, dv("June 2013", dt.date(2013, 6, 1), "month"),
                  dv("September 2013", dt.date(2013, 9, 1), "month"))
    assert months.length == "3 months"
    days = Slip(action, dv("30/06/2013", dt.date(2013, 6, 30), "day"),
                dv("01/07/2013", dt.date(2013, 7, 1), "day"))
    assert days.length == "1 day"
    assert target_dates_sentence(2) == "Two actions have new target dates."
    assert target_dates_sentence(1, "the last report (16 July 2013)") == (
        "One action has a new target date since the last report (16 July 2013)."
    )
    assert first_sentence("Put back to October. Planning is under way.") == "Put back to October."
    assert first_sentence("Date moved, e.g. to October\nmore") == "Date moved, e.g. to October"
    assert first_sentence("  ") == ""


def test_plan_with_previous_shows_the_earlier_date_and_counts_the_slip(
    tmp_path: Path, runner: CliRunner
) -> None:
    """Issue 15 item 1: `committee plan --previous`: without date columns, the last report's
    plan says R3 was due in June 2013."""
    before = write(tmp_path / "jul.xlsx", june_rows(), meeting="16/07/2013",
                   as_at="30/06/2013")
    after = write(tmp_path / "aug.xlsx", june_rows(r3_target="September 2013"))
    out = tmp_path / "plan.docx"
    result = runner.invoke(main, ["plan", str(after), "--previous", str(before),
                                  "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"Wrote {out}", "5 actions and 5 recommendations in, 5 and 5 written"]
    rows = [dict(zip([c.text for c in t.rows[0].cells], [c.text for c in r.cells],
                     strict=True)) for t in docx.Document(str(out)).tables
            for r in t.rows if r.cells[0].text == "Action 3 & <review>"]
    assert [r["Target date"] for r in rows] == ["September 2013 (was June 2013)"]
    paras = texts(out)
    assert "One action has slipped: its target date has moved later than first planned." in paras
    assert "Four actions were due before 30 July 2013 and are not complete:" in paras
    assert table(out, ("Ref", "Action", "Original target date", "Target date now",
                       "Slipped by", "Status")) == [
        ["R3", "Action 3 & <review>", "June 2013", "September 2013", "3 months", "On track"]]
    # Without --previous the same workbook has nothing to say about R3's date.
    alone = tmp_path / "alone.docx"
    assert runner.invoke(main, ["plan", str(after), "-o", str(alone)]).exit_code == 0
    alone_texts = texts(alone)
    assert "Target dates moved later" not in alone_texts
    assert any(t.endswith("No target dates have moved.") for t in alone_texts)


def test_plan_with_a_bad_previous_workbook_names_each_workbook(
    tmp_path: Path, runner: CliRunner
) -> None:
    """With two workbooks given, the headline names each one's problems and lists them under
    its file; with one, it reads as for any single-workbook document."""
    before = write(tmp_path / "jul.xlsx", [["R1", "Rec", "Action", "Ann", "June 2013", "",
                                            "Purple"]])
    after = write(tmp_path / "aug.xlsx", june_rows())
    out = tmp_path / "plan.docx"
    result = runner.invoke(main, ["plan", str(after), "--previous", str(before),
                                  "-o", str(out)])
    assert result.exit_code == 1 and not out.exists()
    lines = result.stderr.splitlines()
    assert lines[0] == ("Error: The improvement plan cannot be made: jul.xlsx has 1 problem "
                        "to fix. Nothing was written.")
    assert lines[1] == f"  {before}:"
    assert lines[2].startswith("    Error: sheet 'Actions', row 2, column 'Status': 'Purple'")
    alone = runner.invoke(main, ["plan", str(before), "-o", str(out)])
    assert alone.stderr.splitlines()[0] == (
        "Error: jul.xlsx has 1 problem to fix, so the improvement plan cannot be made. "
        "Nothing was written.")


def test_committee_report_with_previous_keeps_the_redated_action(
    tmp_path: Path, runner: CliRunner
) -> None:
    """The committee report's summary and its plan appendix, from `--previous`: R3 typed
    over from June to September 2013 is said to have moved and shows its earlier date."""
    before = write(tmp_path / "jul.xlsx", june_rows(), meeting="16/07/2013",
                   as_at="30/06/2013")
    after = write(tmp_path / "aug.xlsx", june_rows(r3_target="September 2013"))
    out = tmp_path / "report.docx"
    result = runner.invoke(main, ["report", str(after), "--previous", str(before),
                                  "-o", str(out)])
    assert result.exit_code == 0, result.output
    paras = texts(out)

    def said(sentence: str) -> bool:  # the report numbers its paragraphs: "5.2 ..."
        return any(p.split(" ", 1)[-1] == sentence for p in paras)

    assert said("One action has a new target date since the last report (16 July 2013).")
    assert said("Four actions were due before 30 July 2013 and are not complete.")
    assert said("One more action was due before 30 July 2013 on its original target date but "
                "has a new target date, so it is not counted as overdue: R3.")
    cells = [c.text for t in docx.Document(str(out)).tables for r in t.rows for c in r.cells]
    assert "September 2013 (was June 2013)" in cells
