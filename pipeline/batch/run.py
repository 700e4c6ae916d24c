"""`committee batch` as a library call: every workbook in INPUTS, every document in OUTPUTS.

    result = run_batch(Path("inputs"), Path("outputs"))

- Each workbook makes every document its sheets allow (Actions: plan and briefing;
  Indicators: performance report; Recommendations: cabinet response, and its update when
  any Progress is filled in) into OUTPUTS/<YYYY-MM>/<workbook name>/<kind>.docx.
- Workbooks are made in parallel (one process each, `jobs` at a time); a workbook that
  fails, for whatever reason, is reported with its located errors and the others are made.
- Every file is written to a temporary name in its folder, flushed and renamed into place:
  an interrupted run leaves documents whole or absent, and the next run completes it (it
  first removes the temporary files an interrupted run left behind).
- An input whose hash and templates are unchanged since its last successful run is
  skipped ("skipped, unchanged") unless `force`; a document already made from the same
  input and template (a circulated copy) is never replaced, even with `force`.
- OUTPUTS/manifest.json (and runs/<started>.json) say what was done; OUTPUTS/history.sqlite
  remembers plans and indicators so the briefing says what changed since the last report.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.batch.discover import Ignored, discover_files, output_names
from pipeline.batch.history import HISTORY_FILE, History, HistoryError
from pipeline.batch.layout import document_month, document_path
from pipeline.domain.model import IndicatorSet, Plan
from pipeline.issues import Issue, PipelineError
from pipeline.portable import cpu_count

WORK_FOLDER = ".work"
LOCK_FILE = ".batch.lock"

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


@dataclass
class DocumentEntry:
    kind: str
    path: Path
    sha256: str | None
    fingerprint: str = ""
    pdf: Path | None = None
    made: bool = True  # False: an earlier run's document, kept as it was
    expected: dict[str, int] = field(default_factory=dict)  # what the workbook holds
    written: dict[str, int] = field(default_factory=dict)  # what the document was read to hold
    pdf_removed: Path | None = None  # an older PDF of this document, removed as out of date

    def to_manifest(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            "path": str(self.path),
            "sha256": self.sha256,
            "pdf": None if self.pdf is None else str(self.pdf),
        }
        if self.made and self.expected:
            out["in"] = self.expected
            out["written"] = self.written
        if self.pdf_removed is not None:
            out["pdf_removed"] = str(self.pdf_removed)
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

    def to_manifest(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "path": str(self.path),
            "sha256": self.sha256,
            "status": self.status,
            "documents": [d.to_manifest() for d in self.documents],
            "errors": [i.to_dict() for i in self.errors],
            "warnings": [i.to_dict() for i in self.warnings],
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
            "inputs": [e.to_manifest() for e in self.inputs],
            "ignored": [i.to_manifest(self.outputs) for i in self.ignored],
            "problems": [i.to_dict() for i in self.problems],
        }
        if self.interrupted:
            out["interrupted"] = True
        return out


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C during a batch: the manifest of what was finished was written (or None)."""

    def __init__(self, manifest: Path | None) -> None:
        super().__init__()
        self.manifest = manifest


# --- one workbook, in a worker process ----------------------------------------------------------


@dataclass
class _Task:
    path: Path
    name: str
    sha256: str
    outputs: Path
    templates_dir: Path | None
    template_shas: dict[str, str]
    known: dict[str, str]  # document path (relative to outputs) -> fingerprint
    run_id: int
    run_date: dt.date
    history: Path
    dry_run: bool


@dataclass
class _Outcome:
    entry: InputEntry
    plan: Plan | None = None
    indicators: IndicatorSet | None = None
    plan_match: Any = None  # pipeline.batch.plan_history.PlanMatch
    identity: tuple[str, str, str] | None = None  # Title, Organisation, As at as typed


def _removed_message(path: Path) -> str:
    return (
        f"The file {path.name} was removed or moved while the batch was running, so nothing "
        "was made from it. Put it back in the inputs folder and run the batch again."
    )


def _audit(path: Path) -> list[dict[str, Any]] | None:
    from importlib.util import find_spec

    if find_spec("pipeline.audit") is None:
        return None
    from pipeline.audit import audit_document  # type: ignore[import-not-found]

    try:
        findings = audit_document(path)
    except Exception as exc:  # an audit problem never fails the workbook
        return [{"document": str(path), "rule": "audit",
                 "message": f"The accessibility audit could not read this document ({exc})."}]
    out: list[dict[str, Any]] = []
    for f in findings:
        if hasattr(f, "to_dict"):
            out.append({"document": str(path), **f.to_dict()})
        elif isinstance(f, dict):
            out.append({"document": str(path), **f})
        else:
            out.append({"document": str(path), "finding": str(f)})
    return out


def _previous_plan(conn: Any, task: _Task, plan: Plan, outcome: _Outcome) -> Plan | None:
    """The last report's plan from the history (matched on the workbook, see
    `pipeline.batch.plan_history`), its earlier target dates carried onto `plan`."""
    from pipeline.batch import history as hist
    from pipeline.domain.slippage import carry_earlier_dates

    match = hist.find_plan(conn, task.name, plan, task.run_id)
    outcome.plan_match = match
    if match.notice():
        outcome.entry.warnings.append(Issue("history-notice", "notice", match.notice(),
                                            file=str(task.path)))
    previous = hist.load_previous_plan(conn, plan, task.run_id, task.run_date, match=match)
    if previous is not None:
        carry_earlier_dates(plan, previous)
    return previous


def _make_documents(task: _Task, outcome: _Outcome) -> None:
    from pipeline.batch import history as hist
    from pipeline.batch import tidy
    from pipeline.kinds import made_from
    from pipeline.reader import read_workbook
    from pipeline.render.templates import template_path
    from pipeline.run_document import produce

    entry = outcome.entry
    if not task.path.is_file():
        entry.errors.append(Issue("format-error", "error", _removed_message(task.path),
                                  file=str(task.path)))
        return
    result = read_workbook(task.path)
    entry.warnings.extend(result.report.warnings)
    outcome.identity = tidy.identity(result.details)
    # The input may have been replaced since it was hashed: record the version read.
    entry.sha256 = tidy.hash_after_reading(task.path, task.sha256, entry)
    if not result.report.ok:
        if not task.path.exists():
            entry.errors.append(Issue("format-error", "error", _removed_message(task.path),
                                      file=str(task.path)))
        else:
            entry.errors.extend(result.report.errors)
        return
    kinds = made_from(result)
    wants_previous = any(x.from_history for k in kinds for x in k.extras)
    conn = None
    if wants_previous or any(k.needs == "indicators" for k in kinds):
        conn = hist.open_readonly(task.history)
    try:
        previous = None
        if result.plan is not None and wants_previous:
            previous = _previous_plan(conn, task, result.plan, outcome)
        if result.indicators is not None:
            result.indicators = hist.merge_earlier_series(conn, result.indicators, task.name)
    finally:
        if conn is not None:
            conn.close()
    outcome.plan = result.plan
    outcome.indicators = result.indicators
    audit: list[dict[str, Any]] = []
    audited = False
    for entry_kind in kinds:
        kind = entry_kind.name
        month = document_month(result.details, task.run_date, kind)
        target = document_path(task.outputs, month, task.name, kind)
        rel = target.relative_to(task.outputs).as_posix()
        fp = fingerprint(entry.sha256 or task.sha256, task.template_shas[entry_kind.template_kind],
                         kind)
        if target.is_file() and task.known.get(rel) == fp:
            # Already made from this very input and template: a circulated copy, kept.
            entry.documents.append(DocumentEntry(kind, target, sha256_file(target), fp,
                                                 made=False))
            continue
        if task.dry_run:
            entry.documents.append(DocumentEntry(kind, target, None, fp))
            continue
        history_extras = {x.name: previous for x in entry_kind.extras if x.from_history}
        try:
            produced = produce(kind, result, target, templates_dir=task.templates_dir,
                               **history_extras)
        except PipelineError as error:
            if tidy.is_template_fault(error, template_path(entry_kind.template_kind, None,
                                                            task.templates_dir)):
                entry.template_errors.extend(error.issues)
                continue
            entry.errors.extend(error.issues or [
                Issue("write-error", "error", error.message, file=str(task.path))
            ])
            continue
        entry.documents.append(DocumentEntry(kind, target, produced.sha256, fp,
                                             expected=produced.expected,
                                             written=produced.written))
        findings = _audit(target)
        if findings is not None:
            audited = True
            audit.extend(findings)
    if audited:
        entry.audit = audit


def process_workbook(task: _Task) -> _Outcome:
    """Make every document of one workbook; every failure comes back as located errors."""
    entry = InputEntry(path=task.path, name=task.name, sha256=task.sha256)
    outcome = _Outcome(entry)
    try:
        _make_documents(task, outcome)
    except PipelineError as error:
        entry.errors.extend(error.issues or [
            Issue("write-error", "error", error.message, file=str(task.path))
        ])
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        entry.errors.append(Issue(
            "write-error", "error",
            f"A file could not be read or written{where}: {exc.strerror or exc}. Check the "
            "disk is not full and the outputs folder may be written to, then run the batch "
            "again; nothing half-written was left behind.",
            file=str(task.path),
        ))
    except Exception as exc:  # isolation: one workbook's bug must not stop the batch
        entry.errors.append(Issue(
            "format-error", "error",
            f"An unexpected problem stopped this workbook ({type(exc).__name__}: {exc}). "
            "The other workbooks were not affected. Check the workbook opens in Excel; if it "
            "does, report this as a bug and attach the workbook.",
            file=str(task.path),
        ))
    # Keep the issues' file names the input's, for the summary.
    entry.errors = [i if i.file else _with_file(i, task.path) for i in entry.errors]
    if entry.errors:
        entry.status = "failed"
        outcome.plan = outcome.indicators = None
    return outcome


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


def _with_file(issue: Issue, path: Path) -> Issue:
    from dataclasses import replace

    return replace(issue, file=str(path))


# --- the batch, in the main process ----------------------------------------------------------


def _now() -> str:
    return dt.datetime.now().replace(microsecond=0).isoformat()


def _batch_error(message: str, path: Path | None = None) -> PipelineError:
    return PipelineError(message, [Issue("write-error", "error", message,
                                         file=str(path or ""))])


def _prepare_outputs(outputs: Path) -> None:
    """Make OUTPUTS and prove a file can be written there, or say plainly why not."""
    import tempfile

    try:
        outputs.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".write-test-", suffix=".tmp", dir=outputs)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise _batch_error(
            f"The outputs folder {outputs} cannot be written to ({exc.strerror or exc}). "
            "Nothing was made. Choose a folder you may save files in, or ask for permission "
            "to save in this one, and run the batch again.",
            outputs,
        ) from exc


def _lock(outputs: Path) -> Any:
    """Hold OUTPUTS/.batch.lock for the run (any system), or say another batch holds it."""
    from pipeline.portable import try_lock

    handle = open(outputs / LOCK_FILE, "a+")  # noqa: SIM115 - held for the whole run
    if not try_lock(handle):
        handle.close()
        raise _batch_error(
            f"Another batch is already writing to {outputs}. Wait for it to finish, then run "
            "this one again.",
            outputs,
        )
    return handle


def _worker_init(inherited_lock: int | None) -> None:
    """In each forked worker: let go of the inherited lock, so that the lock ends with the
    batch's main process even if a worker outlives it (a kill -9 of the main process).
    A spawned worker inherits nothing and is given None."""
    if inherited_lock is not None:
        try:
            os.close(inherited_lock)
        except OSError:
            pass


_MONTH = re.compile(r"^\d{4}-\d{2}$")
# Temporary files the batch itself writes at the top of OUTPUTS (documents' are deeper).
_OWN_TOP_LEVEL = (".manifest-", ".write-test-")


def remove_leftovers(outputs: Path) -> int:
    """Delete the temporary files an interrupted batch left behind; returns how many.

    Only the batch's own places are cleaned: month folders, runs/, the manifest's temporary
    files and the PDF work folders (a single-document command writing at the top of OUTPUTS
    at the same time is left alone)."""
    import shutil

    def is_temp(name: str) -> bool:
        return name.startswith(".") and name.endswith(".tmp")

    removed = 0
    candidates: list[Path] = []
    if not outputs.is_dir():
        return 0
    for child in outputs.iterdir():
        if child.is_file() and is_temp(child.name) and child.name.startswith(_OWN_TOP_LEVEL):
            candidates.append(child)
        elif child.is_dir() and (_MONTH.match(child.name) or child.name == "runs"):
            for root, _dirs, files in os.walk(child):
                candidates += [Path(root) / name for name in files if is_temp(name)]
    for path in candidates:
        try:
            path.unlink()
            removed += 1
        except OSError:
            pass
    work = outputs / WORK_FOLDER
    if work.is_dir():
        for d in work.iterdir():
            if d.is_dir() and d.name.startswith("pdf-"):
                shutil.rmtree(d, ignore_errors=True)
    return removed


def template_hashes(templates_dir: Path | None) -> dict[str, str]:
    """The sha256 of the template each kind of document would use."""
    from pipeline.kinds import TEMPLATE_KINDS
    from pipeline.render.templates import template_path

    return {kind: sha256_file(template_path(kind, None, templates_dir))
            for kind in TEMPLATE_KINDS}


def _templates_sha(shas: dict[str, str]) -> str:
    text = ";".join(f"{k}={v}" for k, v in sorted(shas.items())) + f";{__version__}"
    return hashlib.sha256(text.encode()).hexdigest()


def _record(history: History, run_id: int, outcome: _Outcome, outputs: Path,
            templates_sha: str, run_date: dt.date) -> None:
    entry = outcome.entry
    docs = [
        {"kind": d.kind, "path": d.path.relative_to(outputs).as_posix(),
         "sha256": d.sha256 or "", "fingerprint": d.fingerprint}
        for d in entry.documents
    ]
    try:
        history.record_input(run_id, entry.name, str(entry.path), entry.sha256, templates_sha,
                             entry.status, docs)
        if entry.status == "ok" and outcome.plan is not None:
            history.store_plan(run_id, outcome.plan, run_date, entry.name, outcome.plan_match)
        if entry.status == "ok" and outcome.indicators is not None:
            history.store_indicators(run_id, outcome.indicators, entry.name)
    except sqlite3.Error as exc:
        entry.warnings.append(Issue(
            "write-error", "warning",
            f"The documents were made but the batch history could not be updated ({exc}). "
            "The next run will make them again. Check the disk is not full.",
            file=str(entry.path),
        ))


def run_batch(
    inputs: Path,
    outputs: Path,
    jobs: int | None = None,
    pdf: bool = False,
    force: bool = False,
    dry_run: bool = False,
    templates_dir: Path | None = None,
    progress: Callable[[InputEntry, int, int], None] | None = None,
    run_date: dt.date | None = None,
    notice: Callable[[str], None] | None = None,
) -> BatchResult:
    """Make every document of every workbook in `inputs` into `outputs`.

    `progress(entry, done, total)` is called in this process as each input is finished
    (skipped inputs first); `notice(text)` is told when a long document is converted to PDF
    on its own. Raises PipelineError only for what stops the whole batch (no
    inputs folder, outputs not writable, another batch running); anything wrong with one
    workbook is in its entry. A dry run reads and checks every workbook and says what it
    would make, writing nothing.
    """
    inputs, outputs = Path(inputs), Path(outputs)
    run_date = run_date or dt.date.today()
    if not inputs.is_dir():
        found = "is a file, not a folder" if inputs.exists() else "was not found"
        raise PipelineError(
            f"The inputs folder {inputs} {found}. Put the workbooks in a folder and "
            "give its name, for example: committee batch inputs outputs",
            [Issue("format-error", "error", f"inputs folder {inputs} not found",
                   file=str(inputs))],
        )
    lock = None
    if not dry_run:
        _prepare_outputs(outputs)
        lock = _lock(outputs)
    try:
        return _run_locked(inputs, outputs, jobs, pdf, force, dry_run, templates_dir, progress,
                           run_date, notice, None if lock is None else lock.fileno())
    finally:
        if lock is not None:
            lock.close()


def _run_locked(
    inputs: Path,
    outputs: Path,
    jobs: int | None,
    pdf: bool,
    force: bool,
    dry_run: bool,
    templates_dir: Path | None,
    progress: Callable[[InputEntry, int, int], None] | None,
    run_date: dt.date,
    notice: Callable[[str], None] | None = None,
    lock_fd: int | None = None,
) -> BatchResult:
    from pipeline.batch import tidy

    if not dry_run:
        remove_leftovers(outputs)
    try:
        history = History(outputs / HISTORY_FILE, readonly=dry_run)
    except HistoryError as exc:
        raise _batch_error(str(exc), outputs / HISTORY_FILE) from exc
    started = _now()
    run_id = 2**62 if dry_run else history.start_run(started)
    status = "interrupted"
    entries: dict[Path, InputEntry] = {}
    paths: list[Path] = []
    ignored: list[Ignored] = []
    try:
        template_shas = template_hashes(templates_dir)
        templates_sha = _templates_sha(template_shas)
        paths, ignored = discover_files(inputs, exclude=outputs)
        names, clashes = output_names(paths, inputs)
        known = history.fingerprints()
        tasks: list[_Task] = []
        identities: dict[Path, tuple[str, str, str]] = {}
        total = len(paths)
        done = 0

        def finished(entry: InputEntry) -> None:
            nonlocal done
            done += 1
            if progress is not None:
                progress(entry, done, total)

        def settle(entry: InputEntry, record: bool = True, key: Path | None = None) -> None:
            tidy.note_name(entry, clashes, inputs)
            entries[key or entry.path] = entry
            if record and not dry_run:
                _record(history, run_id, _Outcome(entry), outputs, templates_sha, run_date)
            finished(entry)

        hashes: dict[Path, str | OSError] = {}
        for path in paths:
            if tidy.name_is_text(path):
                try:
                    hashes[path] = sha256_file(path)
                except OSError as exc:
                    hashes[path] = exc
        copies = tidy.originals({p: h for p, h in hashes.items() if isinstance(h, str)}, inputs)
        for path in paths:
            name = names[path]
            if path not in hashes:
                settle(tidy.unreadable_name(path, name), record=False, key=path)
                continue
            sha = hashes[path]
            if isinstance(sha, OSError):
                exc = sha
                entry = InputEntry(path, name, None, status="failed")
                message = (_removed_message(path) if isinstance(exc, FileNotFoundError) else
                           f"The file {path.name} could not be read ({exc.strerror}). Close it "
                           "in Excel if it is open, check you may read it, and run the batch "
                           "again.")
                entry.errors.append(Issue("format-error", "error", message, file=str(path)))
                settle(entry)
                continue
            if path in copies:
                settle(tidy.duplicate(path, name, sha, copies[path], inputs), record=False)
                continue
            record = None if force else history.last_success(name)
            if (
                record is not None
                and record.sha256 == sha
                and record.templates_sha256 == templates_sha
                and all((outputs / d["path"]).is_file() for d in record.documents)
            ):
                entry = InputEntry(path, name, sha, status="skipped", note="skipped, unchanged")
                entry.documents = [
                    DocumentEntry(d["kind"], outputs / d["path"], d["sha256"], d["fingerprint"],
                                  made=False)
                    for d in record.documents
                ]
                settle(entry)
                continue
            tasks.append(_Task(
                path=path, name=name, sha256=sha, outputs=outputs, templates_dir=templates_dir,
                template_shas=template_shas, known=known, run_id=run_id, run_date=run_date,
                history=outputs / HISTORY_FILE, dry_run=dry_run,
            ))

        def complete(outcome: _Outcome) -> None:
            tidy.note_name(outcome.entry, clashes, inputs)
            entries[outcome.entry.path] = outcome.entry
            if outcome.identity is not None:
                identities[outcome.entry.path] = outcome.identity
            if not dry_run:
                _record(history, run_id, outcome, outputs, templates_sha, run_date)
            finished(outcome.entry)

        workers = max(1, min(jobs or cpu_count(), len(tasks)))
        if workers == 1 or len(tasks) <= 1:
            for task in tasks:
                complete(process_workbook(task))
        else:
            _run_parallel(tasks, workers, complete, lock_fd)

        ordered = [entries[p] for p in paths]
        tidy.warn_same_identity(ordered, identities, inputs)
        tidy.warn_open_in_excel(ordered, ignored)
        problems: list[Issue] = tidy.template_problems(ordered)
        if templates_dir is not None and Path(templates_dir).is_dir():
            from pipeline.render.templates import misnamed_templates

            problems += misnamed_templates(templates_dir)
        if pdf and not dry_run:
            problems += _make_pdfs(ordered, outputs, notice)
        for entry in ordered:
            for doc in entry.documents:
                pdf_path = doc.path.with_suffix(".pdf")
                if doc.pdf is None and pdf_path.is_file() and (
                    pdf_path.stat().st_mtime >= doc.path.stat().st_mtime
                ):
                    doc.pdf = pdf_path
        if not dry_run:
            tidy.remove_stale_pdfs(ordered)
        result = BatchResult(started=started, finished=_now(), inputs=ordered,
                             outputs=outputs, problems=problems, dry_run=dry_run,
                             ignored=ignored)
        if not dry_run:
            try:
                result.manifest = _write_manifest(outputs, result)
            except OSError as exc:
                problems.append(Issue(
                    "write-error", "error",
                    f"The documents were made but the manifest {outputs / 'manifest.json'} "
                    f"could not be written ({exc.strerror or exc}). Check the disk is not "
                    "full, then run the batch again.",
                    file=str(outputs / "manifest.json"),
                ))
        status = "failed" if result.exit_code else "ok"
        return result
    except KeyboardInterrupt as stop:
        manifest = None
        if not dry_run:
            done_entries = [entries[p] for p in paths if p in entries]
            partial = BatchResult(started=started, finished=_now(), inputs=done_entries,
                                  outputs=outputs, ignored=ignored, interrupted=True)
            try:
                manifest = _write_manifest(outputs, partial)
            except OSError:
                manifest = None
        raise BatchInterrupted(manifest) from stop
    finally:
        if not dry_run:
            try:
                history.finish_run(run_id, _now(), status)
            except sqlite3.Error:
                pass
        history.close()


def _run_parallel(tasks: list[_Task], workers: int, complete: Callable[[_Outcome], None],
                  lock_fd: int | None = None) -> None:
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
        pending = {pool.submit(process_workbook, task): task for task in tasks}
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


def _crashed(task: _Task, detail: str = "") -> _Outcome:
    entry = InputEntry(task.path, task.name, task.sha256, status="failed")
    entry.errors.append(Issue(
        "format-error", "error",
        "The program making this workbook's documents stopped unexpectedly"
        f"{f' ({detail})' if detail else ''}; it may be too large for this computer's "
        "memory. Nothing half-written was left behind. Run the batch again; if it happens "
        "again, report it with the workbook.",
        file=str(task.path),
    ))
    return _Outcome(entry)


def _make_pdfs(entries: list[InputEntry], outputs: Path,
               notice: Callable[[str], None] | None = None) -> list[Issue]:
    """PDFs for every document of the run that has none, or an older one."""
    from pipeline.batch.pdf import convert_to_pdf

    wanted: dict[Path, DocumentEntry] = {}
    for entry in entries:
        if entry.status == "failed" and not entry.documents:
            continue
        for doc in entry.documents:
            pdf_path = doc.path.with_suffix(".pdf")
            if doc.path.is_file() and (
                doc.made or not pdf_path.is_file()
                or pdf_path.stat().st_mtime < doc.path.stat().st_mtime
            ):
                wanted[doc.path] = doc
    result = convert_to_pdf(list(wanted), outputs / WORK_FOLDER, notice)
    for docx, pdf_path in result.made.items():
        wanted[docx].pdf = pdf_path
    problems: list[Issue] = []
    by_file = {str(d.path): e for e in entries for d in e.documents}
    for issue in result.problems:
        owner = by_file.get(issue.file)
        if owner is not None:
            owner.warnings.append(issue)
        else:
            problems.append(issue)
    return problems


def _write_manifest(outputs: Path, result: BatchResult) -> Path:
    from pipeline.batch.manifest import write_manifest

    return write_manifest(outputs, result.to_manifest())


__all__ = [
    "BatchInterrupted",
    "BatchResult",
    "DocumentEntry",
    "InputEntry",
    "process_workbook",
    "remove_leftovers",
    "run_batch",
    "sha256_file",
]
