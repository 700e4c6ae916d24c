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

A run is four steps (`_Run`): discover the inputs, skip what is unchanged (or a copy, or
unreadable), dispatch the rest to workers (`pipeline.batch.worker`, in parallel through
`pipeline.batch.parallel`), and finish (PDFs, agenda packs and the manifest, in
`pipeline.batch.finish`; the history). The data is in
`pipeline.batch.entries`, the OUTPUTS folder's care in `pipeline.batch.outputs`, and what
the end of a run says in `pipeline.batch.summary`.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.batch.discover import Ignored, discover_files, output_names
from pipeline.batch.entries import (
    BatchInterrupted,
    BatchResult,
    DocumentEntry,
    InputEntry,
    fingerprint,
    reconciliation,
    sha256_file,
)
from pipeline.batch.finish import (
    make_pdfs,
    manifest_problem,
    note_pdfs,
    settle_packs,
    write_run_manifest,
)
from pipeline.batch.history import HISTORY_FILE, History, HistoryError
from pipeline.batch.moved import MovedPack, PreviousReport, previous_reports
from pipeline.batch.moved_reports import MovedReport, remove_moved_reports
from pipeline.batch.outputs import (
    LOCK_FILE,
    WORK_FOLDER,
    batch_error,
    lock_outputs,
    prepare_outputs,
    remove_leftovers,
    template_hashes,
    templates_sha,
    unlock_outputs,
)
from pipeline.batch.worker import _Outcome, _removed_message, _Task, process_workbook
from pipeline.issues import Issue, PipelineError
from pipeline.portable import cpu_count, start_method
from pipeline.reader.files import NotAFile, input_problem, other_spreadsheet_message


def _now() -> str:
    return dt.datetime.now().replace(microsecond=0).isoformat()


def _record(history: History, run_id: int, outcome: _Outcome, outputs: Path,
            templates_sha: str, run_date: dt.date) -> None:
    entry = outcome.entry
    docs = [
        {"kind": d.kind, "path": d.path.relative_to(outputs).as_posix(),
         "sha256": d.sha256 or "", "fingerprint": d.fingerprint}
        for d in entry.documents
    ]
    try:
        # A workbook whose template stopped a document is recorded "incomplete", so that the
        # next run, templates unchanged, makes it again rather than skip it as unchanged.
        status = "incomplete" if entry.status == "ok" and entry.template_errors else (
            entry.status)
        history.record_input(run_id, entry.name, str(entry.path), entry.sha256, templates_sha,
                             status, docs)
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
    start_method()  # a COMMITTEE_START_METHOD this system lacks stops it before anything
    lock = None
    if not dry_run:
        prepare_outputs(outputs)
        lock = lock_outputs(outputs)
    try:
        run = _Run(inputs, outputs, _Options(jobs, pdf, force, dry_run, templates_dir,
                                             run_date, progress, notice),
                   None if lock is None else lock.fileno())
        return run.run()
    finally:
        if lock is not None:
            unlock_outputs(lock, outputs)


@dataclass
class _Options:
    jobs: int | None
    pdf: bool
    force: bool
    dry_run: bool
    templates_dir: Path | None
    run_date: dt.date
    progress: Callable[[InputEntry, int, int], None] | None = None
    notice: Callable[[str], None] | None = None


@dataclass
class _Run:
    """One batch run, holding the lock: discover, skip, dispatch, finish."""

    inputs: Path
    outputs: Path
    options: _Options
    lock_fd: int | None = None
    entries: dict[Path, InputEntry] = field(default_factory=dict)
    paths: list[Path] = field(default_factory=list)
    ignored: list[Ignored] = field(default_factory=list)
    refused: dict[Path, str] = field(default_factory=dict)  # inputs refused for their format
    identities: dict[Path, tuple[str, str, str]] = field(default_factory=dict)
    previous: dict[tuple[str, str], PreviousReport] = field(default_factory=dict)
    done: int = 0

    def run(self) -> BatchResult:
        dry_run = self.options.dry_run
        if not dry_run:
            remove_leftovers(self.outputs)
        try:
            self.history = History(self.outputs / HISTORY_FILE, readonly=dry_run)
        except HistoryError as exc:
            raise batch_error(str(exc), self.outputs / HISTORY_FILE) from exc
        self.started = _now()
        self.run_id = 2**62 if dry_run else self.history.start_run(self.started)
        status = "interrupted"
        try:
            self.template_shas = template_hashes(self.options.templates_dir)
            self.templates_sha = templates_sha(self.template_shas)
            self.discover()
            # Each committee report's pack as the last run left it, before any is made again.
            self.previous = {} if dry_run else previous_reports(self.outputs,
                                                                self.options.run_date)
            tasks = self.skip()
            self.dispatch(tasks)
            result = self.finish()
            status = "failed" if result.exit_code else "ok"
            return result
        except KeyboardInterrupt as stop:
            raise BatchInterrupted(self._partial_manifest()) from stop
        finally:
            if not dry_run:
                try:
                    self.history.finish_run(self.run_id, _now(), status)
                except sqlite3.Error:
                    pass
            self.history.close()

    # --- discover ---------------------------------------------------------------------------

    def discover(self) -> None:
        """The inputs to read (and the files left alone), their output names and hashes."""
        from pipeline.batch import tidy

        self.paths, self.ignored = discover_files(self.inputs, exclude=self.outputs)
        # A spreadsheet refused for its format (.xls beside plan.xlsx) makes no documents,
        # is never hashed (so never taken for another's copy) and takes no part in naming:
        # plan.xlsx keeps its folder "plan", not "plan (xlsx)".
        self.refused = {p: m for p in self.paths
                        if (m := other_spreadsheet_message(p)) is not None}
        readable = [p for p in self.paths if p not in self.refused]
        self.names, self.clashes = output_names(readable, self.inputs)
        self.names.update(output_names(list(self.refused), self.inputs)[0])
        self.hashes: dict[Path, str | OSError] = {}
        for path in readable:
            if tidy.name_is_text(path):
                try:
                    # Look before reading: a FIFO would block the hash forever, a link to
                    # /dev/zero never end it, a 6 GB file take minutes (issue 19 item 8).
                    problem = input_problem(path) if path.exists() else None
                    if problem is not None:
                        raise NotAFile(problem)
                    self.hashes[path] = sha256_file(path)
                except OSError as exc:
                    self.hashes[path] = exc

    # --- skip -------------------------------------------------------------------------------

    def skip(self) -> list[_Task]:
        """Settle every input that need not be read (an unreadable name or file, a copy of
        another, unchanged since its last run); returns the tasks for the others."""
        from pipeline.batch import tidy

        known = self.history.fingerprints()
        copies = tidy.originals({p: h for p, h in self.hashes.items() if isinstance(h, str)},
                                self.inputs)
        tasks: list[_Task] = []
        for path in self.paths:
            name = self.names[path]
            sha = self.hashes.get(path)
            refused = self.refused.get(path)
            if refused is not None:  # an .xls or .ods file: failed, saying how to convert it
                entry = InputEntry(path, name, None, status="failed")
                entry.errors.append(Issue("format-error", "error", refused, file=str(path)))
                self._settle(entry)
            elif sha is None:
                self._settle(tidy.unreadable_name(path, name), record=False, key=path)
            elif isinstance(sha, OSError):
                self._settle(_unreadable(path, name, sha))
            elif path in copies:
                self._settle(tidy.duplicate(path, name, sha, copies[path], self.inputs),
                             record=False)
            elif (unchanged := self._unchanged(path, name, sha)) is not None:
                self._settle(unchanged)
            else:
                tasks.append(self._task(path, name, sha, known))
        return tasks

    def _unchanged(self, path: Path, name: str, sha: str) -> InputEntry | None:
        """The skipped entry of an input unchanged since its last successful run, or None."""
        record = None if self.options.force else self.history.last_success(name)
        if record is None or record.sha256 != sha or (
            record.templates_sha256 != self.templates_sha
        ) or not all((self.outputs / d["path"]).is_file() for d in record.documents):
            return None
        entry = InputEntry(path, name, sha, status="skipped", note="skipped, unchanged")
        entry.documents = [
            DocumentEntry(d["kind"], self.outputs / d["path"], d["sha256"], d["fingerprint"],
                          made=False)
            for d in record.documents
        ]
        return entry

    def _task(self, path: Path, name: str, sha: str, known: dict[str, str]) -> _Task:
        o = self.options
        return _Task(
            path=path, name=name, sha256=sha, outputs=self.outputs,
            templates_dir=o.templates_dir, template_shas=self.template_shas, known=known,
            run_id=self.run_id, run_date=o.run_date, history=self.outputs / HISTORY_FILE,
            dry_run=o.dry_run,
        )

    # --- dispatch ---------------------------------------------------------------------------

    def dispatch(self, tasks: list[_Task]) -> None:
        """Make every task's documents, in this process or in workers."""
        workers = max(1, min(self.options.jobs or cpu_count(), len(tasks)))
        if workers == 1 or len(tasks) <= 1:
            for task in tasks:
                self._complete(process_workbook(task))
        else:
            from pipeline.batch.parallel import run_parallel

            run_parallel(tasks, workers, self._complete, self.lock_fd, process_workbook)

    def _complete(self, outcome: _Outcome) -> None:
        if outcome.identity is not None:
            self.identities[outcome.entry.path] = outcome.identity
        self._settle(outcome.entry, outcome=outcome)

    def _settle(self, entry: InputEntry, record: bool = True, key: Path | None = None,
                outcome: _Outcome | None = None) -> None:
        """An input is finished: its entry kept, recorded in the history, progress told."""
        from pipeline.batch import tidy

        tidy.note_name(entry, self.clashes, self.inputs)
        self.entries[key or entry.path] = entry
        if record and not self.options.dry_run:
            _record(self.history, self.run_id, outcome or _Outcome(entry), self.outputs,
                    self.templates_sha, self.options.run_date)
        self.done += 1
        if self.options.progress is not None:
            self.options.progress(entry, self.done, len(self.paths))

    # --- finish -----------------------------------------------------------------------------

    def finish(self) -> BatchResult:
        """Warnings across inputs, PDFs, the manifest: the run's result."""
        from pipeline.batch import tidy

        o = self.options
        ordered = [self.entries[p] for p in self.paths]
        tidy.warn_same_identity(ordered, self.identities, self.inputs)
        tidy.warn_open_in_excel(ordered, self.ignored)
        problems: list[Issue] = tidy.template_problems(ordered)
        if o.templates_dir is not None and Path(o.templates_dir).is_dir():
            from pipeline.render.templates import misnamed_templates

            problems += misnamed_templates(o.templates_dir)
        if o.pdf and not o.dry_run:
            problems += make_pdfs(ordered, self.outputs, o.notice)
        note_pdfs(ordered)
        if not o.dry_run:
            tidy.remove_stale_pdfs(ordered)
        packs: list[Path] = []
        removed: list[Path] = []
        moved: list[MovedPack] = []
        moved_reports: list[MovedReport] = []
        if not o.dry_run:  # a meeting's pack is out of date when one of its reports is new
            packs, removed, moved, pack_issues = settle_packs(ordered, self.outputs,
                                                              self.previous, o.pdf)
            problems += pack_issues
            # a report now for a meeting in another month leaves no copy in the old folder
            moved_reports, report_issues = remove_moved_reports(ordered, self.outputs,
                                                                self.previous)
            problems += report_issues
        result = BatchResult(started=self.started, finished=_now(), inputs=ordered,
                             outputs=self.outputs, problems=problems, dry_run=o.dry_run,
                             ignored=self.ignored, packs=packs, packs_removed=removed,
                             packs_moved=moved, reports_moved=moved_reports)
        if not o.dry_run:
            try:
                result.manifest = write_run_manifest(self.outputs, result)
            except OSError as exc:
                problems.append(manifest_problem(self.outputs, exc))
        return result

    def _partial_manifest(self) -> Path | None:
        """After Ctrl-C: the manifest of the inputs finished (None for a dry run, or when it
        cannot be written)."""
        if self.options.dry_run:
            return None
        done = [self.entries[p] for p in self.paths if p in self.entries]
        partial = BatchResult(started=self.started, finished=_now(), inputs=done,
                              outputs=self.outputs, ignored=self.ignored, interrupted=True)
        try:
            return write_run_manifest(self.outputs, partial)
        except OSError:
            return None


def _unreadable(path: Path, name: str, exc: OSError) -> InputEntry:
    entry = InputEntry(path, name, None, status="failed")
    if isinstance(exc, NotAFile):
        message = str(exc)
    else:
        message = (_removed_message(path) if isinstance(exc, FileNotFoundError) else
                   f"The file {path.name} could not be read ({exc.strerror}). Close it in "
                   "Excel if it is open, check you may read it, and run the batch again.")
    entry.errors.append(Issue("format-error", "error", message, file=str(path)))
    return entry


__all__ = [
    "LOCK_FILE",
    "WORK_FOLDER",
    "BatchInterrupted",
    "BatchResult",
    "DocumentEntry",
    "InputEntry",
    "fingerprint",
    "process_workbook",
    "reconciliation",
    "remove_leftovers",
    "run_batch",
    "sha256_file",
    "template_hashes",
]
