"""Accessibility audit of a Word document (ours or anyone's), as Issues.

`audit_document(path)` checks a .docx against the parts of the Public Sector Bodies
Accessibility Regulations 2018 checklist that can be checked in the file itself, in every
part a reader sees (the body, headers, footers, footnotes, endnotes, comments, and the text
boxes inside them) and in the styles:

  title          the document's Title property is set
  language       a language is set (document defaults, the Normal style or the text)
  headings       heading styles are used, one level at a time (no Heading 1 -> Heading 3)
  table-header   every table of more than one row marks its first row to repeat (w:tblHeader)
  merged-cells   no merged cells (w:gridSpan, w:vMerge) in data tables
  alt-text       every picture and chart, anywhere, has alternative text (or is marked
                 decorative); old VML pictures too (pipeline.audit_runs)
  contrast       text on a shaded cell, every style text is written in (headings,
                 Title, table text ...), and text given its own colour anywhere else
                 (pipeline.audit_runs) has a contrast ratio of at least 4.5:1
  colour-only    a shaded cell holds text: colour is never the only carrier of meaning
  drawing-ids    every drawing's id (wp:docPr id) is unique across the whole file
  external       nothing links outside the file or runs (see pipeline.render.safety)

Each issue's code is its rule; its message says what is wrong and how to fix it, and its
`where` where it is ("table 3, row 1", "image 2", "paragraph 14"). One function per rule,
each returning Issues. Nothing here prints.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.issues import Issue, PipelineError
from pipeline.render.wordstyles import (
    RENDERER_STYLES,
    Styles,
    cell_fill,
    page_colour,
    run_colours,
    styles_of,
)
from pipeline.render.wordxml import (
    A_NS,
    CHART_URI,
    DC_NS,
    DECORATIVE_NS,
    PIC_URI,
    WP_NS,
    part_label,
    read_part,
    text_parts,
    w,
)

MIN_CONTRAST = 4.5
RULES = ("title", "language", "headings", "table-header", "merged-cells", "alt-text",
         "contrast", "colour-only", "drawing-ids", "external")


@dataclass
class Package:
    """What the rules look at: the parsed text parts (the body first), styles, properties."""

    path: Path
    parts: dict[str, Any]  # part name -> root, "word/document.xml" first
    styles: Styles
    core: Any | None
    archive: zipfile.ZipFile
    cells: tuple[list[Issue], list[Issue]] | None = None  # (contrast, colour-only), once

    @property
    def document(self) -> Any:
        return self.parts["word/document.xml"]

    def issue(self, rule: str, message: str, where: str) -> Issue:
        return Issue(rule, "error", message, file=str(self.path), where=where)


Rule = Callable[[Package], list[Issue]]


def describe(issue: Issue) -> str:
    """'[rule] where: message', as `committee audit` prints a finding."""
    return f"[{issue.code}] {issue.where}: {issue.message}" if issue.where else (
        f"[{issue.code}] {issue.message}")


def finding_dict(issue: Issue) -> dict[str, str]:
    return {"rule": issue.code, "message": issue.message, "where": issue.where or ""}


def _text(el: Any) -> str:
    return "".join(t.text or "" for t in el.iter(w("t")))


def _quote(text: str, limit: int = 50) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _in(part: str) -> str:
    return "" if part == "word/document.xml" else f" in {part_label(part)}"


# --- the rules ---------------------------------------------------------------------------


def check_title(pkg: Package) -> list[Issue]:
    title = pkg.core.find(f"{{{DC_NS}}}title") if pkg.core is not None else None
    if title is not None and (title.text or "").strip():
        return []
    return [pkg.issue("title", "The document has no title property, which screen readers "
                      "announce. In Word: File > Info > Properties > Title.",
                      "document properties")]


def check_language(pkg: Package) -> list[Issue]:
    lang = pkg.styles.language or next(
        (el.get(w("val")) for el in pkg.document.iter(w("lang")) if el.get(w("val"))), None)
    if lang:
        return []
    return [pkg.issue("language", "No language is set, so screen readers may read the text "
                      "with the wrong voice. In Word: Review > Language > Set Proofing "
                      "Language (English (United Kingdom)), or set it in the Normal style.",
                      "document styles")]


def check_headings(pkg: Package) -> list[Issue]:
    found: list[Issue] = []
    paragraphs = list(pkg.document.iter(w("p")))
    previous = used = 0
    levels: dict[str | None, int | None] = {}  # by style id: the same few styles repeat
    pstyle = f"{w('pPr')}/{w('pStyle')}"
    for number, p in enumerate(paragraphs, start=1):
        el = p.find(pstyle)
        sid = el.get(w("val")) if el is not None else None
        if sid not in levels:
            levels[sid] = pkg.styles.heading_level(sid)
        level = levels[sid]
        if level is None or not _text(p).strip():
            continue
        used += 1
        if level > previous + 1:
            before = f"Heading {previous}" if previous else "the start of the document"
            found.append(pkg.issue(
                "headings", f"A Heading {level} follows {before}: heading levels must go down "
                f"one at a time. Make it Heading {previous + 1}, or add the missing level "
                "above it.", f"paragraph {number} ({_quote(_text(p))!r})"))
        previous = level
    if not used and sum(1 for p in paragraphs if _text(p).strip()) > 3:
        found.append(pkg.issue(
            "headings", "No paragraph uses a heading style, so screen-reader users cannot "
            "move through the document by its headings. Use Heading 1, Heading 2 ... for the "
            "headings.", "whole document"))
    return found


def _truthy(el: Any | None) -> bool:
    return el is not None and (el.get(w("val")) or "true").lower() not in ("0", "false", "off")


def _tables(pkg: Package) -> list[tuple[str, int, Any]]:
    """(part, number within the part, w:tbl) of every table in every text part."""
    return [(part, n, tbl) for part, root in pkg.parts.items()
            for n, tbl in enumerate(root.iter(w("tbl")), start=1)]


def check_table_headers(pkg: Package) -> list[Issue]:
    found: list[Issue] = []
    for n, tbl in enumerate(pkg.document.iter(w("tbl")), start=1):
        rows = list(tbl.iterchildren(w("tr")))
        if len(rows) > 1 and not _truthy(rows[0].find(f"{w('trPr')}/{w('tblHeader')}")):
            found.append(pkg.issue(
                "table-header", "The table's first row is not marked as a header row that "
                "repeats, so screen readers cannot name the columns. In Word: select the first "
                "row, Table Properties > Row > 'Repeat as header row at the top of each page'.",
                f"table {n}, row 1"))
    return found


def check_merged_cells(pkg: Package) -> list[Issue]:
    found: list[Issue] = []
    for t, tbl in enumerate(pkg.document.iter(w("tbl")), start=1):
        rows = list(tbl.iterchildren(w("tr")))
        if len(rows) < 2:
            continue
        for r, tr in enumerate(rows, start=1):
            for c, tc in enumerate(tr.iterchildren(w("tc")), start=1):
                tcpr = tc.find(w("tcPr"))
                if tcpr is None:
                    continue
                span = tcpr.find(w("gridSpan"))
                span_val = span.get(w("val")) if span is not None else None
                if tcpr.find(w("vMerge")) is not None or (span_val and span_val not in ("0", "1")):
                    found.append(pkg.issue(
                        "merged-cells", "The cell is merged with its neighbour; screen readers "
                        "lose their place in tables with merged cells. Split the cells (Table "
                        "Layout > Split Cells) and repeat the value in each.",
                        f"table {t}, row {r}, cell {c}"))
    return found


def _is_picture(doc_pr: Any) -> bool:
    """A picture or chart (not a text box or plain shape), not marked decorative."""
    holder = doc_pr.getparent()
    data = holder.find(f"{{{A_NS}}}graphic/{{{A_NS}}}graphicData") if holder is not None else None
    uri = data.get("uri") if data is not None else PIC_URI
    if uri not in (PIC_URI, CHART_URI) and "diagram" not in (uri or ""):
        return False
    return not any(el.get("val") in ("1", "true")
                   for el in doc_pr.iter(f"{{{DECORATIVE_NS}}}decorative"))


def check_alt_text(pkg: Package) -> list[Issue]:
    from pipeline.audit_runs import check_vml_alt_text

    found: list[Issue] = []
    number = 0
    for part, root in pkg.parts.items():
        for doc_pr in root.iter(f"{{{WP_NS}}}docPr"):
            if not _is_picture(doc_pr):
                continue
            number += 1
            if (doc_pr.get("descr") or "").strip():
                continue
            name = doc_pr.get("name") or ""
            found.append(pkg.issue(
                "alt-text", "The image has no alternative text, so screen-reader users do not "
                "know what it shows. In Word: right-click it > Edit Alt Text, and say what the "
                "image shows (for a chart: the trend and latest value), or tick 'Mark as "
                "decorative' for a pure decoration.",
                f"image {number}" + (f" ({name})" if name else "") + _in(part)))
    return found + check_vml_alt_text(pkg)


def _cell_rules(pkg: Package) -> tuple[list[Issue], list[Issue]]:
    """(contrast, colour-only) issues of every shaded cell in every part."""
    if pkg.cells is None:
        pkg.cells = _shaded_cells(pkg)
    return pkg.cells


def _shaded_cells(pkg: Package) -> tuple[list[Issue], list[Issue]]:
    from pipeline.domain.status import contrast_ratio

    contrast: list[Issue] = []
    colour_only: list[Issue] = []
    for part, t, tbl in _tables(pkg):
        for r, tr in enumerate(tbl.iterchildren(w("tr")), start=1):
            for c, tc in enumerate(tr.iterchildren(w("tc")), start=1):
                fill = cell_fill(tc)
                if fill is None:
                    continue
                where = f"table {t}, row {r}, cell {c}{_in(part)}"
                runs = run_colours(tc, pkg.styles)
                if not runs:
                    colour_only.append(pkg.issue(
                        "colour-only", f"The cell is shaded (#{fill}) but holds no text: colour "
                        "must never be the only way a status is shown. Type the status in the "
                        "cell.", where))
                    continue
                text, colour = min(runs, key=lambda rc: contrast_ratio(rc[1], fill))
                ratio = contrast_ratio(colour, fill)
                if ratio < MIN_CONTRAST:
                    contrast.append(pkg.issue(
                        "contrast", f"Text #{colour} on fill #{fill} has a contrast ratio of "
                        f"{ratio:.1f}:1, below the 4.5:1 minimum ({_quote(text, 30)!r}). Use a "
                        "darker text colour or a lighter fill (or the reverse).", where))
    return contrast, colour_only


def check_contrast(pkg: Package) -> list[Issue]:
    from pipeline.audit_runs import check_run_contrast

    return _cell_rules(pkg)[0] + style_contrast(pkg, set()) + check_run_contrast(pkg)


def check_colour_only(pkg: Package) -> list[Issue]:
    return _cell_rules(pkg)[1]


def style_contrast(pkg: Package, also: set[str]) -> list[Issue]:
    """Every style text is written in (and `also`) against the fill behind it."""
    from pipeline.render.wordstyles import style_contrast_problems, used_style_ids

    used = set(also)
    for root in pkg.parts.values():
        used |= used_style_ids(root)
    problems = style_contrast_problems(pkg.styles, used, page_colour(pkg.document))
    return [pkg.issue(
        "contrast", f"Text in the {where} is #{colour} on #{fill}: a contrast ratio of "
        f"{ratio:.1f}:1, below the 4.5:1 minimum. In Word: Home > Styles, right-click the "
        "style > Modify, and choose a darker font colour (or a lighter shading).", where)
        for where, colour, fill, ratio in problems]


def check_drawing_ids(pkg: Package) -> list[Issue]:
    seen: dict[str, str] = {}
    found: list[Issue] = []
    for part, root in pkg.parts.items():
        for n, doc_pr in enumerate(root.iter(f"{{{WP_NS}}}docPr"), start=1):
            drawing_id = doc_pr.get("id") or ""
            here = f"drawing {n}{_in(part)}"
            if drawing_id in seen:
                found.append(pkg.issue(
                    "drawing-ids", f"The drawing has id {drawing_id}, the same as "
                    f"{seen[drawing_id]}: Word may say the file is damaged. Copy the drawing, "
                    "delete it and paste it back (Word numbers it afresh), or save the file "
                    "again from Word.", here))
            else:
                seen[drawing_id] = here
    return found


def check_external(pkg: Package) -> list[Issue]:
    from dataclasses import replace

    from pipeline.render.safety import package_issues

    return [replace(i, code="external") for i in package_issues(pkg.archive, "document",
                                                                 str(pkg.path))]


DOCUMENT_RULES: tuple[Rule, ...] = (
    check_title, check_language, check_headings, check_table_headers, check_merged_cells,
    check_alt_text, check_contrast, check_colour_only, check_drawing_ids, check_external,
)


# --- reading the package -----------------------------------------------------------------


def _unreadable(path: Path, exc: Exception) -> PipelineError:
    from lxml.etree import XMLSyntaxError

    if isinstance(exc, FileNotFoundError):
        why = "the file was not found. Check the name and folder"
    elif isinstance(exc, IsADirectoryError):
        why = "it is a folder, not a file. Give the .docx files inside it"
    elif isinstance(exc, XMLSyntaxError):
        why = (f"part of it is damaged ({exc.msg}). Open it in Word, save it again as a "
               ".docx and try again")
    elif isinstance(exc, ValueError) and "DTD" in str(exc):
        why = ("a part of it declares a DTD, which Word never writes. Open it in Word, save "
               "it again as a .docx and try again")
    else:
        why = ("it is not a Word document (.docx) that can be opened. Save it from Word "
               "as a .docx and try again")
    message = f"{path.name} could not be audited: {why}."
    return PipelineError(message, [Issue("format-error", "error", message, file=str(path))])


def _run(path: Path, rules: tuple[Rule, ...]) -> list[Issue]:
    from lxml.etree import XMLSyntaxError

    path = Path(path)
    try:
        with zipfile.ZipFile(path) as archive:
            parts = {name: read_part(archive, name) for name in text_parts(archive)}
            try:
                styles = styles_of(archive.read("word/styles.xml"))
            except KeyError:
                styles = Styles({}, None, None)
            pkg = Package(path, parts, styles, read_part(archive, "docProps/core.xml"),
                          archive)
            document = parts.get("word/document.xml")
            if document is None or document.tag != w("document"):
                message = (f"{path.name} could not be audited: it has no document body "
                           "(word/document.xml). Save it from Word as a .docx and try again.")
                raise PipelineError(message, [Issue("format-error", "error", message,
                                                    file=str(path))])
            return [issue for rule in rules for issue in rule(pkg)]
    except (OSError, zipfile.BadZipFile, ValueError, XMLSyntaxError) as exc:
        raise _unreadable(path, exc) from exc


def audit_document(path: Path) -> list[Issue]:
    """Every accessibility finding in the .docx at `path` (an empty list: none).

    Raises PipelineError when the file is not a Word document that can be read.
    """
    return _run(path, DOCUMENT_RULES)


def _template_contrast(pkg: Package) -> list[Issue]:
    from pipeline.audit_runs import check_run_contrast

    return (_cell_rules(pkg)[0] + style_contrast(pkg, pkg.styles.ids_named(RENDERER_STYLES))
            + check_run_contrast(pkg))


TEMPLATE_RULES: tuple[Rule, ...] = (check_alt_text, _template_contrast, check_colour_only,
                                    check_drawing_ids)


def audit_template(path: Path) -> list[Issue]:
    """The accessibility rules a template can break before any document is made from it:
    pictures without alt text (headers and footers too), text colours below 4.5:1 (in the
    styles the documents will use, even before they are used), shaded cells with no text,
    drawing ids used twice. (External content is checked by `pipeline.render.safety`.)"""
    return _run(path, TEMPLATE_RULES)


__all__ = ["RULES", "audit_document", "audit_template", "describe", "finding_dict"]
