"""Reading one cell's value as text, a date or a number, the way Excel shows it.

Parsers return a value or a `CellProblem` saying what was found and what was
expected; the sheet readers turn problems into located Issues.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pipeline.domain.model import DateValue
from pipeline.domain.periods import MONTH_ABBR, MONTHS
from pipeline.numfmt import format_number, general
from pipeline.reader.raw import RawCell, is_empty
from pipeline.reader.xlsx_styles import is_date_format
from pipeline.text import clean_text

EXCEL_ERRORS = ("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#GETTING_DATA",
                # Excel 365's newer errors (dynamic arrays, data types, linked data)
                "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!",
                "#UNKNOWN!", "#EXTERNAL!", "#PYTHON!")


@dataclass(frozen=True)
class CellProblem:
    code: str
    message: str


def excel_error(cell: RawCell | None) -> str | None:
    """The Excel error value a cell holds (#DIV/0!, #REF! ...), if any."""
    if cell is None or not isinstance(cell.value, str) or "#" not in cell.value:
        return None
    v = cell.value.strip()
    return v if v in EXCEL_ERRORS else None


def _year(y: int) -> int:
    """A two-digit year with Excel's pivot: 00-29 are 2000-2029, 30-99 are 1930-1999."""
    if y >= 100:
        return y
    return 2000 + y if y < 30 else 1900 + y


_FORMAT_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')


@lru_cache(maxsize=256)  # a workbook has a handful of formats, asked of every date cell
def _month_only_format(fmt: str) -> bool:
    """Whether a date format shows only month and year ('mmm yyyy', '"Due "mmm yyyy',
    '[Red]mmmm yyyy'): quoted text, escapes and [colours] do not count."""
    f = _FORMAT_LITERALS.sub("", fmt.split(";")[0]).lower()
    return "m" in f and "y" in f and "d" not in f


def as_period_value(cell: RawCell) -> Any:
    """A cell's value to read as a period: a date shown as month and year ('mmm-yy', as
    Excel shows "Sep-11" typed into a cell) is that month, whatever its day (Excel may hold
    the month's last day); any other value as it is."""
    v = cell.value
    if isinstance(v, dt.date) and _month_only_format(cell.number_format):
        return (v.date() if isinstance(v, dt.datetime) else v).replace(day=1)
    return v


def _dmy(d: dt.date) -> str:
    """31/03/2013: what strftime("%d/%m/%Y") gives, without its cost (asked of every date)."""
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def display_text(cell: RawCell | None) -> str:
    """The cell as Excel shows it, as text (numbers without a spurious '.0')."""
    if cell is None or is_empty(cell.value):
        return ""
    v = cell.value
    if type(v) is str:  # the common case, first
        return v
    if isinstance(v, bool):
        return "Yes" if v else "No"
    if isinstance(v, dt.datetime):
        if v.time() == dt.time(0) or isinstance(v, dt.date):
            d = v.date()
            if _month_only_format(cell.number_format):
                return f"{MONTH_ABBR[d.month - 1]} {d.year}"
            return _dmy(d)
    if isinstance(v, dt.date):
        return _dmy(v)
    if isinstance(v, dt.time):
        return v.strftime("%H:%M")
    if isinstance(v, (int, float)):
        return shown_number(v, cell.number_format)
    return str(v)


def shown_number(value: float, number_format: str) -> str:
    """A number as its cell shows it: its number format applied (General as Excel shows
    General); '' for infinity and NaN, which the loader reports as errors."""
    if not math.isfinite(value):
        return ""
    if number_format in ("General", "decimal-comma") or is_date_format(number_format):
        return general(value)
    return format_number(value, number_format)


def text_value(cell: RawCell | None) -> tuple[str, bool]:
    """Clean text of a cell and whether characters Word cannot hold were dropped."""
    raw = display_text(cell)
    cleaned, changed = clean_text(raw)
    return cleaned.strip(), changed


_DMY = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_MON_YY = re.compile(r"^([A-Za-z]{3,9})\.?[\s\-/']+(\d{2}|\d{4})$")
_DAY_MON_YEAR = re.compile(
    r"^(\d{1,2})(?:st|nd|rd|th)?[\s\-]+([A-Za-z]{3,9})\.?,?[\s\-]+(\d{2}|\d{4})$"
)
_MON_DAY_YEAR = re.compile(r"^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")


def parse_date(cell: RawCell | None) -> DateValue | CellProblem | None:
    """A date cell: a DateValue (a date, or free text kept verbatim) or a problem.

    Day first always: "30/07/2013" is 30 July. "Aug-12" and "June 2013" are month
    dates. Text that is not a date ("Ongoing", "March 2013 and ongoing") is kept
    verbatim. A date that cannot exist ("31/02/2025"), and an Excel error value ("#REF!"),
    is a problem.
    """
    if cell is None or is_empty(cell.value):
        return None
    v = cell.value
    if isinstance(v, dt.datetime):
        d = v.date()
        if _month_only_format(cell.number_format):
            return DateValue(display_text(cell), d.replace(day=1), "month")
        return DateValue(display_text(cell), d, "day")
    if isinstance(v, dt.date):
        return DateValue(display_text(cell), v, "day")
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        # A whole number from 1900 to 2200 is a year typed on its own ("2013"), not the
        # serial of a day in 1905 or 1906: kept as typed, like other free text.
        if float(v).is_integer() and 1900 <= v <= 2200:
            return DateValue(display_text(cell), None, "text")
        # A bare number in a date column: an Excel serial date (1900 system).
        if 1 <= v < 2958466:
            d = dt.date(1899, 12, 30) + dt.timedelta(days=int(v))
            return DateValue(d.strftime("%d/%m/%Y"), d, "day")
        return CellProblem("type-error", f"{display_text(cell)} is not a date.")
    err = excel_error(cell)
    if err:  # "#REF!": a broken formula's result (or a cell typed as an error), not words
        return CellProblem(
            "formula-error",
            f"The cell shows the Excel error {err} instead of a date. Fix the formula in "
            "Excel or type the date, then save the workbook.",
        )
    text, _ = clean_text(str(v))
    text = text.strip()
    return parse_date_text(text)


def parse_date_text(text: str) -> DateValue | CellProblem:
    t = " ".join(text.split())
    m = _DMY.match(t)
    if m:
        day, month, year = int(m.group(1)), int(m.group(2)), _year(int(m.group(3)))
        return _make(t, year, month, day)
    m = _ISO.match(t)
    if m:
        return _make(t, int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _MON_YY.match(t)
    if m and m.group(1).lower() in MONTHS:
        month = MONTHS[m.group(1).lower()]
        return DateValue(t, dt.date(_year(int(m.group(2))), month, 1), "month")
    m = _DAY_MON_YEAR.match(t)
    if m and m.group(2).lower() in MONTHS:
        return _make(t, _year(int(m.group(3))), MONTHS[m.group(2).lower()], int(m.group(1)))
    m = _MON_DAY_YEAR.match(t)
    if m and m.group(1).lower() in MONTHS:
        return _make(t, int(m.group(3)), MONTHS[m.group(1).lower()], int(m.group(2)))
    return DateValue(t, None, "text")


def _make(text: str, year: int, month: int, day: int) -> DateValue | CellProblem:
    try:
        return DateValue(text, dt.date(year, month, day), "day")
    except ValueError:
        if 1 <= day <= 12 and 13 <= month <= 31:
            return CellProblem(
                "format-error",
                f"{text!r} is not a date read day first (there is no month {month}). Dates are "
                f"read as day/month/year: write {month:02d}/{day:02d}/{year} for "
                f"{day_month_name(month, day)} {year}.",
            )
        return CellProblem(
            "format-error",
            f"{text!r} is not a real date. Check the day and month "
            "(dates are read as day/month/year, e.g. 30/07/2013).",
        )


def day_month_name(day: int, month: int) -> str:
    return f"{day} {MONTH_ABBR[month - 1]}" if 1 <= month <= 12 else f"{day}/{month}"


_NUMBER = re.compile(r"^[£$€]?\s*([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+)\s*(%?)$")
_DECIMAL_COMMA = re.compile(r"^[£€]?\s*([+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?)\s*(%?)$")


# No figure in a council report comes near this; a larger one is a slip (or overflows a chart).
NUMBER_LIMIT = 1e15


def _too_large(shown: str) -> CellProblem:
    shown = shown if len(shown) <= 30 else shown[:30] + "…"
    return CellProblem(
        "constraint-error",
        f"{shown!r} is too large to be a figure in a report (the limit is "
        "1,000,000,000,000,000). Check the number and type it again.",
    )


def parse_number(cell: RawCell | None) -> tuple[float, bool] | CellProblem | None:
    """A number and whether it was shown as a percentage.

    Excel percentages (0.75 formatted 0%) come back as (75.0, True); "57.7%"
    typed as text as (57.7, True); "1,234" as (1234.0, False). Decimal commas
    ("57,7") are read when the CSV used ';' between values. A number of
    NUMBER_LIMIT or more (either sign) is a problem.
    """
    if cell is None or is_empty(cell.value):
        return None
    v = cell.value
    if isinstance(v, bool):
        return CellProblem("type-error", f"{v} is not a number.")
    if isinstance(v, (int, float)):
        if not abs(v) < NUMBER_LIMIT:  # also catches inf and nan
            return _too_large(f"{v:g}")
        if "%" in cell.number_format:
            return float(v) * 100, True
        return float(v), False
    if isinstance(v, (dt.date, dt.datetime, dt.time)):
        return CellProblem("type-error", f"{display_text(cell)} is a date, not a number.")
    text = " ".join(str(v).replace("\u00a0", " ").split())
    err = excel_error(cell)
    if err:
        return CellProblem(
            "formula-error",
            f"The cell shows the Excel error {err}. Fix the formula in Excel, or type the value.",
        )
    pattern = _DECIMAL_COMMA if cell.number_format == "decimal-comma" else _NUMBER
    m = pattern.match(text)
    if not m and pattern is _DECIMAL_COMMA:
        m = _NUMBER.match(text)
        pattern = _NUMBER
    if not m:
        return CellProblem("type-error", f"{text!r} is not a number.")
    digits = m.group(1)
    if pattern is _DECIMAL_COMMA:
        digits = digits.replace(".", "").replace(",", ".")
    else:
        digits = digits.replace(",", "")
    if not abs(float(digits)) < NUMBER_LIMIT:
        return _too_large(text)
    return float(digits), m.group(2) == "%"


def number_format_of(cell: RawCell | None) -> str:
    """The number format a figure is shown in: a number cell's own ("General" when it has
    none, or a date format); for a number typed as text, the format that shows it as typed
    ("1,234.50" -> "#,##0.00", "57.7%" -> "0.0%", "£1,250" -> '"£"#,##0'), so a report
    prints the digits the cell shows."""
    if cell is None or is_empty(cell.value) or isinstance(cell.value, bool):
        return "General"
    if isinstance(cell.value, (int, float)):
        code = cell.number_format or "General"
        return "General" if code == "decimal-comma" or is_date_format(code) else code
    text = " ".join(str(cell.value).replace("\u00a0", " ").split())
    comma = cell.number_format == "decimal-comma"
    m = (_DECIMAL_COMMA if comma else _NUMBER).match(text)
    if m is None and comma:
        m, comma = _NUMBER.match(text), False
    if m is None:
        return "General"
    digits = m.group(1).lstrip("+-")
    point, thousands = (",", ".") if comma else (".", ",")
    whole, _, decimals = digits.partition(point)
    code = ("#,##0" if thousands in whole else "0") + ("." + "0" * len(decimals)
                                                      if decimals else "")
    if text[:1] in "£$€":
        code = f'"{text[0]}"{code}'
    return code + m.group(2)
