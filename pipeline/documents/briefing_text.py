"""The sentences of the briefing (and of the committee report's summary): how the plan's
numbers are said in words, each as a plain function of the model.

"The plan has 52 actions against 27 recommendations. Of these, 39 are complete (75%), four
are on track ..."; "Two actions have new target dates since the last report (15 July
2013)."; "<indicator> was 39.8% year to date in Sep 2011 against a target of 60% (off
target) ..."; the Background sentence made from the report number; the briefing's title.
`pipeline.documents.briefing` puts them in the document.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.documents.formatting import format_date_value, number_words, percentages
from pipeline.domain.indicator_rules import format_value, ytd_format
from pipeline.domain.model import Details, Observation, Plan, StatusKey
from pipeline.domain.plan_rules import distinct_recommendations, status_counts

if TYPE_CHECKING:
    from pipeline.documents.performance import Assessment

_ORDINALS = (
    "first", "second", "third", "fourth", "fifth",
    "sixth", "seventh", "eighth", "ninth", "tenth",
)

# How a summary sentence says each status: (singular verb phrase, plural verb phrase).
_STATUS_PHRASES: dict[StatusKey, tuple[str, str]] = {
    "complete": ("is complete", "are complete"),
    "on_track": ("is on track", "are on track"),
    "at_risk": ("is at risk", "are at risk"),
    "behind": ("is behind schedule", "are behind schedule"),
    "not_started": ("has not started", "have not started"),
}
_SUMMARY_ORDER: tuple[StatusKey, ...] = ("complete", "on_track", "at_risk", "behind", "not_started")


def ordinal(n: int) -> str:
    """'third' for 3 (one to ten in words), '11th', '22nd', '103rd' above."""
    if 1 <= n <= len(_ORDINALS):
        return _ORDINALS[n - 1]
    if 10 <= n % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def capitalise(text: str) -> str:
    """The first letter in capitals, the rest as written ('five actions' -> 'Five actions')."""
    return text[:1].upper() + text[1:]


def count_of(n: int, one: str, many: str) -> str:
    """'one action', 'six actions', '52 actions'."""
    return f"{number_words(n)} {one if n == 1 else many}"


def join_words(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def briefing_title(plan: Plan) -> str:
    """'Briefing for <Committee> <meeting date>: Update on <plan title>'."""
    details = plan.details
    committee = details.committee.strip() or "the Scrutiny Committee"
    meeting = format_date_value(details.meeting_date)
    subject = details.title.strip() or "the Improvement Plan"
    head = f"Briefing for {committee} {meeting}" if meeting else f"Briefing for {committee}"
    return f"{head}: Update on {subject}"


def _the(title: str) -> str:
    return title if title.lower().startswith("the ") else f"the {title}"


def background_text(details: Details) -> str:
    """The Details Background text as typed, or a sentence made from the report number
    (the briefing's Background and the committee report's Purpose when none is typed)."""
    if details.background.strip():
        return details.background
    subject = _the(details.title.strip() or "Improvement Plan")
    if details.report_number is not None and details.report_number > 0:
        return f"This is the {ordinal(details.report_number)} progress report on {subject}."
    return f"This report updates the committee on progress with {subject}."


def status_sentence(plan: Plan) -> str:
    """'The plan has 52 actions against 27 recommendations. Of these, 39 are complete (75%),
    four are on track, two are at risk, five are behind schedule and two have not started.'"""
    total = len(plan.actions)
    recs = count_of(len(distinct_recommendations(plan)), "recommendation", "recommendations")
    if total == 0:
        return f"The plan has no actions yet against {recs}."
    opening = f"The plan has {count_of(total, 'action', 'actions')} against {recs}."
    counts = status_counts(plan)
    # the plan's 'Actions by status' percentages
    shares = dict(zip(counts, percentages(list(counts.values())), strict=True))
    parts: list[str] = []
    for key in _SUMMARY_ORDER:
        n = counts.get(key, 0)
        if not n:
            continue
        one, many = _status_phrases(plan, key)
        part = f"{number_words(n)} {one if n == 1 else many}"
        if key == "complete":
            part += f" ({shares[key]})"
        parts.append(part)
    if total == 1:
        return f"{opening} It {parts[0].split(' ', 1)[1]}."
    return f"{opening} Of these, {join_words(parts)}."


def _status_phrases(plan: Plan, key: StatusKey) -> tuple[str, str]:
    """How the sentence says a status: in plain words when the plan's key calls it so
    ("On track", "Behind Schedule"), else by the key's own label, so that the sentence
    matches the key and the cells ('are "In Progress on schedule"')."""
    one, many = _STATUS_PHRASES[key]
    label = next((e.label for e in plan.scheme.entries if e.key == key), "")
    words = " ".join(label.replace("\n", " ").split())
    if not words or words.lower() in (one.split(" ", 1)[1], "completed", "not started"):
        return one, many
    return f'is "{words}"', f'are "{words}"'


def target_dates_sentence(n: int, since: str = "") -> str:
    """'Two actions have new target dates.' ('since the last report (15 July 2013)' added
    when `since` names it); 'No action has a new target date ...' for none."""
    tail = f" since {since}" if since else ""
    if n == 0:
        return f"No action has a new target date{tail}."
    return (
        f"{capitalise(count_of(n, 'action', 'actions'))} "
        f"{'has a new target date' if n == 1 else 'have new target dates'}{tail}."
    )


def earlier_report(previous: Plan) -> str:
    """'the last report (15 July 2013)': the earlier report named by its date."""
    when = format_date_value(previous.details.meeting_date) or format_date_value(
        previous.details.as_at
    )
    return f"the last report ({when})" if when else "the last report"


_INDICATOR_PHRASES: dict[str, str] = {
    "on_target": "on target",
    "near_target": "near target",
    "off_target": "off target",
    "data_only": "with no target (data only)",
    "no_data": "with no data",
}


def indicators_sentence(assessments: list[Assessment]) -> str:
    """'There are six indicators: two on target, one near target and three off target.';
    'All five indicators are off target.'; 'There are five indicators, none with a target, so
    their status is not judged.' (never '5 indicators: 5 data only.')"""
    n = len(assessments)
    tally: dict[str, int] = {}
    for a in assessments:
        tally[a.status.key] = tally.get(a.status.key, 0) + 1
    there = f"There {'is' if n == 1 else 'are'} {count_of(n, 'indicator', 'indicators')}"
    if n and len(tally) == 1:  # every indicator has the one status: said plainly
        (key,) = tally
        if key == "data_only":
            return (f"{there}, with no target, so its status is not judged." if n == 1 else
                    f"{there}, none with a target, so their status is not judged.")
        if key == "no_data":
            return f"{there}, with no data yet." if n == 1 else f"{there}, none with data yet."
        if n == 1:
            return f"{there}, {_INDICATOR_PHRASES[key]}."
        if n == 2:
            return f"Both indicators are {_INDICATOR_PHRASES[key]}."
        return f"All {count_of(n, 'indicator', 'indicators')} are {_INDICATOR_PHRASES[key]}."
    parts = [f"{number_words(tally[key])} {phrase}"
             for key, phrase in _INDICATOR_PHRASES.items() if tally.get(key)]
    return f"{there}: {join_words(parts)}." if parts else f"{there}."


def off_target_sentence(assessment: Assessment) -> str:
    """'<indicator> was 66.5% in Sep 2011 against a target of 80% (off target); it improved
    from 40.3% in Aug 2011.' For an indicator judged on its year to date, that figure:
    '... was 39.8% year to date in Sep 2011 ...', compared with the last year to date.
    Figures are shown as their cells show them."""
    a = assessment
    latest, previous = a.reading.latest, a.reading.previous
    if latest is None:  # an indicator with no data is "No data", never off target
        return f"{a.indicator.name} has no data."
    by_year = a.indicator.judge_on == "ytd" and latest.ytd is not None

    def shown(obs: Observation, year_to_date: bool) -> str:
        if year_to_date and obs.ytd is not None:
            return f"{format_value(obs.ytd, a.unit, ytd_format(obs))} year to date"
        return a.figure(obs)

    text = (
        f"{a.indicator.name} was {shown(latest, by_year)} in {latest.period.label} "
        f"against a target of {a.target_text} (off target)"
    )
    key = a.direction.key
    if previous is None or key == "not_known":
        return f"{text}; there is no earlier figure to compare with."
    # As `compared_values` compares: year to date with year to date when both have one.
    earlier = f"{shown(previous, by_year and previous.ytd is not None)} in " \
        f"{previous.period.label}"
    if key == "no_change":
        return f"{text}; it has not changed since {earlier}."
    return f"{text}; it {a.direction.word.lower()} from {earlier}."


__all__ = [
    "background_text", "briefing_title", "capitalise", "count_of", "earlier_report",
    "indicators_sentence", "join_words", "off_target_sentence", "ordinal", "status_sentence",
    "target_dates_sentence",
]
