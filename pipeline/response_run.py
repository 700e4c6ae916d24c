"""`committee response` as a library call: workbook -> checked cabinet response on disk.

read -> validate -> ScrutinyResponse -> DocumentModel -> render -> write; the written
file is read back and every recommendation's text must be in it verbatim, or the
document is never put in place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.issues import Issue, IssueReport, PipelineError
from pipeline.plan_run import DEFAULT_OUTPUTS, slugify


@dataclass
class ResponseRun:
    """What `make_response` did: the file written, recommendations in and written."""

    out: Path
    expected: int
    written: int
    warnings: list[Issue] = field(default_factory=list)


def default_response_name(scrutiny_report: str, workbook: Path, update: bool = False) -> str:
    """'children-in-care-placement-strategy-response.docx' (or '-response-update.docx').

    The slug is the Details sheet's Scrutiny report, else the workbook's file name.
    """
    slug = slugify(scrutiny_report, default="") or slugify(Path(workbook).stem, "cabinet")
    return f"{slug}-response{'-update' if update else ''}.docx"


def make_response(
    workbook: Path,
    out: Path | None = None,
    template: Path | None = None,
    templates_dir: Path | None = None,
    outputs_dir: Path = DEFAULT_OUTPUTS,
    update: bool = False,
) -> ResponseRun:
    """Make the cabinet response (or, with update=True, the update on its action plan).

    Raises PipelineError, writing nothing, when the workbook has errors, holds no
    Recommendations sheet, or the written document would not hold every recommendation
    verbatim. Warnings (a late response, an update with no progress) come back in the run.
    """
    from pipeline.documents.response import build_response_document, missing_recommendations
    from pipeline.reader import read_workbook
    from pipeline.render.engine import render_bytes, write_atomically

    workbook = Path(workbook)
    result = read_workbook(workbook)
    report: IssueReport = result.report
    if not report.ok:
        n = len(report.errors)
        raise PipelineError(
            f"{workbook.name} has {n} problem{'s' if n != 1 else ''} to fix before the "
            "cabinet response can be made; nothing was written.",
            report.errors + report.warnings,
        )
    if result.response is None:
        raise PipelineError(
            f"{workbook.name} holds no scrutiny recommendations: it needs a sheet named "
            "Recommendations with Recommendation and Response columns. Nothing was written. "
            "Make a blank one with `committee new response`.",
            report.warnings,
        )
    response = result.response
    if update and not response.has_progress:
        report.warning(
            "missing-cell",
            "--update was asked for but no recommendation has any progress text, so the "
            "Progress column is empty. Fill in the Progress column of the Recommendations "
            "sheet, or leave out --update for the first response.",
            sheet=response.recommendations[0].source.sheet
            if response.recommendations and response.recommendations[0].source else None,
            column="Progress",
        )
    model = build_response_document(response, update=update)
    target = (
        Path(out) if out is not None
        else Path(outputs_dir) / default_response_name(
            response.details.scrutiny_report, workbook, update
        )
    )
    data = render_bytes(model, template, templates_dir)
    expected = len(response.recommendations)
    written = 0

    def reconcile(path: Path) -> None:
        nonlocal written
        missing = missing_recommendations(response, path)
        written = expected - len(missing)
        if missing:
            issues = [
                Issue(
                    "write-error", "error",
                    f"Recommendation {r.number} is not in the written document as typed.",
                    file=str(workbook),
                    sheet=r.source.sheet if r.source else None,
                    row=r.source.row if r.source else None,
                    column="Recommendation",
                )
                for r in missing
            ]
            raise PipelineError(
                f"The cabinet response came out with {written} of {expected} recommendations "
                "as typed. Nothing was written. If you used --template, check it has a "
                "paragraph holding only {{ body }}; otherwise report this as a bug.",
                issues,
            )

    write_atomically(data, target, check=reconcile)
    return ResponseRun(out=target, expected=expected, written=written, warnings=report.warnings)
