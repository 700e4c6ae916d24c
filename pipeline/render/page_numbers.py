"""A copy of a .docx numbered as pages of a longer pack: "Page 9 of 120".

The first section's page numbering starts at the item's first page in the pack, and every
header's and footer's NUMPAGES field is replaced by the pack's length, so the numbers are
the converter's own, printed in the template's footer (for `pipeline.pack`).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

from pipeline.render.wordxml import parse
from pipeline.render.wordxml import w as _w


def _first_sectpr(root: etree._Element) -> etree._Element | None:
    body = root.find(_w("body"))
    if body is None:
        return None
    for p in body.iterchildren(_w("p")):
        found = p.find(f"{_w('pPr')}/{_w('sectPr')}")
        if found is not None:
            return found
    return body.find(_w("sectPr"))


def _set_start(sectpr: etree._Element, start: int) -> None:
    numbering = sectpr.find(_w("pgNumType"))
    if numbering is None:
        numbering = etree.Element(_w("pgNumType"))
        # Schema order: pgSz, pgMar, paperSrc, pgBorders, lnNumType, then pgNumType.
        before = [_w(t) for t in ("pgSz", "pgMar", "paperSrc", "pgBorders", "lnNumType")]
        at = max((i + 1 for i, el in enumerate(sectpr) if el.tag in before), default=0)
        sectpr.insert(at, numbering)
    numbering.set(_w("start"), str(start))


def _fix_total(xml: bytes, total: int) -> bytes:
    """A footer's NUMPAGES field (the document's own length) printed as the pack's length."""
    root = parse(xml)
    for field_el in list(root.iter(_w("fldSimple"))):
        if "NUMPAGES" in (field_el.get(_w("instr")) or "").upper():
            run = etree.Element(_w("r"))
            etree.SubElement(run, _w("t")).text = str(total)
            field_el.getparent().replace(field_el, run)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def numbered_copy(source: Path, target: Path, start: int, total: int) -> None:
    """A copy of a .docx whose pages are numbered from `start` and say 'of `total`'."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w",
                                                         zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml":
                root = parse(data)
                sectpr = _first_sectpr(root)
                if sectpr is not None:
                    _set_start(sectpr, start)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                      standalone=True)
            elif re.fullmatch(r"word/footer\d*\.xml|word/header\d*\.xml", info.filename):
                data = _fix_total(data, total)
            zout.writestr(info, data)
