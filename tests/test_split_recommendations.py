"""A recommendation listed under two priorities is one recommendation the committee agreed:
`committee check`, the plan's summary and the plan's "N in, N written" line all count it
once, and each says it appears twice (issue 19 item 11)."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
from click.testing import CliRunner
from conftest import ACTION_HEADERS, action_row

from pipeline.cli import main
from pipeline.reader import read_workbook
from pipeline.render.counts import count_written_plan


def _split_plan(make_workbook: Callable[..., Path], *, empty_place: bool = False) -> Path:
    rows = [
        ACTION_HEADERS,
        action_row("First", priority="1. Safety", ref="R1", recommendation="Improve assessments"),
        action_row("Second", priority="1. Safety", ref="R2", recommendation="Train staff"),
        action_row("Third", priority="2. Quality", ref="R1", recommendation="Improve assessments"),
    ]
    if empty_place:  # R1 listed again under a third priority with no action there
        rows.append([("3. Leadership"), "R1", "Improve assessments"] + [None] * 9)
    return make_workbook({"Details": [["As at", "31/07/2013"]], "Actions": rows},
                         name="plan.xlsx")


def test_check_counts_a_split_recommendation_once_and_says_where_it_is(
    make_workbook: Callable[..., Path],
) -> None:
    source = _split_plan(make_workbook)
    result = CliRunner().invoke(main, ["check", str(source)])
    assert result.exit_code == 0, result.output
    assert ("improvement plan: 2 priorities, 2 recommendations (R1 appears under two "
            "priorities), 3 actions (3 Complete)") in result.output
    assert "row 4, column 'Ref': R1 appears under two priorities: under Priority 1: Safety " \
           "(row 2) and under Priority 2: Quality (row 4). It is counted once" in result.output
    data = json.loads(CliRunner().invoke(main, ["check", "--format", "json",
                                                str(source)]).output)
    entry = data["files"][0]
    assert entry["counts"]["recommendations"] == 2


def test_plan_summary_and_written_line_count_it_once(
    make_workbook: Callable[..., Path], tmp_path: Path
) -> None:
    source = _split_plan(make_workbook)
    out = tmp_path / "plan.docx"
    result = CliRunner().invoke(main, ["plan", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "3 actions and 2 recommendations in, 3 and 2 written" in result.output
    doc = docx.Document(str(out))
    texts = [p.text for p in doc.paragraphs]
    assert ("The plan has three actions against two recommendations in two priorities; "
            "R1 appears under two priorities. No target dates have moved.") in texts
    # Printed in both places, each with its own actions.
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert headings.count("R1: Improve assessments") == 2


def test_a_place_with_no_actions_is_not_a_recommendation_with_no_actions(
    make_workbook: Callable[..., Path], tmp_path: Path
) -> None:
    source = _split_plan(make_workbook, empty_place=True)
    result = CliRunner().invoke(main, ["check", str(source)])
    assert "2 recommendations (R1 appears under three priorities), 3 actions" in result.output
    out = tmp_path / "plan.docx"
    made = CliRunner().invoke(main, ["plan", str(source), "-o", str(out)])
    assert "3 actions and 2 recommendations in, 3 and 2 written" in made.output
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "Every recommendation has at least one action." in texts


def test_read_back_misses_a_split_recommendation_when_one_of_its_places_is_lost(
    make_workbook: Callable[..., Path], tmp_path: Path
) -> None:
    source = _split_plan(make_workbook)
    out = tmp_path / "plan.docx"
    assert CliRunner().invoke(main, ["plan", str(source), "-o", str(out)]).exit_code == 0
    plan = read_workbook(source).plan
    assert plan is not None
    assert count_written_plan(out, plan)["recommendations"] == 2
    # Rename the second R1 heading: R1 is no longer printed in both its places.
    damaged = tmp_path / "damaged.docx"
    with zipfile.ZipFile(out) as zin, zipfile.ZipFile(damaged, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                last = text.rindex("R1: Improve assessments")
                text = text[:last] + "R9: Improve assessments" + text[last + 23:]
                data = text.encode("utf-8")
            zout.writestr(item, data)
    assert count_written_plan(damaged, plan)["recommendations"] == 1


def test_actions_with_no_recommendation_under_several_priorities_are_not_one_split(
    make_workbook: Callable[..., Path],
) -> None:
    """Priorities whose actions name no recommendation: blank is not a shared name, so no
    "'' appears under two priorities" warning and no merging of their places."""
    rows = [
        ACTION_HEADERS,
        action_row("First", priority="1. Safety"),
        action_row("Second", priority="2. Quality"),
    ]
    source = make_workbook({"Details": [["As at", "31/07/2013"]], "Actions": rows},
                           name="plan.xlsx")
    result = read_workbook(source)
    assert not [w.message for w in result.report.warnings if "appears under" in w.message]
    check = CliRunner().invoke(main, ["check", str(source)])
    assert "appears under" not in check.output
