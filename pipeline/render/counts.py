"""Counting what a written document holds, for the check made before it is put in place.

Each kind of document (pipeline.kinds) names an `expected` function, (model, primary) ->
counts, and a `count` function, (path, primary, model) -> counts read back from the written
file; the two must be equal or the document is not written. A kind that names neither is
checked by its headings and its tables' data rows (`model_structure`, `written_structure`).

This is the only place documents are read back for counting: the builders in
pipeline/documents/ never open a .docx.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.documents.docmodel import DocumentModel, Heading, Table

if TYPE_CHECKING:
    from pipeline.domain.model import Action, Plan, ScrutinyRecommendation, ScrutinyResponse

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


# --- any kind: headings and tables ------------------------------------------------------------


def model_structure(model: DocumentModel, primary: Any = None) -> dict[str, int]:
    """What a model's body holds, counted the way `written_structure` counts a file."""
    headings = sum(1 for b in model.blocks if isinstance(b, Heading))
    tables = [b for b in model.blocks if isinstance(b, Table)]
    return {"headings": headings, "tables": len(tables),
            "rows": sum(len(t.rows) - len(t.continued) for t in tables)}


def written_structure(path: Path, primary: Any, model: DocumentModel) -> dict[str, int]:
    """Count in a written file the model's headings (same text, a Heading style) and its
    tables' data rows (tables whose header row is one of the model's)."""
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


def model_counts(model: DocumentModel, primary: Any = None) -> dict[str, int]:
    """What the builder said the document holds (DocumentModel.counts)."""
    return dict(model.counts)


# --- plan ---------------------------------------------------------------------------------------


def count_written_plan(
    path: Path, plan: Plan, model: DocumentModel | None = None
) -> dict[str, int]:
    """Count, in a written plan document, the actions and recommendations of `plan` it holds.

    Actions: data rows of tables whose header row is the action table's (the template's
    table design's, when it has one: DocumentModel.written_headers). Recommendations:
    each recommendation agreed counts once when every place the plan lists it (R1 under two
    priorities: two places) is a Heading 2 paragraph with its recommendation heading.
    """
    from pipeline.documents.plan import ACTION_HEADERS, recommendation_heading
    from pipeline.domain.plan_rules import placements
    from pipeline.render.readback import BodyParagraph, BodyTable, read_body

    found_headings: Counter[str] = Counter()
    headers = model.written_headers.get("action", ACTION_HEADERS) if model else ACTION_HEADERS
    found_actions = 0
    for item in read_body(path):
        if isinstance(item, BodyTable) and tuple(item.header) == headers:
            found_actions += item.row_count
        elif isinstance(item, BodyParagraph) and item.style == "Heading 2":
            found_headings[item.text] += 1
    found_recs = 0
    for places in placements(plan).values():
        wanted = Counter(recommendation_heading(rec) for _, rec in places)
        if all(found_headings[h] >= n for h, n in wanted.items()):
            found_recs += 1
            found_headings.subtract(wanted)
    return {"actions": found_actions, "recommendations": found_recs}


# --- briefing -----------------------------------------------------------------------------------


def expected_briefing(model: DocumentModel, plan: Plan) -> dict[str, int]:
    return {"late": model.counts["late"], "behind": model.counts["behind"]}


def written_table_rows(path: Path, headers: tuple[str, ...]) -> list[list[str]]:
    """The data rows' cell texts of every top-level table of a .docx whose header is `headers`.

    Cell text as printed: its paragraphs joined by line breaks, w:br as a line break.
    """
    import zipfile

    from lxml import etree

    from pipeline.render.readback import paragraph_text

    def w(tag: str) -> str:
        return f"{{{W_NS}}}{tag}"

    def cells(tr: etree._Element) -> list[str]:
        return [
            "\n".join(paragraph_text(p) for p in tc.iter(w("p")))
            for tc in tr.iterchildren(w("tc"))
        ]

    with zipfile.ZipFile(path) as archive:
        body = etree.fromstring(archive.read("word/document.xml")).find(w("body"))
    found: list[list[str]] = []
    if body is None:
        return found
    for table in body.iterchildren(w("tbl")):
        rows = table.findall(w("tr"))
        if rows and tuple(cells(rows[0])) == headers:
            found += _rows_joined(rows[1:], cells)
    return found


def _joined(row: list[str], more: list[str], shaded: list[bool]) -> list[str]:
    """A row with the row continuing it (pipeline.render.row_split) put back: each cut
    text's next piece added to it; a status repeated (a shaded cell the same as above), an
    empty cell or "(continued)" left out. (A piece of unshaded text may well equal the
    text above it: "All work is recorded. " over and over.)"""
    from pipeline.render.row_split import CONTINUED

    return [text if piece in ("", CONTINUED) or (shade and piece == text) else text + piece
            for text, piece, shade in zip(row, more, shaded, strict=False)]


def _shaded(tr: Any) -> list[bool]:
    """Per cell of a row: whether it is shaded (a status's colour)."""
    shd = f"{{{W_NS}}}tcPr/{{{W_NS}}}shd"
    fill = f"{{{W_NS}}}fill"
    out = []
    for tc in tr.iterchildren(f"{{{W_NS}}}tc"):
        el = tc.find(shd)
        out.append(el is not None and (el.get(fill) or "auto").lower() not in ("auto", ""))
    return out


def count_written_briefing(
    path: Path, plan: Plan, model: DocumentModel | None = None
) -> dict[str, int]:
    """Read a written briefing back: how many of the plan's late actions its table names.

    "late": data rows of the LATE_HEADERS table; "behind": behind-schedule actions of
    `plan` whose ref and action text are those of a row of that table. A table laid out by
    the template's design (DocumentModel.written_headers) is found by its header row, and
    an action is named by a row holding its text.
    """
    from pipeline.documents.briefing import LATE_HEADERS, RECOMMENDATION_PREFIX

    designed = model.written_headers.get("late") if model else None
    if designed:  # the template's design: its columns are the clerk's
        rows = written_table_rows(path, designed)

        def named(action: Action) -> bool:
            return any(action.text in "\n".join(row) for row in rows)
    else:
        rows = [r for r in written_table_rows(path, LATE_HEADERS)
                if len(r) == len(LATE_HEADERS)]

        def named(action: Action) -> bool:
            return any(
                ref == action.ref
                and (what == action.text or what.startswith(action.text + RECOMMENDATION_PREFIX))
                for ref, what, *_ in rows
            )

    behind = [a for a in plan.actions if a.status == "behind"]
    return {"late": len(rows), "behind": sum(1 for a in behind if named(a))}


# --- exceptions ---------------------------------------------------------------------------------


def expected_exceptions(model: DocumentModel, plan: Any = None) -> dict[str, int]:
    return {"exceptions": model.counts["exceptions"]}


def count_written_exceptions(
    path: Path, plan: Any = None, model: DocumentModel | None = None
) -> dict[str, int]:
    """Read a written exception report back: the data rows of its three kinds of table."""
    from pipeline.documents.exceptions import HEADERS

    return {"exceptions": sum(len(written_table_rows(path, h)) for h in HEADERS)}


# --- performance --------------------------------------------------------------------------------


def expected_performance(model: DocumentModel, indicators: Any = None) -> dict[str, int]:
    n = model.counts["indicators"]
    return {"indicators": n, "summary_rows": n, "charts": model.counts.get("charts", 0)}


def count_written_performance(
    path: Path, indicators: Any = None, model: DocumentModel | None = None
) -> dict[str, int]:
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
    designed = model.written_headers.get("indicator") if model else None
    first_header = designed[0] if designed else "Indicator"
    sections = 0
    for style in body.iter(f"{w}pStyle"):
        if style.get(f"{w}val") in heading_ids:
            sections += 1
    rows = 0
    for table in body.iter(f"{w}tbl"):
        first = table.find(f"{w}tr")
        cell = None if first is None else first.find(f"{w}tc")
        if cell is not None and "".join(cell.itertext()) == first_header:
            rows = len(table.findall(f"{w}tr")) - 1
            break
    charts = sum(1 for _ in body.iter(f"{{{WP_NS}}}docPr"))
    return {"indicators": sections, "summary_rows": rows, "charts": charts}


# --- cabinet response ---------------------------------------------------------------------------


def written_text(path: object) -> str:
    """All the text of a written .docx (body paragraphs, then table cells), for checking.

    Read with lxml straight from the package (python-docx's objects are slow to build):
    a cell's text is its paragraphs joined by line breaks, w:br a line break, w:tab a tab.
    """
    import zipfile

    from lxml import etree

    from pipeline.render.readback import paragraph_text

    w = f"{{{W_NS}}}"
    with zipfile.ZipFile(str(path)) as package:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
        body = etree.fromstring(package.read("word/document.xml"), parser).find(f"{w}body")
    if body is None:
        return ""

    def cells(tr: Any) -> list[str]:
        return ["\n".join(paragraph_text(p) for p in tc.iterchildren(f"{w}p"))
                for tc in tr.iterchildren(f"{w}tc")]

    parts = [paragraph_text(p) for p in body.iterchildren(f"{w}p")]
    for table in body.iterchildren(f"{w}tbl"):
        for row in _rows_joined(table.iterchildren(f"{w}tr"), cells):
            parts.extend(row)
    return "\n".join(parts)


def _rows_joined(trs: Any, cells: Any) -> list[list[str]]:
    """Each row's cell texts (`cells(tr)`), a row continuing the row above (pipeline.render.
    row_split) joined to it again."""
    from pipeline.render.readback import row_continues

    rows: list[list[str]] = []
    for tr in trs:
        if rows and row_continues(tr):
            rows[-1] = _joined(rows[-1], cells(tr), _shaded(tr))
        else:
            rows.append(cells(tr))
    return rows


def missing_recommendations(
    response: ScrutinyResponse, path: object
) -> list[ScrutinyRecommendation]:
    """The recommendations whose text does not appear verbatim in the written document."""
    text = written_text(path)
    return [r for r in response.recommendations if r.text not in text]


def expected_response(model: DocumentModel, response: ScrutinyResponse) -> dict[str, int]:
    return {"recommendations": len(response.recommendations)}


def count_written_response(
    path: Path, response: ScrutinyResponse, model: DocumentModel | None = None
) -> dict[str, int]:
    missing = missing_recommendations(response, path)
    return {"recommendations": len(response.recommendations) - len(missing)}


__all__ = [
    "count_written_briefing", "count_written_performance", "count_written_plan",
    "count_written_response", "missing_recommendations", "model_structure", "written_structure",
    "written_table_rows", "written_text",
]
