"""The improvement plan document: a Plan as a RAG-keyed, committee-ready DocumentModel.

Title, organisation and "Position as at" come from the template frame; the body is
the key to the RAG rating, a summary (actions by status, recommendations with no
actions yet, overdue actions), then each priority (Heading 1), each recommendation
(Heading 2, "R4: ...") and its actions in a table whose Status cell is shaded with the
scheme's colour and says the status in words.
"""

from __future__ import annotations

import datetime as dt

from pipeline.documents.docmodel import (
    SPACE_UNDER_TABLE_PT,
    Block,
    Cell,
    Column,
    DocumentModel,
    Heading,
    Paragraph,
    Table,
)
from pipeline.documents.formatting import (
    ROUNDING_NOTE,
    adds_up,
    format_date,
    format_date_value,
    format_moved_date,
    number_words,
    percent,
    percentages,
)
from pipeline.domain.model import Action, Plan, Priority, Recommendation, StatusEntry, StatusKey
from pipeline.domain.plan_rules import (
    distinct_recommendations,
    overdue_actions,
    recommendations_without_actions,
    split_note,
    split_recommendations,
    status_counts,
)
from pipeline.domain.slippage import (
    carry_earlier_dates,
    moved_counts,
    redated_actions,
    slipped_actions,
)

# A4 landscape with 1.27 cm margins leaves 27.16 cm: Action and Progress widest.
ACTION_COLUMNS: tuple[Column, ...] = (
    Column("Action", 4.9),
    Column("Outcome", 2.9),
    Column("Source", 2.5),
    Column("Measure", 2.7),
    Column("Timescale", 2.2),
    Column("Lead", 2.4),
    Column("Target date", 2.0),
    Column("Progress", 5.3),
    Column("Status", 2.2),
)
ACTION_HEADERS: tuple[str, ...] = tuple(c.header for c in ACTION_COLUMNS)
# The fields a template's design of action tables may print (pipeline.documents.
# table_fields): the columns' values in order, then the ref and the recommendation.
ACTION_FIELDS: tuple[str, ...] = (
    "action.text", "action.outcome", "action.source", "action.measure", "action.timescale",
    "action.lead", "action.target_date", "action.progress", "action.status", "action.ref",
    "action.recommendation",
)

# Columns a plan may leave empty throughout (the Action, Lead, Target date, Progress and
# Status columns are always printed): an empty one is left out of every action table, so
# that its width goes to the text.
OPTIONAL_COLUMNS: dict[int, str] = {1: "outcome", 2: "source_of", 3: "measure", 4: "timescale"}

NO_ACTIONS = "No actions have been agreed for this recommendation yet."

MEANINGS: dict[StatusKey, str] = {
    "complete": "The action has been completed.",
    "on_track": "The action is in progress and on schedule.",
    "at_risk": "The action is in progress but at risk of missing its target date.",
    "behind": "The action is behind schedule.",
    "not_started": "Work on the action has not started yet.",
}

def priority_heading(priority: Priority) -> str:
    """'Priority 7: WORK WITH TELFORD & WREKIN CCG': the number as "Priority N:", the title
    exactly as typed (never re-cased: a clerk's names and acronyms are theirs)."""
    return priority.heading


def recommendation_heading(recommendation: Recommendation) -> str:
    if recommendation.ref and recommendation.text:
        return f"{recommendation.ref}: {recommendation.text}"
    return recommendation.ref or recommendation.text


def _entry(plan: Plan, key: StatusKey) -> StatusEntry:
    try:
        return plan.scheme.entry(key)
    except KeyError:
        # A status the workbook's key does not define: fall back to the default scheme's.
        from pipeline.domain.status import DEFAULT_SCHEME

        return DEFAULT_SCHEME.entry(key)


def status_cell(plan: Plan, key: StatusKey, text: str | None = None) -> Cell:
    """A cell shaded with the status colour that also says the status in words."""
    entry = _entry(plan, key)
    return Cell.of(text if text is not None else entry.label, entry.fill, entry.text_colour)


def _as_at(plan: Plan, as_at: dt.date | None) -> tuple[dt.date, str]:
    """The date the plan describes and how to print it."""
    if as_at is not None:
        return as_at, format_date(as_at)
    dv = plan.details.as_at
    if dv is not None and dv.date is not None:
        return dv.due_by() or dv.date, format_date_value(dv)
    today = dt.date.today()
    return today, format_date(today)


def _plural(n: int, one: str, many: str) -> str:
    return f"{number_words(n)} {one if n == 1 else many}"


def _key_blocks(plan: Plan) -> list[Block]:
    # The workbook's RAG key (or the default scheme), plus any other status an action uses,
    # so that every colour in the document is explained.
    printed = {e.key for e in plan.scheme.key_entries} | {a.status for a in plan.actions}
    rows = [
        [status_cell(plan, e.key, e.label), Cell.of(MEANINGS.get(e.key, ""))]
        for e in plan.scheme.entries
        if e.key in printed
    ]
    return [
        Heading("Key to RAG rating", 1),
        Table([Column("Status", 5.0), Column("Meaning", 12.0)], rows, caption="Key to RAG rating"),
    ]


def _summary_blocks(plan: Plan, as_at: dt.date, as_at_text: str) -> list[Block]:
    actions = plan.actions
    total = len(actions)
    recs = distinct_recommendations(plan)
    blocks: list[Block] = [Heading("Summary", 1)]
    sentence = (
        f"The plan has {_plural(total, 'action', 'actions')} against "
        f"{_plural(len(recs), 'recommendation', 'recommendations')}"
    )
    numbered = [p for p in plan.priorities if p.number or p.title]
    if numbered:
        sentence += f" in {_plural(len(numbered), 'priority', 'priorities')}"
    splits = [split_note(places) for places in split_recommendations(plan)]
    if splits:  # one recommendation printed in two places is still one recommendation
        sentence += f"; {', '.join(splits)}"
    sentence = sentence[:1].upper() + sentence[1:] + "."
    sentence += moved_sentence(plan)
    blocks.append(Paragraph.of(sentence))

    counts = status_counts(plan)
    shown = [k for k in counts if counts[k] or k in {e.key for e in plan.scheme.key_entries}]
    shares = percentages([counts[key] for key in shown])
    rows = [
        [status_cell(plan, key), Cell.of(str(counts[key])), Cell.of(share)]
        for key, share in zip(shown, shares, strict=True)
    ]
    rows.append([Cell.of("Total", bold=True), Cell.of(str(total), bold=True),
                 Cell.of(percent(total, total) if total else "0%", bold=True)])
    blocks.append(Heading("Actions by status", 2))
    blocks.append(
        Table(
            [Column("Status", 5.0), Column("Actions", 2.5), Column("Percentage", 3.0)],
            rows,
            caption="Number of actions by status",
        )
    )
    if total and not adds_up(shares):
        blocks.append(Paragraph.of(ROUNDING_NOTE, space_before_pt=SPACE_UNDER_TABLE_PT))

    blocks.append(Heading("Recommendations with no actions yet", 2))
    empty = recommendations_without_actions(plan)
    if empty:
        blocks.append(Paragraph.of(
            f"{number_words(len(empty)).capitalize()} "
            f"{'recommendation has' if len(empty) == 1 else 'recommendations have'} "
            "no actions agreed yet:"
        ))
        for rec in empty:
            blocks.append(Paragraph.of(recommendation_heading(rec), style="List Bullet"))
    else:
        blocks.append(Paragraph.of("Every recommendation has at least one action."))

    blocks.append(Heading("Overdue actions", 2))
    late = overdue_actions(plan, as_at)
    if late:
        blocks.append(Paragraph.of(
            f"{number_words(len(late)).capitalize()} "
            # The cut-off day itself: an "As at" of "July 2013" means 31 July 2013.
            f"{'action was' if len(late) == 1 else 'actions were'} due before {format_date(as_at)} "
            f"and {'is' if len(late) == 1 else 'are'} not complete:"
        ))
        blocks.append(
            Table(
                [Column("Ref", 1.6), Column("Action", 13.0), Column("Target date", 3.0),
                 Column("Status", 3.0)],
                [
                    [Cell.of(a.ref), Cell.of(a.text), Cell.of(target_text(a)),
                     status_cell(plan, a.status)]
                    for a in late
                ],
                caption=f"Actions overdue at {as_at_text}",
            )
        )
    else:
        blocks.append(Paragraph.of(f"No actions are overdue at {as_at_text}."))
    blocks += slipped_blocks(plan, as_at)
    return blocks


def moved_sentence(plan: Plan) -> str:
    """' No target dates have moved.'; ' Target dates have moved for three actions: one
    later, one earlier and one no longer dated.' when any moved other than later; '' when
    every move is later (the section "Target dates moved later" says so)."""
    moved, later, earlier, undated = moved_counts(plan)
    if not moved:
        return " No target dates have moved."
    if later == moved:
        return ""
    parts = [f"{number_words(n)} {what}" for n, what in (
        (later, "later"), (earlier, "earlier"), (undated, "no longer dated"),
        (moved - later - earlier - undated, "changed")) if n]
    listed = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
    return (f" Target dates have moved for {_plural(moved, 'action', 'actions')}: "
            f"{listed}.")


SLIPPED_COLUMNS: tuple[Column, ...] = (
    Column("Ref", 1.6), Column("Action", 11.0), Column("Original target date", 3.4),
    Column("Target date now", 3.4), Column("Slipped by", 2.6), Column("Status", 3.0),
)


def redated_sentence(plan: Plan, as_at: dt.date) -> str:
    """'One more action was due before 31 July 2013 on its original date but has a new
    target date, so it is not counted as overdue: R3.' ('' when there is none)."""
    redated = redated_actions(plan, as_at)
    if not redated:
        return ""
    n = len(redated)
    refs = [s.action.ref or s.action.text for s in redated]
    return (
        f"{_plural(n, 'more action', 'more actions').capitalize()} "
        f"{'was' if n == 1 else 'were'} due before {format_date(as_at)} on "
        f"{'its' if n == 1 else 'their'} original target date but "
        f"{'has a new target date' if n == 1 else 'have new target dates'}"
        f"{' or no date now' if any(s.undated for s in redated) else ''}, so "
        f"{'it is' if n == 1 else 'they are'} not counted as overdue: "
        f"{', '.join(refs[:-1]) + ' and ' + refs[-1] if n > 1 else refs[0]}."
    )


def slipped_blocks(plan: Plan, as_at: dt.date) -> list[Block]:
    """'Target dates moved later': how many actions slipped, each with both dates; nothing
    when none has."""
    slips = slipped_actions(plan)
    if not slips:  # said in the summary's opening paragraph: no empty section
        return []
    blocks: list[Block] = [Heading("Target dates moved later", 2)]
    n = len(slips)
    undated = sum(1 for s in slips if s.undated)
    moved = "has moved later than first planned" + (
        "" if not undated else " or is no longer a date" if undated == n
        else f" or is no longer a date ({number_words(undated)} with no date now)")
    blocks.append(Paragraph.of(
        f"{_plural(n, 'action has', 'actions have').capitalize()} slipped: "
        f"{'its' if n == 1 else 'their'} target date {moved}."
    ))
    redated = redated_sentence(plan, as_at)
    if redated:
        blocks.append(Paragraph.of(redated))
    blocks.append(Table(
        list(SLIPPED_COLUMNS),
        [[Cell.of(s.action.ref), Cell.of(s.action.text), Cell.of(format_date_value(s.was)),
          Cell.of(format_date_value(s.now)), Cell.of(s.length), status_cell(plan, s.action.status)]
         for s in slips],
        caption="Actions whose target date has moved later",
    ))
    return blocks


def target_text(action: Action) -> str:
    """The Target date cell: 'September 2013 (was June 2013)' for a re-dated action."""
    return format_moved_date(action.target_date, action.original_date)


def action_row(plan: Plan, action: Action) -> list[Cell]:
    return [
        Cell.of(action.text),
        Cell.of(action.outcome),
        Cell.of(action.source_of),
        Cell.of(action.measure),
        Cell.of(action.timescale),
        Cell.of(action.lead),
        Cell.of(target_text(action)),
        Cell.of(action.progress),
        status_cell(plan, action.status),
    ]


def action_columns(plan: Plan) -> list[int]:
    """The indexes of ACTION_COLUMNS the plan's action tables print: every column but an
    optional one no action fills."""
    actions = plan.actions
    return [i for i in range(len(ACTION_COLUMNS)) if i not in OPTIONAL_COLUMNS or any(
        getattr(a, OPTIONAL_COLUMNS[i]).strip() for a in actions)]


def _priority_blocks(plan: Plan, kept: list[int]) -> list[Block]:
    """Each priority's headings and action tables, with the columns `kept`
    (action_columns)."""
    blocks: list[Block] = []
    columns = [ACTION_COLUMNS[i] for i in kept]
    fields = (*(ACTION_FIELDS[i] for i in kept), *ACTION_FIELDS[len(ACTION_COLUMNS):])
    for priority in plan.priorities:
        heading = priority_heading(priority)
        if heading:
            blocks.append(Heading(heading, 1))
        for rec in priority.recommendations:
            blocks.append(Heading(recommendation_heading(rec), 2))
            if not rec.actions:
                blocks.append(Paragraph.of(NO_ACTIONS))
                continue
            rows = [[row[i] for i in kept] for row in (action_row(plan, a)
                                                        for a in rec.actions)]
            recommendation = Cell.of(rec.text)
            blocks.append(
                Table(
                    list(columns),
                    rows,
                    caption=f"Actions for recommendation {rec.ref}".strip()
                    if rec.ref else "Actions for this recommendation",
                    design="action", fields=fields,
                    values=[(*row, Cell.of(a.ref), recommendation)
                            for row, a in zip(rows, rec.actions, strict=True)],
                )
            )
    return blocks


def build_plan_document(
    plan: Plan, as_at: dt.date | None = None, previous: Plan | None = None
) -> DocumentModel:
    """The improvement plan as a DocumentModel (kind "plan", landscape). With `previous`
    (the last report's plan), an action whose target date has moved since then shows its
    earlier date ("September 2013 (was June 2013)") and counts as slipped."""
    if previous is not None:
        carry_earlier_dates(plan, previous)
    details = plan.details
    as_at_date, as_at_text = _as_at(plan, as_at)
    title = details.title.strip() or "Improvement plan"
    organisation = details.organisation.strip()
    context: dict[str, object] = {
        "organisation": organisation,
        "as_at": as_at_text,
        "committee": details.committee,
        "meeting_date": format_date_value(details.meeting_date),
        "author": details.author,
        "author_title": details.author_title,
        "contact_officer": details.contact_officer,
        "telephone": details.telephone,
        "email": details.email,
        "wards_affected": details.wards_affected,
        "report_number": "" if details.report_number is None else str(details.report_number),
        "banner": plan.banner,
    }
    blocks: list[Block] = []
    blocks += _key_blocks(plan)
    blocks += _summary_blocks(plan, as_at_date, as_at_text)
    kept = action_columns(plan)
    blocks += _priority_blocks(plan, kept)
    return DocumentModel(
        kind="plan",
        title=title,
        subject=f"{title}: position as at {as_at_text}",
        author=organisation,
        landscape=True,
        protective_marking=details.protective_marking,
        context=context,
        blocks=blocks,
        counts={"actions": len(plan.actions),
                "recommendations": len(distinct_recommendations(plan))},
        written_headers={"action": tuple(ACTION_HEADERS[i] for i in kept)},
    )
