"""One generic way to make any document from a read workbook: build, render, write, check.

`produce(kind, result, out)` builds the kind's DocumentModel from a `WorkbookResult`,
renders it, writes it atomically (temporary file in the same folder, flushed to disk,
then renamed into place) and, before the rename, reads the written file back and counts
what it holds. A document that lost anything is never put in place.

Kinds: "plan", "briefing", "performance", "response", "response-update".
The batch (`pipeline.batch`) uses this for every document; the single-document commands
can move onto it too.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.issues import Issue, PipelineError

if TYPE_CHECKING:
    from pipeline.documents.docmodel import DocumentModel
    from pipeline.domain.model import IndicatorSet, Plan
    from pipeline.reader import WorkbookResult

KINDS: tuple[str, ...] = ("plan", "briefing", "performance", "response", "response-update")

# The template each kind of document is rendered into (template_path's kind).
TEMPLATE_KIND: dict[str, str] = {
    "plan": "plan",
    "briefing": "briefing",
    "performance": "performance",
    "response": "response",
    "response-update": "response",
}

# What each kind needs from the workbook, in words, for messages.
_NEEDS: dict[str, str] = {
    "plan": "an Actions sheet",
    "briefing": "an Actions sheet",
    "performance": "Indicators and Values sheets",
    "response": "a Recommendations sheet",
    "response-update": "a Recommendations sheet",
}


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


def _error(message: str, file: str, code: str = "write-error") -> PipelineError:
    return PipelineError(message, [Issue(code, "error", message, file=file)])


def build_model(
    kind: str,
    result: WorkbookResult,
    previous: Plan | None = None,
    indicators: IndicatorSet | None = None,
) -> DocumentModel:
    """The DocumentModel of `kind` for a read workbook (PipelineError when it cannot be made).

    `previous` and `indicators` feed the briefing; without `indicators` the briefing uses
    the workbook's own Indicators sheet when it has one.
    """
    name = Path(result.path).name
    if kind not in KINDS:
        raise _error(
            f"There is no kind of document called {kind!r}; the kinds are {', '.join(KINDS)}.",
            str(result.path), code="template-error",
        )
    if kind in ("plan", "briefing") and result.plan is None or (
        kind == "performance" and result.indicators is None
    ) or (kind in ("response", "response-update") and result.response is None):
        raise _error(
            f"{name} cannot make the {kind} document: it needs {_NEEDS[kind]}. "
            "See docs/inputs.md for the sheets each document needs.",
            str(result.path), code="missing-sheet",
        )
    if kind == "plan":
        from pipeline.documents.plan import build_plan_document

        assert result.plan is not None
        return build_plan_document(result.plan)
    if kind == "briefing":
        from pipeline.documents.briefing import build_briefing_document

        assert result.plan is not None
        return build_briefing_document(
            result.plan, previous=previous, indicators=indicators or result.indicators
        )
    if kind == "performance":
        from pipeline.documents.performance import build_performance_document

        assert result.indicators is not None
        return build_performance_document(result.indicators)
    from pipeline.documents.response import build_response_document

    assert result.response is not None
    return build_response_document(result.response, update=kind == "response-update")


def model_structure(model: DocumentModel) -> dict[str, int]:
    """What a model's body holds, counted the way `written_structure` counts a file."""
    from pipeline.documents.docmodel import Heading, Table

    headings = sum(1 for b in model.blocks if isinstance(b, Heading))
    tables = [b for b in model.blocks if isinstance(b, Table)]
    return {"headings": headings, "tables": len(tables),
            "rows": sum(len(t.rows) for t in tables)}


def written_structure(path: Path, model: DocumentModel) -> dict[str, int]:
    """Count in a written file the model's headings (same text, a Heading style) and its
    tables' data rows (tables whose header row is one of the model's)."""
    from pipeline.documents.docmodel import Heading, Table
    from pipeline.render.readback import BodyParagraph, BodyTable, read_body

    headings = Counter(b.text for b in model.blocks if isinstance(b, Heading))
    wanted_tables = Counter(
        tuple(c.header for c in b.columns) for b in model.blocks if isinstance(b, Table)
    )
    found_headings = found_tables = found_rows = 0
    for item in read_body(path):
        if isinstance(item, BodyParagraph) and item.style.startswith("Heading"):
            if headings[item.text] > 0:
                headings[item.text] -= 1
                found_headings += 1
        elif isinstance(item, BodyTable):
            key = tuple(item.header)
            if wanted_tables[key] > 0:
                wanted_tables[key] -= 1
                found_tables += 1
                found_rows += item.row_count
    return {"headings": found_headings, "tables": found_tables, "rows": found_rows}


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` survive a power cut (no-op where not supported)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def produce(
    kind: str,
    result: WorkbookResult,
    out: Path,
    *,
    template: Path | None = None,
    templates_dir: Path | None = None,
    previous: Plan | None = None,
    indicators: IndicatorSet | None = None,
) -> Produced:
    """Make the `kind` document of a read, valid workbook at `out`, checked by reading back.

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
    model = build_model(kind, result, previous, indicators)
    data = render_bytes(model, template, templates_dir)

    expected: dict[str, int]
    written: dict[str, int] = {}
    if kind == "plan":
        from pipeline.documents.plan import count_written_plan

        assert result.plan is not None
        plan = result.plan
        expected = dict(model.counts)

        def count(path: Path) -> dict[str, int]:
            return count_written_plan(path, plan)
    elif kind in ("response", "response-update"):
        from pipeline.documents.response import missing_recommendations

        assert result.response is not None
        response = result.response
        expected = {"recommendations": len(response.recommendations)}

        def count(path: Path) -> dict[str, int]:
            missing = missing_recommendations(response, path)
            return {"recommendations": len(response.recommendations) - len(missing)}
    elif kind == "briefing":
        from pipeline.documents.briefing import count_written_briefing

        assert result.plan is not None
        briefing_plan = result.plan
        expected = {"late": model.counts["late"], "behind": model.counts["behind"]}

        def count(path: Path) -> dict[str, int]:
            return count_written_briefing(path, briefing_plan)
    elif kind == "performance":
        from pipeline.documents.performance import count_written_performance

        n = model.counts["indicators"]
        expected = {"indicators": n, "summary_rows": n, "charts": model.counts.get("charts", 0)}

        def count(path: Path) -> dict[str, int]:
            return count_written_performance(path)
    else:  # a kind with no read-back helper of its own
        expected = model_structure(model)

        def count(path: Path) -> dict[str, int]:
            return written_structure(path, model)

    def check(tmp: Path) -> None:
        _fsync_file(tmp)
        written.update(count(tmp))
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

    write_atomically(data, out, check=check)
    fsync_dir(out.parent)
    return Produced(
        kind=kind,
        path=out,
        sha256=hashlib.sha256(data).hexdigest(),
        expected=expected,
        written=written,
        warnings=list(result.report.warnings),
        counts=dict(model.counts),
    )


__all__ = ["KINDS", "TEMPLATE_KIND", "Produced", "build_model", "fsync_dir", "produce"]
