"""Reading the Actions sheet: header finding, fill-down, statuses, located issues."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import ACTION_HEADERS, action_row

from pipeline.issues import Issue
from pipeline.reader import read_workbook

Make = Callable[..., Path]


def only(issues: list[Issue], code: str) -> Issue:
    found = [i for i in issues if i.code == code]
    assert len(found) == 1, [i.describe() for i in issues]
    return found[0]


def test_untidy_real_world_plan(make_workbook: Make) -> None:
    """Title rows, aliases, merged priority cells, mixed-case statuses, text dates."""
    rows = [
        ["WORKING DOCUMENT: CHILDREN'S SERVICES IMPROVEMENT PLAN"],
        ["Key to RAG rating"],
        [],
        [
            "Priority no",
            "Rec  no",
            "Recommendation\ntext",
            "Key action",
            "Success measure",
            "Origin",
            "Evidence",
            "Timeframe",
            "Lead(s)",
            "Target\u00a0date",
            "Progress update",
            "RAG status",
        ],
        [
            "PRIORITY 1: ENSURE THERE IS A TIMELY RESPONSE",
            "R1",
            "RECOMMENDATION : Ensure outcomes are recorded",
            "Amend the monitoring",
            "Timely",
            "Ofsted",
            "Audit",
            "Immediate",
            "Maria White",
            "Aug-12",
            "Done",
            "COMPLETE",
        ],
        [
            None,
            None,
            None,
            "Include focus on CP",
            "Timely",
            "Ofsted",
            "Audit",
            "Immediate",
            "Maria White",
            "Apr-13",
            "Ongoing work",
            "in progress",
        ],
        [
            None,
            "R2",
            "End the unsafe practice",
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        ],
        [
            "PRIORITY 2: REDESIGN SERVICES",
            "R4",
            "Redesign",
            "Carry out review",
            "Fewer changes",
            "Ofsted",
            "Feedback",
            "3 months",
            "Karen Perry",
            "June 2013",
            "Review done",
            "Behind Schedule",
        ],
        [None, None, None, "Second", "x", "y", "z", "3 months", "KP", "Ongoing", "p", "b"],
    ]
    path = make_workbook({"Plan": rows}, merged={"Plan": ["A5:A7"]})
    result = read_workbook(path)
    assert result.report.errors == []
    plan = result.plan
    assert plan is not None
    assert [p.heading for p in plan.priorities] == [
        "Priority 1: ENSURE THERE IS A TIMELY RESPONSE",
        "Priority 2: REDESIGN SERVICES",
    ]
    assert [(r.ref, r.text, len(r.actions)) for r in plan.recommendations] == [
        ("R1", "Ensure outcomes are recorded", 2),
        ("R2", "End the unsafe practice", 0),
        ("R4", "Redesign", 2),
    ]
    assert [a.status for a in plan.actions] == ["complete", "on_track", "behind", "complete"]
    assert plan.actions[0].target_date is not None
    assert plan.actions[0].target_date.text == "Aug-12"
    assert plan.actions[3].target_date is not None
    assert plan.actions[3].target_date.text == "Ongoing"
    assert plan.actions[3].target_date.date is None
    assert result.counts() == {"priorities": 2, "recommendations": 3, "actions": 4}


def test_wrong_status_at_row_9_is_located_with_accepted_values(make_workbook: Make) -> None:
    rows = [
        ["Improvement plan"],
        [],
        [],
        [],
        [],
        [],
        ACTION_HEADERS,
        action_row(priority="1", ref="R1", recommendation="Rec"),
        action_row("Second", status="Finished"),
    ]
    result = read_workbook(make_workbook({"Actions": rows}))
    issue = only(result.report.errors, "constraint-error")
    assert (issue.sheet, issue.row, issue.column, issue.value) == (
        "Actions",
        9,
        "Status",
        "Finished",
    )
    assert issue.message == (
        "'Finished' is not a status the plan uses. Use one of: Complete, On track, At risk, "
        "Behind schedule, Not started."
    )


def test_close_status_gets_a_suggestion(make_workbook: Make) -> None:
    rows = [ACTION_HEADERS, action_row(ref="R1", recommendation="Rec", status="Compelte")]
    issue = only(read_workbook(make_workbook({"Actions": rows})).report.errors, "constraint-error")
    assert issue.message.endswith('Did you mean "Complete"?')


def test_missing_label(make_workbook: Make) -> None:
    headers = [h for h in ACTION_HEADERS if h != "Status"]
    rows = [["Plan title"], headers, action_row(ref="R1", recommendation="Rec")[:-1]]
    issue = only(read_workbook(make_workbook({"Actions": rows})).report.errors, "missing-label")
    assert (issue.sheet, issue.row, issue.column) == ("Actions", 2, "Status")
    assert issue.message.startswith(
        'No column headed "Status" (or RAG, RAG status, RAG rating, BRAG) was found. '
        "The header row seems to be row 2 (Priority, Ref,"
    )


def test_duplicate_label_names_the_cells(make_workbook: Make) -> None:
    headers = [*ACTION_HEADERS, "Lead officer"]
    rows = [headers, [*action_row(ref="R1", recommendation="Rec"), "Bob"]]
    issue = only(read_workbook(make_workbook({"Actions": rows})).report.errors, "duplicate-label")
    assert (issue.sheet, issue.row, issue.column) == ("Actions", 1, "Lead")
    assert "appears 2 times (cells I1, M1)" in issue.message


def test_extra_label_is_a_notice(make_workbook: Make) -> None:
    rows = [[*ACTION_HEADERS, "Notes for me"], [*action_row(ref="R1", recommendation="R"), "x"]]
    result = read_workbook(make_workbook({"Actions": rows}))
    assert result.report.errors == []
    issue = only(result.report.notices, "extra-label")
    assert (issue.row, issue.column) == (1, "Notes for me")
    assert (
        issue.message == "The column 'Notes for me' is not one this tool knows; it was ignored "
        "(left out of the plan)."
    )


def test_missing_cell_action_with_no_text(make_workbook: Make) -> None:
    rows = [
        ACTION_HEADERS,
        action_row(ref="R1", recommendation="Rec"),
        [None, None, None, None, "Outcome only", None, None, None, "Ann", None, "p", "Complete"],
    ]
    issue = only(read_workbook(make_workbook({"Actions": rows})).report.errors, "missing-cell")
    assert (issue.sheet, issue.row, issue.column) == ("Actions", 3, "Action")
    assert issue.message == (
        "This row has Outcome, Lead, Progress, Status but no action. "
        "Type the action, or delete the row."
    )


def test_status_shown_only_by_colour(tmp_path: Path) -> None:
    import openpyxl
    from openpyxl.styles import PatternFill

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Actions"
    ws.append(ACTION_HEADERS)
    ws.append(action_row(ref="R1", recommendation="Rec", status=""))
    ws["L2"].fill = PatternFill("solid", fgColor="FF00B050")
    wb.save(tmp_path / "colour.xlsx")
    issue = only(read_workbook(tmp_path / "colour.xlsx").report.errors, "missing-cell")
    assert (issue.row, issue.column) == (2, "Status")
    assert issue.message.startswith(
        "The status is shown only by the cell's colour. The cell is green: did you mean "
        '"On track"? Type the status'
    )


def test_format_error_impossible_date(make_workbook: Make) -> None:
    rows = [ACTION_HEADERS, action_row(ref="R1", recommendation="Rec", target="31/02/2025")]
    issue = only(read_workbook(make_workbook({"Actions": rows})).report.errors, "format-error")
    assert (issue.row, issue.column, issue.value) == (2, "Target date", "31/02/2025")


def test_unique_error_for_an_action_typed_twice(make_workbook: Make) -> None:
    rows = [ACTION_HEADERS, action_row(ref="R1", recommendation="Rec"), action_row()]
    result = read_workbook(make_workbook({"Actions": rows}))
    issue = only(result.report.warnings, "unique-error")
    assert (issue.row, issue.column) == (3, "Action")
    assert issue.message.startswith("This action is the same as the one in row 2 (ref R1).")
    assert len(result.plan.actions) == 2  # type: ignore[union-attr]


def test_formula_error_value(make_workbook: Make) -> None:
    rows = [ACTION_HEADERS, action_row(ref="R1", recommendation="Rec", lead="#REF!")]
    issue = only(read_workbook(make_workbook({"Actions": rows})).report.errors, "formula-error")
    assert (issue.row, issue.column, issue.value) == (2, "Lead", "#REF!")


def test_text_changed_names_the_cell(make_workbook: Make) -> None:
    rows = [ACTION_HEADERS, action_row(ref="R1", recommendation="Rec", progress="a_x0001_b")]
    result = read_workbook(make_workbook({"Actions": rows}))
    issue = only(result.report.warnings, "text-changed")
    assert (issue.row, issue.column) == (2, "Progress")
    assert result.plan.actions[0].progress == "ab"  # type: ignore[union-attr]


def test_hidden_rows_are_kept_with_a_warning(make_workbook: Make) -> None:
    rows = [ACTION_HEADERS, action_row(ref="R1", recommendation="Rec"), action_row("Hidden one")]
    result = read_workbook(make_workbook({"Actions": rows}, hidden_rows={"Actions": [3]}))
    issue = only(result.report.warnings, "hidden-content")
    assert issue.row == 3
    assert len(result.plan.actions) == 2  # type: ignore[union-attr]


def test_hidden_stale_sheet_is_ignored_with_a_warning(make_workbook: Make) -> None:
    old = [ACTION_HEADERS, action_row("Old action", ref="R1", recommendation="Old")]
    new = [ACTION_HEADERS, action_row("New action", ref="R1", recommendation="New")]
    path = make_workbook({"Actions (old)": old, "Actions": new}, hidden_sheets=["Actions (old)"])
    result = read_workbook(path)
    assert result.report.errors == []
    assert [a.text for a in result.plan.actions] == ["New action"]  # type: ignore[union-attr]
    issue = only(result.report.warnings, "hidden-content")
    assert issue.sheet == "Actions (old)"
    assert "'Actions' was read and 'Actions (old)' was ignored (it is hidden)" in issue.message


def test_missing_sheet(make_workbook: Make) -> None:
    result = read_workbook(make_workbook({"Sheet1": [["Hello"]]}))
    issue = only(result.report.errors, "missing-sheet")
    assert issue.message.startswith("No sheet this tool can use was found (sheets: 'Sheet1').")


def test_repeated_title_row_is_skipped(make_workbook: Make) -> None:
    rows = [
        ["WORKING DOCUMENT: PLAN"],
        ACTION_HEADERS,
        action_row(ref="R1", recommendation="Rec"),
        ["WORKING DOCUMENT: PLAN"],
        action_row("Next page action"),
    ]
    result = read_workbook(make_workbook({"Actions": rows}))
    assert result.report.errors == []
    assert only(result.report.notices, "blank-row").row == 4
    assert len(result.plan.actions) == 2  # type: ignore[union-attr]


def test_rag_key_sheet_replaces_labels(make_workbook: Make) -> None:
    key = [
        ["Label", "Colour", "Meaning", "Aliases"],
        ["Complete", "Blue", "complete", ""],
        ["In Progress on schedule", "Green", "on track", "in progress"],
        ["Behind Schedule", "Red", "behind", ""],
    ]
    rows = [ACTION_HEADERS, action_row(ref="R1", recommendation="Rec", status="in progress")]
    result = read_workbook(make_workbook({"Actions": rows, "RAG key": key}))
    plan = result.plan
    assert plan is not None and result.report.errors == []
    assert [e.label for e in plan.scheme.key_entries] == [
        "Complete",
        "In Progress on schedule",
        "Behind Schedule",
    ]
    assert plan.scheme.entry("on_track").fill == "00703C"


def test_rag_key_low_contrast_is_a_warning(make_workbook: Make) -> None:
    key = [["Label", "Colour", "Meaning"], ["Done", "#FFFF00", "complete"]]
    rows = [ACTION_HEADERS, action_row(ref="R1", recommendation="Rec", status="Done")]
    result = read_workbook(make_workbook({"Actions": rows, "RAG key": key}))
    assert result.report.errors == []
    assert result.plan.actions[0].status == "complete"  # type: ignore[union-attr]
    # yellow with black text passes; yellow with white text does not
    key2 = [
        ["Label", "Colour", "Text colour", "Meaning"],
        ["Done", "#FFDD00", "#FFFFFF", "complete"],
    ]
    result2 = read_workbook(make_workbook({"Actions": rows, "RAG key": key2}, name="b.xlsx"))
    issue = only(result2.report.warnings, "contrast-error")
    assert (issue.sheet, issue.row, issue.column) == ("RAG key", 2, "Colour")


def test_details_sheet(make_workbook: Make) -> None:
    details = [
        ["Title", "Children's Services Improvement Plan"],
        ["Council", "Telford & Wrekin Council"],
        ["Position as at", "30/07/2013"],
        ["Report number", 3],
        ["Meeting date", "31/02/2013"],
    ]
    rows = [ACTION_HEADERS, action_row(ref="R1", recommendation="Rec")]
    result = read_workbook(make_workbook({"Details": details, "Actions": rows}))
    d = result.details
    assert d.title == "Children's Services Improvement Plan"
    assert d.organisation == "Telford & Wrekin Council"
    assert (
        d.as_at is not None
        and d.as_at.date is not None
        and d.as_at.date.isoformat() == "2013-07-30"
    )
    assert d.report_number == 3
    issue = only(result.report.errors, "format-error")
    assert (issue.sheet, issue.row, issue.column) == ("Details", 5, "B")


def test_type_error_report_number(make_workbook: Make) -> None:
    details = [["Report number", "third"]]
    rows = [ACTION_HEADERS, action_row(ref="R1", recommendation="Rec")]
    result = read_workbook(make_workbook({"Details": details, "Actions": rows}))
    issue = only(result.report.errors, "type-error")
    assert (issue.sheet, issue.row, issue.column, issue.value) == ("Details", 1, "B", "third")


def test_all_errors_of_a_workbook_in_one_pass(make_workbook: Make) -> None:
    rows = [
        ACTION_HEADERS,
        action_row(ref="R1", recommendation="Rec", status="nope"),
        action_row("b", target="32/01/2013"),
        action_row("c", status=""),
    ]
    errors = read_workbook(make_workbook({"Actions": rows})).report.errors
    assert [(i.row, i.code) for i in errors] == [
        (2, "constraint-error"),
        (3, "format-error"),
        (4, "missing-cell"),
    ]


def test_not_a_workbook(tmp_path: Path) -> None:
    bad = tmp_path / "plan.xlsx"
    bad.write_text("<html><table><tr><td>x</td></tr></table></html>")
    issue = only(read_workbook(bad).report.errors, "format-error")
    assert "web page (HTML)" in issue.message
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    assert "empty (0 bytes)" in only(read_workbook(empty).report.errors, "format-error").message


def test_csv_windows_1252_with_notice(tmp_path: Path) -> None:
    text = (
        ",".join(ACTION_HEADERS)
        + "\r\n"
        + ",".join(
            [
                "1",
                "R1",
                "Rec",
                "Spend \u00a35 \u201cwisely\u201d",
                "",
                "",
                "",
                "",
                "Ann",
                "Aug-12",
                "p",
                "Complete",
            ]
        )
        + "\r\n"
    )
    path = tmp_path / "plan.csv"
    path.write_bytes(text.encode("cp1252"))
    result = read_workbook(path)
    assert result.report.errors == []
    assert result.plan.actions[0].text == "Spend £5 “wisely”"  # type: ignore[union-attr]
    issue = only(result.report.notices, "encoding-error")
    assert "Windows-1252" in issue.message


def test_csv_with_bom_and_line_breaks(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    body = (
        ",".join(ACTION_HEADERS) + '\n1,R1,Rec,Act,,,,,Ann,Aug-12,"line one\nline two",Complete\n'
    )
    path.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    result = read_workbook(path)
    assert result.report.errors == [] and result.report.notices == []
    assert result.plan.actions[0].progress == "line one\nline two"  # type: ignore[union-attr]


def test_numbered_priority_title_keeps_its_number(make_workbook: Make) -> None:
    """'1: Keep children safe' is priority 1, 'Keep children safe' — as 'Priority 1: …' is."""
    rows = [
        ACTION_HEADERS,
        action_row(priority="1: Keep children safe", ref="R1", recommendation="Rec one"),
        action_row(priority="2. Redesign services", ref="R2", recommendation="Rec two"),
        action_row(priority="2013 review of practice", ref="R3", recommendation="Rec three"),
    ]
    result = read_workbook(make_workbook({"Actions": rows}))
    assert result.report.errors == []
    plan = result.plan
    assert plan is not None
    assert [(p.number, p.title) for p in plan.priorities] == [
        ("1", "Keep children safe"),
        ("2", "Redesign services"),
        ("", "2013 review of practice"),
    ]
    assert [p.heading for p in plan.priorities][:2] == [
        "Priority 1: Keep children safe",
        "Priority 2: Redesign services",
    ]


def test_only_the_recommendation_label_is_dropped(make_workbook: Make) -> None:
    """Telford's "RECOMMENDATION : ..." label goes; a recommendation that merely begins with
    the word is kept exactly as typed (it was cut to "s from Ofsted ...")."""
    typed = [
        "RECOMMENDATION : Ensure outcomes are recorded",
        "Recommendations from Ofsted are implemented in full",
        "Recommendation 2.2: restore timescales",
        "Recommendation – keep as typed",
        "Recommendation with no actions yet",
    ]
    rows = [ACTION_HEADERS] + [
        action_row(ref=f"R{i}", recommendation=text, action=f"Action {i}")
        for i, text in enumerate(typed, 1)]
    result = read_workbook(make_workbook({"Actions": rows}))
    texts = [rec.text for p in result.plan.priorities for rec in p.recommendations]
    assert texts == ["Ensure outcomes are recorded", *typed[1:]]


TYPO_HEADERS = ["Ref", "Recommendation", "Action", "Lead", "Target date", "Progress", "Satus"]
TYPO_ROW = ["R1", "Rec", "Act", "Ann", "30/07/2013", "Done.", "Complete"]


def test_csv_with_a_misspelt_header_says_did_you_mean(tmp_path: Path) -> None:
    path = tmp_path / "typo.csv"
    path.write_text(",".join(TYPO_HEADERS) + "\n" + ",".join(TYPO_ROW) + "\n", encoding="utf-8")
    errors = read_workbook(path).report.errors
    assert [(e.code, e.sheet, e.row, e.column, e.message) for e in errors] == [(
        "missing-label", "typo", 1, "Satus",
        "The header 'Satus' (cell G1) is not one this tool knows: did you mean \"Status\"? "
        'The rest of the sheet was checked as if it were. Rename the header to "Status".')]


def test_only_sheet_of_another_name_is_judged_by_its_headers(make_workbook: Make) -> None:
    errors = read_workbook(make_workbook({"Sheet1": [TYPO_HEADERS, TYPO_ROW]})).report.errors
    assert [(e.sheet, e.row, e.column) for e in errors] == [("Sheet1", 1, "Satus")]
    assert 'did you mean "Status"?' in errors[0].message


def test_csv_with_wrong_headers_names_those_found_and_those_expected(tmp_path: Path) -> None:
    path = tmp_path / "wrong-header.csv"
    path.write_text("Reference,Recommendation,Thing to do,Who,When,Progress,State\n"
                    "R1,x,y,z,June 2013,p,Green\n", encoding="utf-8")
    errors = read_workbook(path).report.errors
    found = "(Reference, Recommendation, Thing to do, Who, When, Progress, State)"
    assert [(e.row, e.column, e.message) for e in errors] == [
        (1, "Action", 'No column headed "Action" (or Actions, Key action, Key actions, Task, '
         "Action being taken, Actions being taken) "
         f"was found. The header row seems to be row 1 {found}. Add a column with that header."),
        (1, "Status", 'No column headed "Status" (or RAG, RAG status, RAG rating, BRAG) was '
         f"found. The header row seems to be row 1 {found}. Add a column with that header."),
    ]


def test_csv_with_no_known_header_says_what_its_first_row_holds(tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_text("Foo,Bar\n1,2\n", encoding="utf-8")
    errors = read_workbook(path).report.errors
    assert [(e.code, e.sheet, e.row, e.message) for e in errors] == [(
        "missing-label", "notes", 1,
        "None of the headers this tool reads were found (row 1 holds: Foo, Bar). The first row "
        "should hold the column headers: for a plan Recommendation, Action, Lead, Target "
        "date, Progress and Status; for a cabinet response Recommendation and Response; for "
        "performance indicators Title. See docs/inputs.md, or make a blank workbook with "
        "`committee new plan` and save it as CSV.")]


def test_hidden_columns_are_said_to_be_in_the_documents_or_not(tmp_path: Path) -> None:
    """Peterborough's hidden 'Evidence' column is read (as Measure) and printed; Telford's
    hidden 'Officer notes (not for publication)' is not read: the warning says which."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Actions"
    headers = [h if h != "Measure" else "Evidence" for h in ACTION_HEADERS]
    ws.append([*headers, "Officer notes (not for publication)"])
    ws.append([*action_row(ref="R1", recommendation="Rec"), "Not for the committee"])
    for letter in ("G", "M"):  # Evidence (Measure), the officers' notes
        ws.column_dimensions[letter].hidden = True
    wb.save(tmp_path / "plan.xlsx")
    result = read_workbook(tmp_path / "plan.xlsx")
    issue = only(result.report.warnings, "hidden-content")
    assert issue.message == (
        "Hidden columns hold data: column G ('Evidence') is read as the Measure column, so it "
        "is in the documents; column M ('Officer notes (not for publication)') is not one "
        "this tool reads, so it is not in the documents. Unhide them in Excel to check what "
        "the committee will see.")
