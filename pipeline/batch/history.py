"""The batch's memory: OUTPUTS/history.sqlite (stdlib sqlite3, schema versioned).

It records each run, each input's hash and the documents made from it (so an unchanged
input is skipped and a circulated document is not replaced), and for each plan, identified
by its workbook (file name within the inputs folder, plus Title and Organisation; see
`pipeline.batch.plan_history`), the status and target dates of every action at its as-at
date. The briefing compares with the latest earlier snapshot of the same plan, so "since
the last report" needs no flag. Indicator values are kept too (per workbook), so a
performance report can draw on series from earlier runs when this month's workbook holds
only the latest values. The tables and their numbered migrations are in
`pipeline.batch.history_schema`.

Only the batch's main process writes; its workers read through `open_readonly`.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, replace
from pathlib import Path

from pipeline.batch.history_schema import SCHEMA_VERSION, HistoryError, migrate, schema_version
from pipeline.batch.plan_history import (
    PlanMatch,
    find_plan,
    insert_snapshot,
    key,
    load_previous_plan,
    plan_id_for,
)
from pipeline.domain.indicator_rules import fill_year_to_date
from pipeline.domain.model import Indicator, IndicatorSet, Observation, Period, Plan

HISTORY_FILE = "history.sqlite"

# A performance indicator with fewer points than this is topped up from earlier runs,
# up to MAX_POINTS in all.
MIN_POINTS = 3
MAX_POINTS = 12


def indicator_key(indicator: Indicator) -> str:
    return key(indicator.code) if indicator.code.strip() else key(indicator.title)


def _now() -> str:
    return dt.datetime.now().replace(microsecond=0).isoformat()


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
                # A dry run reads a copy in memory, brought up to date there if it is older.
                source = _connect_readonly(self.path)
                self.conn = sqlite3.connect(":memory:", isolation_level=None)
                try:
                    source.backup(self.conn)
                finally:
                    source.close()
                migrate(self.conn, self.path)
                return
            target = ":memory:" if readonly else str(self.path)
            self.conn = sqlite3.connect(target, timeout=30, isolation_level=None)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            migrate(self.conn, self.path)
        except sqlite3.DatabaseError as exc:
            raise HistoryError(
                f"The batch history {self.path} could not be used ({exc}). Move it aside "
                "(the next run starts a new history) or restore it from a backup."
            ) from exc

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

    def store_plan(
        self,
        run_id: int,
        plan: Plan,
        run_date: dt.date,
        workbook: str = "",
        match: PlanMatch | None = None,
    ) -> int:
        """Record the status and dates of every action of `plan` at its as-at date, under
        the plan `match` found (or the plan of this workbook's identity, or a new plan).

        A snapshot of the same plan at the same as-at date replaces the earlier one."""
        with self.conn:
            self.conn.execute("BEGIN IMMEDIATE")
            plan_id = plan_id_for(self.conn, plan, workbook, match)
            return insert_snapshot(self.conn, plan_id, run_id, plan, run_date)

    # --- indicators -----------------------------------------------------------------------------

    def store_indicators(self, run_id: int, indicators: IndicatorSet, workbook: str = "") -> None:
        d = indicators.details
        rows = []
        for indicator in indicators.indicators:
            for obs in indicator.series:
                p = obs.period
                rows.append((
                    key(workbook), key(d.title), key(d.organisation), indicator_key(indicator),
                    p.start.isoformat(), p.end.isoformat(), p.label, p.kind,
                    obs.value, obs.numerator, obs.denominator, run_id, obs.ytd,
                    obs.number_format, obs.ytd_format,
                ))
        with self.conn:
            self.conn.execute("BEGIN IMMEDIATE")
            self.conn.executemany(
                "INSERT OR REPLACE INTO indicator_values (set_workbook_key, set_title_key, "
                "set_organisation_key, indicator_key, period_start, period_end, period_label, "
                "period_kind, value, numerator, denominator, run_id, ytd, number_format, "
                "ytd_format) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )


# --- reading, from any process ------------------------------------------------------------------


def _connect_readonly(path: Path) -> sqlite3.Connection:
    """Read the history without changing anything. In a folder that may not be written to
    (a dry run on a read-only share) SQLite cannot open a WAL database read-only, so it is
    then read as an unchanging file instead."""
    last: sqlite3.DatabaseError | None = None
    for mode in ("mode=ro", "immutable=1"):
        try:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?{mode}", uri=True, timeout=30,
                                   isolation_level=None)
            conn.execute("SELECT 1 FROM schema_version").fetchone()
            return conn
        except sqlite3.OperationalError as exc:
            last = exc
    assert last is not None
    raise last


def open_readonly(path: Path) -> sqlite3.Connection | None:
    """A read-only connection to the history, or None when there is none yet."""
    path = Path(path)
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
        version = schema_version(conn)
    except sqlite3.DatabaseError:
        return None
    if version != SCHEMA_VERSION:  # not brought up to date (a dry run): nothing to compare
        conn.close()
        return None
    return conn


def _set_filter(conn: sqlite3.Connection, indicators: IndicatorSet, workbook: str
                ) -> tuple[str, list[object]]:
    """Which stored values are this report's: its own workbook's (and those kept before
    workbooks were recorded); for a workbook never seen before that has a Title, any
    workbook's with the same Title and Organisation (the report renamed for the month)."""
    d = indicators.details
    own = conn.execute("SELECT 1 FROM indicator_values WHERE set_workbook_key = ? LIMIT 1",
                       (key(workbook),)).fetchone()
    where = "set_title_key = ? AND set_organisation_key = ?"
    params: list[object] = [key(d.title), key(d.organisation)]
    if own is not None or not d.title.strip():
        where += " AND set_workbook_key IN (?, '')"
        params.append(key(workbook))
    return where, params


def _worked_out(value: float | None, numerator: float | None, denominator: float | None
                ) -> bool:
    """Whether a recorded value is its numerator over its denominator (as a % or not)."""
    if value is None or numerator is None or not denominator:
        return False
    share = numerator / denominator
    return any(abs(value - share * scale) <= 1e-9 * max(1.0, abs(value)) for scale in (1, 100))


def merge_earlier_series(
    conn: sqlite3.Connection | None, indicators: IndicatorSet, workbook: str = ""
) -> IndicatorSet:
    """`indicators` with each short series (fewer than MIN_POINTS values) topped up, up to
    MAX_POINTS, with the values of earlier periods recorded by earlier runs for the same
    indicator of the same report (see `_set_filter`). Periods the workbook holds always win;
    the workbook's own objects are not changed."""
    if conn is None:
        return indicators
    where, set_params = _set_filter(conn, indicators, workbook)
    merged: list[Indicator] = []
    for indicator in indicators.indicators:
        points = [o for o in indicator.series if o.value is not None]
        if len(points) >= MIN_POINTS:
            merged.append(indicator)
            continue
        first = min((o.period.start for o in indicator.series), default=None)
        query = (
            "SELECT period_start, period_end, period_label, period_kind, value, numerator, "
            "denominator, ytd, number_format, ytd_format FROM indicator_values "
            f"WHERE {where} AND indicator_key = ?"
        )
        params: list[object] = [*set_params, indicator_key(indicator)]
        if first is not None:
            query += " AND period_end < ?"
            params.append(first.isoformat())
        query += " ORDER BY period_start DESC, period_end DESC, run_id DESC"
        wanted = max(0, MAX_POINTS - len(indicator.series))
        earlier: dict[tuple[str, str], Observation] = {}
        for s, e, label, kind, value, num, den, ytd, fmt, ytd_fmt in conn.execute(query,
                                                                                params):
            if len(earlier) >= wanted:
                break
            if (s, e) not in earlier:  # the latest run's value of each period
                if fmt == "General" and _worked_out(value, num, den):
                    fmt = ""  # recorded before worked-out values lost the blank cell's format
                earlier[(s, e)] = Observation(
                    period=Period(dt.date.fromisoformat(s), dt.date.fromisoformat(e), label,
                                  kind),  # type: ignore[arg-type]
                    value=value, numerator=num, denominator=den, ytd=ytd,
                    number_format=fmt, ytd_format=ytd_fmt,
                )
        if not earlier:
            merged.append(indicator)
            continue
        merged.append(_with_earlier(indicator, sorted(earlier.values(), key=lambda o: o.period)))
    return replace(indicators, indicators=merged)


def _with_earlier(indicator: Indicator, earlier: list[Observation]) -> Indicator:
    """A copy of `indicator` with the `earlier` observations before its own; a year to date
    the reader worked out from this workbook's numerators alone is worked out again, so that
    the earlier months of the year count too."""
    own = [replace(o, ytd=None if o.ytd_worked_out else o.ytd) for o in indicator.series]
    topped = replace(indicator, series=earlier + own)
    fill_year_to_date(topped)
    return topped


__all__ = [
    "HISTORY_FILE",
    "SCHEMA_VERSION",
    "History",
    "HistoryError",
    "InputRecord",
    "PlanMatch",
    "find_plan",
    "load_previous_plan",
    "merge_earlier_series",
    "open_readonly",
]
