"""The update on the cabinet response flags what is missing (issue 15 item 4): blank progress
on actions past their date, revised dates, and a missing update meeting date."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.reader import read_workbook

HEADERS = ["Number", "Theme", "Recommendation", "Response", "Action", "Action date",
           "Revised date", "Responsible", "Progress"]


def rows() -> list[list[Any]]:
    """Twelve recommendations; seven with blank Progress, three of those due in June 2013."""
    out: list[list[Any]] = []
    for n in range(1, 13):
        due = "June 2013" if n <= 5 else "December 2013"
        progress = "" if n in (1, 2, 3, 6, 7, 8, 9) else f"Update {n} & <done>"
        revised = "October 2013" if n == 12 else None
        due = "September 2013" if n == 12 else due
        out.append([str(n), "Corporate parenting", f"Recommendation {n}", "Accepted",
                    f"Action {n}", due, revised, "Karen Perry", progress])
    return out


def cells(path: Path) -> list[list[str]]:
    doc = docx.Document(str(path))
    return [[c.text for c in r.cells] for t in doc.tables for r in t.rows
            if len(r.cells) == 5]


def test_blank_progress_past_its_date_is_flagged_and_summarised(
    make_workbook: Callable[..., Path], tmp_path: Path
) -> None:
    book = make_workbook({"Details": [["Update date", "15/08/2013"]],
                          "Recommendations": [HEADERS, *rows()]})
    out = tmp_path / "update.docx"
    result = CliRunner().invoke(main, ["response", str(book), "--update", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Warning" not in result.output
    doc = docx.Document(str(out))
    texts = [(p.style.name, p.text) for p in doc.paragraphs]
    start = texts.index(("Normal", "Three actions due by June 2013 have no update:"))
    assert texts[start + 1:start + 4] == [
        ("List Bullet", "1: Recommendation 1"), ("List Bullet", "2: Recommendation 2"),
        ("List Bullet", "3: Recommendation 3"),
    ]
    table = {r[0].removeprefix("Recommendation "): r for r in cells(out)}
    assert table["1"][-1] == "No update given"
    assert table["6"][-1] == "No update given (not yet due)"  # blank, due December 2013
    assert table["4"][-1] == "Update 4 & <done>"
    assert table["12"][2] == "October 2013 (was September 2013)"
    assert table["5"][2] == "June 2013"


def test_a_missing_update_meeting_date_is_a_located_warning(
    make_workbook: Callable[..., Path]
) -> None:
    book = make_workbook({"Details": [["Scrutiny report", "Children in care"]],
                          "Recommendations": [HEADERS, *rows()]})
    result = read_workbook(book)
    (warning,) = [w for w in result.report.warnings if "Update date" in w.message]
    assert (warning.sheet, warning.severity) == ("Details", "warning")
    assert warning.message.endswith(
        "To give that date, add a row to the Details sheet with 'Update date' in column A and "
        "the date in column B.")
    (alone,) = [w for w in read_workbook(make_workbook(
        {"Recommendations": [HEADERS, *rows()]}, name="alone.xlsx")).report.warnings
        if "Update date" in w.message]
    assert "the workbook has no Details sheet to give the Update date" in alone.message
    assert alone.message.endswith(
        "To give that date, add a sheet named Details with 'Update date' in column A and the "
        "date in column B.")
    first = read_workbook(make_workbook(
        {"Recommendations": [HEADERS, *[r[:-1] + [""] for r in rows()]]}, name="first.xlsx"))
    assert not [w for w in first.report.warnings if "Update date" in w.message]


def _filled_blank(path: Path, update_date: object = None) -> Path:
    """`committee new response`, its example typed over with the twelve rows above (in the
    blank's own columns) and its Details sheet's Update date row given `update_date`."""
    import openpyxl

    result = CliRunner().invoke(main, ["new", "response", str(path), "-q"])
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(path)
    ws = wb["Recommendations"]
    columns = [c.value for c in ws[1]]
    ws.delete_rows(2)
    for row in rows():
        by_header = dict(zip(HEADERS, row, strict=True))
        ws.append([by_header[c] for c in columns])
    details = wb["Details"]
    (update_row,) = [r[0].row for r in details.iter_rows() if r[0].value == "Update date"]
    details.cell(update_row, 2, update_date)
    wb.save(path)
    return path


def test_the_blank_response_workbook_has_a_revised_date_column(tmp_path: Path) -> None:
    """Issue 15 item 4 through `committee new response`: its Revised date column prints
    'October 2013 (was September 2013)' in the update, blank progress past its date prints
    'No update given' and is summarised."""
    import datetime as dt

    book = _filled_blank(tmp_path / "response.xlsx", dt.date(2013, 8, 15))
    out = tmp_path / "update.docx"
    result = CliRunner().invoke(main, ["response", str(book), "--update", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout.splitlines() == [f"Wrote {out}", "12 recommendations in, 12 written"]
    table = {r[0].removeprefix("Recommendation "): r for r in cells(out)}
    assert table["12"][2] == "October 2013 (was September 2013)"
    assert table["2"][-1] == "No update given"
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "Three actions due by June 2013 have no update:" in texts


def test_a_blank_update_date_is_located_on_its_row(tmp_path: Path) -> None:
    """The blank workbook has an Update date row: left empty, the warning names its cell."""
    book = _filled_blank(tmp_path / "response.xlsx")
    result = CliRunner().invoke(main, ["check", str(book)])
    (warning,) = [w for w in read_workbook(book).report.warnings if "Update date" in w.message]
    assert (warning.sheet, warning.column) == ("Details", "B")
    assert warning.row is not None and warning.row > 1
    assert warning.message.endswith(
        f"To give that date, type the date in column B of row {warning.row}, beside "
        "'Update date'.")
    assert f"sheet 'Details', row {warning.row}, column 'B'" in result.output


def _update_cells(make_workbook: Callable[..., Path], tmp_path: Path, details: list[list[Any]],
                  recommendations: list[list[Any]]) -> dict[str, str]:
    """The update made from these rows, read back with python-docx: each recommendation's
    Progress cell, by its text."""
    book = make_workbook({"Details": details, "Recommendations": [HEADERS, *recommendations]})
    out = tmp_path / "update.docx"
    result = CliRunner().invoke(main, ["response", str(book), "--update", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return {r[0]: r[-1] for r in cells(out) if not r[0].startswith("Scrutiny")}


def test_blank_progress_not_yet_due_says_so(
    make_workbook: Callable[..., Path], tmp_path: Path
) -> None:
    """A blank Progress reads "No update given" whether or not the recommendation is due,
    and says when it is not yet due: never a blank cell beside its neighbours' words."""
    def row(n: int, response: str, due: object, revised: object = None) -> list[Any]:
        return [str(n), "Corporate parenting", f"Rec {n}", response, f"Action {n}", due,
                revised, "Karen Perry", ""]

    progress = _update_cells(make_workbook, tmp_path, [["As at", "31/08/2013"]], [
        row(1, "Accepted", "June 2013"),  # past its date
        row(2, "Accepted", "December 2013"),  # not yet due
        row(3, "Accepted", "June 2013", "October 2013"),  # moved past the position date
        row(4, "Accepted", "31/08/2013"),  # due on the position date itself
        row(5, "Noted", "Ongoing"),  # a date in words: it cannot say
        row(6, "Accepted", None),  # no date
        row(7, "Not accepted", None),  # nothing to report on
        [*row(8, "Accepted", "December 2013")[:-1], "Briefings held."],
    ])
    assert progress == {
        "Rec 1": "No update given",
        "Rec 2": "No update given (not yet due)",
        "Rec 3": "No update given (not yet due)",
        "Rec 4": "No update given",
        "Rec 5": "No update given",
        "Rec 6": "No update given",
        "Rec 7": "",
        "Rec 8": "Briefings held.",
    }


def test_blank_progress_with_no_position_date_is_not_called_not_yet_due(
    make_workbook: Callable[..., Path], tmp_path: Path
) -> None:
    """Without an As at, Update date or Meeting date nothing is known to be due or not: a
    blank Progress says only that no update was given."""
    rows = [["1", "Corporate parenting", "Rec 1", "Accepted", "Action 1", "December 2099",
             None, "Karen Perry", ""],
            ["2", "Corporate parenting", "Rec 2", "Accepted", "Action 2", "June 2013", None,
             "Karen Perry", "Briefings held."]]
    progress = _update_cells(make_workbook, tmp_path, [["Scrutiny report", "Children"]], rows)
    assert progress == {"Rec 1": "No update given", "Rec 2": "Briefings held."}
