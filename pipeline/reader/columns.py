"""The input contract as data: sheet names, column headers and their aliases.

See docs/inputs.md for the same contract written for service managers.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.text import normalise_label


@dataclass(frozen=True)
class ColumnSpec:
    name: str  # the canonical header, as printed in messages
    aliases: tuple[str, ...] = ()
    required: bool = False

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def matches(self, label: str) -> bool:
        n = normalise_label(label)
        return any(normalise_label(s) == n for s in self.spellings)

    def described(self) -> str:
        """'Status (or RAG, RAG status, RAG rating, BRAG)'."""
        if not self.aliases:
            return f'"{self.name}"'
        return f'"{self.name}" (or {", ".join(self.aliases)})'


@dataclass(frozen=True)
class SheetSpec:
    kind: str
    names: tuple[str, ...]
    columns: tuple[ColumnSpec, ...]
    # Optional columns the documents print whether or not the sheet has them (empty when it
    # has not): a column of data the reader does not know, on a sheet lacking one of these,
    # may be that column under another header, so it is a warning, not a note.
    printed: tuple[str, ...] = ()
    # What the sheet's documents are called in messages ("the plan").
    document: str = "the document"

    def column(self, name: str) -> ColumnSpec:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)

    @property
    def required(self) -> tuple[ColumnSpec, ...]:
        return tuple(c for c in self.columns if c.required)

    def matches_name(self, sheet_name: str) -> bool:
        n = normalise_label(sheet_name)
        return any(normalise_label(s) == n for s in self.names)


ACTIONS = SheetSpec(
    kind="plan",
    names=("Actions", "Action plan", "Improvement plan", "Plan"),
    columns=(
        ColumnSpec("Priority", ("Priority no", "Priority number", "Theme", "Workstream")),
        ColumnSpec("Priority title", ("Theme title",)),
        ColumnSpec("Ref", ("Recommendation ref", "Rec no", "No", "Reference")),
        ColumnSpec(
            "Recommendation",
            ("Recommendation text", "Requirement", "Improvement notice action"),
        ),
        ColumnSpec("Action", ("Actions", "Key action", "Key actions", "Task",
                              "Action being taken", "Actions being taken"), required=True),
        ColumnSpec(
            "Outcome",
            (
                "Success measure",
                "Success criteria",
                "Outcome/impact",
                "Expected outcome",
                "Outcomes",
            ),
        ),
        ColumnSpec("Source", ("Source of recommendation", "Origin")),
        ColumnSpec("Measure", ("Evidence", "Performance measure", "How measured", "Monitoring")),
        ColumnSpec("Timescale", ("Timeframe",)),
        ColumnSpec("Lead", ("Lead officer", "Responsible officer", "Owner", "Leads")),
        ColumnSpec("Target date", ("Due date", "Deadline", "Completion date", "Date")),
        ColumnSpec("Original target date", ("Original date", "Baseline date",
                                            "Original due date")),
        ColumnSpec("Revised target date", ("Revised date", "New target date",
                                           "Revised due date", "New due date")),
        ColumnSpec("Progress", ("Progress update", "Update", "Commentary", "Comments")),
        ColumnSpec("Status", ("RAG", "RAG status", "RAG rating", "BRAG"), required=True),
    ),
    printed=("Lead", "Target date", "Progress"),
    document="the plan",
)

RAG_KEY = SheetSpec(
    kind="rag-key",
    names=("RAG key", "Key", "RAG", "Key to RAG rating", "Status key"),
    columns=(
        ColumnSpec("Label", ("Status", "Rating", "Name"), required=True),
        ColumnSpec("Colour", ("Color", "Fill", "Fill colour"), required=True),
        ColumnSpec("Text colour", ("Text color", "Font colour", "Font color", "Text")),
        ColumnSpec("Meaning", ("Means", "Status meaning", "Equivalent")),
        ColumnSpec("Aliases", ("Alias", "Also", "Other spellings")),
    ),
    document="the plan's key",
)

INDICATORS = SheetSpec(
    kind="indicators",
    names=("Indicators", "Indicator", "Performance indicators", "PIs", "Measures"),
    columns=(
        ColumnSpec("Code", ("Indicator code", "PI code", "Ref", "NI")),
        ColumnSpec("Title", ("Indicator", "Measure", "Item", "Description"), required=True),
        ColumnSpec("Theme", ("Priority", "Outcome", "Group")),
        ColumnSpec("Polarity", ("Good performance", "Direction", "Best to be", "It's best to be",
                                "Good is")),
        ColumnSpec("Unit", ("Units", "Format")),
        ColumnSpec("Target", ()),
        ColumnSpec("Tolerance", ("Amber band", "Threshold")),
        ColumnSpec("Responsible officer", ("Owner", "Lead")),
        ColumnSpec("Definition", ("About", "Description of measure")),
        ColumnSpec("Commentary", ("Comments", "Narrative")),
        ColumnSpec("Judge on", ("Judged on", "Status on")),
        ColumnSpec("England average", ("England", "National average")),
        ColumnSpec(
            "Statistical neighbours",
            ("Stat neighbour average", "Statistical neighbour average", "Comparator"),
        ),
    ),
    document="the performance report",
)

VALUES = SheetSpec(
    kind="values",
    names=("Values", "Data", "Series"),
    columns=(
        ColumnSpec("Code", ("Indicator code", "PI code", "Ref", "NI")),
        ColumnSpec("Title", ("Indicator", "Measure", "Item", "Description")),
        ColumnSpec("Period", ("Month", "Quarter", "Year", "Date")),
        ColumnSpec("Value", ()),
        ColumnSpec("Numerator", ()),
        ColumnSpec("Denominator", ()),
        ColumnSpec("Year to date", ("YTD", "Cumulative", "Year-to-date value")),
    ),
    document="the performance report",
)

RECOMMENDATIONS = SheetSpec(
    kind="response",
    names=("Recommendations", "Scrutiny recommendations", "Response", "Cabinet response"),
    columns=(
        ColumnSpec("Number", ("No", "Ref", "Rec")),
        ColumnSpec("Theme", ("Heading", "Area")),
        ColumnSpec("Recommendation", ("Scrutiny recommendation",), required=True),
        ColumnSpec("Response", ("Decision", "Accepted?"), required=True),
        ColumnSpec(
            "Action",
            (
                "Response detail",
                "Summary of action",
                "Reason",
                "Response and summary of action",
                # Telford's Table 1, as typed (punctuation does not matter: its comma is
                # left out here, as the docs' table separates spellings with commas).
                "Response and summary of action being taken to implement or reason for "
                "rejection",
                "Summary of action being taken to implement",
            ),
        ),
        ColumnSpec("Action date", ("Date by which action will be taken", "Date", "By when")),
        ColumnSpec("Revised date", ("New date", "Revised action date")),
        ColumnSpec(
            "Responsible",
            ("Person responsible", "Lead", "Officer", "Person responsible for action",
             "Person responsible for action (name and title)"),
        ),
        ColumnSpec("Progress", ("Update", "Progress update")),
    ),
    printed=("Action", "Action date", "Responsible"),
    document="the cabinet response",
)

DETAILS_NAMES = ("Details", "Detail", "About", "Cover", "Report details")

# Details keys: attribute of pipeline.domain.model.Details -> accepted spellings.
DETAILS_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("Title", "Report title", "Plan title"),
    "organisation": ("Organisation", "Organization", "Council", "Authority"),
    "committee": ("Committee", "Meeting", "Report to", "To"),
    "meeting_date": ("Meeting date", "Date of meeting", "On"),
    "as_at": ("As at", "Position as at", "Reporting date", "Period"),
    "author": ("Author", "Report author", "Prepared by", "Response prepared by"),
    "author_title": ("Author title", "Job title"),
    "contact_officer": ("Contact officer",),
    "telephone": ("Telephone", "Phone"),
    "email": ("Email", "E-mail", "E.mail"),
    "wards_affected": ("Wards affected",),
    "protective_marking": ("Protective marking", "Classification"),
    "background": ("Background",),
    "next_steps": ("Next steps",),
    "report_number": ("Report number", "Report no"),
    "scrutiny_report": ("Scrutiny report", "Report"),
    "lead_scrutiny_member": ("Lead scrutiny member",),
    "lead_scrutiny_officer": ("Lead scrutiny officer",),
    "cabinet_member": ("Cabinet member",),
    "cabinet_date": ("Cabinet date", "Date of cabinet meeting"),
    "scrutiny_report_date": ("Scrutiny report date",),
    "update_date": ("Update date", "Update meeting date", "Date of update"),
    # The committee report's cover and sections (issue 16).
    "agenda_item": ("Agenda item", "Item", "Agenda item no", "Agenda item number"),
    "report_status": ("Report status", "Public or exempt", "Exempt"),
    "purpose": ("Purpose", "Purpose of report", "Key points"),
    "recommendations": (
        "Recommendations", "Recommendation", "Recommendation(s)", "Decision sought",
    ),
    "reasons": ("Reasons", "Reasons for recommendations", "Reason for decision"),
    "financial_implications": ("Financial implications",),
    "legal_implications": ("Legal implications",),
    "equalities_implications": (
        "Equalities implications", "Equality implications", "Equality impact",
    ),
    "risk_implications": ("Risk implications", "Risks", "Risk"),
    "consultation": ("Consultation",),
    "background_papers": ("Background papers", "Background documents"),
    "lead_member": ("Lead member", "Portfolio holder", "Lead cabinet member"),
    "report_of": ("Report of", "Director"),
}
DETAILS_DATE_KEYS = ("meeting_date", "as_at", "cabinet_date", "scrutiny_report_date", "update_date")
