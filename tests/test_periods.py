"""Period parsing and ordering: months, quarters, financial years, dates."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.domain.periods import next_period, parse_period


@pytest.mark.parametrize(
    ("text", "label", "start", "end", "kind"),
    [
        ("Aug 2011", "Aug 2011", dt.date(2011, 8, 1), dt.date(2011, 8, 31), "month"),
        ("August 2018", "Aug 2018", dt.date(2018, 8, 1), dt.date(2018, 8, 31), "month"),
        ("2011-09", "Sep 2011", dt.date(2011, 9, 1), dt.date(2011, 9, 30), "month"),
        ("Aug-11", "Aug 2011", dt.date(2011, 8, 1), dt.date(2011, 8, 31), "month"),
        ("Sept 2011", "Sep 2011", dt.date(2011, 9, 1), dt.date(2011, 9, 30), "month"),
        ("feb 2012", "Feb 2012", dt.date(2012, 2, 1), dt.date(2012, 2, 29), "month"),
        ("Q2 2011/12", "Q2 2011/12", dt.date(2011, 7, 1), dt.date(2011, 9, 30), "quarter"),
        ("Q4 2011/12", "Q4 2011/12", dt.date(2012, 1, 1), dt.date(2012, 3, 31), "quarter"),
        ("2011/12 Q1", "Q1 2011/12", dt.date(2011, 4, 1), dt.date(2011, 6, 30), "quarter"),
        ("2010/11", "2010/11", dt.date(2010, 4, 1), dt.date(2011, 3, 31), "financial_year"),
        ("2010/2011", "2010/11", dt.date(2010, 4, 1), dt.date(2011, 3, 31), "financial_year"),
        ("30/09/2011", "30 Sep 2011", dt.date(2011, 9, 30), dt.date(2011, 9, 30), "date"),
    ],
)
def test_parse_period_text(
    text: str, label: str, start: dt.date, end: dt.date, kind: str
) -> None:
    p = parse_period(text)
    assert p is not None
    assert (p.label, p.start, p.end, p.kind) == (label, start, end, kind)


def test_real_date_on_the_first_is_a_month_other_days_are_days() -> None:
    month = parse_period(dt.datetime(2011, 8, 1))
    day = parse_period(dt.date(2011, 9, 30))
    assert month is not None and (month.kind, month.label) == ("month", "Aug 2011")
    assert day is not None and (day.kind, day.label) == ("date", "30 Sep 2011")


@pytest.mark.parametrize("text", ["Item", "Target", "", "2010/12", "Q5 2011/12", "31/02/2011",
                                  "England average", "Augustus 2011"])
def test_not_periods(text: str) -> None:
    assert parse_period(text) is None


def test_periods_sort_in_time_whatever_order_they_arrive() -> None:
    texts = ["Sep 2011", "2010/11", "Q1 2011/12", "Jul 2011", "Aug-11", "Jun 2011"]
    periods = [parse_period(t) for t in texts]
    ordered = sorted(p for p in periods if p is not None)
    assert [p.label for p in ordered] == [
        "2010/11", "Q1 2011/12", "Jun 2011", "Jul 2011", "Aug 2011", "Sep 2011",
    ]


def test_same_month_written_two_ways_is_equal() -> None:
    assert parse_period("Aug 2011") == parse_period("August 2011") == parse_period("2011-08")


def test_next_period_crosses_year_ends() -> None:
    dec = parse_period("Dec 2011")
    q4 = parse_period("Q4 2011/12")
    assert dec is not None and q4 is not None
    nxt = next_period(dec)
    assert nxt is not None and nxt.label == "Jan 2012"
    nq = next_period(q4)
    assert nq is not None and nq.label == "Q1 2012/13"
