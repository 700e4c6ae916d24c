"""Reading the pages of a document as a clerk would see them in print.

A written .docx is converted to PDF by LibreOffice (one soffice run for many documents),
then read back with poppler: `pdftotext -raw` gives each page's text in the order it is
drawn (one table cell after another), `pdftotext -bbox` where every word sits, and
`pdftohtml -xml` where every picture sits. The expected content (headings, paragraphs,
every table cell, pictures) is read from the .docx itself.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_WS = re.compile(r"\s+")


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def squash(text: str) -> str:
    """Text without any white space: line wrapping cannot change it."""
    return _WS.sub("", text)


# --- what the document holds --------------------------------------------------------------


@dataclass
class Item:
    kind: str  # "heading", "paragraph", "table", "image"
    text: str = ""
    level: int = 0
    rows: list[list[str]] = field(default_factory=list)  # table: header row first


def _text(el: etree._Element) -> str:
    parts: list[str] = []
    for node in el.iter(w("p"), w("t"), w("br"), w("tab")):
        if node.tag == w("t"):
            parts.append(node.text or "")
        elif node.tag != w("p") or parts:  # a new paragraph of a cell starts a new word
            parts.append(" ")
    return "".join(parts)


def _style_names(z: zipfile.ZipFile) -> dict[str, str]:
    root = etree.fromstring(z.read("word/styles.xml"))
    names: dict[str, str] = {}
    for style in root.iterchildren(w("style")):
        name = style.find(w("name"))
        if name is not None:
            names[style.get(w("styleId"))] = (name.get(w("val")) or "").lower()
    return names


def read_items(docx: Path) -> list[Item]:
    """The body of a .docx in order: headings, paragraphs, tables (cell texts), images."""
    with zipfile.ZipFile(docx) as z:
        names = _style_names(z)
        body = etree.fromstring(z.read("word/document.xml")).find(w("body"))
    items: list[Item] = []
    for el in body:
        if el.tag == w("tbl"):
            rows = [[_text(tc) for tc in tr.iterchildren(w("tc"))] for tr in el.iter(w("tr"))]
            items.append(Item("table", rows=rows))
        elif el.tag == w("p"):
            if el.find(f".//{w('drawing')}") is not None:
                items.append(Item("image"))
                continue
            style = el.find(f"{w('pPr')}/{w('pStyle')}")
            name = names.get(style.get(w("val")), "") if style is not None else ""
            text = _text(el)
            if name.startswith("heading "):
                items.append(Item("heading", text, level=int(name.split()[1])))
            elif text.strip():
                items.append(Item("paragraph", text))
    return items


# --- the pages ------------------------------------------------------------------------------


@dataclass
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass
class Picture:
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass
class Page:
    number: int
    height: float
    text: str  # the page's text in drawing order (pdftotext -raw)
    words: list[Word]
    pictures: list[Picture]

    @property
    def flat(self) -> str:
        return squash(self.text)


def convert(docs: list[Path], out_dir: Path, profile: Path) -> dict[Path, Path]:
    """PDFs of `docs` in `out_dir`, made by ONE soffice process with its own profile."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) is needed to read the pages"
    out_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [soffice, "--headless", "--norestore", "--nologo", "--nodefault",
         f"-env:UserInstallation={profile.resolve().as_uri()}",
         "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, docs)],
        check=True, capture_output=True, timeout=600,
    )
    made = {doc: out_dir / f"{doc.stem}.pdf" for doc in docs}
    for doc, pdf in made.items():
        assert pdf.is_file(), f"LibreOffice made no PDF of {doc.name}"
    return made


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def read_pages(pdf: Path) -> list[Page]:
    raw = _run("pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-").split("\f")
    bbox = etree.fromstring(
        _run("pdftotext", "-bbox", "-enc", "UTF-8", str(pdf), "-").encode(),
        etree.XMLParser(recover=True),
    )
    pages: list[Page] = []
    for n, page in enumerate(bbox.iter("{*}page")):
        words = [
            Word(el.text or "", *(float(el.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")))
            for el in page.iter("{*}word")
        ]
        pages.append(Page(n + 1, float(page.get("height")), raw[n] if n < len(raw) else "",
                          words, []))
    xml_base = pdf.with_suffix("")
    _run("pdftohtml", "-xml", "-q", "-nodrm", str(pdf), str(xml_base))
    images = etree.parse(str(xml_base) + ".xml", etree.XMLParser(recover=True))
    for el in images.iter("page"):
        page = pages[int(el.get("number")) - 1]
        scale = page.height / float(el.get("height"))
        for img in el.iter("image"):
            top, left = float(img.get("top")) * scale, float(img.get("left")) * scale
            page.pictures.append(Picture(left, top, left + float(img.get("width")) * scale,
                                         top + float(img.get("height")) * scale))
    return pages


# --- where things are -----------------------------------------------------------------------


_CHROME = re.compile(r"^(.*Page\d+of\d+|Generated.*)$")


def lines(page: Page) -> list[tuple[float, list[Word]]]:
    """The page's words grouped into lines by where they sit (top to bottom)."""
    grouped: dict[int, list[Word]] = {}
    for wd in page.words:
        grouped.setdefault(round(wd.y0), []).append(wd)
    return [(float(y), grouped[y]) for y in sorted(grouped)]


def is_chrome(line: list[Word], chrome: set[str]) -> bool:
    """A line of the running header or footer: the page number, "Generated ...", or one
    of the document's own header and footer lines (title, marking)."""
    text = squash("".join(wd.text for wd in line))
    if _CHROME.match(text) or text in chrome:
        return True
    # One line of a header or footer line that wraps (a long title).
    return len(text) >= 8 and any(c.startswith(text) or c.endswith(text) for c in chrome)


def footer_top(page: Page, chrome: set[str]) -> float:
    """The top of the running footer: its first line in the bottom quarter of the page."""
    found = [y for y, line in lines(page) if y > page.height * 0.75 and is_chrome(line, chrome)]
    assert found, f"page {page.number} has no footer"
    return min(found)


def header_bottom(page: Page, chrome: set[str]) -> float:
    found = [max(wd.y1 for wd in line) for y, line in lines(page)
             if y < page.height * 0.2 and is_chrome(line, chrome)]
    return max(found, default=0.0)


def _longest_prefix(words: list[str], flat: str) -> int:
    """How many of `words` from the start are drawn together on a page (binary search:
    if a prefix is on the page, so is every shorter one)."""
    low, high = 0, len(words)
    while low < high:
        mid = (low + high + 1) // 2
        if squash("".join(words[:mid])) in flat:
            low = mid
        else:
            high = mid - 1
    return low


def find_on_pages(pages: list[Page], text: str) -> list[int]:
    """Page numbers whose drawn text holds `text` (white space ignored); a text broken
    over consecutive pages at words gives every page it runs over."""
    flat = squash(text)
    if not flat:
        return []
    whole = [p.number for p in pages if flat in p.flat]
    if whole:
        return whole
    words = text.split()
    for i in range(len(pages) - 1):
        done, on = _longest_prefix(words, pages[i].flat), [pages[i].number]
        if not done:
            continue
        for page in pages[i + 1:]:
            rest = words[done:]
            if squash("".join(rest)) in page.flat:
                return [*on, page.number]
            more = _longest_prefix(rest, page.flat)
            if not more:
                break
            done += more
            on.append(page.number)
    return []


def chrome_texts(docx: Path) -> set[str]:
    """The lines of the document's running headers and footers (white space removed)."""
    found: set[str] = set()
    with zipfile.ZipFile(docx) as z:
        for name in z.namelist():
            if re.fullmatch(r"word/(header|footer)\d*\.xml", name):
                root = etree.fromstring(z.read(name))
                for p in root.iter(w("p")):
                    text = squash(_text(p))
                    if text and "{" not in text:
                        found.add(text)
    return found
