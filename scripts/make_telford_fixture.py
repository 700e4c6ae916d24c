"""Write tests/data/telford-plan-as-kept.xlsx: Telford's plan as the council kept it.

The workbook imitates the spreadsheet behind the "WORKING DOCUMENT: CHILDREN'S SERVICES
IMPROVEMENT PLAN" in seed 001 (Telford & Wrekin, position at 30 July 2013), untidied:

- title rows above the header row;
- headers with odd spacing, line breaks and aliases ("Lead(s)", "Target\\ndate", "RAG");
- a Priority column holding "PRIORITY 1: ENSURE THERE IS ..." on the first row of each
  priority only (merged down the priority's rows for priorities 1 and 7);
- Ref "R1" and "RECOMMENDATION : Ensure that ..." on the first row of each recommendation
  only, and a row with Ref and Recommendation but no action for a recommendation that has
  no actions of its own;
- statuses as typed ("complete", "Complete", "In Progress", "behind schedule"), with the
  RAG colours painted in;
- target dates as the text "Aug-12";
- a "RAG key" sheet (Label | Colour | Meaning | Aliases) with Telford's three labels.

Every action row of the printed plan is included. The counts the tests check are below
and are also written to tests/data/telford-plan-as-kept.json.

In the printed plan R2 is followed at once by R3, and R7 by R20, so with "blank = same as
the row above" the actions printed after R3 belong to R3 and those after R20 to R20:
the recommendations with no actions of their own are R2 and R7.

Run: .venv/bin/python scripts/make_telford_fixture.py [OUTPUT_DIR]   (default tests/data)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from telford_data import PLAN
from xlsx_save import save_deterministic

EXPECTED_ACTIONS = 57
EXPECTED_RECOMMENDATIONS = 28
EXPECTED_PRIORITIES = 8
EXPECTED_EMPTY_REFS = ["R2", "R7"]
# Status counts by the meaning given in the RAG key.
EXPECTED_STATUS_COUNTS = {"complete": 49, "on_track": 3, "behind": 5}

SHEET = "Improvement Plan"
HEADER_ROW = 4
HEADERS = [
    "Priority",
    "Ref",
    "Recommendation",
    " Action(s) ",
    "Success\nmeasure",
    "Source of  recommendation",
    "Evidence",
    "Timescale",
    "Lead(s)",
    "Target\ndate",
    "Progress update",
    "RAG",
]
WIDTHS = [22, 6, 30, 40, 28, 22, 28, 11, 20, 9, 60, 14]
MERGED_PRIORITIES = {1, 7}  # 1-based positions of the priorities merged down column A

RAG_KEY = [
    ("Complete", "Blue", "complete", ""),
    ("In Progress on schedule", "Green", "on track", "in progress"),
    ("Behind Schedule", "Red", "behind schedule", ""),
]
RAG_FILL = {"complete": "0070C0", "in progress": "00B050", "behind schedule": "FF0000"}
STATUS_MEANING = {"complete": "complete", "in progress": "on_track", "behind schedule": "behind"}


def build() -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws["A1"] = "WORKING DOCUMENT: CHILDREN'S SERVICES IMPROVEMENT PLAN"
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    ws["A2"] = "Key to RAG rating: see the RAG key sheet.   Position as at 30/07/2013"
    for col, header in enumerate(HEADERS, start=1):
        cell = ws.cell(row=HEADER_ROW, column=col, value=header)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="D9D9D9")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(col)].width = WIDTHS[col - 1]

    row = HEADER_ROW + 1
    top = Alignment(wrap_text=True, vertical="top")
    for p_index, (priority, recommendations) in enumerate(PLAN, start=1):
        first_row = row
        ws.cell(row=row, column=1, value=priority)
        for ref, text, actions in recommendations:
            ws.cell(row=row, column=2, value=ref)
            ws.cell(row=row, column=3, value=text)
            if not actions:
                row += 1
                continue
            for action in actions:
                for col, value in enumerate(action, start=4):
                    cell = ws.cell(row=row, column=col, value=value)
                    cell.alignment = top
                status = ws.cell(row=row, column=len(HEADERS))
                status.fill = PatternFill("solid", fgColor=RAG_FILL[action.rag.lower()])
                row += 1
        if p_index in MERGED_PRIORITIES:
            ws.merge_cells(start_row=first_row, start_column=1, end_row=row - 1, end_column=1)
        ws.cell(row=first_row, column=1).alignment = top
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1)

    key = wb.create_sheet("RAG key")
    key.append(["Label", "Colour", "Meaning", "Aliases"])
    for cell in key[1]:
        cell.font = Font(bold=True)
    for label, colour, meaning, aliases in RAG_KEY:
        key.append([label, colour, meaning, aliases])
    for col, width in zip("ABCD", (26, 10, 18, 18), strict=True):
        key.column_dimensions[col].width = width
    return wb


def expectations() -> dict[str, object]:
    """The counts, worked out from the data and checked against the constants."""
    refs = [ref for _, recs in PLAN for ref, _, _ in recs]
    actions = [a for _, recs in PLAN for _, _, acts in recs for a in acts]
    empty = [ref for _, recs in PLAN for ref, _, acts in recs if not acts]
    counts: dict[str, int] = {}
    for action in actions:
        key = STATUS_MEANING[action.rag.lower()]
        counts[key] = counts.get(key, 0) + 1
    assert len(actions) == EXPECTED_ACTIONS, len(actions)
    assert len(refs) == EXPECTED_RECOMMENDATIONS, len(refs)
    assert len(PLAN) == EXPECTED_PRIORITIES, len(PLAN)
    assert empty == EXPECTED_EMPTY_REFS, empty
    assert counts == EXPECTED_STATUS_COUNTS, counts
    return {
        "file": "telford-plan-as-kept.xlsx",
        "sheet": SHEET,
        "header_row": HEADER_ROW,
        "first_data_row": HEADER_ROW + 1,
        "expected_actions": EXPECTED_ACTIONS,
        "expected_recommendations": EXPECTED_RECOMMENDATIONS,
        "expected_priorities": EXPECTED_PRIORITIES,
        "expected_empty_refs": EXPECTED_EMPTY_REFS,
        "expected_status_counts": EXPECTED_STATUS_COUNTS,
        "refs": refs,
        "rag_key_labels": [label for label, _, _, _ in RAG_KEY],
    }


def main(out_dir: Path) -> None:
    facts = expectations()
    xlsx = save_deterministic(build(), out_dir / "telford-plan-as-kept.xlsx")
    sidecar = out_dir / "telford-plan-as-kept.json"
    sidecar.write_text(json.dumps(facts, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {xlsx} and {sidecar}")


if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else root / "tests" / "data")
