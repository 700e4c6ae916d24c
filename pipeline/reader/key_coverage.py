"""Statuses the plan uses that the workbook's own RAG key does not list.

A workbook's "RAG key" sheet sets the statuses' labels, colours and meanings; a status the
key leaves out is still understood in its standard spelling (pipeline.domain.status
`scheme_from_key`), and the plan prints it with its standard label and colour, adding it to
the printed key. The officer who wrote the key is told, once per status, which actions use
it and how to give it a row of its own.
"""

from __future__ import annotations

from pipeline.domain.model import Plan, StatusKey
from pipeline.issues import IssueReport

_MOST_ROWS = 6  # rows named in the message; "and N more" after that


def warn_statuses_not_in_key(plan: Plan, key_sheet: str, report: IssueReport) -> None:
    scheme = plan.scheme
    if not (scheme.from_workbook and scheme.listed):
        return
    unlisted: dict[StatusKey, list[int]] = {}
    # a row whose status could not be read (misspelt, empty) is already an error, and its
    # action's status is only a stand-in: not a status the row uses
    wrong = {(i.sheet, i.row) for i in report.errors}
    sheet = next((a.source.sheet for a in plan.actions if a.source is not None), "Actions")
    for action in plan.actions:
        source = action.source
        if action.status not in scheme.listed and (
                source is None or (source.sheet, source.row) not in wrong):
            unlisted.setdefault(action.status, []).append(source.row if source else 0)
    for key, rows in unlisted.items():
        label = scheme.label(key)
        numbered = [str(r) for r in rows if r]
        more = len(numbered) - _MOST_ROWS
        where = ""
        if numbered:
            shown = ", ".join(numbered[:_MOST_ROWS]) + (f" and {more} more" if more > 0 else "")
            where = f" ({sheet} {'row' if len(numbered) == 1 else 'rows'} {shown})"
        count = "one action" if len(rows) == 1 else f"{len(rows)} actions"
        report.warning(
            "missing-cell",
            f"The {key_sheet} sheet does not list the status {label!r}, which {count} "
            f"{'uses' if len(rows) == 1 else 'use'}{where}. The plan prints it with its "
            f"standard colour and adds it to the printed key. To choose its label, colour "
            f"and meaning, add a row for it to the {key_sheet} sheet.",
            sheet=key_sheet, value=label,
        )
