"""What a kind of document is declared with (pipeline.kinds holds the declarations): the
names its template may use (`Variable`), the workbook parts it is made from (`InputKind`)
and any further inputs (`Extra`), its command (`Command`), the counts it must keep
(`Reconciled`) and the kind itself (`DocumentKind`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


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
    output_name: str  # "module:function" (kind, WorkbookResult) -> name in outputs/
    variables: tuple[Variable, ...] = ()  # template names beyond the common ones
    extras: tuple[Extra, ...] = ()
    options: dict[str, Any] = field(default_factory=dict)  # builder keyword arguments
    expected: str = ""  # "module:function" (model, primary) -> counts; "" -> model's structure
    count: str = ""  # "module:function" (path, primary, model) -> counts read back
    reconciled: tuple[Reconciled, ...] = ()
    advice: str = ""  # "module:function" (WorkbookResult): warnings a command adds first
    when: str = ""  # the primary's attribute that must be true for the batch to make it
    meeting_dates: tuple[str, ...] = ("meeting_date",)  # Details dates filing it, in turn
    file_words: tuple[str, ...] = ()  # words in a template file name that mean this kind
    command: Command | None = None  # the single-document command (None: only the batch)
    packed: bool = False  # the meeting's agenda pack (pipeline.pack) gathers these documents

    @property
    def template_kind(self) -> str:
        """The kind whose template (and template names) this kind uses: the first kind
        declared with the same template file."""
        from pipeline.kinds import DOCUMENT_KINDS

        return next(k.name for k in DOCUMENT_KINDS if k.template == self.template)
