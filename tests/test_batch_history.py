"""The batch history (OUTPUTS/history.sqlite): plan snapshots and indicator series."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from pipeline.batch.history import (
    History,
    HistoryError,
    load_previous_plan,
    merge_earlier_series,
    open_readonly,
)
from pipeline.domain.model import (
    Action,
    DateValue,
    Details,
    Indicator,
    IndicatorSet,
    Observation,
    Plan,
    Priority,
    Recommendation,
)
from pipeline.domain.periods import month_period
from pipeline.domain.status import DEFAULT_SCHEME

RUN_DATE = dt.date(2013, 9, 1)


def _plan(as_at: dt.date, status: str, title: str = "Children's Plan",
          organisation: str = "Telford & Wrekin Council") -> Plan:
    details = Details(title=title, organisation=organisation,
                      as_at=DateValue(f"{as_at:%d/%m/%Y}", as_at, "day"),
                      meeting_date=DateValue("15/08/2013", dt.date(2013, 8, 15), "day"))
    actions = [
        Action("R1", "Review the <PAN> & report", status),  # type: ignore[arg-type]
        Action("R1", "Train every social worker", "on_track"),
    ]
    rec = Recommendation("R1", "Recording of enquiries", actions)
    return Plan(details, DEFAULT_SCHEME, [Priority("1", "Safety", [rec])])


def test_the_latest_earlier_snapshot_of_the_same_plan_comes_back(tmp_path: Path) -> None:
    history = History(tmp_path / "history.sqlite")
    run1 = history.start_run("2013-07-01T09:00:00")
    history.store_plan(run1, _plan(dt.date(2013, 5, 31), "not_started"), RUN_DATE)
    run2 = history.start_run("2013-08-01T09:00:00")
    history.store_plan(run2, _plan(dt.date(2013, 6, 30), "behind"), RUN_DATE)
    run3 = history.start_run("2013-09-01T09:00:00")
    conn = open_readonly(tmp_path / "history.sqlite")

    # Same plan, matched on title and organisation whatever the case and spacing.
    current = _plan(dt.date(2013, 7, 31), "complete", title="children's  PLAN")
    previous = load_previous_plan(conn, current, run3, RUN_DATE)
    assert previous is not None
    assert previous.details.as_at is not None
    assert previous.details.as_at.date == dt.date(2013, 6, 30)
    assert previous.details.meeting_date is not None
    assert previous.details.meeting_date.text == "15/08/2013"
    assert [(a.ref, a.text, a.status) for a in previous.actions] == [
        ("R1", "Review the <PAN> & report", "behind"),
        ("R1", "Train every social worker", "on_track"),
    ]
    assert previous.priorities[0].heading == "Priority 1: Safety"
    assert previous.recommendations[0].text == "Recording of enquiries"

    # Only earlier as-at dates, only earlier runs, only the same plan.
    assert load_previous_plan(conn, _plan(dt.date(2013, 5, 31), "complete"), run3,
                              RUN_DATE) is None
    assert load_previous_plan(conn, current, run1, RUN_DATE) is None
    other = _plan(dt.date(2013, 7, 31), "complete", organisation="Torbay Council")
    assert load_previous_plan(conn, other, run3, RUN_DATE) is None
    assert load_previous_plan(None, current, run3, RUN_DATE) is None


def test_a_snapshot_at_the_same_as_at_date_replaces_the_earlier_one(tmp_path: Path) -> None:
    history = History(tmp_path / "history.sqlite")
    run1 = history.start_run("2013-08-01T09:00:00")
    history.store_plan(run1, _plan(dt.date(2013, 6, 30), "behind"), RUN_DATE)
    run2 = history.start_run("2013-08-02T09:00:00")
    history.store_plan(run2, _plan(dt.date(2013, 6, 30), "at_risk"), RUN_DATE)
    run3 = history.start_run("2013-09-01T09:00:00")
    previous = load_previous_plan(open_readonly(tmp_path / "history.sqlite"),
                                  _plan(dt.date(2013, 7, 31), "complete"), run3, RUN_DATE)
    assert previous is not None and previous.actions[0].status == "at_risk"
    count = history.conn.execute("SELECT count(*) FROM plan_snapshots").fetchone()[0]
    assert count == 1


def _indicators(values: dict[int, float], code: str = "NI 59") -> IndicatorSet:
    series = [Observation(month_period(2011, m), v) for m, v in sorted(values.items())]
    indicator = Indicator(title="Initial assessments within 7 days", code=code, unit="%",
                          series=series)
    return IndicatorSet(Details(title="Performance Report", organisation="Torbay Council"),
                        [indicator])


def test_a_short_series_is_topped_up_from_earlier_runs(tmp_path: Path) -> None:
    history = History(tmp_path / "history.sqlite")
    run1 = history.start_run("2011-10-01T09:00:00")
    history.store_indicators(run1, _indicators({4: 61.0, 5: 64.5, 6: 70.2, 7: 71.0}))
    conn = open_readonly(tmp_path / "history.sqlite")

    latest_only = _indicators({8: 75.5, 9: 77.0})
    merged = merge_earlier_series(conn, latest_only)
    series = merged.indicators[0].series
    assert [(o.period.label, o.value) for o in series] == [
        (month_period(2011, m).label, v)
        for m, v in ((4, 61.0), (5, 64.5), (6, 70.2), (7, 71.0), (8, 75.5), (9, 77.0))
    ]
    assert len(latest_only.indicators[0].series) == 2  # the workbook's own objects unchanged

    # A full series, another indicator, or no history: as the workbook has it.
    full = _indicators({7: 1.0, 8: 2.0, 9: 3.0})
    assert merge_earlier_series(conn, full).indicators[0].series == full.indicators[0].series
    other = _indicators({9: 5.0}, code="NI 60")
    assert len(merge_earlier_series(conn, other).indicators[0].series) == 1
    assert merge_earlier_series(None, latest_only) is latest_only


def test_a_history_from_a_newer_version_is_refused_plainly(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    History(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE schema_version SET version = 99")
    with pytest.raises(HistoryError, match="newer version of committee-pipeline"):
        History(path)
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(HistoryError, match="could not be used"):
        History(path)


def test_a_value_recorded_as_worked_out_in_general_format_comes_back_as_worked_out(
        tmp_path: Path) -> None:
    """Runs before the fix recorded a value worked out from its numerator and denominator
    with its blank cell's General format; it comes back to be shown rounded (66.47%), and a
    typed value in General keeps its format."""
    history = History(tmp_path / "history.sqlite")
    run1 = history.start_run("2011-10-01T09:00:00")
    earlier = _indicators({})
    earlier.indicators[0].series = [
        Observation(month_period(2011, 4), 113 / 170 * 100, 113, 170, number_format="General"),
        Observation(month_period(2011, 5), 64.5, number_format="General"),
    ]
    history.store_indicators(run1, earlier)
    merged = merge_earlier_series(open_readonly(tmp_path / "history.sqlite"),
                                  _indicators({9: 77.0}))
    formats = [(o.period.label, o.number_format) for o in merged.indicators[0].series]
    assert formats[:2] == [(month_period(2011, 4).label, ""), (month_period(2011, 5).label,
                                                                 "General")]
