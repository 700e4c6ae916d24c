"""A workbook part whose bytes do not match their CRC-32 is refused as damaged, naming the
part: whether the worksheet is small (tested and streamed) or big (kept inflated from the
test for the reader, so that it is not inflated twice)."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest
from conftest import ACTION_HEADERS, action_row

from pipeline.reader import read_workbook


def _break_crc(path: Path, part: str) -> None:
    """Flip the CRC-32 the zip's central directory records for `part` (zipfile checks the
    bytes it inflates against that one)."""
    data = bytearray(path.read_bytes())
    name = data.find(part.encode(), data.find(b"PK\x01\x02"))
    header = name - 46  # a central directory header is 46 bytes before its file name
    assert data[header:header + 4] == b"PK\x01\x02"
    (crc,) = struct.unpack("<I", data[header + 16:header + 20])
    data[header + 16:header + 20] = struct.pack("<I", crc ^ 0xFFFFFFFF)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("rows", [3, 2500])  # a small sheet, and one over a megabyte
def test_a_worksheet_that_fails_its_crc_is_named_as_corrupt(make_workbook, rows: int) -> None:
    body = [action_row(ref=f"R{i}", action=f"Action {i} " + "text " * 80) for i in range(rows)]
    path = make_workbook({"Actions": [ACTION_HEADERS, *body]}, name="plan.xlsx")
    with zipfile.ZipFile(path) as zf:
        size = zf.getinfo("xl/worksheets/sheet1.xml").file_size
    assert (size > 1024 * 1024) == (rows > 100)
    _break_crc(path, "xl/worksheets/sheet1.xml")
    result = read_workbook(path)
    (issue,) = result.report.errors
    assert issue.code == "format-error"
    assert "part xl/worksheets/sheet1.xml is corrupt" in issue.message
    assert result.plan is None


def test_a_big_worksheet_reads_the_same_from_the_kept_bytes(make_workbook) -> None:
    body = [action_row(ref=f"R{i // 3}", action=f"Action {i} " + "text " * 80)
            for i in range(2500)]
    path = make_workbook({"Actions": [ACTION_HEADERS, *body]}, name="plan.xlsx")
    result = read_workbook(path)
    assert result.report.ok
    actions = [a for p in result.plan.priorities for r in p.recommendations for a in r.actions]
    assert len(actions) == 2500
    assert actions[-1].text == "Action 2499 " + ("text " * 80).strip()
    assert actions[-1].source.row == 2501
