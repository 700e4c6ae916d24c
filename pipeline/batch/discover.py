"""Finding the workbooks of a batch in the inputs folder."""

from __future__ import annotations

import os
from pathlib import Path

SUFFIXES: frozenset[str] = frozenset({".xlsx", ".xlsm", ".csv"})
SKIPPED_FOLDERS: frozenset[str] = frozenset({"archive"})


def is_input(name: str) -> bool:
    """A file name the batch reads: .xlsx/.xlsm/.csv, not an Excel lock file, not hidden."""
    if name.startswith("~$") or name.startswith("."):
        return False
    return Path(name).suffix.lower() in SUFFIXES


def discover_inputs(folder: Path, exclude: Path | None = None) -> list[Path]:
    """Every workbook under `folder`, sorted: subfolders included, except any folder named
    archive (any case, at any depth), hidden folders and `exclude` (the outputs folder, when
    it is inside the inputs); lock files (~$x.xlsx) ignored."""
    folder = Path(folder)
    excluded = Path(exclude).resolve() if exclude is not None else None
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(
            d for d in dirs
            if d.lower() not in SKIPPED_FOLDERS and not d.startswith(".")
            and (excluded is None or (Path(root) / d).resolve() != excluded)
        )
        for name in files:
            if is_input(name):
                found.append(Path(root) / name)
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix().lower())


def workbook_names(paths: list[Path], folder: Path) -> dict[Path, str]:
    """The output folder name of each input: its file name without the extension.

    Inputs in subfolders are named "<subfolder> - <name>"; when two inputs would still get
    the same name (plan.xlsx and plan.csv) the extension is added: "plan (csv)".
    """
    names: dict[Path, str] = {}
    for path in paths:
        rel = path.relative_to(folder)
        parts = [*rel.parts[:-1], rel.stem]
        names[path] = safe_name(" - ".join(parts))
    counts: dict[str, int] = {}
    for name in names.values():
        counts[name.lower()] = counts.get(name.lower(), 0) + 1
    for path, name in names.items():
        if counts[name.lower()] > 1:
            names[path] = f"{name} ({path.suffix.lower().lstrip('.')})"
    return names


def safe_name(name: str) -> str:
    """A folder name that works on Windows shares too: no \\ / : * ? " < > | or control chars."""
    cleaned = "".join("-" if ch in '\\/:*?"<>|' or ord(ch) < 32 else ch for ch in name)
    cleaned = cleaned.strip().rstrip(".")
    return cleaned or "workbook"
