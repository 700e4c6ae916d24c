"""A template `committee templates check` rejects is refused by every document command and
by the batch, with the check's located message, even where filling it in would not fail
(a field never closed, `{{ organisation`, used to be read as text: the title and council
name vanished from page 1 and the document was written, exit 0)."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.render import engine
from pipeline.render.templates import TEMPLATE_NAMES, shipped_templates_dir

ROOT = Path(__file__).resolve().parent.parent
PLAN_BOOK = ROOT / "inputs" / "childrens-services-improvement-plan.xlsx"
UNCLOSED = "a field starts with {{ but does not end in this paragraph"


def broken_plan(folder: Path, name: str = "broken-plan.docx", kind: str = "plan") -> Path:
    """The shipped plan template with its title paragraph `{{ title }} {{ councillor }}
    {{ organisation` (no closing braces), as a council user typed it (or `kind`'s)."""
    source = shipped_templates_dir() / TEMPLATE_NAMES[kind]
    path = folder / name
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                assert "{{ title }}" in text
                data = text.replace("{{ title }}", "{{ title }} {{ councillor }} "
                                    "{{ organisation", 1).encode("utf-8")
            zout.writestr(info, data)
    return path


@pytest.mark.parametrize("fast", [True, False], ids=["frame", "docxtpl"])
def test_plan_refuses_a_template_the_check_rejects(
        fast: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "FAST_FRAME", fast)
    template = broken_plan(tmp_path)
    check = CliRunner().invoke(main, ["templates", "check", str(template)])
    assert check.exit_code == 1 and UNCLOSED in check.output
    out = tmp_path / "plan.docx"
    run = CliRunner().invoke(main, ["plan", str(PLAN_BOOK), "-o", str(out),
                                    "--template", str(template)])
    assert run.exit_code == 1, run.output
    assert not out.exists()
    said = " ".join(run.output.split())
    assert "The Word template broken-plan.docx cannot be used." in said
    where = ("In the body, paragraph 1 (“{{ title }} {{ councillor }} {{ organisation”): ")
    assert where + UNCLOSED in said  # where, what was found, what to do, as the check says
    assert "Finish it with the matching }} or %} on the same line" in said
    # the unknown name in the same paragraph is reported too, by the check and here
    assert "uses the name 'councillor', which plan documents do not provide" in said
    assert "uses the name 'councillor'" in check.output
    assert f"check it with `committee templates check {template}`" in said


@pytest.mark.parametrize("kind", ["briefing", "performance", "response", "report"])
def test_every_document_command_refuses_it(kind: str, tmp_path: Path) -> None:
    book = {"performance": ROOT / "inputs" / "performance-indicators.xlsx",
            "response": ROOT / "inputs" / "cabinet-response.xlsx"}.get(kind, PLAN_BOOK)
    template = broken_plan(tmp_path, TEMPLATE_NAMES[kind], kind)
    out = tmp_path / "made.docx"
    run = CliRunner().invoke(main, [kind, str(book), "-o", str(out), "--template",
                                    str(template)])
    assert run.exit_code == 1, run.output
    assert UNCLOSED in run.output and not out.exists()
    assert f"The Word template {TEMPLATE_NAMES[kind]} cannot be used." in run.output


def test_batch_reports_the_template_and_makes_no_plan(tmp_path: Path) -> None:
    inputs, outputs, templates = tmp_path / "in", tmp_path / "out", tmp_path / "templates"
    inputs.mkdir()
    templates.mkdir()
    shutil.copy(PLAN_BOOK, inputs / PLAN_BOOK.name)
    broken_plan(templates, TEMPLATE_NAMES["plan"])
    run = CliRunner().invoke(main, ["batch", str(inputs), str(outputs), "--templates",
                                    str(templates), "-j", "1"])
    said = " ".join(run.output.split())
    assert run.exit_code == 1, run.output
    assert f"The template {TEMPLATE_NAMES['plan']} cannot be used" in said
    assert UNCLOSED in said
    assert f"That document was not made for {PLAN_BOOK.name}; the other documents were." in said
    assert "(2 template problems)" in said
    assert not [p for p in outputs.rglob("*.docx") if "plan" in p.name.lower()
                and "brief" not in p.name.lower() and "report" not in p.name.lower()]
    # run again, nothing changed: the workbook is not "skipped, unchanged" - its plan was
    # never made - and the template's fault is said again
    again = CliRunner().invoke(main, ["batch", str(inputs), str(outputs), "--templates",
                                      str(templates), "-j", "1"])
    said = " ".join(again.output.split())
    assert again.exit_code == 1, again.output
    assert "skipped, unchanged" not in said
    assert f"The template {TEMPLATE_NAMES['plan']} cannot be used" in said


def test_a_good_council_template_is_still_used(tmp_path: Path) -> None:
    template = shutil.copy(shipped_templates_dir() / TEMPLATE_NAMES["plan"],
                           tmp_path / "our-plan.docx")
    out = tmp_path / "plan.docx"
    run = CliRunner().invoke(main, ["plan", str(PLAN_BOOK), "-o", str(out),
                                    "--template", str(template)])
    assert run.exit_code == 0, run.output
    assert out.exists()
