"""`pip install .` ships every subpackage and the Word templates inside the package."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import ROOT


def test_wheel_holds_every_package_and_the_shipped_templates(tmp_path: Path) -> None:
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
         "--wheel-dir", str(tmp_path), str(ROOT)],
        check=True, capture_output=True, cwd=tmp_path, text=True,
    )
    assert "would be ignored" not in built.stderr
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
    # the charts' font and its licence, and no "package would be ignored" warning for them
    assert {"pipeline/fonts/DejaVuSans.ttf", "pipeline/fonts/LICENSE_DEJAVU"} <= names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "committee = pipeline.cli:main" in text


def test_the_readmes_windows_steps_work_as_far_as_linux_can(tmp_path: Path) -> None:
    """README: `python -m venv .venv`, `pip install .`, `committee batch inputs outputs`.

    The new environment also sees this one's packages (a .pth file), as a council laptop
    has them after its first install, so `pip install .` installs the pipeline itself only;
    the batch then runs from the installed copy, in a folder away from the source."""
    import sysconfig

    venv = tmp_path / ".venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
    scripts = venv / ("Scripts" if sys.platform == "win32" else "bin")
    python = scripts / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    (Path(site) / "outer-environment.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    install = subprocess.run([str(scripts / "pip"), "install", "--quiet", "."], cwd=ROOT,
                             capture_output=True, text=True, timeout=600)
    assert install.returncode == 0, install.stdout + install.stderr
    work = tmp_path / "council"
    (work / "inputs").mkdir(parents=True)
    for book in (ROOT / "inputs").glob("*.xlsx"):
        (work / "inputs" / book.name).write_bytes(book.read_bytes())
    run = subprocess.run([str(scripts / "committee"), "batch", "inputs", "outputs"], cwd=work,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "8 documents made from 3 workbooks; 0 skipped (unchanged); 0 failed." in run.stdout
    assert len(list((work / "outputs").rglob("*.docx"))) == 8
    where = subprocess.run([str(python), "-c", "import pipeline; print(pipeline.__file__)"],
                           cwd=work, capture_output=True, text=True, check=True).stdout
    assert str(venv) in where  # the installed copy, not the source tree
