"""Resource exhaustion from tiny files (issue 19 item 4): a merge or a far cell spanning
Excel's whole grid costs what the cells holding data cost; references beyond Excel's last
cell (XFD1048576) are a located format-error."""

from __future__ import annotations

from hostile.corpus3 import hostile
from hostile.make_corpus import HEADERS, SHEET1, plain_rows, replace_in, row, xlsx_bytes


def _merge(ref: str) -> bytes:
    def edit(name: str, part: bytes) -> bytes:
        if name != SHEET1:
            return part
        merge = f'<mergeCells count="1"><mergeCell ref="{ref}"/></mergeCells>'.encode()
        return part.replace(b"</sheetData>", b"</sheetData>" + merge, 1)

    return xlsx_bytes({"Actions": plain_rows(2)}, edit=edit)


@hostile(
    name="merge-to-last-row.xlsx", verdict="valid", counts={"actions": 2}, document="plan",
    texts=("Action number 2",),
    about="one <mergeCell ref='A2:A1048576'/> in a 3 KB workbook (was 55 s and 1.7 GB)",
)
def _merge_to_last_row() -> bytes:
    return _merge("A2:A1048576")


@hostile(
    name="merge-beyond-excel.xlsx", verdict="refused", code="format-error", sheet="Actions",
    says=("A2:A999999999", "XFD1048576"),
    about="a merge down to row 999,999,999, beyond Excel's last row (was unbounded)",
)
def _merge_beyond() -> bytes:
    return _merge("A2:A999999999")


@hostile(
    name="merge-whole-grid.xlsx", verdict="valid", counts={"actions": 2},
    about="a merge over the whole grid A1:XFD1048576",
)
def _merge_grid() -> bytes:
    return _merge("A1:XFD1048576")


def _plan(n: int) -> list[list[object]]:
    return [HEADERS] + [row(f"Action number {i + 1}", ref=f"R{i % 20 + 1}") for i in range(n)]


@hostile(
    name="stray-value-in-xfd1.xlsx", verdict="valid", counts={"actions": 3000},
    about="a stray value in cell XFD1 of a 3,000-row plan (was MemoryError; 500 rows: "
          "10.7 s and 967 MB)",
)
def _far_cell() -> bytes:
    def edit(name: str, part: bytes) -> bytes:
        if name != SHEET1:
            return part
        return part.replace(b"</row>", b'<c r="XFD1" t="inlineStr"><is><t>x</t></is></c></row>', 1)

    return xlsx_bytes({"Actions": _plan(3000)}, edit=edit)


@hostile(
    name="cell-beyond-xfd.xlsx", verdict="refused", code="format-error", sheet="Actions",
    row=3, column=None, says=("XFE3", "XFD1048576"),
    about="a cell XFE3, one column past Excel's last column",
)
def _beyond_column() -> bytes:
    return xlsx_bytes(
        {"Actions": plain_rows(2)},
        edit=replace_in(
            SHEET1, b'<c r="A3"', b'<c r="XFE3" t="inlineStr"><is><t>x</t></is></c><c r="A3"'
        ),
    )


@hostile(
    name="row-beyond-excel.xlsx", verdict="refused", code="format-error", sheet="Actions",
    says=("1,048,577",),
    about="a row numbered 1,048,577, past Excel's last row",
)
def _beyond_row() -> bytes:
    return xlsx_bytes({"Actions": plain_rows(2)},
                      edit=replace_in(SHEET1, b'<row r="3"', b'<row r="1048577"'))
