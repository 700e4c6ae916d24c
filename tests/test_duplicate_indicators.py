"""The same indicator on two rows of a wide table (Bury's, seed 004) is read the same way
whatever the sheet is called: before, a sheet named "Performance" (or a CSV file) gave a
warning and printed both rows, while a sheet named "Values" gave two errors and no report.
Now both rows are printed with one warning naming them; when their figures differ it is one
error, naming both rows and the period, in every case."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.reader import read_workbook

Make = Callable[..., Path]
CIN = "CiN Visits \u2013 child seen in last 6 weeks"


def bury(cin_again: tuple[str, str] = ("56.5%", "81.2%")) -> list[list[object]]:
    """Seed 004's table, with its title line above: CiN Visits is in rows 6 and 8."""
    return [
        ["Update on Performance", None, None],
        ["Item", "August 2018", "November 2018"],
        ["Contacts progressed within 1 working day", "63.9%", "74.1%"],
        ["Referrals progressed within 2 working days", "38.1%", "44.7%"],
        ["% of Referrals which were repeat Referrals", "25.0%", "33.5%"],
        [CIN, "56.5%", "81.2%"],
        ["ICPCs which resulted in a CP Plan", "64.9%", "95.8%"],
        [CIN, *cin_again],
        ["CLA Visits \u2013 child seen in last 6 weeks", "66.4%", "72.4%"],
    ]


def book(make_workbook: Make, tmp_path: Path, sheet: str,
         rows: list[list[object]]) -> Path:
    if sheet == "CSV":
        path = tmp_path / "bury.csv"
        path.write_text("\n".join(",".join("" if v is None else str(v) for v in row)
                                  for row in rows) + "\n", encoding="utf-8")
        return path
    return make_workbook({sheet: rows}, name="bury.xlsx")


SHEETS = ["Performance", "Values", "Indicators", "Data", "CSV"]


@pytest.mark.parametrize("sheet", SHEETS)
def test_a_repeated_row_is_one_warning_and_both_rows_are_printed(
    make_workbook: Make, tmp_path: Path, sheet: str
) -> None:
    path = book(make_workbook, tmp_path, sheet, bury())
    result = read_workbook(path)
    assert result.report.errors == []
    (warning,) = [w for w in result.report.warnings if w.code == "unique-error"]
    assert (warning.code, warning.row, warning.column) == ("unique-error", 8, "Item")
    assert warning.message == (
        f"Rows 6 and 8 are the same indicator (title '{CIN}', with the same figures). Both "
        "are reported; delete the one that was copied by mistake.")
    assert result.indicators is not None
    titles = [i.title for i in result.indicators.indicators]
    assert len(titles) == 7 and titles.count(CIN) == 2
    out = tmp_path / "bury.docx"
    run = CliRunner().invoke(main, ["performance", str(path), "-o", str(out)])
    assert run.exit_code == 0, run.output
    assert "7 indicators in, 7 written" in run.output
    summary = [[c.text for c in r.cells] for r in docx.Document(str(out)).tables[0].rows]
    assert [r[:3] for r in summary].count([CIN, "Aug 2018\n56.5%", "Nov 2018\n81.2%"]) == 2


@pytest.mark.parametrize("sheet", SHEETS)
def test_a_repeated_row_with_other_figures_is_one_error_naming_both_rows(
    make_workbook: Make, tmp_path: Path, sheet: str
) -> None:
    path = book(make_workbook, tmp_path, sheet, bury(("60.1%", "81.2%")))
    result = read_workbook(path)
    (error,) = result.report.errors
    assert (error.code, error.row, error.column, error.value) == (
        "unique-error", 8, "August 2018", "60.1%")
    assert error.message == (
        f"Rows 6 and 8 are the same indicator (title '{CIN}'), but give different figures "
        "for Aug 2018 ('56.5%' in row 6, '60.1%' in row 8), so the report would show the "
        "committee two figures for one indicator. Delete the row that is wrong; if they are "
        "different indicators, give each its own title (or code).")
    assert [w for w in result.report.warnings if w.code == "unique-error"] == []
    out = tmp_path / "bury.docx"
    run = CliRunner().invoke(main, ["performance", str(path), "-o", str(out)])
    assert run.exit_code != 0 and not out.exists()


def test_two_differing_periods_are_counted(make_workbook: Make, tmp_path: Path) -> None:
    path = book(make_workbook, tmp_path, "Values", bury(("60.1%", "")))
    (error,) = read_workbook(path).report.errors
    assert ("for Aug 2018 ('56.5%' in row 6, '60.1%' in row 8) (and 1 other period), so"
            in error.message)


def test_beside_an_indicators_sheet_a_long_values_sheet_still_refuses_two_figures(
    make_workbook: Make,
) -> None:
    """A long Values sheet's row is a figure, not an indicator: two for one period of one
    indicator stay an error at the second (which figure to print is not known)."""
    result = read_workbook(make_workbook({
        "Indicators": [["Code", "Title"], ["CIN1", CIN]],
        "Values": [["Code", "Period", "Value"], ["CIN1", "Aug 2018", "56.5%"],
                   ["CIN1", "Aug 2018", "56.5%"]],
    }))
    (error,) = result.report.errors
    assert (error.code, error.sheet, error.row) == ("unique-error", "Values", 3)
    assert "CIN1 has two values for Aug 2018, in rows 2 and 3" in error.message
