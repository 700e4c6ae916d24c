"""The Recommendations sheet reader: themes, numbers, decisions and located errors."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pipeline.issues import Issue
from pipeline.reader import WorkbookResult, read_workbook

HEADERS = ["Number", "Theme", "Recommendation", "Response", "Action", "Action date",
           "Responsible", "Progress"]


def read(make_workbook: Callable[..., Path], rows: Sequence[Sequence[Any]],
         details: Sequence[Sequence[Any]] | None = None,
         headers: Sequence[str] = HEADERS) -> WorkbookResult:
    sheets: dict[str, Sequence[Sequence[Any]]] = {}
    if details is not None:
        sheets["Details"] = details
    sheets["Recommendations"] = [list(headers), *rows]
    return read_workbook(make_workbook(sheets, name="response.xlsx"))


def only(issues: list[Issue], code: str) -> Issue:
    found = [i for i in issues if i.code == code]
    assert len(found) == 1, [i.describe() for i in issues]
    return found[0]


def test_themes_fill_down_and_numbers_parse(make_workbook: Callable[..., Path]) -> None:
    result = read(make_workbook, [
        ["1", "Members' responsibility as Corporate Parents", "Hold briefings & publish <it>",
         "accepted", "Done in March\nand ongoing", "March 2013 and ongoing", "Karen Perry", ""],
        ["2a", "Quality Assurance", "Review the system", "Partially Accepted.", "Piloting",
         "30/06/2013", "Jo Britton", ""],
        ["2 b)", None, "Review runaways", "accepted in principle", "Working group", "Jun-13",
         "", ""],
        ["4(c)", "Contracts", "Monitor Ofsted", "Noted", "", "Ongoing", "", ""],
        ["2.c", None, "Spot audits", "rejected", "Already done monthly", None, "", ""],
    ])
    assert result.report.errors == []
    response = result.response
    assert response is not None
    assert [(t.number, t.title) for t in response.themes] == [
        ("1", "Members' responsibility as Corporate Parents"), ("2", "Quality Assurance"),
        ("4", "Contracts"),
    ]
    assert [r.number for r in response.recommendations] == ["1", "2a", "2b", "2c", "4c"]
    first, a, b, c, _ = response.recommendations
    assert first.text == "Hold briefings & publish <it>"
    assert first.action == "Done in March\nand ongoing"
    assert first.decision == "Accepted"
    assert first.action_date is not None and first.action_date.text == "March 2013 and ongoing"
    assert first.action_date.date is None
    assert a.decision == "Partially accepted" and a.action_date is not None
    assert str(a.action_date.date) == "2013-06-30"
    assert b.decision == "Accepted in principle" and b.letter == "b"
    assert c.decision == "Not accepted" and c.action == "Already done monthly"
    assert first.source is not None and first.source.row == 2


def test_theme_heading_rows_and_auto_letters(make_workbook: Callable[..., Path]) -> None:
    result = read(make_workbook, [
        [None, "2. Quality Assurance of Systems and Processes", None, None, None, None, None,
         None],
        [None, None, "First", "Accepted", "x", None, None, None],
        [None, None, "Second", "Accepted", "y", None, None, None],
    ])
    assert result.report.errors == []
    assert result.response is not None
    (theme,) = result.response.themes
    assert (theme.number, theme.title) == ("2", "Quality Assurance of Systems and Processes")
    assert [r.number for r in theme.recommendations] == ["2a", "2b"]


def test_decision_at_start_of_response_cell_is_split(make_workbook: Callable[..., Path]) -> None:
    result = read(make_workbook, [
        ["1", "Theme", "Rec", "Partially Accepted. A better option is to move reporting.",
         None, None, None, None],
    ])
    assert result.response is not None
    (rec,) = result.response.recommendations
    assert rec.decision == "Partially accepted"
    assert rec.action == "A better option is to move reporting."


def test_unknown_decision_lists_choices_and_suggests(make_workbook: Callable[..., Path]) -> None:
    result = read(make_workbook, [["1", "Theme", "Rec", "acepted", "x", None, None, None]])
    issue = only(result.report.errors, "constraint-error")
    assert (issue.sheet, issue.row, issue.column, issue.value) == (
        "Recommendations", 2, "Response", "acepted"
    )
    assert issue.message == (
        "'acepted' is not a decision the response can record. Use one of: Accepted, "
        "Partially accepted, Accepted in principle, Not accepted, Noted (Rejected also means "
        'Not accepted). Did you mean "Accepted"?'
    )


def test_not_accepted_needs_a_reason(make_workbook: Callable[..., Path]) -> None:
    result = read(make_workbook, [
        ["1", "Theme", "Rec one", "Accepted", "x", None, None, None],
        ["2", "Other", "Rec two", "Rejected", None, None, None, None],
    ])
    issue = only(result.report.errors, "missing-cell")
    assert (issue.row, issue.column) == (3, "Action")
    assert issue.message.startswith("Row 3: the recommendation is not accepted")
    assert "reason" in issue.message


def test_missing_recommendation_and_response(make_workbook: Callable[..., Path]) -> None:
    result = read(make_workbook, [
        ["1", "Theme", None, "Accepted", "x", None, None, None],
        ["2", "Other", "Rec two", None, "y", None, None, None],
    ])
    issues = [i for i in result.report.errors if i.code == "missing-cell"]
    assert [(i.row, i.column) for i in issues] == [(2, "Recommendation"), (3, "Response")]
    assert "The recommendation is empty" in issues[0].message
    assert "Accepted, Partially accepted" in issues[1].message


def test_duplicate_numbers_name_both_rows(make_workbook: Callable[..., Path]) -> None:
    result = read(make_workbook, [
        ["2a", "Theme", "Rec one", "Accepted", "x", None, None, None],
        ["2 A", None, "Rec two", "Accepted", "y", None, None, None],
    ])
    issue = only(result.report.errors, "unique-error")
    assert (issue.row, issue.column, issue.value) == (3, "Number", "2a")
    assert "in row 2 and in row 3" in issue.message


def test_new_theme_number_without_theme_name(make_workbook: Callable[..., Path]) -> None:
    result = read(make_workbook, [
        ["1", "Corporate Parents", "Rec one", "Accepted", "x", None, None, None],
        ["2a", None, "Rec two", "Accepted", "y", None, None, None],
    ])
    issue = only(result.report.errors, "missing-cell")
    assert (issue.row, issue.column) == (3, "Theme")
    assert "starts theme 2" in issue.message
    assert "Type the name of theme 2" in issue.message


def test_bad_number_and_bad_date(make_workbook: Callable[..., Path]) -> None:
    result = read(make_workbook, [
        ["two", "Theme", "Rec", "Accepted", "x", "31/02/2013", None, None],
    ])
    number = only(result.report.errors, "type-error")
    assert (number.row, number.column, number.value) == (2, "Number", "two")
    assert "1, 2a, 2 b) or 4(c)" in number.message
    date = only(result.report.errors, "format-error")
    assert (date.row, date.column) == (2, "Action date")


def test_aliases_and_column_headers_as_written(make_workbook: Callable[..., Path]) -> None:
    headers = ["No", "Heading", "Scrutiny recommendation", "Decision", "Reason", "By when",
               "Lead", "Update"]
    result = read(make_workbook, [["1", "T", "Rec", "Not accepted", None, None, None, None]],
                  headers=headers)
    issue = only(result.report.errors, "missing-cell")
    assert issue.column == "Reason"


def test_late_cabinet_meeting_is_a_warning_citing_the_duty(
    make_workbook: Callable[..., Path],
) -> None:
    rows = [["1", "T", "Rec", "Accepted", "x", None, None, None]]
    late = read(make_workbook, rows, details=[
        ["Scrutiny report date", "15/03/2013"], ["Cabinet date", "16/05/2013"],
    ])
    assert late.report.errors == []
    warning = only(late.report.warnings, "deadline-warning")
    assert "Local Government Act 2000, section 9FE" in warning.message
    assert "1 day after the deadline of 15 May 2013" in warning.message
    # Located at the Cabinet date it is about.
    assert (warning.sheet, warning.row, warning.column) == ("Details", 2, "B")
    on_time = read(make_workbook, rows, details=[
        ["Scrutiny report date", "15/03/2013"], ["Cabinet date", "15/05/2013"],
    ])
    assert [i for i in on_time.report.warnings if i.code == "deadline-warning"] == []


def test_a_row_with_an_error_does_not_also_leave_its_theme_empty(
        make_workbook: Callable[..., Path]) -> None:
    # The trial's bad-response.xlsx: each theme's only row has an error of its own.
    result = read(make_workbook, [
        ["1", "T1", "Rec one", "Maybe", "x", "June 2013", None, None],
        ["2", "T2", "Rec two", "Accepted", "y", None, None, None],
        ["3", "T3", None, "Accepted", "y", None, None, None],
    ])
    assert [(i.severity, i.row, i.column, i.message) for i in result.report.issues] == [
        ("error", 2, "Response", "'Maybe' is not a decision the response can record. Use one "
         "of: Accepted, Partially accepted, Accepted in principle, Not accepted, Noted "
         "(Rejected also means Not accepted)."),
        ("error", 4, "Recommendation", "The recommendation is empty. Type the scrutiny "
         "committee's recommendation as it appears in its report."),
    ]


def test_a_theme_heading_with_no_rows_is_still_warned(make_workbook: Callable[..., Path]) -> None:
    result = read(make_workbook, [
        ["1", "T1", None, None, None, None, None, None],
        ["2", "T2", "Rec two", "Accepted", "y", None, None, None],
    ])
    issue = only(result.report.warnings, "missing-cell")
    assert (issue.row, issue.column) == (2, "Theme")
    assert issue.message.startswith("The theme 1. 'T1' has no recommendations under it")


REVISED = [*HEADERS, "Revised date"]


def test_a_revised_date_on_a_theme_heading_row_is_said_to_be_unused(
        make_workbook: Callable[..., Path]) -> None:
    """A row with only a theme and a Revised date is the theme's heading: the date revises no
    recommendation, so it is a warning at its cell, not silently dropped."""
    result = read(make_workbook, [
        ["1", "Training", "Train staff", "Accepted", "x", "30/09/2013", None, None, None],
        [None, "Quality Assurance", None, None, None, None, None, None, "October 2013"],
        [None, None, "Review the system", "Accepted", "y", "30/09/2013", None, None, None],
    ], headers=REVISED)
    assert result.report.errors == []
    assert [(i.code, i.row, i.column, i.value, i.message)
            for i in result.report.warnings] == [(
        "constraint-error", 3, "Revised date", "October 2013",
        "The Revised date October 2013 is not used: the row has the theme 'Quality "
        "Assurance' but no recommendation, so it is read as the theme's heading. A Revised "
        "date belongs on the row of the recommendation whose date has moved: move it to "
        "that row, or clear this cell.")]
    assert result.response is not None
    second = result.response.themes[1].recommendations[0]
    assert (second.number, second.revised_date) == ("2", None)  # not given to the row below


def test_a_bad_revised_date_on_a_theme_heading_row_says_both_problems(
        make_workbook: Callable[..., Path]) -> None:
    result = read(make_workbook, [
        ["1", "Training", "Train staff", "Accepted", "x", "30/09/2013", None, None, None],
        ["2", "Quality Assurance", None, None, None, None, None, None, "#REF!"],
        ["2a", None, "Review the system", "Accepted", "y", "30/09/2013", None, None, None],
    ], headers=REVISED)
    assert result.report.errors == []
    (issue,) = result.report.warnings
    assert (issue.code, issue.row, issue.column) == ("formula-error", 3, "Revised date")
    assert issue.message.startswith("The cell shows the Excel error #REF! instead of a date.")
    assert issue.message.endswith(
        "The date is not used either: the row has the theme 'Quality Assurance' but no "
        "recommendation, so it is read as the theme's heading. A Revised date belongs on the "
        "row of the recommendation whose date has moved: move it to that row, or clear this "
        "cell.")


def test_a_theme_heading_row_with_no_revised_date_is_not_warned_of(
        make_workbook: Callable[..., Path]) -> None:
    result = read(make_workbook, [
        [None, "Quality Assurance", None, None, None, None, None, None, None],
        [None, None, "Review the system", "Accepted", "y", "30/09/2013", None, None, None],
    ], headers=REVISED)
    assert result.report.issues == []


def test_check_shows_the_unused_revised_date(make_workbook: Callable[..., Path]) -> None:
    from click.testing import CliRunner

    from pipeline.cli import main

    rows = [REVISED, [None, "Quality Assurance", None, None, None, None, None, None, "Oct-13"],
            ["1", None, "Review the system", "Accepted", "y", "30/09/2013", None, None, None]]
    path = make_workbook({"Recommendations": rows}, name="response.xlsx")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 0, result.output  # a warning: the response is still made
    assert ("  Warning: sheet 'Recommendations', row 2, column 'Revised date': The Revised "
            "date Oct-13 is not used: the row has the theme 'Quality Assurance' but no "
            "recommendation") in result.output


def test_a_row_with_only_a_revised_date_is_not_said_to_have_a_number(
        make_workbook: Callable[..., Path]) -> None:
    result = read(make_workbook, [
        ["1", "Training", "Train staff", "Accepted", "x", "30/09/2013", None, None, None],
        [None, None, None, None, None, None, None, None, "31/10/2013"],
    ], headers=REVISED)
    assert [(i.code, i.row, i.column, i.message) for i in result.report.errors] == [(
        "missing-cell", 3, "Recommendation",
        "This row has a Revised date but no recommendation. Type the recommendation in this "
        "row, or move the date to the row of the recommendation whose date has moved.")]
