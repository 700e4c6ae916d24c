"""The streaming xlsx reader (pipeline/reader/xlsx.py) on hand-written sheet XML: every
cell type, rich text, both date systems, hidden rows and columns, merged cells, formulas
with no saved value, fills; checked against what openpyxl reads from the same file."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest

from pipeline.issues import IssueReport
from pipeline.reader.raw import RawSheet
from pipeline.reader.workbook import load_sheets
from pipeline.reader.xlsx import column_index, column_letter, from_excel, is_date_format

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/worksheets/sheet2.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/styles.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
<Override PartName="/xl/sharedStrings.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""

ROOT_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{PKG}">
<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""

WORKBOOK_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{PKG}">
<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="{REL}/worksheet" Target="/xl/worksheets/sheet2.xml"/>
<Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/>
<Relationship Id="rId4" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""

# cellXfs: 0 General; 1 builtin date 14; 2 custom "mmm yyyy"; 3 0%; 4 solid red fill;
# 5 solid theme-coloured fill; 6 [h]:mm:ss (a duration); 7 solid white fill.
STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet {NS}>
<numFmts count="1"><numFmt numFmtId="164" formatCode="mmm\\ yyyy"/></numFmts>
<fills count="5">
<fill><patternFill patternType="none"/></fill>
<fill><patternFill patternType="gray125"/></fill>
<fill><patternFill patternType="solid"><fgColor rgb="FFFF0000"/></patternFill></fill>
<fill><patternFill patternType="solid"><fgColor theme="5" tint="0.4"/></patternFill></fill>
<fill><patternFill patternType="solid"><fgColor rgb="FFFFFFFF"/></patternFill></fill>
</fills>
<cellXfs count="8">
<xf numFmtId="0" fillId="0"/>
<xf numFmtId="14" fillId="0" applyNumberFormat="1"/>
<xf numFmtId="164" fillId="0" applyNumberFormat="1"/>
<xf numFmtId="9" fillId="0" applyNumberFormat="1"/>
<xf numFmtId="0" fillId="2" applyFill="1"/>
<xf numFmtId="0" fillId="3" applyFill="1"/>
<xf numFmtId="46" fillId="0" applyNumberFormat="1"/>
<xf numFmtId="0" fillId="4" applyFill="1"/>
</cellXfs>
</styleSheet>"""

SHARED = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst {NS} count="4" uniqueCount="4">
<si><t>Action</t></si>
<si><r><rPr><b/></rPr><t xml:space="preserve">Bold </t></r><r><t>&amp; plain &lt;x&gt;</t></r></si>
<si><t>Tokyo</t><rPh sb="0" eb="1"><t>TOH-KYOH</t></rPh></si>
<si><t xml:space="preserve">  line one
line two £ – 😀 </t></si>
</sst>"""

SHEET1 = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet {NS} {RNS}>
<cols><col min="3" max="4" width="5" hidden="1"/><col min="20" max="16384" hidden="1"/></cols>
<sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>
<c r="D1" t="s"><v>3</v></c></row>
<row r="2"><c r="A2"><v>42</v></c><c r="B2"><v>2.5</v></c><c r="C2" s="3"><v>0.75</v></c>
<c r="D2" s="1"><v>41395</v></c><c r="E2" s="2"><v>41395.5</v></c><c r="F2" s="1"><v>59</v></c>
<c r="G2" s="1"><v>0.25</v></c><c r="H2" s="6"><v>1.5</v></c></row>
<row r="3"><c t="b"><v>1</v></c><c t="e"><v>#DIV/0!</v></c><c t="str"><v>text result</v></c>
<c t="inlineStr"><is><t>inline</t></is></c>
<c t="inlineStr"><is><r><t>run </t></r><r><t>two</t></r></is></c>
<c t="d"><v>2013-05-01T00:00:00</v></c></row>
<row r="5" hidden="1"><c r="A5" t="inlineStr"><is><t>hidden row</t></is></c>
<c r="B5" s="4"/><c r="C5" s="5"/><c r="D5" s="7"/><c r="E5" s="4"><v>7</v></c></row>
<row r="7"><c r="A7" t="inlineStr"><is><t>merged down</t></is></c><c r="B7"><f>SUM(1,2)</f></c>
<c r="C7"><f>A1&amp;"x"</f><v></v></c><c r="D7" t="str"><f>""</f><v></v></c>
<c r="E7"><f t="shared" si="0"/></c><c r="F7"><f>1-1</f><v>0</v></c>
<c r="G7" t="b"><f>1=2</f><v>0</v></c></row>
<row r="8"><c r="B8" t="inlineStr"><is><t>beside the merge</t></is></c></row>
<row r="10"><c r="T10" t="inlineStr"><is><t>in a hidden column</t></is></c></row>
<row r="1048576" hidden="1"/>
</sheetData>
<mergeCells count="2"><mergeCell ref="A7:A9"/><mergeCell ref="B8:C8"/></mergeCells>
</worksheet>"""

SHEET2 = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet {NS}><sheetData><row><c><v>1</v></c></row><row><c t="inlineStr"><is><t>second</t></is>
</c></row></sheetData></worksheet>"""


def workbook_xml(date1904: bool) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook {NS} {RNS}>
<workbookPr{' date1904="1"' if date1904 else ''}/>
<sheets><sheet name="Actions &amp; more" sheetId="1" r:id="rId1"/>
<sheet name="Old" sheetId="2" state="veryHidden" r:id="rId2"/></sheets>
</workbook>"""


def write_workbook(path: Path, date1904: bool = False) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", ROOT_RELS)
        zf.writestr("xl/workbook.xml", workbook_xml(date1904))
        zf.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        zf.writestr("xl/styles.xml", STYLES)
        zf.writestr("xl/sharedStrings.xml", SHARED)
        zf.writestr("xl/worksheets/sheet1.xml", SHEET1)
        zf.writestr("xl/worksheets/sheet2.xml", SHEET2)
    return path


def read(path: Path) -> tuple[list[RawSheet], IssueReport]:
    report = IssueReport()
    return load_sheets(path, report), report


def values(sheet: RawSheet) -> dict[str, object]:
    return {
        f"{column_letter(i + 1)}{row.number}": cell.value
        for row in sheet.rows
        for i, cell in enumerate(row.cells)
        if cell.value is not None
    }


def test_every_cell_type_reads_as_excel_shows_it(tmp_path: Path) -> None:
    sheets, report = read(write_workbook(tmp_path / "types.xlsx"))
    assert [(s.name, s.hidden) for s in sheets] == [("Actions & more", False), ("Old", True)]
    got = values(sheets[0])
    assert got["A1"] == "Action"
    assert got["B1"] == "Bold & plain <x>"  # rich-text runs joined
    assert got["C1"] == "Tokyo"  # the phonetic guide is not text
    assert got["D1"] == "  line one\nline two £ – 😀 "  # spaces, line break, emoji exact
    assert got["A2"] == 42 and isinstance(got["A2"], int)
    assert got["B2"] == 2.5
    assert got["C2"] == 0.75
    assert got["D2"] == dt.datetime(2013, 5, 1)
    assert got["E2"] == dt.datetime(2013, 5, 1, 12, 0)
    assert got["F2"] == dt.datetime(1900, 2, 28)  # before Excel's phantom 29 February 1900
    assert got["G2"] == dt.time(6, 0)
    assert got["H2"] == dt.timedelta(hours=36)
    # Cells with no r= follow the one before them.
    assert [got[c] for c in ("A3", "B3", "C3", "D3", "E3", "F3")] == [
        True, "#DIV/0!", "text result", "inline", "run two", dt.datetime(2013, 5, 1)]
    rows = {row.number: row for row in sheets[0].rows}
    assert rows[2].cell(2).number_format == "0%"
    assert rows[2].cell(4).number_format == "mmm\\ yyyy"
    assert rows[2].cell(3).number_format == "mm-dd-yy"
    assert "format-error" not in {i.code for i in report.issues}


def test_rows_columns_merges_fills_and_formulas(tmp_path: Path) -> None:
    sheets, report = read(write_workbook(tmp_path / "layout.xlsx"))
    sheet = sheets[0]
    rows = {row.number: row for row in sheet.rows}
    # Only rows holding a value (and rows a vertical merge fills) are kept, numbered as Excel.
    assert sorted(rows) == [1, 2, 3, 5, 7, 8, 9, 10]
    assert rows[5].hidden and not rows[7].hidden
    # A vertical merge reads as its value repeated down; a horizontal one stays in its cell.
    assert [rows[n].cell(0).value for n in (7, 8, 9)] == ["merged down"] * 3
    assert rows[8].cell(1).value == "beside the merge"
    assert rows[8].cell(2).value is None and rows[9].cell(1).value is None
    # Solid fills: red and theme colours count; white, no fill and gray125 do not.
    assert rows[5].cell(1).fill == "FF0000" and rows[5].cell(1).value is None
    assert rows[5].cell(2).fill is not None
    assert rows[5].cell(3).fill is None
    assert rows[5].cell(4).fill == "FF0000" and rows[5].cell(4).value == 7
    assert rows[2].cell(0).fill is None
    assert sheet.hidden_columns == ["C", "D", "T"]
    assert rows[10].cell(column_index("T") - 1).value == "in a hidden column"
    # Formulas with no saved result (not the one whose saved result is the empty string).
    assert sheet.uncached_formulas == [(7, "B", "SUM(1,2)"), (7, "C", 'A1&"x"'), (7, "E", "")]
    errors = [i for i in report.errors if i.code == "formula-error"]
    assert [(i.sheet, i.row, i.column) for i in errors] == [
        ("Actions & more", 7, "B"), ("Actions & more", 7, "C"), ("Actions & more", 7, "E")]
    assert errors[0].message.startswith("Cell B7 holds the formula =SUM(1,2) with no saved")
    assert errors[2].message.startswith("Cell E7 holds a formula with no saved result")
    warnings = [i for i in report.warnings if i.code == "hidden-content"]
    assert [(i.sheet, i.column) for i in warnings] == [("Actions & more", "C")]
    assert "Columns C, D, T are hidden but hold data" in warnings[0].message
    assert rows[7].cell(5).value == 0 and rows[7].cell(6).value is False
    # The second sheet: rows and cells without r= are numbered in order.
    assert [(r.number, r.cell(0).value) for r in sheets[1].rows] == [(1, 1), (2, "second")]


def test_1904_date_system(tmp_path: Path) -> None:
    sheets, _ = read(write_workbook(tmp_path / "mac.xlsx", date1904=True))
    got = values(sheets[0])
    assert got["D2"] == dt.datetime(2017, 5, 2)  # 41395 days after 1 January 1904
    assert got["F2"] == dt.datetime(1904, 2, 29)  # no phantom day in the 1904 system


@pytest.mark.filterwarnings("ignore:Workbook contains no default style")
def test_same_values_as_openpyxl(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    path = write_workbook(tmp_path / "compare.xlsx")
    sheets, _ = read(path)
    wb = openpyxl.load_workbook(path, data_only=True)
    for sheet in sheets:
        ws = wb[sheet.name]
        theirs = {
            c.coordinate: c.value
            for row in ws.iter_rows()
            for c in row
            if c.value is not None and not (isinstance(c.value, str) and not c.value.strip())
        }
        ours = values(sheet)
        merged_fill = {"A8", "A9"}  # the reader spreads vertical merges; openpyxl does not
        assert {k: v for k, v in ours.items() if k not in merged_fill} == theirs


def test_damaged_workbook_is_a_located_format_error(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "damaged.xlsx")
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(broken, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", b"")  # not well-formed any more
            dst.writestr(info.filename, data)
    sheets, report = read(broken)
    assert sheets == []
    assert [i.code for i in report.errors] == ["format-error"]
    assert "could not be read" in report.errors[0].message
    assert "save it again as an Excel Workbook" in report.errors[0].message


def test_a_word_document_named_xlsx_and_a_zip_with_no_workbook_say_what_they_are(
    tmp_path: Path,
) -> None:
    import docx

    word = tmp_path / "plan.xlsx"
    document = docx.Document()
    document.add_paragraph("Improvement plan")
    document.save(str(word))
    _, report = read(word)
    [issue] = report.errors
    assert issue.code == "format-error"
    assert issue.message == (
        "The workbook could not be read: it is a Word document whose name was changed to end "
        "in .xlsx, not an Excel workbook. Put the right spreadsheet in its place, or open the "
        "file in the program it came from.")
    empty = tmp_path / "empty.xlsx"
    with zipfile.ZipFile(empty, "w") as zf:
        zf.writestr("notes.txt", "hello")
    _, report = read(empty)
    [issue] = report.errors
    assert "holds no Excel workbook" in issue.message
    assert "save it again as an Excel Workbook (.xlsx), or put the right file" in issue.message


def test_helpers() -> None:
    assert [column_index(x) for x in ("A", "Z", "AA", "XFD")] == [1, 26, 27, 16384]
    assert [column_letter(x) for x in (1, 26, 27, 16384)] == ["A", "Z", "AA", "XFD"]
    assert is_date_format("dd/mm/yyyy") and is_date_format("[$-809]mmm yy")
    assert not is_date_format("0.00%") and not is_date_format('"days"0')
    assert from_excel(61, dt.datetime(1899, 12, 30)) == dt.datetime(1900, 3, 1)
