"""One workbook of a batch, in a worker process: read it, make its documents, say what happened.

`process_workbook(task)` is what each worker runs. A `_Task` carries everything the worker
needs (paths, template hashes, the fingerprints already made, the run's id and date), so the
worker relies on nothing inherited from the main process and runs the same under spawn
(Windows, macOS) as under fork. Every failure comes back as located errors in the entry.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.batch.entries import DocumentEntry, InputEntry, fingerprint, sha256_file
from pipeline.batch.layout import document_month, document_path
from pipeline.domain.model import IndicatorSet, Plan
from pipeline.issues import Issue, PipelineError


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
        outcome.entry.notices.append(Issue("history-notice", "notice", match.notice(),
                                           file=str(task.path)))
    previous = hist.load_previous_plan(conn, plan, task.run_id, task.run_date, match=match)
    if previous is not None:
        carry_earlier_dates(plan, previous)
    return previous


def _make_documents(task: _Task, outcome: _Outcome) -> None:
    from pipeline.batch import history as hist
    from pipeline.batch import tidy
    from pipeline.kinds import made_from, resolve
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
    # What each document will lack (no Purpose for the report, no Next steps for the
    # briefing): the same warnings the single-document commands give.
    said = len(result.report.issues)
    for advised in kinds:
        if advised.advice:
            resolve(advised.advice)(result)
    entry.warnings.extend(i for i in result.report.issues[said:] if i.severity == "warning")
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
    from pipeline.gctune import collector_paused

    try:
        with collector_paused():  # as for one document (pipeline/gctune.py)
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
            "internal-error", "error",
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


def _with_file(issue: Issue, path: Path) -> Issue:
    from dataclasses import replace

    return replace(issue, file=str(path))


def _crashed(task: _Task, detail: str = "") -> _Outcome:
    entry = InputEntry(task.path, task.name, task.sha256, status="failed")
    entry.errors.append(Issue(
        "internal-error", "error",
        "The program making this workbook's documents stopped unexpectedly"
        f"{f' ({detail})' if detail else ''}; it may be too large for this computer's "
        "memory. Nothing half-written was left behind. Run the batch again; if it happens "
        "again, report it with the workbook.",
        file=str(task.path),
    ))
    return _Outcome(entry)


__all__ = ["process_workbook"]
