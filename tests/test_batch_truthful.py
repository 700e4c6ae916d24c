"""What the end of a batch says is what it did: every PDF made counted (those of documents
made earlier too), a dry run with --force says what it would keep, plurals agree, and
nothing of the batch's own is left in the clerk's OUTPUTS folder (no lock file, no
LibreOffice profiles)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_batch import plan_workbook

from pipeline.batch import pdf
from pipeline.cli import main


def _batch(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["batch", "-j", "1", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def converted(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """A stand-in LibreOffice: a PDF beside each document asked for; what it was asked."""
    asked: list[Path] = []

    def convert(documents: list[Path], work_root: Path | None = None, notice: object = None,
                converters: int | None = None) -> pdf.PdfResult:
        result = pdf.PdfResult()
        for doc in documents:
            asked.append(doc)
            doc.with_suffix(".pdf").write_bytes(b"%PDF-1.4 stand-in")
            result.made[doc] = doc.with_suffix(".pdf")
        return result

    monkeypatch.setattr(pdf, "convert_to_pdf", convert)
    return asked


def test_pdfs_of_documents_made_earlier_are_counted_and_said(
        tmp_path: Path, converted: list[Path]) -> None:
    inputs, outputs = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    plan_workbook(inputs / "adult.xlsx", 3)
    plan_workbook(inputs / "telford.xlsx", 3, title="Telford plan")
    assert _batch(str(inputs), str(outputs))[0] == 0
    plan_workbook(inputs / "telford.xlsx", 4, title="Telford plan")  # one workbook changed
    code, out, _ = _batch(str(inputs), str(outputs), "--pdf")
    assert code == 0
    assert len(converted) == 6  # adult's three (unchanged, no PDF yet) and telford's three
    assert "3 documents made from 1 workbook; 1 skipped (unchanged); 0 failed." in out
    assert "6 PDFs made (3 for documents made earlier)." in out.splitlines()
    code, out, _ = _batch(str(inputs), str(outputs), "--pdf")  # nothing left to convert
    assert len(converted) == 6 and "PDF" not in out


@pytest.mark.parametrize(("made", "earlier", "said"), [
    (4, 0, "4 PDFs made."),
    (1, 0, "1 PDF made."),
    (16, 12, "16 PDFs made (12 for documents made earlier)."),
    (5, 1, "5 PDFs made (1 for a document made earlier)."),
    (12, 12, "12 PDFs made (all for documents made earlier)."),
    (1, 1, "1 PDF made (for a document made earlier)."),
])
def test_the_pdf_count_reads_well_for_any_numbers(made: int, earlier: int, said: str) -> None:
    from pipeline.batch.summary import pdfs_made

    assert pdfs_made(made, earlier) == said


def test_a_dry_run_with_force_says_it_would_keep_what_it_keeps(tmp_path: Path) -> None:
    inputs, outputs = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    plan_workbook(inputs / "plan.xlsx", 2)
    assert _batch(str(inputs), str(outputs))[0] == 0
    code, out, _ = _batch(str(inputs), str(outputs), "--dry-run", "--force")
    assert code == 0
    assert out.splitlines()[:4] == [
        "[1/1] plan.xlsx: nothing new would be made; would keep as circulated: plan, briefing, "
        f"exceptions in {outputs / '2013-07' / 'plan'}",
        "Dry run: nothing was written. 0 documents would be made from 1 workbook; 0 skipped "
        "(unchanged); 0 failed.",
        "3 documents already circulated and unchanged would be kept as they were.",
        "  (--force reads every workbook again, but a document that would come out the same "
        "as the one circulated is not made again: delete it to have it made again.)",
    ]
    (outputs / "2013-07" / "plan" / "briefing.docx").unlink()
    code, out, _ = _batch(str(inputs), str(outputs), "--dry-run", "--force")
    assert out.splitlines()[0] == (
        "[1/1] plan.xlsx: would make: briefing; would keep as circulated: plan, exceptions "
        f"in {outputs / '2013-07' / 'plan'}")


def test_out_of_date_pdfs_removed_agree_in_number(tmp_path: Path) -> None:
    inputs, outputs = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    plan_workbook(inputs / "adult.xlsx", 3)
    assert _batch(str(inputs), str(outputs))[0] == 0
    folder = outputs / "2013-07" / "adult"
    pdfs = [folder / "plan.pdf", folder / "briefing.pdf"]
    for stale in pdfs:
        stale.write_bytes(b"%PDF- the circulated paper")
        os.utime(stale, (stale.with_suffix(".docx").stat().st_mtime - 60,) * 2)
    plan_workbook(inputs / "adult.xlsx", 4)
    code, out, _ = _batch(str(inputs), str(outputs))
    assert code == 0
    assert (f"2 out-of-date PDFs removed (their documents were made again): {pdfs[0]}, "
            f"{pdfs[1]}") in out.splitlines()


def test_a_batch_leaves_no_lock_file_or_work_folder_in_outputs(
        tmp_path: Path, converted: list[Path]) -> None:
    inputs, outputs = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    plan_workbook(inputs / "adult.xlsx", 3)
    old_profile = outputs / ".work" / "libreoffice-profile-1" / "user"  # an earlier version's
    old_profile.mkdir(parents=True)
    (old_profile / "registrymodifications.xcu").write_text("<x/>")
    assert _batch(str(inputs), str(outputs), "--pdf")[0] == 0
    assert sorted(p.name for p in outputs.iterdir()) == [
        "2013-07", "history.sqlite", "manifest.json", "runs"]
    assert _batch(str(inputs), str(outputs), "--pdf")[0] == 0  # and again, unchanged
    assert not (outputs / ".batch.lock").exists() and not (outputs / ".work").exists()


def test_a_lock_file_removed_as_it_was_taken_is_taken_again_on_the_new_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A batch that opened the lock file just before the batch holding it ended (and
    removed it) must not hold the removed file while a third batch holds the new one."""
    from pipeline import portable
    from pipeline.batch.outputs import lock_outputs, unlock_outputs

    path = tmp_path / ".batch.lock"
    real = portable.try_lock
    calls: list[int] = []

    def try_lock(handle: object) -> bool:
        calls.append(1)
        if len(calls) == 1:  # the holder ends between our open and our lock
            path.unlink()
        return real(handle)  # type: ignore[arg-type]

    monkeypatch.setattr(portable, "try_lock", try_lock)
    handle = lock_outputs(tmp_path)
    assert len(calls) == 2
    assert os.fstat(handle.fileno()).st_ino == path.stat().st_ino
    monkeypatch.setattr(portable, "try_lock", real)
    with pytest.raises(Exception, match="Another batch is already writing"):
        lock_outputs(tmp_path)
    unlock_outputs(handle, tmp_path)
    assert not path.exists()
    unlock_outputs(lock_outputs(tmp_path), tmp_path)  # free again
    assert not path.exists()


def test_libreoffice_profiles_are_kept_in_the_users_cache_folder() -> None:
    from pipeline.batch.profiles import cache_folder

    assert cache_folder("linux", {"HOME": "/home/clerk"}) == Path(
        "/home/clerk/.cache/committee-pipeline/libreoffice")
    assert cache_folder("linux", {"HOME": "/home/clerk", "XDG_CACHE_HOME": "/c"}) == Path(
        "/c/committee-pipeline/libreoffice")
    assert cache_folder("darwin", {"HOME": "/Users/clerk"}) == Path(
        "/Users/clerk/Library/Caches/committee-pipeline/libreoffice")
    assert cache_folder("win32", {"LOCALAPPDATA": "C:/Users/clerk/AppData/Local"}) == Path(
        "C:/Users/clerk/AppData/Local/committee-pipeline/libreoffice")


def test_two_runs_at_once_never_share_a_profile(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.batch.profiles import claim_profiles

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    with claim_profiles(2) as (home, first), claim_profiles(2) as (_, second):
        assert home == tmp_path / "committee-pipeline" / "libreoffice"
        assert [p.name for p in first] == ["profile-1", "profile-2"]
        assert [p.name for p in second] == ["profile-3", "profile-4"]
    with claim_profiles(1) as (_, again):
        assert [p.name for p in again] == ["profile-1"]
