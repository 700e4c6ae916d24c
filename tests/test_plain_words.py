"""What the tool says to a council officer is in plain words: no message calls the tool "the
pipeline" (the programmers' name for it), in the reader's messages or anywhere else."""

from __future__ import annotations

import ast
import re

from conftest import ROOT

# "pipeline" as a word: not a module path (pipeline.reader, pipeline/cli), nor the
# distribution's name (committee-pipeline).
_WORD = re.compile(r"(?<![-/.\w])pipeline(?![/\w-]|\.\w)", re.I)


def _strings(tree: ast.AST) -> list[tuple[int, str]]:
    """The string literals of a module, f-strings' text included, but not docstrings."""
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in docstrings]


def test_no_message_says_the_pipeline() -> None:
    said = []
    for path in sorted((ROOT / "pipeline").rglob("*.py")):
        for line, text in _strings(ast.parse(path.read_text(encoding="utf-8"))):
            if _WORD.search(text):
                said.append(f"{path.relative_to(ROOT)}:{line}: {text.strip()[:80]}")
    assert said == []


def test_the_problem_codes_table_says_it_plainly() -> None:
    from pipeline.issues import CODES

    assert [code for code, meaning in CODES.items() if _WORD.search(meaning)] == []
