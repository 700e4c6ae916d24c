"""`committee briefing` as a library call: plan workbook(s) -> checked briefing on disk.

read (the plan, optionally the previous report's plan and an indicators workbook) ->
validate every one -> Plan / IndicatorSet -> DocumentModel -> render -> write. The written
file is read back before it is put in place: every action behind schedule or overdue must
be named in its table, or nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.issues import Issue, IssueReport, PipelineError
from pipeline.plan_run import DEFAULT_OUTPUTS, slugify

if TYPE_CHECKING:
    from pipeline.reader import WorkbookResult


@dataclass
class BriefingRun:
    """What `make_briefing` did: the file written, what went in and what was read back."""

    out: Path
    expected: dict[str, int]
    written: dict[str, int]
    counts: dict[str, int] = field(default_factory=dict)  # the document model's counts
    warnings: list[Issue] = field(default_factory=list)
    indicators_from: Path | None = None  # the workbook section 3 came from, if any


def _problems(n: int) -> str:
    return f"{n} problem{'s' if n != 1 else ''}"


def briefing_file_name(title: str, meeting_iso: str | None) -> str:
    """'briefing-childrens-services-improvement-plan-2013-08-15.docx'."""
    stem = f"briefing-{slugify(title, 'improvement-plan')}"
    return f"{stem}-{meeting_iso}.docx" if meeting_iso else f"{stem}.docx"


def make_briefing(
    workbook: Path,
    previous: Path | None = None,
    indicators: Path | None = None,
    out: Path | None = None,
    template: Path | None = None,
    templates_dir: Path | None = None,
    outputs_dir: Path = DEFAULT_OUTPUTS,
) -> BriefingRun:
    """Make the briefing to the scrutiny committee for the plan in `workbook`.

    `previous`: the workbook of the last report's plan, for "Since the last report".
    `indicators`: a workbook of indicators for section 3; without it, an Indicators
    sheet in `workbook` itself is used when there is one. Without `out` the file is
    outputs_dir/briefing-<plan title>-<meeting date>.docx. Raises PipelineError, writing
    nothing, when any workbook given has errors or lacks what it is given for, or when
    the written document would not name every action behind schedule or overdue.
    """
    from pipeline.documents.briefing import build_briefing_document, count_written_briefing
    from pipeline.reader import read_workbook
    from pipeline.render.engine import render_bytes, write_atomically

    workbook = Path(workbook)
    roles: list[tuple[str, Path]] = [("plan", workbook)]
    if previous is not None:
        roles.append(("previous", Path(previous)))
    if indicators is not None:
        roles.append(("indicators", Path(indicators)))
    results: dict[str, WorkbookResult] = {role: read_workbook(path) for role, path in roles}

    errors: list[Issue] = []
    warnings: list[Issue] = []
    bad: list[str] = []
    for role, path in roles:
        report: IssueReport = results[role].report
        if not report.ok:
            bad.append(f"{path.name} has {_problems(len(report.errors))} to fix")
            errors += report.errors
        warnings += report.warnings
    for role, path in roles:
        result = results[role]
        if not result.report.ok:
            continue
        if role in ("plan", "previous") and result.plan is None:
            what = "the plan" if role == "plan" else "the previous report's plan (--previous)"
            message = (
                f"{path.name} was given as {what} but holds no improvement plan: it needs a "
                "sheet named Actions with Action and Status columns. Make a blank one with "
                "`committee new plan`."
            )
            bad.append(message)
            errors.append(Issue("missing-sheet", "error", message, file=str(path)))
        if role == "indicators" and result.indicators is None:
            message = (
                f"{path.name} was given with --indicators but holds no indicators: it needs "
                "sheets named Indicators and Values. Make a blank one with "
                "`committee new indicators`."
            )
            bad.append(message)
            errors.append(Issue("missing-sheet", "error", message, file=str(path)))
    if errors:
        raise PipelineError(
            "The briefing cannot be made until these are fixed; nothing was written: "
            + "; ".join(bad) + ".",
            errors + warnings,
        )

    plan = results["plan"].plan
    assert plan is not None  # checked above
    earlier = results["previous"].plan if "previous" in results else None
    indicators_from: Path | None = None
    indicator_set = None
    if "indicators" in results:
        indicator_set = results["indicators"].indicators
        indicators_from = Path(indicators) if indicators is not None else None
    elif results["plan"].indicators is not None:
        indicator_set = results["plan"].indicators
        indicators_from = workbook

    if not plan.details.next_steps.strip():
        warnings.append(Issue(
            "missing-cell", "warning",
            "The Details sheet has no 'Next steps', so the briefing has no Next steps "
            "section. Add a row with 'Next steps' in column A and the text in column B.",
            file=str(workbook), sheet="Details",
        ))

    model = build_briefing_document(plan, earlier, indicator_set)
    meeting = plan.details.meeting_date
    meeting_iso = meeting.date.isoformat() if meeting is not None and meeting.date else None
    target = (
        Path(out) if out is not None
        else Path(outputs_dir) / briefing_file_name(plan.details.title, meeting_iso)
    )
    data = render_bytes(model, template, templates_dir)
    expected = {"late": model.counts["late"], "behind": model.counts["behind"]}
    written: dict[str, int] = {}

    def reconcile(path: Path) -> None:
        written.update(count_written_briefing(path, plan))
        if written != expected:
            raise PipelineError(
                f"The briefing came out naming {written['behind']} of the "
                f"{expected['behind']} actions behind schedule and {written['late']} of the "
                f"{expected['late']} actions behind schedule or overdue. Nothing was "
                "written. If you used --template, check it has a paragraph holding only "
                "{{ body }}; otherwise report this as a bug.",
                [Issue("write-error", "error", "written briefing does not match the workbook",
                       file=str(workbook))],
            )

    write_atomically(data, target, check=reconcile)
    return BriefingRun(
        out=target,
        expected=expected,
        written=written,
        counts=dict(model.counts),
        warnings=warnings,
        indicators_from=indicators_from,
    )
