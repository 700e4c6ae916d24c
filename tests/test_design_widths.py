"""Column widths of designed tables (pipeline.render.design_widths): the shipped design's
widths and a design set to AutoFit in Word leave the widths to the text, fitted to each
document as tables without a design are; a council's own fixed widths are kept exactly.
Each document is made with the CLI and read back with python-docx."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from conftest import ACTION_HEADERS, action_row, build_workbook
from docx.oxml.ns import qn
from docx.shared import Cm
from test_table_designs import action_tables, column, designed_template, fill, headers, make

from pipeline.documents.plan import ACTION_HEADERS as PLAN_HEADERS
from pipeline.render.design_widths import ACTION_DESIGN
from pipeline.render.flow import DXA_PER_CM
from pipeline.render.templates import template_path

SHIPPED = [round(width * DXA_PER_CM) for _, width, _ in ACTION_DESIGN[1]]  # twips
LONG_ACTION = ("Establish a multi-agency safeguarding hub with the police, health "
               "partners and the voluntary sector, co-located at the civic offices, with a "
               "shared referral form, daily triage meetings and a named lead for each "
               "referral received from schools and early years settings")


def long_action_book(tmp_path: Path) -> Path:
    """A plan whose actions are long and whose progress notes are a word each."""
    rows = [ACTION_HEADERS]
    for n in range(6):
        rows.append(action_row(f"{LONG_ACTION} ({n + 1}).", "In progress on schedule",
                               priority="PRIORITY 1: KEEP SAFE" if n == 0 else None,
                               ref="R1" if n == 0 else None,
                               recommendation="Record enquiries promptly" if n == 0 else None,
                               target=dt.date(2013, 4, 1), progress="Started."))
    details = [["Title", "Long actions"], ["Organisation", "Test Borough Council"],
               ["As at", dt.date(2013, 7, 31)]]
    return build_workbook(tmp_path / "long.xlsx", {"Details": details, "Actions": rows})


def grid(table: docx.table.Table) -> list[int]:
    return [int(g.get(qn("w:w"))) for g in table._tbl.tblGrid.gridCol_lst]


def cell_widths(table: docx.table.Table) -> list[list[int]]:
    return [[int(c._tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) for c in row.cells]
            for row in table.rows]


def assert_one_set_of_widths(table: docx.table.Table) -> list[int]:
    """The grid, every row's cells (the header's too) and the table's width agree."""
    widths = grid(table)
    assert cell_widths(table) == [widths] * len(table.rows)
    tblw = table._tbl.tblPr.find(qn("w:tblW"))
    assert (tblw.get(qn("w:type")), int(tblw.get(qn("w:w")))) == ("dxa", sum(widths))
    return widths


def test_the_shipped_design_gives_a_long_action_a_wider_column(tmp_path: Path) -> None:
    doc = make("plan", long_action_book(tmp_path), template_path("plan"),
               tmp_path / "plan.docx")
    table = action_tables(doc)[0]
    assert headers(table) == list(PLAN_HEADERS)
    widths = assert_one_set_of_widths(table)
    action, progress = column(table, "Action"), column(table, "Progress")
    assert widths[action] > SHIPPED[action] + 1000  # the long text gets the room ...
    assert widths[progress] < SHIPPED[progress]  # ... from the one-word progress notes
    assert abs(sum(widths) - sum(SHIPPED)) <= len(widths)  # within the design's width
    # the design's other properties are kept: header shading, fonts, repeating header row
    assert {fill(c) for c in table.rows[0].cells} == {"F3F2F1"}
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(p.style.name == "Table Text" for row in table.rows for c in row.cells
               for p in c.paragraphs)
    assert table._tbl.tblPr.find(qn("w:tblStyle")).get(qn("w:val")) == "CommitteeTable"


def test_the_shipped_design_with_a_column_moved_and_renamed_still_fits(
    tmp_path: Path,
) -> None:
    from test_table_designs import both, move_column, set_cell

    template = designed_template(tmp_path, "plan", both(
        move_column("Status", 0), set_cell(0, "Lead", "Lead officer(s)")))
    doc = make("plan", long_action_book(tmp_path), template, tmp_path / "plan.docx")
    table = action_tables(doc)[0]
    widths = assert_one_set_of_widths(table)
    assert widths[column(table, "Action")] > SHIPPED[0] + 1000


def resize(widths_cm: dict[str, float]) -> Callable[[docx.table.Table], None]:
    """A council resizing columns in Word: the grid and every cell of the column."""
    def edit(table: docx.table.Table) -> None:
        for header, width in widths_cm.items():
            i = column(table, header)
            table.columns[i].width = Cm(width)
            for row in table.rows:
                row.cells[i].width = Cm(width)

    return edit


def test_a_council_design_with_fixed_widths_keeps_them_exactly(tmp_path: Path) -> None:
    template = designed_template(tmp_path, "plan", resize({"Action": 2.5, "Progress": 8.27}))
    expected = grid(docx.Document(str(template)).tables[0])
    assert expected != SHIPPED
    doc = make("plan", long_action_book(tmp_path), template, tmp_path / "plan.docx")
    for table in action_tables(doc):
        assert assert_one_set_of_widths(table) == expected
        assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"


def test_one_column_resized_in_word_keeps_every_width(tmp_path: Path) -> None:
    template = designed_template(tmp_path, "plan", resize({"Status": 1.5}))
    expected = grid(docx.Document(str(template)).tables[0])
    doc = make("plan", long_action_book(tmp_path), template, tmp_path / "plan.docx")
    assert assert_one_set_of_widths(action_tables(doc)[0]) == expected


def autofit_word(table: docx.table.Table) -> None:
    """"Automatically resize to fit contents" ticked in Word: no w:tblLayout at all."""
    layout = table._tbl.tblPr.find(qn("w:tblLayout"))
    table._tbl.tblPr.remove(layout)


def autofit_python_docx(table: docx.table.Table) -> None:
    table.autofit = True  # w:tblLayout w:type="autofit"


@pytest.mark.parametrize("set_autofit", [autofit_word, autofit_python_docx],
                         ids=["no tblLayout (Word)", "tblLayout autofit (python-docx)"])
def test_an_autofit_design_gets_widths_fitted_to_the_text(
    tmp_path: Path, set_autofit: Callable[[docx.table.Table], None]
) -> None:
    def edit(table: docx.table.Table) -> None:
        # the council's own widths (not the shipped ones), but the table set to AutoFit
        resize({"Action": 2.0, "Progress": 8.77})(table)
        set_autofit(table)

    template = designed_template(tmp_path, "plan", edit)
    design = grid(docx.Document(str(template)).tables[0])
    doc = make("plan", long_action_book(tmp_path), template, tmp_path / "plan.docx")
    table = action_tables(doc)[0]
    widths = assert_one_set_of_widths(table)
    action = column(table, "Action")
    assert widths[action] > design[action] + 1500
    assert abs(sum(widths) - sum(design)) <= len(widths)


def test_an_autofit_window_design_fits_the_page(tmp_path: Path) -> None:
    def window(table: docx.table.Table) -> None:
        resize({"Action": 2.0})(table)
        autofit_word(table)
        tblw = table._tbl.tblPr.find(qn("w:tblW"))
        tblw.set(qn("w:type"), "pct")
        tblw.set(qn("w:w"), "5000")

    template = designed_template(tmp_path, "plan", window)
    doc = make("plan", long_action_book(tmp_path), template, tmp_path / "plan.docx")
    section = doc.sections[-1]
    page = (section.page_width - section.left_margin - section.right_margin) / 635  # twips
    widths = assert_one_set_of_widths(action_tables(doc)[0])
    assert abs(sum(widths) - page) <= 20



@pytest.mark.parametrize("kind", ["plan", "briefing", "performance", "response", "report"])
def test_every_shipped_design_is_known_by_its_widths(kind: str) -> None:
    """The shipped templates' designs are the ones in pipeline.render.design_widths (from
    which scripts/make_templates.py writes them): their widths are left to the text."""
    from pipeline.render.design_widths import autofit, shipped_widths
    from pipeline.render.designs import take_designs

    body = docx.Document(str(template_path(kind))).element.body
    part = take_designs(body, kind)
    assert part.designs and not part.problems
    for design in part.designs.values():
        assert shipped_widths(design) and not autofit(design.table)
