"""The sandboxed Jinja environment that fills in a Word template's fields, with limits.

Both the renderer (`pipeline.render.engine`) and `templates check` (`pipeline.render.lint`)
use `template_env()`, so a template that passes the check renders the same way.

The sandbox refuses Python's internals (`__class__` ...), and on top of it a template may
not: make a text longer than MAX_TEXT characters, a list longer than MAX_ITEMS, count
further than MAX_RANGE, make a number of more than MAX_INT_BITS binary digits (about 77
decimal figures), pad or format to a width over MAX_WIDTH, write more than MAX_OUTPUT
characters in one part, take more than MAX_STEPS steps or MAX_SECONDS seconds, call a
macro inside itself without end, or bring in other files ({% include %}, {% import %},
{% extends %}). Each is a `LimitError` whose `what` says, in plain words, what the field
tried to do.
"""

from __future__ import annotations

import functools
import string
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from jinja2.sandbox import SandboxedEnvironment, SecurityError

MAX_TEXT = 200_000
MAX_ITEMS = 10_000
MAX_RANGE = 10_000
MAX_INT_BITS = 256
MAX_WIDTH = 1_000
MAX_OUTPUT = 20_000_000
MAX_STEPS = 500_000
MAX_SECONDS = 5.0
TEMPLATE_FILE = "<template>"  # the file name Jinja gives code compiled from a string


class LimitError(SecurityError):
    """A field went past one of the sandbox's limits; `what` says which, for people."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


def _n(value: int) -> str:
    return f"{value:,}"


def _check_size(value: Any) -> Any:
    if isinstance(value, str) and len(value) > MAX_TEXT:
        raise LimitError(f"makes a text of more than {_n(MAX_TEXT)} characters")
    if isinstance(value, (list, tuple, dict, set)) and len(value) > MAX_ITEMS:
        raise LimitError(f"makes a list of more than {_n(MAX_ITEMS)} items")
    if isinstance(value, int) and not isinstance(value, bool) and (
        value.bit_length() > MAX_INT_BITS
    ):
        raise LimitError("makes a number too large to print (more than about 77 figures)")
    return value


def _check_width(width: Any) -> None:
    if isinstance(width, int) and width > MAX_WIDTH:
        raise LimitError(f"pads or formats to a width of {_n(width)} characters (at most "
                         f"{_n(MAX_WIDTH)})")
    if isinstance(width, str) and len(width) > MAX_WIDTH:
        raise LimitError(f"indents by more than {_n(MAX_WIDTH)} characters")


def _check_percent_format(fmt: str, args: Any) -> None:
    """Widths and precisions in a '%' format ('%999999999s') and '*' widths taken from args."""
    import re

    for match in re.finditer(r"%[-+ #0]*(\*|\d+)?(?:\.(\*|\d+))?[a-zA-Z%]", fmt):
        for group in match.groups():
            if group and group.isdigit():
                _check_width(int(group))
    if "*" in fmt:
        for arg in args if isinstance(args, tuple) else (args,):
            _check_width(arg)


def _check_brace_format(fmt: str) -> None:
    """Widths in a str.format spec ('{:>999999999}'); a nested {width} is refused."""
    try:
        fields = list(string.Formatter().parse(fmt))
    except ValueError:
        return  # Python reports the broken format itself
    for _text, _name, spec, _conv in fields:
        if not spec:
            continue
        if "{" in spec:
            raise LimitError("takes its format width from another value, which templates "
                             "may not do")
        for number in "".join(c if c.isdigit() else " " for c in spec).split():
            _check_width(int(number))


def _check_replace(text: str, old: str, new: str, count: int = -1) -> None:
    times = text.count(old) if old else len(text) + 1
    if count is not None and count >= 0:
        times = min(times, count)
    if len(text) + times * max(len(new) - len(old), 0) > MAX_TEXT:
        raise LimitError(f"makes a text of more than {_n(MAX_TEXT)} characters")


_STR_WIDTH_METHODS = frozenset(("center", "ljust", "rjust", "zfill", "expandtabs"))


def _before_call(obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    for arg in (*args, *kwargs.values()):
        if isinstance(arg, str) and len(arg) > MAX_TEXT:
            raise LimitError(f"passes on a text of more than {_n(MAX_TEXT)} characters")
    owner = getattr(obj, "__self__", None)
    name = getattr(obj, "__name__", "")
    if isinstance(owner, str):
        if name in _STR_WIDTH_METHODS:
            for arg in (*args, *kwargs.values()):
                _check_width(arg)
        elif name == "replace" and len(args) >= 2:
            _check_replace(owner, str(args[0]), str(args[1]), *args[2:3])
        elif name in ("format", "format_map"):
            _check_brace_format(owner)


def _limited_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        values = [a for a in args if not _is_jinja_object(a)]
        rest = values[1:]
        if name in ("center", "indent", "wordwrap"):
            for arg in (*rest, *kwargs.values()):
                _check_width(arg)
        elif name == "format" and values and isinstance(values[0], str):
            _check_percent_format(values[0], tuple(rest) or tuple(kwargs.values()))
        elif name == "replace" and len(values) >= 3:
            _check_replace(str(values[0]), str(values[1]), str(values[2]), *values[3:4])
        elif name in ("slice", "batch") and rest and isinstance(rest[0], int):
            if rest[0] > MAX_ITEMS:
                raise LimitError(f"splits a list into more than {_n(MAX_ITEMS)} pieces")
        return _check_size(func(*args, **kwargs))

    return wrapper


def _is_jinja_object(value: Any) -> bool:
    from jinja2.environment import Environment
    from jinja2.nodes import EvalContext
    from jinja2.runtime import Context

    return isinstance(value, (Environment, EvalContext, Context))


def _range(*args: int) -> range:
    try:
        rng = range(*args)
    except (TypeError, ValueError) as exc:
        raise LimitError("counts with range() given something that is not a whole "
                         "number") from exc
    if len(rng) > MAX_RANGE:
        raise LimitError(f"counts to {_n(len(rng))} with range() (at most {_n(MAX_RANGE)})")
    return rng


def _lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:  # noqa: A002
    from jinja2.utils import generate_lorem_ipsum

    if not isinstance(n, int) or not isinstance(max, int) or n > 100 or max > 1_000:
        raise LimitError("asks lipsum() for too much text")
    return generate_lorem_ipsum(n=n, html=html, min=min, max=max)


def _bounded_concat(pieces: Any) -> str:
    total = 0
    kept: list[str] = []
    for piece in pieces:
        total += len(piece)
        if total > MAX_OUTPUT:
            raise LimitError(f"writes more than {_n(MAX_OUTPUT)} characters")
        kept.append(piece)
    return "".join(kept)


class LimitedEnvironment(SandboxedEnvironment):
    """Jinja's sandbox, with the limits of this module on operators, calls and output."""

    intercepted_binops = frozenset(("*", "**", "%", "+"))
    concat = staticmethod(_bounded_concat)  # type: ignore[assignment]

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(left, int) and isinstance(right, int):
            if right > 0 and max(abs(left).bit_length() - 1, 0) * right > MAX_INT_BITS:
                raise LimitError("makes a number too large to print (more than about 77 "
                                 "figures)")
        elif operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int):
                    if len(seq) * times > MAX_TEXT:
                        raise LimitError(f"repeats a text or list to more than "
                                         f"{_n(MAX_TEXT)} characters or items")
        elif operator == "%" and isinstance(left, str):
            _check_percent_format(left, right)
        try:
            result = super().call_binop(context, operator, left, right)
        except OverflowError as exc:
            raise LimitError("makes a number too large to print") from exc
        return _check_size(result)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        _before_call(__obj, args, kwargs)
        return _check_size(super().call(__context, __obj, *args, **kwargs))

    def wrap_str_format(self, value: Any) -> Any:
        wrapped = super().wrap_str_format(value)
        if wrapped is not None:
            _check_brace_format(value.__self__)
        return wrapped

    def _parse(self, source: str, name: str | None, filename: str | None) -> Any:
        from jinja2 import nodes

        try:
            tree = super()._parse(source, name, filename)
        except ValueError as exc:  # Python refuses to read an integer of over 4,300 digits
            raise LimitError("holds a number too long to read") from exc
        for node in tree.find_all((nodes.Include, nodes.Import, nodes.FromImport,
                                   nodes.Extends)):
            word = {nodes.Include: "include", nodes.Import: "import",
                    nodes.FromImport: "import", nodes.Extends: "extends"}[type(node)]
            error = RefusedTag(word)
            error.lineno = node.lineno
            raise error
        return tree


class RefusedTag(SecurityError):
    """{% include %}, {% import %} or {% extends %}: a template may not bring in files."""

    def __init__(self, word: str) -> None:
        super().__init__(word)
        self.word = word
        self.lineno: int | None = None


def template_env() -> LimitedEnvironment:
    """A fresh environment: autoescaping on, undefined names an error, our filters, limits."""
    from jinja2 import StrictUndefined
    from jinja2.utils import Namespace

    from pipeline.render.context import template_filters

    env = LimitedEnvironment(autoescape=True, undefined=StrictUndefined)
    env.filters.update(template_filters())  # long_date, number_words (docs/templates.md)
    env.filters = {name: _limited_filter(name, f) for name, f in env.filters.items()}
    env.globals["range"] = _range
    env.globals["lipsum"] = _lipsum

    class _Namespace(Namespace):
        def __setitem__(self, name: str, value: Any) -> None:
            super().__setitem__(name, _check_size(value))

    env.globals["namespace"] = _Namespace
    return env


@contextmanager
def budget(max_steps: int = MAX_STEPS, max_seconds: float = MAX_SECONDS) -> Iterator[None]:
    """Stop template code (and only template code) after too many steps or seconds.

    A trace function counts the lines Jinja's compiled template code runs; the limit is
    raised inside that code as a LimitError, so the render stops where it is.
    """
    deadline = time.monotonic() + max_seconds
    steps = 0

    def local(frame: Any, event: str, arg: Any) -> Any:
        nonlocal steps
        if event != "line":  # raise only inside a line, so the frame is in the traceback
            return local
        steps += 1
        if steps > max_steps:
            raise LimitError(f"takes more than {_n(max_steps)} steps to fill in (a loop "
                             "that runs too long)")
        if steps % 1024 == 0 and time.monotonic() > deadline:
            raise LimitError(f"takes more than {max_seconds:g} seconds to fill in")
        return local

    def calls(frame: Any, event: str, arg: Any) -> Any:
        return local if frame.f_code.co_filename == TEMPLATE_FILE else None

    previous = sys.gettrace()
    sys.settrace(calls)
    try:
        yield
    finally:
        sys.settrace(previous)


def template_line(exc: BaseException) -> int | None:
    """The template line (Jinja's numbering) where `exc` was raised, from its traceback."""
    lineno = getattr(exc, "lineno", None)
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == TEMPLATE_FILE:
            lineno = tb.tb_lineno
        tb = tb.tb_next
    return lineno


__all__ = [
    "MAX_INT_BITS", "MAX_ITEMS", "MAX_OUTPUT", "MAX_RANGE", "MAX_SECONDS", "MAX_STEPS",
    "MAX_TEXT", "MAX_WIDTH", "LimitError", "LimitedEnvironment", "RefusedTag", "budget",
    "template_env", "template_line",
]
