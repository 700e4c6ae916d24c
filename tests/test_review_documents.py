"""Review findings: sentences of the plan and the briefing that said something untrue."""

from __future__ import annotations

import datetime as dt

from pipeline.documents.briefing import build_briefing_document, status_sentence
from pipeline.documents.docmodel import DocumentModel, Paragraph
from pipeline.documents.formatting import percent
from pipeline.documents.plan import build_plan_document
from pipeline.domain.model import Action, DateValue, Details, Plan, Priority, Recommendation
from pipeline.domain.status import DEFAULT_SCHEME


def plan_of(actions: list[Action], as_at: DateValue) -> Plan:
    rec = Recommendation("R1", "Ensure referrals are seen", actions)
    details = Details(title="Plan", as_at=as_at)
    return Plan(details, DEFAULT_SCHEME, [Priority("1", "Safety", [rec])])


def texts(model: DocumentModel) -> list[str]:
    return ["".join(r.text for r in b.runs) for b in model.blocks if isinstance(b, Paragraph)]


def test_percent_never_rounds_to_all_or_none() -> None:
    assert percent(199, 200) == "99%"
    assert percent(1, 300) == "1%"
    assert percent(200, 200) == "100%"
    assert percent(0, 300) == "0%"
    assert percent(39, 52) == "75%"


def test_briefing_does_not_call_199_of_200_complete_100_percent() -> None:
    actions = [Action("R1", f"Action {i}", "complete") for i in range(199)]
    actions.append(Action("R1", "Last action", "on_track"))
    plan = plan_of(actions, DateValue("30/07/2013", dt.date(2013, 7, 30), "day"))
    assert status_sentence(plan) == (
        "The plan has 200 actions against one recommendation. Of these, 199 are complete "
        "(99%) and one is on track."
    )


def test_overdue_sentence_names_the_cut_off_day_when_as_at_is_a_month() -> None:
    # "As at July 2013" is the position at 31 July: an action due on 15 July is overdue,
    # and the sentence must not say it was due "before July 2013".
    due = DateValue("15/07/2013", dt.date(2013, 7, 15), "day")
    plan = plan_of(
        [Action("R1", "Audit the files", "on_track", target_date=due)],
        DateValue("July 2013", dt.date(2013, 7, 1), "month"),
    )
    expected = "One action was due before 31 July 2013 and is not complete"
    assert any(t.startswith(expected) for t in texts(build_plan_document(plan)))
    assert any(t.startswith(expected) for t in texts(build_briefing_document(plan)))
    assert not any("before July 2013" in t for t in texts(build_briefing_document(plan)))


def test_a_year_typed_as_a_number_in_a_date_column_is_kept_as_typed() -> None:
    # Excel stores "2013" typed in a Target date cell as the number 2013; read as a serial
    # it was 5 July 1905, printed as that date and counted overdue.
    from pipeline.domain.plan_rules import is_overdue
    from pipeline.reader.cells import parse_date
    from pipeline.reader.raw import RawCell

    parsed = parse_date(RawCell(2013))
    assert parsed == DateValue("2013", None, "text")
    action = Action("R1", "Review", "on_track", target_date=parsed)
    assert not is_overdue(action, dt.date(2013, 7, 30))
    serial = parse_date(RawCell(41485))
    assert isinstance(serial, DateValue) and serial.date == dt.date(2013, 7, 30)
