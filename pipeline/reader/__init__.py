"""Reading workbooks: the only part of the pipeline that knows about spreadsheets.

`read_workbook(path)` reads every sheet it can use, validates everything in
one pass and returns the domain objects with an `IssueReport`. Errors mean the
documents of that workbook must not be made; warnings are printed and the
documents made.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.domain.model import Details, IndicatorSet, Plan, ScrutinyResponse
from pipeline.domain.plan_rules import distinct_recommendations
from pipeline.issues import IssueReport
from pipeline.kinds import INPUT_NAMES
from pipeline.reader.columns import (
    ACTIONS,
    DETAILS_NAMES,
    INDICATORS,
    RAG_KEY,
    RECOMMENDATIONS,
    VALUES,
    SheetSpec,
)
from pipeline.reader.defaults import Given, complete_details
from pipeline.reader.workbook import RawSheet, load_sheets
from pipeline.text import normalise_label

# The parts a workbook can hold (pipeline.kinds.INPUT_KINDS): each an attribute below.
KIND_ORDER = INPUT_NAMES


@dataclass
class WorkbookResult:
    path: Path
    report: IssueReport
    plan: Plan | None = None
    indicators: IndicatorSet | None = None
    response: ScrutinyResponse | None = None
    details: Details = field(default_factory=Details)

    @property
    def kinds(self) -> list[str]:
        return [name for name in KIND_ORDER if getattr(self, name) is not None]

    @property
    def valid(self) -> bool:
        return self.report.ok and bool(self.kinds)

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        if self.plan is not None:
            counts["priorities"] = len(self.plan.priorities)
            # Distinct refs (a recommendation without a ref counts by its text), including
            # those with no actions yet: one recommendation split over two places counts once.
            counts["recommendations"] = len(distinct_recommendations(self.plan))
            counts["actions"] = len(self.plan.actions)
        if self.indicators is not None:
            counts["indicators"] = len(self.indicators.indicators)
        if self.response is not None:
            counts["scrutiny_recommendations"] = len(self.response.recommendations)
            if "recommendations" not in counts:
                counts["recommendations"] = len(self.response.recommendations)
        return counts


@dataclass
class _Sheets:
    details: RawSheet | None = None
    rag_key: RawSheet | None = None
    actions: RawSheet | None = None
    indicators: RawSheet | None = None
    values: RawSheet | None = None
    recommendations: RawSheet | None = None


_BY_NAME: tuple[tuple[str, SheetSpec | None, tuple[str, ...]], ...] = (
    ("details", None, DETAILS_NAMES),
    ("rag_key", RAG_KEY, RAG_KEY.names),
    ("actions", ACTIONS, ACTIONS.names),
    ("indicators", INDICATORS, INDICATORS.names),
    ("values", VALUES, VALUES.names),
    ("recommendations", RECOMMENDATIONS, RECOMMENDATIONS.names),
)


def _classify(sheets: list[RawSheet], report: IssueReport) -> _Sheets:
    from pipeline.reader.headers import likeness

    found = _Sheets()
    unplaced: list[RawSheet] = []
    for sheet in sheets:
        norm = normalise_label(sheet.name)
        slot = None
        for name, _spec, names in _BY_NAME:
            if norm in {normalise_label(n) for n in names}:
                slot = name
                break
        if slot is None:
            unplaced.append(sheet)
            continue
        _place(found, slot, sheet, report)
    # A sheet with another name is read by its headers: the kind whose columns it holds most.
    for sheet in unplaced:
        scores = [
            (likeness(sheet, spec), slot)
            for slot, spec in (
                ("actions", ACTIONS),
                ("recommendations", RECOMMENDATIONS),
                ("indicators", INDICATORS),
            )
        ]
        score, slot = max(scores)
        if score:
            _place(found, slot, sheet, report)
        elif found.indicators is None:
            # A wide table on its own (Bury's "Item | August 2018 | November 2018").
            from pipeline.reader.indicator_cells import looks_like_wide_table

            if looks_like_wide_table(sheet):
                _place(found, "indicators", sheet, report)
    if not (found.actions or found.indicators or found.values or found.recommendations):
        _judge_by_headers(found, [s for s in unplaced if s.rows], report)
    return found


# A sheet judged by its headers alone must hold at least this many of a kind's columns.
_LEAST_HEADERS = 2


def _judge_by_headers(found: _Sheets, unplaced: list[RawSheet], report: IssueReport) -> None:
    """A CSV file, or a workbook whose one sheet has another name ("Sheet1"), that holds no
    kind's every required header: read as the kind whose headers it holds most, so that its
    header problems are said ("did you mean "Status"?") rather than that no sheet was found."""
    from pipeline.reader.headers import partial_likeness

    if len(unplaced) != 1:
        return
    sheet = unplaced[0]
    score, _, slot = max(
        (partial_likeness(sheet, spec), -order, slot)
        for order, (slot, spec) in enumerate(
            (("actions", ACTIONS), ("recommendations", RECOMMENDATIONS),
             ("indicators", INDICATORS)))
    )
    if score >= _LEAST_HEADERS:
        _place(found, slot, sheet, report)


def _place(found: _Sheets, slot: str, sheet: RawSheet, report: IssueReport) -> None:
    current: RawSheet | None = getattr(found, slot)
    if current is None:
        setattr(found, slot, sheet)
        if sheet.hidden:
            report.warning(
                "hidden-content",
                f"The sheet {sheet.name!r} is hidden but was read. Unhide it in Excel to check "
                "it is the one you mean.",
                sheet=sheet.name,
            )
        return
    keep, drop = (sheet, current) if current.hidden and not sheet.hidden else (current, sheet)
    setattr(found, slot, keep)
    report.warning(
        "hidden-content" if drop.hidden else "unique-error",
        f"Two sheets hold the same kind of data: {keep.name!r} was read and {drop.name!r} "
        f"was ignored{' (it is hidden)' if drop.hidden else ''}. Delete the one that is out "
        "of date.",
        sheet=drop.name,
    )


def _no_csv_headers(sheet: RawSheet, report: IssueReport) -> None:
    """A CSV file has no sheets to name: say what its first row holds and what is expected."""
    from pipeline.reader.headers import cell_label

    first = next((row for row in sheet.rows if not row.is_blank()), None)
    labels = [label for cell in (first.cells if first else []) if (label := cell_label(cell))]
    report.error(
        "missing-label",
        "None of the headers this tool reads were found"
        + (f" (row {first.number} holds: {', '.join(labels)[:200]})" if first else "")
        + ". The first row should hold the column headers: for a plan Recommendation, "
        "Action, Lead, Target date, Progress and Status; for a cabinet response "
        "Recommendation and Response; for performance indicators Title. See docs/inputs.md, "
        "or make a blank workbook with `committee new plan` and save it as CSV.",
        sheet=sheet.name,
        row=first.number if first else None,
    )


def open_in_excel_message(path: Path) -> str:
    return (f"{path.name} is open in Excel (or was not closed); its saved version was used. "
            "Save and close it in Excel if it has changes, then run the command again.")


def warn_if_open_in_excel(path: Path, report: IssueReport) -> None:
    """Excel's lock file "~$plan.xlsx" beside the workbook: changes not saved are not read."""
    if path.with_name("~$" + path.name).is_file():
        report.warning("hidden-content", open_in_excel_message(path))


def read_workbook(path: Path, given: Given | None = None) -> WorkbookResult:
    """Read, validate and model one workbook or CSV file; `given` holds the title and as-at
    date given on the command line."""
    from pipeline.domain.status import DEFAULT_SCHEME
    from pipeline.reader.actions import read_actions
    from pipeline.reader.details import read_details
    from pipeline.reader.headers import find_header
    from pipeline.reader.rag_key import read_rag_key

    path = Path(path)
    report = IssueReport(file=str(path))
    result = WorkbookResult(path=path, report=report)
    sheets = load_sheets(path, report)
    if not sheets:
        return result
    warn_if_open_in_excel(path, report)
    found = _classify(sheets, report)
    details = read_details(found.details, report) if found.details else Details()
    result.details = details

    if found.actions is not None:
        scheme = DEFAULT_SCHEME
        if found.rag_key is not None:
            scheme = read_rag_key(found.rag_key, report) or DEFAULT_SCHEME
        header = find_header(found.actions, ACTIONS, report)
        if header is not None:
            result.plan = read_actions(found.actions, header, scheme, details, report, str(path))
        if result.plan is not None and found.rag_key is not None:
            from pipeline.reader.key_coverage import warn_statuses_not_in_key

            warn_statuses_not_in_key(result.plan, found.rag_key.name, report)

    if found.indicators is not None or found.values is not None:
        from pipeline.reader.indicators import read_indicators

        result.indicators = read_indicators(
            found.indicators, found.values, details, report, str(path)
        )

    response_header = None
    if found.recommendations is not None:
        from pipeline.reader.recommendations import read_recommendations

        response_header = find_header(found.recommendations, RECOMMENDATIONS, report)
        if response_header is not None:
            result.response = read_recommendations(
                found.recommendations, response_header, details, report, str(path)
            )

    complete_details(path, details, report, plan=result.plan is not None,
                     csv=path.suffix.lower() == ".csv", given=given,
                     banner=result.plan.banner if result.plan is not None else (
                         result.indicators.banner if result.indicators is not None else ""),
                     banner_sheet=found.indicators.name if found.indicators else "",
                     position=result.plan.position_line if result.plan is not None else None)
    if result.response is not None and found.recommendations and response_header:
        from pipeline.reader.response_update_date import warn_no_update_date

        warn_no_update_date(result.response, found.recommendations, response_header, report,
                            csv=path.suffix.lower() == ".csv")
    if not (found.actions or found.indicators or found.values or found.recommendations):
        if path.suffix.lower() == ".csv":
            _no_csv_headers(sheets[0], report)
            return result
        names = ", ".join(repr(s.name) for s in sheets)
        report.error(
            "missing-sheet",
            f"No sheet this tool can use was found (sheets: {names}). A plan needs a sheet "
            "named Actions, a performance report sheets named Indicators and Values, a cabinet "
            "response a sheet named Recommendations. See docs/inputs.md, or make a blank "
            "workbook with `committee new plan`.",
        )
    return result


__all__ = ["KIND_ORDER", "Given", "WorkbookResult", "read_workbook"]
