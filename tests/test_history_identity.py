"""The batch history keys a plan on its workbook, not its title (issue 15 item 6), keeps an
older history through numbered migrations (issue 19 item 11), and gives the earlier target
dates of re-dated actions (issue 15 item 1)."""

from __future__ import annotations

import csv
import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

import docx
from openpyxl import Workbook

from pipeline.batch.history import (
    SCHEMA_VERSION,
    History,
    find_plan,
    load_previous_plan,
    open_readonly,
)
from pipeline.batch.run import run_batch
from pipeline.domain.model import Action, DateValue, Details, Plan, Priority, Recommendation
from pipeline.domain.status import DEFAULT_SCHEME

HEADERS = ["Ref", "Recommendation", "Action", "Lead", "Target date", "Progress", "Status"]


def plan_book(path: Path, rows: list[list[Any]], as_at: dt.date, meeting: dt.date,
              title: str = "Improvement plan") -> Path:
    wb = Workbook()
    details = wb.active
    details.title = "Details"
    for row in (("Title", title), ("Organisation", "Test Council"), ("As at", as_at),
                ("Meeting date", meeting), ("Next steps", "Report again.")):
        details.append(row)
    ws = wb.create_sheet("Actions")
    ws.append(HEADERS)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def rows(prefix: str, statuses: list[str], target: str = "December 2013") -> list[list[Any]]:
    return [[f"{prefix}{n}", f"Recommendation {prefix}{n}", f"{prefix} action {n}", "Ann",
             target, "Under way.", status] for n, status in enumerate(statuses, start=1)]


def paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def briefing(outputs: Path, name: str) -> list[str]:
    """The latest month's briefing of the workbook `name`."""
    found = sorted(outputs.rglob(f"{name}/briefing.docx"), key=lambda p: p.parent.parent.name)
    path = found[-1]
    return paragraphs(path)


def since(texts: list[str]) -> list[str]:
    start = next(i for i, t in enumerate(texts) if t.startswith("Since the last report"))
    ends = [i for i, t in enumerate(texts) if i > start and t.endswith("Next steps")]
    return texts[start:ends[0] if ends else -1]  # up to Next steps, or the sign-off


JUNE, JULY = dt.date(2013, 6, 30), dt.date(2013, 7, 31)
JUNE_MEETING, JULY_MEETING = dt.date(2013, 7, 10), dt.date(2013, 8, 14)


def test_two_same_titled_plans_over_two_months_in_one_batch(tmp_path: Path) -> None:
    inputs, outputs = tmp_path / "inputs", tmp_path / "outputs"
    inputs.mkdir()
    plan_book(inputs / "north.xlsx", rows("N", ["On track"] * 3), JUNE, JUNE_MEETING)
    plan_book(inputs / "south.xlsx", rows("S", ["On track"] * 2), JUNE, JUNE_MEETING)
    first = run_batch(inputs, outputs, jobs=1)
    assert not first.failed
    plan_book(inputs / "north.xlsx", rows("N", ["On track", "Complete", "On track"]), JULY,
              JULY_MEETING)
    plan_book(inputs / "south.xlsx", rows("S", ["On track"] * 2), JULY, JULY_MEETING)
    second = run_batch(inputs, outputs, jobs=1)
    assert not second.failed
    assert since(briefing(outputs, "north")) == [
        "Since the last report (10 July 2013)",
        "One action has been completed:",
        "N2: N action 2",
    ]
    assert since(briefing(outputs, "south")) == [
        "Since the last report (10 July 2013)",
        "No action has been completed, added, removed or reworded, and no status has "
        "changed since the last report.",
    ]
    # No notice: each workbook was found under its own name.
    notes = [i for e in second.inputs for i in e.notices if i.code == "history-notice"]
    assert notes == []


def _csv(path: Path, prefix: str, statuses: list[str]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Ref", "Action", "Target date", "Status"])
        for n, status in enumerate(statuses, start=1):
            writer.writerow([f"{prefix}{n}", f"{prefix} action {n}", "31/12/2013", status])
    return path


def test_two_csv_plans_keep_their_own_history(tmp_path: Path) -> None:
    inputs, outputs = tmp_path / "inputs", tmp_path / "outputs"
    inputs.mkdir()
    _csv(inputs / "east.csv", "E", ["On track", "On track"])
    _csv(inputs / "west.csv", "W", ["On track", "On track", "At risk"])
    assert not run_batch(inputs, outputs, jobs=1, run_date=dt.date(2013, 6, 30)).failed
    _csv(inputs / "east.csv", "E", ["Complete", "On track"])
    _csv(inputs / "west.csv", "W", ["On track", "Behind schedule", "At risk"])
    assert not run_batch(inputs, outputs, jobs=1, run_date=dt.date(2013, 7, 31)).failed
    east = since(briefing(outputs, "east"))
    assert east[1:] == ["One action has been completed:", "E1: E action 1"]
    west = since(briefing(outputs, "west"))
    assert west[1:] == ["No actions have been completed.", "One action has moved to a worse "
                        "status:", "W2: W action 2 (was On track, now Behind schedule)"]


def test_a_renamed_workbook_is_matched_by_its_content_with_a_notice(tmp_path: Path) -> None:
    inputs, outputs = tmp_path / "inputs", tmp_path / "outputs"
    inputs.mkdir()
    august = plan_book(inputs / "Plan - June.xlsx", rows("R", ["On track"] * 4), JUNE,
                       JUNE_MEETING)
    assert not run_batch(inputs, outputs, jobs=1).failed
    august.unlink()
    plan_book(inputs / "Plan - July.xlsx", rows("R", ["Complete"] + ["On track"] * 3), JULY,
              JULY_MEETING)
    result = run_batch(inputs, outputs, jobs=1)
    (entry,) = result.inputs
    (note,) = [i for i in entry.notices if i.code == "history-notice"]
    assert note.severity == "notice"
    assert "matched by its content to the plan last made from 'Plan - June'" in note.message
    assert "(4 of its 4 actions are the same)" in note.message
    assert since(briefing(outputs, "Plan - July"))[:3] == [
        "Since the last report (10 July 2013)", "One action has been completed:",
        "R1: R action 1",
    ]
    # The next run knows the new name: no notice.
    plan_book(inputs / "Plan - July.xlsx", rows("R", ["Complete"] * 4), JULY, JULY_MEETING)
    again = run_batch(inputs, outputs, jobs=1)
    assert [i for i in again.inputs[0].notices if i.code == "history-notice"] == []


def test_a_different_plan_is_new_with_a_notice(tmp_path: Path) -> None:
    inputs, outputs = tmp_path / "inputs", tmp_path / "outputs"
    inputs.mkdir()
    old = plan_book(inputs / "a.xlsx", rows("A", ["On track"] * 3), JUNE, JUNE_MEETING)
    assert not run_batch(inputs, outputs, jobs=1).failed
    old.unlink()
    plan_book(inputs / "b.xlsx", rows("B", ["On track"] * 3), JULY, JULY_MEETING)
    result = run_batch(inputs, outputs, jobs=1)
    (note,) = [i for i in result.inputs[0].notices if i.code == "history-notice"]
    assert note.message.startswith("No earlier report of this plan is in the batch history")
    assert not any(t.startswith("Since the last report") for t in briefing(outputs, "b"))


def test_a_redated_action_is_shown_against_the_last_report(tmp_path: Path) -> None:
    inputs, outputs = tmp_path / "inputs", tmp_path / "outputs"
    inputs.mkdir()
    june = rows("R", ["On track"] * 3, target="June 2013")
    plan_book(inputs / "plan.xlsx", june, dt.date(2013, 5, 31), JUNE_MEETING)
    assert not run_batch(inputs, outputs, jobs=1).failed
    moved = [list(r) for r in june]
    moved[1][4] = "September 2013"
    moved[1][5] = "Put back to September. The national guidance came late."
    plan_book(inputs / "plan.xlsx", moved, JULY, JULY_MEETING)
    assert not run_batch(inputs, outputs, jobs=1).failed
    texts = briefing(outputs, "plan")
    assert "One action has a new target date since the last report (10 July 2013)." in texts
    assert "Two actions were due before 31 July 2013 and are not complete." in texts
    (plan_doc,) = outputs.rglob("2013-08/plan/plan.docx")
    cells = [c.text for t in docx.Document(str(plan_doc)).tables for r in t.rows
             for c in r.cells]
    assert "September 2013 (was June 2013)" in cells
    # The baseline is kept: a month later, still "(was June 2013)".
    plan_book(inputs / "plan.xlsx", moved, dt.date(2013, 8, 31), dt.date(2013, 9, 12))
    assert not run_batch(inputs, outputs, jobs=1).failed
    (plan_doc,) = outputs.rglob("2013-09/plan/plan.docx")
    cells = [c.text for t in docx.Document(str(plan_doc)).tables for r in t.rows
             for c in r.cells]
    assert "September 2013 (was June 2013)" in cells
    assert "No action has a new target date since the last report (14 August 2013)." in (
        briefing(outputs, "plan")
    )


# --- migrations -----------------------------------------------------------------------------

V1_SCHEMA = """
CREATE TABLE schema_version (version INTEGER NOT NULL);
CREATE TABLE runs (id INTEGER PRIMARY KEY, started TEXT NOT NULL, finished TEXT,
    status TEXT NOT NULL DEFAULT 'running');
CREATE TABLE inputs (id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES runs(id),
    name TEXT NOT NULL, path TEXT NOT NULL, sha256 TEXT, templates_sha256 TEXT,
    status TEXT NOT NULL);
CREATE TABLE documents (id INTEGER PRIMARY KEY, input_id INTEGER NOT NULL REFERENCES inputs(id),
    kind TEXT NOT NULL, path TEXT NOT NULL, sha256 TEXT NOT NULL, fingerprint TEXT NOT NULL);
CREATE TABLE plans (id INTEGER PRIMARY KEY, title_key TEXT NOT NULL,
    organisation_key TEXT NOT NULL, title TEXT NOT NULL, organisation TEXT NOT NULL,
    UNIQUE (title_key, organisation_key));
CREATE TABLE plan_snapshots (id INTEGER PRIMARY KEY, plan_id INTEGER NOT NULL REFERENCES plans(id),
    run_id INTEGER NOT NULL REFERENCES runs(id), as_at TEXT NOT NULL, as_at_text TEXT NOT NULL,
    meeting_date TEXT, meeting_date_text TEXT NOT NULL DEFAULT '', source_file TEXT NOT NULL);
CREATE TABLE snapshot_actions (snapshot_id INTEGER NOT NULL REFERENCES plan_snapshots(id)
    ON DELETE CASCADE, position INTEGER NOT NULL, priority_number TEXT NOT NULL,
    priority_title TEXT NOT NULL, recommendation_ref TEXT NOT NULL,
    recommendation_text TEXT NOT NULL, ref TEXT NOT NULL, text TEXT NOT NULL,
    status TEXT NOT NULL, progress TEXT NOT NULL, lead TEXT NOT NULL);
CREATE TABLE indicator_values (set_title_key TEXT NOT NULL, set_organisation_key TEXT NOT NULL,
    indicator_key TEXT NOT NULL, period_start TEXT NOT NULL, period_end TEXT NOT NULL,
    period_label TEXT NOT NULL, period_kind TEXT NOT NULL, value REAL, numerator REAL,
    denominator REAL, run_id INTEGER NOT NULL,
    PRIMARY KEY (set_title_key, set_organisation_key, indicator_key, period_start, period_end));
INSERT INTO schema_version VALUES (1);
INSERT INTO runs VALUES (1, '2013-07-01T09:00:00', '2013-07-01T09:01:00', 'ok');
INSERT INTO inputs VALUES (1, 1, 'plan', '/in/plan.xlsx', 'abc', 'def', 'ok');
INSERT INTO plans VALUES (1, 'improvement plan', 'test council', 'Improvement plan',
    'Test Council');
INSERT INTO plan_snapshots VALUES (1, 1, 1, '2013-06-30', '30/06/2013', '2013-07-10',
    '10/07/2013', '/in/plan.xlsx');
INSERT INTO snapshot_actions VALUES (1, 0, '', '', 'R1', 'Rec', 'R1', 'R action 1', 'on_track',
    'Under way.', 'Ann');
INSERT INTO snapshot_actions VALUES (1, 1, '', '', 'R2', 'Rec', 'R2', 'R action 2', 'on_track',
    'Under way.', 'Ann');
INSERT INTO indicator_values VALUES ('performance', 'test council', 'ni59', '2013-06-01',
    '2013-06-30', 'Jun 2013', 'month', 61.5, NULL, NULL, 1);
"""


def _current(status: str = "complete") -> Plan:
    details = Details(title="Improvement plan", organisation="Test Council",
                      as_at=DateValue("31/07/2013", JULY, "day"))
    actions = [Action("R1", "R action 1", status), Action("R2", "R action 2", "on_track")]  # type: ignore[arg-type]
    rec = Recommendation("R1", "Rec", actions)
    return Plan(details, DEFAULT_SCHEME, [Priority("", "", [rec])])


def test_a_version_1_history_is_migrated_and_keeps_everything(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    with sqlite3.connect(path) as conn:
        conn.executescript(V1_SCHEMA)
    # A dry run reads it (migrated in memory) without changing the file.
    History(path, readonly=True).close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version FROM schema_version").fetchone() == (1,)
    assert open_readonly(path) is None  # not up to date: nothing to compare in a dry run

    history = History(path)
    assert history.conn.execute("SELECT version FROM schema_version").fetchall() == [
        (SCHEMA_VERSION,)
    ]
    assert history.last_success("plan") is not None
    assert history.conn.execute("SELECT count(*) FROM snapshot_actions").fetchone() == (2,)
    assert history.conn.execute(
        "SELECT set_workbook_key, value FROM indicator_values").fetchall() == [("", 61.5)]
    run = history.start_run("2013-08-01T09:00:00")
    conn = open_readonly(path)
    # The version 1 plan had no workbook: found by its content, once.
    match = find_plan(conn, "plan", _current(), run)
    assert (match.how, match.plan_id, match.common, match.total) == ("content", 1, 2, 2)
    previous = load_previous_plan(conn, _current(), run, JULY, match=match)
    assert previous is not None
    assert [(a.ref, a.status) for a in previous.actions] == [("R1", "on_track"),
                                                             ("R2", "on_track")]
    assert previous.details.meeting_date is not None
    history.store_plan(run, _current(), JULY, "plan", match)
    assert find_plan(open_readonly(path), "plan", _current(), run + 1).how == "workbook"
    history.close()
    # Opening it again changes nothing.
    History(path).close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM plans").fetchone() == (1,)


def test_the_batch_counts_a_notice_as_a_notice_not_a_warning(tmp_path: Path) -> None:
    """A renamed workbook matched by its content needs nothing doing: `committee batch`
    says '1 notice' on standard output, not '1 warning' among the problems."""
    from click.testing import CliRunner

    from pipeline.cli import main

    inputs, outputs = tmp_path / "inputs", tmp_path / "outputs"
    inputs.mkdir()
    june = plan_book(inputs / "Plan - June.xlsx", rows("R", ["On track"] * 4), JUNE,
                     JUNE_MEETING)
    runner = CliRunner()
    assert runner.invoke(main, ["batch", str(inputs), str(outputs)]).exit_code == 0
    june.unlink()
    july = plan_book(inputs / "Plan - July.xlsx", rows("R", ["Complete"] + ["On track"] * 3),
                     JULY, JULY_MEETING)
    result = runner.invoke(main, ["batch", str(inputs), str(outputs)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    at = lines.index(f"{july}: 1 notice")
    assert lines[at + 1].startswith("    Note: This workbook is new to the batch history "
                                    "under this name, so it was matched by its content")
    assert "warning" not in result.stderr
    assert "1 notice" not in result.stderr and "Note:" not in result.stderr
    manifest = json_manifest(outputs)
    (entry,) = manifest["inputs"]
    assert entry["warnings"] == []
    assert [n["code"] for n in entry["notices"]] == ["history-notice"]


def json_manifest(outputs: Path) -> dict[str, Any]:
    import json

    (path,) = outputs.glob("manifest.json")
    return json.loads(path.read_text(encoding="utf-8"))
