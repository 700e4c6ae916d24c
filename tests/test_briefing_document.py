"""The briefing to the scrutiny committee: golden briefing from the sample plan, changes since
the last report from two small workbooks, the performance section, and the CLI."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn

from pipeline.cli import main
from pipeline.documents.briefing import LATE_HEADERS, build_briefing_document
from pipeline.documents.briefing_text import ordinal, status_sentence
from pipeline.documents.docmodel import Heading, Paragraph
from pipeline.documents.formatting import format_date_value
from pipeline.domain.model import Action, Details, Plan, Priority, Recommendation
from pipeline.domain.status import DEFAULT_SCHEME
from pipeline.reader import read_workbook

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_PLAN = ROOT / "inputs" / "childrens-services-improvement-plan.xlsx"
SAMPLE_INDICATORS = ROOT / "inputs" / "performance-indicators.xlsx"
HEADERS = ["Priority", "Ref", "Recommendation", "Action", "Outcome", "Source", "Measure",
           "Timescale", "Lead", "Target date", "Progress", "Status"]
TRICKY = "Tom & Jerry <b> \"quoted\" 'single' £250 – 😀"


def row(action: str | None, status: str | None, ref: str | None = None,
        rec: str | None = None, progress: str = "Done.", target: Any = "30/07/2013",
        lead: str = "Ann Smith") -> list[Any]:
    return [None, ref, rec, action, "Outcome", "Ofsted 2012", "Audit", "3 months",
            lead, target, progress, status]


def workbook(path: Path, actions: list[list[Any]], details: dict[str, Any]) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Actions"
    ws.append(HEADERS)
    for r in actions:
        ws.append(r)
    sheet = wb.create_sheet("Details")
    for key, value in details.items():
        sheet.append([key, value])
    wb.save(path)
    return path


def body(path: Path) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs]


def late_table(path: Path) -> Any:
    doc = docx.Document(str(path))
    return next(t for t in doc.tables if tuple(c.text for c in t.rows[0].cells) == LATE_HEADERS)


def fill(cell: Any) -> str | None:
    shd = cell._tc.tcPr.find(qn("w:shd")) if cell._tc.tcPr is not None else None
    return None if shd is None else shd.get(qn("w:fill"))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


# --- golden briefing from the sample plan ---------------------------------------------------


@pytest.fixture(scope="module")
def golden(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("golden") / "briefing.docx"
    result = CliRunner().invoke(main, ["briefing", str(SAMPLE_PLAN), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_golden_heading_and_sections(golden: Path) -> None:
    paras = body(golden)
    assert paras[0] == (
        "Title",
        "Briefing for Children & Young People Scrutiny Committee 15 August 2013: "
        "Update on Children's Services Improvement Plan",
    )
    assert ("Normal", "Telford & Wrekin Council") in paras
    headings = [text for style, text in paras if style == "Heading 1"]
    assert headings == ["1. Background", "2. Summary of progress", "3. Next steps"]
    doc = docx.Document(str(golden))
    assert doc.core_properties.title == paras[0][1]
    assert doc.sections[0].page_width < doc.sections[0].page_height  # portrait
    assert "OFFICIAL" in [p.text for p in doc.sections[0].header.paragraphs]


def test_golden_background_and_next_steps_as_typed(golden: Path) -> None:
    plan = read_workbook(SAMPLE_PLAN).plan
    assert plan is not None
    texts = [text for _, text in body(golden)]
    background = texts[texts.index("1. Background") + 1]
    assert background == plan.details.background
    assert background.startswith("This is the third progress report regarding")
    next_steps = texts[texts.index("3. Next steps") + 1]
    assert next_steps == plan.details.next_steps
    assert "\n" in next_steps  # the line break typed in the cell survives


def test_golden_summary_sentences_exact(golden: Path) -> None:
    texts = [text for _, text in body(golden)]
    assert (
        "The plan has 52 actions against 27 recommendations. Of these, 39 are complete (75%), "
        "four are on track, two are at risk, five are behind schedule and two have not started."
    ) in texts
    i = texts.index("One recommendation has no actions agreed yet:")
    assert texts[i + 1] == (
        "R2: End the unsafe practice of holding cases as contacts and referrals for prolonged "
        "periods while information gathering"
    )
    assert "Eight actions were due before 30 July 2013 and are not complete." in texts
    assert ("By status, the eight overdue actions are five behind schedule, one at risk and two "
            "still marked on track; the table gives each one's lead, target date and latest "
            "progress:") in texts


def test_golden_names_every_behind_schedule_action(golden: Path) -> None:
    plan = read_workbook(SAMPLE_PLAN).plan
    assert plan is not None
    behind = [a for a in plan.actions if a.status == "behind"]
    assert len(behind) == 5
    table = late_table(golden)
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert len(rows) == 8
    rec_of = {id(a): r for r in plan.recommendations for a in r.actions}
    for action in behind:
        expected = [
            action.ref,
            f"{action.text}\nRecommendation: {rec_of[id(action)].text}",
            f"{action.lead}\nTarget date: {format_date_value(action.target_date)}",
            action.progress,
            "Behind schedule",
        ]
        assert expected in rows, f"{action.ref} {action.text} not named"
    # Overdue but not behind: R20 on track, due November 2012.
    r20 = next(r for r in rows if r[0] == "R20")
    assert r20[2].endswith("\nTarget date: November 2012") and r20[4] == "On track"
    # The action is in bold, its recommendation below it in plain text.
    first = [run for p in table.rows[1].cells[1].paragraphs for run in p.runs]
    assert first[0].bold and not first[-1].bold
    # The status cell is shaded with the status colour and says the status in words.
    status_cells = [r.cells[4] for r in table.rows[1:] if r.cells[4].text == "Behind schedule"]
    assert {fill(c) for c in status_cells} == {DEFAULT_SCHEME.entry("behind").fill}
    # The header row repeats on each page.
    trpr = table.rows[0]._tr.trPr
    assert trpr is not None and trpr.find(qn("w:tblHeader")) is not None


def test_golden_sign_off(golden: Path) -> None:
    texts = [text for _, text in body(golden)]
    assert texts[-1] == (
        "Tilly Heigh\nService Delivery Manager for Service Improvement\n30 July 2013"
    )


# --- the document model -----------------------------------------------------------------------


def small_plan(details: Details, *actions: Action) -> Plan:
    return Plan(details, DEFAULT_SCHEME,
                [Priority("1", "Safety", [Recommendation("R1", "Record promptly", list(actions))])])


def test_generated_background_from_report_number() -> None:
    details = Details(title="Service Improvement Plan", report_number=3)
    model = build_briefing_document(small_plan(details, Action("R1", "Audit", "complete")))
    assert model.blocks[0] == Heading("1. Background", 1)
    assert model.blocks[1] == Paragraph.of(
        "This is the third progress report on the Service Improvement Plan."
    )
    details = Details(title="Service Improvement Plan")
    model = build_briefing_document(small_plan(details, Action("R1", "Audit", "complete")))
    assert model.blocks[1] == Paragraph.of(
        "This report updates the committee on progress with the Service Improvement Plan."
    )


def test_ordinals() -> None:
    assert [ordinal(n) for n in (1, 3, 10, 11, 12, 13, 21, 22, 23, 112)] == [
        "first", "third", "tenth", "11th", "12th", "13th", "21st", "22nd", "23rd", "112th",
    ]


def test_status_sentence_one_action_and_all_complete() -> None:
    one = small_plan(Details(), Action("R1", "Audit", "behind"))
    assert status_sentence(one) == (
        "The plan has one action against one recommendation. It is behind schedule."
    )
    done = small_plan(Details(), *[Action("R1", f"A{i}", "complete") for i in range(12)])
    assert status_sentence(done) == (
        "The plan has 12 actions against one recommendation. Of these, 12 are complete (100%)."
    )


def test_sections_stay_consecutive_without_next_steps() -> None:
    model = build_briefing_document(small_plan(Details(), Action("R1", "Audit", "complete")))
    headings = [b.text for b in model.blocks if isinstance(b, Heading) and b.level == 1]
    assert headings == ["1. Background", "2. Summary of progress"]
    assert "No actions are behind schedule." in [
        b.text for b in model.blocks if isinstance(b, Paragraph)
    ]
    assert model.counts == {"actions": 1, "behind": 0, "late": 0}


# --- since the last report --------------------------------------------------------------------

PREVIOUS_ROWS = [
    row("Amend the monitoring of S47 enquiries", "In progress on schedule", "R1",
        "Record enquiries promptly"),
    row("Weekly meetings with team managers", "In progress on schedule"),
    row("Develop the template for a single assessment", "In progress on schedule", "R2",
        "Improve assessments"),
    row("Commission CAMHS to provide a stable placement team", "Behind schedule", "R3",
        "Improve CAMHS"),
    row("Review pay differentials", "Behind schedule", "R4", "Reduce agency staff"),
]
CURRENT_ROWS = [
    row("Amend the monitoring of S47 enquiries", "Complete", "R1", "Record enquiries promptly"),
    row("Weekly meetings with team managers", "Behind schedule",
        progress=f"Slipped\n{TRICKY}", target="30/06/2013"),
    row("Develop and pilot the template for a single assessment", "In progress on schedule",
        "R2", "Improve assessments", target="31/12/2013"),
    row("Agree a joint referral pathway with the CCG", "Behind schedule", "R3", "Improve CAMHS"),
    row("Set up a job club for care leavers", "Not started", "R5", "Support care leavers",
        target="31/12/2013"),
]


def details(meeting: str, as_at: str) -> dict[str, Any]:
    return {"Title": "Service Improvement Plan", "Organisation": "Telford & Wrekin Council",
            "Committee": "CYP Scrutiny Committee", "Meeting date": meeting, "As at": as_at,
            "Author": "Tilly Heigh", "Author title": "Service Delivery Manager",
            "Next steps": "Refresh the plan & report in October."}


def test_since_the_last_report(tmp_path: Path, runner: CliRunner) -> None:
    before = workbook(tmp_path / "may.xlsx", PREVIOUS_ROWS, details("16/05/2013", "30/04/2013"))
    after = workbook(tmp_path / "aug.xlsx", CURRENT_ROWS, details("15/08/2013", "30/07/2013"))
    out = tmp_path / "briefing.docx"
    result = runner.invoke(main, ["briefing", str(after), "--previous", str(before),
                                  "-o", str(out)])
    assert result.exit_code == 0, result.output
    paras = body(out)
    texts = [t for _, t in paras]
    assert ("Heading 2", "Since the last report (16 May 2013)") in paras
    start = texts.index("Since the last report (16 May 2013)")
    end = texts.index("3. Next steps")
    assert texts[start + 1:end] == [
        "One action has been completed:",
        "R1: Amend the monitoring of S47 enquiries",
        "One action has moved to a worse status:",
        "R1: Weekly meetings with team managers (was On track, "
        "now Behind schedule)",
        "Two new actions have been added:",
        "R3: Agree a joint referral pathway with the CCG",
        "R5: Set up a job club for care leavers",
        "Two actions have been removed:",
        "R3: Commission CAMHS to provide a stable placement team",
        "R4: Review pay differentials",
        "One action has been reworded:",
        "R2: Develop and pilot the template for a single assessment "
        "(was: Develop the template for a single assessment)",
    ]
    assert ("List Bullet", "R5: Set up a job club for care leavers") in paras
    # The slipped action is named in the late table with its progress exactly as typed.
    table = late_table(out)
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert [r[1].split("\nRecommendation: ")[0] for r in rows] == [
        "Weekly meetings with team managers", "Agree a joint referral pathway with the CCG",
    ]
    assert rows[0][3] == f"Slipped\n{TRICKY}"
    assert texts[-1] == "Tilly Heigh\nService Delivery Manager\n30 July 2013"
    assert "Refresh the plan & report in October." in texts


def test_no_changes_since_the_last_report(tmp_path: Path, runner: CliRunner) -> None:
    before = workbook(tmp_path / "a.xlsx", PREVIOUS_ROWS, details("16/05/2013", "30/04/2013"))
    after = workbook(tmp_path / "b.xlsx", PREVIOUS_ROWS, details("15/08/2013", "30/04/2013"))
    out = tmp_path / "briefing.docx"
    result = runner.invoke(main, ["briefing", str(after), "--previous", str(before),
                                  "-o", str(out)])
    assert result.exit_code == 0, result.output
    texts = [t for _, t in body(out)]
    i = texts.index("Since the last report (16 May 2013)")
    assert texts[i + 1] == (
        "No action has been completed, added, removed or reworded, and no status has "
        "changed since the last report."
    )


# --- the command ------------------------------------------------------------------------------


def test_cli_reports_what_it_named(tmp_path: Path, runner: CliRunner) -> None:
    after = workbook(tmp_path / "aug.xlsx", CURRENT_ROWS, details("15/08/2013", "30/07/2013"))
    result = runner.invoke(main, ["briefing", str(after), "-o", str(tmp_path / "b.docx")])
    assert result.exit_code == 0, result.output
    assert f"Wrote {tmp_path / 'b.docx'}" in result.output
    assert (
        "5 actions in the plan; the table of late actions lists 2 of the 2 behind schedule or "
        "overdue (2 of the 2 behind schedule)" in result.output
    )


def test_cli_default_output_name(tmp_path: Path, runner: CliRunner,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    after = workbook(tmp_path / "aug.xlsx", CURRENT_ROWS, details("15/08/2013", "30/07/2013"))
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["briefing", str(after)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "outputs" / "briefing-service-improvement-plan-2013-08-15.docx").is_file()


def test_cli_warns_without_next_steps(tmp_path: Path, runner: CliRunner) -> None:
    info = details("15/08/2013", "30/07/2013")
    del info["Next steps"]
    after = workbook(tmp_path / "aug.xlsx", CURRENT_ROWS, info)
    result = runner.invoke(main, ["briefing", str(after), "-o", str(tmp_path / "b.docx")])
    assert result.exit_code == 0, result.output
    assert "no 'Next steps'" in result.output
    headings = [t for s, t in body(tmp_path / "b.docx") if s == "Heading 1"]
    assert headings == ["1. Background", "2. Summary of progress"]


def test_cli_error_in_previous_writes_nothing(tmp_path: Path, runner: CliRunner) -> None:
    bad_rows = [*PREVIOUS_ROWS[:2], row("Review pay differentials", "Sort of done", "R4", "Pay")]
    before = workbook(tmp_path / "may.xlsx", bad_rows, details("16/05/2013", "30/04/2013"))
    after = workbook(tmp_path / "aug.xlsx", CURRENT_ROWS, details("15/08/2013", "30/07/2013"))
    out = tmp_path / "briefing.docx"
    result = runner.invoke(main, ["briefing", str(after), "--previous", str(before),
                                  "-o", str(out)])
    assert result.exit_code == 1
    assert not out.exists()
    assert "may.xlsx has 1 problem to fix" in result.output
    assert str(before) in result.output
    assert "row 4" in result.output and "'Status'" in result.output


def test_cli_previous_without_a_plan(tmp_path: Path, runner: CliRunner) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "Details"
    wb.active.append(["Title", "Not a plan"])
    wb.create_sheet("Recommendations")
    other = tmp_path / "other.xlsx"
    wb.save(other)
    after = workbook(tmp_path / "aug.xlsx", CURRENT_ROWS, details("15/08/2013", "30/07/2013"))
    out = tmp_path / "briefing.docx"
    result = runner.invoke(main, ["briefing", str(after), "--previous", str(other),
                                  "-o", str(out)])
    assert result.exit_code == 1
    assert not out.exists()
    assert "other.xlsx" in result.output


# --- performance ------------------------------------------------------------------------------

PERFORMANCE_INTRO = (
    "There are nine indicators: three on target, three near target, one off target and two "
    "with no target (data only)."
)
NI059_SENTENCE = (
    "NI059 – % of initial assessments for children's social care within 10 working days was "
    "66.5% in Sep 2011 against a target of 80% (off target); it improved from 40.3% in "
    "Aug 2011."
)


def check_performance_section(out: Path) -> None:
    paras = body(out)
    texts = [t for _, t in paras]
    headings = [t for s, t in paras if s == "Heading 1"]
    assert headings == [
        "1. Background", "2. Summary of progress", "3. Performance", "4. Next steps",
    ]
    i = texts.index("3. Performance")
    assert texts[i + 1] == PERFORMANCE_INTRO
    assert texts[i + 2:i + 4] == [
        "The indicator off target, against its target and the period before:", NI059_SENTENCE]
    doc = docx.Document(str(out))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Indicator")
    header = [c.text for c in table.rows[0].cells]
    assert header == ["Indicator", "Previous", "Latest", "Target", "Status", "Direction"]
    assert len(table.rows) == 10
    ni059 = next(r for r in table.rows if r.cells[0].text.startswith("NI059"))
    assert ni059.cells[4].text == "Off target"
    assert fill(ni059.cells[4]) == "D4351C"
    assert ni059.cells[5].text == "Improved ↑"


def test_performance_section_from_indicators_workbook(tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "briefing.docx"
    result = runner.invoke(main, ["briefing", str(SAMPLE_PLAN), "--indicators",
                                  str(SAMPLE_INDICATORS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"Performance section: 9 indicators from {SAMPLE_INDICATORS}" in result.output
    check_performance_section(out)


def test_performance_section_from_the_plan_workbook(tmp_path: Path, runner: CliRunner) -> None:
    import openpyxl

    plan_book = openpyxl.load_workbook(SAMPLE_PLAN)
    indicator_book = openpyxl.load_workbook(SAMPLE_INDICATORS)
    for name in ("Indicators", "Values"):
        target = plan_book.create_sheet(name)
        for values in indicator_book[name].iter_rows(values_only=True):
            target.append(list(values))
    combined = tmp_path / "plan-and-indicators.xlsx"
    plan_book.save(combined)
    out = tmp_path / "briefing.docx"
    result = runner.invoke(main, ["briefing", str(combined), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"Performance section: 9 indicators from {combined}" in result.output
    check_performance_section(out)


def test_indicators_workbook_without_indicators_is_an_error(
    tmp_path: Path, runner: CliRunner
) -> None:
    out = tmp_path / "briefing.docx"
    result = runner.invoke(main, ["briefing", str(SAMPLE_PLAN), "--indicators",
                                  str(SAMPLE_PLAN), "-o", str(out)])
    assert result.exit_code == 1
    assert not out.exists()
    assert "holds no indicators" in result.output


def test_status_sentence_says_a_council_label_as_its_key_does() -> None:
    """A key that calls on track "In Progress on schedule": the sentence says that, not
    words the key and the cells never use; a label that is the plain words reads plainly."""
    import dataclasses

    from pipeline.domain.status import DEFAULT_SCHEME

    plan = small_plan(Details(), Action("R1", "Audit", "on_track"),
                      Action("R1", "Train", "on_track"), Action("R1", "Visit", "behind"))
    entries = tuple(dataclasses.replace(e, label={"on_track": "In Progress on schedule",
                                                  "behind": "Behind Schedule"}.get(e.key, e.label))
                    for e in DEFAULT_SCHEME.entries)
    plan.scheme = dataclasses.replace(DEFAULT_SCHEME, entries=entries, from_workbook=True)
    assert status_sentence(plan) == (
        'The plan has three actions against one recommendation. Of these, two are "In Progress '
        'on schedule" and one is behind schedule.')


def test_overdue_actions_of_one_status_are_said_to_be_all_of_it() -> None:
    """Telford's plan: five overdue actions, every one behind schedule ("the five overdue
    actions are five behind schedule" said it twice)."""
    from pipeline.documents.attention import late_lead_in

    late = [Action(ref=f"R{n}", text=f"Action {n}", status="behind") for n in range(5)]
    plan = Plan(details=Details(), priorities=[Priority("1", "Safe", [
        Recommendation("R1", "Keep safe", late)])], scheme=DEFAULT_SCHEME)
    assert late_lead_in(plan, late, late) == (
        "The five overdue actions are all behind schedule; the table gives each one's lead, "
        "target date and latest progress:")
    mixed = [*late[:4], Action(ref="R9", text="Action 9", status="at_risk")]
    assert late_lead_in(plan, mixed, mixed).startswith(
        "By status, the five overdue actions are four behind schedule and one at risk;")
