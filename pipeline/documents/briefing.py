"""The briefing to the scrutiny committee: the factual parts of the monthly update, exactly.

Modelled on "Briefing for CYP Scrutiny Committee 15.08.13: Update on Service Improvement
Plan": numbered sections (Background, Summary of progress, Performance when indicators are
given, Next steps) under real Heading 1 styles, the numbers kept consecutive when a section
is absent, then the officer's sign-off. The summary is generated from the plan: how many
actions, how many complete (with the percentage), on track, at risk, behind schedule and
not started; recommendations with no actions yet; overdue actions; then every action that
is behind schedule or overdue, named in a table with its ref, recommendation, action, lead,
target date, progress commentary and status. Given the previous report's plan, "Since the
last report" names what was completed, what slipped, what improved, and what was added,
removed or reworded.

The sentences themselves (the status summary, the Background made from the report number,
the count of target dates moved, the off-target indicator sentences) are in
`pipeline.documents.briefing_text`; this module lays out the sections and tables.
"""

from __future__ import annotations

import datetime as dt

from pipeline.documents.attention import late_lead_in
from pipeline.documents.briefing_text import (
    background_text,
    briefing_title,
    capitalise,
    count_of,
    earlier_report,
    indicators_sentence,
    off_target_sentence,
    status_sentence,
    target_dates_sentence,
)
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
from pipeline.documents.formatting import (
    format_date,
    format_date_value,
    format_moved_date,
    number_words,
)
from pipeline.documents.performance import Assessment
from pipeline.documents.plan import (
    ACTION_FIELDS,
    action_row,
    recommendation_heading,
    redated_sentence,
    status_cell,
)
from pipeline.domain.changes import ActionPair, PlanChanges, compare_plans
from pipeline.domain.model import (
    Action,
    IndicatorSet,
    Plan,
    Recommendation,
    StatusKey,
)
from pipeline.domain.plan_rules import (
    is_overdue,
    recommendations_without_actions,
    status_counts,
)
from pipeline.domain.slippage import DateMove, carry_earlier_dates, date_moves

# A4 portrait with 2 cm margins leaves 17 cm: five columns keep the text readable (seven were
# too cramped), the action in bold with its recommendation below it, lead above target date.
LATE_COLUMNS: tuple[Column, ...] = (
    Column("Ref", 1.2),
    Column("Action and recommendation", 5.2),
    Column("Lead and target date", 3.0),
    Column("Progress", 5.1),
    Column("Status", 2.5),
)
RECOMMENDATION_PREFIX = "\nRecommendation: "
TARGET_PREFIX = "\nTarget date: "
LATE_HEADERS: tuple[str, ...] = tuple(c.header for c in LATE_COLUMNS)
LATE_CAPTION = "Actions behind schedule or overdue"
MOVED_COLUMNS: tuple[Column, ...] = (
    Column("Ref", 1.2),
    Column("Action", 5.0),
    Column("Old target date", 2.6),
    Column("New target date", 2.6),
    Column("Reason given", 5.6),
)
MOVED_HEADERS: tuple[str, ...] = tuple(c.header for c in MOVED_COLUMNS)

def as_at_of(plan: Plan, today: dt.date | None = None) -> tuple[dt.date, str]:
    """The date the plan describes (for overdue checks) and how to print it.

    A month ("July 2013") means its last day; no As at in Details means today.
    """
    dv = plan.details.as_at
    if dv is not None and dv.date is not None:
        return dv.due_by() or dv.date, format_date_value(dv)
    day = today or dt.date.today()
    return day, format_date(day)


def background_blocks(plan: Plan) -> list[Block]:
    """The Details Background text as typed, or a sentence made from the report number."""
    return [Paragraph.of(background_text(plan.details))]


def late_actions(plan: Plan, as_at: dt.date) -> list[Action]:
    """Actions behind schedule or overdue at `as_at`, in plan order."""
    return [a for a in plan.actions if a.status == "behind" or is_overdue(a, as_at)]


def _recommendation_of(plan: Plan) -> dict[int, Recommendation]:
    return {id(a): r for r in plan.recommendations for a in r.actions}


def late_row(plan: Plan, action: Action, recommendation: Recommendation | None) -> list[Cell]:
    what = [Run(action.text, bold=True)]
    if recommendation is not None and recommendation.text:
        what.append(Run(RECOMMENDATION_PREFIX + recommendation.text))
    target = format_moved_date(action.target_date, action.original_date)
    return [
        Cell.of(action.ref),
        Cell(what),
        Cell.of(action.lead + (TARGET_PREFIX + target if target else "")),
        Cell.of(action.progress),
        status_cell(plan, action.status),
    ]


def moved_row(move: DateMove) -> list[Cell]:
    reason = move.reason or "No reason is given in the progress update."
    return [
        Cell.of(move.action.ref),
        Cell.of(move.action.text),
        Cell.of(format_date_value(move.old)),
        Cell.of(format_date_value(move.new)),
        Cell.of(reason),
    ]


def moved_blocks(moves: list[DateMove], since: str = "") -> list[Block]:
    """'Target dates moved': each action with its old and new date and the reason given."""
    if not moves:
        return []
    later = sum(1 for m in moves if m.later)
    heading = f"Target dates moved since {since}" if since else "Target dates moved"
    intro = f"{capitalise(count_of(len(moves), 'action', 'actions'))} " + (
        "has a new target date" if len(moves) == 1 else "have new target dates"
    )
    if later == len(moves):
        intro += ", later than before:"
    elif later:
        intro += f" ({number_words(later)} later than before):"
    else:
        intro += ":"
    return [
        Heading(capitalise(heading), 2),
        Paragraph.of(intro),
        Table(list(MOVED_COLUMNS), [moved_row(m) for m in moves],
              caption="Actions whose target date has moved"),
    ]


def summary_blocks(
    plan: Plan, as_at: dt.date, as_at_text: str, previous: Plan | None = None
) -> list[Block]:
    blocks: list[Block] = [Paragraph.of(status_sentence(plan))]
    since = earlier_report(previous) if previous is not None else ""
    moves = date_moves(plan, previous)
    if moves or previous is not None:
        blocks.append(Paragraph.of(target_dates_sentence(len(moves), since)))
    counts = status_counts(plan)
    if plan.actions and not counts.get("behind"):
        blocks.append(Paragraph.of("No actions are behind schedule."))

    empty = recommendations_without_actions(plan)
    if empty:
        n = len(empty)
        blocks.append(Paragraph.of(
            f"{capitalise(count_of(n, 'recommendation', 'recommendations'))} "
            f"{'has' if n == 1 else 'have'} no actions agreed yet:"
        ))
        blocks += [Paragraph.of(recommendation_heading(r), style="List Bullet") for r in empty]
    elif plan.recommendations:
        blocks.append(Paragraph.of("Every recommendation has at least one action."))

    overdue = [a for a in plan.actions if is_overdue(a, as_at)]
    if overdue:
        n = len(overdue)
        blocks.append(Paragraph.of(
            f"{capitalise(count_of(n, 'action', 'actions'))} "
            # The cut-off day itself: an "As at" of "July 2013" means 31 July 2013.
            f"{'was' if n == 1 else 'were'} due before {format_date(as_at)} and "
            f"{'is' if n == 1 else 'are'} not complete."
        ))
    else:
        blocks.append(Paragraph.of(f"No actions are overdue at {as_at_text}."))
    redated = redated_sentence(plan, as_at)
    if redated:
        blocks.append(Paragraph.of(redated))

    late = late_actions(plan, as_at)
    if late:
        blocks.append(Heading("Actions behind schedule or overdue", 2))
        blocks.append(Paragraph.of(late_lead_in(plan, late, overdue)))
        rec_of = _recommendation_of(plan)
        blocks.append(Table(
            list(LATE_COLUMNS),
            [late_row(plan, a, rec_of.get(id(a))) for a in late],
            caption=LATE_CAPTION,
            design="late", fields=ACTION_FIELDS,
            values=[(*action_row(plan, a), Cell.of(a.ref),
                     Cell.of(rec.text if (rec := rec_of.get(id(a))) else "")) for a in late],
        ))
    blocks += moved_blocks(moves, since)
    return blocks


def _named(action: Action) -> str:
    return f"{action.ref}: {action.text}" if action.ref else action.text


def _label(plan: Plan, key: StatusKey) -> str:
    try:
        return plan.scheme.label(key)
    except KeyError:
        from pipeline.domain.status import DEFAULT_SCHEME

        return DEFAULT_SCHEME.label(key)


def _moved(previous: Plan, plan: Plan, pair: ActionPair) -> str:
    return (
        f"{_named(pair.after)} (was {_label(previous, pair.before.status)}, "
        f"now {_label(plan, pair.after.status)})"
    )


def _changed(one: str, many: str, what: str, items: list[str]) -> list[Block]:
    """'Two actions have been completed:' and the bulleted list of them."""
    n = len(items)
    intro = f"{capitalise(count_of(n, one, many))} {'has' if n == 1 else 'have'} {what}"
    return _list(intro, items)


def _list(intro: str, items: list[str]) -> list[Block]:
    return [Paragraph.of(intro)] + [Paragraph.of(i, style="List Bullet") for i in items]


def changes_blocks(previous: Plan, plan: Plan, changes: PlanChanges) -> list[Block]:
    """'Since the last report (<its meeting date>)': each change, each action named."""
    blocks: list[Block] = [Heading(capitalise(f"since {earlier_report(previous)}"), 2)]
    if not changes.any:
        blocks.append(Paragraph.of(
            "No action has been completed, added, removed or reworded, and no status has "
            "changed since the last report."
        ))
        return blocks
    done = changes.completed_since
    if done:
        blocks += _changed("action", "actions", "been completed:",
                           [_named(p.after) for p in done])
    else:
        blocks.append(Paragraph.of("No actions have been completed."))
    if changes.worsened:
        blocks += _changed("action", "actions", "moved to a worse status:",
                           [_moved(previous, plan, p) for p in changes.worsened])
    if changes.improved:
        blocks += _changed("action", "actions", "moved to a better status:",
                           [_moved(previous, plan, p) for p in changes.improved])
    if changes.added:
        blocks += _changed("new action", "new actions", "been added:",
                           [_named(a) for a in changes.added])
    if changes.removed:
        blocks += _changed("action", "actions", "been removed:",
                           [_named(a) for a in changes.removed])
    if changes.reworded:
        blocks += _changed("action", "actions", "been reworded:", [
            f"{_named(p.after)} (was: {p.before.text})" for p in changes.reworded
        ])
    return blocks


def performance_blocks(indicators: IndicatorSet, bullets: bool = False) -> list[Block]:
    """The performance report's summary table (status and direction of every indicator),
    then one sentence per off-target indicator (with `bullets`, as the committee report
    has them: bullets under the line that introduces them, not paragraphs of their own)."""
    from pipeline.documents.performance import summary_table

    assessments = [Assessment(i) for i in indicators.indicators]
    blocks: list[Block] = [Paragraph.of(indicators_sentence(assessments))]
    blocks.append(summary_table(assessments))
    off = [a for a in assessments if a.status.key == "off_target"]
    if off:
        # The count is in the sentence above: say what the lines below add.
        blocks.append(Paragraph.of(
            "The indicator off target, against its target and the period before:"
            if len(off) == 1 else f"The {number_words(len(off))} indicators off target, "
            "against their targets and the periods before:"
        ))
        style = "List Bullet" if bullets else None
        blocks += [Paragraph.of(off_target_sentence(a), style=style) for a in off]
    elif any(a.status.key in ("on_target", "near_target") for a in assessments):
        blocks.append(Paragraph.of("No indicator is off target."))
    # (none judged, with no target or no data: the sentence above says so; "no indicator is
    # off target" would suggest they were measured against one)
    return blocks


def sign_off_blocks(plan: Plan, as_at_text: str) -> list[Block]:
    """The officer's name, job title and the as-at date: one paragraph, a line each, so
    that the sign-off is never split across two pages."""
    details = plan.details
    lines = [details.author.strip(), details.author_title.strip(), as_at_text]
    return [Paragraph.of("\n".join(line for line in lines if line))]


def build_briefing_document(
    plan: Plan,
    previous: Plan | None = None,
    indicators: IndicatorSet | None = None,
    today: dt.date | None = None,
) -> DocumentModel:
    """The briefing as a DocumentModel (kind "briefing", A4 portrait).

    counts: "actions" (in the plan), "behind" (behind schedule), "late" (behind schedule
    or overdue: the rows of the table named LATE_CAPTION); with `previous` also
    "completed_since", "worsened", "added", "removed", "reworded".
    """
    details = plan.details
    as_at, as_at_text = as_at_of(plan, today)
    title = briefing_title(plan)
    organisation = details.organisation.strip()
    if previous is not None:
        carry_earlier_dates(plan, previous)
    sections: list[tuple[str, list[Block]]] = [("Background", background_blocks(plan))]
    summary = summary_blocks(plan, as_at, as_at_text, previous)
    counts: dict[str, int] = {
        "actions": len(plan.actions),
        "behind": sum(1 for a in plan.actions if a.status == "behind"),
        "late": len(late_actions(plan, as_at)),
    }
    moved = len(date_moves(plan, previous))
    if moved:
        counts["moved"] = moved
    if previous is not None:
        changes = compare_plans(previous, plan)
        summary += changes_blocks(previous, plan, changes)
        counts.update({
            "completed_since": len(changes.completed_since),
            "worsened": len(changes.worsened),
            "added": len(changes.added),
            "removed": len(changes.removed),
            "reworded": len(changes.reworded),
        })
    sections.append(("Summary of progress", summary))
    if indicators is not None and indicators.indicators:
        sections.append(("Performance", performance_blocks(indicators)))
        counts["indicators"] = len(indicators.indicators)
    if details.next_steps.strip():
        sections.append(("Next steps", [Paragraph.of(details.next_steps)]))

    blocks: list[Block] = []
    for number, (heading, body) in enumerate(sections, start=1):
        blocks.append(Heading(f"{number}. {heading}", 1))
        blocks += body
    blocks += sign_off_blocks(plan, as_at_text)
    set_off_from_tables(blocks)  # "No indicator is off target.", the sign-off under a table
    context: dict[str, object] = {
        "organisation": organisation,
        "as_at": as_at_text,
        "committee": details.committee,
        "meeting_date": format_date_value(details.meeting_date),
        "author": details.author,
        "author_title": details.author_title,
        "report_number": "" if details.report_number is None else str(details.report_number),
    }
    return DocumentModel(
        kind="briefing",
        title=title,
        subject=f"{details.title.strip() or 'Improvement plan'}: position as at {as_at_text}",
        author=organisation,
        landscape=False,
        protective_marking=details.protective_marking,
        context=context,
        blocks=blocks,
        counts=counts,
    )
