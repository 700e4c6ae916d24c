"""The file names documents get in outputs/ when no -o is given, one function a kind.

Each is named by its kind's `output_name` in the registry (`pipeline.kinds`) and called
with the kind, the workbook's Details and the workbook's path.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.domain.model import Details
    from pipeline.kinds import DocumentKind


SLUG_LIMIT = 80  # characters of a title kept in a file name


def slugify(text: str, default: str = "document") -> str:
    """A file name from a title: 'Children's Plan 2013/14' -> 'childrens-plan-2013-14'."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"['’]", "", text.lower())
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > SLUG_LIMIT:  # cut at the last whole word that fits, not inside one
        cut = slug[:SLUG_LIMIT + 1].rfind("-")
        slug = slug[:cut] if cut > SLUG_LIMIT // 2 else slug[:SLUG_LIMIT]
    return slug.rstrip("-") or default


def plan_name(kind: DocumentKind, details: Details, source: Path) -> str:
    return f"{slugify(details.title, 'improvement-plan')}.docx"


def performance_name(kind: DocumentKind, details: Details, source: Path) -> str:
    return f"{slugify(details.title, 'performance-report')}.docx"


def briefing_name(kind: DocumentKind, details: Details, source: Path) -> str:
    meeting = details.meeting_date
    stem = f"briefing-{slugify(details.title, 'improvement-plan')}"
    if meeting and meeting.date:
        return f"{stem}-{meeting.date.isoformat()}.docx"
    return f"{stem}.docx"


def exceptions_name(kind: DocumentKind, details: Details, source: Path) -> str:
    return f"exceptions-{slugify(details.title, 'improvement-plan')}.docx"


def response_name(kind: DocumentKind, details: Details, source: Path) -> str:
    slug = slugify(details.scrutiny_report, "") or slugify(Path(source).stem, "cabinet")
    return f"{slug}-response{'-update' if kind.options.get('update') else ''}.docx"
