"""Where the batch puts documents: OUTPUTS/<YYYY-MM>/<workbook name>/<kind>.docx."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pipeline.domain.model import DateValue, Details


def _date_of(value: DateValue | None) -> dt.date | None:
    return value.date if value is not None and value.date is not None else None


def document_month(details: Details, run_date: dt.date, kind: str = "plan") -> str:
    """"YYYY-MM": the meeting date's month, else the as-at date's, else the run's.

    Which Details dates count, in turn, is each kind's `meeting_dates` (pipeline.kinds): the
    meeting a cabinet response goes to is the cabinet meeting (Details "Cabinet date" when
    there is no "Meeting date"); its update goes to the update meeting ("Update date").
    """
    from pipeline.kinds import KIND_NAMES, document_kind

    fields = document_kind(kind).meeting_dates if kind in KIND_NAMES else ("meeting_date",)
    meetings = [getattr(details, name) for name in fields]
    when = next((d for d in map(_date_of, meetings) if d), None)
    when = when or _date_of(details.as_at) or run_date
    return f"{when.year:04d}-{when.month:02d}"


def document_path(outputs: Path, month: str, workbook_name: str, kind: str) -> Path:
    """OUTPUTS/<month>/<workbook name>/<kind>.docx"""
    return Path(outputs) / month / workbook_name / f"{kind}.docx"
