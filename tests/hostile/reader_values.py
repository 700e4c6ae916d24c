"""Cell values that were misread (issue 19 item 11) and numbers as the workbook shows them
(issue 13 item 5)."""

from __future__ import annotations

import datetime as dt

from hostile.corpus3 import hostile
from hostile.make_corpus import HEADERS, SHEET1, plain_rows, replace_in, row, xlsx_bytes
from hostile.reader_strict import rezip, shared_strings


@hostile(
    name="shared-text-minus-one.xlsx", verdict="refused", code="format-error",
    sheet="Actions", row=3, column="L", says=("shared text number -1",),
    about="a status <c t='s'><v>-1</v> (took the last shared string)",
)
def _minus_one() -> bytes:
    def edit(parts: dict[str, bytes]) -> dict[str, bytes]:
        parts = shared_strings(parts)
        sheet = parts[SHEET1]
        at = sheet.index(b'<c r="L3" t="s"><v>')
        end = sheet.index(b"</v>", at)
        parts[SHEET1] = sheet[: at + len(b'<c r="L3" t="s"><v>')] + b"-1" + sheet[end:]
        return parts

    return rezip(xlsx_bytes({"Actions": plain_rows(2)}), edit)


@hostile(
    name="date-serial-past-9999.xlsx", verdict="refused", code="type-error",
    sheet="Actions", row=2, column="Target date", absent=("#VALUE!",),
    about="a target date whose serial is past 31/12/9999 (printed '#VALUE!')",
)
def _past_9999() -> bytes:
    return xlsx_bytes({"Actions": [HEADERS, row(target=3_000_000), row("Two")]},
                      formats={"Actions": {"J2": "dd/mm/yyyy"}})


@hostile(
    name="month-formats-with-text.xlsx", verdict="valid", counts={"actions": 2},
    document="plan", texts=("March 2013", "April 2013"),
    absent=("1 March 2013", "1 April 2013"),
    about="target dates formatted '\"Due \"mmm yyyy' and '[Red]mmmm yyyy' (read as day "
          "dates, overdue on the 1st)",
)
def _month_formats() -> bytes:
    march, april = dt.datetime(2013, 3, 1), dt.datetime(2013, 4, 1)
    rows = [HEADERS, row(target=march), row("Two", target=april)]
    return xlsx_bytes({"Actions": rows},
                      formats={"Actions": {"J2": '"Due "mmm yyyy', "J3": "[Red]mmmm yyyy"}})


@hostile(
    name="numbers-as-shown.xlsx", verdict="valid", counts={"actions": 5}, document="plan",
    texts=("25.0%", "1,234,568", "1234.5678", "1234567.5", "£1,250.00"),
    absent=("1.23457e+06", "1234.57", "inf"),
    about="numbers in text columns with their formats: 0.0%, #,##0, General, currency "
          "(printed 25%, 1.23457e+06, 1234.57)",
)
def _numbers() -> bytes:
    rows = [HEADERS, row(progress=0.25), row("Two", progress=1234567.5),
            row("Three", progress=1234.5678), row("Four", progress=1234567.5),
            row("Five", progress=1250)]
    return xlsx_bytes({"Actions": rows}, formats={"Actions": {
        "K2": "0.0%", "K3": "#,##0", "K4": "General", "K6": '"£"#,##0.00'}})


@hostile(
    name="infinity-in-a-cell.xlsx", verdict="refused", code="format-error", sheet="Actions",
    row=3, column="Progress", says=("infinity",), document="plan",
    about="a number 1e309 (infinity) stored in a text column (printed 'inf')",
)
def _infinity() -> bytes:
    return xlsx_bytes({"Actions": [HEADERS, row(), row("Two", progress=7)]},
                      edit=replace_in(SHEET1, b'<c r="K3" t="n"><v>7</v>',
                                      b'<c r="K3" t="n"><v>1e309</v>'))


@hostile(
    name="not-a-number-in-a-cell.xlsx", verdict="refused", code="format-error",
    sheet="Actions", row=2, column="Progress", says=("not a number",),
    about="a number cell holding NaN",
)
def _nan() -> bytes:
    return xlsx_bytes({"Actions": [HEADERS, row(progress=7)]},
                      edit=replace_in(SHEET1, b'<c r="K2" t="n"><v>7</v>',
                                      b'<c r="K2" t="n"><v>NaN</v>'))


@hostile(
    name="ten-thousand-sheets.xlsx", verdict="valid", counts={"actions": 2},
    about="a workbook of 10,000 sheets (11.5 s; the limit is 10 s)",
)
def _many_sheets() -> bytes:
    sheets: dict[str, list[list[object]]] = {"Actions": plain_rows(2)}
    for i in range(1, 10_000):
        sheets[f"Notes {i}"] = [["n"]]
    return xlsx_bytes(sheets)
