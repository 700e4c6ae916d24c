"""Tables designed in Word (issue 17): a clerk deletes, reorders, renames, resizes and
combines the columns of a template's design table, and every such table of the documents
follows it. Each test edits a copy of a shipped template, makes the document with the CLI
and reads it back with python-docx."""

from __future__ import annotations

import copy
import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from conftest import ACTION_HEADERS, action_row, build_workbook, require_soffice
from docx.oxml.ns import qn

from pipeline.cli import main
from pipeline.documents.plan import ACTION_HEADERS as PLAN_HEADERS
from pipeline.domain.status import DEFAULT_SCHEME
from pipeline.render.lint import lint_template
from pipeline.render.templates import template_path

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ROOT / "inputs"
TRICKY = "Tom & Jerry <b>x</b> \"quoted\" £250 – done\nsecond line\n\nafter a blank line"
Edit = Callable[[docx.table.Table], None]


def plan_book(tmp_path: Path) -> Path:
    rows = [
        ACTION_HEADERS,
        action_row("Monitor enquiries weekly", "Complete", priority="PRIORITY 1: KEEP SAFE",
                   ref="R1", recommendation="Record enquiries promptly", lead="Maria White",
                   target=dt.date(2013, 4, 1), progress=TRICKY),
        action_row("Write up every enquiry", "Behind schedule", lead="Di Partridge & Co",
                   target=dt.date(2013, 6, 1), progress="Started."),
        action_row("Review the team", "In progress on schedule", ref="R2",
                   recommendation="Review the front door", lead="Debbie Lloyd",
                   target=dt.date(2013, 9, 1), progress="Review started in May."),
    ]
    details = [["Title", "Designed plan"], ["Organisation", "Test Borough Council"],
               ["As at", dt.date(2013, 7, 31)]]
    return build_workbook(tmp_path / "plan.xlsx", {"Details": details, "Actions": rows})


def cell_text(tc: object) -> str:
    return "\n".join(p.text for p in tc.paragraphs)  # type: ignore[attr-defined]


def headers(table: docx.table.Table) -> list[str]:
    return [cell_text(c) for c in table.rows[0].cells]


def column(table: docx.table.Table, header: str) -> int:
    return headers(table).index(header)


def delete_column(header: str) -> Edit:
    def edit(table: docx.table.Table) -> None:
        i = column(table, header)
        for tr in table._tbl.tr_lst:
            tr.remove(tr.tc_lst[i])
        grid = table._tbl.tblGrid
        grid.remove(grid.gridCol_lst[i])

    return edit


def move_column(header: str, to: int) -> Edit:
    def edit(table: docx.table.Table) -> None:
        i = column(table, header)
        for tr in table._tbl.tr_lst:
            tc = tr.tc_lst[i]
            tr.remove(tc)
            tr.tc_lst[to].addprevious(tc) if to < len(tr.tc_lst) else tr.append(tc)
        grid = table._tbl.tblGrid
        col = grid.gridCol_lst[i]
        grid.remove(col)
        grid.gridCol_lst[to].addprevious(col)

    return edit


def set_cell(row: int, header: str, text: str) -> Edit:
    def edit(table: docx.table.Table) -> None:
        cell = table.rows[row].cells[column(table, header)]
        for p in cell.paragraphs[1:]:
            p._p.getparent().remove(p._p)
        paragraph = cell.paragraphs[0]
        for run in paragraph.runs[1:]:
            run._r.getparent().remove(run._r)
        paragraph.runs[0].text = text

    return edit


def both(*edits: Edit) -> Edit:
    def edit(table: docx.table.Table) -> None:
        for one in edits:
            one(table)

    return edit


def designed_template(tmp_path: Path, kind: str, edit: Edit, design: int = 0) -> Path:
    """A copy of the shipped template of `kind` whose design table number `design` (among
    the design tables) is changed by `edit`."""
    doc = docx.Document(str(template_path(kind)))
    edit(doc.tables[design])
    path = tmp_path / f"designed-{template_path(kind).name}"
    doc.save(str(path))
    return path


def make(kind: str, book: Path, template: Path, out: Path, *extra: str) -> docx.document.Document:
    result = CliRunner().invoke(main, [kind, str(book), "-o", str(out), "--template",
                                       str(template), *extra])
    assert result.exit_code == 0, result.output
    return docx.Document(str(out))


def action_tables(doc: docx.document.Document) -> list[docx.table.Table]:
    return [t for t in doc.tables if (t._tbl.tblPr.find(qn("w:tblCaption")) is not None
            and t._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val")).startswith("Actions for"))]


def fill(cell: object) -> str | None:
    shd = cell._tc.tcPr.find(qn("w:shd"))  # type: ignore[attr-defined]
    return None if shd is None else shd.get(qn("w:fill"))


# --- the plan's action tables -------------------------------------------------------------


def test_source_column_deleted_in_word_leaves_no_action_table_with_one(tmp_path: Path) -> None:
    template = designed_template(tmp_path, "plan", delete_column("Source"))
    doc = make("plan", plan_book(tmp_path), template, tmp_path / "plan.docx")
    tables = action_tables(doc)
    assert len(tables) == 2
    for table in tables:
        assert headers(table) == [h for h in PLAN_HEADERS if h != "Source"]
        assert all("Ofsted 2012" not in cell_text(c) for row in table.rows for c in row.cells)
    assert [cell_text(c) for c in tables[0].rows[1].cells][0] == "Monitor enquiries weekly"
    # the design part never prints
    assert all("Table designs" not in p.text for p in doc.paragraphs)
    assert all("{{" not in cell_text(c) for t in doc.tables for r in t.rows for c in r.cells)


def test_columns_reordered_and_renamed_in_word_change_every_table(tmp_path: Path) -> None:
    template = designed_template(tmp_path, "plan", both(
        move_column("Status", 0), set_cell(0, "Lead", "Lead officer(s)")))
    doc = make("plan", plan_book(tmp_path), template, tmp_path / "plan.docx")
    expected = ["Status", *[("Lead officer(s)" if h == "Lead" else h)
                            for h in PLAN_HEADERS if h != "Status"]]
    tables = action_tables(doc)
    assert [headers(t) for t in tables] == [expected, expected]
    first = [cell_text(c) for c in tables[0].rows[2].cells]
    assert first[0] == "Behind schedule"
    assert first[expected.index("Lead officer(s)")] == "Di Partridge & Co"
    assert first[expected.index("Action")] == "Write up every enquiry"
    # the status keeps its colour from the key, in its new place
    assert fill(tables[0].rows[2].cells[0]) == DEFAULT_SCHEME.entry("behind").fill


def test_a_cell_combining_fields_and_text(tmp_path: Path) -> None:
    template = designed_template(tmp_path, "plan", both(
        delete_column("Target date"),
        set_cell(1, "Lead", "{{ action.lead }}, by {{ action.target_date }}"),
        set_cell(0, "Lead", "Lead and date")))
    doc = make("plan", plan_book(tmp_path), template, tmp_path / "plan.docx")
    table = action_tables(doc)[0]
    lead = column(table, "Lead and date")
    assert "Target date" not in headers(table)
    assert [cell_text(r.cells[lead]) for r in table.rows[1:]] == [
        "Maria White, by 1 April 2013", "Di Partridge & Co, by 1 June 2013"]


def test_status_fill_from_the_key_widths_and_header_shading_from_the_template(
    tmp_path: Path,
) -> None:
    def shade(table: docx.table.Table) -> None:
        for row, colour in ((0, "D9E2F3"), (1, "FFFF00")):
            for cell in table.rows[row].cells:
                cell._tc.tcPr.find(qn("w:shd")) is not None and cell._tc.tcPr.remove(
                    cell._tc.tcPr.find(qn("w:shd")))
                shd = copy.deepcopy(table.rows[0].cells[0]._tc.tcPr.find(qn("w:tcW")))
                shd.tag = qn("w:shd")
                shd.attrib.clear()
                shd.set(qn("w:val"), "clear")
                shd.set(qn("w:fill"), colour)
                cell._tc.tcPr.append(shd)
        grid = table._tbl.tblGrid.gridCol_lst
        grid[0].set(qn("w:w"), "3000")  # Action made wider, Progress narrower
        grid[7].set(qn("w:w"), "2000")

    template = designed_template(tmp_path, "plan", shade)
    doc = make("plan", plan_book(tmp_path), template, tmp_path / "plan.docx")
    table = action_tables(doc)[0]
    status = column(table, "Status")
    assert [cell_text(r.cells[status]) for r in table.rows[1:]] == ["Complete",
                                                                   "Behind schedule"]
    assert [fill(r.cells[status]) for r in table.rows[1:]] == [
        DEFAULT_SCHEME.entry("complete").fill, DEFAULT_SCHEME.entry("behind").fill]
    assert fill(table.rows[1].cells[0]) == "FFFF00"  # the template's own shading elsewhere
    assert {fill(c) for c in table.rows[0].cells} == {"D9E2F3"}
    widths = [int(g.get(qn("w:w"))) for g in table._tbl.tblGrid.gridCol_lst]
    assert widths[0] == 3000 and widths[7] == 2000
    assert int(table.rows[1].cells[0]._tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) == 3000
    # accessibility: the header row repeats, no merged cells, status in words and colour
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert not table._tbl.xpath(".//w:gridSpan | .//w:vMerge")


def test_text_comes_out_exactly_in_a_designed_cell(tmp_path: Path) -> None:
    template = designed_template(tmp_path, "plan", set_cell(
        1, "Progress", "Note: {{ action.progress }} (R & D < 1)"))
    doc = make("plan", plan_book(tmp_path), template, tmp_path / "plan.docx")
    table = action_tables(doc)[0]
    progress = table.rows[1].cells[column(table, "Progress")]
    assert cell_text(progress) == f"Note: {TRICKY} (R & D < 1)"
    assert progress.paragraphs[0]._p.xpath("count(.//w:br)") == 3


def test_a_template_without_designs_gives_todays_columns(tmp_path: Path) -> None:
    doc = docx.Document(str(template_path("plan")))
    body = doc.element.body
    marker = next(p for p in doc.paragraphs if p.text.startswith("Table designs"))._p
    for child in list(body)[list(body).index(marker):]:
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    template = tmp_path / "no-design.docx"
    doc.save(str(template))
    out = make("plan", plan_book(tmp_path), template, tmp_path / "plan.docx")
    shipped = make("plan", plan_book(tmp_path), template_path("plan"), tmp_path / "s.docx")
    for made in (out, shipped):
        tables = action_tables(made)
        assert [headers(t) for t in tables] == [list(PLAN_HEADERS)] * 2
        assert [cell_text(c) for c in tables[0].rows[1].cells] == [
            "Monitor enquiries weekly", "Outcome", "Ofsted 2012", "Audit", "3 months",
            "Maria White", "1 April 2013", TRICKY, "Complete"]
    assert [[cell_text(c) for c in r.cells] for t in action_tables(out) for r in t.rows] == [
        [cell_text(c) for c in r.cells] for t in action_tables(shipped) for r in t.rows]


def test_designed_tables_are_the_same_with_or_without_docxtpl(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lxml import etree

    from pipeline.documents.plan import build_plan_document
    from pipeline.reader import read_workbook
    from pipeline.render import engine

    template = designed_template(tmp_path, "plan", both(
        delete_column("Source"), set_cell(1, "Lead", "{{ action.lead }} & {{ action.ref }}")))
    plan = read_workbook(plan_book(tmp_path)).plan
    assert plan is not None

    def tables(data: bytes) -> list[bytes]:
        import io
        import zipfile

        with zipfile.ZipFile(io.BytesIO(data)) as package:
            body = etree.fromstring(package.read("word/document.xml")).find(qn("w:body"))
        return [etree.tostring(t, method="c14n") for t in body.iterchildren(qn("w:tbl"))]

    fast = engine.render_bytes(build_plan_document(plan), template)
    monkeypatch.setattr(engine, "FAST_FRAME", False)
    slow = engine.render_bytes(build_plan_document(plan), template)
    assert tables(fast) == tables(slow) and len(tables(fast)) == 5
    import io

    lead = [cell_text(c) for t in docx.Document(io.BytesIO(fast)).tables for r in t.rows
            for c in r.cells if "Maria" in cell_text(c)]
    assert lead == ["Maria White & R1"]


# --- the other designed tables ------------------------------------------------------------


def test_response_table_renamed_and_progress_left_out_of_the_first_response(
    tmp_path: Path,
) -> None:
    template = designed_template(tmp_path, "response", both(
        set_cell(1, "Scrutiny Recommendation", "{{ rec.number }}: {{ rec.text }}"),
        set_cell(0, "Scrutiny Recommendation", "Recommendation"),
        delete_column("Person responsible for action (name and title)")))
    book = INPUTS / "cabinet-response.xlsx"
    first = make("response", book, template, tmp_path / "r.docx")
    update = make("response", book, template, tmp_path / "u.docx", "--update")
    for doc, progress in ((first, False), (update, True)):
        themed = [t for t in doc.tables if headers(t)[0] == "Recommendation"]
        assert themed
        for table in themed:
            assert ("Progress" in headers(table)) is progress
            assert len(headers(table)) == 3 + progress
        assert cell_text(themed[0].rows[1].cells[0]).split(": ", 1)[0][0].isdigit()


def test_performance_summary_and_briefing_late_actions_follow_their_designs(
    tmp_path: Path,
) -> None:
    template = designed_template(tmp_path, "performance", both(
        move_column("Status", 1), set_cell(0, "Indicator", "Measure")))
    doc = make("performance", INPUTS / "performance-indicators.xlsx", template,
               tmp_path / "p.docx")
    summary = next(t for t in doc.tables if headers(t)[0] == "Measure")
    assert headers(summary) == ["Measure", "Status", "Previous", "Latest", "Target",
                                "Direction"]
    statuses = {cell_text(r.cells[1]) for r in summary.rows[1:]}
    assert "Off target" in statuses and statuses <= {
        "On target", "Near target", "Off target", "Data only", "No data"}
    off = next(r.cells[1] for r in summary.rows[1:] if cell_text(r.cells[1]) == "Off target")
    assert fill(off) not in (None, "F3F2F1")  # the status colour, in its new place
    template = designed_template(tmp_path, "briefing", both(
        delete_column("Lead and target date"), set_cell(0, "Ref", "Reference")))
    doc = make("briefing", plan_book(tmp_path), template, tmp_path / "b.docx")
    late = next(t for t in doc.tables if headers(t)[0] == "Reference")
    assert headers(late) == ["Reference", "Action and recommendation", "Progress", "Status"]
    assert [cell_text(c) for c in late.rows[1].cells] == [
        "R1", "Write up every enquiry\nRecommendation: Record enquiries promptly", "Started.",
        "Behind schedule"]


# --- templates check ---------------------------------------------------------------------


def check(path: Path, kind: str = "plan") -> list[str]:
    return [i.message for i in lint_template(path, kind).report.errors]


def test_check_names_an_unknown_field_with_did_you_mean(tmp_path: Path) -> None:
    found = check(designed_template(tmp_path, "plan", set_cell(1, "Lead", "{{ action.leed }}")))
    assert len(found) == 1
    assert found[0].startswith("In the body, table 1 row 2 cell 6 (the Table designs part)")
    assert "Did you mean {{ action.lead }}?" in found[0]


def test_check_a_design_row_with_no_fields_and_a_missing_header_row(tmp_path: Path) -> None:
    def no_fields(table: docx.table.Table) -> None:
        for cell in table.rows[1].cells:
            cell.text = ""

    found = check(designed_template(tmp_path, "plan", no_fields))
    assert len(found) == 1 and "has no row of fields" in found[0]
    assert found[0].startswith("In the body, table 1 (the Table designs part)")

    def no_header(table: docx.table.Table) -> None:
        table._tbl.remove(table._tbl.tr_lst[0])

    found = check(designed_template(tmp_path, "plan", no_header))
    assert len(found) == 1 and "has no header row" in found[0]
    assert "table 1 row 1" in found[0]


def test_check_a_merged_cell_and_the_plan_refuses_it(tmp_path: Path) -> None:
    def merge(table: docx.table.Table) -> None:
        table.cell(1, 0).merge(table.cell(1, 1))

    template = designed_template(tmp_path, "plan", merge)
    report = lint_template(template, "plan").report
    merged = [i for i in report.errors if "merged" in i.message or "spans" in i.message]
    assert merged and merged[0].code == "accessibility-error"
    assert merged[0].where == "the body, table 1 row 2 cell 1"
    out = tmp_path / "plan.docx"
    result = CliRunner().invoke(main, ["plan", str(plan_book(tmp_path)), "-o", str(out),
                                       "--template", str(template)])
    assert result.exit_code != 0
    assert "table 1 row 2 cell 1" in result.output and not out.exists()


def test_shipped_templates_pass_the_check() -> None:
    for kind in ("plan", "briefing", "performance", "response", "report"):
        assert check(template_path(kind), kind) == [], kind


def test_templates_vars_lists_the_design_fields() -> None:
    result = CliRunner().invoke(main, ["templates", "vars", "plan"])
    assert result.exit_code == 0
    assert "action.lead" in result.output and "action.status" in result.output
    result = CliRunner().invoke(main, ["templates", "vars", "response"])
    assert "rec.decision" in result.output and "action.lead" not in result.output


# --- the printed pages ---------------------------------------------------------------------


def test_a_designed_plan_prints_every_cell(tmp_path: Path) -> None:
    from pagecheck import missing_text
    from pages import convert, read_items, read_pages

    require_soffice()
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    template = designed_template(tmp_path, "plan", both(
        delete_column("Source"), move_column("Status", 0),
        set_cell(1, "Lead", "{{ action.lead }}, by {{ action.target_date }}"),
        set_cell(0, "Lead", "Lead officer(s)")))
    out = tmp_path / "designed.docx"
    make("plan", INPUTS / "childrens-services-improvement-plan.xlsx", template, out)
    pdf = convert([out], tmp_path / "pdf", tmp_path / "profile")[out]
    items = read_items(out)
    assert missing_text(items, read_pages(pdf)) == []
    tables = [it for it in items if it.kind == "table" and it.rows[0][:2] == ["Status", "Action"]]
    assert len(tables) == 26 and all("Source" not in t.rows[0] for t in tables)


def test_check_a_design_that_leaves_out_the_action_or_its_status(tmp_path: Path) -> None:
    """Deleting the Action column would lose every action from the page, and deleting the
    Status column would leave the status to colour alone: both are named, and the plan is
    refused with the same message rather than made without them."""
    template = designed_template(tmp_path, "plan", both(delete_column("Action"),
                                                        delete_column("Status")))
    found = check(template)
    assert len(found) == 2
    assert found[0].startswith("In the body, table 1 (the Table designs part) "
                               "(\u201caction.text\u201d): this table design leaves out "
                               "{{ action.text }}: every action in the workbook must be printed")
    assert "leaves out {{ action.status }}: the status must be written in words" in found[1]
    out = tmp_path / "plan.docx"
    result = CliRunner().invoke(main, ["plan", str(plan_book(tmp_path)), "-o", str(out),
                                       "--template", str(template)])
    assert result.exit_code != 0
    assert "leaves out {{ action.text }}" in result.output and not out.exists()
    # Combined into another cell, the action is still printed: no problem.
    combined = designed_template(tmp_path, "plan", both(
        delete_column("Action"), set_cell(1, "Outcome", "{{ action.text }}: {{ action.outcome }}")))
    assert check(combined) == []
