"""A plan's position date typed above its headers ("Position at 30 November 2026"), as
councils head their plans: the plan's As at when the workbook gives none, said in a
warning; never taken for the plan's title; and named when it disagrees with the As at."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import docx
from click.testing import CliRunner
from conftest import ACTION_HEADERS, action_row, build_workbook

from pipeline.cli import main
from pipeline.reader import read_workbook

TITLE = "Children's Services Improvement Plan"


def _book(folder: Path, above: list[list[Any]], details: list[list[Any]] | None = None
          ) -> Path:
    rows = [*above, ACTION_HEADERS,
            action_row("Visit every family", "On track", ref="R1", target="31/10/2026"),
            action_row("Audit the files", "On track", ref="R1", target="31/12/2026")]
    sheets: dict[str, Any] = {"Action plan": rows}
    if details is not None:
        sheets["Details"] = details
    return build_workbook(folder / "plan.xlsx", sheets)


def _said(book: Path) -> tuple[Any, list[tuple[str, str | None, int | None, str | None]]]:
    result = read_workbook(book)
    assert result.report.ok, result.report.errors
    return result, [(w.message, w.sheet, w.row, w.column) for w in result.report.warnings]


def test_a_position_line_under_the_title_gives_the_as_at_date(tmp_path: Path) -> None:
    book = _book(tmp_path, [[TITLE], ["Position at 30 November 2026"]])
    result, warnings = _said(book)
    assert result.plan.details.as_at.date == dt.date(2026, 11, 30)
    assert result.plan.details.title == TITLE
    assert ("The workbook gives no As at date, so the plan is shown as at 30 November 2026, "
            "from 'Position at 30 November 2026' in row 2 above the Actions sheet's headers, "
            "and actions are counted overdue to that date. To set the date, add a sheet named "
            "Details with 'As at' in column A and the date in column B.",
            None, None, None) in warnings
    assert not [m for m, *_ in warnings if "shown as at today" in m]
    out = tmp_path / "plan.docx"
    run = CliRunner().invoke(main, ["plan", str(book), "-o", str(out)])
    assert run.exit_code == 0, run.output
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert texts[:2] == [TITLE, "Position as at 30 November 2026"]
    # the first action was due on 31 October: overdue at the position's date, not today's
    assert "One action was due before 30 November 2026 and is not complete:" in texts


def test_a_line_that_only_gives_the_date_is_not_the_title(tmp_path: Path) -> None:
    book = _book(tmp_path, [["Position as at 30/11/2026"]], details=[["Title", ""]])
    result, _ = _said(book)
    assert result.plan.banner == ""
    assert ("The Details sheet gives no Title, so the plan is titled 'Improvement plan'. To set "
            "the title, type the title in column B of row 1, beside 'Title'.") in [
                n.message for n in result.report.notices]
    warnings = [(w.message, w.sheet, w.row, w.column) for w in result.report.warnings]
    assert (result.plan.details.as_at.text, result.plan.details.as_at.date) == (
        "30/11/2026", dt.date(2026, 11, 30))
    assert ("The Details sheet gives no As at date, so the plan is shown as at 30 November "
            "2026, from 'Position as at 30/11/2026' in row 1 above the Actions sheet's headers, "
            "and actions are counted overdue to that date. To set the date, add a row to the "
            "Details sheet with 'As at' in column A and the date in column B.",
            "Details", None, None) in warnings


def test_the_date_may_be_a_date_cell_beside_the_words(tmp_path: Path) -> None:
    book = _book(tmp_path, [[TITLE], ["Position at", dt.datetime(2026, 11, 30)]])
    result, warnings = _said(book)
    assert result.plan.details.as_at.date == dt.date(2026, 11, 30)
    assert result.plan.details.title == TITLE
    assert any("as at 30 November 2026, from 'Position at' and the date beside it in row 2 "
               "above" in m for m, *_ in warnings)  # quoting only what the sheet holds


def test_a_position_line_with_an_impossible_date_is_said_and_not_used(tmp_path: Path
                                                                      ) -> None:
    book = _book(tmp_path, [[TITLE], [None, "Position at 31 November 2026"]])
    result, warnings = _said(book)
    assert result.plan.details.as_at is None or result.plan.details.as_at.date != dt.date(
        2026, 11, 30)
    assert ("'Position at 31 November 2026' above the Actions sheet's headers looks like the "
            "position's date, but '31 November 2026' is not a real date. Check the day and "
            "month (dates are read as day/month/year, e.g. 30/07/2013). So it was not used: "
            "correct the date, or give an As at date.", "Action plan", 2, "B") in warnings
    assert any("shown as at today" in m for m, *_ in warnings)
    assert result.plan.details.title == TITLE


def test_a_title_ending_with_the_position_keeps_it_and_gives_the_month(tmp_path: Path
                                                                      ) -> None:
    line = "Improvement plan – progress as at October 2026"
    result, warnings = _said(_book(tmp_path, [[line]]))
    assert result.plan.details.title == line
    as_at = result.plan.details.as_at
    assert (as_at.precision, as_at.date) == ("month", dt.date(2026, 10, 1))
    assert any(m.startswith("The workbook gives no As at date, so the plan is shown as at "
                            "October 2026, from") for m, *_ in warnings)


def test_the_details_as_at_wins_and_a_different_line_is_named(tmp_path: Path) -> None:
    book = _book(tmp_path, [[TITLE], ["Position at 30 November 2026"]],
                 details=[["Title", TITLE], ["As at", "31/10/2026"]])
    result, warnings = _said(book)
    assert result.plan.details.as_at.date == dt.date(2026, 10, 31)
    assert ("The Details sheet's As at is 31 October 2026, but 'Position at 30 November 2026' "
            "in row 2 above the Actions sheet's headers gives 30 November 2026. The plan is "
            "shown as at 31 October 2026, the As at. Correct whichever is wrong.", "Details", 2,
            "B") in warnings
    same = _book(tmp_path, [[TITLE], ["Position at 31 October 2026"]],
                 details=[["Title", TITLE], ["As at", "31/10/2026"]])
    assert _said(same)[1] == []


def test_words_that_are_not_a_position_date_are_left_alone(tmp_path: Path) -> None:
    book = _book(tmp_path, [["At risk actions are shown first"], ["Look at 30 November"]])
    result, warnings = _said(book)
    assert result.plan.details.title == "At risk actions are shown first"
    assert any("shown as at today" in m for m, *_ in warnings)
