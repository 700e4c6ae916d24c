"""An action's dates on the Actions sheet: the Target date, Original target date and Revised
target date cells read as dates, which of them is in force, and the warnings on a revised
date ("TBC", or earlier than the date it revises)."""

from __future__ import annotations

from pipeline.domain.model import DateValue
from pipeline.domain.slippage import same_date
from pipeline.issues import IssueReport
from pipeline.reader.cells import CellProblem, parse_date
from pipeline.reader.headers import Record, located
from pipeline.reader.raw import RawSheet


def read_date(sheet: RawSheet, rec: Record, column: str, report: IssueReport) -> DateValue | None:
    """The cell as a date (or words kept as typed); a located error when it cannot be read."""
    if not rec.header.has(column):
        return None
    cell = rec.cell(column)
    parsed = parse_date(cell)
    if isinstance(parsed, CellProblem):
        report.error(parsed.code, parsed.message, value=None if cell is None else cell.value,
                     **located(sheet, rec, column))
        return None
    return parsed


def action_dates(
    sheet: RawSheet, rec: Record, report: IssueReport
) -> tuple[DateValue | None, DateValue | None]:
    """(the target date in force, the earlier target date when it has moved).

    A filled "Revised target date" is the date in force; the earlier date is then the
    "Original target date", else the "Target date". Without a revised date the "Target
    date" is in force and an "Original target date" that differs is the earlier one.
    """
    target = read_date(sheet, rec, "Target date", report)
    original = read_date(sheet, rec, "Original target date", report)
    revised = read_date(sheet, rec, "Revised target date", report)
    if revised is not None:
        earlier = original or target
        _check_revised(sheet, rec, revised, earlier, report)
        return revised, earlier if earlier is not None and not same_date(
            earlier, revised) else None
    if target is None and original is not None:
        return original, None
    if original is not None and target is not None and not same_date(original, target):
        return target, original
    return target, None


def _check_revised(sheet: RawSheet, rec: Record, revised: DateValue, earlier: DateValue | None,
                   report: IssueReport) -> None:
    """Warn of a revised target date that is not a date ("TBC"), or is earlier than the
    date it revises (brought forward: fine, but said)."""
    was_due = earlier.due_by() if earlier else None
    where = located(sheet, rec, "Revised target date")
    if revised.due_by() is None:
        before = f"; the action's original target date was {earlier.text}" if earlier else ""
        report.warning(
            "type-error",
            f"The revised target date {revised.text!r} is not a date{before}. A revised "
            "target date should be a date, such as 30/09/2013 or September 2013, or left "
            "blank if the date has not changed. The plan prints it as typed and lists the "
            "action as slipped, with no date now.",
            value=revised.text, **where)
    elif earlier is not None and was_due is not None and revised.due_by() < was_due:  # type: ignore[operator]
        report.warning(
            "constraint-error",
            f"The revised target date {revised.text} is earlier than the original target date, "
            f"{earlier.text}: the action has been brought forward. The plan prints "
            f"\"{revised.text} (was {earlier.text})\". If that is not meant, correct "
            "the revised date, or swap the two dates if they are the wrong way round.",
            value=revised.text, **where)
