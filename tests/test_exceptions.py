"""`committee exceptions` (issue 15 item 3): only what needs attention, every exception counted."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import docx
from click.testing import CliRunner
from openpyxl import Workbook

from pipeline.batch.run import run_batch
from pipeline.cli import main
from pipeline.domain.exceptions import worsened_two_periods
from pipeline.domain.model import Indicator, Observation
from pipeline.domain.periods import month_period

HEADERS = ["Priority", "Ref", "Recommendation", "Action", "Lead", "Target date",
           "Revised target date", "Progress", "Status"]
ROWS: list[list[Any]] = [
    ["Priority 1: Keep children safe", "R1", "Recording of enquiries", "Behind & <late>", "Ann",
     "December 2013", None, "Slow.", "Behind schedule"],
    [None, None, None, "Risky", "Ann", "December 2013", None, "Hmm.", "At risk"],
    [None, None, None, "Past its date", "Ann", "June 2013", None, "Going.", "On track"],
    [None, None, None, "Moved later", "Ann", "June 2013", "September 2013",
     "Put back. Guidance late.", "On track"],
    [None, None, None, "Done already", "Ann", "June 2013", None, "Done.", "Complete"],
    [None, None, None, "Fine", "Ann", "December 2013", None, "Fine.", "On track"],
    [None, "R2", "Nobody has acted yet", None, None, None, None, None, None],
    ["Priority 2: Workforce", "R3", "Recruit", "Behind too", "Bob", "December 2013", None, "Slow.",
     "Behind schedule"],
    [None, "R4", "Also not acted on", None, None, None, None, None, None],
]


def plan_book(path: Path) -> Path:
    wb = Workbook()
    d = wb.active
    d.title = "Details"
    for row in (("Title", "Children's Plan"), ("Organisation", "Test Council"),
                ("As at", "31/07/2013")):
        d.append(row)
    ws = wb.create_sheet("Actions")
    ws.append(HEADERS)
    for r in ROWS:
        ws.append(r)
    wb.save(path)
    return path


def indicators_book(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Indicators"
    ws.append(["Code", "Title", "Polarity", "Unit", "Target"])
    ws.append(["NI1", "Assessments on time", "High", "%", 80])  # off target
    ws.append(["NI2", "Visits on time", "High", "%", 50])  # worse two months running
    ws.append(["NI3", "Plans reviewed", "High", "%", 50])  # fine
    values = wb.create_sheet("Values")
    values.append(["Code", "Period", "Value"])
    for code, series in (("NI1", (60, 62, 65)), ("NI2", (90, 80, 70)), ("NI3", (60, 70, 65))):
        for month, value in zip(("May 2013", "Jun 2013", "Jul 2013"), series, strict=True):
            values.append([code, month, value])
    wb.save(path)
    return path


def tables(path: Path) -> dict[tuple[str, ...], list[list[str]]]:
    out: dict[tuple[str, ...], list[list[str]]] = {}
    for t in docx.Document(str(path)).tables:
        header = tuple(c.text for c in t.rows[0].cells)
        out.setdefault(header, []).extend([c.text for c in r.cells] for r in t.rows[1:])
    return out


def test_exception_report_lists_and_counts_every_exception(tmp_path: Path) -> None:
    plan = plan_book(tmp_path / "plan.xlsx")
    indicators = indicators_book(tmp_path / "pis.xlsx")
    out = tmp_path / "exceptions.docx"
    result = CliRunner().invoke(main, ["exceptions", str(plan), "--indicators",
                                       str(indicators), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "9 exceptions in, 9 written" in result.output
    doc = docx.Document(str(out))
    assert doc.sections[0].page_width < doc.sections[0].page_height  # portrait
    paras = [(p.style.name, p.text) for p in doc.paragraphs]
    texts = [t for _, t in paras]
    assert ("Nine exceptions at 31 July 2013: five actions, two indicators and two "
            "recommendations with no actions.") in texts
    assert ("Heading 2", "Priority 1: Keep children safe") in paras
    assert ("Heading 2", "Priority 2: Workforce") in paras
    found = tables(out)
    assert found[("Ref", "Action", "Target date", "Status", "Why it is listed")] == [
        ["R1", "Behind & <late>", "December 2013", "Behind schedule", "Behind schedule"],
        ["R1", "Risky", "December 2013", "At risk", "At risk"],
        ["R1", "Past its date", "June 2013", "On track", "Overdue (due June 2013)"],
        ["R1", "Moved later", "September 2013 (was June 2013)", "On track",
         "Target date moved from June 2013 to September 2013 (3 months)"],
        ["R3", "Behind too", "December 2013", "Behind schedule", "Behind schedule"],
    ]
    assert found[("Indicator", "Latest", "Target", "Status", "Why it is listed")] == [
        ["NI1 – Assessments on time", "65% (Jul 2013)", "80%", "Off target", "Off target"],
        ["NI2 – Visits on time", "70% (Jul 2013)", "50%", "On target",
         "Worsened two periods running"],
    ]
    assert found[("Ref", "Recommendation", "Why it is listed")] == [
        ["R2", "Nobody has acted yet", "No actions agreed yet"],
        ["R4", "Also not acted on", "No actions agreed yet"],
    ]


def test_the_batch_makes_an_exception_report_for_every_plan(tmp_path: Path) -> None:
    inputs, outputs = tmp_path / "inputs", tmp_path / "outputs"
    inputs.mkdir()
    plan_book(inputs / "plan.xlsx")
    result = run_batch(inputs, outputs, jobs=1)
    assert not result.failed
    (doc,) = [d for d in result.made if d.kind == "exceptions"]
    assert doc.path.name == "exceptions.docx"
    assert (doc.expected, doc.written) == ({"exceptions": 7}, {"exceptions": 7})


def test_worsening_two_periods_running_needs_three_values_and_a_polarity() -> None:
    def ind(values: list[float | None], polarity: Any = "low") -> Indicator:
        series = [Observation(month_period(2013, m + 1), v) for m, v in enumerate(values)]
        return Indicator("x", polarity=polarity, series=series)

    assert worsened_two_periods(ind([1, 2, 3]))  # low is good: rising twice is worse
    assert not worsened_two_periods(ind([1, 2, 2]))
    assert not worsened_two_periods(ind([2, 3]))
    assert worsened_two_periods(ind([None, 1, 2, 3]))  # a gap before the run: still a run
    # A month with no data between them breaks the run: nobody knows how it went that month.
    assert not worsened_two_periods(ind([1, None, 2, 3]))
    assert not worsened_two_periods(ind([1, 2, None, 3]))
    skipped = ind([1, 2, 3])
    skipped.series[2] = Observation(month_period(2013, 5), 3)  # Jan, Feb, then May: no rows
    assert not worsened_two_periods(skipped)
    assert not worsened_two_periods(ind([1, 2, 3], polarity=None))
    assert dt.date(2013, 1, 1) == month_period(2013, 1).start


def test_one_exception_is_said_in_the_singular() -> None:
    from pipeline.kinds import DOCUMENT_KINDS
    from pipeline.said import Counts

    line = next(k for k in DOCUMENT_KINDS if k.name == "exceptions").command.said[0]
    assert line.format_map({"e": Counts({"exceptions": 1}), "w": Counts({"exceptions": 1})}) \
        == "1 exception in, 1 written"
    assert line.format_map({"e": Counts({"exceptions": 9}), "w": Counts({"exceptions": 9})}) \
        == "9 exceptions in, 9 written"


def test_a_month_with_no_data_breaks_a_run_of_worsening(tmp_path: Path) -> None:
    """CLA01 58, 61, no data, 66 (low is good) is not 'worsened two periods running': the
    report does not claim what nobody knows. 55, 58, 61 back to back still is."""
    plan = plan_book(tmp_path / "plan.xlsx")
    wb = Workbook()
    ws = wb.active
    ws.title = "Indicators"
    ws.append(["Code", "Title", "Polarity", "Unit", "Target"])
    ws.append(["CLA01", "Looked after children rate per 10,000", "Low", "rate per 10,000", 70])
    ws.append(["CLA02", "Children on plans", "Low", "rate per 10,000", 70])
    values = wb.create_sheet("Values")
    values.append(["Code", "August 2018", "September 2018", "October 2018", "November 2018"])
    values.append(["CLA01", 58, 61, None, 66])
    values.append(["CLA02", 50, 55, 58, 61])
    wb.save(tmp_path / "pis.xlsx")
    out = tmp_path / "exceptions.docx"
    result = CliRunner().invoke(main, ["exceptions", str(plan), "--indicators",
                                       str(tmp_path / "pis.xlsx"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "8 exceptions in, 8 written" in result.output
    found = tables(out)
    assert found[("Indicator", "Latest", "Target", "Status", "Why it is listed")] == [
        ["CLA02 – Children on plans", "61 per 10,000 (Nov 2018)", "70 per 10,000", "On target",
         "Worsened two periods running"],
    ]
