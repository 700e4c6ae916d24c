"""Year-to-date beside in-month in the performance report (issue 15 item 5): from Numerator and
Denominator or a typed "Year to date" column, the status judged on the figure "Judge on" names."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.reader import read_workbook

MONTHS = ["Apr 2011", "May 2011", "Jun 2011", "Jul 2011", "Aug 2011", "Sep 2011"]
NUMERATORS = [10, 20, 30, 35, 70.7, 73.1]  # of 100 each: 238.8 / 600 = 39.8% year to date


def book(make_workbook: Callable[..., Path]) -> Path:
    values: list[list[object]] = [["Code", "Period", "Value", "Numerator", "Denominator"]]
    for code in ("NI1", "NI2"):
        values += [[code, m, n, n, 100] for m, n in zip(MONTHS, NUMERATORS, strict=True)]
    return make_workbook({
        "Indicators": [
            ["Code", "Title", "Polarity", "Unit", "Target", "Judge on"],
            ["NI1", "Core assessments on time (improvement notice)", "High", "%", 60,
             "Year to date"],
            ["NI2", "Core assessments on time", "High", "%", 60, None],
        ],
        "Values": values,
    })


def test_year_to_date_from_numerator_and_denominator(make_workbook: Callable[..., Path]) -> None:
    result = read_workbook(book(make_workbook))
    assert result.report.ok, result.report.errors
    assert result.indicators is not None
    ni1, ni2 = result.indicators.indicators
    assert (ni1.judge_on, ni2.judge_on) == ("ytd", "month")
    assert round(ni1.series[-1].ytd or 0, 1) == 39.8
    assert ni1.series[0].ytd == 10.0


def test_torbay_latest_performance_and_judge_on(make_workbook: Callable[..., Path],
                                                tmp_path: Path) -> None:
    out = tmp_path / "report.docx"
    result = CliRunner().invoke(main, ["performance", str(book(make_workbook)), "-o", str(out)])
    assert result.exit_code == 0, result.output
    doc = docx.Document(str(out))
    summary = next(t for t in doc.tables if t.rows[0].cells[0].text == "Indicator")
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in summary.rows[1:]}
    ni1 = rows["NI1 – Core assessments on time (improvement notice)"]
    ni2 = rows["NI2 – Core assessments on time"]
    assert ni1[2] == "Sep 2011\n39.8% / In-month 73.1%"
    assert ni1[4] == "Off target"  # judged on the cumulative 39.8% against 60%
    assert ni2[4] == "On target"  # judged on the month's 73.1%
    texts = [p.text for p in doc.paragraphs]
    assert "Status judged on: the year-to-date figure" in texts
    assert "Status judged on: the in-month figure" in texts


def test_typed_year_to_date_and_a_bad_judge_on(make_workbook: Callable[..., Path]) -> None:
    path = make_workbook({
        "Indicators": [["Code", "Title", "Polarity", "Target", "Judged on"],
                       ["NI3", "Visits", "High", 50, "Cumulative"],
                       ["NI4", "Reviews", "High", 50, "Quarterly"]],
        "Values": [["Code", "Period", "Value", "YTD"], ["NI3", "Sep 2011", 70, 40],
                   ["NI4", "Sep 2011", 70, None]],
    })
    result = read_workbook(path)
    (error,) = result.report.errors
    assert (error.sheet, error.row, error.column, error.value) == (
        "Indicators", 3, "Judged on", "Quarterly")
    assert "In-month" in error.message and "Year to date" in error.message
