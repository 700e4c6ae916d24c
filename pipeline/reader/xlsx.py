"""A streaming reader of .xlsx/.xlsm workbooks: the zip's XML parsed with lxml iterparse.

Reads what the sheet readers need and nothing else, without openpyxl (which loads every
style object and imports numpy): workbook.xml (sheet names, hidden state, the parts the
sheets live in, the 1900 or 1904 date system), sharedStrings.xml (rich text runs joined,
phonetic runs left out), styles.xml (each cell style's number format and solid fill, in
`xlsx_styles`) and each worksheet row by row (in `xlsx_sheet`; what one cell says, in
`xlsx_cells`).

Transitional and Strict Open XML (Excel's "Strict Open XML Spreadsheet") are read alike:
elements are matched by local name and relationships by their type's last word. Part
names are matched ignoring case, as the Open Packaging Conventions say.

Values come out as openpyxl's `data_only=True` load gave them, so the sheet readers see
no difference: numbers as int or float, date-formatted numbers as datetime (or time or
timedelta), booleans as bool, Excel errors as their text ("#DIV/0!"), empty <v> as None.
Excel's `_xHHHH_` escapes are decoded once, here.

Parsing is safe by construction: no DTD is loaded, no entity resolved, nothing fetched
from the network. The caller (`pipeline.reader.workbook`) checks the zip for bombs and
DTDs first; any damage found here raises `XlsxError` (located when a cell is to blame) or
an lxml/zip/ValueError the caller turns into a format error.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass
from typing import IO, Any

from pipeline.reader.raw import RawSheet
from pipeline.reader.xlsx_cells import (
    MAC_EPOCH,
    TRUE,
    WINDOWS_EPOCH,
    XlsxError,
    column_index,
    column_letter,
    from_excel,
    iterparse,
    local,
    namespace,
    rich_text,
    split_ref,
)
from pipeline.reader.xlsx_sheet import SheetReader
from pipeline.reader.xlsx_styles import is_date_format, is_timedelta_format, read_styles
from pipeline.reader.xlsx_trim import TRIM_THRESHOLD, trim_sheet

__all__ = [
    "XlsxError", "column_index", "column_letter", "from_excel", "is_date_format",
    "is_timedelta_format", "read_xlsx", "split_ref",
]

# The relationship id attribute (r:id) in Transitional and in Strict Open XML.
REL_NAMESPACES = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
)


def _parse(data: bytes) -> Any:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.fromstring(data, parser)


class Package:
    """The zip's parts, found by name ignoring case."""

    def __init__(self, zf: zipfile.ZipFile) -> None:
        self.zf = zf
        self.names: dict[str, str] = {}
        for name in zf.namelist():
            self.names.setdefault(name.lower(), name)

    def find(self, name: str) -> str | None:
        return self.names.get(name.lower())

    def read(self, name: str) -> bytes | None:
        found = self.find(name)
        return None if found is None else self.zf.read(found)

    def open(self, name: str) -> IO[bytes] | None:
        found = self.find(name)
        return None if found is None else self.zf.open(found)


def read_shared_strings(source: IO[bytes] | None) -> list[str]:
    """The shared string table: each <si>'s text and its rich-text runs' texts, joined."""
    strings: list[str] = []
    if source is None:
        return strings
    for _event, si in iterparse(source, "{*}si"):
        ns = namespace(si.tag)
        strings.append(rich_text(si, ns + "t", ns + "r"))
        si.clear()
        while si.getprevious() is not None:
            del si.getparent()[0]
    return strings


@dataclass
class _SheetRef:
    name: str
    part: str
    hidden: bool


def _rels(pkg: Package, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type, target part name) for a part."""
    folder, base = posixpath.split(part)
    data = pkg.read(posixpath.join(folder, "_rels", f"{base}.rels"))
    if data is None:
        return {}
    out: dict[str, tuple[str, str]] = {}
    for rel in _parse(data):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External" or not target:
            continue
        if target.startswith("/"):
            resolved = target.lstrip("/")
        else:
            resolved = posixpath.normpath(posixpath.join(folder, target))
        out[rel.get("Id", "")] = (rel.get("Type", ""), resolved)
    return out


def _workbook_part(pkg: Package) -> str:
    for rel_type, target in _rels(pkg, "").values():
        if rel_type.endswith("/officeDocument"):
            return target
    return "xl/workbook.xml"


def _other_office_file(pkg: Package) -> str:
    """'a Word document' / 'a PowerPoint presentation' for such a file named .xlsx."""
    if any(name.startswith("xl/") for name in pkg.names):
        return ""
    if pkg.find("word/document.xml") is not None:
        return "a Word document"
    if pkg.find("ppt/presentation.xml") is not None:
        return "a PowerPoint presentation"
    return ""


def _rel_id(sheet: Any) -> str:
    for ns in REL_NAMESPACES:
        found = sheet.get(f"{{{ns}}}id")
        if found is not None:
            return str(found)
    return ""


def read_workbook_part(pkg: Package) -> tuple[list[_SheetRef], bool, str]:
    """(the worksheets in order, whether dates use the 1904 system, the workbook part)."""
    part = _workbook_part(pkg)
    other = _other_office_file(pkg)
    if other:
        raise XlsxError(f"it is {other} whose name was changed to end in .xlsx, not an Excel "
                        "workbook. Put the right spreadsheet in its place, or open the file "
                        "in the program it came from")
    data = pkg.read(part)
    if data is None:
        raise XlsxError("it is a zip file but holds no Excel workbook (no xl/workbook.xml "
                        "inside), so it may be damaged or not a spreadsheet. Open it in "
                        "Excel and save it again as an Excel Workbook (.xlsx), or put the "
                        "right file in its place")
    root = _parse(data)
    if local(root.tag) != "workbook":
        raise XlsxError("its main part is not an Excel workbook, so it may be damaged. Open "
                        "it in Excel and save it again as an Excel Workbook (.xlsx)")
    rels = _rels(pkg, part)
    date1904 = False
    sheets: list[_SheetRef] = []
    for section in root:
        name = local(section.tag)
        if name == "workbookPr":
            date1904 = section.get("date1904") in TRUE
        elif name == "sheets":
            for sheet in section:
                rel = rels.get(_rel_id(sheet))
                if rel is None or not rel[0].endswith("/worksheet"):
                    continue  # a chart sheet or dialog sheet: no cells
                state = sheet.get("state", "visible")
                sheets.append(_SheetRef(sheet.get("name", ""), rel[1], state != "visible"))
    return sheets, date1904, part


def read_xlsx(data: bytes, inflated: dict[str, bytes] | None = None) -> list[RawSheet]:
    """Every worksheet of an .xlsx/.xlsm file's bytes, in workbook order. `inflated` holds
    parts already inflated (and their CRC-32 checked), by part name; each is used once."""
    held = inflated if inflated is not None else {}
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        pkg = Package(zf)
        refs, date1904, workbook_part = read_workbook_part(pkg)
        kinds = {t.rsplit("/", 1)[-1]: target for t, target in _rels(pkg, workbook_part).values()}
        styles = read_styles(pkg.read(kinds.get("styles", "xl/styles.xml")))
        source = pkg.open(kinds.get("sharedStrings", "xl/sharedStrings.xml"))
        if source is None:
            strings: list[str] = []
        else:
            with source:
                strings = read_shared_strings(source)
        epoch = MAC_EPOCH if date1904 else WINDOWS_EPOCH
        sheets: list[RawSheet] = []
        for ref in refs:
            found = pkg.find(ref.part)
            if found is None:
                raise XlsxError(f"the sheet {ref.name!r} has no part {ref.part}")
            reader = SheetReader(ref.name, ref.hidden, strings, styles, epoch)
            raw = held.pop(found, None)
            if raw is not None:
                sheets.append(reader.read(io.BytesIO(trim_sheet(raw))))
                del raw
            elif zf.getinfo(found).file_size > TRIM_THRESHOLD:
                sheets.append(reader.read(io.BytesIO(trim_sheet(zf.read(found)))))
            else:
                with zf.open(found) as part:
                    sheets.append(reader.read(part))
    return sheets
