"""The cabinet response to a scrutiny report, as a DocumentModel (A4 landscape).

Modelled on Telford & Wrekin's "Table 1 - Cabinet Response to Scrutiny Report" and
its "Update on Action plan" (seed 001): a header block, a summary of decisions by
theme, then the response to every recommendation.

Layout choice for the main table: each theme is a numbered Heading 2 ("2. Quality
Assurance of Systems and Processes") followed by its own table, every table with the
same columns. We do not put the theme in the first cell of a single table because
that cell would only make sense on the theme's first row: when a long theme breaks
across pages the repeated header row would be followed by rows that no longer say
which theme they belong to, and a screen reader reading a row on its own would miss
it. Headings give the Navigation Pane and screen readers a way to jump from theme to
theme, every row stands alone ("a) That the system ..."), no cell is merged, and each
table's caption names its theme.
"""

from __future__ import annotations

import datetime as dt

from pipeline.documents.docmodel import (
    Block,
    Cell,
    Column,
    DocumentModel,
    Heading,
    Paragraph,
    Run,
    Table,
    set_off_from_tables,
)
from pipeline.documents.formatting import format_date_value, format_moved_date, number_words
from pipeline.domain.model import DECISIONS, ScrutinyRecommendation, ScrutinyResponse, Theme
from pipeline.domain.response_rules import (
    ACCEPTING,
    decision_counts,
    decision_counts_by_theme,
    missing_updates,
    update_day,
)

TITLE = "Cabinet Response to Scrutiny Report"
UPDATE_TITLE = "Update on Action Plan \u2013 Cabinet Response to Scrutiny Report"

COLUMNS: tuple[str, ...] = (
    "Scrutiny Recommendation",
    "Response and summary of action being taken to implement, or reason for rejection",
    "Date by which action will be taken",
    "Person responsible for action (name and title)",
)
PROGRESS = "Progress"
# The fields a template's design of the response tables may print (pipeline.documents.
# table_fields); rec.progress only in the update, so a column of it is left out of the first
# response.
REC_FIELDS: tuple[str, ...] = (
    "rec.number", "rec.text", "rec.decision", "rec.action", "rec.date", "rec.responsible",
)
REC_FIELDS_UPDATE: tuple[str, ...] = (*REC_FIELDS, "rec.progress")
# The update's Progress cell when the Progress column is blank (see progress_text).
NO_UPDATE = "No update given"
NOT_YET_DUE = "No update given (not yet due)"

# Widths in cm for A4 landscape (about 25 cm between the margins); the renderer scales
# them down if a template's margins leave less room.
_WIDTHS = (8.8, 9.5, 3.8, 5.0)
_WIDTHS_UPDATE = (6.8, 7.4, 3.2, 3.9, 5.8)


def theme_heading(theme: Theme) -> str:
    """'2. Quality Assurance of Systems and Processes'; 'Theme 3' when it has no name."""
    if theme.number and theme.title:
        return f"{theme.number}. {theme.title}"
    if theme.title:
        return theme.title
    return f"Theme {theme.number}" if theme.number else "Recommendations"


def recommendation_text(rec: ScrutinyRecommendation) -> str:
    """'a) That the system ...' for a sub-recommendation, the text alone otherwise."""
    return f"{rec.letter}) {rec.text}" if rec.letter else rec.text


def header_lines(response: ScrutinyResponse, update: bool = False) -> list[tuple[str, str]]:
    """The header block as (label, value) pairs, in the seed's order; empty values left out."""
    d = response.details
    prepared = d.author
    if d.author and d.author_title:
        prepared = f"{d.author}, {d.author_title}"
    lines = [
        ("Scrutiny Committee", d.committee),
        ("Report", d.scrutiny_report),
        ("Lead Scrutiny Member", d.lead_scrutiny_member),
        ("Lead Scrutiny Officer", d.lead_scrutiny_officer),
        ("Cabinet Member", d.cabinet_member),
        ("Response prepared by", prepared),
        ("Date of Cabinet meeting", format_date_value(d.cabinet_date)),
    ]
    if update:
        lines.append(("Date of update meeting", update_date_text(response)))
    return [(label, value) for label, value in lines if value.strip()]


def update_date_text(response: ScrutinyResponse) -> str:
    """The update meeting's date: Update date, else the Meeting date of the Details sheet."""
    d = response.details
    return format_date_value(d.update_date) or format_date_value(d.meeting_date)


def position_text(response: ScrutinyResponse) -> str:
    """The update's 'Position as at' date: the As at date when the Details give one, else the
    update meeting's date (update_date_text)."""
    return format_date_value(response.details.as_at) or update_date_text(response)


def position_day(response: ScrutinyResponse) -> dt.date | None:
    """The day the update's position is judged at (which actions are due with no update):
    the As at date (its last day for a month), else update_day."""
    as_at = response.details.as_at
    if as_at is not None and as_at.date is not None:
        return as_at.due_by()
    return update_day(response.details)


def _summary_table(response: ScrutinyResponse) -> Table:
    columns = [Column("Theme", 6.5), Column("Recommendations", 3.8)]
    columns += [Column(decision, 2.9) for decision in DECISIONS]
    rows: list[list[Cell]] = []
    for theme, counts in decision_counts_by_theme(response):
        rows.append(
            [Cell.of(theme_heading(theme)), Cell.of(str(len(theme.recommendations)))]
            + [Cell.of(str(counts[d])) for d in DECISIONS]
        )
    totals = decision_counts(response.themes)
    rows.append(
        [Cell.of("All themes", bold=True),
         Cell.of(str(len(response.recommendations)), bold=True)]
        + [Cell.of(str(totals[d]), bold=True) for d in DECISIONS]
    )
    return Table(columns, rows, caption="Decisions on the recommendations, by theme")


def _theme_decisions(theme: Theme) -> str:
    """'a) Partially accepted, b) Accepted' for the summary list ('Accepted' when unlettered)."""
    return ", ".join(
        f"{r.letter}) {r.decision}" if r.letter else r.decision for r in theme.recommendations
    )


def _response_cell(rec: ScrutinyRecommendation) -> Cell:
    runs = [Run(rec.decision, bold=True)]
    if rec.action:
        runs.append(Run("\n" + rec.action))
    return Cell(runs)


def no_update_sentence(missing: list[ScrutinyRecommendation]) -> str:
    """'Three actions due by June 2013 have no update:' ('' for none). The date is the
    latest of their dates."""
    if not missing:
        return ""
    latest = max(missing, key=lambda r: r.date_in_force.due_by())  # type: ignore[union-attr]
    n = len(missing)
    count = number_words(n)
    return (f"{count[:1].upper() + count[1:]} {'action' if n == 1 else 'actions'} due by "
            f"{format_date_value(latest.date_in_force)} {'has' if n == 1 else 'have'} no "
            "update:")


def _date_text(rec: ScrutinyRecommendation, update: bool) -> str:
    """The action date; in the update a revised date as 'October 2013 (was September 2013)'."""
    if update and rec.revised_date is not None:
        return format_moved_date(rec.revised_date, rec.action_date)
    return format_date_value(rec.action_date)


def progress_text(rec: ScrutinyRecommendation, day: dt.date | None) -> str:
    """The update's Progress cell: the progress as typed; when it is blank, "No update
    given (not yet due)" for a recommendation whose date in force is after the position
    date `day`, else "No update given" (it is due, or its date cannot say: words such as
    "Ongoing", none, or no position date). A recommendation not accepted has no action to
    report on: its cell stays as typed."""
    if rec.progress.strip() or rec.decision == "Not accepted":
        return rec.progress
    when = rec.date_in_force
    due = when.due_by() if when is not None else None
    return NOT_YET_DUE if due is not None and day is not None and due > day else NO_UPDATE


def _theme_table(theme: Theme, update: bool, day: dt.date | None = None) -> Table:
    headers = (*COLUMNS, PROGRESS) if update else COLUMNS
    widths = _WIDTHS_UPDATE if update else _WIDTHS
    columns = [Column(h, w) for h, w in zip(headers, widths, strict=True)]
    rows: list[list[Cell]] = []
    values: list[tuple[Cell, ...]] = []
    for rec in theme.recommendations:
        text, date = Cell.of(recommendation_text(rec)), Cell.of(_date_text(rec, update))
        responsible = Cell.of(rec.responsible)
        row = [text, _response_cell(rec), date, responsible]
        value = (Cell.of(rec.number), text, Cell.of(rec.decision), Cell.of(rec.action), date,
                 responsible)
        if update:
            progress = Cell.of(progress_text(rec, day))
            row.append(progress)
            value += (progress,)
        rows.append(row)
        values.append(value)
    return Table(columns, rows, caption=f"Response to theme {theme_heading(theme)}",
                 design="rec", fields=REC_FIELDS_UPDATE if update else REC_FIELDS,
                 values=values)


def response_title(title: str, update: bool) -> str:
    """The document's title: the Details sheet's Title (or --title) as typed, the update's
    "Update on Action Plan – <title>"; without one, Telford's "Cabinet Response to Scrutiny
    Report"."""
    title = title.strip()
    if not title:
        return UPDATE_TITLE if update else TITLE
    return f"Update on Action Plan \u2013 {title}" if update else title


def summary_sentence(response: ScrutinyResponse) -> str:
    """'All nine recommendations were wholly or partly accepted.' or the mix, numbers as the
    plan and briefing write them (zero to nine in words): 'Seven of eight recommendations
    were wholly or partly accepted and one was not accepted.'"""
    counts = decision_counts(response.themes)
    total = sum(counts.values())
    if total == 0:
        return "The workbook holds no recommendations."
    accepted = sum(counts[d] for d in ACCEPTING)
    noun = "recommendation" if total == 1 else "recommendations"
    if accepted == total:
        if total == 1:
            return "The one recommendation was wholly or partly accepted."
        return f"All {number_words(total)} {noun} were wholly or partly accepted."
    parts = [f"{number_words(accepted)} of {number_words(total)} {noun} "
             f"{'was' if accepted == 1 else 'were'} wholly or partly accepted"]
    for decision, said in (("Not accepted", "not accepted"), ("Noted", "noted")):
        n = counts[decision]
        if n:
            parts.append(f"{number_words(n)} {'was' if n == 1 else 'were'} {said}")
    first = parts[0][:1].upper() + parts[0][1:]
    if len(parts) == 2:
        return f"{first} and {parts[1]}."
    return f"{first}; {parts[1]} and {parts[2]}."


def update_progress_blocks(response: ScrutinyResponse) -> list[Block]:
    """What the update says of progress, for a committee report's Summary of progress:
    'Five of the seven recommendations accepted have a progress update.', the revised
    dates, and the actions due with no update (as the update's own summary lists them)."""
    accepted = [r for r in response.recommendations if r.decision in ACCEPTING]
    blocks: list[Block] = []
    if accepted:
        updated = sum(1 for r in accepted if r.progress.strip())
        n = len(accepted)
        noun = "recommendation accepted" if n == 1 else "recommendations accepted"
        if updated == n:
            lead = "The" if n == 1 else f"All {number_words(n)}"
            has = "has" if n == 1 else "have"
            blocks.append(Paragraph.of(f"{lead} {noun} {has} a progress update."))
        else:
            blocks.append(Paragraph.of(
                f"{number_words(updated).capitalize()} of the {number_words(n)} {noun} "
                f"{'has' if updated == 1 else 'have'} a progress update."))
    moved = [r for r in response.recommendations
             if r.revised_date is not None and r.action_date is not None
             and r.revised_date.text != r.action_date.text]
    if moved:
        dates = "; ".join(f"{r.number} now {format_moved_date(r.revised_date, r.action_date)}"
                          for r in moved)
        n = len(moved)
        blocks.append(Paragraph.of(
            f"{number_words(n).capitalize()} {'date has' if n == 1 else 'dates have'} moved: "
            f"{dates}."))
    day = position_day(response)
    missing = missing_updates(response, day) if day is not None else []
    if missing:
        blocks.append(Paragraph.of(no_update_sentence(missing)))
        blocks += [Paragraph.of(f"{r.number}: {r.text}", style="List Bullet") for r in missing]
    return blocks


def build_response_document(response: ScrutinyResponse, update: bool = False) -> DocumentModel:
    """The cabinet response (update=False) or the update on its action plan (update=True)."""
    d = response.details
    title = response_title(d.title, update)
    model = DocumentModel(
        kind="response",
        title=title,
        subject=d.scrutiny_report or d.title,
        author=d.organisation,
        landscape=True,
        protective_marking=d.protective_marking,
        context={
            "title": title,
            "organisation": d.organisation,
            "as_at": position_text(response) if update else "",
            "committee": d.committee,
            "meeting_date": format_date_value(d.meeting_date),
            "report_number": "" if d.report_number is None else str(d.report_number),
        },
    )
    blocks = model.blocks
    for label, value in header_lines(response, update):
        blocks.append(Paragraph([Run(f"{label}: ", bold=True), Run(value)]))

    blocks.append(Heading("Summary of the response", 1))
    blocks.append(Paragraph.of(summary_sentence(response)))
    for theme in response.themes:
        blocks.append(Paragraph(
            [Run(f"{theme_heading(theme)}: ", bold=True), Run(_theme_decisions(theme))],
            style="List Bullet",
        ))
    # A lead-in ending in ':' keeps with the table: it never starts a page unintroduced.
    blocks.append(Paragraph.of("The decisions on the recommendations, by theme:"))
    blocks.append(_summary_table(response))
    day = position_day(response) if update else None
    missing = missing_updates(response, day) if day is not None else []
    if missing:
        blocks.append(Paragraph.of(no_update_sentence(missing)))
        blocks += [Paragraph.of(f"{r.number}: {r.text}", style="List Bullet") for r in missing]

    blocks.append(Heading("Response to each recommendation", 1))
    for theme in response.themes:
        blocks.append(Heading(theme_heading(theme), 2))
        blocks.append(_theme_table(theme, update, day))
    set_off_from_tables(blocks)  # "Three actions due by June 2013 have no update:"
    model.counts = {"recommendations": len(response.recommendations)}
    if missing:
        model.counts["no_update"] = len(missing)
    return model
