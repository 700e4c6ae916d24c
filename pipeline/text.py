"""Cell text cleaning: what may reach a Word document, and what was changed.

Excel stores characters XML cannot hold as `_xHHHH_` escapes; the xlsx reader decodes
them (once) before any text gets here. We turn vertical tabs and form feeds (a line break
in some exports) into line breaks, normalise CR/LF to LF, and drop what XML 1.0 still
cannot hold.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Characters XML 1.0 cannot hold (tab, LF and CR are allowed; we keep tab and LF).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_PLURAL_END = re.compile(r"\(s\)\s*$")
_NOT_WORD = re.compile(r"[\W_]+")
# Word cell limit: Excel's own cell limit is 32,767 characters.
EXCEL_CELL_LIMIT = 32_767


def clean_text(text: str) -> tuple[str, bool]:
    """Return (clean text, whether characters were dropped).

    Line breaks of every kind become "\\n"; vertical tab and form feed (what
    Excel uses for a line break in some exports) become "\\n" too; other
    control characters are dropped.
    """
    if not text or text.isprintable():  # the usual cell: nothing to change (every
        return text, False  # character dropped or changed below is not printable)
    out = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n").replace("\x0c", "\n")
    cleaned = _ILLEGAL.sub("", out)
    return cleaned, cleaned != out


@lru_cache(maxsize=8192)
def normalise_label(text: str) -> str:
    """A header or key as compared: no case, spaces, punctuation, line breaks, trailing (s).

    'Target\\ndate' -> 'targetdate'; 'Action(s)' -> 'action'; 'RAG\u00a0Status ' -> 'ragstatus'.
    """
    t = text.replace("\u00a0", " ").lower().strip()
    if "(s)" in t:
        t = _PLURAL_END.sub("", t)
        t = t.replace("(s)", "")
    return _NOT_WORD.sub("", t)


def one_line(text: str, limit: int = 60) -> str:
    """A short single-line quote of a value for messages."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def plural(n: int, one: str, many: str | None = None) -> str:
    """'1 priority', '2 priorities', '3 actions'."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def printable(text: str) -> str:
    """Text that can be written as UTF-8: a file name's bytes that are not UTF-8 (kept by
    Python as surrogate escapes) become U+FFFD, "plan\\udcff.xlsx" -> "plan\ufffd.xlsx"."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")


def is_printable(text: str) -> bool:
    """Whether `text` (a file name) is valid text, with no bytes that are not UTF-8."""
    return printable(text) == text
