"""Benchmark `committee report`: a Telford-sized report with plan and indicator appendices.

    .venv/bin/python bench/bench_report.py [--runs 5]

The Telford plan as kept (tests/data/telford-plan-as-kept.xlsx: its 52 actions under 27
recommendations) with the sample indicators (inputs/performance-indicators.xlsx, with trend
charts) as Appendix B. The whole command is timed as a user runs it (a subprocess: start-up,
reading both workbooks, the cover, both appendices, render, write and read back), median of
--runs, against a target of 2 s; peak memory is the child's maximum resident set. Results go
into bench/README.md between the bench_report markers (the rest of the file is kept).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import tempfile
from pathlib import Path

from common import ROOT, committee_command, measure_runs, publish

TARGET_S = 2.0
PLAN = ROOT / "tests" / "data" / "telford-plan-as-kept.xlsx"
INDICATORS = ROOT / "inputs" / "performance-indicators.xlsx"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-readme", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        out = Path(tmp) / "report.docx"
        command = [*committee_command(), "report", str(PLAN), "--indicators",
                   str(INDICATORS), "-o", str(out)]
        measured = measure_runs(command, args.runs, cwd=ROOT)
        size = out.stat().st_size / 1e6
    wall, cpu, memory = measured.wall, measured.cpu, measured.peak_mb
    load = os.getloadavg()[0]
    met = "met" if wall < TARGET_S else ("met in CPU time" if cpu < TARGET_S else "NOT met")
    section = "\n".join([
        "## `committee report` (bench/bench_report.py)",
        "",
        "The Telford plan as kept (52 actions, 27 recommendations) as Appendix A and the sample "
        "indicators (9, with trend charts) as Appendix B, behind a numbered cover report; "
        f"median of {args.runs} runs of the whole command in a subprocess.",
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}, {dt.date.today().isoformat()}.",
        "",
        "| report | whole command | CPU time | target | peak memory | .docx size | load |",
        "|---|---|---|---|---|---|---|",
        f"| Telford plan + indicators | {wall:.2f} s | {cpu:.2f} s | < {TARGET_S:.0f} s {met} | "
        f"{memory:.0f} MB | {size:.1f} MB | {load:.1f} |",
    ])
    publish("bench_report", section, readme=not args.no_readme)


if __name__ == "__main__":
    main()
