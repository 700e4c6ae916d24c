"""The few Jinja fields a template frame uses, filled in without importing Jinja.

A frame's fields are names and simple tests: `{{ title }}`, `{{ banner if banner is
defined and banner else title }}`, `{% if organisation is defined and organisation %}`
... `{% else %}` ... `{% endif %}`. This module fills in exactly that much of Jinja --
names, `is defined` / `is not defined`, `and`, `or`, `not`, parentheses, `a if b else c`,
if / elif / else / endif -- with Jinja's own meaning (autoescaping on, a name not given
an error), on text values. Anything more, or anything Jinja would refuse, and `fill`
raises NotPlain: the sandboxed Jinja environment fills the part in instead, with its
limits and its located errors. tests/test_frame.py compares the two on random templates.
"""

from __future__ import annotations

import re
from typing import Any

_TOKEN = re.compile(r"\s*(?:([A-Za-z_][A-Za-z0-9_]*)|(\(|\)))")
_KEYWORDS = {"and", "or", "not", "if", "else", "is", "defined"}
# names Jinja would not take from the context: its constants, tests and globals
_NOT_NAMES = {"true", "false", "none", "True", "False", "None", "range", "lipsum", "dict",
              "cycler", "joiner", "namespace", "loop", "self", "varargs", "kwargs", "caller"}
_FIELD = re.compile(r"\{\{(.*?)\}\}|\{%(.*?)%\}", re.S)
_NEWLINE = re.compile(r"(\r\n|\r|\n)")


class NotPlain(Exception):
    """Jinja must fill this in (more than the plain fields, or an error to report)."""


class _Undefined:
    pass


UNDEFINED = _Undefined()


def _truth(value: Any) -> bool:
    if value is UNDEFINED:
        raise NotPlain("an undefined name used as true or false")
    return bool(value)


class _Expression:
    """A recursive-descent reading of the expression, evaluated as it is read."""

    def __init__(self, text: str, context: dict[str, Any]) -> None:
        self.tokens: list[str] = []
        at = 0
        text = text.rstrip()
        while at < len(text):
            m = _TOKEN.match(text, at)
            if m is None:
                raise NotPlain(f"more than names in {text!r}")
            self.tokens.append(m.group(1) or m.group(2))
            at = m.end()
        self.context = context
        self.at = 0

    def peek(self) -> str | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self, expected: str | None = None) -> str:
        token = self.peek()
        if token is None or (expected is not None and token != expected):
            raise NotPlain("an expression Jinja would read otherwise")
        self.at += 1
        return token

    def value(self, conditional: bool = True) -> Any:
        # an {% if %} or {% elif %} test may hold `a if b else c` only in parentheses
        result = self.conditional() if conditional else self.either()
        if self.peek() is not None:
            raise NotPlain("more after the expression")
        return result

    def conditional(self) -> Any:
        # Jinja evaluates `a if b else c` lazily; reading all three first is the same as
        # long as reading never fails where Jinja would not look (names read, never used).
        result = self.either()
        while self.peek() == "if":
            self.take("if")
            test = self.either()
            self.take("else")
            other = self.conditional()
            result = result if _truth(test) else other
        return result

    def either(self) -> Any:
        result = self.both()
        while self.peek() == "or":
            self.take("or")
            other = self.both()
            result = result if _truth(result) else other
        return result

    def both(self) -> Any:
        result = self.negation()
        while self.peek() == "and":
            self.take("and")
            other = self.negation()
            result = other if _truth(result) else result
        return result

    def negation(self) -> Any:
        if self.peek() == "not":
            self.take("not")
            return not _truth(self.negation())
        return self.test()

    def test(self) -> Any:
        value = self.atom()
        if self.peek() == "is":
            self.take("is")
            negated = self.peek() == "not"
            if negated:
                self.take("not")
            self.take("defined")
            after = self.peek()
            if after is not None and after not in ("else", "or", "and", ")"):
                raise NotPlain("a test given an argument")  # Jinja's `x is divisibleby 3`
            defined = value is not UNDEFINED
            return not defined if negated else defined
        return value

    def atom(self) -> Any:
        token = self.take()
        if token == "(":
            value = self.conditional()
            self.take(")")
            return value
        if token in _KEYWORDS or token in _NOT_NAMES or token == ")":
            raise NotPlain(f"{token!r} where a name should be")
        if token not in self.context:
            return UNDEFINED
        value = self.context[token]
        if type(value) is not str:  # noqa: E721 - Markup and the like Jinja prints its own way
            raise NotPlain(f"{token} is not plain text")
        return value


class _Anything(dict):  # type: ignore[type-arg]
    """Every name given, as text: an expression Jinja reads but does not evaluate (in a
    branch not taken) is still read, so that what Jinja refuses is refused."""

    def __contains__(self, key: object) -> bool:
        return True

    def __getitem__(self, key: object) -> str:
        return "text"


_ANYTHING = _Anything()


def evaluate(text: str, context: dict[str, Any], conditional: bool = True) -> Any:
    if text.startswith(("-", "+")) or text.rstrip().endswith(("-", "+")):
        raise NotPlain("whitespace control")
    return _Expression(text, context).value(conditional)


def _read(text: str, conditional: bool = True) -> None:
    """Read an expression Jinja does not evaluate here, as Jinja still parses it."""
    evaluate(text, _ANYTHING, conditional)


def _escape(value: Any) -> str:
    """What Jinja prints for a value with autoescaping on (markupsafe's escape)."""
    if value is UNDEFINED:
        raise NotPlain("an undefined name printed")
    text = str(value)
    return (text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
            .replace("'", "&#39;").replace('"', "&#34;"))


def fill(source: str, context: dict[str, Any]) -> str:
    """The part's source filled in as Jinja fills it, or NotPlain."""
    # Jinja's lexer: \r\n and \r read as \n, and one line break at the very end dropped
    lines = _NEWLINE.split(source)[::2]
    if lines[-1] == "":
        del lines[-1]
    source = "\n".join(lines)
    out: list[str] = []
    # each open if: [its branch printing, a branch taken, printing around it, else seen]
    stack: list[list[bool]] = []
    printing = True
    at = 0
    for m in _FIELD.finditer(source):
        if printing:
            out.append(source[at:m.start()])
        at = m.end()
        if m.group(1) is not None:
            if printing:
                out.append(_escape(evaluate(m.group(1).strip(), context)))
            else:
                _read(m.group(1).strip())
            continue
        tag = m.group(2)
        words = tag.strip().split(None, 1)
        if tag.startswith(("-", "+")) or tag.endswith(("-", "+")) or not words:
            raise NotPlain("whitespace control or an empty tag")
        word, rest = words[0], (words[1] if len(words) > 1 else "")
        if word == "if":
            if printing:
                taken = _truth(evaluate(rest, context, False))
            else:
                _read(rest, False)
                taken = False
            stack.append([taken, taken, printing, False])
            printing = taken
        elif word in ("elif", "else", "endif") and stack and not stack[-1][3]:
            entry = stack[-1]
            parent, done = entry[2], entry[1]
            if word == "endif" and not rest:
                stack.pop()
                printing = parent
                continue
            if word == "else" and not rest:
                taken = parent and not done
                entry[3] = True
            elif word == "elif":
                if parent and not done:
                    taken = _truth(evaluate(rest, context, False))
                else:
                    _read(rest, False)
                    taken = False
            else:
                raise NotPlain(f"{word} with words after it")
            entry[0], entry[1] = taken, done or taken
            printing = taken
        elif word == "endif" and stack and not rest:  # the endif after an else
            printing = stack.pop()[2]
        else:
            raise NotPlain(f"a {word} tag where it cannot be")
    if stack:
        raise NotPlain("an if without its endif")
    if printing:
        out.append(source[at:])
    return "".join(out)


__all__ = ["NotPlain", "evaluate", "fill"]
