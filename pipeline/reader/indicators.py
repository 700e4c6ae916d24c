"""The Indicators and Values sheets: indicators, their targets and their series of values.

Layouts read (see the input contract):
- an Indicators sheet (Code, Title, Theme, Polarity, Unit, Target, ...) and a Values sheet,
  long (Code or Title | Period | Value [| Numerator | Denominator]) or wide (Code or Title,
  then one column per period);
- an Indicators sheet that carries its own period columns ("Aug 2011", "Q2 2011/12" ...);
- a wide table on its own, like Bury's "Item | August 2018 | November 2018": each row is an
  indicator with no target and no polarity.

Every problem is located: sheet, Excel row, column header as written, value.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.domain.indicator_rules import (
    fill_year_to_date,
    normalise_unit,
    parse_judge_on,
    parse_polarity,
)
from pipeline.domain.model import (
    Comparator,
    Details,
    Indicator,
    IndicatorSet,
    Observation,
    Period,
    Source,
)
from pipeline.domain.periods import parse_period
from pipeline.issues import IssueReport
from pipeline.reader.cells import CellProblem, display_text, number_format_of, parse_number
from pipeline.reader.columns import INDICATORS, VALUES, ColumnSpec
from pipeline.reader.headers import (
    HEADER_SEARCH_ROWS,
    HeaderMatch,
    Record,
    cell_label,
    find_header,
    read_text,
    records,
    warn_hidden_rows,
)
from pipeline.reader.raw import RawCell, RawRow, RawSheet, is_empty
from pipeline.reader.xlsx import column_letter as get_column_letter
from pipeline.text import normalise_label, one_line

# What a value cell may say when there is no figure for the period.
NO_DATA_WORDS = frozenset(
    {"n/a", "na", "-", "–", "—", "no data", "nodata", "not available", "n/k", "nk"}
)
PERIOD_EXAMPLES = (
    'a month ("Aug 2011", "August 2018", "2011-09"), a quarter ("Q2 2011/12"), '
    'a financial year ("2010/11") or a date ("30/09/2011")'
)
COMPARATOR_COLUMNS = ("England average", "Statistical neighbours")


@dataclass(frozen=True)
class PeriodColumn:
    index: int  # 0-based column index
    header: str  # as written
    period: Period


def period_columns(row: RawRow, skip: set[int]) -> list[PeriodColumn]:
    """The cells of a header row that name a period (other than the columns in `skip`)."""
    found: list[PeriodColumn] = []
    for i, cell in enumerate(row.cells):
        if i in skip or is_empty(cell.value):
            continue
        value = cell.value if not isinstance(cell.value, str) else cell_label(cell)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(int(value)) if float(value).is_integer() else str(value)
        period = parse_period(value)
        if period is not None:
            found.append(PeriodColumn(i, display_text(cell) or cell_label(cell), period))
    return found


def _matches(spec_column: ColumnSpec, cell: RawCell) -> bool:
    label = cell_label(cell)
    return bool(label) and spec_column.matches(label)


def looks_like_wide_table(sheet: RawSheet) -> bool:
    """True when a header row holds a Code or Title column and at least one period column."""
    code, title = INDICATORS.column("Code"), INDICATORS.column("Title")
    for row in sheet.rows[:HEADER_SEARCH_ROWS]:
        names = {i for i, c in enumerate(row.cells) if _matches(code, c) or _matches(title, c)}
        if names and period_columns(row, names):
            return True
    return False


class _Reader:
    def __init__(self, report: IssueReport, file: str) -> None:
        self.report = report
        self.file = file
        self.indicators: list[Indicator] = []
        self.by_code: dict[str, Indicator] = {}
        self.by_title: dict[str, Indicator] = {}
        self.first_row: dict[tuple[str, str], int] = {}
        self.seen: dict[int, dict[tuple[object, object], int]] = {}  # id(indicator) -> period rows
        self.percent_values: set[int] = set()  # id(indicator) with values typed as percentages

    # --- cells -----------------------------------------------------------------------------
    def where(self, sheet: RawSheet, rec: Record, column: str) -> dict[str, object]:
        return {"sheet": sheet.name, "row": rec.number, "column": rec.header.header(column)}

    def text(self, sheet: RawSheet, rec: Record, column: str) -> str:
        return read_text(sheet, rec, column, self.report)

    def number(
        self, cell: RawCell | None, where: dict[str, object], what: str, *, no_data_ok: bool
    ) -> tuple[float | None, bool] | None:
        """(number or None for no data, was a percentage), or None after a located error."""
        if cell is None or is_empty(cell.value):
            return None, False
        if isinstance(cell.value, str) and " ".join(cell.value.lower().split()) in NO_DATA_WORDS:
            if no_data_ok:
                return None, False
        parsed = parse_number(cell)
        if isinstance(parsed, CellProblem):
            shown = display_text(cell)
            if parsed.code == "type-error":
                extra = (
                    ' Leave the cell empty, or type "n/a", when there is no data for the period.'
                    if no_data_ok else " Leave the cell empty if there is none."
                )
                message = (
                    f"{shown!r} is not a number, but the {what} must be a number such as 57.7 "
                    f"or 57.7%.{extra}"
                )
            else:
                message = parsed.message
            self.report.error(parsed.code, message, value=shown, **where)
            return None
        if parsed is None:
            return None, False
        return parsed

    # --- the Indicators sheet --------------------------------------------------------------
    def read_indicator_sheet(self, sheet: RawSheet) -> bool:
        header = find_header(sheet, INDICATORS, self.report)
        if header is None:
            return False
        header_row = sheet.rows[header.index]
        periods = self.period_header(sheet, header_row, {i for i, _ in header.columns.values()})
        if periods:
            self.forget_notices(sheet, header, periods)
        for rec in records(sheet, header):
            indicator = self.indicator_row(sheet, rec)
            if indicator is not None and periods:
                self.wide_values(sheet, rec, indicator, periods)
        warn_hidden_rows(sheet, header, self.report)
        return True

    def period_header(
        self, sheet: RawSheet, row: RawRow, skip: set[int]
    ) -> list[PeriodColumn]:
        periods = period_columns(row, skip)
        seen: dict[tuple[object, object], PeriodColumn] = {}
        kept: list[PeriodColumn] = []
        for pc in periods:
            key = (pc.period.start, pc.period.end)
            if key in seen:
                first = seen[key]
                self.report.error(
                    "duplicate-label",
                    f"The columns {first.header!r} ({get_column_letter(first.index + 1)}"
                    f"{row.number}) and {pc.header!r} ({get_column_letter(pc.index + 1)}"
                    f"{row.number}) are the same period, {pc.period.label}; the pipeline cannot "
                    "tell which to read. Delete or rename one of them.",
                    sheet=sheet.name, row=row.number, column=pc.header, value=pc.header,
                )
                continue
            seen[key] = pc
            kept.append(pc)
        return kept

    def forget_notices(
        self, sheet: RawSheet, header: HeaderMatch, periods: list[PeriodColumn]
    ) -> None:
        """Period columns are read: drop the 'column ignored' notices find_header gave them."""
        labels = {cell_label(sheet.rows[header.index].cell(pc.index)) for pc in periods}
        self.report.issues[:] = [
            i for i in self.report.issues
            if not (i.code == "extra-label" and i.sheet == sheet.name and i.row == header.row
                    and i.column in labels)
        ]
        header.unknown = [(i, label) for i, label in header.unknown if label not in labels]

    def indicator_row(self, sheet: RawSheet, rec: Record) -> Indicator | None:
        title = self.text(sheet, rec, "Title")
        code = self.text(sheet, rec, "Code")
        if not title:
            if code or any(not rec.is_empty(c) for c in ("Target", "Polarity", "Unit")):
                self.report.error(
                    "missing-cell",
                    f"This row has {'the code ' + repr(code) if code else 'details'} but no "
                    "indicator title. Type the title of the indicator, or delete the row.",
                    **self.where(sheet, rec, "Title"),
                )
            return None
        indicator = Indicator(
            title=title,
            code=code,
            theme=self.text(sheet, rec, "Theme"),
            unit=normalise_unit(self.text(sheet, rec, "Unit")) if rec.header.has("Unit") else "",
            responsible_officer=self.text(sheet, rec, "Responsible officer"),
            definition=self.text(sheet, rec, "Definition"),
            commentary=self.text(sheet, rec, "Commentary"),
            source=Source(self.file, sheet.name, rec.number),
        )
        if indicator.unit == "number" and rec.is_empty("Unit"):
            indicator.unit = ""
        judge = self.text(sheet, rec, "Judge on") if rec.header.has("Judge on") else ""
        if judge:
            parsed = parse_judge_on(judge)
            if parsed is None:
                self.report.error(
                    "constraint-error",
                    f"{judge!r} is not a figure the status can be judged on. Type In-month "
                    "(the month's own figure, the default) or Year to date (the cumulative "
                    "figure).",
                    value=judge, **self.where(sheet, rec, "Judge on"),
                )
            else:
                indicator.judge_on = parsed
        polarity_text = self.text(sheet, rec, "Polarity")
        if polarity_text:
            indicator.polarity = parse_polarity(polarity_text)
            if indicator.polarity is None:
                self.report.error(
                    "constraint-error",
                    f"{polarity_text!r} is not a polarity the pipeline understands. Type High "
                    "(when a higher value is better) or Low (when a lower value is better).",
                    value=polarity_text, **self.where(sheet, rec, "Polarity"),
                )
        target = self.figure(sheet, rec, "Target", indicator)
        indicator.target = target
        if target is not None:
            indicator.target_format = number_format_of(rec.cell("Target"))
        indicator.tolerance = self.figure(sheet, rec, "Tolerance", indicator)
        for name in COMPARATOR_COLUMNS:
            value = self.figure(sheet, rec, name, indicator)
            if value is not None:
                indicator.comparators.append(Comparator(
                    rec.header.header(name), value, number_format_of(rec.cell(name))))
        if target is not None and not polarity_text:
            self.report.error(
                "missing-cell",
                f"This indicator has a target ({display_text(rec.cell('Target'))}) but no "
                "polarity, so the pipeline cannot tell whether it is met. Type High (a higher "
                "value is better) or Low (a lower value is better) in the "
                f"{rec.header.header('Polarity')!r} column.",
                **self.where(sheet, rec, "Polarity"),
            )
        self.add(sheet, rec, indicator)
        return indicator

    def figure(
        self, sheet: RawSheet, rec: Record, column: str, indicator: Indicator
    ) -> float | None:
        if not rec.header.has(column):
            return None
        what = {"Target": "target", "Tolerance": "tolerance"}.get(column, column)
        got = self.number(
            rec.cell(column), self.where(sheet, rec, column), what, no_data_ok=column != "Target"
        )
        if got is None:
            return None
        value, was_percent = got
        if was_percent and not indicator.unit:
            indicator.unit = "%"
        return value

    def add(self, sheet: RawSheet, rec: Record, indicator: Indicator) -> None:
        key = ("code", normalise_label(indicator.code)) if indicator.code else (
            "title", normalise_label(indicator.title)
        )
        if key in self.first_row:
            first = self.first_row[key]
            what = f"code {indicator.code!r}" if indicator.code else f"title {indicator.title!r}"
            self.report.warning(
                "unique-error",
                f"Rows {first} and {rec.number} are the same indicator ({what}). Both are "
                "reported; delete the one that was copied by mistake.",
                value=one_line(indicator.code or indicator.title),
                **self.where(sheet, rec, "Code" if indicator.code else "Title"),
            )
        else:
            self.first_row[key] = rec.number
            if indicator.code:
                self.by_code.setdefault(normalise_label(indicator.code), indicator)
            self.by_title.setdefault(normalise_label(indicator.title), indicator)
        self.indicators.append(indicator)

    # --- values ----------------------------------------------------------------------------
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
        indicator.series.append(
            Observation(
                period, value, extra[0], extra[1], Source(self.file, sheet.name, rec.number),
                ytd=ytd, number_format=number_format_of(cell),
                ytd_format=ytd_format if ytd is not None else "",
            )
        )

    def wide_values(
        self, sheet: RawSheet, rec: Record, indicator: Indicator, periods: list[PeriodColumn]
    ) -> None:
        for pc in periods:
            self.observe(sheet, rec, indicator, pc.period, rec.row.cell(pc.index), pc.header)

    def values_header(self, sheet: RawSheet) -> tuple[HeaderMatch, list[PeriodColumn]] | None:
        """The Values sheet's header row: long (Period and Value) or wide (period columns)."""
        for index, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
            columns: dict[str, tuple[int, str]] = {}
            for i, cell in enumerate(row.cells):
                for spec in VALUES.columns:
                    if _matches(spec, cell) and spec.name not in columns:
                        columns[spec.name] = (i, cell_label(cell))
                        break
            if "Code" not in columns and "Title" not in columns:
                continue
            match = HeaderMatch(row=row.number, index=index, columns=columns)
            if "Period" in columns and "Value" in columns:
                return match, []
            skip = {i for i, _ in columns.values()}
            periods = self.period_header(sheet, row, skip)
            if periods:
                for name in ("Period", "Value", "Numerator", "Denominator", "Year to date"):
                    columns.pop(name, None)
                return match, periods
        self.report.error(
            "missing-label",
            "No header row was found on the values sheet. Expected either the headers "
            '"Code" (or "Title"), "Period" and "Value", or "Code" (or "Title") followed by one '
            'column per period, such as "Aug 2011" or "Q2 2011/12".',
            sheet=sheet.name, column="Period",
        )
        return None

    def find(self, sheet: RawSheet, rec: Record, create: bool) -> Indicator | None:
        code = self.text(sheet, rec, "Code")
        title = self.text(sheet, rec, "Title")
        if not code and not title:
            column = "Code" if rec.header.has("Code") else "Title"
            self.report.error(
                "missing-cell",
                "This row has values but no indicator code or title, so the pipeline cannot tell "
                "which indicator they belong to. Type the code or title, or delete the row.",
                **self.where(sheet, rec, column),
            )
            return None
        found = self.by_code.get(normalise_label(code)) if code else None
        if found is None and title and not code:
            found = self.by_title.get(normalise_label(title))
        if found is None and code and title:
            found = self.by_title.get(normalise_label(title))
        if found is not None:
            return found
        if create:
            indicator = Indicator(title=title or code, code=code if title else "",
                                  source=Source(self.file, sheet.name, rec.number))
            self.add(sheet, rec, indicator)
            return indicator
        column = "Code" if code else "Title"
        name = code or title
        self.report.error(
            "constraint-error",
            f"The indicator {name!r} is not on the Indicators sheet, so its values cannot be "
            f"reported. Check the {'code' if code else 'title'} is spelt as on the Indicators "
            "sheet, or add the indicator there.",
            value=name, **self.where(sheet, rec, column),
        )
        return None

    def read_values_sheet(self, sheet: RawSheet, create: bool) -> bool:
        found = self.values_header(sheet)
        if found is None:
            return False
        header, periods = found
        for rec in records(sheet, header):
            if periods:
                if create and not self.text(sheet, rec, "Code") and not self.text(
                    sheet, rec, "Title"
                ) and all(is_empty(rec.row.cell(pc.index).value) for pc in periods):
                    continue
                indicator = self.find(sheet, rec, create)
                if indicator is not None:
                    self.wide_values(sheet, rec, indicator, periods)
                continue
            self.long_value(sheet, rec, create)
        warn_hidden_rows(sheet, header, self.report)
        return True

    def long_value(self, sheet: RawSheet, rec: Record, create: bool) -> None:
        indicator = self.find(sheet, rec, create)
        cell = rec.cell("Period")
        raw = None if cell is None else cell.value
        if is_empty(raw):
            self.report.error(
                "missing-cell",
                f"The period is empty. Type {PERIOD_EXAMPLES}.",
                **self.where(sheet, rec, "Period"),
            )
            return
        value = raw
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            value = str(int(raw)) if float(raw).is_integer() else str(raw)
        elif isinstance(raw, str):
            value = " ".join(raw.split())
        period = parse_period(value)
        if period is None:
            shown = display_text(cell)
            self.report.error(
                "format-error",
                f"{shown!r} is not a period the pipeline can read. Type {PERIOD_EXAMPLES}.",
                value=shown, **self.where(sheet, rec, "Period"),
            )
            return
        if indicator is None:
            return
        extra: list[float | None] = []
        for name in ("Numerator", "Denominator", "Year to date"):
            got = None
            if rec.header.has(name):
                got = self.number(rec.cell(name), self.where(sheet, rec, name),
                                  name.lower(), no_data_ok=True)
            extra.append(None if got is None else got[0])
        self.observe(
            sheet, rec, indicator, period, rec.cell("Value"), rec.header.header("Value"),
            (extra[0], extra[1]), ytd=extra[2],
            ytd_format=number_format_of(rec.cell("Year to date"))
            if rec.header.has("Year to date") else "",
        )

    # --- finishing -------------------------------------------------------------------------
    def finish(self) -> None:
        for indicator in self.indicators:
            indicator.series.sort(key=lambda o: o.period)
            if not indicator.unit and id(indicator) in self.percent_values:
                indicator.unit = "%"
            fill_year_to_date(indicator)


def read_indicators(
    indicators: RawSheet | None,
    values: RawSheet | None,
    details: Details,
    report: IssueReport,
    file: str,
) -> IndicatorSet | None:
    """The indicators of a workbook, with their series in time order; None when none are read.

    `indicators` is the Indicators sheet (or a wide table on its own); `values` the Values
    sheet. Either may be missing. Problems are added to `report`, located.
    """
    reader = _Reader(report, file)
    read_any = False
    if indicators is not None:
        read_any = reader.read_indicator_sheet(indicators)
    if values is not None:
        create = indicators is None or not read_any
        read_any = reader.read_values_sheet(values, create=create) or read_any
    if not read_any:
        return None
    reader.finish()
    if not reader.indicators:
        sheet = indicators if indicators is not None else values
        report.error(
            "missing-cell",
            "No indicators were found: the sheet has headers but no indicator rows. Add one "
            "row per indicator below the header row.",
            sheet=None if sheet is None else sheet.name,
        )
        return None
    return IndicatorSet(details=details, indicators=reader.indicators, source_file=file)


__all__ = ["NO_DATA_WORDS", "looks_like_wide_table", "period_columns", "read_indicators"]
