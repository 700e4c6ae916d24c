"""An out-of-date agenda pack is never left to circulate: when a committee report of a
meeting is made again by a batch without --pdf, that meeting's pack is removed and the batch
says so (with --pdf it is made again: tests/test_pack.py)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from click.testing import CliRunner
from conftest import action_row, build_workbook
from test_pack import HEADERS, details

from pipeline.cli import main

PACK = "agenda-pack-children-young-people-scrutiny-committee-2013-08-15.pdf"


def _workbook(path: Path, status: str) -> Path:
    rows = [HEADERS, action_row("Action 1", status, ref="R1", recommendation="Rec 1")]
    return build_workbook(path, {"Details": details("Fostering plan", "5", "Ann Smith"),
                                 "Actions": rows})


def _batch(inputs: Path, outputs: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["batch", str(inputs), str(outputs), "--jobs", "1"])
    return result.exit_code, result.stdout


def _old_pack(outputs: Path) -> Path:
    """The pack as a --pdf run left it, older than the reports."""
    pack = outputs / "2013-08" / PACK
    pack.write_bytes(b"%PDF- the pack circulated last time")
    report = outputs / "2013-08" / "fostering" / "report.docx"
    os.utime(pack, (report.stat().st_mtime - 60,) * 2)
    return pack


def test_a_remade_report_removes_its_meetings_old_pack_and_says_so(tmp_path: Path) -> None:
    inputs, outputs = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    _workbook(inputs / "fostering.xlsx", "On track")
    assert _batch(inputs, outputs)[0] == 0
    pack = _old_pack(outputs)
    _workbook(inputs / "fostering.xlsx", "Complete")  # a status changed
    code, out = _batch(inputs, outputs)
    assert code == 0, out
    assert not pack.exists()
    assert (f"Removed the out-of-date agenda pack {pack} (a report of its meeting was made "
            "again): run with --pdf to make it again") in out.splitlines()
    manifest = json.loads((outputs / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["packs_removed"] == [f"2013-08/{PACK}"]


def test_an_unchanged_workbook_keeps_its_meetings_pack(tmp_path: Path) -> None:
    inputs, outputs = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    _workbook(inputs / "fostering.xlsx", "On track")
    assert _batch(inputs, outputs)[0] == 0
    pack = _old_pack(outputs)
    code, out = _batch(inputs, outputs)
    assert code == 0, out
    assert pack.read_bytes() == b"%PDF- the pack circulated last time"
    assert "agenda pack" not in out
    assert "packs_removed" not in json.loads((outputs / "manifest.json").read_text())
