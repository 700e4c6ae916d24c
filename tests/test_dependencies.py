"""The declared dependencies are true to the code: everything imported is declared, and a
declared package the code does not import says why beside it in pyproject.toml."""

from __future__ import annotations

import ast
import sys
import tomllib

from conftest import ROOT

# Import names of the distributions pyproject names.
IMPORT_NAMES = {"python-docx": "docx", "docxtpl": "docxtpl", "pandas": "pandas",
                "openpyxl": "openpyxl", "click": "click", "Pillow": "PIL", "Jinja2": "jinja2",
                "lxml": "lxml", "pypdf": "pypdf"}


def _imported(folder: str = "pipeline") -> set[str]:
    names: set[str] = set()
    for path in (ROOT / folder).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"pipeline"}


def test_every_imported_package_is_declared_and_an_unused_one_is_explained() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    declared = [d.split(">")[0].split("=")[0].strip()
                for d in tomllib.loads(text)["project"]["dependencies"]]
    assert set(declared) <= set(IMPORT_NAMES), "add the new dependency's import name above"
    imported = _imported()
    assert imported <= {IMPORT_NAMES[d] for d in declared}, imported
    used = imported | _imported("tests")  # a package a test drives (pypdf reads the packs)
    for dist in declared:
        if IMPORT_NAMES[dist] not in used:
            before = text[: text.index(f'"{dist}>=')]
            comment = before.rsplit('",', 1)[-1]
            assert "not import" in comment, f"{dist} is declared but unused, with no reason"
            assert f"{dist} is installed but not used" in _readme_dependencies(), \
                f"the README's Dependencies do not say why {dist} is kept"


def _readme_dependencies() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("- Dependencies:")
    ends = [i for i in (text.find("\n- ", start), text.find("\n\n", start)) if i > 0]
    return " ".join(text[start: min(ends, default=len(text))].split())


def test_numpy_is_named_exactly_when_the_code_imports_it() -> None:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    named = any(d.lower().startswith("numpy") for d in declared)
    assert named == ("numpy" in _imported())
    if not named:  # and the README says so, rather than that the charts need it
        assert "numpy comes with pandas but is not imported" in _readme_dependencies()
