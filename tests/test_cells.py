"""Date, number and text parsing of single cells."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.domain.model import DateValue
from pipeline.issues import IssueReport
from pipeline.reader.cells import (
    CellProblem,
    display_text,
    parse_date,
    parse_date_text,
    parse_number,
    text_value,
)
from pipeline.reader.date_columns import date_warnings
from pipeline.reader.raw import RawCell, RawRow, RawSheet
from pipeline.reader.xlsx_cells import decode_escapes
from pipeline.text import clean_text, normalise_label


@pytest.mark.parametrize(
    ("typed", "date", "precision"),
    [
        ("Aug-12", dt.date(2012, 8, 1), "month"),
        ("June 2013", dt.date(2013, 6, 1), "month"),
        ("Sept 2013", dt.date(2013, 9, 1), "month"),
        ("30/07/2013", dt.date(2013, 7, 30), "day"),
        ("1/8/13", dt.date(2013, 8, 1), "day"),
        ("2013-07-30", dt.date(2013, 7, 30), "day"),
        ("30 July 2013", dt.date(2013, 7, 30), "day"),
        ("25th March 2013", dt.date(2013, 3, 25), "day"),
        ("30.07.13", dt.date(2013, 7, 30), "day"),
    ],
)
def test_text_dates(typed: str, date: dt.date, precision: str) -> None:
    parsed = parse_date(RawCell(typed))
    assert parsed == DateValue(typed, date, precision)  # type: ignore[arg-type]


@pytest.mark.parametrize("typed", ["Ongoing", "Immediate", "March 2013 and ongoing", "3 months"])
def test_free_text_dates_are_kept_verbatim(typed: str) -> None:
    parsed = parse_date(RawCell(typed))
    assert isinstance(parsed, DateValue)
    assert parsed.text == typed
    assert parsed.date is None


def test_impossible_date_is_a_problem() -> None:
    parsed = parse_date(RawCell("31/02/2025"))
    assert isinstance(parsed, CellProblem)
    assert "'31/02/2025' is not a real date" in parsed.message


def test_month_first_date_is_explained() -> None:
    parsed = parse_date(RawCell("07/30/2013"))
    assert isinstance(parsed, CellProblem)
    assert "there is no month 30" in parsed.message
    assert "30/07/2013" in parsed.message


def test_real_excel_dates_and_month_formats() -> None:
    day = parse_date(RawCell(dt.datetime(2013, 7, 30), "dd/mm/yyyy"))
    assert day == DateValue("30/07/2013", dt.date(2013, 7, 30), "day")
    month = parse_date(RawCell(dt.datetime(2012, 8, 1), "mmm-yy"))
    assert isinstance(month, DateValue)
    assert (month.date, month.precision, month.text) == (dt.date(2012, 8, 1), "month", "Aug 2012")
    assert month.due_by() == dt.date(2012, 8, 31)


def test_serial_number_in_a_date_column() -> None:
    parsed = parse_date(RawCell(41485))
    assert isinstance(parsed, DateValue)
    assert parsed.date == dt.date(2013, 7, 30)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (RawCell(0.75, "0%"), (75.0, True)),
        (RawCell("57.7%"), (57.7, True)),
        (RawCell("57.7"), (57.7, False)),
        (RawCell("1,234"), (1234.0, False)),
        (RawCell("£2,500.50"), (2500.5, False)),
        (RawCell(12), (12.0, False)),
        (RawCell("57,7", "decimal-comma"), (57.7, False)),
    ],
)
def test_numbers(cell: RawCell, expected: tuple[float, bool]) -> None:
    assert parse_number(cell) == pytest.approx(expected)


def test_not_a_number() -> None:
    parsed = parse_number(RawCell("about ten"))
    assert isinstance(parsed, CellProblem)
    assert parsed.message == "'about ten' is not a number."


def test_excel_error_in_a_number_cell() -> None:
    parsed = parse_number(RawCell("#DIV/0!"))
    assert isinstance(parsed, CellProblem)
    assert parsed.code == "formula-error"


def test_display_text_as_excel_shows_it() -> None:
    assert display_text(RawCell(0.75, "0%")) == "75%"
    assert display_text(RawCell(3.0)) == "3"
    assert display_text(RawCell(None)) == ""


def test_text_is_kept_exactly_and_illegal_characters_dropped() -> None:
    assert text_value(RawCell('Tom & Jerry <b> "quoted" £5 – ok\nnext')) == (
        'Tom & Jerry <b> "quoted" £5 – ok\nnext',
        False,
    )
    assert clean_text("a\x01b") == ("ab", True)
    assert clean_text("line\x0bbreak") == ("line\nbreak", False)
    # Excel's _xHHHH_ escapes belong to the xlsx reader (decoded once there): a CSV's text,
    # and text already decoded, is kept as typed.
    assert clean_text("literal _x000B_ kept") == ("literal _x000B_ kept", False)
    assert decode_escapes("line_x000B_break") == "line\x0bbreak"
    assert decode_escapes("literal _x005F_x000B_ kept") == "literal _x000B_ kept"
    assert decode_escapes("_x005F_x005F_x005F_x0041_") == "_x005F_x0041_"
    assert clean_text("crlf\r\nline") == ("crlf\nline", False)


@pytest.mark.parametrize(
    ("label", "normal"),
    [
        ("Target\ndate", "targetdate"),
        ("  RAG\u00a0Status ", "ragstatus"),
        ("Action(s)", "action"),
        ("Lead(s)", "lead"),
        ("Outcome/impact", "outcomeimpact"),
    ],
)
def test_normalise_label(label: str, normal: str) -> None:
    assert normalise_label(label) == normal


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (0.25, "0.0%", "25.0%"),
        (0.75, "0%", "75%"),
        (1234567.5, "#,##0", "1,234,568"),
        (1234.5678, "General", "1234.5678"),
        (1234567.5, "General", "1234567.5"),
        (3.14159265358979, "General", "3.141592654"),
        (0.1 + 0.2, "General", "0.3"),
        (123456789012, "General", "1.23457E+11"),
        (2.5, "0", "3"),  # half away from zero, as Excel
        (-1234.5, "#,##0.00", "-1,234.50"),
        (1250, '"£"#,##0.00', "£1,250.00"),
        (1234.5, "[$£-809]#,##0", "£1,235"),
        (-5, "#,##0_);(#,##0)", "(5)"),
        (0, r'_(* #,##0_);_(* \(#,##0\);_(* "-"_);_(@_)', "-"),
        (7, "[Red]0.0", "7.0"),
        (1234567, '#,##0,"k"', "1,235k"),
    ],
)
def test_numbers_are_shown_as_their_format_shows_them(value: float, fmt: str, shown: str) -> None:
    assert display_text(RawCell(value, fmt)) == shown


def test_no_e_notation_or_inf_for_ordinary_or_broken_numbers() -> None:
    assert display_text(RawCell(1234567.5)) == "1234567.5"
    assert display_text(RawCell(float("inf"))) == ""  # reported by the loader, never printed
    assert display_text(RawCell(float("nan"), "0.0")) == ""


@pytest.mark.parametrize("fmt", ['"Due "mmm yyyy', "[Red]mmmm yyyy", "mmm-yy", "mmmm\\ yyyy"])
def test_month_formats_with_literal_text_are_month_dates(fmt: str) -> None:
    parsed = parse_date(RawCell(dt.datetime(2013, 3, 1), fmt))
    assert parsed is not None and not isinstance(parsed, CellProblem)
    assert (parsed.precision, parsed.date) == ("month", dt.date(2013, 3, 1))


def test_two_digit_years_use_excels_pivot() -> None:
    assert parse_date_text("31/03/99").date == dt.date(1999, 3, 31)  # type: ignore[union-attr]
    assert parse_date_text("31/03/29").date == dt.date(2029, 3, 31)  # type: ignore[union-attr]


def _dates_sheet(*typed: str) -> RawSheet:
    rows = [RawRow(2 + i, [RawCell("Action"), RawCell(text)]) for i, text in enumerate(typed)]
    return RawSheet(name="Actions", rows=rows)


def test_month_first_dates_alone_are_said_once_each_by_their_own_errors() -> None:
    """'03/31/2027' is refused by its own error; the column adds no second message."""
    report = IssueReport("plan.xlsx")
    date_warnings(_dates_sheet("03/31/2027", "04/30/2027"), report)
    assert report.issues == []


def test_a_month_first_column_points_at_the_dates_read_day_first() -> None:
    report = IssueReport("plan.xlsx")
    date_warnings(_dates_sheet("11/25/2012", "11/01/2012", "12/02/2012"), report)
    [warning] = report.issues
    assert (warning.severity, warning.row, warning.column, warning.value) == (
        "warning", 3, "B", "11/01/2012")
    assert warning.message == (
        "Column B's dates are written month first, as US systems write them: '11/25/2012' in "
        "row 2 can only be month first, and is refused. Dates are read day first "
        "(day/month/year), so '11/01/2012' in row 3 was read as 11 January, not 1 November. "
        "1 more date that reads both ways was read day first too. Export the dates as "
        "day/month/year, or type them as 25 Nov 2012.")


def test_a_refused_month_first_date_is_not_also_told_its_century() -> None:
    report = IssueReport("plan.xlsx")
    date_warnings(_dates_sheet("03/31/27"), report)
    assert report.issues == []  # its own error says it; "read as 2027" would be untrue
    date_warnings(_dates_sheet("31/03/27"), report)
    [warning] = report.issues
    assert "'31/03/27' is in 2027" in warning.message
