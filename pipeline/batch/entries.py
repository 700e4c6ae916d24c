"""What a batch run made, kept or could not make: the data the manifest and the summary say.

`InputEntry` is one workbook of INPUTS, `DocumentEntry` one document made from it (or kept
from an earlier run), `BatchResult` the whole run. Plain data: made in worker processes and
sent back to the main one, so everything here pickles.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline import __version__
from pipeline.batch.discover import Ignored
from pipeline.issues import Issue

if TYPE_CHECKING:
    from pipeline.batch.moved import MovedPack
    from pipeline.batch.moved_reports import MovedReport


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def fingerprint(input_sha: str, template_sha: str, kind: str) -> str:
    """What a document is made from: its input, its template, its kind and this version."""
    text = f"{input_sha}:{template_sha}:{kind}:{__version__}"
    return hashlib.sha256(text.encode()).hexdigest()


def manifest_path(path: Path, root: Path | None) -> str:
    """A document's path as the manifest keeps it: relative to the outputs folder (the
    manifest's own folder), with forward slashes, so it holds from any folder and on any
    system; a path outside that folder as it is."""
    if root is not None:
        for inner, outer in ((Path(path), Path(root)),
                             (Path(path).resolve(), Path(root).resolve())):
            try:
                return inner.relative_to(outer).as_posix()
            except ValueError:
                continue
    return str(path)


@dataclass
class DocumentEntry:
    kind: str
    path: Path
    sha256: str | None
    fingerprint: str = ""
    pdf: Path | None = None
    pdf_made: bool = False  # its PDF was made by this run
    made: bool = True  # False: an earlier run's document, kept as it was
    expected: dict[str, int] = field(default_factory=dict)  # what the workbook holds
    written: dict[str, int] = field(default_factory=dict)  # what the document was read to hold
    pdf_removed: Path | None = None  # an older PDF of this document, removed as out of date
    pack: Path | None = None  # a committee report's: its meeting's agenda pack (pipeline.pack)

    def to_manifest(self, root: Path | None = None) -> dict[str, Any]:
        """The manifest's record; `root` (the outputs folder): paths relative to it."""
        out: dict[str, Any] = {
            "kind": self.kind,
            "path": manifest_path(self.path, root),
            "sha256": self.sha256,
            "pdf": None if self.pdf is None else manifest_path(self.pdf, root),
        }
        if self.made and self.expected:
            out["in"] = self.expected
            out["written"] = self.written
        if self.pdf_removed is not None:
            out["pdf_removed"] = manifest_path(self.pdf_removed, root)
        if self.pack is not None:
            out["pack"] = manifest_path(self.pack, root)
        return out


@dataclass
class InputEntry:
    """One input of the batch: what was made from it, or why not."""

    path: Path
    name: str
    sha256: str | None
    status: str = "ok"  # "ok" | "failed" | "skipped" | "duplicate"
    note: str = ""  # "skipped, unchanged"
    documents: list[DocumentEntry] = field(default_factory=list)
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    # What the batch tells the clerk that is not a problem to fix (how the history matched
    # the workbook): counted and printed apart from the warnings.
    notices: list[Issue] = field(default_factory=list)
    audit: list[dict[str, Any]] | None = None
    # Faults of a template (not of the workbook): that document was not made, the others were.
    template_errors: list[Issue] = field(default_factory=list)
    about: dict[str, str] = field(default_factory=dict)  # output_name, name_clash, duplicate_of

    @property
    def folders(self) -> list[Path]:
        """Where the input's documents are, in order, each once."""
        return list(dict.fromkeys(d.path.parent for d in self.documents))

    @property
    def made(self) -> list[DocumentEntry]:
        return [d for d in self.documents if d.made]

    @property
    def kept(self) -> list[DocumentEntry]:
        return [d for d in self.documents if not d.made]

    def to_manifest(self, root: Path | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {
            "path": str(self.path),
            "sha256": self.sha256,
            "status": self.status,
            "documents": [d.to_manifest(root) for d in self.documents],
            "errors": [i.to_dict() for i in self.errors],
            "warnings": [i.to_dict() for i in self.warnings],
            "notices": [i.to_dict() for i in self.notices],
            "output_name": self.name,
            **self.about,
        }
        if self.template_errors:
            out["template_errors"] = [i.to_dict() for i in self.template_errors]
        if self.audit is not None:
            out["audit"] = self.audit
        return out


@dataclass
class BatchResult:
    started: str
    finished: str
    inputs: list[InputEntry]
    outputs: Path
    manifest: Path | None = None  # None for a dry run
    problems: list[Issue] = field(default_factory=list)  # about the batch, not one input
    dry_run: bool = False
    ignored: list[Ignored] = field(default_factory=list)  # files in INPUTS not read
    interrupted: bool = False  # stopped (Ctrl-C): the inputs finished before it
    packs: list[Path] = field(default_factory=list)  # agenda packs made (--pdf; pipeline.pack)
    # Out-of-date agenda packs removed (a report of the meeting was made again, no --pdf).
    packs_removed: list[Path] = field(default_factory=list)
    # Packs of earlier runs that listed a report now for another meeting (pipeline.batch.moved).
    packs_moved: list[MovedPack] = field(default_factory=list)
    # Reports of earlier runs removed from the month their meeting moved from
    # (pipeline.batch.moved_reports).
    reports_moved: list[MovedReport] = field(default_factory=list)

    @property
    def failed(self) -> list[InputEntry]:
        return [e for e in self.inputs if e.status == "failed"]

    @property
    def skipped(self) -> list[InputEntry]:
        return [e for e in self.inputs if e.status == "skipped"]

    @property
    def duplicates(self) -> list[InputEntry]:
        return [e for e in self.inputs if e.status == "duplicate"]

    @property
    def made(self) -> list[DocumentEntry]:
        return [d for e in self.inputs for d in e.made]

    @property
    def kept(self) -> list[DocumentEntry]:
        return [d for e in self.inputs if e.status != "skipped" for d in e.kept]

    @property
    def exit_code(self) -> int:
        return 1 if self.failed or any(p.severity == "error" for p in self.problems) else 0

    def to_manifest(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "started": self.started,
            "finished": self.finished,
            "inputs": [e.to_manifest(self.outputs) for e in self.inputs],
            "ignored": [i.to_manifest(self.outputs) for i in self.ignored],
            "problems": [i.to_dict() for i in self.problems],
        }
        if self.packs:
            out["packs"] = [manifest_path(p, self.outputs) for p in self.packs]
        if self.packs_removed:
            out["packs_removed"] = [manifest_path(p, self.outputs) for p in self.packs_removed]
        if self.packs_moved:
            out["packs_moved"] = [m.to_manifest(self.outputs) for m in self.packs_moved]
        if self.reports_moved:
            out["reports_moved"] = [m.to_manifest(self.outputs) for m in self.reports_moved]
        if self.interrupted:
            out["interrupted"] = True
        return out


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C during a batch: the manifest of what was finished was written (or None)."""

    def __init__(self, manifest: Path | None) -> None:
        super().__init__()
        self.manifest = manifest


def reconciliation(documents: list[DocumentEntry]) -> list[str]:
    """'52 actions in, 52 written' lines over the documents made (nothing lost): each kind's
    `reconciled` counts (pipeline.kinds), in the registry's order."""
    from pipeline.kinds import DOCUMENT_KINDS, KIND_NAMES, document_kind

    totals: dict[str, list[int]] = {}
    for doc in documents:
        reconciled = document_kind(doc.kind).reconciled if doc.kind in KIND_NAMES else ()
        for item in reconciled:
            key, name = item.key, item.name
            if key in doc.expected:
                pair = totals.setdefault(name, [0, 0])
                pair[0] += doc.expected[key]
                pair[1] += doc.written.get(key, 0)
    order = [item.name for kind in DOCUMENT_KINDS for item in kind.reconciled]
    return [
        f"{totals[name][0]} {name} in, {totals[name][1]} written"
        for name in dict.fromkeys(order) if name in totals
    ]


__all__ = ["BatchInterrupted", "BatchResult", "DocumentEntry", "InputEntry", "fingerprint",
           "manifest_path", "reconciliation", "sha256_file"]
