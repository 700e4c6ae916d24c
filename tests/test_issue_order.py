"""`committee check` lists problems as a person reads the workbook: file, sheet, then row.
The trial's check listed row 12 (a formula with no saved value, found as the file was
opened) before row 4 (a date found as the rows were read)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner
from conftest import ACTION_HEADERS, action_row

from pipeline.cli import main
from pipeline.issues import Issue, in_order

Make = Callable[..., Path]


def _issue(row: int | None, sheet: str | None = "Actions", file: str = "a.xlsx",
           message: str = "") -> Issue:
    return Issue("type-error", "error", message or f"row {row}", file=file, sheet=sheet,
                 row=row)


def test_in_order_is_by_file_sheet_then_row_and_stable() -> None:
    found = [
        _issue(12), _issue(4, message="first at 4"), _issue(None, sheet="Details"),
        _issue(3, sheet="Details"), _issue(4, message="second at 4"),
        _issue(2, file="b.xlsx"), _issue(None, sheet=None), _issue(None),
    ]
    assert [(i.file, i.sheet, i.row, i.message) for i in in_order(found)] == [
        ("a.xlsx", None, None, "row None"),  # the file's own, first
        ("a.xlsx", "Actions", None, "row None"),  # then each sheet, in the order first met
        ("a.xlsx", "Actions", 4, "first at 4"),
        ("a.xlsx", "Actions", 4, "second at 4"),  # one row's problems keep their order
        ("a.xlsx", "Actions", 12, "row 12"),
        ("a.xlsx", "Details", None, "row None"),
        ("a.xlsx", "Details", 3, "row 3"),
        ("b.xlsx", "Actions", 2, "row 2"),
    ]


def _plan(make_workbook: Make) -> Path:
    rows = [ACTION_HEADERS, action_row(ref="R1", recommendation="Rec")]
    rows += [action_row(f"Action {n}") for n in range(3, 13)]
    rows[3] = action_row("Action 4", target="31/13/2013")  # row 4: found as rows are read
    rows[11] = action_row("Action 12", target="=#REF!+1")  # row 12: found as it is opened
    rows[7] = action_row("Action 8", status="Slipping")
    return make_workbook({"Details": [["As at", "31/07/2013"]], "Actions": rows})


def test_check_lists_problems_in_row_order(make_workbook: Make) -> None:
    result = CliRunner().invoke(main, ["check", str(_plan(make_workbook))])
    assert result.exit_code == 1
    places = [line.split(": ")[1] for line in result.output.splitlines()[1:]]
    assert places == ["sheet 'Actions', row 4, column 'Target date'",
                      "sheet 'Actions', row 8, column 'Status'",
                      "sheet 'Actions', row 12, column 'Target date'"]


def test_check_json_lists_problems_in_row_order(make_workbook: Make) -> None:
    result = CliRunner().invoke(main, ["check", "--format", "json", str(_plan(make_workbook))])
    errors = json.loads(result.output)["files"][0]["errors"]
    assert [e["row"] for e in errors] == [4, 8, 12]


def test_the_problems_sheet_of_the_annotated_copy_is_in_row_order(make_workbook: Make) -> None:
    import openpyxl

    path = _plan(make_workbook)
    CliRunner().invoke(main, ["check", "--annotate", str(path)])
    ws = openpyxl.load_workbook(path.with_name(f"{path.stem} - to fix.xlsx"))["Problems"]
    assert [row[2] for row in ws.iter_rows(min_row=2, values_only=True)] == [
        "J4", "L8", "J12"]
