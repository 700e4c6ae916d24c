"""What a clerk would have to fix on the pages of a document, as plain sentences.

Each check takes the document's items (from the .docx) and its pages (from the PDF)
and returns a list of problems; an empty list means the pages are fit to circulate.
"""

from __future__ import annotations

from pages import Item, Page, find_on_pages, footer_top, header_bottom, is_chrome, lines, squash

SMALL_TABLE_ROWS = 15  # data rows: a table this small is never split over pages
SHORT_WORD = 16  # words of this many characters or fewer are never broken over lines
SMALL_TABLE_CHARACTERS = 800  # ... and holding no more text than this


def cells(items: list[Item]) -> list[str]:
    return [text for it in items if it.kind == "table" for row in it.rows for text in row]


def missing_text(items: list[Item], pages: list[Page]) -> list[str]:
    """Every cell, heading and paragraph is drawn somewhere on the pages."""
    texts = cells(items) + [it.text for it in items if it.kind in ("heading", "paragraph")]
    return [f"not on any page: {t[:80]!r}" for t in texts if squash(t) and
            not find_on_pages(pages, t)]


def hidden_text(pages: list[Page], chrome: set[str]) -> list[str]:
    """No text of the body is drawn over or under the running footer, or below the page."""
    problems: list[str] = []
    for page in pages:
        top = footer_top(page, chrome)
        for y, line in lines(page):
            if is_chrome(line, chrome) and y >= top:
                continue
            if max((wd.y0 + wd.y1) / 2 for wd in line) > top:  # boxes overlap a little
                text = " ".join(wd.text for wd in line)
                problems.append(f"page {page.number}: {text[:60]!r} drawn under the footer")
    return problems


def _overlap(a: object, b: object, slack: float = 1.0) -> bool:
    return (a.x0 + slack < b.x1 and b.x0 + slack < a.x1  # type: ignore[attr-defined]
            and a.y0 + slack < b.y1 and b.y0 + slack < a.y1)  # type: ignore[attr-defined]


def body_flat(page: Page, chrome: set[str]) -> str:
    """The page's text without its running header and footer lines."""
    top, bottom = header_bottom(page, chrome), footer_top(page, chrome)
    body = [wd.text for y, line in lines(page) if top <= y < bottom
            and not is_chrome(line, chrome) for wd in line]
    return squash("".join(body))


def headings_only_pages(items: list[Item], pages: list[Page], chrome: set[str]) -> list[str]:
    """No page holds nothing but headings (and table header rows)."""
    chrome = [squash(it.text) for it in items if it.kind == "heading"]
    chrome += [squash(t) for it in items if it.kind == "table" for t in it.rows[0]]
    chrome = sorted({c for c in chrome if c}, key=len, reverse=True)
    problems: list[str] = []
    for page in pages:
        rest = body_flat(page, chrome)
        if not rest or page.pictures:
            continue
        for c in chrome:
            rest = rest.replace(c, "")
        if not rest:
            problems.append(f"page {page.number} holds only headings")
    return problems


def _heading_before(items: list[Item], index: int) -> Item | None:
    for it in reversed(items[:index]):
        if it.kind == "heading":
            return it
    return None


def _introduction(items: list[Item], index: int) -> Item | None:
    """The heading a table sits under: directly above it, or above its lead-in sentence."""
    before = items[index - 1] if index else None
    if before is not None and before.kind == "paragraph" and before.text.rstrip().endswith(":"):
        before = items[index - 2] if index > 1 else None
    return before if before is not None and before.kind == "heading" else None


def split_small_tables(items: list[Item], pages: list[Page]) -> list[str]:
    """A table of up to 15 rows is drawn on one page, with the heading above it (directly
    above, or above its lead-in sentence)."""
    problems: list[str] = []
    for i, it in enumerate(items):
        if it.kind != "table" or len(it.rows) - 1 > SMALL_TABLE_ROWS:
            continue
        if sum(len(t) for row in it.rows for t in row) > SMALL_TABLE_CHARACTERS:
            continue
        whole = squash("".join("".join(row) for row in it.rows))
        on = [p.number for p in pages if whole in p.flat]
        label = " | ".join(it.rows[0])[:60]
        if not on:
            first = find_on_pages(pages, "".join(it.rows[1]))
            last = find_on_pages(pages, "".join(it.rows[-1]))
            problems.append(f"table [{label}] split over pages {first} to {last}")
            continue
        heading = _introduction(items, i)
        if heading and not any(squash(heading.text) in pages[n - 1].flat for n in on):
            problems.append(f"table [{label}] on page {on} parted from its heading "
                            f"{heading.text[:50]!r} (page {find_on_pages(pages, heading.text)})")
    return problems


def split_rows(items: list[Item], pages: list[Page]) -> list[str]:
    """A row of a table is drawn on one page: its longest cell is not run over two pages
    (a row that splits leaves its status cell's colour, without the words, on the next
    page). Only a row taller than the most a page keeps whole may split."""
    problems: list[str] = []
    for it in items:
        if it.kind != "table":
            continue
        for row in it.rows[1:]:
            longest = max(row, key=len, default="")
            flat = squash(longest)
            if not flat or any(flat in p.flat for p in pages):
                continue
            on = find_on_pages(pages, longest)
            if len(on) > 1:
                problems.append(f"row [{' | '.join(t[:20] for t in row[:2])}] split over "
                                f"pages {on}")
    return problems


def charts_apart(items: list[Item], pages: list[Page]) -> list[str]:
    """Each chart is on the page of its heading and of the figures above it, and no
    chart is drawn over any text."""
    problems: list[str] = []
    drawn = [(p.number, pic) for p in pages for pic in p.pictures]
    charts = [i for i, it in enumerate(items) if it.kind == "image"]
    if len(drawn) != len(charts):
        return [f"{len(charts)} charts in the document but {len(drawn)} on the pages"]
    for (page_no, pic), index in zip(drawn, charts, strict=True):
        page = pages[page_no - 1]
        heading = _heading_before(items, index)
        if heading and squash(heading.text) not in page.flat:
            problems.append(f"the chart on page {page_no} is parted from its heading "
                            f"{heading.text[:50]!r}")
        tables = [it for it in items[:index] if it.kind == "table"]
        if tables and _heading_before(items, items.index(tables[-1]) + 1) is heading:
            figures = squash("".join(tables[-1].rows[-1]))
            if figures not in page.flat:
                problems.append(f"the chart on page {page_no} is parted from its figures")
        for wd in page.words:
            if _overlap(pic, wd):
                problems.append(f"the chart on page {page_no} is drawn over {wd.text!r}")
    return problems


def broken_words(items: list[Item], pages: list[Page]) -> list[str]:
    """No word of 16 characters or fewer is broken over two lines, nor any word of a table's
    header row however long ('Recommendations')."""
    vocabulary = {word for it in items for text in ([it.text] + cells([it]))
                  for word in text.split()}
    headers = {word for it in items if it.kind == "table" and it.rows
               for text in it.rows[0] for word in text.split()}
    problems: list[str] = []
    for page in pages:
        tokens = page.text.split()
        for a, b in zip(tokens, tokens[1:], strict=False):
            joined = a + b
            if a.endswith(("-", "–", "/")):
                continue  # a line may end at a hyphen or a slash
            short = len(joined) <= SHORT_WORD and a not in vocabulary
            # a header word: 'Recommendation' is a word of its own, 's' is not
            header = joined in headers and not (a in vocabulary and b in vocabulary)
            if joined in vocabulary and (short or header):
                problems.append(f"page {page.number}: {joined!r} broken as {a!r} / {b!r}")
    return problems


def all_problems(
    items: list[Item], pages: list[Page], chrome: set[str]
) -> dict[str, list[str]]:
    return {
        "missing text": missing_text(items, pages),
        "hidden text": hidden_text(pages, chrome),
        "headings-only pages": headings_only_pages(items, pages, chrome),
        "small tables split": split_small_tables(items, pages),
        "split rows": split_rows(items, pages),
        "charts": charts_apart(items, pages),
        "broken words": broken_words(items, pages),
    }
