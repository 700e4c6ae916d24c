"""What differs between Windows, macOS and Linux, in one place, so the rest need not care.

- `cpu_count()`: the processors this process may use (`os.process_cpu_count()` where Python
  has it, else `os.cpu_count()`; never Linux-only calls).
- `try_lock(handle)`: an exclusive, non-blocking lock on an open file (msvcrt on Windows,
  fcntl elsewhere, each imported only on its own system); it ends when the file is closed
  or the process ends, however it ends.
- `process_context()`: the platform's own multiprocessing start method (spawn on Windows
  and macOS, fork on Linux before Python 3.14), or the one named by the environment
  variable COMMITTEE_START_METHOD (the tests run the batch with "spawn" on Linux too).
"""

from __future__ import annotations

import os
import sys
from typing import IO, Any

START_METHOD_VARIABLE = "COMMITTEE_START_METHOD"


def cpu_count() -> int:
    """How many processors this process may use (at least 1)."""
    counter = getattr(os, "process_cpu_count", None) or os.cpu_count
    return counter() or 1


def try_lock(handle: IO[Any]) -> bool:
    """Take an exclusive lock on the open file `handle` without waiting; False when another
    process holds it."""
    if sys.platform == "win32":
        import msvcrt

        handle.seek(0)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:  # held by another process
        return False
    return True


def process_context() -> Any:
    """The multiprocessing context worker pools use: the platform's default start method,
    unless COMMITTEE_START_METHOD names another ("spawn", "forkserver", "fork")."""
    import multiprocessing

    method = os.environ.get(START_METHOD_VARIABLE) or None
    return multiprocessing.get_context(method)


__all__ = ["START_METHOD_VARIABLE", "cpu_count", "process_context", "try_lock"]
