"""The pipeline runs where councils work: nothing Linux-only is needed to import or run it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from pipeline.batch.pdf import find_soffice, install_locations
from pipeline.portable import cpu_count, try_lock

# Run in a fresh interpreter in which fcntl cannot be imported and os.sched_getaffinity is
# gone, as on Windows (and sched_getaffinity on macOS).
WITHOUT_LINUX_CALLS = r"""
import os, sys, pkgutil, importlib
sys.modules["fcntl"] = None            # `import fcntl` now raises ImportError
if hasattr(os, "sched_getaffinity"):
    del os.sched_getaffinity
import pipeline
names = [m.name for m in pkgutil.walk_packages(pipeline.__path__, "pipeline.")]
for name in names:
    importlib.import_module(name)
from pipeline.portable import cpu_count
from pipeline.documents.charts import trend_charts
from pipeline.reader import read_workbook
indicators = read_workbook(sys.argv[1]).indicators
pngs = trend_charts(indicators.indicators)
print(len(names), cpu_count(), sum(1 for p in pngs if p))
"""


def test_every_module_imports_and_charts_draw_without_fcntl_or_sched_getaffinity() -> None:
    run = subprocess.run(
        [sys.executable, "-c", WITHOUT_LINUX_CALLS,
         str(ROOT / "inputs" / "performance-indicators.xlsx")],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )
    assert run.returncode == 0, run.stderr
    modules, cpus, charts = map(int, run.stdout.split())
    assert modules >= 40 and cpus >= 1 and charts == 9


def test_no_module_uses_a_linux_only_call_or_a_shell() -> None:
    offenders = []
    for path in (ROOT / "pipeline").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for banned in ("sched_getaffinity", 'get_context("fork")', "shell=True", "os.system(",
                       "os.popen("):
            if banned in text:
                offenders.append(f"{path.relative_to(ROOT)}: {banned}")
        if "import fcntl" in text and path.name != "portable.py":
            offenders.append(f"{path.relative_to(ROOT)}: import fcntl")
    assert offenders == []


def test_cpu_count_is_what_this_process_may_use() -> None:
    assert 1 <= cpu_count() <= (__import__("os").cpu_count() or 1)


def test_a_second_lock_on_the_same_file_is_refused_until_the_first_is_let_go(
    tmp_path: Path,
) -> None:
    path = tmp_path / ".batch.lock"
    code = (
        "import sys; from pipeline.portable import try_lock; "
        "print(try_lock(open(sys.argv[1], 'a+')))"
    )
    with open(path, "a+") as first:
        assert try_lock(first)
        other = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                               text=True, cwd=ROOT, timeout=60)
        assert other.stdout.strip() == "False", other.stderr
    again = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                           text=True, cwd=ROOT, timeout=60)
    assert again.stdout.strip() == "True", again.stderr


def test_libreoffice_is_looked_for_where_windows_and_macos_install_it() -> None:
    windows = install_locations("win32", {"ProgramFiles": r"C:\Program Files",
                                          "ProgramFiles(x86)": r"C:\Program Files (x86)"})
    assert Path(r"C:\Program Files") / "LibreOffice" / "program" / "soffice.exe" in windows
    assert Path(r"C:\Program Files (x86)") / "LibreOffice" / "program" / "soffice.exe" in windows
    mac = install_locations("darwin", {"HOME": "/Users/clerk"})
    assert mac[0] == Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")
    assert Path("/Users/clerk/Applications/LibreOffice.app/Contents/MacOS/soffice") in mac
    assert install_locations("linux", {}) == []


def test_an_installed_libreoffice_off_the_path_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    program = tmp_path / "LibreOffice" / "program" / "soffice.exe"
    program.parent.mkdir(parents=True)
    program.write_bytes(b"")
    monkeypatch.delenv("COMMITTEE_SOFFICE", raising=False)
    monkeypatch.setattr("shutil.which", lambda name: None)
    monkeypatch.setattr("sys.platform", "win32")
    monkeypatch.setenv("ProgramFiles", str(tmp_path))
    assert find_soffice() == str(program)
