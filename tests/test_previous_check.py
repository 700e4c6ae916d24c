"""`--previous` given the wrong workbook: a later plan (an error), the same workbook or the
same As at date (a warning)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner, Result

from pipeline.cli import main

Make = Callable[..., Path]


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def _plan(make_workbook: Make, name: str, as_at: str, target: str) -> Path:
    return make_workbook({"Details": [["Title", "Plan"], ["As at", as_at]], "Actions": [
        ["Ref", "Recommendation", "Action", "Lead", "Target date", "Progress", "Status"],
        ["R1", "Rec", "Train staff", "L", target, "p", "On track"],
    ]}, name=name)


def test_previous_plan_newer_than_this_one_is_an_error(make_workbook: Make,
                                                       tmp_path: Path) -> None:
    july = _plan(make_workbook, "july.xlsx", "31/07/2013", "30/07/2013")
    august = _plan(make_workbook, "august.xlsx", "31/08/2013", "31/10/2013")
    out = tmp_path / "plan.docx"
    result = _run("plan", str(july), "--previous", str(august), "-o", str(out))
    assert result.exit_code == 1
    assert not out.exists()
    assert ("Error: sheet 'Details', column 'As at': --previous august.xlsx is the plan as at "
            "31/08/2013, later than this plan (july.xlsx, as at 31/07/2013)") in result.output
    assert "Were the two workbooks swapped?" in result.output
    # the right way round is fine
    result = _run("plan", str(august), "--previous", str(july), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "--previous" not in result.output


def test_previous_plan_the_same_workbook_or_date_is_warned(make_workbook: Make,
                                                           tmp_path: Path) -> None:
    import shutil

    july = _plan(make_workbook, "july.xlsx", "31/07/2013", "30/07/2013")
    # a copy of the file (saving the same rows again can differ in its saved-at time)
    copy = Path(shutil.copyfile(july, july.with_name("july-copy.xlsx")))
    other = _plan(make_workbook, "july-other.xlsx", "31/07/2013", "30/09/2013")
    out = tmp_path / "plan.docx"
    for previous in (july, copy):
        result = _run("plan", str(july), "--previous", str(previous), "-o", str(out))
        assert result.exit_code == 0, result.output
        assert (f"Warning: --previous {previous.name} is the same workbook as july.xlsx, so no "
                "change since the last report can be shown") in result.output
    result = _run("plan", str(july), "--previous", str(other), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert ("Warning: sheet 'Details', column 'As at': --previous july-other.xlsx is the plan "
            "as at 31/07/2013, the same date as this plan (july.xlsx, as at 31/07/2013), so "
            "it is not an earlier report.") in result.output
