"""Blank workbooks to fill in: `committee new plan|indicators|response PATH.xlsx`.

Each blank workbook has an Instructions sheet in plain English, a Details sheet with
the keys to fill in, and the data sheet(s) with the contract's headers (bold, filled,
frozen), sensible column widths, drop-down lists where a column takes fixed words,
and ONE example row to show the shape (delete or overwrite it).

Each input kind is declared once, as a `Blank` in `pipeline.reader.blank_contents` (its data
sheets, Details keys and the notes its Instructions add); the writing here names no kind.

This lives under `pipeline.reader` because only the reader knows about spreadsheets.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.issues import Code, Issue, PipelineError
from pipeline.kinds import INPUT_NAMES
from pipeline.reader.blank_contents import (
    BLANKS,
    DETAILS_DEFAULTS,
    DETAILS_REPORT,
    Blank,
    Column,
    DataSheet,
    InThreeMonths,
)

KINDS: tuple[str, ...] = INPUT_NAMES  # the parts a workbook can hold (pipeline.kinds)


def _error(message: str, path: object = "", code: Code = "write-error") -> PipelineError:
    """A PipelineError carrying its Issue (the file it is about, the code)."""
    return PipelineError(message, [Issue(code, "error", message, file=str(path))])


HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
EXAMPLE_FONT = Font(italic=True, color="505A5F")
TOP = Alignment(wrap_text=True, vertical="top")
VALIDATED_ROWS = 1000  # drop-downs cover rows 2 to this row


def blank_of(kind: str) -> Blank:
    """The blank workbook declared for `kind`; a PipelineError with its Issue for none."""
    try:
        return BLANKS[kind]
    except KeyError:
        raise _error(
            f"There is no blank workbook called {kind!r}. Choose one of: {', '.join(KINDS)}.",
            code="constraint-error",
        ) from None


# --- writing --------------------------------------------------------------------------------


def _instructions(blank: Blank) -> list[str]:
    lines = [
        f"How to fill in this workbook ({blank.what})",
        "",
        "1. Details sheet: type each value in column B, next to its name in column A. Hover "
        "over a name to see what goes there. Anything you leave blank is left off the "
        "document. Type dates as 15/08/2013 (day first).",
    ]
    for step, sheet in enumerate(blank.sheets, start=2):
        lines.append(f"{step}. {sheet.name} sheet: one row per {sheet.one_row_per}. Keep the "
                     "header row as it is. Row 2 is an example: type over it or delete it.")
    lines.append("")
    for sheet in blank.sheets:
        lines.append(f"Columns of the {sheet.name} sheet")
        lines += [f"  {column.header}: {column.help}" for column in sheet.columns]
        lines.append("")
    if blank.notes:
        lines += [*blank.notes, ""]
    lines.append("The committee report (committee report THIS-FILE.xlsx)")
    lines += [f"  {key}: {help_text.removeprefix('For the committee report: ')}"
              for key, help_text in DETAILS_REPORT]
    lines.append("")
    lines += [
        "Checking your workbook",
        "  Run:  committee check THIS-FILE.xlsx",
        "  It lists every problem with the sheet, row and column, and says how to fix it. "
        "Nothing is changed in your file.",
    ]
    return lines


def _write_instructions(ws: Worksheet, blank: Blank) -> None:
    ws.column_dimensions["A"].width = 110
    for row, line in enumerate(_instructions(blank), start=1):
        if not line:
            continue
        cell = ws.cell(row=row, column=1, value=line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if row == 1:
            cell.font = Font(bold=True, size=14)
        elif not line.startswith(" ") and not line[0].isdigit():
            cell.font = Font(bold=True)


def _write_details(ws: Worksheet, blank: Blank) -> None:
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 70
    for row, (key, help_text) in enumerate(blank.details, start=1):
        cell = ws.cell(row=row, column=1, value=key)
        cell.font = Font(bold=True)
        cell.comment = Comment(help_text, "committee")
        value = ws.cell(row=row, column=2, value=DETAILS_DEFAULTS.get(key))
        value.alignment = TOP
        if "date" in key.lower() or key == "As at":
            value.number_format = "dd/mm/yyyy"


def _drop_down(column: Column, letter: str) -> DataValidation:
    dv = DataValidation(
        type="list",
        formula1='"' + ",".join(column.choices) + '"',
        allow_blank=True,
        showDropDown=False,  # False means: show the drop-down arrow
        showErrorMessage=True,
        errorStyle="warning",
        errorTitle=f"Check the {column.header}",
        error=f"{column.header} is usually one of: {', '.join(column.choices)}.",
        promptTitle=column.header,
        prompt="Pick from the list.",
        showInputMessage=True,
    )
    dv.add(f"{letter}2:{letter}{VALIDATED_ROWS}")
    return dv


def _write_data_sheet(ws: Worksheet, sheet: DataSheet) -> None:
    for col, column in enumerate(sheet.columns, start=1):
        cell = ws.cell(row=1, column=col, value=column.header)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = TOP
        cell.comment = Comment(column.help, "committee")
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = column.width
        if column.choices:
            ws.add_data_validation(_drop_down(column, letter))
    for r, values in enumerate(sheet.examples, start=2):
        for col, (column, value) in enumerate(zip(sheet.columns, values, strict=True), start=1):
            if isinstance(value, InThreeMonths):
                value = value.value()
            cell = ws.cell(row=r, column=col, value=None if value == "" else value)
            cell.alignment = TOP
            cell.font = EXAMPLE_FONT
            if column.number_format and isinstance(value, dt.date):
                cell.number_format = column.number_format
    ws.freeze_panes = "A2"


def build_blank_workbook(kind: str) -> Workbook:
    """The blank workbook for `kind` ("plan", "indicators" or "response"), not yet saved."""
    blank = blank_of(kind)
    wb = Workbook()
    instructions = wb.active
    instructions.title = "Instructions"
    _write_instructions(instructions, blank)
    _write_details(wb.create_sheet("Details"), blank)
    for sheet in blank.sheets:
        _write_data_sheet(wb.create_sheet(sheet.name), sheet)
    return wb


def _refusal(kind: str, path: Path, force: bool) -> PipelineError | None:
    """Why a blank workbook of `kind` may not be written at `path` (None: it may)."""
    blank_of(kind)
    where = str(path)
    if path.is_dir():
        return _error(f"{where} is a folder. Give a file name ending in .xlsx.", where)
    if path.exists() and not path.is_file():
        return _error(
            f"{where} is not an ordinary file (a device or a pipe), so no workbook can be "
            "written there. Give the name of a new .xlsx file.",
            where,
        )
    if path.suffix.lower() != ".xlsx":
        return _error(
            f"The new workbook's name must end in .xlsx, but {where!r} does not. "
            f"Try {path.with_suffix('.xlsx').name!r}.",
            where,
        )
    if path.exists() and not force:
        return _error(
            f"{where} already exists, so it was left alone. Choose another name, or add "
            "--force to replace it (everything in it will be lost).",
            where,
        )
    if not path.parent.exists():
        return _error(
            f"The folder {str(path.parent)!r} does not exist. Create it first, or choose "
            "another place for the new workbook.",
            where,
        )
    return None


def write_blank_workbook(kind: str, path: Path, force: bool = False) -> Path:
    """Write a blank workbook of `kind` to `path` and return the path.

    Raises PipelineError, carrying its Issue, for an unknown kind, a name not ending in
    .xlsx, a folder that does not exist, or a file that already exists (unless `force`).
    """
    path = Path(path)
    refusal = _refusal(kind, path, force)
    if refusal is not None:
        raise refusal
    from lxml.etree import LxmlError  # openpyxl's writer raises it when a disk fills up

    from pipeline.atomic import write_atomically

    buffer = io.BytesIO()
    try:
        build_blank_workbook(kind).save(buffer)  # uses temporary files of its own
        # Written beside `path` and renamed into place: a failed write leaves no half a workbook.
        write_atomically(path, buffer.getvalue())
    except (OSError, LxmlError) as exc:
        why = (exc.strerror or str(exc)) if isinstance(exc, OSError) else "the disk is full"
        raise _error(
            f"Could not write {path}: {why}. If the file is open in Excel, close it; if the "
            "disk is full, make room on it; then try again.",
            str(path),
        ) from exc
    return path
