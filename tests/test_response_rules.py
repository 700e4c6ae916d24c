"""Domain rules of the cabinet response: decisions, numbers, counts, the two-month duty."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.documents.response import summary_sentence
from pipeline.domain.model import (
    DateValue,
    Details,
    ScrutinyRecommendation,
    ScrutinyResponse,
    Theme,
)
from pipeline.domain.response_rules import (
    DUTY,
    decision_counts_by_theme,
    late_response_message,
    normalise_decision,
    parse_number_label,
    response_deadline,
    response_is_late,
    split_leading_decision,
    suggest_decision,
)


@pytest.mark.parametrize(
    ("typed", "decision"),
    [
        ("accepted", "Accepted"),
        ("ACCEPTED", "Accepted"),
        ("Accepted.", "Accepted"),
        ("Partially Accepted.", "Partially accepted"),
        ("partly accepted", "Partially accepted"),
        ("accepted in principle", "Accepted in principle"),
        ("Not accepted", "Not accepted"),
        ("rejected", "Not accepted"),
        ("Rejected", "Not accepted"),
        ("noted", "Noted"),
    ],
)
def test_decisions_are_normalised(typed: str, decision: str) -> None:
    assert normalise_decision(typed) == decision


def test_unknown_decision_is_none_with_a_close_suggestion() -> None:
    assert normalise_decision("acepted") is None
    assert suggest_decision("acepted") == "Accepted"
    assert suggest_decision("rejectd") == "Not accepted"
    assert normalise_decision("maybe later") is None
    assert suggest_decision("zzzz") is None


def test_decision_at_the_start_of_a_response_keeps_the_rest_verbatim() -> None:
    assert split_leading_decision("Accepted. In March the group met & agreed.") == (
        "Accepted", "In March the group met & agreed."
    )
    assert split_leading_decision("Accepted in principle\nThe proposal <is> ambitious") == (
        "Accepted in principle", "The proposal <is> ambitious"
    )
    assert split_leading_decision("No further action is planned") is None
    assert split_leading_decision("Accepted") is None


@pytest.mark.parametrize(
    ("typed", "parsed"),
    [
        ("1", ("1", "")),
        ("2a", ("2", "a")),
        ("2 b)", ("2", "b")),
        ("4(c)", ("4", "c")),
        ("2.a", ("2", "a")),
        ("2A", ("2", "a")),
        ("3.", ("3", "")),
        ("12b", ("12", "b")),
        ("b)", ("", "b")),
    ],
)
def test_number_labels(typed: str, parsed: tuple[str, str]) -> None:
    assert parse_number_label(typed) == parsed


@pytest.mark.parametrize("typed", ["x", "2ab", "two", "2.1", ""])
def test_bad_number_labels(typed: str) -> None:
    assert parse_number_label(typed) is None


def _rec(number: str, decision: str) -> ScrutinyRecommendation:
    return ScrutinyRecommendation(number, number[0], number[1:], f"Rec {number}", decision)  # type: ignore[arg-type]


def test_decision_counts_by_theme_and_summary_sentence() -> None:
    response = ScrutinyResponse(
        Details(),
        [
            Theme("1", "One", [_rec("1", "Accepted")]),
            Theme("2", "Two", [_rec("2a", "Accepted"), _rec("2b", "Accepted in principle"),
                               _rec("2c", "Partially accepted")]),
        ],
    )
    counts = decision_counts_by_theme(response)
    assert [t.number for t, _ in counts] == ["1", "2"]
    assert counts[1][1] == {"Accepted": 1, "Partially accepted": 1,
                            "Accepted in principle": 1, "Not accepted": 0, "Noted": 0}
    assert summary_sentence(response) == "All four recommendations were wholly or partly accepted."
    response.themes[0].recommendations.append(_rec("1b", "Not accepted"))
    response.themes[0].recommendations.append(_rec("1c", "Noted"))
    assert summary_sentence(response) == (
        "Four of six recommendations were wholly or partly accepted; one was not accepted "
        "and one was noted."
    )


@pytest.mark.parametrize(
    ("report", "deadline"),
    [
        (dt.date(2013, 3, 15), dt.date(2013, 5, 15)),
        (dt.date(2012, 12, 31), dt.date(2013, 2, 28)),
        (dt.date(2011, 12, 31), dt.date(2012, 2, 29)),  # leap year
        (dt.date(2013, 7, 31), dt.date(2013, 9, 30)),
        (dt.date(2013, 8, 31), dt.date(2013, 10, 31)),
        (dt.date(2013, 11, 30), dt.date(2014, 1, 30)),
        (dt.date(2013, 12, 1), dt.date(2014, 2, 1)),
    ],
)
def test_response_deadline_is_two_calendar_months(report: dt.date, deadline: dt.date) -> None:
    assert response_deadline(report) == deadline


def _details(report: dt.date | None, cabinet: dt.date | None) -> Details:
    return Details(
        scrutiny_report_date=None if report is None else DateValue("x", report, "day"),
        cabinet_date=None if cabinet is None else DateValue("y", cabinet, "day"),
    )


def test_exactly_two_months_is_on_time_one_day_later_is_late() -> None:
    assert response_is_late(_details(dt.date(2013, 3, 15), dt.date(2013, 5, 15))) is False
    assert response_is_late(_details(dt.date(2013, 3, 15), dt.date(2013, 5, 16))) is True
    assert late_response_message(_details(dt.date(2013, 3, 15), dt.date(2013, 5, 15))) is None


def test_month_end_boundary() -> None:
    assert response_is_late(_details(dt.date(2012, 12, 31), dt.date(2013, 2, 28))) is False
    assert response_is_late(_details(dt.date(2012, 12, 31), dt.date(2013, 3, 1))) is True
    assert response_is_late(_details(dt.date(2011, 12, 31), dt.date(2012, 2, 29))) is False


def test_late_message_cites_the_duty_and_dates() -> None:
    message = late_response_message(_details(dt.date(2013, 3, 15), dt.date(2013, 5, 20)))
    assert message is not None
    assert DUTY == "Local Government Act 2000, section 9FE"
    assert DUTY in message
    assert "20 May 2013" in message and "15 May 2013" in message and "5 days" in message


def test_lateness_unknown_without_both_whole_dates() -> None:
    assert response_is_late(_details(None, dt.date(2013, 5, 16))) is None
    assert response_is_late(_details(dt.date(2013, 3, 15), None)) is None
    month = Details(
        scrutiny_report_date=DateValue("Mar-13", dt.date(2013, 3, 1), "month"),
        cabinet_date=DateValue("27/06/2013", dt.date(2013, 6, 27), "day"),
    )
    assert response_is_late(month) is None
