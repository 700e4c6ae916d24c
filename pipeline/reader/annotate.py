"""`committee check --annotate`: the problems shown where they are, in a copy of the workbook.

Beside a workbook with problems, "<name> - to fix.xlsx" is written: each problem cell filled
(errors red, warnings amber) with a comment saying what is wrong and what to do, and a first
sheet "Problems" listing each (sheet, cell, value, what to do) with a link to the cell.
Nothing else of the workbook is changed: values, number formats, data validations and
sheets are kept as they are. The workbook itself is never touched.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.issues import Code, Issue, PipelineError, in_order
from pipeline.reader.workbook import load_sheets
from pipeline.text import one_line

SUFFIX = " - to fix.xlsx"
FILLS = {"error": "FFC7CE", "warning": "FFEB9C"}  # Excel's own "Bad" and "Neutral" fills
LABELS = {"error": "Error", "warning": "Warning"}
HEADER_SEARCH_ROWS = 30
_LETTERS = re.compile(r"^[A-Z]{1,3}$")
_AUTHOR = "committee check"


@dataclass(frozen=True)
class Placed:
    """One problem and the cell it is shown on (None: the workbook or sheet as a whole)."""

    issue: Issue
    sheet: str | None
    cell: str | None


def _refused(message: str, path: Path, code: Code) -> PipelineError:
    """Why the annotated copy was not made, as an error located on the file to blame."""
    return PipelineError(message, [Issue(code, "error", message, file=str(path))])


def annotated_path(path: Path) -> Path:
    """Where the annotated copy of `path` goes: "<name> - to fix.xlsx" beside it ("<name>.csv
    - to fix.xlsx" for a CSV or .xlsm file, so that it never takes another workbook's name)."""
    stem = path.stem if path.suffix.lower() == ".xlsx" else path.name
    return path.with_name(stem + SUFFIX)


def annotate_workbook(path: Path, issues: Iterable[Issue]) -> Path | None:
    """Write the annotated copy of `path` showing its errors and warnings; None when it has
    none in any sheet (a file that cannot be read as a workbook has nothing to show them on).
    Raises PipelineError when the copy cannot be made."""
    shown = [i for i in in_order(issues) if i.severity in FILLS]  # as check lists them
    if not any(i.sheet for i in shown):
        return None
    path = Path(path)
    out = annotated_path(path)
    if out.with_name("~$" + out.name).exists():
        raise _refused(
            f"{out.name} is open in Excel, so it cannot be written again. Close it in Excel, "
            "then check the workbook again.", out, "write-error")
    wb = _open(path)
    placed = [_place(wb, issue) for issue in shown]
    for (sheet, cell), group in _by_cell(placed).items():
        _mark(_shown_cell(wb[sheet], cell), group)
    _problems_sheet(wb, placed, _has_drawings(path))
    _save(wb, out)
    return out


def try_annotate(path: Path, issues: Iterable[Issue]) -> tuple[Path | None, str | None]:
    """`annotate_workbook`, for a command going on to other workbooks: the copy written
    (None when there is nothing to show), or why it could not be ("plan.xlsx: ...")."""
    try:
        return annotate_workbook(path, issues), None
    except PipelineError as error:
        return None, f"{path}: {error.message}"


def _open(path: Path) -> Any:
    import openpyxl

    if path.suffix.lower() == ".csv":
        return _from_csv(path)
    try:
        return openpyxl.load_workbook(path, rich_text=True, keep_links=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise _refused(
            f"{path.name} could not be opened to show its problems in a copy "
            f"({type(exc).__name__}); the problems are listed above.", path, "format-error",
        ) from exc


def _from_csv(path: Path) -> Any:
    """A CSV file as a one-sheet workbook (the sheet named as the reader names it)."""
    import openpyxl

    from pipeline.issues import IssueReport

    wb = openpyxl.Workbook()
    ws = wb.active
    sheets = load_sheets(path, IssueReport(file=str(path)))
    if not sheets:
        raise _refused(f"{path.name} could not be read to show its problems in a copy; the "
                       "problems are listed above.", path, "format-error")
    ws.title = sheets[0].name[:31]
    for row in sheets[0].rows:
        for i, cell in enumerate(row.cells):
            if cell.value is not None:
                ws.cell(row=row.number, column=i + 1, value=cell.value)
    return wb


def _label(value: object) -> str:
    return "" if value is None else " ".join(str(value).replace("\u00a0", " ").split())


def _column_of(ws: Any, issue: Issue) -> int | None:
    """The column the issue names: by its header as written (in the issue's row when that is
    the header row, else in the rows above it), else as a letter such as "B"."""
    from openpyxl.utils import column_index_from_string

    if not issue.column:
        return None
    wanted = _label(issue.column)
    last = min(ws.max_row, max(HEADER_SEARCH_ROWS, 1), issue.row or HEADER_SEARCH_ROWS)
    for r in range(1, last + 1):
        for cell in ws[r]:
            if _label(cell.value) == wanted:
                return int(cell.column)
    if _LETTERS.match(issue.column):
        try:
            return int(column_index_from_string(issue.column))
        except ValueError:
            return None
    return None


def _place(wb: Any, issue: Issue) -> Placed:
    from openpyxl.utils import get_column_letter

    if not issue.sheet or issue.sheet not in wb.sheetnames:
        return Placed(issue, None, None)
    ws = wb[issue.sheet]
    column = _column_of(ws, issue)
    if issue.row is None:
        return Placed(issue, issue.sheet, None)
    return Placed(issue, issue.sheet, f"{get_column_letter(column or 1)}{issue.row}")


def _by_cell(placed: list[Placed]) -> dict[tuple[str, str], list[Issue]]:
    cells: dict[tuple[str, str], list[Issue]] = {}
    for p in placed:
        if p.sheet and p.cell:
            cells.setdefault((p.sheet, p.cell), []).append(p.issue)
    return cells


def _shown_cell(ws: Any, ref: str) -> Any:
    """The cell at `ref`, or, when it is hidden under a merge (J2 in I2:J2), the merge's
    first cell, the one Excel shows (and the one that can take a comment)."""
    from openpyxl.cell.cell import MergedCell

    cell = ws[ref]
    if isinstance(cell, MergedCell):
        for rng in ws.merged_cells.ranges:
            if ref in rng:
                return ws.cell(rng.min_row, rng.min_col)
    return cell


def _mark(cell: Any, issues: list[Issue]) -> None:
    """Fill the cell by its worst problem and add a comment with every message."""
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    worst = "error" if any(i.severity == "error" for i in issues) else "warning"
    colour = FILLS[worst]
    cell.fill = PatternFill(fill_type="solid", start_color=colour, end_color=colour)
    text = "\n\n".join(f"{LABELS[i.severity]}: {i.message}" for i in issues)
    if cell.comment is not None and cell.comment.text:
        text = f"{cell.comment.text}\n\n{text}"
    comment = Comment(text, _AUTHOR)
    comment.width, comment.height = 320, min(60 + 15 * (len(text) // 45), 600)
    cell.comment = comment


def _link(sheet: str, cell: str) -> str:
    return "'" + sheet.replace("'", "''") + f"'!{cell}"


def _problems_sheet(wb: Any, placed: list[Placed], drawings: bool) -> None:
    """The first sheet: one row per problem, errors first, with a link to its cell."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.hyperlink import Hyperlink

    name = "Problems"
    while name in wb.sheetnames:
        name = name + " (to fix)" if len(name) < 20 else name + "_"
    ws = wb.create_sheet(name, 0)
    ws.append(["Problem", "Sheet", "Cell", "Value", "What to do"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ordered = sorted(placed, key=lambda p: (p.issue.severity != "error",))
    for p in ordered:
        issue = p.issue
        where = p.cell or (f"row {issue.row}" if issue.row else "")
        ws.append([LABELS[issue.severity], p.sheet or "", where,
                   one_line(issue.value or "", 80), issue.message])
        row = ws.max_row
        fill = FILLS[issue.severity]
        ws.cell(row, 1).fill = PatternFill(fill_type="solid", start_color=fill, end_color=fill)
        target = ws.cell(row, 3)
        if p.sheet:
            target.hyperlink = Hyperlink(ref=target.coordinate,
                                         location=_link(p.sheet, p.cell or "A1"))
            target.style = "Hyperlink"
            if not p.cell:
                target.value = where or "the sheet"
        ws.cell(row, 5).alignment = Alignment(wrap_text=True, vertical="top")
    if drawings:
        ws.append([])
        ws.append(["Note", "", "", "", "This copy does not keep the workbook's pictures and "
                   "charts. Make your fixes in your own workbook, then check it again."])
    for letter, width in zip("ABCDE", (10, 18, 10, 30, 90), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:E{ws.max_row}"
    wb.active = 0
    for sheet in wb.worksheets[1:]:
        sheet.sheet_view.tabSelected = False


def _has_drawings(path: Path) -> bool:
    if path.suffix.lower() == ".csv":
        return False
    try:
        with zipfile.ZipFile(path) as z:
            # Comments are drawn by VML parts (kept); pictures, charts and shapes are not.
            return any(n.startswith(("xl/charts/", "xl/media/"))
                       or (n.startswith("xl/drawings/") and n.endswith(".xml"))
                       for n in z.namelist())
    except (OSError, zipfile.BadZipFile):
        return False


def _save(wb: Any, out: Path) -> None:
    """Write beside the workbook under a temporary name, then rename into place."""
    from pipeline.atomic import write_atomically

    try:
        write_atomically(out, lambda tmp: wb.save(tmp))
    except OSError as exc:
        raise _refused(
            f"{out.name} could not be written ({exc.strerror or exc}). Check you may save "
            "files in that folder and the disk is not full, then check the workbook again.",
            out, "write-error",
        ) from exc
