"""Telford's improvement plan as it is typed (seed 001): no Priority or Recommendation
column; a "PRIORITY 1: ..." row of its own starts each priority, and a row "R1 |
RECOMMENDATION : ..." in the Ref and Action columns names each recommendation, its actions
following with the Ref left blank. `check` gave "The status is empty" on every
recommendation row (R3's too, which has no actions); now the layout is read as typed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.reader import read_workbook

Make = Callable[..., Path]

TITLE = "WORKING DOCUMENT: CHILDREN'S SERVICES IMPROVEMENT PLAN"
HEADERS = ["Ref", "Action", "Outcome", "Source", "Measure", "Timescale", "Lead",
           "Target date", "Progress", "Status"]
SRC = "Ofsted 2012 unannounced report (Safeguarding)"
P1 = "PRIORITY 1: ENSURE THERE IS A TIMELY AND EFFECTIVE RESPONSE TO SOCIAL CARE ENQUIRIES"
P2 = ("PRIORITY 2: REDESIGN SOCIAL WORK SERVICES TO BETTER SUPPORT THE CHILD'S JOURNEY FROM "
      "NEEDING TO RECEIVING HELP")


def _act(text: str, status: str = "Complete", ref: str | None = None) -> list[object]:
    return [ref, text, "Timely identification", SRC, "Monitoring", "Immediate",
            "Maria White", "Aug-12", "Done and monitored weekly.", status]


def seed_rows() -> list[list[object]]:
    """The seed's first two priorities, row for row as Telford typed them."""
    return [
        [TITLE],
        ["Key to RAG rating"],
        [None, "Complete"],
        [None, "In Progress on schedule"],
        [None, "Behind Schedule"],
        HEADERS,
        [P1],
        ["R1", "RECOMMENDATION : Ensure that the outcomes of child protection enquiries are "
               "recorded promptly"],
        _act("Amend the monitoring of S47 enquiries"),
        _act("Include focus on writing up of CP enquiries in weekly meetings"),
        _act("Put in place a process to ensure that CP enquiries are recorded promptly"),
        ["R2", "RECOMMENDATION : End the unsafe practice of holding cases as contacts and "
               "referrals for prolonged periods while information gathering"],
        ["R3", "RECOMMENDATION: Ensure the prompt identification of referrals at Family "
               "Connect and Safeguarding Advisory Team"],
        [TITLE],  # the title repeated at a page break
        _act("Review Family Connect Safeguarding Advisory Team (FCSAT)", "In Progress"),
        _act("Put in place a process to monitor contact and referral timescales"),
        [P2],
        ["R4", "RECOMMENDATION : Accelerate plans to provide edge of care service out of hours"],
        _act("Seek user feedback, agree specification for the edge of care service",
             "Behind Schedule"),
        ["R7", "RECOMMENDATION : Facilitate the consistent delivery of planned interventions "
               "by minimising changes of social worker"],
    ]


def test_the_seed_layout_is_read_as_typed(make_workbook: Make) -> None:
    result = read_workbook(make_workbook({"Actions": seed_rows()}))
    assert result.report.errors == []
    assert [i for i in result.report.warnings if i.sheet == "Actions"] == []
    plan = result.plan
    assert plan is not None
    assert [(p.number, p.title[:26]) for p in plan.priorities] == [
        ("1", "ENSURE THERE IS A TIMELY A"), ("2", "REDESIGN SOCIAL WORK SERVI")]
    assert [[(r.ref, r.text[:24], len(r.actions)) for r in p.recommendations]
            for p in plan.priorities] == [
        [("R1", "Ensure that the outcomes", 3), ("R2", "End the unsafe practice ", 0),
         ("R3", "Ensure the prompt identi", 2)],
        [("R4", "Accelerate plans to prov", 1), ("R7", "Facilitate the consisten", 0)]]
    assert [a.ref for a in plan.actions] == ["R1", "R1", "R1", "R3", "R3", "R4"]
    assert [r.source.row for p in plan.priorities for r in p.recommendations
            if r.source is not None] == [8, 12, 13, 18, 20]


def test_check_says_the_seed_layout_is_valid(make_workbook: Make) -> None:
    path = make_workbook({"Details": [["As at", "31/07/2013"], ["Next steps", "In May."]],
                          "Actions": seed_rows()})
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 0, result.output
    assert "The status is empty" not in result.output
    assert result.output.splitlines()[1] == (
        "  improvement plan: 2 priorities, 5 recommendations (2 with no actions yet), "
        "6 actions (4 Complete, 1 On track, 1 Behind schedule)")


def test_the_plan_prints_the_seed_layouts_priorities_and_recommendations(
    make_workbook: Make, tmp_path: Path,
) -> None:
    path = make_workbook({"Details": [["As at", "31/07/2013"]], "Actions": seed_rows()})
    out = tmp_path / "plan.docx"
    result = CliRunner().invoke(main, ["plan", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "6 actions and 5 recommendations in, 6 and 5 written" in result.output
    paragraphs = [(p.style.name, p.text) for p in docx.Document(str(out)).paragraphs]
    headings = [text for style, text in paragraphs if style in ("Heading 1", "Heading 2")]
    start = headings.index("Priority 1: ENSURE THERE IS A TIMELY AND EFFECTIVE RESPONSE TO "
                           "SOCIAL CARE ENQUIRIES")
    assert [h[:40] for h in headings[start:start + 7]] == [
        "Priority 1: ENSURE THERE IS A TIMELY AND",
        "R1: Ensure that the outcomes of child pr",
        "R2: End the unsafe practice of holding c",
        "R3: Ensure the prompt identification of ",
        "Priority 2: REDESIGN SOCIAL WORK SERVICE",
        "R4: Accelerate plans to provide edge of ",
        "R7: Facilitate the consistent delivery o"]
    texts = [text for _, text in paragraphs]
    assert "RECOMMENDATION" not in "\n".join(texts[texts.index(headings[start]):])
    cells = [c.text for t in docx.Document(str(out)).tables for r in t.rows for c in r.cells]
    assert not any("RECOMMENDATION" in c for c in cells)  # no recommendation as an action


def test_an_unlabelled_recommendation_row_is_asked_about(make_workbook: Make) -> None:
    """The seed's R19 has no "RECOMMENDATION :" label: it may be a recommendation or an
    action with no status yet. It stays an error, which says how to make it the first."""
    rows = [HEADERS, [P1],
            ["R19", "Review the capacity and functioning of the IRO team"],
            _act("Undertake a review of the Independent Reviewing Officer (IRO) team")]
    result = read_workbook(make_workbook({"Actions": rows}))
    assert [(i.code, i.row, i.column) for i in result.report.errors] == [
        ("missing-cell", 3, "Status")]
    assert result.report.errors[0].message == (
        "The status is empty. Type the status as text: one of Complete, On track, At risk, "
        "Behind schedule, Not started. If this row names recommendation R19 rather than "
        'giving one of its actions, begin its text with "RECOMMENDATION :" (as in '
        '"RECOMMENDATION : Ensure that ...") and leave the rest of the row blank: its '
        "actions then follow in the rows below.")


def test_a_labelled_row_with_an_actions_cells_is_still_an_action(make_workbook: Make) -> None:
    """Only a row with nothing but its Ref and the labelled text names a recommendation: with
    a lead or a date it is an action (whose status is then asked for), never dropped."""
    rows = [HEADERS, [P1], ["R1", "RECOMMENDATION : Ensure outcomes are recorded", None,
                            None, None, None, "Maria White", "Aug-12", None, None]]
    result = read_workbook(make_workbook({"Actions": rows}))
    assert [(i.code, i.row, i.column) for i in result.report.errors] == [
        ("missing-cell", 3, "Status")]
    assert "RECOMMENDATION :" not in result.report.errors[0].message


def test_the_label_in_a_sheet_with_a_recommendation_column(make_workbook: Make) -> None:
    """With a Recommendation column, a row typed the Telford way still names the
    recommendation; a row of Ref and unlabelled text is asked about by that column."""
    headers = ["Ref", "Recommendation", "Action", "Lead", "Target date", "Progress", "Status"]
    rows = [headers,
            ["R1", None, "RECOMMENDATION : Ensure outcomes are recorded"],
            [None, None, "Amend the monitoring", "Ann", "Aug-12", "Done.", "Complete"],
            ["R2", None, "Review the IRO team"]]
    result = read_workbook(make_workbook({"Actions": rows}))
    assert [(i.code, i.row, i.column) for i in result.report.errors] == [
        ("missing-cell", 4, "Status")]
    assert result.report.errors[0].message.endswith(
        "If this row names recommendation R2 rather than giving one of its actions, move its "
        "text to the Recommendation column: its actions then follow in the rows below.")
    plan = result.plan
    assert plan is not None
    first = plan.priorities[0].recommendations[0]
    assert (first.ref, first.text, [a.text for a in first.actions]) == (
        "R1", "Ensure outcomes are recorded", ["Amend the monitoring"])


def test_the_label_in_capitals_without_its_colon(make_workbook: Make) -> None:
    """The seed's R24: "RECOMMENDATION End the reliance on bed and breakfast ..." (no colon)
    names a recommendation too; "Recommendations from Ofsted ..." is an action's text."""
    rows = [HEADERS, [P1],
            ["R24", "RECOMMENDATION End the reliance on bed and breakfast accommodation to "
                    "meet the accommodation needs of care leavers"],
            _act("Commission supported lodgings"),
            ["R25", "RECOMMENDATION : Review the front door"],
            _act("Recommendations from Ofsted are tracked weekly")]
    result = read_workbook(make_workbook({"Plan": rows}))
    assert result.report.errors == []
    assert result.plan is not None
    recs = [r for p in result.plan.priorities for r in p.recommendations]
    assert [(r.ref, r.text) for r in recs] == [
        ("R24", "End the reliance on bed and breakfast accommodation to meet the "
                "accommodation needs of care leavers"),
        ("R25", "Review the front door")]
    assert [a.text for a in result.plan.actions] == [
        "Commission supported lodgings", "Recommendations from Ofsted are tracked weekly"]
