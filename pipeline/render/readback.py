"""Reading a written .docx back: what its body holds, for reconciliation after writing.

Reads word/document.xml and word/styles.xml straight from the zip with lxml: fast
enough for a 10,000-row plan, and independent of the code that wrote the document. The
namespaces, the safe parser and paragraph text come from `pipeline.render.wordxml`, the
one module that reads Word XML for the audit, `templates check` and this read-back.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline.render.wordxml import W_NS, paragraph_text, parse
from pipeline.render.wordxml import w as _w

__all__ = ["W_NS", "BodyParagraph", "BodyTable", "paragraph_text", "read_body"]


@dataclass
class BodyParagraph:
    style: str  # style name, e.g. "Heading 2" ("Normal" when none)
    text: str


@dataclass
class BodyTable:
    header: list[str]  # the first row's cell texts
    row_count: int  # rows after the first


@lru_cache(maxsize=8)  # a batch reads the same template's styles.xml for every document
def _style_names(styles_xml: bytes) -> dict[str, str]:
    names: dict[str, str] = {}
    root = parse(styles_xml)
    for style in root.iterchildren(_w("style")):
        name = style.find(_w("name"))
        style_id = style.get(_w("styleId"))
        if style_id and name is not None:
            value = name.get(_w("val")) or style_id
            # Built-in heading names are stored in lower case ("heading 1").
            names[style_id] = value[:1].upper() + value[1:]
    return names


def row_continues(tr: Any) -> bool:
    """Whether a row continues the row above (pipeline.render.row_split: one row of the
    model written as several)."""
    trpr = tr.find(_w("trPr"))
    if trpr is None:
        return False
    mark = trpr.find(_w("tblHeader"))
    return mark is not None and mark.get(_w("val")) in ("0", "false", "off")


def read_body(path: Path) -> list[BodyParagraph | BodyTable]:
    """The top-level paragraphs and tables of a document body, in order.

    document.xml is streamed (lxml iterparse): each row of a top-level table is read as it
    ends (the first as the header, the rest counted) and then let go, so memory stays flat
    however long the tables are; the body's paragraphs are read at the end.
    """
    from lxml import etree

    with zipfile.ZipFile(path) as archive:
        try:
            styles = dict(_style_names(archive.read("word/styles.xml")))
        except KeyError:
            styles = {}
        from pipeline.render.bodyscan import scan_body
        from pipeline.render.written import take

        xml = take(archive, "word/document.xml")  # the bytes just written, if they are these
        scanned = scan_body(xml if xml is not None else archive.read("word/document.xml"),
                            styles)
        del xml
        if scanned is not None:  # counted in the bytes, without a tree (see bodyscan.py)
            return scanned
        p_tag, tr_tag, tbl_tag, body_tag = _w("p"), _w("tr"), _w("tbl"), _w("body")
        tables: dict[Any, BodyTable] = {}  # top-level tables, by element
        with archive.open("word/document.xml") as document:
            events = etree.iterparse(
                document, events=("end",), tag=tr_tag,
                resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True,
            )
            for _event, tr in events:
                table = tr.getparent()
                holder = table.getparent() if table is not None else None
                if table is None or table.tag != tbl_tag or holder is None or (
                    holder.tag != body_tag
                ):
                    continue  # a row of a table nested in a cell or elsewhere: not counted
                found = tables.get(table)
                if found is None:
                    header = [
                        "\n".join(paragraph_text(p) for p in tc.iter(p_tag))
                        for tc in tr.iterchildren(_w("tc"))
                    ]
                    tables[table] = BodyTable(header=header, row_count=0)
                elif not row_continues(tr):
                    found.row_count += 1
                table.remove(tr)  # counted: let it go
            root = events.root
    out: list[BodyParagraph | BodyTable] = []
    body = root.find(body_tag) if root is not None else None
    if body is None:
        return out
    pstyle_path = f"{_w('pPr')}/{_w('pStyle')}"
    for child in body:
        if child.tag == p_tag:
            style_el = child.find(pstyle_path)
            style_id = style_el.get(_w("val")) if style_el is not None else None
            style = styles.get(style_id, style_id) if style_id else "Normal"
            out.append(BodyParagraph(style=style, text=paragraph_text(child)))
        elif child.tag == tbl_tag:
            out.append(tables.get(child) or BodyTable(header=[], row_count=0))
    return out
