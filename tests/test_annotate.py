"""`committee check --annotate`: the problems shown in a copy of the workbook (issue 14 item 1)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import ACTION_HEADERS, action_row
from openpyxl.worksheet.datavalidation import DataValidation

from pipeline.cli import main

RED, AMBER = "00FFC7CE", "00FFEB9C"


def _plan(tmp_path: Path) -> Path:
    """A plan with a bad status (error), a duplicated Details key (warning), a drop-down
    list on Status, a date format, a notes sheet and a comment of the council's own."""
    wb = openpyxl.Workbook()
    details = wb.active
    details.title = "Details"
    for row in (["Title", "Adult plan"], ["As at", "31/07/2013"], ["Title", "Adult plan 2"]):
        details.append(row)
    ws = wb.create_sheet("Actions")
    ws.append(ACTION_HEADERS)
    ws.append(action_row("First & foremost", priority="1", ref="R1", recommendation="Rec"))
    ws.append(action_row("Second", status="Purple"))
    ws["J2"].number_format = "dd/mm/yyyy"
    dv = DataValidation(type="list", formula1='"Complete,On track"', allow_blank=True)
    dv.add("L2:L100")
    ws.add_data_validation(dv)
    wb.create_sheet("Notes")["A1"] = "Our own notes £ – kept"
    path = tmp_path / "Adult plan.xlsx"
    wb.save(path)
    return path


def test_check_annotate_writes_a_to_fix_copy_and_says_so(tmp_path: Path) -> None:
    path = _plan(tmp_path)
    before = path.read_bytes()
    result = CliRunner().invoke(main, ["check", "--annotate", str(path)])
    out = tmp_path / "Adult plan - to fix.xlsx"
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == f"  1 error and 1 warning shown in {out}"
    assert path.read_bytes() == before  # the workbook itself is never touched

    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Problems", "Details", "Actions", "Notes"]
    assert wb.active.title == "Problems"
    actions = wb["Actions"]
    status = actions["L3"]
    assert status.value == "Purple"
    assert status.fill.fgColor.rgb == RED
    assert status.comment.text.startswith("Error: 'Purple' is not a status the plan uses.")
    warned = wb["Details"]["A3"]
    assert warned.fill.fgColor.rgb == AMBER
    assert "is given twice" in warned.comment.text

    problems = [list(r) for r in wb["Problems"].iter_rows(values_only=True)]
    assert problems[0] == ["Problem", "Sheet", "Cell", "Value", "What to do"]
    assert problems[1][:4] == ["Error", "Actions", "L3", "Purple"]
    assert problems[1][4].startswith("'Purple' is not a status the plan uses.")
    assert problems[2][:3] == ["Warning", "Details", "A3"]
    assert wb["Problems"]["C2"].hyperlink.location == "'Actions'!L3"
    assert wb["Problems"]["C3"].hyperlink.location == "'Details'!A3"


def test_nothing_else_of_the_workbook_changes(tmp_path: Path) -> None:
    path = _plan(tmp_path)
    CliRunner().invoke(main, ["check", "--annotate", str(path)])
    original = openpyxl.load_workbook(path)
    copy = openpyxl.load_workbook(tmp_path / "Adult plan - to fix.xlsx")
    for ws in original.worksheets:
        other = copy[ws.title]
        assert [[c.value for c in r] for r in ws.iter_rows()] == [
            [c.value for c in r] for r in other.iter_rows()
        ]
        assert [[c.number_format for c in r] for r in ws.iter_rows()] == [
            [c.number_format for c in r] for r in other.iter_rows()
        ]
    (dv,) = copy["Actions"].data_validations.dataValidation
    assert (dv.type, dv.formula1, str(dv.sqref)) == ("list", '"Complete,On track"', "L2:L100")
    assert copy["Actions"]["J2"].number_format == "dd/mm/yyyy"
    # Only the problem cells are filled.
    filled = [c.coordinate for ws in copy.worksheets[1:] for r in ws.iter_rows() for c in r
              if c.fill.fill_type == "solid"]
    assert filled == ["A3", "L3"]


def test_a_valid_workbook_gets_no_copy(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "Details"
    wb.active.append(["As at", "31/07/2013"])
    wb.active.append(["Next steps", "Report again in October."])  # else the briefing warns
    ws = wb.create_sheet("Actions")
    ws.append(ACTION_HEADERS)
    ws.append(action_row(priority="1", ref="R1", recommendation="Rec"))
    path = tmp_path / "ok.xlsx"
    wb.save(path)
    result = CliRunner().invoke(main, ["check", "--annotate", str(path)])
    assert result.exit_code == 0
    assert "shown in" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ok.xlsx"]


def test_a_csv_file_gets_an_xlsx_copy_of_its_own_name(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text("Action,Status\nDo it,Purple\n", encoding="utf-8")
    (tmp_path / "plan.xlsx").write_bytes(b"not touched")
    result = CliRunner().invoke(main, ["check", "--annotate", "--format", "json", str(path)])
    out = tmp_path / "plan.csv - to fix.xlsx"
    assert '"annotated": ' in result.output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Problems", "plan"]
    assert wb["plan"]["B2"].value == "Purple"
    assert wb["plan"]["B2"].fill.fgColor.rgb == RED
    assert (tmp_path / "plan.xlsx").read_bytes() == b"not touched"


def test_a_copy_open_in_excel_is_not_overwritten(tmp_path: Path) -> None:
    path = _plan(tmp_path)
    (tmp_path / "~$Adult plan - to fix.xlsx").write_bytes(b"lock")
    result = CliRunner().invoke(main, ["check", "--annotate", str(path)])
    assert result.exit_code == 1
    assert "Adult plan - to fix.xlsx is open in Excel" in result.output
    assert not (tmp_path / "Adult plan - to fix.xlsx").exists()


@pytest.mark.parametrize("name", ["book.xlsx"])
def test_an_unreadable_workbook_says_why_no_copy(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"PK\x03\x04 broken")
    result = CliRunner().invoke(main, ["check", "--annotate", str(path)])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{path}: 1 problem to fix",
        "  Error: The file is not a real Excel workbook, although its name ends in .xlsx. Open "
        "it in Excel and use File > Save As > Excel Workbook (.xlsx).",
    ]
    assert not (tmp_path / "book - to fix.xlsx").exists()


def test_a_copy_that_cannot_be_made_says_why_as_a_located_issue(tmp_path: Path) -> None:
    from pipeline.issues import Issue, PipelineError
    from pipeline.reader.annotate import annotate_workbook

    path = _plan(tmp_path)
    out = tmp_path / "Adult plan - to fix.xlsx"
    (tmp_path / "~$Adult plan - to fix.xlsx").write_bytes(b"lock")
    problem = Issue("constraint-error", "error", "bad", file=str(path), sheet="Actions", row=3,
                    column="Status")
    with pytest.raises(PipelineError) as raised:
        annotate_workbook(path, [problem])
    (issue,) = raised.value.issues
    assert (issue.code, issue.severity, issue.file) == ("write-error", "error", str(out))
    assert issue.message == raised.value.message
    assert "Close it in Excel" in issue.message

    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(b"PK\x03\x04 broken")
    with pytest.raises(PipelineError) as raised:
        annotate_workbook(damaged, [Issue("format-error", "error", "x", file=str(damaged),
                                          sheet="Actions")])
    (issue,) = raised.value.issues
    assert (issue.code, issue.file) == ("format-error", str(damaged))
    assert "the problems are listed above" in issue.message
