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
from typing import IO, Any

from pipeline.reader.raw import RawCell, RawRow, RawSheet, is_empty
from pipeline.reader.xlsx_cells import (
    COLUMNS_SEEN,
    DIGITS,
    LAST_DATE_SERIAL,
    MAX_COLUMN,
    MAX_ROW,
    TRUE,
    XlsxError,
    beyond_excel,
    column_letter,
    column_of,
    decode_escapes,
    from_excel,
    from_iso,
    iterparse,
    local,
    namespace,
    number_of,
    rich_text,
    split_ref,
)
from pipeline.reader.xlsx_styles import Styles
from pipeline.text import EXCEL_CELL_LIMIT


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
            number = number_of(text)
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
            return from_iso(text)
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
            return column_of(ref, letters)
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
        t_tag = self.t_tag
        row_cells: dict[int, RawCell] | None = None
        coloured: list[tuple[int, int, RawCell]] = []  # empty cells with a fill
        col = 0
        row_text = str(row_number)
        for c in row_el.iterchildren(c_tag):
            ref = c.get("r")
            row = row_number
            if ref:
                letters = ref.rstrip(DIGITS)
                col = COLUMNS_SEEN.get(letters) or self._column(ref, letters, row_number)
                digits = ref[len(letters):]
                if digits and digits != row_text:  # the usual reference names its own row
                    if not digits.isdigit():
                        raise XlsxError(f"{ref!r} is not a cell reference", row_number)
                    row = int(digits)
                    if not 1 <= row <= MAX_ROW:
                        raise beyond_excel(ref)
            else:
                col += 1
                if col > MAX_COLUMN:
                    raise beyond_excel(f"{column_letter(col)}{row}")
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
                elif kind == "inlineStr" and inline is not None and len(inline) == 1 and (
                        (piece := inline[0]).tag == t_tag):  # one text, as rich_text reads it
                    value = piece.text or ""
                    if "_x" in value:  # decode_escapes' own test, without the call
                        value = decode_escapes(value)
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
        for min_row, min_col, max_row, max_col in self.merges:
            if max_col > min_col:
                self.sheet.merged_across.append((min_row, min_col, max_row, max_col))
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
