"""Write the bundled sample inputs into inputs/ (or the folder given).

Three tidy workbooks, one of each kind, modelled on real council papers in
/work/shared/seeds:

- childrens-services-improvement-plan.xlsx: Telford & Wrekin's improvement plan
  (seed 001) laid out to the input contract: Details + Actions.
- performance-indicators.xlsx: Torbay's children's services indicators (seed 002)
  with monthly values April to September 2011: Details + Indicators + Values (long).
- cabinet-response.xlsx: Telford's cabinet response to the scrutiny report on the
  Children in Care Placement Strategy, with the August 2013 progress update
  (seed 001, Table 1 and its update): Details + Recommendations.

The output is deterministic: the same bytes on every run (see xlsx_save.py).

Run: .venv/bin/python scripts/make_samples.py [OUTPUT_DIR]   (default inputs/)
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from telford_data import PLAN
from xlsx_save import save_deterministic

PLAN_FILE = "childrens-services-improvement-plan.xlsx"
INDICATORS_FILE = "performance-indicators.xlsx"
RESPONSE_FILE = "cabinet-response.xlsx"

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
TOP = Alignment(wrap_text=True, vertical="top")
DATE_FORMAT = "dd/mm/yyyy"


# --- shared layout ----------------------------------------------------------------------------


def write_details(ws: Worksheet, pairs: Sequence[tuple[str, Any]]) -> None:
    """Key in column A, value in column B; dates as real dates shown dd/mm/yyyy."""
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 90
    for row, (key, value) in enumerate(pairs, start=1):
        ws.cell(row=row, column=1, value=key).font = Font(bold=True)
        ws.cell(row=row, column=1).alignment = TOP
        cell = ws.cell(row=row, column=2, value=None if value == "" else value)
        cell.alignment = TOP
        if isinstance(value, dt.date):
            cell.number_format = DATE_FORMAT


def write_table(
    ws: Worksheet,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[int],
    formats: dict[str, str] | None = None,
) -> None:
    """A header row (bold, filled, frozen) and the rows under it."""
    formats = formats or {}
    ws.append(list(headers))
    for col, width in enumerate(widths, start=1):
        cell = ws.cell(row=1, column=col)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = TOP
        ws.column_dimensions[get_column_letter(col)].width = width
    for values in rows:
        ws.append([None if v == "" else v for v in values])
        row = ws.max_row
        for col, header in enumerate(headers, start=1):
            cell = ws.cell(row=row, column=col)
            cell.alignment = TOP
            if header in formats and isinstance(cell.value, dt.date):
                cell.number_format = formats[header]
    ws.freeze_panes = "A2"


# --- the improvement plan ---------------------------------------------------------------------

PRIORITY_TITLES = [
    "Ensure there is a timely and effective response to social care enquiries",
    "Redesign social work services to better support the child's journey from needing to "
    "receiving help",
    "Ensure that the quality of social work practice and early help is consistently good",
    "Improve the provision to support mental health and emotional well-being",
    "Children and young people and their families are involved in shaping and improving the "
    "services they receive",
    "Ensure we learn from each other so that we have the knowledge, skills and capacity to keep "
    "children safe (QA)",
    "All children and young people in care are kept healthy",
    "Provide effective transition from being in care to independent living",
]

STATUS_WORDS = {
    "complete": "Complete",
    "in progress": "On track",
    "behind schedule": "Behind schedule",
}

# Rows of the printed plan left out of the sample, to keep it to about fifty actions:
# (ref, 1-based position of the action under that recommendation).
SKIP = {("R1", 2), ("R8", 3), ("R9", 3), ("R9", 5), ("R28", 3), ("R14", 6), ("R13", 2)}
# R7 is printed straight above R20 with no actions of its own; the sample keeps only
# R2 as its recommendation with no actions yet.
SKIP_RECOMMENDATIONS = {"R7"}

# Changes to the printed rows: (ref, position) -> column -> new value.
CHANGES: dict[tuple[str, int], dict[str, str]] = {
    ("R20", 2): {
        "progress": "Pay differentials reviewed with other West Midlands authorities\n"
        "Joining epaycheck – which will allow us access to comparisons regionally and "
        "nationally",
    },
    ("R20", 3): {
        "rag": "On track",
        "progress": "Review completed\nStaff briefings held across Children's Services\n"
        "Reconfiguration plan in progress; resources secured to recruit a temporary project "
        "manager",
    },
    ("R16", 1): {
        "progress": "Neglect and domestic abuse highlighted by frontline social workers.\n"
        "Working with other authorities to develop and pilot a neglect model – to be piloted "
        "by 31/05/13, evaluated by 01/10/13 and then implemented.\n"
        "Domestic abuse to be included in LSCB priorities and action plan for 2013–14",
    },
    ("R19", 1): {
        "progress": "Review completed and with SLT for consideration\n"
        "Additional temporary post agreed for 12 months (£38,500, met from the safeguarding "
        "contingency) and filled",
    },
    ("R27", 1): {
        "progress": "Health assessments are never undertaken without consent\n"
        "BAAF forms are now used, which include a consent section\n"
        "S/ws for CiC placed out of area contact Fern Z if they have any concerns about "
        "health assessments & plans\nHealth of LAC group is monitoring this",
    },
    ("R22", 2): {
        "rag": "At risk",
        "progress": "Workshops to be commissioned between July and October 2013 to roll out "
        "training on revised policy and best practice.\n"
        "Commissioning has slipped because of the summer break – dates not yet confirmed.",
    },
    ("R9", 4): {
        "rag": "On track",
        "progress": "A paediatric liaison post has been created and appointed to. The post "
        "will be based in A&E and will help ensure information is shared if any safeguarding "
        "issues are identified.\nOne children's nurse post in A&E is still vacant; the second "
        "advert closes in August.",
    },
    ("R25", 3): {
        "rag": "At risk",
        "progress": "Process for accessing therapeutic interventions for children and young "
        "people reviewed.\nThe pilot of the process and pathways will not start until "
        "September – later than planned.",
    },
    ("R8", 4): {"target": "Ongoing"},
    ("R17", 1): {"target": "Ongoing"},
    ("R26", 1): {"target": "Ongoing"},
}

# Actions added to the printed plan so that the sample shows every status.
ADDED: dict[str, list[dict[str, str]]] = {
    "R15": [
        {
            "action": "Evaluate the first year of the workforce strategy with staff and report "
            "to the Senior Leadership Team",
            "outcome": "We know whether the strategy is working",
            "source": "Ofsted 2012 unannounced report (Safeguarding)",
            "measure": "Staff survey; vacancy and turnover rates",
            "timescale": "12 months",
            "lead": "Emma Wilcock",
            "target": "Mar-14",
            "progress": "",
            "rag": "Not started",
        }
    ],
    "R24": [
        {
            "action": "Review the supported lodgings offer for care leavers aged 18–21 so that "
            "no care leaver is placed in bed & breakfast",
            "outcome": "No care leaver placed in bed and breakfast accommodation",
            "source": "Ofsted 2012 unannounced report (Children in Care)",
            "measure": "Number of care leavers in bed and breakfast (monthly)",
            "timescale": "6 months",
            "lead": "Sue Marston",
            "target": "Jan-14",
            "progress": "Not started – to begin once the Care Council has been consulted in "
            "October 2013.",
            "rag": "Not started",
        }
    ],
}

MONTHS = {m: i for i, m in enumerate(
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], start=1
)}


def month_date(text: str) -> dt.date | str:
    """'Aug-12' -> 1 August 2012 (shown mmm-yy); anything else stays as typed."""
    match = re.fullmatch(r"([A-Z][a-z]{2})-(\d\d)", text)
    if not match:
        return text
    return dt.date(2000 + int(match.group(2)), MONTHS[match.group(1)], 1)


def clean_recommendation(text: str) -> str:
    return re.sub(r"^RECOMMENDATION\s*:?\s*", "", text).strip()


def plan_rows() -> list[list[Any]]:
    rows: list[list[Any]] = []
    for number, ((_, recommendations), title) in enumerate(
        zip(PLAN, PRIORITY_TITLES, strict=True), start=1
    ):
        priority: str = f"Priority {number}: {title}"
        for ref, text, actions in recommendations:
            if ref in SKIP_RECOMMENDATIONS:
                continue
            first = [priority, ref, clean_recommendation(text)]
            priority = ""
            items = [a._asdict() for a in actions]
            for position, item in enumerate(items, start=1):
                item.update(CHANGES.get((ref, position), {}))
            items = [i for p, i in enumerate(items, start=1) if (ref, p) not in SKIP]
            items += ADDED.get(ref, [])
            if not items:
                rows.append(first + [""] * 9)
                continue
            for item in items:
                status = STATUS_WORDS.get(item["rag"].lower(), item["rag"])
                rows.append(
                    first
                    + [
                        item["action"],
                        item["outcome"],
                        item["source"],
                        item["measure"],
                        item["timescale"],
                        item["lead"],
                        month_date(item["target"]),
                        item["progress"],
                        status,
                    ]
                )
                first = ["", "", ""]
    return rows


PLAN_HEADERS = [
    "Priority", "Ref", "Recommendation", "Action", "Outcome", "Source", "Measure",
    "Timescale", "Lead", "Target date", "Progress", "Status",
]
PLAN_WIDTHS = [28, 6, 34, 42, 30, 24, 30, 11, 22, 10, 60, 16]

PLAN_DETAILS: list[tuple[str, Any]] = [
    ("Title", "Children's Services Improvement Plan"),
    ("Organisation", "Telford & Wrekin Council"),
    ("Committee", "Children & Young People Scrutiny Committee"),
    ("Meeting date", dt.date(2013, 8, 15)),
    ("As at", dt.date(2013, 7, 30)),
    ("Author", "Tilly Heigh"),
    ("Author title", "Service Delivery Manager for Service Improvement"),
    ("Report number", 3),
    ("Agenda item", 6),
    (
        "Purpose",
        "To update the Committee on progress with the Service Improvement Plan developed "
        "following the Ofsted Inspection of Safeguarding and Looked After Children Services in "
        "June and July 2012.",
    ),
    (
        "Recommendations",
        "That the Committee notes the progress made against the Service Improvement Plan.\n"
        "That the Committee receives the refreshed action plan, including the actions from the "
        "Peer Review, at its next meeting.",
    ),
    (
        "Background",
        "This is the third progress report regarding the Service Improvement Plan developed "
        "following the Ofsted Inspection of Safeguarding and Looked After Children Services in "
        "June and July 2012. Progress reports were previously presented in November 2012 and "
        "May 2013.",
    ),
    (
        "Next steps",
        "Most of the actions on the current Service Improvement Plan have been completed. A new "
        "service improvement model is being drafted and will be discussed by the Children and "
        "Family Service Senior Leadership Team in August.\n"
        "Alongside the model will be a refreshed action plan, which will include those actions "
        "outstanding from the current Service Improvement Plan as well as actions from the "
        "recent Peer Review (please see separate report) and actions identified internally.",
    ),
    ("Protective marking", "OFFICIAL"),
]


def build_plan() -> Workbook:
    wb = Workbook()
    details = wb.active
    details.title = "Details"
    write_details(details, PLAN_DETAILS)
    actions = wb.create_sheet("Actions")
    write_table(actions, PLAN_HEADERS, plan_rows(), PLAN_WIDTHS, {"Target date": "mmm-yy"})
    return wb


# --- the performance indicators ---------------------------------------------------------------

THEME = "06 - Ensuring the safety of our most vulnerable children and adults"
PERIODS = ["Apr 2011", "May 2011", "Jun 2011", "Jul 2011", "Aug 2011", "Sep 2011"]

INDICATOR_HEADERS = [
    "Code", "Title", "Theme", "Polarity", "Unit", "Target", "Tolerance",
    "Responsible officer", "Definition", "Commentary", "England average",
    "Statistical neighbours",
]
INDICATOR_WIDTHS = [9, 44, 30, 9, 14, 8, 10, 18, 50, 60, 10, 12]

# code, title, theme, polarity, unit, target, tolerance, officer, definition, commentary,
# England average, statistical neighbours, monthly values Apr..Sep 2011 (None: no data).
INDICATORS: list[tuple[Any, ...]] = [
    (
        "NI059",
        "% of initial assessments for children's social care within 10 working days",
        THEME, "High", "%", 80, 5, "John Skinner",
        "The number of initial assessments completed within ten working days of referral, as a "
        "percentage of the number of initial assessments completed in the period.",
        "In-month performance rose from 58.1% (132/227) in June to 66.7% (86/129) in July, fell "
        "to 40.3% (52/129) in August and rose again to 66.5% (113/170) in September.\n"
        "Performance against the improvement notice must be 80% for 1 April to 30 September "
        "2011. This was not met, but the backlog of assessments has been significantly "
        "reduced.",
        79.6, 83,
        [52.4, 55.0, 58.1, 66.7, 40.3, 66.5],
    ),
    (
        "NI060",
        "% of core assessments for children's social care carried out within 35 working days",
        THEME, "High", "%", 78, None, "John Skinner",
        "The percentage of core assessments that were completed within 35 working days of "
        "their commencement.",
        "35 out of 116 (30.2%) were completed on time in August. This increased hugely to "
        "73.1% on time for September (46/97).",
        75.1, 76,
        [41.2, 38.6, 37.0, 35.9, 30.2, 73.1],
    ),
    (
        "NI062",
        "Stability of placements of looked after children: number of moves",
        THEME, "Low", "%", 12, 1, "John Skinner",
        "The percentage of children looked after at 31 March with three or more placements "
        "during the year.",
        "At the end of September, 17 of 245 (2.6%) children looked after had 3 or more "
        "placements since 1 April. Current performance could go above the 2011/12 target of "
        "12%.",
        10.9, 11.5,
        [0.4, 0.8, 1.3, 1.7, 2.2, 2.6],
    ),
    (
        "NI064",
        "Child protection plans lasting 2 years or more",
        THEME, "Low", "%", 6, None, "John Skinner",
        "The percentage of children ceasing to be the subject of a child protection plan who "
        "had been the subject of a plan for two years or more.",
        "Plans lasting 2 years or more are reviewed monthly by the Group Manager.",
        5.6, 5.9,
        [4.3, 4.8, 5.1, 4.9, 5.4, 5.2],
    ),
    (
        "NI065",
        "Children becoming the subject of a child protection plan for a second or subsequent "
        "time",
        THEME, "Low", "%", 13, 2, "Russell Knight",
        "The percentage of children becoming the subject of a child protection plan during "
        "the year who had been the subject of a plan before.",
        "Repeat plans are audited: most follow a gap of more than two years.",
        13.3, 14.1,
        [11.8, 12.6, 14.9, 15.2, 13.7, 12.9],
    ),
    (
        "NI067",
        "% of child protection cases reviewed within required timescales",
        THEME, "High", "%", 100, 5, "Russell Knight",
        "The percentage of children with a child protection plan whose case was reviewed "
        "within the required timescales.",
        "August figure not available: the reporting system was being upgraded.",
        96.7, 97.5,
        [100, 98.6, 97.9, 100, None, 99.2],
    ),
    (
        "CSC01",
        "Rate of children looked after per 10,000 population aged under 18",
        "07 - Children in care", "Low", "rate per 10,000", None, None, "Richard Williams",
        "Children looked after at the end of the month per 10,000 children aged under 18.",
        "At the end of September there were 245 children looked after (a rate of 96 per "
        "10,000). This is the first time the number has decreased month on month for a "
        "considerable time.",
        59, 73,
        [88.2, 90.6, 93.7, 96.9, 98.5, 96.0],
    ),
    (
        "CSC02",
        "Rate of children subject to a child protection plan per 10,000 population aged under "
        "18",
        THEME, "", "rate per 10,000", None, None, "Richard Williams",
        "Children with a child protection plan at the end of the month per 10,000 children "
        "aged under 18.",
        "Context measure: no target is set. The rate has risen from 76 in March 2011.",
        39, 45,
        [79.5, 84.1, 88.0, 92.3, 98.5, 97.6],
    ),
    (
        "CSC03",
        "Average weekly cost of an independent fostering agency placement",
        "07 - Children in care", "Low", "£", 750, 25, "Richard Williams",
        "The average weekly fee paid for a child placed with an independent fostering agency, "
        "in pounds.",
        "Costs are falling as placements move to the regional framework contract – £43 a week "
        "lower than in April.",
        None, 781,
        [812, 805, 798, 790, 776, 769],
    ),
]


def build_indicators() -> Workbook:
    wb = Workbook()
    details = wb.active
    details.title = "Details"
    write_details(
        details,
        [
            ("Title", "Children's Services Performance Report"),
            ("Organisation", "Torbay Council"),
            ("Committee", "Overview and Scrutiny Board"),
            ("Meeting date", dt.date(2011, 10, 26)),
            ("As at", dt.date(2011, 9, 30)),
            ("Author", "Russell Knight"),
            ("Author title", "Group Manager Children's Services"),
            ("Contact officer", "Richard Williams"),
            ("Telephone", "01803 208401"),
            ("Email", "richard.williams@torbay.gov.uk"),
            ("Wards affected", "All wards"),
            ("Agenda item", 5),
            ("Purpose", "To report on the performance of Children's Services against the "
                        "indicators in the Improvement Plan, to the end of September 2011."),
            ("Recommendations", "That the Board notes the performance against the "
                                "Improvement Plan's indicators.\nThat the Board asks for an "
                                "explanation of the indicators off target at its next meeting."),
        ],
    )
    indicators = wb.create_sheet("Indicators")
    write_table(
        indicators,
        INDICATOR_HEADERS,
        [list(row[:12]) for row in INDICATORS],
        INDICATOR_WIDTHS,
    )
    values = wb.create_sheet("Values")
    rows: list[list[Any]] = []
    for row in INDICATORS:
        code, series = row[0], row[12]
        for period, value in zip(PERIODS, series, strict=True):
            rows.append([code, period, value])
    write_table(values, ["Code", "Period", "Value"], rows, [9, 12, 10])
    return wb


# --- the cabinet response ---------------------------------------------------------------------

RESPONSE_HEADERS = [
    "Number", "Theme", "Recommendation", "Response", "Action", "Action date", "Responsible",
    "Progress",
]
RESPONSE_WIDTHS = [8, 26, 50, 20, 55, 16, 30, 50]

KP = "Karen Perry, AD Children's Safeguarding"
VM = "Viv Mckay, Service Delivery Manager Commissioning (Children and Families and Transport)"
AY = "Angela Yapp, Service Delivery Manager Children in Care and Family Placement"

RESPONSE_ROWS: list[list[Any]] = [
    [
        "1", "Members' responsibility as Corporate Parents",
        "That the Council holds regular briefings (annual or biannual) for all elected members "
        "on their responsibilities as Corporate Parents and that Councillors' attendance or "
        "non-attendance at these briefings is published on the Council's website on an annual "
        "basis.",
        "Accepted",
        "In March the Cross Party Corporate Parenting Group agreed an approach to corporate "
        "parenting training for members which recognises the need for training/briefing "
        "according to roles. It is hoped that all members will access the basic awareness "
        "training which will, in due course, be delivered via e-learning. The first basic "
        "awareness briefing was held on 25 March 2013.",
        "March 2013 and ongoing", KP, "",
    ],
    [
        "2a", "Quality Assurance of Systems and Processes",
        "That the system for recording and monitoring visits and outcomes is reviewed, and a "
        "new framework developed which is more robust but simpler to use and more effective "
        "for monitoring the progress of the children and young people.",
        "Accepted",
        "New template for recording visits is being piloted, and the findings will be used to "
        "improve implementation.\nRed Amber Green (RAG) system for rating care plans by "
        "Independent Reviewing Officers (IROs) to be reviewed.",
        "June 2013",
        f"{KP}\nJo Britton, Service Delivery Manager Safeguarding Advisory Service",
        "New template for recording visits has been piloted; staff more consistently aware of "
        "requirements for recording – improvement will be monitored via case file audits.\n"
        "RAG system for rating care plans by IROs has been reviewed.",
    ],
    [
        "2b", "",
        "The Council should review its current systems for reporting on the arrangements to "
        "complete statutory return interviews for young runaways and bring forward a report to "
        "the Children & Young People Scrutiny Committee within 6 months of the publication of "
        "this report.",
        "Accepted",
        "A Missing Persons Sub Group working to the West Mercia Protocol for Missing has "
        "developed a new pathway for responding to missing person incidents. This was "
        "implemented in March 2013. The new pathway uses the responses from an interview with "
        "the young person to determine the intervention required.",
        "March 2013", "Jas Bedesha, Service Delivery Manager Cohesion", "",
    ],
    [
        "2c", "",
        "There must be simple measures, consistently applied, to monitor how children are "
        "progressing: a category based system (health, PEP, statutory visits, contact, "
        "provision, etc.) with a RAG rating and comment for each category.",
        "Accepted in principle",
        "The proposal as described by members is desirable but ambitious. Small working group "
        "to be established to consider how to build further on recently developed "
        "arrangements in the CIC team to monitor progress of CIC, including consideration of "
        "what is effective in other local authorities.",
        "June–September 2013", AY, "",
    ],
    [
        "2d", "",
        "There must be systematic and regular Quality Assurance of care plans. This could be a "
        "regular spot-audit of a random sample of plans.",
        "Accepted",
        "Care Plans are considered as part of the monthly safeguarding audit conducted by "
        "managers and as part of the RAG rating by IROs.",
        "April 2013 and ongoing", KP, "",
    ],
    [
        "2e", "",
        "Advanced Practitioners should also observe newer qualified social worker visits.",
        "Accepted",
        "The Advanced Social Work Practitioners and managers observe social workers in action "
        "and reflect with the workers on their practice.",
        "Ongoing",
        "Children's Social Care Service Delivery Managers (Angela Yapp, Maria White and Diane "
        "Partridge)",
        "",
    ],
    [
        "3a", "The Role and Independence of the Independent Reviewing Officers",
        "That the current review of the IRO service should consider the management "
        "arrangements and the option of moving the service into the Scrutiny Team, consistent "
        "with scrutiny's role in providing objective review and challenge.",
        "Partially accepted",
        "A better option to achieve independence of the IRO service whilst providing support "
        "from officers with a focus on children is to move reporting arrangements into "
        "Education and Skills.",
        dt.date(2013, 7, 2), "Assistant Directors Karen Perry and Jim Collins",
        "Achieved: reporting arrangements moved into Education and Skills on 2 July 2013.",
    ],
    [
        "3b", "",
        "That the Independent Reviewing Officer Annual Report is presented at a joint meeting "
        "of the Scrutiny Committee and the LSCB as a matter of routine, with an interim 6 "
        "monthly report provided to the Scrutiny Committee.",
        "Accepted", "", "From 2013–14", "Assistant Directors Karen Perry and Jim Collins", "",
    ],
    [
        "4a",
        "West Midlands Framework Contracts for Residential and Agency Foster Care and the "
        "Jigsaw contract",
        "That the rationale for the number of providers on the framework contracts is reviewed "
        "to establish whether more favourable contracts could be negotiated by working with a "
        "smaller number of quality providers when the contracts are re-tendered.",
        "Partially accepted",
        "Experience prior to the current regional arrangements being put in place (which have "
        "saved over £100k p.a.) suggests that prices would be higher if we procured alone. We "
        "will review all options for procurement at the end of the current contract period.",
        "Ongoing", VM, "",
    ],
    [
        "4b", "",
        "Within 6 months of the Jigsaw contract being awarded and started, officers report to "
        "the CYP Scrutiny Committee on how it is delivering better outcomes for children in "
        "care and offering better value for money.",
        "Accepted",
        "We are currently tendering for care provision on the JIGSAW site. Early indications "
        "are that a significant ongoing saving will be made without compromising quality of "
        "provision.",
        "April 2014", VM,
        "The contract was successfully re-tendered with a more flexible and outcome focussed "
        "service specification and awarded to Bettercare Keys.\n"
        "The new contract commences on 1 August 2013.",
    ],
    [
        "4c", "",
        "That there is an officer at the Council responsible for proactively monitoring Ofsted "
        "and other agency inspection reports of providers used by the Council to help build "
        "intelligence which can inform future placement decisions.",
        "Accepted",
        "The Commissioning Team continually monitor quality of residential care provision, "
        "including monitoring OFSTED reports.",
        "Ongoing", VM, "",
    ],
    [
        "5a", "Financial Management and Reporting (the Dashboard)",
        "That the cost of internal care reported on the Children in Care Performance Dashboard "
        "is a true cost i.e. it includes the cost of the carers' fees and allowances, the "
        "Family Placement social worker and other associated costs.",
        "Accepted",
        "The methodology for calculation is being reviewed by IEWM \"critical friend\" who are "
        "reviewing the family placement service.",
        "June 2013", AY, "",
    ],
    [
        "5b", "",
        "That each element is shown separately so there is transparency in how the figures are "
        "calculated and confidence that they are accurate.",
        "Partially accepted",
        "This level of detail to be provided to Scrutiny once to confirm the methodology and "
        "then applied as a single figure.",
        "June 2013", AY, "",
    ],
    [
        "6a", "Care of children placed by other authorities in Telford and Wrekin",
        "That the Council works with the Police to accurately identify the location of all the "
        "external children's homes in Telford & Wrekin.",
        "Accepted",
        "Information is being released direct to police from Ofsted and the local authority "
        "works closely with the police where any issues are best tackled jointly.",
        "Ongoing", "As appropriate", "",
    ],
    [
        "6b", "",
        "The Council organises a provider conference - similar to the one held by Shropshire "
        "Council - within the next 12 months.",
        "Accepted", "", "September 2013", VM,
        "Planning is underway and the date has been put back from September to October 2013 "
        "to ensure it is achieved in the most effective way.",
    ],
]


def build_response() -> Workbook:
    wb = Workbook()
    details = wb.active
    details.title = "Details"
    write_details(
        details,
        [
            ("Title", "Cabinet Response to Scrutiny Report"),
            ("Organisation", "Telford & Wrekin Council"),
            ("Committee", "Children & Young People Scrutiny Committee"),
            ("Scrutiny report", "Children in Care Placement Strategy"),
            ("Lead scrutiny member", "Cllr. Mike Ion"),
            ("Lead scrutiny officer", "Stephanie Jones"),
            ("Cabinet member", "Cllr. Paul Watling"),
            ("Response prepared by", "Karen Perry, AD Safeguarding Children"),
            ("Cabinet date", dt.date(2013, 6, 27)),
            ("Scrutiny report date", dt.date(2013, 5, 2)),
            ("Update date", dt.date(2013, 8, 15)),
        ],
    )
    recommendations = wb.create_sheet("Recommendations")
    write_table(
        recommendations,
        RESPONSE_HEADERS,
        RESPONSE_ROWS,
        RESPONSE_WIDTHS,
        {"Action date": DATE_FORMAT},
    )
    return wb


def main(out_dir: Path) -> list[Path]:
    written = [
        save_deterministic(build_plan(), out_dir / PLAN_FILE),
        save_deterministic(build_indicators(), out_dir / INDICATORS_FILE),
        save_deterministic(build_response(), out_dir / RESPONSE_FILE),
    ]
    for path in written:
        print(f"wrote {path}")
    return written


if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else root / "inputs")
