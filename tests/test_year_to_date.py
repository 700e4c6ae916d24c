"""Year-to-date beside in-month in the performance report (issue 15 item 5): from Numerator and
Denominator or a typed "Year to date" column, the status judged on the figure "Judge on" names."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
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


def _monthly_book(path: Path, months: list[str], typed_ytd: bool = False) -> Path:
    """NI1 (judged on the year to date) with the given months of NUMERATORS out of 100,
    or, with `typed_ytd`, a typed Year to date column instead of the numerators."""
    import openpyxl

    wb = openpyxl.Workbook()
    details = wb.active
    details.title = "Details"
    for row in (("Title", "Performance report"), ("Organisation", "Torbay Council")):
        details.append(row)
    ind = wb.create_sheet("Indicators")
    ind.append(["Code", "Title", "Polarity", "Unit", "Target", "Judge on"])
    ind.append(["NI1", "Core assessments on time", "High", "%", 60, "Year to date"])
    values = wb.create_sheet("Values")
    values.append(["Code", "Period", "Value", "Year to date"] if typed_ytd
                  else ["Code", "Period", "Value", "Numerator", "Denominator"])
    for month in months:
        n = NUMERATORS[MONTHS.index(month)]
        done = NUMERATORS[:MONTHS.index(month) + 1]
        values.append(["NI1", month, n, round(sum(done) / len(done), 1)] if typed_ytd
                      else ["NI1", month, n, n, 100])
    wb.save(path)
    return path


def _facts(path: Path) -> list[str]:
    """The indicator page's facts row: status, since last period, target, latest, previous."""
    doc = docx.Document(str(path))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Current status")
    return [c.text for c in table.rows[1].cells]


@pytest.mark.parametrize("typed", [False, True], ids=["numerators", "typed"])
def test_the_batch_history_keeps_the_year_to_date(tmp_path: Path, typed: bool) -> None:
    """September's workbook holds only September: the history gives August's year to date
    beside its in-month figure, and (from numerators) September's year to date counts April
    to August too: 238.8 of 600 = 39.8%, where September alone is 73.1%."""
    from pipeline.batch.run import run_batch

    inputs, outputs = tmp_path / "inputs", tmp_path / "outputs"
    inputs.mkdir()
    book = inputs / "performance.xlsx"
    _monthly_book(book, MONTHS[:5], typed)
    assert not run_batch(inputs, outputs, jobs=1, run_date=dt.date(2011, 9, 5)).failed
    _monthly_book(book, MONTHS[5:], typed)
    assert not run_batch(inputs, outputs, jobs=1, run_date=dt.date(2011, 10, 5)).failed
    report = next(outputs.rglob("2011-10/*/performance.docx"))
    status, since, target, latest, previous = _facts(report)
    # April to August: 165.7 of 500 = 33.14%, shown to one decimal as the typed months are
    # (typed: 33.1, as typed)
    assert previous == "Aug 2011\n33.1% / In-month 70.7%"
    assert latest == "Sep 2011\n39.8% / In-month 73.1%"
    assert (status, since, target) == ("Off target", "Improved ↑", "60%")


def test_a_history_of_version_2_gains_the_year_to_date(tmp_path: Path) -> None:
    """A history written before year-to-date figures were kept is brought up to date: its
    values are kept, with no year to date until a run records one."""
    import sqlite3

    from pipeline.batch.history import SCHEMA_VERSION, History
    from pipeline.batch.history_schema import MIGRATIONS, SCHEMA

    path = tmp_path / "history.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA.replace("    ytd REAL,\n", "").replace(
        "    number_format TEXT NOT NULL DEFAULT '',\n    ytd_format TEXT NOT NULL DEFAULT '',\n",
        "") + """
        INSERT INTO schema_version VALUES (2);
        INSERT INTO runs (id, started) VALUES (1, '2011-09-05');
        INSERT INTO indicator_values VALUES ('performance', 'performance report',
            'torbay council', 'ni1', '2011-08-01', '2011-08-31', 'Aug 2011', 'month', 70.7,
            70.7, 100, 1);
    """)
    conn.close()
    assert 3 in MIGRATIONS
    history = History(path)
    rows = history.conn.execute(
        "SELECT period_label, value, ytd FROM indicator_values").fetchall()
    assert rows == [("Aug 2011", 70.7, None)]
    assert history.conn.execute("SELECT version FROM schema_version").fetchone() == (
        SCHEMA_VERSION,)
    history.close()


def test_a_figure_from_the_history_prints_with_its_cells_number_format(tmp_path: Path) -> None:
    """August's figures typed with two decimals ("0.00") print so in September's report, where
    they come from the history (kept since schema 4), as they did in August's."""
    import openpyxl

    from pipeline.batch.run import run_batch

    inputs, outputs = tmp_path / "inputs", tmp_path / "outputs"
    inputs.mkdir()
    book = inputs / "performance.xlsx"
    for months, day in ((MONTHS[:5], dt.date(2011, 9, 5)), (MONTHS[5:], dt.date(2011, 10, 5))):
        _monthly_book(book, months, typed_ytd=True)
        wb = openpyxl.load_workbook(book)
        for row in wb["Values"].iter_rows(min_row=2):
            row[2].number_format = row[3].number_format = "0.00"
        wb.save(book)
        assert not run_batch(inputs, outputs, jobs=1, run_date=day).failed
    report = next(outputs.rglob("2011-10/*/performance.docx"))
    *_, latest, previous = _facts(report)
    assert previous == "Aug 2011\n33.10% / In-month 70.70%"  # from the history
    assert latest == "Sep 2011\n39.80% / In-month 73.10%"  # from the workbook


def test_a_history_of_version_3_gains_the_number_formats(tmp_path: Path) -> None:
    import sqlite3

    from pipeline.batch.history import SCHEMA_VERSION, History
    from pipeline.batch.history_schema import SCHEMA

    path = tmp_path / "history.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA.replace(
        "    number_format TEXT NOT NULL DEFAULT '',\n    ytd_format TEXT NOT NULL DEFAULT '',\n",
        "") + """
        INSERT INTO schema_version VALUES (3);
        INSERT INTO runs (id, started) VALUES (1, '2011-09-05');
        INSERT INTO indicator_values VALUES ('performance', 'performance report',
            'torbay council', 'ni1', '2011-08-01', '2011-08-31', 'Aug 2011', 'month', 70.7,
            70.7, 100, 1, 33.14);
    """)
    conn.close()
    history = History(path)
    assert history.conn.execute(
        "SELECT period_label, value, ytd, number_format, ytd_format FROM indicator_values"
    ).fetchall() == [("Aug 2011", 70.7, 33.14, "", "")]  # kept: printed as General prints
    assert history.conn.execute("SELECT version FROM schema_version").fetchone() == (
        SCHEMA_VERSION,) == (4,)
    history.close()


def test_briefing_and_exceptions_say_the_figure_the_status_is_judged_on(
    make_workbook: Callable[..., Path], tmp_path: Path
) -> None:
    """NI1 is off target on its year to date (39.8% against 60%) though September's own
    73.1% is above it: the briefing and the exception report say the 39.8%, and compare it
    with August's year to date, never with a month's own figure."""
    from conftest import ACTION_HEADERS, action_row

    indicators = book(make_workbook)
    plan = make_workbook({"Details": [["Title", "Plan"], ["As at", "30/09/2011"]],
                          "Actions": [ACTION_HEADERS, action_row(priority="1", ref="R1",
                                                                 recommendation="Rec")]},
                         name="plan.xlsx")
    runner = CliRunner()
    briefing = tmp_path / "briefing.docx"
    result = runner.invoke(main, ["briefing", str(plan), "--indicators", str(indicators),
                                  "-o", str(briefing)])
    assert result.exit_code == 0, result.output
    texts = [p.text for p in docx.Document(str(briefing)).paragraphs]
    assert "There are two indicators: one on target and one off target." in texts
    assert ("NI1 – Core assessments on time (improvement notice) was 39.8% year to date in "
            "Sep 2011 against a target of 60% (off target); it improved from 33.1% year to "
            "date in Aug 2011.") in texts
    exceptions = tmp_path / "exceptions.docx"
    result = runner.invoke(main, ["exceptions", str(plan), "--indicators", str(indicators),
                                  "-o", str(exceptions)])
    assert result.exit_code == 0, result.output
    table = next(t for t in docx.Document(str(exceptions)).tables
                 if t.rows[0].cells[0].text == "Indicator")
    (row,) = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert row[:4] == ["NI1 – Core assessments on time (improvement notice)",
                       "39.8% / In-month 73.1% (Sep 2011)", "60%", "Off target"]


def test_worsening_two_periods_running_is_judged_on_the_year_to_date() -> None:
    """In-month 90, 80, 70 worsens twice, but the year to date (50, 55, 58) improves: an
    indicator judged on its year to date is not an exception for that."""
    from pipeline.domain.exceptions import worsened_two_periods
    from pipeline.domain.model import Indicator, Observation
    from pipeline.domain.periods import month_period

    series = [Observation(month_period(2011, m), v, ytd=y)
              for m, v, y in ((7, 90.0, 50.0), (8, 80.0, 55.0), (9, 70.0, 58.0))]
    by_month = Indicator(title="Visits", polarity="high", series=series)
    assert worsened_two_periods(by_month)
    by_year = Indicator(title="Visits", polarity="high", series=series, judge_on="ytd")
    assert not worsened_two_periods(by_year)
