"""Cell text cleaning: what may reach a Word document, and what was changed.

Excel stores characters XML cannot hold as `_xHHHH_` escapes (a line break
typed with Alt+Enter in old files, a vertical tab `_x000B_` pasted from
elsewhere). We decode the escapes, turn vertical tabs and form feeds into line
breaks, normalise CR/LF to LF, and drop what XML 1.0 still cannot hold.
"""

from __future__ import annotations

import re

_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
# Characters XML 1.0 cannot hold (tab, LF and CR are allowed; we keep tab and LF).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Word cell limit: Excel's own cell limit is 32,767 characters.
EXCEL_CELL_LIMIT = 32_767


def decode_excel_escapes(text: str) -> str:
    """'_x000B_' -> '\\x0b'; '_x005F_x000B_' (an escaped escape) stays literal '_x000B_'."""
    if "_x" not in text:
        return text

    def repl(m: re.Match[str]) -> str:
        return chr(int(m.group(1), 16))

    # An escaped underscore "_x005F_" protects the escape after it.
    parts = text.split("_x005F_")
    return "_".join(_ESCAPE.sub(repl, p) for p in parts)


def clean_text(text: str) -> tuple[str, bool]:
    """Return (clean text, whether characters were dropped).

    Line breaks of every kind become "\\n"; vertical tab and form feed (what
    Excel uses for a line break in some exports) become "\\n" too; other
    control characters are dropped.
    """
    if not text:
        return text, False
    out = decode_excel_escapes(text)
    out = out.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n").replace("\x0c", "\n")
    cleaned = _ILLEGAL.sub("", out)
    return cleaned, cleaned != out


def normalise_label(text: str) -> str:
    """A header or key as compared: no case, spaces, punctuation, line breaks, trailing (s).

    'Target\\ndate' -> 'targetdate'; 'Action(s)' -> 'action'; 'RAG\u00a0Status ' -> 'ragstatus'.
    """
    t = text.replace("\u00a0", " ").lower().strip()
    t = re.sub(r"\(s\)\s*$", "", t)
    t = re.sub(r"\(s\)", "", t)
    return re.sub(r"[\W_]+", "", t)


def one_line(text: str, limit: int = 60) -> str:
    """A short single-line quote of a value for messages."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def plural(n: int, one: str, many: str | None = None) -> str:
    """'1 priority', '2 priorities', '3 actions'."""
    return f"{n} {one if n == 1 else (many or one + 's')}"
