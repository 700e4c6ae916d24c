"""The optional Details sheet: a key in column A, its value in column B."""

from __future__ import annotations

from pipeline.domain.model import DateValue, Details
from pipeline.issues import IssueReport
from pipeline.reader.cells import CellProblem, parse_date, parse_number, text_value
from pipeline.reader.columns import DETAILS_DATE_KEYS, DETAILS_KEYS
from pipeline.reader.details_checks import (
    check_marking,
    check_meeting,
    not_a_date,
    unknown_key,
)
from pipeline.reader.raw import RawSheet
from pipeline.text import normalise_label

_LOOKUP: dict[str, str] = {
    normalise_label(spelling): attr
    for attr, spellings in DETAILS_KEYS.items()
    for spelling in spellings
}
_HEADER_WORDS = {"key", "field", "item", "detail", "details", "name"}
# What a header row "Item | Value" says in column B: such a row is a header, not an agenda item.
_VALUE_WORDS = {"value", "values", "detail", "details", "entry", "answer", "text"}
_YES = {"yes", "y", "true", "exempt"}
_NO = {"no", "n", "false", "public"}


def _exempt_status(value: str) -> str:
    """An 'Exempt' key answered yes or no: the report's status ('Exempt' or 'Public')."""
    answer = normalise_label(value)
    if answer in _YES:
        return "Exempt"
    if answer in _NO:
        return "Public"
    return value


def read_details(sheet: RawSheet, report: IssueReport) -> Details:
    details = Details(sheet=sheet.name)
    seen: dict[str, int] = {}
    meant: dict[str, int] = {}  # a known key -> the row of an unknown key near it
    for row in sheet.rows:
        key_text, _ = text_value(row.cell(0))
        if not key_text:
            continue
        norm = normalise_label(key_text)
        attr = _LOOKUP.get(norm)
        value_cell = row.cell(1)
        if norm in _HEADER_WORDS and normalise_label(text_value(value_cell)[0]) in _VALUE_WORDS:
            continue  # a header row such as "Item | Value"
        if attr is None:
            if norm in _HEADER_WORDS:
                continue
            value, _ = text_value(value_cell)
            if value:
                details.extra[key_text] = value
                guess = unknown_key(sheet, row.number, key_text, report)
                if guess is not None:
                    meant.setdefault(guess, row.number)
            continue
        if attr in seen:
            report.warning(
                "unique-error",
                f"{key_text!r} is given twice (rows {seen[attr]} and {row.number}); "
                f"the value in row {row.number} was used. Delete one of them.",
                sheet=sheet.name,
                row=row.number,
                column="A",
                value=key_text,
            )
        seen[attr] = row.number
        details.rows[attr] = row.number
        if attr in DETAILS_DATE_KEYS:
            parsed = parse_date(value_cell)
            if isinstance(parsed, CellProblem):
                report.error(
                    parsed.code,
                    f"{key_text}: {parsed.message}",
                    sheet=sheet.name,
                    row=row.number,
                    column="B",
                    value=value_cell.value,
                )
                continue
            if isinstance(parsed, DateValue) and parsed.date is None:
                report.error(
                    "type-error", not_a_date(key_text, attr, parsed.text),
                    sheet=sheet.name, row=row.number, column="B", value=parsed.text,
                )
                continue
            setattr(details, attr, parsed)
        elif attr == "report_number":
            num = parse_number(value_cell)
            if isinstance(num, CellProblem) or (num is not None and not num[0].is_integer()):
                report.error(
                    "type-error",
                    "Report number should be a whole number such as 3; "
                    f"found {value_cell.value!r}.",
                    sheet=sheet.name,
                    row=row.number,
                    column="B",
                    value=value_cell.value,
                )
                continue
            details.report_number = None if num is None else int(num[0])
        else:
            value, changed = text_value(value_cell)
            if changed:
                report.warning(
                    "text-changed",
                    "Characters that Word cannot hold were removed from this text.",
                    sheet=sheet.name,
                    row=row.number,
                    column="B",
                )
            if attr == "wards_affected" and not value:
                value = "All"
            if attr == "report_status" and norm == "exempt":
                value = _exempt_status(value)
            setattr(details, attr, value)
            if attr == "protective_marking":
                check_marking(details, key_text, row.number, report)
    check_meeting(details, sheet, meant, report)
    return details
