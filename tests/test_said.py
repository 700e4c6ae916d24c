"""What the commands say is made by the library as data (pipeline.said, pipeline.check,
pipeline.batch.summary): the command line only prints it (issue 12 item 4)."""

from __future__ import annotations

from pathlib import Path

from conftest import ACTION_HEADERS, action_row, build_workbook

from pipeline.check import check_file, check_lines
from pipeline.issues import Issue, PipelineError
from pipeline.said import Listed, Said, error_lines, issue_lines, quoted


def _bad_statuses(path: Path, n: int) -> Path:
    rows = [action_row(f"Action {i}", status="Purple") for i in range(n)]
    return build_workbook(path, {"Actions": [ACTION_HEADERS, *rows]})


def test_a_flood_of_one_problem_is_five_lines_and_how_many_more(tmp_path: Path) -> None:
    checked = check_file(_bad_statuses(tmp_path / "plan.xlsx", 20))
    lines = check_lines([checked], {})
    assert lines[0] == Said(f"{tmp_path / 'plan.xlsx'}: 20 problems to fix")
    (listed,) = [line for line in lines if isinstance(line, Listed)]
    shown = issue_lines(listed.issues, indent=listed.indent)
    assert shown[0].startswith("  Error: sheet 'Actions', row 2, column 'Status': 'Purple'")
    assert [line[:39] for line in shown[1:5]] == [
        f"  Error: sheet 'Actions', row {n}, column" for n in (3, 4, 5, 6)]
    assert shown[5] == "  ... and 15 more like it (add -v to see them all)"
    assert shown[6].startswith("  Warning: No 'As at' date")  # another kind: shown whole
    every = issue_lines(listed.issues, every=True)
    assert sum(line.startswith("  Error:") for line in every) == 20


def test_errors_are_listed_before_warnings() -> None:
    warning = Issue("unique-error", "warning", "given twice", sheet="Details", row=3)
    error = Issue("constraint-error", "error", "not a status", sheet="Actions", row=9)
    assert issue_lines([warning, error]) == [
        "  Error: sheet 'Actions', row 9: not a status",
        "  Warning: sheet 'Details', row 3: given twice",
    ]


def test_an_error_does_not_repeat_its_headline_but_lists_located_issues() -> None:
    error = PipelineError("plan.xlsx has 1 problem to fix", [
        Issue("format-error", "error", "plan.xlsx has 1 problem to fix", file="plan.xlsx"),
        Issue("type-error", "error", "'soon' is not a date", file="plan.xlsx",
              sheet="Actions", row=4, column="Target date"),
    ])
    head, listed = error_lines(error)
    assert head == Said("Error: plan.xlsx has 1 problem to fix", err=True)
    assert isinstance(listed, Listed) and listed.err
    assert [i.row for i in listed.issues] == [4]


def test_several_workbooks_issues_come_under_each_file() -> None:
    error = PipelineError("2 workbooks have problems", [
        Issue("missing-sheet", "error", "no Actions sheet", file="plan.xlsx"),
        Issue("missing-sheet", "error", "no Indicators sheet", file="kpi.xlsx"),
    ])
    lines = error_lines(error, several_files=True)
    said = [line.text for line in lines if isinstance(line, Said)]
    assert said == ["Error: 2 workbooks have problems", "  plan.xlsx:", "  kpi.xlsx:"]
    assert all(line.err for line in lines)


def test_a_file_name_is_quoted_to_paste_into_a_command_line() -> None:
    assert quoted("outputs/plan.xlsx") == "outputs/plan.xlsx"
    assert quoted("Adult plan.xlsx") == '"Adult plan.xlsx"'
    assert quoted('say "hi".xlsx') == '"say \\"hi\\".xlsx"'


def test_an_appendix_of_one_says_it_in_the_singular() -> None:
    from pipeline.said_commands import appendix_lines

    (line,) = appendix_lines({"scrutiny_recommendations": 1}, {"scrutiny_recommendations": 1})
    assert line.endswith(": 1 recommendation in, 1 written"), line
    (plan,) = appendix_lines({"actions": 1, "recommendations": 2},
                             {"actions": 1, "recommendations": 2})
    assert plan.endswith(": 1 action and 2 recommendations in, 1 and 2 written"), plan
