"""Benchmark `committee performance`: 200 indicators with 24 monthly values each.

    .venv/bin/python bench/bench_performance.py [--indicators 200] [--periods 24] [--runs 3]

The whole command is timed as a user runs it (a subprocess: start-up, read, validate,
charts, build, render, write, read back), median of --runs; peak memory is the child's
maximum resident set (os.wait4). One in-process run is then split into reading, drawing
the charts and the rest. Results go into bench/README.md between the bench_performance
markers (the rest of the file is kept).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, committee_command, measure_runs, publish

TARGET_S = 10.0
CPU_TARGET_S = 2.0
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
THEMES = ("01 - Safe children", "02 - Timely assessment", "03 - Stable placements",
          "04 - Workforce", "05 - Finance & resources")


def make_workbook(path: Path, n: int, periods: int, seed: int = 1) -> None:
    """Indicators (with targets, polarity, comparators, commentary) and a wide Values sheet."""
    import openpyxl

    rng = random.Random(seed)
    wb = openpyxl.Workbook(write_only=True)
    details = wb.create_sheet("Details")
    details.append(["Title", f"Synthetic performance report of {n} indicators"])
    details.append(["Organisation", "Benchmark Borough Council"])
    details.append(["As at", "30/09/2011"])
    ind = wb.create_sheet("Indicators")
    ind.append(["Code", "Title", "Theme", "Polarity", "Unit", "Target", "Responsible officer",
                "Definition", "Commentary", "England average", "Statistical neighbours"])
    labels = []
    for k in range(periods):
        month = (3 + k) % 12
        year = 2010 + (3 + k) // 12
        labels.append(f"{MONTHS[month]} {year}")
    values = wb.create_sheet("Values")
    values.append(["Code", *labels])
    for i in range(n):
        unit = rng.choice(["%", "%", "days", "per 10,000", "number"])
        base = rng.uniform(20, 90)
        ind.append([
            f"PI{i:03d}", f"Synthetic indicator {i} & its <measure>", THEMES[i % len(THEMES)],
            rng.choice(["High", "Low"]), unit, round(base * rng.uniform(0.9, 1.2), 1),
            "Ann Smith", "The number of things done on time as a share of all things done.",
            "Performance rose this month after the backlog was cleared. " * 3,
            round(base * rng.uniform(0.8, 1.2), 1), round(base * rng.uniform(0.8, 1.2), 1),
        ])
        row: list[object] = [f"PI{i:03d}"]
        level = base
        for _ in range(periods):
            level = max(0.0, level + rng.uniform(-5, 5))
            row.append(round(level, 1) if rng.random() > 0.03 else None)
        values.append(row)
    wb.save(path)


def split_times(book: Path, out: Path) -> tuple[float, float, float]:
    """(read seconds, charts + build seconds, render + write + check seconds), in process."""
    sys.path.insert(0, str(ROOT))
    from pipeline.documents.performance import build_performance_document
    from pipeline.reader import read_workbook
    from pipeline.render.counts import count_written_performance
    from pipeline.render.engine import render_document

    t0 = time.perf_counter()
    result = read_workbook(book)
    t1 = time.perf_counter()
    assert result.indicators is not None
    model = build_performance_document(result.indicators)
    t2 = time.perf_counter()
    render_document(model, out)
    count_written_performance(out)
    t3 = time.perf_counter()
    return t1 - t0, t2 - t1, t3 - t2


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--indicators", type=int, default=200)
    parser.add_argument("--periods", type=int, default=24)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-readme", action="store_true", help="print only")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        book = folder / "performance.xlsx"
        make_workbook(book, args.indicators, args.periods)
        out = folder / "performance.docx"
        cmd = [*committee_command(), "performance", str(book), "-o", str(out)]
        measured = measure_runs(cmd, args.runs)
        walls, wall, peak, cpu = measured.walls, measured.wall, measured.peak_mb, measured.cpu
        read_s, charts_s, render_s = split_times(book, folder / "split.docx")
        verdict = "met" if wall < TARGET_S else "MISSED"
        cpu_verdict = "met" if cpu < CPU_TARGET_S else "MISSED"
        line = (f"| {args.indicators} x {args.periods} | {wall:.2f} s "
                f"({walls[0]:.2f}-{walls[-1]:.2f}) | < {TARGET_S:g} s {verdict} | {cpu:.2f} s "
                f"(< {CPU_TARGET_S:g} s {cpu_verdict}) "
                f"| {peak:.0f} MB "
                f"| {read_s:.2f} s | {charts_s:.2f} s | {render_s:.2f} s "
                f"| {out.stat().st_size / 1e6:.1f} MB |")
        print(line, flush=True)

    load = os.getloadavg()[0]
    section = "\n".join([
        "## `committee performance` (bench/bench_performance.py)",
        "",
        f"Synthetic indicators with {args.periods} monthly values, targets, polarity, two "
        f"comparators and commentary; median (and range) of {args.runs} runs of the whole "
        "command in a subprocess; peak memory is the child's maximum resident set. The last "
        "columns split one in-process run: reading the workbook, drawing the trend charts "
        "and building the document model (charts drawn with Pillow in this process), and "
        "rendering (with the chart images), writing and reading back the document. CPU time "
        "is the command's (user + system, median): this 2-core machine is shared, so it is "
        "the fairer figure; the target is under 2 s of CPU.",
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}, {time.strftime('%Y-%m-%d')}; load average "
        f"{load:.1f} when it finished (other work on the machine slows every column).",
        "",
        "| indicators x periods | whole command | target | CPU time | peak memory | read workbook "
        "| charts + build | render + write + check | .docx size |",
        "|---|---|---|---|---|---|---|---|---|",
        line,
        "",
        "Where the time goes: 200 charts are about 0.8-1 s of CPU (4-5 ms each: lines drawn "
        "with Pillow on a canvas twice the size and scaled down, about 1.5 ms; the text "
        "stamped from cached masks; the PNG written unfiltered at deflate level 1, about "
        "1.7 ms). Rendering puts each image into the package directly (python-docx hashed "
        "every earlier image for each new one).",
    ])
    publish("bench_performance", section, readme=not args.no_readme)
    return 0


if __name__ == "__main__":
    sys.exit(main())
