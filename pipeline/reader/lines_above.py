"""The lines above a plan's header row: its banner, the plan's title when the workbook
gives none ("WORKING DOCUMENT: CHILDREN'S SERVICES IMPROVEMENT PLAN"), and a line giving
the position's date ("Position at 30 November 2026"), its As at when the workbook gives
none (pipeline.reader.defaults says which was taken).
"""

from __future__ import annotations

import re

from pipeline.domain.model import DateValue
from pipeline.reader.cells import parse_date, parse_date_text
from pipeline.reader.headers import HeaderMatch, cell_label
from pipeline.reader.raw import RawRow, RawSheet, is_empty

# "Position at 30 November 2026", "As at: 30/11/2026", "… – progress as at July 2013"
_POSITION = re.compile(r"(?:^|\b(?:position|progress|update|status)\s+)(?:as\s+)?at\b\s*:?"
                       r"\s*(?P<date>.*?)\s*$", re.IGNORECASE)


def _position_in(row: RawRow) -> tuple[str, DateValue, bool] | None:
    """The position date a line above the headers gives, its text, and whether the line is
    only that (not also a title): "Position at 30 November 2026", or "Position at" beside a
    date cell."""
    filled = [c for c in row.cells if not is_empty(c.value)]
    if not filled:
        return None
    first = " ".join(cell_label(filled[0]).split())
    m = _POSITION.search(first)
    if m is None:
        return None
    if m.group("date"):
        parsed = parse_date_text(m.group("date"))
        text = first
    elif len(filled) == 2:
        parsed = parse_date(filled[1])
        text = f"{first} {parsed.text}" if isinstance(parsed, DateValue) else first
    else:
        return None
    if not isinstance(parsed, DateValue) or parsed.date is None:
        return None
    return text, parsed, m.start() == 0


def position_line(sheet: RawSheet, header: HeaderMatch) -> tuple[int, str, DateValue] | None:
    for row in sheet.rows[: header.index]:
        found = _position_in(row)
        if found is not None:
            return row.number, found[0], found[1]
    return None


def banner(sheet: RawSheet, header: HeaderMatch) -> str:
    """The sheet's first line of text above its header row ("WORKING DOCUMENT: ..."), not
    counting a line that only gives the position's date."""
    for row in sheet.rows[: header.index]:
        position = _position_in(row)
        if position is not None and position[2]:
            continue
        for cell in row.cells:
            label = " ".join(cell_label(cell).split())  # on one line, whole: a title
            if label:
                return label
    return ""
