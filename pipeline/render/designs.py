"""Table designs: the repeating tables laid out by the clerk in Word, read from the template.

After the `{{ body }}` paragraph a template may hold a paragraph starting "Table designs"
(the shipped templates say "Table designs (not printed)"). Everything from there to the
end of the last table after it is the design part: it is taken out of the template before
the frame is filled in, so it never prints (paragraphs after the last design table are
the frame's again, and print after the content). Each Word table in it is one design:
a header row, then one row of fields, such as

    | Action            | Lead officer(s)                          | Status            |
    | {{ action.text }} | {{ action.lead }}, by {{ action.target_date }} | {{ action.status }} |

The fields name the design (`action.*` lays out the plan's action tables; see
pipeline.documents.table_fields). Deleting, reordering, renaming or resizing a column in
Word changes every such table: the written table keeps the template's table properties
(style, borders, cell margins), its header rows as they are (marked to repeat on every
page), its column widths (or widths fitted to the text, for the shipped widths and a table
set to AutoFit: pipeline.render.design_widths), and each cell's properties, paragraph and
run formatting; the fields are filled in with the values, escaped exactly as the rest of
the body.

Here the part is found and each design read and checked (`take_designs`, `read_design`);
`pipeline.render.design_rows` compiles a design once into a fast row writer.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from pipeline.documents.table_fields import TABLE_DESIGNS, designs_of, table_key
from pipeline.render.wordxml import paragraph_text, w

MARKER = "table designs"  # the design part starts at a paragraph whose text starts so
_BODY = re.compile(r"\{\{\s*body\s*\}\}")
FIELD = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
_NAME = re.compile(r"^\s*([A-Za-z_]\w*)\.([A-Za-z_]\w*)\s*$")
_JINJA = re.compile(r"\{%|%\}|\{#|#\}")


@dataclass(frozen=True)
class Problem:
    """Something wrong with a design, located as `templates check` says it."""

    where: str  # "the body, table 2 row 2 cell 3"
    message: str
    text: str = ""  # the field's text, when the problem is one field
    accessibility: bool = False  # a rule of the accessibility regulations (merged cells)


@dataclass
class Design:
    """One checked design table of a template."""

    name: str  # "action"
    table: Any  # the design's w:tbl (taken out of the template)
    number: int  # its number among the body's tables (as `templates check` counts them)
    header_rows: list[Any]
    field_row: Any
    cell_fields: list[list[str]]  # per cell of the field row, the field names it holds
    header: tuple[str, ...]  # the first header row's cell texts
    compiled: dict[Any, Any] = field(default_factory=dict)  # row writers, by their key


@dataclass
class DesignPart:
    """What the template's design part holds: the good designs by the tables they lay out
    (Table.design: pipeline.documents.table_fields.table_key), and its problems."""

    designs: dict[str, Design] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    marker_where: str = ""
    used: dict[str, tuple[str, ...]] = field(default_factory=dict)  # headers written

    def __bool__(self) -> bool:
        return bool(self.designs)


def _is_marker(p: Any) -> bool:
    return p.tag == w("p") and paragraph_text(p).strip().lower().startswith(MARKER)


def design_span(children: list[Any]) -> tuple[int, int] | None:
    """Where the design part is among a w:body's children: (first, last) index, from the
    marker paragraph after `{{ body }}` (anywhere, when there is no `{{ body }}`) to the last
    table after it; None when there is no design part."""
    bodies = [i for i, c in enumerate(children)
              if c.tag == w("p") and _BODY.search(paragraph_text(c))]
    after = bodies[0] + 1 if bodies else 0
    start = next((i for i in range(after, len(children)) if _is_marker(children[i])), None)
    if start is None:
        return None
    end = max((i for i in range(start, len(children)) if children[i].tag == w("tbl")),
              default=start)
    return start, end


def split_designs(body: Any) -> tuple[list[tuple[int, Any]], str]:
    """Take the design part (`design_span`) out of a w:body. Returns its tables (with their
    numbers among the body's tables, as `templates check` counts them) and where the
    marker paragraph was ('' when there is no design part)."""
    children = list(body)
    span = design_span(children)
    if span is None:
        return [], ""
    start, end = span
    paragraphs = sum(1 for c in children[:start + 1] if c.tag == w("p"))
    tables: list[tuple[int, Any]] = []
    number = sum(1 for c in children[:start] if c.tag == w("tbl"))
    for child in children[start:end + 1]:
        if child.tag == w("sectPr"):
            continue
        if child.tag == w("tbl"):
            number += 1
            tables.append((number, child))
        body.remove(child)
    return tables, f"the body, paragraph {paragraphs}"


def _known_fields(kind: str) -> dict[str, str]:
    """Every design field of `kind`'s tables -> its design name."""
    return {f: d.name for d in designs_of(kind) for f in d.field_names}


def _cell_text(tc: Any) -> str:
    return "\n".join(paragraph_text(p) for p in tc.iterchildren(w("p")))


def _merged(tc: Any) -> str:
    tcpr = tc.find(w("tcPr"))
    if tcpr is None:
        return ""
    span = tcpr.find(w("gridSpan"))
    if span is not None and (span.get(w("val")) or "1") != "1":
        return "spans several columns"
    if tcpr.find(w("vMerge")) is not None:
        return "is merged with the cell above or below"
    if tcpr.find(w("hMerge")) is not None:
        return "is merged with the cell beside it"
    return ""


_WHY_REQUIRED = {
    "text": "every {item} in the workbook must be printed, and the documents check that "
            "each one is (\u201c57 actions in, 57 written\u201d), so a document made with "
            "this design would be refused",
    "name": "every indicator in the workbook must be printed, and the documents check that "
            "each one is, so a document made with this design would be refused",
    "status": "the status must be written in words as well as shown by the colour of its "
              "cell (the accessibility regulations: colour alone tells a colour-blind "
              "reader nothing)",
    "decision": "the cabinet's decision on each recommendation is what the response is for",
}


def _missing_required(
    where: str, names: set[str], row: list[list[str]], listed: str
) -> list[Problem]:
    """A design that leaves out the item's own text or its status (TableDesign.required)."""
    if len(names) != 1:
        return []
    design = TABLE_DESIGNS[next(iter(names))]
    printed = {name for cell in row for name in cell}
    problems = []
    for required in design.required:
        if required in printed:
            continue
        item = design.name if design.name != "rec" else "recommendation"
        why = _WHY_REQUIRED[required.split(".", 1)[1]].format(item=item)
        problems.append(Problem(where, f"this table design leaves out {{{{ {required} }}}}: "
                                f"{why}. Put {{{{ {required} }}}} in one of the cells of its "
                                f"row of fields (on its own or with other fields; the fields "
                                f"are listed by {listed}).", required))
    return problems


def read_design(
    table: Any, number: int, kind: str, command_kind: str | None = None
) -> tuple[Design | None, list[Problem]]:
    """One design table checked: the design (None when it cannot be used) and its problems."""
    known = _known_fields(kind)
    listed = f"`committee templates vars {command_kind or kind}`"
    problems: list[Problem] = []
    rows = list(table.iterchildren(w("tr")))
    where_table = f"the body, table {number}"
    field_rows: list[int] = []
    cells_fields: dict[int, list[list[str]]] = {}
    names: set[str] = set()
    for r, tr in enumerate(rows, start=1):
        row_fields: list[list[str]] = []
        for c, tc in enumerate(tr.iterchildren(w("tc")), start=1):
            where = f"{where_table} row {r} cell {c}"
            how = _merged(tc)
            if how:
                problems.append(Problem(where, f"this cell of a table design {how}. Data "
                                        "tables may have no merged cells (a screen reader "
                                        "cannot tell which column a value is in): split it "
                                        "(Table Layout → Split Cells) so that every column "
                                        "has a cell of its own.", accessibility=True))
            text = _cell_text(tc)
            if _JINJA.search(text):
                problems.append(Problem(where, "a table design holds only fields such as "
                                        "{{ action.lead }} and ordinary text, no {% %} "
                                        "blocks or {# #} comments: delete them.", text))
            found: list[str] = []
            for match in FIELD.finditer(text):
                name = _NAME.match(match.group(1))
                shown = match.group(0)
                if name is None:
                    problems.append(Problem(where, f"the field {shown} cannot be used in a "
                                            "table design: write one field name such as "
                                            "{{ action.lead }}, with no filters or "
                                            f"sums. The names are listed by {listed}.",
                                            shown))
                    continue
                full = f"{name.group(1)}.{name.group(2)}"
                if full not in known:
                    close = difflib.get_close_matches(full, list(known), n=1, cutoff=0.6)
                    hint = f" Did you mean {{{{ {close[0]} }}}}?" if close else ""
                    problems.append(Problem(where, f"the field {shown} is not a field of "
                                            f"the tables {kind} documents have.{hint} The "
                                            f"names are listed by {listed}.", shown))
                    continue
                found.append(full)
                names.add(known[full])
            row_fields.append(found)
            if "{{" in text and not found and not FIELD.search(text):
                problems.append(Problem(where, "a field starts with {{ but does not end in "
                                        "this cell: finish it with }}.", "{{"))
        if any(row_fields):
            field_rows.append(r)
            cells_fields[r] = row_fields
    if not field_rows:
        problems.append(Problem(where_table, "this table of the Table designs part has no "
                                "row of fields, so it lays out nothing. Put one field such as "
                                f"{{{{ action.text }}}} in each cell of its last row (the "
                                f"fields are listed by {listed}), or delete the table."))
        return None, problems
    problems += _missing_required(where_table, names, cells_fields[field_rows[0]], listed)
    if len(names) > 1:
        problems.append(Problem(where_table, "this table design mixes the fields of "
                                f"{' and '.join(sorted(names))} tables; each design lays "
                                "out one kind of table. Make a table of its own for each."))
    first = field_rows[0]
    if first == 1:
        problems.append(Problem(f"{where_table} row 1", "this table design has no header "
                                "row: add a row above the row of fields, with a heading for "
                                "each column (it repeats at the top of every page).",
                                accessibility=True))
    elif first > 2:
        problems.append(Problem(f"{where_table} row 2", "a table design has one header row, "
                                f"then its row of fields; this one has {first - 1} rows above "
                                "the fields. Put every heading in the first row and delete "
                                "the others."))
    for r in range(first + 1, len(rows) + 1):
        if r in field_rows:
            problems.append(Problem(f"{where_table} row {r}", "a table design has one row "
                                    f"of fields (row {first} here); the documents write it "
                                    "once for each row of data. Delete this row or move its "
                                    f"fields into row {first}."))
        else:
            problems.append(Problem(f"{where_table} row {r}", "the rows of a table design "
                                    "end with its row of fields; this row after it would "
                                    "never be printed. Delete it."))
    widths = [len(list(tr.iterchildren(w("tc")))) for tr in rows]
    if len(set(widths)) > 1 and not any(p.accessibility for p in problems):
        problems.append(Problem(where_table, "the rows of this table design have different "
                                "numbers of cells; give every row one cell per column."))
    if problems:
        return None, problems
    header_rows = rows[:first - 1]
    header = tuple(_cell_text(tc) for tc in header_rows[0].iterchildren(w("tc")))
    name = next(iter(names))
    return Design(name, table, number, header_rows, rows[first - 1], cells_fields[first],
                  header), problems


def take_designs(
    body: Any, kind: str, command_kind: str | None = None
) -> DesignPart:
    """Take the design part out of a template's w:body and read its designs for `kind`."""
    part = DesignPart()
    tables, part.marker_where = split_designs(body)
    for number, table in tables:
        design, problems = read_design(table, number, kind, command_kind)
        part.problems += problems
        if design is None:
            continue
        key = table_key(kind, design.name)
        if key in part.designs:
            first = part.designs[key]
            part.problems.append(Problem(
                f"the body, table {number}", f"there is already a design of "
                f"{design.name} tables (table {first.number}); the documents can follow only "
                "one. Delete one of them."))
            continue
        part.designs[key] = design
    return part


__all__ = ["FIELD", "MARKER", "TABLE_DESIGNS", "Design", "DesignPart", "Problem",
           "read_design", "split_designs", "take_designs"]
