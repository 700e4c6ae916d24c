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

# The table designs: (what it lays out, columns); a column is (header, width in cm, lines),
# a line a list of (text, bold) runs. Widths: pipeline.render.layout.fit_widths on the
# sample workbooks of inputs/ (the widths the documents had before designs).
Line = list[tuple[str, bool]]
Design = tuple[str, list[tuple[str, float, list[Line]]]]


def _plain(text: str, bold: bool = False) -> list[Line]:
    return [[(text, bold)]]


ACTION_DESIGN: Design = ("The plan's action tables (one for each recommendation):", [
    ("Action", 3.4, _plain("{{ action.text }}")),
    ("Outcome", 2.89, _plain("{{ action.outcome }}")),
    ("Source", 2.5, _plain("{{ action.source }}")),
    ("Measure", 2.76, _plain("{{ action.measure }}")),
    ("Timescale", 1.96, _plain("{{ action.timescale }}")),
    ("Lead", 2.59, _plain("{{ action.lead }}")),
    ("Target date", 1.86, _plain("{{ action.target_date }}")),
    ("Progress", 7.37, _plain("{{ action.progress }}")),
    ("Status", 1.76, _plain("{{ action.status }}")),
])
LATE_DESIGN: Design = ("The table of actions behind schedule or overdue:", [
    ("Ref", 1.05, _plain("{{ action.ref }}")),
    ("Action and recommendation", 5.08, [[("{{ action.text }}", True)],
                                         [("Recommendation: {{ action.recommendation }}",
                                           False)]]),
    ("Lead and target date", 2.83, [[("{{ action.lead }}", False)],
                                    [("Target date: {{ action.target_date }}", False)]]),
    ("Progress", 6.23, _plain("{{ action.progress }}")),
    ("Status", 1.81, _plain("{{ action.status }}")),
])
INDICATOR_DESIGN: Design = ("The summary table of the indicators:", [
    ("Indicator", 6.6, _plain("{{ indicator.name }}")),
    ("Previous", 2.04, _plain("{{ indicator.previous }}")),
    ("Latest", 2.27, _plain("{{ indicator.latest }}")),
    ("Target", 1.5, _plain("{{ indicator.target }}")),
    ("Status", 1.48, _plain("{{ indicator.status }}", bold=True)),
    ("Direction", 2.11, _plain("{{ indicator.direction }}")),
])
REC_DESIGN: Design = ("The response to each theme's recommendations (the Progress column "
                      "is printed in the update only):", [
    ("Scrutiny Recommendation", 7.37, _plain("{{ rec.text }}")),
    ("Response and summary of action being taken to implement, or reason for rejection",
     8.56, [[("{{ rec.decision }}", True)], [("{{ rec.action }}", False)]]),
    ("Date by which action will be taken", 2.82, _plain("{{ rec.date }}")),
    ("Person responsible for action (name and title)", 3.85,
     _plain("{{ rec.responsible }}")),
    ("Progress", 4.5, _plain("{{ rec.progress }}")),
])
DESIGNS: dict[str, tuple[Design, ...]] = {
    "improvement-plan.docx": (ACTION_DESIGN,),
    "briefing.docx": (LATE_DESIGN,),
    "performance-report.docx": (INDICATOR_DESIGN,),
    "cabinet-response.docx": (REC_DESIGN,),
    "committee-report.docx": (ACTION_DESIGN, INDICATOR_DESIGN, REC_DESIGN),
}
DESIGNS_NOTE = (
    "The line above, this note and the tables below are not printed (what follows the last "
    "table prints after the content). Each table below lays out a kind of table in the "
    "documents: delete, move, rename or resize its columns, change its fonts and the header "
    "row's shading, and put the fields you want, with your own words between them, in its "
    "second row (committee templates vars lists the fields). Keep one header row and one "
    "row of fields, with no merged cells."
)
HEADER_FILL = "F3F2F1"


def _design_table(doc: DocumentObject, columns: list[tuple[str, float, list[Line]]]) -> None:
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
        paragraph.style = doc.styles["Table Text"]
        paragraph.add_run(header).bold = True
        for n, line in enumerate(lines):
            paragraph = body.paragraphs[0] if n == 0 else body.add_paragraph()
            paragraph.style = doc.styles["Table Text"]
            for text, bold in line:
                run = paragraph.add_run(text)
                if bold:
                    run.bold = True


def add_designs(doc: DocumentObject, designs: tuple[Design, ...]) -> None:
    """The "Table designs (not printed)" part after {{ body }}."""
    if not designs:
        return
    doc.add_paragraph().add_run("Table designs (not printed)").bold = True
    doc.add_paragraph(DESIGNS_NOTE)
    for what, columns in designs:
        doc.add_paragraph(what)
        _design_table(doc, columns)
