"""`committee audit` on text given its own colour outside shaded cells, and on old VML
pictures (issue 19): each fails on a document built to break it, passes when fixed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import INPUTS
from test_audit import build, rules

from pipeline.audit import audit_document, audit_template
from pipeline.cli import main

V = "urn:schemas-microsoft-com:vml"
OFFICE = "urn:schemas-microsoft-com:office:office"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _coloured_paragraph(doc: Any, text: str, colour: str) -> Any:
    from docx.shared import RGBColor

    paragraph = doc.add_paragraph("Plain words, then ")
    paragraph.add_run(text).font.color.rgb = RGBColor.from_string(colour)
    return paragraph


def test_light_grey_text_on_the_white_page_fails_contrast(tmp_path: Path) -> None:
    def change(doc: Any, _: dict[str, Any]) -> None:
        _coloured_paragraph(doc, "a light grey note", "C0C0C0")

    findings = audit_document(build(tmp_path / "grey.docx", change))
    assert rules(findings) == ["contrast"]
    assert findings[0].where == "paragraph 15 ('Plain words, then a light grey note')"
    assert "Text #C0C0C0 on #FFFFFF has a contrast ratio of 1.8:1" in findings[0].message
    assert "'a light grey note'" in findings[0].message


def test_dark_text_and_light_text_on_dark_shading_pass(tmp_path: Path) -> None:
    def change(doc: Any, _: dict[str, Any]) -> None:
        from lxml import etree

        _coloured_paragraph(doc, "dark blue words", "1F3864")
        shaded = _coloured_paragraph(doc, "white on dark blue", "FFFFFF")
        shd = etree.SubElement(shaded._p.get_or_add_pPr(), f"{{{W}}}shd")
        shd.set(f"{{{W}}}val", "clear")
        shd.set(f"{{{W}}}fill", "1F3864")

    assert audit_document(build(tmp_path / "ok.docx", change)) == []


def test_white_text_on_the_page_in_the_footer_is_found(tmp_path: Path) -> None:
    def change(doc: Any, _: dict[str, Any]) -> None:
        from docx.shared import RGBColor

        footer = doc.sections[0].footer.paragraphs[0]
        footer.add_run("OFFICIAL").font.color.rgb = RGBColor.from_string("FFFFFF")

    findings = audit_document(build(tmp_path / "ft.docx", change))
    assert rules(findings) == ["contrast"]
    assert findings[0].where == "paragraph 1 ('OFFICIAL') in the footer (footer1.xml)"
    assert "1.0:1" in findings[0].message


def _vml_picture(doc: Any, parts: dict[str, Any], *, alt: str = "", title: str = "",
                 fallback: bool = False) -> None:
    """An old-style logo (w:pict/v:shape/v:imagedata) on the image the body already holds."""
    from lxml import etree

    rid = parts["inline"].xpath(".//a:blip")[0].get(f"{{{R}}}embed")
    shape = (f'<v:shape xmlns:v="{V}" id="_x0000_i1025" style="width:40pt;height:40pt"'
             + (f' alt="{alt}"' if alt else "") + ">"
             f'<v:imagedata xmlns:r="{R}" xmlns:o="{OFFICE}" r:id="{rid}"'
             + (f' o:title="{title}"' if title else "") + "/></v:shape>")
    pict = f'<w:pict xmlns:w="{W}">{shape}</w:pict>'
    if fallback:  # Word's VML copy of a modern drawing
        xml = (f'<mc:AlternateContent xmlns:mc="{MC}"><mc:Fallback>{pict}</mc:Fallback>'
               "</mc:AlternateContent>")
    else:
        xml = pict
    run = doc.add_paragraph().add_run()
    run._r.append(etree.fromstring(xml))


def test_a_vml_picture_without_alt_text_is_found(tmp_path: Path) -> None:
    findings = audit_document(build(tmp_path / "vml.docx", _vml_picture))
    assert rules(findings) == ["alt-text"]
    assert findings[0].where == "VML picture 1 (_x0000_i1025)"
    assert "VML picture" in findings[0].message and "Edit Alt Text" in findings[0].message
    result = CliRunner().invoke(main, ["audit", str(tmp_path / "vml.docx")])
    assert result.exit_code == 1 and "[alt-text] VML picture 1" in result.output


@pytest.mark.parametrize("given", [{"alt": "Council logo"}, {"title": "Council logo"},
                                   {"fallback": True}])
def test_a_vml_picture_with_alt_text_or_title_or_as_a_fallback_passes(
    tmp_path: Path, given: dict[str, Any]
) -> None:
    def change(doc: Any, parts: dict[str, Any]) -> None:
        _vml_picture(doc, parts, **given)

    assert audit_document(build(tmp_path / "vml-ok.docx", change)) == []


def test_a_template_with_a_vml_logo_and_grey_text_is_refused(tmp_path: Path) -> None:
    def change(doc: Any, parts: dict[str, Any]) -> None:
        _vml_picture(doc, parts)
        _coloured_paragraph(doc, "grey frame text", "BFBFBF")

    found = audit_template(build(tmp_path / "template.docx", change))
    wheres = {f.code: f.where for f in found if f.where != "style 'Heading 3'"}
    assert wheres == {"alt-text": "VML picture 1 (_x0000_i1025)",
                      "contrast": "paragraph 16 ('Plain words, then grey frame text')"}


@pytest.mark.parametrize("args", [
    ["exceptions", str(INPUTS / "childrens-services-improvement-plan.xlsx"),
     "--indicators", str(INPUTS / "performance-indicators.xlsx")],
    ["report", str(INPUTS / "childrens-services-improvement-plan.xlsx"),
     "--indicators", str(INPUTS / "performance-indicators.xlsx"),
     "--response", str(INPUTS / "cabinet-response.xlsx")],
], ids=["exceptions", "report"])
def test_the_exception_and_committee_reports_pass_the_audit(
    args: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "made.docx"
    made = CliRunner().invoke(main, [*args, "-o", str(out)])
    assert made.exit_code == 0, made.output
    assert audit_document(out) == []
