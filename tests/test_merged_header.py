"""A header cell merged across the next column hides that column's header: when the column
holds data it is a located error naming the merged cells, not a warning that the column was
ignored (the trial's plan printed an empty Target date column and "No actions are overdue")."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner
from conftest import ACTION_HEADERS, action_row

from pipeline.cli import main
from pipeline.reader import read_workbook

Make = Callable[..., Path]
BANNER = ["WORKING DOCUMENT: ADULT SOCIAL CARE IMPROVEMENT PLAN"] + [None] * 11


def _plan(make_workbook: Make, merged: list[str], headers: list[object] | None = None) -> Path:
    """The trial's layout: a banner merged over row 1, the headers in row 2 with the Target
    date header under the one merged from Lead(s) (I2:J2)."""
    headers = headers or [("Lead(s)" if h == "Lead" else None if h == "Target date" else h)
                          for h in ACTION_HEADERS]
    rows = [BANNER, headers,
            action_row("Set up a screening point", "Complete", priority="1", ref="R1",
                       recommendation="Screen alerts", target="31/08/2012"),
            action_row("Weekly case reviews", "Behind schedule", ref="R2",
                       recommendation="Reduce open enquiries", target="30/04/2013")]
    return make_workbook({"Actions": rows}, name="plan.xlsx", merged={"Actions": merged})


def test_data_under_a_merged_header_cell_is_an_error_naming_the_cells(
    make_workbook: Make,
) -> None:
    result = read_workbook(_plan(make_workbook, ["A1:L1", "I2:J2"]))
    (error,) = result.report.errors
    assert (error.code, error.sheet, error.row, error.column) == ("blank-label", "Actions", 2,
                                                                  "J")
    assert error.message == (
        "Cells I2:J2 of the header row are merged, so the header 'Lead(s)' covers column J "
        "too, and column J has data (from row 3) but no header of its own: its data cannot "
        "be read, and would be left out of the plan. Unmerge cells I2:J2 (select them, then "
        "Merge & Center on Excel's Home tab) and type each column's header in its own cell. "
        'The sheet has no "Target date" column, which the plan prints: if column J holds it, '
        'type "Target date" in cell J2.')
    # and not also the warning that the column was ignored
    assert [w for w in result.report.warnings if w.code == "blank-label"] == []


def test_no_plan_is_made_from_it(make_workbook: Make, tmp_path: Path) -> None:
    out = tmp_path / "plan.docx"
    result = CliRunner().invoke(main, ["plan", str(_plan(make_workbook, ["I2:J2"])), "-o",
                                       str(out)])
    assert result.exit_code != 0
    assert "Cells I2:J2 of the header row are merged" in result.output
    assert not out.exists()


def test_a_merged_header_over_an_empty_column_is_fine(make_workbook: Make) -> None:
    """A header centred over two columns whose second holds nothing loses nothing."""
    headers = [*ACTION_HEADERS, None]
    result = read_workbook(_plan(make_workbook, ["A1:M1", "L2:M2"], headers))
    assert result.report.errors == []
    assert [i for i in result.report.issues if i.code == "blank-label"] == []
    assert result.plan is not None and len(result.plan.actions) == 2


def test_a_column_with_no_header_and_no_merge_is_still_a_warning(make_workbook: Make) -> None:
    result = read_workbook(_plan(make_workbook, ["A1:L1"]))
    assert result.report.errors == []
    (warning,) = [w for w in result.report.warnings if w.code == "blank-label"]
    assert (warning.row, warning.column) == (2, "J")
    assert warning.message.startswith(
        "Column J has data (from row 3) but no header in row 2, so it was ignored.")
    assert warning.message.endswith(
        'The sheet has no "Target date" column, which the plan prints: if column J holds it, '
        'type "Target date" in cell J2.')


def test_a_merged_header_cell_on_a_response_sheet_too(make_workbook: Make) -> None:
    headers = ["No", "Recommendation", "Response", "Action", "Responsible", None]
    rows = [headers, ["1", "Publish the numbers", "Accepted", "Publish yearly", "Karen Perry",
                      "June 2013"]]
    book = make_workbook({"Recommendations": rows}, merged={"Recommendations": ["E1:F1"]})
    (error,) = read_workbook(book).report.errors
    assert (error.code, error.row, error.column) == ("blank-label", 1, "F")
    assert "Cells E1:F1 of the header row are merged, so the header 'Responsible'" in (
        error.message)
    assert 'if column F holds it, type "Action date" in cell F1.' in error.message


def test_the_annotated_copy_marks_the_merged_header_cell(make_workbook: Make) -> None:
    """Before, `check --annotate` stopped with a Python error: the problem's cell, J2, is
    under the merge and cannot take a comment; now the merged cell Excel shows (I2) has it."""
    import openpyxl

    from pipeline.reader.annotate import annotate_workbook

    book = _plan(make_workbook, ["I2:J2"])
    out = annotate_workbook(book, read_workbook(book).report.issues)
    assert out is not None
    ws = openpyxl.load_workbook(out)["Actions"]
    assert ws["I2"].comment is not None
    assert ws["I2"].comment.text.startswith("Error: Cells I2:J2 of the header row are merged")
    assert ws["I2"].value == "Lead(s)" and ws["J3"].value == "31/08/2012"


def test_a_header_merged_over_a_second_tier_is_read_from_the_lower_tier(
    make_workbook: Make,
) -> None:
    """Peterborough's improvement plan: "Delivery" merged over E3:F3, "Due date" and "Revised
    due date" under it in row 4, the data from row 5: the Target date and the revised date
    are read from the lower tier, every other header from row 3, and nothing is an error."""
    upper = ["Theme", "Ref", "Key action", "Lead officer", "Delivery", None, "RAG",
             "Progress update"]
    lower = [None, None, None, None, "Due date", "Revised due date", None, None]
    rows = [["Peterborough City Council Safeguarding Improvement Plan – December 2011"],
            ["Position at 31 December 2011"], upper, lower,
            ["Theme One: Providing confident leadership", "1.1", "Establish a Board",
             "Chief Executive", "Dec-11", None, "Complete", "The Board met in December."],
            [None, "1.2", "Appoint an Assistant Director", "Executive Director", "31/03/2012",
             "30/06/2012", "Green", "Appointed; starts in March."]]
    book = make_workbook({"Improvement Plan": rows}, name="pboro.xlsx",
                         merged={"Improvement Plan": ["A1:H1", "E3:F3"]})
    result = read_workbook(book)
    assert result.report.errors == []
    assert result.plan is not None
    first, second = result.plan.actions
    assert first.target_date is not None and first.target_date.precision == "month"
    assert second.target_date is not None and str(second.target_date.date) == "2012-06-30"
    assert second.original_date is not None and str(second.original_date.date) == "2012-03-31"
    assert [a.lead for a in result.plan.actions] == ["Chief Executive", "Executive Director"]
    assert first.source is not None and first.source.row == 5
