"""A designed table as a whole: how its rows sit on the page (`designed_fits`) and its
w:tbl as text (`designed_table_text`), written a row at a time by the design's compiled row
writer (pipeline.render.design_rows)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from lxml import etree

from pipeline.documents.docmodel import Table
from pipeline.render.blocks import W_NS, StyleMap, clean
from pipeline.render.design_rows import RowWriter
from pipeline.render.design_widths import fits_content, fitted_widths_cm
from pipeline.render.designs import Design, DesignPart
from pipeline.render.flow import DXA_PER_CM, _row_keeps
from pipeline.render.layout import TableFit, fit_tables
from pipeline.render.row_split import continued_row
from pipeline.render.wordxml import paragraph_text, w


def writer(
    design: Design, table: Table, available: int | None, widths: Sequence[int] | None = None
) -> RowWriter:
    """The design's row writer for this table's fields, width and column widths (compiled
    once each)."""
    key = (table.fields, available, tuple(widths) if widths else None)
    found = design.compiled.get(key)
    if found is None:
        found = design.compiled[key] = RowWriter(design, table.fields, available, widths)
    return found


def designed_table_xml(text: str, design: Design) -> Any:
    """A designed table's text as an element (for templates not saved by Word)."""
    nsmap = dict(design.table.nsmap)
    nsmap["w"] = W_NS
    declarations = "".join(
        f' xmlns:{prefix}="{uri}"' if prefix else f' xmlns="{uri}"'
        for prefix, uri in nsmap.items())
    return etree.fromstring(f"<w:wrap{declarations}>{text}</w:wrap>")[0]


def design_text_pt(design: Design, styles: StyleMap) -> float:
    """The size the design's fields print at: the first field's run size when the clerk
    set one, else its paragraph's style's. A design in a style other than Table Text (the
    committee report's plan in 9 pt "Wide Table Text") is fitted to its own size."""
    key = ("text pt", id(styles))
    found = design.compiled.get(key)
    if found is None:
        found = styles.table_text_pt
        p = next((p for p in design.field_row.iter(w("p")) if "{{" in paragraph_text(p)), None)
        if p is not None:
            style = p.find(f"{w('pPr')}/{w('pStyle')}")
            found = styles.size_of((style.get(w("val")) or "") if style is not None else "")
            run = next((r for r in p.iterchildren(w("r"))
                        if "{{" in "".join(t.text or "" for t in r.iter(w("t")))), None)
            size = run.find(f"{w('rPr')}/{w('sz')}") if run is not None else None
            value = size.get(w("val")) if size is not None else None
            if value and value.isdigit():
                found = int(value) / 2
        design.compiled[key] = found
    return float(found)


def designed_fits(
    tables: list[Table], part: DesignPart, available: int | None, styles: StyleMap,
    page_cm: float,
) -> dict[int, TableFit]:
    """How tables of one design and the same fields sit on the page, by id(table): the
    design's widths, or widths fitted to all their rows' text when the design leaves them
    to the text (pipeline.render.design_widths: the shipped widths, or a table set to
    AutoFit); which rows may not split and whether a table stays on one page estimated
    from its text, as for any table (one pass over all their rows)."""
    design = part.designs[tables[0].design]
    pt = design_text_pt(design, styles)
    rw = writer(design, tables[0], available)
    rows = [rw.texts(values) for table in tables for values in table.values]
    widths_cm = fitted_widths_cm(design, rw.header, rows, rw.widths, available, pt) if (
        fits_content(design, available)) else [x / DXA_PER_CM for x in rw.widths]
    fits = fit_tables(rows, [len(t.values) for t in tables], widths_cm, pt, page_cm,
                      sum(map(len, rw.header)))
    first = rw.cells[0].slots if rw.cells else ()
    if first and first[0]:  # "(continued)" goes in the first column (row_split)
        fits = [replace(fit, label=first[0]) for fit in fits]
    return {id(table): fit for table, fit in zip(tables, fits, strict=True)}


def designed_table_text(
    table: Table, part: DesignPart, available: int | None, fit: TableFit
) -> str:
    """A designed w:tbl as text: the template's table properties and header row, then one
    row of the design for each row of values, its columns as wide as `fit` says."""
    rw = writer(part.designs[table.design], table, available,
                [max(1, round(x * DXA_PER_CM)) for x in fit.widths_cm])
    part.used[table.design] = rw.header
    parts = [rw.table_open(clean(table.caption).replace("\n", " ")),
             rw.headers[fit.keep_together]]
    row = rw.row
    parts += [row(values, cant_split, keep) for values, cant_split, keep in zip(
        table.values, fit.cant_split, _row_keeps(table, fit), strict=True)]
    for i in table.continued:  # rows continuing the row above (pipeline.render.row_split)
        parts[2 + i] = continued_row(parts[2 + i])
    parts.append("</w:tbl>")
    return "".join(parts)
