"""One helper writes every file whole or not at all, flushed to disk the same way."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import ROOT

from pipeline.atomic import FolderNotWritable, write_atomically


def test_a_file_is_written_whole_and_a_failed_check_leaves_the_old_one(tmp_path: Path) -> None:
    target = tmp_path / "plan.docx"
    write_atomically(target, b"first")
    assert target.read_bytes() == b"first"

    def refuse(tmp: Path) -> None:
        assert tmp.read_bytes() == b"second" and tmp.parent == tmp_path
        raise ValueError("lost an action")

    with pytest.raises(ValueError):
        write_atomically(target, b"second", check=refuse)
    assert target.read_bytes() == b"first"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.docx"]


def test_a_writer_function_writes_the_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "book.xlsx"
    write_atomically(target, lambda tmp: tmp.write_bytes(b"PK"))
    assert target.read_bytes() == b"PK"
    assert oct(target.stat().st_mode & 0o777) == oct(0o666 & ~_umask())


def test_every_flush_goes_through_fsync(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[int] = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real(fd)))
    write_atomically(tmp_path / "a.json", b"{}")
    assert len(synced) == 2  # the file, then its folder (on Linux and macOS)


def test_a_folder_that_cannot_be_written_is_said_so(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(FolderNotWritable):
        write_atomically(blocker / "a.docx", b"x")


def test_no_other_module_writes_a_file_by_renaming_it_into_place() -> None:
    offenders = [
        str(path.relative_to(ROOT)) for path in (ROOT / "pipeline").rglob("*.py")
        if path.name != "atomic.py" and "os.replace(" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
