"""A misspelt header: "did you mean", and the rest of the sheet still checked (issue 14)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import ACTION_HEADERS, action_row

from pipeline.reader import read_workbook

Make = Callable[..., Path]


def _headers(**renamed: str) -> list[str]:
    return [renamed.get(h, h) for h in ACTION_HEADERS]


def test_misspelt_status_is_guessed_and_the_rows_below_still_checked(make_workbook: Make) -> None:
    rows = [
        _headers(Status="Satus"),
        action_row(priority="1", ref="R1", recommendation="Rec"),
        action_row("b", status="Purple"),
    ]
    path = make_workbook({"Actions": rows}, name="plan.xlsx")
    report = read_workbook(path).report
    described = [i.describe() for i in report.errors]
    assert described[0] == (
        "Error: sheet 'Actions', row 1, column 'Satus': The header 'Satus' (cell L1) is not one "
        'this tool knows: did you mean "Status"? The rest of the sheet was checked as if it '
        'were. Rename the header to "Status".'
    )
    # The row error behind the header is found in the same pass, named by the header as typed.
    assert len(described) == 2
    assert described[1].startswith(
        "Error: sheet 'Actions', row 3, column 'Satus': 'Purple' is not a status the plan uses."
    )


def test_misspelt_required_header_with_no_near_spelling_is_still_missing(
    make_workbook: Make,
) -> None:
    rows = [_headers(Status="Colour code"), action_row(priority="1", ref="R1")]
    path = make_workbook({"Actions": rows}, name="plan.xlsx")
    (error,) = read_workbook(path).report.errors
    assert error.code == "missing-label"
    assert "did you mean" not in error.message
    assert error.message.startswith('No column headed "Status"')


def test_misspelt_optional_header_warns_with_its_guess(make_workbook: Make) -> None:
    rows = [_headers(**{"Target date": "Targt date"}), action_row(priority="1", ref="R1")]
    path = make_workbook({"Actions": rows}, name="plan.xlsx")
    result = read_workbook(path)
    (warning,) = [w for w in result.report.warnings if w.code == "extra-label"]
    assert warning.message == (
        "The column 'Targt date' is not one this tool knows: did you mean \"Target date\"? "
        'It was ignored. Rename the header to "Target date" to have it read.'
    )
    assert (warning.row, warning.column) == (1, "Targt date")
    assert result.valid


def test_a_column_the_contract_does_not_know_is_only_a_notice(make_workbook: Make) -> None:
    rows = [[*ACTION_HEADERS, "Budget"], [*action_row(priority="1", ref="R1"), 100]]
    path = make_workbook({"Actions": rows}, name="plan.xlsx")
    report = read_workbook(path).report
    assert [i.code for i in report.warnings if i.code == "extra-label"] == []
    assert [i.column for i in report.notices if i.code == "extra-label"] == ["Budget"]


def test_the_guess_survives_a_second_header_with_no_near_spelling(make_workbook: Make) -> None:
    """'Satus' and 'Task list' (for Action): the sheet cannot be read, but the error for
    Status still says which cell is probably it."""
    rows = [_headers(Status="Satus", Action="Task list"), action_row(priority="1", ref="R1")]
    path = make_workbook({"Actions": rows}, name="plan.xlsx")
    errors = {i.column: i.message for i in read_workbook(path).report.errors}
    assert errors["Status"].endswith(
        "The header 'Satus' (cell L1) may be it: did you mean \"Status\"? Rename it to "
        "\"Status\", or add a column with that header.")
    assert errors["Action"].endswith("Add a column with that header.")
