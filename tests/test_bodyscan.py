"""Counting a written body in its bytes gives what a full parse gives, or says it cannot."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from pipeline.render import bodyscan, readback
from pipeline.render.readback import BodyParagraph, BodyTable

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ROOT = (f'<w:document xmlns:w="{W}" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">')


def p(text: str, style: str | None = None) -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def tr(*cells: str) -> str:
    return "<w:tr><w:trPr><w:cantSplit/></w:trPr>" + "".join(
        f"<w:tc><w:tcPr/>{c}</w:tc>" for c in cells) + "</w:tr>"


def table(*rows: str) -> str:
    return '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr><w:tblGrid/>' + \
        "".join(rows) + "</w:tbl>"


def document(body: str, root: str = ROOT) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{root}<w:body>{body}'
            '<w:sectPr><w:pgSz w:w="16838"/></w:sectPr></w:body></w:document>').encode()


def full_parse(xml: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list:
    path = tmp_path / "d.docx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("word/document.xml", xml)
    with monkeypatch.context() as m:
        m.setattr(bodyscan, "scan_body", lambda *_: None)
        return readback.read_body(path)


STYLES = {"Heading2": "Heading 2"}
TEXT_BOX = ('<w:p><w:r><w:drawing><wp:inline><w:txbxContent>' + p("in a box", "Heading2")
            + table(tr(p("boxed"))) + '</w:txbxContent></wp:inline></w:drawing></w:r></w:p>')
CASES = {
    "tables and headings": p("R1: &amp; &lt;more&gt; “quoted”", "Heading2")
    + table(tr(p("Action"), p("Status")), tr(p("a"), p("b")), tr(p("c"), p("d")))
    + "<w:p/>" + table(tr(p("Action"), p("Status"))) + p("after"),
    "a table inside a cell": table(
        tr(p("Head")), tr(table(tr(p("inner")), tr(p("inner 2"))) + p("x")), tr(p("y"))),
    "a text box inside a paragraph": TEXT_BOX + p("R2", "Heading2"),
    "line breaks and tabs": '<w:p><w:r><w:t>a</w:t><w:br/><w:tab/><w:t>b</w:t></w:r></w:p>'
    + table(tr('<w:p><w:r><w:t>two</w:t><w:br/><w:t>lines</w:t></w:r></w:p>' + p("more"))),
    "an empty table": '<w:tbl><w:tblPr/><w:tblGrid/></w:tbl>' + p("x"),
    "attributes with > in them": '<w:p w:rsidR="00A&gt;" w:x=\'a>b\'><w:r><w:t>t</w:t></w:r>'
    '</w:p>' + table(tr(p("h")), '<w:tr w:rsidR="1>2">' + "<w:tc>" + p("r") + "</w:tc></w:tr>"),
    "marks that open markup only after a <": p("Done! Really? Yes! &lt;!-- no --&gt;?"),
    "rows with heights, empty properties and no properties": table(
        tr(p("h")), '<w:tr><w:trPr><w:trHeight w:val="400"/></w:trPr><w:tc>' + p("a")
        + "</w:tc></w:tr>", "<w:tr><w:trPr/><w:tc>" + p("b") + "</w:tc></w:tr>",
        "<w:tr><w:tc>" + p("c") + "</w:tc></w:tr>", "<w:tr/>"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_the_scan_gives_what_the_full_parse_gives(name: str, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    xml = document(CASES[name])
    scanned = bodyscan.scan_body(xml, {})  # the full parse below has no styles.xml either
    assert scanned is not None
    assert scanned == full_parse(xml, tmp_path, monkeypatch)


def test_what_the_scan_finds_is_what_a_reader_sees() -> None:
    scanned = bodyscan.scan_body(document(CASES["tables and headings"]), STYLES)
    assert scanned == [
        BodyParagraph("Heading 2", "R1: & <more> “quoted”"),
        BodyTable(["Action", "Status"], 2),
        BodyParagraph("Normal", ""),
        BodyTable(["Action", "Status"], 0),
        BodyParagraph("Normal", "after"),
    ]
    nested = bodyscan.scan_body(document(CASES["a table inside a cell"]), STYLES)
    assert nested == [BodyTable(["Head"], 2)]  # the inner table's rows are not the table's


@pytest.mark.parametrize("xml", [
    document(p("x") + "<!-- a comment -->"),
    document(p("Done! Really? Yes!") + "<?committee after marks in the text?>"),
    document(p("Why?") + "<w:p><w:r><w:t><![CDATA[<w:tr>]]></w:t></w:r></w:p>"),
    document("<w:sdt><w:sdtContent>" + p("in a content control") + "</w:sdtContent></w:sdt>"),
    document('<w:customXml w:element="x">' + p("held") + "</w:customXml>"),
    document("<w:ins>" + p("tracked") + "</w:ins>"),
    f'<document xmlns="{W}"><body><p/></body></document>'.encode(),
    f'<ns0:document xmlns:ns0="{W}"><ns0:body><ns0:p/></ns0:body></ns0:document>'.encode(),
    # the main namespace bound to a second prefix: paragraphs the w: scan would not see
    document("<v:p><w:r><w:t>x</w:t></w:r></v:p>", ROOT.replace(">", f' xmlns:v="{W}">')),
])
def test_the_scan_gives_up_where_it_cannot_be_sure(xml: bytes) -> None:
    assert bodyscan.scan_body(xml, STYLES) is None


def test_a_document_that_is_not_well_formed_is_an_error() -> None:
    broken = document(p("a") + "<w:p><w:r><w:t>unclosed</w:r></w:p>")
    with pytest.raises(etree.XMLSyntaxError):
        bodyscan.scan_body(broken, STYLES)


def test_the_bytes_just_written_are_read_back_only_when_the_file_holds_them(
        tmp_path: Path) -> None:
    """The read-back scans the document.xml the frame has just written (no second inflate)
    only when the file's entry has the same name, CRC-32 and size; else it reads the file."""
    import zlib

    from pipeline.render import written

    in_file = document(p("R1 in the file", "Heading2"))
    path = tmp_path / "w.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", in_file)
    held = in_file.replace(b"in the file", b"in memory!!")  # the same size, other bytes
    crc = zlib.crc32(in_file)
    cases = [
        ("word/document.xml", crc, held, "R1 in memory!!"),  # the file's CRC and size: used
        ("word/document.xml", zlib.crc32(held), held, "R1 in the file"),  # another CRC
        ("word/document.xml", crc, held + b" ", "R1 in the file"),  # another size
        ("word/other.xml", crc, held, "R1 in the file"),  # another part
    ]
    for name, checksum, xml, text in cases:
        written.remember(name, checksum, xml)
        body = readback.read_body(path)
        assert body[0].text == text  # type: ignore[union-attr]
        written.remember(name, checksum, xml)
        with zipfile.ZipFile(path) as archive:
            written.take(archive, "word/document.xml")
            assert written.take(archive, "word/document.xml") is None  # held for one read
    assert readback.read_body(path)[0].text == "R1 in the file"  # type: ignore[union-attr]


def test_a_plan_is_checked_against_the_bytes_it_wrote(
        make_workbook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from pipeline.cli import main
    from pipeline.render import written
    from tests.conftest import ACTION_HEADERS, action_row

    taken: list[bool] = []
    take = written.take

    def spy(archive: zipfile.ZipFile, name: str) -> bytes | None:
        found = take(archive, name)
        taken.append(found is not None)
        return found

    monkeypatch.setattr(written, "take", spy)
    book = make_workbook({"Actions": [ACTION_HEADERS, action_row(ref="R1", action="Fix & test")]})
    result = CliRunner().invoke(main, ["plan", str(book), "-o", str(tmp_path / "p.docx")])
    assert result.exit_code == 0, result.output
    assert "1 action and 1 recommendation in, 1 and 1 written" in result.output
    assert taken == [True]
