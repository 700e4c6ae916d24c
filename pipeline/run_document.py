"""Running one document: workbook(s) -> a checked document on disk, for any kind.

`make_document(kind, workbook)` is what the single-document commands call: it reads and
validates the workbook (and any extra workbooks the kind takes, such as the briefing's
--previous plan), then `produce`s the document. `produce(kind, result, out)` is what the
batch calls for every document: build the kind's DocumentModel, render it, write it
atomically and, before the rename, read the written file back and count what it holds. A
document that lost anything is never put in place.

Every kind is declared once in `pipeline.kinds`; nothing here names a kind. Every problem
is raised as a PipelineError with its located issues, and nothing is written.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.issues import Issue, PipelineError
from pipeline.kinds import (
    KIND_NAMES,
    DocumentKind,
    document_kind,
    input_kind,
    output_name,
    primary_of,
    resolve,
    slugify,
)
from pipeline.output_target import (
    check_output,
    is_folder,
    refuse_another_paper,
    refuse_open_in_word,
)
from pipeline.previous_check import check_previous

if TYPE_CHECKING:
    from pipeline.documents.docmodel import DocumentModel
    from pipeline.reader import Given, WorkbookResult

DEFAULT_OUTPUTS = Path("outputs")
NOTHING_WRITTEN = " Nothing was written."


@dataclass
class Produced:
    """A document written and checked: where it is, its hash, what went in and came out."""

    kind: str
    path: Path
    sha256: str
    expected: dict[str, int]
    written: dict[str, int]
    warnings: list[Issue] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # what the document model holds
    sources: dict[str, Path] = field(default_factory=dict)  # extra -> the workbook it came from
    replaced: bool = False  # an earlier document of that name was replaced


def _error(message: str, file: str, code: str = "write-error") -> PipelineError:
    return PipelineError(message, [Issue(code, "error", message, file=file)])


def _kind(name: str, file: str) -> DocumentKind:
    try:
        return document_kind(name)
    except KeyError:
        raise _error(
            f"There is no kind of document called {name!r}; the kinds are "
            f"{', '.join(KIND_NAMES)}.",
            file, code="template-error",
        ) from None


# --- build ----------------------------------------------------------------------------------


def build_model(kind: str, result: WorkbookResult, **extras: Any) -> DocumentModel:
    """The DocumentModel of `kind` for a read workbook (PipelineError when it cannot be made).

    `extras` are the kind's Extra inputs by name (the briefing's `previous` plan and
    `indicators`); one left out or None that the kind takes from the same workbook
    (`same_workbook`) is the workbook's own part of that name.
    """
    entry = _kind(kind, str(result.path))
    primary = primary_of(entry, result)
    if primary is None:
        sheets = input_kind(entry.needs).sheets
        raise _error(
            f"{Path(result.path).name} cannot make the {kind} document: it needs {sheets}. "
            "See docs/inputs.md for the sheets each document needs.",
            str(result.path), code="missing-sheet",
        )
    arguments: dict[str, Any] = {}
    for extra in entry.extras:
        value = extras.get(extra.name)
        if value is None and extra.same_workbook:
            value = getattr(result, extra.holds, None)
        arguments[extra.name] = value
    return resolve(entry.build)(primary, **arguments, **entry.options)


# --- produce ----------------------------------------------------------------------------------


def _counters(entry: DocumentKind) -> tuple[Any, Any]:
    from pipeline.render.counts import model_structure, written_structure

    expected = resolve(entry.expected) if entry.expected else model_structure
    count = resolve(entry.count) if entry.count else written_structure
    return expected, count


def produce(
    kind: str,
    result: WorkbookResult,
    out: Path,
    *,
    template: Path | None = None,
    templates_dir: Path | None = None,
    chosen_name: bool = False,
    **extras: Any,
) -> Produced:
    """Make the `kind` document of a read, valid workbook at `out`, checked by reading back.

    `chosen_name`: `out` is the name the command chose (no -o): a document there with
    another title (another paper's) is not replaced (`refuse_another_paper`).

    Raises PipelineError (nothing written, `out` left as it was) when the workbook has
    errors or lacks the sheets the kind needs, the template cannot be used, the file
    cannot be written, or the written file does not hold everything the model holds.
    """
    from pipeline.render.engine import render_bytes, write_atomically

    out = Path(out)
    source = str(result.path)
    if not result.report.ok:
        n = len(result.report.errors)
        raise PipelineError(
            f"{Path(source).name} has {n} problem{'s' if n != 1 else ''} to fix before the "
            f"{kind} document can be made; nothing was written.",
            result.report.errors + result.report.warnings,
        )
    entry = _kind(kind, source)
    refuse_open_in_word(out)
    model = build_model(kind, result, **extras)
    if chosen_name:
        refuse_another_paper(out, model.title)
    data = render_bytes(model, template, templates_dir)
    expected_of, count = _counters(entry)
    primary = primary_of(entry, result)
    expected: dict[str, int] = expected_of(model, primary)
    written: dict[str, int] = {}

    def check(tmp: Path) -> None:  # the temporary file, already flushed to disk
        written.update(count(tmp, primary, model))
        if written != expected:
            said = ", ".join(f"{v} {k}" for k, v in written.items())
            wanted = ", ".join(f"{v} {k}" for k, v in expected.items())
            raise _error(
                f"The {kind} document for {Path(source).name} came out with {said}, but it "
                f"should hold {wanted}. Nothing was written. If your templates folder has a "
                "changed template, check it has a paragraph holding only {{ body }} and keeps "
                "the Heading styles; otherwise report this as a bug.",
                source,
            )

    replaced = out.exists()
    write_atomically(data, out, check=check)  # renamed into place, the folder flushed
    return Produced(
        replaced=replaced,
        kind=kind,
        path=out,
        sha256=hashlib.sha256(data).hexdigest(),
        expected=expected,
        written=written,
        warnings=list(result.report.warnings),
        counts=dict(model.counts),
    )


# --- the single-document commands ---------------------------------------------------------------


def default_name(kind: str, result: WorkbookResult) -> str:
    """The file name a document gets in outputs/ when no -o is given."""
    return output_name(document_kind(kind), result)


def _problems(n: int) -> str:
    return f"{n} problem{'s' if n != 1 else ''}"


def read_valid(path: Path, holds: str, role: str = "", given: Given | None = None
               ) -> WorkbookResult:
    """Read a workbook that must be valid and hold the input `holds` ("plan", "indicators",
    "response"), or raise.

    The error's message is the short headline ("plan.xlsx has 2 problems to fix"); its
    issues carry the detail. Callers add what could not be made and that nothing was written
    (once, however many workbooks a document reads).
    """
    from pipeline.reader import read_workbook

    path = Path(path)
    result = read_workbook(path, given)
    report = result.report
    if not report.ok:
        raise PipelineError(
            f"{path.name} has {_problems(len(report.errors))} to fix",
            report.errors + report.warnings,
        )
    if getattr(result, holds) is None:
        missing = input_kind(holds).missing
        raise PipelineError(
            f"{path.name}{role} {missing.split(':')[0]}",
            [Issue("missing-sheet", "error", f"{path.name}{role} {missing}", file=str(path))],
        )
    return result


def _read_all(
    entry: DocumentKind, workbook: Path, given: dict[str, Path], details: Given | None = None
) -> tuple[WorkbookResult, dict[str, WorkbookResult]]:
    """Read the main workbook and every extra one given; all their problems raised together."""
    roles: list[tuple[str, Path, str, str]] = [("", Path(workbook), entry.needs, "")]
    for extra in entry.extras:
        if given.get(extra.name) is not None:
            roles.append((extra.name, Path(given[extra.name]), extra.holds,
                          f" (given as {extra.option})"))
    results: dict[str, WorkbookResult] = {}
    errors: list[Issue] = []
    said: list[str] = []
    for name, path, holds, role in roles:
        try:
            results[name] = read_valid(path, holds, role, details if not name else None)
        except PipelineError as error:
            said.append(error.message)
            errors += error.issues
    if errors:
        if len(roles) > 1:  # several workbooks given: each one's problems are named
            headline = f"The {entry.what} cannot be made: {'; '.join(said)}."
        else:
            headline = f"{said[0]}, so the {entry.what} cannot be made."
        raise PipelineError(headline + NOTHING_WRITTEN, errors)
    main = results.pop("")
    return main, results


def make_document(
    kind: str,
    workbook: Path,
    out: Path | str | None = None,
    *,
    extras: dict[str, Path | None] | None = None,
    template: Path | None = None,
    templates_dir: Path | None = None,
    outputs_dir: Path = DEFAULT_OUTPUTS,
    details: Given | None = None,
) -> Produced:
    """Make the `kind` document for `workbook` (plus the extra workbooks the kind takes, by
    Extra name: `extras={"previous": Path("plan-may.xlsx")}`).

    Every workbook given is read and validated before anything is written. The returned
    Produced's `sources` says which workbook each extra input came from.
    """
    from pipeline.gctune import collector_paused

    with collector_paused():  # see pipeline/gctune.py: about a fifth of a big plan's time
        return _make_document(kind, workbook, out, extras, template, templates_dir,
                              outputs_dir, details)


def _make_document(
    kind: str,
    workbook: Path,
    out: Path | str | None,
    extras: dict[str, Path | None] | None,
    template: Path | None,
    templates_dir: Path | None,
    outputs_dir: Path,
    details: Given | None = None,
) -> Produced:
    from pipeline.documents.extra_dates import warn_out_of_date_extras

    entry = _kind(kind, str(workbook))
    given = {name: Path(p) for name, p in (extras or {}).items() if p is not None}
    folder = out is not None and is_folder(out)
    check_output(None if folder or out is None else Path(out), [Path(workbook), *given.values()])
    main, others = _read_all(entry, workbook, given, details)
    values: dict[str, Any] = {}
    sources: dict[str, Path] = {}
    for extra in entry.extras:
        if extra.name in others:
            values[extra.name] = getattr(others[extra.name], extra.holds)
            sources[extra.name] = given[extra.name]
        elif extra.same_workbook and getattr(main, extra.holds, None) is not None:
            values[extra.name] = getattr(main, extra.holds)
            sources[extra.name] = Path(workbook)
    # What the document will hold: the main workbook with the extra workbooks' parts.
    parts = {x.holds: values[x.name] for x in entry.extras
             if x.name == x.holds and x.name in values}
    held = dataclasses.replace(main, **parts) if parts else main
    if entry.advice:  # advised on what the document will hold, the extra workbooks' parts too
        resolve(entry.advice)(held)
    if "previous" in others and not check_previous(main, others["previous"]):
        others.pop("previous")  # the same workbook: its warnings are said once
    # The extra workbooks' figures against the meeting (every kind that takes --indicators).
    warn_out_of_date_extras(entry.what, main, others)
    for other in others.values():
        main.report.extend(other.report.warnings)
    chosen = out is None or folder
    target = Path(out if folder else outputs_dir) / default_name(kind, held) if chosen \
        else Path(out)
    made = produce(kind, main, target, template=template, templates_dir=templates_dir,
                   chosen_name=chosen, **values)
    made.sources = sources
    return made


# --- advice: warnings a single-document command adds about what the document will lack ---------


def advise_update(result: WorkbookResult) -> None:
    """--update asked for with no progress written: the Progress column will be empty."""
    response = result.response
    if response is None or response.has_progress:
        return
    first = response.recommendations[0] if response.recommendations else None
    result.report.warning(
        "missing-cell",
        "--update was asked for but no recommendation has any progress text, so the "
        "Progress column is empty. Fill in the Progress column of the Recommendations "
        "sheet, or leave out --update for the first response.",
        sheet=first.source.sheet if first and first.source else None,
        column="Progress",
    )


def advise_briefing(result: WorkbookResult) -> None:
    """No 'Next steps' in the Details sheet: the briefing has no Next steps section."""
    plan = result.plan
    if Path(result.path).suffix.lower() == ".csv":
        return  # a CSV file has no Details sheet to add Next steps to
    if plan is not None and not plan.details.next_steps.strip():
        details = plan.details
        where = "The Details sheet has no 'Next steps'" if details.sheet else \
            "The workbook has no Details sheet"
        result.report.warning(
            "missing-cell", f"{where}, so the briefing has no Next steps section. To add one, "
            f"{details.how_to_give('next_steps', 'Next steps', 'the text')}.",
            **details.place_of("next_steps"))


def make_briefing(
    workbook: Path,
    previous: Path | None = None,
    indicators: Path | None = None,
    out: Path | None = None,
    *,
    template: Path | None = None,
    templates_dir: Path | None = None,
    outputs_dir: Path = DEFAULT_OUTPUTS,
) -> tuple[Produced, Path | None]:
    """The briefing through `make_document`; returns it and where its indicators came from."""
    made = make_document("briefing", workbook, out,
                         extras={"previous": previous, "indicators": indicators},
                         template=template, templates_dir=templates_dir,
                         outputs_dir=outputs_dir)
    return made, made.sources.get("indicators")


__all__ = [
    "DEFAULT_OUTPUTS", "Produced", "build_model", "check_output", "default_name",
    "make_briefing", "make_document", "produce", "read_valid", "slugify",
]
