"""Finding the workbooks of a batch in the inputs folder, and the files it leaves alone."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from pipeline.reader.files import OTHER_SPREADSHEETS

SUFFIXES: frozenset[str] = frozenset({".xlsx", ".xlsm", ".csv"})
SKIPPED_FOLDERS: frozenset[str] = frozenset({"archive"})
ANNOTATED_SUFFIX = " - to fix.xlsx"  # the copies `check --annotate` writes


def is_input(name: str) -> bool:
    """A file name the batch reads: .xlsx/.xlsm/.csv, not an Excel lock file, not hidden, not
    a "- to fix" copy written by --annotate. A spreadsheet in another format (.xls, .ods) is
    taken too, to be refused by the reader as a failed workbook saying how to convert it."""
    if name.startswith("~$") or name.startswith("."):
        return False
    if name.lower().endswith(ANNOTATED_SUFFIX):
        return False
    suffix = Path(name).suffix.lower()
    return suffix in SUFFIXES or suffix in OTHER_SPREADSHEETS


@dataclass(frozen=True)
class Ignored:
    """A file in the inputs folder the batch does not read, and why."""

    path: Path
    reason: str
    locks: Path | None = None  # for an Excel lock file: the workbook it belongs to

    def to_manifest(self, folder: Path) -> dict[str, str]:
        from pipeline.text import printable

        return {"path": printable(str(self.path)), "reason": self.reason}


def ignored_reason(path: Path) -> Ignored:
    name = path.name
    if name.startswith("~$"):
        owner = path.with_name(name[2:])
        if owner.is_file():
            return Ignored(path, f"Excel's lock file for {owner.name}", owner)
        return Ignored(path, "an Excel lock file (its workbook is not here)")
    if name.lower().endswith(ANNOTATED_SUFFIX):
        return Ignored(path, "a copy showing problems, written by --annotate")
    return Ignored(path, "not a workbook the batch reads (.xlsx, .xlsm or .csv)")


def discover_files(folder: Path, exclude: Path | None = None) -> tuple[list[Path], list[Ignored]]:
    """Every workbook under `folder`, sorted, and the other files found there (ignored).

    Subfolders are included, except any folder named archive (any case, at any depth),
    hidden folders and `exclude` (the outputs folder, when it is inside the inputs). Hidden
    files (.DS_Store) are neither read nor listed."""
    folder = Path(folder)
    excluded = Path(exclude).resolve() if exclude is not None else None
    found: list[Path] = []
    ignored: list[Ignored] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(
            d for d in dirs
            if d.lower() not in SKIPPED_FOLDERS and not d.startswith(".")
            and (excluded is None or (Path(root) / d).resolve() != excluded)
        )
        for name in files:
            if is_input(name):
                found.append(Path(root) / name)
            elif not name.startswith("."):
                ignored.append(ignored_reason(Path(root) / name))

    def order(p: Path) -> str:
        return p.relative_to(folder).as_posix().lower()

    return sorted(found, key=order), sorted(ignored, key=lambda i: order(i.path))


def discover_inputs(folder: Path, exclude: Path | None = None) -> list[Path]:
    """Every workbook under `folder`, sorted (see discover_files); lock files ignored."""
    return discover_files(folder, exclude)[0]


def workbook_names(paths: list[Path], folder: Path) -> dict[Path, str]:
    """The output folder name of each input: its file name without the extension."""
    return output_names(paths, folder)[0]


def output_names(paths: list[Path], folder: Path) -> tuple[dict[Path, str], dict[Path, Path]]:
    """Each input's own output folder name, and for a renamed one the input it clashed with.

    The name is the file name without the extension; inputs in subfolders are named
    "<subfolder> - <name>". When two inputs would still get the same folder (plan.xlsx and
    plan.csv) the extension is added: "plan (csv)". When even that clashes (sub/plan.xlsx and
    "sub - plan.xlsx", a:b.xlsx and a-b.xlsx, c.xlsx and c.XLSX) a short code made from the
    input's own path is added, which stays the same from run to run: "sub - plan (3f9a1c)".
    """
    base = {p: _base_name(p, folder) for p in paths}
    names = dict(base)
    clashes = _clashes(names)
    for path in paths:
        if names[path].lower() in clashes:
            names[path] = f"{names[path]} ({path.suffix.lower().lstrip('.') or 'file'})"
    clashes = _clashes(names)
    clashed_with: dict[Path, Path] = {}
    for path in paths:
        if names[path].lower() in clashes:
            others = [p for p in paths if p != path and names[p].lower() == names[path].lower()]
            clashed_with[path] = others[0]
    for path in clashed_with:
        rel = path.relative_to(folder).as_posix()
        code = hashlib.sha256(rel.encode("utf-8", "surrogateescape")).hexdigest()[:6]
        names[path] = f"{base[path]} ({code})"
    return names, clashed_with


def _base_name(path: Path, folder: Path) -> str:
    rel = path.relative_to(folder)
    return safe_name(" - ".join([*rel.parts[:-1], rel.stem]))


def _clashes(names: dict[Path, str]) -> set[str]:
    counts: dict[str, int] = {}
    for name in names.values():
        counts[name.lower()] = counts.get(name.lower(), 0) + 1
    return {name for name, n in counts.items() if n > 1}


def safe_name(name: str) -> str:
    """A folder name that works on Windows shares too: no \\ / : * ? " < > | or control chars,
    and valid text (a byte that is not UTF-8 becomes "-")."""
    cleaned = "".join(
        "-" if ch in '\\/:*?"<>|' or ord(ch) < 32 or 0xDC80 <= ord(ch) <= 0xDCFF else ch
        for ch in name
    )
    cleaned = cleaned.strip().rstrip(".")
    return cleaned or "workbook"
