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

from typing import TYPE_CHECKING, Any

from pipeline.kind_declarations import (
    AUTHOR,
    AUTHOR_TITLE,
    COMMITTEE,
    MEETING,
    REPORT_NUMBER,
    TEXT,
    Command,
    DocumentKind,
    Extra,
    InputKind,
    Reconciled,
    Variable,
    indicators_from,
    previous_plan,
)
from pipeline.output_names import slugify

if TYPE_CHECKING:
    from pipeline.reader import WorkbookResult


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
        output_name="pipeline.output_names:report_name",
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
    return str(resolve(kind.output_name)(kind, result))


__all__ = [
    "DOCUMENT_KINDS", "INPUT_KINDS", "KIND_NAMES", "TEMPLATE_KINDS", "Command", "DocumentKind",
    "Extra",
    "InputKind", "Reconciled", "Variable", "available", "document_kind", "input_kind",
    "made_from", "output_name", "packed", "primary_of", "resolve", "slugify",
]
