"""Slippage: target dates that moved, by how much, and what the earlier report said.

Plain functions on `pipeline.domain.model` objects. An action's `target_date` is the date in
force (the revised date when the workbook gives one); `original_date` is the earlier date
when the date has moved, from the workbook ("Original target date", or "Target date" beside
a "Revised target date") or, with `carry_earlier_dates`, from the previous report's plan.

- An action has *slipped* when both dates are dates and the date in force is later.
- The slip is counted in calendar months when either date is a month ("June 2013" to
  "September 2013": 3 months), otherwise in whole months and days ("3 months (93 days)";
  "12 days" under a month), so a table's lengths read alike.
- Overdue is always judged on the date in force (`plan_rules.is_overdue`); an action that
  would have been overdue on its earlier date is "re-dated" (`redated_actions`), so that a
  document can say so instead of letting it drop silently out of the overdue count.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pipeline.domain.changes import match_actions
from pipeline.domain.model import Action, DateValue, Plan

PREVIOUS_REPORT = "previous report"


def _moment(dv: DateValue | None) -> object:
    """What two dates are compared by: the last day allowed, or the words as typed."""
    if dv is None:
        return None
    due = dv.due_by()
    if due is not None:
        return due
    return " ".join(dv.text.split()).casefold()


def same_date(a: DateValue | None, b: DateValue | None) -> bool:
    """True when two target dates allow the same last day (or are the same words)."""
    return _moment(a) == _moment(b)


@dataclass(frozen=True)
class Slip:
    """One action whose target date moved later: from `was` to `now`; or, `undated`, from a
    date to words that are not one ("TBC"), so that its end is no longer known."""

    action: Action
    was: DateValue
    now: DateValue

    @property
    def undated(self) -> bool:
        return self.now.due_by() is None

    @property
    def days(self) -> int:
        was, now = self.was.due_by(), self.now.due_by()
        assert was is not None and now is not None
        return (now - was).days

    @property
    def months(self) -> int:
        assert self.was.date is not None and self.now.date is not None
        return (self.now.date.year - self.was.date.year) * 12 + (
            self.now.date.month - self.was.date.month
        )

    @property
    def by_months(self) -> bool:
        return "month" in (self.was.precision, self.now.precision)

    @property
    def length(self) -> str:
        """In months throughout, so that a table's lengths read alike: '3 months' between
        months, '3 months (93 days)' between days (whole months, then the exact days),
        '12 days' under a month; 'No date now' when the new date is not a date."""
        if self.undated:
            return "No date now"
        if self.by_months and self.months > 0:
            return _months(self.months)
        n = self.days
        whole = _whole_months(self.was.due_by(), self.now.due_by())  # type: ignore[arg-type]
        days = f"{n} day{'s' if n != 1 else ''}"
        return f"{_months(whole)} ({days})" if whole > 0 else days


def _months(n: int) -> str:
    return f"{n} month{'s' if n != 1 else ''}"


def _whole_months(was: dt.date, now: dt.date) -> int:
    """Whole calendar months from `was` to `now` (30 June to 1 October: 3)."""
    months = (now.year - was.year) * 12 + now.month - was.month
    if now.day < was.day and not _last_day(now):
        months -= 1
    return max(months, 0)


def _last_day(day: dt.date) -> bool:
    return (day + dt.timedelta(days=1)).month != day.month


def date_moved(action: Action) -> bool:
    """The action has an earlier target date that differs from the one in force."""
    return (
        action.original_date is not None
        and action.target_date is not None
        and not same_date(action.original_date, action.target_date)
    )


def slip_of(action: Action) -> Slip | None:
    """The slip of an action whose date in force is later than its earlier date, or whose
    earlier date was a date and whose date in force is not ("TBC"); else None."""
    was, now = action.original_date, action.target_date
    if was is None or now is None:
        return None
    was_due, now_due = was.due_by(), now.due_by()
    if was_due is None or (now_due is not None and now_due <= was_due):
        return None
    return Slip(action, was, now)


def brought_forward(action: Action) -> bool:
    """The action's date in force is earlier than its earlier target date."""
    was = action.original_date.due_by() if action.original_date else None
    now = action.target_date.due_by() if action.target_date else None
    return was is not None and now is not None and now < was


def moved_counts(plan: Plan) -> tuple[int, int, int, int]:
    """(moved, later, earlier, no longer dated): the actions whose target date moved."""
    moved = [a for a in plan.actions if date_moved(a)]
    slips = [s for s in (slip_of(a) for a in moved) if s is not None]
    undated = sum(1 for s in slips if s.undated)
    return (len(moved), len(slips) - undated, sum(1 for a in moved if brought_forward(a)),
            undated)


def slipped_actions(plan: Plan) -> list[Slip]:
    """Every action whose target date moved later, in plan order."""
    return [s for s in (slip_of(a) for a in plan.actions) if s is not None]


def redated_actions(plan: Plan, as_at: dt.date) -> list[Slip]:
    """Actions not complete that were due before `as_at` on their earlier date but are not
    overdue on the date now in force: they would otherwise vanish from the overdue count."""
    out: list[Slip] = []
    for slip in slipped_actions(plan):
        if slip.action.status == "complete":
            continue
        was_due, now_due = slip.was.due_by(), slip.now.due_by()
        if was_due is not None and was_due < as_at and (now_due is None or as_at <= now_due):
            out.append(slip)
    return out


def carry_earlier_dates(plan: Plan, previous: Plan) -> int:
    """Give each action of `plan` with no earlier date of its own the earlier date the
    previous report's plan knew: that plan's own earlier date (the first planned), else its
    target date when it differs from today's. Returns how many actions got one.

    Actions are matched as `pipeline.domain.changes.match_actions` matches them.
    """
    pairs, _removed, _added = match_actions(previous.actions, plan.actions)
    carried = 0
    for pair in pairs:
        after, before = pair.after, pair.before
        if after.original_date is not None or after.target_date is None:
            continue
        earlier = before.original_date or before.target_date
        if earlier is None or same_date(earlier, after.target_date):
            continue
        after.original_date = earlier
        after.original_from = PREVIOUS_REPORT
        carried += 1
    return carried


@dataclass(frozen=True)
class DateMove:
    """An action whose target date changed: the old date, the new one, and the reason the
    progress gives (its first sentence)."""

    action: Action
    old: DateValue
    new: DateValue

    @property
    def later(self) -> bool:
        old, new = self.old.due_by(), self.new.due_by()
        return old is not None and new is not None and new > old

    @property
    def reason(self) -> str:
        return first_sentence(self.action.progress)


def date_moves(plan: Plan, previous: Plan | None = None) -> list[DateMove]:
    """The actions whose target dates moved, in plan order.

    With `previous` (the last report's plan): the matched actions whose target date differs
    from the one that report gave, old date = that report's; plus new actions whose
    workbook gives an earlier date. Without it: every action whose workbook gives an
    earlier date that differs from the date in force.
    """
    if previous is None:
        return [
            DateMove(a, a.original_date, a.target_date)  # type: ignore[arg-type]
            for a in plan.actions if date_moved(a) and not a.original_from
        ]
    pairs, _removed, added = match_actions(previous.actions, plan.actions)
    moved: dict[int, DateMove] = {}
    for pair in pairs:
        old, new = pair.before.target_date, pair.after.target_date
        if old is not None and new is not None and not same_date(old, new):
            moved[id(pair.after)] = DateMove(pair.after, old, new)
    for action in added:
        if date_moved(action) and not action.original_from:
            moved[id(action)] = DateMove(
                action, action.original_date, action.target_date  # type: ignore[arg-type]
            )
    return [moved[id(a)] for a in plan.actions if id(a) in moved]


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'‘“(])|\n")


def first_sentence(text: str) -> str:
    """The first sentence of a progress update (up to its first full stop followed by a
    capital, or its first line break), as typed; '' for no text."""
    text = text.strip()
    if not text:
        return ""
    return _SENTENCE_END.split(text, maxsplit=1)[0].strip()


__all__ = [
    "PREVIOUS_REPORT",
    "DateMove",
    "Slip",
    "brought_forward",
    "carry_earlier_dates",
    "date_moved",
    "date_moves",
    "first_sentence",
    "moved_counts",
    "redated_actions",
    "same_date",
    "slip_of",
    "slipped_actions",
]
