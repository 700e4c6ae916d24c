"""Loading a workbook or CSV file into plain rows of cells, with Excel row numbers.

This is the only module that opens spreadsheet files. It refuses what is not
a workbook (with a located, plain-English issue) and hands the sheet readers a
`RawSheet`: every row with the row number Excel shows, each cell's value and
number format, merged cells already spread the way a person reads them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from pipeline.issues import IssueReport
from pipeline.text import EXCEL_CELL_LIMIT

CellValue = str | int | float | bool | dt.datetime | dt.date | dt.time | None

# Refuse a workbook whose XML would inflate past this (a "zip bomb").
MAX_UNCOMPRESSED = 300 * 1024 * 1024
MAX_RATIO = 200
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class RawCell:
    value: CellValue
    number_format: str = "General"
    fill: str | None = None  # the cell's solid fill colour when it has one (hex)


EMPTY = RawCell(None)


@dataclass
class RawRow:
    number: int  # the row number Excel shows
    cells: list[RawCell]
    hidden: bool = False

    def cell(self, index: int) -> RawCell:
        return self.cells[index] if index < len(self.cells) else EMPTY

    def is_blank(self) -> bool:
        return all(is_empty(c.value) for c in self.cells)


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


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def load_sheets(path: Path, report: IssueReport) -> list[RawSheet]:
    """All sheets of an .xlsx/.xlsm file, or a CSV file as one sheet.

    Problems that stop the file being read are recorded as errors in `report`
    and an empty list is returned.
    """
    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        report.error("format-error", f"The file {path.name} was not found.")
        return []
    except OSError as exc:
        report.error("format-error", f"The file {path.name} could not be opened: {exc.strerror}.")
        return []
    if not data:
        report.error(
            "format-error",
            "The file is empty (0 bytes). Save the workbook again from Excel and copy it in.",
        )
        return []
    if suffix == ".csv":
        return [_load_csv(path, data, report)]
    if suffix not in (".xlsx", ".xlsm"):
        report.error(
            "format-error",
            f"{path.name} is not a workbook the pipeline reads: use .xlsx, .xlsm or .csv.",
        )
        return []
    if data.startswith(OLE_SIGNATURE):
        report.error(
            "format-error",
            "The workbook is password-protected or is an old Excel 97-2003 (.xls) file. "
            "Open it in Excel, remove the password (File > Info > Protect Workbook) and save it "
            "as an Excel Workbook (.xlsx).",
        )
        return []
    if not zipfile.is_zipfile(io.BytesIO(data)):
        head = data[:512].lstrip().lower()
        what = "a web page (HTML) " if head.startswith((b"<", b"\xef\xbb\xbf<")) else ""
        report.error(
            "format-error",
            f"The file is {what}not a real Excel workbook, although its name ends in "
            f"{suffix}. Open it in Excel and use File > Save As > Excel Workbook (.xlsx).",
        )
        return []
    if not _zip_is_safe(data, report):
        return []
    return _load_xlsx(path, data, report)


def _zip_is_safe(data: bytes, report: IssueReport) -> bool:
    """Refuse zip bombs (from the sizes in the zip directory, before inflating anything),
    damaged containers and XML parts that declare a DTD or entities."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            total = sum(i.file_size for i in infos)
            packed = sum(i.compress_size for i in infos) or 1
            if total > MAX_UNCOMPRESSED or total / packed > MAX_RATIO and total > 20 * 1024 * 1024:
                report.error(
                    "security-error",
                    f"The workbook was refused: it would expand to {total // (1024 * 1024)} MB "
                    "when opened, far more than any plan needs. Remove unused rows and "
                    "formatting, or save it again from Excel.",
                )
                return False
            bad = zf.testzip() if total < 50 * 1024 * 1024 else None
            if bad is not None:
                report.error(
                    "format-error",
                    f"The workbook is damaged (part {bad} is corrupt). "
                    "Ask for the file to be saved and sent again.",
                )
                return False
            xml_names = [i.filename for i in infos if i.filename.endswith((".xml", ".rels"))]
            for name in xml_names:
                with zf.open(name) as part:
                    declares = _declares_dtd(part)
                if declares:
                    report.error(
                        "security-error",
                        f"The workbook was refused: its part {name} declares a DTD or entities, "
                        "which Excel never writes and which can be used to attack the reader. "
                        "Open it in Excel and save it again as a new .xlsx file.",
                    )
                    return False
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, RuntimeError,
            NotImplementedError, ValueError, zlib.error):
        report.error(
            "format-error",
            "The workbook is damaged (its zip container is truncated or corrupt). "
            "Ask for the file to be saved and sent again.",
        )
        return False
    return True


_PROLOG_LIMIT = 1024 * 1024
_PROLOG_SKIP = re.compile(rb"\s+|<\?.*?\?>|<!--.*?-->", re.S)


def _declares_dtd(part: IO[bytes]) -> bool:
    """Whether an XML part's prolog (before its first element) holds <!DOCTYPE or <!ENTITY.

    The prolog is read to its end however long it is padded with comments, up to 1 MB
    (a longer prolog is refused too). UTF-16 parts are decoded first.
    """
    buf = part.read(65536)
    if buf.startswith((b"\xff\xfe", b"\xfe\xff")):
        buf += part.read(_PROLOG_LIMIT)
        enc = "utf-16"
        buf = buf.decode(enc, errors="ignore").encode("utf-8")
    elif buf.startswith(b"\xef\xbb\xbf"):
        buf = buf[3:]
    pos = 0
    while True:
        m = _PROLOG_SKIP.match(buf, pos)
        if m and m.end() > pos:
            pos = m.end()
            continue
        rest = buf[pos:]
        if rest.startswith((b"<!DOCTYPE", b"<!ENTITY", b"<!doctype")):
            return True
        if rest[:1] == b"<" and rest[1:2] not in (b"!", b"?", b""):
            return False  # the root element: no DTD
        if not rest or (rest.startswith((b"<!--", b"<?")) or len(rest) < 9):
            more = part.read(65536)
            if not more:
                return b"<!DOCTYPE" in buf or b"<!ENTITY" in buf
            if len(buf) > _PROLOG_LIMIT:
                return True  # a megabyte of comments before the root: refuse
            buf += more
            continue
        return b"<!" in rest[:2]


def _load_xlsx(path: Path, data: bytes, report: IssueReport) -> list[RawSheet]:
    import openpyxl  # lazy: keeps `committee --help` fast
    from openpyxl.utils.exceptions import InvalidFileException

    data = _slim_big_sheets(data)
    uncached = _uncached_formulas(data)
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True, rich_text=False)
    except (
        InvalidFileException,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        TypeError,
        OSError,
    ) as exc:
        report.error(
            "format-error",
            f"The workbook could not be read ({type(exc).__name__}). Open it in Excel and "
            "save it again as an Excel Workbook (.xlsx).",
        )
        return []
    except Exception as exc:  # noqa: BLE001 - any parser failure is a located format error
        report.error(
            "format-error",
            f"The workbook could not be read ({type(exc).__name__}: {exc}). Open it in Excel "
            "and save it again as an Excel Workbook (.xlsx).",
        )
        return []
    # openpyxl converts serial dates with the workbook's own epoch (1900 or 1904).
    sheets = [_read_worksheet(ws) for ws in wb.worksheets]
    wb.close()
    for sheet in sheets:
        sheet.uncached_formulas = uncached.get(sheet.name, [])
        _report_sheet_problems(sheet, report)
    return sheets


def _cells_list(places: list[str], limit: int = 10) -> str:
    shown = ", ".join(places[:limit])
    return shown + (f" and {len(places) - limit} more" if len(places) > limit else "")


def _report_sheet_problems(sheet: RawSheet, report: IssueReport) -> None:
    """Located issues the loader alone can see: formulas with no saved value, cells over
    Excel's length limit and hidden columns holding data."""
    if sheet.uncached_formulas:
        row, letter, formula = sheet.uncached_formulas[0]
        places = [f"{c}{r}" for r, c, _ in sheet.uncached_formulas]
        report.error(
            "formula-error",
            f"{'Cell' if len(places) == 1 else 'Cells'} {_cells_list(places)} "
            f"{'holds a formula' if len(places) == 1 else 'hold formulas'} with no saved "
            f"result{f' (the first is ={formula})' if formula else ''}: the file was made by "
            "a program that does not "
            "calculate formulas. Open the workbook in Excel, then save it, and run again "
            "(or type the values in place of the formulas).",
            sheet=sheet.name,
            row=row,
            column=letter,
            value=f"={formula}" if formula else None,
        )
    for row, letter, length in sheet.long_cells:
        report.warning(
            "constraint-error",
            f"Cell {letter}{row} holds {length:,} characters, more than Excel's limit of "
            f"{EXCEL_CELL_LIMIT:,}. It was read in full, but Excel would cut it short if the "
            "workbook were saved again: keep long text shorter, or in a separate document.",
            sheet=sheet.name,
            row=row,
            column=letter,
        )
    if sheet.hidden_columns and not sheet.hidden:
        from openpyxl.utils import column_index_from_string

        used = [
            letter
            for letter in sheet.hidden_columns
            if any(
                not is_empty(r.cell(column_index_from_string(letter) - 1).value)
                for r in sheet.rows
            )
        ]
        if used:
            many = len(used) > 1
            report.warning(
                "hidden-content",
                f"{'Columns' if many else 'Column'} {', '.join(used)} "
                f"{'are hidden but hold' if many else 'is hidden but holds'} data, which was "
                "read if its header is one the pipeline uses. Unhide "
                f"{'them' if many else 'it'} in Excel to check.",
                sheet=sheet.name,
                column=used[0],
            )


# Sheets bigger than this are slimmed before parsing: rows with no values are dropped.
SLIM_THRESHOLD = 4 * 1024 * 1024
_ROW_EMPTY = re.compile(rb"<((?:\w+:)?)row\b[^>]*/>")
_ROW_FULL = re.compile(rb"<((?:\w+:)?)row\b[^>]*>.*?</\1row>", re.S)
_HAS_VALUE = re.compile(rb"<(?:\w+:)?(?:v|is|f)[\s>]")
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _slim_big_sheets(data: bytes) -> bytes:
    """Drop rows with no values from very large sheet parts (formatting to row 1,048,576).

    Rows holding a value, a formula or inline text are kept byte for byte, so row numbers,
    hidden rows, fills and merged cells are unchanged; openpyxl then loads only those.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        big = [
            i.filename
            for i in zf.infolist()
            if i.filename.startswith("xl/worksheets/") and i.file_size > SLIM_THRESHOLD
        ]
        if not big:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in zf.infolist():
                part = zf.read(info.filename)
                if info.filename in big:
                    part = _slim_sheet(part)
                dst.writestr(info.filename, part, compresslevel=1)
    return out.getvalue()


_VALUE_MARKS = (b"<v>", b"<v ", b"<is>", b"<f>", b"<f ", b":v>", b":v ", b":is>", b":f>", b":f ")


def _slim_sheet(part: bytes) -> bytes:
    """A sheet part without its rows that hold no value.

    First (fast, in C): cut every row after the last one holding a value, which is where
    formatting to row 1,048,576 sits. Then, if the part is still big, drop valueless rows
    between data rows one by one.
    """
    end = part.rfind(b"sheetData>")
    end = part.rfind(b"</", 0, end) if end > 0 else -1
    if end <= 0:
        return part
    last = max(part.rfind(mark, 0, end) for mark in _VALUE_MARKS)
    cut = part.find(b"row>", last if last > 0 else 0, end)
    if last <= 0 or cut < 0:
        start = part.find(b"sheetData>")
        if start > 0 and part[start - 1 : start] != b"/":
            part = part[: start + len(b"sheetData>")] + part[end:]
        return part
    part = part[: cut + len(b"row>")] + part[end:]
    if len(part) > SLIM_THRESHOLD:
        part = _ROW_EMPTY.sub(b"", part)
        part = _ROW_FULL.sub(
            lambda m: m.group(0) if _HAS_VALUE.search(m.group(0)) else b"", part
        )
    return part


def _sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its part name in the zip, from workbook.xml and its relationships."""
    from xml.etree import ElementTree as ET

    rel_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    try:
        wb_root = ET.fromstring(zf.read("xl/workbook.xml"))
        rels_root = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ET.ParseError):
        return {}
    targets: dict[str, str] = {}
    for rel in rels_root:
        target = rel.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        targets[rel.get("Id", "")] = target
    parts: dict[str, str] = {}
    for el in wb_root.iter():
        if el.tag.endswith("}sheet") or el.tag == "sheet":
            rid = el.get(f"{{{rel_ns}}}id", "")
            if rid in targets and el.get("name"):
                parts[el.get("name", "")] = targets[rid]
    return parts


def _uncached_formulas(data: bytes) -> dict[str, list[tuple[int, str, str]]]:
    """Per sheet name, the cells with a formula but no saved (cached) result.

    openpyxl with data_only=True reads such a cell as empty; a program that writes
    formulas without calculating them (openpyxl itself, many exporters) makes them.
    A formula whose saved result is the empty string (t="str", empty <v>) is fine.
    """
    from xml.etree import ElementTree as ET

    from openpyxl.utils.cell import coordinate_from_string

    found: dict[str, list[tuple[int, str, str]]] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name, part in _sheet_parts(zf).items():
            try:
                raw = zf.read(part)
            except KeyError:
                continue
            if not _FORMULA.search(raw):
                continue
            cells: list[tuple[int, str, str]] = []
            try:
                for _event, el in ET.iterparse(io.BytesIO(raw)):
                    if not el.tag.endswith("}c") and el.tag != "c":
                        continue
                    f = v = None
                    for child in el:
                        local = child.tag.rsplit("}", 1)[-1]
                        if local == "f":
                            f = child
                        elif local == "v":
                            v = child
                    if f is not None:
                        value = None if v is None else v.text
                        if not value and el.get("t") not in ("str", "inlineStr"):
                            ref = el.get("r", "")
                            try:
                                letter, row = coordinate_from_string(ref)
                            except ValueError:
                                continue
                            cells.append((row, letter, (f.text or "").strip()))
                    el.clear()
            except ET.ParseError:
                continue
            if cells:
                found[name] = cells
    return found


def _read_worksheet(ws: Any) -> RawSheet:
    sheet = RawSheet(name=ws.title, hidden=ws.sheet_state != "visible")
    max_col = ws.max_column or 0
    # Rows with values only: formatted empty rows to row 1,048,576 cost nothing here.
    grid: dict[int, list[RawCell]] = {}
    for row_cells in ws.iter_rows():
        cells: list[RawCell] = []
        any_value = False
        for c in row_cells:
            v = c.value
            if not is_empty(v):
                any_value = True
            fill = None
            try:
                if c.fill is not None and c.fill.fill_type == "solid":
                    rgb = c.fill.fgColor.rgb
                    if isinstance(rgb, str) and len(rgb) >= 6 and rgb[-6:] not in ("FFFFFF",):
                        fill = rgb[-6:].upper()
            except AttributeError:
                fill = None
            if isinstance(v, str) and len(v) > EXCEL_CELL_LIMIT:
                sheet.long_cells.append((c.row, c.column_letter, len(v)))
            cells.append(RawCell(v, c.number_format or "General", fill))
        if any_value and row_cells:
            grid[row_cells[0].row] = cells
    # Merged cells: a vertical merge reads as the value repeated down its column (fill-down);
    # a horizontal merge keeps its value in the first cell only (a banner row or header).
    for rng in list(ws.merged_cells.ranges):
        top = grid.get(rng.min_row)
        if top is None or rng.min_col - 1 >= len(top):
            continue
        first = top[rng.min_col - 1]
        if is_empty(first.value):
            continue
        for r in range(rng.min_row + 1, rng.max_row + 1):
            row = grid.setdefault(r, [RawCell(None) for _ in range(max_col)])
            while len(row) < rng.min_col:
                row.append(RawCell(None))
            if is_empty(row[rng.min_col - 1].value):
                row[rng.min_col - 1] = RawCell(first.value, first.number_format, first.fill)
    for number in sorted(grid):
        dim = ws.row_dimensions.get(number) if hasattr(ws.row_dimensions, "get") else None
        hidden = bool(dim is not None and dim.hidden)
        sheet.rows.append(RawRow(number, grid[number], hidden))
    from openpyxl.utils import get_column_letter

    for letter, dim in ws.column_dimensions.items():
        if dim.hidden:
            lo, hi = dim.min or 0, dim.max or 0
            if lo and hi and hi - lo < 100:
                sheet.hidden_columns.extend(get_column_letter(i) for i in range(lo, hi + 1))
            else:
                sheet.hidden_columns.append(letter)
    return sheet


def _load_csv(path: Path, data: bytes, report: IssueReport) -> RawSheet:
    text: str
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
            report.notice(
                "encoding-error",
                "The CSV file is not UTF-8; it was read as Windows-1252 (what Excel on Windows "
                "saves). Check that £ signs and quotes look right, or save it as "
                "'CSV UTF-8' next time.",
                sheet=path.stem,
            )
    sample = text[:8192]
    delimiter = ","
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    sheet = RawSheet(name=path.stem, is_csv=True)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 1
    try:
        for record in reader:
            number = line
            line = reader.line_num + 1
            cells = [RawCell(v) for v in record]
            if any(not is_empty(c.value) for c in cells):
                sheet.rows.append(RawRow(number, cells))
    except csv.Error as exc:
        report.error(
            "format-error",
            f"The CSV file could not be read past line {reader.line_num}: {exc}. "
            "Check for an unclosed quotation mark.",
            sheet=path.stem,
            row=reader.line_num,
        )
    if delimiter == ";":
        sheet.name = path.stem
        for row in sheet.rows:
            for c in row.cells:
                c.number_format = "decimal-comma"
    return sheet
