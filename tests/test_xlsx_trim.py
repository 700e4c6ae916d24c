"""The big-sheet tail trim (pipeline/reader/xlsx_trim.py) cuts only rows that provably hold
no value, and cuts nothing when any byte of the tail is something else (issue 19 item 5)."""

from __future__ import annotations

import io

import pytest

from pipeline.reader import xlsx_trim
from pipeline.reader.xlsx_sheet import SheetReader
from pipeline.reader.xlsx_styles import Styles
from pipeline.reader.xlsx_trim import trim_sheet

NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
DATA = b'<row r="1"><c r="A1" t="inlineStr"><is><t>Head</t></is></c></row>'
EMPTY = b'<row r="%d" s="1" customFormat="1"><c r="A%d" s="1"/><c r="B%d" s="1"/></row>'


def sheet(tail: bytes, *, rows: int = 3_000) -> bytes:
    filler = b"".join(EMPTY % (n, n, n) for n in range(3, 3 + rows))
    body = b"<worksheet " + NS + b"><sheetData>" + DATA + tail + filler
    return body + b"</sheetData></worksheet>"


@pytest.fixture(autouse=True)
def small_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parts over 100 KB count as big here, so that the tests stay quick."""
    monkeypatch.setattr(xlsx_trim, "TRIM_THRESHOLD", 100_000)


def values(part: bytes) -> list[tuple[int, list[object]]]:
    reader = SheetReader("S", False, [], Styles(), __import__("datetime").datetime(1899, 12, 30))
    got = reader.read(io.BytesIO(part))
    return [(r.number, [c.value for c in r.cells]) for r in got.rows]


def test_formatting_rows_after_the_data_are_cut() -> None:
    part = sheet(b"")
    assert len(part) > xlsx_trim.TRIM_THRESHOLD
    trimmed = trim_sheet(part)
    assert len(trimmed) < 1000
    assert values(trimmed) == values(part) == [(1, ["Head"])]


@pytest.mark.parametrize(
    "tail",
    [
        b'<row r="2"><c r="A2" t="inlineStr"><is\n><t>kept</t></is></c></row>',
        b'<row r="2"><c r="A2"><v\t>7</v></c></row>',
        b"<!-- a comment -->",
        b'<row r="2" x="1"/><row r="2"><c r="A2" t="inlineStr"><is><t>kept</t></is></c ></row>',
    ],
    ids=["is-newline", "v-tab", "comment", "close-tag-with-space"],
)
def test_any_other_legal_xml_reads_the_same_as_untrimmed(tail: bytes) -> None:
    part = sheet(tail)
    assert len(part) > xlsx_trim.TRIM_THRESHOLD
    assert values(trim_sheet(part)) == values(part)
    assert any("kept" in row or 7 in row for _, row in values(part)) or b"<!--" in tail


def test_a_value_in_the_last_row_is_never_cut() -> None:
    part = sheet(b"").replace(
        b"</sheetData>", b'<row r="99999"><c r="A99999"><v>5</v></c></row></sheetData>')
    assert values(trim_sheet(part))[-1] == (99999, [5])
