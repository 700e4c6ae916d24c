"""The Indicators and Values sheets: indicators, their targets and their series of values.

Layouts read (see the input contract):
- an Indicators sheet (Code, Title, Theme, Polarity, Unit, Target, ...) and a Values sheet,
  long (Code or Title | Period | Value [| Numerator | Denominator]) or wide (Code or Title,
  then one column per period);
- an Indicators sheet that carries its own period columns ("Aug 2011", "Q2 2011/12" ...);
- a wide table on its own, like Bury's "Item | August 2018 | November 2018": each row is an
  indicator with no target and no polarity.

Every problem is located: sheet, Excel row, column header as written, value.

The Indicators sheet's rows are read here; the Values sheet, and the values each indicator
collects, in `indicator_values`; what a figure or a period header says, in `indicator_cells`.
"""

from __future__ import annotations

from pipeline.domain.indicator_rules import normalise_unit, parse_judge_on, parse_polarity
from pipeline.domain.model import Comparator, Details, Indicator, IndicatorSet, Source
from pipeline.issues import IssueReport
from pipeline.reader.cells import display_text, number_format_of
from pipeline.reader.columns import INDICATORS
from pipeline.reader.headers import (
    HeaderMatch,
    Record,
    cell_label,
    find_header,
    records,
    warn_hidden_rows,
)
from pipeline.reader.indicator_cells import PeriodColumn, unique_periods
from pipeline.reader.indicator_values import Collected, read_values_sheet
from pipeline.reader.lines_above import banner
from pipeline.reader.raw import RawSheet, is_empty

COMPARATOR_COLUMNS = ("England average", "Statistical neighbours")
# Cells that make a row with no title an indicator missing its title, not an empty row.
DETAIL_COLUMNS = ("Target", "Polarity", "Unit", "Tolerance", "Judge on", *COMPARATOR_COLUMNS)


def _read_indicator_sheet(c: Collected, sheet: RawSheet) -> str | None:
    """Read the Indicators sheet's rows (and any period columns it carries) into `c`; the
    sheet's title line above its header row ("" for none), or None when it has no header
    row."""
    header = find_header(sheet, INDICATORS, c.report)
    if header is None:
        return None
    header_row = sheet.rows[header.index]
    periods = unique_periods(c.report, sheet, header_row, {i for i, _ in header.columns.values()})
    if periods:
        _forget_notices(c, sheet, header, periods)
    for rec in records(sheet, header):
        indicator = _indicator_row(c, sheet, rec, periods)
        if indicator is not None and periods:
            c.wide_values(sheet, rec, indicator, periods)
    warn_hidden_rows(sheet, header, c.report)
    return banner(sheet, header, nearest=True)  # the table's own heading (docs/inputs.md)


def _forget_notices(
    c: Collected, sheet: RawSheet, header: HeaderMatch, periods: list[PeriodColumn]
) -> None:
    """Period columns are read: drop the 'column ignored' notices find_header gave them."""
    labels = {cell_label(sheet.rows[header.index].cell(pc.index)) for pc in periods}
    c.report.issues[:] = [
        i for i in c.report.issues
        if not (i.code == "extra-label" and i.sheet == sheet.name and i.row == header.row
                and i.column in labels)
    ]
    header.unknown = [(i, label) for i, label in header.unknown if label not in labels]


def _indicator_row(
    c: Collected, sheet: RawSheet, rec: Record, periods: list[PeriodColumn]
) -> Indicator | None:
    """One row of the Indicators sheet: its indicator, or None (blank, or no title: a
    located error, the row's other cells checked all the same and set aside)."""
    title = c.text(sheet, rec, "Title")
    code = c.text(sheet, rec, "Code")
    if not title and not _untitled(c, sheet, rec, code, periods):
        return None
    indicator = Indicator(
        title=title,
        code=code,
        theme=c.text(sheet, rec, "Theme"),
        unit=normalise_unit(c.text(sheet, rec, "Unit")) if rec.header.has("Unit") else "",
        responsible_officer=c.text(sheet, rec, "Responsible officer"),
        definition=c.text(sheet, rec, "Definition"),
        commentary=c.text(sheet, rec, "Commentary"),
        source=Source(c.file, sheet.name, rec.number),
    )
    if indicator.unit == "number" and rec.is_empty("Unit"):
        indicator.unit = ""
    _judge_on(c, sheet, rec, indicator)
    polarity_text = _polarity(c, sheet, rec, indicator)
    _figures(c, sheet, rec, indicator)
    if indicator.target is not None and not polarity_text:
        c.report.error(
            "missing-cell",
            f"This indicator has a target ({display_text(rec.cell('Target'))}) but no "
            "polarity, so there is no telling whether it is met. Type High (a higher "
            "value is better) or Low (a lower value is better) in the "
            f"{rec.header.header('Polarity')!r} column.",
            **c.where(sheet, rec, "Polarity"),
        )
    if title:
        c.add(sheet, rec, indicator)
    else:
        c.set_aside(indicator)
    return indicator


def _untitled(
    c: Collected, sheet: RawSheet, rec: Record, code: str, periods: list[PeriodColumn]
) -> bool:
    """A row with no title: a located error when it has a code or details (True: its other
    cells are then checked too), else nothing (False: a row of no indicator)."""
    details = any(not rec.is_empty(col) for col in DETAIL_COLUMNS) or any(
        not is_empty(rec.row.cell(pc.index).value) for pc in periods)
    if not code and not details:
        return False
    c.report.error(
        "missing-cell",
        f"This row has {'the code ' + repr(code) if code else 'details'} but no "
        "indicator title. Type the title of the indicator, or delete the row.",
        **c.where(sheet, rec, "Title"),
    )
    return True


def _judge_on(c: Collected, sheet: RawSheet, rec: Record, indicator: Indicator) -> None:
    judge = c.text(sheet, rec, "Judge on") if rec.header.has("Judge on") else ""
    if not judge:
        return
    parsed = parse_judge_on(judge)
    if parsed is None:
        c.report.error(
            "constraint-error",
            f"{judge!r} is not a figure the status can be judged on. Type In-month "
            "(the month's own figure, the default) or Year to date (the cumulative "
            "figure).",
            value=judge, **c.where(sheet, rec, "Judge on"),
        )
    else:
        indicator.judge_on = parsed


def _polarity(c: Collected, sheet: RawSheet, rec: Record, indicator: Indicator) -> str:
    """The polarity as typed (set on the indicator when it is one the pipeline knows)."""
    polarity_text = c.text(sheet, rec, "Polarity")
    if polarity_text:
        indicator.polarity = parse_polarity(polarity_text)
        if indicator.polarity is None:
            c.report.error(
                "constraint-error",
                f"{polarity_text!r} is not a polarity. Type High (when a higher value is "
                "better) or Low (when a lower value is better).",
                value=polarity_text, **c.where(sheet, rec, "Polarity"),
            )
    return polarity_text


def _figures(c: Collected, sheet: RawSheet, rec: Record, indicator: Indicator) -> None:
    """The target, tolerance and comparator figures."""
    indicator.target = _figure(c, sheet, rec, "Target", indicator)
    if indicator.target is not None:
        indicator.target_format = number_format_of(rec.cell("Target"))
    indicator.tolerance = _figure(c, sheet, rec, "Tolerance", indicator)
    for name in COMPARATOR_COLUMNS:
        value = _figure(c, sheet, rec, name, indicator)
        if value is not None:
            indicator.comparators.append(Comparator(
                rec.header.header(name), value, number_format_of(rec.cell(name))))


def _figure(
    c: Collected, sheet: RawSheet, rec: Record, column: str, indicator: Indicator
) -> float | None:
    """A Target, Tolerance or comparator figure (a percentage makes the unit %)."""
    if not rec.header.has(column):
        return None
    what = {"Target": "target", "Tolerance": "tolerance"}.get(column, column)
    got = c.number(
        rec.cell(column), c.where(sheet, rec, column), what, no_data_ok=column != "Target"
    )
    if got is None:
        return None
    value, was_percent = got
    if was_percent and not indicator.unit:
        indicator.unit = "%"
    return value


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
    reader = Collected(report, file)
    read_any = False
    title_line: str | None = None
    if indicators is not None:
        title_line = _read_indicator_sheet(reader, indicators)
        read_any = title_line is not None
    if values is not None:
        create = indicators is None or not read_any
        read_any = read_values_sheet(reader, values, create=create) or read_any
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
    return IndicatorSet(details=details, indicators=reader.indicators, source_file=file,
                        banner=title_line or "")

__all__ = ["read_indicators"]
