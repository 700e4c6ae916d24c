"""The plain rows of cells every sheet reader works on, whatever file they came from.

`pipeline.reader.workbook` (which opens files) and `pipeline.reader.xlsx` (which parses
.xlsx parts) both produce these; neither imports the other for them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

CellValue = str | int | float | bool | dt.datetime | dt.date | dt.time | None


@dataclass(slots=True)
class RawCell:
    value: CellValue
    number_format: str = "General"
    fill: str | None = None  # the cell's solid fill colour when it has one (hex)


EMPTY = RawCell(None)


@dataclass(slots=True)
class RawRow:
    number: int  # the row number Excel shows
    cells: list[RawCell]
    hidden: bool = False

    def cell(self, index: int) -> RawCell:
        return self.cells[index] if index < len(self.cells) else EMPTY

    def is_blank(self) -> bool:
        for c in self.cells:  # is_empty of every cell, inlined: asked of every row
            v = c.value
            if v is not None and not (isinstance(v, str) and not v.strip()):
                return False
        return True


@dataclass
class RawSheet:
    name: str
    rows: list[RawRow] = field(default_factory=list)
    hidden: bool = False
    is_csv: bool = False
    hidden_columns: list[str] = field(default_factory=list)
    # Cells holding a formula with no saved result: (row, column letter, formula).
    uncached_formulas: list[tuple[int, str, str]] = field(default_factory=list)
    # Cells longer than Excel's 32,767-character limit: (row, column letter, length).
    long_cells: list[tuple[int, str, int]] = field(default_factory=list)
    # Cells whose number is not finite (INF, NaN, 1e309): (row, column letter, as stored).
    bad_numbers: list[tuple[int, str, str]] = field(default_factory=list)
    # Merged ranges spanning more than one column, 1-based (min_row, min_col, max_row,
    # max_col): a header cell merged across a column hides that column's own header.
    merged_across: list[tuple[int, int, int, int]] = field(default_factory=list)


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
