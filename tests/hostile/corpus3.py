"""The third hostile corpus (issue 19): one module per class of hostile input.

Each class module (`reader_limits`, `reader_trim`, `reader_special`, `reader_csv`,
`reader_strict`, `reader_values`; other helpers add their own, e.g. templates) registers
its cases with `@hostile(...)`. A case is a file (bytes from a builder) or a special file
(a FIFO, a symlink to a device, a sparse 6 GB file, a folder) and what `committee check`
must say about it: its verdict, one issue that must be among those reported (code,
severity, sheet, row, column) and, for files that are read, the counts `check` gives and
cell texts the document must hold.

    python -m hostile.corpus3 DIR     # (from tests/) writes every case into DIR
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

Verdict = Literal["refused", "valid"]
Special = Literal["fifo", "device-link", "sparse", "directory"]
CLASS_MODULES = (
    "reader_limits", "reader_trim", "reader_special", "reader_csv", "reader_strict",
    "reader_values",
)


@dataclass(frozen=True)
class HostileCase:
    name: str  # the file's name in the corpus (its suffix matters)
    about: str
    verdict: Verdict
    code: str | None = None  # an issue with this code must be reported...
    severity: str = "error"  # ...with this severity...
    sheet: str | None = None  # ...at exactly this place
    row: int | None = None
    column: str | None = None
    says: tuple[str, ...] = ()  # words its message must hold
    counts: dict[str, int] = field(default_factory=dict)  # what `check` counts (valid files)
    document: str | None = None  # a document command to run as well ("plan", ...)
    texts: tuple[str, ...] = ()  # cell or paragraph texts the document must hold
    absent: tuple[str, ...] = ()  # texts it must not hold
    special: Special | None = None
    cls: str = ""  # the class module that registered it

    @property
    def where(self) -> tuple[Any, ...]:
        return (self.code, self.severity, self.sheet, self.row, self.column)


Builder = Callable[[], bytes]
REGISTRY: list[tuple[HostileCase, Builder | None]] = []


def hostile(**kwargs: Any) -> Callable[[Builder], Builder]:
    def register(fn: Builder) -> Builder:
        cls = fn.__module__.rsplit(".", 1)[-1]
        REGISTRY.append((HostileCase(cls=cls, **kwargs), fn))
        return fn

    return register


def special(**kwargs: Any) -> None:
    """A case whose file is made by `materialise` (no bytes to build)."""
    REGISTRY.append((HostileCase(cls="reader_special", **kwargs), None))


def load_all() -> list[tuple[HostileCase, Builder | None]]:
    package = __name__.rsplit(".", 1)[0]
    for module in CLASS_MODULES:
        if importlib.util.find_spec(f"{package}.{module}") is not None:
            importlib.import_module(f"{package}.{module}")
    seen: set[str] = set()
    unique = []
    for case, builder in REGISTRY:
        if case.name not in seen:
            seen.add(case.name)
            unique.append((case, builder))
    return unique


def cases() -> list[HostileCase]:
    return [case for case, _ in load_all()]


def can_make(case: HostileCase) -> str | None:
    """Why this platform cannot make the case's file (None when it can)."""
    if case.special == "fifo" and not hasattr(os, "mkfifo"):
        return "no named pipes on this platform"
    if case.special == "device-link" and not Path("/dev/zero").exists():
        return "no /dev/zero on this platform"
    return None


def materialise(case: HostileCase, builder: Builder | None, directory: Path) -> Path:
    path = directory / case.name
    if path.exists() or path.is_symlink():
        return path
    if case.special == "fifo":
        os.mkfifo(path)
    elif case.special == "device-link":
        path.symlink_to("/dev/zero")
    elif case.special == "sparse":
        with open(path, "wb") as handle:
            handle.write(b"PK\x03\x04junk")
            handle.truncate(6 * 1024**3)  # 6 GB, sparse: no disk space used
    elif case.special == "directory":
        path.mkdir()
    else:
        assert builder is not None
        path.write_bytes(builder())
    return path


def build(directory: Path) -> list[tuple[HostileCase, Path]]:
    directory.mkdir(parents=True, exist_ok=True)
    made = []
    for case, builder in load_all():
        if can_make(case) is None:
            made.append((case, materialise(case, builder, directory)))
    return made


if __name__ == "__main__":
    for case, path in build(Path(sys.argv[1])):
        print(f"{path.name:40} {case.verdict:8} {case.about}")
