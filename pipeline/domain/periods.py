"""Reporting periods as councils write them: months, quarters, financial years, dates.

`parse_period` reads one column header or cell ("Aug 2011", "August 2018", "2011-09",
"Aug-11", "Q2 2011/12", "2010/11", "30/09/2011", or a real date) into a `Period`
that sorts in time order. Financial years start in April: "2010/11" is April 2010 to
March 2011 and "Q2 2011/12" is July to September 2011. Plain functions, no files.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from pipeline.domain.model import Period

MONTHS: dict[str, int] = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}
MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")


def long_date(d: dt.date) -> str:
    """'15 August 2013': no leading zero, the month's name in English whatever the locale
    (strftime's %B would follow the locale, and costs more)."""
    return f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}"

_MONTH_YEAR = re.compile(r"^([a-z]{3,9})\.?[\s\-/'’]*(\d{4}|\d{2})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_MONTH_SLASH_YEAR = re.compile(r"^(\d{1,2})/(\d{4})$")
_FY = re.compile(r"^(?:fy\s*)?(\d{4})\s*[/\-–]\s*(\d{4}|\d{2})$")
_QUARTER = re.compile(
    r"^(?:q|quarter\s*)([1-4])[\s,:\-]*(?:of\s*)?(?:fy\s*)?(\d{4})\s*[/\-–]\s*(\d{4}|\d{2})$"
)
_QUARTER_AFTER = re.compile(
    r"^(?:fy\s*)?(\d{4})\s*[/\-–]\s*(\d{4}|\d{2})[\s,:\-]*(?:q|quarter\s*)([1-4])$"
)
_YEAR = re.compile(r"^(\d{4})$")
_DMY = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_DAY_MONTH_YEAR = re.compile(
    r"^(\d{1,2})(?:st|nd|rd|th)?[\s\-]+([a-z]{3,9})\.?,?[\s\-]+(\d{4}|\d{2})$"
)


def _year(y: str) -> int:
    n = int(y)
    return 2000 + n if n < 100 else n


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def month_period(year: int, month: int) -> Period:
    """The calendar month, labelled "Aug 2011"."""
    return Period(
        dt.date(year, month, 1), _month_end(year, month), f"{MONTH_ABBR[month - 1]} {year}",
        "month",
    )


def financial_year(start_year: int) -> Period:
    """April `start_year` to March of the next year, labelled "2010/11"."""
    return Period(
        dt.date(start_year, 4, 1),
        dt.date(start_year + 1, 3, 31),
        f"{start_year}/{(start_year + 1) % 100:02d}",
        "financial_year",
    )


def quarter(number: int, fy_start_year: int) -> Period:
    """Quarter 1-4 of the financial year starting April `fy_start_year`: "Q2 2011/12"."""
    first_month = 4 + 3 * (number - 1)
    year = fy_start_year + (first_month - 1) // 12
    month = (first_month - 1) % 12 + 1
    last_month = month + 2
    return Period(
        dt.date(year, month, 1),
        _month_end(year, last_month),
        f"Q{number} {fy_start_year}/{(fy_start_year + 1) % 100:02d}",
        "quarter",
    )


def calendar_year(year: int) -> Period:
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), str(year), "year")


def day_period(d: dt.date) -> Period:
    """One day, labelled "30 Sep 2011"."""
    return Period(d, d, f"{d.day} {MONTH_ABBR[d.month - 1]} {d.year}", "date")


def _fy_start(first: str, second: str) -> int | None:
    """'2010', '11' -> 2010 when the second year follows the first; else None."""
    start = int(first)
    end = int(second)
    if len(second) == 2:
        return start if (start + 1) % 100 == end else None
    return start if end == start + 1 else None


def parse_period(value: object) -> Period | None:
    """A period from a header or cell, or None when it is not one.

    A real date on the 1st of a month is that month (Excel stores "Aug 2011" so);
    any other date is that day. Text is read ignoring case and extra spaces.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        if value.day == 1:
            return month_period(value.year, value.month)
        return day_period(value)
    if not isinstance(value, str):
        return None
    t = " ".join(value.replace("\u00a0", " ").split()).lower()
    if not t:
        return None
    m = _MONTH_YEAR.match(t)
    if m and m.group(1) in MONTHS:
        return month_period(_year(m.group(2)), MONTHS[m.group(1)])
    m = _QUARTER.match(t)
    if m:
        start = _fy_start(m.group(2), m.group(3))
        return quarter(int(m.group(1)), start) if start is not None else None
    m = _QUARTER_AFTER.match(t)
    if m:
        start = _fy_start(m.group(1), m.group(2))
        return quarter(int(m.group(3)), start) if start is not None else None
    m = _ISO_DATE.match(t)
    if m:
        return _date_or_none(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _ISO_MONTH.match(t)
    if m and 1 <= int(m.group(2)) <= 12:
        return month_period(int(m.group(1)), int(m.group(2)))
    m = _FY.match(t)
    if m:
        start = _fy_start(m.group(1), m.group(2))
        return financial_year(start) if start is not None else None
    m = _MONTH_SLASH_YEAR.match(t)
    if m and 1 <= int(m.group(1)) <= 12:
        return month_period(int(m.group(2)), int(m.group(1)))
    m = _DMY.match(t)
    if m:
        return _date_or_none(_year(m.group(3)), int(m.group(2)), int(m.group(1)))
    m = _DAY_MONTH_YEAR.match(t)
    if m and m.group(2) in MONTHS:
        return _date_or_none(_year(m.group(3)), MONTHS[m.group(2)], int(m.group(1)))
    m = _YEAR.match(t)
    if m and 1900 <= int(m.group(1)) <= 2200:
        return calendar_year(int(m.group(1)))
    return None


def _date_or_none(year: int, month: int, day: int) -> Period | None:
    try:
        return day_period(dt.date(year, month, day))
    except ValueError:
        return None


def next_period(period: Period) -> Period | None:
    """The period that follows a month, quarter or year of the same kind; None for a day."""
    if period.kind == "month":
        year, month = period.start.year, period.start.month
        return month_period(year + month // 12, month % 12 + 1)
    if period.kind == "quarter":
        number = int(period.label[1])
        fy = int(period.label[3:7])
        return quarter(number + 1, fy) if number < 4 else quarter(1, fy + 1)
    if period.kind == "financial_year":
        return financial_year(period.start.year + 1)
    if period.kind == "year":
        return calendar_year(period.start.year + 1)
    return None


def periods_between(earlier: Period, later: Period) -> list[Period]:
    """The periods of the same kind strictly between two periods (none for days or mixed kinds)."""
    if earlier.kind != later.kind:
        return []
    found: list[Period] = []
    current = next_period(earlier)
    while current is not None and current.start < later.start and len(found) < 1000:
        found.append(current)
        current = next_period(current)
    return found


__all__ = [
    "MONTH_ABBR",
    "calendar_year",
    "day_period",
    "financial_year",
    "month_period",
    "next_period",
    "parse_period",
    "periods_between",
    "quarter",
]
