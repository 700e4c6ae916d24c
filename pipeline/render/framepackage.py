"""A template's package read as python-docx reads it, for pipeline.render.frame.

Which parts python-docx reaches from the package's relationships and parses, which it
would write back, and the main parts a frame edits. `open_package` raises
frame.Unsupported for a package python-docx would read or write otherwise (a part it
would add or leave out, footnotes docxtpl fills in, a document that is not a Word one).
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path

from lxml import etree

from pipeline.render.frame import (
    CT_DOCUMENT,
    CT_FOOTNOTES,
    CT_NS,
    PARSED,
    PKG_REL,
    RT_CORE,
    RT_DOCUMENT,
    RT_FOOTER,
    RT_HEADER,
    RT_SETTINGS,
    RT_STYLES,
    Unsupported,
    xml_parser,
)


def rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def relationships(entries: dict[str, bytes], part: str) -> list[tuple[str, str, str | None]]:
    """(type, target part name or None when external, id) of a part's relationships."""
    data = entries.get(rels_name(part) if part else "_rels/.rels")
    if data is None:
        return []
    base = posixpath.dirname(part)
    found = []
    for rel in etree.fromstring(data, xml_parser()).iterchildren(f"{PKG_REL}Relationship"):
        target = rel.get("Target") or ""
        if rel.get("TargetMode") == "External":
            found.append((rel.get("Type") or "", None, rel.get("Id") or ""))
            continue
        name = target[1:] if target.startswith("/") else posixpath.join(base, target)
        found.append((rel.get("Type") or "", posixpath.normpath(name), rel.get("Id") or ""))
    return found


def content_types(data: bytes) -> tuple[dict[str, str], dict[str, str]]:
    root = etree.fromstring(data, xml_parser())
    defaults = {(d.get("Extension") or "").lower(): d.get("ContentType") or ""
                for d in root.iterchildren(f"{CT_NS}Default")}
    overrides = {(o.get("PartName") or "").lstrip("/").lower(): o.get("ContentType") or ""
                 for o in root.iterchildren(f"{CT_NS}Override")}
    return defaults, overrides


def open_package(path: Path) -> tuple[dict[str, bytes], dict[str, str], list[str], list[str]]:
    """The template's entries, its main parts and its header and footer parts; Unsupported
    unless python-docx would write back exactly these parts, parsed as it parses them."""
    with zipfile.ZipFile(path) as archive:
        entries = {info.filename: archive.read(info) for info in archive.infolist()}
    defaults, overrides = content_types(entries["[Content_Types].xml"])

    def content_type(name: str) -> str:
        found = overrides.get(name.lower()) or defaults.get(name.rsplit(".", 1)[-1].lower())
        if not found:
            raise Unsupported(f"no content type for {name}")
        return found

    written = {"[Content_Types].xml"}
    parsed: list[str] = []
    package_rels = relationships(entries, "")
    if package_rels:
        written.add("_rels/.rels")
    todo, seen = [name for _, name, _ in package_rels if name], []
    while todo:  # the parts python-docx reaches from the package's relationships
        name = todo.pop(0)
        if name in seen:
            continue
        if name not in entries:
            raise Unsupported(f"{name} is named but missing")
        seen.append(name)
        rels = relationships(entries, name)
        if rels:
            written.add(rels_name(name))
        todo += [target for _, target, _ in rels if target]
        if content_type(name) in PARSED:
            etree.fromstring(entries[name], xml_parser())
            parsed.append(name)
        if content_type(name) == CT_FOOTNOTES:
            raise Unsupported("footnotes (docxtpl fills them in)")
    if written | set(seen) != set(entries):
        raise Unsupported("parts python-docx would not write back")
    names: dict[str, str] = {}
    for rel_type, target, _ in package_rels:
        if rel_type == RT_DOCUMENT and target and "document" not in names:
            names["document"] = target
        if rel_type == RT_CORE and target and "core" not in names:
            names["core"] = target
    if "document" not in names or content_type(names["document"]) != CT_DOCUMENT:
        raise Unsupported("not a Word document")
    headers: list[str] = []
    for rel_type, target, _ in relationships(entries, names["document"]):
        if rel_type in (RT_STYLES, RT_SETTINGS) and target:
            names.setdefault("styles" if rel_type == RT_STYLES else "settings", target)
        elif rel_type in (RT_HEADER, RT_FOOTER):
            if target is None or target in headers:
                raise Unsupported("a header or footer used twice or outside the file")
            headers.append(target)
    if {"styles", "settings", "core"} - names.keys():
        raise Unsupported("python-docx would add a part the template lacks")
    return entries, names, headers, parsed


__all__ = ["open_package", "relationships", "rels_name"]
