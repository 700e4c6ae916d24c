"""committee plan against the other ways of making the same document, on the same data.

    .venv/bin/python bench/bench_peers.py [--actions 10000] [--runs 3] [--memory-actions 30000]

Every peer (bench/peers.py) and `committee plan` run as whole commands in subprocesses on
one synthetic workbook, in the same run, in turn (one run of each, then the next round),
so that load from other work on the machine falls on all of them alike. The figure is the
child's CPU time (user + system, from os.wait4), median of --runs, and its peak resident
set; each is also given as a ratio to the floor. A peer whose first run takes more than
SLOW_S of CPU is run once only. Then the floor and committee plan alone at
--memory-actions, for peak memory. Results go into bench/README.md between the
bench_peers markers. Needs the bench extras: pip install -e '.[bench]'.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench_plan import make_workbook
from common import committee_command, measure, publish, warm_up

HERE = Path(__file__).resolve().parent
SLOW_S = 20.0
LABELS = {
    "floor": "the floor: python-calamine read, document.xml built as one string, zipfile "
             "deflate",
    "calamine-lxml": "python-calamine read + lxml row cloning (no validation)",
    "openpyxl-lxml": "openpyxl read-only + lxml row cloning (no validation)",
    "committee": "**committee plan** (validation, model, verification)",
    "docxtpl": "openpyxl + docxtpl `{%tr for %}` with cellbg",
    "python-docx": "openpyxl read-only + python-docx add_row",
}


def run(args: list[str]) -> tuple[float, float]:
    """(CPU seconds, peak resident MB) of one subprocess."""
    measured = measure(args)
    return measured.cpu, measured.peak_mb


def commands(book: Path, folder: Path, template: Path) -> dict[str, list[str]]:
    peer = [sys.executable, str(HERE / "peers.py")]
    cmds = {name: [*peer, name, str(book), str(folder / f"{name}.docx")]
            for name in ("floor", "calamine-lxml", "openpyxl-lxml", "python-docx")}
    cmds["docxtpl"] = [*peer, "docxtpl", str(book), str(folder / "docxtpl.docx"), str(template)]
    cmds["committee"] = [*committee_command(), "plan", str(book), "-o",
                         str(folder / "committee.docx")]
    return cmds


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--actions", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--memory-actions", type=int, default=30_000,
                        help="size for the floor-vs-committee peak memory run (0: skip)")
    parser.add_argument("--only", nargs="+", choices=list(LABELS), help="run only these")
    parser.add_argument("--no-readme", action="store_true", help="print only")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    import peers

    cpu: dict[str, list[float]] = {}
    peak: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="bench-peers-") as tmp:
        folder = Path(tmp)
        book = folder / f"plan-{args.actions}.xlsx"
        make_workbook(book, args.actions)
        template = folder / "docxtpl-template.docx"
        peers.make_docxtpl_template(template)
        cmds = commands(book, folder, template)
        names = [n for n in LABELS if not args.only or n in args.only or n == "floor"]
        for name in names:
            if name != "python-docx":  # (slow; its imports are compiled by the others')
                warm_up(cmds[name])
        for round_ in range(args.runs):
            for name in names:
                if round_ and statistics.median(cpu[name]) > SLOW_S:
                    continue
                seconds, mb = run(cmds[name])
                cpu.setdefault(name, []).append(seconds)
                peak[name] = max(peak.get(name, 0.0), mb)
                print(f"{name:14} {seconds:7.2f} s CPU {mb:6.0f} MB", flush=True)
        memory_line = ""
        if args.memory_actions:
            big = folder / f"plan-{args.memory_actions}.xlsx"
            make_workbook(big, args.memory_actions)
            big_cmds = commands(big, folder, template)
            f_cpu, f_mb = run(big_cmds["floor"])
            c_cpu, c_mb = run(big_cmds["committee"])
            memory_line = (
                f"{args.memory_actions:,} actions, one run each: the floor {f_cpu:.1f} s CPU, "
                f"{f_mb:.0f} MB peak; committee plan {c_cpu:.1f} s CPU, {c_mb:.0f} MB peak "
                f"({c_mb / f_mb:.2f}x the floor's memory, {c_cpu / f_cpu:.1f}x its CPU).")
            print(memory_line)

    floor_cpu = statistics.median(cpu["floor"])
    floor_mb = peak["floor"]
    ours = statistics.median(cpu["committee"]) if "committee" in cpu else None
    lines = []
    for name in names:
        median = statistics.median(cpu[name])
        runs = len(cpu[name])
        vs_ours = f"{median / ours:.2f}x" if ours else "-"
        lines.append(
            f"| {LABELS[name]} | {median:.2f} s ({runs} run{'s' if runs > 1 else ''}) "
            f"| {median / floor_cpu:.1f}x | {vs_ours} | {peak[name]:.0f} MB "
            f"| {peak[name] / floor_mb:.2f}x |")
    load = os.getloadavg()[0]
    section = "\n".join([
        "## committee plan against its peers (bench/bench_peers.py, `make bench`)",
        "",
        f"One synthetic plan of {args.actions:,} actions (30-120 word progress text), the same "
        "workbook for every row; each is the whole command in a subprocess. **CPU time** "
        "(user + system of the child, from os.wait4), median of "
        f"{args.runs} rounds run in turn, because this 2-core machine is shared with other "
        "work and wall-clock time says more about the neighbours than about the code; peak "
        f"memory is the child's maximum resident set. A peer over {SLOW_S:g} s of CPU on its "
        "first run is run once. The peers validate nothing and check nothing they wrote.",
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}, {time.strftime('%Y-%m-%d %H:%M')}, load average "
        f"{load:.1f} at the end.",
        "",
        "| approach | CPU time | CPU vs floor | CPU vs committee plan | peak memory "
        "| memory vs floor |",
        "|---|---|---|---|---|---|",
        *lines,
        "",
        memory_line,
    ])
    publish("bench_peers", section, readme=not args.no_readme)
    return 0


if __name__ == "__main__":
    sys.exit(main())
