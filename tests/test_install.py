"""`pip install .` ships every subpackage and the Word templates inside the package."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import ROOT


def test_wheel_holds_every_package_and_the_shipped_templates(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
         "--wheel-dir", str(tmp_path), str(ROOT)],
        check=True, capture_output=True, cwd=tmp_path,
    )
    (wheel,) = tmp_path.glob("committee_pipeline-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    source_packages = {
        p.parent.relative_to(ROOT).as_posix()
        for p in (ROOT / "pipeline").rglob("__init__.py")
        if "__pycache__" not in p.parts
    }
    for package in source_packages:
        assert f"{package}/__init__.py" in names, f"{package} is missing from pyproject packages"
    shipped = {p.name for p in (ROOT / "templates").glob("*.docx")}
    from pipeline.kinds import DOCUMENT_KINDS

    assert shipped == {kind.template for kind in DOCUMENT_KINDS}
    for name in shipped:
        assert f"pipeline/templates/{name}" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "committee = pipeline.cli:main" in text
