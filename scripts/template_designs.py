"""The "Table designs (not printed)" part of the shipped templates (scripts/make_templates.py).

One Word table for each repeating table of a document, after the `{{ body }}` paragraph: a
header row (bold, shaded, repeating) and a row of fields in the "Table Text" style, in the
"Committee Table" style with fixed column widths (pipeline.render.designs reads them).
"""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from pipeline.render.design_widths import (
    ACTION_DESIGN,
    REC_DESIGN,
    SHIPPED_DESIGNS,
    Line,
    ShippedDesign,
)

# The table designs and their widths: pipeline.render.design_widths (the renderer tells the
# shipped widths from a council's own by them).
Design = ShippedDesign
DESIGNS: dict[str, tuple[Design, ...]] = SHIPPED_DESIGNS
DESIGNS_NOTE = (
    "The line above, this note and the tables below are not printed (what follows the last "
    "table prints after the content). Each table below lays out a kind of table in the "
    "documents: delete, move, rename or resize its columns, change its fonts and the header "
    "row's shading, and put the fields you want, with your own words between them, in its "
    "second row (committee templates vars lists the fields). Keep one header row and one "
    "row of fields, with no merged cells."
)
HEADER_FILL = "F3F2F1"


def _design_table(doc: DocumentObject, columns: list[tuple[str, float, list[Line]]],
                  text_style: str = "Table Text") -> None:
    table = doc.add_table(rows=2, cols=len(columns))
    table.style = doc.styles["Committee Table"]
    tblpr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblpr.append(layout)
    header_pr = table.rows[0]._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader"):
        header_pr.append(OxmlElement(tag))
    for i, (header, width, lines) in enumerate(columns):
        table.columns[i].width = Cm(width)
        head, body = table.cell(0, i), table.cell(1, i)
        for cell in (head, body):
            cell.width = Cm(width)
        shd = OxmlElement("w:shd")
        for attr, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", HEADER_FILL)):
            shd.set(qn(attr), value)
        head._tc.get_or_add_tcPr().append(shd)
        paragraph = head.paragraphs[0]
        paragraph.style = doc.styles[text_style]
        paragraph.add_run(header).bold = True
        for n, line in enumerate(lines):
            paragraph = body.paragraphs[0] if n == 0 else body.add_paragraph()
            paragraph.style = doc.styles[text_style]
            for text, bold in line:
                run = paragraph.add_run(text)
                if bold:
                    run.bold = True


# The designs of the landscape documents' wide tables: in a portrait template (the committee
# report, whose appendices print them) they are set in "Wide Table Text", 9 pt as in the
# stand-alone plan and response, so that an appendix takes the pages the document takes.
WIDE_DESIGNS = (ACTION_DESIGN, REC_DESIGN)


def add_designs(doc: DocumentObject, designs: tuple[Design, ...], wide_style: bool = False) -> None:
    """The "Table designs (not printed)" part after {{ body }}."""
    if not designs:
        return
    doc.add_paragraph().add_run("Table designs (not printed)").bold = True
    doc.add_paragraph(DESIGNS_NOTE)
    for what, columns in designs:
        doc.add_paragraph(what)
        wide = wide_style and (what, columns) in WIDE_DESIGNS
        _design_table(doc, columns, "Wide Table Text" if wide else "Table Text")
