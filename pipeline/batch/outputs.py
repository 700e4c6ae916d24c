"""The OUTPUTS folder of a batch: proved writable, locked for the run, cleaned of what an
interrupted run left, and the hashes of the templates its documents are made with."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.batch.entries import sha256_file
from pipeline.issues import Issue, PipelineError

WORK_FOLDER = ".work"
LOCK_FILE = ".batch.lock"


def batch_error(message: str, path: Path | None = None) -> PipelineError:
    return PipelineError(message, [Issue("write-error", "error", message,
                                         file=str(path or ""))])


def prepare_outputs(outputs: Path) -> None:
    """Make OUTPUTS and prove a file can be written there, or say plainly why not."""
    import tempfile

    try:
        outputs.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".write-test-", suffix=".tmp", dir=outputs)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise batch_error(
            f"The outputs folder {outputs} cannot be written to ({exc.strerror or exc}). "
            "Nothing was made. Choose a folder you may save files in, or ask for permission "
            "to save in this one, and run the batch again.",
            outputs,
        ) from exc


def lock_outputs(outputs: Path) -> Any:
    """Hold OUTPUTS/.batch.lock for the run (any system), or say another batch holds it.

    The lock file is removed when the run ends (`unlock_outputs`), so a lock taken on a
    file that was removed meanwhile (its last holder ending) is let go and taken again on
    the file now at that name: two batches never hold two different lock files."""
    from pipeline.portable import release, try_lock

    path = outputs / LOCK_FILE
    for _attempt in range(20):
        handle = open(path, "a+")  # noqa: SIM115 - held for the whole run
        if not try_lock(handle):
            handle.close()
            raise batch_error(
                f"Another batch is already writing to {outputs}. Wait for it to finish, "
                "then run this one again.",
                outputs,
            )
        if _same_file(handle, path):
            return handle
        release(handle)
    raise batch_error(f"The lock file {path} could not be held (it kept being removed). Run "
                      "the batch again.", outputs)


def _same_file(handle: Any, path: Path) -> bool:
    """Whether the open `handle` is still the file at `path` (not one since removed)."""
    try:
        held, there = os.fstat(handle.fileno()), os.stat(path)
    except OSError:
        return False
    return (held.st_dev, held.st_ino) == (there.st_dev, there.st_ino)


def unlock_outputs(handle: Any, outputs: Path) -> None:
    """Let go of the batch's lock and remove OUTPUTS/.batch.lock, so that nothing of the
    batch's own is left in the clerk's folder. Elsewhere than Windows the file is removed
    while still held (a batch waiting on it then sees it gone and takes a new one); on
    Windows, where an open file cannot be removed, it is let go first and removed only when
    no other batch has it open (otherwise it is left for that one)."""
    import sys

    from pipeline.portable import release

    path = outputs / LOCK_FILE
    if sys.platform == "win32":
        release(handle)
        _remove(path)
        return
    if _same_file(handle, path):
        _remove(path)
    release(handle)


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass  # in use by another batch, or already gone: it is that batch's now


_MONTH = re.compile(r"^\d{4}-\d{2}$")
# Temporary files the batch itself writes at the top of OUTPUTS (documents' are deeper).
_OWN_TOP_LEVEL = (".manifest-", ".write-test-")


def remove_leftovers(outputs: Path) -> int:
    """Delete the temporary files an interrupted batch left behind; returns how many.

    Only the batch's own places are cleaned: month folders, runs/, the manifest's temporary
    files and the .work folder earlier versions kept their PDF work and LibreOffice
    profiles in (a single-document command writing at the top of OUTPUTS
    at the same time is left alone)."""
    import shutil

    def is_temp(name: str) -> bool:
        return name.startswith(".") and name.endswith(".tmp")

    removed = 0
    candidates: list[Path] = []
    if not outputs.is_dir():
        return 0
    for child in outputs.iterdir():
        if child.is_file() and is_temp(child.name) and child.name.startswith(_OWN_TOP_LEVEL):
            candidates.append(child)
        elif child.is_dir() and (_MONTH.match(child.name) or child.name == "runs"):
            for root, _dirs, files in os.walk(child):
                candidates += [Path(root) / name for name in files if is_temp(name)]
    for path in candidates:
        try:
            path.unlink()
            removed += 1
        except OSError:
            pass
    work = outputs / WORK_FOLDER  # where earlier versions worked and kept their profiles
    if work.is_dir():
        for d in work.iterdir():
            if d.is_dir() and d.name.startswith(("pdf-", "pack-", "libreoffice-profile-")):
                shutil.rmtree(d, ignore_errors=True)
        try:
            work.rmdir()  # only when nothing else is in it
        except OSError:
            pass
    return removed


def template_hashes(templates_dir: Path | None) -> dict[str, str]:
    """The sha256 of the template each kind of document would use."""
    from pipeline.kinds import TEMPLATE_KINDS
    from pipeline.render.templates import template_path

    return {kind: sha256_file(template_path(kind, None, templates_dir))
            for kind in TEMPLATE_KINDS}


def templates_sha(shas: dict[str, str]) -> str:
    text = ";".join(f"{k}={v}" for k, v in sorted(shas.items())) + f";{__version__}"
    return hashlib.sha256(text.encode()).hexdigest()


__all__ = ["LOCK_FILE", "WORK_FOLDER", "batch_error", "lock_outputs", "prepare_outputs",
           "remove_leftovers", "template_hashes", "templates_sha", "unlock_outputs"]
