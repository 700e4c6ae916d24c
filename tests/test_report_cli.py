"""`committee report` behaves as every single-document command (README, "How every command
behaves"): it is made from the registry like them, so it has --format json, -q, -v, --title,
--as-at, and `-o DIR/` puts the report in DIR under its usual name; `committee --help`
lists audit under Checking."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner
from test_pack import actions, details

from pipeline.cli import main

NAME = "report-fostering-plan-2013-08-15.docx"


@pytest.fixture
def book(make_workbook: Any) -> Path:
    return make_workbook({"Details": details("Fostering plan", "5", "Ann Smith"),
                          "Actions": actions(2)}, name="fostering.xlsx")


def test_report_into_a_folder_under_its_usual_name(book: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["report", str(book), "-o", f"{tmp_path / 'papers'}/"])
    assert result.exit_code == 0, result.output
    made = tmp_path / "papers" / NAME
    assert result.output.splitlines() == [
        f"Wrote {made}", "Recommendations: 1 in, 1 written",
        "Appendix A \u2013 Improvement plan: 2 actions and 2 recommendations in, 2 and 2 "
        "written"]
    again = CliRunner().invoke(main, ["report", str(book), "-o", f"{tmp_path / 'papers'}/",
                                      "-q"])
    assert again.output == f"Replaced {made}\n"


def test_report_as_json_for_other_programs(book: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    result = CliRunner().invoke(main, ["report", str(book), "-o", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["kind"] == "report" and data["path"] == str(out)
    assert data["in"]["report_recommendations"] == data["written"]["report_recommendations"]


def test_report_title_and_as_at_win_over_the_details_sheet(book: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    result = CliRunner().invoke(main, ["report", str(book), "-o", str(out),
                                       "--title", "Fostering & adoption", "--as-at",
                                       "31/08/2013"])
    assert result.exit_code == 0, result.output
    document = docx.Document(str(out))
    assert document.paragraphs[0].text == "Fostering & adoption"
    assert document.core_properties.title == "Fostering & adoption"


def test_report_to_a_name_that_is_not_docx_says_so_once(book: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["report", str(book), "-o", str(tmp_path / "r.txt")])
    assert result.exit_code == 1
    assert result.output.count("does not end in .docx") == 1


def test_main_help_lists_audit_under_checking() -> None:
    text = CliRunner().invoke(main, ["--help"]).output
    checking = text.split("Checking:")[1].split("Options:")[0]
    assert "audit        check a Word document against the accessibility checklist" in checking
