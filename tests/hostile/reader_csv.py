"""CSV misreads (issue 19 item 9): decimal points in a semicolon file, one Windows-1252
byte in a UTF-8 file, a 140,000-character field, two-digit years, quoted tabs in a comma
file, month-first (US) dates."""

from __future__ import annotations

from hostile.corpus3 import hostile
from hostile.make_corpus import HEADERS, _csv, row


@hostile(
    name="semicolon-decimal-point.csv", verdict="valid", counts={"indicators": 2},
    document="performance", texts=("Aug 2018\n12.500", "Nov 2018\n1.5"),  # as typed
    absent=("12,500", "12500"),
    about="a ';' CSV whose numbers use decimal points: 12.500 was read as 12,500 while "
          "1.5 stayed 1.5",
)
def _semicolon_points() -> bytes:
    return (b"Item;August 2018;November 2018\r\n"
            b"Rate of repeat referrals;12.500;1.5\r\nDays to assess;20.25;18.5\r\n")


@hostile(
    name="utf8-with-one-cp1252-byte.csv", verdict="valid", counts={"actions": 200},
    code="encoding-error", severity="warning", sheet="utf8-with-one-cp1252-byte", row=101,
    says=("Line 101", "Windows-1252"), document="plan",
    texts=("Café number 1", "Café number 200", "Crèche number 100"),
    absent=("CafÃ©",),
    about="200 UTF-8 rows with one Windows-1252 byte on line 101 (all read as mojibake, "
          "'café' as 'cafÃ©', with no warning)",
)
def _one_bad_byte() -> bytes:
    rows = [HEADERS] + [row(f"Café number {i + 1}", ref=f"R{i % 10 + 1}") for i in range(200)]
    text = _csv(rows).encode("utf-8")
    lines = text.split(b"\r\n")
    lines[100] = lines[100].replace("Café number 100".encode(), "Crèche number 100".encode(
        "cp1252"))
    return b"\r\n".join(lines)


LONG_FIELD = ("Visited every family; notes kept. " * 5000)[:140_000]


@hostile(
    name="field-of-140000-characters.csv", verdict="valid", counts={"actions": 2},
    code="constraint-error", severity="warning", sheet="field-of-140000-characters", row=2,
    column="Progress", says=("140,000 characters",), document="plan",
    texts=(LONG_FIELD.strip(),),
    about="a legal 140,000-character quoted field (blamed on an unclosed quote)",
)
def _long_field() -> bytes:
    return _csv([HEADERS, row(progress=LONG_FIELD), row("Two")]).encode()


@hostile(
    name="two-digit-years.csv", verdict="valid", counts={"actions": 2},
    code="format-error", severity="warning", sheet="two-digit-years", row=2,
    column="Target date", says=("two-digit years", "1999"), document="plan",
    texts=("31 March 1999",),
    about="a target date 31/03/99, read as 2099; now 1999 (Excel's pivot) with a warning",
)
def _two_digit_years() -> bytes:
    return _csv([HEADERS, row(target="31/03/99"), row("Two", target="30/06/13")]).encode()


PASTED = "\n".join(f"Week {i}\tvisits\t{i * 3}\tnotes" for i in range(600))


@hostile(
    name="comma-csv-with-quoted-tabs.csv", verdict="valid", counts={"actions": 3},
    document="plan", texts=("Pasted table", "Three"),
    about="a valid comma CSV whose first lines hold quoted tabs (a table pasted into a "
          "Progress cell): taken as tab-separated and refused",
)
def _quoted_tabs() -> bytes:
    return _csv([HEADERS, row("Pasted table", progress=PASTED), row("Two"),
                 row("Three")]).encode()


@hostile(
    name="us-month-first-dates.csv", verdict="refused", code="format-error",
    severity="warning", sheet="us-month-first-dates", row=2,
    column="Target date", says=("month first", "11/01/2012", "11 January"),
    about="a US export: 11/25/2012 can only be month first and 11/01/2012 (meant as "
          "1 November) was accepted silently as 11 January",
)
def _us_dates() -> bytes:
    rows = [HEADERS, row(target="11/01/2012"), row("Two", target="11/25/2012"),
            row("Three", target="12/31/2012")]
    return _csv(rows).encode()
