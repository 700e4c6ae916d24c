"""QA regressions: odd input and odd options give a located error, never a traceback or a
damaged file."""

from __future__ import annotations

import hashlib
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import ACTION_HEADERS, INPUTS, action_row, build_workbook

from pipeline.cli import main

PLAN = INPUTS / "childrens-services-improvement-plan.xlsx"
INDICATOR_HEADERS = ["Code", "Title", "Polarity", "Unit", "Target", "Tolerance"]


def run(args: list[str]) -> Result:
    result = CliRunner().invoke(main, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    return result


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- -o that would destroy something --------------------------------------------------------
def test_output_onto_the_workbook_itself_is_refused(tmp_path: Path) -> None:
    book = shutil.copy(PLAN, tmp_path / "plan.xlsx")
    before = digest(Path(book))
    result = run(["plan", str(book), "-o", str(book)])
    assert result.exit_code == 1
    assert (
        f"Error: The output {book} is the workbook plan.xlsx itself: writing the document there "
        "would replace the workbook. Give -o a different name ending in .docx. Nothing was "
        "written." in result.output
    )
    assert digest(Path(book)) == before


def test_briefing_output_onto_the_previous_workbook_is_refused(tmp_path: Path) -> None:
    book = shutil.copy(PLAN, tmp_path / "plan.xlsx")
    earlier = Path(shutil.copy(PLAN, tmp_path / "earlier.xlsx"))
    before = digest(earlier)
    result = run(["briefing", str(book), "--previous", str(earlier), "-o", str(earlier)])
    assert result.exit_code == 1
    assert f"The output {earlier} is the workbook earlier.xlsx itself" in result.output
    assert digest(earlier) == before


@pytest.mark.parametrize("name", ["report.pdf", "report"])
def test_output_not_ending_in_docx_is_refused(tmp_path: Path, name: str) -> None:
    out = tmp_path / name
    result = run(["plan", str(PLAN), "-o", str(out)])
    assert result.exit_code == 1
    stem = Path(name).stem
    assert (
        f"Error: The output {name} does not end in .docx, but the document is a Word document. "
        f"Give -o a name ending in .docx, such as {stem}.docx. Nothing was written."
        in result.output
    )
    assert not out.exists()


def test_output_onto_a_fifo_is_refused_and_left_alone(tmp_path: Path) -> None:
    out = tmp_path / "pipe.docx"
    os.mkfifo(out)
    result = run(["plan", str(PLAN), "-o", str(out)])
    assert result.exit_code == 1
    assert (
        f"Could not save {out}: it is not an ordinary file (a folder or a device), so it cannot "
        "be replaced by the document." in result.output
    )
    assert not out.is_file() and out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["pipe.docx"]  # no temporary file left


# --- text the document properties cannot hold ------------------------------------------------
def test_title_longer_than_a_document_property_is_printed_whole(tmp_path: Path) -> None:
    from docx import Document

    title = "Improvement plan for children & young people – " + "very long words " * 20
    book = build_workbook(tmp_path / "plan.xlsx", {
        "Details": [["Title", title], ["Organisation", "O" * 300]],
        "Actions": [ACTION_HEADERS, action_row(priority="1", ref="R1", recommendation="Rec")],
    })
    out = tmp_path / "plan.docx"
    result = run(["plan", str(book), "-o", str(out)])
    assert result.exit_code == 0, result.output
    doc = Document(str(out))
    props = doc.core_properties
    assert len(props.title) <= 255 and props.title.endswith("…")
    assert title.startswith(props.title[:-1])
    assert len(props.author) == 255
    assert any(p.text == title.strip() for p in doc.paragraphs)  # the page shows it all
    result = run(["briefing", str(book), "-o", str(tmp_path / "briefing.docx")])
    assert result.exit_code == 0, result.output


# --- numbers too large to chart ---------------------------------------------------------------
def test_huge_indicator_values_are_located_errors(tmp_path: Path) -> None:
    book = build_workbook(tmp_path / "pi.xlsx", {
        "Indicators": [INDICATOR_HEADERS, ["A", "Contacts", "High", "%", 80, None]],
        "Values": [["Code", "Period", "Value"], ["A", "Apr 2020", 1e308],
                   ["A", "May 2020", "9" * 30], ["A", "Jun 2020", 5]],
    })
    out = tmp_path / "pi.docx"
    result = run(["performance", str(book), "-o", str(out)])
    assert result.exit_code == 1
    limit = "is too large to be a figure in a report (the limit is 1,000,000,000,000,000). " \
        "Check the number and type it again."
    assert f"Error: sheet 'Values', row 2, column 'Value': '1e+308' {limit}" in result.output
    assert f"Error: sheet 'Values', row 3, column 'Value': '{'9' * 30}' {limit}" in result.output
    assert not out.exists()


# --- templates that are not what they seem ---------------------------------------------------
def _template_variant(tmp_path: Path, name: str, document_xml: bytes) -> Path:
    from pipeline.render.templates import shipped_templates_dir

    source = shipped_templates_dir() / "improvement-plan.docx"
    out = tmp_path / name
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            zout.writestr(item.filename,
                          document_xml if item.filename == "word/document.xml" else data)
    return out


def test_template_whose_body_is_not_word_xml(tmp_path: Path) -> None:
    template = _template_variant(tmp_path, "odd.docx", b"<?xml version='1.0'?><x>hello</x>")
    result = run(["plan", str(PLAN), "--template", str(template),
                  "-o", str(tmp_path / "plan.docx")])
    assert result.exit_code == 1
    assert ("Error: The Word template odd.docx could not be opened as a Word document ('word/"
            "document.xml holds no Word document body'). Open it in Word and save it again as "
            "'Word Document (*.docx)'.") in result.output
    assert not (tmp_path / "plan.docx").exists()


def test_template_with_body_twice_does_not_leak_its_placeholder(tmp_path: Path) -> None:
    from docx import Document

    template = tmp_path / "twice.docx"
    doc = Document()
    doc.add_paragraph("{{ body }}")
    doc.add_paragraph("{{ body }}")
    doc.save(str(template))
    out = tmp_path / "plan.docx"
    result = run(["plan", str(PLAN), "--template", str(template), "-o", str(out)])
    assert result.exit_code == 1
    assert ("Error: The Word template twice.docx has {{ body }} more than once; the document's "
            "content can only go in one place. Keep only one paragraph holding {{ body }}."
            in result.output)
    assert not out.exists()


# --- audit of damaged files -------------------------------------------------------------------
@pytest.mark.parametrize(("part", "found"), [
    ("word/document.xml", "Namespace prefix w on document is not defined, line 1, column 12"),
    ("word/styles.xml", "StartTag: invalid element name, line 1, column 2"),
    ("docProps/core.xml", "StartTag: invalid element name, line 1, column 2"),
])
def test_audit_of_a_docx_with_a_damaged_part(tmp_path: Path, part: str, found: str) -> None:
    made = tmp_path / "made.docx"
    assert run(["plan", str(PLAN), "-o", str(made)]).exit_code == 0
    damaged = tmp_path / "damaged.docx"
    broken = b"<w:document><unclosed" if part == "word/document.xml" else b"<<<"
    with zipfile.ZipFile(made) as zin, zipfile.ZipFile(damaged, "w") as zout:
        for item in zin.infolist():
            zout.writestr(item.filename, broken if item.filename == part else zin.read(item))
    result = run(["audit", str(damaged)])
    assert result.exit_code == 1
    assert result.output == (
        f"{damaged}: damaged.docx could not be audited: part of it is damaged ({found}). "
        "Open it in Word, save it again as a .docx and try again.\n"
    )


def test_audit_of_a_missing_file_and_a_folder(tmp_path: Path) -> None:
    missing = tmp_path / "missing.docx"
    result = run(["audit", str(missing), str(tmp_path)])
    assert result.exit_code == 1
    assert (f"{missing}: missing.docx could not be audited: the file was not found. Check the "
            "name and folder.") in result.output
    assert (f"{tmp_path}: {tmp_path.name} could not be audited: it is a folder, not a file. "
            "Give the .docx files inside it.") in result.output


# --- workbooks with nothing in them -----------------------------------------------------------
def test_actions_sheet_with_only_headers_is_an_error(tmp_path: Path) -> None:
    book = build_workbook(tmp_path / "plan.xlsx", {"Actions": [["MY PLAN"], ACTION_HEADERS]})
    result = run(["check", str(book)])
    assert result.exit_code == 1
    assert ("Error: sheet 'Actions', row 3, column 'Action': No actions were found: the sheet "
            "has its header row (row 2) but no action rows below it. Add one row per action "
            "below the header row.") in result.output
    result = run(["plan", str(book), "-o", str(tmp_path / "plan.docx")])
    assert result.exit_code == 1
    assert not (tmp_path / "plan.docx").exists()


def test_recommendations_sheet_with_only_headers_is_an_error(tmp_path: Path) -> None:
    headers = ["Number", "Theme", "Recommendation", "Response", "Action", "Progress"]
    book = build_workbook(tmp_path / "response.xlsx", {"Recommendations": [headers]})
    result = run(["response", str(book), "-o", str(tmp_path / "response.docx")])
    assert result.exit_code == 1
    assert ("Error: sheet 'Recommendations', row 2, column 'Recommendation': No recommendations "
            "were found: the sheet has its header row (row 1) but no recommendation rows below "
            "it. Add one row per recommendation below the header row.") in result.output
    assert not (tmp_path / "response.docx").exists()


def test_a_row_with_only_a_recommendation_is_still_a_plan(tmp_path: Path) -> None:
    row = action_row(priority="1", ref="R1", recommendation="Rec", action="", status="",
                     lead="", target=None, progress="")
    row[4:9] = [None] * 5
    book = build_workbook(tmp_path / "plan.xlsx", {"Actions": [ACTION_HEADERS, row]})
    result = run(["check", str(book)])
    assert result.exit_code == 0, result.output
    assert "1 recommendation (1 with no actions yet), 0 actions" in result.output


# --- CSV saved by Excel as "Unicode Text" -----------------------------------------------------
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_csv_is_read(tmp_path: Path, encoding: str) -> None:
    from docx import Document

    text = "Action\tStatus\tTarget date\nPay £5 & <review> – 😀\tComplete\t30/07/2013\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    book = tmp_path / "plan.csv"
    book.write_bytes(data)
    out = tmp_path / "plan.docx"
    result = run(["plan", str(book), "-o", str(out)])
    assert result.exit_code == 0, result.output
    cells = {c.text for t in Document(str(out)).tables for r in t.rows for c in r.cells}
    assert "Pay £5 & <review> – 😀" in cells
    assert "30 July 2013" in cells


# --- committee new: never half a workbook ----------------------------------------------------
NEW_ON_A_FULL_DISK = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a full disk: writes fail with EFBIG
resource.setrlimit(resource.RLIMIT_FSIZE, (3_000, 3_000))
from pipeline.cli import main
sys.argv = ["committee", "new", "plan", sys.argv[1], "--force"]
main()
"""


def test_new_on_a_full_disk_leaves_the_old_workbook_whole(tmp_path: Path) -> None:
    import subprocess
    import sys

    book = Path(shutil.copy(PLAN, tmp_path / "plan.xlsx"))
    before = digest(book)
    done = subprocess.run(
        [sys.executable, "-c", NEW_ON_A_FULL_DISK, str(book)],
        capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent, timeout=120,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stderr.startswith(
        f"Error: Could not write {book}: the disk is full. If the file is open in Excel, close "
        "it; if the disk is full, make room on it; then try again."
    )
    assert digest(book) == before
    assert [p.name for p in tmp_path.iterdir()] == ["plan.xlsx"]  # no temporary file left


def test_new_onto_a_fifo_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "pipe.xlsx"
    os.mkfifo(target)
    result = run(["new", "plan", str(target), "--force"])
    assert result.exit_code == 1
    assert (f"Error: {target} is not an ordinary file (a device or a pipe), so no workbook can "
            "be written there. Give the name of a new .xlsx file.") in result.output
    assert target.exists() and not target.is_file()


def test_batch_given_a_workbook_instead_of_a_folder(tmp_path: Path) -> None:
    book = Path(shutil.copy(PLAN, tmp_path / "plan.xlsx"))
    result = run(["batch", str(book), str(tmp_path / "outputs")])
    assert result.exit_code == 1
    assert (f"Error: The inputs folder {book} is a file, not a folder. Put the workbooks in a "
            "folder and give its name, for example: committee batch inputs outputs"
            in result.output)
    assert not (tmp_path / "outputs").exists()
