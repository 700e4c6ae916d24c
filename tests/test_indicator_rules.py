"""Indicator rules: status by polarity and tolerance, direction, gaps, comparators, units."""

from __future__ import annotations

import pytest

from pipeline.domain.comparators import comparator_gaps
from pipeline.domain.indicator_rules import (
    direction,
    format_value,
    normalise_unit,
    parse_polarity,
    polarity_sentence,
    reading,
    status,
)
from pipeline.domain.model import Comparator, Indicator, Observation
from pipeline.domain.periods import parse_period
from pipeline.domain.status import contrast_ratio


def obs(period: str, value: float | None) -> Observation:
    p = parse_period(period)
    assert p is not None
    return Observation(p, value)


# --- status -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (80.0, "On target"),  # exactly met
        (85.0, "On target"),
        (79.9, "Near target"),
        (72.0, "Near target"),  # misses by exactly 10% of 80: still near
        (71.99, "Off target"),
        (57.7, "Off target"),
    ],
)
def test_status_high_is_good(value: float, expected: str) -> None:
    assert status(value, 80.0, "high").label == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (5.0, "On target"),
        (4.0, "On target"),
        (5.5, "Near target"),  # exactly the 10% band above a low target
        (5.51, "Off target"),
        (6.0, "Off target"),
    ],
)
def test_status_low_is_good(value: float, expected: str) -> None:
    assert status(value, 5.0, "low").label == expected


def test_status_with_explicit_tolerance_edges() -> None:
    assert status(75.0, 80.0, "high", tolerance=5.0).label == "Near target"
    assert status(74.9, 80.0, "high", tolerance=5.0).label == "Off target"
    assert status(80.0, 80.0, "high", tolerance=0.0).label == "On target"
    assert status(79.99, 80.0, "high", tolerance=0.0).label == "Off target"


def test_status_no_target_is_data_only_and_no_value_is_no_data() -> None:
    assert status(66.5, None, "high").label == "Data only"
    assert status(66.5, None, None).label == "Data only"
    assert status(None, 80.0, "high").label == "No data"
    assert status(None, None, None).label == "No data"


def test_status_colours_and_text_contrast() -> None:
    fills = {
        status(90, 80, "high").label: status(90, 80, "high").fill,
        status(75, 80, "high").label: status(75, 80, "high").fill,
        status(10, 80, "high").label: status(10, 80, "high").fill,
        status(10, None, None).label: status(10, None, None).fill,
    }
    assert fills == {"On target": "00703C", "Near target": "FFDD00", "Off target": "D4351C",
                     "Data only": "505A5F"}
    for value, target in ((90, 80), (75, 80), (10, 80), (10, None)):
        s = status(value, target, "high")
        assert contrast_ratio(s.fill, s.text_colour) >= 4.5
    assert status(75, 80, "high").text_colour == "0B0C0C"  # black on amber


# --- direction --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("latest", "previous", "polarity", "text"),
    [
        (66.5, 40.3, "high", "Improved ↑"),
        (40.3, 66.5, "high", "Worsened ↓"),
        (4.0, 6.0, "low", "Improved ↓"),
        (6.0, 4.0, "low", "Worsened ↑"),
        (5.0, 5.0, "low", "No change →"),
        (5.0, 5.0, "high", "No change →"),
        (74.1, 63.9, None, "Increased ↑"),
        (63.9, 74.1, None, "Decreased ↓"),
        (63.9, 63.9, None, "No change →"),
        (63.9, None, "high", "No earlier data"),
    ],
)
def test_direction(
    latest: float, previous: float | None, polarity: str | None, text: str
) -> None:
    assert direction(latest, previous, polarity).text == text  # type: ignore[arg-type]


# --- latest, previous and gaps ----------------------------------------------------------------
def test_reading_skips_a_gap_and_names_it() -> None:
    series = [obs("Sep 2011", 66.5), obs("Jun 2011", 58.1), obs("Aug 2011", None),
              obs("Jul 2011", 66.7)]
    r = reading(series)
    assert r.latest is not None and r.latest.period.label == "Sep 2011"
    assert r.previous is not None and r.previous.period.label == "Jul 2011"
    assert r.gap_text == "No data for Aug 2011"


def test_reading_names_empty_latest_periods() -> None:
    r = reading([obs("Jul 2011", 66.7), obs("Aug 2011", 40.3), obs("Sep 2011", None)])
    assert r.latest is not None and r.latest.period.label == "Aug 2011"
    assert r.gap_text == "No data for Sep 2011"


def test_reading_with_no_data_at_all() -> None:
    r = reading([obs("Jul 2011", None)])
    assert r.latest is None and r.previous is None
    assert r.gap_text == "No data for Jul 2011"


def test_unlisted_periods_are_not_gaps() -> None:
    r = reading([obs("Aug 2018", 63.9), obs("Nov 2018", 74.1)])
    assert r.gap_text == ""


# --- comparators, polarity, units -------------------------------------------------------------
def test_comparator_gaps_by_polarity() -> None:
    ind = Indicator("Initial assessments", "NI059", polarity="high", unit="%",
                    comparators=[Comparator("England average", 79.6),
                                 Comparator("Statistical neighbours", 60.0)],
                    series=[obs("Sep 2011", 66.5)])
    gaps = comparator_gaps(ind)
    assert [g.better for g in gaps] == [False, True]
    assert gaps[0].text == ("England average 79.6%: latest is 13.1 percentage points lower "
                            "(worse)")
    low = Indicator("Placement moves", polarity="low", unit="%",
                    comparators=[Comparator("England average", 10.9)],
                    series=[obs("Sep 2011", 6.0)])
    assert comparator_gaps(low)[0].better is True


@pytest.mark.parametrize(
    ("text", "polarity"),
    [("High", "high"), ("higher is better", "high"), ("It's best to be high", "high"),
     ("Low is good", "low"), ("LOW", "low"), ("It’s best to be low", "low"), ("maybe", None)],
)
def test_parse_polarity(text: str, polarity: str | None) -> None:
    assert parse_polarity(text) == polarity


def test_polarity_sentence() -> None:
    assert polarity_sentence("high") == "It's best to be high"
    assert polarity_sentence("low") == "It's best to be low"
    assert polarity_sentence(None) == ""


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [(66.5, "%", "66.5%"), (80.0, "%", "80%"), (1234.0, "£", "£1,234"),
     (1234.5, "£", "£1,234.50"), (12.3, "days", "12.3 days"),
     (45.2, "rate per 10,000", "45.2 per 10,000"), (1234.0, "number", "1,234"),
     (3.0, "", "3")],
)
def test_format_value(value: float, unit: str, text: str) -> None:
    assert format_value(value, unit) == text


def test_normalise_unit() -> None:
    assert normalise_unit("Percentage") == "%"
    assert normalise_unit("Rate per 10000") == "per 10,000"
