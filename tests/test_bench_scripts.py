"""The benchmarks in bench/ hang together: every name one bench script imports from another
(`from bench_plan import make_workbook`) is defined there, so that `make bench` does not stop
half-way on a name that was renamed (bench_designs.py imported a `run_command` bench_plan.py
no longer had). Checked from the source, without the bench extras installed."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

BENCH = ROOT / "bench"


def _defined(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {t.id for t in targets if isinstance(t, ast.Name)}
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names}
    return names


def test_every_name_a_bench_script_imports_from_another_is_there() -> None:
    scripts = {p.stem: p for p in BENCH.glob("*.py")}
    missing = []
    for path in scripts.values():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module in scripts and not node.level:
                defined = _defined(scripts[node.module])
                missing += [f"{path.name}: {a.name} from {node.module}"
                            for a in node.names if a.name not in defined]
    assert missing == []
    assert len(scripts) >= 8  # the checker found the scripts
