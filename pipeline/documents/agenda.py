"""The agenda pack's front sheet: the committee, the meeting and each item with its pages.

A portrait page in the committee report's template: the committee as the title, the
meeting's date, and a table with a header row of Item | Report and appendices | Report
author | Page (each appendix named with the page it starts on), for `pipeline.pack`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.documents.docmodel import (
    Block,
    Cell,
    Column,
    DocumentModel,
    Heading,
    Paragraph,
    Table,
)


@dataclass
class AgendaLine:
    """One item of the agenda: its number, title, author, first page and appendices' pages."""

    item: str
    title: str
    author: str
    page: int
    appendices: list[tuple[str, int]] = field(default_factory=list)
    marking: str = ""  # the report's protective marking, "OFFICIAL"
    status: str = ""  # the report's status, "Public" or "Exempt - paragraph 3"


# Government Security Classifications, lowest first; a pack carries its highest item's.
MARKINGS = ("OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET", "TOP SECRET")


def pack_marking(markings: list[str]) -> str:
    """The marking for a pack of reports: the highest of theirs.

    'OFFICIAL' and 'OFFICIAL-SENSITIVE' -> 'OFFICIAL-SENSITIVE'. A marking outside the
    Government scheme cannot be ranked, so the pack names every distinct one
    ('OFFICIAL / RESTRICTED') rather than guess which is higher.
    """
    given = sorted({" ".join(m.upper().replace("OFFICIAL SENSITIVE", "OFFICIAL-SENSITIVE")
                             .split()) for m in markings if m.strip()})
    if not given:
        return ""
    if all(m in MARKINGS for m in given):
        return max(given, key=MARKINGS.index)
    return " / ".join(sorted(given, key=lambda m: (m not in MARKINGS,
                                                   MARKINGS.index(m) if m in MARKINGS else 0,
                                                   m)))


def _exempt(line: AgendaLine) -> bool:
    return bool(line.status.strip()) and line.status.strip().lower() != "public"


def _report_cell(line: AgendaLine) -> str:
    parts = [line.title]
    if _exempt(line):
        parts.append(f"Report status: {line.status.strip()}")
    parts += [f"{heading} (page {page})" for heading, page in line.appendices]
    return "\n".join(parts)


COLUMNS = (Column("Item", 1.5), Column("Report and appendices", 9.0),
           Column("Report author", 4.5), Column("Page", 1.5))


def pack_title(committee: str, meeting: str) -> str:
    """'Agenda pack: Children & Young People Scrutiny Committee, 15 August 2013'."""
    return f"Agenda pack: {committee}, {meeting}"


def build_front_sheet(committee: str, meeting: str, lines: list[AgendaLine]) -> DocumentModel:
    rows = [
        [Cell.of(line.item), Cell.of(_report_cell(line)),
         Cell.of(line.author), Cell.of(str(line.page))]
        for line in lines
    ]
    n = len(lines)
    holds = (f"{n} report with its appendices" if n == 1
             else f"{n} reports with their appendices")
    blocks: list[Block] = [
        Paragraph.of(f"Meeting: {meeting}"),
        Paragraph.of(f"This pack holds {holds}; the page numbers run through the whole pack."
                     + (" Some of its reports are not for publication: see their report "
                        "status." if any(_exempt(line) for line in lines) else "")),
        Heading("Agenda", 1),
        Table(list(COLUMNS), rows, caption=f"Items for the meeting of {committee} on {meeting}"),
    ]
    context = {"organisation": "", "as_at": "", "committee": committee, "meeting_date": meeting,
               "agenda_item": "", "report_status": "Public", "author": "", "author_title": "",
               "report_of": ""}
    return DocumentModel(kind="report", title=committee, subject=pack_title(committee, meeting),
                         context=context, blocks=blocks,
                         protective_marking=pack_marking([line.marking for line in lines]))
