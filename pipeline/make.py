"""The single-document commands as library calls: workbook(s) -> one checked document on disk.

`make_document(kind, workbook)` reads and validates the workbook, then hands it to
`pipeline.produce.produce`, the same build -> render -> write -> read-back check the batch
uses. `make_briefing` first reads the extra workbooks a briefing may draw on (the previous
report's plan, an indicators workbook). Every problem is raised as a PipelineError with its
located issues, and nothing is written.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.issues import Issue, PipelineError
from pipeline.produce import Produced, produce

if TYPE_CHECKING:
    from pipeline.domain.model import IndicatorSet, Plan
    from pipeline.reader import WorkbookResult

DEFAULT_OUTPUTS = Path("outputs")

# What each kind needs, and how to get a blank workbook that has it.
_HOLDS_NONE: dict[str, str] = {
    "plan": "holds no improvement plan: it needs a sheet named Actions with Action and Status "
    "columns. Make a blank one with `committee new plan`.",
    "performance": "holds no indicators: it needs a sheet named Indicators (with a Title "
    "column) and a Values sheet, or one table of indicator titles and period columns such as "
    '"Item | August 2018 | November 2018". Make a blank one with `committee new indicators`.',
    "response": "holds no scrutiny recommendations: it needs a sheet named Recommendations with "
    "Recommendation and Response columns. Make a blank one with `committee new response`.",
}
_WHAT: dict[str, str] = {
    "plan": "improvement plan",
    "briefing": "briefing",
    "performance": "performance report",
    "response": "cabinet response",
    "response-update": "update on the cabinet response",
}


def slugify(text: str, default: str = "document") -> str:
    """A file name from a title: 'Children's Plan 2013/14' -> 'childrens-plan-2013-14'."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"['’]", "", text.lower())
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return slug[:80].rstrip("-") or default


def default_name(kind: str, result: WorkbookResult) -> str:
    """The file name a document gets in outputs/ when no -o is given."""
    details = result.details
    if kind == "plan":
        return f"{slugify(details.title, 'improvement-plan')}.docx"
    if kind == "performance":
        return f"{slugify(details.title, 'performance-report')}.docx"
    if kind == "briefing":
        meeting = details.meeting_date
        stem = f"briefing-{slugify(details.title, 'improvement-plan')}"
        return f"{stem}-{meeting.date.isoformat()}.docx" if meeting and meeting.date else (
            f"{stem}.docx"
        )
    slug = slugify(details.scrutiny_report, "") or slugify(Path(result.path).stem, "cabinet")
    return f"{slug}-response{'-update' if kind == 'response-update' else ''}.docx"


def _problems(n: int) -> str:
    return f"{n} problem{'s' if n != 1 else ''}"


def check_output(out: Path | None, inputs: list[Path]) -> None:
    """Refuse an -o that is not a .docx name, or that is one of the input workbooks."""
    if out is None:
        return
    out = Path(out)
    for source in inputs:
        try:
            same = out.exists() and out.samefile(source)
        except OSError:
            same = False
        if same:
            message = (
                f"The output {out} is the workbook {Path(source).name} itself: writing the "
                "document there would replace the workbook. Give -o a different name ending "
                "in .docx. Nothing was written."
            )
            raise PipelineError(message, [Issue("write-error", "error", message, file=str(out))])
    if out.suffix.lower() != ".docx":
        message = (
            f"The output {out.name} does not end in .docx, but the document is a Word document. "
            f"Give -o a name ending in .docx, such as {out.stem or 'document'}.docx. "
            "Nothing was written."
        )
        raise PipelineError(message, [Issue("write-error", "error", message, file=str(out))])


NOTHING_WRITTEN = " Nothing was written."


def read_valid(path: Path, kind: str, role: str = "") -> WorkbookResult:
    """Read a workbook that must be valid and hold what `kind` needs, or raise.

    The error's message is the short headline ("plan.xlsx has 2 problems to fix"); its
    issues carry the detail. Callers add what could not be made and that nothing was written
    (once, however many workbooks a document reads).
    """
    from pipeline.reader import read_workbook

    path = Path(path)
    result = read_workbook(path)
    report = result.report
    if not report.ok:
        raise PipelineError(
            f"{path.name} has {_problems(len(report.errors))} to fix",
            report.errors + report.warnings,
        )
    needs = {"briefing": "plan", "response-update": "response"}.get(kind, kind)
    held = {"plan": result.plan, "performance": result.indicators, "response": result.response}
    if held[needs] is None:
        message = f"{path.name}{role} {_HOLDS_NONE[needs]}"
        raise PipelineError(
            f"{path.name}{role} {_HOLDS_NONE[needs].split(':')[0]}",
            [Issue("missing-sheet", "error", message, file=str(path))],
        )
    return result


def make_document(
    kind: str,
    workbook: Path,
    out: Path | None = None,
    *,
    template: Path | None = None,
    templates_dir: Path | None = None,
    outputs_dir: Path = DEFAULT_OUTPUTS,
) -> Produced:
    """Make the plan, performance report, cabinet response or its update for `workbook`."""
    check_output(out, [workbook])
    try:
        result = read_valid(workbook, kind)
    except PipelineError as error:
        raise PipelineError(
            f"{error.message}, so the {_WHAT.get(kind, kind)} cannot be made.{NOTHING_WRITTEN}",
            error.issues,
        ) from None
    if kind == "response-update" and result.response and not result.response.has_progress:
        first = result.response.recommendations[0] if result.response.recommendations else None
        result.report.warning(
            "missing-cell",
            "--update was asked for but no recommendation has any progress text, so the "
            "Progress column is empty. Fill in the Progress column of the Recommendations "
            "sheet, or leave out --update for the first response.",
            sheet=first.source.sheet if first and first.source else None,
            column="Progress",
        )
    target = Path(out) if out is not None else Path(outputs_dir) / default_name(kind, result)
    return produce(kind, result, target, template=template, templates_dir=templates_dir)


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
    """Make the briefing for the plan in `workbook`; returns it and where its indicators came
    from. `previous`: the last report's plan workbook. `indicators`: an indicators workbook
    (without it, an Indicators sheet in `workbook` itself is used when there is one).

    Every workbook given is read and validated before anything is written; all their
    problems are raised together.
    """
    check_output(out, [p for p in (workbook, previous, indicators) if p is not None])
    roles: list[tuple[Path, str, str]] = [(Path(workbook), "briefing", "")]
    if previous is not None:
        roles.append((Path(previous), "plan", " (given as --previous)"))
    if indicators is not None:
        roles.append((Path(indicators), "performance", " (given as --indicators)"))
    results: list[WorkbookResult] = []
    errors: list[Issue] = []
    said: list[str] = []
    for path, kind, role in roles:
        try:
            results.append(read_valid(path, kind, role))
        except PipelineError as error:
            said.append(error.message)
            errors += error.issues
    if errors:
        raise PipelineError(
            f"The briefing cannot be made: {'; '.join(said)}.{NOTHING_WRITTEN}", errors
        )
    plan_result = results[0]
    earlier: Plan | None = results[1].plan if previous is not None else None
    indicator_set: IndicatorSet | None = None
    indicators_from: Path | None = None
    if indicators is not None:
        indicator_set, indicators_from = results[-1].indicators, Path(indicators)
    elif plan_result.indicators is not None:
        indicator_set, indicators_from = plan_result.indicators, Path(workbook)
    plan = plan_result.plan
    assert plan is not None  # read_valid checked it
    if not plan.details.next_steps.strip():
        plan_result.report.warning(
            "missing-cell",
            "The Details sheet has no 'Next steps', so the briefing has no Next steps "
            "section. Add a row with 'Next steps' in column A and the text in column B.",
            sheet="Details",
        )
    for extra in results[1:]:
        plan_result.report.extend(extra.report.warnings)
    target = (
        Path(out) if out is not None
        else Path(outputs_dir) / default_name("briefing", plan_result)
    )
    made = produce(
        "briefing", plan_result, target, template=template, templates_dir=templates_dir,
        previous=earlier, indicators=indicator_set,
    )
    return made, indicators_from


__all__ = [
    "DEFAULT_OUTPUTS", "check_output", "default_name", "make_briefing", "make_document", "slugify",
]
