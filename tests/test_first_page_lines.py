"""The performance report, the cabinet response and the exception report name the committee,
the meeting date and the report number on their first page when the Details give them, as
the plan does; their running header and footer carry the title (python-docx read-back)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner
from conftest import ACTION_HEADERS, action_row

from pipeline.cli import main

MEETING = [["Organisation", "Telford & Wrekin Council"],
           ["Committee", "Children & Young People Scrutiny Committee"],
           ["Meeting date", "15/08/2013"], ["Report number", "4"],
           ["Protective marking", "OFFICIAL"]]


def _books(make_workbook: Any) -> dict[str, tuple[Path, str]]:
    plan = make_workbook({
        "Details": [["Title", "Improvement Plan"], ["As at", "31/07/2013"], *MEETING],
        "Actions": [ACTION_HEADERS, action_row("Audit the files", "Behind schedule")],
    }, name="plan.xlsx")
    indicators = make_workbook({
        "Details": [["Title", "Performance & outcomes"], ["As at", "Sep 2011"], *MEETING],
        "Indicators": [["Code", "Title", "Polarity", "Unit", "Target"],
                       ["NI1", "Visits on time", "High", "%", 80]],
        "Values": [["Code", "Period", "Value"], ["NI1", "Aug 2011", 70], ["NI1", "Sep 2011", 75]],
    }, name="indicators.xlsx")
    response = make_workbook({
        "Details": [["Scrutiny report", "Placements"], *MEETING],
        "Recommendations": [["Number", "Theme", "Recommendation", "Response", "Action"],
                            ["1", "Parents", "Hold briefings", "Accepted", "Agreed."]],
    }, name="response.xlsx")
    return {
        "exceptions": (plan, "Exception report: Improvement Plan"),
        "performance": (indicators, "Performance & outcomes"),
        "response": (response, "Cabinet Response to Scrutiny Report"),
    }


@pytest.mark.parametrize("command", ["exceptions", "performance", "response"])
def test_first_page_names_the_meeting_and_header_footer_the_title(
    command: str, make_workbook: Any, tmp_path: Path
) -> None:
    book, title = _books(make_workbook)[command]
    out = tmp_path / f"{command}.docx"
    result = CliRunner().invoke(main, [command, str(book), "-o", str(out)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    doc = docx.Document(str(out))
    first = [p.text for p in doc.paragraphs[:8]]
    assert first[0] == title
    if command != "response":  # the response names it in its header block
        assert "Committee: Children & Young People Scrutiny Committee" in first
    else:
        assert ("Scrutiny Committee: Children & Young People Scrutiny Committee"
                in [p.text for p in doc.paragraphs])
    assert "Meeting date: 15 August 2013" in first
    assert "Report number: 4" in first
    section = doc.sections[0]
    assert [p.text for p in section.header.paragraphs if p.text] == [title, "OFFICIAL"]
    footer = [p.text for p in section.footer.paragraphs if p.text]
    assert footer[0] == "OFFICIAL"
    assert footer[1].startswith(f"{title} \u2013 Page ")


def test_no_meeting_lines_when_the_details_give_none(make_workbook: Any, tmp_path: Path) -> None:
    book = make_workbook({
        "Indicators": [["Code", "Title", "Polarity", "Target"], ["NI1", "Visits", "High", 80]],
        "Values": [["Code", "Period", "Value"], ["NI1", "Sep 2011", 75]],
    })
    out = tmp_path / "performance.docx"
    result = CliRunner().invoke(main, ["performance", str(book), "-o", str(out)])
    assert result.exit_code == 0, result.output
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert not any(t.startswith(("Committee:", "Meeting date:", "Report number:")) for t in texts)
