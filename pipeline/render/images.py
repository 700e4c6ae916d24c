"""Pictures put into a python-docx document in linear time, each with its own drawing id.

python-docx's `new_pic_inline` hashes every image already in the package to find a
duplicate and lists every part name to find a free one, for each new picture: quadratic,
about 1 s for 200 charts. It also numbers the drawing from the ids already in document.xml,
which the renderer has not put in place yet, so every picture got id 1 (Word wants them
unique); here new ids follow the highest in the whole package (a header's logo too).
Each package keeps a small index of its images (by SHA-1), the numbers in use
and the next drawing id; an identical picture still shares one image part.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from typing import Any


@dataclass
class _Media:
    parts: int  # how many image parts the package had when this was last brought up to date
    by_sha1: dict[str, Any] = field(default_factory=dict)
    numbers: set[int] = field(default_factory=set)
    next_number: int = 1
    next_shape_id: int = 0


_MEDIA: weakref.WeakKeyDictionary[Any, _Media] = weakref.WeakKeyDictionary()


def _media(package: Any, part: Any) -> _Media:
    """The package's image index, (re)built when python-docx added images behind our back."""
    media = _MEDIA.get(package)
    image_parts = package.image_parts
    if media is None or media.parts != len(image_parts):
        fresh = _Media(parts=len(image_parts))
        for image_part in image_parts:
            fresh.by_sha1.setdefault(image_part.sha1, image_part)
            fresh.numbers.add(image_part.partname.idx)
        fresh.next_number = max(fresh.numbers, default=0) + 1
        fresh.next_shape_id = max(part.next_id, _highest_drawing_id(package) + 1,
                                  media.next_shape_id if media else 0)
        _MEDIA[package] = media = fresh
    return media


def _highest_drawing_id(package: Any) -> int:
    """The highest wp:docPr id in any part of the package (headers and footers too: a
    logo in the header must not share its id with the first chart)."""
    highest = 0
    for part in package.iter_parts():
        element = getattr(part, "_element", None)
        if element is None:
            continue
        for doc_pr in element.iter(f"{{{_WP}}}docPr"):
            value = doc_pr.get("id") or ""
            if value.isdigit():
                highest = max(highest, int(value))
    return highest


_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


def new_pic_inline(doc: Any, png: bytes, width_emu: int) -> Any:
    """A `wp:inline` showing `png` (any image python-docx reads), `width_emu` wide.

    The height keeps the image's aspect ratio. The picture is related to the document's main
    part; the same bytes twice share one image part.
    """
    from docx.image.image import Image as DocxImage
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.oxml.shape import CT_Inline
    from docx.parts.image import ImagePart
    from docx.shared import Emu

    part = doc.part
    package = part.package
    media = _media(package, part)
    image = DocxImage.from_blob(png)
    sha1 = image.sha1
    image_part = media.by_sha1.get(sha1)
    if image_part is None:
        number = media.next_number
        image_part = ImagePart.from_image(image, PackURI(f"/word/media/image{number}.{image.ext}"))
        package.image_parts.append(image_part)
        media.by_sha1[sha1] = image_part
        media.numbers.add(number)
        media.next_number = number + 1
        media.parts += 1
    rid = part.relate_to(image_part, RT.IMAGE)
    cx, cy = image.scaled_dimensions(Emu(width_emu), None)
    shape_id = media.next_shape_id
    media.next_shape_id += 1
    return CT_Inline.new_pic_inline(shape_id, rid, image.filename, cx, cy)


__all__ = ["new_pic_inline"]
