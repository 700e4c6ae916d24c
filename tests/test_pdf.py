"""PDFs through LibreOffice: shared out by size over the cores, long ones alone or refused."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.batch import pdf
from pipeline.cli import main

HAVE_SOFFICE = shutil.which("soffice") is not None or bool(os.environ.get("CI"))
needs_soffice = pytest.mark.skipif(not HAVE_SOFFICE, reason="LibreOffice is not installed")


def text_part_of(path: Path, size: int) -> Path:
    """A package whose word/document.xml is `size` bytes (only its size is read)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", b"<w:document/>".ljust(size))
    return path


def plan(tmp_path: Path, name: str, actions: int) -> Path:
    from tests.test_batch import plan_workbook

    book = tmp_path / f"{name}.xlsx"
    plan_workbook(book, actions)
    out = tmp_path / f"{name}.docx"
    result = CliRunner().invoke(main, ["plan", str(book), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_pages_are_estimated_from_the_size_of_the_text_part(tmp_path: Path) -> None:
    assert pdf.estimated_pages(text_part_of(tmp_path / "a.docx", 110_000)) == 10
    assert pdf.estimated_pages(text_part_of(tmp_path / "b.docx", 100)) == 1
    broken = tmp_path / "c.docx"
    broken.write_bytes(b"not a zip")
    assert pdf.estimated_pages(broken) == 1


def test_documents_are_shared_out_by_size_and_a_long_one_goes_alone() -> None:
    pages = {Path(f"d{k}.docx"): n for k, n in enumerate([120, 80, 60, 50, 40, 30, 5])}
    groups = pdf.share_out(pages, 2)
    assert len(groups) == 2
    loads = sorted(sum(pages[d] for d in g) for g in groups)
    assert loads == [185, 200]  # longest first, each to the lighter group
    assert sorted(d for g in groups for d in g) == sorted(pages)
    pages[Path("long.docx")] = 900
    groups = pdf.share_out(pages, 2)
    assert groups[0] == [Path("long.docx")]  # alone, beside one group of all the rest
    assert len(groups) == 2 and len(groups[1]) == 7
    assert pdf.share_out({Path("one.docx"): 3}, 4) == [[Path("one.docx")]]


@needs_soffice
def test_a_document_over_the_page_limit_is_refused_with_the_reason(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "PAGE_LIMIT", 3)
    big, small = plan(tmp_path, "big", 40), plan(tmp_path, "small", 1)
    result = pdf.convert_to_pdf([big, small], tmp_path / "work")
    assert list(result.made) == [small]
    assert small.with_suffix(".pdf").read_bytes().startswith(b"%PDF")
    (problem,) = result.problems
    assert problem.file == str(big)
    assert problem.message.startswith(f"No PDF was made of {big}: it is about ")
    assert "over the 3 pages that can be converted to PDF here" in problem.message
    assert "open it in Word and use Save As PDF" in problem.message
    assert not big.with_suffix(".pdf").exists()


@needs_soffice
def test_long_document_is_converted_alone_beside_the_others_with_a_notice(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "LARGE_PAGES", 5)
    docs = [plan(tmp_path, "long plan", 30), plan(tmp_path, "a", 1), plan(tmp_path, "b", 2)]
    said: list[str] = []
    result = pdf.convert_to_pdf(docs, tmp_path / "work", notice=said.append, converters=2)
    assert result.problems == []
    assert sorted(result.made) == sorted(docs)
    pages = pdf.estimated_pages(docs[0])
    assert said == [f"Converting long plan.docx to PDF on its own (about {pages} pages; it can "
                    "take a few minutes)."]
    text = subprocess.run(["pdftotext", str(docs[2].with_suffix(".pdf")), "-"],
                          capture_output=True, text=True).stdout
    assert "Action1:review&report" in "".join(text.split())  # however its column wraps it
    # one profile per converter, so that two LibreOffices never share one
    profiles = sorted(p.name for p in (tmp_path / "work").glob("libreoffice-profile*"))
    assert profiles == ["libreoffice-profile-1", "libreoffice-profile-2"]


@needs_soffice
def test_a_converter_past_its_time_is_stopped_and_the_user_told(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("TIMEOUT_BASE", "TIMEOUT_PER_FILE", "TIMEOUT_PER_PAGE"):
        monkeypatch.setattr(pdf, name, 0.0)  # one second: LibreOffice cannot start in that
    doc = plan(tmp_path, "plan", 3)
    result = pdf.convert_to_pdf([doc], tmp_path / "work")
    assert result.made == {}
    (problem,) = result.problems
    assert problem.message.startswith(
        f"LibreOffice did not make a PDF of {doc} (LibreOffice took longer than 1 seconds "
        "and was stopped).")
    if Path("/proc").is_dir():  # nothing of it is left running with this profile
        profile = str((tmp_path / "work").resolve())
        for proc in Path("/proc").iterdir():
            try:
                cmdline = (proc / "cmdline").read_bytes()
            except OSError:
                continue
            assert profile.encode() not in cmdline
