"""The body of a written document.xml read from its bytes, without building a tree.

`read_body` (pipeline.render.readback) used to parse the whole document.xml into lxml
elements to count the rows of each table: about a second for a 10,000-action plan. Here
the bytes are first checked to be well-formed XML by libxml2 without building anything
(a parser whose target keeps nothing), then scanned for the start and end tags of the
body's paragraphs, tables and rows: each top-level table's rows are counted in the bytes
(a row continuing the row above, pipeline.render.row_split, is not counted again),
and only the body's own paragraphs and each table's header row, a small part of the
document, are parsed with lxml for their exact text and style.

The scan is exact for XML as Word and lxml write it: `<` never appears inside text or an
attribute value, so every `<w:tr ...>` found is a real tag. It gives up (returns None, and
the caller parses the whole document as before) when it cannot be sure: a main namespace
not bound to the prefix w once at the root, comments, CDATA or processing instructions in
the document, or paragraphs and tables held inside another element at the body's level
(a content control, tracked changes).
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.render.row_split import CONTINUED_MARK

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W_DECL = f'xmlns:w="{W_NS}"'.encode()
_W_URI = W_NS.encode()
_ATTRS = rb"""(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*"""
_TOKEN = re.compile(rb"<(/?)w:(p|tbl|tr|body)(?=[\s/>])" + _ATTRS + rb"\s*(/?)>")
_BODY_TOKEN = re.compile(rb"<(/?)w:(p|tbl|body)(?=[\s/>])" + _ATTRS + rb"\s*(/?)>")
_TABLE_TOKEN = re.compile(rb"<(/?)w:(tbl|tr)(?=[\s/>])" + _ATTRS + rb"\s*(/?)>")
_P_TOKEN = re.compile(rb"<(/?)w:p(?=[\s/>])" + _ATTRS + rb"\s*(/)?>")
# a row's or a nested table's start tag, or the mark of a row continuing the row above
_TABLE_PART = re.compile(rb"<w:t(?:r|bl)(?=[\s/>])|" + re.escape(CONTINUED_MARK))
_TR_START = re.compile(rb"<w:tr(?=[\s/>])")
_ROOT = re.compile(rb"<w:document(?=[\s/>])" + _ATTRS + rb"\s*>")
_DECL = re.compile(rb"""xmlns(?::[^\s=]+)?\s*=\s*(?:"[^"]*"|'[^']*')""")


class _Nothing:
    """A parser target that keeps nothing: libxml2 only checks the XML is well-formed."""

    def close(self) -> None:
        return None


def check_well_formed(xml: bytes) -> None:
    """Raise lxml's XMLSyntaxError if `xml` is not well-formed; build nothing."""
    from lxml import etree

    parser = etree.XMLParser(target=_Nothing(), resolve_entities=False, no_network=True,
                             load_dtd=False, huge_tree=True)
    etree.fromstring(xml, parser)


def _balanced(gap: bytes) -> bool:
    """Whether markup between two body-level items opens nothing it does not close."""
    starts = gap.count(b"<") - gap.count(b"</")
    return starts == gap.count(b"</") + gap.count(b"/>")


# after the prolog, "<!" can only open a comment or CDATA (or a misplaced DOCTYPE, refused)
_UNSURE = (b"<w:sdt", b"<w:customXml")


def _opens(xml: bytes, second: bytes, start: int) -> bool:
    """Whether "<" followed by the byte `second` ("!" or "?") occurs from `start`. Found by
    looking for that byte, rare in a document, then at the byte before it: a two-byte
    search stops at every tag's "<" and takes twenty times as long."""
    at = xml.find(second, start)
    while at >= 0:
        if at and xml[at - 1] == 0x3C:  # "<"
            return True
        at = xml.find(second, at + 1)
    return False


def _plain(xml: bytes, prolog_end: int) -> bool:
    """No comments, CDATA, processing instructions or content controls after the prolog."""
    return not (_opens(xml, b"!", prolog_end) or _opens(xml, b"?", prolog_end)
                or any(xml.find(marker, prolog_end) >= 0 for marker in _UNSURE))


class _Scan:
    """Top-level paragraphs (as byte spans) and tables (header span, row count), in order."""

    def __init__(self) -> None:
        self.order: list[tuple[str, int]] = []  # ("p", index in paragraphs) / ("tbl", ...)
        self.paragraphs: list[bytes] = []
        self.headers: list[bytes] = []
        self.rows: list[int] = []


def _table(xml: bytes, start: int) -> tuple[bytes, int, int] | None:
    """(header row span, data rows, end) of the table whose start tag ends at `start`.

    A table with no table inside it ends at the next </w:tbl>, and its rows are its <w:tr>
    tags, counted in the bytes; a table holding a table is walked tag by tag.
    """
    end = xml.find(b"</w:tbl>", start)
    if end < 0:
        return None
    # One pass over the table finds its rows and any table inside it: as Word and this
    # pipeline write XML, "<" never appears in text or an attribute value, so every match
    # is a real start tag (w:trPr, w:tblPr and the like do not match). One regular
    # expression costs less than the three byte counts and the search it replaces.
    parts = _TABLE_PART.findall(xml, start, end)
    if b"<w:tbl" in parts:
        return _nested_table(xml, start)
    rows = len(parts) - 2 * parts.count(CONTINUED_MARK)  # a continuation is no new row
    if not rows:
        return b"", 0, end + len(b"</w:tbl>")
    first_row = _TR_START.search(xml, start, end)
    head = _TOKEN.match(xml, first_row.start()) if first_row is not None else None
    if head is None:
        return None
    if head.group(3):  # <w:tr/>
        header = head.group(0)
    else:
        close = xml.find(b"</w:tr>", head.end(), end)
        if close < 0:
            return None
        header = xml[head.start():close + len(b"</w:tr>")]
    return header, rows - 1, end + len(b"</w:tbl>")


def _nested_table(xml: bytes, start: int) -> tuple[bytes, int, int] | None:
    depth, row, header, tr_start = 1, 0, b"", 0
    for m in _TABLE_TOKEN.finditer(xml, start):
        closing, tag, empty = m.group(1), m.group(2), m.group(3)
        if tag == b"tbl":
            if not empty:
                depth += -1 if closing else 1
            if depth == 0:
                return header, max(0, row - 1), m.end()
        elif depth == 1:
            if not closing and not empty:
                tr_start = m.start()
                continue
            if row == 0:
                header = m.group(0) if empty else xml[tr_start:m.end()]
            row += 1
    return None


def _paragraph_end(xml: bytes, start: int) -> int | None:
    """Where the body paragraph whose start tag ends at `start` ends (text boxes nest)."""
    depth = 1
    for m in _P_TOKEN.finditer(xml, start):
        if m.group(2):  # <w:p/>
            continue
        depth += -1 if m.group(1) else 1
        if depth == 0:
            return m.end()
    return None


def _scan(xml: bytes, start: int) -> _Scan | None:
    scan = _Scan()
    body = _BODY_TOKEN.search(xml, start)
    if body is None or body.group(1) or body.group(2) != b"body" or body.group(3):
        return None
    pos = gap_from = body.end()
    while True:
        m = _BODY_TOKEN.search(xml, pos)
        if m is None or not _balanced(xml[gap_from:m.start()]):
            return None
        closing, tag, empty = m.group(1), m.group(2), m.group(3)
        if tag == b"body":
            return scan if closing else None
        if closing:
            return None
        if tag == b"p":
            end = m.end() if empty else _paragraph_end(xml, m.end())
            if end is None:
                return None
            scan.order.append(("p", len(scan.paragraphs)))
            scan.paragraphs.append(xml[m.start():end])
        elif empty:  # <w:tbl/>
            end = m.end()
            scan.order.append(("tbl", len(scan.headers)))
            scan.headers.append(b"")
            scan.rows.append(0)
        else:
            table = _table(xml, m.end())
            if table is None:
                return None
            header, rows, end = table
            scan.order.append(("tbl", len(scan.headers)))
            scan.headers.append(header)
            scan.rows.append(rows)
        pos = gap_from = end


def _parse_all(spans: list[bytes], decls: list[bytes]) -> list[Any]:
    """The spans as lxml elements, parsed in one go inside a root declaring the prefixes."""
    from lxml import etree

    if not spans:
        return []
    wrapper = b"<w:spans " + b" ".join(decls) + b">" + b"".join(spans) + b"</w:spans>"
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=True)
    return list(etree.fromstring(wrapper, parser))


def _only_w(xml: bytes, root: re.Match[bytes]) -> bool:
    """Whether w is the one prefix of the main namespace, declared once, at the root. With
    no namespace declared after the root tag (as this pipeline writes a body), one search
    settles it; otherwise the whole document is counted."""
    tag = root.group(0)
    if _W_DECL not in tag or tag.count(b"xmlns:w=") != 1 or tag.count(_W_URI) != 1:
        return False
    if xml.find(b"xmlns", root.end()) < 0 and xml.find(b"xmlns", 0, root.start()) < 0:
        return True
    return xml.count(b"xmlns:w=") == 1 and xml.count(_W_URI) == 1


def scan_body(xml: bytes, styles: dict[str, str]) -> list[Any] | None:
    """The body's paragraphs and tables as `read_body` gives them, or None if unsure."""
    from pipeline.render.readback import BodyParagraph, BodyTable, paragraph_text

    root = _ROOT.search(xml)
    if root is None or not _only_w(xml, root):
        return None
    if not _plain(xml, root.start()):
        return None
    check_well_formed(xml)
    scan = _scan(xml, root.end())
    if scan is None:
        return None
    decls = _DECL.findall(root.group(0))
    paragraphs = _parse_all(scan.paragraphs, decls)
    distinct = list(dict.fromkeys(h for h in scan.headers if h))  # tables share headers
    w = f"{{{W_NS}}}"
    p_tag, tc_tag, pstyle_path = f"{w}p", f"{w}tc", f"{w}pPr/{w}pStyle"
    headers: dict[bytes, list[str]] = {
        span: ["\n".join(paragraph_text(p) for p in tc.iter(p_tag))
               for tc in tr.iterchildren(tc_tag)]
        for span, tr in zip(distinct, _parse_all(distinct, decls), strict=True)
    }
    out: list[Any] = []
    for kind, k in scan.order:
        if kind == "p":
            p = paragraphs[k]
            style_el = p.find(pstyle_path)
            style_id = style_el.get(f"{w}val") if style_el is not None else None
            style = styles.get(style_id, style_id) if style_id else "Normal"
            out.append(BodyParagraph(style=style, text=paragraph_text(p)))
        else:
            span = scan.headers[k]
            header = list(headers[span]) if span else []
            out.append(BodyTable(header=header, row_count=scan.rows[k]))
    return out
