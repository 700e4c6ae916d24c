"""`templates check` and the documents made from a template: pictures in headers need alt
text, style colours meet 4.5:1, and drawing ids are unique across the whole package
(issue 14 item 5)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.shared import Cm, RGBColor

from pipeline.audit import audit_document
from pipeline.cli import main
from pipeline.render.engine import render_document
from pipeline.render.lint import lint_template
from pipeline.render.templates import TEMPLATE_NAMES, shipped_templates_dir

ROOT = Path(__file__).resolve().parent.parent
INDICATORS = ROOT / "inputs" / "performance-indicators.xlsx"


def png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (0, 94, 165)).save(buffer, "PNG")
    return buffer.getvalue()


def template_with_logo(tmp_path: Path, kind: str, descr: str, drawing_id: str = "1") -> Path:
    doc = docx.Document(str(shipped_templates_dir() / TEMPLATE_NAMES[kind]))
    run = doc.sections[0].header.add_paragraph().add_run()  # a paragraph of its own
    run.add_picture(io.BytesIO(png()), width=Cm(2))
    doc_pr = run._r.xpath(".//wp:docPr")[0]
    doc_pr.set("descr", descr)
    doc_pr.set("id", drawing_id)
    path = tmp_path / TEMPLATE_NAMES[kind]
    doc.save(str(path))
    return path


def test_templates_check_finds_a_header_logo_without_alt_text(tmp_path: Path) -> None:
    path = template_with_logo(tmp_path, "plan", descr="")
    errors = lint_template(path, "plan").report.errors
    assert [e.code for e in errors] == ["accessibility-error"]
    assert errors[0].message.startswith("In image 1 (Picture 1) in the header (header1.xml): "
                                        "The image has no alternative text")
    run = CliRunner().invoke(main, ["templates", "check", str(path)])
    assert run.exit_code == 1
    assert "1 problem to fix" in run.output and "Edit Alt Text" in run.output


@pytest.mark.parametrize(("colour", "ratio"), [("FFE000", "1.3"), ("CCCCCC", "1.6")])
def test_templates_check_and_audit_find_a_light_heading_style(
    tmp_path: Path, colour: str, ratio: str
) -> None:
    doc = docx.Document(str(shipped_templates_dir() / TEMPLATE_NAMES["plan"]))
    doc.styles["Heading 1"].font.color.rgb = RGBColor.from_string(colour)
    template = tmp_path / "yellow-plan.docx"
    doc.save(str(template))
    errors = lint_template(template, "plan").report.errors
    assert len(errors) == 1
    assert errors[0].message.startswith(f"In style 'Heading 1': Text in the style 'Heading 1' "
                                        f"is #{colour} on #FFFFFF: a contrast ratio of {ratio}:1")
    out = tmp_path / "plan.docx"
    made = CliRunner().invoke(main, ["plan", str(ROOT / "inputs" /
                                                 "childrens-services-improvement-plan.xlsx"),
                                     "-o", str(out), "--template", str(template)])
    assert made.exit_code == 0, made.output
    findings = audit_document(out)
    assert [(f.code, f.where) for f in findings] == [("contrast", "style 'Heading 1'")]


def drawing_ids(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return [i for name in archive.namelist() if name.startswith("word/")
                and name.endswith(".xml")
                for i in re.findall(rb'<wp:docPr id="(\d+)"', archive.read(name))]


def test_charts_are_numbered_after_a_header_logo(tmp_path: Path) -> None:
    from pipeline.reader import read_workbook
    from pipeline.run_document import build_model

    template = template_with_logo(tmp_path, "performance", descr="Council logo")
    model = build_model("performance", read_workbook(INDICATORS))
    out = render_document(model, tmp_path / "performance.docx", template=template)
    ids = drawing_ids(out)
    assert len(ids) > 2 and b"1" in ids  # the logo kept its id; the charts follow it
    assert len(set(ids)) == len(ids), sorted(ids)
    assert audit_document(out) == []
