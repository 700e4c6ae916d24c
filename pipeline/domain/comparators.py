"""Comparators (England average, statistical neighbours): the gap from the figure the status
is judged on to each, better or worse, in words ("England average 79.6%: latest year to date is
21.9 percentage points lower (worse)"), with as many decimals as the figures are shown with.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from pipeline.domain.indicator_rules import (
    UNIT_NUMBER,
    UNIT_PERCENT,
    UNIT_POUNDS,
    _number,
    _same,
    format_value,
    judged_value,
    normalise_unit,
    reading,
    ytd_format,
)
from pipeline.domain.model import Indicator


@dataclass(frozen=True)
class ComparatorGap:
    name: str
    value: float
    gap: float  # latest minus comparator
    better: bool | None  # None: no polarity, or level
    text: str  # "England average 79.6%: latest is 13.1 percentage points lower (worse)"


def comparator_gaps(indicator: Indicator, latest: float | None = None) -> list[ComparatorGap]:
    """The gap from the latest figure the status is judged on (the year to date when the
    indicator is judged on it, judged_value) to each comparator, better or worse; the gap
    printed with as many decimals as the two figures are shown with ('57.7%' and '79.6%':
    '21.9 percentage points'). `latest` overrides the figure (printed as worked out)."""
    shown_latest = ""
    ytd = False
    if latest is None:
        observation = reading(indicator.series).latest
        latest = judged_value(indicator, observation)
        if observation is not None and latest is not None:
            ytd = indicator.judge_on == "ytd" and observation.ytd is not None
            own = ytd_format(observation) if ytd else observation.number_format
            shown_latest = format_value(latest, indicator.unit, own)
    gaps: list[ComparatorGap] = []
    unit = normalise_unit(indicator.unit)
    subject = "latest year to date" if ytd else "latest"
    for comp in indicator.comparators:
        shown = f"{comp.name} {format_value(comp.value, unit, comp.number_format)}"
        if latest is None:
            gaps.append(ComparatorGap(comp.name, comp.value, math.nan, None, shown))
            continue
        gap = latest - comp.value
        if _same(gap, 0.0):
            gaps.append(ComparatorGap(comp.name, comp.value, 0.0, None, f"{shown}: the same"))
            continue
        better: bool | None = None
        if indicator.polarity is not None:
            better = gap > 0 if indicator.polarity == "high" else gap < 0
        decimals = max(shown_decimals(shown_latest), shown_decimals(shown)) if shown_latest \
            else None
        size = format_difference(abs(gap), unit, decimals)
        word = "higher" if gap > 0 else "lower"
        judged = "" if better is None else (" (better)" if better else " (worse)")
        gaps.append(
            ComparatorGap(comp.name, comp.value, gap, better,
                          f"{shown}: {subject} is {size} {word}{judged}")
        )
    return gaps


_DECIMALS = re.compile(r"\d\.(\d+)")


def shown_decimals(text: str) -> int:
    """How many decimals a figure is shown with: 1 for '57.7%', 2 for '£1,234.50', 0 for
    '1,234' or '45 per 10,000'."""
    found = _DECIMALS.search(text)
    return len(found.group(1)) if found else 0


def format_difference(size: float, unit: str, decimals: int | None = None) -> str:
    """A gap between two values: '13.1 percentage points', '£250', '2 days'; with
    `decimals`, rounded to that many ('21.9' for figures shown as 57.7% and 79.6%)."""
    u = normalise_unit(unit)
    if decimals is not None:
        n = _number(size, decimals)
        if u == UNIT_PERCENT:
            return f"{n} percentage point{'' if n == '1' else 's'}"
        if u == UNIT_POUNDS:
            return f"£{n}"
        return n if u == UNIT_NUMBER else f"{n} {u}"
    if u == UNIT_PERCENT:
        n = _number(size)
        return f"{n} percentage point{'' if n == '1' else 's'}"
    return format_value(size, u)


__all__ = ["ComparatorGap", "comparator_gaps", "format_difference", "shown_decimals"]
