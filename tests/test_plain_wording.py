"""What the documents say matches the docs, in plain English: a month date prints as the docs
say ('August 2012'), and the performance report's summary sentence reads as a sentence
('There are five indicators, none with a target, ...', not '5 indicators: 5 data only.')."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner
from conftest import ACTION_HEADERS, action_row

from pipeline.cli import main

ROOT = Path(__file__).resolve().parent.parent


def _run(kind: str, book: Path, out: Path) -> docx.Document:
    result = CliRunner().invoke(main, [kind, str(book), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return docx.Document(str(out))


def test_a_month_date_prints_as_the_docs_say(make_workbook: Any, tmp_path: Path) -> None:
    docs = (ROOT / "docs" / "inputs.md").read_text(encoding="utf-8")
    row = next(line for line in docs.splitlines() if line.startswith("| `Aug-12`"))
    printed_as = row.rstrip(" |").rsplit("|", 1)[1].strip()
    book = make_workbook({"Actions": [ACTION_HEADERS,
                                      action_row("Audit", "On track", target="Aug-12")]})
    doc = _run("plan", book, tmp_path / "plan.docx")
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert printed_as == "August 2012"
    assert printed_as in cells


def _indicators(make_workbook: Any, targets: list[object]) -> Path:
    rows: list[list[object]] = [["Code", "Title", "Polarity", "Target"]]
    values: list[list[object]] = [["Code", "Period", "Value"]]
    for n, target in enumerate(targets, start=1):
        rows.append([f"B{n}", f"Measure {n}", "High", target])
        values += [[f"B{n}", "Aug 2018", 50], [f"B{n}", "Sep 2018", 60]]
    return make_workbook({"Indicators": rows, "Values": values})


@pytest.mark.parametrize(("targets", "sentence"), [
    ([None] * 5, "There are five indicators, none with a target, so their status is not judged."),
    ([None], "There is one indicator, with no target, so its status is not judged."),
    ([90, 90], "Both indicators are off target."),
    ([90, 90, 90], "All three indicators are off target."),
    ([90, None, 10], "There are three indicators: one on target, one off target and one with no "
                     "target (data only)."),
])
def test_performance_summary_is_a_plain_sentence(
    make_workbook: Any, tmp_path: Path, targets: list[object], sentence: str
) -> None:
    doc = _run("performance", _indicators(make_workbook, targets), tmp_path / "perf.docx")
    texts = [p.text for p in doc.paragraphs]
    assert sentence in texts
    assert not any(" data only." in t and t[0].isdigit() for t in texts)


@pytest.mark.parametrize(("targets", "said"), [
    ([None] * 3, False),  # none measured against a target: "no indicator is off target" misleads
    ([10, None], True),
    ([90, 10], False),  # one is off target: named instead
])
def test_no_indicator_off_target_is_said_only_of_indicators_with_targets(
    make_workbook: Any, targets: list[object], said: bool
) -> None:
    """Bury's report said "No indicator is off target." of seven indicators without one."""
    from pipeline.documents.briefing import performance_blocks
    from pipeline.reader import read_workbook

    indicators = read_workbook(_indicators(make_workbook, targets)).indicators
    assert indicators is not None
    texts = [getattr(b, "text", "") for b in performance_blocks(indicators)]
    assert ("No indicator is off target." in texts) is said
