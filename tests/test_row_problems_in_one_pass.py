"""A row with one problem still has its other cells checked: every problem of a workbook
is said in one pass, with no follow-on errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner
from conftest import ACTION_HEADERS, action_row

from pipeline.cli import main
from pipeline.issues import Issue
from pipeline.reader import read_workbook

Make = Callable[..., Path]


Place = tuple[str, str | None, int | None, str | None]


def located(issues: list[Issue]) -> set[Place]:
    """Each issue's (code, sheet, row, column), once each: a set, in no order."""
    places = [(i.code, i.sheet, i.row, i.column) for i in issues]
    assert len(places) == len(set(places)), places  # no problem said twice
    return set(places)


def test_indicator_with_no_title_has_its_other_cells_checked(make_workbook: Make) -> None:
    path = make_workbook({
        "Indicators": [["Code", "Title", "Polarity", "Unit", "Target", "Tolerance", "Judge on"],
                       ["NI059", "Assessments", "High", "%", 80, 5, None],
                       ["NI060", None, "Sideways", "%", "eighty", "lots", "sometimes"]],
        "Values": [["Code", "Period", "Value"], ["NI059", "Aug 2011", 81],
                   ["NI060", "Aug 2011", "many"]],
    })
    result = read_workbook(path)
    assert located(result.report.errors) == {
        ("missing-cell", "Indicators", 3, "Title"),
        ("constraint-error", "Indicators", 3, "Judge on"),
        ("constraint-error", "Indicators", 3, "Polarity"),
        ("type-error", "Indicators", 3, "Target"),
        ("type-error", "Indicators", 3, "Tolerance"),
        ("type-error", "Values", 3, "Value"),  # checked, not "NI060 is not on the sheet"
    }
    polarity = next(i for i in result.report.errors if i.column == "Polarity")
    assert polarity.message == (
        "'Sideways' is not a polarity. Type High (when a higher value is better) or Low "
        "(when a lower value is better).")
    assert result.indicators is not None
    assert [i.code for i in result.indicators.indicators] == ["NI059"]  # not reported


def test_untitled_indicator_with_a_target_and_no_polarity(make_workbook: Make) -> None:
    path = make_workbook({"Indicators": [["Code", "Title", "Polarity", "Target"],
                                         ["NI059", "Assessments", "High", 80],
                                         ["NI060", None, None, 70]]})
    assert located(read_workbook(path).report.errors) == {
        ("missing-cell", "Indicators", 3, "Polarity"),
        ("missing-cell", "Indicators", 3, "Title"),
    }


def test_untitled_indicator_period_columns_are_checked(make_workbook: Make) -> None:
    path = make_workbook({"Indicators": [["Code", "Title", "Aug 2011", "Sep 2011"],
                                         ["NI059", "Assessments", 40, 41],
                                         [None, None, "lots", 42]]})
    errors = read_workbook(path).report.errors
    assert located(errors) == {("missing-cell", "Indicators", 3, "Title"),
                               ("type-error", "Indicators", 3, "Aug 2011")}
    assert errors[0].message == ("This row has details but no indicator title. Type the "
                                 "title of the indicator, or delete the row.")


def test_values_row_for_an_unknown_indicator_has_its_value_checked(make_workbook: Make) -> None:
    path = make_workbook({
        "Indicators": [["Code", "Title"], ["NI059", "Assessments"]],
        "Values": [["Code", "Period", "Value", "Numerator"],
                   ["NI999", "Aug 2011", "lots", None],
                   ["NI059", "Augst 2011", "many", "some"],
                   ["NI059", None, "few", None]],
    })
    errors = read_workbook(path).report.errors
    assert located(errors) == {
        ("constraint-error", "Values", 2, "Code"),
        ("type-error", "Values", 2, "Value"),
        ("format-error", "Values", 3, "Period"),
        ("type-error", "Values", 3, "Numerator"),
        ("type-error", "Values", 3, "Value"),
        ("missing-cell", "Values", 4, "Period"),
        ("type-error", "Values", 4, "Value"),
    }
    value = next(i for i in errors if (i.row, i.column) == (3, "Value"))
    assert value.message.startswith("'many' is not a number, but the value must be a number")


def test_wide_values_row_with_no_code_has_its_values_checked(make_workbook: Make) -> None:
    path = make_workbook({
        "Indicators": [["Code", "Title"], ["NI059", "Assessments"]],
        "Values": [["Code", "Aug 2011", "Sep 2011"], ["NI059", 40, 41], [None, "lots", 3]],
    })
    assert located(read_workbook(path).report.errors) == {
        ("missing-cell", "Values", 3, "Code"), ("type-error", "Values", 3, "Aug 2011")}


def test_action_row_with_no_action_has_its_other_cells_checked(make_workbook: Make) -> None:
    rows = [ACTION_HEADERS, action_row(ref="R1", recommendation="Rec"),
            action_row(None, status="Donee", lead="#REF!", target="31/02/2013")]
    errors = read_workbook(make_workbook({"Actions": rows})).report.errors
    assert located(errors) == {
        ("formula-error", "Actions", 3, "Lead"),
        ("missing-cell", "Actions", 3, "Action"),
        ("constraint-error", "Actions", 3, "Status"),
        ("format-error", "Actions", 3, "Target date"),
    }
    status = next(i for i in errors if i.column == "Status")
    assert status.message.startswith("'Donee' is not a status the plan uses.")


def test_action_row_with_no_action_and_no_status_is_not_asked_for_one(
    make_workbook: Make,
) -> None:
    rows = [[*ACTION_HEADERS, "Revised target date"],
            [*action_row(ref="R1", recommendation="Rec"), None],
            [None] * len(ACTION_HEADERS) + ["31/02/2014"]]
    errors = read_workbook(make_workbook({"Actions": rows})).report.errors
    assert located(errors) == {("missing-cell", "Actions", 3, "Action"),
                               ("format-error", "Actions", 3, "Revised target date")}
    assert errors[0].message == ("This row has Revised target date but no action. Type the "
                                 "action, or delete the row.")


def test_response_row_with_a_number_only_has_its_revised_date_checked(
    make_workbook: Make,
) -> None:
    rows = [["Number", "Recommendation", "Response", "Revised date"],
            ["1", "Hold briefings", "Accepted", None], ["2", None, None, "#REF!"]]
    assert located(read_workbook(make_workbook({"Recommendations": rows})).report.errors) == {
        ("formula-error", "Recommendations", 3, "Revised date"),
        ("missing-cell", "Recommendations", 3, "Recommendation"),
    }


def test_check_lists_the_missing_title_and_the_bad_polarity_together(
    make_workbook: Make,
) -> None:
    path = make_workbook({"Indicators": [["Code", "Title", "Polarity", "Unit", "Target"],
                                         ["NI059", "Assessments", "High", "%", 80],
                                         ["NI060", None, "Sideways", "%", 78]]})
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    assert result.output.splitlines()[1:3] == [
        "  Error: sheet 'Indicators', row 3, column 'Title': This row has the code 'NI060' but "
        "no indicator title. Type the title of the indicator, or delete the row.",
        "  Error: sheet 'Indicators', row 3, column 'Polarity': 'Sideways' is not a polarity. "
        "Type High (when a higher value is better) or Low (when a lower value is better).",
    ]


def _recommendation_row(**cells: object) -> list[object]:
    """A row giving R2 and its recommendation but no action, with the other cells given."""
    row: list[object] = [None] * len(ACTION_HEADERS)
    row[1:3] = ["R2", "End the unsafe practice"]
    for name, value in cells.items():
        row[ACTION_HEADERS.index(name)] = value
    return row


def test_recommendation_row_with_a_bad_date_and_lead_says_so(make_workbook: Make) -> None:
    """A row with a Ref and Recommendation but no action, and only descriptive cells, is the
    recommendation's own row: its date and lead are not printed. That is said, and their bad
    values too (as warnings: the cells are not used), rather than passed over in silence."""
    rows = [ACTION_HEADERS, action_row(ref="R1", recommendation="Rec"),
            _recommendation_row(**{"Lead": "#REF!", "Target date": "31/02/2013",
                                   "Outcome": "Fewer cases held"})]
    result = read_workbook(make_workbook({"Actions": rows}))
    assert result.report.errors == []
    warnings = [i for i in result.report.warnings if i.sheet == "Actions"]
    assert located(warnings) == {
        ("missing-cell", "Actions", 3, "Action"),
        ("formula-error", "Actions", 3, "Lead"),
        ("format-error", "Actions", 3, "Target date"),
    }
    said = {i.column: i.message for i in warnings}
    assert said["Action"] == (
        "This row gives recommendation R2 but no action, so it is read as the row that names "
        "the recommendation: only its Ref and Recommendation are printed, and the Outcome, "
        "Lead and Target date typed in it are left out of the documents. If they are for an "
        "action, type the action in this row's Action column, or move them to that action's "
        "row; if not, clear those cells.")
    not_used = ("The row has no action, so this cell is left out of the documents and this "
                "is only a warning: correct it if the row is to have an action, or clear it.")
    assert said["Target date"].startswith("'31/02/2013' is not a real date.")
    assert said["Target date"].endswith(not_used)
    assert said["Lead"].startswith("The cell shows the Excel error #REF!")
    assert said["Lead"].endswith(not_used)
    plan = result.plan
    assert plan is not None  # the recommendation is still in the plan, with no actions
    assert [(r.ref, len(r.actions)) for r in plan.priorities[0].recommendations] == [
        ("R1", 1), ("R2", 0)]


def test_recommendation_row_with_progress_and_status_is_an_action_missing_its_text(
    make_workbook: Make,
) -> None:
    """The trial's row 15: R8, its recommendation, a lead, a date, progress and a status, but
    the Action left blank. Progress and status are an action's: an error at the Action cell
    (not a warning that drops them), with the row's other problems said in the same pass."""
    rows = [ACTION_HEADERS, action_row(ref="R1", recommendation="Rec"),
            _recommendation_row(**{"Lead": "Karen Perry", "Target date": "31/02/2013",
                                   "Progress": "Terms of reference drafted.",
                                   "Status": "Donee"})]
    result = read_workbook(make_workbook({"Actions": rows}))
    assert located(result.report.errors) == {
        ("missing-cell", "Actions", 3, "Action"),
        ("format-error", "Actions", 3, "Target date"),
        ("constraint-error", "Actions", 3, "Status"),
    }
    assert [i for i in result.report.warnings if i.sheet == "Actions"] == []
    said = {i.column: i.message for i in result.report.errors}
    assert said["Action"] == (
        "This row gives recommendation R2 and its Lead, Progress, Target date and Status, but "
        "no action. Its Progress and Status are an action's, so the row is read as an action "
        "whose action text is missing (not as the row that only names the recommendation), "
        "and they would appear nowhere in the documents. Type the action in column D "
        "('Action') of this row; or, if the row only names the recommendation, move them to "
        "the action's row, or clear those cells.")
    assert said["Status"].startswith("'Donee' is not a status the plan uses.")
    assert "only a warning" not in said["Status"] + said["Target date"]


def test_recommendation_row_with_only_a_status_is_an_error(make_workbook: Make) -> None:
    rows = [ACTION_HEADERS, _recommendation_row(Status="Complete"), action_row("First action")]
    result = read_workbook(make_workbook({"Actions": rows}))
    assert [(i.code, i.row, i.column) for i in result.report.errors] == [
        ("missing-cell", 2, "Action")]
    assert result.report.errors[0].message.startswith(
        "This row gives recommendation R2 and its Status, but no action. Its Status is an "
        "action's, so")


def test_check_says_the_blank_action_of_a_row_with_progress(make_workbook: Make) -> None:
    """What the officer saw: "valid, 12 actions" and the row's progress in no document.
    Now `check` fails, naming the row and the column to type the action in."""
    rows = [ACTION_HEADERS, action_row(ref="R1", recommendation="Rec"),
            _recommendation_row(**{"Progress": "Terms of reference drafted.",
                                   "Status": "On track"})]
    path = make_workbook({"Details": [["As at", "31/07/2013"]], "Actions": rows})
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert lines[0].endswith(": 1 problem to fix")
    assert lines[1].startswith(
        "  Error: sheet 'Actions', row 3, column 'Action': This row gives recommendation R2 "
        "and its Progress and Status, but no action.")
    assert "Type the action in column D ('Action') of this row" in lines[1]
    plan = CliRunner().invoke(main, ["plan", str(path), "-o", str(path.with_suffix(".docx"))])
    assert plan.exit_code == 1
    assert not path.with_suffix(".docx").exists()


def test_recommendation_row_with_a_good_date_says_it_is_not_printed(
    make_workbook: Make,
) -> None:
    rows = [ACTION_HEADERS, _recommendation_row(**{"Target date": "30/07/2013"}),
            action_row("First action")]
    result = read_workbook(make_workbook({"Actions": rows}))
    assert result.report.errors == []
    warnings = [i for i in result.report.warnings if i.sheet == "Actions"]
    assert [(i.code, i.row, i.column, i.message) for i in warnings] == [(
        "missing-cell", 2, "Action",
        "This row gives recommendation R2 but no action, so it is read as the row that names "
        "the recommendation: only its Ref and Recommendation are printed, and the Target date "
        "typed in it is left out of the documents. If it is for an action, type the action in "
        "this row's Action column, or move it to that action's row; if not, clear that cell.")]
    plan = result.plan
    assert plan is not None  # the action below still belongs to R2
    assert [a.text for a in plan.priorities[0].recommendations[0].actions] == ["First action"]


def test_recommendation_row_with_nothing_else_is_not_warned_of(make_workbook: Make) -> None:
    rows = [ACTION_HEADERS, _recommendation_row(), action_row("First action")]
    result = read_workbook(make_workbook({"Actions": rows}))
    assert [i for i in result.report.issues if i.sheet == "Actions"] == []


def test_check_shows_the_recommendation_rows_unused_cells(make_workbook: Make) -> None:
    rows = [ACTION_HEADERS, action_row(ref="R1", recommendation="Rec"),
            _recommendation_row(**{"Target date": "31/02/2013", "Lead": "#REF!"})]
    details = [["As at", "31/07/2013"], ["Next steps", "Report in May."]]
    path = make_workbook({"Details": details, "Actions": rows})
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 0, result.output  # warnings: the plan is still made
    lines = result.output.splitlines()
    assert lines[1] == ("  improvement plan: 1 priority, 2 recommendations (1 with no actions "
                        "yet), 1 action (1 Complete)")
    assert [line.split(":", 2)[:2] for line in lines[2:]] == [
        ["  Warning", " sheet 'Actions', row 3, column 'Action'"],
        ["  Warning", " sheet 'Actions', row 3, column 'Lead'"],
        ["  Warning", " sheet 'Actions', row 3, column 'Target date'"],
    ]
