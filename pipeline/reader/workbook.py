"""Loading a workbook or CSV file into plain rows of cells, with Excel row numbers.

This is the only module that opens spreadsheet files. It refuses what is not
a workbook (with a located, plain-English issue) and hands the sheet readers a
`RawSheet`: every row with the row number Excel shows, each cell's value and
number format, merged cells already spread the way a person reads them.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import Path
from typing import IO

from pipeline.issues import IssueReport
from pipeline.reader.csv_file import load_csv
from pipeline.reader.date_columns import date_warnings
from pipeline.reader.files import other_spreadsheet_message, read_input
from pipeline.reader.raw import RawSheet, is_empty
from pipeline.text import EXCEL_CELL_LIMIT

# Refuse a workbook whose XML would inflate past this (a "zip bomb").
MAX_UNCOMPRESSED = 300 * 1024 * 1024
MAX_RATIO = 200
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def load_sheets(path: Path, report: IssueReport) -> list[RawSheet]:
    """All sheets of an .xlsx/.xlsm file, or a CSV file as one sheet.

    Problems that stop the file being read are recorded as errors in `report`
    and an empty list is returned.
    """
    suffix = path.suffix.lower()
    other = other_spreadsheet_message(path)
    if other is not None:  # before reading: an .xls file (say) is refused for its kind
        report.error("format-error", other)
        return []
    data = read_input(path, report)  # a regular file of a sane size, or a located error
    if data is None:
        return []
    if not data:
        report.error(
            "format-error",
            "The file is empty (0 bytes). Save the workbook again from Excel and copy it in.",
        )
        return []
    if suffix == ".csv":
        sheet = load_csv(path, data, report)
        _report_sheet_problems(sheet, report)
        return [sheet]
    if suffix not in (".xlsx", ".xlsm"):
        report.error(
            "format-error",
            f"{path.name} is not a workbook this tool reads: use .xlsx, .xlsm or .csv.",
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
    inflated: dict[str, bytes] = {}
    if not _zip_is_safe(data, report, inflated):
        return []
    return _load_xlsx(path, data, report, inflated)


KEPT_PART = 1024 * 1024  # a worksheet this big is kept inflated for the reader


def _tested(zf: zipfile.ZipFile, inflated: dict[str, bytes]) -> str | None:
    """zipfile's testzip (the first part whose CRC-32 is wrong, or None), keeping the big
    worksheets' inflated bytes in `inflated` so that the reader does not inflate them
    again (a 10,000-action sheet: 15 MB, about 0.04 s)."""
    for info in zf.infolist():
        try:
            with zf.open(info) as part:
                if info.file_size > KEPT_PART and "worksheets/" in info.filename.lower():
                    inflated[info.filename] = part.read()
                else:
                    while part.read(1 << 20):
                        pass
        except zipfile.BadZipFile:
            inflated.clear()
            return info.filename
    return None


def _zip_is_safe(data: bytes, report: IssueReport, inflated: dict[str, bytes]) -> bool:
    """Refuse zip bombs (from the sizes in the zip directory, before inflating anything),
    damaged containers and XML parts that declare a DTD or entities. The big worksheets,
    inflated to test them, are kept in `inflated` by part name."""
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
            bad = _tested(zf, inflated) if total < 50 * 1024 * 1024 else None
            if bad is not None:
                report.error(
                    "format-error",
                    f"The workbook is damaged (part {bad} is corrupt). "
                    "Ask for the file to be saved and sent again.",
                )
                return False
            # Part names are case-insensitive (the reader finds `Sheet1.XML` too): so is this.
            xml_names = [i.filename for i in infos
                         if i.filename.lower().endswith((".xml", ".rels"))]
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


def _load_xlsx(path: Path, data: bytes, report: IssueReport,
               inflated: dict[str, bytes]) -> list[RawSheet]:
    from lxml.etree import LxmlError

    from pipeline.reader.xlsx import XlsxError, read_xlsx  # lazy: keeps `--help` fast

    try:
        sheets = read_xlsx(data, inflated)  # every sheet row by row (lxml iterparse)
    except XlsxError as exc:
        if exc.sheet is None:
            message = f"The workbook could not be read: {exc}."
        else:
            message = str(exc)
            if not message.rstrip().endswith("."):
                message += ". Open it in Excel and save it again as an Excel Workbook (.xlsx)."
        report.error("format-error", message, sheet=exc.sheet, row=exc.row, column=exc.column)
        return []
    except (
        LxmlError,
        zipfile.BadZipFile,
        KeyError,
        IndexError,
        ValueError,
        TypeError,
        OSError,
        OverflowError,
        zlib.error,  # a damaged compressed part
        EOFError,  # a part cut short
        NotImplementedError,  # a zip compression method Excel never uses
    ) as exc:
        report.error(
            "format-error",
            f"The workbook could not be read ({type(exc).__name__}). Open it in Excel and "
            "save it again as an Excel Workbook (.xlsx).",
        )
        return []
    except Exception as exc:  # noqa: BLE001 - the reader itself failed: not the file's fault
        report.error(
            "internal-error",
            f"The program stopped while reading this workbook ({type(exc).__name__}: {exc}). "
            "This is a fault in the program, not in the workbook: report it, with the "
            "workbook if you may share it.",
        )
        return []
    for sheet in sheets:
        _report_sheet_problems(sheet, report)
    return sheets


def _report_sheet_problems(sheet: RawSheet, report: IssueReport) -> None:
    """Located issues the loader alone can see: formulas with no saved value, cells over
    Excel's length limit and hidden columns holding data."""
    for row, letter, formula in sheet.uncached_formulas:
        shown = f" the formula ={formula}" if formula else " a formula"
        report.error(
            "formula-error",
            f"Cell {letter}{row} holds{shown} with no saved result, so there is no value "
            "to read: the file was made by a program that does not calculate formulas. Open "
            "the workbook in Excel and save it, then run again (or type the value in place "
            "of the formula).",
            sheet=sheet.name,
            row=row,
            column=letter,
            value=f"={formula}" if formula else None,
        )
    for row, letter, stored in sheet.bad_numbers:
        report.error(
            "format-error",
            f"Cell {letter}{row} holds {stored[:30] or 'a number'!r}, which is not a number "
            "a report can print (infinity or 'not a number'). Type the figure in Excel, or "
            "correct the formula that gave it, and save the workbook again.",
            sheet=sheet.name,
            row=row,
            column=letter,
            value=stored[:30] or None,
        )
    if sheet.is_csv:
        _long_csv_cells(sheet)
    date_warnings(sheet, report)
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
        from pipeline.reader.xlsx import column_index

        used = [
            letter
            for letter in sheet.hidden_columns
            if any(
                not is_empty(r.cell(column_index(letter) - 1).value)
                for r in sheet.rows
            )
        ]
        if used:
            many = len(used) > 1
            report.warning(
                "hidden-content",
                f"{'Columns' if many else 'Column'} {', '.join(used)} "
                f"{'are hidden but hold' if many else 'is hidden but holds'} data, which was "
                "read if its header is one this tool uses. Unhide "
                f"{'them' if many else 'it'} in Excel to check.",
                sheet=sheet.name,
                column=used[0],
            )


def _long_csv_cells(sheet: RawSheet) -> None:
    from pipeline.reader.xlsx import column_letter

    for row in sheet.rows:
        for i, cell in enumerate(row.cells):
            if isinstance(cell.value, str) and len(cell.value) > EXCEL_CELL_LIMIT:
                sheet.long_cells.append((row.number, column_letter(i + 1), len(cell.value)))
