"""`templates check`'s rules for table designs (see pipeline.render.designs).

A design table is checked for: a field no table of the kind has (with the closest as "did
you mean"), anything but plain fields and text in a cell, a design with no row of fields,
a merged cell (gridSpan, vMerge, hMerge: data tables have no merged cells), no header row
or more than one, rows after the row of fields, and two designs of one kind of table. Each
problem is an Issue located as the other template issues are ("the body, table 3 row 2
cell 4"), in the template's file. The renderer refuses a template whose designs have any
of them, with the same issues; `templates check` lists them all.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from pipeline.issues import Issue
from pipeline.render.designs import DesignPart, take_designs


def design_issues(part: DesignPart, template: Path) -> list[Issue]:
    """The problems of a template's design part as located Issues."""
    out: list[Issue] = []
    for problem in part.problems:
        around = f" (\u201c{problem.text}\u201d)" if problem.text else ""
        out.append(Issue(
            "accessibility-error" if problem.accessibility else "template-error", "error",
            f"In {problem.where} (the Table designs part){around}: {problem.message}",
            file=str(template), value=problem.text or None, where=problem.where))
    return out


def take_checked_designs(body: Any, kind: str, template: Path) -> tuple[DesignPart, list[Issue]]:
    """Take the design part out of a template body (pipeline.render.designs.take_designs)
    for documents of `kind`, with its problems as Issues."""
    from pipeline.kinds import document_kind

    template_kind = document_kind(kind).template_kind
    part = take_designs(body, kind, template_kind)
    return part, design_issues(part, template)


def lint_designs(root: Any, kind: str, template: Path) -> list[Issue]:
    """`templates check`: the design problems of a template's document.xml root, whose
    design part is taken out (the rest is checked as the frame)."""
    from pipeline.render.wordxml import w

    body = root.find(w("body")) if root is not None else None
    if body is None:
        return []
    return take_checked_designs(copy.deepcopy(body), kind, template)[1]
