"""Domain rules of an improvement plan: plain functions on `pipeline.domain.model.Plan`."""

from __future__ import annotations

import datetime as dt

from pipeline.domain.model import Action, Plan, Priority, Recommendation, StatusKey


def status_counts(plan: Plan) -> dict[StatusKey, int]:
    """Actions per status: every status of the plan's scheme (0 when unused), in scheme order,
    then any status the actions use that the scheme does not list."""
    counts: dict[StatusKey, int] = {key: 0 for key in plan.scheme.keys}
    for action in plan.actions:
        counts[action.status] = counts.get(action.status, 0) + 1
    return counts


def is_overdue(action: Action, as_at: dt.date) -> bool:
    """Not complete, and its target date's last allowed day is before `as_at`.

    A month target ("Aug-12") is due by the month's end; free-text targets
    ("Ongoing") are never overdue.
    """
    if action.status == "complete" or action.target_date is None:
        return False
    due = action.target_date.due_by()
    return due is not None and due < as_at


def overdue_actions(plan: Plan, as_at: dt.date) -> list[Action]:
    """Actions not complete whose target date falls before `as_at`, in plan order."""
    return [a for a in plan.actions if is_overdue(a, as_at)]


def recommendation_key(rec: Recommendation) -> str:
    """What makes two places one recommendation: its ref (R1 = r1), or its text without one.

    A place with neither (actions listed under a priority with no recommendation named) is
    a place of its own: blank is not a name two places can share.
    """
    return (" ".join(rec.ref.split()).lower() or " ".join(rec.text.split())
            or f"\0{id(rec)}")


def placements(plan: Plan) -> dict[str, list[tuple[Priority, Recommendation]]]:
    """Each recommendation the committee agreed, in plan order, with every place the plan
    lists it: one place usually, two when R1 appears under two priorities."""
    found: dict[str, list[tuple[Priority, Recommendation]]] = {}
    for priority in plan.priorities:
        for rec in priority.recommendations:
            found.setdefault(recommendation_key(rec), []).append((priority, rec))
    return found


def distinct_recommendations(plan: Plan) -> list[Recommendation]:
    """The recommendations agreed, each once (where it first appears), in plan order: the
    number every command and document gives as 'N recommendations'."""
    return [places[0][1] for places in placements(plan).values()]


def split_recommendations(plan: Plan) -> list[list[tuple[Priority, Recommendation]]]:
    """The recommendations the plan lists in more than one place, each with its places."""
    return [places for places in placements(plan).values() if len(places) > 1]


def split_note(places: list[tuple[Priority, Recommendation]]) -> str:
    """'R1 appears under two priorities' / 'R1 appears in two places' (under one priority)."""
    rec = places[0][1]
    name = rec.ref or repr(rec.text)
    priorities = {id(p) for p, _ in places}
    if len(priorities) > 1:
        return f"{name} appears under {_words(len(priorities))} priorities"
    return f"{name} appears in {_words(len(places))} places"


def _words(n: int) -> str:
    return ("two", "three", "four", "five", "six", "seven", "eight", "nine")[n - 2] if (
        2 <= n <= 9) else str(n)


def recommendations_without_actions(plan: Plan) -> list[Recommendation]:
    """Recommendations with no actions agreed yet (in none of their places), in plan order."""
    return [places[0][1] for places in placements(plan).values()
            if not any(rec.actions for _, rec in places)]
