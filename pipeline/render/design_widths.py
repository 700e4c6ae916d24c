"""Which column widths a designed table gets (pipeline.render.design_tables uses this).

A design's widths are the council's when the council chose them: a design table with
fixed column widths (in Word, Table Properties -> Options -> "Automatically resize to fit
contents" unticked, which Word writes as `<w:tblLayout w:type="fixed"/>`) keeps its widths
exactly. Two kinds of design leave the widths to the text instead, fitted to each
document's content as a table without a design is (pipeline.render.layout.fit_widths,
within the design's total width), everything else of the design kept (its shading,
fonts, borders, cell properties and header row):

- the shipped design's widths (`shipped_widths`): every column of the design has the
  fields and the width of a column of a shipped design (SHIPPED_DESIGNS, from which
  scripts/make_templates.py writes the templates). Those widths were fitted once to the
  sample workbooks, not chosen by anyone for this document. A council that drags a
  column wider in Word, or types a width, has chosen its widths, and they are kept;
  renaming a heading, moving or deleting a column, or restyling the table leaves the
  widths to the text.
- a design table set to AutoFit in Word (`autofit`): no `w:tblLayout` in its properties
  (ECMA-376 17.4.53: omitted means autofit; Word leaves it out while "Automatically
  resize to fit contents" is ticked, as it is in a new table) or `w:type="autofit"` (what
  python-docx writes for `table.autofit = True`). A design set to "AutoFit Window" (its
  width a percentage of the page) is fitted to that share of the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pipeline.render.designs import FIELD, Design
from pipeline.render.flow import DXA_PER_CM
from pipeline.render.layout import fit_widths
from pipeline.render.wordxml import w

SHIPPED_TOLERANCE_DXA = 3  # a width written from centimetres rounds to the twip

# The shipped designs: (what it lays out, columns); a column is (header, width in cm,
# lines), a line a list of (text, bold) runs. Widths: pipeline.render.layout.fit_widths on
# the sample workbooks of inputs/ (the widths the documents had before designs).
Line = list[tuple[str, bool]]
ShippedDesign = tuple[str, list[tuple[str, float, list[Line]]]]


def _plain(text: str, bold: bool = False) -> list[Line]:
    return [[(text, bold)]]


ACTION_DESIGN: ShippedDesign = ("The plan's action tables (one for each recommendation):", [
    ("Action", 3.4, _plain("{{ action.text }}")),
    ("Outcome", 2.89, _plain("{{ action.outcome }}")),
    ("Source", 2.5, _plain("{{ action.source }}")),
    ("Measure", 2.76, _plain("{{ action.measure }}")),
    ("Timescale", 1.96, _plain("{{ action.timescale }}")),
    ("Lead", 2.59, _plain("{{ action.lead }}")),
    ("Target date", 1.86, _plain("{{ action.target_date }}")),
    ("Progress", 7.37, _plain("{{ action.progress }}")),
    ("Status", 1.76, _plain("{{ action.status }}")),
])
LATE_DESIGN: ShippedDesign = ("The table of actions behind schedule or overdue:", [
    ("Ref", 1.05, _plain("{{ action.ref }}")),
    ("Action and recommendation", 5.08, [[("{{ action.text }}", True)],
                                         [("Recommendation: {{ action.recommendation }}",
                                           False)]]),
    ("Lead and target date", 2.83, [[("{{ action.lead }}", False)],
                                    [("Target date: {{ action.target_date }}", False)]]),
    ("Progress", 6.23, _plain("{{ action.progress }}")),
    ("Status", 1.81, _plain("{{ action.status }}")),
])
INDICATOR_DESIGN: ShippedDesign = ("The summary table of the indicators:", [
    ("Indicator", 6.6, _plain("{{ indicator.name }}")),
    ("Previous", 2.04, _plain("{{ indicator.previous }}")),
    ("Latest", 2.27, _plain("{{ indicator.latest }}")),
    ("Target", 1.5, _plain("{{ indicator.target }}")),
    ("Status", 1.48, _plain("{{ indicator.status }}", bold=True)),
    ("Direction", 2.11, _plain("{{ indicator.direction }}")),
])
REC_DESIGN: ShippedDesign = ("The response to each theme's recommendations (the Progress "
                             "column is printed in the update only):", [
    ("Scrutiny Recommendation", 7.37, _plain("{{ rec.text }}")),
    ("Response and summary of action being taken to implement, or reason for rejection",
     8.56, [[("{{ rec.decision }}", True)], [("{{ rec.action }}", False)]]),
    ("Date by which action will be taken", 2.82, _plain("{{ rec.date }}")),
    ("Person responsible for action (name and title)", 3.85,
     _plain("{{ rec.responsible }}")),
    ("Progress", 4.5, _plain("{{ rec.progress }}")),
])
SHIPPED_DESIGNS: dict[str, tuple[ShippedDesign, ...]] = {
    "improvement-plan.docx": (ACTION_DESIGN,),
    "briefing.docx": (LATE_DESIGN,),
    "performance-report.docx": (INDICATOR_DESIGN,),
    "cabinet-response.docx": (REC_DESIGN,),
    "committee-report.docx": (ACTION_DESIGN, INDICATOR_DESIGN, REC_DESIGN),
}


def _fields(lines: list[Line]) -> tuple[str, ...]:
    text = "\n".join("".join(t for t, _ in line) for line in lines)
    return tuple(m.group(1).strip() for m in FIELD.finditer(text))


# Each shipped design's columns as (the fields of its cell, its width in twips).
_SHIPPED_COLUMNS: tuple[dict[tuple[str, ...], float], ...] = tuple(
    {_fields(lines): width * DXA_PER_CM for _, width, lines in columns}
    for _, columns in (ACTION_DESIGN, LATE_DESIGN, INDICATOR_DESIGN, REC_DESIGN))


def column_widths(design: Design, available: int | None) -> list[int]:
    """The width of each of the design's columns in twips, as the template gives them:
    the table grid's, else each cell's own (tcW in twips), else the page shared equally."""
    cells = list(design.field_row.iterchildren(w("tc")))
    grid = design.table.find(w("tblGrid"))
    cols = [int(g.get(w("w"), "0") or 0) for g in grid.iterchildren(w("gridCol"))] if (
        grid is not None) else []
    if len(cols) != len(cells) or not all(cols):
        cols = []
        for tc in cells:
            tcw = tc.find(f"{w('tcPr')}/{w('tcW')}")
            value = tcw.get(w("w")) if tcw is not None else None
            cols.append(int(value) if value and value.isdigit() and tcw.get(
                w("type"), "dxa") == "dxa" else 0)
    if not all(cols):
        total = available or 9000
        cols = [total // len(cells)] * len(cells)
    return cols


def autofit(table: Any) -> bool:
    """Whether a design table is set to AutoFit in Word (no fixed layout)."""
    tblpr = table.find(w("tblPr"))
    layout = tblpr.find(w("tblLayout")) if tblpr is not None else None
    return layout is None or layout.get(w("type")) != "fixed"


def shipped_widths(design: Design, available: int | None = None) -> bool:
    """Whether every column of the design has the fields and the width of one column of
    a shipped design (the same one for all): widths no council chose."""
    cols = column_widths(design, available)
    for shipped in _SHIPPED_COLUMNS:
        if all(abs(shipped.get(tuple(fields), -1e9) - width) <= SHIPPED_TOLERANCE_DXA
               for fields, width in zip(design.cell_fields, cols, strict=True)):
            return True
    return False


def fits_content(design: Design, available: int | None) -> bool:
    """Whether the design's tables get widths fitted to their text (not the design's)."""
    key = ("fits content", available)
    found = design.compiled.get(key)
    if found is None:
        found = design.compiled[key] = autofit(design.table) or shipped_widths(
            design, available)
    return bool(found)


def _total_dxa(design: Design, widths: Sequence[int], available: int | None) -> float:
    """The width the fitted columns share: the design's own, or for a table set to AutoFit
    Window (w:tblW in fiftieths of a per cent, or "100%") that share of the page."""
    tblw = design.table.find(f"{w('tblPr')}/{w('tblW')}")
    if available and autofit(design.table) and tblw is not None and tblw.get(
            w("type")) == "pct":
        value = (tblw.get(w("w")) or "").strip()
        try:
            share = float(value[:-1]) / 100 if value.endswith("%") else float(value) / 5000
        except ValueError:
            share = 0.0
        if 0 < share <= 1:
            return available * share
    return float(sum(widths))


def fitted_widths_cm(
    design: Design, headers: Sequence[str], rows: Sequence[Sequence[str]],
    widths: Sequence[int], available: int | None, pt: float,
) -> list[float]:
    """The columns' widths in cm fitted to the rows' texts (`fit_widths`), sharing the
    design's total width (`_total_dxa`); `widths` are the design's own in twips."""
    return fit_widths(headers, rows, _total_dxa(design, widths, available) / DXA_PER_CM, pt)
