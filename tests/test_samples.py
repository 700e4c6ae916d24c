"""The bundled sample inputs and the Telford as-kept fixture: in step with their scripts,
and read by the pipeline as a user would expect."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ROOT / "inputs"
DATA = ROOT / "tests" / "data"
SAMPLES = [
    "childrens-services-improvement-plan.xlsx",
    "performance-indicators.xlsx",
    "cabinet-response.xlsx",
]


def run_script(name: str, out_dir: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / name), str(out_dir)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_samples_are_what_the_script_makes_byte_for_byte(tmp_path: Path) -> None:
    run_script("make_samples.py", tmp_path)
    for name in SAMPLES:
        assert (tmp_path / name).read_bytes() == (INPUTS / name).read_bytes(), (
            f"inputs/{name} is out of date: run scripts/make_samples.py"
        )


def test_telford_fixture_is_what_the_script_makes(tmp_path: Path) -> None:
    run_script("make_telford_fixture.py", tmp_path)
    for name in ("telford-plan-as-kept.xlsx", "telford-plan-as-kept.json"):
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), name


@pytest.mark.parametrize("name", SAMPLES)
def test_each_sample_reads_without_errors_or_warnings(name: str) -> None:
    from pipeline.reader import read_workbook

    result = read_workbook(INPUTS / name)
    assert [i.describe() for i in result.report.errors + result.report.warnings] == []
    assert len(result.kinds) == 1


def test_sample_plan_holds_a_realistic_mix() -> None:
    from pipeline.reader import read_workbook

    plan = read_workbook(INPUTS / SAMPLES[0]).plan
    assert plan is not None
    assert plan.details.organisation == "Telford & Wrekin Council"
    assert plan.details.meeting_date is not None
    assert plan.details.meeting_date.text == "15/08/2013"
    assert 45 <= len(plan.actions) <= 60
    assert 6 <= len(plan.priorities) <= 8
    statuses = Counter(a.status for a in plan.actions)
    assert set(statuses) == {"complete", "on_track", "at_risk", "behind", "not_started"}
    assert statuses["complete"] > len(plan.actions) / 2
    assert [r.ref for r in plan.recommendations if not r.actions] == ["R2"]
    progress = "\n".join(a.progress for a in plan.actions)
    assert "£38,500" in progress
    assert "2013–14" in progress  # en dash kept
    assert "health assessments & plans\nHealth of LAC group" in progress
    assert any(a.target_date and a.target_date.text == "Ongoing" for a in plan.actions)


def test_telford_as_kept_reads_to_the_counts_in_its_json() -> None:
    from pipeline.reader import read_workbook

    facts = json.loads((DATA / "telford-plan-as-kept.json").read_text(encoding="utf-8"))
    result = read_workbook(DATA / facts["file"])
    assert result.report.errors == []
    plan = result.plan
    assert plan is not None
    assert len(plan.actions) == facts["expected_actions"]
    assert len(plan.recommendations) == facts["expected_recommendations"]
    assert len(plan.priorities) == facts["expected_priorities"]
    assert [r.ref for r in plan.recommendations] == facts["refs"]
    assert [r.ref for r in plan.recommendations if not r.actions] == facts["expected_empty_refs"]
    assert dict(Counter(a.status for a in plan.actions)) == facts["expected_status_counts"]
    assert [e.label for e in plan.scheme.key_entries] == facts["rag_key_labels"]
