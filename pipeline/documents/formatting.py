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
    """Each count as a whole-number percentage of their total, the shown figures adding up
    to 100% (largest remainder: the points left by rounding down go to the counts with the
    biggest fractions; on a tie the bigger count, then the later, so that the first status,
    Complete, is never rounded up at the others' cost): 3, 2, 3 of 8 are 37%, 25%, 38%, and
    1, 1, 1 are 33%, 33%, 34%. Only a
    count of 0 is '0%' and only the whole is '100%' (299 and 1 are 99% and 1%); no counts at
    all are all '0%'."""
    total = sum(counts)
    if not total:
        return ["0%" for _ in counts]
    exact = [n * 100 / total for n in counts]
    shown = [int(x) for x in exact]
    by_remainder = sorted(range(len(counts)),
                          key=lambda i: (-(exact[i] - shown[i]), -counts[i], -i))
    for i in by_remainder[: 100 - sum(shown)]:
        shown[i] += 1
    for i, n in enumerate(counts):  # 1 of 300 is '1%', as `percent` says: never '0%'
        if n and not shown[i]:
            shown[i] = 1
            shown[max(range(len(shown)), key=lambda j: shown[j])] -= 1
    return [f"{n}%" for n in shown]
