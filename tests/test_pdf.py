"""PDFs through LibreOffice: shared out by size over the cores, long ones alone or refused."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
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
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    docs = [plan(tmp_path, "long plan", 60), plan(tmp_path, "a", 1), plan(tmp_path, "b", 2)]
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
    # one profile per converter, so that two LibreOffices never share one, kept in the
    # user's cache folder (never beside the documents)
    cache = tmp_path / "cache" / "committee-pipeline" / "libreoffice"
    profiles = sorted(p.name for p in cache.glob("profile-*") if p.is_dir())
    assert profiles == ["profile-1", "profile-2"]
    assert not list((tmp_path / "work").iterdir())


SLOW_CONVERTER = """#!/bin/sh
# A LibreOffice that would take a minute: a launcher that starts the program (as soffice
# starts soffice.bin), both deaf to a polite stop, and only then writes its PDFs.
trap '' HUP INT TERM
outdir=""
previous=""
for arg in "$@"; do
    [ "$previous" = "--outdir" ] && outdir="$arg"
    previous="$arg"
done
sh -c 'sleep 60; :' soffice.bin "$@" &
echo "$$ $!" > "{pids}"
sleep 60
for arg in "$@"; do
    case "$arg" in *.docx) echo '%PDF-1.4' > "$outdir/$(basename "$arg" .docx).pdf";; esac
done
"""


def _running(pid: int) -> bool:
    """Whether process `pid` is still running (a zombie, killed and not yet reaped, is not)."""
    stat = Path(f"/proc/{pid}/stat")
    if Path("/proc").is_dir():
        try:
            return stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"
        except (OSError, IndexError):
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True


def _group_members(group: int) -> list[int]:
    """The running processes of process group `group` (on systems with /proc)."""
    members = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[0] != "Z" and int(fields[2]) == group:
            members.append(int(proc.name))
    return members


@pytest.mark.skipif(os.name != "posix", reason="the slow converter is a POSIX shell script")
def test_a_converter_past_its_time_is_stopped_and_the_user_told(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A converter that certainly takes longer than its time (a minute against 3 seconds),
    # given as the LibreOffice to use (COMMITTEE_SOFFICE), so that the test never depends on
    # how fast the real LibreOffice happens to be.
    pids = tmp_path / "converter pids"
    converter = tmp_path / "bin" / "soffice"
    converter.parent.mkdir()
    converter.write_text(SLOW_CONVERTER.format(pids=pids))
    converter.chmod(0o755)
    monkeypatch.setenv("COMMITTEE_SOFFICE", str(converter))
    monkeypatch.setattr(pdf, "TIMEOUT_BASE", 3.0)
    monkeypatch.setattr(pdf, "TIMEOUT_PER_FILE", 0.0)
    monkeypatch.setattr(pdf, "TIMEOUT_PER_PAGE", 0.0)
    doc = plan(tmp_path, "plan", 3)
    work = tmp_path / "work"
    started = time.monotonic()
    result = pdf.convert_to_pdf([doc], work)
    took = time.monotonic() - started
    assert took < 30  # stopped at its time, not waited for (it would take 60 seconds)
    assert result.made == {}
    (problem,) = result.problems
    assert problem.file == str(doc)
    assert problem.describe() == (  # the line printed under its workbook, naming the file
        f"Warning: LibreOffice did not make a PDF of {doc} (LibreOffice took longer "
        "than 3 seconds and was stopped). The Word document is fine; open it in Word and use "
        "Save As PDF, or run the batch again with --pdf.")
    # the launcher and the program it started were both stopped, though deaf to SIGTERM
    launcher, program = (int(p) for p in pids.read_text().split())
    assert not _running(launcher) and not _running(program)
    # nothing is left behind: no PDF, no work folder, no process of its group or profile
    assert not doc.with_suffix(".pdf").exists()
    assert not list(work.glob("pdf-*"))
    if Path("/proc").is_dir():
        assert _group_members(launcher) == []
        profile = str(work.resolve())
        for proc in Path("/proc").iterdir():
            try:
                cmdline = (proc / "cmdline").read_bytes()
            except OSError:
                continue
            assert profile.encode() not in cmdline
