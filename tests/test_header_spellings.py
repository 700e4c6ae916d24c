"""Headers as councils type them: Telford's cabinet response (seed 001, Table 1) is read
whole, a note in brackets at a header's end is set aside, and a column of data under a header
this tool does not know is a warning when the document has a column it may be."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
from click.testing import CliRunner
from conftest import ACTION_HEADERS, action_row

from pipeline.cli import main
from pipeline.issues import Issue
from pipeline.reader import read_workbook

Make = Callable[..., Path]

# Seed 001, Table 1, as typed (with a Response column of the decision on its own).
TELFORD = ["No", "Theme", "Scrutiny Recommendation", "Response",
           "Response and summary of action being taken to implement, or reason for rejection",
           "Date by which action will be taken", "Person responsible for action (name and title)"]
ROWS = [
    ["1", "Members' responsibility as Corporate Parents", "That the Council holds briefings",
     "Accepted", "In March the Cross Party Corporate Parenting Group agreed an approach",
     "March 2013 and ongoing", "Karen Perry AD Children's Safeguarding"],
    ["6c", "Care of children placed by other authorities", "That the Council publishes numbers",
     "Not accepted", "The figures are held by the placing authorities", None,
     "Jas Bedesha, Service Delivery Manager"],
]


def flat(issues: list[Issue]) -> list[tuple[str, str, int | None, str | None]]:
    return [(i.severity, i.code, i.row, i.column) for i in issues]


def on_actions(issues: list[Issue]) -> list[Issue]:
    """The issues of the Actions sheet (not the plan's 'no As at date' warning)."""
    return [i for i in issues if i.sheet == "Actions"]


def test_telfords_table_1_headers_are_read(make_workbook: Make) -> None:
    result = read_workbook(make_workbook({"Recommendations": [TELFORD, *ROWS]}))
    assert result.report.errors == []
    assert [i for i in result.report.issues if i.code == "extra-label"] == []
    assert result.response is not None
    first, rejected = result.response.recommendations
    assert first.action == "In March the Cross Party Corporate Parenting Group agreed an approach"
    assert first.responsible == "Karen Perry AD Children's Safeguarding"
    assert first.action_date is not None and first.action_date.text == "March 2013 and ongoing"
    assert rejected.decision == "Not accepted"
    assert rejected.action == "The figures are held by the placing authorities"


def test_the_response_document_prints_telfords_columns(make_workbook: Make,
                                                        tmp_path: Path) -> None:
    book = make_workbook({"Recommendations": [TELFORD, *ROWS]})
    out = tmp_path / "response.docx"
    result = CliRunner().invoke(main, ["response", str(book), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = [[c.text for c in r.cells] for t in docx.Document(str(out)).tables for r in t.rows]
    assert ["That the Council holds briefings",
            "Accepted\nIn March the Cross Party Corporate Parenting Group agreed an approach",
            "March 2013 and ongoing", "Karen Perry AD Children's Safeguarding"] in rows
    assert ["c) That the Council publishes numbers",
            "Not accepted\nThe figures are held by the placing authorities", "",
            "Jas Bedesha, Service Delivery Manager"] in rows


def test_a_sheet_of_another_name_with_telfords_headers_is_the_response(
    make_workbook: Make,
) -> None:
    result = read_workbook(make_workbook({"Table 1": [TELFORD, *ROWS]}))
    assert result.report.errors == []
    assert result.response is not None
    assert result.response.recommendations[0].responsible.startswith("Karen Perry")


def test_a_rejection_with_no_action_column_says_the_column_is_missing(
    make_workbook: Make,
) -> None:
    headers = ["No", "Recommendation", "Response", "Reasons given"]
    rows = [["1", "Publish the numbers", "Not accepted", "Held by the placing authorities"]]
    result = read_workbook(make_workbook({"Recommendations": [headers, *rows]}))
    (error,) = result.report.errors
    assert (error.code, error.row) == ("missing-cell", 2)
    assert "Type the reason in the Action column" not in error.message
    assert 'The sheet has no Action column (headed "Action" or "Reason", for example)' in (
        error.message)
    assert 'rename its header to "Action"' in error.message


def test_a_note_in_brackets_at_a_headers_end_is_set_aside(make_workbook: Make) -> None:
    headers = [{"Lead": "Lead (name and title)", "Target date": "Target date (dd/mm/yyyy)"}.get(
        h, h) for h in ACTION_HEADERS]
    rows = [headers, action_row("Audit files", "On track", priority="1", ref="R1",
                                recommendation="Audit", lead="Jo Britton, SDM")]
    result = read_workbook(make_workbook({"Actions": rows}))
    assert result.report.errors == [] and on_actions(result.report.warnings) == []
    assert result.plan is not None
    (action,) = result.plan.actions
    assert action.lead == "Jo Britton, SDM"
    assert action.target_date is not None and str(action.target_date.date) == "2013-07-30"


def test_a_header_with_a_note_never_takes_the_place_of_the_header_itself(
    make_workbook: Make,
) -> None:
    rows = [[*ACTION_HEADERS, "Status (last month)"],
            [*action_row("Audit", "On track", priority="1", ref="R1", recommendation="A"),
             "Behind schedule"]]
    result = read_workbook(make_workbook({"Actions": rows}))
    assert result.report.errors == []
    assert result.plan is not None and result.plan.actions[0].status == "on_track"
    assert flat(on_actions(result.report.notices)) == [
        ("notice", "extra-label", 1, "Status (last month)")]


def test_two_headers_with_notes_for_one_column_are_neither_read(make_workbook: Make) -> None:
    """'Target date (original)' and 'Target date (revised)': which is the Target date is not
    clear, so neither is taken for it, and each is warned of (the plan prints a Target date)."""
    headers = [h for h in ACTION_HEADERS if h != "Target date"]
    headers += ["Target date (original)", "Target date (revised)"]
    row = [c for h, c in zip(ACTION_HEADERS, action_row(priority="1", ref="R1",
                                                        recommendation="A"), strict=True)
           if h != "Target date"]
    result = read_workbook(make_workbook({"Actions": [headers, [*row, "30/06/2013",
                                                                "30/09/2013"]]}))
    assert result.report.errors == []
    assert result.plan is not None and result.plan.actions[0].target_date is None
    assert flat(on_actions(result.report.warnings)) == [
        ("warning", "extra-label", 1, "Target date (original)"),
        ("warning", "extra-label", 1, "Target date (revised)"),
    ]


def test_unknown_column_of_data_on_a_sheet_lacking_a_printed_column_is_a_warning(
    make_workbook: Make,
) -> None:
    """Before: a Note, seen only with --notices, while the response printed no one
    responsible on any row."""
    headers = ["No", "Recommendation", "Response", "Action", "Who will do it"]
    rows = [["1", "Publish the numbers", "Accepted", "Publish yearly", "Karen Perry"]]
    result = read_workbook(make_workbook({"Recommendations": [headers, *rows]}))
    assert result.report.errors == []
    (warning,) = result.report.warnings
    assert flat([warning]) == [("warning", "extra-label", 1, "Who will do it")]
    assert warning.message == (
        "The column 'Who will do it' (column E) is not one this tool knows, so its data "
        "(from row 2) is left out of the cabinet response. The sheet has no \"Action date\" "
        "and \"Responsible\" columns, which the cabinet response prints: if column E holds "
        "one of them, rename its header to that name (\"Action date\" or \"Responsible\"). "
        "If it holds something else, leave it: it is simply not printed.")


def test_unknown_column_with_no_data_is_still_a_note(make_workbook: Make) -> None:
    headers = ["No", "Recommendation", "Response", "Action", "Who will do it"]
    rows = [["1", "Publish the numbers", "Accepted", "Publish yearly", None]]
    result = read_workbook(make_workbook({"Recommendations": [headers, *rows]}))
    assert result.report.warnings == []
    assert flat(result.report.notices) == [("notice", "extra-label", 1, "Who will do it")]
    assert result.report.notices[0].message == (
        "The column 'Who will do it' is not one this tool knows; it was ignored (left out "
        "of the cabinet response).")


def test_a_plan_lacking_its_progress_column_warns_of_a_column_of_yours(
    make_workbook: Make,
) -> None:
    headers = [("Position at September" if h == "Progress" else h) for h in ACTION_HEADERS]
    rows = [headers, action_row(priority="1", ref="R1", recommendation="A")]
    result = read_workbook(make_workbook({"Actions": rows}))
    (warning,) = on_actions(result.report.warnings)
    assert (warning.code, warning.column) == ("extra-label", "Position at September")
    assert ('The sheet has no "Progress" column, which the plan prints: if column K holds '
            'it, rename its header to "Progress".') in warning.message
