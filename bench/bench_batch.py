"""Benchmark `committee batch`: 50 workbooks of 100 actions each, without PDFs.

    .venv/bin/python bench/bench_batch.py [--workbooks 50] [--actions 100] [--jobs N]

Times the whole command as a user runs it (a subprocess): the first run (every workbook
read, plan and briefing made, 100 documents) against a target of 15 s, then an unchanged
re-run (every workbook skipped) against 2 s. Results go into bench/README.md between the
bench_batch markers (the rest of the file is kept).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import sys
import tempfile
from pathlib import Path

from common import HEADERS, ROOT, STATUSES, measure, publish, words

FIRST_TARGET = 15.0
RERUN_TARGET = 2.0


def make_workbook(path: Path, n: int, actions: int) -> None:
    from openpyxl import Workbook

    rng = random.Random(n)
    wb = Workbook()
    details = wb.active
    details.title = "Details"
    for row in (
        ("Title", f"Service improvement plan {n}"),
        ("Organisation", "Benchmark Borough Council"),
        ("Meeting date", dt.datetime(2013, 8, 15)),
        ("As at", dt.datetime(2013, 7, 30)),
    ):
        details.append(row)
    ws = wb.create_sheet("Actions")
    ws.append(HEADERS)
    for a in range(actions):
        ws.append([
            f"Priority {a // 25 + 1}: {words(rng, 3, 6)}", f"R{a // 5 + 1}",
            words(rng, 8, 15), words(rng, 10, 25), words(rng, 5, 10),
            "Ofsted 2012", words(rng, 4, 8), "3 months", "Service manager",
            dt.datetime(2013, rng.randint(1, 12), 1), words(rng, 30, 120),
            STATUSES[rng.randrange(5)],
        ])
    wb.save(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workbooks", type=int, default=50)
    parser.add_argument("--actions", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--no-readme", action="store_true")
    args = parser.parse_args()

    committee = [sys.executable, "-m", "pipeline", "batch"]
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        inputs, outputs = Path(tmp) / "inputs", Path(tmp) / "outputs"
        inputs.mkdir()
        for n in range(args.workbooks):
            make_workbook(inputs / f"Improvement plan {n:02d} - August.xlsx", n, args.actions)
        command = [*committee, str(inputs), str(outputs), "--quiet"]
        if args.jobs:
            command += ["--jobs", str(args.jobs)]
        # One run each (the first run is only first once); the exit code is reported.
        first = measure(command, cwd=ROOT, check=False)
        docs = len(list(outputs.rglob("*.docx")))
        rerun = measure(command, cwd=ROOT, check=False)
        forced = measure([*command, "--force"], cwd=ROOT, check=False)
    load = os.getloadavg()[0]
    jobs = args.jobs or os.cpu_count()

    def verdict(value: float, target: float) -> str:
        return f"< {target:g} s {'met' if value < target else 'MISSED'}"

    lines = [
        "## `committee batch` (bench/bench_batch.py)",
        "",
        f"{args.workbooks} synthetic plan workbooks of {args.actions} actions each (30-120 "
        "word progress text), no PDFs; each makes a plan, a briefing and an exception "
        "report. The whole command in a subprocess, one run each.",
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}, --jobs {jobs}, load average {load:.1f} at the end, "
        f"{dt.date.today().isoformat()}.",
        "",
        "CPU time is the command's and its workers' (user + system): on an otherwise idle "
        f"machine the first run cannot take less than CPU time / {jobs}.",
        "",
        "| run | whole command | target | CPU time | exit code |",
        "|---|---|---|---|---|",
        f"| first run ({docs} documents) | {first.wall:.2f} s "
        f"| {verdict(first.wall, FIRST_TARGET)} | {first.cpu:.1f} s | {first.code} |",
        f"| unchanged re-run (all skipped) | {rerun.wall:.2f} s "
        f"| {verdict(rerun.wall, RERUN_TARGET)} | {rerun.cpu:.1f} s | {rerun.code} |",
        f"| --force re-run (all read, documents kept) | {forced.wall:.2f} s | - "
        f"| {forced.cpu:.1f} s | {forced.code} |",
    ]
    section = "\n".join(lines)
    publish("bench_batch", section, readme=not args.no_readme)


if __name__ == "__main__":
    main()
