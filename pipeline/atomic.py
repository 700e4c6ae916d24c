"""Writing files so that they are whole or absent: the one way the pipeline saves a file.

A temporary file in the same folder is written, flushed to disk (fsync), optionally checked,
then renamed over the target (`os.replace`, atomic on Windows, macOS and Linux), and the
folder itself is flushed so the rename survives a power cut where the system allows it.
An interrupted write leaves a `.<name>-*.tmp` file, never half a document.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def fsync_file(path: Path) -> None:
    """Flush a written file to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` survive a power cut (no-op where not supported: Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class FolderNotWritable(OSError):
    """The temporary file could not be made in the target's folder (nothing was written)."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomically(
    path: Path,
    data: bytes | Callable[[Path], None],
    check: Callable[[Path], None] | None = None,
) -> Path:
    """Put `data` at `path` whole or not at all; returns `path`.

    `data` is the bytes to write, or a function that writes the temporary file it is given.
    `check`, when given, is called with the flushed temporary file before it replaces
    `path`; if it raises, the temporary file is removed and `path` is left as it was.
    OSError (and whatever `check` raises) comes out as it is, FolderNotWritable when not even
    the temporary file could be made; callers say what it means.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise FolderNotWritable(exc.errno, exc.strerror, str(path.parent)) from exc
    tmp = Path(tmp_name)
    try:
        if callable(data):
            os.close(fd)
            data(tmp)
        else:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
        fsync_file(tmp)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600: give the usual permissions
        if check is not None:
            check(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)
    return path


__all__ = ["FolderNotWritable", "fsync_dir", "fsync_file", "write_atomically"]
