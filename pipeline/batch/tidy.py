"""A tidy batch: nothing stale left beside a document, duplicates and clashes named, files
left alone listed, an open workbook said to be open, a template's fault blamed on it.

Each function takes the batch's entries (pipeline.batch.run) and adds what the person running
the batch needs to know, as located issues or manifest notes.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.issues import Code, Issue, PipelineError
from pipeline.text import is_printable, printable

if TYPE_CHECKING:
    from pipeline.batch.discover import Ignored
    from pipeline.batch.entries import InputEntry
    from pipeline.domain.model import Details


def _rel(path: Path, folder: Path) -> str:
    try:
        return printable(path.relative_to(folder).as_posix())
    except ValueError:
        return printable(str(path))


def _warn(entry: InputEntry, code: Code, message: str, file: Path | None = None) -> None:
    """A warning on the entry, located on its workbook (or on `file`)."""
    entry.warnings.append(Issue(code, "warning", message, file=str(file or entry.path)))


def name_is_text(path: Path) -> bool:
    """Whether the input's path is valid text (no bytes that are not UTF-8 in its name)."""
    return is_printable(str(path))


def unreadable_name(path: Path, name: str) -> InputEntry:
    """A failed entry for an input whose file name is not valid text (bytes such as \\xff)."""
    from pipeline.batch.entries import InputEntry

    shown = printable(str(path))
    entry = InputEntry(Path(shown), printable(name), None, status="failed")
    entry.errors.append(Issue(
        "format-error", "error",
        f"The file name {Path(shown).name!r} holds characters that are not valid text (shown "
        "as \ufffd), so nothing was made from it. Rename the file, using ordinary letters, "
        "and run the batch again.",
        file=shown,
    ))
    return entry


def duplicate(path: Path, name: str, sha: str, first: Path, folder: Path) -> InputEntry:
    """An input byte-for-byte the same as an earlier one: not made again, with a warning."""
    from pipeline.batch.entries import InputEntry

    entry = InputEntry(path, name, sha, status="duplicate", note=f"same as {first.name}")
    entry.about["duplicate_of"] = str(first)
    _warn(entry, "unique-error",
          f"{_rel(path, folder)} is exactly the same file as {_rel(first, folder)}, so the "
          f"documents were made only once, from {_rel(first, folder)} (making them twice "
          "would double the totals). Delete the copy you do not need.")
    return entry


def note_name(entry: InputEntry, clashes: dict[Path, Path], folder: Path) -> None:
    """Say so when the input's output folder had to be renamed to keep it its own."""
    other = clashes.get(entry.path)
    if other is None or "name_clash" in entry.about or entry.status == "duplicate":
        return
    entry.about["name_clash"] = str(other)
    _warn(entry, "unique-error",
          f"{_rel(entry.path, folder)} and {_rel(other, folder)} would have had the same "
          f"output folder, so this one's documents are in the folder {entry.name!r}. Rename "
          "one of the files to keep their folders apart by name.")


def identity(details: Details) -> tuple[str, str, str] | None:
    """Title, Organisation and As at as typed; None when the workbook has no title."""
    title = details.title.strip()
    if not title:
        return None
    as_at = details.as_at.text if details.as_at is not None else ""
    return (title.lower(), details.organisation.strip().lower(), as_at.strip().lower())


def warn_same_identity(entries: list[InputEntry], identities: dict[Path, tuple[str, str, str]],
                       folder: Path) -> None:
    """Two workbooks with the same Title, Organisation and As at: one is probably an old
    copy; each gets a warning naming the other."""
    by_identity: dict[tuple[str, str, str], list[InputEntry]] = {}
    for entry in entries:
        key = identities.get(entry.path)
        if key is not None:
            by_identity.setdefault(key, []).append(entry)
    for group in by_identity.values():
        if len(group) < 2:
            continue
        for entry in group:
            others = ", ".join(_rel(e.path, folder) for e in group if e is not entry)
            _warn(entry, "unique-error",
                  f"{_rel(entry.path, folder)} has the same Title, Organisation and As at as "
                  f"{others}: one of them may be an out-of-date copy. Delete it, or correct "
                  "its Details sheet.")


def warn_open_in_excel(entries: list[InputEntry], ignored: list[Ignored]) -> None:
    """An Excel lock file beside a workbook: it is open in Excel (or Excel did not close)."""
    from pipeline.reader import open_in_excel_message

    by_path = {e.path: e for e in entries}
    for item in ignored:
        entry = by_path.get(item.locks) if item.locks is not None else None
        if entry is None:
            continue
        message = open_in_excel_message(entry.path)
        if any(w.message == message for w in entry.warnings):
            continue  # the reader said so already (the workbook was read, not skipped)
        _warn(entry, "hidden-content", message)


def is_template_fault(error: PipelineError, template: Path) -> bool:
    """Whether a document failed because of its template, not its workbook: every issue is
    a template error or is located in the template."""
    return bool(error.issues) and all(
        i.code == "template-error" or (i.file and Path(i.file) == template)
        for i in error.issues
    )


def template_problems(entries: list[InputEntry]) -> list[Issue]:
    """Each template fault once, against the template, naming the documents not made."""
    seen: dict[tuple[str, str], list[str]] = {}
    issues: dict[tuple[str, str], Issue] = {}
    for entry in entries:
        for issue in entry.template_errors:
            key = (issue.file, issue.message)
            issues.setdefault(key, issue)
            seen.setdefault(key, []).append(entry.path.name)
    out: list[Issue] = []
    for key, issue in issues.items():
        names = ", ".join(dict.fromkeys(seen[key]))
        out.append(Issue(
            issue.code, "error",
            f"The template {Path(issue.file).name or issue.file} cannot be used: "
            f"{issue.message} That document was not made for {names}; the other documents "
            "were.",
            file=issue.file, sheet=issue.sheet, row=issue.row, column=issue.column,
            value=issue.value,
        ))
    return out


def remove_stale_pdfs(entries: list[InputEntry]) -> None:
    """A document made again leaves no older PDF beside it: an out-of-date PDF is removed
    (and the manifest says so), so that the wrong paper is never circulated."""
    for entry in entries:
        for doc in entry.documents:
            pdf = doc.path.with_suffix(".pdf")
            if not doc.made or doc.pdf is not None or not pdf.is_file():
                continue
            try:
                stale = pdf.stat().st_mtime < doc.path.stat().st_mtime
                if stale:
                    pdf.unlink()
                    doc.pdf_removed = pdf
            except OSError as exc:
                _warn(entry, "write-error",
                      f"{pdf.name} is older than the document made now and could not be "
                      f"removed ({exc.strerror or exc}). Delete it so that it is not "
                      "circulated.", pdf)


def hash_after_reading(path: Path, sha: str, entry: InputEntry) -> str:
    """The input's hash once it has been read: when it was replaced after it was hashed,
    the version read is the one recorded (and a warning says so)."""
    from pipeline.batch.entries import sha256_file

    try:
        now = sha256_file(path)
    except OSError:
        return sha
    if now != sha:
        _warn(entry, "format-error",
              f"{path.name} was changed while the batch was running; the version saved at "
              "the time it was read was used. Run the batch again if it was changed since.",
              path)
    return now


_COPY_NAME = re.compile(r"(?:\s*\(\d+\)|\s+-\s+copy(?:\s*\(\d+\))?)$|^copy(?:\s*\(\d+\))?\s+of\s",
                        re.IGNORECASE)


def looks_like_a_copy(path: Path) -> bool:
    """Whether a file's name is one Windows, a browser or Excel gives a copy."""
    return bool(_COPY_NAME.search(path.stem))


def originals(hashes: dict[Path, str], folder: Path) -> dict[Path, Path]:
    """For each input byte-for-byte the same as another, the one of them that is made: a
    name that is not a copy's ("plan (1).xlsx", "Copy of plan.xlsx", "plan - Copy.xlsx",
    as Windows and Excel name copies) before one that is, then the shortest name, then the
    first in order."""
    groups: dict[str, list[Path]] = {}
    for path, sha in hashes.items():
        groups.setdefault(sha, []).append(path)
    out: dict[Path, Path] = {}
    for group in groups.values():
        if len(group) < 2:
            continue
        first = min(group, key=lambda p: (looks_like_a_copy(p), len(_rel(p, folder)),
                                          _rel(p, folder).lower()))
        out.update({p: first for p in group if p != first})
    return out
