"""The exception report: only what needs the committee's attention, one line of reason each.

A4 portrait. A summary that counts every exception, then "Actions needing attention" (by
priority: behind schedule, at risk, overdue or slipped), "Indicators needing attention"
(off target, or worsening two periods running) and "Recommendations with no actions". Each
item is one table row whose last cell gives the reason in one line. Built from the plan
(`build_exceptions_document`), with the previous report's plan (its earlier target dates)
and an indicators workbook when given.
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
    Table,
)
from pipeline.documents.formatting import format_date_value, number_words
from pipeline.documents.plan import priority_heading, status_cell, target_text
from pipeline.domain.exceptions import (
    ActionException,
    Exceptions,
    IndicatorException,
    find_exceptions,
)
from pipeline.domain.indicator_rules import (
    STATUSES,
    format_value,
    indicator_status,
    reading,
    ytd_format,
)
from pipeline.domain.model import IndicatorSet, Plan
from pipeline.domain.slippage import carry_earlier_dates

REASON = "Why it is listed"
ACTION_COLUMNS: tuple[Column, ...] = (
    Column("Ref", 1.3), Column("Action", 6.2), Column("Target date", 2.9),
    Column("Status", 2.3), Column(REASON, 4.3),
)
INDICATOR_COLUMNS: tuple[Column, ...] = (
    Column("Indicator", 6.2), Column("Latest", 2.4), Column("Target", 1.8),
    Column("Status", 2.3), Column(REASON, 4.3),
)
RECOMMENDATION_COLUMNS: tuple[Column, ...] = (
    Column("Ref", 1.3), Column("Recommendation", 11.4), Column(REASON, 4.3),
)
HEADERS: tuple[tuple[str, ...], ...] = tuple(
    tuple(c.header for c in cols)
    for cols in (ACTION_COLUMNS, INDICATOR_COLUMNS, RECOMMENDATION_COLUMNS)
)


def _count(n: int, one: str, many: str) -> str:
    return f"{number_words(n)} {one if n == 1 else many}"


def action_reason(item: ActionException) -> str:
    """'Behind schedule; overdue (due June 2013); target date moved from June 2013 to
    September 2013 (3 months)' - one line."""
    parts: list[str] = []
    if item.behind:
        parts.append("Behind schedule")
    elif item.at_risk:
        parts.append("At risk")
    if item.overdue:
        parts.append(f"overdue (due {format_date_value(item.action.target_date)})")
    if item.slip is not None:
        s = item.slip
        parts.append(f"target date moved from {format_date_value(s.was)} to "
                     f"{format_date_value(s.now)} ({s.length.lower() if s.undated else s.length})")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


def indicator_reason(item: IndicatorException) -> str:
    parts = []
    if item.off_target:
        parts.append("Off target")
    if item.worsening:
        parts.append("worsened two periods running")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


def summary_sentence(found: Exceptions, as_at_text: str) -> str:
    """'Nine exceptions at 31 July 2013: six actions, two indicators and one recommendation
    with no actions.' (the parts that are none left out)."""
    if not found.total:
        return (f"There are no exceptions at {as_at_text}: no action is behind schedule, at "
                "risk, overdue or re-dated later, no indicator is off target or worsening, "
                "and every recommendation has at least one action.")
    parts = []
    if found.action_count:
        parts.append(_count(found.action_count, "action", "actions"))
    if found.indicators:
        parts.append(_count(len(found.indicators), "indicator", "indicators"))
    if found.recommendations:
        parts.append(_count(len(found.recommendations), "recommendation with no actions",
                            "recommendations with no actions"))
    listed = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
    head = _count(found.total, "exception", "exceptions")
    return f"{head[:1].upper() + head[1:]} at {as_at_text}: {listed}."


def _action_blocks(plan: Plan, found: Exceptions) -> list[Block]:
    blocks: list[Block] = [Heading("Actions needing attention", 1)]
    if not found.actions:
        blocks.append(Paragraph.of("No action is behind schedule, at risk, overdue or "
                                   "re-dated later."))
        return blocks
    for priority, items in found.actions:
        heading = priority_heading(priority)
        if heading:
            blocks.append(Heading(heading, 2))
        rows = [
            [Cell.of(e.action.ref), Cell.of(e.action.text), Cell.of(target_text(e.action)),
             status_cell(plan, e.action.status), Cell.of(action_reason(e))]
            for e in items
        ]
        blocks.append(Table(list(ACTION_COLUMNS), rows,
                            caption=f"Actions needing attention: {heading}" if heading
                            else "Actions needing attention"))
    return blocks


def _indicator_blocks(indicators: IndicatorSet | None, found: Exceptions) -> list[Block]:
    if indicators is None or not indicators.indicators:
        return []
    blocks: list[Block] = [Heading("Indicators needing attention", 1)]
    if not found.indicators:
        blocks.append(Paragraph.of("No indicator is off target or worsening two periods "
                                   "running."))
        return blocks
    rows = []
    for item in found.indicators:
        ind = item.indicator
        latest = reading(ind.series).latest
        shown = "No data" if latest is None else (
            f"{format_value(latest.value, ind.unit, latest.number_format)} "
            f"({latest.period.label})")
        if latest is not None and latest.ytd is not None:  # the figure judged on first
            shown = (f"{format_value(latest.ytd, ind.unit, ytd_format(latest))} / In-month "
                     f"{format_value(latest.value, ind.unit, latest.number_format)} "
                     f"({latest.period.label})")
        judged = indicator_status(ind)
        colours = STATUSES[judged.key]
        rows.append([
            Cell.of(ind.name), Cell.of(shown),
            Cell.of("No target" if ind.target is None
                    else format_value(ind.target, ind.unit, ind.target_format)),
            Cell.of(judged.label, colours.fill, colours.text_colour),
            Cell.of(indicator_reason(item)),
        ])
    blocks.append(Table(list(INDICATOR_COLUMNS), rows, caption="Indicators needing attention"))
    return blocks


def _recommendation_blocks(found: Exceptions) -> list[Block]:
    if not found.recommendations:
        return []
    rows = [[Cell.of(r.ref), Cell.of(r.text), Cell.of("No actions agreed yet")]
            for r in found.recommendations]
    return [Heading("Recommendations with no actions", 1),
            Table(list(RECOMMENDATION_COLUMNS), rows, caption="Recommendations with no actions")]


def build_exceptions_document(
    plan: Plan,
    previous: Plan | None = None,
    indicators: IndicatorSet | None = None,
    today: dt.date | None = None,
) -> DocumentModel:
    """The exception report as a DocumentModel (kind "exceptions", A4 portrait).

    counts: "exceptions" (every item listed), "actions", "indicators", "recommendations".
    """
    from pipeline.documents.briefing import as_at_of

    if previous is not None:
        carry_earlier_dates(plan, previous)
    details = plan.details
    as_at, as_at_text = as_at_of(plan, today)
    found = find_exceptions(plan, as_at, indicators)
    subject = details.title.strip() or "Improvement plan"
    blocks: list[Block] = [
        Paragraph.of(summary_sentence(found, as_at_text)),
        Paragraph.of("This report lists only the exceptions; the full plan is in the "
                     "improvement plan document."),
    ]
    blocks += _action_blocks(plan, found)
    blocks += _indicator_blocks(indicators, found)
    blocks += _recommendation_blocks(found)
    organisation = details.organisation.strip()
    return DocumentModel(
        kind="exceptions",
        title=f"Exception report: {subject}",
        subject=f"{subject}: exceptions at {as_at_text}",
        author=organisation,
        landscape=False,
        protective_marking=details.protective_marking,
        context={
            "organisation": organisation,
            "as_at": as_at_text,
            "committee": details.committee,
            "meeting_date": format_date_value(details.meeting_date),
            "report_number": "" if details.report_number is None else str(details.report_number),
        },
        blocks=blocks,
        counts={
            "exceptions": found.total,
            "actions": found.action_count,
            "indicators": len(found.indicators),
            "recommendations": len(found.recommendations),
        },
    )


__all__ = ["HEADERS", "action_reason", "build_exceptions_document", "summary_sentence"]
