"""`committee audit`: each accessibility rule fails on a document built to break it, and
every document the project makes from the sample inputs passes."""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import INPUTS

from pipeline.audit import RULES, audit_document
from pipeline.cli import main
from pipeline.issues import Issue

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def png(width: int = 4, height: int = 4) -> bytes:
    """A tiny valid grey PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def qn(tag: str) -> str:
    prefix, local = tag.split(":")
    assert prefix == "w"
    return f"{{{W_NS}}}{local}"


def sub(parent: Any, tag: str, **attrs: str) -> Any:
    from lxml import etree

    el = etree.SubElement(parent, qn(tag))
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), value)
    return el


def shade(cell: Any, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    sub(tcpr, "w:shd", val="clear", color="auto", fill=fill)


def build(path: Path, change: Callable[[Any, dict[str, Any]], None] | None = None) -> Path:
    """A document that passes every rule; `change(doc, parts)` breaks one before saving."""
    import io

    import docx
    from docx.shared import Cm, RGBColor

    doc = docx.Document()
    doc.core_properties.title = "Improvement plan"
    for name in ("Heading 1", "Heading 2"):  # python-docx's own blues are below 4.5:1
        doc.styles[name].font.color.rgb = RGBColor(0x1F, 0x38, 0x64)
    doc.add_heading("Priority 1: Safe practice", level=1)
    doc.add_heading("R1: Ensure outcomes are recorded", level=2)
    doc.add_paragraph("The actions agreed for this recommendation.")
    table = doc.add_table(rows=3, cols=3)
    for i, text in enumerate(("Action", "Lead", "Status")):
        table.rows[0].cells[i].text = text
    sub(table.rows[0]._tr.get_or_add_trPr(), "w:tblHeader")
    for r in (1, 2):
        table.rows[r].cells[0].text = f"Action {r}"
        table.rows[r].cells[1].text = "Ann Smith"
        status = table.rows[r].cells[2]
        status.text = "Complete"
        status.paragraphs[0].runs[0].font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        shade(status, "00703C")
    doc.add_picture(io.BytesIO(png()), width=Cm(2))
    inline = doc.inline_shapes[0]._inline
    inline.docPr.set("descr", "A line chart: the rate fell from 20% to 12%.")
    doc.add_heading("Priority 2: Timely assessments", level=1)
    parts = {"table": table, "inline": inline}
    if change is not None:
        change(doc, parts)
    doc.save(str(path))
    return path


def rules(findings: list[Issue]) -> list[str]:
    return [f.code for f in findings]


def test_the_good_document_passes_every_rule(tmp_path: Path) -> None:
    assert audit_document(build(tmp_path / "good.docx")) == []


def test_title_missing(tmp_path: Path) -> None:
    def change(doc: Any, _: dict[str, Any]) -> None:
        doc.core_properties.title = ""

    findings = audit_document(build(tmp_path / "t.docx", change))
    assert rules(findings) == ["title"]
    assert findings[0].where == "document properties"
    assert "File > Info > Properties > Title" in findings[0].message


def test_language_missing(tmp_path: Path) -> None:
    path = build(tmp_path / "l.docx")
    # Strip every w:lang from the styles (python-docx's default template sets en-US).
    rewritten = tmp_path / "nolang.docx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(rewritten, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename in ("word/styles.xml", "word/document.xml"):
                import re

                data = re.sub(rb"<w:lang [^>]*/>", b"", data)
            dst.writestr(info, data)
    findings = audit_document(rewritten)
    assert rules(findings) == ["language"]


def test_heading_level_skipped(tmp_path: Path) -> None:
    def change(doc: Any, _: dict[str, Any]) -> None:
        from docx.shared import RGBColor

        doc.add_heading("Deep detail", level=3)
        doc.styles["Heading 3"].font.color.rgb = RGBColor(0x1F, 0x38, 0x64)

    findings = audit_document(build(tmp_path / "h.docx", change))
    assert rules(findings) == ["headings"]
    assert "Heading 3 follows Heading 1" in findings[0].message
    assert "'Deep detail'" in findings[0].where and findings[0].where.startswith("paragraph ")


def test_no_heading_styles_at_all(tmp_path: Path) -> None:
    import docx

    doc = docx.Document()
    doc.core_properties.title = "Plain"
    for text in ("PRIORITY 1", "Some text.", "PRIORITY 2", "More text."):
        doc.add_paragraph(text)
    doc.save(str(tmp_path / "plain.docx"))
    findings = audit_document(tmp_path / "plain.docx")
    assert rules(findings) == ["headings"]
    assert findings[0].where == "whole document"


def test_table_header_row_not_marked(tmp_path: Path) -> None:
    def change(_: Any, parts: dict[str, Any]) -> None:
        trpr = parts["table"].rows[0]._tr.trPr
        trpr.remove(trpr.find(qn("w:tblHeader")))

    findings = audit_document(build(tmp_path / "th.docx", change))
    assert rules(findings) == ["table-header"]
    assert findings[0].where == "table 1, row 1"


def test_merged_cells_in_a_data_table(tmp_path: Path) -> None:
    def change(_: Any, parts: dict[str, Any]) -> None:
        table = parts["table"]
        table.cell(1, 0).merge(table.cell(1, 1))

    findings = audit_document(build(tmp_path / "m.docx", change))
    assert rules(findings) == ["merged-cells"]
    assert findings[0].where == "table 1, row 2, cell 1"


def test_vertical_merge_is_found(tmp_path: Path) -> None:
    def change(_: Any, parts: dict[str, Any]) -> None:
        table = parts["table"]
        table.cell(1, 1).merge(table.cell(2, 1))

    findings = audit_document(build(tmp_path / "v.docx", change))
    assert set(rules(findings)) == {"merged-cells"}
    assert {f.where for f in findings} == {"table 1, row 2, cell 2", "table 1, row 3, cell 2"}


def test_image_without_alt_text(tmp_path: Path) -> None:
    def change(_: Any, parts: dict[str, Any]) -> None:
        parts["inline"].docPr.set("descr", "  ")

    findings = audit_document(build(tmp_path / "i.docx", change))
    assert rules(findings) == ["alt-text"]
    assert findings[0].where.startswith("image 1")


def test_low_contrast_text_on_a_shaded_cell(tmp_path: Path) -> None:
    from docx.shared import RGBColor

    def change(_: Any, parts: dict[str, Any]) -> None:
        run = parts["table"].rows[2].cells[2].paragraphs[0].runs[0]
        run.font.color.rgb = RGBColor(0x00, 0x00, 0x00)  # black on dark green: 3.9:1

    findings = audit_document(build(tmp_path / "c.docx", change))
    assert rules(findings) == ["contrast"]
    assert findings[0].where == "table 1, row 3, cell 3"
    assert "#000000 on fill #00703C" in findings[0].message
    assert "4.5:1" in findings[0].message


def test_unset_text_colour_counts_as_black(tmp_path: Path) -> None:
    def change(_: Any, parts: dict[str, Any]) -> None:
        cell = parts["table"].rows[1].cells[0]
        shade(cell, "1D4F91")  # dark blue with default (black) text: fails

    findings = audit_document(build(tmp_path / "d.docx", change))
    assert rules(findings) == ["contrast"]
    assert findings[0].where == "table 1, row 2, cell 1"


def test_status_shown_only_by_colour(tmp_path: Path) -> None:
    def change(_: Any, parts: dict[str, Any]) -> None:
        cell = parts["table"].rows[1].cells[2]
        for run in cell.paragraphs[0].runs:
            run.text = ""

    findings = audit_document(build(tmp_path / "o.docx", change))
    assert rules(findings) == ["colour-only"]
    assert findings[0].where == "table 1, row 2, cell 3"


def test_every_rule_has_a_test() -> None:
    tested = {
        "title", "language", "headings", "table-header", "merged-cells", "alt-text",
        "contrast", "colour-only", "drawing-ids", "external",
    }
    assert set(RULES) == tested


def test_audit_command_prints_findings_with_where_and_exits_1(tmp_path: Path) -> None:
    def change(doc: Any, parts: dict[str, Any]) -> None:
        doc.core_properties.title = ""
        parts["inline"].docPr.set("descr", "")

    bad = build(tmp_path / "bad.docx", change)
    good = build(tmp_path / "good.docx")
    result = CliRunner().invoke(main, ["audit", str(good), str(bad)])
    assert result.exit_code == 1, result.output
    assert f"{good}: no accessibility problems found" in result.output
    assert f"{bad}: 2 accessibility problems" in result.output
    assert "[title] document properties:" in result.output
    assert "[alt-text] image 1" in result.output
    result = CliRunner().invoke(main, ["audit", str(good)])
    assert result.exit_code == 0


def test_audit_command_json_and_unreadable_file(tmp_path: Path) -> None:
    import json

    not_docx = tmp_path / "notes.docx"
    not_docx.write_text("just text")
    result = CliRunner().invoke(main, ["audit", "--format", "json", str(not_docx)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    data = json.loads(result.output)
    assert "not a Word document" in data["files"][0]["error"]


# --- the documents the project makes --------------------------------------------------------

PLAN = INPUTS / "childrens-services-improvement-plan.xlsx"
INDICATORS = INPUTS / "performance-indicators.xlsx"
RESPONSE = INPUTS / "cabinet-response.xlsx"
COMMANDS: dict[str, list[str]] = {
    "plan": ["plan", str(PLAN)],
    "briefing": ["briefing", str(PLAN), "--indicators", str(INDICATORS)],
    "performance": ["performance", str(INDICATORS)],
    "response": ["response", str(RESPONSE)],
    "response-update": ["response", "--update", str(RESPONSE)],
}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_generated_document_passes_the_audit(name: str, tmp_path: Path) -> None:
    out = tmp_path / f"{name}.docx"
    made = CliRunner().invoke(main, [*COMMANDS[name], "-o", str(out)])
    assert made.exit_code == 0, made.output
    assert audit_document(out) == []
    with zipfile.ZipFile(out) as zf:
        xml = zf.read("word/document.xml")
    assert b"<w:tbl>" in xml or b"<w:tbl " in xml  # the audit had tables to check
    if name == "performance":
        assert b"docPr" in xml  # ... and images
    result = CliRunner().invoke(main, ["audit", str(out)])
    assert result.exit_code == 0, result.output


# --- every part, the styles, drawing ids, external content (issue 14 item 5) -------------------


def _header_picture(doc: Any, descr: str = "") -> Any:
    """A logo in the first section's header, as Word puts one there; its wp:docPr."""
    import io

    from docx.shared import Cm

    run = doc.sections[0].header.paragraphs[0].add_run()
    run.add_picture(io.BytesIO(png()), width=Cm(1))
    doc_pr = run._r.xpath(".//wp:docPr")[0]
    doc_pr.set("descr", descr)
    return doc_pr


def test_a_logo_without_alt_text_in_the_header_is_found(tmp_path: Path) -> None:
    def change(doc: Any, parts: dict[str, Any]) -> None:
        _header_picture(doc).set("id", "77")

    findings = audit_document(build(tmp_path / "hd.docx", change))
    assert rules(findings) == ["alt-text"]
    assert findings[0].where == "image 2 (Picture 77) in the header (header1.xml)" or (
        findings[0].where.startswith("image 2") and "the header (header1.xml)" in
        findings[0].where), findings[0].where


def test_a_decorative_picture_needs_no_alt_text(tmp_path: Path) -> None:
    def change(doc: Any, parts: dict[str, Any]) -> None:
        from lxml import etree

        doc_pr = _header_picture(doc)
        doc_pr.set("id", "78")
        ext_lst = etree.SubElement(doc_pr, "{http://schemas.openxmlformats.org/drawingml/2006/"
                                   "main}extLst")
        ext = etree.SubElement(ext_lst, "{http://schemas.openxmlformats.org/drawingml/2006/"
                               "main}ext", uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}")
        etree.SubElement(ext, "{http://schemas.microsoft.com/office/drawing/2017/decorative}"
                         "decorative", val="1")

    assert audit_document(build(tmp_path / "dec.docx", change)) == []


def test_a_picture_in_a_footnote_and_a_text_box_in_the_footer_are_audited(
    tmp_path: Path,
) -> None:
    def change(doc: Any, parts: dict[str, Any]) -> None:
        import copy

        footer = doc.sections[0].footer.paragraphs[0]
        drawing = copy.deepcopy(parts["inline"].getparent())  # the body chart's w:drawing
        drawing.xpath(".//wp:docPr")[0].set("descr", "")
        drawing.xpath(".//wp:docPr")[0].set("id", "90")
        footer._p.append(footer.add_run()._r)
        footer.runs[-1]._r.append(drawing)

    findings = audit_document(build(tmp_path / "ft.docx", change))
    assert rules(findings) == ["alt-text"]
    assert "the footer (footer1.xml)" in findings[0].where


@pytest.mark.parametrize(("colour", "ratio"), [("FFE000", "1.3"), ("CCCCCC", "1.6")])
def test_a_heading_style_in_a_light_colour_fails_contrast(
    tmp_path: Path, colour: str, ratio: str
) -> None:
    def change(doc: Any, _: dict[str, Any]) -> None:
        from docx.shared import RGBColor

        doc.styles["Heading 1"].font.color.rgb = RGBColor.from_string(colour)

    findings = audit_document(build(tmp_path / "y.docx", change))
    assert rules(findings) == ["contrast"]
    assert findings[0].where == "style 'Heading 1'"
    assert f"#{colour} on #FFFFFF: a contrast ratio of {ratio}:1" in findings[0].message


def test_a_table_style_header_row_in_white_on_pale_fill_fails(tmp_path: Path) -> None:
    def change(doc: Any, parts: dict[str, Any]) -> None:
        from lxml import etree

        style = doc.styles["Light Grid Accent 1"] if "Light Grid Accent 1" in [
            s.name for s in doc.styles] else doc.styles["Table Grid"]
        parts["table"].style = style
        el = style.element
        section = etree.SubElement(el, qn("w:tblStylePr"))
        section.set(qn("w:type"), "firstRow")
        rpr = etree.SubElement(section, qn("w:rPr"))
        etree.SubElement(rpr, qn("w:color")).set(qn("w:val"), "FFFFFF")
        tcpr = etree.SubElement(section, qn("w:tcPr"))
        shd = etree.SubElement(tcpr, qn("w:shd"))
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:fill"), "DDDDDD")

    findings = audit_document(build(tmp_path / "ts.docx", change))
    assert "contrast" in rules(findings)
    assert any(f.where.endswith(", header row'") or ", header row" in f.where
               for f in findings if f.code == "contrast"), [f.where for f in findings]


def test_a_header_picture_with_the_charts_drawing_id_is_found(tmp_path: Path) -> None:
    def change(doc: Any, parts: dict[str, Any]) -> None:
        body_id = parts["inline"].docPr.get("id")
        _header_picture(doc, "Council logo").set("id", body_id)

    findings = audit_document(build(tmp_path / "id.docx", change))
    assert rules(findings) == ["drawing-ids"]
    assert "in the header (header1.xml)" in findings[0].where
    assert "the same as drawing 1" in findings[0].message


def test_external_content_in_a_document_is_found(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from hostile.template_corpus import BY_NAME
    from hostile.template_corpus import build as build_template

    findings = audit_document(build_template(BY_NAME["linked-picture-http"], tmp_path))
    assert "external" in rules(findings)
    external = [f for f in findings if f.code == "external"][0]
    assert "rId90" in external.message and "127.0.0.1" in external.message


def test_every_rule_is_a_documented_issue_code() -> None:
    from pipeline.issues import CODES

    assert set(RULES) <= set(CODES)
