"""Reading Word's XML: the one place for its namespaces, the safe parser and paragraph text.

`audit`, `templates check` (lint), the package safety check and the read-back after writing
all read .docx parts through here, so that every one of them parses the same way: no DTDs
or entities resolved, nothing fetched from the network, no huge trees.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from typing import Any

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
DC_NS = "http://purl.org/dc/elements/1.1/"
PIC_URI = "http://schemas.openxmlformats.org/drawingml/2006/picture"
CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
SHAPE_URI = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"

MAX_PART = 50 * 1024 * 1024  # an XML part larger than this is not read
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
# The parts of a document that hold text a reader sees: the body, headers, footers,
# footnotes, endnotes and comments (text boxes live inside these).
TEXT_PART = re.compile(
    r"^word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$", re.IGNORECASE
)


def w(tag: str) -> str:
    """`w:tag` in Clark notation."""
    return f"{{{W_NS}}}{tag}"


class UnsafeXML(ValueError):
    """A part declares a DTD (<!DOCTYPE ...>): Word never writes one, so it is refused."""


def parser() -> Any:
    """The one lxml parser for Word parts: no entities, no DTD, no network, no huge trees."""
    from lxml import etree

    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )


def has_doctype(data: bytes) -> bool:
    """Whether XML bytes declare a DTD: the prologue (declaration, comments, processing
    instructions) is skipped exactly, however long, and the first markup after it looked at."""
    at = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    if data[at:at + 2] in (b"\xff\xfe", b"\xfe\xff") or data[at:at + 4] in (
        b"<\x00?\x00", b"\x00<\x00?"
    ):
        return b"<\x00!\x00D\x00O\x00C" in data or b"\x00<\x00!\x00D\x00O" in data
    end = len(data)
    while at < end:
        while at < end and data[at] in b" \t\r\n":
            at += 1
        if data.startswith(b"<?", at):
            terminator = b"?>"
        elif data.startswith(b"<!--", at):
            terminator = b"-->"
        else:
            return bool(_DOCTYPE.match(data, at))
        close = data.find(terminator, at)
        if close < 0:
            return False
        at = close + len(terminator)
    return False


def parse(data: bytes) -> Any:
    """The root element of a Word XML part (UnsafeXML for a DTD; XMLSyntaxError if damaged)."""
    from lxml import etree

    if has_doctype(data):
        raise UnsafeXML("the part declares a DTD (<!DOCTYPE>)")
    return etree.fromstring(data, parser())


def read_part(archive: zipfile.ZipFile, name: str) -> Any | None:
    """The parsed part `name` of an open package, or None when it is absent."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART:
        raise UnsafeXML(f"{name} is too large ({info.file_size:,} bytes) to be read")
    return parse(archive.read(info))


CP_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"


def core_property(path: Any, tag: str) -> str:
    """A Word document's core property (File > Info), such as f"{{{DC_NS}}}title", as
    text: '' when it has none, or the file is not a Word document that can be read."""
    from lxml import etree

    try:
        with zipfile.ZipFile(path) as archive:
            core = read_part(archive, "docProps/core.xml")
    except (OSError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError, ValueError):
        return ""  # ValueError: UnsafeXML, a part with a DTD or too large
    found = core.find(tag) if core is not None else None
    return (found.text or "").strip() if found is not None else ""


def text_parts(archive: zipfile.ZipFile) -> list[str]:
    """The package's text parts, the body first, then the rest in name order."""
    names = [n for n in archive.namelist() if TEXT_PART.match(n)]
    return sorted(names, key=lambda n: (n.lower() != "word/document.xml", n.lower()))


def part_label(part: str) -> str:
    """A part's name for people: "the body", "the header (header1.xml)", "the footnotes"."""
    name = part.removeprefix("word/")
    lower = name.lower()
    for prefix, label in (("header", "the header"), ("footer", "the footer")):
        if lower.startswith(prefix):
            return f"{label} ({name})"
    if lower == "document.xml":
        return "the body"
    if lower.endswith(".xml") and lower[:-4] in ("footnotes", "endnotes", "comments"):
        return f"the {lower[:-4]}"
    return part


def plain_text(el: Any) -> str:
    """The w:t text of an element, joined (what a field search sees)."""
    return "".join(t.text or "" for t in el.iter(w("t")))


def paragraph_text(p: Any) -> str:
    """A paragraph's text as printed: w:br as "\\n", w:tab as "\\t"."""
    parts: list[str] = []
    t_tag, br_tag = w("t"), w("br")
    for el in p.iter(t_tag, br_tag, w("tab")):
        if el.tag == t_tag:
            parts.append(el.text or "")
        elif el.tag == br_tag:
            if el.get(w("type")) in (None, "textWrapping"):
                parts.append("\n")
        else:
            parts.append("\t")
    return "".join(parts)


def iter_docpr(root: Any) -> Iterator[Any]:
    """Every drawing's wp:docPr in a part (inline and floating, in text boxes too)."""
    return root.iter(f"{{{WP_NS}}}docPr")


__all__ = [
    "A_NS", "CHART_URI", "CP_NS", "CT_NS", "DC_NS", "MAX_PART", "PIC_URI", "PKG_REL_NS", "R_NS",
    "TEXT_PART", "UnsafeXML", "W_NS", "WP_NS", "has_doctype", "iter_docpr", "paragraph_text",
    "parse", "parser", "part_label", "plain_text", "read_part", "text_parts", "w",
]
