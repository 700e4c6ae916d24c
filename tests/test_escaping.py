"""The renderer's own XML escaping is exactly the standard library's (xml.sax.saxutils).

It stays hand-written because it is faster where it matters, measured on this machine
(CPython 3.11): a cell's plain text 0.13 us against saxutils.escape's 0.28 us, an attribute
0.32 us against 0.59 us; the same or slower for text holding & < >. A 10,000-row plan
escapes some 100,000 texts."""

from __future__ import annotations

from xml.sax.saxutils import escape

from hypothesis import given
from hypothesis import strategies as st

from pipeline.render.textblocks import _attr, _escape

ATTRIBUTE = {'"': "&quot;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"}


@given(st.text())
def test_text_is_escaped_as_saxutils_escapes_it(text: str) -> None:
    assert _escape(text) == escape(text)


@given(st.text())
def test_attributes_are_escaped_as_saxutils_escapes_them(text: str) -> None:
    assert _attr(text) == escape(text, ATTRIBUTE)
