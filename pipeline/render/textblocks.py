"""Document-model blocks as WordprocessingML text: the string twin of pipeline.render.blocks.

Building big tables as lxml elements costs time and memory (about 1.5 million elements
at 10,000 actions). `blocks_text` writes the very same XML as strings (the element
builders of pipeline.render.blocks stay the reference: tests compare the two); the engine
splices the text into document.xml as it is saved, so the body is never a tree.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
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
from pipeline.render.blocks import (
    HEADER_FILL,
    W_NS,
    StyleMap,
    _colour,
    before_twips,
    clean,
    image_xml,
)
from pipeline.render.flow import (
    _row_keeps,
    _widths_dxa,
    designed,
    layout_tables,
    paragraph_keeps,
)
from pipeline.render.layout import TableFit
from pipeline.render.row_split import continued_row

if TYPE_CHECKING:
    from pipeline.render.designs import DesignPart

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


def _ppr_text(style_id: str | None, keep_next: bool = False, before: int = 0) -> str:
    if not (style_id or keep_next or before):
        return ""
    style = f'<w:pStyle w:val="{_attr(style_id)}"/>' if style_id else ""
    spacing = f'<w:spacing w:before="{before}"/>' if before else ""
    return f"<w:pPr>{style}{'<w:keepNext/>' if keep_next else ''}{spacing}</w:pPr>"


def paragraph_text(
    runs: Iterable[Run], style_id: str | None, *, keep_next: bool = False,
    space_before_pt: float = 0.0,
) -> str:
    """A w:p as text (the string twin of `paragraph_xml`)."""
    body = "".join(run_text(run) for run in runs)
    ppr = _ppr_text(style_id, keep_next, before_twips(space_before_pt))
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
    continued = table.continued
    for i, (row, cant_split, keep) in enumerate(zip(
            table.rows, fit.cant_split, _row_keeps(table, fit), strict=True)):
        tr = "<w:tr><w:trPr><w:cantSplit/></w:trPr>" if cant_split else "<w:tr>"
        parts.append(continued_row(tr) if continued and i in continued else tr)  # row_split
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
    blocks: Iterable[Block], styles: StyleMap, doc: Any, available_dxa: int | None = None,
    designs: DesignPart | None = None, page_cm: float | None = None,
) -> Iterator[str]:
    """The body elements for the blocks as WordprocessingML text, in order, for a document
    whose root declares the prefix w (Word's own); the same XML as `blocks_xml`."""
    blocks = list(blocks)
    keeps = paragraph_keeps(blocks)
    fits = layout_tables(blocks, styles, available_dxa, doc, designs, page_cm)
    previous_was_table = False
    for block, keep in zip(blocks, keeps, strict=True):
        if isinstance(block, Heading):
            level = min(max(block.level, 1), 9)
            style = styles.paragraph_id(f"Heading {level}")
            yield paragraph_text([Run(block.text)], style, keep_next=keep)
            previous_was_table = False
        elif isinstance(block, Paragraph):
            yield paragraph_text(block.runs, styles.paragraph_id(block.style), keep_next=keep,
                                 space_before_pt=block.space_before_pt)
            previous_was_table = False
        elif isinstance(block, Table):
            if previous_was_table:
                yield "<w:p/>"  # two tables in a row would merge into one in Word
            if designed(block, designs):
                from pipeline.render.design_tables import designed_table_text

                yield designed_table_text(block, designs, available_dxa, fits[id(block)])  # type: ignore[arg-type]
            else:
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
