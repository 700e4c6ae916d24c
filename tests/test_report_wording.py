"""Each sentence of the committee report and the plan says something the one before has not
(issue 13): the table of late actions is introduced by what it adds (their statuses), not by
the overdue count again; the off-target lines by what they give, not the count again; the
plan prints no empty "Target dates moved later" section."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import docx
from click.testing import CliRunner
from conftest import ACTION_HEADERS, INPUTS, action_row

from pipeline.cli import main

PLAN = INPUTS / "childrens-services-improvement-plan.xlsx"


def _texts(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def _make(args: list[str], out: Path) -> list[str]:
    result = CliRunner().invoke(main, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return _texts(out)


def test_the_report_summary_counts_the_overdue_actions_once(tmp_path: Path) -> None:
    texts = _make(["report", str(PLAN), "--indicators",
                   str(INPUTS / "performance-indicators.xlsx")], tmp_path / "report.docx")
    section = [t for t in texts if t.startswith("4.")]
    assert "4.3 Eight actions were due before 30 July 2013 and are not complete." in section
    assert ("4.4 By status, the eight overdue actions are five behind schedule, one at risk and "
            "two still marked on track; the table gives each one's lead, target date and "
            "latest progress:") in section
    assert not any("behind schedule or overdue:" in t for t in section)
    # The indicator count is in 4.5; the lead-in to the off-target line says what it gives.
    assert ("4.6 The indicator off target, against its target and the period before:"
            in section)
    assert sum("is off target" in t for t in section) == 0


def _plan(make_workbook: Callable[..., Path], rows: list[list[object]]) -> Path:
    return make_workbook({"Details": [["As at", dt.date(2013, 7, 31)]],
                          "Actions": [ACTION_HEADERS, *rows]}, name="plan.xlsx")


def test_behind_schedule_actions_not_yet_due_are_told_apart(
    make_workbook: Callable[..., Path], tmp_path: Path
) -> None:
    book = _plan(make_workbook, [
        action_row("Late one", "Behind schedule", priority="1", ref="R1",
                   recommendation="First", target="30/06/2013"),
        action_row("Late two", "On track", target="30/05/2013"),
        action_row("Behind, not due", "Behind schedule", target="30/11/2013"),
    ])
    texts = _make(["briefing", str(book)], tmp_path / "briefing.docx")
    assert "Two actions were due before 31 July 2013 and are not complete." in texts
    assert ("The two overdue actions and one more behind schedule but not yet due are listed "
            "below (two behind schedule and one still marked on track), with each one's lead, "
            "target date and latest progress:") in texts


def test_only_behind_schedule_and_none_overdue(
    make_workbook: Callable[..., Path], tmp_path: Path
) -> None:
    book = _plan(make_workbook, [
        action_row("Behind, not due", "Behind schedule", priority="1", ref="R1",
                   recommendation="First", target="30/11/2013"),
        action_row("Fine", "On track", target="30/11/2013"),
    ])
    texts = _make(["briefing", str(book)], tmp_path / "briefing.docx")
    assert "No actions are overdue at 31 July 2013." in texts
    assert ("One action is behind schedule, though it is not past its target date yet; the "
            "table gives its lead, target date and latest progress:") in texts


def test_the_plan_has_no_empty_moved_dates_section(
    make_workbook: Callable[..., Path], tmp_path: Path
) -> None:
    texts = _make(["plan", str(PLAN)], tmp_path / "plan.docx")
    assert "Target dates moved later" not in texts
    assert not any("has moved later" in t for t in texts)
    assert ("The plan has 52 actions against 27 recommendations in eight priorities. "
            "No target dates have moved.") in texts


def test_a_slip_keeps_its_section_and_the_summary_does_not_deny_it(
    make_workbook: Callable[..., Path], tmp_path: Path
) -> None:
    book = make_workbook({"Details": [["As at", dt.date(2013, 7, 31)]], "Actions": [
        [*ACTION_HEADERS, "Revised target date"],
        [*action_row("Moved", "On track", priority="1", ref="R1", recommendation="First",
                     target="30/06/2013"), "30/09/2013"],
    ]}, name="moved.xlsx")
    texts = _make(["plan", str(book)], tmp_path / "plan.docx")
    assert "Target dates moved later" in texts
    assert not any("No target dates have moved" in t for t in texts)
