"""What differs between Windows, macOS and Linux, in one place, so the rest need not care.

- `cpu_count()`: the processors this process may use (`os.process_cpu_count()` where Python
  has it, else `os.cpu_count()`; never Linux-only calls).
- `try_lock(handle)`: an exclusive, non-blocking lock on an open file (msvcrt on Windows,
  fcntl elsewhere, each imported only on its own system); `release(handle)` lets go of it
  and closes the file. It also ends when the process ends, however it ends.
- `process_context()`: the platform's own multiprocessing start method (spawn on Windows
  and macOS, fork on Linux before Python 3.14), or the one named by the environment
  variable COMMITTEE_START_METHOD (the tests run the batch with "spawn" on Linux too).
"""

from __future__ import annotations

import os
import sys
from typing import IO, Any

START_METHOD_VARIABLE = "COMMITTEE_START_METHOD"
LOCKED_BYTES = 1  # msvcrt locks a range of bytes: the first one, from the file's start


def cpu_count() -> int:
    """How many processors this process may use (at least 1)."""
    counter = getattr(os, "process_cpu_count", None) or os.cpu_count
    return counter() or 1


def try_lock(handle: IO[Any]) -> bool:
    """Take an exclusive lock on the open file `handle` without waiting; False when another
    process holds it."""
    if sys.platform == "win32":
        import msvcrt

        handle.seek(0)  # msvcrt locks from the current position
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, LOCKED_BYTES)
        except OSError:  # held by another process (EACCES), after msvcrt's one try
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:  # held by another process
        return False
    return True


def release(handle: IO[Any]) -> None:
    """Let go of the lock `try_lock` took on `handle`, and close it. (Windows asks for a
    lock to be let go before its file is closed; elsewhere closing would do.)"""
    try:
        if sys.platform == "win32":
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, LOCKED_BYTES)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    except OSError:
        pass  # closing the file lets go of it all the same
    finally:
        handle.close()


def start_method() -> str | None:
    """The start method COMMITTEE_START_METHOD names, or None for the platform's own.

    Raises PipelineError (code setting-error), saying what was found, the methods this
    system has and how to fix it, when the variable names one it does not have."""
    import multiprocessing

    found = os.environ.get(START_METHOD_VARIABLE, "")
    method = found.strip().lower() or None
    allowed = multiprocessing.get_all_start_methods()
    if method is None or method in allowed:
        return method
    from pipeline.issues import Issue, PipelineError

    message = (
        f"The environment variable {START_METHOD_VARIABLE} is {found!r}, which is not a way "
        f"this computer can start worker processes; it can be {_either(allowed)}. Set "
        f"{START_METHOD_VARIABLE} to one of those, or remove it to use this computer's own "
        "(it is only needed for testing). Nothing was made."
    )
    raise PipelineError(message, [Issue("setting-error", "error", message, value=found)])


def _either(names: list[str]) -> str:
    quoted = [f"{n!r}" for n in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + f" or {quoted[-1]}"


def process_context() -> Any:
    """The multiprocessing context worker pools use: the platform's default start method,
    unless COMMITTEE_START_METHOD names another ("spawn", "forkserver", "fork")."""
    import multiprocessing

    return multiprocessing.get_context(start_method())


__all__ = ["LOCKED_BYTES", "START_METHOD_VARIABLE", "cpu_count", "process_context", "release",
           "start_method", "try_lock"]
