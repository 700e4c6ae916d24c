"""Plans in the batch history: which earlier plan a workbook is, its snapshots, and the
previous report's plan for the briefing.

A plan's identity is its workbook: the file's name within the inputs folder (as the batch
names it, "sub - plan"), plus its Details Title and Organisation when it has them. Two plans
with the same title in two workbooks are two plans; every CSV plan (no Details sheet) is its
own plan. `find_plan` looks a workbook up:

1. by identity (workbook name, Title, Organisation seen together before);
2. else by content: among the earlier plans with the same Title and Organisation recorded
   by earlier runs, the one whose latest snapshot shares the most actions with this plan
   (same ref and action text, as `pipeline.domain.changes` compares them), when they are
   most of this plan's actions: a renamed workbook ("Plan - August" -> "Plan - September")
   keeps its history, and the batch says so;
3. else the plan is new (the batch says so when the history knows other plans).
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass
from typing import Literal

from pipeline.domain.changes import normalise_ref, normalise_text
from pipeline.domain.model import (
    Action,
    DateValue,
    Details,
    Plan,
    Priority,
    Recommendation,
    StatusKey,
)


def key(text: str) -> str:
    """How names, titles and organisations are matched: case and spacing ignored."""
    return re.sub(r"\s+", " ", text).strip().casefold()


def as_at_of(plan: Plan, run_date: dt.date) -> tuple[dt.date, str]:
    dv = plan.details.as_at
    if dv is not None and dv.date is not None:
        return dv.due_by() or dv.date, dv.text
    return run_date, run_date.isoformat()


@dataclass(frozen=True)
class PlanMatch:
    """Which earlier plan a workbook is: `plan_id` None for a new plan."""

    plan_id: int | None
    how: Literal["workbook", "content", "new"]
    earlier_workbook: str = ""  # the workbook name the matched plan was last recorded under
    common: int = 0  # actions in common (content match)
    total: int = 0  # this plan's actions
    others: int = 0  # plans the history knows (for the "new" notice)

    def notice(self) -> str:
        """What the batch tells the clerk about the match ('' when nothing to say)."""
        if self.how == "content":
            return (
                f"This workbook is new to the batch history under this name, so it was "
                f"matched by its content to the plan last made from {self.earlier_workbook!r} "
                f"({self.common} of its {self.total} actions are the same), and the briefing "
                "compares it with that plan's last report. Nothing needs doing if it is that "
                "plan renamed; if it is a different plan, give it its own Title on the "
                "Details sheet."
            )
        if self.how == "new" and self.others:
            return (
                "No earlier report of this plan is in the batch history (no plan was made "
                "from a workbook of this name with this Title, and none shares most of its "
                "actions), so the briefing has no 'Since the last report' this time; the "
                "next run compares with this one. If the workbook was renamed and its "
                "actions rewritten, that is expected once."
            )
        return ""


def _action_keys(actions: list[tuple[str, str]]) -> set[tuple[str, str]]:
    return {(normalise_ref(ref), normalise_text(text)) for ref, text in actions}


def find_plan(
    conn: sqlite3.Connection | None, workbook: str, plan: Plan, run_id: int
) -> PlanMatch:
    """Which plan of the history (recorded by runs before `run_id`) this workbook is."""
    if conn is None:
        return PlanMatch(None, "new")
    d = plan.details
    row = conn.execute(
        "SELECT plan_id FROM plan_workbooks WHERE workbook_key = ? AND title_key = ? AND "
        "organisation_key = ?",
        (key(workbook), key(d.title), key(d.organisation)),
    ).fetchone()
    if row is not None:
        return PlanMatch(int(row[0]), "workbook", workbook)
    mine = _action_keys([(a.ref, a.text) for a in plan.actions])
    best: tuple[int, int, int] | None = None  # (common, -plan_id, plan_id)
    plans = conn.execute(
        "SELECT p.id, p.title, p.organisation, max(s.id) FROM plans p "
        "JOIN plan_snapshots s ON s.plan_id = p.id WHERE s.run_id < ? GROUP BY p.id",
        (run_id,),
    ).fetchall()
    for plan_id, title, organisation, snapshot_id in plans:
        theirs = _action_keys(conn.execute(
            "SELECT ref, text FROM snapshot_actions WHERE snapshot_id = ?", (snapshot_id,)
        ).fetchall())
        common = len(mine & theirs)
        same = key(title) == key(d.title) and key(organisation) == key(d.organisation)
        if not same or not mine or common * 2 <= len(mine):
            continue
        candidate = (common, -plan_id, plan_id)
        if best is None or candidate > best:
            best = candidate
    if best is None:
        return PlanMatch(None, "new", others=len(plans))
    plan_id = best[2]
    named = conn.execute(
        "SELECT workbook FROM plan_workbooks WHERE plan_id = ? ORDER BY rowid DESC LIMIT 1",
        (plan_id,),
    ).fetchone()
    return PlanMatch(plan_id, "content", named[0] if named else "an earlier workbook",
                     best[0], len(mine), len(plans))


def _iso(dv: DateValue | None) -> str | None:
    return dv.date.isoformat() if dv is not None and dv.date is not None else None


def _date(text: str, iso: str | None, precision: str) -> DateValue | None:
    if not text and iso is None:
        return None
    return DateValue(text, dt.date.fromisoformat(iso) if iso else None,
                     precision if precision in ("day", "month") and iso else "text")  # type: ignore[arg-type]


def plan_id_for(
    conn: sqlite3.Connection, plan: Plan, workbook: str, match: PlanMatch | None
) -> int:
    """The plan id to record `plan` under (in a transaction): the matched plan, the plan of
    this identity, or a new one; the identity is recorded for that plan."""
    d = plan.details
    identity = (key(workbook), key(d.title), key(d.organisation))
    row = conn.execute(
        "SELECT plan_id FROM plan_workbooks WHERE workbook_key = ? AND title_key = ? AND "
        "organisation_key = ?", identity,
    ).fetchone()
    if row is not None:
        return int(row[0])
    if match is not None and match.plan_id is not None:
        plan_id = match.plan_id
    else:
        cur = conn.execute("INSERT INTO plans (title, organisation) VALUES (?, ?)",
                           (d.title, d.organisation))
        plan_id = int(cur.lastrowid or 0)
    conn.execute(
        "INSERT INTO plan_workbooks (plan_id, workbook_key, title_key, organisation_key, "
        "workbook) VALUES (?, ?, ?, ?, ?)", (plan_id, *identity, workbook),
    )
    return plan_id


def insert_snapshot(
    conn: sqlite3.Connection, plan_id: int, run_id: int, plan: Plan, run_date: dt.date
) -> int:
    """Record every action of `plan` (in a transaction); a snapshot of the same plan at the
    same as-at date replaces the earlier one."""
    d = plan.details
    as_at, as_at_text = as_at_of(plan, run_date)
    meeting = d.meeting_date
    conn.execute("DELETE FROM plan_snapshots WHERE plan_id = ? AND as_at = ?",
                 (plan_id, as_at.isoformat()))
    cur = conn.execute(
        "INSERT INTO plan_snapshots (plan_id, run_id, as_at, as_at_text, meeting_date, "
        "meeting_date_text, source_file) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (plan_id, run_id, as_at.isoformat(), as_at_text, _iso(meeting),
         meeting.text if meeting is not None else "", plan.source_file),
    )
    snapshot_id = int(cur.lastrowid or 0)
    rows = []
    position = 0
    for priority in plan.priorities:
        for rec in priority.recommendations:
            for a in rec.actions:
                target, original = a.target_date, a.original_date
                rows.append((
                    snapshot_id, position, priority.number, priority.title, rec.ref, rec.text,
                    a.ref, a.text, a.status, a.progress, a.lead,
                    target.text if target else "", _iso(target),
                    target.precision if target else "text",
                    original.text if original else "", _iso(original),
                    original.precision if original else "text",
                ))
                position += 1
    conn.executemany(
        "INSERT INTO snapshot_actions (snapshot_id, position, priority_number, priority_title, "
        "recommendation_ref, recommendation_text, ref, text, status, progress, lead, "
        "target_text, target_iso, target_precision, original_text, original_iso, "
        "original_precision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    return snapshot_id


def load_previous_plan(
    conn: sqlite3.Connection | None,
    plan: Plan,
    run_id: int,
    run_date: dt.date,
    workbook: str = "",
    match: PlanMatch | None = None,
) -> Plan | None:
    """The latest snapshot of the same plan (see `find_plan`) from an earlier run with an
    earlier as-at date, as a Plan usable as the briefing's `previous`."""
    if conn is None:
        return None
    from pipeline.domain.status import DEFAULT_SCHEME

    match = match or find_plan(conn, workbook, plan, run_id)
    if match.plan_id is None:
        return None
    as_at, _ = as_at_of(plan, run_date)
    row = conn.execute(
        "SELECT s.id, s.as_at, s.as_at_text, s.meeting_date, s.meeting_date_text, "
        "s.source_file, p.title, p.organisation "
        "FROM plan_snapshots s JOIN plans p ON p.id = s.plan_id "
        "WHERE p.id = ? AND s.run_id < ? AND s.as_at < ? "
        "ORDER BY s.as_at DESC, s.run_id DESC LIMIT 1",
        (match.plan_id, run_id, as_at.isoformat()),
    ).fetchone()
    if row is None:
        return None
    (snapshot_id, as_at_iso, as_at_text, meeting_iso, meeting_text, source_file, title,
     organisation) = row
    details = Details(
        title=title,
        organisation=organisation,
        as_at=DateValue(as_at_text, dt.date.fromisoformat(as_at_iso), "day"),
        meeting_date=DateValue(meeting_text, dt.date.fromisoformat(meeting_iso), "day")
        if meeting_iso else None,
    )
    previous = Plan(details=details, scheme=plan.scheme or DEFAULT_SCHEME,
                    source_file=source_file)
    priorities: dict[tuple[str, str], Priority] = {}
    recs: dict[tuple[str, str, str, str], Recommendation] = {}
    for (p_num, p_title, r_ref, r_text, ref, text, status, progress, lead, t_text, t_iso,
         t_prec, o_text, o_iso, o_prec) in conn.execute(
        "SELECT priority_number, priority_title, recommendation_ref, recommendation_text, "
        "ref, text, status, progress, lead, target_text, target_iso, target_precision, "
        "original_text, original_iso, original_precision FROM snapshot_actions "
        "WHERE snapshot_id = ? ORDER BY position",
        (snapshot_id,),
    ):
        priority = priorities.get((p_num, p_title))
        if priority is None:
            priority = priorities[(p_num, p_title)] = Priority(p_num, p_title)
            previous.priorities.append(priority)
        rec = recs.get((p_num, p_title, r_ref, r_text))
        if rec is None:
            rec = recs[(p_num, p_title, r_ref, r_text)] = Recommendation(r_ref, r_text)
            priority.recommendations.append(rec)
        status_key: StatusKey = status
        rec.actions.append(Action(
            ref=ref, text=text, status=status_key, progress=progress, lead=lead,
            target_date=_date(t_text, t_iso, t_prec),
            original_date=_date(o_text, o_iso, o_prec),
        ))
    return previous


__all__ = ["PlanMatch", "find_plan", "insert_snapshot", "key", "load_previous_plan",
           "plan_id_for"]
