"""A Word template's frame filled in without python-docx or docxtpl, where that is exact.

Importing python-docx and docxtpl, and letting them open, fill in and save the template,
costs about 0.1 s of CPU for every document: a third of a small plan's time. Most
templates -- the shipped ones, and a council's copy edited as docs/templates.md says --
write their fields the plain way: `{{ expression }}` whole inside one piece of text, and
`{%p if ... %}` / `{%p endif %}` alone in their paragraph. Such a template is filled in
here: the same sandboxed Jinja environment renders the very source docxtpl would make of
each part, and the parts are then edited as python-docx edits them (page orientation,
language, core properties). tests/test_frame.py proves every part comes out as docxtpl
and python-docx make it, in canonical XML, for each shipped template and hostile values.

Anything else -- a field split over runs, a {%tr %}, {%r %}, cellbg or colspan tag,
whitespace control, a comment tag, footnotes, a line break or tab in a filled-in value,
a part python-docx would add or leave out, XML it would parse differently -- and
`fill_frame` returns None: the engine uses docxtpl as before, which also gives the
located error a broken template deserves.
"""

from __future__ import annotations

import io
import posixpath
import re
import time
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from pipeline.render.written import remember

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
RT_DOCUMENT, RT_STYLES, RT_SETTINGS = _RT + "officeDocument", _RT + "styles", _RT + "settings"
RT_HEADER, RT_FOOTER = _RT + "header", _RT + "footer"
RT_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
CT_DOCUMENT = _WML + "document.main+xml"
CT_FOOTNOTES = _WML + "footnotes+xml"
# the parts python-docx parses when it opens a package (the rest it keeps as bytes)
PARSED = frozenset(_WML + kind for kind in (
    "document.main+xml", "comments+xml", "footer+xml", "header+xml", "numbering+xml",
    "settings+xml", "styles+xml")) | {"application/vnd.openxmlformats-package.core-properties+xml"}
_CORE_NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
# python-docx's name of each core property, and its element
CORE_TAGS = {
    "author": "dc:creator", "comments": "dc:description", "identifier": "dc:identifier",
    "language": "dc:language", "subject": "dc:subject", "title": "dc:title",
    "last_modified_by": "cp:lastModifiedBy", "created": "dcterms:created",
    "modified": "dcterms:modified", "revision": "cp:revision", "category": "cp:category",
}
# the core properties docxtpl fills in as templates, in its order
_TEMPLATED_CORE = ("author", "comments", "identifier", "language", "subject", "title")
EMU_PER_TWIP = 635
# Deflate: zlib's usual level 6 for every part, but a part over BIG_PART bytes (the body of a
# plan of some 1,000 actions or more) at level 3, which takes half the time for a file
# about a fifth bigger (10,000 actions: 0.13 s against 0.28 s, 3.2 MB against 2.6 MB).
BIG_PART = 4_000_000
BIG_PART_LEVEL = 3


class Unsupported(Exception):
    """This template needs docxtpl and python-docx (the reason is the message)."""


def xml_parser() -> Any:
    # python-docx's own parser settings: blank text between elements dropped, no entities
    return etree.XMLParser(remove_blank_text=True, resolve_entities=False)


class _DocumentElement(etree.ElementBase):
    """w:document with python-docx's `body` (pipeline.render.sections reads it)."""

    @property
    def body(self) -> Any:
        return self.find(f"{{{W_NS}}}body")


def _document_parser() -> Any:
    parser = xml_parser()
    lookup = etree.ElementNamespaceClassLookup()
    lookup.get_namespace(W_NS)["document"] = _DocumentElement
    parser.set_element_class_lookup(lookup)
    return parser


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _qn(prefixed: str) -> str:
    prefix, local = prefixed.split(":")
    return f"{{{_CORE_NS[prefix]}}}{local}"


@dataclass
class Section:
    """The page geometry python-docx's Section gives (lengths in EMU; None when unset)."""

    page_width: int | None
    page_height: int | None
    left_margin: int | None
    right_margin: int | None
    top_margin: int | None
    bottom_margin: int | None


def _twips(element: Any, attr: str) -> int | None:
    if element is None or element.get(_w(attr)) is None:
        return None
    value = element.get(_w(attr))
    if not re.fullmatch(r"-?[0-9]+", value):  # "297mm", "1e3": python-docx's own reading
        raise Unsupported(f"a page measure written as {value!r}")
    return int(value) * EMU_PER_TWIP


class Frame:
    """The template's parts, filled in; `sections` serves `blocks.page_body_cm`."""

    def __init__(self, entries: dict[str, bytes], names: dict[str, str],
                 headers: list[str], parsed: list[str]) -> None:
        self.entries = entries  # every zip entry, in the template's order
        self.names = names  # "document", "styles", "settings", "core" -> part name
        self.header_parts = headers  # header and footer parts, filled in by `fill`
        self.parsed = parsed  # the parts python-docx parses (it looks for drawing ids there)
        parse = xml_parser()
        self.document = etree.fromstring(entries[names["document"]], _document_parser())
        self.styles = etree.fromstring(entries[names["styles"]], parse)
        self.settings = etree.fromstring(entries[names["settings"]], parse)
        self.core = etree.fromstring(entries[names["core"]], parse)
        self.filled: dict[str, bytes] = {}
        self.media: Any = None  # framemedia.Media, once a picture is put in

    @property
    def body(self) -> Any:
        return self.document.find(_w("body"))

    @property
    def element(self) -> Any:  # python-docx's Document.element, for pipeline.render.sections
        return self.document

    def takes_pictures(self, pngs: list[bytes]) -> bool:
        """Whether framemedia can put these pictures in as python-docx would."""
        from pipeline.render.framemedia import png_header

        if not pngs:
            return True
        if any(png_header(png) is None for png in pngs):
            return False
        if any(b"/relationships/image" in data for name, data in self.entries.items()
               if name.endswith(".rels")):
            return False
        types = etree.fromstring(self.entries["[Content_Types].xml"], xml_parser())
        return all(d.get("ContentType") == "image/png"
                   for d in types.iterchildren(f"{CT_NS}Default")
                   if (d.get("Extension") or "").lower() == "png")

    def new_pic_inline(self, png: bytes, width_emu: int) -> Any:
        """pipeline.render.images.new_pic_inline for this package (blocks.image_xml)."""
        if self.media is None:
            from pipeline.render.framemedia import Media, highest_ids

            others = [etree.fromstring(self.filled.get(name) or self.entries[name], xml_parser())
                      for name in self.parsed if name != self.names["document"]
                      and b"docPr" in (self.filled.get(name) or self.entries[name])]
            from pipeline.render.framepackage import relationships

            rels = relationships(self.entries, self.names["document"])
            self.media = Media({rid for _, _, rid in rels}, len(rels),
                               highest_ids(self.document, others))
        return self.media.inline(png, width_emu)

    def _sect_pr(self) -> Any:
        found = self.document.xpath("./w:body/w:p/w:pPr/w:sectPr | ./w:body/w:sectPr",
                                    namespaces={"w": W_NS})
        if not found:
            raise Unsupported("no page settings (w:sectPr) in the body")
        return found[-1]

    @property
    def sections(self) -> list[Section]:
        sect = self._sect_pr()
        size, margins = sect.find(_w("pgSz")), sect.find(_w("pgMar"))
        return [Section(_twips(size, "w"), _twips(size, "h"), _twips(margins, "left"),
                        _twips(margins, "right"), _twips(margins, "top"),
                        _twips(margins, "bottom"))]

    def orient(self, landscape: bool) -> int | None:
        """engine._orient: the last section turned to the model's orientation; the text
        width in dxa (None when the page has no size or margins)."""
        section = self.sections[-1]
        width, height = section.page_width, section.page_height
        if width is not None and height is not None and (width > height) != landscape:
            size = self._sect_pr().find(_w("pgSz"))
            size.set(_w("w"), str(height // EMU_PER_TWIP))
            size.set(_w("h"), str(width // EMU_PER_TWIP))
            if landscape:
                size.set(_w("orient"), "landscape")
            elif _w("orient") in size.attrib:  # portrait is the default: python-docx drops it
                del size.attrib[_w("orient")]
            section = self.sections[-1]
        try:
            text_width = section.page_width - section.left_margin - section.right_margin
        except TypeError:
            return None
        return int(text_width / 635) if text_width > 0 else None

    def set_language(self, language: str) -> None:
        """engine._set_language: the styles' default run language and the theme font
        language of the settings."""
        defaults = self.styles.find(_w("docDefaults"))
        if defaults is None:
            defaults = etree.Element(_w("docDefaults"), nsmap={"w": W_NS})
            self.styles.insert(0, defaults)
        rpr_default = defaults.find(_w("rPrDefault"))
        if rpr_default is None:
            rpr_default = etree.Element(_w("rPrDefault"), nsmap={"w": W_NS})
            defaults.insert(0, rpr_default)
        rpr = rpr_default.find(_w("rPr"))
        if rpr is None:
            rpr = etree.SubElement(rpr_default, _w("rPr"))
        lang = rpr.find(_w("lang"))
        if lang is None:
            lang = etree.SubElement(rpr, _w("lang"))
        lang.set(_w("val"), language)
        theme_lang = self.settings.find(_w("themeFontLang"))
        if theme_lang is not None:
            theme_lang.set(_w("val"), language)

    def set_core(self, values: Iterable[tuple[str, Any]]) -> None:
        """Core properties set as python-docx sets them: an absent element is appended;
        dates in W3CDTF (UTC) with their xsi:type, the revision a whole number."""
        for name, value in values:
            element = self._core_element(name)
            if name in ("created", "modified"):
                element.text = value.strftime("%Y-%m-%dT%H:%M:%SZ")
                element.set(_qn("xsi:type"), "dcterms:W3CDTF")
            else:
                element.text = str(value)

    def _core_element(self, name: str) -> Any:
        tag = _qn(CORE_TAGS[name])
        element = self.core.find(tag)
        if element is None:
            element = etree.SubElement(self.core, tag)
        return element

    def save(self, body: Sequence[bytes], token: str) -> bytes:
        """The package with the body's XML where the {{ body }} paragraph was."""
        marker = etree.ProcessingInstruction("committee-body", token)
        paragraph = _body_paragraph(self.document, token)
        parent = paragraph.getparent()
        parent[parent.index(paragraph):parent.index(paragraph) + 1] = [marker]
        xml = etree.tostring(self.document, encoding="UTF-8", standalone=True)
        head, found, tail = xml.partition(f"<?committee-body {token}?>".encode())
        if not found:  # pragma: no cover - the marker was put in place above
            raise Unsupported("the body paragraph was lost")
        parts = dict(self.filled)
        parts[self.names["document"]] = b"".join((head, *body, tail))
        for key in ("styles", "settings", "core"):
            parts[self.names[key]] = etree.tostring(getattr(self, key), encoding="UTF-8",
                                                    standalone=True)
        names = list(self.entries)
        if self.media is not None:
            from pipeline.render.framepackage import rels_name

            document = self.names["document"]
            self.media.write(parts, self.entries, rels_name(document),
                             posixpath.dirname(document))
            names += [name for name, _, _ in self.media.parts]
        buffer = io.BytesIO()
        stamp = time.localtime(time.time())[:6]  # as zipfile.writestr dates python-docx's
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
            for name in names:
                info = zipfile.ZipInfo(name, date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                data = parts.get(name, self.entries.get(name, b""))
                package.writestr(info, data,
                                 compresslevel=BIG_PART_LEVEL if len(data) > BIG_PART else None)
                if name == self.names["document"]:  # for the read-back: see written.py
                    remember(name, info.CRC, data)
        return buffer.getvalue()


def _body_paragraph(document: Any, token: str) -> Any:
    """The one paragraph whose whole text is the body token (else docxtpl's path says)."""
    holding = [p for p in document.iter(_w("p"))
               if token in "".join(t.text or "" for t in p.iter(_w("t")))]
    if len(holding) != 1:
        raise Unsupported("the {{ body }} paragraph is missing, shared or repeated")
    p = holding[0]
    if "".join(t.text or "" for t in p.iter(_w("t"))).strip() != token:
        raise Unsupported("{{ body }} shares its paragraph")
    return p


def fill_frame(
    path: Path, context: dict[str, Any], token: str,
    take_designs: Callable[[Any], None] | None = None,
) -> Frame | None:
    """The template at `path` filled in with `context` (its {{ body }} paragraph holding
    only `token`), or None when docxtpl must do it. `take_designs` is given the w:body
    first, to take out the table designs (pipeline.render.designs) before it is filled."""
    from pipeline.render.framefields import fill_core, fill_part

    made: list[Any] = []

    def env() -> Any:  # the sandboxed Jinja, only for fields framelogic does not fill in
        if not made:
            from pipeline.render.sandbox import template_env

            made.append(template_env())
        return made[0]

    try:
        from pipeline.render.framepackage import open_package

        frame = Frame(*open_package(path))
        if frame.document.nsmap.get("w") != W_NS or frame.body is None:
            raise Unsupported("the main namespace is not bound to w")
        if _qn("xsi:type").split("}")[0][1:] not in frame.core.nsmap.values():
            raise Unsupported("core properties without the xsi namespace")
        if take_designs is not None:
            take_designs(frame.body)
        body = etree.tostring(frame.body, encoding="unicode")
        filled = fill_part(body, context, env)
        new_body = etree.fromstring(filled, etree.XMLParser(resolve_entities=False))
        if new_body.nsmap.get("w") != W_NS or new_body.find(f".//{_w('tbl')}") is not None \
                or "docPr" in filled:
            raise Unsupported("tables or pictures in the frame (docxtpl renumbers them)")
        frame.document.replace(frame.body, new_body)
        for name in frame.header_parts:
            xml = etree.tostring(etree.fromstring(frame.entries[name], xml_parser()),
                                 encoding="unicode")
            if re.match(r'<\?xml[^\?]+\bencoding="([^"]+)"', xml, re.I):
                raise Unsupported("a header declaring its encoding")
            part = etree.fromstring(fill_part(xml, context, env).encode("utf-8"), xml_parser())
            frame.filled[name] = etree.tostring(part, encoding="UTF-8", standalone=True)
        for name in _TEMPLATED_CORE:
            element = frame.core.find(_qn(CORE_TAGS[name]))
            text = "" if element is None or element.text is None else element.text
            frame._core_element(name).text = fill_core(text, context)
        _body_paragraph(frame.document, token)
        frame.sections  # noqa: B018 - a page measure python-docx reads its own way
    except (Unsupported, etree.XMLSyntaxError, KeyError, ValueError, zipfile.BadZipFile,
            OSError):
        return None
    return frame


__all__ = ["CORE_TAGS", "Frame", "Section", "Unsupported", "fill_frame"]
