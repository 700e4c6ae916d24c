"""`committee check`: what a workbook holds, or its located problems, as data."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.domain.plan_rules import (
    recommendations_without_actions,
    split_note,
    split_recommendations,
)
from pipeline.kinds import INPUT_KINDS
from pipeline.reader import Given, WorkbookResult, read_workbook
from pipeline.text import plural

KIND_NAMES = {k.name: k.what for k in INPUT_KINDS}


@dataclass
class FileCheck:
    path: Path
    result: WorkbookResult

    @property
    def valid(self) -> bool:
        return self.result.valid

    def status_counts(self) -> dict[str, int]:
        plan = self.result.plan
        if plan is None:
            return {}
        counted = Counter(a.status for a in plan.actions)
        return {e.label: counted[e.key] for e in plan.scheme.entries if counted[e.key]}

    def to_dict(self) -> dict[str, Any]:
        report = self.result.report
        data: dict[str, Any] = {
            "path": str(self.path),
            "kinds": self.result.kinds,
            "valid": self.valid,
            "counts": self.result.counts(),
            "errors": [i.to_dict() for i in report.errors],
            "warnings": [i.to_dict() for i in report.warnings],
            "notices": [i.to_dict() for i in report.notices],
        }
        if self.result.plan is not None:
            data["statuses"] = self.status_counts()
        return data

    def summary_lines(self) -> list[str]:
        """What the file holds, in plain English, one line per kind."""
        lines: list[str] = []
        r = self.result
        if r.plan is not None:
            plan = r.plan
            empty = len(recommendations_without_actions(plan))
            notes = [split_note(places) for places in split_recommendations(plan)]
            if empty:
                notes.insert(0, f"{empty} with no actions yet")
            statuses = ", ".join(f"{n} {label}" for label, n in self.status_counts().items())
            lines.append(
                f"improvement plan: {plural(len(plan.priorities), 'priority', 'priorities')}, "
                f"{plural(r.counts()['recommendations'], 'recommendation')}"
                + (f" ({'; '.join(notes)})" if notes else "")
                + f", {plural(len(plan.actions), 'action')}"
                + (f" ({statuses})" if statuses else "")
            )
        if r.indicators is not None:
            n = len(r.indicators.indicators)
            lines.append(f"performance indicators: {plural(n, 'indicator')}")
        if r.response is not None:
            decisions = Counter(rec.decision for rec in r.response.recommendations)
            said = ", ".join(f"{n} {d}" for d, n in decisions.items())
            lines.append(
                f"cabinet response: {plural(len(r.response.themes), 'theme')}, "
                f"{plural(len(r.response.recommendations), 'recommendation')} ({said})"
            )
        return lines


def check_file(path: Path, given: Given | None = None) -> FileCheck:
    """Check one workbook; `given` holds a --title / --as-at given on the command line."""
    return FileCheck(Path(path), read_workbook(Path(path), given))
