"""The committee report: cover block, numbered sections, recommendations, the generated
summary (the briefing's own sentences), lettered appendices in their own sections holding
every row, the located warnings, the CLI's exact output, the audit and LibreOffice."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import action_row, require_soffice
from lxml import etree

from pipeline.cli import main
from pipeline.documents.briefing import as_at_of, status_sentence
from pipeline.documents.plan import ACTION_HEADERS
from pipeline.documents.report import build_report_document
from pipeline.reader import read_workbook
from pipeline.render.readback import BodyParagraph, BodyTable, paragraph_text, read_body

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_PLAN = ROOT / "inputs" / "childrens-services-improvement-plan.xlsx"
SAMPLE_INDICATORS = ROOT / "inputs" / "performance-indicators.xlsx"
SAMPLE_RESPONSE = ROOT / "inputs" / "cabinet-response.xlsx"
HEADERS = ["Priority", "Ref", "Recommendation", "Action", "Outcome", "Source", "Measure",
           "Timescale", "Lead", "Target date", "Progress", "Status"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TRICKY = "Tom & Jerry <b> \"quoted\" £250 – done"

DETAILS: list[list[Any]] = [
    ["Title", "Children's Services Improvement Plan"],
    ["Organisation", "Telford & Wrekin Council"],
    ["Committee", "Children & Young People Scrutiny Committee"],
    ["Meeting date", "15/08/2013"],
    ["As at", "30/07/2013"],
    ["Agenda item no", "7"],
    ["Public or exempt", "Public"],
    ["Report of", "Director of Children and Family Services"],
    ["Author", "Tilly Heigh"],
    ["Author title", "Service Delivery Manager for Service Improvement"],
    ["Portfolio holder", "Cllr. Paul Watling"],
    ["Contact officer", "Tilly Heigh"],
    ["Telephone", "01952 385652"],
    ["Email", "tilly.heigh@telford.gov.uk"],
    ["Purpose of report", "To update the Committee on the improvement plan.\n"
     "To ask the Committee to note the progress made."],
    ["Decision sought", "That the Committee notes the progress made.\n"
     f"That the Committee asks for a further report in November ({TRICKY})."],
    ["Reasons", "The Committee monitors the plan."],
    ["Background", "This is the third progress report."],
    ["Next steps", "A refreshed plan goes to the Board in September."],
    ["Financial implications", "The actions are met from existing budgets."],
    ["Legal implications", "The Council must comply with the Improvement Notice."],
    ["Equality impact", "No group is affected adversely."],
    ["Risks", "Recruitment of social workers remains the main risk."],
    ["Consultation", "Partners were consulted."],
    ["Background documents", "Ofsted inspection report, June 2012\nImprovement Notice"],
]


def plan_rows() -> list[list[Any]]:
    return [
        HEADERS,
        action_row("Review the weekly reports", "Complete", priority="1: Safety", ref="R1",
                   recommendation="Record enquiries promptly"),
        action_row(f"Audit the files {TRICKY}", "Behind schedule", progress="Late\nagain"),
        action_row("Train the managers", "On track", ref="R2",
                   recommendation="Strengthen supervision", target="30/12/2013"),
        [None, "R3", "Keep the records up to date"] + [None] * 9,
    ]


@pytest.fixture
def workbook(make_workbook: Any) -> Path:
    return make_workbook({"Details": DETAILS, "Actions": plan_rows()}, name="plan.xlsx")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def body_items(path: Path) -> list[BodyParagraph | BodyTable]:
    return read_body(path)


def texts(path: Path) -> list[tuple[str, str]]:
    return [(i.style, i.text) for i in read_body(path) if isinstance(i, BodyParagraph)]


def make(runner: CliRunner, *args: str) -> Any:
    return runner.invoke(main, ["report", *args], catch_exceptions=False)


# --- the cover and the numbered sections ------------------------------------------------


def test_cover_block_prints_every_given_key_and_defaults(
    workbook: Path, tmp_path: Path, runner: CliRunner
) -> None:
    out = tmp_path / "report.docx"
    assert make(runner, str(workbook), "-o", str(out)).exit_code == 0
    paragraphs = texts(out)
    assert paragraphs[0] == ("Title", "Children's Services Improvement Plan")
    assert paragraphs[1][1] == "Telford & Wrekin Council"
    cover = [t for _, t in paragraphs[2:14]]
    assert cover[:11] == [
        "Agenda item: 7",
        "Report status: Public",
        "To: Children & Young People Scrutiny Committee",
        "On: 15 August 2013",
        "Wards affected: All",
        "Report of: Director of Children and Family Services",
        "Report author: Tilly Heigh, Service Delivery Manager for Service Improvement",
        "Lead member: Cllr. Paul Watling",
        "Contact officer: Tilly Heigh",
        "Telephone: 01952 385652",
        "Email: tilly.heigh@telford.gov.uk",
    ]


def test_blank_keys_are_left_out(make_workbook: Any, tmp_path: Path, runner: CliRunner) -> None:
    details = [["Title", "Plan"], ["Committee", "Scrutiny Board"], ["Meeting date", "18/07/2012"],
               ["Exempt", "Yes"], ["Telephone", ""]]
    path = make_workbook({"Details": details, "Actions": plan_rows()}, name="thin.xlsx")
    out = tmp_path / "thin.docx"
    assert make(runner, str(path), "-o", str(out)).exit_code == 0
    cover = [t for s, t in texts(out) if ": " in t and s == "Normal"][:4]
    assert cover == ["Report status: Exempt", "To: Scrutiny Board", "On: 18 July 2012",
                     "Wards affected: All"]
    assert not any(t.startswith(("Telephone", "Agenda item", "Lead member", "Email"))
                   for _, t in texts(out))


def test_sections_are_headings_and_paragraphs_are_numbered(
    workbook: Path, tmp_path: Path, runner: CliRunner
) -> None:
    out = tmp_path / "report.docx"
    assert make(runner, str(workbook), "-o", str(out)).exit_code == 0
    paragraphs = texts(out)
    headings = [t for s, t in paragraphs if s == "Heading 1" and not t.startswith("Appendix")]
    assert headings == [
        "1. Purpose", "2. Recommendations", "3. Reasons for the recommendations",
        "4. Background", "5. Summary of progress", "6. Next steps", "7. Implications",
        "8. Background papers", "9. Appendices",
    ]
    body = [t for s, t in paragraphs if s == "Normal"]
    assert "1.1 To update the Committee on the improvement plan." in body
    assert "1.2 To ask the Committee to note the progress made." in body
    assert "2.1 That the Committee notes the progress made." in body
    assert f"2.2 That the Committee asks for a further report in November ({TRICKY})." in body
    assert "3.1 The Committee monitors the plan." in body
    assert "6.1 A refreshed plan goes to the Board in September." in body
    assert [t for t in body if t.startswith("7.")] == [
        "7.1 Financial: The actions are met from existing budgets.",
        "7.2 Legal: The Council must comply with the Improvement Notice.",
        "7.3 Equalities: No group is affected adversely.",
        "7.4 Risk: Recruitment of social workers remains the main risk.",
        "7.5 Consultation: Partners were consulted.",
    ]
    assert "8.1 The following papers were used to prepare this report, in accordance with the " \
        "Local Government (Access to Information) Act 1985:" in body
    bullets = [t for s, t in paragraphs if s == "List Bullet"]
    assert "Ofsted inspection report, June 2012" in bullets and "Improvement Notice" in bullets
    assert [t for t in body if t.startswith("9.")] == ["9.1 Appendix A – Improvement plan"]


def test_summary_of_progress_is_the_briefings_own_sentences(workbook: Path) -> None:
    result = read_workbook(workbook)
    assert result.plan is not None
    model = build_report_document(result.details, plan=result.plan)
    paragraphs = [b.text for b in model.blocks if hasattr(b, "runs")]
    as_at, as_at_text = as_at_of(result.plan)
    assert f"5.1 {status_sentence(result.plan)}" in paragraphs
    assert status_sentence(result.plan) == (
        "The plan has three actions against three recommendations. Of these, one is complete "
        "(33%), one is on track and one is behind schedule."
    )
    assert "5.2 One recommendation has no actions agreed yet:" in paragraphs
    assert as_at_text == "30 July 2013"


def test_missing_purpose_and_recommendations_are_located_warnings(
    make_workbook: Any, tmp_path: Path, runner: CliRunner
) -> None:
    details = [["Title", "Plan"], ["Committee", "Scrutiny Board"], ["Meeting date", "18/07/2012"]]
    path = make_workbook({"Details": details, "Actions": plan_rows()}, name="bare.xlsx")
    out = tmp_path / "bare.docx"
    result = make(runner, str(path), "-o", str(out))
    assert result.exit_code == 0
    assert (
        "    Warning: sheet 'Details': The Details sheet gives no Recommendations, so the report "
        "says 'That the Committee notes the report.' To recommend something else, add a row to "
        "the Details sheet with 'Recommendations' in column A and one recommendation a line in "
        "column B."
    ) in result.output.splitlines()
    assert (
        "    Warning: sheet 'Details': The Details sheet gives no Purpose, so the report says 'The "
        "purpose of this report is to update the Committee on progress with the Plan.' To say "
        "why the report comes to the committee, add a row to the Details sheet with 'Purpose' "
        "in column A and the text in column B."
    ) in result.output.splitlines()
    assert ("Normal", "2.1 That the Committee notes the report.") in texts(out)


def test_a_blank_purpose_row_is_pointed_at(
    make_workbook: Any, tmp_path: Path, runner: CliRunner
) -> None:
    details = [["Title", "Plan"], ["Committee", "Scrutiny Board"], ["Meeting date", "18/07/2012"],
               ["Purpose", ""]]
    path = make_workbook({"Details": details, "Actions": plan_rows()}, name="blank.xlsx")
    result = make(runner, str(path), "-o", str(tmp_path / "blank.docx"))
    assert result.exit_code == 0, result.output
    assert (
        "    Warning: sheet 'Details', row 4, column 'B': The Details sheet gives no Purpose, so "
        "the report says 'The purpose of this report is to update the Committee on progress "
        "with the Plan.' To say why the report comes to the committee, type the text in column "
        "B of row 4, beside 'Purpose'."
    ) in result.output.splitlines()


def test_a_workbook_with_no_details_sheet_is_told_to_add_one() -> None:
    from pipeline.documents.report import report_issues
    from pipeline.domain.model import Details

    [purpose, recommendations] = report_issues(Details(), file="plan.xlsx")
    assert (purpose.sheet, purpose.row, purpose.column) == (None, None, None)
    assert purpose.message.startswith(
        "The workbook has no Details sheet to give a Purpose, so the report says")
    assert purpose.message.endswith(
        "add a sheet named Details with 'Purpose' in column A and the text in column B.")
    assert recommendations.message.endswith(
        "add a sheet named Details with 'Recommendations' in column A and one recommendation "
        "a line in column B.")


def test_batch_gives_the_same_warnings_as_the_report_command(
    make_workbook: Any, tmp_path: Path
) -> None:
    """The monthly batch makes the report too, so it says what the report lacks."""
    from pipeline.batch.run import run_batch

    details = [["Title", "Plan"], ["Committee", "Scrutiny Board"], ["Meeting date", "18/07/2012"]]
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    make_workbook({"Details": details, "Actions": plan_rows()}, name="bare.xlsx").rename(
        inputs / "bare.xlsx")
    result = run_batch(inputs, tmp_path / "outputs", jobs=1)
    [entry] = result.inputs
    assert "report" in {d.kind for d in entry.documents}
    said = [(w.sheet, w.message) for w in entry.warnings]
    assert ("Details", "The Details sheet gives no Purpose, so the report says 'The purpose "
            "of this report is to update the Committee on progress with the Plan.' To say why "
            "the report comes to the committee, add a row to the Details sheet with 'Purpose' "
            "in column A and the text in column B."
            ) in said
    assert any(m.startswith("The Details sheet gives no Recommendations, so") for _, m in said)
    assert any(m.startswith("The Details sheet has no 'Next steps'") for _, m in said)
    assert any(m.startswith("The Details sheet gives no Agenda item, so the committee report "
                            "has no agenda number") for _, m in said)


# --- the appendices ---------------------------------------------------------------------


def test_exact_output_counts_every_appendix(workbook: Path, tmp_path: Path,
                                            runner: CliRunner) -> None:
    out = tmp_path / "report.docx"
    result = make(runner, str(workbook), "--indicators", str(SAMPLE_INDICATORS), "--response",
                  str(SAMPLE_RESPONSE), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-5:] == [
        f"Wrote {out}",
        "Recommendations: 2 in, 2 written",
        "Appendix A – Improvement plan: 3 actions and 3 recommendations in, 3 and 3 written",
        "Appendix B – Performance report: 9 indicators in, 9 written",
        "Appendix C – Update on the Cabinet response to scrutiny recommendations: 15 "
        "recommendations in, 15 written",
    ]
    # The response appendix is its update (with Progress): named so, in the list too.
    headings = [t for s, t in texts(out) if s == "Heading 1" and t.startswith("Appendix")]
    assert headings == ["Appendix A – Improvement plan", "Appendix B – Performance report",
                        "Appendix C – Update on the Cabinet response to scrutiny "
                        "recommendations"]
    listed = [t for s, t in texts(out) if s != "Heading 1" and " Appendix C – " in t]
    assert listed == ["9.3 Appendix C – Update on the Cabinet response to scrutiny "
                      "recommendations"]


def _rows(path: Path, header: tuple[str, ...]) -> list[list[str]]:
    with zipfile.ZipFile(path) as archive:
        body = etree.fromstring(archive.read("word/document.xml")).find(f"{W}body")
    found: list[list[str]] = []
    for table in body.iterchildren(f"{W}tbl"):
        rows = [["\n".join(paragraph_text(p) for p in tc.iter(f"{W}p"))
                 for tc in tr.iterchildren(f"{W}tc")] for tr in table.iterchildren(f"{W}tr")]
        if tuple(rows[0]) == header:
            found += rows[1:]
    return found


def test_every_plan_row_is_printed_as_the_plan_prints_it(
    tmp_path: Path, runner: CliRunner
) -> None:
    report, plan = tmp_path / "report.docx", tmp_path / "plan.docx"
    assert make(runner, str(SAMPLE_PLAN), "-o", str(report)).exit_code == 0
    assert runner.invoke(main, ["plan", str(SAMPLE_PLAN), "-o", str(plan)]).exit_code == 0
    in_report = _rows(report, ACTION_HEADERS)
    assert len(in_report) == 52
    assert in_report == _rows(plan, ACTION_HEADERS)
    r = read_workbook(SAMPLE_PLAN)
    assert r.plan is not None
    assert [row[0] for row in in_report] == [a.text for a in r.plan.actions]


def test_appendices_are_sections_in_their_own_orientation(
    workbook: Path, tmp_path: Path, runner: CliRunner
) -> None:
    out = tmp_path / "report.docx"
    assert make(runner, str(workbook), "--indicators", str(SAMPLE_INDICATORS),
                "-o", str(out)).exit_code == 0
    with zipfile.ZipFile(out) as archive:
        body = etree.fromstring(archive.read("word/document.xml")).find(f"{W}body")
    breaks = [p.find(f"{W}pPr/{W}sectPr") for p in body.iterchildren(f"{W}p")
              if p.find(f"{W}pPr/{W}sectPr") is not None]
    final = body.find(f"{W}sectPr")

    def landscape(sectpr: Any) -> bool:
        size = sectpr.find(f"{W}pgSz")
        return int(size.get(f"{W}w")) > int(size.get(f"{W}h"))

    # The cover ends portrait, the plan landscape; the performance report (last) portrait.
    assert [landscape(s) for s in breaks] == [False, True]
    assert landscape(final) is False
    for sectpr in breaks:
        assert sectpr.find(f"{W}type").get(f"{W}val") == "nextPage"
        assert sectpr.find(f"{W}footerReference") is not None  # page numbers carry on


def test_report_passes_the_accessibility_audit(workbook: Path, tmp_path: Path,
                                               runner: CliRunner) -> None:
    out = tmp_path / "report.docx"
    assert make(runner, str(workbook), "--indicators", str(SAMPLE_INDICATORS), "--response",
                str(SAMPLE_RESPONSE), "-o", str(out)).exit_code == 0
    result = runner.invoke(main, ["audit", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"{out}: no accessibility problems found"


def test_a_workbook_with_nothing_to_present_is_refused(
    make_workbook: Any, tmp_path: Path, runner: CliRunner
) -> None:
    path = make_workbook({"Details": [["Title", "Plan"]], "Notes": [["x"]]}, name="empty.xlsx")
    out = tmp_path / "r.docx"
    result = runner.invoke(main, ["report", str(path), "-o", str(out)])
    assert result.exit_code == 1
    assert not out.exists()
    assert result.output.splitlines()[0] == (
        "Error: empty.xlsx has 1 problem to fix, so the committee report cannot be made. "
        "Nothing was written."
    )


def test_libreoffice_renders_cover_portrait_and_plan_landscape(
    workbook: Path, tmp_path: Path, runner: CliRunner
) -> None:
    exe = require_soffice()
    from pypdf import PdfReader

    out = tmp_path / "report.docx"
    assert make(runner, str(workbook), "-o", str(out)).exit_code == 0
    subprocess.run(
        [exe, f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--headless", "--convert-to",
         "pdf", "--outdir", str(tmp_path), str(out)],
        check=True, capture_output=True, timeout=180,
    )
    reader = PdfReader(tmp_path / "report.pdf")
    text = [page.extract_text() for page in reader.pages]
    widths = [page.mediabox.width > page.mediabox.height for page in reader.pages]
    first_appendix = next(i for i, t in enumerate(text) if "Appendix A – Improvement plan\n" in
                          t + "\n" and "Key to RAG" in t)
    assert widths[0] is False and widths[first_appendix] is True
    assert all(widths[first_appendix:])
    assert "2.1 That the Committee notes the progress made." in text[0]
    assert re.search(rf"Page 1 of {len(reader.pages)}", text[0])
    assert reader.metadata.title == "Children's Services Improvement Plan"


# --- the Details keys -------------------------------------------------------------------


def test_report_keys_and_their_spellings_are_read(make_workbook: Any) -> None:
    details = [["Item", "Value"], ["Item", "12"], ["Exempt", "No"], ["Director", "Jo Bloggs"],
               ["Cabinet member", "Cllr. P. Watling"], ["Recommendation(s)", "That A.\nThat B."],
               ["Reason for decision", "Because."], ["Risk", "Some."],
               ["Background documents", "Paper 1"], ["Equality implications", "None."],
               ["Key points", "Point."]]
    path = make_workbook({"Details": details, "Actions": plan_rows()}, name="keys.xlsx")
    d = read_workbook(path).details
    assert (d.agenda_item, d.report_status, d.report_of) == ("12", "Public", "Jo Bloggs")
    assert (d.recommendations, d.reasons, d.risk_implications) == ("That A.\nThat B.",
                                                                   "Because.", "Some.")
    assert (d.background_papers, d.equalities_implications, d.purpose) == (
        "Paper 1", "None.", "Point.")
    from pipeline.documents.report import cover_lines

    assert ("Lead member", "Cllr. P. Watling") in cover_lines(d)  # the Cabinet member stands in


def test_new_workbooks_carry_the_report_keys_with_instructions(tmp_path: Path,
                                                               runner: CliRunner) -> None:
    import openpyxl

    from pipeline.reader.blank import DETAILS_REPORT

    path = tmp_path / "new.xlsx"
    assert runner.invoke(main, ["new", "plan", str(path)]).exit_code == 0
    wb = openpyxl.load_workbook(path)
    keys = {row[0].value: row[0].comment for row in wb["Details"].iter_rows()}
    instructions = [c.value for c in wb["Instructions"]["A"] if c.value]
    for key, _ in DETAILS_REPORT:
        assert keys[key] is not None and keys[key].text.startswith("For the committee report")
        assert any(line.startswith(f"  {key}: ") for line in instructions)


def test_check_gives_the_warnings_the_batch_will_give(
    make_workbook: Any, runner: CliRunner
) -> None:
    """A workbook that checks cleanly gives no surprise in the monthly batch: `check` says
    what the report and the briefing made from it will lack."""
    details = [["Title", "Plan"], ["Committee", "Scrutiny Board"], ["Meeting date", "18/07/2012"]]
    path = make_workbook({"Details": details, "Actions": plan_rows()}, name="bare.xlsx")
    result = runner.invoke(main, ["check", str(path)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].endswith("bare.xlsx: valid")
    said = [line.split("': ", 1)[-1] for line in lines if line.startswith("  Warning:")]
    assert any(m.startswith("The Details sheet gives no Purpose, so the report says") for m in said)
    assert any(m.startswith("The Details sheet gives no Recommendations, so") for m in said)
    assert any(m.startswith("The Details sheet has no 'Next steps'") for m in said)
