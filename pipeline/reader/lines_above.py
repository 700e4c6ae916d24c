"""The lines above a plan's header row: its banner, the plan's title when the workbook
gives none ("WORKING DOCUMENT: CHILDREN'S SERVICES IMPROVEMENT PLAN"), and a line giving
the position's date ("Position at 30 November 2026"), its As at when the workbook gives
none (pipeline.reader.defaults says which was taken).
"""

from __future__ import annotations

import re

from pipeline.domain.model import PositionLine
from pipeline.reader.cells import CellProblem, parse_date, parse_date_text
from pipeline.reader.headers import HeaderMatch, cell_label
from pipeline.reader.raw import RawRow, RawSheet, is_empty
from pipeline.reader.xlsx_cells import column_letter

# "Position at 30 November 2026", "As at: 30/11/2026", "… – progress as at July 2013"
_POSITION = re.compile(r"(?:^|\b(?:position|progress|update|status)\s+)(?:as\s+)?at\b\s*:?"
                       r"\s*(?P<date>.*?)\s*$", re.IGNORECASE)


def _position_in(row: RawRow, sheet: str) -> tuple[PositionLine, bool] | None:
    """The position's date a line above the headers gives ("Position at 30 November 2026",
    or "Position at" beside a date cell), and whether the line is only that (not also a
    title)."""
    filled = [(i, c) for i, c in enumerate(row.cells) if not is_empty(c.value)]
    if not filled:
        return None
    first = " ".join(cell_label(filled[0][1]).split())
    column = column_letter(filled[0][0] + 1)
    m = _POSITION.search(first)
    if m is None:
        return None
    if m.group("date"):
        parsed = parse_date_text(m.group("date"))
        said = repr(first)
    elif len(filled) == 2:
        parsed = parse_date(filled[1][1])
        said = f"{first!r} and the date beside it"
    else:
        return None
    if isinstance(parsed, CellProblem):  # "Position at 31 November 2026"
        found = PositionLine(sheet, row.number, column, said, None, parsed.message)
    elif parsed is None or parsed.date is None:  # "Position at the end of the month"
        return None
    else:
        found = PositionLine(sheet, row.number, column, said, parsed)
    return found, m.start() == 0


def position_line(sheet: RawSheet, header: HeaderMatch) -> PositionLine | None:
    for row in sheet.rows[: header.index]:
        found = _position_in(row, sheet.name)
        if found is not None:
            return found[0]
    return None


def banner(sheet: RawSheet, header: HeaderMatch, nearest: bool = False) -> str:
    """The sheet's first line of text above its header row ("WORKING DOCUMENT: ..."), not
    counting a line that only gives the position's date; with `nearest`, the line nearest
    the header row instead (an indicators table's heading, "Update on Performance", under
    the paper's committee and title lines)."""
    above = sheet.rows[: header.index]
    for row in reversed(above) if nearest else above:
        position = _position_in(row, sheet.name)
        if position is not None and position[1]:
            continue
        for cell in row.cells:
            label = " ".join(cell_label(cell).split())  # on one line, whole: a title
            if label:
                return label
    return ""
