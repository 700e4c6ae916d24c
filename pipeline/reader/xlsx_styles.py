"""A workbook's styles part: each cell style's number format and solid fill colour.

Also Excel's rule for which number formats show dates, times and durations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

# Excel's built-in number formats (ids below 164) that the readers may meet.
BUILTIN_FORMATS = {
    0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00",
    5: '"$"#,##0_);("$"#,##0)', 6: '"$"#,##0_);[Red]("$"#,##0)',
    7: '"$"#,##0.00_);("$"#,##0.00)', 8: '"$"#,##0.00_);[Red]("$"#,##0.00)',
    9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??",
    14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss", 22: "m/d/yy h:mm",
    37: "#,##0_);(#,##0)", 38: "#,##0_);[Red](#,##0)", 39: "#,##0.00_);(#,##0.00)",
    40: "#,##0.00_);[Red](#,##0.00)",
    41: r'_(* #,##0_);_(* \(#,##0\);_(* "-"_);_(@_)',
    42: r'_("$"* #,##0_);_("$"* \(#,##0\);_("$"* "-"_);_(@_)',
    43: r'_(* #,##0.00_);_(* \(#,##0.00\);_(* "-"??_);_(@_)',
    44: r'_("$"* #,##0.00_)_("$"* \(#,##0.00\)_("$"* "-"??_)_(@_)',
    45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@",
}
_STRIP = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
_DATE_CHAR = re.compile(r"(?<![_\\])[dmhysDMHYS]")
_TIMEDELTA = re.compile(r"\[hh?\](:mm(:ss(\.0*)?)?)?|\[mm?\](:ss(\.0*)?)?|\[ss?\](\.0*)?", re.I)


def is_date_format(code: str) -> bool:
    """Whether numbers in this format are dates or times (Excel's rule, first section only)."""
    first = _STRIP.sub("", code.split(";")[0])
    return _DATE_CHAR.search(first) is not None


def is_timedelta_format(code: str) -> bool:
    return _TIMEDELTA.search(code.split(";")[0]) is not None


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _parse(data: bytes) -> Any:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.fromstring(data, parser)


@dataclass
class Styles:
    formats: list[str] = field(default_factory=lambda: ["General"])  # per cellXfs index
    dates: set[int] = field(default_factory=set)
    timedeltas: set[int] = field(default_factory=set)
    fills: list[str | None] = field(default_factory=lambda: [None])  # per cellXfs index
    default_fill: str | None = None  # fills[0]: what a cell with no <c> element has


def _fill_colour(fill: Any) -> str | None:
    """The colour of a solid pattern fill (hex; 'theme N' / 'indexed N' for palette colours);
    None for no fill, other patterns and white."""
    pattern = next((c for c in fill if _local(c.tag) == "patternFill"), None)
    if pattern is None or pattern.get("patternType") != "solid":
        return None
    fg = next((c for c in pattern if _local(c.tag) == "fgColor"), None)
    if fg is None:
        return "000000"  # Excel's default foreground colour
    rgb = fg.get("rgb")
    if rgb is not None:
        rgb = rgb.strip()
        if len(rgb) < 6 or rgb[-6:].upper() == "FFFFFF":
            return None
        return rgb[-6:].upper()
    for kind in ("theme", "indexed"):
        if fg.get(kind) is not None:
            return f"{kind} {fg.get(kind)}"
    return "000000"


def read_styles(data: bytes | None) -> Styles:
    styles = Styles()
    if not data:
        return styles
    root = _parse(data)
    custom: dict[int, str] = {}
    fills: list[str | None] = []
    xfs: list[Any] = []
    for section in root:
        name = _local(section.tag)
        if name == "numFmts":
            for fmt in section:
                try:
                    custom[int(fmt.get("numFmtId", ""))] = fmt.get("formatCode") or "General"
                except ValueError:
                    continue
        elif name == "fills":
            fills = [_fill_colour(f) for f in section if _local(f.tag) == "fill"]
        elif name == "cellXfs":
            xfs = [xf for xf in section if _local(xf.tag) == "xf"]
    styles.formats, styles.fills = [], []
    for index, xf in enumerate(xfs):
        try:
            fmt_id = int(xf.get("numFmtId") or 0)
        except ValueError:
            fmt_id = 0
        code = custom.get(fmt_id)
        if code is None:
            code = BUILTIN_FORMATS.get(fmt_id, "General")
        styles.formats.append(code)
        if is_date_format(code):
            styles.dates.add(index)
        if is_timedelta_format(code):
            styles.timedeltas.add(index)
        try:
            fill_id = int(xf.get("fillId") or 0)
        except ValueError:
            fill_id = 0
        styles.fills.append(fills[fill_id] if 0 <= fill_id < len(fills) else None)
    if not xfs:
        styles.formats, styles.fills = ["General"], [None]
    styles.default_fill = fills[0] if fills else None
    return styles
