"""The file names documents get in outputs/ when no -o is given, one function a kind.

Each is named by its kind's `output_name` in the registry (`pipeline.kinds`) and called
with the kind and the read workbook (with the parts of any extra workbooks the document
holds). A document is named from its title, the thing that tells one paper from another;
a workbook that gives no title of its own is named from its file name instead, so that two
untitled papers never share a name (`pipeline.output_target` refuses to replace another
paper's document under such a name).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.kinds import DocumentKind
    from pipeline.reader import WorkbookResult


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


def title_slug(result: WorkbookResult, title: str = "", default: str = "document") -> str:
    """The file name's part for a paper titled `title` (default: the workbook's Title), or
    when it has none, the workbook's file name: 'plan-july.xlsx' -> 'plan-july'."""
    title = title or result.details.title
    return slugify(title, "") or slugify(Path(result.path).stem, default)


def _dated(stem: str, result: WorkbookResult) -> str:
    meeting = result.details.meeting_date
    if meeting and meeting.date:
        return f"{stem}-{meeting.date.isoformat()}.docx"
    return f"{stem}.docx"


def plan_name(kind: DocumentKind, result: WorkbookResult) -> str:
    return f"{title_slug(result, default='improvement-plan')}.docx"


def performance_name(kind: DocumentKind, result: WorkbookResult) -> str:
    return f"{title_slug(result, default='performance-report')}.docx"


def briefing_name(kind: DocumentKind, result: WorkbookResult) -> str:
    return _dated(f"briefing-{title_slug(result, default='improvement-plan')}", result)


def exceptions_name(kind: DocumentKind, result: WorkbookResult) -> str:
    return f"exceptions-{title_slug(result, default='improvement-plan')}.docx"


def response_name(kind: DocumentKind, result: WorkbookResult) -> str:
    slug = slugify(result.details.scrutiny_report, "") or slugify(Path(result.path).stem,
                                                                  "cabinet")
    return f"{slug}-response{'-update' if kind.options.get('update') else ''}.docx"


def report_name(kind: DocumentKind, result: WorkbookResult) -> str:
    """'report-<title>-2013-08-15.docx': the report's title as it prints it (a report on a
    cabinet response alone: the scrutiny report's name and the response), or when that is
    only the report's kind ('Progress report'), the workbook's file name."""
    from pipeline.documents.report_subject import GENERIC_TITLES, subject_of

    indicators = result.indicators
    title = subject_of(result.details, has_plan=result.plan is not None,
                       has_indicators=indicators is not None and bool(indicators.indicators),
                       response=result.response).title
    chosen = "" if title in GENERIC_TITLES and not result.details.title.strip() else title
    return _dated(f"report-{title_slug(result, chosen, 'committee')}", result)
