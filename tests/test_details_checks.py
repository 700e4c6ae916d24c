"""The Details sheet's keys and values: a misspelt key, a protective marking that is not a
Government Security Classification, and a report for a meeting with no committee (C1)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from conftest import ACTION_HEADERS, action_row

from pipeline.reader import WorkbookResult, read_workbook

MEETING = [["Title", "Plan"], ["Comittee", "Children's Scrutiny Committee"],
           ["Meeting date", "15/08/2013"], ["As at", "31/07/2013"], ["Agenda item", "7"],
           ["Purpose", "To update the Committee."], ["Recommendations", "That it notes."]]


def read(make_workbook: Callable[..., Path], details: list[list[Any]]) -> WorkbookResult:
    actions = [ACTION_HEADERS, action_row(ref="R1", recommendation="Rec")]
    return read_workbook(make_workbook({"Details": details, "Actions": actions}))


def test_misspelt_committee_is_a_warning_with_did_you_mean_and_says_no_report_is_made(
        make_workbook: Callable[..., Path]) -> None:
    result = read(make_workbook, MEETING)
    assert result.report.errors == []
    assert [(i.sheet, i.row, i.column, i.message) for i in result.report.warnings] == [
        ("Details", 2, "A", "The detail 'Comittee' is not one this tool uses: did you "
         'mean "Committee"? Its value was ignored. Rename it to "Committee" in column A to '
         "have it read."),
        ("Details", 2, "A", "The Details give Agenda item, Purpose and Recommendations, as a "
         "committee report's do, but no Committee, so no committee report (and no agenda "
         'pack) is made from this workbook. To make one, rename the detail in row 2 to '
         '"Committee".'),
    ]


def test_meeting_keys_with_no_committee_row_say_to_add_one(
        make_workbook: Callable[..., Path]) -> None:
    result = read(make_workbook, [MEETING[0], *MEETING[2:]])
    issue = next(i for i in result.report.warnings if "no committee report" in i.message)
    assert (issue.row, issue.column) == (7, "A")
    assert issue.message.endswith('To make one, add a row with "Committee" in column A and '
                                  "its value in column B.")


def test_an_unknown_key_far_from_any_known_one_is_only_a_notice(
        make_workbook: Callable[..., Path]) -> None:
    result = read(make_workbook, [["Title", "Plan"], ["Directorate", "Children"]])
    assert not [i for i in result.report.warnings if "Directorate" in i.message]
    assert [i.message for i in result.report.notices if "Directorate" in i.message] == [
        "The detail 'Directorate' is not one this tool uses; it was ignored."]


def test_a_misspelt_protective_marking_is_a_located_error_with_did_you_mean(
        make_workbook: Callable[..., Path]) -> None:
    result = read(make_workbook, [["Title", "Plan"], ["Protective marking", "OFFICAL"]])
    assert [(i.code, i.sheet, i.row, i.column, i.value, i.message)
            for i in result.report.errors] == [(
        "constraint-error", "Details", 2, "B", "OFFICAL",
        "Protective marking: 'OFFICAL' is not a Government Security Classification, and would "
        'be printed in every page header. Did you mean "OFFICIAL"? Type one of: OFFICIAL, '
        "OFFICIAL-SENSITIVE, SECRET, TOP SECRET; or leave it blank for none.")]


def test_a_protective_marking_is_kept_in_its_standard_form(
        make_workbook: Callable[..., Path]) -> None:
    for typed, kept in (("Official", "OFFICIAL"), ("official sensitive", "OFFICIAL-SENSITIVE"),
                        ("OFFICIAL – SENSITIVE", "OFFICIAL-SENSITIVE"), ("", "")):
        result = read(make_workbook, [["Title", "Plan"], ["Classification", typed]])
        assert result.report.errors == []
        assert result.details.protective_marking == kept
