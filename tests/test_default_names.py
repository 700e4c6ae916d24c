"""The name a document gets in outputs/ when no -o is given comes from what tells one paper
from another (its title; with none, its workbook's name), and such a name never replaces
another paper's document: two reports on two cabinet responses for one meeting each keep
their own file, and a document whose title gives the same name as another paper's is
refused, not written over it. An -o naming the file replaces it, as asked."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner
from test_pack import actions, details

from pipeline.cli import main

MEETING = "2013-08-15"
PLACEMENTS = ("report-children-in-care-placement-strategy-cabinet-response-to-scrutiny-"
              f"recommendations-{MEETING}.docx")
PEER_REVIEW = ("report-safeguarding-peer-review-cabinet-response-to-scrutiny-recommendations-"
               f"{MEETING}.docx")


def response(make_workbook: Any, scrutiny_report: str, name: str) -> Path:
    return make_workbook({
        "Details": [["Scrutiny report", scrutiny_report],
                    ["Committee", "Children & Young People Scrutiny Committee"],
                    ["Meeting date", "15/08/2013"], ["Agenda item", "6"],
                    ["Purpose", "To present the response."],
                    ["Recommendations", "That the Committee notes the response."]],
        "Recommendations": [
            ["Number", "Theme", "Recommendation", "Response", "Action", "Action date",
             "Responsible"],
            ["1", "Corporate Parents", "Hold briefings", "Accepted", "Agreed.", "March 2013",
             "Karen Perry"],
        ],
    }, name=name)


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def title_of(path: Path) -> str:
    return str(docx.Document(str(path)).core_properties.title)


def test_two_reports_on_cabinet_responses_for_one_meeting_keep_their_own_files(
    make_workbook: Any, here: Path
) -> None:
    placements = response(make_workbook, "Children in Care Placement Strategy", "a.xlsx")
    peer_review = response(make_workbook, "Safeguarding Peer Review", "b.xlsx")
    first = CliRunner().invoke(main, ["report", str(placements), "-q"])
    second = CliRunner().invoke(main, ["report", str(peer_review), "-q"])
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    assert first.output == f"Wrote {Path('outputs') / PLACEMENTS}\n"
    assert second.output == f"Wrote {Path('outputs') / PEER_REVIEW}\n"
    assert title_of(here / "outputs" / PLACEMENTS) == (
        "Children in Care Placement Strategy: Cabinet response to scrutiny recommendations")
    assert title_of(here / "outputs" / PEER_REVIEW) == (
        "Safeguarding Peer Review: Cabinet response to scrutiny recommendations")


def test_untitled_papers_are_named_from_their_workbooks(make_workbook: Any, here: Path) -> None:
    for name in ("fostering.xlsx", "adoption.xlsx"):
        given = [row for row in details("", "5", "Ann Smith") if row[0] != "Title"]
        book = make_workbook({"Details": given, "Actions": actions(1)}, name=name)
        stem = name.removesuffix(".xlsx")
        plan = CliRunner().invoke(main, ["plan", str(book), "-q"])
        report = CliRunner().invoke(main, ["report", str(book), "-q"])
        assert plan.output == f"Wrote {Path('outputs') / f'{stem}.docx'}\n"
        assert report.output == f"Wrote {Path('outputs') / f'report-{stem}-{MEETING}.docx'}\n"


def test_a_default_name_never_replaces_another_papers_document(
    make_workbook: Any, here: Path
) -> None:
    first = make_workbook({"Details": details("Fostering plan", "5", "Ann Smith"),
                           "Actions": actions(1)}, name="a.xlsx")
    other = make_workbook({"Details": details("Fostering Plan!", "6", "Bob Jones"),
                           "Actions": actions(2)}, name="b.xlsx")
    made = Path("outputs") / f"report-fostering-plan-{MEETING}.docx"
    assert CliRunner().invoke(main, ["report", str(first), "-q"]).output == f"Wrote {made}\n"
    refused = CliRunner().invoke(main, ["report", str(other), "-q"])
    assert refused.exit_code == 1
    assert refused.stdout == ""
    keep = Path("outputs") / f"report-fostering-plan-{MEETING}-2.docx"
    assert refused.stderr.splitlines()[0] == (
        f"Error: {made} already holds another paper, 'Fostering plan', so it was not "
        "replaced with 'Fostering Plan!' (the two titles give the same file name). Nothing "
        f"was written. To keep both, give this one a name of its own with -o, such as -o "
        f"{keep}; to replace the one there, give its name: -o {made}.")
    assert title_of(here / made) == "Fostering plan"
    # into a folder (-o DIR/): the same name, so the same refusal
    folder = CliRunner().invoke(main, ["report", str(other), "-q", "-o", f"outputs{os.sep}"])
    assert folder.exit_code == 1 and "already holds another paper" in folder.stderr
    # the same paper made again is replaced, as always; -o naming the file replaces it
    again = CliRunner().invoke(main, ["report", str(first), "-q"])
    assert again.output == f"Replaced {made}\n"
    asked = CliRunner().invoke(main, ["report", str(other), "-q", "-o", str(made)])
    assert asked.output == f"Replaced {made}\n"
    assert title_of(here / made) == "Fostering Plan!"


def test_a_file_there_that_is_no_document_is_not_replaced(make_workbook: Any,
                                                          here: Path) -> None:
    book = make_workbook({"Details": details("Fostering plan", "5", "Ann Smith"),
                          "Actions": actions(1)}, name="a.xlsx")
    made = here / "outputs" / "fostering-plan.docx"
    made.parent.mkdir()
    made.write_text("my notes")
    result = CliRunner().invoke(main, ["plan", str(book), "--format", "json"])
    assert result.exit_code == 1
    assert made.read_text() == "my notes"
    assert (f"{Path('outputs') / 'fostering-plan.docx'} is already there but has no title, so "
            "it is not known to be 'Fostering plan', and it was not replaced. Nothing was "
            "written.") in result.stdout
