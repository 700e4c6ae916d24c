"""Hidden rows are read (nothing is lost) and named in one warning, on every kind of sheet."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.reader import read_workbook

Make = Callable[..., Path]

SHEETS: dict[str, tuple[str, list[list[object]], Callable[..., int]]] = {
    "Recommendations": (
        "Recommendations",
        [["Number", "Theme", "Recommendation", "Response", "Action"],
         ["1a", "Corporate parenting", "Hold briefings", "Accepted", "Briefings held"],
         ["1b", None, "Publish attendance", "Accepted", "Published"],
         ["1c", None, "Train members", "Accepted", "Training booked"]],
        lambda r: len(r.response.recommendations),
    ),
    "Indicators": (
        "Indicators",
        [["Item", "August 2018", "November 2018"],
         ["Delayed transfers of care", 12, 10],
         ["Permanent admissions", 30, 28],
         ["Reablement", 81, 84]],
        lambda r: len(r.indicators.indicators),
    ),
}


@pytest.mark.parametrize("kind", list(SHEETS))
def test_hidden_row_is_read_and_named(kind: str, make_workbook: Make) -> None:
    sheet, rows, count = SHEETS[kind]
    result = read_workbook(make_workbook({sheet: rows}, hidden_rows={sheet: [3]}))
    assert result.report.errors == []
    assert count(result) == 3
    (warning,) = [w for w in result.report.warnings if w.code == "hidden-content"]
    assert (warning.sheet, warning.row) == (sheet, 3)
    assert warning.message.startswith("1 hidden row was read and is in the documents (row 3)")
