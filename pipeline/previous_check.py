"""`--previous` given the wrong workbook: the same file as this plan, or a plan whose
"As at" is not earlier than this plan's (a later report's plan gives wrong "was" dates)."""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.domain.model import Details
from pipeline.reader import WorkbookResult

_FIX = ("Give --previous the plan workbook of the last report, whose As at date is earlier "
        "than this plan's.")


def _as_at(details: Details) -> tuple[str, object]:
    dv = details.as_at
    return (dv.text, dv.due_by()) if dv is not None else ("", None)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b) or a.read_bytes() == b.read_bytes()
    except OSError:
        return False


def check_previous(main: WorkbookResult, previous: WorkbookResult) -> bool:
    """Add a located problem to `main.report` when `previous` cannot be the last report's
    plan: a warning when it is the same workbook (nothing can have changed) or has the same
    As at date, an error when its As at is later (the document would be wrong). Returns
    False when it is the same workbook (its warnings are then this workbook's already)."""
    this, before = Path(main.path).name, Path(previous.path).name
    if _same_file(Path(main.path), Path(previous.path)):
        main.report.warning(
            "constraint-error",
            f"--previous {before} is the same workbook as {this}, so no change since the last "
            f"report can be shown: nothing has moved or been completed since. {_FIX}",
            value=before)
        return False
    (now_text, now), (was_text, was) = _as_at(main.details), _as_at(previous.details)
    if now is None or was is None:
        return True
    where = {"sheet": "Details", "column": "As at", "value": was_text}
    if was > now:  # type: ignore[operator]
        main.report.error(
            "constraint-error",
            f"--previous {before} is the plan as at {was_text}, later than this plan "
            f"({this}, as at {now_text}): its dates would be printed as the earlier ones "
            f"(\"was ...\"), which is wrong. Were the two workbooks swapped? {_FIX}", **where)
    elif was == now:
        main.report.warning(
            "constraint-error",
            f"--previous {before} is the plan as at {was_text}, the same date as this plan "
            f"({this}, as at {now_text}), so it is not an earlier report. {_FIX} If it is, "
            f"correct the As at row of {before}'s Details sheet.", **where)
    return True
