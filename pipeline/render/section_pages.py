"""An appendix set on the pages of the document it reprints.

A committee report's Appendix A is the improvement plan. The stand-alone plan is laid out
on its own template's pages (landscape, 1.27 cm margins in the shipped one); the report's
template has a portrait page with 2 cm margins. The appendix keeps the report's header,
footer and page numbering, and takes the margins of the template its kind has (a council's
templates folder first, then the shipped one), so that it has the plan's columns and about
its pages. A template's margins that cannot be read (a damaged file, a value that is not a
number of twentieths of a point or leaves no page) leave the report's own.
"""

from __future__ import annotations

import dataclasses
import functools
import zipfile
from collections.abc import Sequence
from pathlib import Path

from lxml.etree import XMLSyntaxError

from pipeline.documents.docmodel import Block, SectionBreak
from pipeline.issues import PipelineError
from pipeline.render.templates import template_path
from pipeline.render.wordxml import UnsafeXML, parse, w

MARGINS = ("top", "right", "bottom", "left", "header", "footer", "gutter")
LARGEST_MARGIN = 14400  # 25.4 cm in twentieths of a point: any real page's margin is less
LARGEST_PART = 32 * 1024 * 1024  # a template's document.xml longer than this is not read


def with_section_pages(blocks: Sequence[Block], templates_dir: Path | None) -> list[Block]:
    """The blocks, each SectionBreak naming a kind (`page_of`) given that kind's template's
    margins (SectionBreak.margins)."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, SectionBreak) and block.page_of and not block.margins:
            try:
                path = template_path(block.page_of, None, templates_dir)
            except PipelineError:
                path = None
            if path is not None:
                stat = path.stat()
                block = dataclasses.replace(
                    block, margins=_margins(str(path), stat.st_mtime_ns, stat.st_size))
        out.append(block)
    return out


@functools.lru_cache(maxsize=16)
def _margins(path: str, mtime_ns: int, size: int) -> tuple[tuple[str, int], ...]:
    """The w:pgMar of the template's last section, as (attribute, twips) pairs; () when it
    cannot be read."""
    try:
        with zipfile.ZipFile(path) as package:
            info = package.getinfo("word/document.xml")
            if info.file_size > LARGEST_PART:
                return ()
            root = parse(package.read(info))
    except (OSError, KeyError, zipfile.BadZipFile, UnsafeXML, ValueError, XMLSyntaxError):
        return ()
    body = root.find(w("body"))
    sectpr = body.find(w("sectPr")) if body is not None else None
    found = sectpr.find(w("pgMar")) if sectpr is not None else None
    if found is None:
        return ()
    margins: list[tuple[str, int]] = []
    for name in MARGINS:
        text = found.get(w(name))
        if text is None:
            continue
        try:
            value = int(text)
        except ValueError:
            return ()
        if abs(value) > LARGEST_MARGIN:
            return ()
        margins.append((name, value))
    return tuple(margins)
