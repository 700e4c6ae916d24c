"""One worksheet part of an .xlsx, streamed row by row (lxml iterparse) into a RawSheet.

What it costs follows the cells that hold data, never the area a merge or a far cell
spans: a merge is filled down only as far as the last row holding a value, and each row
keeps only the cells up to its own last one. References beyond Excel's last cell
(XFD1048576) are a located `XlsxError`. Every row is parsed: nothing is dropped before
parsing, so what the XML says is what is read.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import IO, Any

from pipeline.reader.raw import RawCell, RawRow, RawSheet, is_empty
from pipeline.reader.xlsx_styles import Styles
from pipeline.text import EXCEL_CELL_LIMIT

WINDOWS_EPOCH = dt.datetime(1899, 12, 30)
MAC_EPOCH = dt.datetime(1904, 1, 1)
SECS_PER_DAY = 86400
TRUE = ("1", "true", "True", "TRUE")
MAX_ROW = 1_048_576  # Excel's last row
MAX_COLUMN = 16_384  # Excel's last column, XFD
LAST_DATE_SERIAL = 2_958_465  # 31 December 9999

_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_DIGITS = "0123456789"


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
_COLUMNS: dict[str, int] = {}  # "AB" -> 28, filled as references are met


def _beyond(ref: str) -> XlsxError:
    return XlsxError(
        f"The sheet refers to cell {ref}, beyond Excel's last cell XFD1048576 (column XFD, "
        "row 1,048,576): the file was not written by Excel or is damaged. Open it in Excel "
        "and save it again as an Excel Workbook (.xlsx).",
    )


def _column_of(ref: str, letters: str) -> int:
    """The column of a cell reference's letters (which may carry $ signs); cached."""
    bare = letters.replace("$", "")
    if not bare or not bare.isascii() or not bare.isalpha():
        raise XlsxError(f"{ref!r} is not a cell reference")
    col = column_index(bare) if len(bare) <= 3 else MAX_COLUMN + 1
    if col > MAX_COLUMN:
        raise _beyond(ref)
    _COLUMNS[letters] = col
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
        raise _beyond(ref)
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


def _from_iso(text: str) -> Any:
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        try:
            return dt.time.fromisoformat(text)
        except ValueError:
            return text


def _number(text: str) -> int | float:
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


class SheetReader:
    """One worksheet, streamed row by row."""

    def __init__(
        self, name: str, hidden: bool, strings: list[str], styles: Styles, epoch: dt.datetime
    ) -> None:
        self.sheet = RawSheet(name=name, hidden=hidden)
        self.strings = strings
        self.styles = styles
        self.epoch = epoch
        # row number -> {column index (1-based) -> RawCell} for rows holding a value
        self.grid: dict[int, dict[int, RawCell]] = {}
        self.hidden_rows: set[int] = set()
        self.merges: list[tuple[int, int, int, int]] = []  # min_row, min_col, max_row, max_col
        self.valued: set[int] = set()  # rows holding a value
        self.t_tag = self.r_tag = ""

    def shared(self, text: str) -> str:
        index = int(text) if text.isdigit() else -1
        if not 0 <= index < len(self.strings):
            raise XlsxError(
                f"The cell refers to shared text number {text[:20]}, but the workbook holds "
                f"{len(self.strings):,} shared texts: the file is damaged or was not written "
                "by Excel. Open it in Excel and save it again."
            )
        return self.strings[index]

    def cell_value(self, kind: str, text: str | None, inline: Any, style: int) -> Any:
        """A cell's value from its type, its <v> text and its <is> element."""
        if kind == "inlineStr":
            return None if inline is None else rich_text(inline, self.t_tag, self.r_tag)
        if not text:
            return None
        if kind == "s":
            return self.shared(text)
        if kind == "n":
            number = _number(text)
            if style in self.styles.dates and math.isfinite(number):
                if not -LAST_DATE_SERIAL <= number <= LAST_DATE_SERIAL:
                    return number  # past 31/12/9999: Excel shows #####; read as the number
                try:
                    return from_excel(number, self.epoch, style in self.styles.timedeltas)
                except (OverflowError, ValueError):
                    return number
            return number
        if kind == "b":
            return text.strip() in TRUE
        if kind == "d":
            return _from_iso(text)
        if kind == "str":
            return decode_escapes(text)  # a formula's text result
        return text  # "e": an error such as #DIV/0!

    def read(self, source: IO[bytes]) -> RawSheet:
        try:
            self._read(source)
        except XlsxError as exc:
            exc.sheet = self.sheet.name
            raise
        self.finish()
        return self.sheet

    def _read(self, source: IO[bytes]) -> None:
        sheet = self.sheet
        row_counter = 0
        ns = ""
        for _event, el in iterparse(source, ("{*}row", "{*}col", "{*}mergeCell")):
            name = local(el.tag)
            if name == "row":
                row_counter = self._row_number(el.get("r"), row_counter)
                if el.get("hidden") in TRUE:
                    self.hidden_rows.add(row_counter)
                if len(el):
                    if not ns:
                        ns = namespace(el.tag)
                    self.read_cells(el, row_counter, ns)
                el.clear()
                while el.getprevious() is not None:
                    del el.getparent()[0]
            elif name == "col":
                self._hidden_columns(el, sheet)
            elif name == "mergeCell":
                self._merge(el.get("ref", ""))

    @staticmethod
    def _row_number(r: str | None, previous: int) -> int:
        if r:
            try:
                number = int(r)
            except ValueError:
                value = float(r)
                if not value.is_integer():
                    raise XlsxError(f"{r} is not a row number") from None
                number = int(value)
        else:
            number = previous + 1
        if not 1 <= number <= MAX_ROW:
            raise XlsxError(
                f"The sheet has a row numbered {number:,}, beyond Excel's last row "
                "(1,048,576): the file was not written by Excel or is damaged. Open it in "
                "Excel and save it again as an Excel Workbook (.xlsx).",
                row=None,
            )
        return number

    @staticmethod
    def _hidden_columns(el: Any, sheet: RawSheet) -> None:
        if el.get("hidden") not in TRUE:
            return
        try:
            lo, hi = int(el.get("min") or 0), int(el.get("max") or 0)
        except ValueError:
            return
        if lo and hi and hi - lo < 100:
            sheet.hidden_columns.extend(column_letter(i) for i in range(lo, hi + 1))
        elif 0 < lo <= MAX_COLUMN:
            sheet.hidden_columns.append(column_letter(lo))

    def _merge(self, ref: str) -> None:
        if ":" not in ref:
            return
        try:
            (r1, c1), (r2, c2) = (split_ref(x) for x in ref.split(":", 1))
        except XlsxError as exc:
            raise XlsxError(
                f"The sheet merges cells {ref[:40]}, beyond Excel's last cell XFD1048576: "
                "the file was not written by Excel or is damaged. Open it in Excel and save "
                "it again as an Excel Workbook (.xlsx)."
            ) from exc
        except ValueError:
            return
        self.merges.append((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))

    @staticmethod
    def _column(ref: str, letters: str, row_number: int) -> int:
        try:
            return _column_of(ref, letters)
        except XlsxError as exc:
            exc.row = row_number
            raise

    def read_cells(self, row_el: Any, row_number: int, ns: str) -> None:
        c_tag, v_tag, f_tag, is_tag = ns + "c", ns + "v", ns + "f", ns + "is"
        self.t_tag, self.r_tag = ns + "t", ns + "r"
        styles = self.styles
        formats, fills, n_styles = styles.formats, styles.fills, len(styles.formats)
        grid, sheet = self.grid, self.sheet
        strings, dates = self.strings, styles.dates
        row_cells: dict[int, RawCell] | None = None
        coloured: list[tuple[int, int, RawCell]] = []  # empty cells with a fill
        col = 0
        for c in row_el.iterchildren(c_tag):
            ref = c.get("r")
            row = row_number
            if ref:
                letters = ref.rstrip(_DIGITS)
                col = _COLUMNS.get(letters) or self._column(ref, letters, row_number)
                digits = ref[len(letters):]
                if digits:
                    if not digits.isdigit():
                        raise XlsxError(f"{ref!r} is not a cell reference", row_number)
                    row = int(digits)
                    if not 1 <= row <= MAX_ROW:
                        raise _beyond(ref)
            else:
                col += 1
                if col > MAX_COLUMN:
                    raise _beyond(f"{column_letter(col)}{row}")
            s = c.get("s")
            style = int(s) if s and s.isdigit() else 0
            if style >= n_styles:
                style = 0
            kind = c.get("t", "n")
            text = formula = inline = None
            for child in c:
                tag = child.tag
                if tag == v_tag:
                    text = child.text
                elif tag == is_tag:
                    inline = child
                elif tag == f_tag:
                    formula = child
            try:
                if kind == "s" and text and text.isdigit() and int(text) < len(strings):
                    value: Any = strings[int(text)]  # the usual cases first, without a call
                elif kind == "n" and text and text.isdigit() and style not in dates:
                    value = int(text)
                else:
                    value = self.cell_value(kind, text, inline, style)
            except XlsxError as exc:
                exc.row, exc.column = row, column_letter(col)
                raise
            # A formula whose saved result is missing or empty (a saved 0 or FALSE is a result).
            if formula is not None and not text and kind not in ("str", "inlineStr"):
                sheet.uncached_formulas.append(
                    (row, column_letter(col), (formula.text or "").strip())
                )
            if value.__class__ is float and not math.isfinite(value):
                sheet.bad_numbers.append((row, column_letter(col), (text or "").strip()))
                value = None
            if value is None or (value.__class__ is str and not value.strip()):
                # An empty cell matters only for its fill ("status shown only by colour"),
                # and only in a row that holds a value.
                fill = fills[style]
                if fill is not None:
                    coloured.append((row, col, RawCell(value, formats[style], fill)))
                continue
            if value.__class__ is str and len(value) > EXCEL_CELL_LIMIT:
                sheet.long_cells.append((row, column_letter(col), len(value)))
            cell = RawCell(value, formats[style], fills[style])
            if row == row_number:
                if row_cells is None:
                    row_cells = grid.setdefault(row, {})
                    self.valued.add(row)
                row_cells[col] = cell
            else:
                grid.setdefault(row, {})[col] = cell
                self.valued.add(row)
        for row, col, cell in coloured:
            if row in self.valued:
                grid[row].setdefault(col, cell)

    def finish(self) -> None:
        """Rows as lists of cells; merged ranges spread (fill-down only); hidden rows marked."""
        grid = self.grid
        last = max(self.valued, default=0)
        # A vertical merge reads as the value repeated down its column (fill-down), as far
        # as the last row holding a value; a horizontal merge keeps its value in the first
        # cell only (a banner row or header).
        for min_row, min_col, max_row, _max_col in self.merges:
            top = grid.get(min_row) if min_row in self.valued else None
            first = top.get(min_col) if top is not None else None
            if first is None or is_empty(first.value):
                continue
            for r in range(min_row + 1, min(max_row, last) + 1):
                row = grid.setdefault(r, {})
                self.valued.add(r)
                if min_col not in row or is_empty(row[min_col].value):
                    row[min_col] = RawCell(first.value, first.number_format, first.fill)
        default_fill = self.styles.default_fill
        for number in sorted(self.valued):
            row = grid[number]
            width = max(row)
            cells = [row.get(i) or RawCell(None, "General", default_fill)
                     for i in range(1, width + 1)]
            self.sheet.rows.append(RawRow(number, cells, number in self.hidden_rows))
