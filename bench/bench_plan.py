"""Benchmark `committee plan` on synthetic plans of 100, 1,000 and 10,000 actions.

    .venv/bin/python bench/bench_plan.py [--sizes 100 1000 10000] [--runs 3]

Each plan has 30-120 word progress text. The whole command is timed as a user runs it
(a subprocess: start-up, read, validate, build, render, write, read back), median of
--runs; peak memory is the child's maximum resident set (os.wait4). A single in-process
run is then split into reading and the rest, to say where the time goes. Results go
into bench/README.md between the bench_plan markers (the rest of the file is kept).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import (
    HEADERS,
    ROOT,
    STATUSES,
    committee_command,
    measure_runs,
    publish,
    words,
)

TARGETS = {1_000: 0.4}  # CPU seconds of the whole command (issue 18)
MEMORY_TARGET_MB = 500


def make_workbook(path: Path, n_actions: int, seed: int = 1) -> None:
    """A plan workbook: 8 priorities, ~3 actions per recommendation."""
    import datetime as dt

    import openpyxl

    rng = random.Random(seed)
    wb = openpyxl.Workbook(write_only=True)
    details = wb.create_sheet("Details")
    details.append(["Title", f"Synthetic improvement plan of {n_actions} actions"])
    details.append(["Organisation", "Benchmark Borough Council"])
    details.append(["As at", dt.date(2013, 5, 1)])
    ws = wb.create_sheet("Actions")
    ws.append(HEADERS)
    rec = 0
    per_priority = max(1, n_actions // 8)
    for i in range(n_actions):
        priority = f"PRIORITY {i // per_priority + 1}: {words(rng, 5, 10).upper()}" \
            if i % per_priority == 0 else None
        new_rec = i % 3 == 0
        if new_rec:
            rec += 1
        ws.append([
            priority,
            f"R{rec}" if new_rec else None,
            words(rng, 8, 20) if new_rec else None,
            words(rng, 10, 30),
            words(rng, 5, 15),
            "Ofsted 2012 unannounced report (Safeguarding)",
            words(rng, 4, 12),
            rng.choice(["Immediate", "3 months", "6 months"]),
            "Maria White Angela Yapp",
            dt.date(2012 + rng.randint(0, 2), rng.randint(1, 12), rng.randint(1, 28)),
            words(rng, 30, 120),
            rng.choice(STATUSES),
        ])
    wb.save(path)


def split_times(book: Path, out: Path) -> tuple[float, float]:
    """(read + validate, build + render + write + read-back) CPU seconds, in process, with
    the collector paused as the command pauses it."""
    sys.path.insert(0, str(ROOT))
    from pipeline.documents.plan import build_plan_document
    from pipeline.gctune import collector_paused
    from pipeline.reader import read_workbook
    from pipeline.render.counts import count_written_plan
    from pipeline.render.engine import render_document

    with collector_paused():
        t0 = time.process_time()
        result = read_workbook(book)
        t1 = time.process_time()
        assert result.plan is not None
        render_document(build_plan_document(result.plan), out)
        count_written_plan(out, result.plan)
        t2 = time.process_time()
    return t1 - t0, t2 - t1


TELFORD = ROOT / "tests" / "data" / "telford-plan-as-kept.xlsx"  # 57 actions, as kept
PAGES_UP_TO = 1_000  # page counts for plans up to this size (LibreOffice is slow beyond)


def page_count(docx: Path, folder: Path) -> str:
    """The document's pages as LibreOffice prints them (A4), or '-' without LibreOffice."""
    import re
    import shutil

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return "-"
    out = folder / "pdf"
    subprocess.run(
        [soffice, "--headless", "--norestore", "--nologo", "--nodefault",
         f"-env:UserInstallation={(folder / 'lo-profile').resolve().as_uri()}",
         "--convert-to", "pdf", "--outdir", str(out), str(docx)],
        capture_output=True, check=False, timeout=600,
    )
    pdf = out / f"{docx.stem}.pdf"
    if not pdf.is_file():
        return "-"
    found = re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes())
    return str(len(found)) if found else "-"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1_000, 10_000])
    parser.add_argument("--no-telford", action="store_true",
                        help="leave out the Telford-sized plan (tests/data, 57 actions)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-readme", action="store_true", help="print only")
    args = parser.parse_args()

    rows: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        plans: list[tuple[str, int, Path]] = []
        if not args.no_telford:
            plans.append(("57 (Telford as kept)", 57, TELFORD))
        for n in args.sizes:
            book = folder / f"plan-{n}.xlsx"
            make_workbook(book, n)
            plans.append((f"{n:,}", n, book))
        for label, n, book in plans:
            out = folder / f"plan-{n}.docx"
            cmd = [*committee_command(), "plan", str(book), "-o", str(out)]
            measured = measure_runs(cmd, args.runs)
            wall, peak, cpu = measured.wall, measured.peak_mb, measured.cpu
            read_s, render_s = split_times(book, folder / f"split-{n}.docx")
            target = TARGETS.get(n)
            verdict = "" if target is None else ("met" if cpu < target else "MISSED")
            target_text = f"< {target:g} s {verdict}" if target else "-"
            mem_text = f"{peak:.0f} MB" + (" (over 500 MB)" if peak >= MEMORY_TARGET_MB else "")
            pages = page_count(out, folder) if n <= PAGES_UP_TO else "-"
            line = (f"| {label} | {cpu:.2f} s | {wall:.2f} s | {target_text} | {mem_text} "
                    f"| {read_s:.2f} s "
                    f"| {render_s:.2f} s | {out.stat().st_size / 1e6:.1f} MB | {pages} |")
            print(line, flush=True)
            rows.append(line)

    section = "\n".join([
        "## `committee plan` (bench/bench_plan.py)",
        "",
        f"Synthetic plans, 30-120 word progress text, median of {args.runs} runs of the whole "
        "command in a subprocess. The target is on CPU time (user + system of the child), "
        "because this 2-core machine is shared with other work and wall-clock time follows "
        "the neighbours' load; peak memory is the child's maximum resident set. "
        "The last columns split one in-process run (CPU time): reading and validating the "
        "workbook (streamed with lxml) versus building, rendering, writing and checking the "
        "document. Pages: the document printed to PDF by LibreOffice (A4 landscape, the "
        f"shipped template), for plans of up to {PAGES_UP_TO:,} actions.",
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}, {time.strftime('%Y-%m-%d')}.",
        "",
        "| actions | CPU time | wall time | target (CPU) | peak memory | read workbook "
        "| build + render + write + check | .docx size | pages |",
        "|---|---|---|---|---|---|---|---|---|",
        *rows,
    ])
    publish("bench_plan", section, readme=not args.no_readme)
    return 0


if __name__ == "__main__":
    sys.exit(main())
