"""A part's fields filled in as docxtpl fills them, for fields written the plain way.

docxtpl prepares a part's XML for Jinja with a series of regular expressions (its
`patch_xml`): fields split over runs are joined, `{%p %}` / `{%tr %}` / `{%r %}` tags take
the place of their paragraph, row or run, `<w:t>` holding a field keeps its spaces,
quotes and `&lt;` inside fields are made Jinja's. For a part whose fields are each whole
inside one piece of text, whose only statement tags are `{%p ... %}` alone in their
paragraph, and which holds no comment tags, whitespace control or cell tags, those steps
come down to the three below (`prepare`), which is all this module does. Any other part
raises frame.Unsupported, and docxtpl fills the template in (tests/test_frame.py compares
the two on every shipped template).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from pipeline.render.frame import Unsupported

_TAG = re.compile(r"<[^>]*>")
_FIELD = re.compile(r"\{\{(.*?)\}\}|\{%(.*?)%\}")
_P_START = re.compile(r"<w:p[ >]")
_EMPTY_FIELD = re.compile(r"\{\{\s*\}\}|\{%\s*%\}")
_ROW_RUN_CELL = re.compile(r"^(?:tr|tc|p|r)\s")  # docxtpl's {{p x}}, {{r x}}, {{tr x}} ...
_OPENERS = ("{{", "{%", "{#")
_CLOSERS = ("}}", "%}", "#}")
_PRESERVE = '<w:t xml:space="preserve">'


def _clean(content: str) -> str:
    """What docxtpl makes of a field's inside: quotes straightened, &lt; &gt; unescaped."""
    return (content.replace("&#8216;", "'").replace("&lt;", "<").replace("&gt;", ">")
            .replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'"))


def _check_text(text: str) -> None:
    """A piece of text between tags: every field whole, plain and simple inside it."""
    rest = text
    for m in _FIELD.finditer(text):
        content = m.group(1) if m.group(1) is not None else m.group(2)
        if any(ch in content for ch in "{}%\n"):
            raise Unsupported("a field holding braces, % or a line break")
        if m.group(1) is not None and _ROW_RUN_CELL.match(content):
            raise Unsupported("a {{p }}, {{r }}, {{tr }} or {{tc }} field")
        if m.group(2) is not None and not content.startswith("p "):
            raise Unsupported("a statement tag that is not {%p ... %}")
        rest = rest.replace(m.group(0), "", 1)
    if "{" in rest or "}" in rest:  # a brace beside a field may join docxtpl's fields
        raise Unsupported("a field not whole in one piece of text, or a brace beside one")


def prepare(xml: str) -> str:
    """The Jinja source docxtpl makes of a part's XML (`xml` as lxml serialises it)."""
    if "-%}" in xml or "{#" in xml or "#}" in xml:
        raise Unsupported("whitespace control or a comment tag")
    if _EMPTY_FIELD.search(xml):  # docxtpl reads past an empty field's end: its way says
        raise Unsupported("an empty field")
    if any(d in tag for tag in _TAG.findall(xml) for d in (*_OPENERS, *_CLOSERS)):
        raise Unsupported("a field inside an attribute")
    texts = [t for t in _TAG.split(xml) if t]
    for text in texts:
        _check_text(text)
    for before, after in zip(texts, texts[1:], strict=False):  # docxtpl would join them
        if (before.endswith("{") and after[0] in "{%#") or (
                before[-1] in "%}#" and after.startswith("}")):
            raise Unsupported("a field split over two pieces of text")
    # 1. a <w:t> with a field after it (before the next <w:t>) keeps its spaces
    segments = xml.split("<w:t>")
    xml = segments[0] + "".join(
        (_PRESERVE if ("{{" in seg or "{%" in seg) else "<w:t>") + seg for seg in segments[1:]
    )
    # 2. a paragraph holding {%p statement %} becomes {% statement %}
    out: list[str] = []
    at = 0
    for m in re.finditer(r"\{%p ([^}%]*)%\}", xml):
        starts = [s.start() for s in _P_START.finditer(xml, at, m.start())]
        end = xml.find("</w:p>", m.end())
        if not starts or end < 0 or _P_START.search(xml, m.end(), end) or (
                xml.find("{%", m.end(), end) >= 0 or xml.find("{{", m.end(), end) >= 0 or
                xml.find("{{", starts[-1], m.start()) >= 0 or
                xml.find("{%", starts[-1], m.start()) >= 0):
            raise Unsupported("a {%p %} tag not alone in a plain paragraph")
        out += [xml[at:starts[-1]], "{% ", m.group(1), "%}"]
        at = end + len("</w:p>")
    out.append(xml[at:])
    xml = "".join(out)
    # 3. inside every field, quotes and &lt; &gt; as Jinja reads them
    return _FIELD.sub(lambda m: m.group(0)[:2] + _clean(m.group(0)[2:-2]) + m.group(0)[-2:],
                      xml)


def render(source: str, context: dict[str, Any], env: Callable[[], Any]) -> str:
    """docxtpl's render_xml_part for a prepared part whose values hold no tab, line break
    or page break (docxtpl would turn those into Word's; here: Unsupported). Plain fields
    are filled in by pipeline.render.framelogic; any others by the sandboxed Jinja
    environment `env()` gives."""
    from pipeline.render.framelogic import NotPlain, fill

    source = re.sub(r"<w:p([ >])", r"\n<w:p\1", source)
    try:
        filled = fill(source, context)
    except NotPlain:
        filled = _jinja(source, context, env())
    filled = re.sub(r"\n<w:p([ >])", r"<w:p\1", filled)
    filled = (filled.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%")
              .replace("%_}", "%}"))
    if any(ch in filled for ch in "\t\n\a\f"):
        raise Unsupported("a tab or line break in a filled-in value")
    return filled


def _jinja(source: str, context: dict[str, Any], env: Any) -> str:
    from pipeline.render.sandbox import budget

    try:
        with budget():
            return str(env.from_string(source).render(context))
    except Exception as exc:  # noqa: BLE001 - docxtpl's path reports it, located
        raise Unsupported(f"the template could not be filled in ({type(exc).__name__})") \
            from exc


def fill_part(xml: str, context: dict[str, Any], env: Callable[[], Any]) -> str:
    """A part's XML with its fields filled in, as docxtpl would give it."""
    return render(prepare(xml), context, env)


def fill_core(text: str, context: dict[str, Any]) -> str:
    """A core property as docxtpl fills it in: plain text comes out as it is."""
    if "{" in text or "\r" in text or text.endswith("\n") or len(text) > 255:
        raise Unsupported("a core property docxtpl would change")
    return text


__all__ = ["fill_core", "fill_part", "prepare", "render"]
