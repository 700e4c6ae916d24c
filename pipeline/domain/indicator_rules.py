"""Indicator rules: latest and previous values, status against target, direction, comparators.

Plain functions on the dataclasses of `pipeline.domain.model`; they return small frozen
dataclasses and never touch files. The rules follow the indicator pages councils
publish (Torbay's "Current Status / Since last period / It's best to be high"):

- latest = the latest period with data; previous = the latest earlier period with data;
  the periods listed between them (or after the latest) with no data are named. Periods
  the workbook does not list are not gaps: a table may be quarterly on purpose.
- status by polarity: On target when the target is met; Near target when it misses by
  no more than the tolerance (default 10% of the target); Off target beyond that;
  Data only when there is no target; No data when there is no value.
- direction since the previous period: Improved / Worsened / No change by polarity;
  Increased / Decreased / No change when the indicator has no polarity. The arrow shows
  which way the value moved (↑ up, ↓ down, → level).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from pipeline.domain.model import Indicator, JudgeOn, Observation, Period, Polarity
from pipeline.numfmt import format_number

DEFAULT_TOLERANCE = 0.10  # of the target

WHITE = "FFFFFF"
BLACK = "0B0C0C"

StatusKind = Literal["on_target", "near_target", "off_target", "data_only", "no_data"]
DirectionKind = Literal[
    "improved", "worsened", "no_change", "increased", "decreased", "not_known"
]


@dataclass(frozen=True)
class IndicatorStatus:
    key: StatusKind
    label: str  # "On target"
    fill: str  # hex without '#'
    text_colour: str  # hex without '#', at least 4.5:1 against the fill
    colour_name: str  # "green", "amber", "red", "grey"


STATUSES: dict[StatusKind, IndicatorStatus] = {
    "on_target": IndicatorStatus("on_target", "On target", "00703C", WHITE, "green"),
    "near_target": IndicatorStatus("near_target", "Near target", "FFDD00", BLACK, "amber"),
    "off_target": IndicatorStatus("off_target", "Off target", "D4351C", WHITE, "red"),
    "data_only": IndicatorStatus("data_only", "Data only", "505A5F", WHITE, "grey"),
    "no_data": IndicatorStatus("no_data", "No data", "505A5F", WHITE, "grey"),
}


@dataclass(frozen=True)
class Direction:
    key: DirectionKind
    word: str  # "Improved"
    arrow: str  # "↑", "↓", "→" or "" when not known

    @property
    def text(self) -> str:
        """'Improved ↑' — the word always, the arrow when there is one."""
        return f"{self.word} {self.arrow}" if self.arrow else self.word


@dataclass(frozen=True)
class Reading:
    """The latest and previous observations with data, and the periods with none."""

    latest: Observation | None
    previous: Observation | None
    gaps: tuple[Period, ...] = ()  # periods with no data after `previous`

    @property
    def gap_text(self) -> str:
        """'No data for Aug 2011' / 'No data for Jul 2011 and Aug 2011' / ''."""
        if not self.gaps:
            return ""
        labels = [p.label for p in self.gaps]
        if len(labels) == 1:
            return f"No data for {labels[0]}"
        return f"No data for {', '.join(labels[:-1])} and {labels[-1]}"


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def reading(series: Sequence[Observation]) -> Reading:
    """Latest and previous observations with data, in time order whatever order given."""
    ordered = sorted(series, key=lambda o: o.period)
    with_data = [o for o in ordered if o.value is not None]
    latest = with_data[-1] if with_data else None
    previous = with_data[-2] if len(with_data) > 1 else None
    gaps: list[Period]
    if latest is not None:
        start = previous.period if previous is not None else latest.period
        gaps = [o.period for o in ordered if o.value is None and o.period > start]
    else:
        gaps = [o.period for o in ordered]
    return Reading(latest, previous, tuple(gaps))


def tolerance_for(target: float, tolerance: float | None) -> float:
    """The amber band: the given tolerance, or 10% of the target."""
    if tolerance is not None:
        return abs(tolerance)
    return abs(target) * DEFAULT_TOLERANCE


def status(
    value: float | None,
    target: float | None,
    polarity: Polarity | None,
    tolerance: float | None = None,
) -> IndicatorStatus:
    """On target / Near target / Off target / Data only / No data.

    A miss of exactly the tolerance is still Near target. With a target but no polarity
    the status cannot be judged: Data only.
    """
    if value is None:
        return STATUSES["no_data"]
    if target is None or polarity is None:
        return STATUSES["data_only"]
    miss = target - value if polarity == "high" else value - target
    band = tolerance_for(target, tolerance)
    slack = 1e-9 * max(1.0, abs(target))
    if miss <= slack:
        return STATUSES["on_target"]
    if miss <= band + slack:
        return STATUSES["near_target"]
    return STATUSES["off_target"]


def judged_value(indicator: Indicator, observation: Observation | None) -> float | None:
    """The figure the status is judged on: the year-to-date figure when the indicator says
    "Judge on: Year to date" and the period has one, else the in-month value."""
    if observation is None:
        return None
    if indicator.judge_on == "ytd" and observation.ytd is not None:
        return observation.ytd
    return observation.value


def compared_values(
    indicator: Indicator, latest: Observation | None, previous: Observation | None
) -> tuple[float | None, float | None]:
    """The two figures "since last period" compares, always of one kind: both years to date
    when the indicator is judged on the year to date and both periods have one, else both
    in-month (a year to date is never compared with a month's own figure)."""
    if latest is None or previous is None:
        return judged_value(indicator, latest), judged_value(indicator, previous)
    if indicator.judge_on == "ytd" and latest.ytd is not None and previous.ytd is not None:
        return latest.ytd, previous.ytd
    return latest.value, previous.value


def indicator_status(indicator: Indicator) -> IndicatorStatus:
    latest = reading(indicator.series).latest
    return status(
        judged_value(indicator, latest),
        indicator.target, indicator.polarity, indicator.tolerance,
    )


def parse_judge_on(text: str) -> JudgeOn | None:
    """'In-month' / 'Month' -> 'month'; 'Year to date' / 'YTD' / 'Cumulative' -> 'ytd'."""
    key = re.sub(r"[\W_]+", "", text.lower())
    if key in ("inmonth", "month", "monthly", "inperiod", "period"):
        return "month"
    if key in ("yeartodate", "ytd", "cumulative", "year"):
        return "ytd"
    return None


def fill_values_from_parts(indicator: Indicator) -> None:
    """Give each observation with no value, but a numerator and a non-zero denominator, the
    value worked out from them: numerator / denominator (x 100 for a % indicator), as the
    year-to-date figure is worked out from the sums of numerators and denominators."""
    scale = 100.0 if normalise_unit(indicator.unit) == UNIT_PERCENT else 1.0
    shown = _worked_out_format(indicator)
    for obs in indicator.series:
        if obs.value is None and obs.numerator is not None and obs.denominator:
            obs.value = obs.numerator / obs.denominator * scale
            obs.value_worked_out = True
            if obs.number_format in ("", "General"):  # never as General (66.47058824%)
                obs.number_format = shown


WORKED_OUT_DECIMALS = 1  # a worked-out figure of an indicator with no typed figure: 66.5%
_SHOWN_DECIMALS = re.compile(r"\d\.(\d+)")


def _worked_out_format(indicator: Indicator) -> str:
    """The number format of a value worked out from its numerator and denominator: as many
    decimals as the indicator's typed values are shown with (the most of them, up to
    three), so that a worked-out 66.5% stands beside a typed 73.1%; else one decimal."""
    decimals = WORKED_OUT_DECIMALS
    typed = [format_value(o.value, indicator.unit, o.number_format)
             for o in indicator.series if o.value is not None and not o.value_worked_out]
    if typed:
        decimals = min(3, max(len(m.group(1)) if (m := _SHOWN_DECIMALS.search(t)) else 0
                              for t in typed))
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def fill_year_to_date(indicator: Indicator) -> list[tuple[Observation, Period | None]]:
    """Give each monthly observation with a numerator and a denominator, and no typed
    year-to-date figure, its cumulative figure for the financial year (April to March) so
    far: the sum of the numerators over the sum of the denominators (as a percentage for a
    % indicator).

    Only when every month of its year from April has its numerator and denominator: a sum
    leaving out a month typed as a value alone, or not given at all, is not the year's
    figure. Those months are returned, each with the first month of its year that lacks
    its parts (None when that month is not given at all), for the reader to say so."""
    scale = 100.0 if normalise_unit(indicator.unit) == UNIT_PERCENT else 1.0
    months = {(o.period.start.year, o.period.start.month): o for o in indicator.series
              if o.period.kind == "month"}
    left_out: list[tuple[Observation, Period | None]] = []
    for obs in sorted(indicator.series, key=lambda o: o.period):
        if obs.period.kind != "month" or obs.numerator is None or obs.denominator is None \
                or obs.ytd is not None:  # a typed year to date is kept
            continue
        start = obs.period.start
        fy = start.year if start.month >= 4 else start.year - 1
        numerator = denominator = 0.0
        for n in range((start.year - fy) * 12 + start.month - 4 + 1):  # April .. this month
            month = months.get((fy + (3 + n) // 12, (3 + n) % 12 + 1))
            if month is None or month.numerator is None or month.denominator is None:
                left_out.append((obs, month.period if month is not None else None))
                break
            numerator += month.numerator
            denominator += month.denominator
        else:
            if denominator:
                obs.ytd = numerator / denominator * scale
                obs.ytd_worked_out = True
                if not ytd_format(obs):  # shown as the typed figures are: 57.7%, not 57.65%
                    obs.ytd_format = _worked_out_format(indicator)
    return left_out


def direction(
    latest: float | None, previous: float | None, polarity: Polarity | None
) -> Direction:
    """The movement since the previous period, judged by polarity when there is one."""
    if latest is None or previous is None:
        return Direction("not_known", "No earlier data", "")
    if _same(latest, previous):
        return Direction("no_change", "No change", "→")
    went_up = latest > previous
    arrow = "↑" if went_up else "↓"
    if polarity is None:
        return Direction("increased", "Increased", arrow) if went_up else Direction(
            "decreased", "Decreased", arrow
        )
    good = went_up if polarity == "high" else not went_up
    return Direction("improved", "Improved", arrow) if good else Direction(
        "worsened", "Worsened", arrow
    )


def indicator_direction(indicator: Indicator) -> Direction:
    r = reading(indicator.series)
    return direction(*compared_values(indicator, r.latest, r.previous), indicator.polarity)


def polarity_sentence(polarity: Polarity | None) -> str:
    if polarity == "high":
        return "It's best to be high"
    if polarity == "low":
        return "It's best to be low"
    return ""


_HIGH = {
    "high", "higher", "h", "up", "highisgood", "higherisbetter", "highisbetter",
    "higherisgood", "itsbesttobehigh", "besttobehigh", "biggerisbetter",
    "increase", "increaseisgood", "more", "moreisbetter", "maximise", "maximize",
}
_LOW = {
    "low", "lower", "l", "down", "lowisgood", "lowerisbetter", "lowisbetter", "lowerisgood",
    "itsbesttobelow", "besttobelow", "smallerisbetter", "decrease", "decreaseisgood",
    "less", "lessisbetter", "fewerisbetter", "minimise", "minimize",
}


def parse_polarity(text: str) -> Polarity | None:
    """'High', 'Higher is better', "It's best to be high", 'Low is good' ... or None."""
    key = re.sub(r"[\W_]+", "", text.lower())
    if key in _HIGH:
        return "high"
    if key in _LOW:
        return "low"
    return None


UNIT_PERCENT = "%"
UNIT_POUNDS = "£"
UNIT_DAYS = "days"
UNIT_NUMBER = "number"


def normalise_unit(unit: str) -> str:
    """'%', '£', 'days', 'per 10,000' (any 'rate per N'), 'number', or the text as given."""
    t = " ".join(unit.split()).strip()
    low = t.lower()
    if low in ("%", "percent", "percentage", "per cent", "pct", "% (percentage)"):
        return UNIT_PERCENT
    if low in ("£", "gbp", "pounds", "£s", "cost", "money"):
        return UNIT_POUNDS
    if low in ("days", "day", "number of days", "working days"):
        return "working days" if low == "working days" else UNIT_DAYS
    if low in ("", "number", "no", "no.", "count", "n", "#"):
        return UNIT_NUMBER
    m = re.match(r"^(?:rate\s*)?per\s*([\d,]+)(.*)$", low)
    if m:
        digits = m.group(1).replace(",", "")
        if digits.isdigit():
            return f"per {int(digits):,}{m.group(2)}".rstrip()
    return t


def _number(value: float, decimals: int | None = None) -> str:
    if decimals is None:
        rounded = round(value, 2)
        text = f"{rounded:,.2f}".rstrip("0").rstrip(".")
    else:
        text = f"{value:,.{decimals}f}"
    return "0" if text in ("-0", "") else text


def format_value(value: float | None, unit: str, number_format: str = "") -> str:
    """A figure as the workbook shows it, with its unit: '25.0%' (0.25 in a `0.0%` cell),
    '£1,234,568' (`#,##0`, unit £), '18.125 days' (`0.000`), '1234.5678' (General); '' for
    no value. Without a number format (a figure worked out, not read from a cell):
    '66.5%', '£1,234', '12.3 days', '45.2 per 10,000', '1,234'."""
    if value is None:
        return ""
    u = normalise_unit(unit)
    if number_format:
        return _as_shown(value, u, number_format)
    if u == UNIT_PERCENT:
        return f"{_number(value)}%"
    if u == UNIT_POUNDS:
        sign = "-" if value < 0 else ""
        size = abs(value)
        pounds = _number(size, 0 if _same(size, round(size)) else 2)
        return f"{sign}£{pounds}"
    if u == UNIT_NUMBER:
        return _number(value)
    return f"{_number(value)} {u}"


def _as_shown(value: float, unit: str, number_format: str) -> str:
    if "%" in number_format:  # the reader read the cell as a percentage: 0.25 -> 25.0
        return format_number(value / 100, number_format)
    text = format_number(value, number_format)
    if unit == UNIT_PERCENT:
        return text if text.endswith("%") else f"{text}%"
    if unit == UNIT_POUNDS:
        if "£" in text:
            return text
        return f"-£{text[1:]}" if text.startswith("-") else f"£{text}"
    if unit == UNIT_NUMBER or text.endswith(unit):
        return text
    return f"{text} {unit}"


def ytd_format(observation: Observation) -> str:
    """The number format of a year-to-date figure: its own cell's, or for one worked out
    from numerators and denominators the in-month value's when that is not General."""
    if observation.ytd_format:
        return observation.ytd_format
    own = observation.number_format
    return own if own not in ("", "General") else ""


def axis_label(unit: str) -> str:
    """The y-axis label of a trend chart in the indicator's unit."""
    u = normalise_unit(unit)
    return {
        UNIT_PERCENT: "Per cent (%)",
        UNIT_POUNDS: "Pounds (£)",
        UNIT_NUMBER: "Number",
    }.get(u, u[:1].upper() + u[1:] if u else "Value")


__all__ = [
    "Direction",
    "IndicatorStatus",
    "Reading",
    "STATUSES",
    "axis_label",
    "compared_values",
    "direction",
    "format_value",
    "ytd_format",
    "indicator_direction",
    "fill_year_to_date",
    "indicator_status",
    "judged_value",
    "parse_judge_on",
    "normalise_unit",
    "parse_polarity",
    "polarity_sentence",
    "reading",
    "status",
    "tolerance_for",
]
