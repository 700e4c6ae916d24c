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
        "'Sideways' is not a polarity the pipeline understands. Type High (when a higher "
        "value is better) or Low (when a lower value is better).")
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
        "  Error: sheet 'Indicators', row 3, column 'Polarity': 'Sideways' is not a polarity "
        "the pipeline understands. Type High (when a higher value is better) or Low (when a "
        "lower value is better).",
    ]
