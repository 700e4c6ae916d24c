"""The registry of document kinds: one declarative entry per kind of document.

Everything that once kept its own list of kinds loops over `DOCUMENT_KINDS` instead: the
document runner (`pipeline.run_document`), the single-document commands and their
`click.Choice`s (`pipeline.cli`), the batch (which kinds a workbook makes, the month a
document is filed under, the "52 actions in, 52 written" lines), template lookup
(`pipeline.render.templates`), `committee templates vars|check` and the generated reference
in docs/templates.md (`pipeline.render.context`). The workbook parts a kind can be made
from are the `INPUT_KINDS` (what `committee check` and `committee new` know).

This module imports nothing heavy: builders and read-back counters are named as
"module:function" strings and imported only when a document is made, so `committee --help`
stays fast and a worker process (spawned, not forked) imports only what it uses.

How to add a kind of document
-----------------------------
1. Model and rules in `pipeline/domain/`, reading in `pipeline/reader/` (if it needs a sheet
   no kind reads yet, add an `InputKind` below and a `WorkbookResult` attribute of that name).
2. A builder in `pipeline/documents/<kind>.py`: `build_<kind>_document(primary, **extras)`
   returning a `DocumentModel` (with `counts` of what it holds). `primary` is the part of the
   workbook named by `needs`; each `Extra` arrives as a keyword argument of its name (None
   when not given), and `options` are passed as keyword arguments too.
3. A template: `templates/<file>.docx` (scripts/make_templates.py) - or reuse another kind's.
4. One entry in `DOCUMENT_KINDS` below. `count` (read-back) may be left empty: the document
   is then checked by its headings and table rows (`pipeline.render.counts.written_structure`).
5. Run `scripts/update_template_docs.py` so docs/templates.md lists the kind and its fields.

A document may have several sections (a portrait cover and landscape appendices): that is
the builder's and the renderer's business (the DocumentModel's), not the registry's; the
registry's `template` is the Word file whose styles, header and footer frame the document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.output_names import slugify

if TYPE_CHECKING:
    from pipeline.reader import WorkbookResult


@dataclass(frozen=True)
class Variable:
    """One name a template may use: its type (as a clerk would say it) and what it holds."""

    name: str
    type: str
    description: str


TEXT = "text"

# Names several kinds' templates get from the Details sheet.
COMMITTEE = Variable("committee", TEXT, "The committee the report goes to, from the "
                     "Details sheet (may be empty).")
MEETING = Variable("meeting_date", TEXT, "The date of the meeting, as written: \"15 August "
                   "2013\" or \"August 2013\" (may be empty).")
AUTHOR = Variable("author", TEXT, "The report's author, from the Details sheet (may be "
                  "empty).")
AUTHOR_TITLE = Variable("author_title", TEXT, "The author's job title (may be empty).")
REPORT_NUMBER = Variable("report_number", TEXT, "The report's number, e.g. \"7\" (may be "
                         "empty).")


@dataclass(frozen=True)
class InputKind:
    """A part of a workbook a document can be made from (`WorkbookResult.<name>`)."""

    name: str  # "plan": also the WorkbookResult attribute and `committee new` kind
    what: str  # "improvement plan", in messages
    sheets: str  # "an Actions sheet": what a workbook needs to hold it, in messages
    missing: str  # "holds no ...: it needs ..." said when a workbook lacks it


@dataclass(frozen=True)
class Extra:
    """A further input a kind may use: a workbook given on the command line, or (with
    `same_workbook`) the main workbook's own part of that name when none is given."""

    name: str  # the builder's keyword argument, e.g. "previous"
    holds: str  # the InputKind it must hold, e.g. "plan"
    option: str  # the command-line option, e.g. "--previous"
    help: str
    same_workbook: bool = False  # without the option, use the main workbook's own part
    from_history: bool = False  # the batch takes it from its history (the last report)
    # A line the command prints when it was used ({c[...]}, {source}); {c[x]:~word} prints
    # "1 word" / "2 words" (pipeline.cli's counts).
    said: str = ""


def previous_plan(what: str) -> Extra:
    """The `--previous` plan workbook (the last report's; the batch takes it from its
    history): `what` says what the kind does with it."""
    return Extra("previous", "plan", "--previous",
                 f"The plan workbook of the last report: {what}", from_history=True)


def indicators_from(what: str, said: str = "") -> Extra:
    """The `--indicators` workbook, or the main workbook's own Indicators sheet: `what` it
    gives the document."""
    return Extra("indicators", "indicators", "--indicators",
                 f"A workbook of indicators: {what} (default: an Indicators sheet in WORKBOOK, "
                 "if it has one).", same_workbook=True, said=said)


@dataclass(frozen=True)
class Command:
    """The `committee <name>` command that makes a kind alone.

    A variant kind (the update on the cabinet response) names its base kind's command and a
    `flag`; it shares the base's help and output hint. `said` lines are printed after
    "Wrote <file>": `{e[key]}` is what went in, `{w[key]}` what was read back from the
    written file, `{c[key]}` the document model's counts (a missing key reads 0).
    """

    name: str
    said: tuple[str, ...] = ()
    blurb: str = ""  # in `committee --help`: "the RAG-keyed improvement plan"
    help: str = ""  # the command's --help text
    output_hint: str = ""  # "outputs/<plan title>.docx": where -o defaults to
    flag: str = ""  # "--update": `committee response --update` makes the variant
    flag_help: str = ""
    # More lines after `said`: a "module:function" of (what went in, what was written) that
    # returns them (the committee report's one line for each appendix).
    said_more: str = ""
    # Warnings listed under each workbook they are about, even when only one is given.
    by_workbook: bool = False


@dataclass(frozen=True)
class Reconciled:
    """One count every document of the kind must keep, for the batch's summary lines."""

    key: str  # in the read-back counts
    name: str  # "scrutiny recommendations": said in "12 ... in, 12 written"


@dataclass(frozen=True)
class DocumentKind:
    """One kind of document, declared once."""

    name: str  # "plan": CLI choice, batch file name <name>.docx, DocumentEntry.kind
    title: str  # "Improvement plan": the reference's heading
    what: str  # "improvement plan": in messages ("so the improvement plan cannot be made")
    template: str  # the template file name in templates/ or a council's folder
    needs: str  # the InputKind the main workbook must hold
    build: str  # "module:function" -> DocumentModel
    output_name: str  # "module:function" (kind, Details, source path) -> name in outputs/
    variables: tuple[Variable, ...] = ()  # template names beyond the common ones
    extras: tuple[Extra, ...] = ()
    options: dict[str, Any] = field(default_factory=dict)  # builder keyword arguments
    expected: str = ""  # "module:function" (model, primary) -> counts; "" -> model's structure
    count: str = ""  # "module:function" (path, primary, model) -> counts read back
    reconciled: tuple[Reconciled, ...] = ()
    advice: str = ""  # "module:function" (WorkbookResult): warnings a command adds first
    extras_advice: str = ""  # "module:function" (main, {extra: WorkbookResult}): their warnings
    when: str = ""  # the primary's attribute that must be true for the batch to make it
    meeting_dates: tuple[str, ...] = ("meeting_date",)  # Details dates filing it, in turn
    file_words: tuple[str, ...] = ()  # words in a template file name that mean this kind
    command: Command | None = None  # the single-document command (None: only the batch)
    packed: bool = False  # the meeting's agenda pack (pipeline.pack) gathers these documents

    @property
    def template_kind(self) -> str:
        """The kind whose template (and template names) this kind uses: the first kind
        declared with the same template file."""
        return next(k.name for k in DOCUMENT_KINDS if k.template == self.template)


INPUT_KINDS: tuple[InputKind, ...] = (
    InputKind("plan", "improvement plan", "an Actions sheet",
              "holds no improvement plan: it needs a sheet named Actions with Action and Status "
              "columns. Make a blank one with `committee new plan`."),
    InputKind("indicators", "performance indicators", "Indicators and Values sheets",
              "holds no indicators: it needs a sheet named Indicators (with a Title column) and "
              "a Values sheet, or one table of indicator titles and period columns such as "
              '"Item | August 2018 | November 2018". Make a blank one with '
              "`committee new indicators`."),
    InputKind("response", "cabinet response to scrutiny recommendations",
              "a Recommendations sheet",
              "holds no scrutiny recommendations: it needs a sheet named Recommendations with "
              "Recommendation and Response columns. Make a blank one with "
              "`committee new response`."),
)

_COUNTS = "pipeline.render.counts"

DOCUMENT_KINDS: tuple[DocumentKind, ...] = (
    DocumentKind(
        name="plan", title="Improvement plan", what="improvement plan",
        template="improvement-plan.docx", needs="plan",
        build="pipeline.documents.plan:build_plan_document",
        output_name="pipeline.output_names:plan_name",
        variables=(
            COMMITTEE, MEETING, AUTHOR, AUTHOR_TITLE,
            Variable("contact_officer", TEXT, "The contact officer's name (may be empty)."),
            Variable("telephone", TEXT, "The contact telephone number, as typed (may be "
                     "empty)."),
            Variable("email", TEXT, "The contact email address (may be empty)."),
            Variable("wards_affected", TEXT, "The wards affected, e.g. \"All\" (may be "
                     "empty)."),
            REPORT_NUMBER,
            Variable("banner", TEXT, "The title line above the Actions sheet's header row, "
                     "e.g. \"WORKING DOCUMENT: CHILDREN'S SERVICES IMPROVEMENT PLAN\" (may be "
                     "empty); the running header prints it, or the title when there is none."),
        ),
        extras=(
            previous_plan("each action whose target date has moved since then shows "
                          "\"September 2013 (was June 2013)\" and is counted as slipped."),
        ),
        expected=f"{_COUNTS}:model_counts", count=f"{_COUNTS}:count_written_plan",
        reconciled=(Reconciled("actions", "actions"),
                    Reconciled("recommendations", "recommendations")),
        file_words=("plan",),
        command=Command(
            "plan", blurb="the RAG-keyed improvement plan",
            help="Make the RAG-keyed improvement plan document from WORKBOOK.\n\n"
                 "Exits 1, writing nothing, when the workbook has problems to fix.",
            output_hint="outputs/<plan title>.docx",
            said=("{e[actions]:~action} and {e[recommendations]:~recommendation} in, "
                  "{w[actions]} and {w[recommendations]} written",),
        ),
    ),
    DocumentKind(
        name="briefing", title="Briefing to the scrutiny committee", what="briefing",
        template="briefing.docx", needs="plan",
        build="pipeline.documents.briefing:build_briefing_document",
        output_name="pipeline.output_names:briefing_name",
        variables=(COMMITTEE, MEETING, AUTHOR, AUTHOR_TITLE, REPORT_NUMBER),
        extras=(
            previous_plan("adds 'Since the last report' and the target dates moved since."),
            indicators_from("the Performance section",
                            said="Performance section: {c[indicators]:~indicator} from "
                                 "{source}"),
        ),
        expected=f"{_COUNTS}:expected_briefing", count=f"{_COUNTS}:count_written_briefing",
        advice="pipeline.run_document:advise_briefing",
        file_words=("briefing",),
        command=Command(
            "briefing", blurb="the briefing to the scrutiny committee",
            help="Make the briefing to the scrutiny committee from the plan in WORKBOOK.\n\n"
                 "\b\nExample:  committee briefing plan-july.xlsx --previous plan-may.xlsx\n"
                 "Exits 1, writing nothing, when any workbook given has problems to fix.",
            output_hint="outputs/briefing-<plan title>-<meeting date>.docx",
            said=("{c[actions]:~action} in the plan; the table of late actions lists "
                  "{w[late]} of the {c[late]} behind schedule or overdue ({w[behind]} of the "
                  "{c[behind]} behind schedule)",),
        ),
    ),
    DocumentKind(
        name="exceptions", title="Exception report", what="exception report",
        template="exception-report.docx", needs="plan",
        build="pipeline.documents.exceptions:build_exceptions_document",
        output_name="pipeline.output_names:exceptions_name",
        variables=(COMMITTEE, MEETING, REPORT_NUMBER),
        extras=(
            previous_plan("actions whose target date has moved later since then are listed "
                          "as slipped."),
            indicators_from("those off target or worsening two periods running are listed"),
        ),
        expected=f"{_COUNTS}:expected_exceptions", count=f"{_COUNTS}:count_written_exceptions",
        reconciled=(Reconciled("exceptions", "exceptions"),),
        file_words=("exception",),
        command=Command(
            "exceptions", blurb="the exception report: only what needs attention",
            help="Make the exception report from the plan in WORKBOOK: only the actions "
                 "behind schedule, at risk, overdue or slipped (by priority), the indicators "
                 "off target or worsening two periods running, and the recommendations with "
                 "no actions, each with one line of reason.\n\n"
                 "\b\nExample:  committee exceptions plan-july.xlsx --previous plan-june.xlsx\n"
                 "Exits 1, writing nothing, when any workbook given has problems to fix.",
            output_hint="outputs/exceptions-<plan title>.docx",
            said=("{e[exceptions]:~exception} in, {w[exceptions]} written",),
        ),
    ),
    DocumentKind(
        name="performance", title="Performance report", what="performance report",
        template="performance-report.docx", needs="indicators",
        build="pipeline.documents.performance:build_performance_document",
        output_name="pipeline.output_names:performance_name",
        variables=(COMMITTEE, MEETING, REPORT_NUMBER),
        expected=f"{_COUNTS}:expected_performance",
        count=f"{_COUNTS}:count_written_performance",
        reconciled=(Reconciled("indicators", "indicators"),),
        file_words=("performance",),
        command=Command(
            "performance", blurb="the performance report with trend charts",
            help="Make the performance report, with trend charts, from the indicators in "
                 "WORKBOOK.\n\n"
                 "\b\nExample:  committee performance performance-indicators.xlsx -o "
                 "report.docx\n"
                 "WORKBOOK holds Indicators and Values sheets, or one table such as\n"
                 "\"Item | August 2018 | November 2018\" (a .csv file will do).\n"
                 "Exits 1, writing nothing, when the workbook has problems to fix.",
            output_hint="outputs/<report title>.docx",
            said=("{e[indicators]:~indicator} in, {w[indicators]} written",),
        ),
    ),
    DocumentKind(
        name="response", title="Cabinet response to scrutiny recommendations",
        what="cabinet response", template="cabinet-response.docx", needs="response",
        build="pipeline.documents.response:build_response_document",
        output_name="pipeline.output_names:response_name",
        variables=(COMMITTEE, MEETING, REPORT_NUMBER),
        expected=f"{_COUNTS}:expected_response", count=f"{_COUNTS}:count_written_response",
        reconciled=(Reconciled("recommendations", "scrutiny recommendations"),),
        meeting_dates=("meeting_date", "cabinet_date"),
        file_words=("response", "cabinet"),
        command=Command(
            "response", blurb="the cabinet response to scrutiny recommendations",
            help="Make the cabinet response to scrutiny recommendations from WORKBOOK.\n\n"
                 "Exits 1, writing nothing, when the workbook has problems to fix.",
            output_hint="outputs/<scrutiny report>-response.docx",
            said=("{e[recommendations]:~recommendation} in, {w[recommendations]} written",),
        ),
    ),
    DocumentKind(
        name="response-update", title="Update on the cabinet response",
        what="update on the cabinet response", template="cabinet-response.docx",
        needs="response", build="pipeline.documents.response:build_response_document",
        output_name="pipeline.output_names:response_name", options={"update": True},
        expected=f"{_COUNTS}:expected_response", count=f"{_COUNTS}:count_written_response",
        advice="pipeline.run_document:advise_update",
        when="has_progress", meeting_dates=("update_date", "meeting_date", "cabinet_date"),
        command=Command(
            "response", flag="--update",
            flag_help="The update on the action plan: adds a Progress column from the "
                      "workbook.",
            said=("{e[recommendations]:~recommendation} in, {w[recommendations]} written",),
        ),
    ),
    # The committee report: a numbered cover report (from the Details sheet) and the other
    # documents as its appendices; `committee report` is its command, made as every kind's.
    DocumentKind(
        name="report", title="Committee report", what="committee report",
        template="committee-report.docx", needs="details", when="has_meeting",
        build="pipeline.documents.report:build_report_document",
        output_name="pipeline.documents.report_readback:report_name",
        variables=(
            COMMITTEE, MEETING, AUTHOR, AUTHOR_TITLE,
            Variable("agenda_item", TEXT, "The item's number on the agenda, e.g. \"7\" (may "
                     "be empty)."),
            Variable("report_status", TEXT, "\"Public\" or what the Details sheet says, e.g. "
                     "\"Exempt\"."),
            Variable("report_of", TEXT, "Whose report it is, e.g. the Director (may be "
                     "empty)."),
        ),
        extras=(
            Extra("plan", "plan", "--plan", "A plan workbook for the Improvement plan appendix "
                  "(default: WORKBOOK's Actions sheet).", same_workbook=True),
            indicators_from("the Performance report appendix"),
            Extra("response", "response", "--response", "A cabinet response workbook: its "
                  "appendix (default: a Recommendations sheet in WORKBOOK).",
                  same_workbook=True),
            previous_plan("the summary adds what changed since then."),
        ),
        expected="pipeline.documents.report_readback:expected_report",
        count="pipeline.documents.report_readback:count_report",
        advice="pipeline.documents.report_readback:advise_report",
        extras_advice="pipeline.documents.report_dates:warn_out_of_date_extras",
        file_words=("committee-report", "committee report", "committee_report", "cover"),
        packed=True,
        command=Command(
            "report", blurb="the committee report: numbered cover report, then its appendices",
            help="Make the committee report: a numbered cover report from WORKBOOK's Details "
                 "sheet, then the plan, performance report and cabinet response as "
                 "appendices.\n\n"
                 "\b\nExample:  committee report plan.xlsx --indicators indicators.xlsx\n"
                 "Exits 1, writing nothing, when any workbook given has problems to fix.",
            output_hint="outputs/report-<title>-<meeting date>.docx",
            said=("Recommendations: {e[report_recommendations]} in, "
                  "{w[report_recommendations]} written",),
            said_more="pipeline.said_commands:appendix_lines", by_workbook=True,
        ),
    ),
)

_BY_NAME: dict[str, DocumentKind] = {k.name: k for k in DOCUMENT_KINDS}
_INPUTS: dict[str, InputKind] = {k.name: k for k in INPUT_KINDS}

# Every kind's name, in the order documents are made and listed.
KIND_NAMES: tuple[str, ...] = tuple(_BY_NAME)
# The kinds with a template of their own (a variant such as response-update borrows one).
TEMPLATE_KINDS: tuple[str, ...] = tuple(k.name for k in DOCUMENT_KINDS if k.template_kind == k.name)
INPUT_NAMES: tuple[str, ...] = tuple(_INPUTS)


def document_kind(name: str) -> DocumentKind:
    """The entry of the kind called `name` (KeyError for none)."""
    return _BY_NAME[name]


def input_kind(name: str) -> InputKind:
    return _INPUTS[name]


def resolve(reference: str) -> Any:
    """The object a "module:function" reference names, imported now."""
    import importlib

    module, _, attribute = reference.partition(":")
    return getattr(importlib.import_module(module), attribute)


def available(kind: DocumentKind) -> bool:
    """Whether the kind's builder is installed (a kind whose module is absent is not made)."""
    from importlib.util import find_spec

    return find_spec(kind.build.partition(":")[0]) is not None


def primary_of(kind: DocumentKind, result: WorkbookResult) -> Any:
    """The part of a read workbook the kind is made from (None when it lacks it)."""
    return getattr(result, kind.needs, None)


def made_from(result: WorkbookResult) -> list[DocumentKind]:
    """The kinds a read workbook can make, as the batch makes them."""
    kinds = []
    for kind in DOCUMENT_KINDS:
        primary = primary_of(kind, result)
        if primary is None or (kind.when and not getattr(primary, kind.when)):
            continue
        if available(kind):
            kinds.append(kind)
    return kinds


def packed(name: str) -> bool:
    """Whether the agenda pack gathers documents of the kind called `name`."""
    return name in _BY_NAME and _BY_NAME[name].packed


def output_name(kind: DocumentKind, result: WorkbookResult) -> str:
    """The file name a document gets in outputs/ when no -o is given."""
    return str(resolve(kind.output_name)(kind, result.details, Path(result.path)))


__all__ = [
    "DOCUMENT_KINDS", "INPUT_KINDS", "KIND_NAMES", "TEMPLATE_KINDS", "Command", "DocumentKind",
    "Extra",
    "InputKind", "Reconciled", "Variable", "available", "document_kind", "input_kind",
    "made_from", "output_name", "packed", "primary_of", "resolve", "slugify",
]
