"""How a table will sit on the page, estimated from its text before Word or LibreOffice
lays it out: column widths from the content, each row's height, and which rows and
tables are safe to keep together.

Widths are measured with Arial's (and Liberation Sans's, which matches it) advance
widths, so a word's width on paper is known to within a few per cent. Heights are
estimates, deliberately generous: a row is only kept from splitting (w:cantSplit) when
it surely fits on a page, because a row that may not split and is taller than a page is
cut off at the foot of the page in Word and LibreOffice alike.

`fit_widths` takes only column headers and their texts, so that any table (a template's
own columns included) can be laid out with it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

PT_PER_CM = 72 / 2.54
CELL_PADDING_CM = 0.30 + 0.05  # the table style's left and right cell margins, and borders
CELL_VERTICAL_CM = 0.20 + 0.03  # top and bottom cell margins, and the border
LINE_HEIGHT = 1.15  # a line of text is about 1.15 times its font size
SHORT_WORD = 16  # a word of this many characters or fewer must never break over two lines
WRAP_WASTE = 1.12  # lines are never filled to the edge: words wrap early ...
WORD_SLACK = 0.0  # ... by about half a word (in ems) at the end of every line
KEEP_ROW_SHARE = 0.6  # a row may split once its estimate passes this share of a page ...
KEEP_FIRST_ROW_SHARE = 0.75  # ... a table's first row this share: the headings above it
# keep with it, and would otherwise end a page over a line or two of it
KEEP_TABLE_ROWS = 15  # tables of up to this many rows are kept on one page ...
KEEP_TABLE_CHARACTERS = 1200  # ... holding no more text than this (a key, a summary)
KEEP_TABLE_SHARE = 0.8  # ... and taking no more than this share of a page
PHRASE_CHARACTERS = 20  # a column whose every text is this short (a status, a date) ...
PHRASE_SHARE_OF_ROWS = 0.8  # ... (or this share of its texts are; the others may wrap)
PHRASE_SHARE = 0.2  # ... keeps each on one line, cheapest first, within this share of the
# width left over once every word fits (the wordy columns keep the rest)
SAMPLE_ROWS = 60  # widths are fitted on at most this many rows, spread through the table
STEPS = 32  # the spare width is handed out in this many slices ...
LOOKAHEAD = (1, 2, 4, 8)  # ... one or several at a time, where they save most lines per slice

# Advance widths of Arial / Helvetica in thousandths of an em (ASCII 32-126).
_ARIAL = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
)
_WIDTH = {chr(32 + i): v / 1000 for i, v in enumerate(_ARIAL)}
_WIDTH.update({"’": 0.222, "‘": 0.222, "“": 0.333, "”": 0.333, "–": 0.556, "—": 1.0,
               "£": 0.556, "€": 0.556, "…": 1.0, "•": 0.35})
_OTHER = 0.6  # any other character: a little wider than a typical letter
_BOLD = 1.08  # Arial Bold is about this much wider
_AVERAGE = 0.5  # a typical character of running English text, spaces included


_WIDEST = max(max(_WIDTH.values()), _OTHER)  # the widest letter, in ems


def word_width_cm(word: str, pt: float, bold: bool = False) -> float:
    """How wide `word` prints in Arial at `pt` points."""
    em = sum(_WIDTH.get(ch, _OTHER) for ch in word)
    return em * pt * (_BOLD if bold else 1.0) / PT_PER_CM


def _text_em(text: str) -> float:
    """A quick estimate of the text's printed width in ems (characters times average)."""
    return len(text) * _AVERAGE


def longest_word_cm(texts: Sequence[str], pt: float, bold: bool = False) -> float:
    """The width of the widest word of SHORT_WORD characters or fewer among `texts` (a
    longer word may break: it is measured by its first SHORT_WORD characters).

    Every distinct word is a candidate, taken longest first until no shorter word could be
    wider, even made of the widest letter (so a short wide word, "WWWW", beats a long narrow
    one, "iiiiiiiii").
    """
    best, best_em = "", 0.0
    distinct: set[str] = set()
    for text in dict.fromkeys(texts):  # a text at a time: no joined copy of the column
        distinct.update(text.split())
    for word in sorted(distinct, key=len, reverse=True):
        word = word[:SHORT_WORD]
        if len(word) * _WIDEST <= best_em:
            break
        em = sum(_WIDTH.get(ch, _OTHER) for ch in word)
        if em > best_em:
            best, best_em = word, em
    return word_width_cm(best, pt, bold) if best else 0.0


def phrase_cm(texts: Sequence[str], pt: float, lines: int = 1) -> float:
    """The width that puts every short text of a column of mostly short texts on `lines`
    lines (one or two): a short text has PHRASE_CHARACTERS or fewer a line and no line
    break ("Not started", "30 November 2012"; on two lines "In Progress / on schedule"),
    and now and then a longer one may wrap ("August 2012 (was June 2012)"). 0 when fewer
    than PHRASE_SHARE_OF_ROWS of its texts are short."""
    if not texts:
        return 0.0
    limit = PHRASE_CHARACTERS * lines
    lengths = sorted(map(len, texts))  # a wordy column is turned down at C speed
    if lengths[math.ceil(PHRASE_SHARE_OF_ROWS * len(lengths)) - 1] > limit:
        return 0.0
    short = [text for text in texts if len(text) <= limit and "\n" not in text]
    if len(short) < PHRASE_SHARE_OF_ROWS * len(texts):
        return 0.0
    if lines == 1:
        return max(word_width_cm(text, pt) for text in dict.fromkeys(short))
    return max(_two_lines_cm(text, pt) for text in dict.fromkeys(short))


def _two_lines_cm(text: str, pt: float) -> float:
    """The width of the wider line of `text` broken at its best space into two."""
    words = text.split()
    if len(words) < 2:
        return word_width_cm(text, pt)
    return min(max(word_width_cm(" ".join(words[:i]), pt),
                   word_width_cm(" ".join(words[i:]), pt)) for i in range(1, len(words)))


def header_word_cm(header: str, pt: float) -> float:
    """The width of a column header's widest word in bold, however long: a header's words
    ("Recommendations") are never broken."""
    return max((word_width_cm(wd, pt, bold=True) for wd in header.split()), default=0.0)


def _room(width_cm: float, pt: float) -> float:
    """How many ems of text a line of a cell `width_cm` wide holds."""
    return max((width_cm - CELL_PADDING_CM) * PT_PER_CM / pt - WORD_SLACK, 1.0)


def lines_in(text: str, width_cm: float, pt: float) -> int:
    """About how many lines `text` takes in a cell `width_cm` wide (generous)."""
    room = _room(width_cm, pt)
    total = 0
    for paragraph in text.split("\n"):
        total += max(1, math.ceil(_text_em(paragraph) * WRAP_WASTE / room))
    return total


def column_lines(texts: Sequence[str], width_cm: float, pt: float) -> list[int]:
    """`lines_in` of every text of one column: a text without a line break takes as many
    lines as any other of its length, so each length is worked out once."""
    room = _room(width_cm, pt)
    by_length: dict[int, int] = {}
    out: list[int] = []
    for text in texts:
        if "\n" in text:
            out.append(lines_in(text, width_cm, pt))
            continue
        n = len(text)
        lines = by_length.get(n)
        if lines is None:
            lines = by_length[n] = max(1, math.ceil(_text_em(text) * WRAP_WASTE / room))
        out.append(lines)
    return out


def row_height_cm(texts: Sequence[str], widths_cm: Sequence[float], pt: float) -> float:
    lines = max((lines_in(t, w, pt) for t, w in zip(texts, widths_cm, strict=True)), default=1)
    return _height_cm(lines, pt)


def _height_cm(lines: int, pt: float) -> float:
    return lines * pt * LINE_HEIGHT / PT_PER_CM + CELL_VERTICAL_CM


def rows_height_cm(
    rows: Sequence[Sequence[str]], widths_cm: Sequence[float], pt: float
) -> list[float]:
    """`row_height_cm` of every row, worked out a column at a time."""
    if not rows:
        return []
    if not widths_cm:
        return [_height_cm(1, pt)] * len(rows)
    columns = list(zip(*rows, strict=True))
    if len(columns) != len(widths_cm):
        raise ValueError("every row must have one text for each column width")
    per_column = [column_lines(texts, w, pt) for texts, w in zip(columns, widths_cm,
                                                                  strict=True)]
    return [_height_cm(lines, pt) for lines in map(max, *per_column)] if len(per_column) > 1 \
        else [_height_cm(lines, pt) for lines in per_column[0]]


def _sample(rows: Sequence[Sequence[str]]) -> Sequence[Sequence[str]]:
    if len(rows) <= SAMPLE_ROWS:
        return rows
    step = len(rows) / SAMPLE_ROWS
    return [rows[int(i * step)] for i in range(SAMPLE_ROWS)]


def fit_widths(
    headers: Sequence[str], rows: Sequence[Sequence[str]], total_cm: float, pt: float
) -> list[float]:
    """Column widths in cm summing to `total_cm`, from the columns' headers and texts.

    Every column gets at least the width of its longest word (so no word of 14
    characters or fewer breaks) and of its header's longest word. A column of short texts
    (a status, a date: `phrase_cm`) gets the width of its widest short text, so that "Not
    started" and "30 November 2012" stay on one line, the cheapest first, as long as
    together they take no more than PHRASE_SHARE of the width left over; failing that, the
    width that keeps them on two lines ("In Progress / on schedule", not four). The width
    left then goes, a slice at a time, to the column where it saves the most lines over the
    table's rows: in a plan, Action and Progress get the room and Status or Target date
    stay as narrow as their texts.
    """
    n = len(headers)
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in range(n)]
    need = [
        max(longest_word_cm(columns[j], pt), header_word_cm(headers[j], pt))
        + CELL_PADDING_CM + 0.05
        for j in range(n)
    ]
    spare = total_cm - sum(need)
    kept: dict[int, int] = {}  # column -> the lines its short texts are kept on (1 or 2)
    if spare > 0:
        budget = spare * PHRASE_SHARE
        for lines_kept in (1, 2):  # on one line where it can be had, else on two
            whole = [phrase_cm(columns[j], pt, lines_kept) + CELL_PADDING_CM + 0.05
                     if j not in kept else 0.0 for j in range(n)]
            for cost, j in sorted((whole[j] - need[j], j) for j in range(n)):
                if cost <= 0 or cost > budget:
                    continue
                need[j] = whole[j]
                kept[j] = lines_kept
                budget -= cost
                spare -= cost
    if spare <= 0:  # even the longest words do not fit: share the width by need
        return [total_cm * x / sum(need) for x in need]
    widths = list(need)
    sample = _sample(rows)
    # per column, over the sampled rows: the text's width in ems and its line breaks
    ems = [[_text_em(row[j]) * WRAP_WASTE for row in sample] for j in range(n)]
    room_per_cm = PT_PER_CM / pt
    for j, lines_kept in kept.items():  # its short texts' lines are measured, not estimated
        at_most = 0.0 if lines_kept == 1 else lines_kept * (
            (need[j] - CELL_PADDING_CM) * room_per_cm - WORD_SLACK) * 0.999
        limit = PHRASE_CHARACTERS * lines_kept
        ems[j] = [min(e, at_most) if len(row[j]) <= limit and "\n" not in row[j] else e
                  for row, e in zip(sample, ems[j], strict=True)]
    breaks = [[row[j].count("\n") for row in sample] for j in range(n)]
    volume = [sum(column) for column in ems]

    known: dict[tuple[int, float], list[int]] = {}  # a column's widths recur from slice to slice

    def lines(j: int, width: float) -> list[int]:
        """The sampled rows' lines in column j at this width."""
        found = known.get((j, width))
        if found is None:
            room = max((width - CELL_PADDING_CM) * room_per_cm - WORD_SLACK, 1.0)
            found = known[(j, width)] = [max(1, math.ceil(e / room)) + b
                                         for e, b in zip(ems[j], breaks[j], strict=True)]
        return found

    step = spare / STEPS
    left = STEPS
    while left > 0:
        now = [lines(j, widths[j]) for j in range(n)]
        tops = [sorted(row, reverse=True)[:2] + [0] for row in zip(*now, strict=True)]
        firsts = [top[0] for top in tops]
        seconds = [top[1] for top in tops]
        total = sum(firsts)
        best, best_k = max(range(n), key=lambda j: volume[j]), 1
        best_score: tuple[float, float] = (0.0, 0.0)
        for j in range(n):
            # each row's tallest cell if column j were left out
            others = [second if mine == top else top
                      for mine, top, second in zip(now[j], firsts, seconds, strict=True)]
            tallest = [mine == top for mine, top in zip(now[j], firsts, strict=True)]
            for k in LOOKAHEAD:
                if k > left:
                    break
                wider = lines(j, widths[j] + k * step)
                gain = total - sum(map(max, others, wider))
                # Second, the lines it saves where it is (one of) the row's tallest: when
                # two columns are as tall in the same rows (Action and Outcome), widening
                # either alone lowers no row, but widening one and then the other does.
                own = sum(m - w for m, w, t in zip(now[j], wider, tallest, strict=True) if t)
                score = (gain / k, own / k)
                if score > best_score or (
                    score == best_score and score > (0.0, 0.0) and volume[j] > volume[best]
                ):
                    best, best_k, best_score = j, k, score
        widths[best] += best_k * step
        left -= best_k
    return widths


@dataclass(frozen=True)
class TableFit:
    """How one table is to be laid out."""

    widths_cm: list[float]
    cant_split: list[bool]  # per data row: the row surely fits on a page
    keep_together: bool  # a small table: every row kept with the next, none split
    heights_cm: tuple[float, ...] = ()  # per data row: its estimated height
    label: int = 0  # where a designed row's values put the first column's first field


def fit_table(
    rows: Sequence[Sequence[str]], widths_cm: Sequence[float], pt: float, page_cm: float,
    header_characters: int = 0,
) -> TableFit:
    """Which rows may not split and whether the table stays on one page, by estimate."""
    return _fit(rows, rows_height_cm(rows, widths_cm, pt), widths_cm, page_cm,
                header_characters)


def fit_tables(
    rows: Sequence[Sequence[str]], sizes: Sequence[int], widths_cm: Sequence[float],
    pt: float, page_cm: float, header_characters: int = 0,
) -> list[TableFit]:
    """`fit_table` of consecutive tables sharing their widths: `rows` holds every table's
    rows, `sizes` how many each has. The rows' heights are worked out in one go (a plan
    has thousands of small tables)."""
    heights = rows_height_cm(rows, widths_cm, pt)
    fits: list[TableFit] = []
    start = 0
    for size in sizes:
        end = start + size
        fits.append(_fit(rows[start:end], heights[start:end], widths_cm, page_cm,
                         header_characters))
        start = end
    return fits


def _fit(
    rows: Sequence[Sequence[str]], heights: list[float], widths_cm: Sequence[float],
    page_cm: float, header_characters: int,
) -> TableFit:
    cant_split = [h <= page_cm * KEEP_ROW_SHARE for h in heights]
    if heights and heights[0] <= page_cm * KEEP_FIRST_ROW_SHARE:
        cant_split[0] = True
    height = sum(heights) + (heights[0] if heights else 0)  # and the header row
    keep = len(rows) <= KEEP_TABLE_ROWS and (
        sum(map(len, chain.from_iterable(rows))) + header_characters <= KEEP_TABLE_CHARACTERS
    ) and height <= page_cm * KEEP_TABLE_SHARE
    if keep:
        cant_split = [True] * len(rows)
    return TableFit(list(widths_cm), cant_split, keep, tuple(heights))
