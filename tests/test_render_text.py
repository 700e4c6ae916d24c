"""The body written as text (`blocks_text`) is the same XML as the element builders give,
and a rendered document read back holds it: text exact, structure intact."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.oxml.ns import qn
from lxml import etree

from pipeline.documents.docmodel import (
    Cell,
    Column,
    DocumentModel,
    Heading,
    PageBreak,
    Paragraph,
    Run,
    Table,
)
from pipeline.render.blocks import W_NS, StyleMap, blocks_xml
from pipeline.render.engine import render_bytes
from pipeline.render.readback import BodyParagraph, BodyTable, read_body
from pipeline.render.textblocks import blocks_text

TRICKY = "Tom & Jerry <b>x</b> \"quoted\" 'single' £250 – ]]> 😀"


def blocks() -> list:
    table = Table(
        [Column("Item & ref", 3.0), Column("Progress", 9.0), Column("Status", 3.0)],
        [
            [Cell.of(TRICKY), Cell.of("one\ntwo\tthree\r\nfour\x0bfive"),
             Cell.of("Complete", fill="#1d70b8", text_colour="FFFFFF")],
            [Cell.of(""), Cell([Run("bold", bold=True), Run(" italic", italic=True), Run("")]),
             Cell.of("At risk", fill="FFDD00", text_colour="not-a-colour")],
        ],
        caption=f"Caption with {TRICKY}\nand a second line\tand a tab",
    )
    return [
        Heading(f"Heading {TRICKY}", 1),
        Heading("Level twelve", 12),
        Paragraph([Run("plain "), Run("bold", bold=True), Run("\n", italic=True)], "List Bullet"),
        Paragraph([], None),
        table,
        table,
        PageBreak(),
        Paragraph.of("  leading and trailing spaces  "),
        Paragraph.of("It's best to be high", bold=True, space_before_pt=8),
        Paragraph([Run("kept")], "List Bullet", keep_with_next=True, space_before_pt=4.5),
        Paragraph.of("nothing before", space_before_pt=0),
    ]


def canonical(fragments: list[str]) -> bytes:
    wrapped = f'<w:body xmlns:w="{W_NS}">{"".join(fragments)}</w:body>'
    return etree.tostring(etree.fromstring(wrapped.encode()), method="c14n")


def test_text_builder_writes_the_element_builders_xml() -> None:
    styles = StyleMap(
        paragraph={"heading 1": "Heading1", "table text": "TableText", "list bullet": "LB"},
        table={"committee table": "CommitteeTable"},
    )
    for available in (None, 5000):
        as_elements = [
            etree.tostring(e, encoding="unicode")
            for e in blocks_xml(blocks(), styles, None, available)
        ]
        as_text = list(blocks_text(blocks(), styles, None, available))
        assert canonical(as_text) == canonical(as_elements)


def test_rendered_body_reads_back_exactly(tmp_path: Path) -> None:
    model = DocumentModel(kind="plan", title="Spliced body", landscape=True, blocks=blocks())
    data = render_bytes(model)
    out = tmp_path / "spliced.docx"
    out.write_bytes(data)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        xml = zf.read("word/document.xml")
    assert b"committee-body" not in xml and b"BODY-" not in xml
    etree.fromstring(xml)  # well-formed

    doc = docx.Document(str(out))
    table = doc.tables[0]
    assert table.rows[0].cells[0].text == "Item & ref"
    assert table.rows[1].cells[0].text == TRICKY
    # \x0b cannot be in XML: dropped (the reader has already made it a line break)
    assert table.rows[1].cells[1].text == "one\ntwo\tthree\nfourfive"
    header_pr = table.rows[0]._tr.trPr
    assert header_pr.find(qn("w:tblHeader")) is not None
    assert header_pr.find(qn("w:cantSplit")) is not None
    tcpr = table.rows[1].cells[2]._tc.tcPr
    assert [child.tag for child in tcpr] == [qn("w:tcW"), qn("w:shd")]
    assert tcpr.find(qn("w:shd")).get(qn("w:fill")) == "1D70B8"
    caption = table._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val"))
    assert caption == f"Caption with {TRICKY} and a second line\tand a tab"
    texts = [p.text for p in doc.paragraphs]
    assert f"Heading {TRICKY}" in texts and "  leading and trailing spaces  " in texts
    heading = next(p for p in doc.paragraphs if p.text == f"Heading {TRICKY}")
    assert heading.style.name == "Heading 1"
    assert len(doc.tables) == 2

    body = read_body(out)
    tables = [b for b in body if isinstance(b, BodyTable)]
    assert [t.header for t in tables] == [["Item & ref", "Progress", "Status"]] * 2
    assert [t.row_count for t in tables] == [2, 2]
    headings = [b.text for b in body if isinstance(b, BodyParagraph)
                and b.style.startswith("Heading")]
    assert f"Heading {TRICKY}" in headings
