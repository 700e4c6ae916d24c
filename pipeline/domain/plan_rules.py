"""Domain rules of an improvement plan: plain functions on `pipeline.domain.model.Plan`."""

from __future__ import annotations

import datetime as dt

from pipeline.domain.model import Action, Plan, Recommendation, StatusKey


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


def recommendations_without_actions(plan: Plan) -> list[Recommendation]:
    """Recommendations with no actions agreed yet, in plan order."""
    return [r for r in plan.recommendations if not r.actions]
