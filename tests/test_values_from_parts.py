"""A month given only as a Numerator and a Denominator (Value blank) is worked out, not lost;
a Values sheet without a Value column says so, located, naming the headers it found."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
from click.testing import CliRunner

from pipeline.cli import main

DETAILS = [["Title", "YTD test"], ["As at", "30/06/2013"]]
INDICATORS = [
    ["Code", "Title", "Polarity", "Unit", "Target", "Judge on"],
    ["Y1", "Assessments in time", "High", "%", 80, "Year to date"],
]


def book(make_workbook: Callable[..., Path], values: list[list[Any]]) -> Path:
    return make_workbook({"Details": DETAILS, "Indicators": INDICATORS, "Values": values})


def document_text(path: Path) -> str:
    document = docx.Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def performance_of(make_workbook: Callable[..., Path], tmp_path: Path,
                   parts: list[tuple[int, int]]) -> tuple[str, str]:
    """`committee performance` on months from April 2013 given only as (numerator,
    denominator): what it printed and the document's text."""
    months = ["April 2013", "May 2013", "June 2013"]
    source = book(make_workbook, [["Code", "Period", "Value", "Numerator", "Denominator"],
                                  *[["Y1", months[i], None, n, d]
                                    for i, (n, d) in enumerate(parts)]])
    out = tmp_path / "parts.docx"
    result = CliRunner().invoke(main, ["performance", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return result.output, document_text(out)


def test_months_given_as_numerator_and_denominator_are_reported(
    make_workbook: Callable[..., Path], tmp_path: Path
) -> None:
    output, text = performance_of(make_workbook, tmp_path, [(10, 20), (20, 25), (30, 40)])
    assert "1 indicator in, 1 written" in output
    assert "no data" not in text.lower()
    assert "There is one indicator, off target." in text
    # June: 30/40 = 75% in the month; year to date (10+20+30)/(20+25+40) = 70.59%, shown
    # to one decimal, as worked-out figures of an indicator with no typed figure are
    assert "Jun 2013\n70.6% / In-month 75.0%" in text
    assert "May 2013\n66.7% / In-month 80.0%" in text


def test_a_worked_out_value_is_rounded_as_a_worked_out_figure(
    make_workbook: Callable[..., Path], tmp_path: Path
) -> None:
    """113/170 is 66.47%: shown as 66.5%, never '66.47058824%' (the blank Value cell's
    General format)."""
    _, text = performance_of(make_workbook, tmp_path, [(52, 129), (113, 170)])
    assert "In-month 66.5%" in text
    assert "40.3%" in text  # April, in the trend's figures
    assert "66.47" not in text and "40.31" not in text


def test_a_blank_value_that_cannot_be_worked_out_is_a_located_warning(
    make_workbook: Callable[..., Path],
) -> None:
    source = book(make_workbook, [
        ["Code", "Period", "Value", "Numerator", "Denominator"],
        ["Y1", "April 2013", None, 10, None],
        ["Y1", "May 2013", None, 20, 0],
        ["Y1", "June 2013", 75, 30, 40],
    ])
    result = CliRunner().invoke(main, ["check", str(source)])
    assert (
        "Warning: sheet 'Values', row 2, column 'Denominator': The value for Apr 2013 is "
        "blank and only its numerator is given, so the value cannot be worked out; the report "
        "shows no data for that period. Type the value, or give the denominator as well."
    ) in result.output
    assert (
        "Warning: sheet 'Values', row 3, column 'Denominator': The value for May 2013 is "
        "blank and its denominator is 0, so the value cannot be worked out from the numerator "
        "and denominator; the report shows no data for that period. Type the value, or "
        "correct the denominator."
    ) in result.output
    assert "row 4" not in result.output


def test_no_value_column_is_named_as_missing(make_workbook: Callable[..., Path]) -> None:
    source = book(make_workbook, [
        ["Code", "Period", "Numerator", "Denominator"],
        ["Y1", "April 2013", 10, 20],
    ])
    result = CliRunner().invoke(main, ["check", str(source)])
    assert result.exit_code != 0
    assert "No header row was found" not in result.output
    assert (
        "Error: sheet 'Values', row 1, column 'Value': No column headed \"Value\" was found on "
        "the values sheet. The header row seems to be row 1 (Code, Period, Numerator, "
        "Denominator), which has a Period column, so a Value column is expected beside it. "
        "Add a column headed \"Value\" beside \"Period\" holding each period's figure (it may "
        "be left blank on a row that gives a Numerator and a Denominator)."
    ) in result.output


def test_a_misspelt_value_column_gets_did_you_mean(
    make_workbook: Callable[..., Path],
) -> None:
    source = book(make_workbook, [
        ["Code", "Period", "Valeu"],
        ["Y1", "April 2013", 50],
    ])
    result = CliRunner().invoke(main, ["check", str(source)])
    assert result.exit_code != 0
    assert (
        "The header 'Valeu' (cell C1) may be it: did you mean \"Value\"? Rename it to "
        "\"Value\"."
    ) in result.output


def test_a_worked_out_value_has_the_decimals_of_the_typed_ones(
    make_workbook: Callable[..., Path], tmp_path: Path
) -> None:
    """Beside months typed as 73.1% (one decimal), a month given as 113/170 shows 66.5%;
    beside months typed with two decimals, 66.47%."""
    def text_of(typed: float, name: str) -> str:
        source = make_workbook({"Details": DETAILS, "Indicators": INDICATORS, "Values": [
            ["Code", "Period", "Value", "Numerator", "Denominator"],
            ["Y1", "Apr 2013", typed, None, None],
            ["Y1", "May 2013", None, 113, 170],
        ]}, name=name)
        out = tmp_path / f"{name}.docx"
        result = CliRunner().invoke(main, ["performance", str(source), "-o", str(out)])
        assert result.exit_code == 0, result.output
        return document_text(out)

    one = text_of(73.1, "one.xlsx")
    assert "May 2013\n66.5%" in one and "73.1%" in one and "66.47" not in one
    two = text_of(73.12, "two.xlsx")
    assert "May 2013\n66.47%" in two and "73.12%" in two


def _ytd_warnings(path: Path) -> list[Any]:
    from pipeline.reader import read_workbook

    return [i for i in read_workbook(path).report.warnings if "year-to-date" in i.message]


def test_a_year_to_date_leaving_out_typed_months_is_not_worked_out(
    make_workbook: Callable[..., Path], tmp_path: Path
) -> None:
    """April and May typed as values alone, June given as 30/40: the sum of June's parts is
    not the year's figure, so none is shown, and the user is told at April's row."""
    source = book(make_workbook, [["Code", "Period", "Value", "Numerator", "Denominator"],
                                  ["Y1", "Apr 2013", 50, None, None],
                                  ["Y1", "May 2013", 60, None, None],
                                  ["Y1", "Jun 2013", None, 30, 40]])
    out = tmp_path / "mixed.docx"
    result = CliRunner().invoke(main, ["performance", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = document_text(out)
    assert "Jun 2013\n75%" in text and "In-month" not in text  # 30/40, as 50 and 60 are
    (warning,) = _ytd_warnings(source)
    assert (warning.sheet, warning.row, warning.column, warning.value) == (
        "Values", 2, "Numerator", "Jun 2013")
    assert warning.message.startswith(
        "The year-to-date figure of 'Y1' for Jun 2013 cannot be worked out from the numerators "
        "and denominators: Apr 2013 is given without its numerator and denominator, so the "
        "sum since April is not known")


def test_a_year_to_date_from_a_year_not_given_since_april_is_not_worked_out(
    make_workbook: Callable[..., Path],
) -> None:
    source = book(make_workbook, [["Code", "Period", "Value", "Numerator", "Denominator"],
                                  ["Y1", "Jun 2013", None, 30, 40],
                                  ["Y1", "Jul 2013", None, 10, 20]])
    (warning,) = _ytd_warnings(source)
    assert (warning.row, warning.value) == (3, "Jul 2013")
    assert "not every month since April is given" in warning.message


def test_a_worked_out_year_to_date_has_the_decimals_of_the_typed_values(
    make_workbook: Callable[..., Path], tmp_path: Path
) -> None:
    """Torbay types each month's value to one decimal beside its numerator and denominator:
    the year to date worked out from them (143/248 = 57.66%) shows as 57.7%, not 57.66%."""
    source = book(make_workbook, [
        ["Code", "Period", "Value", "Numerator", "Denominator"],
        ["Y1", "April 2013", 57.1, 120, 210],
        ["Y1", "May 2013", 60.5, 23, 38],
    ])
    out = tmp_path / "typed.docx"
    result = CliRunner().invoke(main, ["performance", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = document_text(out)
    assert "May 2013\n57.7% / In-month 60.5%" in text
    assert "57.66" not in text
