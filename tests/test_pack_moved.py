"""A report whose meeting changed leaves no pack behind listing it: when a workbook now names
another meeting date, the batch finds the pack of the old meeting (from the previous run's
manifest) and removes it, or with --pdf makes it again without that report when other
reports are still for that meeting, and says so."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import action_row, build_workbook, require_soffice
from test_pack import COMMITTEE, HEADERS, details

from pipeline.cli import main

PACK = "agenda-pack-children-young-people-scrutiny-committee-2013-08-15.pdf"
CIRCULATED = b"%PDF- the pack circulated last time"


def _workbook(path: Path, title: str, item: str, meeting: str = "15/08/2013") -> Path:
    rows = [HEADERS, action_row("Action 1", "On track", ref="R1", recommendation="Rec 1")]
    return build_workbook(path, {"Details": details(title, item, "Ann Smith", meeting),
                                 "Actions": rows})


@pytest.fixture(autouse=True)
def _before_the_meetings(monkeypatch: pytest.MonkeyPatch) -> None:
    """These runs are made on 1 August 2013, before the meetings they move: a meeting held
    by the day of the run keeps its papers (test_a_held_meeting_keeps_its_papers)."""
    import datetime as dt

    from pipeline.batch import moved

    held = moved._held
    monkeypatch.setattr(moved, "_held", lambda report, run_date: held(
        report, dt.date(2013, 8, 1)))


def _batch(inputs: Path, outputs: Path, *options: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["batch", str(inputs), str(outputs), "--jobs", "1",
                                       *options])
    return result.exit_code, result.stdout.splitlines()


def _old_pack(outputs: Path) -> Path:
    """The 15 August pack as a --pdf run left it, older than the reports."""
    pack = outputs / "2013-08" / PACK
    pack.write_bytes(CIRCULATED)
    report = outputs / "2013-08" / "fostering" / "report.docx"
    os.utime(pack, (report.stat().st_mtime - 60,) * 2)
    return pack


def _manifest(outputs: Path) -> dict[str, Any]:
    return json.loads((outputs / "manifest.json").read_text(encoding="utf-8"))


def test_a_report_moved_to_another_date_removes_the_old_meetings_pack(tmp_path: Path) -> None:
    inputs, outputs = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    _workbook(inputs / "fostering.xlsx", "Fostering plan", "5")
    assert _batch(inputs, outputs)[0] == 0
    pack = _old_pack(outputs)
    _workbook(inputs / "fostering.xlsx", "Fostering plan", "5", meeting="22/08/2013")
    code, out = _batch(inputs, outputs)
    assert code == 0, out
    assert not pack.exists()
    report = outputs / "2013-08" / "fostering" / "report.docx"
    assert (f"Removed the out-of-date agenda pack {pack} (its report 'Fostering plan' "
            f"({report}) is now for the meeting of {COMMITTEE} on 22 August 2013, and no "
            "other report is for its meeting)") in out
    assert not any("a report of its meeting was made again" in line for line in out)
    manifest = _manifest(outputs)
    assert manifest["packs_removed"] == [f"2013-08/{PACK}"]
    assert manifest["packs_moved"] == [{"pack": f"2013-08/{PACK}",
                                        "reports": ["2013-08/fostering/report.docx"],
                                        "made_again": False}]
    (doc,) = [d for d in manifest["inputs"][0]["documents"] if d["kind"] == "report"]
    assert doc["pack"] == ("2013-08/agenda-pack-children-young-people-scrutiny-committee-"
                           "2013-08-22.pdf")


def test_a_report_moved_to_another_month_names_the_pack_left_with_other_reports(
        tmp_path: Path) -> None:
    """The other report of the old meeting is unchanged: the old pack is removed all the
    same (it lists the moved report), and the batch says --pdf makes it again."""
    inputs, outputs = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    _workbook(inputs / "fostering.xlsx", "Fostering plan", "5")
    _workbook(inputs / "safeguarding.xlsx", "Safeguarding plan", "4")
    assert _batch(inputs, outputs)[0] == 0
    pack = _old_pack(outputs)
    _workbook(inputs / "fostering.xlsx", "Fostering plan", "5", meeting="12/09/2013")
    code, out = _batch(inputs, outputs)
    assert code == 0, out
    assert "safeguarding.xlsx: skipped, unchanged (" in "\n".join(out)
    assert not pack.exists()
    report = outputs / "2013-09" / "fostering" / "report.docx"
    assert (f"Removed the out-of-date agenda pack {pack} (its report 'Fostering plan' "
            f"({report}) is now for the meeting of {COMMITTEE} on 12 September 2013): run "
            "with --pdf to make it again") in out
    assert _manifest(outputs)["packs_removed"] == [f"2013-08/{PACK}"]


def test_an_unchanged_meeting_keeps_its_pack_and_a_third_run_still_knows_it(
        tmp_path: Path) -> None:
    """A run that changes nothing keeps the pack; the reports' packs are carried from run to
    run, so a date changed two runs after the pack was made still finds it."""
    inputs, outputs = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    _workbook(inputs / "fostering.xlsx", "Fostering plan", "5")
    assert _batch(inputs, outputs)[0] == 0
    pack = _old_pack(outputs)
    code, out = _batch(inputs, outputs)
    assert code == 0 and pack.read_bytes() == CIRCULATED
    assert not any("agenda pack" in line for line in out)
    assert "packs_moved" not in _manifest(outputs)
    _workbook(inputs / "fostering.xlsx", "Fostering plan", "5", meeting="22/08/2013")
    code, out = _batch(inputs, outputs)
    assert code == 0 and not pack.exists()
    assert any(line.startswith(f"Removed the out-of-date agenda pack {pack} (its report "
                               "'Fostering plan'") for line in out)


def test_a_manifest_without_packs_is_read_from_the_reports_before_they_are_made_again(
        tmp_path: Path) -> None:
    """A previous run's manifest from before the reports' packs were recorded: the old
    report's cover, read before the batch makes it again, says its meeting."""
    inputs, outputs = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    _workbook(inputs / "fostering.xlsx", "Fostering plan", "5")
    assert _batch(inputs, outputs)[0] == 0
    manifest = _manifest(outputs)
    for entry in manifest["inputs"]:
        for doc in entry["documents"]:
            doc.pop("pack", None)
    (outputs / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    pack = _old_pack(outputs)
    _workbook(inputs / "fostering.xlsx", "Fostering plan", "5", meeting="22/08/2013")
    code, out = _batch(inputs, outputs)
    assert code == 0, out
    assert not pack.exists()
    assert any(line.startswith(f"Removed the out-of-date agenda pack {pack} (its report")
               for line in out)


def test_with_pdf_the_old_meetings_pack_is_made_again_without_the_moved_report(
        tmp_path: Path) -> None:
    from pypdf import PdfReader

    require_soffice()
    inputs, outputs = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    _workbook(inputs / "fostering.xlsx", "Fostering plan", "5")
    _workbook(inputs / "safeguarding.xlsx", "Safeguarding plan", "4")
    code, out = _batch(inputs, outputs, "--pdf")
    assert code == 0, out
    pack = outputs / "2013-08" / PACK
    assert f"Agenda pack: {pack}" in out

    def titles(path: Path) -> list[str]:
        return [item.title for item in PdfReader(path).outline if not isinstance(item, list)]

    assert titles(pack) == ["Front sheet and agenda", "Item 4: Safeguarding plan",
                            "Item 5: Fostering plan"]
    _workbook(inputs / "fostering.xlsx", "Fostering plan", "5", meeting="22/08/2013")
    code, out = _batch(inputs, outputs, "--pdf")
    assert code == 0, out
    report = outputs / "2013-08" / "fostering" / "report.docx"
    assert (f"Made the out-of-date agenda pack {pack} again (its report 'Fostering plan' "
            f"({report}) is now for the meeting of {COMMITTEE} on 22 August 2013, so it is "
            "left out)") in out
    assert titles(pack) == ["Front sheet and agenda", "Item 4: Safeguarding plan"]
    new = outputs / "2013-08" / PACK.replace("2013-08-15", "2013-08-22")
    assert f"Agenda pack: {new}" in out
    assert titles(new) == ["Front sheet and agenda", "Item 5: Fostering plan"]
    manifest = _manifest(outputs)
    assert "packs_removed" not in manifest
    assert manifest["packs_moved"][0]["made_again"] is True
