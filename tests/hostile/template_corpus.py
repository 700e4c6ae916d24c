"""A deterministic corpus of hostile Word templates, each with what the pipeline must do.

    python tests/hostile/template_corpus.py DIR     # writes the templates into DIR

or, from a test: `build(case, dir)`; `CASES` lists them. Every template is the shipped
improvement-plan template with one hostile change: something that reaches outside the file
(linked pictures, a remote attached template, INCLUDEPICTURE / INCLUDETEXT / DDEAUTO fields,
hyperlinks), something that runs (macros, a .docm renamed .docx, altChunks, DTD entities),
or a field that would hang or exhaust memory, bring in files or crash the renderer.

Outcomes:
  refused  `templates check` and rendering both refuse it: an error with this code whose
           message names `where` (the part, relationship id, field or paragraph)
  accept   the template is fine and documents are made from it
"""

from __future__ import annotations

import re
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "templates" / "improvement-plan.docx"
BODY_PARAGRAPH = "<w:p><w:r><w:t>{{ body }}</w:t></w:r></w:p>"
SERVER = "http://127.0.0.1:9/"  # replaced by a live local server's address in the fetch test
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC_NS = "http://schemas.openxmlformats.org/drawingml/2006/picture"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
Outcome = Literal["refused", "accept"]
Edit = Callable[[dict[str, bytes], str], None]


@dataclass(frozen=True)
class TemplateCase:
    name: str
    outcome: Outcome
    about: str
    edit: Edit
    code: str | None = None
    where: tuple[str, ...] = ()  # each must appear in the first error's message
    fetches: bool = False  # a reader would fetch SERVER while opening or converting it
    extra: dict[str, str] = field(default_factory=dict)


def _text(parts: dict[str, bytes], name: str) -> str:
    return parts[name].decode("utf-8")


def _put(parts: dict[str, bytes], name: str, text: str) -> None:
    parts[name] = text.encode("utf-8")


def _before_body(xml: str) -> Edit:
    def edit(parts: dict[str, bytes], url: str) -> None:
        text = _text(parts, "word/document.xml")
        assert BODY_PARAGRAPH in text
        _put(parts, "word/document.xml",
             text.replace(BODY_PARAGRAPH, xml.replace("{url}", url) + BODY_PARAGRAPH))

    return edit


def _field_paragraph(field_text: str) -> str:
    escaped = field_text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f"<w:p><w:r><w:t xml:space=\"preserve\">{escaped}</w:t></w:r></w:p>"


def _rel(parts: dict[str, bytes], rels: str, xml: str) -> None:
    parts.setdefault(rels, b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                     b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                     b'relationships"></Relationships>')
    text = _text(parts, rels)
    _put(parts, rels, text.replace("</Relationships>", xml + "</Relationships>"))


def _content_type(parts: dict[str, bytes], xml: str) -> None:
    text = _text(parts, "[Content_Types].xml")
    _put(parts, "[Content_Types].xml", text.replace("</Types>", xml + "</Types>"))


def _picture(rid: str, attribute: str = "r:link", doc_id: int = 50) -> str:
    return (
        f'<w:p><w:r><w:drawing><wp:inline><wp:extent cx="914400" cy="914400"/>'
        f'<wp:docPr id="{doc_id}" name="Logo" descr="Council logo"/>'
        f'<a:graphic xmlns:a="{A_NS}"><a:graphicData uri="{PIC_NS}">'
        f'<pic:pic xmlns:pic="{PIC_NS}"><pic:nvPicPr><pic:cNvPr id="0" name="logo.png"/>'
        f'<pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip {attribute}="{rid}"/>'
        f'<a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm>'
        f'<a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
        f'</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>'
    )


def _linked_picture(target: str, part: str = "word/document.xml") -> Edit:
    def edit(parts: dict[str, bytes], url: str) -> None:
        where = target.replace("{url}", url)
        rels = "word/_rels/" + part.removeprefix("word/") + ".rels"
        _rel(parts, rels, f'<Relationship Id="rId90" Type="{REL}/image" Target="{where}" '
             'TargetMode="External"/>')
        if part == "word/document.xml":
            _before_body(_picture("rId90"))(parts, url)
        else:
            text = _text(parts, part)
            _put(parts, part, re.sub(r"(<w:hdr[^>]*>)", lambda m: m.group(1) + _picture(
                "rId90"), text, count=1))

    return edit


def _attached_template(parts: dict[str, bytes], url: str) -> None:
    text = _text(parts, "word/settings.xml")
    _put(parts, "word/settings.xml", re.sub(
        r"(<w:settings[^>]*>)", lambda m: m.group(1) + '<w:attachedTemplate r:id="rId1"/>',
        text, count=1))
    if 'xmlns:r="' not in _text(parts, "word/settings.xml"):
        _put(parts, "word/settings.xml", _text(parts, "word/settings.xml").replace(
            "<w:settings ", f'<w:settings xmlns:r="{REL}" ', 1))
    parts["word/_rels/settings.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}/attachedTemplate" Target="{url}Normal.dotm" '
        'TargetMode="External"/></Relationships>').encode()


def _complex_field(code: str) -> str:
    return (
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {code[:9]}</w:instrText></w:r>'
        f'<w:r><w:instrText xml:space="preserve">{code[9:]} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>field</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )


def _macros(parts: dict[str, bytes], url: str) -> None:
    parts["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    _rel(parts, "word/_rels/document.xml.rels", '<Relationship Id="rId91" Type='
         '"http://schemas.microsoft.com/office/2006/relationships/vbaProject" '
         'Target="vbaProject.bin"/>')
    _content_type(parts, '<Default Extension="bin" ContentType='
                  '"application/vnd.ms-office.vbaProject"/>')


def _docm(parts: dict[str, bytes], url: str) -> None:
    text = _text(parts, "[Content_Types].xml")
    _put(parts, "[Content_Types].xml", text.replace(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml"))


def _alt_chunk(parts: dict[str, bytes], url: str) -> None:
    parts["word/afchunk.htm"] = f'<html><body><img src="{url}chunk.png"></body></html>'.encode()
    _rel(parts, "word/_rels/document.xml.rels", f'<Relationship Id="rId92" Type="{REL}/aFChunk" '
         'Target="afchunk.htm"/>')
    _content_type(parts, '<Default Extension="htm" ContentType="application/xhtml+xml"/>')
    _before_body('<w:altChunk r:id="rId92"/>')(parts, url)


def _hyperlink(target: str) -> Edit:
    def edit(parts: dict[str, bytes], url: str) -> None:
        _rel(parts, "word/_rels/document.xml.rels", f'<Relationship Id="rId93" Type='
             f'"{REL}/hyperlink" Target="{target}" TargetMode="External"/>')
        _before_body('<w:p><w:hyperlink r:id="rId93"><w:r><w:t>Our website</w:t></w:r>'
                     '</w:hyperlink></w:p>')(parts, url)

    return edit


def _doctype(parts: dict[str, bytes], url: str) -> None:
    text = _text(parts, "word/styles.xml")
    declaration, rest = text.split("?>", 1)
    _put(parts, "word/styles.xml", declaration + '?><!DOCTYPE w:styles [<!ENTITY lol "lol">'
         '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>' + rest.replace(
             "<w:name w:val=\"Normal\"/>", "<w:name w:val=\"&lol2;\"/>", 1))


def _fields(*texts: str) -> Edit:
    return _before_body("".join(_field_paragraph(t) for t in texts))


def _both(*edits: Edit) -> Edit:
    def edit(parts: dict[str, bytes], url: str) -> None:
        for one in edits:
            one(parts, url)

    return edit


def _case(name: str, about: str, edit: Edit, code: str = "security-error",
          where: tuple[str, ...] = (), fetches: bool = False) -> TemplateCase:
    return TemplateCase(name, "refused", about, edit, code, where, fetches)


CASES: list[TemplateCase] = [
    # Reaching outside the file.
    _case("linked-picture-http", "a picture linked to a web address", _linked_picture(
        "{url}logo.png"), where=("word/_rels/document.xml.rels", "rId90", "127.0.0.1"),
        fetches=True),
    _case("linked-picture-file", "a picture linked to a local file", _linked_picture(
        "file:///etc/secret.png"), where=("rId90", "file:///etc/secret.png")),
    _case("linked-picture-header", "a linked picture in the header", _linked_picture(
        "{url}header.png", "word/header1.xml"), where=("word/_rels/header1.xml.rels", "rId90"),
        fetches=True),
    _case("attached-template-remote", "a remote attached template", _attached_template,
          where=("word/_rels/settings.xml.rels", "rId1", "Normal.dotm"), fetches=True),
    _case("includepicture-simple", "an INCLUDEPICTURE simple field", _before_body(
        '<w:p><w:fldSimple w:instr=\' INCLUDEPICTURE "{url}pic.png" \\d \'><w:r><w:t>x</w:t>'
        '</w:r></w:fldSimple></w:p>'), where=("word/document.xml", "INCLUDEPICTURE"),
        fetches=True),
    _case("includetext-complex", "an INCLUDETEXT complex field split over runs", _before_body(
        _complex_field('INCLUDETEXT "{url}text.docx"')), where=("INCLUDETEXT", "paragraph")),
    _case("ddeauto-field", "a DDEAUTO field", _before_body(_complex_field(
        'DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc.exe"')), where=("DDEAUTO",)),
    _case("hyperlink-file", "a hyperlink to a local file", _hyperlink("file:///etc/passwd"),
          where=("rId93", "file:///etc/passwd")),
    # Running things.
    _case("macros", "word/vbaProject.bin and a macro content type", _macros,
          where=("word/vbaProject.bin",)),
    _case("docm-renamed", "a macro-enabled .docm renamed .docx", _docm,
          where=("macroEnabled",)),
    _case("alt-chunk", "an altChunk HTML part", _alt_chunk, where=("rId92", "afchunk.htm")),
    _case("dtd-entity-styles", "a DTD with entities in styles.xml", _doctype,
          where=("word/styles.xml", "DOCTYPE")),
    # Fields that would hang, exhaust memory or crash.
    _case("huge-string", "'x' * 1000000000", _fields("{{ 'x' * 1000000000 }}"),
          where=("the body, paragraph", "{{ 'x' * 1000000000 }}")),
    _case("huge-power", "7 ** (10 ** 8)", _fields("{{ 7 ** (10 ** 8) }}"),
          where=("{{ 7 ** (10 ** 8) }}",)),
    _case("nested-ranges", "nested range(99999) loops", _fields(
        "{% for i in range(99999) %}", "{% for j in range(99999) %}", "{{ i }}",
        "{% endfor %}", "{% endfor %}"), where=("range(99999)",)),
    _case("long-loop", "nested loops within range's limit, too many steps", _fields(
        "{% for i in range(9999) %}{% for j in range(9999) %}{{ j }}{% endfor %}"
        "{% endfor %}"), where=("steps",)),
    _case("format-width", "'{:>999999999}'.format(...)", _fields(
        "{{ '{:>999999999}'.format(title) }}"), where=("999,999,999",)),
    _case("percent-width", "'%999999999s' | format(...)", _fields(
        "{{ '%999999999s' | format(title) }}"), where=("999,999,999",)),
    _case("center-huge", "title.center(1000000000)", _fields(
        "{{ title.center(1000000000) }}"), where=("1,000,000,000",)),
    _case("center-filter", "title | center(1000000000)", _fields(
        "{{ title | center(1000000000) }}"), where=("1,000,000,000",)),
    _case("power-5000", "{{ 10**5000 }}", _fields("{{ 10**5000 }}"), where=("{{ 10**5000 }}",)),
    _case("doubling-namespace", "a text doubled forty times in a loop", _fields(
        "{% set ns = namespace(s='xx') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
        "{% endfor %}{{ ns.s | length }}"), where=("200,000 characters",)),
    _case("recursive-macro", "a macro that calls itself", _fields(
        "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}"), where=("itself",)),
    _case("include", "{% include %}", _fields("{% include 'other.docx' %}"),
          where=("the body, paragraph", "include")),
    _case("import", "{% import %}", _fields("{% import 'macros' as m %}"), where=("import",)),
    _case("extends", "{% extends %}", _fields("{% extends 'base' %}"), where=("extends",)),
    _case("python-internals", "{{ title.__class__.__mro__ }}", _fields(
        "{{ title.__class__.__mro__ }}"), where=("__class__",)),
    _case("three-problems", "three problems, all reported in one run", _fields(
        "{{ comittee }}", "{% if as_at %}", "Contact {{ officer"), code="template-error",
        where=("the body, paragraph",)),
    _case("wrong-end", "{% if %} closed by {% endfor %}", _fields(
        "{% if as_at %}", "{% endfor %}"), code="template-error",
        where=("{% if as_at %}", "{% endif %}")),
    # What is allowed.
    TemplateCase("web-hyperlink", "accept", "a hyperlink to the council's website",
                 _hyperlink("https://www.example.gov.uk/accessibility")),
    TemplateCase("plain-fields", "accept", "ordinary filters and a small loop", _fields(
        "{{ title | upper }} {% for i in range(3) %}{{ i }}{% endfor %}")),
]
BY_NAME = {c.name: c for c in CASES}


def build(case: TemplateCase, directory: Path, url: str = SERVER) -> Path:
    """Write the case's template into `directory` (named <case>-plan.docx) and return it."""
    with zipfile.ZipFile(SOURCE) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    case.edit(parts, url)
    path = Path(directory) / f"{case.name}-plan.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2013, 7, 30, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(info, data)
    return path


if __name__ == "__main__":  # pragma: no cover - a helper for people
    target = Path(sys.argv[1])
    target.mkdir(parents=True, exist_ok=True)
    for one in CASES:
        print(build(one, target), one.outcome, one.about)
