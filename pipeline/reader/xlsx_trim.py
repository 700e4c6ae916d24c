"""Cutting the formatting-only rows at the end of a big sheet part, before parsing.

A whole-sheet format leaves a million rows after the data such as
`<row r="9" s="1" customFormat="1"><c r="A9" s="1"/></row>`. Parsing them one by one takes
seconds; they hold no value, so they are cut at C speed first.

The cut is exact for all legal XML, or it is not made. A cell's value is always a child
element of its <c> (<v>, <is>, <f>), so a cell holding one always ends with a `</c>` tag.
The cut starts after the row that holds the last `</c>` and ends at </sheetData>, and is
made only when every tag in between is a row (`<row ...>`, `<row .../>`, `</row>`) or a
cell with no closing tag (`<c .../>`), in the sheet's own prefix, and the part holds no
comment, CDATA section, processing instruction or DTD (so every `<` is a tag). Anything
else (a `<v>`, `<is\\n>`, a prefix of its own, a comment) and nothing is cut: the parser
reads every row. A row that holds no value matters to no reader, so what is read is the
same either way; only the time differs.
"""

from __future__ import annotations

import re

TRIM_THRESHOLD = 4 * 1024 * 1024  # smaller parts are parsed whole: cutting saves little

_WS = rb"[ \t\r\n]"
_NAME = rb"[A-Za-z_][A-Za-z0-9_.-]*"
_ATTRS = (rb"(?:" + _WS + rb"+" + _NAME + rb"(?::" + _NAME + rb")?" + _WS + rb"*=" + _WS
          + rb"""*(?:"[^"]*"|'[^']*'))*""" + _WS + rb"*")
_CLOSE = re.compile(rb"</(" + _NAME + rb":)?sheetData" + _WS + rb"*>")


def _other_tag(prefix: bytes) -> re.Pattern[bytes]:
    """A `<` that starts anything but a row tag or a cell's start tag."""
    p = re.escape(prefix)
    return re.compile(
        rb"<(?!" + p + rb"row[ \t\r\n/>]|/" + p + rb"row" + _WS + rb"*>|" + p
        + rb"c[ \t\r\n/>])"
    )


def _region(part: bytes) -> tuple[bytes, int, int] | None:
    """(prefix, start, end) of the rows that may be cut, or None. A region with nothing in
    it (the usual sheet, whose data ends with its last value) is found without reading the
    rest of the part."""
    found = _candidate(part)
    if found is None or found[1] >= found[2]:
        return found
    first = 3 if part.startswith(b"\xef\xbb\xbf") else 0
    if b"<!" in part or part.find(b"<?", first + 1) >= 0:
        return None  # a comment, CDATA, DTD or processing instruction: not every `<` is a tag
    return found


def _candidate(part: bytes) -> tuple[bytes, int, int] | None:
    end = part.rfind(b"sheetData")
    close = _CLOSE.match(part, part.rfind(b"<", 0, end)) if end > 0 else None
    if close is None:
        return None
    prefix = close.group(1) or b""
    end = close.start()
    last_cell = part.rfind(b"</" + prefix + b"c>", 0, end)
    if last_cell >= 0:
        row_close = re.compile(rb"</" + re.escape(prefix) + rb"row" + _WS + rb"*>")
        found = row_close.search(part, last_cell, end)
        return None if found is None else (prefix, found.end(), end)
    opening = re.compile(rb"<" + re.escape(prefix) + rb"sheetData" + _ATTRS + rb">")
    found = opening.search(part, 0, end)
    return None if found is None else (prefix, found.end(), end)


def trim_sheet(part: bytes) -> bytes:
    """The part without the valueless rows that end its sheet data (exactly), or unchanged."""
    if len(part) <= TRIM_THRESHOLD:
        return part
    region = _region(part)
    if region is None:
        return part
    prefix, start, end = region
    if start >= end or _other_tag(prefix).search(part, start, end) is not None:
        return part
    return part[:start] + part[end:]
