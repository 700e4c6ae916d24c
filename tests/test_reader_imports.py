"""The reader's modules import one another without cycles (issue 12 item 3).

Imports inside functions count too: a lazy import still ties two modules together.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pipeline.reader

READER = Path(pipeline.reader.__file__).parent


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith("pipeline.reader.")}


def _graph() -> dict[str, set[str]]:
    return {
        f"pipeline.reader.{p.stem}": _imports(p)
        for p in READER.glob("*.py")
        if p.stem != "__init__"
    }


def _cycle_through(graph: dict[str, set[str]], start: str) -> list[str] | None:
    stack = [(start, [start])]
    seen: set[str] = set()
    while stack:
        node, path = stack.pop()
        for nxt in graph.get(node, ()):
            if nxt == start:
                return [*path, start]
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, [*path, nxt]))
    return None


def test_xlsx_parser_does_not_import_the_file_loader() -> None:
    assert "pipeline.reader.workbook" not in _imports(READER / "xlsx.py")


def test_no_import_cycle_among_reader_modules() -> None:
    graph = _graph()
    cycles = [c for m in graph if (c := _cycle_through(graph, m))]
    assert cycles == []
