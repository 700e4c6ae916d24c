"""Document-model blocks to WordprocessingML, built with lxml and fast.

Tables are built from one prototype row per table, deep-copied for each data row
(linear in the number of rows; see performance-notes.md). Cell properties are written
in schema order (tcW before shd). Text is printed exactly: "\\n" becomes <w:br/>, tabs
become <w:tab/>, every w:t keeps its spaces; characters XML cannot hold are dropped.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from lxml import etree

from pipeline.documents.docmodel import (
    Block,
    Cell,
    Heading,
    Image,
    PageBreak,
    Paragraph,
    Run,
    Table,
)
from pipeline.render.flow import (
    EMU_PER_CM,
    _row_keeps,
    _widths_dxa,
    designed,
    layout_tables,
    paragraph_keeps,
)
from pipeline.render.layout import TableFit

if TYPE_CHECKING:
    from pipeline.render.designs import DesignPart

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
HEADER_FILL = "F3F2F1"  # light grey behind header cells: near-black text on it is 17:1

# Characters XML 1.0 cannot hold (tab, LF, CR are allowed).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_HEX = re.compile(r"\A[0-9A-Fa-f]{6}\Z")  # \Z: "D4351C\n" is not a colour


def w(tag: str) -> str:
    """Clark name of a WordprocessingML tag: w('p') -> '{...main}p'."""
    return f"{{{W_NS}}}{tag}"


W_VAL = w("val")


def clean(text: str) -> str:
    """Text as it can go into XML: CR/LF as LF, XML-illegal characters dropped."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _ILLEGAL.sub("", text)


_COLOURS: dict[str, str | None] = {}  # a document has a handful of colours, asked per cell


def _colour(value: str | None) -> str | None:
    """A colour as Word writes it ("D4351C"), or None when it is not six hex digits."""
    if not value:
        return None
    found = _COLOURS.get(value, "")
    if found == "":
        bare = value.lstrip("#")
        found = bare.upper() if _HEX.match(bare) else None
        if len(_COLOURS) < 1024:
            _COLOURS[value] = found
    return found


@dataclass
class StyleMap:
    """The template's style ids by style name (case-insensitive), per style type."""

    paragraph: dict[str, str] = field(default_factory=dict)
    table: dict[str, str] = field(default_factory=dict)
    table_text_pt: float = 10.0  # the size of the "Table Text" style: widths are fitted to it
    sizes: dict[str, float] = field(default_factory=dict)  # paragraph style id -> points

    @classmethod
    def from_styles_element(cls, styles: Any) -> StyleMap:
        result = cls()
        result.sizes = _paragraph_sizes(styles)
        for style in styles.iterchildren(w("style")):
            kind = style.get(w("type"))
            style_id = style.get(w("styleId"))
            name_el = style.find(w("name"))
            if not style_id:
                continue
            target = result.paragraph if kind == "paragraph" else (
                result.table if kind == "table" else None
            )
            if target is None:
                continue
            names = {style_id.lower()}
            if name_el is not None and name_el.get(W_VAL):
                names.add(name_el.get(W_VAL).lower())
            for name in names:
                target.setdefault(name, style_id)
        table_text = result.paragraph_id("Table Text") or result.paragraph.get("tabletext")
        result.table_text_pt = result.sizes[table_text or ""]
        return result

    def size_of(self, style_id: str) -> float:
        """The font size in points of a paragraph in the style `style_id`; as Word does,
        no style, or one the template lacks, is Normal's."""
        found = self.sizes.get(style_id) if style_id else None
        if found is None:
            found = self.sizes.get(self.paragraph.get("normal", ""), self.sizes.get(""))
        return found if found is not None else 10.0

    def paragraph_id(self, name: str | None) -> str | None:
        """The id of a paragraph style, or None (Normal) when the template lacks it."""
        if not name:
            return None
        return self.paragraph.get(name.lower())

    def table_id(self, *names: str) -> str | None:
        for name in names:
            found = self.table.get(name.lower())
            if found:
                return found
        return None


def _paragraph_sizes(styles: Any) -> dict[str, float]:
    """The font size in points of each paragraph style, by style id (following basedOn,
    then the document defaults; 10 pt when none is set)."""
    by_id = {s.get(w("styleId")): s for s in styles.iterchildren(w("style"))}
    default = 10.0
    size = styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('sz')}")
    if size is not None and (size.get(W_VAL) or "").isdigit():
        default = int(size.get(W_VAL)) / 2
    sizes: dict[str, float] = {}
    for style_id, first in by_id.items():
        if not style_id or first.get(w("type")) != "paragraph":
            continue
        style, found = first, default
        for _ in range(10):
            if style is None:
                break
            size = style.find(f"{w('rPr')}/{w('sz')}")
            if size is not None and (size.get(W_VAL) or "").isdigit():
                found = int(size.get(W_VAL)) / 2
                break
            based = style.find(w("basedOn"))
            style = by_id.get(based.get(W_VAL)) if based is not None else None
        sizes[style_id] = found
    sizes[""] = default  # a paragraph with no style: Normal's, or the defaults'
    return sizes


_T, _BR, _TAB, _R, _RPR = w("t"), w("br"), w("tab"), w("r"), w("rPr")
_B, _I, _COLOR = w("b"), w("i"), w("color")
_SHD, _SHD_ATTRS = w("shd"), (w("val"), w("color"), w("fill"))


def _sub(parent: Any, tag: str, **attrs: str) -> Any:
    return etree.SubElement(parent, w(tag), {w(key): value for key, value in attrs.items()})


def add_text(run: Any, text: str) -> None:
    """Append w:t / w:br / w:tab children to a run for text with line breaks and tabs."""
    text = clean(text)
    if "\n" not in text and "\t" not in text:
        if text:
            etree.SubElement(run, _T, {XML_SPACE: "preserve"}).text = text
        return
    for i, line in enumerate(text.split("\n")):
        if i:
            etree.SubElement(run, _BR)
        for j, piece in enumerate(line.split("\t")):
            if j:
                etree.SubElement(run, _TAB)
            if piece:
                etree.SubElement(run, _T, {XML_SPACE: "preserve"}).text = piece


def add_run(p: Any, run: Run, colour: str | None = None, bold: bool = False) -> Any:
    r = etree.SubElement(p, _R)
    if run.bold or bold or run.italic or colour:
        rpr = etree.SubElement(r, _RPR)
        if run.bold or bold:
            etree.SubElement(rpr, _B)
        if run.italic:
            etree.SubElement(rpr, _I)
        if colour:
            etree.SubElement(rpr, _COLOR, {W_VAL: colour})
    add_text(r, run.text)
    return r


def before_twips(points: float) -> int:
    """A paragraph's room above in twentieths of a point (w:spacing w:before)."""
    return max(0, round(points * 20))


def paragraph_xml(
    runs: Iterable[Run], style_id: str | None, *, keep_next: bool = False,
    space_before_pt: float = 0.0,
) -> Any:
    p = etree.Element(w("p"), nsmap={"w": W_NS})
    before = before_twips(space_before_pt)
    if style_id or keep_next or before:
        ppr = etree.SubElement(p, w("pPr"))
        # pPr children in schema order: pStyle, keepNext, ..., spacing.
        if style_id:
            _sub(ppr, "pStyle", val=style_id)
        if keep_next:
            etree.SubElement(ppr, w("keepNext"))
        if before:
            _sub(ppr, "spacing", before=str(before))
    for run in runs:
        add_run(p, run)
    return p


def page_break_xml() -> Any:
    p = etree.Element(w("p"), nsmap={"w": W_NS})
    r = etree.SubElement(p, w("r"))
    _sub(r, "br", type="page")
    return p


def _cell_prototype(width: int, text_style: str | None, keep: bool) -> Any:
    tc = etree.Element(w("tc"), nsmap={"w": W_NS})
    tcpr = etree.SubElement(tc, w("tcPr"))
    _sub(tcpr, "tcW", w=str(width), type="dxa")
    p = etree.SubElement(tc, w("p"))
    if text_style or keep:
        ppr = etree.SubElement(p, w("pPr"))
        if text_style:
            _sub(ppr, "pStyle", val=text_style)
        if keep:
            etree.SubElement(ppr, w("keepNext"))
    return tc


_PROTOTYPES: dict[tuple[tuple[int, ...], str | None, bool, bool, bool], Any] = {}


def _row_prototype(
    widths: list[int], text_style: str | None, header: bool, cant_split: bool, keep: bool
) -> Any:
    """A fresh empty row (a copy of a cached prototype for these widths)."""
    key = (tuple(widths), text_style, header, cant_split, keep)
    proto = _PROTOTYPES.get(key)
    if proto is None:
        if len(_PROTOTYPES) > 256:
            _PROTOTYPES.clear()
        proto = _PROTOTYPES[key] = _new_row_prototype(*key[1:], widths=widths)
    return copy.deepcopy(proto)


def _new_row_prototype(
    text_style: str | None, header: bool, cant_split: bool, keep: bool, *, widths: list[int]
) -> Any:
    tr = etree.Element(w("tr"), nsmap={"w": W_NS})
    if cant_split or header:
        trpr = etree.SubElement(tr, w("trPr"))
        # trPr children in schema order: cantSplit before tblHeader.
        if cant_split:
            etree.SubElement(trpr, w("cantSplit"))
        if header:
            etree.SubElement(trpr, w("tblHeader"))
    for width in widths:
        tr.append(_cell_prototype(width, text_style, keep))
    return tr


def _fill_cell(tc: Any, cell: Cell, *, bold: bool = False, fill: str | None = None) -> None:
    """Shade (tcPr: tcW then shd, schema order) and write the cell's runs."""
    fill = _colour(cell.fill) or fill
    if fill:
        etree.SubElement(tc[0], _SHD, dict(zip(_SHD_ATTRS, ("clear", "auto", fill), strict=True)))
    if not cell.runs:
        return
    p = tc[-1]
    colour = _colour(cell.text_colour)
    for run in cell.runs:
        if run.text or run.bold or run.italic:
            add_run(p, run, colour=colour, bold=bold)


def table_xml(
    table: Table,
    styles: StyleMap,
    available_dxa: int | None = None,
    fit: TableFit | None = None,
) -> Any:
    """A w:tbl: style from the template, fixed grid from the fitted column widths, caption,
    one repeating bold header row kept with the first row, then the data rows (rows that
    surely fit on a page may not split; a small table keeps every row with the next)."""
    fit = fit or layout_tables([table], styles, available_dxa)[id(table)]
    widths = _widths_dxa(fit)
    text_style = styles.paragraph_id("Table Text")
    tbl = etree.Element(w("tbl"), nsmap={"w": W_NS})
    tblpr = etree.SubElement(tbl, w("tblPr"))
    # tblPr children in schema order: tblStyle, tblW, tblLayout, tblLook, tblCaption, ...
    style_id = styles.table_id("Committee Table", "Table Grid")
    if style_id:
        _sub(tblpr, "tblStyle", val=style_id)
    _sub(tblpr, "tblW", w=str(sum(widths)), type="dxa")
    _sub(tblpr, "tblLayout", type="fixed")
    _sub(
        tblpr, "tblLook", val="04A0", firstRow="1", lastRow="0", firstColumn="0",
        lastColumn="0", noHBand="0", noVBand="1",
    )
    caption = clean(table.caption).replace("\n", " ")
    if caption:
        _sub(tblpr, "tblCaption", val=caption)
        _sub(tblpr, "tblDescription", val=caption)
    grid = etree.SubElement(tbl, w("tblGrid"))
    for width in widths:
        _sub(grid, "gridCol", w=str(width))

    header = _row_prototype(widths, text_style, True, True, fit.keep_together)
    for tc, column in zip(header.iterchildren(w("tc")), table.columns, strict=True):
        _fill_cell(tc, Cell.of(column.header), bold=True, fill=HEADER_FILL)
    tbl.append(header)

    for i, (row, cant_split, keep) in enumerate(zip(
            table.rows, fit.cant_split, _row_keeps(table, fit), strict=True)):
        tr = _row_prototype(widths, text_style, False, cant_split, keep)
        if i in table.continued:  # a row continuing the row above (pipeline.render.row_split)
            trpr = tr.find(w("trPr"))
            if trpr is None:
                trpr = etree.Element(w("trPr"))
                tr.insert(0, trpr)
            trpr.insert(0, etree.Element(w("tblHeader"), {w("val"): "0"}))  # as textblocks
        for tc, cell in zip(tr.iterchildren(w("tc")), row, strict=True):
            _fill_cell(tc, cell)
        tbl.append(tr)
    return tbl


def image_xml(image: Image, doc: Any, style_id: str | None = None) -> Any:
    """A paragraph holding an inline PNG, sized by width with its aspect kept, with alt text."""
    from pipeline.render.images import new_pic_inline

    width = int(image.width_cm * EMU_PER_CM)
    own = getattr(doc, "new_pic_inline", None)  # a frame filled in without python-docx
    inline = own(image.png, width) if own else new_pic_inline(doc, image.png, width)
    doc_pr = inline.find(f"{{{WP_NS}}}docPr")
    doc_pr.set("descr", clean(image.alt_text))
    if image.title:
        doc_pr.set("title", clean(image.title))
    p = etree.Element(w("p"), nsmap={"w": W_NS})
    ppr = etree.SubElement(p, w("pPr"))
    if style_id:
        _sub(ppr, "pStyle", val=style_id)
    # Room above the chart, so it never touches the table of figures above it, and line
    # spacing of its own: a template whose Normal style has exact line spacing would
    # otherwise clip the picture to one line, drawn over the table's bottom border.
    _sub(ppr, "spacing", before="160", after="120", line="240", lineRule="auto")
    r = etree.SubElement(p, w("r"))
    drawing = etree.SubElement(r, w("drawing"))
    drawing.append(inline)
    return p


def blocks_xml(
    blocks: Iterable[Block], styles: StyleMap, doc: Any, available_dxa: int | None = None,
    designs: DesignPart | None = None, page_cm: float | None = None,
) -> Iterator[Any]:
    """The body elements for the blocks, in order (tables the template designs laid out
    by their design: pipeline.render.design_tables)."""
    blocks = list(blocks)
    keeps = paragraph_keeps(blocks)
    fits = layout_tables(blocks, styles, available_dxa, doc, designs, page_cm)
    previous_was_table = False
    for block, keep in zip(blocks, keeps, strict=True):
        if isinstance(block, Heading):
            level = min(max(block.level, 1), 9)
            style = styles.paragraph_id(f"Heading {level}")
            yield paragraph_xml([Run(block.text)], style, keep_next=keep)
            previous_was_table = False
        elif isinstance(block, Paragraph):
            yield paragraph_xml(block.runs, styles.paragraph_id(block.style), keep_next=keep,
                                space_before_pt=block.space_before_pt)
            previous_was_table = False
        elif isinstance(block, Table):
            if previous_was_table:
                # Two tables in a row would merge into one in Word: keep them apart.
                yield paragraph_xml([], None)
            if designed(block, designs):
                from pipeline.render.design_tables import designed_table_text, designed_table_xml

                text = designed_table_text(block, designs, available_dxa, fits[id(block)])  # type: ignore[arg-type]
                yield designed_table_xml(text, designs.designs[block.design])  # type: ignore[union-attr]
            else:
                yield table_xml(block, styles, available_dxa, fits[id(block)])
            previous_was_table = True
        elif isinstance(block, Image):
            yield image_xml(block, doc)
            previous_was_table = False
        elif isinstance(block, PageBreak):
            yield page_break_xml()
            previous_was_table = False
        else:  # pragma: no cover - the Block union is closed
            raise TypeError(f"not a document block: {block!r}")
