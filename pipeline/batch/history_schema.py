"""The batch history's tables, and the numbered migrations that bring an older history up to
date while keeping everything it holds.

`SCHEMA` creates a new history at `SCHEMA_VERSION`. An existing history records its version in
`schema_version`; `migrate` applies `MIGRATIONS[v]` for each version after it, in order, each
in its own transaction, so a history written by any earlier version is read, never refused
or half-changed. A history written by a newer version is refused plainly.

Versions:
1. runs, inputs, documents, plans (one per Details Title + Organisation), plan snapshots
   with each action's status, indicator values.
2. A plan is identified by its workbook (file name within the inputs folder) plus Title and
   Organisation (`plan_workbooks`), no longer by its title alone; snapshots keep each
   action's target date and earlier target date; indicator values are kept per workbook.
3. Indicator values keep their year-to-date figure (typed, or worked out from numerators),
   so a report topped up from the history compares year to date with year to date.
4. Indicator values keep the number formats of the cells they came from ("0.0%", "#,##0"),
   so a figure topped up from the history prints as its workbook showed it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

SCHEMA_VERSION = 4


class HistoryError(Exception):
    """The history file cannot be used (newer schema, not a database)."""


SCHEMA = """
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
    title TEXT NOT NULL,
    organisation TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS plan_workbooks (
    plan_id INTEGER NOT NULL REFERENCES plans(id),
    workbook_key TEXT NOT NULL,
    title_key TEXT NOT NULL,
    organisation_key TEXT NOT NULL,
    workbook TEXT NOT NULL,
    UNIQUE (workbook_key, title_key, organisation_key)
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
    lead TEXT NOT NULL,
    target_text TEXT NOT NULL DEFAULT '',
    target_iso TEXT,
    target_precision TEXT NOT NULL DEFAULT 'text',
    original_text TEXT NOT NULL DEFAULT '',
    original_iso TEXT,
    original_precision TEXT NOT NULL DEFAULT 'text'
);
CREATE INDEX IF NOT EXISTS actions_by_snapshot ON snapshot_actions(snapshot_id, position);
CREATE TABLE IF NOT EXISTS indicator_values (
    set_workbook_key TEXT NOT NULL DEFAULT '',
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
    ytd REAL,
    number_format TEXT NOT NULL DEFAULT '',
    ytd_format TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (set_workbook_key, set_title_key, set_organisation_key, indicator_key,
                 period_start, period_end)
);
"""


# Version 2: plans identified by workbook + Title + Organisation; dates kept with each action.
# The plans of version 1 are kept (their ids and snapshots unchanged) with no workbook yet:
# the next batch finds each by its content (most actions in common) and records the workbook
# it came from. Indicator values of version 1 are kept under no workbook ('').
TO_2 = """
        CREATE TABLE plans_v2 (id INTEGER PRIMARY KEY, title TEXT NOT NULL,
                               organisation TEXT NOT NULL);
        INSERT INTO plans_v2 (id, title, organisation) SELECT id, title, organisation FROM plans;
        DROP TABLE plans;
        ALTER TABLE plans_v2 RENAME TO plans;
        CREATE TABLE plan_workbooks (
            plan_id INTEGER NOT NULL REFERENCES plans(id),
            workbook_key TEXT NOT NULL, title_key TEXT NOT NULL,
            organisation_key TEXT NOT NULL, workbook TEXT NOT NULL,
            UNIQUE (workbook_key, title_key, organisation_key));
        ALTER TABLE snapshot_actions ADD COLUMN target_text TEXT NOT NULL DEFAULT '';
        ALTER TABLE snapshot_actions ADD COLUMN target_iso TEXT;
        ALTER TABLE snapshot_actions ADD COLUMN target_precision TEXT NOT NULL DEFAULT 'text';
        ALTER TABLE snapshot_actions ADD COLUMN original_text TEXT NOT NULL DEFAULT '';
        ALTER TABLE snapshot_actions ADD COLUMN original_iso TEXT;
        ALTER TABLE snapshot_actions ADD COLUMN original_precision TEXT NOT NULL
            DEFAULT 'text';
        CREATE TABLE indicator_values_v2 (
            set_workbook_key TEXT NOT NULL DEFAULT '', set_title_key TEXT NOT NULL,
            set_organisation_key TEXT NOT NULL, indicator_key TEXT NOT NULL,
            period_start TEXT NOT NULL, period_end TEXT NOT NULL, period_label TEXT NOT NULL,
            period_kind TEXT NOT NULL, value REAL, numerator REAL, denominator REAL,
            run_id INTEGER NOT NULL,
            PRIMARY KEY (set_workbook_key, set_title_key, set_organisation_key, indicator_key,
                         period_start, period_end));
        INSERT INTO indicator_values_v2 (set_workbook_key, set_title_key, set_organisation_key,
            indicator_key, period_start, period_end, period_label, period_kind, value,
            numerator, denominator, run_id)
            SELECT '', set_title_key, set_organisation_key, indicator_key, period_start,
                   period_end, period_label, period_kind, value, numerator, denominator, run_id
            FROM indicator_values;
        DROP TABLE indicator_values;
        ALTER TABLE indicator_values_v2 RENAME TO indicator_values;
"""

# Version 3: each indicator value's year-to-date figure (none for the values kept before).
TO_3 = """
        ALTER TABLE indicator_values ADD COLUMN ytd REAL;
"""

# Version 4: the number formats of each value's cells ('' for the values kept before: they
# print as General does, as they did).
TO_4 = """
        ALTER TABLE indicator_values ADD COLUMN number_format TEXT NOT NULL DEFAULT '';
        ALTER TABLE indicator_values ADD COLUMN ytd_format TEXT NOT NULL DEFAULT '';
"""

# version -> the script that brings a history at version - 1 to it.
MIGRATIONS: dict[int, str] = {2: TO_2, 3: TO_3, 4: TO_4}


def schema_version(conn: sqlite3.Connection) -> int | None:
    """The history's recorded version; None for a new (empty) database."""
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if not has_table:
        return None
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return row[0] if row and row[0] is not None else None


def migrate(conn: sqlite3.Connection, path: Path) -> None:
    """Create a new history, or bring an older one up to SCHEMA_VERSION step by step.

    `conn` is in autocommit mode (isolation_level=None). Each step runs with foreign keys off
    (a table is rebuilt) inside its own transaction, then the foreign keys are checked.
    """
    version = schema_version(conn)
    if version is None:
        with conn:
            conn.execute("BEGIN IMMEDIATE")
            for statement in _statements(SCHEMA):
                conn.execute(statement)
            conn.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION,))
        return
    if version > SCHEMA_VERSION:
        raise HistoryError(
            f"The batch history {path} was written by a newer version of committee-pipeline "
            f"(schema {version}, this one reads {SCHEMA_VERSION}). Upgrade committee-pipeline."
        )
    for step in range(version + 1, SCHEMA_VERSION + 1):
        conn.execute("PRAGMA foreign_keys=OFF")
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                if schema_version(conn) != step - 1:  # another process migrated it meanwhile
                    conn.execute("ROLLBACK")
                    continue
                for statement in _statements(MIGRATIONS[step]):
                    conn.execute(statement)
                problems = conn.execute("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise HistoryError(
                        f"The batch history {path} could not be brought up to date "
                        f"(step {step}: {len(problems)} broken links). Move it aside (the "
                        "next run starts a new history) or restore it from a backup."
                    )
                conn.execute("UPDATE schema_version SET version = ?", (step,))
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        finally:
            conn.execute("PRAGMA foreign_keys=ON")


def _statements(script: str) -> list[str]:
    """The statements of a script (none of ours holds a ';' inside a string)."""
    return [s.strip() for s in script.split(";") if s.strip()]


__all__ = ["MIGRATIONS", "SCHEMA", "SCHEMA_VERSION", "HistoryError", "migrate", "schema_version"]
