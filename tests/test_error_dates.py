"""Excel error values (#REF!, #DIV/0! ...) in date cells: a located formula-error, never a
date "printed as typed"."""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ACTION_HEADERS, action_row

from pipeline.cli import main
from pipeline.issues import Issue
from pipeline.reader import read_workbook
from pipeline.reader.cells import CellProblem, parse_date
from pipeline.reader.raw import RawCell

Make = Callable[..., Path]
ERRORS = ("#REF!", "#DIV/0!", "#N/A", "#VALUE!", "#NAME?", "#NUM!", "#NULL!")
NEWER = ("#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!")  # Excel 365's (openpyxl writes text)
DETAILS = [["Title", "Children's plan"], ["As at", "31/07/2013"], ["Next steps", "Report."]]
TARGET = ACTION_HEADERS.index("Target date")  # column J


def date_message(err: str) -> str:
    return (f"The cell shows the Excel error {err} instead of a date. Fix the formula in "
            "Excel or type the date, then save the workbook.")


def only(issues: list[Issue], code: str) -> Issue:
    found = [i for i in issues if i.code == code]
    assert len(found) == 1, [i.describe() for i in issues]
    return found[0]


def sheet_xml(path: Path, part: str = "xl/worksheets/sheet1.xml") -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(part).decode("utf-8")


def with_formulas(path: Path, formulas: dict[str, str], part: str) -> Path:
    """The workbook with each error cell (ref -> formula) given the formula that showed it,
    as Excel or LibreOffice saves it: <c t="e"><f>formula</f><v>#REF!</v></c>."""
    source = path.with_name("source.xlsx")
    shutil.move(path, source)
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == part:
                text = data.decode("utf-8")
                for ref, formula in formulas.items():
                    text, n = re.subn(rf'(<c r="{ref}"[^>]*t="e"[^>]*>)', rf"\1<f>{formula}</f>",
                                      text)
                    assert n == 1, ref
                data = text.encode("utf-8")
            zout.writestr(item, data)
    return path


@pytest.mark.parametrize("err", ERRORS + NEWER)
def test_parse_date_refuses_an_excel_error(err: str) -> None:
    parsed = parse_date(RawCell(err))
    assert parsed == CellProblem("formula-error", date_message(err))


@pytest.mark.parametrize("err", ERRORS)
def test_error_cell_in_target_date_is_a_located_error(make_workbook: Make, err: str) -> None:
    rows = [ACTION_HEADERS, action_row(ref="R1", recommendation="Rec", target=err)]
    path = make_workbook({"Actions": rows})
    assert f'<c r="J2" t="e"><v>{err}</v></c>' in sheet_xml(path)  # a real error-typed cell
    issue = only(read_workbook(path).report.errors, "formula-error")
    assert (issue.sheet, issue.row, issue.column, issue.value) == ("Actions", 2, "Target date",
                                                                   err)
    assert issue.message == date_message(err)


@pytest.mark.parametrize("column", ["Revised target date", "Original target date"])
def test_error_in_a_moved_date_is_an_error_not_a_warning(make_workbook: Make,
                                                         column: str) -> None:
    rows = [[*ACTION_HEADERS, column],
            [*action_row(ref="R1", recommendation="Rec"), "#REF!"]]
    result = read_workbook(make_workbook({"Actions": rows}))
    issue = only(result.report.errors, "formula-error")
    assert (issue.row, issue.column, issue.value) == (2, column, "#REF!")
    assert issue.message == date_message("#REF!")
    assert not [w for w in result.report.warnings if w.column == column]  # not "as typed"


def test_formula_with_a_cached_error_fails_check_naming_the_cell(make_workbook: Make) -> None:
    """=#REF!+1 and =1/0 as Excel (or LibreOffice) saves them: the formula and its error."""
    rows = [ACTION_HEADERS, action_row(ref="R1", recommendation="Rec", target="#REF!"),
            action_row("Second", target="#DIV/0!"), action_row("Third")]
    path = with_formulas(make_workbook({"Details": DETAILS, "Actions": rows}, name="plan.xlsx"),
                         {"J2": "#REF!+1", "J3": "1/0"}, "xl/worksheets/sheet2.xml")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    assert result.output.splitlines()[1:] == [
        f"  Error: sheet 'Actions', row 2, column 'Target date': {date_message('#REF!')}",
        f"  Error: sheet 'Actions', row 3, column 'Target date': {date_message('#DIV/0!')}",
    ]


def test_plan_is_not_written_with_an_error_as_its_target_date(
    make_workbook: Make, tmp_path: Path
) -> None:
    rows = [ACTION_HEADERS, action_row(ref="R1", recommendation="Rec", target="#REF!")]
    path = make_workbook({"Details": DETAILS, "Actions": rows}, name="plan.xlsx")
    out = tmp_path / "plan.docx"
    result = CliRunner().invoke(main, ["plan", str(path), "-o", str(out)])
    assert result.exit_code == 1
    assert "row 2, column 'Target date'" in result.output
    assert not out.exists()


def test_error_in_a_details_date(make_workbook: Make) -> None:
    rows = [ACTION_HEADERS, action_row(ref="R1", recommendation="Rec")]
    details = [["Title", "Children's plan"], ["As at", "#N/A"]]
    result = read_workbook(make_workbook({"Details": details, "Actions": rows}))
    issue = only(result.report.errors, "formula-error")
    assert (issue.sheet, issue.row, issue.column, issue.value) == ("Details", 2, "B", "#N/A")
    assert issue.message == f"As at: {date_message('#N/A')}"


@pytest.mark.parametrize("column", ["Action date", "Revised date"])
def test_error_in_a_response_date(make_workbook: Make, column: str) -> None:
    rows = [["Number", "Recommendation", "Response", "Action", column],
            ["1", "Hold briefings", "Accepted", "Briefings held", "#VALUE!"]]
    result = read_workbook(make_workbook({"Recommendations": rows}))
    issue = only(result.report.errors, "formula-error")
    assert (issue.row, issue.column, issue.value) == (2, column, "#VALUE!")
    assert issue.message == date_message("#VALUE!")


def test_error_in_a_values_period(make_workbook: Make) -> None:
    path = make_workbook({
        "Indicators": [["Code", "Title"], ["NI059", "Assessments"]],
        "Values": [["Code", "Period", "Value"], ["NI059", "#NAME?", 40.3]],
    })
    issue = only(read_workbook(path).report.errors, "formula-error")
    assert (issue.sheet, issue.row, issue.column, issue.value) == ("Values", 2, "Period",
                                                                   "#NAME?")
    assert issue.message.startswith(
        "The cell shows the Excel error #NAME? instead of a period. Fix the formula in Excel "
        'or type the period (a month ("Aug 2011"')
    assert issue.message.endswith("then save the workbook.")


@pytest.mark.parametrize("err", NEWER)
def test_excel_365_errors_are_refused_in_text_and_dates(make_workbook: Make, err: str) -> None:
    rows = [ACTION_HEADERS, action_row(ref="R1", recommendation="Rec", target=err,
                                       progress=err)]
    errors = read_workbook(make_workbook({"Actions": rows})).report.errors
    assert sorted((i.column, i.value) for i in errors if i.code == "formula-error") == [
        ("Progress", err), ("Target date", err)]
