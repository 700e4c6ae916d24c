"""Accessibility audit of a Word document (ours or anyone's), as data.

`audit_document(path)` checks a .docx against the parts of the Public Sector Bodies
Accessibility Regulations 2018 checklist that can be checked in the file itself:

  title          the document's Title property is set
  language       a language is set (document defaults, the Normal style or the text)
  headings       heading styles are used, one level at a time (no Heading 1 -> Heading 3)
  table-header   every table of more than one row marks its first row to repeat (w:tblHeader)
  merged-cells   no merged cells (w:gridSpan, w:vMerge) in data tables
  alt-text       every image has alternative text (wp:docPr descr)
  contrast       text on a shaded cell has a contrast ratio of at least 4.5:1
  colour-only    a shaded cell holds text: colour is never the only carrier of meaning

Each finding says which rule, what is wrong and how to fix it, and where it is
("table 3, row 1", "image 2", "paragraph 14"). Nothing here prints.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline.issues import Issue, PipelineError

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
DC_NS = "http://purl.org/dc/elements/1.1/"
MIN_CONTRAST = 4.5
DEFAULT_TEXT = "000000"
RULES = (
    "title",
    "language",
    "headings",
    "table-header",
    "merged-cells",
    "alt-text",
    "contrast",
    "colour-only",
)
_HEX = re.compile(r"^[0-9A-Fa-f]{6}$")
_HEADING = re.compile(r"^heading\s*([1-9])$", re.I)


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


@dataclass(frozen=True)
class Finding:
    """One accessibility problem in one document."""

    rule: str
    message: str
    where: str = ""

    def describe(self) -> str:
        return f"[{self.rule}] {self.where}: {self.message}" if self.where else (
            f"[{self.rule}] {self.message}"
        )

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass
class _Style:
    name: str
    based_on: str | None
    colour: str | None
    outline: int | None


def _parse(zf: zipfile.ZipFile, name: str) -> Any | None:
    from lxml import etree

    try:
        data = zf.read(name)
    except KeyError:
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return etree.fromstring(data, parser)


def _val(el: Any | None, attr: str = "val") -> str | None:
    return None if el is None else el.get(w(attr))


def _styles(root: Any | None) -> tuple[dict[str, _Style], str | None]:
    """Styles by id, and the document default language."""
    styles: dict[str, _Style] = {}
    lang = None
    if root is None:
        return styles, None
    default_lang = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('lang')}")
    if default_lang is not None:
        lang = default_lang.get(w("val")) or default_lang.get(w("eastAsia"))
    for style in root.iterchildren(w("style")):
        sid = style.get(w("styleId")) or ""
        colour = _val(style.find(f"{w('rPr')}/{w('color')}"))
        outline = _val(style.find(f"{w('pPr')}/{w('outlineLvl')}"))
        styles[sid] = _Style(
            name=_val(style.find(w("name"))) or sid,
            based_on=_val(style.find(w("basedOn"))),
            colour=colour if colour and _HEX.match(colour) else None,
            outline=int(outline) if outline and outline.isdigit() else None,
        )
        if style.get(w("default")) in ("1", "true") and style.get(w("type")) == "paragraph":
            normal_lang = style.find(f"{w('rPr')}/{w('lang')}")
            if lang is None and normal_lang is not None:
                lang = normal_lang.get(w("val"))
    return styles, lang


@lru_cache(maxsize=8)  # a batch audits many documents made from the same template
def _styles_of(data: bytes) -> tuple[dict[str, _Style], str | None]:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return _styles(etree.fromstring(data, parser))


def _style_chain(styles: dict[str, _Style], sid: str | None) -> list[_Style]:
    chain: list[_Style] = []
    seen: set[str] = set()
    while sid and sid in styles and sid not in seen:
        seen.add(sid)
        chain.append(styles[sid])
        sid = styles[sid].based_on
    return chain


def heading_level(styles: dict[str, _Style], sid: str | None) -> int | None:
    """1 for a paragraph in "Heading 1" (or a style based on it, or outline level 0)."""
    for style in _style_chain(styles, sid):
        m = _HEADING.match(style.name.strip())
        if m:
            return int(m.group(1))
        if style.outline is not None and style.outline < 9:
            return style.outline + 1
    return None


def _text(el: Any) -> str:
    return "".join(t.text or "" for t in el.iter(w("t")))


def _quote(text: str, limit: int = 50) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


_SHD_PATH = f"{w('tcPr')}/{w('shd')}"


def _fill(tc: Any) -> str | None:
    shd = tc.find(_SHD_PATH)
    if shd is None:
        return None
    pattern = shd.get(w("val")) or "clear"
    colour = shd.get(w("color")) if pattern == "solid" else shd.get(w("fill"))
    if not colour or not _HEX.match(colour) or pattern == "nil":
        return None
    return colour.upper()


_P, _R = w("p"), w("r")
_PSTYLE_PATH, _COLOR_PATH = f"{w('pPr')}/{w('pStyle')}", f"{w('rPr')}/{w('color')}"
_RSTYLE_PATH = f"{w('rPr')}/{w('rStyle')}"


def _run_colours(tc: Any, styles: dict[str, _Style]) -> list[tuple[str, str]]:
    """(text, colour) of each run with text in a cell; style colours followed, black default."""
    out: list[tuple[str, str]] = []
    for p in tc.iter(_P):
        pstyle = _val(p.find(_PSTYLE_PATH))
        p_colour = next((s.colour for s in _style_chain(styles, pstyle) if s.colour), None)
        for r in p.iter(_R):
            text = _text(r)
            if not text.strip():
                continue
            colour = _val(r.find(_COLOR_PATH))
            if not colour or not _HEX.match(colour):
                rstyle = _val(r.find(_RSTYLE_PATH))
                colour = next(
                    (s.colour for s in _style_chain(styles, rstyle) if s.colour), p_colour
                )
            out.append((text, (colour or DEFAULT_TEXT).upper()))
    return out


def _truthy(el: Any | None) -> bool:
    return el is not None and (el.get(w("val")) or "true").lower() not in ("0", "false", "off")


def audit_document(path: Path) -> list[Finding]:
    """Every accessibility finding in the .docx at `path` (an empty list: none).

    Raises PipelineError when the file is not a Word document that can be read.
    """
    from lxml.etree import XMLSyntaxError

    from pipeline.domain.status import contrast_ratio

    path = Path(path)
    try:
        with zipfile.ZipFile(path) as zf:
            document = _parse(zf, "word/document.xml")
            try:
                styles, lang = _styles_of(zf.read("word/styles.xml"))
            except KeyError:
                styles, lang = {}, None
            core = _parse(zf, "docProps/core.xml")
    except (OSError, zipfile.BadZipFile, ValueError, XMLSyntaxError) as exc:
        if isinstance(exc, FileNotFoundError):
            why = "the file was not found. Check the name and folder"
        elif isinstance(exc, IsADirectoryError):
            why = "it is a folder, not a file. Give the .docx files inside it"
        elif isinstance(exc, XMLSyntaxError):
            why = (f"part of it is damaged ({exc.msg}). Open it in Word, save it again as a "
                   ".docx and try again")
        else:
            why = ("it is not a Word document (.docx) that can be opened. Save it from Word "
                   "as a .docx and try again")
        message = f"{path.name} could not be audited: {why}."
        raise PipelineError(
            message, [Issue("format-error", "error", message, file=str(path))]
        ) from exc
    if document is None or document.tag != w("document"):
        raise PipelineError(
            f"{path.name} could not be audited: it has no document body (word/document.xml). "
            "Save it from Word as a .docx and try again.",
            [Issue("format-error", "error", "no word/document.xml", file=str(path))],
        )
    findings: list[Finding] = []

    # Title and language.
    title = core.find(f"{{{DC_NS}}}title") if core is not None else None
    if title is None or not (title.text or "").strip():
        findings.append(
            Finding(
                "title",
                "The document has no title property, which screen readers announce. In Word: "
                "File > Info > Properties > Title.",
                "document properties",
            )
        )
    if lang is None:
        lang = next((el.get(w("val")) for el in document.iter(w("lang")) if el.get(w("val"))), None)
    if not lang:
        findings.append(
            Finding(
                "language",
                "No language is set, so screen readers may read the text with the wrong voice. "
                "In Word: Review > Language > Set Proofing Language (English (United Kingdom)), "
                "or set it in the Normal style.",
                "document styles",
            )
        )

    # Headings: used at all, one level at a time.
    paragraphs = list(document.iter(w("p")))
    previous = 0
    used = 0
    levels: dict[str | None, int | None] = {}  # by style id: the same few styles repeat
    pstyle_path = f"{w('pPr')}/{w('pStyle')}"
    for number, p in enumerate(paragraphs, start=1):
        sid = _val(p.find(pstyle_path))
        if sid not in levels:
            levels[sid] = heading_level(styles, sid)
        level = levels[sid]
        if level is None or not _text(p).strip():
            continue
        used += 1
        if level > previous + 1:
            before = f"Heading {previous}" if previous else "the start of the document"
            findings.append(
                Finding(
                    "headings",
                    f"A Heading {level} follows {before}: heading levels must go down one at a "
                    f"time. Make it Heading {previous + 1}, or add the missing level above it.",
                    f"paragraph {number} ({_quote(_text(p))!r})",
                )
            )
        previous = level
    if not used and sum(1 for p in paragraphs if _text(p).strip()) > 3:
        findings.append(
            Finding(
                "headings",
                "No paragraph uses a heading style, so screen-reader users cannot move through "
                "the document by its headings. Use Heading 1, Heading 2 ... for the headings.",
                "whole document",
            )
        )

    # Tables.
    tc_tag, tcpr_tag, span_tag, vmerge_tag = w("tc"), w("tcPr"), w("gridSpan"), w("vMerge")
    for t_number, tbl in enumerate(document.iter(w("tbl")), start=1):
        rows = [tr for tr in tbl.iterchildren(w("tr"))]
        data_table = len(rows) > 1
        if data_table and not _truthy(rows[0].find(f"{w('trPr')}/{w('tblHeader')}")):
            findings.append(
                Finding(
                    "table-header",
                    "The table's first row is not marked as a header row that repeats, so "
                    "screen readers cannot name the columns. In Word: select the first row, "
                    "Table Properties > Row > 'Repeat as header row at the top of each page'.",
                    f"table {t_number}, row 1",
                )
            )
        for r_number, tr in enumerate(rows, start=1):
            for c_number, tc in enumerate(tr.iterchildren(tc_tag), start=1):
                tcpr = tc.find(tcpr_tag)
                span = _val(tcpr.find(span_tag)) if tcpr is not None else None
                vmerge = tcpr.find(vmerge_tag) if tcpr is not None else None
                if data_table and (vmerge is not None or (span and span not in ("0", "1"))):
                    findings.append(
                        Finding(
                            "merged-cells",
                            "The cell is merged with its neighbour; screen readers lose their "
                            "place in tables with merged cells. Split the cells (Table Layout "
                            "> Split Cells) and repeat the value in each.",
                            f"table {t_number}, row {r_number}, cell {c_number}",
                        )
                    )
                fill = _fill(tc)
                if fill is None:
                    continue
                runs = _run_colours(tc, styles)
                if not runs:
                    findings.append(
                        Finding(
                            "colour-only",
                            f"The cell is shaded (#{fill}) but holds no text: colour must never "
                            "be the only way a status is shown. Type the status in the cell.",
                            f"table {t_number}, row {r_number}, cell {c_number}",
                        )
                    )
                    continue
                worst = min(runs, key=lambda rc: contrast_ratio(rc[1], fill))
                ratio = contrast_ratio(worst[1], fill)
                if ratio < MIN_CONTRAST:
                    findings.append(
                        Finding(
                            "contrast",
                            f"Text #{worst[1]} on fill #{fill} has a contrast ratio of "
                            f"{ratio:.1f}:1, below the 4.5:1 minimum ({_quote(worst[0], 30)!r}). "
                            "Use a darker text colour or a lighter fill (or the reverse).",
                            f"table {t_number}, row {r_number}, cell {c_number}",
                        )
                    )

    # Images.
    for i_number, doc_pr in enumerate(document.iter(f"{{{WP_NS}}}docPr"), start=1):
        if not (doc_pr.get("descr") or "").strip():
            name = doc_pr.get("name") or ""
            findings.append(
                Finding(
                    "alt-text",
                    "The image has no alternative text, so screen-reader users do not know "
                    "what it shows. In Word: right-click it > Edit Alt Text, and say what the "
                    "image shows (for a chart: the trend and latest value).",
                    f"image {i_number}" + (f" ({name})" if name else ""),
                )
            )
    return findings


__all__ = ["RULES", "Finding", "audit_document", "heading_level"]
