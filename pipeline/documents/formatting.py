"""Dates and numbers as council documents write them.

"15 August 2013", "August 2012", "six actions", "84%": shared by every document builder.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pipeline.domain.model import DateValue
from pipeline.domain.periods import MONTH_NAMES, long_date

_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def format_date(d: dt.date) -> str:
    """'15 August 2013' (pipeline.domain.periods.long_date)."""
    return long_date(d)


def format_date_value(dv: DateValue | None) -> str:
    """A date as the workbook meant it.

    Day precision: "30 July 2013"; month precision: "August 2012"; free text such as
    "Ongoing" or "March 2013 and ongoing" verbatim; no value: "".
    """
    if dv is None:
        return ""
    if dv.date is None or dv.precision == "text":
        return dv.text
    if dv.precision == "month":
        return f"{MONTH_NAMES[dv.date.month - 1]} {dv.date.year}"
    return format_date(dv.date)


def format_moved_date(now: DateValue | None, was: DateValue | None) -> str:
    """'September 2013 (was June 2013)' when the date moved; the date alone otherwise."""
    shown = format_date_value(now)
    earlier = format_date_value(was)
    if not earlier or not shown or earlier == shown:
        return shown
    return f"{shown} (was {earlier})"


def number_words(n: int) -> str:
    """Zero to nine as words, 10 and over as digits: 'six', '12'."""
    if 0 <= n < len(_WORDS):
        return _WORDS[n]
    return str(n)


def percent(part: float, whole: float) -> str:
    """'84%': rounded half up to a whole number; a whole of 0 gives '0%'.

    Never '100%' unless the part is the whole, nor '0%' unless the part is 0: 199 of 200
    is '99%' and 1 of 300 is '1%', so a percentage never contradicts the count beside it.
    """
    if not whole:
        return "0%"
    value = part * 100 / whole
    rounded = int(value + 0.5) if value >= 0 else -int(-value + 0.5)
    if 0 < part < whole:
        rounded = min(max(rounded, 1), 99)
    return f"{rounded}%"


def percentages(counts: Sequence[int]) -> list[str]:
    """Each count as a whole-number percentage of their total, each rounded on its own
    (`percent`), as the Government Statistical Service advises: equal counts always show
    equal figures (1, 1, 1 of 3 are 33% each), and the shown figures may add up to 99% or
    101% (`ROUNDING_NOTE` says so under the table). No counts at all are all '0%'."""
    total = sum(counts)
    return [percent(n, total) for n in counts]


ROUNDING_NOTE = "Each percentage is rounded on its own, so they may not add up to 100%."


def adds_up(shares: Sequence[str]) -> bool:
    """Whether percentages shown as '33%' add up to exactly 100%."""
    return sum(int(share.rstrip("%")) for share in shares) == 100
