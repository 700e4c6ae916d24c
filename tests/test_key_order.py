"""A workbook's own RAG key: its statuses in the key sheet's order, a status the key leaves out
placed by severity (not after the key's rows), and the status percentages adding up to the
Total's 100% (python-docx read-back of the plan and the briefing)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner
from conftest import ACTION_HEADERS, action_row

from pipeline.cli import main
from pipeline.documents.formatting import percentages

KEY = [["Label", "Colour", "Meaning"],
       ["Complete", "Blue", "complete"],
       ["In Progress on schedule", "Green", "on track"],
       ["Behind Schedule", "Red", "behind schedule"]]


def _plan(make_workbook: Any) -> Path:
    statuses = (["Complete"] * 3 + ["In Progress on schedule"] * 2 + ["Behind Schedule"] * 3
                + ["At risk", "Not started"] * 2)
    rows = [ACTION_HEADERS] + [action_row(f"Action {n}", status)
                               for n, status in enumerate(statuses, start=1)]
    return make_workbook({"Actions": rows, "Key to RAG rating": KEY,
                          "Details": [["Title", "Plan"], ["As at", "31/07/2013"]]})


def _tables(path: Path) -> list[list[list[str]]]:
    return [[[c.text for c in r.cells] for r in t.rows] for t in docx.Document(str(path)).tables]


def _made(kind: str, book: Path, out: Path) -> Path:
    result = CliRunner().invoke(main, [kind, str(book), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


def test_key_and_status_table_follow_the_key_then_severity(
    make_workbook: Any, tmp_path: Path
) -> None:
    tables = _tables(_made("plan", _plan(make_workbook), tmp_path / "plan.docx"))
    key = next(t for t in tables if t[0] == ["Status", "Meaning"])
    order = ["Complete", "In Progress on schedule", "At risk", "Behind Schedule", "Not started"]
    assert [row[0] for row in key[1:]] == order
    summary = next(t for t in tables if t[0] == ["Status", "Actions", "Percentage"])
    assert [row[0] for row in summary[1:]] == [*order, "Total"]
    # 3, 2, 2, 3, 2 of 12: 25, 16.7, 16.7, 25, 16.7 -> each rounded on its own (101%)
    shares = [row[2] for row in summary[1:-1]]
    assert shares == ["25%", "17%", "17%", "25%", "17%"]
    assert summary[-1] == ["Total", "12", "100%"]


def test_briefing_says_the_plans_percentage(make_workbook: Any, tmp_path: Path) -> None:
    book = make_workbook({
        "Actions": [ACTION_HEADERS] + [action_row(f"A{n}", s) for n, s in enumerate(
            ["Complete", "On track", "Behind schedule"], start=1)],
        "Details": [["Title", "Plan"], ["As at", "31/07/2013"]],
    })
    plan = _tables(_made("plan", book, tmp_path / "plan.docx"))
    summary = next(t for t in plan if t[0] == ["Status", "Actions", "Percentage"])
    shares = {row[0]: row[2] for row in summary[1:]}
    # equal counts, equal figures (not 33%, 33%, 34%), and a line saying why they add to 99%
    assert [shares[s] for s in ("Complete", "On track", "Behind schedule")] == [
        "33%", "33%", "33%"]
    assert shares["Total"] == "100%"
    texts = [p.text for p in docx.Document(str(tmp_path / "plan.docx")).paragraphs]
    assert "Each percentage is rounded on its own, so they may not add up to 100%." in texts
    briefing = docx.Document(str(_made("briefing", book, tmp_path / "briefing.docx")))
    assert any("one is complete (33%)" in p.text for p in briefing.paragraphs)


@pytest.mark.parametrize(("counts", "shown"), [
    ([3, 2, 3], ["38%", "25%", "38%"]),
    ([1, 1, 1], ["33%", "33%", "33%"]),
    ([5, 3, 3], ["45%", "27%", "27%"]),
    ([5, 5, 3], ["38%", "38%", "23%"]),
    ([299, 1], ["99%", "1%"]),
    ([1, 0, 2], ["33%", "0%", "67%"]),
    ([0, 0], ["0%", "0%"]),
    ([7], ["100%"]),
])
def test_each_percentage_is_rounded_on_its_own(counts: list[int], shown: list[str]) -> None:
    assert percentages(counts) == shown


def test_a_status_the_key_leaves_out_is_warned_of_with_its_rows(make_workbook: Any) -> None:
    """The key lists three statuses; At risk and Not started, used twice each, are printed
    with their standard colours and added to the key, and `check` says so at the key."""
    from pipeline.reader import read_workbook

    report = read_workbook(_plan(make_workbook)).report
    said = {i.value: i for i in report.issues if i.sheet == "Key to RAG rating"}
    assert set(said) == {"At risk", "Not started"}
    at_risk = said["At risk"]
    assert at_risk.severity == "warning" and at_risk.row is None
    assert "does not list the status 'At risk', which 2 actions use (Actions rows 10, 12)" \
        in at_risk.message
    assert "add a row for it to the Key to RAG rating sheet" in at_risk.message
    assert not report.errors


def test_a_misspelt_or_empty_status_is_not_counted_as_a_status_the_key_leaves_out(
    make_workbook: Any,
) -> None:
    """A status that could not be read is an error of its own row: its action's stand-in
    status (Not started) is not a status the row uses, so the key's warning leaves it out,
    and names the rows on the sheet they are on (here "Improvement Plan")."""
    from pipeline.reader import read_workbook

    statuses = ["Complete", "Compelte", "At risk", "", "Behind Schedule"]
    rows = [ACTION_HEADERS] + [action_row(f"Action {n}", status)
                               for n, status in enumerate(statuses, start=1)]
    book = make_workbook({"Improvement Plan": rows, "Key to RAG rating": KEY,
                          "Details": [["Title", "Plan"], ["As at", "31/07/2013"]]})
    report = read_workbook(book).report
    said = {i.value: i.message for i in report.issues if i.sheet == "Key to RAG rating"}
    assert set(said) == {"At risk"}
    assert "which one action uses (Improvement Plan row 4)" in said["At risk"]
    assert {(i.row, i.column) for i in report.errors} >= {(3, "Status"), (5, "Status")}
