"""Domain rules of the cabinet response to scrutiny recommendations.

Plain functions on the dataclasses of `pipeline.domain.model`: decisions as councils
type them, recommendation numbers ("2a", "2 b)", "4(c)"), counts of decisions by
theme, and the statutory two-month deadline for the executive's response
(Local Government Act 2000, section 9FE).
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re

from pipeline.domain.model import (
    DECISIONS,
    Decision,
    Details,
    ScrutinyRecommendation,
    ScrutinyResponse,
    Theme,
)
from pipeline.domain.periods import long_date
from pipeline.text import normalise_label

DUTY = "Local Government Act 2000, section 9FE"

# Decisions that count as "wholly or partly accepted" in the summary sentence.
ACCEPTING: tuple[Decision, ...] = ("Accepted", "Partially accepted", "Accepted in principle")

# normalised spelling -> decision. Compared with `normalise_label` (no case, spaces or
# punctuation), so "Partially Accepted." and "partially-accepted" both match.
_SPELLINGS: dict[str, Decision] = {}
for _decision, _spellings in (
    ("Accepted", ("accepted", "accept", "agreed", "approved", "yes")),
    ("Partially accepted", ("partially accepted", "partly accepted", "accepted in part",
                            "partially agreed", "partly agreed", "part accepted")),
    ("Accepted in principle", ("accepted in principle", "agreed in principle",
                               "in principle")),
    ("Not accepted", ("not accepted", "rejected", "reject", "declined", "not agreed", "no")),
    ("Noted", ("noted", "note")),
):
    for _s in _spellings:
        _SPELLINGS[normalise_label(_s)] = _decision  # type: ignore[assignment]
# Short words that mean a decision alone in a cell but not at the start of a sentence
# ("No further action ...", "Note that ...").
_NOT_LEADING = {normalise_label(s) for s in ("yes", "no", "note", "accept", "reject",
                                             "in principle")}

_NUMBER = re.compile(
    r"""^\s*
    (?:rec(?:ommendation)?\.?\s*)?      # an optional "Rec" / "Recommendation" prefix
    (?P<theme>\d{1,3})                  # the theme number
    (?:\s*[.\-:]?\s*                    # "2.a", "2-a", "2 a"
       \(?\s*(?P<letter>[a-z])\s*\)?    # "a", "(a)", "a)"
    )?
    \s*[.):]?\s*$""",
    re.I | re.X,
)
_LETTER_ONLY = re.compile(r"^\s*\(?\s*(?P<letter>[a-z])\s*[.)]\s*$|^\s*\((?P<l2>[a-z])\)\s*$", re.I)


def normalise_decision(text: str) -> Decision | None:
    """The decision a cell means, whatever its case and punctuation; None when unknown.

    'accepted' -> 'Accepted'; 'Partially Accepted.' -> 'Partially accepted';
    'rejected' -> 'Not accepted'; 'ACCEPTED IN PRINCIPLE' -> 'Accepted in principle'.
    """
    key = normalise_label(text)
    if not key:
        return None
    return _SPELLINGS.get(key)


def split_leading_decision(text: str) -> tuple[Decision, str] | None:
    """A cell that starts with a decision and goes on with the response text.

    'Accepted. In March the group agreed ...' -> ('Accepted', 'In March the group agreed ...').
    The rest is returned exactly as typed. None when the cell does not start with a decision.
    """
    stripped = text.lstrip()
    best: tuple[int, Decision] | None = None
    words = re.finditer(r"[^\s.:;,\-–—]+", stripped)
    end = 0
    for m in words:
        end = m.end()
        key = normalise_label(stripped[:end])
        decision = _SPELLINGS.get(key)
        if decision is not None and key not in _NOT_LEADING:
            best = (end, decision)
        if m.start() > 40:
            break
    if best is None:
        return None
    end, decision = best
    rest = stripped[end:]
    rest = re.sub(r"^[ \t]*[.:;,\-–—]?[ \t]*\n?", "", rest, count=1)
    if not rest.strip():
        return None
    return decision, rest


def decision_choices() -> str:
    """'Accepted, Partially accepted, Accepted in principle, Not accepted, Noted'."""
    return ", ".join(DECISIONS)


def suggest_decision(text: str) -> Decision | None:
    """The closest decision to an unknown spelling ('acepted' -> 'Accepted'), or None."""
    key = normalise_label(text)
    if not key:
        return None
    close = difflib.get_close_matches(key, list(_SPELLINGS), n=1, cutoff=0.6)
    return _SPELLINGS[close[0]] if close else None


def parse_number_label(text: str) -> tuple[str, str] | None:
    """A recommendation number as (theme number, letter); None when it is not one.

    '1' -> ('1', ''); '2a' -> ('2', 'a'); '2 b)' -> ('2', 'b'); '4(c)' -> ('4', 'c');
    '2.a' -> ('2', 'a'); '3.' -> ('3', ''). A letter on its own ('b)', '(c)') gives
    ('', 'b'): the theme is the one above.
    """
    m = _NUMBER.match(text)
    if m:
        theme = str(int(m.group("theme")))
        letter = (m.group("letter") or "").lower()
        return theme, letter
    m = _LETTER_ONLY.match(text)
    if m:
        return "", (m.group("letter") or m.group("l2")).lower()
    return None


def number_label(theme_number: str, letter: str) -> str:
    """('2', 'a') -> '2a'; ('1', '') -> '1'."""
    return f"{theme_number}{letter}"


def decision_counts(themes: list[Theme]) -> dict[Decision, int]:
    """How many recommendations got each decision, every decision listed (zeros too)."""
    counts: dict[Decision, int] = {d: 0 for d in DECISIONS}
    for theme in themes:
        for rec in theme.recommendations:
            counts[rec.decision] += 1
    return counts


def decision_counts_by_theme(
    response: ScrutinyResponse,
) -> list[tuple[Theme, dict[Decision, int]]]:
    """Each theme in order with the count of each decision (every decision listed)."""
    return [(theme, decision_counts([theme])) for theme in response.themes]


def add_months(d: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months later, or that month's last day if shorter."""
    index = d.month - 1 + months
    year, month = d.year + index // 12, index % 12 + 1
    day = min(d.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)


def response_deadline(scrutiny_report_date: dt.date) -> dt.date:
    """The last day for the executive's response: two calendar months after the report.

    15 March -> 15 May; 31 December 2012 -> 28 February 2013; 31 December 2011 ->
    29 February 2012 (a month without that day gives its last day).
    """
    return add_months(scrutiny_report_date, 2)


def response_is_late(details: Details) -> bool | None:
    """Whether the cabinet meeting is later than two months after the scrutiny report.

    None when either date is missing or is not a whole date (a month or free text):
    the check cannot be made.
    """
    report_date = details.scrutiny_report_date
    cabinet = details.cabinet_date
    if report_date is None or cabinet is None:
        return None
    if report_date.date is None or cabinet.date is None:
        return None
    if report_date.precision != "day" or cabinet.precision != "day":
        return None
    return cabinet.date > response_deadline(report_date.date)


def late_response_message(details: Details) -> str | None:
    """The warning text for a late response, or None when it is on time or unknown."""
    if not response_is_late(details):
        return None
    assert details.scrutiny_report_date is not None and details.cabinet_date is not None
    report_date = details.scrutiny_report_date.date
    cabinet = details.cabinet_date.date
    assert report_date is not None and cabinet is not None
    deadline = response_deadline(report_date)
    days = (cabinet - deadline).days
    return (
        f"The cabinet meeting ({long_date(cabinet)}) is {days} day{'s' if days != 1 else ''} "
        f"after the deadline of {long_date(deadline)}: the executive must respond to a scrutiny "
        f"report within two months of receiving it ({DUTY}), and the scrutiny report is dated "
        f"{long_date(report_date)}. Check the Cabinet date and Scrutiny report date on the Details "
        "sheet; if they are right, say in the report why the response is late."
    )


def update_day(details: Details) -> dt.date | None:
    """The day an update reports at: the Update date, else the Meeting date (their last day
    for a month); None when neither is a date."""
    for dv in (details.update_date, details.meeting_date):
        if dv is not None and dv.date is not None:
            return dv.due_by()
    return None


def missing_updates(response: ScrutinyResponse, on: dt.date) -> list[ScrutinyRecommendation]:
    """Accepted (wholly, partly, in principle or noted) recommendations whose date in force
    (the revised date, else the action date) had passed by `on` and whose Progress is blank,
    in order."""
    out = []
    for rec in response.recommendations:
        if rec.decision == "Not accepted" or rec.progress.strip():
            continue
        when = rec.date_in_force
        due = when.due_by() if when is not None else None
        if due is not None and due < on:
            out.append(rec)
    return out
