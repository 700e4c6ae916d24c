"""The improvement plan document: Plan objects built in code, rendered, read back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from pipeline.documents.docmodel import Heading, Paragraph, Table
from pipeline.documents.plan import (
    ACTION_HEADERS,
    NO_ACTIONS,
    build_plan_document,
    priority_heading,
)
from pipeline.domain.model import (
    Action,
    DateValue,
    Details,
    Plan,
    Priority,
    Recommendation,
    StatusEntry,
    StatusScheme,
)
from pipeline.domain.plan_rules import (
    overdue_actions,
    recommendations_without_actions,
    status_counts,
)
from pipeline.domain.status import DEFAULT_SCHEME
from pipeline.render.counts import count_written_plan
from pipeline.render.engine import render_document

TRICKY = "Tom & Jerry <b> \"quoted\" 'single' £250 – 😀"


def day(y: int, m: int, d: int) -> DateValue:
    return DateValue(f"{d}/{m}/{y}", dt.date(y, m, d), "day")


def month(y: int, m: int) -> DateValue:
    return DateValue(f"{m}/{y}", dt.date(y, m, 1), "month")


def make_plan(scheme: StatusScheme = DEFAULT_SCHEME) -> Plan:
    r1 = Recommendation("R1", "Ensure that the outcomes of S47 enquiries are recorded promptly", [
        Action("R1", "Amend the monitoring of S47 enquiries", "complete", outcome="Children safe",
               source_of="Ofsted 2012", measure="Audit", timescale="Immediate",
               lead="Maria White", target_date=month(2012, 8), progress="Done."),
        Action("R1", "Weekly CP meetings", "behind", target_date=month(2013, 4),
               progress=f"First line\n{TRICKY}"),
    ])
    r2 = Recommendation("R2", "End the unsafe practice of holding cases as contacts")
    r4 = Recommendation("R4", "Accelerate plans for an edge of care service", [
        Action("R4", "Agree the specification", "on_track", target_date=day(2013, 5, 31)),
        Action("R4", "Review in the autumn", "on_track",
               target_date=DateValue("March 2013 and ongoing")),
    ])
    return Plan(
        details=Details(title="Children's Services Improvement Plan",
                        organisation="Telford & Wrekin Council",
                        as_at=DateValue("1 May 2013", dt.date(2013, 5, 1), "day"),
                        protective_marking="Official"),
        scheme=scheme,
        priorities=[
            Priority("1", "ENSURE A TIMELY RESPONSE TO SOCIAL CARE ENQUIRIES (CP)", [r1, r2]),
            Priority("2", "REDESIGN SERVICES", [r4]),
        ],
    )


def render(plan: Plan, tmp_path: Path, as_at: dt.date | None = None) -> docx.document.Document:
    out = render_document(build_plan_document(plan, as_at), tmp_path / "plan.docx")
    return docx.Document(str(out))


def paragraphs(doc: docx.document.Document) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in doc.paragraphs]


def action_tables(doc: docx.document.Document) -> list[docx.table.Table]:
    """The action tables: the columns the plan fills (an optional one no action fills is
    left out), from Action to Status."""
    return [t for t in doc.tables if (header := [c.text for c in t.rows[0].cells])
            and header[0] == "Action" and header[-1] == "Status"
            and set(header) <= set(ACTION_HEADERS)]


def test_a_column_no_action_fills_is_left_out_and_the_text_gets_its_width(
        tmp_path: Path) -> None:
    """Outcome, Source, Measure and Timescale are printed only when an action fills them;
    Action, Lead, Target date, Progress and Status always are."""
    actions = [Action("R1", "Streamline PARIS <ICS> forms", "on_track", lead="Ann",
                      progress="Under way", timescale="3 months"),
               Action("R1", "Second action", "complete")]
    plan = Plan(Details(), DEFAULT_SCHEME, [Priority("1", "Safety", [
        Recommendation("R1", "Rec", actions)])])
    doc = render(plan, tmp_path, as_at=dt.date(2024, 1, 1))
    (table,) = action_tables(doc)
    assert [c.text for c in table.rows[0].cells] == [
        "Action", "Timescale", "Lead", "Target date", "Progress", "Status"]
    assert [c.text for c in table.rows[1].cells] == [
        "Streamline PARIS <ICS> forms", "3 months", "Ann", "", "Under way", "On track"]
    everything = Plan(Details(), DEFAULT_SCHEME, [Priority("1", "Safety", [Recommendation(
        "R1", "Rec", [Action("R1", "A", "complete", outcome="O", source_of="S", measure="M",
                             timescale="T")])])])
    (tmp_path / "all").mkdir()
    (full,) = action_tables(render(everything, tmp_path / "all", as_at=dt.date(2024, 1, 1)))
    assert tuple(c.text for c in full.rows[0].cells) == ACTION_HEADERS
    widths = [c.width for c in table.rows[0].cells]
    assert widths[0] > [c.width for c in full.rows[0].cells][0]  # Action gets the room


def test_rules_counts_overdue_and_empty_recommendations() -> None:
    plan = make_plan()
    assert status_counts(plan) == {"complete": 1, "on_track": 2, "at_risk": 0, "behind": 1,
                                   "not_started": 0}
    # month target April 2013 is due by 30 April: overdue on 1 May, not on 30 April
    assert [a.text for a in overdue_actions(plan, dt.date(2013, 5, 1))] == ["Weekly CP meetings"]
    assert overdue_actions(plan, dt.date(2013, 4, 30)) == []
    # complete actions and free-text dates are never overdue
    assert [a.text for a in overdue_actions(plan, dt.date(2030, 1, 1))] == [
        "Weekly CP meetings", "Agree the specification"]
    assert [r.ref for r in recommendations_without_actions(plan)] == ["R2"]


def test_priority_heading_prints_the_title_as_typed() -> None:
    # Capitals are the clerk's: names and acronyms must never be lower-cased.
    assert priority_heading(Priority(
        "7", "WORK WITH TELFORD & WREKIN CCG, SHROPSHIRE COUNTY COUNCIL AND OFSTED")) == (
        "Priority 7: WORK WITH TELFORD & WREKIN CCG, SHROPSHIRE COUNTY COUNCIL AND OFSTED")
    assert priority_heading(Priority("2", "Already Mixed Case CP")) == (
        "Priority 2: Already Mixed Case CP")
    assert priority_heading(Priority("", "Safeguarding")) == "Safeguarding"
    assert priority_heading(Priority("3", "")) == "Priority 3"


def test_document_model_counts_and_blocks() -> None:
    model = build_plan_document(make_plan())
    assert model.kind == "plan" and model.landscape
    assert model.counts == {"actions": 4, "recommendations": 3}
    assert model.title == "Children's Services Improvement Plan"
    assert model.context["as_at"] == "1 May 2013"
    assert model.context["organisation"] == "Telford & Wrekin Council"
    headings = [(b.level, b.text) for b in model.blocks if isinstance(b, Heading)]
    assert (1, "Priority 1: ENSURE A TIMELY RESPONSE TO SOCIAL CARE ENQUIRIES (CP)") in headings
    assert (2, "R4: Accelerate plans for an edge of care service") in headings
    widths = [c.width_cm for c in next(b for b in model.blocks if isinstance(b, Table)
                                       and b.columns[0].header == "Action").columns]
    assert sum(widths) <= 29.7 - 2 * 1.27  # fits A4 landscape with narrow margins
    assert max(widths) in (widths[0], widths[7])  # Action and Progress widest
    assert sorted(widths)[-2:] == sorted([widths[0], widths[7]])
    assert any(isinstance(b, Paragraph) and b.text == NO_ACTIONS for b in model.blocks)


def test_rendered_plan_headings_frame_and_marking(tmp_path: Path) -> None:
    doc = render(make_plan(), tmp_path)
    paras = paragraphs(doc)
    assert paras[0] == ("Title", "Children's Services Improvement Plan")
    assert ("Normal", "Telford & Wrekin Council") in paras
    assert ("Normal", "Position as at 1 May 2013") in paras
    assert ("Heading 1", "Key to RAG rating") in paras
    assert ("Heading 1", "Priority 2: REDESIGN SERVICES") in paras
    assert [t for s, t in paras if s == "Heading 2" and t[:2] in ("R1", "R2", "R4")] == [
        "R1: Ensure that the outcomes of S47 enquiries are recorded promptly",
        "R2: End the unsafe practice of holding cases as contacts",
        "R4: Accelerate plans for an edge of care service",
    ]
    # R2 has no actions: a sentence right after its heading, no table
    i = paras.index(("Heading 2", "R2: End the unsafe practice of holding cases as contacts"))
    assert paras[i + 1] == ("Normal", NO_ACTIONS)
    assert "OFFICIAL" in [p.text for p in doc.sections[0].header.paragraphs]
    assert doc.core_properties.title == "Children's Services Improvement Plan"
    section = doc.sections[0]
    assert section.page_width > section.page_height


def test_action_tables_columns_status_colour_and_label(tmp_path: Path) -> None:
    doc = render(make_plan(), tmp_path)
    tables = action_tables(doc)
    assert len(tables) == 2
    first = tables[0]
    assert len(first.rows) == 3
    row = [c.text for c in first.rows[1].cells]
    assert row == ["Amend the monitoring of S47 enquiries", "Children safe", "Ofsted 2012",
                   "Audit", "Immediate", "Maria White", "August 2012", "Done.", "Complete"]
    behind = first.rows[2].cells[8]
    assert behind.text == "Behind schedule"
    assert behind._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) == "D4351C"
    assert str(behind.paragraphs[0].runs[0].font.color.rgb) == "FFFFFF"
    assert tables[1].rows[2].cells[6].text == "March 2013 and ongoing"
    assert tables[1].rows[1].cells[6].text == "31 May 2013"
    for table in tables:
        trs = table._tbl.findall(qn("w:tr"))
        assert trs[0].find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
        assert all(tr.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None for tr in trs)
        assert not table._tbl.xpath(".//w:gridSpan | .//w:vMerge")
        assert table._tbl.tblPr.find(qn("w:tblCaption")) is not None


def test_progress_text_comes_out_exactly(tmp_path: Path) -> None:
    doc = render(make_plan(), tmp_path)
    cell = action_tables(doc)[0].rows[2].cells[7]
    assert cell.text == f"First line\n{TRICKY}"
    assert cell._tc.xpath(".//w:br")


def test_key_uses_default_scheme_labels_and_colours(tmp_path: Path) -> None:
    doc = render(make_plan(), tmp_path)
    key = next(t for t in doc.tables if t._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val"))
               == "Key to RAG rating")
    cells = [r.cells[0] for r in key.rows[1:]]
    assert [c.text for c in cells] == [e.label for e in DEFAULT_SCHEME.entries]
    fills = [c._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) for c in cells]
    assert fills == [e.fill for e in DEFAULT_SCHEME.entries]


def test_key_uses_workbook_labels_and_only_listed_statuses(tmp_path: Path) -> None:
    scheme = StatusScheme(
        entries=(
            StatusEntry("complete", "Complete", "1D70B8", "FFFFFF"),
            StatusEntry("on_track", "In Progress on schedule", "00703C", "FFFFFF"),
            StatusEntry("behind", "Behind Schedule", "D4351C", "FFFFFF"),
            StatusEntry("at_risk", "At risk", "FFDD00", "0B0C0C"),
            StatusEntry("not_started", "Not started", "505A5F", "FFFFFF"),
        ),
        from_workbook=True,
        listed=("complete", "on_track", "behind"),
    )
    doc = render(make_plan(scheme), tmp_path)
    key = doc.tables[0]
    assert [r.cells[0].text for r in key.rows[1:]] == [
        "Complete", "In Progress on schedule", "Behind Schedule"]
    assert action_tables(doc)[1].rows[1].cells[8].text == "In Progress on schedule"


def test_summary_counts_percentages_empty_and_overdue(tmp_path: Path) -> None:
    doc = render(make_plan(), tmp_path)
    paras = paragraphs(doc)
    assert ("Normal", "The plan has four actions against three recommendations in two "
            "priorities. No target dates have moved.") in paras
    by_status = next(t for t in doc.tables if t.rows[0].cells[1].text == "Actions")
    rows = {r.cells[0].text: (r.cells[1].text, r.cells[2].text) for r in by_status.rows[1:]}
    assert rows["Complete"] == ("1", "25%")
    assert rows["On track"] == ("2", "50%")
    assert rows["Behind schedule"] == ("1", "25%")
    assert rows["Total"] == ("4", "100%")
    assert ("List Bullet", "R2: End the unsafe practice of holding cases as contacts") in paras
    assert ("Normal", "One action was due before 1 May 2013 and is not complete:") in paras
    overdue = next(t for t in doc.tables if t.rows[0].cells[0].text == "Ref")
    assert [c.text for c in overdue.rows[1].cells] == [
        "R1", "Weekly CP meetings", "April 2013", "Behind schedule"]


def test_as_at_argument_overrides_details(tmp_path: Path) -> None:
    doc = render(make_plan(), tmp_path, as_at=dt.date(2013, 3, 1))
    paras = paragraphs(doc)
    assert ("Normal", "Position as at 1 March 2013") in paras
    assert ("Normal", "No actions are overdue at 1 March 2013.") in paras


def test_read_back_counts_match_and_detect_loss(tmp_path: Path) -> None:
    plan = make_plan()
    out = render_document(build_plan_document(plan), tmp_path / "plan.docx")
    assert count_written_plan(out, plan) == {"actions": 4, "recommendations": 3}
    # a document missing a recommendation and an action is caught
    bigger = make_plan()
    bigger.priorities[1].recommendations.append(
        Recommendation("R9", "Extra", [Action("R9", "Extra action", "on_track")]))
    assert count_written_plan(out, bigger) == {"actions": 4, "recommendations": 3}


@pytest.mark.parametrize("n", [0, 1])
def test_plan_with_few_actions(tmp_path: Path, n: int) -> None:
    actions = [Action("R1", "Only action", "not_started")] if n else []
    priority = Priority("", "", [Recommendation("R1", "Rec", actions)])
    plan = Plan(Details(), DEFAULT_SCHEME, [priority])
    doc = render(plan, tmp_path, as_at=dt.date(2024, 1, 1))
    paras = paragraphs(doc)
    assert paras[0] == ("Title", "Improvement plan")
    assert ("Heading 2", "R1: Rec") in paras
    assert len(action_tables(doc)) == n


def test_key_also_explains_a_status_used_but_not_in_the_workbook_key(tmp_path: Path) -> None:
    scheme = StatusScheme(
        entries=(
            StatusEntry("complete", "Complete", "1D70B8", "FFFFFF"),
            StatusEntry("on_track", "In Progress on schedule", "00703C", "FFFFFF"),
            StatusEntry("at_risk", "At risk", "FFDD00", "0B0C0C"),
        ),
        from_workbook=True,
        listed=("complete", "on_track"),
    )
    plan = make_plan(scheme)
    plan.actions[1].status = "at_risk"  # typed with a default spelling the key does not list
    doc = render(plan, tmp_path)
    assert [r.cells[0].text for r in doc.tables[0].rows[1:]] == [
        "Complete", "In Progress on schedule", "At risk"]
