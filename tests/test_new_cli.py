"""`committee new plan|indicators|response PATH.xlsx`: blank workbooks to fill in."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from pipeline.cli import main

LISTS = {
    "plan": ("Actions", "Status", "Complete,On track,At risk,Behind schedule,Not started"),
    "indicators": ("Indicators", "Polarity", "High,Low"),
    "response": (
        "Recommendations",
        "Response",
        "Accepted,Partially accepted,Accepted in principle,Not accepted,Noted",
    ),
}
SHEETS = {
    "plan": ["Instructions", "Details", "Actions"],
    "indicators": ["Instructions", "Details", "Indicators", "Values"],
    "response": ["Instructions", "Details", "Recommendations"],
}
HEADERS = {
    "plan": [
        "Priority", "Ref", "Recommendation", "Action", "Outcome", "Source", "Measure",
        "Timescale", "Lead", "Target date", "Revised target date", "Progress", "Status",
    ],
    "indicators": [
        "Code", "Title", "Theme", "Polarity", "Unit", "Target", "Tolerance",
        "Responsible officer", "Definition", "Commentary", "Judge on", "England average",
        "Statistical neighbours",
    ],
    "response": [
        "Number", "Theme", "Recommendation", "Response", "Action", "Action date",
        "Revised date", "Responsible", "Progress",
    ],
}


def run_new(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["new", *args])
    return result.exit_code, result.output


@pytest.mark.parametrize("kind", ["plan", "indicators", "response"])
def test_new_creates_a_workbook_with_the_sheets_and_headers(tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"{kind}.xlsx"
    code, out = run_new(kind, str(path))
    assert code == 0, out
    assert f"Created {path}" in out
    assert f"committee check {path}" in out
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == SHEETS[kind]
    data = wb[LISTS[kind][0]]
    assert [c.value for c in data[1]] == HEADERS[kind]
    assert all(c.font.bold for c in data[1])
    assert data.freeze_panes == "A2"
    # exactly one example row under the header
    filled = [r for r in data.iter_rows(min_row=2, values_only=True) if any(r)]
    assert len(filled) == 1
    instructions = " ".join(
        str(v) for v in wb["Instructions"].iter_rows(values_only=True) for v in v if v
    )
    for header in HEADERS[kind]:
        assert f"{header}:" in instructions


@pytest.mark.parametrize("kind", ["plan", "indicators", "response"])
def test_new_has_a_drop_down_list_on_the_right_column(tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"{kind}.xlsx"
    assert run_new(kind, str(path))[0] == 0
    sheet, header, choices = LISTS[kind]
    ws = openpyxl.load_workbook(path)[sheet]
    letter = openpyxl.utils.get_column_letter(HEADERS[kind].index(header) + 1)
    lists = [dv for dv in ws.data_validations.dataValidation
             if dv.type == "list" and f"{letter}2" in dv.sqref]
    (dv,) = lists
    assert dv.formula1 == f'"{choices}"'
    assert f"{letter}2" in dv.sqref
    assert f"{letter}500" in dv.sqref
    # the example row's own value is one of the choices
    example = ws[f"{letter}2"].value
    assert example in choices.split(",")


def test_new_indicators_has_a_values_sheet_with_a_few_values(tmp_path: Path) -> None:
    path = tmp_path / "pis.xlsx"
    assert run_new("indicators", str(path))[0] == 0
    values = openpyxl.load_workbook(path)["Values"]
    assert [c.value for c in values[1]] == ["Code", "Period", "Value"]
    rows = list(values.iter_rows(min_row=2, values_only=True))
    assert len(rows) >= 3
    assert {r[0] for r in rows} == {"NI059"}
    assert values.freeze_panes == "A2"


def test_new_details_sheet_lists_the_keys(tmp_path: Path) -> None:
    path = tmp_path / "response.xlsx"
    assert run_new("response", str(path))[0] == 0
    details = openpyxl.load_workbook(path)["Details"]
    keys = [r[0] for r in details.iter_rows(values_only=True)]
    for key in ("Title", "Organisation", "Committee", "Scrutiny report", "Cabinet member",
                "Cabinet date", "Response prepared by"):
        assert key in keys
    assert details["A1"].comment is not None  # hover help on each key


def test_new_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"my precious work")
    code, out = run_new("plan", str(path))
    assert code == 1
    assert "already exists" in out
    assert "--force" in out
    assert path.read_bytes() == b"my precious work"

    code, out = run_new("plan", str(path), "--force")
    assert code == 0, out
    assert openpyxl.load_workbook(path).sheetnames == SHEETS["plan"]


def test_new_wants_an_xlsx_name_and_an_existing_folder(tmp_path: Path) -> None:
    code, out = run_new("plan", str(tmp_path / "plan.docx"))
    assert code == 1
    assert "must end in .xlsx" in out
    assert "'plan.xlsx'" in out
    assert not (tmp_path / "plan.docx").exists()

    code, out = run_new("plan", str(tmp_path / "no-such-folder" / "plan.xlsx"))
    assert code == 1
    assert "does not exist" in out


def test_new_rejects_an_unknown_kind(tmp_path: Path) -> None:
    code, out = run_new("budget", str(tmp_path / "b.xlsx"))
    assert code == 2
    assert "plan" in out and "indicators" in out and "response" in out
    assert not (tmp_path / "b.xlsx").exists()


@pytest.mark.parametrize("kind", ["plan", "indicators", "response"])
def test_each_blank_workbook_reads_without_errors(tmp_path: Path, kind: str) -> None:
    from pipeline.reader import read_workbook

    path = tmp_path / f"{kind}.xlsx"
    assert run_new(kind, str(path))[0] == 0
    result = read_workbook(path)
    # The example row is an error until it is deleted or typed over (issue 14): it must never
    # reach a committee. Everything else of the blank workbook reads cleanly.
    (error,) = result.report.errors
    assert (error.code, error.row) == ("example-row", 2)
    assert error.message.startswith("Row 2 is the example row of the blank workbook ('Example")
    assert result.kinds == [kind]


@pytest.mark.parametrize("kind", ["plan", "indicators", "response"])
def test_a_blank_workbook_with_its_example_typed_over_is_valid(tmp_path: Path, kind: str) -> None:
    import openpyxl

    from pipeline.reader import read_workbook

    path = tmp_path / f"{kind}.xlsx"
    assert run_new(kind, str(path))[0] == 0
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for cell in ws[2]:
            if isinstance(cell.value, str) and cell.value.startswith("Example"):
                cell.value = cell.value.split(": ", 1)[1]
    wb.save(path)
    result = read_workbook(path)
    assert [i.describe() for i in result.report.errors] == []


def test_every_refusal_of_new_carries_a_located_issue(tmp_path: Path) -> None:
    from pipeline.issues import PipelineError
    from pipeline.reader.blank import write_blank_workbook

    (tmp_path / "taken.xlsx").write_bytes(b"x")
    cases = [("minutes", tmp_path / "a.xlsx", "constraint-error", ""),
             ("plan", tmp_path, "write-error", str(tmp_path)),
             ("plan", tmp_path / "plan.txt", "write-error", str(tmp_path / "plan.txt")),
             ("plan", tmp_path / "taken.xlsx", "write-error", str(tmp_path / "taken.xlsx")),
             ("plan", tmp_path / "no" / "plan.xlsx", "write-error",
              str(tmp_path / "no" / "plan.xlsx"))]
    for kind, path, code, file in cases:
        with pytest.raises(PipelineError) as caught:
            write_blank_workbook(kind, path)
        (issue,) = caught.value.issues
        assert (issue.code, issue.file, issue.message) == (code, file, caught.value.message)
