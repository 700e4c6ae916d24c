"""What each kind of Word template may use: the one source of truth for template variables.

`committee templates vars KIND`, `committee templates check` and docs/templates.md are all
generated from the declarations here and in the registry of kinds (pipeline/kinds.py, which
holds each kind's own names); a test builds every kind's DocumentModel from the
sample workbooks and checks its context has exactly these names, so they cannot drift.

Also the filters clerks may use in a template (`{{ meeting_date | upper }}`): registered
in the renderer's sandboxed Jinja environment by `template_filters()`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pipeline.documents.table_fields import TableDesign, designs_of
from pipeline.kinds import (
    DOCUMENT_KINDS,
    TEMPLATE_KINDS,
    TEXT,
    Variable,
    document_kind,
)

# The kinds with a template of their own; every kind is declared in pipeline/kinds.py.
KINDS: tuple[str, ...] = TEMPLATE_KINDS

# What each kind's documents are, in words (for the reference).
KIND_TITLES: dict[str, str] = {
    k.name: f"{k.title} ({k.template})" for k in DOCUMENT_KINDS if k.name in TEMPLATE_KINDS
}


# Every kind's templates get these (pipeline.render.engine.render_context).
COMMON: tuple[Variable, ...] = (
    Variable("title", TEXT, "The document's title, e.g. \"Children's Services Improvement "
             "Plan\" (also its Title property)."),
    Variable("organisation", TEXT, "The council or organisation, from the Details sheet "
             "(may be empty)."),
    Variable("as_at", TEXT, "The date the position is given at, as written: \"15 August "
             "2013\" (may be empty)."),
    Variable("subject", TEXT, "A one-line description of the document (its Subject "
             "property)."),
    Variable("protective_marking", TEXT, "The protective marking in capitals, e.g. "
             "\"OFFICIAL\"; empty when the workbook gives none."),
    Variable("generated_on", TEXT, "The date the document was made: \"3 March 2025\"."),
    Variable("body", TEXT, "The generated content. Keep it alone in its own paragraph: "
             "that paragraph is replaced by the document's headings, text and tables."),
)

# The names each kind's document builder adds (DocumentModel.context), beyond COMMON.
SPECIFIC: dict[str, tuple[Variable, ...]] = {
    name: document_kind(name).variables for name in TEMPLATE_KINDS
}


def template_variables(kind: str) -> dict[str, Variable]:
    """Every name `kind`'s templates receive, in reference order (KeyError for a bad kind).

    A kind that borrows another's template (response-update) gets that kind's names."""
    own = document_kind(kind).template_kind
    return {v.name: v for v in (*COMMON, *SPECIFIC[own])}


# --- filters -------------------------------------------------------------------------------


def long_date(value: Any) -> str:
    """A date as council documents write it: "15 August 2013"; text is left as it is."""
    from pipeline.documents.formatting import format_date

    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return format_date(value)
    text = "" if value is None else str(value)
    try:
        return format_date(dt.date.fromisoformat(text.strip()))
    except ValueError:
        return text


def number_words(value: Any) -> str:
    """Zero to nine as words, 10 and over as digits; anything else left as it is."""
    from pipeline.documents.formatting import number_words as words

    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return "" if value is None else str(value)
    return words(number)


@dataclass(frozen=True)
class Filter:
    """A filter clerks may use, as it is documented."""

    name: str
    example: str
    description: str


# The filters the pipeline adds to Jinja's own.
CUSTOM_FILTERS: dict[str, Callable[[Any], str]] = {
    "long_date": long_date,
    "number_words": number_words,
}

# The filters documented for clerks (the pipeline's and a few of Jinja's own).
FILTERS: tuple[Filter, ...] = (
    Filter("long_date", "{{ as_at | long_date }}", "A date written in full, \"15 August "
           "2013\". Text that is not a date is printed as it is."),
    Filter("number_words", "{{ report_number | number_words }}", "Zero to nine as words "
           "(\"six\"), 10 and over as digits (\"12\"), as council reports write numbers."),
    Filter("upper", "{{ organisation | upper }}", "In capitals: \"TELFORD & WREKIN "
           "COUNCIL\"."),
    Filter("lower", "{{ committee | lower }}", "In small letters."),
    Filter("title", "{{ committee | title }}", "Each Word Starting With A Capital."),
    Filter("default", "{{ committee | default('Cabinet', true) }}", "What to print when the "
           "value is empty (the `true` means \"also when empty\", not only when missing)."),
    Filter("replace", "{{ title | replace('Plan', 'Programme') }}", "Swap one piece of text "
           "for another."),
    Filter("trim", "{{ author | trim }}", "Without spaces at the start and end."),
)


def template_filters() -> dict[str, Callable[[Any], str]]:
    """The pipeline's own filters, to add to a Jinja environment's `filters`."""
    return dict(CUSTOM_FILTERS)


# --- the reference -------------------------------------------------------------------------


def vars_reference(kind: str) -> str:
    """The Markdown reference of `kind`'s variables: a heading and a name/type/description
    table, then the fields of its table designs."""
    lines = [f"### {kind}: {KIND_TITLES[kind]}", "", "| Name | Type | What it holds |",
             "| --- | --- | --- |"]
    for var in template_variables(kind).values():
        description = var.description.replace("|", "\\|")
        lines.append(f"| `{var.name}` | {var.type} | {description} |")
    for design in designs_of(kind):
        lines += ["", f"Table design fields for {design.table} (in the Table designs part, "
                  "not in the frame):", "", "| Field | What it holds |", "| --- | --- |"]
        for f in design.fields:
            said = _described(design, f.name, f.description).replace("|", chr(92) + "|")
            lines.append(f"| `{{{{ {f.name} }}}}` | {said} |")
    return "\n".join(lines) + "\n"


def design_fields_text(kind: str) -> str:
    """`committee templates vars KIND`'s list of table design fields (plain text)."""
    lines: list[str] = []
    for design in designs_of(kind):
        lines.append(f"Table design fields ({design.table}), for the Table designs part:")
        width = max(len(f.name) for f in design.fields) + 6
        lines += [f"  {('{{ ' + f.name + ' }}').ljust(width)}  "
                  f"{_described(design, f.name, f.description)}" for f in design.fields]
    return "".join(line + "\n" for line in lines)


def _described(design: TableDesign, name: str, description: str) -> str:
    """A field's description, saying so when every design must print it."""
    return f"{description} Every design must print it." if name in design.required else description


def filters_reference() -> str:
    lines = ["| Filter | Example | What it does |", "| --- | --- | --- |"]
    for f in FILTERS:
        lines.append(f"| `{f.name}` | `{f.example}` | {f.description} |")
    return "\n".join(lines) + "\n"


def kinds_table() -> str:
    """The table of documents, their commands and templates at the top of docs/templates.md."""
    lines = ["| Document | Command | Template |", "| --- | --- | --- |"]
    for kind in DOCUMENT_KINDS:
        cmd = kind.command
        command = f"`committee {cmd.name}{' ' + cmd.flag if cmd.flag else ''}`" if (
            cmd) else "`committee batch`"
        lines.append(f"| {kind.title} | {command} | `{kind.template}` |")
    return "\n".join(lines) + "\n"


def full_reference() -> str:
    """Every kind's variables, then the filters: what sits between the markers of
    docs/templates.md."""
    parts = [
        "<!-- Generated from pipeline/kinds.py and pipeline/render/context.py by "
        "scripts/update_template_docs.py: do not edit by hand. -->",
        "",
    ]
    for kind in KINDS:
        parts.append(vars_reference(kind))
    parts.append("### Filters\n")
    parts.append(filters_reference())
    return "\n".join(parts)


VARS_START = "<!-- vars:start -->"
VARS_END = "<!-- vars:end -->"
KINDS_START = "<!-- kinds:start -->"
KINDS_END = "<!-- kinds:end -->"


def _between(text: str, start_marker: str, end_marker: str, fresh: str) -> str:
    start = text.find(start_marker)
    end = text.find(end_marker)
    if start < 0 or end < start:
        raise ValueError(f"the markers {start_marker} and {end_marker} are missing")
    return text[: start + len(start_marker)] + "\n" + fresh + text[end:]


def refresh_docs(text: str) -> str:
    """docs/templates.md's text with the generated table of kinds and reference of names put
    between their markers (the table's markers may be left out)."""
    if KINDS_START in text:
        text = _between(text, KINDS_START, KINDS_END, kinds_table())
    return _between(text, VARS_START, VARS_END, full_reference())
