"""A streaming reader of .xlsx/.xlsm sheets: the zip's XML parsed with lxml iterparse.

Reads what the sheet readers need and nothing else, without openpyxl (which loads every
style object and imports numpy): workbook.xml (sheet names, hidden state, the parts the
sheets live in, the 1900 or 1904 date system), sharedStrings.xml (rich text runs joined,
phonetic runs left out), styles.xml (each cell style's number format and solid fill) and
each worksheet row by row (values, hidden rows and columns, merged cells, formulas with no
saved result, cells over Excel's length limit).

Values come out as openpyxl's `data_only=True` load gave them, so the sheet readers see
no difference: numbers as int or float, date-formatted numbers as datetime (or time or
timedelta), booleans as bool, Excel errors as their text ("#DIV/0!"), empty <v> as None.

Parsing is safe by construction: no DTD is loaded, no entity resolved, nothing fetched
from the network. The caller (`pipeline.reader.workbook`) checks the zip for bombs and
DTDs first; any damage found here raises `XlsxError` or an lxml/zip/ValueError the caller
turns into a located format error.
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from typing import IO, Any

from pipeline.reader.raw import RawCell, RawRow, RawSheet, is_empty
from pipeline.text import EXCEL_CELL_LIMIT

REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WINDOWS_EPOCH = dt.datetime(1899, 12, 30)
MAC_EPOCH = dt.datetime(1904, 1, 1)
SECS_PER_DAY = 86400
TRUE = ("1", "true", "True", "TRUE")

# Excel's built-in number formats (ids below 164) that the readers may meet.
BUILTIN_FORMATS = {
    0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00",
    5: '"$"#,##0_);("$"#,##0)', 6: '"$"#,##0_);[Red]("$"#,##0)',
    7: '"$"#,##0.00_);("$"#,##0.00)', 8: '"$"#,##0.00_);[Red]("$"#,##0.00)',
    9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??",
    14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss", 22: "m/d/yy h:mm",
    37: "#,##0_);(#,##0)", 38: "#,##0_);[Red](#,##0)", 39: "#,##0.00_);(#,##0.00)",
    40: "#,##0.00_);[Red](#,##0.00)",
    41: r'_(* #,##0_);_(* \(#,##0\);_(* "-"_);_(@_)',
    42: r'_("$"* #,##0_);_("$"* \(#,##0\);_("$"* "-"_);_(@_)',
    43: r'_(* #,##0.00_);_(* \(#,##0.00\);_(* "-"??_);_(@_)',
    44: r'_("$"* #,##0.00_)_("$"* \(#,##0.00\)_("$"* "-"??_)_(@_)',
    45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@",
}
_BUILTIN_IDS = {code: idx for idx, code in BUILTIN_FORMATS.items()}
_STRIP = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
_DATE_CHAR = re.compile(r"(?<![_\\])[dmhysDMHYS]")
_TIMEDELTA = re.compile(r"\[hh?\](:mm(:ss(\.0*)?)?)?|\[mm?\](:ss(\.0*)?)?|\[ss?\](\.0*)?", re.I)
_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")


class XlsxError(ValueError):
    """The workbook's structure is damaged (a part missing or holding the wrong thing)."""


def is_date_format(code: str) -> bool:
    """Whether numbers in this format are dates or times (Excel's rule, first section only)."""
    first = _STRIP.sub("", code.split(";")[0])
    return _DATE_CHAR.search(first) is not None


def is_timedelta_format(code: str) -> bool:
    return _TIMEDELTA.search(code.split(";")[0]) is not None


def column_index(letters: str) -> int:
    """'A' -> 1, 'Z' -> 26, 'AA' -> 27."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


_LETTERS: dict[int, str] = {}
_COLUMNS: dict[str, int] = {}  # "AB" -> 28, filled as references are met
_DIGITS = "0123456789"


def _column_of(ref: str, letters: str) -> int:
    """The column of a cell reference's letters (which may carry $ signs); cached."""
    bare = letters.replace("$", "")
    if not bare or len(bare) > 3 or not bare.isascii() or not bare.isalpha():
        raise XlsxError(f"{ref!r} is not a cell reference")
    col = _COLUMNS[letters] = column_index(bare)
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
    """'B12' -> (12, 2); raises ValueError for anything else."""
    m = _REF.match(ref)
    if not m:
        raise ValueError(f"{ref!r} is not a cell reference")
    return int(m.group(2)), column_index(m.group(1))


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


def _iterparse(source: IO[bytes], tag: Any, events: tuple[str, ...] = ("end",)) -> Any:
    from lxml import etree

    return etree.iterparse(
        source, events=events, tag=tag, resolve_entities=False, no_network=True,
        load_dtd=False, huge_tree=False, remove_comments=True, remove_pis=True,
    )


def _parse(data: bytes) -> Any:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.fromstring(data, parser)


def _ns(tag: str) -> str:
    """'{uri}local' -> '{uri}' ('' for a tag with no namespace)."""
    return tag[: tag.index("}") + 1] if tag.startswith("{") else ""


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


@dataclass
class _Styles:
    formats: list[str] = field(default_factory=lambda: ["General"])  # per cellXfs index
    dates: set[int] = field(default_factory=set)
    timedeltas: set[int] = field(default_factory=set)
    fills: list[str | None] = field(default_factory=lambda: [None])  # per cellXfs index
    default_fill: str | None = None  # fills[0]: what a cell with no <c> element has


def _fill_colour(fill: Any) -> str | None:
    """The colour of a solid pattern fill (hex; 'theme N' / 'indexed N' for palette colours);
    None for no fill, other patterns and white."""
    pattern = next((c for c in fill if _local(c.tag) == "patternFill"), None)
    if pattern is None or pattern.get("patternType") != "solid":
        return None
    fg = next((c for c in pattern if _local(c.tag) == "fgColor"), None)
    if fg is None:
        return "000000"  # Excel's default foreground colour
    rgb = fg.get("rgb")
    if rgb is not None:
        rgb = rgb.strip()
        if len(rgb) < 6 or rgb[-6:].upper() == "FFFFFF":
            return None
        return rgb[-6:].upper()
    for kind in ("theme", "indexed"):
        if fg.get(kind) is not None:
            return f"{kind} {fg.get(kind)}"
    return "000000"


def read_styles(data: bytes | None) -> _Styles:
    styles = _Styles()
    if not data:
        return styles
    root = _parse(data)
    custom: dict[int, str] = {}
    fills: list[str | None] = []
    xfs: list[Any] = []
    for section in root:
        name = _local(section.tag)
        if name == "numFmts":
            for fmt in section:
                try:
                    custom[int(fmt.get("numFmtId", ""))] = fmt.get("formatCode") or "General"
                except ValueError:
                    continue
        elif name == "fills":
            fills = [_fill_colour(f) for f in section if _local(f.tag) == "fill"]
        elif name == "cellXfs":
            xfs = [xf for xf in section if _local(xf.tag) == "xf"]
    styles.formats, styles.fills = [], []
    for index, xf in enumerate(xfs):
        try:
            fmt_id = int(xf.get("numFmtId") or 0)
        except ValueError:
            fmt_id = 0
        code = custom.get(fmt_id)
        if code is None:
            code = BUILTIN_FORMATS.get(fmt_id, "General")
        styles.formats.append(code)
        if is_date_format(code):
            styles.dates.add(index)
        if is_timedelta_format(code):
            styles.timedeltas.add(index)
        try:
            fill_id = int(xf.get("fillId") or 0)
        except ValueError:
            fill_id = 0
        styles.fills.append(fills[fill_id] if 0 <= fill_id < len(fills) else None)
    if not xfs:
        styles.formats, styles.fills = ["General"], [None]
    styles.default_fill = fills[0] if fills else None
    return styles


def read_shared_strings(source: IO[bytes] | None) -> list[str]:
    """The shared string table: each <si>'s text and its rich-text runs' texts, joined."""
    strings: list[str] = []
    if source is None:
        return strings
    for _event, si in _iterparse(source, "{*}si"):
        ns = _ns(si.tag)
        t_tag, r_tag = ns + "t", ns + "r"
        parts: list[str] = []
        for child in si:
            if child.tag == t_tag:
                parts.append(child.text or "")
            elif child.tag == r_tag:
                for t in child.iterchildren(t_tag):
                    parts.append(t.text or "")
        strings.append("".join(parts).replace("x005F_", ""))
        si.clear()
        while si.getprevious() is not None:
            del si.getparent()[0]
    return strings


@dataclass
class _SheetRef:
    name: str
    part: str
    hidden: bool


def _rels(zf: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type, target part name) for a part."""
    folder, base = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", f"{base}.rels")
    try:
        root = _parse(zf.read(rels_name))
    except KeyError:
        return {}
    out: dict[str, tuple[str, str]] = {}
    for rel in root:
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External" or not target:
            continue
        if target.startswith("/"):
            resolved = target.lstrip("/")
        else:
            resolved = posixpath.normpath(posixpath.join(folder, target))
        out[rel.get("Id", "")] = (rel.get("Type", ""), resolved)
    return out


def _workbook_part(zf: zipfile.ZipFile) -> str:
    for rel_type, target in _rels(zf, "").values():
        if rel_type.endswith("/officeDocument"):
            return target
    return "xl/workbook.xml"


def read_workbook_part(zf: zipfile.ZipFile) -> tuple[list[_SheetRef], bool, str]:
    """(the worksheets in order, whether dates use the 1904 system, the workbook part)."""
    part = _workbook_part(zf)
    try:
        root = _parse(zf.read(part))
    except KeyError as exc:
        raise XlsxError("the workbook has no workbook.xml part") from exc
    if _local(root.tag) != "workbook":
        raise XlsxError("workbook.xml does not hold a workbook")
    rels = _rels(zf, part)
    date1904 = False
    sheets: list[_SheetRef] = []
    for section in root:
        name = _local(section.tag)
        if name == "workbookPr":
            date1904 = section.get("date1904") in TRUE
        elif name == "sheets":
            for sheet in section:
                rel = rels.get(sheet.get(f"{{{REL_NS}}}id", ""))
                if rel is None or not rel[0].endswith("/worksheet"):
                    continue  # a chart sheet or dialog sheet: no cells
                state = sheet.get("state", "visible")
                sheets.append(_SheetRef(sheet.get("name", ""), rel[1], state != "visible"))
    return sheets, date1904, part


def _inline_text(el: Any, t_tag: str, r_tag: str) -> str:
    """An <is> element's text: its <t> and its rich-text runs' <t>, joined."""
    if len(el) == 1 and el[0].tag == t_tag:
        return el[0].text or ""
    parts: list[str] = []
    for child in el:
        if child.tag == t_tag:
            parts.append(child.text or "")
        elif child.tag == r_tag:
            for t in child.iterchildren(t_tag):
                parts.append(t.text or "")
    return "".join(parts)


def _from_iso(text: str) -> Any:
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        try:
            return dt.time.fromisoformat(text)
        except ValueError:
            return text


class _SheetReader:
    """One worksheet, streamed row by row."""

    def __init__(
        self, name: str, hidden: bool, strings: list[str], styles: _Styles, epoch: dt.datetime
    ) -> None:
        self.sheet = RawSheet(name=name, hidden=hidden)
        self.strings = strings
        self.styles = styles
        self.epoch = epoch
        # row number -> {column index (1-based) -> RawCell} for rows holding a value
        self.grid: dict[int, dict[int, RawCell]] = {}
        self.hidden_rows: set[int] = set()
        self.merges: list[tuple[int, int, int, int]] = []  # min_row, min_col, max_row, max_col
        self.max_col = 0
        self.valued: set[int] = set()  # rows holding a value
        self.t_tag = self.r_tag = ""

    def cell_value(self, kind: str, text: str | None, inline: Any, style: int) -> Any:
        """A cell's value from its type, its <v> text and its <is> element."""
        if kind == "inlineStr":
            return None if inline is None else _inline_text(inline, self.t_tag, self.r_tag)
        if not text:
            return None
        if kind == "s":
            return self.strings[int(text)]
        if kind == "n":
            number: int | float = (
                float(text) if ("." in text or "E" in text or "e" in text) else int(text)
            )
            if style in self.styles.dates:
                try:
                    return from_excel(number, self.epoch, style in self.styles.timedeltas)
                except (OverflowError, ValueError):
                    return "#VALUE!"
            return number
        if kind == "b":
            return bool(int(text))
        if kind == "d":
            return _from_iso(text)
        return text  # "str" (a formula's text result) and "e" (an error such as #DIV/0!)

    def read(self, source: IO[bytes]) -> RawSheet:
        sheet = self.sheet
        row_counter = 0
        ns = ""
        for _event, el in _iterparse(source, ("{*}row", "{*}col", "{*}mergeCell")):
            local = _local(el.tag)
            if local == "row":
                r = el.get("r")
                if r:
                    try:
                        row_counter = int(r)
                    except ValueError:
                        value = float(r)
                        if not value.is_integer():
                            raise XlsxError(f"{r} is not a row number") from None
                        row_counter = int(value)
                else:
                    row_counter += 1
                if el.get("hidden") in TRUE:
                    self.hidden_rows.add(row_counter)
                if len(el):
                    if not ns:
                        ns = _ns(el.tag)
                    self.read_cells(el, row_counter, ns)
                el.clear()
                while el.getprevious() is not None:
                    del el.getparent()[0]
            elif local == "col":
                if el.get("hidden") in TRUE:
                    try:
                        lo, hi = int(el.get("min") or 0), int(el.get("max") or 0)
                    except ValueError:
                        continue
                    if lo and hi and hi - lo < 100:
                        sheet.hidden_columns.extend(column_letter(i) for i in range(lo, hi + 1))
                    elif lo:
                        sheet.hidden_columns.append(column_letter(lo))
            elif local == "mergeCell":
                ref = el.get("ref", "")
                if ":" in ref:
                    try:
                        (r1, c1), (r2, c2) = (split_ref(x) for x in ref.split(":", 1))
                    except ValueError:
                        continue
                    self.merges.append((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))
        self.finish()
        return sheet

    def read_cells(self, row_el: Any, row_number: int, ns: str) -> None:
        c_tag, v_tag, f_tag, is_tag = ns + "c", ns + "v", ns + "f", ns + "is"
        self.t_tag, self.r_tag = ns + "t", ns + "r"
        styles = self.styles
        formats, fills, n_styles = styles.formats, styles.fills, len(styles.formats)
        grid, sheet = self.grid, self.sheet
        strings, dates = self.strings, styles.dates
        row_cells: dict[int, RawCell] | None = None
        col = 0
        for c in row_el.iterchildren(c_tag):
            ref = c.get("r")
            row = row_number
            if ref:
                letters = ref.rstrip(_DIGITS)
                col = _COLUMNS.get(letters) or _column_of(ref, letters)
                try:
                    row = int(ref[len(letters):])
                except ValueError as exc:
                    raise XlsxError(f"{ref!r} is not a cell reference") from exc
            else:
                col += 1
            s = c.get("s")
            style = int(s) if s else 0
            if style >= n_styles or style < 0:
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
            if kind == "s" and text:  # the usual cases first, without a call
                value = strings[int(text)]
            elif kind == "n" and text and style not in dates:
                value = float(text) if ("." in text or "E" in text or "e" in text) else int(text)
            else:
                value = self.cell_value(kind, text, inline, style)
            # A formula whose saved result is missing or empty (a saved 0 or FALSE is a result).
            if formula is not None and not text and kind not in ("str", "inlineStr"):
                sheet.uncached_formulas.append(
                    (row, column_letter(col), (formula.text or "").strip())
                )
            if value is None or (value.__class__ is str and not value.strip()):
                # An empty cell matters only for its fill ("status shown only by colour").
                fill = fills[style]
                if fill is not None:
                    grid.setdefault(row, {})[col] = RawCell(value, formats[style], fill)
                    self.max_col = max(self.max_col, col)
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
            if col > self.max_col:
                self.max_col = col

    def finish(self) -> None:
        """Rows as lists of cells; merged ranges spread (fill-down only); hidden rows marked."""
        grid = self.grid
        # A vertical merge reads as the value repeated down its column (fill-down); a
        # horizontal merge keeps its value in the first cell only (a banner row or header).
        for min_row, min_col, max_row, _max_col in self.merges:
            top = grid.get(min_row) if min_row in self.valued else None
            first = top.get(min_col) if top is not None else None
            if first is None or is_empty(first.value):
                continue
            for r in range(min_row + 1, max_row + 1):
                row = grid.setdefault(r, {})
                self.valued.add(r)
                if min_col not in row or is_empty(row[min_col].value):
                    row[min_col] = RawCell(first.value, first.number_format, first.fill)
        width = self.max_col
        default_fill = self.styles.default_fill
        for number in sorted(self.valued):
            row = grid[number]
            cells = [row.get(i) or RawCell(None, "General", default_fill)
                     for i in range(1, width + 1)]
            self.sheet.rows.append(RawRow(number, cells, number in self.hidden_rows))


def read_xlsx(data: bytes, slim: Any = None) -> list[RawSheet]:
    """Every worksheet of an .xlsx/.xlsm file's bytes, in workbook order.

    `slim`, when given, is applied to a big sheet part's bytes before parsing (used to drop
    formatting-only rows down to row 1,048,576 at C speed).
    """
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        refs, date1904, workbook_part = read_workbook_part(zf)
        kinds = {t.rsplit("/", 1)[-1]: target for t, target in _rels(zf, workbook_part).values()}
        styles_part = kinds.get("styles", "xl/styles.xml")
        strings_part = kinds.get("sharedStrings", "xl/sharedStrings.xml")
        names = set(zf.namelist())
        styles = read_styles(zf.read(styles_part) if styles_part in names else None)
        if strings_part in names:
            with zf.open(strings_part) as part:
                strings = read_shared_strings(part)
        else:
            strings = []
        epoch = MAC_EPOCH if date1904 else WINDOWS_EPOCH
        sheets: list[RawSheet] = []
        for ref in refs:
            if ref.part not in names:
                raise XlsxError(f"the sheet {ref.name!r} has no part {ref.part}")
            reader = _SheetReader(ref.name, ref.hidden, strings, styles, epoch)
            info = zf.getinfo(ref.part)
            if slim is not None and info.file_size > slim[0]:
                sheets.append(reader.read(io.BytesIO(slim[1](zf.read(ref.part)))))
            else:
                with zf.open(ref.part) as part:
                    sheets.append(reader.read(part))
    return sheets
