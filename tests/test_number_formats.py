"""Figures in the performance report print as the workbook shows them (issue 13 item 5):
each value, target and comparator in its own cell's number format, General as Excel's
General, numbers typed as text with the digits typed; scientific and fraction formats as
Excel shows them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.numfmt import format_number

INDICATORS = ["Code", "Title", "Polarity", "Unit", "Target", "England average"]


def _report(tmp_path: Path, source: Path) -> docx.document.Document:
    out = tmp_path / "performance.docx"
    result = CliRunner().invoke(main, ["performance", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return docx.Document(str(out))


def _summary(doc: docx.document.Document) -> dict[str, list[str]]:
    return {r.cells[0].text: [c.text for c in r.cells] for r in doc.tables[0].rows[1:]}


def _all_text(doc: docx.document.Document) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [c.text for row in table.rows for c in row.cells]
    return "\n".join(parts)


def test_values_targets_and_comparators_keep_their_cells_number_formats(
    make_workbook: Callable[..., Path], tmp_path: Path
) -> None:
    source = make_workbook(
        {
            "Indicators": [
                INDICATORS,
                ["A1", "Assessments on time", "High", "%", 0.8, 0.796],
                ["A2", "Average days to assess", "Low", "days", 18.5, None],
                ["A3", "Spend", "Low", "£", 1300000, None],
                ["A4", "Contacts", "High", "", None, None],
                ["A5", "Particles", "", "", None, None],
                ["A6", "Cups", "", "", None, None],
            ],
            "Values": [
                ["Code", "Period", "Value"],
                ["A1", "Aug 2011", 0.25],
                ["A1", "Sep 2011", 0.18125],
                ["A2", "Aug 2011", 18.125],
                ["A2", "Sep 2011", 17.5],
                ["A3", "Aug 2011", 1234567.5],
                ["A3", "Sep 2011", 1250000],
                ["A4", "Aug 2011", 1234.5678],
                ["A4", "Sep 2011", 1234567.5],
                ["A5", "Aug 2011", 12345],
                ["A5", "Sep 2011", 0.000123],
                ["A6", "Aug 2011", 1.25],
                ["A6", "Sep 2011", 0.75],
            ],
        },
        number_formats={
            "Indicators": {"E2": "0.0%", "F2": "0.00%", "E3": "0.0", "E4": "#,##0"},
            "Values": {"C2": "0.0%", "C3": "0.00%", "C4": "0.000", "C5": "0.000",
                       "C6": "#,##0", "C7": "#,##0", "C10": "0.00E+00", "C11": "0.00E+00",
                       "C12": "# ?/?", "C13": "# ?/?"},
        },
    )
    doc = _report(tmp_path, source)
    rows = _summary(doc)
    # 0.25 in a 0.0% cell is 25.0%, never 25%; the target 0.8 in 0.0% is 80.0%.
    assert rows["A1 – Assessments on time"][1:4] == ["Aug 2011\n25.0%", "Sep 2011\n18.13%",
                                                     "80.0%"]
    # 18.125 in 0.000 keeps its three decimals (it printed 18.12).
    assert rows["A2 – Average days to assess"][1:4] == [
        "Aug 2011\n18.125 days", "Sep 2011\n17.500 days", "18.5 days"]
    assert rows["A3 – Spend"][1:4] == ["Aug 2011\n£1,234,568", "Sep 2011\n£1,250,000",
                                       "£1,300,000"]
    # General as Excel shows General: every digit typed, no thousands separator, no e-notation.
    assert rows["A4 – Contacts"][1:3] == ["Aug 2011\n1234.5678", "Sep 2011\n1234567.5"]
    assert rows["A5 – Particles"][1:3] == ["Aug 2011\n1.23E+04", "Sep 2011\n1.23E-04"]
    assert rows["A6 – Cups"][1:3] == ["Aug 2011\n1 1/4", "Sep 2011\n3/4"]
    text = _all_text(doc)
    assert "England average 79.60%" in text  # the comparator in its own 0.00% format
    assert "e+" not in text and "E+06" not in text


def test_numbers_typed_as_text_keep_the_digits_typed(tmp_path: Path) -> None:
    source = tmp_path / "bury.csv"
    source.write_text(
        "Item,August 2018,November 2018\n"
        "% of Referrals which were repeat Referrals,25.0%,33.50%\n"
        'Spend,"1,234.50",1234.5678\n',
        encoding="utf-8",
    )
    rows = _summary(_report(tmp_path, source))
    assert rows["% of Referrals which were repeat Referrals"][1:3] == [
        "Aug 2018\n25.0%", "Nov 2018\n33.50%"]
    assert rows["Spend"][1:3] == ["Aug 2018\n1,234.50", "Nov 2018\n1234.5678"]


@pytest.mark.parametrize(
    ("value", "code", "shown"),
    [
        (12345, "0.00E+00", "1.23E+04"),
        (0.000123, "0.00E+00", "1.23E-04"),
        (-12345, "0.00E+00", "-1.23E+04"),
        (9.999, "0.00E+00", "1.00E+01"),  # the rounding carries into the exponent
        (0, "0.00E+00", "0.00E+00"),
        (12345, "0.00E-00", "1.23E04"),  # E- signs only negative exponents
        (12345, "0E+0", "1E+4"),
        (12345, "##0.0E+0", "12.3E+3"),  # engineering: exponents in steps of three
        (1234567, "##0.0E+0", "1.2E+6"),
        (1.25, "# ?/?", "1 1/4"),
        (1.25, "?/?", "5/4"),
        (-1.75, "# ?/?", "-1 3/4"),
        (0.5, "# ?/?", "1/2"),
        (2, "# ?/?", "2"),
        (1.99, "# ?/?", "2"),
        (3.1415, "# ??/??", "3 14/99"),
        (1.3, "# ?/8", "1 2/8"),  # a fixed denominator is not reduced
        (3.5, '# ?/2" cups"', "3 1/2 cups"),
        (0.575, "0%", "58%"),  # on Excel's 15 digits, though 0.575 * 100 is 57.4999...
    ],
)
def test_scientific_and_fraction_formats_as_excel_shows_them(
    value: float, code: str, shown: str
) -> None:
    assert format_number(value, code) == shown


def test_year_to_date_figures_keep_their_format(
    make_workbook: Callable[..., Path], tmp_path: Path
) -> None:
    """A typed Year to date keeps its own cell's format; one worked out from numerators and
    denominators takes the in-month value's."""
    source = make_workbook(
        {
            "Indicators": [["Code", "Title", "Polarity", "Unit", "Target"],
                           ["T1", "Typed year to date", "High", "%", 60],
                           ["W1", "Worked-out year to date", "High", "%", 60]],
            "Values": [
                ["Code", "Period", "Value", "Numerator", "Denominator", "Year to date"],
                ["T1", "Aug 2011", 0.7, None, None, 0.395],
                ["T1", "Sep 2011", 0.731, None, None, 0.398],
                ["W1", "Apr 2011", 0.5, 1, 2, None],  # from April: the whole year so far
                ["W1", "May 2011", 0.25, 1, 4, None],
            ],
        },
        number_formats={"Values": {"C2": "0.0%", "C3": "0.0%", "F2": "0.00%", "F3": "0.00%",
                                   "C4": "0.0%", "C5": "0.0%"}},
    )
    rows = _summary(_report(tmp_path, source))
    assert rows["T1 – Typed year to date"][2] == "Sep 2011\n39.80% / In-month 73.1%"
    # (1 + 1) / (2 + 4) = 33.333...%, shown with the in-month value's one decimal.
    assert rows["W1 – Worked-out year to date"][2] == "May 2011\n33.3% / In-month 25.0%"
