"""A status shown only by its cell's colour: the error says which status the colour stands
for when the RAG key (or, without one, the standard colours) makes it plain."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import ACTION_HEADERS, action_row
from openpyxl.styles import PatternFill

from pipeline.cli import main

ACCEPTED = "one of Complete, On track, At risk, Behind schedule, Not started."


def _coloured(path: Path, fill: str, key: list[list[str]] | None = None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Details"
    ws.append(["As at", "30/07/2013"])
    actions = wb.create_sheet("Actions")
    actions.append(ACTION_HEADERS)
    actions.append(action_row(ref="R1", recommendation="Rec", status=""))
    actions["L2"].fill = PatternFill("solid", fgColor=fill)
    if key is not None:
        rag = wb.create_sheet("RAG key")
        for row in key:
            rag.append(row)
    wb.save(path)
    return path


def _status_error(path: Path) -> str:
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    (line,) = [s for s in result.stdout.splitlines() if "column 'Status'" in s]
    return line


@pytest.mark.parametrize(("fill", "said"), [
    ("FFFF0000", 'The cell is red: did you mean "Behind schedule"? '),  # Excel's red
    ("FFFFC000", 'The cell is amber: did you mean "At risk"? '),  # Excel's amber
    ("FF00B050", 'The cell is green: did you mean "On track"? '),
    ("FF1D70B8", 'The cell is blue: did you mean "Complete"? '),
    ("FF7030A0", ""),  # purple: no status's colour, so no guess
])
def test_the_colour_of_a_status_cell_suggests_its_status(
        tmp_path: Path, fill: str, said: str) -> None:
    path = _coloured(tmp_path / "plan.xlsx", fill)
    assert _status_error(path) == (
        "  Error: sheet 'Actions', row 2, column 'Status': The status is shown only by the "
        f"cell's colour. {said}Type the status as text: {ACCEPTED}")


def test_the_workbooks_rag_key_says_what_a_colour_means(tmp_path: Path) -> None:
    key = [["Label", "Colour", "Meaning"], ["Done", "Green", "complete"],
           ["Late", "Red", "behind"]]
    line = _status_error(_coloured(tmp_path / "plan.xlsx", "FF92D050", key))
    assert 'The cell is green: did you mean "Done"? Type the status as text' in line


def test_no_guess_when_the_key_gives_two_statuses_that_colour(tmp_path: Path) -> None:
    key = [["Label", "Colour", "Meaning"], ["Done", "#00703C", "complete"],
           ["On course", "#00B050", "on track"]]
    line = _status_error(_coloured(tmp_path / "plan.xlsx", "FF92D050", key))
    assert "did you mean" not in line
    exact = _status_error(_coloured(tmp_path / "exact.xlsx", "FF00B050", key))
    assert 'The cell is green: did you mean "On course"?' in exact  # its very colour
