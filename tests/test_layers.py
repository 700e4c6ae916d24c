"""The layers the developers' guide asks for: only the command line knows about click, nothing
in the library prints, and no module grows past about 400 lines (issue 12 items 3 and 4)."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PIPELINE = ROOT / "pipeline"
CLI = PIPELINE / "cli"
LIMIT = 420  # "about 400 lines": a few over is tolerated, this many is not


def _modules() -> list[Path]:
    return sorted(PIPELINE.rglob("*.py"))


def _imported(path: Path) -> set[str]:
    """Every module `path` imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
    return found


def test_only_the_cli_package_imports_click() -> None:
    importers = {p.relative_to(ROOT).as_posix() for p in _modules() if "click" in _imported(p)}
    outside = sorted(p for p in importers if not p.startswith("pipeline/cli/"))
    assert outside == []
    # and the command line is where it is said to be: every command module uses click
    assert importers >= {"pipeline/cli/__init__.py", "pipeline/cli/batch.py",
                         "pipeline/cli/checking.py", "pipeline/cli/documents.py",
                         "pipeline/cli/echo.py"}


def test_nothing_outside_the_cli_prints() -> None:
    printing: list[str] = []
    for path in _modules():
        if path.is_relative_to(CLI):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "print":
                printing.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            if isinstance(node, ast.Attribute) and node.attr in ("stdout", "stderr") and \
                    getattr(node.value, "id", None) == "sys":
                printing.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert printing == []


def test_no_module_is_much_over_400_lines() -> None:
    long = []
    for path in _modules():
        name = path.relative_to(PIPELINE).as_posix()
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > LIMIT:
            long.append(f"pipeline/{name}: {lines} lines")
    assert long == []


def test_the_committee_command_is_the_cli_packages_main() -> None:
    import tomllib

    from pipeline.cli import main

    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts == {"committee": "pipeline.cli:main"}
    packages = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "packages"]
    assert "pipeline.cli" in packages  # else an installed copy has no command line
    assert {"plan", "check", "batch", "templates", "audit", "report", "pack"} <= set(
        main.commands)
