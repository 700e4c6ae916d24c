"""A Word package's styles as the audit needs them: names, inheritance, text colour and the
fill behind it, heading levels, and the contrast of every style used for text.

`style_contrast_problems` checks each style text is written in (paragraph, character and
table styles, each conditional part of a table style such as its header row) against the
fill behind it: the style's own shading, else the page colour (white unless the document
sets a background). Colours left to Word ("auto") are chosen by Word to read well and are
not checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pipeline.render.wordxml import parse, plain_text, w

HEX = re.compile(r"^[0-9A-Fa-f]{6}$")
HEADING = re.compile(r"^heading\s*([1-9])$", re.I)
PAGE = "FFFFFF"
DEFAULT_TEXT = "000000"
MIN_CONTRAST = 4.5
# What the renderer writes text in, by style name: a template's styles of these names are
# checked even before any document uses them.
RENDERER_STYLES = ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Table Text",
                   "List Bullet", "Committee Table", "Table Grid")
_SECTIONS = {
    "firstRow": "header row", "lastRow": "last row", "firstCol": "first column",
    "lastCol": "last column", "band1Horz": "odd rows", "band2Horz": "even rows",
    "band1Vert": "odd columns", "band2Vert": "even columns",
}


def _hex(value: str | None) -> str | None:
    return value.upper() if value and HEX.match(value) else None


def _val(el: Any | None, attr: str = "val") -> str | None:
    return None if el is None else el.get(w(attr))


def fill_of(el: Any | None) -> str | None:
    """The fill colour of a w:shd (a solid pattern shows its colour, else its fill)."""
    if el is None or (el.get(w("val")) or "clear") == "nil":
        return None
    if el.get(w("val")) == "solid":
        return _hex(el.get(w("color")))
    return _hex(el.get(w("fill")))


@dataclass
class Look:
    """Text colour and fill of one style or table-style section (None: inherited)."""

    colour: str | None = None
    fill: str | None = None


@dataclass
class Style:
    sid: str
    name: str
    kind: str  # paragraph | character | table | numbering
    based_on: str | None
    look: Look
    outline: int | None
    sections: dict[str, Look] = field(default_factory=dict)  # table style parts


def _look(el: Any) -> Look:
    rpr, ppr, tcpr = el.find(w("rPr")), el.find(w("pPr")), el.find(w("tcPr"))
    fill = None
    for holder in (tcpr, ppr, rpr):
        if holder is not None and fill is None:
            fill = fill_of(holder.find(w("shd")))
    return Look(_hex(_val(rpr.find(w("color")))) if rpr is not None else None, fill)


@dataclass
class Styles:
    by_id: dict[str, Style]
    language: str | None
    default_colour: str | None

    def chain(self, sid: str | None) -> list[Style]:
        chain: list[Style] = []
        seen: set[str] = set()
        while sid and sid in self.by_id and sid not in seen:
            seen.add(sid)
            chain.append(self.by_id[sid])
            sid = self.by_id[sid].based_on
        return chain

    def heading_level(self, sid: str | None) -> int | None:
        """1 for a paragraph in "Heading 1" (or a style based on it, or outline level 0)."""
        for style in self.chain(sid):
            found = HEADING.match(style.name.strip())
            if found:
                return int(found.group(1))
            if style.outline is not None and style.outline < 9:
                return style.outline + 1
        return None

    def colour(self, sid: str | None) -> str | None:
        return next((s.look.colour for s in self.chain(sid) if s.look.colour), None)

    def fill(self, sid: str | None) -> str | None:
        return next((s.look.fill for s in self.chain(sid) if s.look.fill), None)

    def ids_named(self, names: tuple[str, ...]) -> set[str]:
        wanted = {n.lower() for n in names}
        return {s.sid for s in self.by_id.values()
                if s.name.lower() in wanted or s.sid.lower() in wanted}


def read_styles(root: Any | None) -> Styles:
    if root is None:
        return Styles({}, None, None)
    rpr_default = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
    lang_el = rpr_default.find(w("lang")) if rpr_default is not None else None
    lang = (lang_el.get(w("val")) or lang_el.get(w("eastAsia"))) if lang_el is not None else None
    default_colour = (_hex(_val(rpr_default.find(w("color"))))
                      if rpr_default is not None else None)
    by_id: dict[str, Style] = {}
    for el in root.iterchildren(w("style")):
        sid = el.get(w("styleId")) or ""
        outline = _val(el.find(f"{w('pPr')}/{w('outlineLvl')}"))
        style = Style(sid, _val(el.find(w("name"))) or sid, el.get(w("type")) or "paragraph",
                      _val(el.find(w("basedOn"))), _look(el),
                      int(outline) if outline and outline.isdigit() else None)
        for section in el.iterchildren(w("tblStylePr")):
            style.sections[section.get(w("type")) or ""] = _look(section)
        by_id[sid] = style
        if el.get(w("default")) in ("1", "true") and style.kind == "paragraph" and lang is None:
            lang = _val(el.find(f"{w('rPr')}/{w('lang')}"))
    return Styles(by_id, lang, default_colour)


@lru_cache(maxsize=8)  # a batch audits many documents made from the same template
def styles_of(data: bytes) -> Styles:
    return read_styles(parse(data))


def used_style_ids(root: Any) -> set[str]:
    """The paragraph, character and table styles a part's text is written in."""
    used: set[str] = set()
    for tag in ("pStyle", "rStyle", "tblStyle"):
        used.update(v for el in root.iter(w(tag)) if (v := el.get(w("val"))))
    return used


def page_colour(document: Any) -> str:
    background = document.find(w("background"))
    return _hex(_val(background, "color")) or PAGE


def style_contrast_problems(styles: Styles, used: set[str], page: str
                            ) -> list[tuple[str, str, str, float]]:
    """(where, text colour, fill, ratio) of each used style whose text is below 4.5:1."""
    from pipeline.domain.status import contrast_ratio

    normal = styles.colour("Normal") or styles.default_colour or DEFAULT_TEXT
    found: list[tuple[str, str, str, float]] = []
    for sid in sorted(used):
        style = styles.by_id.get(sid)
        if style is None:
            continue
        looks = [("", Look(styles.colour(sid), styles.fill(sid)))]
        looks += [(f", {_SECTIONS.get(k, k)}", look) for k, look in style.sections.items()]
        base_fill = styles.fill(sid) or page
        for label, look in looks:
            colour = look.colour or styles.colour(sid) or (
                None if style.kind == "character" else normal)
            if colour is None:
                continue
            fill = look.fill or base_fill
            ratio = contrast_ratio(colour, fill)
            if ratio < MIN_CONTRAST:
                shown = style.name[:1].upper() + style.name[1:]  # Word stores "heading 1"
                found.append((f"style {shown!r}{label}", colour, fill, ratio))
    return found


def cell_fill(tc: Any) -> str | None:
    return fill_of(tc.find(f"{w('tcPr')}/{w('shd')}"))


def run_colours(tc: Any, styles: Styles) -> list[tuple[str, str]]:
    """(text, colour) of each run with text in a cell; style colours followed, black default."""
    out: list[tuple[str, str]] = []
    for p in tc.iter(w("p")):
        ps = p.find(f"{w('pPr')}/{w('pStyle')}")
        p_colour = styles.colour(ps.get(w("val")) if ps is not None else None)
        for r in p.iter(w("r")):
            text = plain_text(r)
            if not text.strip():
                continue
            el = r.find(f"{w('rPr')}/{w('color')}")
            colour = el.get(w("val")) if el is not None else None
            if not colour or len(colour) != 6 or colour.lower() == "auto":
                rs = r.find(f"{w('rPr')}/{w('rStyle')}")
                colour = styles.colour(rs.get(w("val")) if rs is not None else None) or p_colour
            out.append((text, (colour or DEFAULT_TEXT).upper()))
    return out


__all__ = ["MIN_CONTRAST", "RENDERER_STYLES", "Styles", "cell_fill", "page_colour",
           "read_styles", "run_colours", "style_contrast_problems", "styles_of",
           "used_style_ids"]
