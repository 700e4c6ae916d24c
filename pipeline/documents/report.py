"""The committee report: a numbered cover report, then its appendices, in one document.

Modelled on the reports councils circulate (seeds 000-003): Torbay's cover block (Title,
Wards affected, To, On, Contact officer, Telephone, E.mail) and numbered paragraphs;
Peterborough's "Agenda Item No.", "Public Report", 1. PURPOSE, 2. RECOMMENDATIONS,
implications, BACKGROUND DOCUMENTS under the Access to Information Act 1985, APPENDICES;
Telford's "2.1 That ..." recommendations, impact assessment and background papers.

The cover is portrait. Its sections are real Heading 1 paragraphs ("2. Recommendations"),
their paragraphs numbered in the text ("2.1 That the Committee ..."), so that the numbers
survive any template, copy and paste or PDF. The Summary of progress is not typed by
anyone: it is the briefing's own sentences, from the briefing's functions. Each appendix
(the improvement plan, the performance report, the cabinet response) starts a new section
on a new page in the stand-alone document's orientation, headed "Appendix A – Improvement
plan", and holds every row as the stand-alone document prints it (its headings one level
down, under the appendix's).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pipeline.documents.docmodel import (
    Block,
    DocumentModel,
    Heading,
    Paragraph,
    Run,
    SectionBreak,
    Table,
    set_off_from_tables,
)
from pipeline.documents.formatting import format_date_value
from pipeline.documents.report_subject import Subject, response_is_update, subject_of
from pipeline.domain.model import Details, IndicatorSet, Plan, ScrutinyResponse
from pipeline.issues import Issue

DASH = "\u2013"
NOTES_THE_REPORT = "That the Committee notes the report."
ACCESS_TO_INFORMATION = (
    "The following papers were used to prepare this report, in accordance with the Local "
    "Government (Access to Information) Act 1985:"
)
NO_PAPERS = "None."

# (Details attribute, the implication's name as printed), in the order printed.
IMPLICATIONS: tuple[tuple[str, str], ...] = (
    ("financial_implications", "Financial"),
    ("legal_implications", "Legal"),
    ("equalities_implications", "Equalities"),
    ("risk_implications", "Risk"),
    ("consultation", "Consultation"),
)

# The workbook parts that become appendices, in the order they are lettered.
APPENDIX_NAMES: dict[str, str] = {
    "plan": "Improvement plan",
    "indicators": "Performance report",
    "response": "Cabinet response to scrutiny recommendations",
    "response_update": "Update on the Cabinet response to scrutiny recommendations",
}


@dataclass(frozen=True)
class Appendix:
    """One appendix: its letter, the workbook part it shows and the stand-alone document."""

    letter: str
    part: str  # the workbook part it is made from: "plan", "indicators" or "response"
    model: DocumentModel
    update: bool = False  # the cabinet response's update (with Progress), named as such

    @property
    def heading(self) -> str:
        name = APPENDIX_NAMES["response_update" if self.update else self.part]
        return f"Appendix {self.letter} {DASH} {name}"


def lines_of(text: str) -> list[str]:
    """The non-blank lines of a Details value, as typed (each one a numbered paragraph)."""
    return [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


def cover_lines(details: Details) -> list[tuple[str, str]]:
    """The cover block: (label, value) for every key given; blank keys are left out."""
    author = ", ".join(p for p in (details.author.strip(), details.author_title.strip()) if p)
    lines = [
        ("Agenda item", details.agenda_item),
        ("Report status", details.report_status.strip() or "Public"),
        ("To", details.committee),
        ("On", format_date_value(details.meeting_date)),
        ("Wards affected", details.wards_affected.strip() or "All"),
        ("Report of", details.report_of),
        ("Report author", author),
        ("Lead member", details.lead_member.strip() or details.cabinet_member),
        ("Contact officer", details.contact_officer),
        ("Telephone", details.telephone),
        ("Email", details.email),
    ]
    return [(label, value.strip()) for label, value in lines if value and value.strip()]


def recommendation_lines(details: Details) -> list[str]:
    """Each line of the Recommendations key, or the one recommendation a report makes."""
    return lines_of(details.recommendations) or [NOTES_THE_REPORT]


def report_issues(details: Details, file: str = "", subject: Subject | None = None) -> list[Issue]:
    """Warnings for a report whose Details lack a Purpose or Recommendations (`subject`: what
    the report is about, a plan's progress report when not given)."""
    def lacks(detail: str) -> str:
        return (f"The Details sheet gives no {detail}" if details.sheet else
                f"The workbook has no Details sheet to give a {detail}")

    issues: list[Issue] = []
    if not details.purpose.strip():
        said = purpose_lines(details, subject)[0]
        issues.append(Issue(
            "missing-cell", "warning",
            f"{lacks('Purpose')}, so the report says '{said}' To say why the report comes "
            f"to the committee, {details.how_to_give('purpose', 'Purpose', 'the text')}.",
            **details.place_of("purpose"), file=file,
        ))
    if not details.recommendations.strip():
        how = details.how_to_give("recommendations", "Recommendations",
                                  "one recommendation a line")
        issues.append(Issue(
            "missing-cell", "warning",
            f"{lacks('Recommendations')}, so the report says '{NOTES_THE_REPORT}' To "
            f"recommend something else, {how}.",
            **details.place_of("recommendations"), file=file,
        ))
    return issues


def purpose_lines(details: Details, subject: Subject | None = None) -> list[str]:
    typed = lines_of(details.purpose)
    if typed:
        return typed
    return [(subject or subject_of(details, has_plan=True)).purpose]


def summary_blocks(
    plan: Plan | None,
    previous: Plan | None,
    indicators: IndicatorSet | None,
    response: ScrutinyResponse | None,
    today: dt.date | None = None,
    details: Details | None = None,
) -> list[Block]:
    """The Summary of progress: the briefing's sentences (and its table of late actions),
    the performance report's status sentences, the cabinet response's summary sentence (and
    for its update, the progress it reports: `response.update_progress_blocks`)."""
    from pipeline.documents import briefing

    blocks: list[Block] = []
    if plan is not None:
        as_at, as_at_text = briefing.as_at_of(plan, today)
        blocks += briefing.summary_blocks(plan, as_at, as_at_text, previous)
        if previous is not None:
            from pipeline.domain.changes import compare_plans

            blocks += briefing.changes_blocks(previous, plan, compare_plans(previous, plan))
    if indicators is not None and indicators.indicators:
        blocks.append(Heading("Performance indicators", 2))
        # The indicator table itself is the performance report's, in its appendix.
        blocks += [b for b in briefing.performance_blocks(indicators, bullets=True)
                   if not isinstance(b, Table)]
    if response is not None:
        from pipeline.documents.response import summary_sentence, update_progress_blocks

        blocks.append(Heading("Response to the scrutiny recommendations", 2))
        blocks.append(Paragraph.of(summary_sentence(response)))
        if response_is_update(details or response.details, response):
            blocks += update_progress_blocks(response)
    if not blocks:
        blocks.append(Paragraph.of("The workbook holds no plan, indicators or response."))
    return blocks


def numbered(section: int, blocks: list[Block]) -> list[Block]:
    """The section's ordinary paragraphs numbered "3.1 ", "3.2 " ...; bullets, subheadings
    and tables as they are."""
    out: list[Block] = []
    n = 0
    for block in blocks:
        if isinstance(block, Paragraph) and block.style is None:
            n += 1
            out.append(Paragraph([Run(f"{section}.{n} "), *block.runs]))
        else:
            out.append(block)
    return out


def _paragraphs(lines: list[str]) -> list[Block]:
    return [Paragraph.of(line) for line in lines]


def implication_blocks(details: Details) -> list[Block]:
    blocks: list[Block] = []
    for attr, name in IMPLICATIONS:
        text = getattr(details, attr).strip()
        if text:
            blocks.append(Paragraph([Run(f"{name}: ", bold=True), Run(text)]))
    return blocks


def papers_blocks(details: Details) -> list[Block]:
    papers = lines_of(details.background_papers)
    if not papers:
        return [Paragraph.of(NO_PAPERS)]
    return [Paragraph.of(ACCESS_TO_INFORMATION)] + [
        Paragraph.of(p, style="List Bullet") for p in papers
    ]


def appendices_of(
    plan: Plan | None,
    indicators: IndicatorSet | None,
    response: ScrutinyResponse | None,
    today: dt.date | None = None,
    details: Details | None = None,
) -> list[Appendix]:
    """The stand-alone documents that become the appendices, lettered A, B, C. The cabinet
    response is its update (with Progress) when the report's meeting (`details`) is the
    update meeting or later than the Cabinet's (report_subject.response_is_update)."""
    from pipeline.documents.performance import build_performance_document
    from pipeline.documents.plan import build_plan_document
    from pipeline.documents.response import build_response_document

    models: list[tuple[str, DocumentModel, bool]] = []
    if plan is not None:
        models.append(("plan", build_plan_document(plan, today), False))
    if indicators is not None and indicators.indicators:
        models.append(("indicators", build_performance_document(indicators, today), False))
    if response is not None:
        update = response_is_update(details or response.details, response)
        models.append(("response", build_response_document(response, update=update), update))
    return [Appendix(chr(ord("A") + i), part, model, update)
            for i, (part, model, update) in enumerate(models)]


def appendix_blocks(appendix: Appendix) -> list[Block]:
    """A new section in the document's own orientation: the appendix heading, the stand-alone
    document's title and position date, then its blocks with each heading one level down."""
    model = appendix.model
    blocks: list[Block] = [
        SectionBreak(landscape=model.landscape, page_of=model.kind),
        Heading(appendix.heading, 1),
        Paragraph.of(model.title, bold=True),
    ]
    as_at = str(model.context.get("as_at") or "")
    if as_at:
        blocks.append(Paragraph.of(f"Position as at {as_at}"))
    for block in model.blocks:
        blocks.append(Heading(block.text, block.level + 1) if isinstance(block, Heading) else block)
    return blocks


def build_report_document(
    details: Details,
    *,
    plan: Plan | None = None,
    previous: Plan | None = None,
    indicators: IndicatorSet | None = None,
    response: ScrutinyResponse | None = None,
    today: dt.date | None = None,
) -> DocumentModel:
    """The committee report as a DocumentModel (kind "report": portrait cover, appendices).

    counts: "report_recommendations" (numbered recommendations), "appendices", and what the
    appendices hold: "actions" and "recommendations" (plan), "indicators", and
    "scrutiny_recommendations" (response).
    """
    if plan is not None and previous is not None:  # re-dated actions show their earlier date
        from pipeline.domain.slippage import carry_earlier_dates

        carry_earlier_dates(plan, previous)
    appendices = appendices_of(plan, indicators, response, today, details)
    subject = subject_of(details, has_plan=plan is not None,
                         has_indicators=indicators is not None and bool(indicators.indicators),
                         response=response)
    recommendations = recommendation_lines(details)
    sections: list[tuple[str, list[Block]]] = [
        ("Purpose", _paragraphs(purpose_lines(details, subject))),
        ("Recommendations", _paragraphs(recommendations)),
    ]
    if details.reasons.strip():
        sections.append(("Reasons for the recommendations", _paragraphs(lines_of(details.reasons))))
    background = [line for text in subject.background for line in lines_of(text)]
    if background:  # nothing typed and nothing to say from the Details: no section
        sections.append(("Background", _paragraphs(background)))
    sections.append(("Summary of progress", summary_blocks(plan, previous, indicators, response,
                                                           today, details)))
    if details.next_steps.strip():
        sections.append(("Next steps", _paragraphs(lines_of(details.next_steps))))
    implications = implication_blocks(details)
    if implications:
        sections.append(("Implications", implications))
    sections.append(("Background papers", papers_blocks(details)))
    if appendices:
        sections.append(("Appendices", _paragraphs([a.heading for a in appendices])))

    blocks: list[Block] = [
        Paragraph([Run(f"{label}: "), Run(value, bold=True)])
        for label, value in cover_lines(details)
    ]
    for number, (heading, body) in enumerate(sections, start=1):
        blocks.append(Heading(f"{number}. {heading}", 1))
        blocks += numbered(number, body)
    for appendix in appendices:
        blocks += appendix_blocks(appendix)
    set_off_from_tables(blocks)  # a line under a table, as in the cabinet response's update

    counts: dict[str, int] = {
        "report_recommendations": len(recommendations),
        "appendices": len(appendices),
    }
    for appendix in appendices:
        counts.update(appendix_counts(appendix))
    title = subject.title
    organisation = details.organisation.strip()
    return DocumentModel(
        kind="report",
        title=title,
        subject=f"Report to {details.committee.strip() or 'the Committee'}"
        + (f", {format_date_value(details.meeting_date)}" if details.meeting_date else ""),
        author=organisation,
        landscape=False,
        protective_marking=details.protective_marking,
        context=report_context(details),
        blocks=blocks,
        counts=counts,
        # the appendices' tables' header rows, as their own documents print them
        written_headers={k: v for a in appendices for k, v in a.model.written_headers.items()},
    )


def appendix_counts(appendix: Appendix) -> dict[str, int]:
    counts = appendix.model.counts
    if appendix.part == "plan":
        return {"actions": counts["actions"], "recommendations": counts["recommendations"]}
    if appendix.part == "indicators":
        return {"indicators": counts["indicators"]}
    found = {"scrutiny_recommendations": counts["recommendations"]}
    if appendix.update:  # named "Update on the Cabinet response ..." in the count line too
        found["response_update"] = 1
    return found


def report_context(details: Details) -> dict[str, object]:
    """What the report's template frame may print (docs/templates.md)."""
    return {
        "organisation": details.organisation.strip(),
        "as_at": "",
        "committee": details.committee,
        "meeting_date": format_date_value(details.meeting_date),
        "agenda_item": details.agenda_item,
        "report_status": details.report_status.strip() or "Public",
        "author": details.author,
        "author_title": details.author_title,
        "report_of": details.report_of,
    }


__all__ = [
    "APPENDIX_NAMES", "Appendix", "NOTES_THE_REPORT", "build_report_document", "cover_lines",
    "recommendation_lines", "report_issues",
]
