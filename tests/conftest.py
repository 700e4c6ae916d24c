"""Shared test fixtures: small workbooks built in tmp_path."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ROOT / "inputs"

Rows = Sequence[Sequence[Any]]


def build_workbook(path: Path, sheets: dict[str, Rows], **options: Any) -> Path:
    """Write an .xlsx with one sheet per entry (rows as lists; first sheet first).

    options: merged={"Sheet": ["A2:A4"]}, hidden_rows={"Sheet": [5]},
    hidden_sheets=["Old"], number_formats={"Sheet": {"B3": "0%"}}
    """
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(list(row))
        for rng in options.get("merged", {}).get(name, []):
            ws.merge_cells(rng)
        for r in options.get("hidden_rows", {}).get(name, []):
            ws.row_dimensions[r].hidden = True
        for ref, fmt in options.get("number_formats", {}).get(name, {}).items():
            ws[ref].number_format = fmt
        if name in options.get("hidden_sheets", []):
            ws.sheet_state = "hidden"
    wb.save(path)
    return path


@pytest.fixture
def make_workbook(tmp_path: Path) -> Callable[..., Path]:
    """make_workbook({"Actions": [[...], ...]}, name="plan.xlsx", **options) -> Path."""

    def make(sheets: dict[str, Rows], name: str = "book.xlsx", **options: Any) -> Path:
        return build_workbook(tmp_path / name, sheets, **options)

    return make


ACTION_HEADERS = [
    "Priority",
    "Ref",
    "Recommendation",
    "Action",
    "Outcome",
    "Source",
    "Measure",
    "Timescale",
    "Lead",
    "Target date",
    "Progress",
    "Status",
]


def action_row(
    action: str = "Do the thing",
    status: str = "Complete",
    *,
    priority: str | None = None,
    ref: str | None = None,
    recommendation: str | None = None,
    lead: str = "Ann Smith",
    target: Any = "30/07/2013",
    progress: str = "Done.",
) -> list[Any]:
    return [
        priority,
        ref,
        recommendation,
        action,
        "Outcome",
        "Ofsted 2012",
        "Audit",
        "3 months",
        lead,
        target,
        progress,
        status,
    ]


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def require_soffice() -> str:
    """LibreOffice for PDF tests: skip on a developer machine without it, never in CI."""
    exe = soffice()
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is required in CI but is not installed")
        pytest.skip("LibreOffice is not installed")
    return exe


def document_texts(path: Path) -> list[str]:
    """Every table cell's text and every body paragraph's text of a .docx; a row too long
    for a page, written as several (pipeline.render.row_split), joined up again."""
    import docx

    doc = docx.Document(str(path))
    cells: list[str] = []
    for table in doc.tables:
        rows: list[list[str]] = []
        for tr, row in zip(table._tbl.tr_lst, table.rows, strict=True):
            texts = [cell.text for cell in row.cells]
            if rows and tr.xpath("./w:trPr/w:tblHeader[@w:val='0']"):  # continues the row
                shaded = [bool(tc.xpath("./w:tcPr/w:shd[@w:fill!='auto']"))  # above: joined,
                          for tc in tr.tc_lst]  # a status repeated (shaded) left out
                rows[-1] = [a if b in ("", "(continued)") or (s and b == a) else a + b
                            for a, b, s in zip(rows[-1], texts, shaded, strict=True)]
            else:
                rows.append(texts)
        cells += [text for texts in rows for text in texts]
    return cells + [p.text for p in doc.paragraphs]
