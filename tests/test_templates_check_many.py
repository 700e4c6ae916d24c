"""`committee templates check` takes several files and folders (`templates check
our-templates/*.docx` used to fail with "Got unexpected extra arguments", exit 2): each
file's verdict and problems under its name, then "N templates checked, M with problems"."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner
from test_template_precheck import UNCLOSED, broken_plan

from pipeline.cli import main
from pipeline.render.templates import TEMPLATE_NAMES


def _copy(folder: Path) -> list[Path]:
    run = CliRunner().invoke(main, ["templates", "copy", str(folder)])
    assert run.exit_code == 0, run.output
    return sorted(folder.glob("*.docx"))


def test_every_file_copied_is_checked_by_one_command(tmp_path: Path) -> None:
    files = _copy(tmp_path / "t")
    run = CliRunner().invoke(main, ["templates", "check", *map(str, files)])
    assert run.exit_code == 0, run.output
    for path in files:
        assert f"{path}: no problems found (checked as " in run.output
    assert run.output.rstrip().endswith(f"{len(files)} templates checked, 0 with problems")


def test_a_folder_with_a_broken_template_names_it_and_exits_1(tmp_path: Path) -> None:
    folder = tmp_path / "t"
    files = _copy(folder)
    broken = broken_plan(folder, TEMPLATE_NAMES["plan"])
    run = CliRunner().invoke(main, ["templates", "check", str(folder)])
    assert run.exit_code == 1, run.output
    lines = run.output.splitlines()
    verdict = lines.index(f"{broken}: 2 problems to fix (checked as a plan template)")
    assert UNCLOSED in lines[verdict + 1] and "paragraph 1" in lines[verdict + 1]
    assert "'councillor'" in lines[verdict + 2]
    assert lines[-1] == f"{len(files)} templates checked, 1 with problems"


def test_a_file_of_no_kind_among_several_is_reported_and_the_rest_checked(
        tmp_path: Path) -> None:
    files = _copy(tmp_path / "t")
    odd = Path(shutil.copy(files[0], tmp_path / "house-style.docx"))
    run = CliRunner().invoke(main, ["templates", "check", str(odd), *map(str, files)])
    assert run.exit_code == 1, run.output
    assert (f"{odd}: not checked: cannot tell from its name which document it is for."
            in run.output)
    assert f"`committee templates check {odd} --kind KIND`" in run.output
    assert f"{len(files) + 1} templates checked, 1 with problems" in run.output
    # alone, it is still a usage error (exit 2), as before
    assert CliRunner().invoke(main, ["templates", "check", str(odd)]).exit_code == 2


def test_an_empty_folder_says_so(tmp_path: Path) -> None:
    run = CliRunner().invoke(main, ["templates", "check", str(tmp_path)])
    assert run.exit_code == 1
    assert f"Error: {tmp_path} holds no Word templates (.docx files)." in run.output
