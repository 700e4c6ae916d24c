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
from typing import Any

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
from pipeline.render.layout import TableFit, fit_tables, fit_widths

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
DXA_PER_CM = 566.929  # twentieths of a point in a centimetre
EMU_PER_CM = 360000
HEADER_FILL = "F3F2F1"  # light grey behind header cells: near-black text on it is 17:1

# Characters XML 1.0 cannot hold (tab, LF, CR are allowed).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_HEX = re.compile(r"^[0-9A-Fa-f]{6}$")


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


def _colour(value: str | None) -> str | None:
    if not value:
        return None
    value = value.lstrip("#")
    return value.upper() if _HEX.match(value) else None


@dataclass
class StyleMap:
    """The template's style ids by style name (case-insensitive), per style type."""

    paragraph: dict[str, str] = field(default_factory=dict)
    table: dict[str, str] = field(default_factory=dict)
    table_text_pt: float = 10.0  # the size of the "Table Text" style: widths are fitted to it

    @classmethod
    def from_styles_element(cls, styles: Any) -> StyleMap:
        result = cls()
        result.table_text_pt = _style_size(styles, "table text")
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
        return result

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


def _style_size(styles: Any, name: str) -> float:
    """The font size in points of the named paragraph style (following basedOn, then the
    document defaults; 10 pt when none is set)."""
    by_id = {s.get(w("styleId")): s for s in styles.iterchildren(w("style"))}
    style = next((s for s in by_id.values() if s.get(w("type")) == "paragraph" and (
        (s.find(w("name")) is not None and (s.find(w("name")).get(W_VAL) or "").lower() == name)
        or (s.get(w("styleId")) or "").lower() == name.replace(" ", ""))), None)
    for _ in range(10):
        if style is None:
            break
        size = style.find(f"{w('rPr')}/{w('sz')}")
        if size is not None and (size.get(W_VAL) or "").isdigit():
            return int(size.get(W_VAL)) / 2
        based = style.find(w("basedOn"))
        style = by_id.get(based.get(W_VAL)) if based is not None else None
    size = styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('sz')}")
    if size is not None and (size.get(W_VAL) or "").isdigit():
        return int(size.get(W_VAL)) / 2
    return 10.0


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


def paragraph_xml(
    runs: Iterable[Run], style_id: str | None, *, keep_next: bool = False
) -> Any:
    p = etree.Element(w("p"), nsmap={"w": W_NS})
    if style_id or keep_next:
        ppr = etree.SubElement(p, w("pPr"))
        if style_id:
            _sub(ppr, "pStyle", val=style_id)
        if keep_next:
            etree.SubElement(ppr, w("keepNext"))
    for run in runs:
        add_run(p, run)
    return p


def page_break_xml() -> Any:
    p = etree.Element(w("p"), nsmap={"w": W_NS})
    r = etree.SubElement(p, w("r"))
    _sub(r, "br", type="page")
    return p


def page_body_cm(doc: Any) -> float:
    """About how tall the text of a page is: the page less its margins and the room the
    running header and footer take (generous: estimates err towards a shorter page)."""
    try:
        section = doc.sections[-1]
        height = section.page_height - section.top_margin - section.bottom_margin
        return max(height / EMU_PER_CM - 2.5, 5.0)
    except (AttributeError, IndexError, TypeError):
        return 15.0


def _total_cm(table: Table, available_dxa: int | None) -> float:
    total = sum(c.width_cm for c in table.columns)
    if available_dxa:
        total = min(total, available_dxa / DXA_PER_CM)
    return round(total, 3)


def layout_tables(
    blocks: list[Block], styles: StyleMap, available_dxa: int | None, doc: Any = None
) -> dict[int, TableFit]:
    """How each table of the blocks is laid out, by id(table). Tables with the same
    columns share one set of widths fitted to all their rows (a plan's action tables
    line up from one recommendation to the next)."""
    pt, page = styles.table_text_pt, page_body_cm(doc)
    groups: dict[tuple[tuple[str, ...], float], list[Table]] = {}
    for block in blocks:
        if isinstance(block, Table):
            key = (tuple(c.header for c in block.columns), _total_cm(block, available_dxa))
            groups.setdefault(key, []).append(block)
    fits: dict[int, TableFit] = {}
    for (headers, total), tables in groups.items():
        texts = [[cell.text for cell in row] for table in tables for row in table.rows]
        widths = fit_widths(headers, texts, total, pt)
        sizes = [len(table.rows) for table in tables]
        for table, fit in zip(tables, fit_tables(texts, sizes, widths, pt, page,
                                                 sum(map(len, headers))), strict=True):
            fits[id(table)] = fit
    return fits


def _widths_dxa(fit: TableFit) -> list[int]:
    return [max(1, int(width * DXA_PER_CM)) for width in fit.widths_cm]


def _row_keeps(table: Table, fit: TableFit) -> list[bool]:
    """Per data row: its paragraphs keep with the next (a small table stays on one page;
    a table kept with the next block keeps its last row with it)."""
    last = len(table.rows) - 1
    return [
        (fit.keep_together and i < last) or (table.keep_with_next and i == last)
        for i in range(len(table.rows))
    ]


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

    for row, cant_split, keep in zip(table.rows, fit.cant_split, _row_keeps(table, fit),
                                     strict=True):
        tr = _row_prototype(widths, text_style, False, cant_split, keep)
        for tc, cell in zip(tr.iterchildren(w("tc")), row, strict=True):
            _fill_cell(tc, cell)
        tbl.append(tr)
    return tbl


def image_xml(image: Image, doc: Any, style_id: str | None = None) -> Any:
    """A paragraph holding an inline PNG, sized by width with its aspect kept, with alt text."""
    from pipeline.render.images import new_pic_inline

    inline = new_pic_inline(doc, image.png, int(image.width_cm * EMU_PER_CM))
    doc_pr = inline.docPr
    doc_pr.set("descr", clean(image.alt_text))
    if image.title:
        doc_pr.set("title", clean(image.title))
    p = etree.Element(w("p"), nsmap={"w": W_NS})
    if style_id:
        ppr = etree.SubElement(p, w("pPr"))
        _sub(ppr, "pStyle", val=style_id)
    r = etree.SubElement(p, w("r"))
    drawing = etree.SubElement(r, w("drawing"))
    drawing.append(inline)
    return p


LIST_KEPT_WHOLE = 8  # a list this long stays whole with its introduction; a longer one
LIST_KEPT_START = 2  # keeps only its first items with the introduction


def _is_list(block: Block | None) -> bool:
    return isinstance(block, Paragraph) and (block.style or "").lower().startswith("list")


def paragraph_keeps(blocks: list[Block]) -> list[bool]:
    """Per block: a heading or paragraph printed on the page of the block after it.

    Headings always; a paragraph the document says so of; a lead-in sentence ending in
    ':'; the items of a short list (of a long list, its first items), so that a list
    stays with its introduction. The last block keeps with nothing.
    """
    keeps = [False] * len(blocks)
    run_start, run_length = 0, 0
    for i, block in enumerate(blocks):
        after = blocks[i + 1] if i + 1 < len(blocks) else None
        if _is_list(block) and not _is_list(blocks[i - 1] if i else None):
            run_start, run_length = i, 1
            while _is_list(blocks[run_start + run_length] if run_start + run_length < len(
                    blocks) else None):
                run_length += 1
        if after is None:
            break
        if isinstance(block, Heading):
            keeps[i] = True
        elif isinstance(block, Paragraph):
            if block.keep_with_next:
                keeps[i] = True
            elif _is_list(block):
                keeps[i] = _is_list(after) and (
                    run_length <= LIST_KEPT_WHOLE or i - run_start < LIST_KEPT_START
                )
            elif block.text.rstrip().endswith(":") and not isinstance(after, Heading | PageBreak):
                keeps[i] = True
    return keeps


def blocks_xml(
    blocks: Iterable[Block], styles: StyleMap, doc: Any, available_dxa: int | None = None
) -> Iterator[Any]:
    """The body elements for the blocks, in order."""
    blocks = list(blocks)
    keeps = paragraph_keeps(blocks)
    fits = layout_tables(blocks, styles, available_dxa, doc)
    previous_was_table = False
    for block, keep in zip(blocks, keeps, strict=True):
        if isinstance(block, Heading):
            level = min(max(block.level, 1), 9)
            style = styles.paragraph_id(f"Heading {level}")
            yield paragraph_xml([Run(block.text)], style, keep_next=keep)
            previous_was_table = False
        elif isinstance(block, Paragraph):
            yield paragraph_xml(block.runs, styles.paragraph_id(block.style), keep_next=keep)
            previous_was_table = False
        elif isinstance(block, Table):
            if previous_was_table:
                # Two tables in a row would merge into one in Word: keep them apart.
                yield paragraph_xml([], None)
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


# --- The same blocks as WordprocessingML text -----------------------------------------
# Building big tables as lxml elements costs time and memory (about 1.5 million elements
# at 10,000 actions). `blocks_text` writes the very same XML as strings (the element
# builders above stay the reference: tests compare the two); the engine splices the text
# into document.xml as it is saved, so the body is never a tree.

_T_OPEN = '<w:t xml:space="preserve">'


def _escape(text: str) -> str:
    """Text as XML character data (str.replace is several times faster than translate, and
    about twice as fast as xml.sax.saxutils.escape on plain text; tests/test_escaping.py
    proves the two give the same)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _attr(value: str) -> str:
    """Text as an XML attribute value in double quotes (tabs and line breaks kept)."""
    value = _escape(value).replace('"', "&quot;")
    return value.replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;")


def text_xml(text: str) -> str:
    """The w:t / w:br / w:tab children of a run for text with line breaks and tabs."""
    if text.isprintable():  # the usual case: no line break, tab or control character
        return f"{_T_OPEN}{_escape(text)}</w:t>" if text else ""
    text = clean(text)
    if "\n" not in text and "\t" not in text:
        return f"{_T_OPEN}{_escape(text)}</w:t>" if text else ""
    parts: list[str] = []
    for i, line in enumerate(text.split("\n")):
        if i:
            parts.append("<w:br/>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                parts.append("<w:tab/>")
            if piece:
                parts.append(f"{_T_OPEN}{_escape(piece)}</w:t>")
    return "".join(parts)


def run_text(run: Run, colour: str | None = None, bold: bool = False) -> str:
    """A w:r as text (the string twin of `add_run`)."""
    b, i = run.bold or bold, run.italic
    if b or i or colour:
        rpr = "<w:rPr>" + ("<w:b/>" if b else "") + ("<w:i/>" if i else "") + (
            f'<w:color w:val="{_attr(colour)}"/>' if colour else ""
        ) + "</w:rPr>"
    else:
        rpr = ""
    return f"<w:r>{rpr}{text_xml(run.text)}</w:r>"


def _ppr_text(style_id: str | None, keep_next: bool = False) -> str:
    if not (style_id or keep_next):
        return ""
    style = f'<w:pStyle w:val="{_attr(style_id)}"/>' if style_id else ""
    return f"<w:pPr>{style}{'<w:keepNext/>' if keep_next else ''}</w:pPr>"


def paragraph_text(runs: Iterable[Run], style_id: str | None, *, keep_next: bool = False) -> str:
    """A w:p as text (the string twin of `paragraph_xml`)."""
    body = "".join(run_text(run) for run in runs)
    ppr = _ppr_text(style_id, keep_next)
    return f"<w:p>{ppr}{body}</w:p>" if (ppr or body) else "<w:p/>"


def _cell_text(
    open_tc: str, close_tcpr: str, cell: Cell, *, bold: bool = False, fill: str | None = None
) -> str:
    """One w:tc (the string twin of a prototype cell filled by `_fill_cell`)."""
    fill = _colour(cell.fill) or fill
    shd = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    cell_runs = cell.runs
    if not cell_runs:
        runs = ""
    elif len(cell_runs) == 1 and not (cell.text_colour or bold or cell_runs[0].bold
                                      or cell_runs[0].italic):
        text = cell_runs[0].text  # the usual case: one plain run
        runs = f"<w:r>{text_xml(text)}</w:r>" if text else ""
    else:
        colour = _colour(cell.text_colour)
        runs = "".join(
            run_text(run, colour=colour, bold=bold)
            for run in cell_runs
            if run.text or run.bold or run.italic
        )
    return f"{open_tc}{shd}{close_tcpr}{runs}</w:p></w:tc>"


def table_text(
    table: Table, styles: StyleMap, available_dxa: int | None = None,
    fit: TableFit | None = None,
) -> str:
    """A w:tbl as text (the string twin of `table_xml`: same elements, same order)."""
    fit = fit or layout_tables([table], styles, available_dxa)[id(table)]
    widths = _widths_dxa(fit)
    text_style = styles.paragraph_id("Table Text")
    parts: list[str] = ["<w:tbl><w:tblPr>"]
    style_id = styles.table_id("Committee Table", "Table Grid")
    if style_id:
        parts.append(f'<w:tblStyle w:val="{_attr(style_id)}"/>')
    parts.append(
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
    )
    caption = clean(table.caption).replace("\n", " ")
    if caption:
        parts.append(
            f'<w:tblCaption w:val="{_attr(caption)}"/><w:tblDescription w:val="{_attr(caption)}"/>'
        )
    parts.append("</w:tblPr><w:tblGrid>")
    parts.extend(f'<w:gridCol w:w="{width}"/>' for width in widths)
    parts.append("</w:tblGrid>")
    style = f'<w:pStyle w:val="{_attr(text_style)}"/>' if text_style else ""
    ppr = f"<w:pPr>{style}</w:pPr>" if style else ""
    ppr_keep = f"<w:pPr>{style}<w:keepNext/></w:pPr>"
    opens = [f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>' for width in widths]
    close_tcpr, close_keep = f"</w:tcPr><w:p>{ppr}", f"</w:tcPr><w:p>{ppr_keep}"
    parts.append("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>")
    header_close = close_keep if fit.keep_together else close_tcpr
    for open_tc, column in zip(opens, table.columns, strict=True):
        parts.append(
            _cell_text(open_tc, header_close, Cell.of(column.header), bold=True, fill=HEADER_FILL)
        )
    parts.append("</w:tr>")
    plain = [f"{open_tc}{close_tcpr}" for open_tc in opens]  # a cell with no shading
    kept = [f"{open_tc}{close_keep}" for open_tc in opens]  # ... kept with the next row
    for row, cant_split, keep in zip(table.rows, fit.cant_split, _row_keeps(table, fit),
                                     strict=True):
        parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>" if cant_split else "<w:tr>")
        close, starts = (close_keep, kept) if keep else (close_tcpr, plain)
        for open_tc, start, cell in zip(opens, starts, row, strict=True):
            runs, fill, colour = cell
            if fill is None and colour is None and len(runs) == 1:
                run = runs[0]
                if not (run.bold or run.italic):  # the usual cell, as _cell_text writes it
                    text = run.text
                    parts.append(f"{start}<w:r>{text_xml(text)}</w:r></w:p></w:tc>" if text
                                 else f"{start}</w:p></w:tc>")
                    continue
            parts.append(_cell_text(open_tc, close, cell))
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


_W_DECL = f' xmlns:w="{W_NS}"'


def element_text(element: Any) -> str:
    """An lxml element as text for splicing where the w prefix is already declared."""
    text = etree.tostring(element, encoding="unicode")
    head, sep, rest = text.partition(">")
    return head.replace(_W_DECL, "", 1) + sep + rest


def blocks_text(
    blocks: Iterable[Block], styles: StyleMap, doc: Any, available_dxa: int | None = None
) -> Iterator[str]:
    """The body elements for the blocks as WordprocessingML text, in order, for a document
    whose root declares the prefix w (Word's own); the same XML as `blocks_xml`."""
    blocks = list(blocks)
    keeps = paragraph_keeps(blocks)
    fits = layout_tables(blocks, styles, available_dxa, doc)
    previous_was_table = False
    for block, keep in zip(blocks, keeps, strict=True):
        if isinstance(block, Heading):
            level = min(max(block.level, 1), 9)
            style = styles.paragraph_id(f"Heading {level}")
            yield paragraph_text([Run(block.text)], style, keep_next=keep)
            previous_was_table = False
        elif isinstance(block, Paragraph):
            yield paragraph_text(block.runs, styles.paragraph_id(block.style), keep_next=keep)
            previous_was_table = False
        elif isinstance(block, Table):
            if previous_was_table:
                yield "<w:p/>"  # two tables in a row would merge into one in Word
            yield table_text(block, styles, available_dxa, fits[id(block)])
            previous_was_table = True
        elif isinstance(block, Image):
            yield element_text(image_xml(block, doc))
            previous_was_table = False
        elif isinstance(block, PageBreak):
            yield '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
            previous_was_table = False
        else:  # pragma: no cover - the Block union is closed
            raise TypeError(f"not a document block: {block!r}")
