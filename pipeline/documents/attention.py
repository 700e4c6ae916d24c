"""The sentence that introduces the table of actions behind schedule or overdue.

The sentence before it has already said how many actions are overdue ("Eight actions were
due before 30 July 2013 and are not complete."), so this one says what the table adds:
their statuses, any action behind schedule that is not yet due, and what each row gives.
"""

from __future__ import annotations

from pipeline.documents.formatting import number_words
from pipeline.domain.model import Action, Plan, StatusKey

# The order statuses are named in, most pressing first, and how each is said of an action
# on the list (an overdue one "still marked on track" is the news the clerk looks for).
_ORDER: tuple[StatusKey, ...] = ("behind", "at_risk", "on_track", "not_started", "complete")
_SAID = {"behind": "behind schedule", "at_risk": "at risk", "on_track": "still marked on track",
         "not_started": "not started", "complete": "complete"}


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def status_mix(plan: Plan, actions: list[Action]) -> str:
    """'five behind schedule, one at risk and two still marked on track' ('at risk' for
    one action, 'all behind schedule' for several of one status)."""
    counts: dict[str, int] = {}
    for action in actions:
        counts[action.status] = counts.get(action.status, 0) + 1
    keys = [k for k in _ORDER if k in counts] + [k for k in counts if k not in _ORDER]

    def said(key: str) -> str:
        if key in _SAID:
            return _SAID[key]
        try:
            return plan.scheme.label(key).lower()
        except KeyError:
            return key

    if len(actions) == 1:
        return said(keys[0])
    if len(keys) == 1:  # not "the five overdue actions are five behind schedule"
        return f"all {said(keys[0])}"
    return _join([f"{number_words(counts[k])} {said(k)}" for k in keys])


def late_lead_in(plan: Plan, late: list[Action], overdue: list[Action]) -> str:
    """'By status, the eight overdue actions are five behind schedule, one at risk and two
    still marked on track; the table gives each one's lead, target date and latest
    progress:' and its variants for actions behind schedule but not yet due."""
    overdue_ids = {id(a) for a in overdue}
    late_overdue = [a for a in late if id(a) in overdue_ids]
    more = len(late) - len(late_overdue)
    gives = ("the table gives its lead, target date and latest progress" if len(late) == 1
             else "the table gives each one's lead, target date and latest progress")
    if not late_overdue:
        n = len(late)
        subject = "One action is" if n == 1 else f"{number_words(n).capitalize()} actions are"
        none = "it is not" if n == 1 else "none is"
        return f"{subject} behind schedule, though {none} past its target date yet; {gives}:"
    n = len(late_overdue)
    if not more:
        mix = status_mix(plan, late)
        if n == 1:
            return f"The one overdue action is {mix}; {gives}:"
        if mix.startswith("all "):
            return f"The {number_words(n)} overdue actions are {mix}; {gives}:"
        return f"By status, the {number_words(n)} overdue actions are {mix}; {gives}:"
    overdue_text = "overdue action" if n == 1 else "overdue actions"
    return (f"The {number_words(n)} {overdue_text} and {number_words(more)} more behind "
            f"schedule but not yet due are listed below ({status_mix(plan, late)}), with "
            "each one's lead, target date and latest progress:")


__all__ = ["late_lead_in", "status_mix"]
