"""The Values sheet, and the indicators read so far with their series of values.

A Values sheet is long (Code or Title | Period | Value [| Numerator | Denominator | Year to
date]) or wide (Code or Title, then one column per period). Its rows are matched to the
Indicators sheet's indicators by code, else by title; a Values sheet on its own (no
Indicators sheet) makes an indicator of each code or title it holds.
"""

from __future__ import annotations

from pipeline.domain.indicator_rules import fill_values_from_parts, fill_year_to_date
from pipeline.domain.model import Indicator, Observation, Period, Source
from pipeline.domain.periods import parse_period
from pipeline.issues import IssueReport
from pipeline.reader.cells import (
    as_period_value,
    display_text,
    excel_error,
    number_format_of,
)
from pipeline.reader.headers import (
    Record,
    read_text,
    records,
    warn_hidden_rows,
)
from pipeline.reader.indicator_cells import (
    PERIOD_EXAMPLES,
    PeriodColumn,
    read_number,
)
from pipeline.reader.indicator_duplicates import Duplicate, Shown, report_duplicates
from pipeline.reader.raw import RawCell, RawSheet, is_empty
from pipeline.reader.values_header import values_header
from pipeline.text import normalise_label, one_line


class Collected:
    """The indicators read so far, found by code or title, and the values each has for a
    period (a second value for one period is a located error)."""

    def __init__(self, report: IssueReport, file: str) -> None:
        self.report = report
        self.file = file
        self.indicators: list[Indicator] = []
        self.by_code: dict[str, Indicator] = {}
        self.by_title: dict[str, Indicator] = {}
        self.first_row: dict[tuple[str, str], tuple[int, Indicator]] = {}
        self.duplicates: list[Duplicate] = []  # rows repeating an indicator: said in finish
        self.shown: Shown = {}  # each figure as shown, to say which of two differ
        self.seen: dict[int, dict[tuple[object, object], int]] = {}  # id(indicator) -> period rows
        self.percent_values: set[int] = set()  # id(indicator) with values typed as percentages
        # Rows with no title: their cells (and their values, by code) are checked, and they
        # are kept here, out of the report (and alive, as `seen` goes by id).
        self.untitled: list[Indicator] = []
        self.untitled_codes: dict[str, Indicator] = {}

    # --- cells -----------------------------------------------------------------------------
    def where(self, sheet: RawSheet, rec: Record, column: str) -> dict[str, object]:
        return {"sheet": sheet.name, "row": rec.number, "column": rec.header.header(column)}

    def text(self, sheet: RawSheet, rec: Record, column: str) -> str:
        return read_text(sheet, rec, column, self.report)

    def number(
        self, cell: RawCell | None, where: dict[str, object], what: str, *, no_data_ok: bool
    ) -> tuple[float | None, bool] | None:
        """(number or None for no data, was a percentage), or None after a located error."""
        return read_number(self.report, cell, where, what, no_data_ok=no_data_ok)

    def add(self, sheet: RawSheet, rec: Record, indicator: Indicator) -> None:
        key = ("code", normalise_label(indicator.code)) if indicator.code else (
            "title", normalise_label(indicator.title)
        )
        if key in self.first_row:
            first_row, first = self.first_row[key]
            what = f"code {indicator.code!r}" if indicator.code else f"title {indicator.title!r}"
            self.duplicates.append(Duplicate(
                first, first_row, indicator, rec.number, sheet.name,
                rec.header.header("Code" if indicator.code else "Title"), what))
        else:
            self.first_row[key] = (rec.number, indicator)
            if indicator.code:
                self.by_code.setdefault(normalise_label(indicator.code), indicator)
            self.by_title.setdefault(normalise_label(indicator.title), indicator)
        self.indicators.append(indicator)

    def set_aside(self, indicator: Indicator) -> None:
        """An indicator whose row has no title (already a located error): not reported, but
        a Values row giving its code is checked against it, not called unknown."""
        self.untitled.append(indicator)
        if indicator.code:
            self.untitled_codes.setdefault(normalise_label(indicator.code), indicator)

    def observe(
        self,
        sheet: RawSheet,
        rec: Record,
        indicator: Indicator,
        period: Period,
        cell: RawCell | None,
        column: str,
        extra: tuple[float | None, float | None] = (None, None),
        ytd: float | None = None,
        ytd_format: str = "",
    ) -> None:
        where = {"sheet": sheet.name, "row": rec.number, "column": column}
        got = self.number(cell, where, f"value for {period.label}", no_data_ok=True)
        if got is None:
            return
        value, was_percent = got
        if was_percent:
            self.percent_values.add(id(indicator))
        rows = self.seen.setdefault(id(indicator), {})
        key = (period.start, period.end)
        if key in rows:
            self.report.error(
                "unique-error",
                f"{indicator.code or indicator.title} has two values for {period.label}, in rows "
                f"{rows[key]} and {rec.number}. Delete the one that is wrong.",
                value=display_text(cell), **where,
            )
            return
        rows[key] = rec.number
        self.shown[(id(indicator), *key)] = (display_text(cell), column)
        indicator.series.append(
            Observation(
                period, value, extra[0], extra[1], Source(self.file, sheet.name, rec.number),
                ytd=ytd, number_format=number_format_of(cell),
                ytd_format=ytd_format if ytd is not None else "",
            )
        )

    def wide_values(
        self, sheet: RawSheet, rec: Record, indicator: Indicator | None,
        periods: list[PeriodColumn],
    ) -> None:
        """A row's value for each period column (with no indicator, only checked)."""
        for pc in periods:
            if indicator is None:
                self.check_value(sheet, rec, rec.row.cell(pc.index), pc.header, pc.period)
            else:
                self.observe(sheet, rec, indicator, pc.period, rec.row.cell(pc.index),
                             pc.header)

    def check_value(self, sheet: RawSheet, rec: Record, cell: RawCell | None, column: str,
                    period: Period | None) -> None:
        """A value of a row already in error (no indicator, or no period): checked, so that
        all of the row's problems are said at once, and not kept."""
        what = f"value for {period.label}" if period is not None else "value"
        where = {"sheet": sheet.name, "row": rec.number, "column": column}
        self.number(cell, where, what, no_data_ok=True)

    def finish(self) -> None:
        """Each series in time order, its unit and its year-to-date figures filled in; each
        indicator given by two rows said (see `indicator_duplicates`)."""
        report_duplicates(self.report, self.duplicates, self.shown)
        for indicator in self.indicators:
            indicator.series.sort(key=lambda o: o.period)
            if not indicator.unit and id(indicator) in self.percent_values:
                indicator.unit = "%"
            fill_values_from_parts(indicator)
            left_out = fill_year_to_date(indicator)
            if left_out:
                self.warn_year_to_date(indicator, *left_out[-1])

    def warn_year_to_date(self, indicator: Indicator, month: Observation,
                          lacking: Period | None) -> None:
        """The year-to-date figure of a month is not worked out when a month of its year
        since April has no numerator and denominator: said once, of the latest such month,
        at the month lacking them (or the indicator's own row when that month is not
        given)."""
        name = one_line(indicator.code or indicator.title)
        if lacking is None:
            why = "not every month since April is given"
        else:
            why = f"{lacking.label} is given without its numerator and denominator"
        where: dict[str, object] = {}
        source = next((o.source for o in indicator.series
                       if lacking is not None and o.period == lacking), None) or month.source
        if source is not None:
            where = {"sheet": source.sheet, "row": source.row,
                     "column": "Numerator" if lacking is not None else None}
        self.report.warning(
            "missing-cell",
            f"The year-to-date figure of {name!r} for {month.period.label} cannot be worked "
            f"out from the numerators and denominators: {why}, so the sum since April is "
            "not known, and the report shows the month's own figure. Give the numerator "
            "and denominator of every month from April, or type the figure in a 'Year to "
            "date' column.",
            value=month.period.label, **where,
        )


def _find(c: Collected, sheet: RawSheet, rec: Record, create: bool,
          names: tuple[str, str] | None = None) -> Indicator | None:
    """The indicator a values row is for: by code, else by title (made, with `create`);
    `names`, the row's code and title when already read."""
    code, title = names or (c.text(sheet, rec, "Code"), c.text(sheet, rec, "Title"))
    if not code and not title:
        column = "Code" if rec.header.has("Code") else "Title"
        c.report.error(
            "missing-cell",
            "This row has values but no indicator code or title, so there is no knowing which "
            "indicator they belong to. Type the code or title, or delete the row.",
            **c.where(sheet, rec, column),
        )
        return None
    found = c.by_code.get(normalise_label(code)) if code else None
    if found is None and title and not code:
        found = c.by_title.get(normalise_label(title))
    if found is None and code and title:
        found = c.by_title.get(normalise_label(title))
    if found is None and code:
        found = c.untitled_codes.get(normalise_label(code))
    if found is not None:
        return found
    if create:
        return _made(c, sheet, rec, code, title)
    column = "Code" if code else "Title"
    name = code or title
    c.report.error(
        "constraint-error",
        f"The indicator {name!r} is not on the Indicators sheet, so its values cannot be "
        f"reported. Check the {'code' if code else 'title'} is spelt as on the Indicators "
        "sheet, or add the indicator there.",
        value=name, **c.where(sheet, rec, column),
    )
    return None


def _made(c: Collected, sheet: RawSheet, rec: Record, code: str, title: str) -> Indicator:
    """The indicator a row of a Values sheet read on its own gives."""
    indicator = Indicator(title=title or code, code=code if title else "",
                          source=Source(c.file, sheet.name, rec.number))
    c.add(sheet, rec, indicator)
    return indicator


def read_values_sheet(c: Collected, sheet: RawSheet, create: bool) -> bool:
    """Read the Values sheet's rows into `c`; False when it has no header row. With `create`
    (no Indicators sheet was read), each code or title it holds is an indicator."""
    found = values_header(c.report, sheet)
    if found is None:
        return False
    header, periods = found
    rows_of: set[int] = set()  # ids of the indicators a wide sheet's rows made
    for rec in records(sheet, header):
        if periods:
            code, title = c.text(sheet, rec, "Code"), c.text(sheet, rec, "Title")
            if create and not code and not title and all(
                    is_empty(rec.row.cell(pc.index).value) for pc in periods):
                continue
            indicator = _find(c, sheet, rec, create, (code, title))
            if create and indicator is not None and id(indicator) in rows_of:
                # A second row of one indicator in a wide table on its own is a row of its
                # own, as on an Indicators sheet (see `indicator_duplicates`).
                indicator = _made(c, sheet, rec, code, title)
            if create and indicator is not None:
                rows_of.add(id(indicator))
            c.wide_values(sheet, rec, indicator, periods)
            continue
        _long_value(c, sheet, rec, create)
    warn_hidden_rows(sheet, header, c.report)
    return True


def _long_value(c: Collected, sheet: RawSheet, rec: Record, create: bool) -> None:
    indicator = _find(c, sheet, rec, create)
    period = _long_period(c, sheet, rec)
    extra: list[float | None] = []
    for name in ("Numerator", "Denominator", "Year to date"):
        got = None
        if rec.header.has(name):
            got = c.number(rec.cell(name), c.where(sheet, rec, name),
                              name.lower(), no_data_ok=True)
        extra.append(None if got is None else got[0])
    if indicator is None or period is None:  # already a located error: the value checked
        c.check_value(sheet, rec, rec.cell("Value"), rec.header.header("Value"), period)
        return
    _check_parts(c, sheet, rec, period, extra[0], extra[1])
    c.observe(
        sheet, rec, indicator, period, rec.cell("Value"), rec.header.header("Value"),
        (extra[0], extra[1]), ytd=extra[2],
        ytd_format=number_format_of(rec.cell("Year to date"))
        if rec.header.has("Year to date") else "",
    )


def _long_period(c: Collected, sheet: RawSheet, rec: Record) -> Period | None:
    """The period of a long Values row, or None after a located error."""
    cell = rec.cell("Period")
    raw = None if cell is None else cell.value
    if is_empty(raw):
        c.report.error(
            "missing-cell",
            f"The period is empty. Type {PERIOD_EXAMPLES}.",
            **c.where(sheet, rec, "Period"),
        )
        return None
    err = excel_error(cell)
    if err:
        c.report.error(
            "formula-error",
            f"The cell shows the Excel error {err} instead of a period. Fix the formula in "
            f"Excel or type the period ({PERIOD_EXAMPLES}), then save the workbook.",
            value=err, **c.where(sheet, rec, "Period"),
        )
        return None
    value = as_period_value(cell)  # type: ignore[arg-type]  # a date shown "Sep-11": a month
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        value = str(int(raw)) if float(raw).is_integer() else str(raw)
    elif isinstance(raw, str):
        value = " ".join(raw.split())
    period = parse_period(value)
    if period is None:
        shown = display_text(cell)
        c.report.error(
            "format-error",
            f"{shown!r} is not a period that can be read. Type {PERIOD_EXAMPLES}.",
            value=shown, **c.where(sheet, rec, "Period"),
        )
    return period


def _check_parts(
    c: Collected, sheet: RawSheet, rec: Record, period: Period,
    numerator: float | None, denominator: float | None,
) -> None:
    """A row with no Value whose figure cannot be worked out from its Numerator and
    Denominator (one of them missing, or a denominator of 0): a located warning, so that the
    month is not lost unseen. (With both, the value is worked out when the sheet is read.)"""
    if not is_empty(rec.raw("Value")) or (numerator is None and denominator is None):
        return
    if numerator is not None and denominator is not None:
        if denominator:
            return
        c.report.warning(
            "constraint-error",
            f"The value for {period.label} is blank and its denominator is 0, so the value "
            "cannot be worked out from the numerator and denominator; the report shows no data "
            "for that period. Type the value, or correct the denominator.",
            value=display_text(rec.cell("Denominator")), **c.where(sheet, rec, "Denominator"),
        )
        return
    given, lacking = ("Numerator", "Denominator") if denominator is None else (
        "Denominator", "Numerator")
    column = lacking if rec.header.has(lacking) else given
    c.report.warning(
        "missing-cell",
        f"The value for {period.label} is blank and only its {given.lower()} is given, so the "
        f"value cannot be worked out; the report shows no data for that period. Type the "
        f"value, or give the {lacking.lower()} as well"
        + ("" if rec.header.has(lacking) else f' (add a column headed "{lacking}")') + ".",
        value=display_text(rec.cell(given)), **c.where(sheet, rec, column),
    )


__all__ = ["Collected", "read_values_sheet"]
