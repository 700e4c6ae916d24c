"""Pictures put into a frame's package (pipeline.render.frame) as python-docx puts them.

pipeline.render.images puts each chart into a python-docx document: an image part
/word/media/imageN.png (one per distinct picture), related to the main part by the
first free rIdN, its size read from the PNG (pixels and the pHYs dots per inch) and
scaled to the width asked for, in a `wp:inline` numbered from the highest id already
used. This module does the same for a frame filled in without python-docx, so that the
performance report needs neither it nor docxtpl; tests/test_frame.py compares the two.
Only PNG pictures in a template holding no pictures of its own are put in here: for
anything else the engine goes the python-docx way.
"""

from __future__ import annotations

import hashlib
import struct
from typing import Any

from lxml import etree

RT_IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_EMU_PER_INCH = 914400
_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_INLINE = (
    '<wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
    ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    ' xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'
    ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{id}" name="Picture {id}"/>'
    '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
    '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
    '<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="image.png"/><pic:cNvPicPr/></pic:nvPicPr>'
    '<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch>'
    '</pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/>'
    '</a:xfrm><a:prstGeom prst="rect"/></pic:spPr></pic:pic></a:graphicData></a:graphic>'
    '</wp:inline>'
)


def png_header(png: bytes) -> tuple[int, int, int, int] | None:
    """(width, height in pixels, horizontal and vertical dots per inch) as python-docx
    reads a PNG (72 dpi without a pHYs chunk in metres), or None if it is not one."""
    if not png.startswith(_SIGNATURE):
        return None
    at, size, dpi = 8, None, None
    while at + 8 <= len(png):
        length, kind = struct.unpack(">I4s", png[at:at + 8])
        data = png[at + 8:at + 8 + length]
        if len(data) < length:
            return None
        if kind == b"IHDR" and size is None and length >= 8:
            size = struct.unpack(">II", data[:8])
        elif kind == b"pHYs" and dpi is None and length >= 9:
            x, y, unit = struct.unpack(">IIB", data[:9])
            dpi = tuple(int(round(v * 0.0254)) if unit == 1 and v else 72 for v in (x, y))
        elif kind == b"IEND":
            break
        at += 12 + length
    else:
        return None
    if size is None or not size[0] or not size[1]:
        return None
    horizontal, vertical = dpi or (72, 72)
    if not horizontal or not vertical:
        return None
    return size[0], size[1], horizontal, vertical


class Media:
    """The pictures added to one frame's package."""

    def __init__(self, used_rids: set[str], rel_count: int, next_shape_id: int) -> None:
        self.used_rids = set(used_rids)
        self.rel_count = rel_count
        self.next_shape_id = next_shape_id
        self.by_sha1: dict[str, tuple[str, str]] = {}  # sha1 -> (part name, rId)
        self.parts: list[tuple[str, str, bytes]] = []  # (part name, rId, png)

    def inline(self, png: bytes, width_emu: int) -> Any:
        """A `wp:inline` showing `png`, `width_emu` wide, its aspect kept."""
        header = png_header(png)
        if header is None:  # pragma: no cover - the engine checked every picture first
            raise ValueError("not a PNG")
        px_w, px_h, dpi_x, dpi_y = header
        native_w = int(px_w / dpi_x * _EMU_PER_INCH)
        native_h = int(px_h / dpi_y * _EMU_PER_INCH)
        cx = int(width_emu)
        cy = int(round(native_h * (float(cx) / float(native_w))))
        sha1 = hashlib.sha1(png).hexdigest()
        found = self.by_sha1.get(sha1)
        if found is None:
            name = f"word/media/image{len(self.parts) + 1}.png"
            rid = self._next_rid()
            self.by_sha1[sha1] = found = (name, rid)
            self.parts.append((name, rid, png))
        shape_id = self.next_shape_id
        self.next_shape_id += 1
        return etree.fromstring(_INLINE.format(cx=cx, cy=cy, id=shape_id, rid=found[1]))

    def _next_rid(self) -> str:
        for n in range(1, self.rel_count + 2):
            candidate = f"rId{n}"
            if candidate not in self.used_rids:
                self.used_rids.add(candidate)
                self.rel_count += 1
                return candidate
        raise AssertionError("unreachable: one of rId1 .. rId(n+1) is free")

    def write(self, parts: dict[str, bytes], entries: dict[str, bytes], rels_name: str,
              folder: str) -> None:
        """Add the image parts, their relationships and the PNG content type to `parts`."""
        if not self.parts:
            return
        parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
        rels = etree.fromstring(entries[rels_name], parser)
        for name, rid, png in self.parts:
            etree.SubElement(rels, f"{{{_PKG_REL}}}Relationship", {
                "Id": rid, "Type": RT_IMAGE, "Target": name[len(folder):].lstrip("/")})
            parts[name] = png
        parts[rels_name] = etree.tostring(rels, encoding="UTF-8", standalone=True)
        types = etree.fromstring(entries["[Content_Types].xml"], parser)
        if not any(d.get("Extension", "").lower() == "png"
                   for d in types.iterchildren(f"{{{_CT}}}Default")):
            types.insert(0, etree.Element(f"{{{_CT}}}Default",
                                          {"Extension": "png", "ContentType": "image/png"}))
        parts["[Content_Types].xml"] = etree.tostring(types, encoding="UTF-8", standalone=True)


def highest_ids(document: Any, parts: list[Any]) -> int:
    """python-docx's first shape id: past every plain `id` of the main part and every
    drawing id of the package's other parts (a logo in a header)."""
    used = [int(v) for v in document.xpath("//@id") if v.isdigit()]
    next_id = max(used) + 1 if used else 1
    highest = 0
    for root in [document, *parts]:
        for doc_pr in root.iter(f"{{{_WP}}}docPr"):
            value = doc_pr.get("id") or ""
            if value.isdigit():
                highest = max(highest, int(value))
    return max(next_id, highest + 1)


__all__ = ["RT_IMAGE", "Media", "highest_ids", "png_header"]
