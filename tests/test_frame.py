"""The template frame filled in without docxtpl (pipeline.render.frame) is docxtpl's.

Every document of a plain template is made without python-docx and docxtpl. These tests
make the same documents both ways and compare them part by part in canonical XML, and
check docxtpl's own preparation of a part's XML against `framefields.prepare`.
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from pipeline.documents.docmodel import (
    Cell,
    Column,
    DocumentModel,
    Heading,
    Image,
    Paragraph,
    SectionBreak,
    Table,
)
from pipeline.render import engine
from pipeline.render.designs import take_designs
from pipeline.render.frame import Unsupported, fill_frame
from pipeline.render.framefields import prepare
from pipeline.render.templates import shipped_templates_dir

TEMPLATES = sorted(p.name for p in shipped_templates_dir().glob("*.docx"))
KINDS = {"improvement-plan.docx": "plan", "briefing.docx": "briefing",
         "exception-report.docx": "exceptions", "cabinet-response.docx": "response",
         "performance-report.docx": "performance", "committee-report.docx": "report"}
HOSTILE = "Tom & Jerry <b>\"quoted\" 'single'</b> £5 – {{ not a field }} {% nor this %}"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DCTERMS = "{http://purl.org/dc/terms/}"


def model(kind: str, title: str, landscape: bool, **context: str) -> DocumentModel:
    table = Table(
        columns=[Column("Ref", 2.0), Column("What & why", 8.0), Column("Status", 3.0)],
        rows=[[Cell.of("R1"), Cell.of(HOSTILE), Cell.of("On track", fill="00703C",
                                                          text_colour="FFFFFF")]],
        caption="Actions <and> \"progress\"",
    )
    return DocumentModel(
        kind=kind, title=title, subject=f"{title}: subject", author="Borough & Council",
        landscape=landscape, protective_marking=context.pop("marking", ""),
        context=context,
        blocks=[Heading(HOSTILE, 1), Paragraph.of("Line one\nline two\tand a tab"), table],
    )


def parts(data: bytes) -> dict[str, object]:
    """Each part as python-docx would read it: XML canonical, with the creation times
    blanked; content types and relationships as what they resolve to."""
    out: dict[str, object] = {}
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as package:
        names = package.namelist()
        types = etree.fromstring(package.read("[Content_Types].xml"))
        defaults = {d.get("Extension").lower(): d.get("ContentType") for d in types
                    if d.tag.endswith("Default")}
        overrides = {o.get("PartName").lstrip("/").lower(): o.get("ContentType")
                     for o in types if o.tag.endswith("Override")}
        for name in names:
            data_ = package.read(name)
            if name == "[Content_Types].xml":
                continue
            out[name + " (type)"] = overrides.get(name.lower()) or defaults.get(
                name.rsplit(".", 1)[-1].lower())
            if name.endswith(".rels"):
                base = posixpath.dirname(posixpath.dirname(name))
                out[name] = sorted(
                    (r.get("Id"), r.get("Type"), r.get("TargetMode") or "",
                     r.get("Target") if r.get("TargetMode") == "External"
                     else posixpath.normpath(posixpath.join(base, r.get("Target"))))
                    for r in etree.fromstring(data_))
            elif name.endswith(".xml"):
                root = etree.fromstring(data_, etree.XMLParser(remove_blank_text=True))
                for stamp in ("created", "modified"):
                    for el in root.iter(f"{DCTERMS}{stamp}"):
                        el.text = "(time)"
                out[name] = etree.tostring(root, method="c14n")
            else:
                out[name] = data_
    return out


def both_ways(monkeypatch: pytest.MonkeyPatch, doc: DocumentModel, template: Path,
              fast_way: bool = True) -> tuple[dict[str, object], dict[str, object]]:
    made: list[bool] = []
    real = engine._render_in_frame

    def spy(*args: object) -> bytes | None:
        data = real(*args)  # type: ignore[arg-type]
        made.append(data is not None)
        return data

    monkeypatch.setattr(engine, "_render_in_frame", spy)
    fast = engine.render_bytes(doc, template)
    assert made == [fast_way]  # made without docxtpl (or, for other syntax, with it)
    monkeypatch.setattr(engine, "FAST_FRAME", False)
    slow = engine.render_bytes(doc, template)
    monkeypatch.setattr(engine, "FAST_FRAME", True)
    return parts(fast), parts(slow)


@pytest.mark.parametrize("name", TEMPLATES)
@pytest.mark.parametrize("values", [
    {"title": "Improvement plan", "landscape": True},
    {"title": HOSTILE, "landscape": False, "organisation": "Telford & Wrekin",
     "as_at": "1 May 2013", "marking": "official – sensitive", "committee": "Scrutiny <A>",
     "meeting_date": "3 June 2013", "report_number": "CR/1", "banner": "Banner & co"},
    {"title": "x" * 300, "landscape": True, "organisation": "", "as_at": ""},
])
def test_the_frame_filled_in_without_docxtpl_is_docxtpls(
    monkeypatch: pytest.MonkeyPatch, name: str, values: dict
) -> None:
    values = dict(values)
    doc = model(KINDS[name], values.pop("title"), values.pop("landscape"), **values)
    template = shipped_templates_dir() / name
    fast, slow = both_ways(monkeypatch, doc, template)
    assert sorted(fast) == sorted(slow)
    for part in slow:
        assert fast[part] == slow[part], part
    text = fast["word/document.xml"]
    assert b"Tom &amp; Jerry &lt;b&gt;" in text  # and the body is really there


def png(size: tuple[int, int], colour: str, dpi: int | None) -> bytes:
    import io

    from PIL import Image as Picture

    from pipeline.documents.chartdraw import png_bytes

    picture = Picture.new("RGB", size, colour)
    if dpi is not None:
        return png_bytes(picture, dpi)  # as the charts are written: pHYs in metres
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")  # no pHYs: 72 dpi
    return buffer.getvalue()


@pytest.mark.parametrize("name", TEMPLATES)
def test_pictures_and_sections_come_out_as_python_docx_puts_them(
    monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    chart, other, plain = png((756, 307), "white", 120), png((300, 200), "red", 96), \
        png((50, 80), "blue", None)
    doc = model(KINDS[name], "Pictures", False, organisation="Org")
    doc.blocks += [
        Image(chart, "Trend of A & B", 16.0, title="A <chart>"), Paragraph.of("between"),
        Image(other, "second", 8.0), Image(chart, "the first again", 16.0),
        SectionBreak(landscape=True), Heading("Appendix", 1), Image(plain, "plain", 3.0),
        SectionBreak(landscape=False), Paragraph.of("last"),
    ]
    fast, slow = both_ways(monkeypatch, doc, shipped_templates_dir() / name)
    assert sorted(fast) == sorted(slow)
    for part in slow:
        assert fast[part] == slow[part], part
    assert sum(1 for part in fast if part.startswith("word/media/") and "(type)" not in part) \
        == 3  # the same chart twice is one image part


@pytest.mark.parametrize("name", TEMPLATES)
def test_every_shipped_template_is_filled_in_without_docxtpl(name: str) -> None:
    context = engine.render_context(model("plan", "T", True), "TOKEN")
    # the engine takes the Table designs part out first (pipeline.render.designs)
    assert fill_frame(shipped_templates_dir() / name, context, "TOKEN",
                      lambda body: take_designs(body, KINDS[name])) is not None


def test_a_title_with_a_line_break_goes_through_docxtpl_which_breaks_the_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    template = shipped_templates_dir() / "improvement-plan.docx"
    context = engine.render_context(model("plan", "Line one\nline two", True), "TOKEN")
    assert fill_frame(template, context, "TOKEN") is None
    data = engine.render_bytes(model("plan", "Line one\nline two", True), template)
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as package:
        assert b"Line one</w:t><w:br/>" in package.read("word/document.xml")


def _rewrite(template: Path, out: Path, part: str, old: bytes, new: bytes) -> Path:
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == part:
                assert old in data
                data = data.replace(old, new)
            dst.writestr(info, data)
    return out


@pytest.mark.parametrize("old, new", [
    # a field split over two runs, as Word often saves one typed in two goes
    (b"<w:r><w:t>{{ title }}</w:t></w:r>",
     b"<w:r><w:t>{{ ti</w:t></w:r><w:r><w:t>tle }}</w:t></w:r>"),
    (b"<w:r><w:t>{{ title }}</w:t></w:r>", b"<w:r><w:t>{% if title %}{{ title }}{% endif %}"
     b"</w:t></w:r>"),
    (b"<w:t>{{ title }}</w:t>", b'<w:t>{{ title }} {{ "{" }}</w:t>'),
    (b"<w:t>{{ title }}</w:t>", b"<w:t>{# a note #}{{ title }}</w:t>"),
])
def test_other_docxtpl_syntax_is_left_to_docxtpl_and_still_filled_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old: bytes, new: bytes
) -> None:
    template = _rewrite(shipped_templates_dir() / "improvement-plan.docx",
                        tmp_path / "changed.docx", "word/document.xml", old, new)
    doc = model("plan", "My plan", True)
    assert fill_frame(template, engine.render_context(doc, "T"), "T") is None
    fast, slow = both_ways(monkeypatch, doc, template, fast_way=False)
    assert fast == slow  # both went through docxtpl
    body = etree.fromstring(fast["word/document.xml"])
    assert "My plan" in "".join(t.text or "" for t in body.iter(f"{W}t"))


# --- docxtpl's own preparation of XML against framefields.prepare -----------------------------

_GOOD = ["Hello", " ", "{{ title }}", "{{title}}", "{{ a if b else c }}", "&amp;", "&lt;",
         "“", "’", "{{ x }} and {{ y }}", "{{ '&lt;' }}", "{{ “q” }}", "{{- x -}}", "a{", "}b",
         "{{ x }}{{ y }}"]
_BAD = ["{", "}", "%", "{%p if x %}", "{{p x }}", "{% if x %}", "-%}", "}}", "{{", "{#"]
_TEXT = st.lists(st.one_of(st.sampled_from(_GOOD), st.sampled_from(_BAD)).filter(bool)
                 | st.sampled_from(_GOOD), min_size=1, max_size=3).map("".join)
_RUN = st.builds(
    lambda texts, preserve: "<w:r>" + "".join(
        (f'<w:t xml:space="preserve">{t}</w:t>' if preserve else f"<w:t>{t}</w:t>")
        for t in texts) + "</w:r>",
    st.lists(_TEXT, min_size=1, max_size=2),
    st.booleans(),
)
_PARAGRAPH = st.one_of(
    st.builds(
        lambda runs, style: "<w:p>" + (f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>'
                                       if style else "") + "".join(runs) + "</w:p>",
        st.lists(_RUN, min_size=1, max_size=3), st.sampled_from(["", "Title"]),
    ),
    st.sampled_from(["{%p if x %}", "{%p endif %}", "{%p else %}", "{%p if a &lt; b %}",
                     "{%p if “a” %}"]).map(
        lambda tag: f"<w:p><w:r><w:t>{tag}</w:t></w:r></w:p>"),
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_PARAGRAPH, min_size=1, max_size=5))
def test_prepare_is_docxtpls_patch_xml_wherever_it_says_yes(paragraphs: list[str]) -> None:
    from docxtpl import DocxTemplate

    xml = ('<w:body xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           + "".join(paragraphs) + "</w:body>")
    try:
        ours = prepare(xml)
    except Unsupported:
        return
    assert ours == DocxTemplate.patch_xml(None, xml)


def test_prepare_says_yes_to_the_shipped_kind_of_field() -> None:
    xml = ("<w:p><w:r><w:t>{%p if organisation %}</w:t></w:r></w:p>"
           "<w:p><w:r><w:t>{{ organisation }}</w:t></w:r></w:p>"
           "<w:p><w:r><w:t>{%p endif %}</w:t></w:r></w:p>")
    assert prepare(xml) == ('{% if organisation %}<w:p><w:r><w:t xml:space="preserve">'
                            "{{ organisation }}</w:t></w:r></w:p>{% endif %}")


def test_a_plan_from_the_shipped_template_imports_no_docxtpl_python_docx_or_jinja(
    tmp_path: Path,
) -> None:
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    out = tmp_path / "plan.docx"
    code = (
        "import sys\n"
        "from pipeline.cli import main\n"
        "try:\n"
        f"    main(['plan', {str(root / 'inputs' / 'childrens-services-improvement-plan.xlsx')!r},"
        f" '-o', {str(out)!r}])\n"
        "except SystemExit as exit:\n"
        "    assert not exit.code, exit.code\n"
        "print(sorted(m for m in sys.modules\n"
        "             if m.split('.')[0] in ('docx', 'docxtpl', 'jinja2')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=root, check=True)
    assert done.stdout.strip().endswith("[]"), done.stdout + done.stderr
    from docx import Document

    assert Document(str(out)).paragraphs[0].text  # the title, filled in


def test_an_empty_field_goes_docxtpls_way() -> None:
    """docxtpl reads past an empty field ({{}}) to the next field's end, cleaning what lies
    between ("&lt;" becomes "<"): the frame does not fill such a part (found by the test
    above)."""
    xml = ('<w:body xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           "<w:p><w:r><w:t>{{}}</w:t><w:t>&lt;{{}}</w:t></w:r></w:p></w:body>")
    with pytest.raises(Unsupported):
        prepare(xml)
