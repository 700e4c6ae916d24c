"""Faults in the batch: outputs not writable, disk full, an input deleted mid-batch.

Each must give a clear message, leave no partial files, and still make the other
workbooks' documents.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from test_batch import plan_workbook

from pipeline.batch.run import InputEntry, run_batch

ROOT = Path(__file__).resolve().parent.parent


def _leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


def _batch_without_override(inputs: Path, outputs: Path) -> subprocess.CompletedProcess[str]:
    """Run the batch so that folder permissions apply: as root, without the capability that
    lets root write anywhere (setpriv); otherwise as ourselves."""
    command = [sys.executable, "-m", "pipeline", "batch", str(inputs), str(outputs), "-j", "1"]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: folder permissions cannot apply")
        drop = "-dac_override,-dac_read_search"
        command = [setpriv, f"--inh-caps={drop}", f"--bounding-set={drop}", *command]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_outputs_folder_not_writable(tmp_path: Path) -> None:
    inputs, outputs = tmp_path / "inputs", tmp_path / "outputs"
    inputs.mkdir()
    plan_workbook(inputs / "plan.xlsx", 3)
    outputs.mkdir(mode=0o555)
    result = _batch_without_override(inputs, outputs)
    assert result.returncode == 1
    message = result.stdout + result.stderr
    assert f"The outputs folder {outputs} cannot be written to (Permission denied)" in message
    assert "Nothing was made" in message
    assert "Traceback" not in message
    assert list(outputs.iterdir()) == []


def test_month_folder_not_writable_fails_that_workbook_only(tmp_path: Path) -> None:
    inputs, outputs = tmp_path / "inputs", tmp_path / "outputs"
    inputs.mkdir()
    plan_workbook(inputs / "july.xlsx", 3, title="July plan", as_at=dt.date(2013, 7, 30))
    plan_workbook(inputs / "sept.xlsx", 3, title="September plan", as_at=dt.date(2013, 9, 30))
    (outputs / "2013-07").mkdir(parents=True)
    (outputs / "2013-07").chmod(0o555)
    result = _batch_without_override(inputs, outputs)
    message = result.stdout + result.stderr
    assert result.returncode == 1, message
    assert re.search(r"july\.xlsx: [1-3] problems? to fix", message), message
    assert "Permission denied" in message and "Traceback" not in message
    assert sorted(p.name for p in (outputs / "2013-09" / "sept").iterdir()) == [
        "briefing.docx", "exceptions.docx", "plan.docx"]
    manifest = json.loads((outputs / "manifest.json").read_text())
    statuses = {Path(e["path"]).name: e["status"] for e in manifest["inputs"]}
    assert statuses == {"july.xlsx": "failed", "sept.xlsx": "ok"}
    assert not _leftovers(outputs)


def _limit_file_size(limit: int) -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes fail with EFBIG instead of killing
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def test_disk_full_while_writing(tmp_path: Path) -> None:
    inputs, outputs = tmp_path / "inputs", tmp_path / "outputs"
    inputs.mkdir()
    plan_workbook(inputs / "small.xlsx", 3, title="Small plan")
    big = plan_workbook(inputs / "big.xlsx", 150, title="Big plan")
    wb = load_workbook(big)
    for row in range(2, 152):  # progress text that does not compress: a document over 1 MB
        wb["Actions"][f"G{row}"] = base64.b64encode(os.urandom(7000)).decode()
    wb.save(big)
    command = [sys.executable, "-m", "pipeline", "batch", str(inputs), str(outputs),
               "--jobs", "2"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300,
                            preexec_fn=lambda: _limit_file_size(1_000_000))
    message = result.stdout + result.stderr
    assert result.returncode == 1, message
    assert "Traceback" not in message
    assert re.search(r"big\.xlsx: [1-3] problems? to fix", message), message
    assert "File too large" in message
    assert not (outputs / "2013-07" / "big" / "plan.docx").exists()
    for doc in outputs.rglob("*.docx"):
        Document(str(doc))
    assert sorted(p.name for p in (outputs / "2013-07" / "small").iterdir()) == [
        "briefing.docx", "exceptions.docx", "plan.docx"]
    assert not _leftovers(outputs)
    manifest = json.loads((outputs / "manifest.json").read_text())
    failed = next(e for e in manifest["inputs"] if e["path"].endswith("big.xlsx"))
    assert failed["status"] == "failed"
    assert failed["errors"][0]["code"] == "write-error"


def test_input_deleted_mid_batch(tmp_path: Path) -> None:
    inputs, outputs = tmp_path / "inputs", tmp_path / "outputs"
    inputs.mkdir()
    paths = [plan_workbook(inputs / f"plan {n}.xlsx", 3, title=f"Plan {n}") for n in range(3)]

    def delete_the_last(entry: InputEntry, done: int, total: int) -> None:
        if done == 1:
            paths[2].unlink()

    result = run_batch(inputs, outputs, jobs=1, progress=delete_the_last)
    assert result.exit_code == 1
    assert [e.status for e in result.inputs] == ["ok", "ok", "failed"]
    error = result.inputs[2].errors[0]
    assert error.message.startswith(
        "The file plan 2.xlsx was removed or moved while the batch was running"
    )
    assert "Put it back in the inputs folder and run the batch again." in error.message
    assert not (outputs / "2013-07" / "plan 2").exists()
    assert len(list(outputs.rglob("*.docx"))) == 6  # plan, briefing, exceptions of two
    assert not _leftovers(outputs)


def test_a_second_batch_on_the_same_outputs_waits_its_turn(tmp_path: Path) -> None:
    import fcntl

    from click.testing import CliRunner

    from pipeline.cli import main

    inputs, outputs = tmp_path / "inputs", tmp_path / "outputs"
    inputs.mkdir()
    plan_workbook(inputs / "plan.xlsx", 2)
    outputs.mkdir()
    with open(outputs / ".batch.lock", "a+") as held:  # another batch is running
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        result = CliRunner().invoke(main, ["batch", str(inputs), str(outputs)])
    assert result.exit_code == 1
    assert f"Another batch is already writing to {outputs}" in result.output
    assert not list(outputs.rglob("*.docx"))
    result = CliRunner().invoke(main, ["batch", str(inputs), str(outputs)])
    assert result.exit_code == 0
    assert len(list(outputs.rglob("*.docx"))) == 3
