"""The batch's memory: OUTPUTS/history.sqlite (stdlib sqlite3, schema versioned).

It records each run, each input's hash and the documents made from it (so an unchanged
input is skipped and a circulated document is not replaced), and for each plan,
identified by its Details Title + Organisation (not by file name, which changes every
month), the status of every action at its as-at date. The briefing compares with the
latest earlier snapshot of the same plan, so "since the last report" needs no flag.
Indicator values are kept too, so a performance report can draw on series from earlier
runs when this month's workbook holds only the latest values.

Only the batch's main process writes; its workers read through `open_readonly`.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass, replace
from pathlib import Path

from pipeline.domain.model import (
    Action,
    DateValue,
    Details,
    Indicator,
    IndicatorSet,
    Observation,
    Period,
    Plan,
    Priority,
    Recommendation,
    StatusKey,
)

SCHEMA_VERSION = 1
HISTORY_FILE = "history.sqlite"

# A performance indicator with fewer points than this is topped up from earlier runs,
# up to MAX_POINTS in all.
MIN_POINTS = 3
MAX_POINTS = 12

_SCHEMA = """
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    started TEXT NOT NULL,
    finished TEXT,
    status TEXT NOT NULL DEFAULT 'running'
);
CREATE TABLE IF NOT EXISTS inputs (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id),
    name TEXT NOT NULL,
    path TEXT NOT NULL,
    sha256 TEXT,
    templates_sha256 TEXT,
    status TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS inputs_by_name ON inputs(name, status);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    input_id INTEGER NOT NULL REFERENCES inputs(id),
    kind TEXT NOT NULL,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    fingerprint TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_by_path ON documents(path);
CREATE TABLE IF NOT EXISTS plans (
    id INTEGER PRIMARY KEY,
    title_key TEXT NOT NULL,
    organisation_key TEXT NOT NULL,
    title TEXT NOT NULL,
    organisation TEXT NOT NULL,
    UNIQUE (title_key, organisation_key)
);
CREATE TABLE IF NOT EXISTS plan_snapshots (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id),
    run_id INTEGER NOT NULL REFERENCES runs(id),
    as_at TEXT NOT NULL,
    as_at_text TEXT NOT NULL,
    meeting_date TEXT,
    meeting_date_text TEXT NOT NULL DEFAULT '',
    source_file TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS snapshots_by_plan ON plan_snapshots(plan_id, as_at);
CREATE TABLE IF NOT EXISTS snapshot_actions (
    snapshot_id INTEGER NOT NULL REFERENCES plan_snapshots(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    priority_number TEXT NOT NULL,
    priority_title TEXT NOT NULL,
    recommendation_ref TEXT NOT NULL,
    recommendation_text TEXT NOT NULL,
    ref TEXT NOT NULL,
    text TEXT NOT NULL,
    status TEXT NOT NULL,
    progress TEXT NOT NULL,
    lead TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS actions_by_snapshot ON snapshot_actions(snapshot_id, position);
CREATE TABLE IF NOT EXISTS indicator_values (
    set_title_key TEXT NOT NULL,
    set_organisation_key TEXT NOT NULL,
    indicator_key TEXT NOT NULL,
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    period_label TEXT NOT NULL,
    period_kind TEXT NOT NULL,
    value REAL,
    numerator REAL,
    denominator REAL,
    run_id INTEGER NOT NULL,
    PRIMARY KEY (set_title_key, set_organisation_key, indicator_key, period_start, period_end)
);
"""


def key(text: str) -> str:
    """How titles and organisations are matched: case and spacing ignored."""
    return re.sub(r"\s+", " ", text).strip().casefold()


def indicator_key(indicator: Indicator) -> str:
    return key(indicator.code) if indicator.code.strip() else key(indicator.title)


def _now() -> str:
    return dt.datetime.now().replace(microsecond=0).isoformat()


class HistoryError(Exception):
    """The history file cannot be used (newer schema, not a database)."""


def _as_at(plan: Plan, run_date: dt.date) -> tuple[dt.date, str]:
    dv = plan.details.as_at
    if dv is not None and dv.date is not None:
        return dv.due_by() or dv.date, dv.text
    return run_date, run_date.isoformat()


@dataclass
class InputRecord:
    """The last successful record of an input: its hashes and its documents."""

    sha256: str
    templates_sha256: str
    documents: list[dict[str, str]]  # kind, path, sha256, fingerprint


class History:
    """The history database, opened for writing by the batch's main process."""

    def __init__(self, path: Path, readonly: bool = False) -> None:
        """Open (creating it if needed) the history at `path`. `readonly` (a dry run) reads
        an existing history without changing it; with none yet it starts an empty one in
        memory."""
        self.path = Path(path)
        self.readonly = readonly
        try:
            if readonly and self.path.is_file():
                self.conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=30,
                                            isolation_level=None)
                self.conn.execute("SELECT 1 FROM schema_version").fetchone()
                return
            target = ":memory:" if readonly else str(self.path)
            self.conn = sqlite3.connect(target, timeout=30, isolation_level=None)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise HistoryError(
                f"The batch history {self.path} could not be used ({exc}). Move it aside "
                "(the next run starts a new history) or restore it from a backup."
            ) from exc

    def _migrate(self) -> None:
        self.conn.executescript(_SCHEMA)
        with self.conn:
            self.conn.execute("BEGIN IMMEDIATE")
            row = self.conn.execute("SELECT max(version) FROM schema_version").fetchone()
            version = row[0] if row and row[0] is not None else None
            if version is None:
                self.conn.execute("INSERT INTO schema_version (version) VALUES (?)",
                                  (SCHEMA_VERSION,))
            elif version > SCHEMA_VERSION:
                raise HistoryError(
                    f"The batch history {self.path} was written by a newer version of "
                    f"committee-pipeline (schema {version}, this one reads {SCHEMA_VERSION}). "
                    "Upgrade committee-pipeline."
                )

    def close(self) -> None:
        self.conn.close()

    # --- runs and inputs ----------------------------------------------------------------------

    def start_run(self, started: str) -> int:
        cur = self.conn.execute("INSERT INTO runs (started) VALUES (?)", (started,))
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, finished: str, status: str) -> None:
        self.conn.execute("UPDATE runs SET finished = ?, status = ? WHERE id = ?",
                          (finished, status, run_id))

    def last_success(self, name: str) -> InputRecord | None:
        """The latest record of the input called `name` whose documents were all made."""
        row = self.conn.execute(
            "SELECT id, sha256, templates_sha256 FROM inputs WHERE name = ? AND status = 'ok' "
            "ORDER BY id DESC LIMIT 1",
            (name,),
        ).fetchone()
        if row is None:
            return None
        docs = [
            {"kind": k, "path": p, "sha256": s, "fingerprint": f}
            for k, p, s, f in self.conn.execute(
                "SELECT kind, path, sha256, fingerprint FROM documents WHERE input_id = ? "
                "ORDER BY id", (row[0],),
            )
        ]
        return InputRecord(sha256=row[1] or "", templates_sha256=row[2] or "", documents=docs)

    def fingerprints(self) -> dict[str, str]:
        """For every document path ever recorded, the fingerprint it was last made from."""
        out: dict[str, str] = {}
        for path, fingerprint in self.conn.execute(
            "SELECT path, fingerprint FROM documents ORDER BY id"
        ):
            out[path] = fingerprint
        return out

    def record_input(
        self,
        run_id: int,
        name: str,
        path: str,
        sha256: str | None,
        templates_sha256: str,
        status: str,
        documents: list[dict[str, str]],
    ) -> int:
        with self.conn:
            self.conn.execute("BEGIN IMMEDIATE")
            cur = self.conn.execute(
                "INSERT INTO inputs (run_id, name, path, sha256, templates_sha256, status) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (run_id, name, path, sha256, templates_sha256, status),
            )
            input_id = int(cur.lastrowid or 0)
            self.conn.executemany(
                "INSERT INTO documents (input_id, kind, path, sha256, fingerprint) "
                "VALUES (?, ?, ?, ?, ?)",
                [(input_id, d["kind"], d["path"], d["sha256"], d["fingerprint"])
                 for d in documents],
            )
        return input_id

    # --- plans ----------------------------------------------------------------------------------

    def store_plan(self, run_id: int, plan: Plan, run_date: dt.date) -> int:
        """Record the status of every action of `plan` at its as-at date.

        A snapshot of the same plan at the same as-at date replaces the earlier one."""
        d = plan.details
        as_at, as_at_text = _as_at(plan, run_date)
        meeting = d.meeting_date
        meeting_iso = meeting.date.isoformat() if meeting is not None and meeting.date else None
        with self.conn:
            self.conn.execute("BEGIN IMMEDIATE")
            self.conn.execute(
                "INSERT OR IGNORE INTO plans (title_key, organisation_key, title, organisation) "
                "VALUES (?, ?, ?, ?)",
                (key(d.title), key(d.organisation), d.title, d.organisation),
            )
            plan_id = self.conn.execute(
                "SELECT id FROM plans WHERE title_key = ? AND organisation_key = ?",
                (key(d.title), key(d.organisation)),
            ).fetchone()[0]
            self.conn.execute(
                "DELETE FROM plan_snapshots WHERE plan_id = ? AND as_at = ?",
                (plan_id, as_at.isoformat()),
            )
            cur = self.conn.execute(
                "INSERT INTO plan_snapshots (plan_id, run_id, as_at, as_at_text, meeting_date, "
                "meeting_date_text, source_file) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (plan_id, run_id, as_at.isoformat(), as_at_text, meeting_iso,
                 meeting.text if meeting is not None else "", plan.source_file),
            )
            snapshot_id = int(cur.lastrowid or 0)
            rows = []
            position = 0
            for priority in plan.priorities:
                for rec in priority.recommendations:
                    for action in rec.actions:
                        rows.append((
                            snapshot_id, position, priority.number, priority.title, rec.ref,
                            rec.text, action.ref, action.text, action.status, action.progress,
                            action.lead,
                        ))
                        position += 1
            self.conn.executemany(
                "INSERT INTO snapshot_actions (snapshot_id, position, priority_number, "
                "priority_title, recommendation_ref, recommendation_text, ref, text, status, "
                "progress, lead) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
        return snapshot_id

    # --- indicators -----------------------------------------------------------------------------

    def store_indicators(self, run_id: int, indicators: IndicatorSet) -> None:
        d = indicators.details
        rows = []
        for indicator in indicators.indicators:
            for obs in indicator.series:
                p = obs.period
                rows.append((
                    key(d.title), key(d.organisation), indicator_key(indicator),
                    p.start.isoformat(), p.end.isoformat(), p.label, p.kind,
                    obs.value, obs.numerator, obs.denominator, run_id,
                ))
        with self.conn:
            self.conn.execute("BEGIN IMMEDIATE")
            self.conn.executemany(
                "INSERT OR REPLACE INTO indicator_values (set_title_key, set_organisation_key, "
                "indicator_key, period_start, period_end, period_label, period_kind, value, "
                "numerator, denominator, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )


# --- reading, from any process ------------------------------------------------------------------


def open_readonly(path: Path) -> sqlite3.Connection | None:
    """A read-only connection to the history, or None when there is none yet."""
    path = Path(path)
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
        conn.execute("SELECT 1 FROM schema_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    return conn


def load_previous_plan(
    conn: sqlite3.Connection | None, plan: Plan, run_id: int, run_date: dt.date
) -> Plan | None:
    """The latest snapshot of the same plan (Details Title + Organisation) from an earlier
    run with an earlier as-at date, as a Plan usable as the briefing's `previous`."""
    if conn is None:
        return None
    from pipeline.domain.status import DEFAULT_SCHEME

    d = plan.details
    as_at, _ = _as_at(plan, run_date)
    row = conn.execute(
        "SELECT s.id, s.as_at, s.as_at_text, s.meeting_date, s.meeting_date_text, "
        "s.source_file, p.title, p.organisation "
        "FROM plan_snapshots s JOIN plans p ON p.id = s.plan_id "
        "WHERE p.title_key = ? AND p.organisation_key = ? AND s.run_id < ? AND s.as_at < ? "
        "ORDER BY s.as_at DESC, s.run_id DESC LIMIT 1",
        (key(d.title), key(d.organisation), run_id, as_at.isoformat()),
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
    for (p_num, p_title, r_ref, r_text, ref, text, status, progress, lead) in conn.execute(
        "SELECT priority_number, priority_title, recommendation_ref, recommendation_text, "
        "ref, text, status, progress, lead FROM snapshot_actions WHERE snapshot_id = ? "
        "ORDER BY position",
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
        rec.actions.append(Action(ref=ref, text=text, status=status_key, progress=progress,
                                  lead=lead))
    return previous


def merge_earlier_series(
    conn: sqlite3.Connection | None, indicators: IndicatorSet
) -> IndicatorSet:
    """`indicators` with each short series (fewer than MIN_POINTS values) topped up, up to
    MAX_POINTS, with the values of earlier periods recorded by earlier runs for the same
    indicator of the same report (Details Title + Organisation). Periods the workbook
    holds always win; the workbook's own objects are not changed."""
    if conn is None:
        return indicators
    d = indicators.details
    merged: list[Indicator] = []
    for indicator in indicators.indicators:
        points = [o for o in indicator.series if o.value is not None]
        if len(points) >= MIN_POINTS:
            merged.append(indicator)
            continue
        first = min((o.period.start for o in indicator.series), default=None)
        query = (
            "SELECT period_start, period_end, period_label, period_kind, value, numerator, "
            "denominator FROM indicator_values WHERE set_title_key = ? AND "
            "set_organisation_key = ? AND indicator_key = ?"
        )
        params: list[object] = [key(d.title), key(d.organisation), indicator_key(indicator)]
        if first is not None:
            query += " AND period_end < ?"
            params.append(first.isoformat())
        query += " ORDER BY period_start DESC, period_end DESC LIMIT ?"
        params.append(max(0, MAX_POINTS - len(indicator.series)))
        earlier = [
            Observation(
                period=Period(dt.date.fromisoformat(s), dt.date.fromisoformat(e), label,
                              kind),  # type: ignore[arg-type]
                value=value, numerator=num, denominator=den,
            )
            for s, e, label, kind, value, num, den in conn.execute(query, params)
        ]
        if not earlier:
            merged.append(indicator)
            continue
        series = sorted(earlier, key=lambda o: o.period) + list(indicator.series)
        merged.append(replace(indicator, series=series))
    return replace(indicators, indicators=merged)


__all__ = [
    "HISTORY_FILE",
    "SCHEMA_VERSION",
    "History",
    "HistoryError",
    "InputRecord",
    "load_previous_plan",
    "merge_earlier_series",
    "open_readonly",
]
