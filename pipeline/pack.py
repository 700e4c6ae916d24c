"""The agenda pack: one PDF per meeting (committee + date) of the committee reports made.

`make_packs(outputs)` finds the committee reports in an outputs folder (the manifest's
"report" documents, or any report*.docx), groups them by the committee and meeting date
their cover gives ("To:", "On:"), and for each meeting writes
`<month>/agenda-pack-<committee>-<date>.pdf` beside the month's documents:

- a front sheet: the committee, the date, and each item (agenda number, title, report
  author, the page it starts on, and the page of each of its appendices);
- then every report with its appendices, in agenda order;
- a bookmark for every item and, under it, for every appendix;
- page numbers running through the whole pack ("Page 9 of 120" in every footer): each
  report is converted again with its first page number set and its "of N" set to the
  pack's length, so the numbers are LibreOffice's own, in the template's footer;
- the pack's title ("Agenda pack: <committee>, <date>") and language (en-GB).

LibreOffice converts the documents (pipeline.batch.pdf); pypdf joins them and writes the
bookmarks. Problems come back as located issues; a pack is written whole or not at all.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from pipeline.issues import Issue, PipelineError
from pipeline.pack_reports import (
    find_reports,
    manifest_reports,
    manifest_sources,
    missing_reports,
    unmatched,
)
from pipeline.render.page_numbers import numbered_copy

DASH = "\u2013"


@dataclass
class Item:
    """One committee report of a meeting, as its cover says."""

    path: Path
    title: str
    committee: str
    meeting: str  # as printed: "15 August 2013"
    agenda_item: str = ""
    author: str = ""
    appendices: list[str] = field(default_factory=list)  # their headings, in order
    pages: int = 0  # in its own PDF
    start: int = 0  # its first page in the pack
    appendix_pages: list[int] = field(default_factory=list)  # in the pack
    marking: str = ""  # its protective marking ("OFFICIAL"), from its properties
    status: str = ""  # its cover's "Report status" ("Public", "Exempt - paragraph 3")

    @property
    def meeting_date(self) -> dt.date | None:
        return parse_meeting(self.meeting)


@dataclass
class Pack:
    committee: str
    meeting: str
    items: list[Item]
    path: Path
    front_pages: int = 0
    total_pages: int = 0


def parse_meeting(text: str) -> dt.date | None:
    for fmt in ("%d %B %Y", "%B %Y", "%b %Y"):
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


# How a clerk types a meeting's date: day/month/year first (UK), or ISO.
MEETING_FORMATS = ("%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d %B %Y",
                   "%d %b %Y")


def parse_meeting_date(text: str) -> dt.date | None:
    """'15/08/2013', '15/8/13', '2013-08-15', '15 August 2013' -> 15 August 2013; None when
    it is not a date in any of those forms (`committee pack --meeting`)."""
    for fmt in MEETING_FORMATS:
        try:
            return dt.datetime.strptime(" ".join(text.split()), fmt).date()
        except ValueError:
            continue
    return None


def slug(text: str) -> str:
    from pipeline.kinds import slugify

    return slugify(text, "committee")


# --- reading the reports --------------------------------------------------------------------


def read_item(path: Path) -> Item | None:
    """The cover of a committee report: title, To, On, Agenda item, author, appendices."""
    from pipeline.render.readback import BodyParagraph, read_body

    try:
        body = read_body(path)
    except (OSError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return None
    title, cover, appendices = "", {}, []
    in_cover = True
    for item in body:
        if not isinstance(item, BodyParagraph):
            continue
        if item.style == "Title" and not title:
            title = item.text
        elif item.style == "Heading 1":
            in_cover = False
            if re.match(rf"^Appendix [A-Z] {DASH} ", item.text):
                appendices.append(item.text)
        elif in_cover and ": " in item.text:
            label, _, value = item.text.partition(": ")
            cover.setdefault(label, value)
    if "To" not in cover or "On" not in cover:
        return None
    return Item(path=path, title=title, committee=cover["To"], meeting=cover["On"],
                agenda_item=cover.get("Agenda item", ""),
                author=cover.get("Report author", ""), appendices=appendices,
                marking=_marking(path), status=cover.get("Report status", ""))


def _marking(path: Path) -> str:
    """The protective marking the report was written with (its Categories property)."""
    from pipeline.render.wordxml import CP_NS, core_property

    return core_property(path, f"{{{CP_NS}}}category")


def _agenda_order(item: Item) -> tuple[float, str]:
    number = re.match(r"\s*(\d+(?:\.\d+)?)", item.agenda_item)
    return (float(number.group(1)) if number else float("inf"), item.title.lower())


def meetings(items: Iterable[Item], outputs: Path) -> list[Pack]:
    """The items grouped by committee and meeting date, each group in agenda order."""
    groups: dict[tuple[str, str], list[Item]] = {}
    for item in items:
        groups.setdefault((item.committee.strip(), item.meeting.strip()), []).append(item)
    packs = []
    for (committee, meeting), members in groups.items():
        members.sort(key=_agenda_order)
        when = parse_meeting(meeting)
        month = f"{when.year:04d}-{when.month:02d}" if when else members[0].path.parent.parent.name
        day = when.isoformat() if when else slug(meeting)
        path = outputs / month / f"agenda-pack-{slug(committee)}-{day}.pdf"
        packs.append(Pack(committee, meeting, members, path))
    return sorted(packs, key=lambda p: (p.path.parent.name, p.path.name))


def pack_of(report: Path, outputs: Path) -> Path | None:
    """Where the agenda pack holding `report` is written (None: not a committee report)."""
    item = read_item(report)
    if item is None:
        return None
    return meetings([item], outputs)[0].path


# --- the front sheet ------------------------------------------------------------------------


def front_sheet_model(pack: Pack) -> object:
    from pipeline.documents.agenda import AgendaLine, build_front_sheet

    # An item with no agenda number is printed with none (a dash), after the numbered ones.
    lines = [AgendaLine(item.agenda_item.strip() or DASH, item.title, item.author, item.start,
                        list(zip(item.appendices, item.appendix_pages, strict=False)),
                        marking=item.marking, status=item.status)
             for item in pack.items]
    return build_front_sheet(pack.committee, pack.meeting, lines)


def pack_title(pack: Pack) -> str:
    from pipeline.documents.agenda import pack_title as title

    return title(pack.committee, pack.meeting)


# --- converting and joining -----------------------------------------------------------------


def _convert(documents: list[Path], work: Path | None) -> dict[Path, Path]:
    from pipeline.batch.pdf import convert_to_pdf

    result = convert_to_pdf(documents, work)
    if result.problems:
        raise PipelineError(result.problems[0].message, result.problems)
    return result.made


def _pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def _appendix_pages(pdf: Path, headings: list[str]) -> list[int]:
    """The page (1-based, in the item's own PDF) each appendix heading starts on."""
    from pypdf import PdfReader

    texts = [page.extract_text() or "" for page in PdfReader(pdf).pages]
    found, after = [], 0
    for heading in headings:
        page = next((i for i in range(after, len(texts)) if heading_on(heading, texts[i])),
                    after)
        found.append(page + 1)
        after = page
    return found


def heading_on(heading: str, page_text: str) -> bool:
    """Whether a page starts a line with `heading`, however the PDF wrapped or spaced it.

    The cover's list of appendices ("7.1 Appendix A – Improvement plan") does not count:
    there the heading follows the paragraph number on its line.
    """
    words = heading.split()
    if not words:
        return False
    pattern = r"(?:^|\n)[ \t]*" + r"\s+".join(re.escape(word) for word in words)
    return re.search(pattern, page_text) is not None


def _write_front(pack: Pack, folder: Path, total: int) -> Path:
    from pipeline.render.engine import render_bytes

    docx = folder / "front.docx"
    docx.write_bytes(render_bytes(front_sheet_model(pack)))  # type: ignore[arg-type]
    if total:
        numbered = folder / "front-numbered.docx"
        numbered_copy(docx, numbered, 1, total)
        return numbered
    return docx


def _join(pack: Pack, front: Path, pdfs: list[Path], out: Path) -> None:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    from pipeline.atomic import write_atomically

    writer = PdfWriter()
    writer.append(PdfReader(front), import_outline=False)
    writer.add_outline_item(title="Front sheet and agenda", page_number=0)
    for item, pdf in zip(pack.items, pdfs, strict=True):
        writer.append(PdfReader(pdf), import_outline=False)
        mark = writer.add_outline_item(
            title=f"Item {item.agenda_item}: {item.title}" if item.agenda_item else item.title,
            page_number=item.start - 1)
        for heading, page in zip(item.appendices, item.appendix_pages, strict=False):
            writer.add_outline_item(title=heading, page_number=page - 1, parent=mark)
    writer.add_metadata({"/Title": pack_title(pack), "/Subject": pack_title(pack),
                         "/Creator": "committee-pipeline"})
    writer._root_object[NameObject("/Lang")] = TextStringObject("en-GB")
    writer.create_viewer_preferences().display_doctitle = True

    def save(tmp: Path) -> None:
        with open(tmp, "wb") as handle:
            writer.write(handle)

    write_atomically(out, save)


def make_pack(pack: Pack, work_root: Path | None = None) -> Pack:
    """Convert, number and join one meeting's reports into its agenda pack PDF (working in
    `work_root`, by default the system's temporary folder: nothing is left in OUTPUTS)."""
    if work_root is not None:
        work_root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="committee-pack-", dir=work_root) as tmp:
        folder = Path(tmp)
        copies = []
        for n, item in enumerate(pack.items):
            copy = folder / f"item{n:03d}.docx"
            shutil.copyfile(item.path, copy)
            copies.append(copy)
        front = _write_front(pack, folder, 0)
        fresh = {copy: item.path.with_suffix(".pdf") for item, copy in zip(pack.items, copies,
                                                                          strict=True)}
        fresh = {c: pdf for c, pdf in fresh.items() if pdf.is_file() and
                 pdf.stat().st_mtime >= pack.items[copies.index(c)].path.stat().st_mtime}
        first = _convert([front, *[c for c in copies if c not in fresh]], work_root)
        first.update(fresh)  # a PDF the batch made beside the report is its first pass
        pack.front_pages = _pages(first[front])
        start = pack.front_pages + 1
        for item, copy in zip(pack.items, copies, strict=True):
            item.pages = _pages(first[copy])
            item.start = start
            item.appendix_pages = [start + p - 1 for p in
                                   _appendix_pages(first[copy], item.appendices)]
            start += item.pages
        pack.total_pages = start - 1
        numbered = []
        for n, (item, copy) in enumerate(zip(pack.items, copies, strict=True)):
            target = folder / f"numbered{n:03d}.docx"
            numbered_copy(copy, target, item.start, pack.total_pages)
            numbered.append(target)
        front = _write_front(pack, folder, pack.total_pages)
        second = _convert([front, *numbered], work_root)
        if _pages(second[front]) != pack.front_pages or any(
            _pages(second[n]) != item.pages for n, item in zip(numbered, pack.items, strict=True)
        ):
            raise PipelineError(
                f"The agenda pack for {pack.committee} on {pack.meeting} came out with a "
                "different number of pages when numbered; nothing was written. Run "
                "`committee pack` again; if it happens again, report it as a bug.",
                [Issue("write-error", "error", "page count changed", file=str(pack.path))],
            )
        _join(pack, second[front], [second[n] for n in numbered], pack.path)
    return pack


def no_agenda_item(item: Item, workbook: Path | None) -> Issue:
    """A report with no agenda number: listed last, with none, on its pack's front sheet."""
    where = f"the workbook {workbook}" if workbook else f"the workbook {item.path} was made from"
    return Issue("missing-cell", "warning",
                 f"The report {item.title!r} ({item.path}) has no agenda item, so the front "
                 f"sheet lists it after the numbered items, with no number. Give its number "
                 f"(such as 7) as the Agenda item on the Details sheet of {where}, then make "
                 "the report and the pack again.",
                 file=str(workbook or item.path), sheet="Details", column="Agenda item",
                 value="")


def make_packs(
    outputs: Path,
    meeting: dt.date | None = None,
    committee: str | None = None,
    reports: list[Path] | None = None,
    sources: dict[Path, Path] | None = None,
) -> tuple[list[Pack], list[Issue]]:
    """Every meeting's agenda pack in `outputs` (or only the one `meeting`/`committee`);
    `reports`: the committee reports to pack (default: those `find_reports` finds);
    `sources`: the workbook each was made from (default: as the manifest says), named by
    the warnings about it."""
    from pipeline.text import normalise_label

    outputs = Path(outputs)
    if not outputs.is_dir():
        message = (f"The outputs folder {outputs} was not found. Give the folder the batch "
                   "wrote its documents to, such as outputs.")
        raise PipelineError(message, [Issue("missing-sheet", "error", message,
                                            file=str(outputs))])
    issues: list[Issue] = []
    items, others = [], []
    if reports is None:
        reports = find_reports(outputs)
        listed = manifest_reports(outputs)
        if listed and not reports:
            issues.append(missing_reports(outputs, listed))
    if sources is None:
        sources = manifest_sources(outputs) or {}
    for path in reports:
        item = read_item(path)
        if item is None:
            issues.append(Issue("format-error", "warning",
                                f"{path} is not a committee report with a 'To:' and an 'On:' "
                                "line on its cover, so it is not in any pack.", file=str(path)))
            continue
        if (meeting is not None and item.meeting_date != meeting) or (
            committee and normalise_label(committee) != normalise_label(item.committee)
        ):
            others.append(item)
            continue
        items.append(item)
        if not item.agenda_item.strip():
            issues.append(no_agenda_item(item, sources.get(path)))
    if others and not items:  # reports there, none for what was asked
        issues.append(unmatched(others, outputs, meeting, committee))
    made = []
    for pack in meetings(items, outputs):
        try:
            made.append(make_pack(pack))
        except PipelineError as error:
            issues += error.issues
        except OSError as exc:
            issues.append(Issue("write-error", "error",
                                f"The agenda pack {pack.path} could not be written "
                                f"({exc.strerror or exc}). Check the disk is not full and the "
                                "PDF is not open, then run `committee pack` again.",
                                file=str(pack.path)))
    return made, issues


__all__ = ["Item", "Pack", "find_reports", "make_pack", "make_packs", "manifest_reports",
           "pack_of", "read_item"]
