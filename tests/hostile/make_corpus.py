"""A deterministic corpus of hostile and broken input files, each with its expected outcome.

    python tests/hostile/make_corpus.py DIR      # writes the files into DIR and lists them

or, from a test: `build_corpus(dir) -> list[Case]`. `cases()` gives the same list without
writing anything (for pytest parametrisation). Every file is what Excel, Google Sheets,
LibreOffice or a home-made export really produces when things go wrong, or what an attacker
would send: the promise is a located error or a correct document, never a traceback.

Outcomes:
  error    the file is refused: an error with this code at exactly this sheet/row/column
  warning  a document is made, with `actions` actions, and this warning at this place
  accept   a document is made with `actions` actions (warnings allowed) holding `texts`
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

Outcome = Literal["error", "warning", "accept"]

HEADERS = [
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
FIXED_TIME = (2013, 7, 30, 9, 0, 0)
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Case:
    """One hostile file and what the pipeline must do with it."""

    name: str
    outcome: Outcome
    about: str
    code: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    actions: int | None = None  # actions in the document (warning and accept)
    texts: tuple[str, ...] = ()  # exact cell texts the plan document must hold
    absent: tuple[str, ...] = ()  # texts it must not hold
    big: bool = False  # measure memory in a subprocess

    @property
    def expected(self) -> tuple[Any, ...]:
        """("error", code, sheet, row, column) / ("warning", code, ...) / ("accept", n)."""
        if self.outcome == "accept":
            return ("accept", self.actions)
        return (self.outcome, self.code, self.sheet, self.row, self.column)


def row(
    action: str = "Do the thing",
    status: Any = "Complete",
    *,
    priority: Any = "1",
    ref: Any = "R1",
    recommendation: str = "Make it better",
    lead: Any = "Ann Smith",
    target: Any = "30/07/2013",
    progress: Any = "Done.",
    outcome: Any = "Outcome",
) -> list[Any]:
    return [
        priority, ref, recommendation, action, outcome, "Ofsted 2012", "Audit", "3 months",
        lead, target, progress, status,
    ]


def plain_rows(n: int = 2) -> list[list[Any]]:
    return [HEADERS] + [row(f"Action number {i + 1}") for i in range(n)]


# --- writing helpers -------------------------------------------------------------------------


def normalise_zip(data: bytes, edit: Callable[[str, bytes], bytes] | None = None) -> bytes:
    """Rewrite a zip with fixed timestamps (and fixed core.xml dates): deterministic bytes.

    `edit(name, part)` may change any part on the way.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            part = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                part = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2013-07-30T09:00:00Z", part)
            if edit is not None:
                part = edit(info.filename, part)
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(zi, part)
    return out.getvalue()


def xlsx_bytes(
    sheets: dict[str, Sequence[Sequence[Any]]],
    *,
    merged: dict[str, list[str]] | None = None,
    hidden_rows: dict[str, list[int]] | None = None,
    hidden_columns: dict[str, list[str]] | None = None,
    hidden_sheets: Sequence[str] = (),
    formats: dict[str, dict[str, str]] | None = None,
    fills: dict[str, dict[str, str]] | None = None,
    epoch_1904: bool = False,
    edit: Callable[[str, bytes], bytes] | None = None,
) -> bytes:
    """An .xlsx written by openpyxl, then normalised (and edited) part by part."""
    import openpyxl
    from openpyxl.styles import PatternFill
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    if epoch_1904:
        wb.epoch = CALENDAR_MAC_1904
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(list(r))
        for rng in (merged or {}).get(name, []):
            ws.merge_cells(rng)
        for r in (hidden_rows or {}).get(name, []):
            ws.row_dimensions[r].hidden = True
        for c in (hidden_columns or {}).get(name, []):
            ws.column_dimensions[c].hidden = True
        for ref, fmt in (formats or {}).get(name, {}).items():
            ws[ref].number_format = fmt
        for ref, colour in (fills or {}).get(name, {}).items():
            ws[ref].fill = PatternFill("solid", fgColor=colour)
        if name in hidden_sheets:
            ws.sheet_state = "hidden"
    buf = io.BytesIO()
    wb.save(buf)
    return normalise_zip(buf.getvalue(), edit)


def replace_in(part_name: str, old: bytes, new: bytes) -> Callable[[str, bytes], bytes]:
    def edit(name: str, part: bytes) -> bytes:
        if name == part_name:
            assert old in part, (part_name, old)
            return part.replace(old, new, 1)
        return part

    return edit


SHEET1 = "xl/worksheets/sheet1.xml"


# --- the cases -------------------------------------------------------------------------------

Builder = Callable[[], bytes]
_REGISTRY: list[tuple[Case, Builder]] = []


def case(**kwargs: Any) -> Callable[[Builder], Builder]:
    def register(fn: Builder) -> Builder:
        _REGISTRY.append((Case(**kwargs), fn))
        return fn

    return register


@case(name="empty.xlsx", outcome="error", code="format-error", about="an empty (0 byte) file")
def _empty() -> bytes:
    return b""


@case(
    name="password-protected.xlsx", outcome="error", code="format-error",
    about="a password-protected workbook: an encrypted OLE compound file",
)
def _password() -> bytes:
    body = b"\x00" * 24 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 64
    body += "EncryptedPackage".encode("utf-16-le") + bytes(range(256)) * 8
    return OLE_SIGNATURE + body


@case(
    name="old-excel-97.xlsx", outcome="error", code="format-error",
    about="an Excel 97-2003 .xls file renamed to .xlsx",
)
def _xls() -> bytes:
    return OLE_SIGNATURE + b"\x3e\x00\x03\x00\xfe\xff\x09\x00" + b"Workbook".ljust(512, b"\x00")


@case(
    name="html-table.xlsx", outcome="error", code="format-error",
    about="an HTML table saved with an .xlsx name (a web export)",
)
def _html() -> bytes:
    cells = "".join(f"<th>{h}</th>" for h in HEADERS)
    return (
        "<html><head><meta charset='utf-8'></head><body><table>"
        f"<tr>{cells}</tr><tr><td>1</td><td>R1</td></tr></table></body></html>"
    ).encode()


@case(
    name="truncated.xlsx", outcome="error", code="format-error",
    about="a download cut off half way: no zip directory",
)
def _truncated() -> bytes:
    data = xlsx_bytes({"Actions": plain_rows()})
    return data[: len(data) // 2]


@case(
    name="corrupt-part.xlsx", outcome="error", code="format-error",
    about="a zip whose sheet part has damaged bytes (CRC mismatch)",
)
def _corrupt() -> bytes:
    data = bytearray(xlsx_bytes({"Actions": plain_rows(20)}))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo(SHEET1)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 20, start + 40):
        data[i] ^= 0x55
    return bytes(data)


@case(
    name="word-document-renamed.xlsx", outcome="error", code="format-error",
    about="a zip that is not a workbook (a Word document renamed .xlsx)",
)
def _docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, part in (
            ("[Content_Types].xml", b'<?xml version="1.0"?><Types/>'),
            ("word/document.xml", b'<?xml version="1.0"?><document/>'),
        ):
            zf.writestr(zipfile.ZipInfo(name, date_time=FIXED_TIME), part)
    return out.getvalue()


@case(
    name="zip-bomb.xlsx", outcome="error", code="security-error", big=True,
    about="a small file whose sheet inflates to 400 MB: refused from the zip directory",
)
def _bomb() -> bytes:
    good = xlsx_bytes({"Actions": plain_rows()})
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            if info.filename != SHEET1:
                dst.writestr(zi, src.read(info.filename))
                continue
            sheet = src.read(SHEET1)
            head, tail = sheet.split(b"<sheetData>", 1)
            chunk = b" " * (1024 * 1024)
            with dst.open(zi, "w", force_zip64=True) as part:
                part.write(head + b"<sheetData>")
                for _ in range(400):
                    part.write(chunk)
                part.write(tail)
    return out.getvalue()


@case(
    name="billion-laughs.xlsx", outcome="error", code="security-error",
    about="a sheet whose XML declares nested entities (billion laughs)",
)
def _laughs() -> bytes:
    dtd = (
        b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode()
            for i in range(1, 10)
        )
        + b"]>\n"
    )

    def edit(name: str, part: bytes) -> bytes:
        if name == SHEET1:
            part = re.sub(rb"^<\?xml[^>]*\?>\s*", b"", part)
            return dtd + part.replace(b"Action number 1", b"&lol9;", 1)
        return part

    return xlsx_bytes({"Actions": plain_rows()}, edit=edit)


@case(
    name="external-entity.xlsx", outcome="error", code="security-error",
    about="workbook.xml declaring an external entity that reads /etc/passwd",
)
def _xxe() -> bytes:
    def edit(name: str, part: bytes) -> bytes:
        if name == "xl/workbook.xml":
            part = re.sub(rb"^<\?xml[^>]*\?>\s*", b"", part)
            return b'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' + part
        return part

    return xlsx_bytes({"Actions": plain_rows()}, edit=edit)


@case(
    name="dtd-after-long-comment.xlsx", outcome="error", code="security-error",
    about="a DTD hidden after 100 KB of comment, past a naive 4 KB look at the start",
)
def _late_dtd() -> bytes:
    def edit(name: str, part: bytes) -> bytes:
        if name == SHEET1:
            part = re.sub(rb"^<\?xml[^>]*\?>\s*", b"", part)
            pad = b"<!--" + b"padding " * 12_800 + b"-->\n"
            return b'<?xml version="1.0"?>\n' + pad + b'<!DOCTYPE x [<!ENTITY e "boo">]>' + part
        return part

    return xlsx_bytes({"Actions": plain_rows()}, edit=edit)


@case(
    name="formulas-no-cached-value.xlsx", outcome="error", code="formula-error",
    sheet="Actions", row=3, column="Progress",
    about="formulas written by a program that does not calculate them (no saved result)",
)
def _formulas() -> bytes:
    rows = plain_rows(3)
    rows[2][10] = '=CONCATENATE("Done", " in ", "July")'
    rows[3][8] = "=A2"
    return xlsx_bytes({"Actions": rows})


@case(
    name="cached-excel-errors.xlsx", outcome="error", code="formula-error",
    sheet="Actions", row=3, column="Lead",
    about="cells whose saved formula results are Excel errors (#REF!, #DIV/0!)",
)
def _excel_errors() -> bytes:
    rows = plain_rows(3)
    rows[2][8] = "#REF!"
    rows[3][10] = "#DIV/0!"
    return xlsx_bytes({"Actions": rows})


@case(
    name="merged-banner-and-priority.xlsx", outcome="accept", actions=3,
    texts=("Action number 1", "Action number 3"),
    about="a merged title banner above the header; a priority merged down three rows",
)
def _merged() -> bytes:
    title = ["Children's services improvement plan"] + [None] * 11
    rows = [title, HEADERS] + [row(f"Action number {i + 1}") for i in range(3)]
    rows[3][0] = rows[4][0] = None
    return xlsx_bytes({"Actions": rows}, merged={"Actions": ["A1:L1", "A3:A5"]})


@case(
    name="two-tier-header.xlsx", outcome="accept", actions=2,
    texts=("Action number 1", "Ann Smith", "Outcome"),
    about="a two-tier header: banners over the lower tier, single headers merged down",
)
def _two_tier() -> bytes:
    upper = list(HEADERS)
    for i in range(4, 9):
        upper[i] = None
    upper[4] = "Delivery"
    lower = [None] * 4 + HEADERS[4:9] + [None] * 3
    rows = [upper, lower] + [row(f"Action number {i + 1}") for i in range(2)]
    merged = [f"{c}1:{c}2" for c in "ABCDJKL"] + ["E1:I1"]
    return xlsx_bytes({"Actions": rows}, merged={"Actions": merged})


@case(
    name="header-below-title-rows.xlsx", outcome="accept", actions=2,
    texts=("Action number 2",),
    about="three title rows and a blank row above the header",
)
def _title_rows() -> bytes:
    rows: list[list[Any]] = [
        ["WORKING DOCUMENT"],
        ["Children's Services Improvement Plan"],
        ["Updated July 2013"],
        [],
    ]
    return xlsx_bytes({"Actions": rows + plain_rows()})


@case(
    name="duplicate-headers.xlsx", outcome="error", code="duplicate-label",
    sheet="Actions", row=1, column="Status",
    about="the Status header appears twice",
)
def _duplicate() -> bytes:
    rows = [HEADERS + ["Status"]] + [r + ["On track"] for r in plain_rows()[1:]]
    return xlsx_bytes({"Actions": rows})


@case(
    name="missing-status-header.xlsx", outcome="error", code="missing-label",
    sheet="Actions", row=1, column="Status",
    about="no Status column at all",
)
def _missing() -> bytes:
    return xlsx_bytes({"Actions": [r[:-1] for r in plain_rows()]})


@case(
    name="blank-header-with-data.xlsx", outcome="warning", code="blank-label",
    sheet="Actions", row=1, column="M", actions=2,
    about="a column with data but no header (its data is ignored, with a warning)",
)
def _blank_header() -> bytes:
    rows = [HEADERS + [None]] + [r + ["note"] for r in plain_rows()[1:]]
    return xlsx_bytes({"Actions": rows})


@case(
    name="odd-header-spacing.xlsx", outcome="accept", actions=2,
    texts=("Action number 1", "30 July 2013", "Complete"),
    about="headers with odd case, spaces, line breaks and non-breaking spaces",
)
def _odd_headers() -> bytes:
    odd = [
        " PRIORITY ", "ref", "Recommendation\ntext", "ACTION(S)", "  outcome", "Source",
        "Measure", "Time scale", "Lead\u00a0officer", "Target\ndate", "progress  ",
        "rag\u00a0STATUS",
    ]
    return xlsx_bytes({"Actions": [odd] + plain_rows()[1:]})


@case(
    name="hidden-stale-first-sheet.xlsx", outcome="warning", code="hidden-content",
    sheet="Actions (old)", actions=3, texts=("Current action 3",), absent=("Stale action",),
    about="a hidden, out-of-date copy of the plan as the first sheet",
)
def _stale() -> bytes:
    stale = [HEADERS, row("Stale action")]
    current = [HEADERS] + [row(f"Current action {i + 1}") for i in range(3)]
    return xlsx_bytes(
        {"Actions (old)": stale, "Actions": current}, hidden_sheets=["Actions (old)"]
    )


@case(
    name="hidden-rows.xlsx", outcome="warning", code="hidden-content",
    sheet="Actions", row=3, actions=3, texts=("Action number 2",),
    about="a hidden row: kept in the document, with a warning",
)
def _hidden_rows() -> bytes:
    return xlsx_bytes({"Actions": plain_rows(3)}, hidden_rows={"Actions": [3]})


@case(
    name="hidden-columns.xlsx", outcome="warning", code="hidden-content",
    sheet="Actions", column="Outcome", actions=2, texts=("Secret outcome",),
    about="a hidden column holding data: read, with a warning",
)
def _hidden_columns() -> bytes:
    rows = plain_rows()
    rows[1][4] = "Secret outcome"
    return xlsx_bytes({"Actions": rows}, hidden_columns={"Actions": ["E"]})


@case(
    name="formatted-to-last-row.xlsx", outcome="accept", actions=2, big=True,
    texts=("Action number 2",),
    about="every row formatted down to row 1,048,576 (a whole-sheet format): read fast",
)
def _formatted_rows() -> bytes:
    def edit(name: str, part: bytes) -> bytes:
        if name != SHEET1:
            return part
        filler = b"".join(
            b'<row r="%d" s="1" customFormat="1"><c r="A%d" s="1"/><c r="L%d" s="1"/></row>'
            % (n, n, n)
            for n in range(4, 1_048_577)
        )
        part = part.replace(b"</sheetData>", filler + b"</sheetData>", 1)
        return re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:L1048576"/>', part)

    return xlsx_bytes(
        {"Actions": plain_rows()}, fills={"Actions": {"M1": "FFFFCC"}}, edit=edit
    )


@case(
    name="status-only-colour.xlsx", outcome="error", code="missing-cell",
    sheet="Actions", row=3, column="Status",
    about="a status shown only by the cell's green fill, with no text",
)
def _colour_only() -> bytes:
    rows = plain_rows(3)
    rows[2][11] = None
    return xlsx_bytes({"Actions": rows}, fills={"Actions": {"L3": "00B050"}})


@case(
    name="dates-as-text.xlsx", outcome="accept", actions=4,
    texts=("30 July 2013", "1 August 2013", "August 2013", "Ongoing"),
    about="target dates typed as text in several styles, and free text",
)
def _dates_text() -> bytes:
    rows = [HEADERS] + [
        row(f"Action number {i + 1}", target=t)
        for i, t in enumerate(["30/07/2013", "1st August 2013", "Aug-13", "Ongoing"])
    ]
    return xlsx_bytes({"Actions": rows})


@case(
    name="dates-as-serial-numbers.xlsx", outcome="accept", actions=2,
    texts=("30 July 2013", "31 July 2013"),
    about="dates stored as bare serial numbers with General format",
)
def _dates_serial() -> bytes:
    rows = [HEADERS, row("Action number 1", target=41485), row("Action number 2", target=41486)]
    return xlsx_bytes({"Actions": rows})


@case(
    name="dates-1904-system.xlsx", outcome="accept", actions=2,
    texts=("30 July 2013", "1 August 2013"),
    about="a workbook using the 1904 date system (old Mac Excel): dates must not shift",
)
def _dates_1904() -> bytes:
    rows = [
        HEADERS,
        row("Action number 1", target=dt.datetime(2013, 7, 30)),
        row("Action number 2", target=dt.datetime(2013, 8, 1)),
    ]
    return xlsx_bytes(
        {"Actions": rows}, epoch_1904=True, formats={"Actions": {"J2": "dd/mm/yyyy"}}
    )


@case(
    name="impossible-date.xlsx", outcome="error", code="format-error",
    sheet="Actions", row=2, column="Target date",
    about="31/02/2013: a date that cannot exist",
)
def _impossible() -> bytes:
    return xlsx_bytes({"Actions": [HEADERS, row(target="31/02/2013"), row("Two")]})


@case(
    name="month-first-date.xlsx", outcome="error", code="format-error",
    sheet="Actions", row=3, column="Target date",
    about="07/30/2013: a US month-first date (dates are read day first)",
)
def _month_first() -> bytes:
    return xlsx_bytes({"Actions": [HEADERS, row("One"), row("Two", target="07/30/2013")]})


@case(
    name="ambiguous-day-month.xlsx", outcome="accept", actions=1, texts=("4 May 2013",),
    about="04/05/2013 is 4 May (day first), never 5 April",
)
def _ambiguous() -> bytes:
    return xlsx_bytes({"Actions": [HEADERS, row(target="04/05/2013")]})


@case(
    name="numbers-as-text.xlsx", outcome="accept", actions=2,
    texts=("75%", "1,234", "R 7: Make it better"),
    about="numbers stored as text, numeric refs and a percentage-formatted number",
)
def _numbers() -> bytes:
    rows = [
        HEADERS,
        row("Action number 1", ref=" 7 ", progress=0.75, lead="1,234"),
        row("Action number 2", ref=" 7 ", progress="1,234"),
    ]
    rows[1][1] = "R 7"
    rows[2][1] = "R 7"
    return xlsx_bytes({"Actions": rows}, formats={"Actions": {"K2": "0%"}})


LONG = ("All work is recorded. " * 2000)[:40_000]


@case(
    name="cell-over-32767-characters.xlsx", outcome="warning", code="constraint-error",
    sheet="Actions", row=2, column="Progress", actions=1, texts=(LONG.strip(),),
    about="a 40,000-character cell: kept whole, with a warning about Excel's limit",
)
def _long() -> bytes:
    # openpyxl cuts strings to 32,767 characters when it writes: put the text in afterwards.
    return xlsx_bytes(
        {"Actions": [HEADERS, row(progress="PLACEHOLDER")]},
        edit=replace_in(SHEET1, b"PLACEHOLDER", LONG.encode()),
    )


@case(
    name="control-characters.xlsx", outcome="warning", code="text-changed",
    sheet="Actions", row=2, column="Action", actions=1, texts=("Ring the bell",),
    about="a control character (bell, as Excel's _x0007_ escape) in a cell: dropped, warned",
)
def _control() -> bytes:
    return xlsx_bytes(
        {"Actions": [HEADERS, row("Ring the PLACEHOLDER")]},
        edit=replace_in(SHEET1, b"PLACEHOLDER", b"be_x0007_ll"),
    )


@case(
    name="excel-escapes.xlsx", outcome="accept", actions=2,
    texts=("Line one\nLine two", "Keep _x000D_ as typed"),
    about="Excel's _x000B_ line-break escape, and an escaped escape kept literally",
)
def _escapes() -> bytes:
    def edit(name: str, part: bytes) -> bytes:
        if name == SHEET1:
            part = part.replace(b"FIRST", b"Line one_x000B_Line two", 1)
            part = part.replace(b"SECOND", b"Keep _x005F_x000D_ as typed", 1)
        return part

    return xlsx_bytes({"Actions": [HEADERS, row("FIRST"), row("SECOND")]}, edit=edit)


SPECIAL = "Fish & chips <b>not bold</b> \"quoted\" 'single' £5 – done 😀\nsecond line"


@case(
    name="xml-special-characters.xlsx", outcome="accept", actions=1, texts=(SPECIAL,),
    about="& < > quotes £ en dash emoji and a line break: printed exactly as typed",
)
def _special() -> bytes:
    return xlsx_bytes({"Actions": [HEADERS, row(SPECIAL)]})


JINJA = ("{{ 7*7 }}", "{% for x in range(3) %}loop{% endfor %}", "{# hidden? #} {{ body }}")


@case(
    name="jinja-in-cells.xlsx", outcome="accept", actions=3, texts=JINJA,
    absent=("49", "looplooploop"),
    about="template syntax typed into cells prints as typed, never runs",
)
def _jinja() -> bytes:
    return xlsx_bytes({"Actions": [HEADERS] + [row(t) for t in JINJA]})


@case(
    name="no-usable-sheet.xlsx", outcome="error", code="missing-sheet",
    about="a workbook whose only sheet holds nothing the pipeline reads",
)
def _no_sheet() -> bytes:
    return xlsx_bytes({"Notes": [["Some notes"], ["More notes"]]})


def _csv(rows: Sequence[Sequence[Any]], delimiter: str = ",") -> str:
    import csv

    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(
        [["" if v is None else v for v in r] for r in rows]
    )
    return buf.getvalue()


@case(
    name="windows-1252.csv", outcome="accept", actions=2,
    texts=("Budget of £5,000 agreed", "“Quoted” – with a dash"),
    about="a CSV saved by Excel on Windows: Windows-1252 with £ and curly quotes",
)
def _cp1252() -> bytes:
    rows = [HEADERS, row("Budget of £5,000 agreed"), row("“Quoted” – with a dash")]
    return _csv(rows).encode("cp1252")


@case(
    name="utf8-bom.csv", outcome="accept", actions=2, texts=("Café opening £20",),
    about="a CSV UTF-8 file with a byte order mark before the first header",
)
def _bom() -> bytes:
    return b"\xef\xbb\xbf" + _csv([HEADERS, row("Café opening £20"), row("Two")]).encode()


@case(
    name="semicolon-decimal-comma.csv", outcome="accept", actions=2,
    texts=("Reduce waits to 1,5 days", "1,5"),
    about="a ';'-separated CSV with decimal commas (European Excel)",
)
def _semicolon() -> bytes:
    rows = [HEADERS, row("Reduce waits to 1,5 days", progress="1,5"), row("Two")]
    return _csv(rows, ";").encode()


@case(
    name="ragged-rows.csv", outcome="warning", code="blank-label",
    sheet="ragged-rows", row=1, column="M", actions=3, texts=("Short row",),
    about="CSV rows with fewer and more values than the header",
)
def _ragged() -> bytes:
    # Status before Action so that a short row can stop after the action.
    order = [0, 1, 2, 11, 3, 4, 5, 6, 7, 8, 9, 10]
    headers = [HEADERS[i] for i in order]
    full = [row("Full row")[i] for i in order]
    short = [row("Short row")[i] for i in order][:5]
    long = [row("Long row")[i] for i in order] + ["extra", "more"]
    return ("\r\n".join(",".join(r) for r in (headers, full, short, long)) + "\r\n").encode()


@case(
    name="nul-bytes.csv", outcome="warning", code="text-changed",
    sheet="nul-bytes", row=2, column="Action", actions=1, texts=("Nul gone",),
    about="NUL bytes inside a CSV value (a broken export): dropped, warned",
)
def _nul() -> bytes:
    return _csv([HEADERS, row("Nul\x00 gone")]).encode()


# --- public API ------------------------------------------------------------------------------


def cases() -> list[Case]:
    """Every case, in a fixed order, without writing anything."""
    return [c for c, _ in _REGISTRY]


def build_corpus(directory: Path, names: Sequence[str] | None = None) -> list[Case]:
    """Write every case's file (or only `names`) into `directory`; return the cases."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    built: list[Case] = []
    for c, build in _REGISTRY:
        if names is not None and c.name not in names:
            continue
        (directory / c.name).write_bytes(build())
        built.append(c)
    return built


@dataclass
class _Args:
    directory: Path
    names: list[str] = field(default_factory=list)


def main(argv: Sequence[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print("usage: python tests/hostile/make_corpus.py DIR [NAME ...]")
        return 2
    args = _Args(Path(argv[0]), list(argv[1:]))
    for c in build_corpus(args.directory, args.names or None):
        print(f"{c.name:36} {c.outcome:8} {c.about}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
