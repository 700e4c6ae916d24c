"""Property-based tests: arbitrary Unicode in every cell of the action rows.

Whatever is typed, the result is either a located error or a document that python-docx
reopens, whose XML is well formed, whose action cells say exactly what was typed after the
documented normalisation, and which holds as many actions as the workbook.

The documented normalisation (pipeline.text.clean_text, then trimming): CR, CR LF, vertical
tab and form feed become a line break; characters XML cannot hold are dropped; Excel's
`_xHHHH_` escapes are decoded (Excel writes a typed `_x0041_` as `_x005F_x0041_`).
"""

from __future__ import annotations

import re
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from pipeline.issues import PipelineError

HEADERS = ["Priority", "Ref", "Recommendation", "Action", "Outcome", "Source", "Measure",
           "Timescale", "Lead", "Target date", "Progress", "Status"]
TEXT_COLUMNS = {"Action": 0, "Outcome": 1, "Source": 2, "Measure": 3, "Timescale": 4,
                "Lead": 5, "Progress": 7}  # column in the document's action table
STATUSES = ["Complete", "On track", "At risk", "Behind schedule", "Not started"]
# Characters Excel must escape as _xHHHH_ (XML cannot hold them, or would change CR).
_MUST_ESCAPE = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff]")
_LITERAL_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff]")


def excel_stored(typed: str) -> str:
    """What Excel writes in the file for a cell typed as `typed`."""
    protected = _LITERAL_ESCAPE.sub(r"_x005F_\1", typed)
    return _MUST_ESCAPE.sub(lambda m: f"_x{ord(m.group(0)):04X}_", protected)


def expected_text(typed: str) -> str:
    """The documented normalisation, written independently of pipeline.text."""
    text = typed.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\x0b", "\n").replace("\x0c", "\n")
    return _XML_ILLEGAL.sub("", text).strip()


tricky = st.sampled_from([
    "Fish & chips <b>", "{{ 7*7 }}", "_x000B_", "_x0041_", "£5 – “quoted” 😀",
    "line\r\nbreak", "\x07bell", "\ufffe", "   ", "=1+1", "#REF!", "Priority 2: title",
])
typeable = st.characters(exclude_categories=["Cs"])  # no lone surrogates: not text at all
cell_text = st.one_of(st.text(max_size=40), tricky, st.text(alphabet=typeable, max_size=8))
status = st.one_of(st.sampled_from(STATUSES), st.text(min_size=1, max_size=12))


@st.composite
def action_rows(draw: Any) -> list[list[str]]:
    n = draw(st.integers(min_value=1, max_value=4))
    rows = []
    for _ in range(n):
        row = [draw(cell_text) for _ in HEADERS[:-1]]
        row.append(draw(status))
        rows.append(row)
    return rows


def write_workbook(path: Path, rows: list[list[str]]) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Actions"
    ws.append(HEADERS)
    for r, row in enumerate(rows, start=2):
        for c, typed in enumerate(row, start=1):
            if typed:
                cell = ws.cell(row=r, column=c)
                cell.value = excel_stored(typed)
                cell.data_type = "s"  # typed text stays text (never a formula or number)
    wb.save(path)


def action_table_rows(path: Path) -> list[dict[str, str]]:
    """The action tables' data rows, each cell by its column header (a column no action
    fills is left out of the document: it reads as "")."""
    import docx

    from pipeline.documents.plan import ACTION_HEADERS

    found: list[dict[str, str]] = []
    for table in docx.Document(str(path)).tables:
        header = [c.text for c in table.rows[0].cells]
        if header[:1] == ["Action"] and header[-1:] == ["Status"] and set(header) <= set(
                ACTION_HEADERS):
            found += [dict(zip(header, [c.text for c in r.cells], strict=True))
                      for r in table.rows[1:]]
    return found


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(rows=action_rows())
def test_any_text_gives_a_located_error_or_an_exact_document(rows: list[list[str]]) -> None:
    from lxml import etree

    from pipeline.run_document import make_document

    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / "plan.xlsx"
        out = Path(tmp) / "out" / "plan.docx"
        write_workbook(book, rows)
        try:
            run = make_document("plan", book, out)
        except PipelineError as error:
            event("located error")
            assert error.issues, error.message
            located = [i for i in error.issues if i.severity == "error"]
            assert located
            for issue in located:
                assert issue.sheet == "Actions" and issue.row is not None, issue
                assert 2 <= issue.row <= len(rows) + 1, issue
            assert not out.exists()
            return
        event("document")
        with zipfile.ZipFile(out) as zf:
            for name in zf.namelist():
                if name.endswith((".xml", ".rels")):
                    etree.fromstring(zf.read(name))  # well formed, or this raises
        typed_actions = [r for r in rows if expected_text(r[3])]
        written = action_table_rows(out)
        assert len(written) == len(typed_actions) == run.written["actions"]
        for typed, cells in zip(typed_actions, written, strict=True):
            for column in TEXT_COLUMNS:
                assert cells.get(column, "") == expected_text(typed[HEADERS.index(column)]), (
                    column)


def test_excel_escaping_round_trips_through_the_reader(tmp_path: Path) -> None:
    """The helper above writes what Excel writes: a literal '_x0041_' stays literal."""
    from pipeline.reader.xlsx_cells import decode_escapes
    from pipeline.text import clean_text

    for typed in ("_x0041_", "a\x07b", "x\r\ny", "\ufffe", "plain"):
        assert clean_text(decode_escapes(excel_stored(typed)))[0].strip() == expected_text(typed)
