"""A number as the workbook shows it: the cell's number format applied, as Excel does.

`0.0%` shows 0.25 as 25.0%, `#,##0` shows 1234567.5 as 1,234,568, `£#,##0.00` as
£1,234,567.50; General shows what was typed, up to Excel's 11 characters (1234.5678,
1234567.5), and switches to E-notation only for numbers of 12 digits or more, or tiny
ones, as Excel does. Sections (`positive;negative;zero`), colours (`[Red]`), conditions,
currency tags (`[$£-809]`), quoted text and escaped characters are understood; formats it
cannot apply (fractions) fall back to General. Rounding is half away from zero, like Excel.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal

_BRACKET = re.compile(r"\[([^\]]*)\]")
_PLACEHOLDERS = "0#?"


def _sections(code: str) -> list[str]:
    parts, current, quoted, i = [], "", False, 0
    while i < len(code):
        ch = code[i]
        if ch == '"':
            quoted = not quoted
        elif ch == "\\" and not quoted and i + 1 < len(code):
            current += code[i : i + 2]
            i += 2
            continue
        elif ch == ";" and not quoted:
            parts.append(current)
            current = ""
            i += 1
            continue
        current += ch
        i += 1
    parts.append(current)
    return parts


def general(value: float) -> str:
    """Excel's General format in a wide cell: at most 11 characters, no spurious '.0'."""
    if value == 0:
        return "0"
    if isinstance(value, int) or float(value).is_integer():
        whole = int(value)
        if abs(whole) < 10**11:
            return str(whole)
    magnitude = abs(value)
    if magnitude >= 1e11 or magnitude < 1e-9:
        mantissa, exponent = f"{value:.5E}".split("E")
        mantissa = mantissa.rstrip("0").rstrip(".")
        return f"{mantissa}E{int(exponent):+03d}"
    # Fit in 11 characters: as many decimals as the digits before the point leave.
    digits_before = max(1, int(math.floor(math.log10(magnitude))) + 1)
    room = 11 - digits_before - (1 if value < 0 else 0) - 1
    text = _round(abs(value), max(room, 0))
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return ("-" if value < 0 and text.strip("0.") else "") + text


def _round(value: float, decimals: int) -> str:
    quantum = Decimal(1).scaleb(-decimals)
    return format(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP), "f")


def _strip_literals(text: str) -> str:
    """Format text shown as is: quotes removed, escapes resolved, spacers and fills dropped."""
    out, i = [], 0
    while i < len(text):
        ch = text[i]
        if ch == '"':
            end = text.find('"', i + 1)
            end = len(text) if end < 0 else end
            out.append(text[i + 1 : end])
            i = end + 1
        elif ch == "\\" and i + 1 < len(text):
            out.append(text[i + 1])
            i += 2
        elif ch in "_*":
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _split(section: str) -> tuple[str, str, str, int] | None:
    """(text before, digit pattern, text after, how many %) of a section; None when it has
    no digit placeholder or its digits are split by text."""
    before: list[str] = []
    after: list[str] = []
    digits, scale, i = "", 0, 0
    while i < len(section):
        ch = section[i]
        if ch == '"':
            end = section.find('"', i + 1)
            end = len(section) if end < 0 else end
            (after if digits else before).append(section[i + 1 : end])
            i = end + 1
            continue
        if ch == "\\" and i + 1 < len(section):
            (after if digits else before).append(section[i + 1])
            i += 2
            continue
        if ch in "_*":
            i += 2  # a space the width of the next character, or a fill: nothing shown
            continue
        starts_digits = ch in _PLACEHOLDERS or (
            ch in ".," and i + 1 < len(section) and section[i + 1] in _PLACEHOLDERS)
        if starts_digits or (digits and not after and ch in ".,"):
            if after:
                return None
            digits += ch
        else:
            if ch == "%":
                scale += 1
            (after if digits else before).append(ch)
        i += 1
    if not digits:
        return None
    return "".join(before), digits, "".join(after), scale


def _apply(value: float, digits: str, scale: int) -> str:
    value *= 100**scale
    while digits.endswith(","):  # a trailing comma divides by 1,000
        digits = digits[:-1]
        value /= 1000
    whole, point, decimals = digits.partition(".")
    places = sum(1 for ch in decimals if ch in _PLACEHOLDERS)
    required = decimals.count("0")
    integer, _, fraction = _round(value, places).partition(".")
    if places > required:  # '#' and '?' decimals are left out when they are zeros
        fraction = fraction[:required] + fraction[required:].rstrip("0")
    integer = integer.lstrip("0").rjust(whole.count("0"), "0")
    if "," in whole and integer:
        integer = f"{int(integer):,}"
    return integer + (point + fraction if point else "")


def format_number(value: int | float, code: str) -> str:
    """`value` as a cell with number format `code` shows it (ValueError for INF/NaN)."""
    if not math.isfinite(value):
        raise ValueError(f"{value} is not a number a report can show")
    sections = _sections(code or "General")
    sign = ""
    if value < 0 and len(sections) >= 2 and sections[1].strip():
        section, magnitude = sections[1], -value
    elif value == 0 and len(sections) >= 3:
        section, magnitude = sections[2], 0.0
    else:
        section, magnitude, sign = sections[0], abs(value), "-" if value < 0 else ""
    section = _BRACKET.sub(
        lambda m: '"' + m.group(1)[1:].split("-")[0] + '"' if m.group(1).startswith("$")
        else "", section)
    lowered = section.lower()
    if "general" in lowered:
        at = lowered.index("general")
        return (sign + _strip_literals(section[:at]) + general(magnitude)
                + _strip_literals(section[at + 7 :])).strip()
    if "e+" in lowered or "e-" in lowered or "/" in section or "@" in section:
        return sign + general(magnitude)  # scientific, fractions, text: shown as General
    parts = _split(section)
    if parts is None:
        literal = _strip_literals(section).strip()
        return literal if literal else sign + general(magnitude)
    before, digits, after, scale = parts
    number = _apply(magnitude, digits, scale)
    if not any(ch in "123456789" for ch in number):
        sign = ""  # -0.001 shown as 0.00 has no minus sign
    return (sign + before + number + after).strip()
