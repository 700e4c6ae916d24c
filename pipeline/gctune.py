"""The cyclic garbage collector held off while one document is read and built.

Reading a workbook and building its document make hundreds of thousands of small objects
(cells, runs, rows) that live until the document is written, and almost none of them are in
reference cycles. Python's collector, run every 700 new objects, walks them again and again
as they pile up: about a fifth of a 10,000-action plan's time, growing faster than the plan.
Reference counting still frees everything as usual while the collector is off; anything
in a cycle is collected when it is switched back on, at the end of the document.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_FROZEN = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Freeze what is alive now (modules, classes: never garbage) and pause the collector.

    Only the first use in a process freezes (then what is alive is the imports; later, it
    could be a finished document's garbage). Nested uses are fine: only the outermost
    switches the collector back on.
    """
    global _FROZEN
    was_enabled = gc.isenabled()
    if not _FROZEN:
        gc.freeze()  # objects made before the first build are never scanned again
        _FROZEN = True
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
