"""Exceptions: only what needs a committee's attention, as plain functions on the model.

- An action is an exception when it is not complete and is behind schedule, at risk,
  overdue (its date in force has passed) or slipped (its target date moved later); one
  action is one exception, whatever the number of reasons.
- An indicator is an exception when it is off target, or when it has worsened two periods
  running (its last three values with data each worse than the one before, by polarity, and
  the three periods back to back: a period with no data between them breaks the run, as
  nobody knows how it went that period).
- A recommendation with no actions is an exception.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pipeline.domain.indicator_rules import direction, indicator_status, reading
from pipeline.domain.model import (
    Action,
    Indicator,
    IndicatorSet,
    Period,
    Plan,
    Priority,
    Recommendation,
)
from pipeline.domain.plan_rules import is_overdue, recommendations_without_actions
from pipeline.domain.slippage import Slip, slip_of


@dataclass(frozen=True)
class ActionException:
    action: Action
    overdue: bool
    slip: Slip | None

    @property
    def behind(self) -> bool:
        return self.action.status == "behind"

    @property
    def at_risk(self) -> bool:
        return self.action.status == "at_risk"


@dataclass(frozen=True)
class IndicatorException:
    indicator: Indicator
    off_target: bool
    worsening: bool  # worsened two periods running


@dataclass
class Exceptions:
    """Every exception of a plan (and its indicators), grouped as the report prints them."""

    actions: list[tuple[Priority, list[ActionException]]] = field(default_factory=list)
    indicators: list[IndicatorException] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)

    @property
    def action_count(self) -> int:
        return sum(len(items) for _, items in self.actions)

    @property
    def total(self) -> int:
        return self.action_count + len(self.indicators) + len(self.recommendations)


def action_exception(action: Action, as_at: dt.date) -> ActionException | None:
    """The action as an exception at `as_at`, or None when it needs no attention."""
    if action.status == "complete":
        return None
    overdue = is_overdue(action, as_at)
    slip = slip_of(action)
    if action.status in ("behind", "at_risk") or overdue or slip is not None:
        return ActionException(action, overdue, slip)
    return None


def worsened_two_periods(indicator: Indicator) -> bool:
    """The last three values with data each worse than the one before (needs a polarity),
    judged on the years to date for an indicator judged on them, and for three periods back
    to back: across a period with no data (a blank, or no row) the run is not claimed."""
    if indicator.polarity is None:
        return False
    points = [o for o in sorted(indicator.series, key=lambda o: o.period)
              if o.value is not None]
    if len(points) < 3:
        return False
    a_, b_, c_ = (o.period for o in points[-3:])
    if not (_back_to_back(a_, b_) and _back_to_back(b_, c_)):
        return False
    # The figures the status is judged on: years to date when all three have one.
    values = [o.value for o in points[-3:]]
    if indicator.judge_on == "ytd" and all(o.ytd is not None for o in points[-3:]):
        values = [o.ytd for o in points[-3:]]
    a, b, c = values[-3:]
    return (direction(b, a, indicator.polarity).key == "worsened"
            and direction(c, b, indicator.polarity).key == "worsened")


def _back_to_back(earlier: Period, later: Period) -> bool:
    """`later` is the period straight after `earlier` (no period in between)."""
    return later.start == earlier.end + dt.timedelta(days=1)


def indicator_exception(indicator: Indicator) -> IndicatorException | None:
    off = indicator_status(indicator).key == "off_target"
    worse = worsened_two_periods(indicator)
    if off or worse:
        return IndicatorException(indicator, off, worse)
    return None


def find_exceptions(
    plan: Plan, as_at: dt.date, indicators: IndicatorSet | None = None
) -> Exceptions:
    """The plan's exceptions at `as_at`, actions grouped by priority in plan order."""
    found = Exceptions()
    for priority in plan.priorities:
        items = [
            e for r in priority.recommendations for a in r.actions
            if (e := action_exception(a, as_at)) is not None
        ]
        if items:
            found.actions.append((priority, items))
    found.recommendations = recommendations_without_actions(plan)
    if indicators is not None:
        found.indicators = [
            e for i in indicators.indicators if (e := indicator_exception(i)) is not None
        ]
    return found


def latest_value(indicator: Indicator) -> float | None:
    latest = reading(indicator.series).latest
    return None if latest is None else latest.value


__all__ = [
    "ActionException",
    "Exceptions",
    "IndicatorException",
    "action_exception",
    "find_exceptions",
    "indicator_exception",
    "worsened_two_periods",
]
