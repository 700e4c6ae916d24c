"""Status schemes: the default RAG scheme, colours, contrast and status matching.

Plain functions on plain data; no spreadsheets here. The reader builds a
workbook's own scheme from its "RAG key" sheet with `scheme_from_key`.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

from pipeline.domain.model import STATUS_KEYS, StatusEntry, StatusKey, StatusScheme

WHITE = "FFFFFF"
BLACK = "0B0C0C"

# Default colours (fill / text): every pair at least 4.5:1 contrast.
DEFAULT_SCHEME = StatusScheme(
    entries=(
        StatusEntry(
            "complete",
            "Complete",
            "1D70B8",
            WHITE,
            ("complete", "completed", "done", "achieved", "closed", "blue", "b"),
        ),
        StatusEntry(
            "on_track",
            "On track",
            "00703C",
            WHITE,
            (
                "on track",
                "in progress",
                "in progress on schedule",
                "on schedule",
                "on target",
                "green",
                "g",
            ),
        ),
        StatusEntry(
            "at_risk",
            "At risk",
            "FFDD00",
            BLACK,
            ("at risk", "some slippage", "slippage", "minor delay", "amber", "a"),
        ),
        StatusEntry(
            "behind",
            "Behind schedule",
            "D4351C",
            WHITE,
            ("behind schedule", "behind", "off track", "delayed", "overdue", "red", "r"),
        ),
        StatusEntry(
            "not_started",
            "Not started",
            "505A5F",
            WHITE,
            ("not started", "not yet started", "planned", "grey", "gray"),
        ),
    )
)

# Colour names a RAG key sheet may use, mapped to the accessible default colours.
COLOUR_NAMES: dict[str, tuple[str, str]] = {
    "blue": ("1D70B8", WHITE),
    "green": ("00703C", WHITE),
    "amber": ("FFDD00", BLACK),
    "yellow": ("FFDD00", BLACK),
    "orange": ("FFDD00", BLACK),
    "red": ("D4351C", WHITE),
    "grey": ("505A5F", WHITE),
    "gray": ("505A5F", WHITE),
    "black": ("0B0C0C", WHITE),
    "white": ("FFFFFF", BLACK),
}

MEANING_WORDS: dict[str, StatusKey] = {
    "complete": "complete",
    "completed": "complete",
    "on track": "on_track",
    "ontrack": "on_track",
    "on_track": "on_track",
    "at risk": "at_risk",
    "atrisk": "at_risk",
    "at_risk": "at_risk",
    "behind": "behind",
    "behind schedule": "behind",
    "not started": "not_started",
    "notstarted": "not_started",
    "not_started": "not_started",
}

_HEX = re.compile(r"^#?([0-9a-fA-F]{6})$")


@lru_cache(maxsize=4096)  # a plan repeats a handful of statuses thousands of times
def normalise_status_text(text: str) -> str:
    """Lower case, single spaces, no punctuation: 'In-Progress ' -> 'in progress'."""
    text = text.replace("\u00a0", " ").lower()
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


@lru_cache(maxsize=64)
def _meanings(scheme: StatusScheme) -> dict[str, StatusKey]:
    """Each spelling the scheme accepts, normalised, with the status it means (the first
    entry to accept a spelling has it, as when the entries are tried in turn)."""
    meanings: dict[str, StatusKey] = {}
    for entry in scheme.entries:
        for name in (entry.label, *entry.aliases):
            meanings.setdefault(normalise_status_text(name), entry.key)
    return meanings


_LAST: list[tuple[StatusScheme, dict[str, StatusKey]]] = []  # the scheme last asked of


def match_status(text: str, scheme: StatusScheme) -> StatusKey | None:
    """The status a typed value means under the scheme, or None."""
    wanted = normalise_status_text(text)
    if not wanted:
        return None
    # A plan asks of one scheme thousands of times: found by identity, not by hashing the
    # whole (frozen, nested) scheme for _meanings' cache every time.
    if _LAST and _LAST[0][0] is scheme:
        return _LAST[0][1].get(wanted)
    meanings = _meanings(scheme)
    _LAST[:] = [(scheme, meanings)]
    return meanings.get(wanted)


def accepted_values(scheme: StatusScheme) -> list[str]:
    """The labels a person may type, in scheme order."""
    return [e.label for e in scheme.entries]


def suggest_status(text: str, scheme: StatusScheme) -> str | None:
    """The closest accepted spelling for an unknown status, or None."""
    wanted = normalise_status_text(text)
    names: dict[str, str] = {}
    for entry in scheme.entries:
        names[normalise_status_text(entry.label)] = entry.label
        for alias in entry.aliases:
            if len(alias) > 2:
                names[normalise_status_text(alias)] = entry.label
    close = difflib.get_close_matches(wanted, list(names), n=1, cutoff=0.6)
    return names[close[0]] if close else None


def colour_name(fill: str) -> str | None:
    """The plain name of a fill colour ('FF0000' -> 'red', 'FFC000' -> 'amber', '505A5F' ->
    'grey'), or None for one that is not a RAG colour (purple, pink, black, white) or not a
    hex colour (a theme colour)."""
    m = _HEX.match(fill.strip())
    if not m:
        return None
    r, g, b = (int(m.group(1)[i:i + 2], 16) for i in (0, 2, 4))
    top, low = max(r, g, b), min(r, g, b)
    if top < 50 or low > 235:
        return None  # black or white: no status's colour
    chroma = top - low
    if chroma < 30:
        return "grey"
    if top == r:
        hue = (60 * (g - b) / chroma) % 360
    elif top == g:
        hue = 60 * (b - r) / chroma + 120
    else:
        hue = 60 * (r - g) / chroma + 240
    if hue < 15 or hue >= 330:
        return "red"
    if hue < 70:
        return "amber"  # orange and yellow too: Excel's amber is FFC000, yellow FFFF00
    if hue < 170:
        return "green"
    if hue < 260:
        return "blue"
    return None  # purple, pink


def status_of_fill(fill: str | None, scheme: StatusScheme) -> tuple[str, StatusEntry] | None:
    """The status a cell's fill colour stands for, when the scheme (a workbook's RAG key,
    else the default colours) makes it plain: a status's own fill, or the one status whose
    fill is of the same colour (red, amber, green, blue, grey). Returns the colour's name
    and the status; None when no status, or more than one, has that colour."""
    if not fill:
        return None
    name = colour_name(fill)
    exact = [e for e in scheme.key_entries if e.fill.upper() == fill.strip().upper()]
    if len(exact) == 1 and name is not None:
        return name, exact[0]
    if name is None:
        return None
    same = [e for e in scheme.key_entries if colour_name(e.fill) == name]
    return (name, same[0]) if len(same) == 1 else None


def parse_colour(text: str) -> tuple[str, str] | None:
    """A RAG key colour: a name (Red, Amber ...) or a hex fill; returns (fill, text colour)."""
    name = normalise_status_text(text)
    if name in COLOUR_NAMES:
        return COLOUR_NAMES[name]
    m = _HEX.match(text.strip())
    if m:
        fill = m.group(1).upper()
        return fill, best_text_colour(fill)
    return None


def parse_meaning(text: str) -> StatusKey | None:
    """The status a RAG key row stands for: 'complete', 'on track', 'behind' ..."""
    name = normalise_status_text(text)
    if name in MEANING_WORDS:
        return MEANING_WORDS[name]
    key = match_status(text, DEFAULT_SCHEME)
    return key


def _channel(c: int) -> float:
    s = c / 255
    return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4


def relative_luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


@lru_cache(maxsize=1024)  # the audit asks about the same few colour pairs for every cell
def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two hex colours."""
    la, lb = relative_luminance(a), relative_luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def best_text_colour(fill: str) -> str:
    """White or near-black text, whichever reads better on the fill."""
    return WHITE if contrast_ratio(fill, WHITE) >= contrast_ratio(fill, BLACK) else BLACK


def scheme_from_key(rows: list[tuple[str, StatusKey, str, str, tuple[str, ...]]]) -> StatusScheme:
    """A workbook's scheme from RAG key rows (label, status, fill, text colour, aliases).

    The statuses the key does not list keep the default entries, so a typed
    default spelling still works; `from_workbook` marks the scheme as the key's. The
    entries are in the key's order, each status the key leaves out placed by severity
    (STATUS_KEYS order) just after the status before it: a key of Complete, In progress,
    Behind schedule prints an action's At risk between In progress and Behind schedule, and
    Not started last, never after the key's rows as an afterthought.
    """
    entries: list[StatusEntry] = []
    listed: set[StatusKey] = set()
    for label, key, fill, text_colour, aliases in rows:
        default = DEFAULT_SCHEME.entry(key)
        entries.append(StatusEntry(key, label, fill, text_colour, tuple(aliases) + default.aliases))
        listed.add(key)
    for index, key in enumerate(STATUS_KEYS):
        if key in listed:
            continue
        placed = [e.key for e in entries]
        before = [k for k in STATUS_KEYS[:index] if k in placed]
        at = placed.index(before[-1]) + 1 if before else 0
        entries.insert(at, DEFAULT_SCHEME.entry(key))
    return StatusScheme(
        entries=tuple(entries), from_workbook=True, listed=tuple(r[1] for r in rows)
    )
