"""Documents in several sections, each on new pages in its own orientation.

A committee report is a portrait cover followed by appendices (the improvement plan in
landscape, the performance report in portrait). The DocumentModel marks where a section
starts with a `SectionBreak(landscape=...)` block. In WordprocessingML a section ends with a
paragraph whose properties hold a `w:sectPr` describing the section that ends there; the
last section is described by the body's own `w:sectPr`. Every section's `w:sectPr` is a
copy of the template's (so header, footer, margins and page numbering carry on) with the
page size turned to the section's orientation, and the margins a SectionBreak brings (an
appendix set on its own document's pages: pipeline.render.section_pages). Tables in each
section are laid out for the width and height that section's pages leave between the
margins.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from lxml import etree

from pipeline.documents.docmodel import Block, SectionBreak
from pipeline.render.blocks import StyleMap, blocks_xml, w
from pipeline.render.flow import sectpr_body_cm
from pipeline.render.textblocks import blocks_text, element_text

if TYPE_CHECKING:
    from pipeline.render.designs import DesignPart

Group = tuple[SectionBreak, list[Block]]  # how a section's pages are set, its blocks


def has_sections(blocks: Sequence[Block]) -> bool:
    return any(isinstance(b, SectionBreak) for b in blocks)


def split_sections(blocks: Sequence[Block], landscape: bool) -> list[Group]:
    """The blocks cut at each SectionBreak: (its page setting, blocks) per section, in
    order; the first section is the document's own (`landscape`, the template's margins)."""
    groups: list[Group] = [(SectionBreak(landscape), [])]
    for block in blocks:
        if isinstance(block, SectionBreak):
            groups.append((block, []))
        else:
            groups[-1][1].append(block)
    return groups


def _body_sectpr(doc: Any) -> Any:
    body = doc.element.body
    found = body.find(w("sectPr"))
    if found is None:  # a template without one: Word's default A4 portrait
        found = etree.SubElement(body, w("sectPr"))
        etree.SubElement(found, w("pgSz"), {w("w"): "11906", w("h"): "16838"})
    return found


def orient_sectpr(sectpr: Any, landscape: bool) -> None:
    """Turn a w:sectPr's page to `landscape` (width > height) or portrait."""
    size = sectpr.find(w("pgSz"))
    if size is None:
        size = etree.SubElement(sectpr, w("pgSz"), {w("w"): "11906", w("h"): "16838"})
    width, height = int(size.get(w("w"), "11906")), int(size.get(w("h"), "16838"))
    if (width > height) != landscape:
        width, height = height, width
    size.set(w("w"), str(width))
    size.set(w("h"), str(height))
    if landscape:
        size.set(w("orient"), "landscape")
    else:
        size.attrib.pop(w("orient"), None)


def set_page(sectpr: Any, page: SectionBreak) -> None:
    """A w:sectPr turned to the section's orientation, with the margins it brings."""
    orient_sectpr(sectpr, page.landscape)
    if not page.margins:
        return
    margins = sectpr.find(w("pgMar"))
    if margins is None:  # schema order: pgSz, then pgMar
        margins = etree.Element(w("pgMar"))
        sectpr.find(w("pgSz")).addnext(margins)
    for name, value in page.margins:
        margins.set(w(name), str(value))


def text_width(sectpr: Any) -> int | None:
    """The width between the margins of a w:sectPr's pages, in dxa."""
    size, margins = sectpr.find(w("pgSz")), sectpr.find(w("pgMar"))
    if size is None or margins is None:
        return None
    try:
        width = int(size.get(w("w"))) - int(margins.get(w("left"))) - int(margins.get(w("right")))
    except (TypeError, ValueError):
        return None
    return width if width > 0 else None


def _break_paragraph(sectpr: Any) -> Any:
    """The paragraph that ends a section: `sectpr` (its own copy) describing its pages."""
    kind = sectpr.find(w("type"))
    if kind is not None:
        sectpr.remove(kind)
    # Schema order: header and footer references, footnote and endnote settings, then w:type.
    before = (w("headerReference"), w("footerReference"), w("footnotePr"), w("endnotePr"))
    at = sum(1 for el in sectpr if el.tag in before)
    sectpr.insert(at, etree.Element(w("type"), {w("val"): "nextPage"}))
    p = etree.Element(w("p"))
    etree.SubElement(p, w("pPr")).append(sectpr)
    return p


Section = tuple[list[Block], int | None, float, Any]


def _sections(doc: Any, groups: list[Group]) -> Iterator[Section]:
    """Each section's blocks, its text width and height, and the paragraph that ends it
    (None: the last, which the body's own w:sectPr describes)."""
    body_sectpr = _body_sectpr(doc)
    template = copy.deepcopy(body_sectpr)
    for index, (page, blocks) in enumerate(groups):
        sectpr = copy.deepcopy(template)
        set_page(sectpr, page)
        last = index == len(groups) - 1
        yield (blocks, text_width(sectpr), sectpr_body_cm(sectpr),
               None if last else _break_paragraph(sectpr))
    set_page(body_sectpr, groups[-1][0])


def sections_text(
    blocks: Sequence[Block], styles: StyleMap, doc: Any, landscape: bool,
    designs: DesignPart | None = None,
) -> Iterator[str]:
    """The body of a document in sections as WordprocessingML text (see `blocks_text`)."""
    for group, width, height, end in _sections(doc, split_sections(blocks, landscape)):
        yield from blocks_text(group, styles, doc, width, designs, height)
        if end is not None:
            yield element_text(end)


def sections_xml(
    blocks: Sequence[Block], styles: StyleMap, doc: Any, landscape: bool,
    designs: DesignPart | None = None,
) -> Iterator[Any]:
    """The same body as elements (for templates not saved by Word; see `blocks_xml`)."""
    for group, width, height, end in _sections(doc, split_sections(blocks, landscape)):
        yield from blocks_xml(group, styles, doc, width, designs, height)
        if end is not None:
            yield end
