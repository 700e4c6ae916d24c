"""What a workbook does not say: its title and as-at date given on the command line, taken
from the file name (a CSV file has no Details sheet), or today, and a warning saying which.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from pipeline.domain.model import DateValue, Details, PositionLine
from pipeline.domain.periods import long_date
from pipeline.issues import IssueReport
from pipeline.reader.cells import MONTHS, CellProblem, parse_date_text

# Dates a file name may hold: 2013-07-31, 31-07-2013, 31 July 2013, July 2013 (any of - _ . or
# space between the parts).
_SEP = r"[-_. ]+"
_NAME_DATES = (
    re.compile(rf"(?<!\d)\d{{4}}{_SEP}\d{{1,2}}{_SEP}\d{{1,2}}(?!\d)"),
    re.compile(rf"(?<!\d)\d{{1,2}}{_SEP}\d{{1,2}}{_SEP}\d{{4}}(?!\d)"),
    re.compile(rf"(?<![\dA-Za-z])\d{{1,2}}{_SEP}[A-Za-z]{{3,9}}{_SEP}\d{{4}}(?!\d)"),
    re.compile(rf"(?<![A-Za-z])[A-Za-z]{{3,9}}{_SEP}\d{{4}}(?!\d)"),
)


@dataclass(frozen=True)
class Given:
    """Details given on the command line (--title, --as-at): they win over the workbook's."""

    title: str | None = None
    as_at: str | None = None


def date_in_name(stem: str) -> tuple[DateValue, str] | None:
    """The first date a file name holds, and the text it was read from."""
    for pattern in _NAME_DATES:
        for m in pattern.finditer(stem):
            text = m.group(0)
            words = re.split(_SEP, text)
            if any(w.isalpha() and w.lower() not in MONTHS for w in words):
                continue
            if any(w.isalpha() for w in words):
                joiner = " "
            else:
                joiner = "-" if len(words[0]) == 4 else "/"
            parsed = parse_date_text(joiner.join(words))
            if isinstance(parsed, DateValue) and parsed.date is not None:
                return parsed, text
    return None


def title_from_name(stem: str, date_text: str | None = None) -> str:
    """'improvement_plan-July 2013' -> 'Improvement plan' (the date, if any, left out)."""
    text = stem.replace(date_text, " ") if date_text else stem
    text = " ".join(re.sub(r"[-_]+", " ", text).split()).strip(" .,-")
    if not text:
        text = " ".join(re.sub(r"[-_]+", " ", stem).split()) or stem
    return text[:1].upper() + text[1:] if text.islower() else text


def complete_details(
    path: Path,
    details: Details,
    report: IssueReport,
    *,
    plan: bool,
    csv: bool,
    given: Given | None = None,
    today: dt.date | None = None,
    banner: str = "",
    position: PositionLine | None = None,
    banner_sheet: str = "Indicators",
) -> None:
    """Fill the title and as-at date the workbook lacks, saying where each came from.

    `banner`: a plan's title line above its Actions header row, its title when the
    workbook gives none (or the indicators' title line above the headers of sheet
    `banner_sheet`). `position`: a line above that header row giving the position's date,
    its As at date when the workbook gives none."""
    given = given or Given()
    if given.title is not None and given.title.strip():
        details.title = given.title.strip()
    if given.as_at is not None:
        parsed = parse_date_text(given.as_at)
        if isinstance(parsed, CellProblem) or parsed.date is None:
            why = parsed.message if isinstance(parsed, CellProblem) else "it is not a date"
            report.error("type-error", f"--as-at {given.as_at!r}: {why}. Give a date such as "
                         "31/07/2013 or July 2013.", value=given.as_at)
        else:
            details.as_at = parsed
    found = date_in_name(path.stem) if csv else None
    if csv and not details.title.strip():
        details.title = title_from_name(path.stem, found[1] if found else None)
        report.warning(
            "missing-cell",
            f"A CSV file has no Details sheet, so the title {details.title!r} was taken from "
            "the file name. To set another, rename the file, or give --title when you make "
            "one document from it.",
        )
    if plan and not csv and not details.title.strip():
        _plan_title(details, banner, report)
    elif not plan and banner and not details.title.strip():  # an Indicators sheet's line
        details.title = banner
        report.warning(
            "missing-cell",
            f"The {'Details sheet' if details.sheet else 'workbook'} gives no Title, so the "
            f"performance report is titled {banner!r}, the line above the headers of sheet "
            f"{banner_sheet!r}. To set the title, "
            f"{details.how_to_give('title', 'Title', 'the title')}.",
            **details.place_of("title"))
    if plan and position is not None and details.as_at is not None and given.as_at is None:
        _check_position(details, position, report)
    if not plan or details.as_at is not None:
        return
    place = details.place_of("as_at")
    if place["row"] is not None and report.has_error_at(place["sheet"], place["row"], "B"):
        return  # an As at that is not a date: said at its cell, with how to type it
    if position is not None and position.date is not None:
        details.as_at = position.date
        where = "Details sheet" if details.sheet else "workbook"
        report.warning(
            "missing-cell",
            f"The {where} gives no As at date, so the plan is shown as at "
            f"{_shown(position.date)}, from {position.said} in row {position.row} above the "
            "Actions sheet's headers, and actions are counted overdue to that date. To set "
            f"the date, {details.how_to_give('as_at', 'As at', 'the date')}.", **place)
        return
    if position is not None:  # "Position at 31 November 2026"
        report.warning(
            "format-error",
            f"{position.said} above the Actions sheet's headers looks like the position's "
            f"date, but {position.problem[0].lower()}{position.problem[1:]} So it was not "
            "used: correct the date, or give an As at date.",
            sheet=position.sheet, row=position.row, column=position.column)
    if found is not None:
        details.as_at = found[0]
        report.warning(
            "missing-cell",
            f"The position is given as at {found[0].text!r}, taken from the file name "
            f"{path.name!r}. To set another date, rename the file, or give --as-at when you "
            "make one document from it.",
        )
        return
    d = today or dt.date.today()
    day = long_date(d)
    how = ("give --as-at (a CSV file has no Details sheet)" if csv
           else details.how_to_give("as_at", "As at", "the date"))
    report.warning(
        "missing-cell",
        f"No 'As at' date was given, so the plan is shown as at today, {day}, and actions "
        f"are counted overdue to that day. To set the date, {how}.",
        **place)


def _shown(date: DateValue) -> str:
    """A date as a message says it: '30 November 2026', 'October 2026'."""
    return long_date(date.date) if date.date and date.precision == "day" else date.text


def _check_position(details: Details, position: PositionLine, report: IssueReport) -> None:
    """A line above the headers giving another date than the Details sheet's As at."""
    date, as_at = position.date, details.as_at
    if date is None or date.date is None or as_at is None or as_at.date is None:
        return
    if (as_at.precision, as_at.date) == (date.precision, date.date) or (
            "month" in (as_at.precision, date.precision)
            and (as_at.date.year, as_at.date.month) == (date.date.year, date.date.month)):
        return
    report.warning(
        "constraint-error",
        f"The Details sheet's As at is {_shown(as_at)}, but {position.said} in row "
        f"{position.row} above the Actions sheet's headers gives {_shown(date)}. The plan "
        f"is shown as at {_shown(as_at)}, the As at. Correct whichever is wrong.",
        **details.place_of("as_at"), value=as_at.text)


def _plan_title(details: Details, banner: str, report: IssueReport) -> None:
    """A plan whose workbook gives no Title: the line above its headers, if it has one
    (a warning), else the plan's own name, "Improvement plan" (a notice), with how to set
    one."""
    where = "Details sheet" if details.sheet else "workbook"
    how = details.how_to_give("title", "Title", "the title")
    place = details.place_of("title")
    if banner:  # a title found elsewhere: a warning, as a CSV file's title from its name
        details.title = banner
        report.warning(
            "missing-cell",
            f"The {where} gives no Title, so the plan is titled {banner!r}, the line above "
            f"the Actions sheet's headers. To set the title, {how}.", **place)
    else:  # the Title is optional: the plan's own name is said only among the notices
        report.notice(
            "missing-cell",
            f"The {where} gives no Title, so the plan is titled 'Improvement plan'. To set "
            f"the title, {how}.", **place)
