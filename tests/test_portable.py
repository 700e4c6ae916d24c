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


class _FakeMsvcrt:
    """Windows' msvcrt as the lock uses it: each call recorded with the file position it
    was made at; a second lock on a file already locked fails as Windows fails it."""

    LK_UNLCK, LK_LOCK, LK_NBLCK, LK_RLCK, LK_NBRLCK = 100, 101, 102, 103, 104

    def __init__(self, held_elsewhere: bool = False) -> None:
        self.calls: list[tuple[int, int, int, int]] = []
        self.held_elsewhere = held_elsewhere

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        import os

        self.calls.append((fd, mode, nbytes, os.lseek(fd, 0, os.SEEK_CUR)))
        if mode == self.LK_NBLCK and self.held_elsewhere:
            raise PermissionError(13, "Permission denied")  # what msvcrt raises: EACCES


def _as_on_windows(monkeypatch: pytest.MonkeyPatch, fake: _FakeMsvcrt) -> None:
    import multiprocessing  # noqa: F401 - the standard library's own Windows parts
    import subprocess  # noqa: F401 - (such as _winapi) are loaded here as they are on Linux
    import types

    module = types.ModuleType("msvcrt")
    module.locking = fake.locking  # type: ignore[attr-defined]
    for name in ("LK_UNLCK", "LK_LOCK", "LK_NBLCK", "LK_RLCK", "LK_NBRLCK"):
        setattr(module, name, getattr(fake, name))
    monkeypatch.setitem(sys.modules, "msvcrt", module)
    monkeypatch.setitem(sys.modules, "fcntl", None)  # as on Windows: no fcntl at all
    monkeypatch.setattr("sys.platform", "win32")


def test_on_windows_a_batch_locks_its_outputs_with_msvcrt_and_lets_go_at_the_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.batch.run import run_batch

    fake = _FakeMsvcrt()
    inputs, outputs = tmp_path / "inputs", tmp_path / "outputs"
    inputs.mkdir()
    _as_on_windows(monkeypatch, fake)
    result = run_batch(inputs, outputs, jobs=1)
    assert result.exit_code == 0
    (fd, mode, nbytes, at), (fd2, mode2, nbytes2, at2) = fake.calls
    assert (mode, nbytes, at) == (fake.LK_NBLCK, 1, 0)  # the first byte, without waiting
    assert (fd2, mode2, nbytes2, at2) == (fd, fake.LK_UNLCK, 1, 0)  # the same byte let go
    import os

    with pytest.raises(OSError):  # and the lock file was closed after it was let go
        os.fstat(fd)
    assert not (outputs / ".batch.lock").exists()  # then removed: nothing left in OUTPUTS


def test_on_windows_a_second_batch_is_told_another_is_running(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from pipeline.cli import main

    fake = _FakeMsvcrt(held_elsewhere=True)
    inputs, outputs = tmp_path / "inputs", tmp_path / "outputs"
    inputs.mkdir()
    _as_on_windows(monkeypatch, fake)
    result = CliRunner().invoke(main, ["batch", str(inputs), str(outputs)])
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"Error: Another batch is already writing to {outputs}. Wait for it to finish, then "
        "run this one again.")
    assert [(mode, nbytes) for _fd, mode, nbytes, _at in fake.calls] == [(fake.LK_NBLCK, 1)]
    assert not (outputs / "manifest.json").exists()


def test_on_windows_the_lock_taken_is_the_lock_let_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.portable import release

    fake = _FakeMsvcrt()
    _as_on_windows(monkeypatch, fake)
    handle = open(tmp_path / ".batch.lock", "a+")  # noqa: SIM115 - released below
    handle.write("x")  # the position is at the end: both calls must still start at byte 0
    assert try_lock(handle)
    handle.write("y")
    release(handle)
    assert [(mode, at) for _fd, mode, _n, at in fake.calls] == [(fake.LK_NBLCK, 0),
                                                               (fake.LK_UNLCK, 0)]
    assert handle.closed


@pytest.mark.parametrize("value", ["spwan", "threads"])
def test_a_start_method_this_system_lacks_is_a_clear_error_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    import multiprocessing

    from click.testing import CliRunner

    from pipeline.cli import main
    from pipeline.portable import START_METHOD_VARIABLE

    inputs = tmp_path / "inputs"
    inputs.mkdir()
    monkeypatch.setenv(START_METHOD_VARIABLE, value)
    result = CliRunner().invoke(main, ["batch", str(inputs), str(tmp_path / "outputs")])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    allowed = multiprocessing.get_all_start_methods()
    assert f"COMMITTEE_START_METHOD is {value!r}" in result.stderr
    assert all(repr(m) in result.stderr for m in allowed)
    assert "or remove it" in result.stderr and "Nothing was made" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "outputs").exists()  # stopped before anything was written


def test_the_start_method_may_be_named_in_any_case(monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.portable import START_METHOD_VARIABLE, process_context

    monkeypatch.setenv(START_METHOD_VARIABLE, " Spawn ")
    assert process_context().get_start_method() == "spawn"
    monkeypatch.setenv(START_METHOD_VARIABLE, "")
    assert process_context().get_start_method() == __import__(
        "multiprocessing").get_start_method()
