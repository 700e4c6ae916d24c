"""The big-sheet pre-filter (issue 19 item 5): rows written in legal XML that a byte scan
could miss (`<is\\n>`, `<v\\t>`, a prefix, a comment) are all read; the formatting-only
rows after the data are still cut fast."""

from __future__ import annotations

import re

from hostile.corpus3 import hostile
from hostile.make_corpus import SHEET1, plain_rows, xlsx_bytes


def _big(rows: int, mangle: bytes = b"", rewrite=None) -> bytes:  # noqa: ANN001
    """Five actions, then formatting-only rows to make the sheet part over 4 MB."""

    def edit(name: str, part: bytes) -> bytes:
        if name != SHEET1:
            return part
        if rewrite is not None:
            part = rewrite(part)
        filler = b"".join(
            b'<row r="%d" s="1" customFormat="1"><c r="A%d" s="1"/><c r="L%d" s="1"/></row>'
            % (n, n, n) for n in range(7, 7 + rows)
        )
        return part.replace(b"</sheetData>", mangle + filler + b"</sheetData>", 1)

    return xlsx_bytes({"Actions": plain_rows(5)}, edit=edit)


def _newline_is(part: bytes) -> bytes:
    # Rows 4 to 6 written with a line break inside the tags: legal XML.
    head, sep, tail = part.partition(b'<row r="4"')
    tail = tail.replace(b"<is>", b"<is\n>").replace(b"<t>", b"<t\n>")
    return head + sep + tail


@hostile(
    name="big-sheet-is-newline.xlsx", verdict="valid", counts={"actions": 5},
    document="plan", texts=("Action number 5", "Action number 4", "Action number 3"),
    about="a 5 MB sheet whose last three actions are written <is\\n> (legal XML; three "
          "of five actions vanished and check said valid)",
)
def _is_newline() -> bytes:
    return _big(60_000, rewrite=_newline_is)


def _prefixed(part: bytes) -> bytes:
    part = part.replace(b'xmlns="http://schemas', b'xmlns:x="http://schemas', 1)
    part = re.sub(rb"<(/?)(?=[A-Za-z])", rb"<\1x:", part)
    return part


@hostile(
    name="big-sheet-prefixed.xlsx", verdict="valid", counts={"actions": 5},
    about="a 5 MB sheet written with a namespace prefix on every element (<x:row>, <x:v>)",
)
def _prefixed_sheet() -> bytes:
    def edit(name: str, part: bytes) -> bytes:
        return _prefixed(part) if name == SHEET1 else part

    raw = _big(60_000)
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, edit(info.filename, src.read(info.filename)),
                         compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


@hostile(
    name="big-sheet-comment.xlsx", verdict="valid", counts={"actions": 5},
    about="a 5 MB sheet with an XML comment among the rows (nothing may be cut by bytes)",
)
def _comment() -> bytes:
    return _big(60_000, mangle=b"<!-- <row r='99'><c><v>1</v></c></row> -->")
