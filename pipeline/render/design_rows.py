"""A table design compiled once into a fast row writer (see pipeline.render.designs).

The design's row of fields becomes a list of literal XML pieces and slots: the template's
own cell properties, paragraph properties and run properties, serialised once, with a slot
where each field's value goes. Writing a data row is then joining strings: each value
escaped exactly as the rest of the body (pipeline.render.textblocks.text_xml: `&`, `<`,
quotes, `£`, en dashes, line breaks and tabs as typed), no Jinja and no element per cell.

The status slot keeps its meaning in colour and words: a value carrying a fill (the
status colour of the key) shades its cell whatever the template's shading, a value
carrying a text colour colours its run; the text is the status in words.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from lxml import etree

from pipeline.documents.docmodel import Cell
from pipeline.render.blocks import _colour, w
from pipeline.render.design_widths import column_widths
from pipeline.render.designs import FIELD, Design
from pipeline.render.textblocks import _attr, text_xml

_DECLARATION = re.compile(r'\s+xmlns(?::[\w.-]+)?="[^"]*"')
_W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
# Schema order: the children that come before w:shd in w:tcPr, before w:color in w:rPr,
# before w:cantSplit in w:trPr, before w:tblW and w:tblLayout in w:tblPr.
_BEFORE_SHD = {w(t) for t in ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders")}
_BEFORE_COLOR = {w(t) for t in (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
    "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden")}
_BEFORE_CANT_SPLIT = {w(t) for t in ("cnfStyle", "divId", "gridBefore", "gridAfter",
                                     "wBefore", "wAfter")}
_BEFORE_TBLW = {w(t) for t in ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual",
                               "tblStyleRowBandSize", "tblStyleColBandSize")}
_BEFORE_LAYOUT = _BEFORE_TBLW | {w(t) for t in ("tblW", "jc", "tblCellSpacing", "tblInd",
                                                "tblBorders", "shd")}


def _xml(element: Any) -> str:
    """An element as text, without the namespace declarations of its first tag (the
    document it is spliced into declares them: it is the template's own)."""
    text = etree.tostring(element, encoding="unicode")
    head, sep, rest = text.partition(">")
    return _DECLARATION.sub("", head) + sep + rest


def _split(element: Any | None, before: set[str], drop: set[str]) -> tuple[str, str]:
    """An element's children as text, cut where a child of another tag would go: (the
    children that come before it, the rest), leaving out the `drop` tags."""
    if element is None:
        return "", ""
    head, tail = [], []
    for child in element:
        if not isinstance(child.tag, str) or child.tag in drop:
            continue
        (head if child.tag in before and not tail else tail).append(_xml(child))
    return "".join(head), "".join(tail)


def _insert(parent: Any, child: Any, before: set[str]) -> None:
    """Put `child` into `parent` at its place in the schema order."""
    at = 0
    for i, el in enumerate(parent):
        if el.tag in before:
            at = i + 1
    parent.insert(at, child)


def _tidy(element: Any) -> Any:
    """A copy without Word's paragraph ids (they would repeat in every row)."""
    element = copy.deepcopy(element)
    for el in element.iter():
        for attr in [a for a in el.attrib if a.startswith(f"{{{_W14}}}")]:
            del el.attrib[attr]
    return element


@dataclass(frozen=True)
class Slot:
    index: int  # into the row's values
    run_open: str  # "<w:r>" and the template run's properties
    colour_open: str  # "<w:r><w:rPr>..." up to a colour's value
    colour_close: str  # the rest of the run properties


@dataclass
class _Paragraph:
    ppr: str
    ppr_keep: str
    pieces: list[str | Slot]
    has_fields: bool  # a line with fields: left out when all of them are empty


@dataclass
class _Cell:
    head: str  # <w:tc><w:tcPr> and the properties before w:shd
    shd: str  # the template's shading ('' for none)
    tail: str  # the properties after w:shd and </w:tcPr>
    slots: tuple[int, ...]
    paragraphs: list[_Paragraph]
    lines: tuple[tuple[str, tuple[int, ...]], ...]  # per paragraph: its own text, its slots
    single: Slot | None = None  # the one field of a cell that is one paragraph holding it

    def __post_init__(self) -> None:
        if len(self.paragraphs) == 1 and len(self.paragraphs[0].pieces) == 1 and (
                isinstance(self.paragraphs[0].pieces[0], Slot)):
            self.single = self.paragraphs[0].pieces[0]


def _keep(ppr: Any | None) -> Any:
    ppr = copy.deepcopy(ppr) if ppr is not None else etree.Element(w("pPr"))
    if ppr.find(w("keepNext")) is None:
        _insert(ppr, etree.Element(w("keepNext")), {w("pStyle")})
    return ppr


def _run_pieces(p: Any) -> list[tuple[Any, str]]:
    """(run properties, text) of each run of a paragraph, in order (w:tab a tab, w:br and
    w:cr a line break)."""
    out: list[tuple[Any, str]] = []
    for r in p.iter(w("r")):
        parts: list[str] = []
        for child in r:
            if child.tag == w("t"):
                parts.append(child.text or "")
            elif child.tag == w("tab"):
                parts.append("\t")
            elif child.tag in (w("br"), w("cr")):
                parts.append("\n")
        out.append((r.find(w("rPr")), "".join(parts)))
    return out


def _slot(index: int, rpr: Any | None) -> Slot:
    plain = _xml(rpr) if rpr is not None else ""
    head, tail = _split(rpr, _BEFORE_COLOR, {w("color")})
    return Slot(index, f"<w:r>{plain}", f'<w:r><w:rPr>{head}<w:color w:val="',
                f'"/>{tail}</w:rPr>')


def _paragraph(p: Any, index_of: dict[str, int]) -> _Paragraph:
    runs = _run_pieces(p)
    text = "".join(t for _, t in runs)
    owner: list[int] = []
    for i, (_, t) in enumerate(runs):
        owner += [i] * len(t)
    pieces: list[str | Slot] = []

    def literal(start: int, end: int) -> None:
        i = start
        while i < end:
            run = owner[i]
            j = i
            while j < end and owner[j] == run:
                j += 1
            rpr = runs[run][0]
            piece = text[i:j]
            xml = f"<w:r>{_xml(rpr) if rpr is not None else ''}{text_xml(piece)}</w:r>"
            if pieces and isinstance(pieces[-1], str):
                pieces[-1] += xml
            else:
                pieces.append(xml)
            i = j

    pos = 0
    slots = 0
    for match in FIELD.finditer(text):
        literal(pos, match.start())
        name = match.group(1).strip()
        if name in index_of:
            pieces.append(_slot(index_of[name], runs[owner[match.start()]][0]))
            slots += 1
        pos = match.end()
    literal(pos, len(text))
    ppr = p.find(w("pPr"))
    return _Paragraph(_xml(ppr) if ppr is not None else "", _xml(_keep(ppr)), pieces,
                      slots > 0)


def _cell(tc: Any, width: int, index_of: dict[str, int]) -> _Cell:
    tcpr = copy.deepcopy(tc.find(w("tcPr")))
    if tcpr is None:
        tcpr = etree.Element(w("tcPr"))
    for old in tcpr.findall(w("tcW")):
        tcpr.remove(old)
    _insert(tcpr, etree.Element(w("tcW"), {w("w"): str(width), w("type"): "dxa"}),
            {w("cnfStyle")})
    shd = tcpr.find(w("shd"))
    head, tail = _split(tcpr, _BEFORE_SHD, {w("shd")})
    paragraphs = [_paragraph(p, index_of) for p in tc.iterchildren(w("p"))]
    slots = tuple(s.index for para in paragraphs for s in para.pieces if isinstance(s, Slot))
    lines = tuple((FIELD.sub("", paragraph_text_of(p)), tuple(
        s.index for s in para.pieces if isinstance(s, Slot)))
        for p, para in zip(tc.iterchildren(w("p")), paragraphs, strict=True)) or (("", ()),)
    return _Cell(f"<w:tc><w:tcPr>{head}", _xml(shd) if shd is not None else "",
                 f"{tail}</w:tcPr>", slots, paragraphs or [_Paragraph("", "", [], False)],
                 lines)


def paragraph_text_of(p: Any) -> str:
    return "".join(t for _, t in _run_pieces(p))


def _widths(design: Design, kept: list[int], available: int | None) -> list[int]:
    cols = column_widths(design, available)
    total = sum(cols)
    widths = [cols[i] for i in kept]
    if sum(widths) < total:  # a column left out: the others share its room
        widths = [round(x * total / sum(widths)) for x in widths]
    if available and sum(widths) > available:
        widths = [int(x * available / sum(widths)) for x in widths]
    return [max(1, x) for x in widths]


class RowWriter:
    """A design bound to one table's fields and page width, compiled once: its columns
    the design's widths, or `widths` (in twips, one for each column written) when given."""

    def __init__(self, design: Design, fields: Sequence[str], available: int | None,
                 widths: Sequence[int] | None = None) -> None:
        index_of = {name: i for i, name in enumerate(fields)}
        cells = list(design.field_row.iterchildren(w("tc")))
        kept = [c for c, names in enumerate(design.cell_fields)
                if not names or any(n in index_of for n in names)]
        self.widths = list(widths) if widths and len(widths) == len(kept) else _widths(
            design, kept, available)
        self.header = tuple(design.header[c] for c in kept)
        self.cells = [_cell(cells[c], width, index_of) for c, width in zip(
            kept, self.widths, strict=True)]
        tblpr = _tidy(design.table.find(w("tblPr"))) if design.table.find(
            w("tblPr")) is not None else etree.Element(w("tblPr"))
        for tag in ("tblW", "tblLayout", "tblCaption", "tblDescription"):
            for old in tblpr.findall(w(tag)):
                tblpr.remove(old)
        _insert(tblpr, etree.Element(w("tblW"), {w("w"): str(sum(self.widths)),
                                                  w("type"): "dxa"}), _BEFORE_TBLW)
        _insert(tblpr, etree.Element(w("tblLayout"), {w("type"): "fixed"}), _BEFORE_LAYOUT)
        self.tblpr_open = _xml(tblpr).rsplit("</w:tblPr>", 1)[0]
        grid = "".join(f'<w:gridCol w:w="{x}"/>' for x in self.widths)
        self.grid = f"<w:tblGrid>{grid}</w:tblGrid>"
        self.headers = tuple(self._header(design.header_rows[0], kept, keep) for keep in (
            False, True))
        trpr = design.field_row.find(w("trPr"))
        before, after = _split(trpr, _BEFORE_CANT_SPLIT, {w("cantSplit"), w("tblHeader")})
        self.tr_plain = f"<w:tr><w:trPr>{before}{after}</w:trPr>" if before or after else (
            "<w:tr>")
        self.tr_cant = f"<w:tr><w:trPr>{before}<w:cantSplit/>{after}</w:trPr>"

    def _header(self, tr: Any, kept: list[int], keep: bool) -> str:
        tr = _tidy(tr)
        cells = list(tr.iterchildren(w("tc")))
        for c, tc in enumerate(cells):
            if c not in kept:
                tr.remove(tc)
        for tc, width in zip(tr.iterchildren(w("tc")), self.widths, strict=True):
            tcpr = tc.find(w("tcPr"))
            if tcpr is None:
                tcpr = etree.Element(w("tcPr"))
                tc.insert(0, tcpr)
            for old in tcpr.findall(w("tcW")):
                tcpr.remove(old)
            _insert(tcpr, etree.Element(w("tcW"), {w("w"): str(width), w("type"): "dxa"}),
                    {w("cnfStyle")})
            if keep:
                for p in tc.iterchildren(w("p")):
                    ppr = p.find(w("pPr"))
                    if ppr is not None:
                        p.remove(ppr)
                    p.insert(0, _keep(ppr))
        trpr = tr.find(w("trPr"))
        if trpr is None:
            trpr = etree.Element(w("trPr"))
            tr.insert(0, trpr)
        for tag in ("cantSplit", "tblHeader"):
            for old in trpr.findall(w(tag)):
                trpr.remove(old)
        _insert(trpr, etree.Element(w("cantSplit")), _BEFORE_CANT_SPLIT)
        _insert(trpr, etree.Element(w("tblHeader")), _BEFORE_CANT_SPLIT | {
            w("cantSplit"), w("trHeight")})
        return _xml(tr)

    def table_open(self, caption: str) -> str:
        captions = (f'<w:tblCaption w:val="{_attr(caption)}"/>'
                    f'<w:tblDescription w:val="{_attr(caption)}"/>') if caption else ""
        return f"<w:tbl>{self.tblpr_open}{captions}</w:tblPr>{self.grid}"

    def texts(self, values: Sequence[Cell]) -> list[str]:
        """Each column's text, to estimate the row's height: a cell's paragraphs on lines
        of their own."""
        out = []
        for cell in self.cells:
            if cell.single is not None:  # the usual cell: one field and nothing else
                runs = values[cell.single.index].runs
                out.append(runs[0].text if len(runs) == 1 else "".join(r.text for r in runs))
                continue
            lines = cell.lines
            if len(lines) == 1:
                own, slots = lines[0]
                out.append(own + " ".join(values[i].text for i in slots))
            else:
                out.append("\n".join(own + " ".join(values[i].text for i in slots)
                                      for own, slots in lines))
        return out

    def row(self, values: Sequence[Cell], cant_split: bool, keep: bool) -> str:
        parts = [self.tr_cant if cant_split else self.tr_plain]
        for cell in self.cells:
            shd = cell.shd
            for i in cell.slots:
                fill = values[i].fill
                if fill:
                    fill = _colour(fill)
                    if fill:
                        shd = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
                        break
            single = cell.single
            if single is not None:  # the usual cell: one paragraph holding one field
                value = values[single.index]
                runs = value.runs
                text = runs[0].text if len(runs) == 1 else "".join(r.text for r in runs)
                para = cell.paragraphs[0]
                ppr = para.ppr_keep if keep else para.ppr
                if not text:
                    parts.append(f"{cell.head}{shd}{cell.tail}<w:p>{ppr}</w:p></w:tc>")
                    continue
                colour = value.text_colour and _colour(value.text_colour)
                run = (f"{single.colour_open}{colour}{single.colour_close}" if colour
                       else single.run_open)
                parts.append(f"{cell.head}{shd}{cell.tail}<w:p>{ppr}{run}{text_xml(text)}"
                             "</w:r></w:p></w:tc>")
                continue
            parts.append(f"{cell.head}{shd}{cell.tail}")
            paragraphs = cell.paragraphs
            written = 0
            for n, para in enumerate(paragraphs):
                body = []
                empty = True
                for piece in para.pieces:
                    if piece.__class__ is str:
                        body.append(piece)  # type: ignore[arg-type]
                        continue
                    value = values[piece.index]  # type: ignore[union-attr]
                    runs = value.runs
                    text = runs[0].text if len(runs) == 1 else "".join(r.text for r in runs)
                    if not text:
                        continue
                    empty = False
                    colour = value.text_colour and _colour(value.text_colour)
                    if colour:
                        body.append(f"{piece.colour_open}{colour}{piece.colour_close}"  # type: ignore[union-attr]
                                    f"{text_xml(text)}</w:r>")
                    else:
                        body.append(f"{piece.run_open}{text_xml(text)}</w:r>")  # type: ignore[union-attr]
                ppr = para.ppr_keep if keep else para.ppr
                # A line whose fields are all empty is left out, its label with it (no
                # "Target date:" alone); a cell left with no line keeps an empty paragraph.
                if para.has_fields and empty:
                    if not written and n == len(paragraphs) - 1:
                        parts.append(f"<w:p>{ppr}</w:p>")
                    continue
                written += 1
                parts.append(f"<w:p>{ppr}{''.join(body)}</w:p>")
            parts.append("</w:tc>")
        parts.append("</w:tr>")
        return "".join(parts)
