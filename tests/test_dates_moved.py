"""Moved target dates said truthfully: later, earlier, no longer dated ("TBC"); lengths that
read alike; and --previous given the wrong workbook."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
from click.testing import CliRunner

from pipeline.cli import main

HEADERS = ["Priority", "Ref", "Recommendation", "Action", "Lead", "Target date",
           "Revised target date", "Progress", "Status"]
SLIPPED = ("Ref", "Action", "Original target date", "Target date now", "Slipped by", "Status")
Make = Callable[..., Path]


def _details(as_at: str) -> list[list[Any]]:
    return [["Title", "Revised plan"], ["As at", as_at]]


def _revised_book(make_workbook: Make) -> Path:
    return make_workbook({"Details": _details("31/07/2013"), "Actions": [
        HEADERS,
        [1, "R1", "Rec", "Earlier revised", "L", "September 2013", "June 2013", "p", "On track"],
        [None, None, None, "Text revised", "L", "June 2013", "TBC", "p", "At risk"],
        [None, None, None, "Revised same", "L", "June 2013", "30/06/2013", "p", "At risk"],
    ]}, name="revised.xlsx")


def _run(*args: str) -> Any:
    result = CliRunner().invoke(main, list(args))
    return result


def _paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def _table(path: Path, headers: tuple[str, ...]) -> list[list[str]]:
    for t in docx.Document(str(path)).tables:
        if tuple(c.text for c in t.rows[0].cells) == headers:
            return [[c.text for c in r.cells] for r in t.rows[1:]]
    raise AssertionError(f"no table headed {headers}")


def test_revised_dates_earlier_and_not_a_date_are_counted_listed_and_warned(
    make_workbook: Make, tmp_path: Path
) -> None:
    out = tmp_path / "plan.docx"
    result = _run("plan", str(_revised_book(make_workbook)), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert ("Warning: sheet 'Actions', row 3, column 'Revised target date': The revised "
            "target date 'TBC' is not a date; the action's original target date was June "
            "2013. A revised target date should be a date, such as 30/09/2013 or September "
            "2013, or left blank if the date has not changed.") in result.output
    assert ("Warning: sheet 'Actions', row 2, column 'Revised target date': The revised "
            "target date June 2013 is earlier than the original target date, September 2013: "
            "the action has been brought forward.") in result.output
    assert "row 4, column 'Revised target date'" not in result.output  # the same date
    paras = _paragraphs(out)
    assert ("The plan has three actions against one recommendation in one priority. Target "
            "dates have moved for two actions: one earlier and one no longer dated.") in paras
    assert not any("No target dates have moved" in p for p in paras)
    # the action due June 2013 and now "TBC" is not hidden: it is listed as slipped
    assert _table(out, SLIPPED) == [
        ["R1", "Text revised", "June 2013", "TBC", "No date now", "At risk"]]
    assert ("One more action was due before 31 July 2013 on its original target date but has "
            "a new target date or no date now, so it is not counted as overdue: R1.") in paras


def test_exception_report_lists_the_action_with_no_date_now(
    make_workbook: Make, tmp_path: Path
) -> None:
    out = tmp_path / "exceptions.docx"
    result = _run("exceptions", str(_revised_book(make_workbook)), "-o", str(out))
    assert result.exit_code == 0, result.output
    cells = [c.text for t in docx.Document(str(out)).tables for r in t.rows for c in r.cells]
    assert "At risk; target date moved from June 2013 to TBC (no date now)" in cells


def test_slipped_by_reads_in_months_throughout(make_workbook: Make, tmp_path: Path) -> None:
    book = make_workbook({"Details": _details("31/07/2013"), "Actions": [
        HEADERS,
        [1, "R1", "Rec", "By months", "L", "June 2013", "September 2013", "p", "On track"],
        [None, "R2", "Rec 2", "By days", "L", "30/06/2013", "01/10/2013", "p", "On track"],
        [None, "R3", "Rec 3", "Short", "L", "30/09/2013", "12/10/2013", "p", "On track"],
    ]})
    out = tmp_path / "plan.docx"
    result = _run("plan", str(book), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert [r[4] for r in _table(out, SLIPPED)] == [
        "3 months", "3 months (93 days)", "12 days"]
