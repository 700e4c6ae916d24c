"""What each blank workbook of `committee new` holds, declared once per input kind.

A `Blank` names the workbook's data sheets (`DataSheet`: the contract's columns, each with
its width, hover help and drop-down choices, and the example rows), its Details keys and the
notes its Instructions sheet adds. `pipeline.reader.blank` writes them; it names no kind.
Every column here is a column of the input contract (`pipeline.reader.columns`,
docs/inputs.md): tests/test_contract_docs.py keeps the three in line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from pipeline.domain.model import DECISIONS
from pipeline.kinds import INPUT_NAMES

PLAN_STATUSES: tuple[str, ...] = ("Complete", "On track", "At risk", "Behind schedule",
                                  "Not started")
POLARITIES: tuple[str, ...] = ("High", "Low")
JUDGE_ON: tuple[str, ...] = ("In-month", "Year to date")
RESPONSES: tuple[str, ...] = tuple(DECISIONS)


@dataclass(frozen=True)
class Column:
    header: str
    width: int
    help: str
    choices: tuple[str, ...] = ()
    number_format: str = ""


PLAN_COLUMNS: tuple[Column, ...] = (
    Column("Priority", 26, "The priority or theme the recommendation sits under, e.g. "
           "\"1: Keep children safe\". Fill it in on the first row of each priority only; "
           "blank means the same as the row above."),
    Column("Ref", 7, "The recommendation's reference, e.g. R4. First row of each "
           "recommendation only; blank means the same as the row above."),
    Column("Recommendation", 34, "What was recommended. First row of each recommendation "
           "only. A row with a Ref and Recommendation but no Action is a recommendation with "
           "no actions yet: it still appears in the documents (its other cells are not "
           "printed, so leave them blank)."),
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
    Column("Judge on", 14, "Which figure the status is judged on: In-month (the period's own "
           "figure) or Year to date (the cumulative figure). Blank means In-month.",
           choices=JUDGE_ON),
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
    Column("Revised date", 14, "For the progress update, only when the action date has "
           "moved: the new date. Leave the Action date as it was; the update prints "
           "\"October 2013 (was September 2013)\".", number_format="dd/mm/yyyy"),
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

PLAN_DETAILS: tuple[tuple[str, str], ...] = DETAILS_COMMON + (
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
)
INDICATOR_DETAILS: tuple[tuple[str, str], ...] = DETAILS_COMMON + (
    ("As at", "The date the figures describe, e.g. 30/09/2011."),
    ("Author", "Who wrote the report."),
    ("Author title", "The author's job title."),
    ("Contact officer", "Name for the cover sheet."),
    ("Telephone", "Contact telephone number."),
    ("Email", "Contact email address."),
    ("Wards affected", "Leave as All unless the report is for particular wards."),
    ("Protective marking", "e.g. OFFICIAL. Leave blank for none."),
)
RESPONSE_DETAILS: tuple[tuple[str, str], ...] = DETAILS_COMMON + (
    ("Scrutiny report", "The title of the scrutiny committee's report."),
    ("Scrutiny report date", "The date of the scrutiny report."),
    ("Lead scrutiny member", "e.g. Cllr. Mike Ion."),
    ("Lead scrutiny officer", "The scrutiny officer's name."),
    ("Cabinet member", "e.g. Cllr. Paul Watling."),
    ("Cabinet date", "The date of the cabinet meeting, e.g. 27/06/2013."),
    ("Response prepared by", "Name and job title."),
    ("Update date", "For the progress update: the date of the meeting it goes to, e.g. "
     "15/08/2013. Actions past their date with no progress are flagged against it."),
    ("Protective marking", "e.g. OFFICIAL. Leave blank for none."),
)

DETAILS_DEFAULTS: dict[str, str] = {"Wards affected": "All"}



class InThreeMonths:
    """An example row's target date: the end of the month about three months from today."""

    def value(self) -> dt.date:
        today = dt.date.today()
        month = today.month + 3
        year = today.year + (month - 1) // 12
        month = (month - 1) % 12 + 1
        first_next = dt.date(year + month // 12, month % 12 + 1, 1)
        return first_next - dt.timedelta(days=1)


IN_THREE_MONTHS = InThreeMonths()


@dataclass(frozen=True)
class DataSheet:
    """One data sheet of a blank workbook: its contract columns and its example rows."""

    name: str
    one_row_per: str  # "action": said in the Instructions
    columns: tuple[Column, ...]
    examples: tuple[tuple[Any, ...], ...]


@dataclass(frozen=True)
class Blank:
    """The blank workbook of one input kind (`pipeline.kinds.INPUT_KINDS`)."""

    kind: str
    what: str  # "an improvement plan": in the Instructions' heading
    sheets: tuple[DataSheet, ...]
    details: tuple[tuple[str, str], ...]  # Details keys and their hover help
    notes: tuple[str, ...] = field(default=())  # Instructions lines after the columns


PLAN = Blank(
    "plan", "an improvement plan",
    (DataSheet("Actions", "action", PLAN_COLUMNS, ((
        "1: Ensure there is a timely response to social care enquiries",
        "R1",
        "Ensure that the outcomes of child protection enquiries are recorded promptly",
        "Example – delete this row: review weekly reports of outstanding enquiries with each "
        "team manager",
        "Enquiries recorded within 24 hours", "Ofsted inspection report",
        "Weekly report of outstanding enquiries", "3 months", "A. Manager", IN_THREE_MONTHS,
        None, "Weekly meetings started.\nFirst report due next month.", "On track",
    ),)),),
    PLAN_DETAILS + DETAILS_REPORT,
    (
        "Statuses",
        "  Complete: the action is finished.",
        "  On track: under way and on schedule (\"in progress\" and \"green\" also work).",
        "  At risk: some slippage (\"amber\" also works).",
        "  Behind schedule: late or off track (\"red\", \"delayed\" also work).",
        "  Not started: planned but not begun.",
        "  To use your own labels and colours, add a sheet called \"RAG key\" with the "
        "columns Label, Colour, Meaning and Aliases (see docs/inputs.md).",
    ),
)

INDICATORS = Blank(
    "indicators", "performance indicators",
    (
        DataSheet("Indicators", "indicator", INDICATOR_COLUMNS, ((
            "NI059",
            "Example – delete this row: % of initial assessments within 10 working days",
            "Keeping children safe", "High", "%", 80, 5, "A. Manager",
            "Initial assessments completed within 10 working days of referral, as a "
            "percentage of all initial assessments completed.",
            "Performance is improving month on month.", None, 79.6, 83,
        ),)),
        DataSheet("Values", "figure", VALUE_COLUMNS, (
            ("NI059", "Apr 2024", 62.5), ("NI059", "May 2024", 66.0),
            ("NI059", "Jun 2024", 71.3),
        )),
    ),
    INDICATOR_DETAILS + DETAILS_REPORT,
    (
        "Values sheet",
        "  One row per indicator per period. Periods may come in any order: the report "
        "sorts them by date. A blank value means no data for that period.",
        "  For a year-to-date figure beside the month's, add Numerator and Denominator "
        "columns (the report adds them up from April), or a Year to date column.",
    ),
)

RESPONSE = Blank(
    "response", "a cabinet response to scrutiny recommendations",
    (DataSheet("Recommendations", "recommendation", RESPONSE_COLUMNS, ((
        "1", "Members' responsibility as Corporate Parents",
        "Example – delete this row: that the Council holds regular briefings for all elected "
        "members on their responsibilities as Corporate Parents",
        "Accepted", "Briefings will be held twice a year, starting in March.",
        "March 2025 and ongoing", None, "A. Manager, Assistant Director", "",
    ),)),),
    RESPONSE_DETAILS + DETAILS_REPORT,
    (
        "Responses",
        "  " + ", ".join(RESPONSES) + ". \"Rejected\" also works for Not accepted.",
        "  When a recommendation is not accepted, give the reason in the Action column.",
    ),
)

BLANKS: dict[str, Blank] = {b.kind: b for b in (PLAN, INDICATORS, RESPONSE)}
assert tuple(BLANKS) == INPUT_NAMES, "one blank workbook for each input kind (pipeline.kinds)"
