"""`committee performance` as a library call: workbook -> checked performance report on disk.

read -> validate -> IndicatorSet -> DocumentModel -> render -> write, then the written file
is read back and its indicator sections, summary rows and charts counted; a document that
lost any is never put in place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.issues import Issue, IssueReport, PipelineError
from pipeline.plan_run import DEFAULT_OUTPUTS, slugify


@dataclass
class PerformanceRun:
    """What `make_performance` did: the file written and what went in and came out."""

    out: Path
    expected: dict[str, int]
    written: dict[str, int]
    warnings: list[Issue] = field(default_factory=list)


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


def count_written_performance(path: Path) -> dict[str, int]:
    """Read a written report back: indicator sections (Heading 2), summary rows, charts.

    Read with lxml straight from the package: python-docx's paragraph and style objects
    take seconds on a 200-indicator report.
    """
    import zipfile

    from lxml import etree

    w = f"{{{W_NS}}}"
    with zipfile.ZipFile(path) as package:
        body = etree.fromstring(package.read("word/document.xml")).find(f"{w}body")
        styles = etree.fromstring(package.read("word/styles.xml"))
    heading_ids = {
        st.get(f"{w}styleId")
        for st in styles.iter(f"{w}style")
        if (name := st.find(f"{w}name")) is not None
        and (name.get(f"{w}val") or "").lower() == "heading 2"
    }
    sections = 0
    for style in body.iter(f"{w}pStyle"):
        if style.get(f"{w}val") in heading_ids:
            sections += 1
    rows = 0
    for table in body.iter(f"{w}tbl"):
        first = table.find(f"{w}tr")
        cell = None if first is None else first.find(f"{w}tc")
        if cell is not None and "".join(cell.itertext()) == "Indicator":
            rows = len(table.findall(f"{w}tr")) - 1
            break
    charts = sum(1 for _ in body.iter(f"{{{WP_NS}}}docPr"))
    return {"indicators": sections, "summary_rows": rows, "charts": charts}


def make_performance(
    workbook: Path,
    out: Path | None = None,
    template: Path | None = None,
    templates_dir: Path | None = None,
    outputs_dir: Path = DEFAULT_OUTPUTS,
) -> PerformanceRun:
    """Make the performance report for `workbook`.

    Without `out` the file is outputs_dir/<slug of the report title>.docx. Raises
    PipelineError, writing nothing, when the workbook has errors or holds no indicators,
    or when the written document would not hold every indicator and chart.
    """
    from pipeline.documents.performance import build_performance_document
    from pipeline.reader import read_workbook
    from pipeline.render.engine import render_bytes, write_atomically

    workbook = Path(workbook)
    result = read_workbook(workbook)
    report: IssueReport = result.report
    if not report.ok:
        n = len(report.errors)
        raise PipelineError(
            f"{workbook.name} has {n} problem{'s' if n != 1 else ''} to fix before the "
            "performance report can be made; nothing was written.",
            report.errors + report.warnings,
        )
    if result.indicators is None:
        raise PipelineError(
            f"{workbook.name} holds no indicators: it needs a sheet named Indicators (with a "
            "Title column) and a Values sheet, or one table of indicator titles and period "
            "columns such as \"Item | August 2018 | November 2018\". Nothing was written. "
            "Make a blank one with `committee new indicators`.",
            report.warnings,
        )
    model = build_performance_document(result.indicators)
    target = (
        Path(out) if out is not None
        else Path(outputs_dir) / f"{slugify(model.title, 'performance-report')}.docx"
    )
    data = render_bytes(model, template, templates_dir)
    n = model.counts["indicators"]
    expected = {"indicators": n, "summary_rows": n, "charts": model.counts.get("charts", 0)}
    written: dict[str, int] = {}

    def reconcile(path: Path) -> None:
        written.update(count_written_performance(path))
        if written != expected:
            raise PipelineError(
                f"The performance report came out with {written['indicators']} indicator "
                f"sections, {written['summary_rows']} summary rows and {written['charts']} "
                f"charts, but the workbook has {n} indicators and {expected['charts']} with "
                "data. Nothing was written. If you used --template, check it has a paragraph "
                "holding only {{ body }} and keeps the 'Heading 2' style; otherwise report "
                "this as a bug.",
                [Issue("write-error", "error", "written document does not match the workbook",
                       file=str(workbook))],
            )

    write_atomically(data, target, check=reconcile)
    return PerformanceRun(out=target, expected=expected, written=written,
                          warnings=report.warnings)


__all__ = ["PerformanceRun", "count_written_performance", "make_performance"]
