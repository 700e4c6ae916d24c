"""A number as the workbook shows it: the cell's number format applied, as Excel does.

`0.0%` shows 0.25 as 25.0%, `#,##0` shows 1234567.5 as 1,234,568, `£#,##0.00` as
£1,234,567.50; General shows what was typed, up to Excel's 11 characters (1234.5678,
1234567.5), and switches to E-notation only for numbers of 12 digits or more, or tiny
ones, as Excel does. Sections (`positive;negative;zero`), colours (`[Red]`), conditions,
currency tags (`[$£-809]`), quoted text and escaped characters are understood. Scientific
formats show 12345 as `0.00E+00` 1.23E+04 (`##0.0E+0` in engineering steps of three, 12.3E+3),
fractions as `# ?/?` 1 1/4, `?/?` 5/4, `# ??/??` 3 14/99, `# ?/8` 1 2/8. Rounding is half away
from zero on the 15 significant digits Excel keeps.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

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
    """`value` to `decimals` places, half away from zero, on Excel's 15 significant digits
    (so 0.575 shown as a whole percentage is 58%, though 0.575 * 100 is 57.4999...)."""
    quantum = Decimal(1).scaleb(-decimals)
    return format(Decimal(f"{value:.15g}").quantize(quantum, rounding=ROUND_HALF_UP), "f")


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


_SCIENTIFIC = re.compile(r"[0#?.,]\s*[eE][+-]")
_FRACTION = re.compile(
    r"^(?P<pre>.*?)(?:(?P<whole>[#0?,]+)(?P<gap>\s+))?(?P<num>[#0?]+)\s*/\s*"
    r"(?P<den>[#0?]+|\d+)(?P<post>.*)$", re.S)


def _unquoted(section: str) -> str:
    """The section with quoted text and escaped characters blanked out."""
    return re.sub(r'"[^"]*"?|\\.', lambda m: " " * len(m.group(0)), section)


def _scientific(section: str, magnitude: float, sign: str) -> str:
    """`0.00E+00` and its kin: mantissa digits as the placeholders say, the exponent with at
    least as many digits as its zeros, `E+` always signed, `E-` signed only when negative;
    with more than one placeholder before the point and a `#` among them the exponent moves
    in steps of that many (engineering notation)."""
    at = _SCIENTIFIC.search(_unquoted(section))
    assert at is not None
    e_at = at.end() - 2
    head, exp_sign, tail = section[:e_at], section[e_at + 1], section[e_at + 2 :]
    exp_digits = len(tail) - len(tail.lstrip("0#?"))
    after = _strip_literals(tail[exp_digits:])
    before_digits = re.search(r"[0#?.,]*$", head)
    assert before_digits is not None
    pattern = before_digits.group(0).replace(",", "")
    before = _strip_literals(head[: before_digits.start()])
    whole, _, decimals = pattern.partition(".")
    places = sum(1 for ch in decimals if ch in _PLACEHOLDERS)
    required = decimals.count("0")
    width = max(1, len(whole))
    step = width if "#" in whole and width > 1 else 1
    if magnitude == 0:
        exponent = 0
    else:
        exponent = math.floor(math.log10(magnitude))
        exponent = exponent - exponent % step if step > 1 else exponent - (width - 1)
    for _ in range(2):  # rounding may carry the mantissa into one more digit: once again
        mantissa = Decimal(f"{magnitude:.15g}").scaleb(-exponent) if magnitude else Decimal(0)
        text = format(mantissa.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP),
                      "f")
        if magnitude == 0 or len(text.partition(".")[0]) <= width:
            break
        exponent += step
    integer, _, fraction = text.partition(".")
    if places > required:
        fraction = fraction[:required] + fraction[required:].rstrip("0")
    if whole and not whole.count("0") and integer == "0":
        integer = ""
    mantissa_text = integer + ("." + fraction if "." in pattern and (fraction or
                                                                     decimals) else "")
    if "." in pattern and not fraction and not decimals:
        mantissa_text = integer + "."
    exp_text = str(abs(exponent)).rjust(exp_digits or 1, "0")
    exp_mark = "-" if exponent < 0 else ("+" if exp_sign == "+" else "")
    letter = section[e_at]
    return (sign + before + mantissa_text + letter.upper() + exp_mark + exp_text
            + after).strip()


def _fraction(section: str, magnitude: float, sign: str) -> str | None:
    """`# ?/?` 1 1/4, `?/?` 5/4 (no whole part: an improper fraction), `# ??/??` up to two
    denominator digits, `# ?/8` a fixed denominator, as Excel shows them; None when the
    section is not a fraction format after all."""
    blanked = _unquoted(section)
    m = _FRACTION.match(blanked)
    if m is None:
        return None
    pre = _strip_literals(section[: m.start("whole") if m.group("whole") else m.start("num")])
    post = _strip_literals(section[m.end("den") :])
    den = m.group("den")
    if den.isdigit():
        fixed = int(den)
        if fixed == 0:
            return None
    else:
        fixed = 0
    whole_part = 0
    rest = Fraction(Decimal(f"{magnitude:.15g}"))
    if m.group("whole"):
        whole_part = math.floor(rest)
        rest -= whole_part
    if fixed:
        numerator = int((rest * fixed + Fraction(1, 2)) // 1)
        approx = Fraction(numerator, fixed) if numerator else Fraction(0)
        shown_den = fixed
    else:
        approx = rest.limit_denominator(10 ** len(den) - 1)
        numerator, shown_den = approx.numerator, approx.denominator
    if m.group("whole") and approx == 1:
        whole_part, numerator, approx = whole_part + 1, 0, Fraction(0)
    if m.group("whole"):
        if numerator == 0:
            number = str(whole_part)
        else:
            lead = f"{whole_part} " if whole_part else ""
            number = f"{lead}{numerator}/{shown_den}"
    else:
        number = f"{numerator}/{shown_den}"
    if number in ("0", "0/1") or numerator == 0 and whole_part == 0:
        sign = ""
    return (sign + pre + number + post).strip()


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
    if _SCIENTIFIC.search(_unquoted(section)):
        return _scientific(section, magnitude, sign)
    if "/" in _unquoted(section):
        shown = _fraction(section, magnitude, sign)
        if shown is not None:
            return shown
    if "/" in section or "@" in section:
        return sign + general(magnitude)  # a text format, or a fraction it cannot read
    parts = _split(section)
    if parts is None:
        literal = _strip_literals(section).strip()
        return literal if literal else sign + general(magnitude)
    before, digits, after, scale = parts
    number = _apply(magnitude, digits, scale)
    if not any(ch in "123456789" for ch in number):
        sign = ""  # -0.001 shown as 0.00 has no minus sign
    return (sign + before + number + after).strip()
