"""The fields of the tables a clerk may design in Word: one source of truth.

A template may hold, after its `{{ body }}` paragraph, a "Table designs" part: one Word
table per repeating table, a header row and one row of fields such as
`{{ action.lead }}, by {{ action.target_date }}` (see pipeline.render.designs). Each
design is named by the fields it holds: `action.*` lays out the plan's action tables and
the briefing's late-actions table, `rec.*` the cabinet response's tables, `indicator.*`
the performance report's summary table. The builders in pipeline/documents/ give each such
table a value for every field below; `committee templates vars`, docs/templates.md and
`templates check` list and check them from here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TableField:
    """One field a table design may print: `{{ action.lead }}` and what it holds."""

    name: str  # "action.lead"
    description: str


@dataclass(frozen=True)
class TableDesign:
    """The fields one kind of repeating table offers its design in a template."""

    name: str  # the fields' first word: "action"
    table: str  # which tables it lays out, in words
    fields: tuple[TableField, ...]
    # Fields every design of these tables must print somewhere in its row: the item itself
    # (nothing in the workbook may be lost from the page) and its status in words (status
    # by colour alone fails the accessibility regulations).
    required: tuple[str, ...] = ()

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


ACTION = TableDesign("action", "each action table of the plan (one per recommendation) and "
                     "the briefing's table of actions behind schedule or overdue", (
    TableField("action.ref", "The action's reference, \"1.2a\" (may be empty)."),
    TableField("action.text", "What the action is."),
    TableField("action.outcome", "The outcome it is meant to bring."),
    TableField("action.source", "Where the recommendation came from (the Source column)."),
    TableField("action.measure", "How success is measured."),
    TableField("action.timescale", "The timescale, as written (\"Short term\")."),
    TableField("action.lead", "The lead officer or officers."),
    TableField("action.target_date", "The target date in force, as written: \"September "
               "2013\", or \"September 2013 (was June 2013)\" when it has moved."),
    TableField("action.progress", "The latest progress update."),
    TableField("action.status", "The status in words (\"Behind schedule\"); its cell is "
               "shaded with the status colour of the key, whatever the template's shading."),
    TableField("action.recommendation", "The text of the recommendation the action is for."),
), required=("action.text", "action.status"))

REC = TableDesign("rec", "the cabinet response's table for each theme, and its update", (
    TableField("rec.number", "The recommendation's number, \"2a\"."),
    TableField("rec.text", "The recommendation as the response prints it: \"a) That the "
               "system …\" (its letter first when it has one)."),
    TableField("rec.decision", "The decision: Accepted, Partially accepted, Rejected or "
               "Deferred."),
    TableField("rec.action", "The response: the action being taken, or why it was "
               "rejected."),
    TableField("rec.date", "The date by which the action will be taken; in the update a "
               "revised date as \"October 2013 (was September 2013)\"."),
    TableField("rec.responsible", "The person responsible (name and title)."),
    TableField("rec.progress", "Progress since (the update only). A blank Progress prints "
               "\"No update given\", or \"No update given (not yet due)\" when the "
               "recommendation's date is after the update's position date; it stays blank for "
               "a recommendation not accepted. A column holding only this field is left out "
               "of the first response."),
), required=("rec.text", "rec.decision"))

INDICATOR = TableDesign("indicator", "the performance report's summary table", (
    TableField("indicator.name", "The indicator: \"NI059 – % of initial assessments …\"."),
    TableField("indicator.previous", "The previous period and its value: \"Aug 2011\" and "
               "\"64.2%\" on two lines, or \"No data\"."),
    TableField("indicator.latest", "The latest period and its value, with how far it is "
               "from target on a third line when there is one."),
    TableField("indicator.target", "The target, as the unit prints it (\"75%\"), or \"No "
               "target\"."),
    TableField("indicator.status", "The status in words (\"Off target\"); its cell is "
               "shaded with the status colour."),
    TableField("indicator.direction", "Better, worse or the same as the previous period, "
               "in words."),
    TableField("indicator.theme", "The indicator's theme (may be empty)."),
    TableField("indicator.responsible", "The responsible officer (may be empty)."),
), required=("indicator.name", "indicator.status"))

TABLE_DESIGNS: dict[str, TableDesign] = {d.name: d for d in (ACTION, REC, INDICATOR)}

# The designs each kind's template may hold, by their fields' first word, and which of the
# document's tables each lays out (Table.design): the briefing's `action.*` design lays out
# its late-actions table; the committee report's lays out the plan appendix's action
# tables (its summary's late actions keep their shipped columns).
KIND_DESIGNS: dict[str, dict[str, str]] = {
    "plan": {"action": "action"},
    "briefing": {"action": "late"},
    "performance": {"indicator": "indicator"},
    "response": {"rec": "rec"},
    "response-update": {"rec": "rec"},
    "report": {"action": "action", "indicator": "indicator", "rec": "rec"},
    "exceptions": {},
}


def designs_of(kind: str) -> tuple[TableDesign, ...]:
    """The table designs `kind`'s templates may hold (none for a kind not listed)."""
    return tuple(TABLE_DESIGNS[name] for name in KIND_DESIGNS.get(kind, {}))


def table_key(kind: str, design: str) -> str:
    """Which tables of `kind`'s documents the design of `design.*` fields lays out."""
    return KIND_DESIGNS.get(kind, {}).get(design, design)
