"""The batch's workers: one process per workbook, `jobs` at a time, of the platform's start
method; a worker that dies takes only its own workbook with it."""

from __future__ import annotations

import os
from collections.abc import Callable

from pipeline.batch.worker import _crashed, _Outcome, _Task, process_workbook


def run_parallel(tasks: list[_Task], workers: int, complete: Callable[[_Outcome], None],
                 lock_fd: int | None = None,
                 work: Callable[[_Task], _Outcome] = process_workbook) -> None:
    """Each task in a worker process of the platform's start method (pipeline.portable).

    Workers are spawn-safe: a task carries everything its worker needs, and nothing relies
    on state inherited from this process."""
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    from pipeline.portable import process_context

    context = process_context()
    forked = context.get_start_method() == "fork"
    if forked:
        _preload()
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context,
                               initializer=_worker_init,
                               initargs=(lock_fd if forked else None,))
    try:
        pending = {pool.submit(work, task): task for task in tasks}
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                task = pending.pop(future)
                try:
                    outcome = future.result()
                except BrokenProcessPool:
                    outcome = _crashed(task)
                except Exception as exc:  # pickling and the like: still isolated
                    outcome = _crashed(task, f"{type(exc).__name__}: {exc}")
                complete(outcome)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _preload() -> None:
    """Import the heavy libraries once, before the workers are forked, so that each worker
    does not spend its first second importing them."""
    import importlib

    from pipeline.kinds import DOCUMENT_KINDS

    builders = [k.build.partition(":")[0] for k in DOCUMENT_KINDS]
    for name in ("docx", "docxtpl", "lxml.etree", "pipeline.reader", "pipeline.reader.xlsx",
                 "pipeline.reader.workbook", "pipeline.render.engine", "pipeline.run_document",
                 *dict.fromkeys(builders), "pipeline.audit"):
        try:
            importlib.import_module(name)
        except ImportError:
            pass


def _worker_init(inherited_lock: int | None) -> None:
    """In each forked worker: let go of the inherited lock, so that the lock ends with the
    batch's main process even if a worker outlives it (a kill -9 of the main process).
    A spawned worker inherits nothing and is given None."""
    if inherited_lock is not None:
        try:
            os.close(inherited_lock)
        except OSError:
            pass


__all__ = ["run_parallel"]
