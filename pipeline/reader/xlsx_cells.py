"""What one cell of an .xlsx part says, before any sheet is assembled: cell references
and column letters (with Excel's limits, XFD1048576), typed values (numbers, serial dates in
the 1900 and 1904 systems, ISO dates, shared and rich text, Excel's `_xHHHH_` escapes), the
safe lxml iterparse every part is streamed with, and `XlsxError` for a damaged part.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import IO, Any

WINDOWS_EPOCH = dt.datetime(1899, 12, 30)
MAC_EPOCH = dt.datetime(1904, 1, 1)
SECS_PER_DAY = 86400
TRUE = ("1", "true", "True", "TRUE")
MAX_ROW = 1_048_576  # Excel's last row
MAX_COLUMN = 16_384  # Excel's last column, XFD
LAST_DATE_SERIAL = 2_958_465  # 31 December 9999

_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
DIGITS = "0123456789"


class XlsxError(ValueError):
    """The workbook's structure is damaged (a part missing or holding the wrong thing).

    `row` and `column` (a letter) say where, when a cell is to blame; the caller adds the
    sheet's name.
    """

    def __init__(self, message: str, row: int | None = None, column: str | None = None,
                 sheet: str | None = None) -> None:
        super().__init__(message)
        self.row, self.column, self.sheet = row, column, sheet


def decode_escapes(text: str) -> str:
    """Excel's `_xHHHH_` escapes decoded, once: '_x000D_' is a CR, '_x005F_x000D_' is the
    typed text '_x000D_'."""
    if "_x" not in text:
        return text
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def column_index(letters: str) -> int:
    """'A' -> 1, 'Z' -> 26, 'AA' -> 27."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


_LETTERS: dict[int, str] = {}
COLUMNS_SEEN: dict[str, int] = {}  # "AB" -> 28, filled as references are met


def beyond_excel(ref: str) -> XlsxError:
    return XlsxError(
        f"The sheet refers to cell {ref}, beyond Excel's last cell XFD1048576 (column XFD, "
        "row 1,048,576): the file was not written by Excel or is damaged. Open it in Excel "
        "and save it again as an Excel Workbook (.xlsx).",
    )


def column_of(ref: str, letters: str) -> int:
    """The column of a cell reference's letters (which may carry $ signs); cached."""
    bare = letters.replace("$", "")
    if not bare or not bare.isascii() or not bare.isalpha():
        raise XlsxError(f"{ref!r} is not a cell reference")
    col = column_index(bare) if len(bare) <= 3 else MAX_COLUMN + 1
    if col > MAX_COLUMN:
        raise beyond_excel(ref)
    COLUMNS_SEEN[letters] = col
    return col


def column_letter(index: int) -> str:
    """1 -> 'A', 27 -> 'AA'."""
    found = _LETTERS.get(index)
    if found is None:
        n, letters = index, ""
        while n > 0:
            n, rem = divmod(n - 1, 26)
            letters = chr(65 + rem) + letters
        found = _LETTERS[index] = letters
    return found


def split_ref(ref: str) -> tuple[int, int]:
    """'B12' -> (12, 2); raises ValueError for anything else and XlsxError for a cell
    beyond XFD1048576."""
    m = _REF.match(ref)
    if not m:
        raise ValueError(f"{ref!r} is not a cell reference")
    row, col = int(m.group(2)), column_index(m.group(1))
    if row > MAX_ROW or col > MAX_COLUMN or row < 1:
        raise beyond_excel(ref)
    return row, col


def from_excel(value: float, epoch: dt.datetime, timedelta: bool = False) -> Any:
    """An Excel serial number as a datetime (a time when under one day), as openpyxl does.

    In the 1900 system serials below 60 are shifted a day: Excel counts 29 February 1900,
    which never existed.
    """
    if timedelta:
        td = dt.timedelta(days=value)
        if td.microseconds:
            td = dt.timedelta(seconds=td.total_seconds() // 1,
                              microseconds=round(td.microseconds, -3))
        return td
    day, fraction = divmod(value, 1)
    diff = dt.timedelta(milliseconds=round(fraction * SECS_PER_DAY * 1000))
    if 0 <= value < 1 and diff.days == 0:
        seconds = diff.seconds
        return dt.time(seconds // 3600, seconds // 60 % 60, seconds % 60, diff.microseconds)
    if 0 < value < 60 and epoch == WINDOWS_EPOCH:
        day += 1
    return epoch + dt.timedelta(days=day) + diff


def iterparse(source: IO[bytes], tag: Any, events: tuple[str, ...] = ("end",)) -> Any:
    from lxml import etree

    return etree.iterparse(
        source, events=events, tag=tag, resolve_entities=False, no_network=True,
        load_dtd=False, huge_tree=False, remove_comments=True, remove_pis=True,
    )


def namespace(tag: str) -> str:
    """'{uri}local' -> '{uri}' ('' for a tag with no namespace)."""
    return tag[: tag.index("}") + 1] if tag.startswith("{") else ""


def local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def rich_text(el: Any, t_tag: str, r_tag: str) -> str:
    """An <si> or <is> element's text: its <t> and its rich-text runs' <t>, joined (phonetic
    runs left out), with Excel's escapes decoded once."""
    if len(el) == 1 and el[0].tag == t_tag:
        return decode_escapes(el[0].text or "")
    parts: list[str] = []
    for child in el:
        if child.tag == t_tag:
            parts.append(child.text or "")
        elif child.tag == r_tag:
            for t in child.iterchildren(t_tag):
                parts.append(t.text or "")
    return decode_escapes("".join(parts))


def from_iso(text: str) -> Any:
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        try:
            return dt.time.fromisoformat(text)
        except ValueError:
            return text


def number_of(text: str) -> int | float:
    """A <v>'s number: int when written as one, else float (INF and NaN included)."""
    if text.isdigit():
        return int(text)
    try:
        return int(text) if text.lstrip("+-").isdigit() else float(text)
    except ValueError:
        raise XlsxError(
            f"The cell holds {text[:40]!r} where its type says a number: the file is damaged "
            "or was not written by Excel. Open it in Excel and save it again."
        ) from None
