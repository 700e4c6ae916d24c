"""Two audit rules on what is typed straight into the text, outside styles and shaded cells.

  contrast   a run given its own colour (w:color: light grey typed on the white page) against
             what is behind it: the run's shading or highlight, the paragraph's shading, the
             paragraph style's fill, else the page. Shaded table cells are checked with their
             fill by `pipeline.audit`; colours left to Word ("auto") are not checked.
  alt-text   an old-style (VML) picture, w:pict or w:object holding v:imagedata, as Word 2003
             and many council templates still carry their logos: it needs alternative text
             (the shape's alt, or the picture's title). The VML copy Word keeps as a fallback
             for a modern drawing (mc:Fallback) is the drawing's, checked there.

Each function takes the audit's Package and returns Issues; nothing here prints.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pipeline.render.wordstyles import cell_fill, fill_of, page_colour
from pipeline.render.wordxml import part_label, plain_text, w

if TYPE_CHECKING:
    from pipeline.audit import Package
    from pipeline.issues import Issue

V_NS = "urn:schemas-microsoft-com:vml"
O_NS = "urn:schemas-microsoft-com:office:office"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
MIN_CONTRAST = 4.5
# Word's highlighter pens (w:highlight w:val) and their colours.
HIGHLIGHTS = {
    "yellow": "FFFF00", "green": "00FF00", "cyan": "00FFFF", "magenta": "FF00FF",
    "blue": "0000FF", "red": "FF0000", "darkblue": "000080", "darkcyan": "008080",
    "darkgreen": "008000", "darkmagenta": "800080", "darkred": "800000",
    "darkyellow": "808000", "darkgray": "808080", "lightgray": "C0C0C0", "black": "000000",
    "white": "FFFFFF",
}


def _in(part: str) -> str:
    return "" if part == "word/document.xml" else f" in {part_label(part)}"


def _quote(text: str, limit: int = 30) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _direct_colour(run: Any) -> str | None:
    el = run.find(f"{w('rPr')}/{w('color')}")
    value = None if el is None else (el.get(w("val")) or "")
    if not value or len(value) != 6 or value.lower() == "auto":
        return None
    try:
        int(value, 16)
    except ValueError:
        return None
    return value.upper()


def _behind(run: Any, paragraph: Any, pkg: Package, page: str) -> str:
    """The colour behind a run: its shading or highlight, the paragraph's, or the page."""
    rpr = run.find(w("rPr"))
    if rpr is not None:
        fill = fill_of(rpr.find(w("shd")))
        if fill:
            return fill
        mark = rpr.find(w("highlight"))
        if mark is not None and (mark.get(w("val")) or "").lower() in HIGHLIGHTS:
            return HIGHLIGHTS[(mark.get(w("val")) or "").lower()]
    ppr = paragraph.find(w("pPr"))
    if ppr is not None:
        fill = fill_of(ppr.find(w("shd")))
        if fill:
            return fill
        style = ppr.find(w("pStyle"))
        if style is not None:
            fill = pkg.styles.fill(style.get(w("val")))
            if fill:
                return fill
    return page


def _in_shaded_cell(paragraph: Any) -> bool:
    cell = next(paragraph.iterancestors(w("tc")), None)
    return cell is not None and cell_fill(cell) is not None


def check_run_contrast(pkg: Package) -> list[Issue]:
    """Runs with a colour of their own below 4.5:1 against what is behind them, one finding
    per paragraph (its hardest run to read)."""
    from pipeline.domain.status import contrast_ratio

    page = page_colour(pkg.document)
    found: list[Issue] = []
    for part, root in pkg.parts.items():
        for number, paragraph in enumerate(root.iter(w("p")), start=1):
            worst: tuple[float, str, str, str] | None = None
            for run in paragraph.iterchildren(w("r")):
                colour = _direct_colour(run)
                text = plain_text(run)
                if colour is None or not text.strip():
                    continue
                behind = _behind(run, paragraph, pkg, page)
                ratio = contrast_ratio(colour, behind)
                if ratio < MIN_CONTRAST and (worst is None or ratio < worst[0]):
                    worst = (ratio, colour, behind, text)
            if worst is None or _in_shaded_cell(paragraph):
                continue
            ratio, colour, behind, text = worst
            found.append(pkg.issue(
                "contrast", f"Text #{colour} on #{behind} has a contrast ratio of "
                f"{ratio:.1f}:1, below the 4.5:1 minimum ({_quote(text)!r}). Select the text "
                "and choose a darker font colour (Home > Font Color > Automatic, or a dark "
                "colour).", f"paragraph {number} ({_quote(plain_text(paragraph), 50)!r})"
                + _in(part)))
    return found


def check_vml_alt_text(pkg: Package) -> list[Issue]:
    """Every VML picture outside an mc:Fallback has alt text or a title."""
    found: list[Issue] = []
    number = 0
    for part, root in pkg.parts.items():
        for image in root.iter(f"{{{V_NS}}}imagedata"):
            if any(a.tag == f"{{{MC_NS}}}Fallback" for a in image.iterancestors()):
                continue
            number += 1
            shape = image.getparent()
            alt = (shape.get("alt") or "") if shape is not None else ""
            title = image.get(f"{{{O_NS}}}title") or ""
            if alt.strip() or title.strip():
                continue
            name = (shape.get("id") or "") if shape is not None else ""
            found.append(pkg.issue(
                "alt-text", "The picture (an older, VML picture, as in Word 2003 templates) "
                "has no alternative text, so screen-reader users do not know what it shows. "
                "In Word: right-click it > Edit Alt Text and say what it shows, or insert "
                "the picture again (Insert > Pictures) and give it alt text.",
                f"VML picture {number}" + (f" ({name})" if name else "") + _in(part)))
    return found


__all__ = ["check_run_contrast", "check_vml_alt_text"]
