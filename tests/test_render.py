"""The Word rendering engine: a DocumentModel rendered into a template, read back."""

from __future__ import annotations

import datetime as dt
import io
import struct
import zlib
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from pipeline.documents.docmodel import (
    Cell,
    Column,
    DocumentModel,
    Heading,
    Image,
    PageBreak,
    Paragraph,
    Run,
    Table,
)
from pipeline.documents.formatting import format_date, format_date_value, number_words, percent
from pipeline.domain.model import DateValue
from pipeline.issues import PipelineError
from pipeline.render.engine import render_bytes, render_document
from pipeline.render.templates import TEMPLATE_NAMES, shipped_templates_dir, template_path

TRICKY = "Tom & Jerry <b>not bold</b> \"quoted\" 'single' £250 – en dash 😀"


def tiny_png(width: int = 4, height: int = 2) -> bytes:
    """A valid PNG of solid grey, width x height pixels."""
    raw = b"".join(b"\x00" + b"\x80\x80\x80" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def sample_model(**changes: object) -> DocumentModel:
    table = Table(
        [Column("Item", 6.0), Column("Progress", 8.0), Column("Status", 3.0)],
        [
            [Cell.of("First"), Cell.of(f"line one\n{TRICKY}"),
             Cell.of("Complete", fill="1D70B8", text_colour="FFFFFF")],
            [Cell.of("Second"), Cell.of(""),
             Cell.of("At risk", fill="FFDD00", text_colour="0B0C0C")],
        ],
        caption="Progress of the items",
    )
    model = DocumentModel(
        kind="plan",
        title="Plan for Telford & Wrekin <draft>",
        subject="A subject",
        author="Telford & Wrekin Council",
        landscape=True,
        protective_marking="official-sensitive",
        context={"organisation": "Telford & Wrekin Council", "as_at": "1 May 2013"},
        blocks=[
            Heading("Priority 1: Safety first", 1),
            Heading("R1: Record enquiries promptly", 2),
            Paragraph([Run("Bold bit", bold=True), Run(" and plain")]),
            table,
            Paragraph.of("Unknown style falls back", style="No Such Style"),
            Image(tiny_png(), alt_text="A grey chart of nothing", width_cm=8.0, title="Chart"),
            PageBreak(),
            Paragraph.of("After the break"),
        ],
    )
    for key, value in changes.items():
        setattr(model, key, value)
    return model


@pytest.fixture
def rendered(tmp_path: Path) -> docx.document.Document:
    out = render_document(sample_model(), tmp_path / "out.docx")
    return docx.Document(str(out))


def body_paragraphs(doc: docx.document.Document) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in doc.paragraphs]


def test_frame_title_organisation_and_position(rendered: docx.document.Document) -> None:
    paras = body_paragraphs(rendered)
    assert paras[0] == ("Title", "Plan for Telford & Wrekin <draft>")
    assert ("Normal", "Telford & Wrekin Council") in paras
    assert ("Normal", "Position as at 1 May 2013") in paras
    # the {{ body }} marker is gone: no paragraph still holds a token or jinja tag
    assert not any("BODY-" in text or "{{" in text or "{%" in text for _, text in paras)


def test_headings_use_heading_styles(rendered: docx.document.Document) -> None:
    paras = body_paragraphs(rendered)
    assert ("Heading 1", "Priority 1: Safety first") in paras
    assert ("Heading 2", "R1: Record enquiries promptly") in paras
    assert ("Normal", "Unknown style falls back") in paras


def test_runs_keep_bold(rendered: docx.document.Document) -> None:
    para = next(p for p in rendered.paragraphs if p.text == "Bold bit and plain")
    runs = [(r.text, bool(r.bold)) for r in para.runs]
    assert runs == [("Bold bit", True), (" and plain", False)]


def test_table_header_repeats_rows_do_not_split_no_merges(
    rendered: docx.document.Document,
) -> None:
    table = rendered.tables[0]
    rows = table._tbl.findall(qn("w:tr"))
    assert rows[0].find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
    assert all(r.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None for r in rows)
    assert all(r.find(qn("w:trPr")).find(qn("w:tblHeader")) is None for r in rows[1:])
    assert not table._tbl.xpath(".//w:gridSpan | .//w:vMerge")
    header = [c.text for c in table.rows[0].cells]
    assert header == ["Item", "Progress", "Status"]
    assert all(r.bold for c in table.rows[0].cells for p in c.paragraphs for r in p.runs)


def test_table_caption_grid_widths_and_style(rendered: docx.document.Document) -> None:
    tbl = rendered.tables[0]._tbl
    tblpr = tbl.tblPr
    assert tblpr.find(qn("w:tblCaption")).get(qn("w:val")) == "Progress of the items"
    assert tblpr.find(qn("w:tblDescription")).get(qn("w:val")) == "Progress of the items"
    assert tblpr.find(qn("w:tblStyle")).get(qn("w:val")) == "CommitteeTable"
    grid = [int(g.get(qn("w:w"))) for g in tbl.tblGrid.findall(qn("w:gridCol"))]
    # Fitted to the text within the columns' 17 cm (9,638 twentieths of a point): the
    # Progress column, which holds the most text, is the widest.
    assert 9600 <= sum(grid) <= 9638
    assert grid[1] == max(grid)
    widths = [int(tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) for tc in tbl.tr_lst[1].tc_lst]
    assert widths == grid


def test_status_cells_shaded_with_label_and_text_colour(rendered: docx.document.Document) -> None:
    table = rendered.tables[0]
    for row_index, label, fill, colour in ((1, "Complete", "1D70B8", "FFFFFF"),
                                           (2, "At risk", "FFDD00", "0B0C0C")):
        cell = table.rows[row_index].cells[2]
        assert cell.text == label
        shd = cell._tc.tcPr.find(qn("w:shd"))
        assert shd.get(qn("w:fill")) == fill
        assert shd.get(qn("w:val")) == "clear"
        assert cell.paragraphs[0].runs[0].font.color.rgb == docx.shared.RGBColor.from_string(colour)


def test_cell_properties_in_schema_order(rendered: docx.document.Document) -> None:
    order = ["tcW", "gridSpan", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
             "textDirection", "tcFitText", "vAlign", "hideMark"]
    for tc in rendered.tables[0]._tbl.iter(qn("w:tc")):
        names = [child.tag.split("}")[1] for child in tc.tcPr]
        assert names == sorted(names, key=order.index)
        assert names[0] == "tcW"


def test_special_characters_and_line_breaks_come_out_exactly(
    rendered: docx.document.Document,
) -> None:
    cell = rendered.tables[0].rows[1].cells[1]
    assert cell.text == f"line one\n{TRICKY}"
    run = cell.paragraphs[0].runs[0]._r
    assert len(run.findall(qn("w:br"))) == 1
    texts = run.findall(qn("w:t"))
    assert all(t.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve" for t in texts)


def test_characters_xml_cannot_hold_are_dropped_not_fatal(tmp_path: Path) -> None:
    model = sample_model(blocks=[Paragraph.of("bell\x07 and vertical\x0btab kept\ttab")])
    doc = docx.Document(str(render_document(model, tmp_path / "x.docx")))
    assert ("Normal", "bell and verticaltab kept\ttab") in body_paragraphs(doc)


def test_page_break_and_image_with_alt_text(rendered: docx.document.Document) -> None:
    body = rendered.element.body
    assert body.xpath('.//w:br[@w:type="page"]')
    doc_pr = body.xpath(".//wp:docPr")
    assert len(doc_pr) == 1
    assert doc_pr[0].get("descr") == "A grey chart of nothing"
    assert doc_pr[0].get("title") == "Chart"
    extent = body.xpath(".//wp:extent")[0]
    assert int(extent.get("cx")) == 8 * 360000
    assert int(extent.get("cy")) == 4 * 360000  # 4 x 2 pixels: aspect kept


def test_footer_has_page_and_numpages_fields_and_generated_date(
    rendered: docx.document.Document,
) -> None:
    footer = rendered.sections[0].footer._element
    fields = footer.xpath(".//w:fldSimple/@w:instr") + footer.xpath(".//w:instrText/text()")
    instructions = " ".join(fields)
    assert "PAGE" in instructions.split()
    assert "NUMPAGES" in instructions.split()
    texts = [p.text for p in rendered.sections[0].footer.paragraphs]
    assert f"Generated {format_date(dt.date.today())}" in texts


def test_protective_marking_printed_in_capitals_only_when_set(tmp_path: Path) -> None:
    marked = docx.Document(str(render_document(sample_model(), tmp_path / "m.docx")))
    header = [p.text for p in marked.sections[0].header.paragraphs]
    footer = [p.text for p in marked.sections[0].footer.paragraphs]
    assert "OFFICIAL-SENSITIVE" in header
    assert "OFFICIAL-SENSITIVE" in footer
    plain = docx.Document(str(render_document(sample_model(protective_marking=""),
                                              tmp_path / "p.docx")))
    header_texts = [p.text for p in plain.sections[0].header.paragraphs]
    assert all("OFFICIAL" not in t and "{" not in t for t in header_texts)
    assert plain.sections[0].header._element.findall(qn("w:p"))  # still a valid header


def test_landscape_section_title_and_language(rendered: docx.document.Document) -> None:
    section = rendered.sections[0]
    assert section.page_width > section.page_height
    assert section.orientation == docx.enum.section.WD_ORIENT.LANDSCAPE
    assert rendered.core_properties.title == "Plan for Telford & Wrekin <draft>"
    assert rendered.core_properties.author == "Telford & Wrekin Council"
    assert rendered.core_properties.language == "en-GB"
    lang = rendered.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(
        qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "en-GB"


def test_portrait_model_turns_landscape_template_portrait(tmp_path: Path) -> None:
    doc = docx.Document(str(render_document(sample_model(landscape=False), tmp_path / "p.docx")))
    section = doc.sections[0]
    assert section.page_width < section.page_height


def test_shipped_templates_are_real_documents_with_the_frame() -> None:
    for kind, name in TEMPLATE_NAMES.items():
        path = template_path(kind)
        assert path.name == name and path.is_file()
        doc = docx.Document(str(path))
        texts = [p.text for p in doc.paragraphs]
        assert "{{ body }}" in texts and "{{ title }}" in texts
        assert doc.paragraphs[0].style.name == "Title"
        for style in ("Heading 1", "Heading 2", "Heading 3", "Table Text"):
            assert doc.styles[style].font.name == "Arial"
        section = doc.sections[0]
        assert (section.page_width > section.page_height) == (kind in ("plan", "response"))
        assert abs(section.page_width.cm + section.page_height.cm - (21.0 + 29.7)) < 0.05


def test_template_path_prefers_explicit_then_council_folder_then_shipped(tmp_path: Path) -> None:
    shipped = template_path("plan")
    assert shipped.parent == shipped_templates_dir()
    council = tmp_path / "council"
    council.mkdir()
    assert template_path("plan", templates_dir=council) == shipped
    (council / "improvement-plan.docx").write_bytes(shipped.read_bytes())
    assert template_path("plan", templates_dir=council) == council / "improvement-plan.docx"
    mine = tmp_path / "mine.docx"
    mine.write_bytes(shipped.read_bytes())
    assert template_path("plan", mine, council) == mine
    with pytest.raises(PipelineError, match="was not found"):
        template_path("plan", tmp_path / "missing.docx")
    with pytest.raises(PipelineError, match="no template for documents of kind"):
        template_path("minutes")


def custom_template(path: Path, *paragraphs: str) -> Path:
    doc = docx.Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    doc.save(str(path))
    return path


def test_template_with_unknown_field_names_the_template_and_field(tmp_path: Path) -> None:
    tpl = custom_template(tmp_path / "ours.docx", "{{ title }}", "{{ chairman }}", "{{ body }}")
    with pytest.raises(PipelineError) as caught:
        render_bytes(sample_model(), tpl)
    message = caught.value.message
    assert "ours.docx" in message and "{{ chairman }}" in message and "organisation" in message
    assert caught.value.issues[0].code == "template-error"


def test_template_syntax_error_and_sandbox_are_pipeline_errors(tmp_path: Path) -> None:
    broken = custom_template(tmp_path / "broken.docx", "{{ title ", "{{ body }}")
    with pytest.raises(PipelineError, match="broken.docx"):
        render_bytes(sample_model(), broken)
    sneaky = custom_template(tmp_path / "sneaky.docx",
                             "{{ title.__class__.__mro__[1].__subclasses__() }}", "{{ body }}")
    with pytest.raises(PipelineError, match="sneaky.docx"):
        render_bytes(sample_model(), sneaky)


def test_template_without_body_paragraph_is_refused(tmp_path: Path) -> None:
    no_body = custom_template(tmp_path / "nobody.docx", "{{ title }}")
    with pytest.raises(PipelineError, match="nobody.docx.*body"):
        render_bytes(sample_model(), no_body)
    shared = custom_template(tmp_path / "shared.docx", "Content: {{ body }}")
    with pytest.raises(PipelineError, match="alone in its paragraph"):
        render_bytes(sample_model(), shared)


def test_not_a_word_file_as_template(tmp_path: Path) -> None:
    fake = tmp_path / "fake.docx"
    fake.write_text("not a zip")
    with pytest.raises(PipelineError, match="fake.docx could not be opened"):
        render_bytes(sample_model(), fake)


def test_custom_template_styles_are_used(tmp_path: Path) -> None:
    tpl = custom_template(tmp_path / "plain.docx", "{{ title }}", "{{ body }}")
    doc = docx.Document(io.BytesIO(render_bytes(sample_model(), tpl)))
    assert ("Heading 1", "Priority 1: Safety first") in body_paragraphs(doc)
    # python-docx's default template has "Table Grid" but not "Committee Table"
    style = doc.tables[0]._tbl.tblPr.find(qn("w:tblStyle")).get(qn("w:val"))
    assert style == "TableGrid"


def test_write_is_atomic_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    out = tmp_path / "deep" / "folder" / "doc.docx"
    render_document(sample_model(), out)
    assert out.is_file()
    assert sorted(p.name for p in out.parent.iterdir()) == ["doc.docx"]
    before = out.read_bytes()
    with pytest.raises(PipelineError):
        render_document(sample_model(), out, template=tmp_path / "missing.docx")
    assert out.read_bytes() == before


def test_table_rows_must_match_columns() -> None:
    with pytest.raises(ValueError, match="2 cells"):
        Table([Column("A", 1), Column("B", 1), Column("C", 1)], [[Cell.of("x"), Cell.of("y")]])


def test_big_table_is_built_row_for_row(tmp_path: Path) -> None:
    rows = [[Cell.of(f"item {i}"), Cell.of("progress " * 20), Cell.of("Complete", "1D70B8")]
            for i in range(2000)]
    model = sample_model(blocks=[Table([Column("Item", 3), Column("Progress", 9),
                                        Column("Status", 3)], rows)])
    doc = docx.Document(io.BytesIO(render_bytes(model)))
    trs = doc.tables[0]._tbl.findall(qn("w:tr"))
    assert len(trs) == 2001
    assert trs[-1].findall(qn("w:tc"))[0].xpath("string(.)") == "item 1999"


def test_formatting_helpers() -> None:
    assert format_date(dt.date(2013, 8, 15)) == "15 August 2013"
    assert format_date_value(DateValue("30/07/2013", dt.date(2013, 7, 30), "day")) == "30 July 2013"
    assert format_date_value(DateValue("Aug-12", dt.date(2012, 8, 1), "month")) == "August 2012"
    assert format_date_value(DateValue("March 2013 and ongoing")) == "March 2013 and ongoing"
    assert format_date_value(None) == ""
    assert [number_words(n) for n in (0, 1, 6, 9, 10, 57)] == [
        "zero", "one", "six", "nine", "10", "57"]
    assert percent(49, 57) == "86%"
    assert percent(1, 8) == "13%"  # 12.5 rounds half up, as people do
    assert percent(3, 0) == "0%"
