"""Make the shipped Word templates in templates/ (run from the repository root).

    .venv/bin/python scripts/make_templates.py

Each template is an ordinary .docx a clerk can restyle in Word: Title, Heading 1-3,
Normal, "Table Text" (9 pt in the landscape templates, whose tables are wide; 10 pt in
the portrait ones; the committee report also has a 9 pt "Wide Table Text", which its
designs of the plan's and the response's tables use, so that those appendices take the
pages the stand-alone documents take) and a "Committee Table" table style, all in Arial;
en-GB as the document language; a running header with the document's title (the improvement plan's
workbook banner line when it has one) and the protective marking when one is set; a
footer with the marking, the title, "Page X of Y" (real PAGE / NUMPAGES fields) and the
date the document was generated.

The body holds the frame (title, organisation, for the plan, the performance report and the
exception report the committee, meeting date and report number when the Details sheet gives
them, for the cabinet response the meeting date and report number, "Position as at") and one
paragraph whose whole text is `{{ body }}`: the renderer replaces it with the generated content.
After it comes the "Table designs (not printed)" part: one Word table for each repeating
table of the document (the plan's action tables, the briefing's late actions, the
performance summary, the cabinet response), a header row and a row of fields, which a
clerk may change in Word (pipeline.render.designs). Their columns are the documents'
standard columns, with the widths `fit_widths` gives the sample workbooks in inputs/.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import BaseStyle
from docx.text.paragraph import Paragraph
from template_designs import DESIGNS, WIDE_DESIGNS, add_designs

FONT = "Arial"
INK = RGBColor(0x0B, 0x0C, 0x0C)  # near-black: 19:1 on white
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "templates"

# file name -> landscape
TEMPLATES: dict[str, bool] = {
    "improvement-plan.docx": True,
    "cabinet-response.docx": True,
    "briefing.docx": False,
    "exception-report.docx": False,
    "performance-report.docx": False,
    "committee-report.docx": False,  # the cover is portrait; appendices turn their own way
}
# What the running header prints as the document's name (the plan's workbook may carry
# a banner line such as "WORKING DOCUMENT: CHILDREN'S SERVICES IMPROVEMENT PLAN").
RUNNING_TITLE: dict[str, str] = {
    "improvement-plan.docx": "{{ banner if banner is defined and banner else title }}"
}
# The first page's lines under the title: (condition, text), printed only when set.
FRAME_LINES: dict[str, tuple[tuple[str, str], ...]] = {
    "improvement-plan.docx": (
        ("organisation", "{{ organisation }}"),
        ("committee", "Committee: {{ committee }}"),
        ("meeting_date", "Meeting date: {{ meeting_date }}"),
        ("report_number", "Report number: {{ report_number }}"),
        ("as_at", "Position as at {{ as_at }}"),
    ),
}
# The performance report and the exception report name the meeting as the plan does; the
# cabinet response names its committee in its own header block ("Scrutiny Committee: ...").
FRAME_LINES["performance-report.docx"] = FRAME_LINES["improvement-plan.docx"]
FRAME_LINES["exception-report.docx"] = FRAME_LINES["improvement-plan.docx"]
FRAME_LINES["cabinet-response.docx"] = tuple(
    line for line in FRAME_LINES["improvement-plan.docx"] if line[0] != "committee")
DEFAULT_FRAME: tuple[tuple[str, str], ...] = (
    ("organisation", "{{ organisation }}"),
    ("as_at", "Position as at {{ as_at }}"),
)

_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def _set_fonts(rpr_parent: object, name: str = FONT) -> None:
    """Set rFonts to a named font, removing theme-font attributes that would win over it."""
    rpr = rpr_parent.get_or_add_rPr()  # type: ignore[attr-defined]
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in _THEME_ATTRS:
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), name)


def _doc_defaults(doc: DocumentObject) -> None:
    """Arial 11pt and en-GB in the document defaults (w:rPrDefault)."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault"))
    rpr = rpr_default.find(qn("w:rPr"))
    rfonts = rpr.find(qn("w:rFonts"))
    for attr in _THEME_ATTRS:
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), FONT)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-GB")
    lang.set(qn("w:eastAsia"), "en-GB")
    lang.set(qn("w:bidi"), "ar-SA")


def _settings_language(doc: DocumentObject) -> None:
    settings = doc.settings.element
    lang = settings.find(qn("w:themeFontLang"))
    if lang is None:
        lang = OxmlElement("w:themeFontLang")
        settings.append(lang)
    lang.set(qn("w:val"), "en-GB")


def _style_text(style: BaseStyle, size: float, bold: bool = False) -> None:
    style.font.size = Pt(size)  # type: ignore[attr-defined]
    style.font.bold = bold  # type: ignore[attr-defined]
    style.font.italic = False  # type: ignore[attr-defined]
    style.font.color.rgb = INK  # type: ignore[attr-defined]
    _set_fonts(style.element)


def _styles(doc: DocumentObject, table_pt: float, wide: bool = False) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    _style_text(normal, 11)
    normal.paragraph_format.space_after = Pt(6)  # type: ignore[attr-defined]

    title = styles["Title"]
    _style_text(title, 22, bold=True)
    title.paragraph_format.space_after = Pt(12)  # type: ignore[attr-defined]
    # The default Title has a coloured bottom border: drop it, keep the look plain.
    ppr = title.element.pPr
    if ppr is not None:
        bdr = ppr.find(qn("w:pBdr"))
        if bdr is not None:
            ppr.remove(bdr)

    # The landscape documents (plan, response) hold many headings over wide tables: their
    # headings are a little smaller and closer to the table below them.
    sizes = ((1, 13), (2, 11), (3, 10)) if table_pt < 10 else ((1, 16), (2, 13), (3, 12))
    for level, size in sizes:
        heading = styles[f"Heading {level}"]
        _style_text(heading, size, bold=True)
        before = (10 if level == 1 else 6) if table_pt < 10 else (18 if level == 1 else 12)
        heading.paragraph_format.space_before = Pt(before)  # type: ignore[attr-defined]
        heading.paragraph_format.space_after = Pt(6)  # type: ignore[attr-defined]
        heading.paragraph_format.keep_with_next = True  # type: ignore[attr-defined]

    for name in ("Header", "Footer", "List Bullet", "List Number"):
        _style_text(styles[name], 10 if name in ("Header", "Footer") else 11)
    for name in ("Header", "Footer"):
        styles[name].paragraph_format.space_after = Pt(0)  # type: ignore[attr-defined]

    table_text = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = normal
    _style_text(table_text, table_pt)
    table_text.paragraph_format.space_after = Pt(0)
    table_text.paragraph_format.space_before = Pt(0)
    table_text.paragraph_format.line_spacing = 1.0  # single: Normal's 1.15 wastes a table's room

    if wide:  # the wide tables of a landscape appendix, as the stand-alone documents set them
        wide_text = styles.add_style("Wide Table Text", WD_STYLE_TYPE.PARAGRAPH)
        wide_text.base_style = table_text
        _style_text(wide_text, 9)

    table = styles.add_style("Committee Table", WD_STYLE_TYPE.TABLE)
    table.base_style = styles["Table Grid"]
    _table_style_xml(table.element)


def _table_style_xml(style_el: object) -> None:
    """Single black borders and roomy cell margins for the 'Committee Table' style."""
    tblpr = OxmlElement("w:tblPr")
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        b = OxmlElement(f"w:{side}")
        b.set(qn("w:val"), "single")
        b.set(qn("w:sz"), "4")
        b.set(qn("w:space"), "0")
        b.set(qn("w:color"), "0B0C0C")
        borders.append(b)
    tblpr.append(borders)
    mar = OxmlElement("w:tblCellMar")
    for side, width in (("top", 40), ("left", 85), ("bottom", 40), ("right", 85)):
        m = OxmlElement(f"w:{side}")
        m.set(qn("w:w"), str(width))
        m.set(qn("w:type"), "dxa")
        mar.append(m)
    tblpr.append(mar)
    # w:tblPr comes after name/basedOn/.../rPr in a style: append at the end.
    style_el.append(tblpr)  # type: ignore[attr-defined]


def _field(paragraph: Paragraph, instr: str, shown: str) -> None:
    """A simple field (PAGE, NUMPAGES) that Word and LibreOffice update when printing."""
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), f" {instr} \\* MERGEFORMAT ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = shown
    run.append(text)
    fld.append(run)
    paragraph._p.append(fld)


def _marking(container: object, first: Paragraph) -> None:
    """Three paragraphs: {%p if %}, the centred marking, {%p endif %} (printed only when set)."""
    first.text = "{%p if protective_marking %}"
    marking = container.add_paragraph("{{ protective_marking }}")  # type: ignore[attr-defined]
    marking.alignment = WD_ALIGN_PARAGRAPH.CENTER
    marking.runs[0].bold = True
    container.add_paragraph("{%p endif %}")  # type: ignore[attr-defined]


def _section(doc: DocumentObject, landscape: bool, running_title: str) -> None:
    section = doc.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)
        margin = Cm(1.27)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        margin = Cm(2.0)
    section.left_margin = section.right_margin = margin
    section.top_margin = section.bottom_margin = margin
    section.header_distance = section.footer_distance = Cm(0.8)

    header = section.header
    header.is_linked_to_previous = False
    header.paragraphs[0].text = running_title
    header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _marking(header, header.add_paragraph())

    footer = section.footer
    footer.is_linked_to_previous = False
    _marking(footer, footer.paragraphs[0])
    page = footer.add_paragraph("{{ title }} \u2013 Page ")
    page.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(page, "PAGE", "1")
    page.add_run(" of ")
    _field(page, "NUMPAGES", "1")
    generated = footer.add_paragraph("Generated {{ generated_on }}")
    generated.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _body(doc: DocumentObject, lines: tuple[tuple[str, str], ...]) -> None:
    doc.add_paragraph("{{ title }}", style="Title")
    for condition, text in lines:
        doc.add_paragraph(f"{{%p if {condition} is defined and {condition} %}}")
        doc.add_paragraph(text)
        doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{{ body }}")


# Table styles a template keeps: python-docx's default template carries about a hundred
# table styles nobody uses, and every document made from the template would carry them too.
KEEP_TABLE_STYLES = {"Normal Table", "Table Grid", "Committee Table"}
STYLES_WITH_EFFECTS = (
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
)
THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"


def _slim(doc: DocumentObject) -> None:
    """Drop what a council template does not need and every document would carry: the
    unused table styles, the Word 2010 stylesWithEffects copy of styles.xml (790 KB between
    them) and python-docx's stock thumbnail picture (it is not a picture of our document)."""
    styles = doc.styles.element
    for style in list(styles.iterchildren(qn("w:style"))):
        name = style.find(qn("w:name"))
        if style.get(qn("w:type")) == "table" and (
            name is None or name.get(qn("w:val")) not in KEEP_TABLE_STYLES
        ):
            styles.remove(style)
    for rels, owner in ((doc.part.rels, doc.part), (doc.part.package.rels, doc.part.package)):
        for r_id, rel in list(rels.items()):
            if rel.reltype in (STYLES_WITH_EFFECTS, THUMBNAIL):
                owner.drop_rel(r_id) if hasattr(owner, "drop_rel") else rels.pop(r_id)


def make_template(path: Path, landscape: bool) -> None:
    name = path.name
    doc = Document()
    # The default template starts with one empty paragraph: remove it.
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    _doc_defaults(doc)
    _settings_language(doc)
    wide = not landscape and any(d in WIDE_DESIGNS for d in DESIGNS.get(name, ()))
    _styles(doc, 9 if landscape else 10, wide)
    _slim(doc)
    _section(doc, landscape, RUNNING_TITLE.get(name, "{{ title }}"))
    _body(doc, FRAME_LINES.get(name, DEFAULT_FRAME))
    add_designs(doc, DESIGNS.get(name, ()), wide)
    props = doc.core_properties
    props.title = ""
    props.subject = ""
    props.author = ""
    props.comments = ""
    props.language = "en-GB"
    props.last_modified_by = ""
    props.keywords = ""
    props.revision = 1
    doc.save(str(path))


def main(names: list[str]) -> int:
    """Write every template, or only those named (`make_templates.py briefing.docx`)."""
    OUT.mkdir(exist_ok=True)
    for name, landscape in TEMPLATES.items():
        if names and name not in names:
            continue
        make_template(OUT / name, landscape)
        print(f"Wrote {(OUT / name).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
