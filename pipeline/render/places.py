"""Where things are in a Word template, in words, and its fields as Jinja sees them.

Word splits a `{{ field }}` across several runs when it is edited, so, like docxtpl, this
works on each paragraph's whole text (its w:t joined). Every paragraph gets a place a clerk
can find: "the body, paragraph 9", "the body, table 2 row 1 cell 3", "the footer
(footer1.xml), paragraph 2", "... (in a text box)".

`template_parts` gives, for every part docxtpl fills in (the body, headers, footers,
footnotes), its paragraphs and the fields in them, one per line: the "skeleton" that
`templates check` parses, and that `locate_failure` runs to find which field stopped a
render.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.render.wordxml import MAX_PART, parse, part_label, plain_text, w

FILLED_PART = re.compile(r"^word/(document|header\d*|footer\d*|footnotes)\.xml$")
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
# docxtpl's prefixes: {%p if %} acts on the paragraph, tr/tc on the table row/cell, r the run.
_PREFIX = re.compile(r"^(\{[{%]-?)\s*(?:p|tr|tc|r)\s+")
_CELL_TAG = re.compile(r"^\{%-?\s*(?:cellbg|colspan)\s+(.*?)\s*-?%\}$", re.DOTALL)
_MERGE_TAG = re.compile(r"^\{%-?\s*(?:vm|hm)\s*-?%\}$")
_SMART = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


@dataclass(frozen=True)
class Place:
    """Where a paragraph is, in words, and its text."""

    where: str
    text: str

    def around(self, tag: str, width: int = 70) -> str:
        """The paragraph's text around `tag`, shortened with '…' when long."""
        text = self.text
        if len(text) <= width:
            return text
        at = max(text.find(tag), 0)
        start = max(0, min(at - (width - len(tag)) // 2, len(text) - width))
        piece = text[start:start + width]
        return ("…" if start > 0 else "") + piece + ("…" if start + width < len(text) else "")


@dataclass
class Part:
    """One part docxtpl fills in: its paragraphs' places and its fields, in order."""

    name: str
    places: list[Place] = field(default_factory=list)
    fields: list[tuple[Place, str]] = field(default_factory=list)  # (place, one-line Jinja)

    def source(self) -> str:
        """The part's fields as a template, one field per line (line N: fields[N-1])."""
        return "\n".join(line for _, line in self.fields)

    def at_line(self, lineno: int | None) -> tuple[Place, str] | None:
        if not self.fields:
            return None
        return self.fields[min(max((lineno or 1) - 1, 0), len(self.fields) - 1)]


def paragraph_fields_text(p: Any) -> str:
    return plain_text(p).translate(_SMART)


def places(root: Any, part: str) -> list[Place]:
    """Every paragraph of a part, in document order, with where it is in words."""
    label = part_label(part)
    container = root.find(w("body")) if part == "word/document.xml" else root
    found: list[Place] = []
    if container is None:
        return found
    paragraph_no = table_no = 0
    children = list(container)
    skipped = range(0)  # the table designs: not frame, checked by their own rules
    if part == "word/document.xml":
        from pipeline.render.designs import design_span

        span = design_span(children)
        skipped = range(span[0], span[1] + 1) if span else skipped
    for index, child in enumerate(children):
        if index in skipped:
            if child.tag == w("tbl"):
                table_no += 1
            elif child.tag == w("p"):
                paragraph_no += 1
            continue
        if child.tag == w("p"):
            paragraph_no += 1
            where = f"{label}, paragraph {paragraph_no}"
            for p in child.iter(w("p")):  # the paragraph, then any text box inside it
                inner = where if p is child else f"{where} (in a text box)"
                found.append(Place(inner, paragraph_fields_text(p)))
        elif child.tag == w("tbl"):
            table_no += 1
            for r, tr in enumerate(child.iterchildren(w("tr")), start=1):
                for c, tc in enumerate(tr.iterchildren(w("tc")), start=1):
                    where = f"{label}, table {table_no} row {r} cell {c}"
                    found.extend(Place(where, paragraph_fields_text(p)) for p in tc.iter(w("p")))
        else:  # w:sdt content controls, footnotes and the like: number their paragraphs on
            for p in child.iter(w("p")):
                paragraph_no += 1
                found.append(Place(f"{label}, paragraph {paragraph_no}", paragraph_fields_text(p)))
    return found


def skeleton_line(tag: str) -> str | None:
    """The Jinja a docxtpl tag becomes, on one line (None for tags that are not Jinja)."""
    tag = tag.replace("\n", " ")
    if tag.startswith("{#") or _MERGE_TAG.match(tag):
        return None
    cell = _CELL_TAG.match(tag)
    if cell:
        return "{{ " + cell.group(1) + " }}"
    return _PREFIX.sub(r"\1 ", tag)


def read_part(name: str, root: Any) -> Part:
    part = Part(name, places(root, name))
    for place in part.places:
        for match in TAG.finditer(place.text):
            line = skeleton_line(match.group(0))
            if line is not None:
                part.fields.append((place, line))
    return part


def filled_part_names(archive: zipfile.ZipFile) -> list[str]:
    names = [n for n in archive.namelist() if FILLED_PART.match(n)]
    return sorted(names, key=lambda n: (n != "word/document.xml", n))


def template_parts(path: Path) -> list[Part]:
    """The filled-in parts of the template at `path` (empty when it cannot be read)."""
    from lxml import etree

    out: list[Part] = []
    try:
        with zipfile.ZipFile(path) as archive:
            for name in filled_part_names(archive):
                if archive.getinfo(name).file_size > MAX_PART:
                    continue
                try:
                    out.append(read_part(name, parse(archive.read(name))))
                except (etree.XMLSyntaxError, ValueError):
                    continue
    except (OSError, zipfile.BadZipFile):
        return []
    return out


def locate(path: Path, needle: str | re.Pattern[str]) -> str | None:
    """Where in the template at `path` the first paragraph whose text holds `needle` is
    ("the body, paragraph 9", "the footer (footer1.xml), paragraph 2"); None if nowhere."""
    for part in template_parts(path):
        for place in part.places:
            if (needle.search(place.text) if isinstance(needle, re.Pattern)
                    else needle in place.text):
                return place.where
    return None


def locate_name(path: Path, name: str) -> str | None:
    """Where the first field using the name `name` is in the template at `path`."""
    field_with_name = re.compile(r"\{[{%][^}%]*(?<![\w.])" + re.escape(name) + r"(?!\w)")
    return locate(path, field_with_name)


def locate_failure(path: Path, context: dict[str, Any]) -> tuple[Place, str] | None:
    """The field that stops the template at `path` being filled in with `context`: each
    part's fields are run on their own, in the renderer's sandbox and limits, and the field
    whose line raised is the one. None when no field fails that way."""
    from pipeline.render.sandbox import budget, template_env, template_line

    for part in template_parts(path):
        if not part.fields:
            continue
        try:
            with budget():
                template_env().from_string(part.source()).render(context)
        except Exception as exc:  # noqa: BLE001 - whatever stops it, say which field
            return part.at_line(template_line(exc))
    return None


# A field reaching for an attribute or key starting with "_" (refused by the sandbox).
UNSAFE_FIELD = re.compile(r"\{[{%][^}%]*[.\[]\s*['\"]?_")
