"""Indicators judged on the year to date: the comparator line uses the judged figure, its gap
printed with the figures' own decimals, and the trend chart draws the year to date too and
says so in its alt text (python-docx read-back)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import docx
from click.testing import CliRunner
from docx.oxml.ns import qn
from PIL import Image

from pipeline.cli import main

MONTHS = ["Jul 2011", "Aug 2011", "Sep 2011"]


def _book(make_workbook: Callable[..., Path]) -> Path:
    """NI059 judged on the year to date (typed, 0.0%): Sep 2011 is 66.47 in-month (General)
    and 57.7% year to date, against an England average of 79.6%."""
    return make_workbook({
        "Indicators": [
            ["Code", "Title", "Polarity", "Unit", "Target", "Judge on", "England average"],
            ["NI059", "Initial assessments on time", "High", "%", 80, "Year to date", 79.6],
            ["NI060", "Core assessments on time", "High", "%", 80, "In-month", 79.6],
        ],
        "Values": [
            ["Code", "Period", "Value", "Year to date"],
            ["NI059", MONTHS[0], 60.25, 59.1], ["NI059", MONTHS[1], 40.3, 55.6],
            ["NI059", MONTHS[2], 66.47, 57.7],
            ["NI060", MONTHS[0], 60.0, 59.0], ["NI060", MONTHS[1], 70.0, 61.0],
            ["NI060", MONTHS[2], 66.47, 62.0],
        ],
    })


def _made(make_workbook: Callable[..., Path], tmp_path: Path) -> docx.Document:
    out = tmp_path / "performance.docx"
    result = CliRunner().invoke(main, ["performance", str(_book(make_workbook)), "-o", str(out)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return docx.Document(str(out))


def test_comparator_gap_is_from_the_judged_figure_with_its_decimals(
    make_workbook: Callable[..., Path], tmp_path: Path
) -> None:
    texts = [p.text for p in _made(make_workbook, tmp_path).paragraphs]
    comparators = [t for t in texts if t.startswith("Comparators: ")]
    assert comparators == [
        # 57.7 - 79.6, not the in-month 66.47 - 79.6 = 13.13
        "Comparators: England average 79.6%: latest year to date is 21.9 percentage points "
        "lower (worse)",
        # judged in-month: the month's 66.47 (two decimals) against 79.6
        "Comparators: England average 79.6%: latest is 13.13 percentage points lower (worse)",
    ]


def test_chart_of_an_indicator_judged_on_the_year_to_date_says_it_shows_it(
    make_workbook: Callable[..., Path], tmp_path: Path
) -> None:
    doc = _made(make_workbook, tmp_path)
    alts = [el.get("descr") for el in doc.element.body.iter(qn("wp:docPr"))]
    assert alts[0].startswith(
        "Line chart of NI059 Initial assessments on time, year to date and in-month, Jul 2011 "
        "to Sep 2011: latest year to date 57.7% (in-month 66.47%) against a target of 80%, "
        "improved from 55.6% in Aug 2011")
    assert alts[1].startswith("Line chart of NI060 Core assessments on time, Jul 2011 to "
                              "Sep 2011: latest 66.47%")


def test_chart_draws_the_year_to_date_series() -> None:
    """The judged-on-YTD chart has a second series in its own colour; the other has not."""
    from pipeline.documents.charts import YTD_COLOUR, trend_chart_png
    from pipeline.domain.model import Indicator, Observation, Period

    def chart(judge_on: str) -> set[tuple[int, int, int]]:
        series = [Observation(Period(dt.date(2011, m, 1), dt.date(2011, m, 28), label), v,
                              ytd=y)
                  for m, label, v, y in zip((7, 8, 9), MONTHS, (60.0, 40.0, 66.0),
                                            (59.0, 55.0, 57.0), strict=True)]
        ind = Indicator(code="NI1", title="Visits", unit="%", judge_on=judge_on,
                        series=series)
        image = Image.open(io.BytesIO(trend_chart_png(ind))).convert("RGB")
        return {colour for _, colour in image.getcolors(maxcolors=1 << 20)}

    purple = tuple(int(YTD_COLOUR[i:i + 2], 16) for i in (1, 3, 5))
    assert purple in chart("ytd")
    assert purple not in chart("month")
