"""Faults while writing `committee plan`: a clear message, no partial files, no traceback.

(The batch's faults - an input deleted mid-batch, other workbooks still made - are tested
with the batch.)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from conftest import INPUTS

from pipeline.cli import main

PLAN = INPUTS / "childrens-services-improvement-plan.xlsx"


def test_output_folder_that_cannot_be_made(tmp_path: Path) -> None:
    blocker = tmp_path / "outputs"
    blocker.write_text("a file where the folder should be")
    out = blocker / "plan.docx"
    result = CliRunner().invoke(main, ["plan", str(PLAN), "-o", str(out)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Could not write to the folder" in result.output
    assert blocker.read_text() == "a file where the folder should be"


DISK_FULL = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a full disk: writes fail with EFBIG
resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))
from pipeline.cli import main
sys.argv = ["committee", "plan", sys.argv[1], "-o", sys.argv[2]]
main()
"""


def test_disk_full_while_writing_leaves_no_partial_file(tmp_path: Path) -> None:
    out_dir = tmp_path / "outputs"
    out_dir.mkdir()
    existing = out_dir / "plan.docx"
    existing.write_bytes(b"last month's document")
    done = subprocess.run(
        [sys.executable, "-c", DISK_FULL, str(PLAN), str(existing)],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
        timeout=120,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert "Could not save" in done.stdout + done.stderr
    assert existing.read_bytes() == b"last month's document"  # untouched
    assert sorted(p.name for p in out_dir.iterdir()) == ["plan.docx"]  # no temporary left


def test_input_deleted_before_the_run(tmp_path: Path) -> None:
    gone = tmp_path / "plan.xlsx"
    gone.write_bytes(PLAN.read_bytes())
    gone.unlink()
    result = CliRunner().invoke(main, ["check", str(gone)])
    assert result.exit_code == 1
    assert "was not found" in result.output
