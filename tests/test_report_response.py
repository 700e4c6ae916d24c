"""A committee report made from a cabinet-response workbook: it speaks of the scrutiny
recommendations and the Cabinet's response (title, Purpose, Background, the warning), and
its appendix is the update, with the Progress column, when the report goes to the update
meeting. Read back with python-docx."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
from click.testing import CliRunner
from conftest import ACTION_HEADERS, action_row

from pipeline.cli import main

HEADERS = ["Number", "Theme", "Recommendation", "Response", "Action", "Action date",
           "Responsible", "Progress"]
DETAILS: list[list[Any]] = [
    ["Organisation", "Telford & Wrekin Council"],
    ["Committee", "Children & Young People Scrutiny Committee"],
    ["Meeting date", "15/08/2013"],
    ["Scrutiny report", "Children in Care Placement Strategy"],
    ["Scrutiny report date", "18/04/2013"],
    ["Cabinet member", "Cllr. Paul Watling"],
    ["Date of cabinet meeting", "27/06/2013"],
    ["Update date", "15/08/2013"],
    ["Report number", "4"],
    ["As at", "31/07/2013"],
]
ROWS = [
    ["1", "Corporate Parents", "Hold regular briefings for members", "Accepted",
     "Training agreed.", "March 2013", "Karen Perry", "The first briefing was held in March."],
    ["2", "Quality Assurance", "Review the recording of visits", "Not accepted",
     "A single figure will be given.", "", "Angela Yapp", ""],
]


def _workbook(make_workbook: Any, details: list[list[Any]] = DETAILS,
              rows: list[list[Any]] = ROWS, name: str = "response.xlsx") -> Path:
    return make_workbook({"Details": details, "Recommendations": [HEADERS, *rows]}, name=name)


def _report(path: Path, out: Path, *extra: str) -> tuple[docx.Document, str]:
    result = CliRunner().invoke(main, ["report", str(path), *extra, "-o", str(out)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return docx.Document(str(out)), result.output


def _paragraphs(doc: docx.Document) -> list[str]:
    return [p.text for p in doc.paragraphs if p.text.strip()]


def _section(doc: docx.Document, heading: str) -> list[str]:
    """The paragraphs under a Heading 1 of the cover, up to the next Heading 1."""
    out: list[str] = []
    inside = False
    for p in doc.paragraphs:
        if p.style.name == "Heading 1":
            inside = p.text == heading
        elif inside and p.text.strip():
            out.append(p.text)
    return out


def test_report_on_a_response_names_the_scrutiny_report_not_a_plan(
    make_workbook: Any, tmp_path: Path
) -> None:
    doc, output = _report(_workbook(make_workbook), tmp_path / "report.docx")
    title = ("Children in Care Placement Strategy: Update on the Cabinet response to "
             "scrutiny recommendations")
    assert doc.core_properties.title == title
    assert doc.paragraphs[0].text == title
    assert doc.sections[0].header.paragraphs[0].text == title
    purpose = ("The purpose of this report is to update the Committee on progress with the "
               "Cabinet's response to the recommendations of the scrutiny report \u2018Children "
               "in Care Placement Strategy\u2019 (18 April 2013).")
    assert _section(doc, "1. Purpose") == [f"1.1 {purpose}"]
    assert _section(doc, "3. Background") == [
        "3.1 The scrutiny report \u2018Children in Care Placement Strategy\u2019 (18 April "
        "2013) made two recommendations.",
        "3.2 The Cabinet responded to them at its meeting on 27 June 2013.",
    ]
    text = "\n".join(_paragraphs(doc)) + output
    assert "improvement plan" not in text.lower()
    assert "progress report" not in text.lower()
    assert f"the report says '{purpose}'" in output


def test_report_to_the_cabinet_meeting_presents_the_response(
    make_workbook: Any, tmp_path: Path
) -> None:
    details = [r for r in DETAILS if r[0] not in ("Meeting date", "Update date")]
    details.append(["Meeting date", "27/06/2013"])
    doc, output = _report(_workbook(make_workbook, details), tmp_path / "report.docx")
    assert doc.core_properties.title == ("Children in Care Placement Strategy: Cabinet response "
                                         "to scrutiny recommendations")
    assert _section(doc, "1. Purpose") == [
        "1.1 The purpose of this report is to present the Cabinet's response to the "
        "recommendations of the scrutiny report \u2018Children in Care Placement Strategy\u2019 "
        "(18 April 2013)."]
    # Not yet the update: no Progress column.
    headers = [c.text for t in doc.tables for c in t.rows[0].cells]
    assert "Scrutiny Recommendation" in headers and "Progress" not in headers


def test_typed_background_and_title_are_kept_and_nothing_is_invented(
    make_workbook: Any, tmp_path: Path
) -> None:
    details = [["Title", "CiC & placements"], ["Background", "As the Committee asked."],
               ["Committee", "Scrutiny"], ["Meeting date", "15/08/2013"], ["Report number", "4"]]
    doc, _ = _report(_workbook(make_workbook, details), tmp_path / "report.docx")
    assert doc.core_properties.title == "CiC & placements"
    assert _section(doc, "3. Background") == ["3.1 As the Committee asked."]
    bare = [["Committee", "Scrutiny"], ["Meeting date", "15/08/2013"], ["Report number", "4"]]
    doc, _ = _report(_workbook(make_workbook, bare, name="bare.xlsx"), tmp_path / "bare.docx")
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert not any("Background" == h.split(". ", 1)[-1] for h in headings)
    assert not any("fourth" in p for p in _paragraphs(doc))


def _progress_rows(doc: docx.Document) -> list[list[str]]:
    rows: list[list[str]] = []
    for table in doc.tables:
        header = [c.text for c in table.rows[0].cells]
        if header[-1] == "Progress":
            rows += [[c.text for c in r.cells] for r in table.rows[1:]]
    return rows


def test_the_update_meeting_gets_the_update_with_progress(
    make_workbook: Any, tmp_path: Path
) -> None:
    doc, _ = _report(_workbook(make_workbook), tmp_path / "report.docx")
    rows = _progress_rows(doc)
    assert [r[-1] for r in rows] == ["The first briefing was held in March.", ""]
    assert ("Update on Action Plan \u2013 Cabinet Response to Scrutiny Report"
            in _paragraphs(doc))
    assert "Position as at 31 July 2013" in _paragraphs(doc)


def test_report_given_the_response_as_a_file_shows_the_update(
    make_workbook: Any, tmp_path: Path
) -> None:
    """`committee report plan.xlsx --response FILE`: the plan's meeting is the update's."""
    plan = make_workbook({
        "Details": [["Title", "Improvement Plan"], ["Committee", "Scrutiny"],
                    ["Meeting date", "15/08/2013"]],
        "Actions": [ACTION_HEADERS, action_row("Review the weekly reports", "Complete")],
    }, name="plan.xlsx")
    response = _workbook(make_workbook)
    doc, output = _report(plan, tmp_path / "report.docx", "--response", str(response))
    assert [r[-1] for r in _progress_rows(doc)] == ["The first briefing was held in March.", ""]
    assert ("1.1 The purpose of this report is to update the Committee on progress with the "
            "Improvement Plan.") in _paragraphs(doc)


def test_response_update_is_at_the_as_at_date_and_meets_on_the_update_date(
    make_workbook: Any, tmp_path: Path
) -> None:
    """`committee response --update`: As at 31/07/2013 wins; 15/08/2013 is the meeting."""
    out = tmp_path / "update.docx"
    result = CliRunner().invoke(main, ["response", str(_workbook(make_workbook)), "--update",
                                       "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    doc = docx.Document(str(out))
    everything = [p.text for p in doc.paragraphs]
    for part in (doc.sections[0].header, doc.sections[0].first_page_header):
        everything += [p.text for p in part.paragraphs]
    text = "\n".join(everything)
    assert "Position as at 31 July 2013" in text
    assert "Position as at 15 August 2013" not in text
    assert "Date of update meeting: 15 August 2013" in everything


def test_the_update_reports_summary_of_progress_says_what_the_update_shows(
    make_workbook: Any, tmp_path: Path
) -> None:
    """The cover recommends noting "the progress made": its Summary of progress says how
    many accepted recommendations have an update, which dates moved, and which actions due
    have none (as Appendix A lists them), not only the decisions."""
    headers = [*HEADERS[:6], "Revised date", *HEADERS[6:]]
    rows = [
        ["1", "Corporate Parents", "Hold regular briefings for members", "Accepted",
         "Training agreed.", "March 2013", "", "Karen Perry",
         "The first briefing was held in March."],
        ["2", "Quality Assurance", "Review the recording of visits", "Partially accepted",
         "A single figure will be given.", "June 2013", "October 2013", "Angela Yapp", ""],
        ["3", "Quality Assurance", "Publish the dashboard", "Accepted",
         "Published monthly.", "May 2013", "", "Angela Yapp", ""],
        ["4", "Contracts", "Review the framework", "Not accepted",
         "The framework is regional.", "", "", "Karen Perry", ""],
    ]
    path = make_workbook({"Details": DETAILS, "Recommendations": [headers, *rows]})
    doc, _ = _report(path, tmp_path / "report.docx")
    summary = _section(doc, "4. Summary of progress")
    assert summary == [
        "Response to the scrutiny recommendations",
        "4.1 Three of four recommendations were wholly or partly accepted and one was not "
        "accepted.",
        "4.2 One of the three recommendations accepted has a progress update.",
        "4.3 One date has moved: 2 now October 2013 (was June 2013).",
        "4.4 One action due by May 2013 has no update:",
        "3: Publish the dashboard",
    ]
