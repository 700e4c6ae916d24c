"""Each problem is said once, in the plainest way, at its place."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner
from conftest import ACTION_HEADERS, INPUTS, action_row

from pipeline.cli import main
from pipeline.reader import read_workbook

Make = Callable[..., Path]


def test_formula_with_no_saved_value_in_status_is_one_error(make_workbook: Make) -> None:
    rows = [ACTION_HEADERS, action_row(ref="R1", recommendation="Rec", status='=IF(1,"Done")')]
    errors = read_workbook(make_workbook({"Actions": rows})).report.errors
    assert [(e.code, e.row, e.column) for e in errors] == [("formula-error", 2, "Status")]



def test_each_formula_with_no_saved_value_is_said_at_its_own_cell(make_workbook: Make) -> None:
    # The trial's broken.xlsx: =DATE() in a target date in row 3, =IF() in a status in row 4.
    rows = [ACTION_HEADERS, action_row(ref="R1", recommendation="Rec"),
            action_row(target="=DATE(2013,1,1)"), action_row(status='=IF(1,"Red","Green")')]
    report = read_workbook(make_workbook({"Actions": rows})).report
    assert [(e.row, e.column, e.value, e.message) for e in report.errors] == [
        (3, "Target date", "=DATE(2013,1,1)",
         "Cell J3 holds the formula =DATE(2013,1,1) with no saved result, so there is no "
         "value to read: the file was made by a program that does not calculate formulas. "
         "Open the workbook in Excel and save it, then run again (or type the value in "
         "place of the formula)."),
        (4, "Status", '=IF(1,"Red","Green")',
         'Cell L4 holds the formula =IF(1,"Red","Green") with no saved result, so there is '
         "no value to read: the file was made by a program that does not calculate "
         "formulas. Open the workbook in Excel and save it, then run again (or type the "
         "value in place of the formula)."),
    ]
    assert not [i for i in report.issues if "empty" in i.message]


def test_csv_with_an_unclosed_quotation_mark_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text(
        ",".join(ACTION_HEADERS) + "\n"
        + "1,R1,Rec,Act one,,,,,Ann,Aug-12,Done,Complete\n"
        + '1,R1,Rec,"Act two,,,,,Ann,Aug-12,Done,Complete\n'
        + "1,R1,Rec,Act three,,,,,Ann,Aug-12,Done,Complete\n",
        encoding="utf-8",
    )
    (error,) = read_workbook(path).report.errors
    assert (error.code, error.row) == ("format-error", 3)
    assert error.message.startswith("The CSV file could not be read from line 3")
    assert "quotation mark that is never closed" in error.message


def test_an_error_without_a_place_is_printed_once() -> None:
    result = CliRunner().invoke(main, ["plan", str(INPUTS / "performance-indicators.xlsx")])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == (
        "Error: performance-indicators.xlsx holds no improvement plan, so the improvement plan "
        "cannot be made. Nothing was written."
    )
    assert result.output.count("it needs a sheet named Actions") == 1


def test_counts_are_plural_only_when_they_should_be(make_workbook: Make) -> None:
    rows = [ACTION_HEADERS, action_row(priority="1", ref="R1", recommendation="Rec")]
    result = CliRunner().invoke(main, ["check", str(make_workbook({"Actions": rows}))])
    assert "improvement plan: 1 priority, 1 recommendation, 1 action (1 Complete)" in result.output
