"""A committee report whose meeting moved to another month leaves no copy in the old month's
folder: the batch removes the report (and its PDF) that the previous run's manifest says it
wrote there, says so in the words of its agenda pack lines, and leaves every other file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import require_soffice
from test_pack import COMMITTEE
from test_pack_moved import _before_the_meetings, _workbook  # noqa: F401 (the fixture)

from pipeline.batch.moved import _held as held
from pipeline.cli import main


def _batch(inputs: Path, outputs: Path, *options: str) -> tuple[int, list[str], list[str]]:
    result = CliRunner().invoke(main, ["batch", str(inputs), str(outputs), "--jobs", "1",
                                       *options])
    return result.exit_code, result.stdout.splitlines(), result.stderr.splitlines()


def _manifest(outputs: Path) -> dict[str, Any]:
    return json.loads((outputs / "manifest.json").read_text(encoding="utf-8"))


def _write_manifest(outputs: Path, manifest: dict[str, Any]) -> None:
    (outputs / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


def _moved_line(old: Path, new: Path, pdf: bool = False) -> str:
    return (f"Removed the out-of-date committee report {old}{' and its PDF' if pdf else ''} "
            f"(the report 'Fostering plan' ({new}) is now for the meeting of {COMMITTEE} on "
            "12 September 2013)")


def _first_run(tmp_path: Path, *options: str) -> tuple[Path, Path, Path]:
    inputs, outputs = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    _workbook(inputs / "fostering.xlsx", "Fostering plan", "5")
    code, out, err = _batch(inputs, outputs, *options)
    assert code == 0, out + err
    old = outputs / "2013-08" / "fostering" / "report.docx"
    assert old.is_file()
    _workbook(inputs / "fostering.xlsx", "Fostering plan", "5", meeting="12/09/2013")
    return inputs, outputs, old


def test_a_report_moved_to_another_month_is_removed_from_the_old_months_folder(
        tmp_path: Path) -> None:
    from pipeline.pack_reports import find_reports

    inputs, outputs, old = _first_run(tmp_path)
    folder = old.parent
    notes = folder / "notes.docx"  # a clerk's own file in the folder
    notes.write_bytes(b"the clerk's notes")
    code, out, err = _batch(inputs, outputs)
    assert code == 0, out + err
    new = outputs / "2013-09" / "fostering" / "report.docx"
    assert new.is_file() and not old.exists()
    assert _moved_line(old, new) in out
    assert out[-1].startswith("Manifest: ")
    # only the report: the month's other papers and the clerk's file are left as they were
    assert sorted(p.name for p in folder.iterdir()) == [
        "briefing.docx", "exceptions.docx", "notes.docx", "plan.docx"]
    assert notes.read_bytes() == b"the clerk's notes"
    # so `committee pack` finds no report of the old meeting to pack again
    assert find_reports(outputs) == [new]
    assert _manifest(outputs)["reports_moved"] == [
        {"report": "2013-09/fostering/report.docx",
         "removed": ["2013-08/fostering/report.docx"]}]
    code, out, err = _batch(inputs, outputs)  # the next run has nothing more to remove
    assert code == 0 and not any("committee report" in line for line in out + err)
    assert "reports_moved" not in _manifest(outputs)


def test_a_report_moved_within_its_month_removes_nothing(tmp_path: Path) -> None:
    inputs, outputs = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    _workbook(inputs / "fostering.xlsx", "Fostering plan", "5")
    assert _batch(inputs, outputs)[0] == 0
    _workbook(inputs / "fostering.xlsx", "Fostering plan", "5", meeting="22/08/2013")
    code, out, err = _batch(inputs, outputs)
    assert code == 0, out + err
    assert (outputs / "2013-08" / "fostering" / "report.docx").is_file()
    assert not any("committee report" in line for line in out + err)
    assert "reports_moved" not in _manifest(outputs)


def test_a_report_changed_since_the_batch_wrote_it_is_left_with_a_warning(
        tmp_path: Path) -> None:
    inputs, outputs, old = _first_run(tmp_path)
    edited = old.read_bytes() + b"\0"  # saved again by someone since the batch wrote it
    old.write_bytes(edited)
    code, out, err = _batch(inputs, outputs)
    assert code == 0, out + err
    assert old.read_bytes() == edited
    new = outputs / "2013-09" / "fostering" / "report.docx"
    assert (f"Warning: {old} is the committee report of an earlier run, out of date (the "
            f"report 'Fostering plan' ({new}) is now for the meeting of {COMMITTEE} on 12 "
            "September 2013), but it was changed after the batch wrote it, so it was left as "
            "it is. Delete it if it is not to be circulated.") in [line.strip() for line in err]
    assert not any(line.startswith("Removed the out-of-date committee report") for line in out)
    assert "reports_moved" not in _manifest(outputs)


def test_nothing_the_manifest_does_not_say_the_batch_wrote_is_removed(tmp_path: Path) -> None:
    """A manifest naming a file outside OUTPUTS (edited by hand), or listing no hash for the
    report: the file is left."""
    inputs, outputs, old = _first_run(tmp_path)
    elsewhere = tmp_path / "elsewhere" / "report.docx"
    elsewhere.parent.mkdir()
    elsewhere.write_bytes(old.read_bytes())
    manifest = _manifest(outputs)
    (report,) = [d for d in manifest["inputs"][0]["documents"] if d["kind"] == "report"]
    report["path"] = str(elsewhere)
    report["pdf"] = str(elsewhere.with_suffix(".pdf"))
    elsewhere.with_suffix(".pdf").write_bytes(b"%PDF- not the batch's")
    _write_manifest(outputs, manifest)
    code, out, err = _batch(inputs, outputs)
    assert code == 0, out + err
    assert elsewhere.is_file() and elsewhere.with_suffix(".pdf").is_file()
    assert old.is_file()  # not listed by the manifest any more: not the batch's to remove
    assert not any("committee report" in line for line in out + err)


def test_a_report_the_manifest_lists_with_no_hash_is_left(tmp_path: Path) -> None:
    inputs, outputs, old = _first_run(tmp_path)
    manifest = _manifest(outputs)
    for doc in manifest["inputs"][0]["documents"]:
        doc["sha256"] = None
    _write_manifest(outputs, manifest)
    code, out, err = _batch(inputs, outputs)
    assert code == 0, out + err
    assert old.is_file()
    assert not any("committee report" in line for line in out + err)


def test_a_dry_run_removes_nothing(tmp_path: Path) -> None:
    inputs, outputs, old = _first_run(tmp_path)
    code, out, err = _batch(inputs, outputs, "--dry-run")
    assert code == 0, out + err
    assert old.is_file()
    assert not any("committee report" in line for line in out + err)


def test_the_pdf_made_of_the_old_report_is_removed_with_it(tmp_path: Path) -> None:
    require_soffice()
    inputs, outputs, old = _first_run(tmp_path, "--pdf")
    old_pdf = old.with_suffix(".pdf")
    assert old_pdf.read_bytes().startswith(b"%PDF")
    code, out, err = _batch(inputs, outputs)  # without --pdf
    assert code == 0, out + err
    new = outputs / "2013-09" / "fostering" / "report.docx"
    assert not old.exists() and not old_pdf.exists()
    assert _moved_line(old, new, pdf=True) in out
    # the old month's other PDFs were not the report's: left
    assert sorted(p.name for p in old.parent.glob("*.pdf")) == [
        "briefing.pdf", "exceptions.pdf", "plan.pdf"]
    assert _manifest(outputs)["reports_moved"] == [
        {"report": "2013-09/fostering/report.docx",
         "removed": ["2013-08/fostering/report.docx", "2013-08/fostering/report.pdf"]}]


def test_a_report_that_cannot_be_removed_is_an_error_naming_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inputs, outputs, old = _first_run(tmp_path)
    unlink = Path.unlink

    def refuse(path: Path, missing_ok: bool = False) -> None:
        if path == old:
            raise PermissionError(13, "Permission denied")
        unlink(path, missing_ok)

    monkeypatch.setattr(Path, "unlink", refuse)
    code, out, err = _batch(inputs, outputs)
    assert code == 1
    assert old.is_file()
    new = outputs / "2013-09" / "fostering" / "report.docx"
    assert (f"Error: The committee report {old} is out of date (the report 'Fostering plan' "
            f"({new}) is now for the meeting of {COMMITTEE} on 12 September 2013) and could "
            "not be removed (Permission denied). Close it and delete it, so that it is not "
            "circulated.") in [line.strip() for line in err]
    assert not any(line.startswith("Removed the out-of-date committee report") for line in out)


def test_a_held_meeting_keeps_its_papers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The monthly round: the workbook names next month's meeting once August's is held. The
    batch, run after 15 August, keeps the report and pack that went to it: they are the
    papers of a meeting that has happened, not a moved meeting's."""
    import datetime as dt

    from pipeline.batch import moved

    monkeypatch.setattr(moved, "_held", lambda report, run_date: held(
        report, dt.date(2013, 8, 20)))
    inputs, outputs, old = _first_run(tmp_path)
    pack = old.parent.parent / "agenda-pack-children-young-people-scrutiny-committee-2013-08-15.pdf"
    pack.write_bytes(b"%PDF- the pack circulated for 15 August")
    code, out, err = _batch(inputs, outputs)
    assert code == 0, out + err
    assert (outputs / "2013-09" / "fostering" / "report.docx").is_file()
    assert old.is_file() and pack.read_bytes() == b"%PDF- the pack circulated for 15 August"
    assert not any("Removed" in line for line in out + err)
