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
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.issues import IssueReport

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
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            total = sum(i.file_size for i in infos)
            packed = sum(i.compress_size for i in infos) or 1
            bad = zf.testzip() if total < 50 * 1024 * 1024 else None
            xml_names = [i.filename for i in infos if i.filename.endswith((".xml", ".rels"))]
            for name in xml_names:
                head = zf.open(name).read(4096)
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    report.error(
                        "security-error",
                        f"The workbook was refused: its part {name} declares a DTD or entities, "
                        "which Excel never writes and which can be used to attack the reader. "
                        "Open it in Excel and save it again as a new .xlsx file.",
                    )
                    return False
    except (zipfile.BadZipFile, EOFError, OSError, RuntimeError, NotImplementedError):
        report.error(
            "format-error",
            "The workbook is damaged (its zip container is truncated or corrupt). "
            "Ask for the file to be saved and sent again.",
        )
        return False
    if bad is not None:
        report.error(
            "format-error",
            f"The workbook is damaged (part {bad} is corrupt). "
            "Ask for the file to be saved and sent again.",
        )
        return False
    if total > MAX_UNCOMPRESSED or total / packed > MAX_RATIO and total > 20 * 1024 * 1024:
        report.error(
            "security-error",
            f"The workbook was refused: it would expand to {total // (1024 * 1024)} MB "
            "when opened, far more than any plan needs. Remove unused rows and formatting, "
            "or save it again from Excel.",
        )
        return False
    return True


def _load_xlsx(path: Path, data: bytes, report: IssueReport) -> list[RawSheet]:
    import openpyxl  # lazy: keeps `committee --help` fast
    from openpyxl.utils.exceptions import InvalidFileException

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
    return sheets


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
    for letter, dim in ws.column_dimensions.items():
        if dim.hidden:
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
