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
from pipeline.issues import in_order
from pipeline.kinds import INPUT_KINDS, made_from, resolve
from pipeline.reader import Given, WorkbookResult, read_workbook
from pipeline.said import Line, Listed, Said, printable_data, problems_shown
from pipeline.text import plural, printable

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
            "errors": [i.to_dict() for i in in_order(report.errors)],
            "warnings": [i.to_dict() for i in in_order(report.warnings)],
            "notices": [i.to_dict() for i in in_order(report.notices)],
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
    """Check one workbook; `given` holds a --title / --as-at given on the command line.

    A valid workbook is also told what the documents the monthly batch makes from it will
    lack (a report's Purpose, a briefing's Next steps), as the batch and the commands that
    make them say: so that a workbook that checks cleanly gives no surprise later."""
    result = read_workbook(Path(path), given)
    if result.report.ok:
        for kind in made_from(result):
            if kind.advice:
                resolve(kind.advice)(result)
    return FileCheck(Path(path), result)


def annotate_checks(checks: list[FileCheck]) -> tuple[dict[int, tuple[Path, str]], list[Line]]:
    """Write the "- to fix" copy of each checked workbook with errors or warnings: for each
    (by its place in `checks`), where it went and what it shows ("1 error and 2 warnings");
    and a line on standard error for each copy that could not be made."""
    from pipeline.reader.annotate import try_annotate

    shown: dict[int, tuple[Path, str]] = {}
    refused: list[Line] = []
    for index, c in enumerate(checks):
        report = c.result.report
        written, problem = try_annotate(c.path, report.issues)
        if problem is not None:
            refused.append(Said(problem, err=True))
        elif written is not None:
            shown[index] = (written, problems_shown(len(report.errors), len(report.warnings)))
    return shown, refused


def check_lines(checks: list[FileCheck], annotated: dict[int, tuple[Path, str]], *,
                notices: bool = False, quiet: bool = False) -> list[Line]:
    """Each file's verdict, what it holds or its problems, where its annotated copy went;
    then, of several files, how many are valid."""
    lines: list[Line] = []
    for index, c in enumerate(checks):
        report = c.result.report
        name = printable(str(c.path))
        if c.valid:
            lines.append(Said(f"{name}: valid"))
            lines += [Said(f"  {line}") for line in c.summary_lines()]
        else:
            lines.append(Said(f"{name}: {plural(len(report.errors), 'problem')} to fix"))
        if not quiet:
            lines.append(Listed(tuple(report.errors + report.warnings
                                      + (report.notices if notices else [])), err=False))
        if index in annotated:
            lines.append(Said(f"  {annotated[index][1]} shown in {annotated[index][0]}"))
    if len(checks) > 1:
        valid = sum(1 for c in checks if c.valid)
        lines.append(Said(f"{valid} of {len(checks)} files valid."))
    return lines


def check_json(checks: list[FileCheck], annotated: dict[int, tuple[Path, str]]) -> dict[str, Any]:
    """Every file's check, for other programs (`--format json`)."""
    return printable_data({"files": [
        c.to_dict() | ({"annotated": str(annotated[i][0])} if i in annotated else {})
        for i, c in enumerate(checks)]})
