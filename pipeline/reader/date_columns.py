"""Warnings about dates typed as text, column by column: two-digit years and month-first
(US) exports.

Dates are read day first ("04/05/2013" is 4 May). A date that can only be month first
("11/25/2012") is refused with its own error (pipeline.reader.cells); when its column also
holds dates that read both ways ("11/01/2012"), accepted day first, the warning points at
the first of those and says how it was read. A two-digit year is read with Excel's
pivot (00-29 are 2000-2029, 30-99 are 1930-1999) and named, so that "31/03/99" is 1999,
never 2099.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.domain.periods import MONTH_NAMES
from pipeline.issues import IssueReport
from pipeline.reader.raw import RawSheet

_DMY = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})\s*$")


@dataclass
class _Column:
    two_digit: list[tuple[int, str]] = field(default_factory=list)
    month_first: list[tuple[int, str]] = field(default_factory=list)  # second field > 12
    day_first: int = 0  # first field > 12
    either: list[tuple[int, str]] = field(default_factory=list)  # both fields <= 12


def _letter(index: int) -> str:
    letters, n = "", index + 1
    while n > 0:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _scan(sheet: RawSheet) -> dict[int, _Column]:
    columns: dict[int, _Column] = {}
    for row in sheet.rows:
        for i, cell in enumerate(row.cells):
            value = cell.value
            if not isinstance(value, str) or len(value) > 24 or "/" not in value and \
                    "." not in value and "-" not in value:
                continue
            m = _DMY.match(value)
            if m is None:
                continue
            col = columns.setdefault(i, _Column())
            first, second, text = int(m.group(1)), int(m.group(2)), value.strip()
            if len(m.group(3)) == 2 and not second > 12 >= first:  # a refused date: not read
                col.two_digit.append((row.number, text))
            if first > 12 >= second:
                col.day_first += 1
            elif second > 12 >= first:
                col.month_first.append((row.number, text))
            elif first <= 12 and second <= 12:
                col.either.append((row.number, text))
    return columns


def _century(text: str) -> str:
    year = int(re.split(r"[/.\-]", text.strip())[-1])
    return str(2000 + year if year < 30 else 1900 + year)


def date_warnings(sheet: RawSheet, report: IssueReport) -> None:
    for index, col in sorted(_scan(sheet).items()):
        letter = _letter(index)
        if col.two_digit:
            row, text = col.two_digit[0]
            many = len(col.two_digit) - 1
            more = f" and {many:,} more" if many else ""
            report.warning(
                "format-error",
                f"Column {letter} holds dates with two-digit years ({text!r} in row {row}"
                f"{more}). They are read as Excel reads them: 00 to 29 are 2000 to 2029 and "
                f"30 to 99 are 1930 to 1999, so {text!r} is in {_century(text)}. Type "
                "four-digit years (31/03/2013) to be sure.",
                sheet=sheet.name, row=row, column=letter, value=text,
            )
        if col.month_first and col.either and not col.day_first:
            # Each date that can only be month first is refused with its own error; the
            # column's warning is for the dates that read both ways, accepted day first.
            row, text = col.month_first[0]
            e_row, e_text = col.either[0]
            day, month = (int(x) for x in re.split(r"[/.\-]", e_text)[:2])
            others = len(col.either) - 1
            more = ("" if not others else f" {others:,} more date{'s' if others > 1 else ''} "
                    f"that read{'' if others > 1 else 's'} both ways "
                    f"{'were' if others > 1 else 'was'} read day first too.")
            report.warning(
                "format-error",
                f"Column {letter}'s dates are written month first, as US systems write "
                f"them: {text!r} in row {row} can only be month first, and is refused. Dates "
                f"are read day first (day/month/year), so {e_text!r} in row {e_row} was read "
                f"as {day} {MONTH_NAMES[month - 1]}, not {month} {MONTH_NAMES[day - 1]}."
                f"{more} Export the dates as day/month/year, or type them as 25 Nov 2012.",
                sheet=sheet.name, row=e_row, column=letter, value=e_text,
            )
