"""`committee plan` as a library call: workbook -> checked plan document on disk.

read -> validate -> Plan -> DocumentModel -> render -> write, then the written file is
read back and its actions and recommendations counted; a document that lost any is
never put in place.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.issues import Issue, IssueReport, PipelineError

DEFAULT_OUTPUTS = Path("outputs")


def slugify(text: str, default: str = "improvement-plan") -> str:
    """A file name from a title: 'Children's Plan 2013/14' -> 'childrens-plan-2013-14'."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"['’]", "", text.lower())
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return slug[:80].rstrip("-") or default


@dataclass
class PlanRun:
    """What `make_plan` did: the file written and what went in and came out."""

    out: Path
    expected: dict[str, int]
    written: dict[str, int]
    warnings: list[Issue] = field(default_factory=list)


def make_plan(
    workbook: Path,
    out: Path | None = None,
    template: Path | None = None,
    templates_dir: Path | None = None,
    outputs_dir: Path = DEFAULT_OUTPUTS,
) -> PlanRun:
    """Make the improvement plan document for `workbook`.

    Without `out` the file is outputs_dir/<slug of the plan title>.docx. Raises
    PipelineError, writing nothing, when the workbook has errors or holds no plan, or
    when the written document would not hold every action and recommendation.
    """
    from pipeline.documents.plan import build_plan_document, count_written_plan
    from pipeline.reader import read_workbook
    from pipeline.render.engine import render_bytes, write_atomically

    workbook = Path(workbook)
    result = read_workbook(workbook)
    report: IssueReport = result.report
    if not report.ok:
        n = len(report.errors)
        raise PipelineError(
            f"{workbook.name} has {n} problem{'s' if n != 1 else ''} to fix before the plan "
            "can be made; nothing was written.",
            report.errors + report.warnings,
        )
    if result.plan is None:
        raise PipelineError(
            f"{workbook.name} holds no improvement plan: it needs a sheet named Actions with "
            "Action and Status columns. Nothing was written. Make a blank one with "
            "`committee new plan`.",
            report.warnings,
        )
    plan = result.plan
    model = build_plan_document(plan)
    target = Path(out) if out is not None else Path(outputs_dir) / f"{slugify(model.title)}.docx"
    data = render_bytes(model, template, templates_dir)
    expected = dict(model.counts)
    written: dict[str, int] = {}

    def reconcile(path: Path) -> None:
        written.update(count_written_plan(path, plan))
        if written != expected:
            raise PipelineError(
                f"The plan document came out with {written['actions']} actions and "
                f"{written['recommendations']} recommendations, but the workbook has "
                f"{expected['actions']} and {expected['recommendations']}. Nothing was "
                "written. If you used --template, check it has a paragraph holding only "
                "{{ body }} and keeps the 'Heading 2' style; otherwise report this as a bug.",
                [Issue("write-error", "error", "written document does not match the workbook",
                       file=str(workbook))],
            )

    write_atomically(data, target, check=reconcile)
    return PlanRun(out=target, expected=expected, written=written, warnings=report.warnings)
