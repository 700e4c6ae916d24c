"""Excel's other ways of writing a workbook (issue 19 item 10): Strict Open XML read exactly
as transitional, part names matched ignoring case, `_x005F_` escapes decoded once."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable

from hostile.corpus3 import hostile
from hostile.make_corpus import FIXED_TIME, HEADERS, SHEET1, plain_rows, row, xlsx_bytes

SST_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
_INLINE = re.compile(rb'<c r="([A-Z]+\d+)"([^>]*?) t="inlineStr"><is><t[^>]*>(.*?)</t></is></c>')


def rezip(data: bytes, edit: Callable[[dict[str, bytes]], dict[str, bytes]]) -> bytes:
    """The zip with its parts passed through `edit` (name -> bytes), deterministically."""
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        parts = {i.filename: src.read(i.filename) for i in src.infolist()}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name, part in edit(parts).items():
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, part)
    return out.getvalue()


def shared_strings(parts: dict[str, bytes], part: str = "xl/sharedStrings.xml",
                   target: str = "sharedStrings.xml") -> dict[str, bytes]:
    """Inline strings of sheet 1 moved into a shared string table, as Excel writes them."""
    table: list[bytes] = []

    def share(m: re.Match[bytes]) -> bytes:
        table.append(m.group(3))
        return b'<c r="%s"%s t="s"><v>%d</v></c>' % (m.group(1), m.group(2), len(table) - 1)

    parts[SHEET1] = _INLINE.sub(share, parts[SHEET1])
    items = b"".join(b'<si><t xml:space="preserve">%s</t></si>' % t for t in table)
    parts[part] = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" '
        b'uniqueCount="%d">%s</sst>' % (len(table), len(table), items)
    )
    rels = "xl/_rels/workbook.xml.rels"
    parts[rels] = parts[rels].replace(
        b"</Relationships>",
        f'<Relationship Id="rIdSST" Type="{SST_TYPE}" Target="{target}"/>'.encode()
        + b"</Relationships>",
    )
    return parts


def _strict(parts: dict[str, bytes]) -> dict[str, bytes]:
    swaps = [
        (b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
         b"http://purl.oclc.org/ooxml/spreadsheetml/main"),
        (b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
         b"http://purl.oclc.org/ooxml/officeDocument/relationships"),
    ]
    out = {}
    for name, part in shared_strings(parts).items():
        if name.endswith((".xml", ".rels")):
            for old, new in swaps:
                part = part.replace(old, new)
        if name == "xl/workbook.xml":
            part = part.replace(b"<workbook ", b'<workbook conformance="strict" ', 1)
        out[name] = part
    return out


@hostile(
    name="strict-open-xml.xlsx", verdict="valid", counts={"actions": 3}, document="plan",
    texts=("Action number 3",),
    about="saved as Excel's 'Strict Open XML Spreadsheet' (read as having no sheets; check "
          "said '0 problems to fix' and exited 1)",
)
def _strict_workbook() -> bytes:
    return rezip(xlsx_bytes({"Actions": plain_rows(3)}), _strict)


def _renamed(parts: dict[str, bytes]) -> dict[str, bytes]:
    parts = shared_strings(parts, part="xl/SharedStrings.xml", target="sharedStrings.xml")
    out = {}
    for name, part in parts.items():
        if name == SHEET1:
            name = "xl/worksheets/Sheet1.xml"
        elif name == "xl/styles.xml":
            name = "xl/Styles.xml"
        out[name] = part
    return out


@hostile(
    name="part-names-in-other-case.xlsx", verdict="valid", counts={"actions": 2},
    document="plan", texts=("Action number 2",),
    about="parts named xl/SharedStrings.xml and xl/worksheets/Sheet1.xml while the "
          "relationships say sharedStrings.xml and sheet1.xml (names are case-insensitive)",
)
def _case_insensitive() -> bytes:
    return rezip(xlsx_bytes({"Actions": plain_rows(2)}), _renamed)


def _typed(text: str) -> str:
    """What Excel stores for text typed as `text`: each literal _xHHHH_ protected."""
    return re.sub(r"_(?=x[0-9A-Fa-f]{4}_)", "_x005F_", text)


@hostile(
    name="escapes-decoded-once.xlsx", verdict="valid", counts={"actions": 2}, document="plan",
    texts=("Code _x0041_ and _x005F_ as typed", "Line one\nline two"),
    about="a typed '_x0041_' (stored _x005F_x0041_) read as typed, not as 'A' (decoded "
          "twice), in shared strings; a stored _x000D_ is a line break",
)
def _escapes() -> bytes:
    typed = _typed("Code _x0041_ and _x005F_ as typed")
    rows = [HEADERS, row("Line one_x000D_line two"), row(typed)]
    data = xlsx_bytes({"Actions": rows})
    return rezip(data, lambda parts: shared_strings(parts))



@hostile(
    name="dtd-in-upper-case-part.xlsx", verdict="refused", code="security-error",
    says=("DTD",),
    about="a DTD in a sheet part named Sheet1.XML (found ignoring case, so checked too)",
)
def _dtd_upper() -> bytes:
    def edit(parts: dict[str, bytes]) -> dict[str, bytes]:
        sheet = parts.pop(SHEET1)
        parts["xl/worksheets/Sheet1.XML"] = (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>' + sheet
        )
        return parts

    return rezip(xlsx_bytes({"Actions": plain_rows(2)}), edit)
