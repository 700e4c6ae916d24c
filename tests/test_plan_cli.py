"""`committee plan`: small workbooks built with openpyxl, run through the CLI, read back."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn

from pipeline.cli import main

ROOT = Path(__file__).resolve().parent.parent
TELFORD = ROOT / "tests" / "data" / "telford-plan-as-kept.xlsx"
HEADERS = ["Priority", "Ref", "Recommendation", "Action", "Outcome", "Source", "Measure",
           "Timescale", "Lead", "Target date", "Progress", "Status"]
TRICKY = "Tom & Jerry <b> \"quoted\" 'single' £250 – 😀"


def row(action: str | None, status: str | None, priority: str | None = None,
        ref: str | None = None, rec: str | None = None, progress: str = "Done.",
        target: Any = "30/07/2013") -> list[Any]:
    return [priority, ref, rec, action, "Outcome", "Ofsted 2012", "Audit", "3 months",
            "Ann Smith", target, progress, status]


def workbook(path: Path, actions: list[list[Any]], details: dict[str, str] | None = None) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Actions"
    ws.append(HEADERS)
    for r in actions:
        ws.append(r)
    if details:
        sheet = wb.create_sheet("Details")
        for key, value in details.items():
            sheet.append([key, value])
    wb.save(path)
    return path


GOOD_ROWS = [
    row("Amend the monitoring of S47 enquiries", "Complete", "PRIORITY 1: SAFETY FIRST", "R1",
        "Record enquiries promptly", progress=f"Line one\n{TRICKY}"),
    row("Weekly meetings", "Behind schedule"),
    row(None, None, None, "R2", "End unsafe practice", progress=""),
    row("Agree specification", "green", "2", "R4", "Edge of care service"),
]
DETAILS = {"Title": "Children's Improvement Plan", "Organisation": "Telford & Wrekin Council",
           "As at": "01/05/2013"}


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_plan_writes_document_and_reconciles(tmp_path: Path, runner: CliRunner) -> None:
    book = workbook(tmp_path / "plan.xlsx", GOOD_ROWS, DETAILS)
    out = tmp_path / "out" / "plan.docx"
    result = runner.invoke(main, ["plan", str(book), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"Wrote {out}" in result.output
    assert "3 actions and 3 recommendations in, 3 and 3 written" in result.output
    doc = docx.Document(str(out))
    paras = [(p.style.name, p.text) for p in doc.paragraphs]
    assert paras[0] == ("Title", "Children's Improvement Plan")
    assert ("Normal", "Position as at 1 May 2013") in paras
    assert ("Heading 1", "Priority 1: SAFETY FIRST") in paras
    assert ("Heading 2", "R2: End unsafe practice") in paras
    assert ("Normal", "No actions have been agreed for this recommendation yet.") in paras
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Action")
    assert table.rows[1].cells[7].text == f"Line one\n{TRICKY}"
    status = table.rows[2].cells[8]
    assert status.text == "Behind schedule"
    assert status._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) == "D4351C"


def test_default_output_is_outputs_slug_of_title(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = workbook(tmp_path / "plan.xlsx", GOOD_ROWS, DETAILS)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["plan", str(book)])
    assert result.exit_code == 0, result.output
    expected = Path("outputs") / "childrens-improvement-plan.docx"
    assert f"Wrote {expected}" in result.output
    assert (tmp_path / expected).is_file()


def test_invalid_workbook_exits_1_with_located_issue_and_writes_nothing(
    tmp_path: Path, runner: CliRunner
) -> None:
    rows = [*GOOD_ROWS[:2], row("Third action", "Purple")]
    book = workbook(tmp_path / "bad.xlsx", rows, DETAILS)
    out = tmp_path / "bad.docx"
    result = runner.invoke(main, ["plan", str(book), "-o", str(out)])
    assert result.exit_code == 1
    assert "row 4" in result.output and "'Status'" in result.output
    assert "Purple" in result.output
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [book]


def test_warnings_are_printed_and_document_made(tmp_path: Path, runner: CliRunner) -> None:
    rows = [*GOOD_ROWS, row("Agree specification", "green")]  # the same action twice
    book = workbook(tmp_path / "dup.xlsx", rows, DETAILS)
    out = tmp_path / "dup.docx"
    result = runner.invoke(main, ["plan", str(book), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Warning: sheet 'Actions', row 6" in result.output
    assert "4 actions and 3 recommendations in, 4 and 3 written" in result.output
    assert out.is_file()


def test_bad_template_exits_1_naming_it(tmp_path: Path, runner: CliRunner) -> None:
    book = workbook(tmp_path / "plan.xlsx", GOOD_ROWS, DETAILS)
    tpl = docx.Document()
    tpl.add_paragraph("{{ chairman }}")
    tpl.add_paragraph("{{ body }}")
    tpl.save(str(tmp_path / "council.docx"))
    out = tmp_path / "plan.docx"
    result = runner.invoke(main, ["plan", str(book), "-o", str(out),
                                  "--template", str(tmp_path / "council.docx")])
    assert result.exit_code == 1
    assert "council.docx" in result.output and "{{ chairman }}" in result.output
    assert not out.exists()


def test_custom_template_is_used(tmp_path: Path, runner: CliRunner) -> None:
    book = workbook(tmp_path / "plan.xlsx", GOOD_ROWS, DETAILS)
    tpl = docx.Document()
    tpl.add_paragraph("Our council: {{ organisation }}")
    tpl.add_paragraph("{{ body }}")
    tpl.save(str(tmp_path / "council.docx"))
    out = tmp_path / "plan.docx"
    result = runner.invoke(main, ["plan", str(book), "-o", str(out),
                                  "--template", str(tmp_path / "council.docx")])
    assert result.exit_code == 0, result.output
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert texts[0] == "Our council: Telford & Wrekin Council"


def test_telford_plan_keeps_every_action_and_recommendation(
    tmp_path: Path, runner: CliRunner
) -> None:
    out = tmp_path / "telford.docx"
    result = runner.invoke(main, ["plan", str(TELFORD), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "57 actions and 28 recommendations in, 57 and 28 written" in result.output
    doc = docx.Document(str(out))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert "Priority 6: ENSURE WE LEARN FROM EACH OTHER SO THAT WE HAVE THE KNOWLEDGE SKILLS " \
           "AND CAPACITY TO KEEP CHILDREN SAFE (QA)" in headings
    key = doc.tables[0]
    assert [r.cells[0].text for r in key.rows[1:]] == [
        "Complete", "In Progress on schedule", "Behind Schedule"]


def require_soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is required in CI but is not installed")
        pytest.skip("LibreOffice is not installed")
    if not shutil.which("pdftotext"):
        if os.environ.get("CI"):
            pytest.fail("pdftotext is required in CI but is not installed")
        pytest.skip("pdftotext is not installed")
    return exe


def test_libreoffice_prints_every_recommendation(tmp_path: Path, runner: CliRunner) -> None:
    exe = require_soffice()
    out = tmp_path / "telford.docx"
    assert runner.invoke(main, ["plan", str(TELFORD), "-o", str(out)]).exit_code == 0
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(out)],
        check=True, capture_output=True, timeout=180,
    )
    pdf = tmp_path / "telford.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True, timeout=60).stdout
    import json

    refs = json.loads((ROOT / "tests" / "data" / "telford-plan-as-kept.json").read_text())["refs"]
    missing = [ref for ref in refs if not re.search(rf"\b{ref}:", text)]
    assert missing == []
    assert re.search(r"Page 1 of \d+", text)
    assert "Key to RAG rating" in text


def test_telford_key_colours_and_its_two_recommendations_with_no_actions(
    tmp_path: Path, runner: CliRunner
) -> None:
    out = tmp_path / "telford.docx"
    assert runner.invoke(main, ["plan", str(TELFORD), "-o", str(out)]).exit_code == 0
    doc = docx.Document(str(out))
    key = doc.tables[0]
    fills = [r.cells[0]._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) for r in key.rows[1:]]
    assert fills == ["1D70B8", "00703C", "D4351C"]  # Blue, Green, Red of its RAG key
    paras = [(p.style.name, p.text) for p in doc.paragraphs]
    empty = [paras[i - 1][1] for i, (_, text) in enumerate(paras)
             if text == "No actions have been agreed for this recommendation yet."]
    assert [heading.split(":")[0] for heading in empty] == ["R2", "R7"]
