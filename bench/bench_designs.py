"""Benchmark table designs (issue 17): the 10,000-action plan with and without a design.

    .venv/bin/python bench/bench_designs.py [--actions 10000] [--rounds 5]

Three templates make the same plan: the shipped template with its Table designs part taken
out (today's columns, widths fitted to the text), the shipped template (its design of the
action tables), and a clerk's design (the Source column deleted, Status moved first, Lead
renamed and combined with the target date in one cell). Each round runs the three in turn:
the whole `committee plan` command in a subprocess (CPU time of the child, as in
bench_plan.py), then the render alone in process (render_bytes, CPU time, collector paused
as the command pauses it). The goal: the designed plan within 10% of the plan without a
design. Results go into bench/README.md between the bench_designs markers.
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
from common import README, ROOT, committee_command, measure, warm_up, write_readme

GOAL = 1.10  # the designed plan within 10% of the time without a design


def templates(folder: Path) -> dict[str, Path]:
    """The three templates: no design, the shipped design, a clerk's design."""
    sys.path.insert(0, str(ROOT))
    import docx
    from docx.oxml.ns import qn

    from pipeline.render.templates import template_path

    shipped = template_path("plan")
    doc = docx.Document(str(shipped))
    body = doc.element.body
    marker = next(p for p in doc.paragraphs if p.text.startswith("Table designs"))._p
    for child in list(body)[list(body).index(marker):]:
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    plain = folder / "no-design.docx"
    doc.save(str(plain))

    doc = docx.Document(str(shipped))
    tbl = doc.tables[0]._tbl
    names = [c.text for c in doc.tables[0].rows[0].cells]
    source, status, lead, target = (names.index(n) for n in (
        "Source", "Status", "Lead", "Target date"))
    rows = tbl.tr_lst
    rows[0].tc_lst[lead].xpath(".//w:t")[0].text = "Lead officer(s) and date"
    rows[1].tc_lst[lead].xpath(".//w:t")[0].text = (
        "{{ action.lead }}, by {{ action.target_date }}")
    for i in sorted((source, target), reverse=True):
        for tr in rows:
            tr.remove(tr.tc_lst[i])
        tbl.tblGrid.remove(tbl.tblGrid.gridCol_lst[i])
    status -= sum(1 for i in (source, target) if i < status)
    for tr in rows:
        cell = tr.tc_lst[status]
        tr.remove(cell)
        tr.tc_lst[0].addprevious(cell)
    grid = tbl.tblGrid.gridCol_lst
    col = grid[status]
    tbl.tblGrid.remove(col)
    tbl.tblGrid.gridCol_lst[0].addprevious(col)
    clerk = folder / "clerks-design.docx"
    doc.save(str(clerk))
    return {"no design (today's columns, fitted widths)": plain,
            "the shipped design": shipped, "a clerk's design (8 columns, one combined)": clerk}


def render_cpu(book: Path, template: Path) -> float:
    """CPU seconds of building and rendering the plan in process (the workbook read once)."""
    from pipeline.documents.plan import build_plan_document
    from pipeline.gctune import collector_paused
    from pipeline.reader import read_workbook
    from pipeline.render.engine import render_bytes

    result = _read(book, read_workbook)
    with collector_paused():
        start = time.process_time()
        render_bytes(build_plan_document(result.plan), template)
        return time.process_time() - start


_READ: dict[Path, object] = {}


def _read(book: Path, read_workbook: object) -> object:
    if book not in _READ:
        _READ[book] = read_workbook(book)  # type: ignore[operator]
    return _READ[book]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-readme", action="store_true", help="print only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        book = folder / f"plan-{args.actions}.xlsx"
        make_workbook(book, args.actions)
        variants = templates(folder)
        commands = {name: [*committee_command(), "plan", str(book), "-o",
                           str(folder / f"out-{i}.docx"), "--template", str(path)]
                    for i, (name, path) in enumerate(variants.items())}
        for cmd in commands.values():
            warm_up(cmd)
        cpu: dict[str, list[float]] = {name: [] for name in variants}
        render: dict[str, list[float]] = {name: [] for name in variants}
        for _ in range(args.rounds):
            for name, cmd in commands.items():
                cpu[name].append(measure(cmd).cpu)
                render[name].append(render_cpu(book, variants[name]))
    base_name = next(iter(variants))
    base_cpu = statistics.median(cpu[base_name])
    base_render = statistics.median(render[base_name])
    rows = []
    for name in variants:
        c, r = statistics.median(cpu[name]), statistics.median(render[name])
        verdict = "" if name == base_name else (
            " (met)" if c / base_cpu <= GOAL else " (MISSED)")
        rows.append(f"| {name} | {c:.2f} s | {c / base_cpu:.2f}x{verdict} | {r:.2f} s "
                    f"| {r / base_render:.2f}x |")
        print(rows[-1], flush=True)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    section = "\n".join([
        "## Table designs (bench/bench_designs.py)",
        "",
        f"The same synthetic plan of {args.actions:,} actions (30-120 word progress text) made "
        "with three templates, run in turn, median of "
        f"{args.rounds} rounds: the whole `committee plan` command (CPU time of the child "
        "process), and building and rendering the document in process (`render_bytes`, CPU "
        "time). The goal: a designed plan within 10% of the time without a design.",
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}, {time.strftime('%Y-%m-%d %H:%M')}, load average "
        f"{load:.1f} at the end.",
        "",
        "| template | command CPU | vs no design | build + render CPU | vs no design |",
        "|---|---|---|---|---|",
        *rows,
    ])
    if not args.no_readme:
        write_readme("bench_designs", section)
        print(f"Results written to {README.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
