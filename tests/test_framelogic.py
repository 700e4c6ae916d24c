"""framelogic fills in the plain fields exactly as the sandboxed Jinja environment does.

Random templates of names, tests, and/or/not, conditional expressions and if / elif /
else blocks -- with some of what framelogic leaves to Jinja mixed in -- and random
contexts (names missing, empty, holding & < > and quotes): wherever framelogic fills a
template in, Jinja gives the same text; wherever Jinja refuses it, so does framelogic.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.render.framelogic import NotPlain, fill
from pipeline.render.sandbox import template_env

NAMES = ["title", "banner", "organisation", "as_at"]
VALUES = st.sampled_from(["", "Plan", "Tom & Jerry", "<b>", "\"q\" 'r'", "False", "0"])
ODD = ["a.b", "1", "title|upper", "title is string", "'x'", "title ~ banner", "range",
       "true", "", "(title", "title)", "not", "title if banner", "title is not"]


def expressions(depth: int = 2) -> st.SearchStrategy[str]:
    name = st.sampled_from(NAMES)
    if depth == 0:
        return name | name.map(lambda n: f"{n} is defined") | name.map(
            lambda n: f"{n} is not defined")
    sub = expressions(depth - 1)
    return st.one_of(
        sub,
        st.tuples(sub, sub).map(lambda p: f"{p[0]} and {p[1]}"),
        st.tuples(sub, sub).map(lambda p: f"{p[0]} or {p[1]}"),
        sub.map(lambda e: f"not {e}"),
        sub.map(lambda e: f"({e})"),
        st.tuples(sub, sub, sub).map(lambda p: f"{p[0]} if {p[1]} else {p[2]}"),
    )


def fields() -> st.SearchStrategy[str]:
    """Mostly plain expressions, now and then one framelogic leaves to Jinja."""
    return st.one_of(expressions(), expressions(), expressions(), st.sampled_from(ODD))


DATA = st.sampled_from(["<w:p>", "text & more", "}}", "%}", "\n", "\r\n", "\u2028", " "])


def block(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.tuples(fields(), inner, st.none() | st.tuples(fields(), inner),
                     st.none() | inner).map(
        lambda p: "{% if " + p[0] + " %}" + p[1]
        + ("" if p[2] is None else "{% elif " + p[2][0] + " %}" + p[2][1])
        + ("" if p[3] is None else "{% else %}" + p[3]) + "{% endif %}")


ODD_TAGS = st.sampled_from(["{% else %}", "{% endif %}", "{% for x in y %}", "{{- title }}",
                            "{% if title -%}"])


def templates() -> st.SearchStrategy[str]:
    field = fields().map(lambda e: "{{ " + e + " }}")
    flat = st.lists(DATA | field, max_size=3).map("".join)
    nested = st.lists(st.one_of(DATA, field, block(flat)), max_size=3).map("".join)
    blocks = st.lists(block(nested) | block(flat), min_size=1, max_size=3).map("".join)
    mixed = st.lists(st.one_of(block(nested), block(flat), DATA, field, ODD_TAGS),
                     min_size=1, max_size=4).map("".join)
    return blocks | mixed


@settings(max_examples=600, deadline=None)
@given(templates(), st.dictionaries(st.sampled_from(NAMES), VALUES, min_size=2))
def test_plain_fields_are_filled_in_as_jinja_fills_them(source: str, context: dict) -> None:
    try:
        jinja = template_env().from_string(source).render(context)
    except Exception:  # noqa: BLE001 - whatever Jinja refuses
        jinja = None
    try:
        ours = fill(source, context)
    except NotPlain:
        return
    assert ours == jinja


def test_the_shipped_frames_fields_are_plain() -> None:
    source = ("{% if organisation is defined and organisation %}<w:p>{{ organisation }}</w:p>"
              "{% endif %}<w:p>{{ banner if banner is defined and banner else title }}</w:p>")
    assert fill(source, {"title": "A & B", "organisation": ""}) == "<w:p>A &amp; B</w:p>"
    assert fill(source, {"title": "T", "organisation": "O", "banner": "<B>"}) == (
        "<w:p>O</w:p><w:p>&lt;B&gt;</w:p>")
