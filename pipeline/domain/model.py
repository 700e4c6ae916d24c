"""The typed domain model: plain dataclasses, no spreadsheets, no Word.

Only `pipeline.reader` builds these from workbooks; the domain rules
(`pipeline.domain`) and the document builders (`pipeline.documents`) take them.
Every object that came from a spreadsheet row carries its `Source` so that
later rules can still say where a value came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

StatusKey = Literal["complete", "on_track", "at_risk", "behind", "not_started"]
STATUS_KEYS: tuple[StatusKey, ...] = ("complete", "on_track", "at_risk", "behind", "not_started")

Polarity = Literal["high", "low"]
Decision = Literal[
    "Accepted", "Partially accepted", "Accepted in principle", "Not accepted", "Noted"
]
DECISIONS: tuple[Decision, ...] = (
    "Accepted",
    "Partially accepted",
    "Accepted in principle",
    "Not accepted",
    "Noted",
)


@dataclass(frozen=True)
class Source:
    """Where a value came from: file, sheet and the Excel row number."""

    file: str
    sheet: str
    row: int


@dataclass(frozen=True)
class DateValue:
    """A date as a council types it.

    `date` is set when the cell is a real date or parses as one; `text` is what
    the cell showed (kept verbatim for free text such as "Ongoing" or
    "March 2013 and ongoing"). `precision` is "day" for 30/07/2013 and "month"
    for "Aug-12" or "June 2013"; for month precision `date` is the 1st.
    """

    text: str
    date: dt.date | None = None
    precision: Literal["day", "month", "text"] = "text"

    @property
    def is_date(self) -> bool:
        return self.date is not None

    def due_by(self) -> dt.date | None:
        """The last day the date allows: the month's end for month precision."""
        if self.date is None:
            return None
        if self.precision == "month":
            nxt = (self.date.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            return nxt - dt.timedelta(days=1)
        return self.date


@dataclass
class Details:
    """The optional Details sheet: key/value pairs about the document."""

    title: str = ""
    organisation: str = ""
    committee: str = ""
    meeting_date: DateValue | None = None
    as_at: DateValue | None = None
    author: str = ""
    author_title: str = ""
    contact_officer: str = ""
    telephone: str = ""
    email: str = ""
    wards_affected: str = "All"
    protective_marking: str = ""
    background: str = ""
    next_steps: str = ""
    report_number: int | None = None
    scrutiny_report: str = ""
    lead_scrutiny_member: str = ""
    lead_scrutiny_officer: str = ""
    cabinet_member: str = ""
    cabinet_date: DateValue | None = None
    scrutiny_report_date: DateValue | None = None
    update_date: DateValue | None = None
    # The committee report (pipeline.documents.report): cover block and sections.
    agenda_item: str = ""
    report_status: str = ""  # "Public" when blank (the report prints "Public")
    purpose: str = ""
    recommendations: str = ""  # one recommendation per line
    reasons: str = ""
    financial_implications: str = ""
    legal_implications: str = ""
    equalities_implications: str = ""
    risk_implications: str = ""
    consultation: str = ""
    background_papers: str = ""  # one paper per line
    lead_member: str = ""  # "Cabinet member" stands in when blank
    report_of: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    sheet: str = ""  # the Details sheet's name, for messages about its values
    rows: dict[str, int] = field(default_factory=dict)  # attribute -> the row it was read from

    @property
    def has_meeting(self) -> bool:
        """Whether the Details give a committee and a meeting date (a committee report's)."""
        return bool(self.committee.strip()) and self.meeting_date is not None

    def how_to_give(self, attr: str, key: str, what: str) -> str:
        """How to give a detail the workbook lacks, as a clause to follow "To set it, ": in
        its row when the Details sheet has one, else in a new row, else in a new Details
        sheet. `attr` is the attribute, `key` the label in column A, `what` the value."""
        row = self.rows.get(attr)
        if row is not None:
            return f"type {what} in column B of row {row}, beside '{key}'"
        if self.sheet:
            return f"add a row to the Details sheet with '{key}' in column A and {what} in column B"
        return f"add a sheet named Details with '{key}' in column A and {what} in column B"

    def place_of(self, attr: str) -> dict[str, Any]:
        """Where a message about a missing detail points: its blank row's column B, else
        the Details sheet, else nowhere (the workbook has no Details sheet)."""
        row = self.rows.get(attr)
        return {"sheet": self.sheet or None, "row": row, "column": "B" if row else None}


@dataclass(frozen=True)
class StatusEntry:
    """One status of a scheme: its key, printed label, colours and spellings."""

    key: StatusKey
    label: str
    fill: str  # hex without '#', e.g. "00703C"
    text_colour: str  # hex without '#'
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class StatusScheme:
    """The statuses in use: the default scheme or a workbook's RAG key."""

    entries: tuple[StatusEntry, ...]
    from_workbook: bool = False
    listed: tuple[StatusKey, ...] = ()  # the statuses a workbook's RAG key lists

    @property
    def key_entries(self) -> tuple[StatusEntry, ...]:
        """The entries the printed "Key to RAG rating" shows, in scheme order."""
        if self.from_workbook and self.listed:
            return tuple(e for e in self.entries if e.key in self.listed)
        return self.entries

    def entry(self, key: StatusKey) -> StatusEntry:
        for e in self.entries:
            if e.key == key:
                return e
        raise KeyError(key)

    def label(self, key: StatusKey) -> str:
        return self.entry(key).label

    @property
    def keys(self) -> tuple[StatusKey, ...]:
        return tuple(e.key for e in self.entries)


@dataclass
class Action:
    ref: str
    text: str
    status: StatusKey
    outcome: str = ""
    source_of: str = ""  # the "Source" column: where the recommendation came from
    measure: str = ""
    timescale: str = ""
    lead: str = ""
    target_date: DateValue | None = None  # the date in force: the revised date when there is one
    progress: str = ""
    source: Source | None = None
    # The earlier target date, when the date has moved: from an "Original target date" column,
    # the "Target date" beside a "Revised target date", or the previous report's plan.
    original_date: DateValue | None = None
    original_from: str = ""  # "" (the workbook) or how the earlier date is known


@dataclass
class Recommendation:
    ref: str
    text: str
    actions: list[Action] = field(default_factory=list)
    source: Source | None = None


@dataclass
class Priority:
    number: str  # "2", or "" when the plan has no numbered priorities
    title: str
    recommendations: list[Recommendation] = field(default_factory=list)

    @property
    def heading(self) -> str:
        if self.number and self.title:
            return f"Priority {self.number}: {self.title}"
        if self.number:
            return f"Priority {self.number}"
        return self.title


@dataclass(frozen=True)
class PositionLine:
    """A line above a plan's header row giving the position's date."""

    sheet: str
    row: int
    column: str  # the column of its first cell, "A"
    said: str  # the line as messages quote it: "'Position at 30 November 2026'"
    date: DateValue | None  # None when what it gives is not a real date ...
    problem: str = ""  # ... and why ("'31 November 2026' is not a real date. ...")


@dataclass
class Plan:
    details: Details
    scheme: StatusScheme
    priorities: list[Priority] = field(default_factory=list)
    source_file: str = ""
    banner: str = ""  # the Actions sheet's title line above its header row, e.g. in A1
    # A line above the header row giving the position's date ("Position at 30 November
    # 2026"): the plan's As at when the Details give none.
    position_line: PositionLine | None = None

    @property
    def recommendations(self) -> list[Recommendation]:
        return [r for p in self.priorities for r in p.recommendations]

    @property
    def actions(self) -> list[Action]:
        return [a for r in self.recommendations for a in r.actions]


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period, ordered in time by (start, end).

    `label` is how it is printed: "Aug 2011", "Q2 2011/12", "2010/11", "30 Sep 2011".
    """

    start: dt.date
    end: dt.date
    label: str = field(compare=False)
    kind: Literal["month", "quarter", "year", "financial_year", "date"] = field(
        default="month", compare=False
    )


@dataclass
class Observation:
    period: Period
    value: float | None  # None: no data for that period
    numerator: float | None = None
    denominator: float | None = None
    source: Source | None = None
    ytd: float | None = None  # the year-to-date (cumulative) figure at this period
    # The number formats of the cells the value and the year-to-date figure came from
    # ("0.0%", "#,##0", "General"); "" when there was no cell (a figure worked out).
    number_format: str = ""
    ytd_format: str = ""
    ytd_worked_out: bool = False  # ytd summed from numerators and denominators, not typed
    value_worked_out: bool = False  # numerator / denominator, the Value cell being blank


JudgeOn = Literal["month", "ytd"]


@dataclass
class Comparator:
    name: str  # "England average", "Statistical neighbours"
    value: float
    number_format: str = ""  # the cell's number format, as Observation.number_format


@dataclass
class Indicator:
    title: str
    code: str = ""
    theme: str = ""
    polarity: Polarity | None = None
    unit: str = ""  # "%", "number", "rate per 10,000", "days", "£"
    target: float | None = None
    tolerance: float | None = None  # None: 10% of the target
    responsible_officer: str = ""
    definition: str = ""
    commentary: str = ""
    comparators: list[Comparator] = field(default_factory=list)
    series: list[Observation] = field(default_factory=list)  # time order
    source: Source | None = None
    judge_on: JudgeOn = "month"  # status judged on the in-month or the year-to-date figure
    target_format: str = ""  # the Target cell's number format, as Observation.number_format

    @property
    def name(self) -> str:
        """'NI059 – % of initial assessments ...' or just the title."""
        return f"{self.code} – {self.title}" if self.code else self.title


@dataclass
class IndicatorSet:
    details: Details
    indicators: list[Indicator] = field(default_factory=list)
    source_file: str = ""
    banner: str = ""  # the Indicators sheet's title line above its header row


@dataclass
class ScrutinyRecommendation:
    number: str  # "2a" normalised: theme number + optional letter
    theme_number: str
    letter: str  # "" or "a", "b" ...
    text: str
    decision: Decision
    action: str = ""  # response detail, or the reason for rejection
    action_date: DateValue | None = None
    responsible: str = ""
    progress: str = ""
    source: Source | None = None
    revised_date: DateValue | None = None  # a "Revised date" column: the date now in force

    @property
    def date_in_force(self) -> DateValue | None:
        """The revised date when there is one, else the action date."""
        return self.revised_date if self.revised_date is not None else self.action_date


@dataclass
class Theme:
    number: str
    title: str
    recommendations: list[ScrutinyRecommendation] = field(default_factory=list)


@dataclass
class ScrutinyResponse:
    details: Details
    themes: list[Theme] = field(default_factory=list)
    source_file: str = ""

    @property
    def recommendations(self) -> list[ScrutinyRecommendation]:
        return [r for t in self.themes for r in t.recommendations]

    @property
    def has_progress(self) -> bool:
        return any(r.progress.strip() for r in self.recommendations)
