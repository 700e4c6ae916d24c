"""Blank workbooks to fill in: `committee new plan|indicators|response PATH.xlsx`.

Each blank workbook has an Instructions sheet in plain English, a Details sheet with
the keys to fill in, and the data sheet(s) with the contract's headers (bold, filled,
frozen), sensible column widths, drop-down lists where a column takes fixed words,
and ONE example row to show the shape (delete or overwrite it).

This lives under `pipeline.reader` because only the reader knows about spreadsheets.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.domain.model import DECISIONS
from pipeline.issues import Code, Issue, PipelineError
from pipeline.kinds import INPUT_NAMES

KINDS: tuple[str, ...] = INPUT_NAMES  # the parts a workbook can hold (pipeline.kinds)


def _error(message: str, path: object = "", code: Code = "write-error") -> PipelineError:
    """A PipelineError carrying its Issue (the file it is about, the code)."""
    return PipelineError(message, [Issue(code, "error", message, file=str(path))])

PLAN_STATUSES: tuple[str, ...] = (
    "Complete",
    "On track",
    "At risk",
    "Behind schedule",
    "Not started",
)
POLARITIES: tuple[str, ...] = ("High", "Low")
RESPONSES: tuple[str, ...] = tuple(DECISIONS)

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
EXAMPLE_FONT = Font(italic=True, color="505A5F")
TOP = Alignment(wrap_text=True, vertical="top")
VALIDATED_ROWS = 1000  # drop-downs cover rows 2 to this row


@dataclass(frozen=True)
class Column:
    header: str
    width: int
    help: str
    choices: tuple[str, ...] = ()
    number_format: str = ""


# --- the three kinds ------------------------------------------------------------------------

PLAN_COLUMNS: tuple[Column, ...] = (
    Column("Priority", 26, "The priority or theme the recommendation sits under, e.g. "
           "\"1: Keep children safe\". Fill it in on the first row of each priority only; "
           "blank means the same as the row above."),
    Column("Ref", 7, "The recommendation's reference, e.g. R4. First row of each "
           "recommendation only; blank means the same as the row above."),
    Column("Recommendation", 34, "What was recommended. First row of each recommendation "
           "only. A row with a Ref and Recommendation but no Action is a recommendation with "
           "no actions yet: it still appears in the documents."),
    Column("Action", 40, "What will be done. Needed on every action row (one action a row)."),
    Column("Outcome", 28, "What will be different when the action has worked."),
    Column("Source", 22, "Where the recommendation came from, e.g. Ofsted 2012 unannounced "
           "report (Safeguarding)."),
    Column("Measure", 26, "How progress will be measured or evidenced."),
    Column("Timescale", 12, "Free text, kept as typed: Immediate, 3 months."),
    Column("Lead", 20, "Who leads the action. Several names are fine."),
    Column("Target date", 12, "A date (30/07/2013), a month (Aug-12 or June 2013), or words "
           "such as Ongoing, which are kept as typed.", number_format="dd/mm/yyyy"),
    Column("Revised target date", 14, "Only when the target date has moved: the new date. "
           "Leave the Target date as it was; the plan prints \"September 2013 (was June "
           "2013)\" and still says the action was due by its first date.",
           number_format="dd/mm/yyyy"),
    Column("Progress", 50, "The latest update. Line breaks (Alt+Enter) are kept."),
    Column("Status", 16, "Pick one: " + ", ".join(PLAN_STATUSES) + ".", choices=PLAN_STATUSES),
)

INDICATOR_COLUMNS: tuple[Column, ...] = (
    Column("Code", 9, "The indicator's code, e.g. NI059. May be left blank if every title "
           "is different."),
    Column("Title", 44, "What the indicator measures. Needed on every row."),
    Column("Theme", 28, "The heading the indicator is reported under."),
    Column("Polarity", 10, "Is a high number good or bad? Pick High or Low. Needed when a "
           "target is set.", choices=POLARITIES),
    Column("Unit", 14, "%, number, rate per 10,000, days or £."),
    Column("Target", 9, "A number. For a % indicator 80 and 80% both mean 80 per cent. "
           "Leave blank if there is no target."),
    Column("Tolerance", 10, "How far from the target still counts as amber, in the "
           "indicator's unit. Blank means 10% of the target."),
    Column("Responsible officer", 20, "Who is responsible for the indicator."),
    Column("Definition", 40, "How the indicator is worked out, in a sentence or two."),
    Column("Commentary", 50, "What the latest figures show and why."),
    Column("England average", 10, "A number, if known."),
    Column("Statistical neighbours", 12, "The statistical neighbour average, if known."),
)

VALUE_COLUMNS: tuple[Column, ...] = (
    Column("Code", 9, "The indicator's code, as on the Indicators sheet (or use a Title "
           "column instead)."),
    Column("Period", 14, "The month, quarter or year, e.g. Apr 2024, Q2 2024/25, 2023/24."),
    Column("Value", 10, "The figure for that period. Leave blank if there is no data."),
)

RESPONSE_COLUMNS: tuple[Column, ...] = (
    Column("Number", 8, "The recommendation's number: 1, 2a, 2b ..."),
    Column("Theme", 26, "The theme heading. First row of each theme only; blank means the "
           "same as the row above."),
    Column("Recommendation", 50, "The scrutiny committee's recommendation, as in its report. "
           "Needed on every row."),
    Column("Response", 20, "Cabinet's decision. Pick one: " + ", ".join(RESPONSES) + ".",
           choices=RESPONSES),
    Column("Action", 50, "What will be done, or the reason when the recommendation is not "
           "accepted (needed then)."),
    Column("Action date", 16, "A date, a month (June 2013) or words such as \"March 2013 and "
           "ongoing\", kept as typed.", number_format="dd/mm/yyyy"),
    Column("Responsible", 28, "Name and job title of the person responsible."),
    Column("Progress", 40, "For the progress update: what has happened since. Leave blank "
           "for the first response."),
)

DETAILS_COMMON: tuple[tuple[str, str], ...] = (
    ("Title", "The title printed on the document."),
    ("Organisation", "Your council, e.g. Telford & Wrekin Council."),
    ("Committee", "The committee the document goes to."),
    ("Meeting date", "The date of that meeting, e.g. 15/08/2013."),
)

# The committee report's keys (`committee report`): every kind of workbook may carry them.
DETAILS_REPORT: tuple[tuple[str, str], ...] = (
    ("Agenda item", "For the committee report: the item's number on the agenda, e.g. 7."),
    ("Report status", "For the committee report: Public, or Exempt (e.g. Exempt - "
     "paragraph 3). Blank means Public."),
    ("Report of", "For the committee report: whose report it is, e.g. Director of "
     "Children's Services."),
    ("Lead member", "For the committee report: the portfolio holder, e.g. Cllr. A. Smith."),
    ("Purpose", "For the committee report: why it comes to the committee. Each line "
     "(Alt+Enter) is a numbered paragraph."),
    ("Recommendations", "For the committee report: one recommendation a line, e.g. That the "
     "Committee notes the progress made. Blank: 'That the Committee notes the report.'"),
    ("Reasons", "For the committee report: the reasons for the recommendations."),
    ("Financial implications", "For the committee report: a paragraph, or leave blank."),
    ("Legal implications", "For the committee report: a paragraph, or leave blank."),
    ("Equalities implications", "For the committee report: a paragraph, or leave blank."),
    ("Risk implications", "For the committee report: a paragraph, or leave blank."),
    ("Consultation", "For the committee report: who was consulted, or leave blank."),
    ("Background papers", "For the committee report: one paper a line. Blank prints None."),
)

DETAILS_BY_KIND: dict[str, tuple[tuple[str, str], ...]] = {
    "plan": DETAILS_COMMON
    + (
        ("As at", "The date the statuses describe, e.g. 30/07/2013."),
        ("Author", "Who wrote the report."),
        ("Author title", "The author's job title."),
        ("Report number", "e.g. 3 for the third progress report."),
        ("Background", "A paragraph of background for the briefing."),
        ("Next steps", "A paragraph on what happens next."),
        ("Contact officer", "Name for the cover sheet."),
        ("Telephone", "Contact telephone number."),
        ("Email", "Contact email address."),
        ("Wards affected", "Leave as All unless the plan is for particular wards."),
        ("Protective marking", "e.g. OFFICIAL. Leave blank for none."),
    ),
    "indicators": DETAILS_COMMON
    + (
        ("As at", "The date the figures describe, e.g. 30/09/2011."),
        ("Author", "Who wrote the report."),
        ("Author title", "The author's job title."),
        ("Contact officer", "Name for the cover sheet."),
        ("Telephone", "Contact telephone number."),
        ("Email", "Contact email address."),
        ("Wards affected", "Leave as All unless the report is for particular wards."),
        ("Protective marking", "e.g. OFFICIAL. Leave blank for none."),
    ),
    "response": DETAILS_COMMON
    + (
        ("Scrutiny report", "The title of the scrutiny committee's report."),
        ("Scrutiny report date", "The date of the scrutiny report."),
        ("Lead scrutiny member", "e.g. Cllr. Mike Ion."),
        ("Lead scrutiny officer", "The scrutiny officer's name."),
        ("Cabinet member", "e.g. Cllr. Paul Watling."),
        ("Cabinet date", "The date of the cabinet meeting, e.g. 27/06/2013."),
        ("Response prepared by", "Name and job title."),
        ("Protective marking", "e.g. OFFICIAL. Leave blank for none."),
    ),
}
DETAILS_BY_KIND = {kind: keys + DETAILS_REPORT for kind, keys in DETAILS_BY_KIND.items()}

DETAILS_DEFAULTS: dict[str, str] = {"Wards affected": "All"}

KIND_NAMES: dict[str, str] = {
    "plan": "an improvement plan",
    "indicators": "performance indicators",
    "response": "a cabinet response to scrutiny recommendations",
}


def _example_date() -> dt.date:
    """The last day of the month about three months from today: a plausible target date."""
    today = dt.date.today()
    month = today.month + 3
    year = today.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    first_next = dt.date(year + month // 12, month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def _example_rows(kind: str) -> dict[str, list[list[Any]]]:
    if kind == "plan":
        return {
            "Actions": [
                [
                    "1: Ensure there is a timely response to social care enquiries",
                    "R1",
                    "Ensure that the outcomes of child protection enquiries are recorded promptly",
                    "Example – delete this row: review weekly reports of outstanding enquiries "
                    "with each team manager",
                    "Enquiries recorded within 24 hours",
                    "Ofsted inspection report",
                    "Weekly report of outstanding enquiries",
                    "3 months",
                    "A. Manager",
                    _example_date(),
                    None,
                    "Weekly meetings started.\nFirst report due next month.",
                    "On track",
                ]
            ]
        }
    if kind == "indicators":
        return {
            "Indicators": [
                [
                    "NI059",
                    "Example – delete this row: % of initial assessments within 10 working days",
                    "Keeping children safe",
                    "High",
                    "%",
                    80,
                    5,
                    "A. Manager",
                    "Initial assessments completed within 10 working days of referral, as a "
                    "percentage of all initial assessments completed.",
                    "Performance is improving month on month.",
                    79.6,
                    83,
                ]
            ],
            "Values": [
                ["NI059", "Apr 2024", 62.5],
                ["NI059", "May 2024", 66.0],
                ["NI059", "Jun 2024", 71.3],
            ],
        }
    return {
        "Recommendations": [
            [
                "1",
                "Members' responsibility as Corporate Parents",
                "Example – delete this row: that the Council holds regular briefings for all "
                "elected members on their responsibilities as Corporate Parents",
                "Accepted",
                "Briefings will be held twice a year, starting in March.",
                "March 2025 and ongoing",
                "A. Manager, Assistant Director",
                "",
            ]
        ]
    }


def _data_sheets(kind: str) -> list[tuple[str, tuple[Column, ...]]]:
    if kind == "plan":
        return [("Actions", PLAN_COLUMNS)]
    if kind == "indicators":
        return [("Indicators", INDICATOR_COLUMNS), ("Values", VALUE_COLUMNS)]
    return [("Recommendations", RESPONSE_COLUMNS)]


# --- writing --------------------------------------------------------------------------------


def _instructions(kind: str) -> list[str]:
    lines = [
        f"How to fill in this workbook ({KIND_NAMES[kind]})",
        "",
        "1. Details sheet: type each value in column B, next to its name in column A. Hover "
        "over a name to see what goes there. Anything you leave blank is left off the "
        "document. Type dates as 15/08/2013 (day first).",
    ]
    sheets = _data_sheets(kind)
    step = 2
    for name, _ in sheets:
        lines.append(
            f"{step}. {name} sheet: one row per "
            + {"Actions": "action", "Indicators": "indicator", "Values": "figure",
               "Recommendations": "recommendation"}[name]
            + ". Keep the header row as it is. Row 2 is an example: type over it or delete it."
        )
        step += 1
    lines.append("")
    for name, columns in sheets:
        lines.append(f"Columns of the {name} sheet")
        for column in columns:
            lines.append(f"  {column.header}: {column.help}")
        lines.append("")
    if kind == "plan":
        lines += [
            "Statuses",
            "  Complete: the action is finished.",
            "  On track: under way and on schedule (\"in progress\" and \"green\" also work).",
            "  At risk: some slippage (\"amber\" also works).",
            "  Behind schedule: late or off track (\"red\", \"delayed\" also work).",
            "  Not started: planned but not begun.",
            "  To use your own labels and colours, add a sheet called \"RAG key\" with the "
            "columns Label, Colour, Meaning and Aliases (see docs/inputs.md).",
            "",
        ]
    if kind == "indicators":
        lines += [
            "Values sheet",
            "  One row per indicator per period. Periods may come in any order: the report "
            "sorts them by date. A blank value means no data for that period.",
            "",
        ]
    if kind == "response":
        lines += [
            "Responses",
            "  " + ", ".join(RESPONSES) + ". \"Rejected\" also works for Not accepted.",
            "  When a recommendation is not accepted, give the reason in the Action column.",
            "",
        ]
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


def _write_instructions(ws: Worksheet, kind: str) -> None:
    ws.column_dimensions["A"].width = 110
    for row, line in enumerate(_instructions(kind), start=1):
        if not line:
            continue
        cell = ws.cell(row=row, column=1, value=line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if row == 1:
            cell.font = Font(bold=True, size=14)
        elif not line.startswith(" ") and not line[0].isdigit():
            cell.font = Font(bold=True)


def _write_details(ws: Worksheet, kind: str) -> None:
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 70
    for row, (key, help_text) in enumerate(DETAILS_BY_KIND[kind], start=1):
        cell = ws.cell(row=row, column=1, value=key)
        cell.font = Font(bold=True)
        cell.comment = Comment(help_text, "committee")
        value = ws.cell(row=row, column=2, value=DETAILS_DEFAULTS.get(key))
        value.alignment = TOP
        if "date" in key.lower() or key == "As at":
            value.number_format = "dd/mm/yyyy"


def _write_data_sheet(
    ws: Worksheet, columns: Sequence[Column], rows: Sequence[Sequence[Any]]
) -> None:
    for col, column in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=col, value=column.header)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = TOP
        cell.comment = Comment(column.help, "committee")
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = column.width
        if column.choices:
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
            ws.add_data_validation(dv)
    for r, values in enumerate(rows, start=2):
        for col, (column, value) in enumerate(zip(columns, values, strict=True), start=1):
            cell = ws.cell(row=r, column=col, value=None if value == "" else value)
            cell.alignment = TOP
            cell.font = EXAMPLE_FONT
            if column.number_format and isinstance(value, dt.date):
                cell.number_format = column.number_format
    ws.freeze_panes = "A2"


def build_blank_workbook(kind: str) -> Workbook:
    """The blank workbook for `kind` ("plan", "indicators" or "response"), not yet saved."""
    if kind not in KINDS:
        raise _error(
            f"There is no blank workbook called {kind!r}. Choose one of: {', '.join(KINDS)}.",
            code="constraint-error",
        )
    wb = Workbook()
    instructions = wb.active
    instructions.title = "Instructions"
    _write_instructions(instructions, kind)
    _write_details(wb.create_sheet("Details"), kind)
    examples = _example_rows(kind)
    for name, columns in _data_sheets(kind):
        _write_data_sheet(wb.create_sheet(name), columns, examples[name])
    return wb


def write_blank_workbook(kind: str, path: Path, force: bool = False) -> Path:
    """Write a blank workbook of `kind` to `path` and return the path.

    Raises PipelineError for an unknown kind, a name not ending in .xlsx, a folder
    that does not exist, or a file that already exists (unless `force`).
    """
    if kind not in KINDS:
        raise _error(
            f"There is no blank workbook called {kind!r}. Choose one of: {', '.join(KINDS)}.",
            code="constraint-error",
        )
    path = Path(path)
    where = str(path)
    if path.is_dir():
        raise _error(f"{where} is a folder. Give a file name ending in .xlsx.", where)
    if path.exists() and not path.is_file():
        raise _error(
            f"{where} is not an ordinary file (a device or a pipe), so no workbook can be "
            "written there. Give the name of a new .xlsx file.",
            where,
        )
    if path.suffix.lower() != ".xlsx":
        raise _error(
            f"The new workbook's name must end in .xlsx, but {where!r} does not. "
            f"Try {path.with_suffix('.xlsx').name!r}.",
            where,
        )
    if path.exists() and not force:
        raise _error(
            f"{where} already exists, so it was left alone. Choose another name, or add "
            "--force to replace it (everything in it will be lost).",
            where,
        )
    if not path.parent.exists():
        raise _error(
            f"The folder {str(path.parent)!r} does not exist. Create it first, or choose "
            "another place for the new workbook.",
            where,
        )
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
            f"Could not write {where}: {why}. If the file is open in Excel, close it; if the "
            "disk is full, make room on it; then try again.",
            where,
        ) from exc
    return path
