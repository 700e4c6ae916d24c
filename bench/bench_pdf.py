"""Benchmark the batch's PDF step: one LibreOffice for everything against one per core.

    .venv/bin/python bench/bench_pdf.py [--workbooks 50] [--actions 100] [--rounds 1]

Makes the documents of --workbooks plan workbooks (a plan, a briefing and an exception
report each: 150 documents by default) with `committee batch`, then converts them all to PDF with
pipeline.batch.pdf.convert_to_pdf twice in each round: with one converter (what the batch
did before: a single soffice for the whole batch) and with one per core, each with its
own profile, documents shared out by size. Wall-clock time is what a user waits for here
(LibreOffice's work is in its own processes); CPU time of the converters (user + system of
the children) is given too. The two runs alternate so that load from other work falls on
both. Results go into bench/README.md between the bench_pdf markers.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_batch import make_workbook
from common import ROOT, measure_call, publish

TARGET_RATIO = 0.6


def convert(documents: list[Path], work: Path, converters: int) -> tuple[float, float, int]:
    """(wall seconds, children's CPU seconds, PDFs made), from a clean work folder."""
    from pipeline.batch.pdf import convert_to_pdf

    shutil.rmtree(work, ignore_errors=True)
    for doc in documents:
        doc.with_suffix(".pdf").unlink(missing_ok=True)
    wall, cpu, result = measure_call(
        lambda: convert_to_pdf(documents, work, converters=converters))
    if result.problems:
        raise SystemExit("\n".join(p.message for p in result.problems))
    return wall, cpu, len(result.made)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--workbooks", type=int, default=50)
    parser.add_argument("--actions", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--no-readme", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    cores = os.cpu_count() or 1

    runs: dict[int, list[tuple[float, float, int]]] = {1: [], cores: []}
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as tmp:
        inputs, outputs = Path(tmp) / "inputs", Path(tmp) / "outputs"
        inputs.mkdir()
        for n in range(args.workbooks):
            make_workbook(inputs / f"Improvement plan {n:02d} - August.xlsx", n, args.actions)
        subprocess.run([sys.executable, "-m", "pipeline", "batch", str(inputs), str(outputs),
                        "--quiet"], check=True, cwd=ROOT)
        documents = sorted(outputs.rglob("*.docx"))
        for _ in range(args.rounds):
            for converters in runs:
                figures = convert(documents, Path(tmp) / "work", converters)
                runs[converters].append(figures)
                print(f"{converters} converter(s): {figures[0]:.1f} s wall, "
                      f"{figures[1]:.1f} s CPU, {figures[2]} PDFs", flush=True)
    one = statistics.median(r[0] for r in runs[1])
    many = statistics.median(r[0] for r in runs[cores])
    ratio = many / one
    verdict = "met" if ratio <= TARGET_RATIO else "MISSED"
    load = os.getloadavg()[0]
    lines = [
        "## `batch --pdf`: the PDF step (bench/bench_pdf.py)",
        "",
        f"The {len(documents)} documents of {args.workbooks} plan workbooks of "
        f"{args.actions} actions (the batch's plan, briefing and exception report of each) "
        "converted to PDF by "
        "pipeline.batch.pdf, median of "
        f"{args.rounds} round(s), the two ways alternating. Wall-clock time, because the work "
        "is LibreOffice's, in other processes; CPU time is the converters' (user + system).",
        f"Machine: {platform.machine()}, {cores} CPUs, Python {platform.python_version()}, "
        f"{time.strftime('%Y-%m-%d %H:%M')}, load average {load:.1f} at the end (other work "
        "on the machine takes cores from the converters).",
        "",
        "| converters | wall time | CPU time | PDFs |",
        "|---|---|---|---|",
        *[f"| {k} ({'as before: one for the batch' if k == 1 else 'one per core'}) "
          f"| {statistics.median(r[0] for r in v):.1f} s "
          f"| {statistics.median(r[1] for r in v):.1f} s | {v[0][2]} |" for k, v in runs.items()],
        "",
        f"One per core takes {ratio:.2f}x the time of one for the batch (target at most "
        f"{TARGET_RATIO}x: {verdict}).",
    ]
    section = "\n".join(lines)
    publish("bench_pdf", section, readme=not args.no_readme)
    return 0


if __name__ == "__main__":
    sys.exit(main())
