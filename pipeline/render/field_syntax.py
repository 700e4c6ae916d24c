"""A template's fields, read the way a clerk would be told about them.

`Fixer` takes a part's fields (one per line, as `pipeline.render.places` gives them), finds
every structural problem itself (a block never closed, closed by the wrong end, closed
twice, an unknown command, a refused {% include %}), repairs each so that reading can go
on, and parses what is left: every problem of the part is found in one pass, and each is
said in plain words with the field and its place. Jinja's own messages never reach a user.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.render.places import Place

BLOCKS = ("if", "for", "with", "block", "macro", "filter", "call", "autoescape", "raw", "set")
MIDDLES = {"elif": ("if",), "else": ("if", "for")}
REFUSED = ("include", "import", "from", "extends")
_STATEMENT = re.compile(r"^\{%-?\s*(\w+)")
_MAX_ROUNDS = 50
COMMANDS = "if, elif, else, for, set, with, macro, call and filter, each with its end"


def _word(line: str) -> str | None:
    found = _STATEMENT.match(line)
    return found.group(1) if found else None


def _balanced(text: str) -> str | None:
    """What is unpaired in `text`: a quotation mark or a bracket; None when all pair up."""
    for quote in ("'", '"'):
        if text.count(quote) % 2:
            return "a quotation mark is not closed"
    depth = 0
    for opening, closing in (("(", ")"), ("[", "]"), ("{", "}")):
        depth = text.count(opening) - text.count(closing)
        if depth:
            return (f"a bracket {opening} is not closed" if depth > 0
                    else f"there is a {closing} with no {opening} before it")
    return None


def expression_problem(line: str, env: Any) -> str | None:
    """Why the {{ ... }} field `line` cannot be read, in plain words; None when it can."""
    from jinja2 import TemplateSyntaxError

    from pipeline.render.sandbox import LimitError

    try:
        env.parse(line)
        return None
    except LimitError as exc:
        return f"it {exc.what}"
    except TemplateSyntaxError:
        pass
    inner = line[2:-2].strip(" -")
    if not inner:
        return "it is empty. Type a name between {{ and }}, or delete it"
    unpaired = _balanced(inner)
    if unpaired:
        return unpaired
    if inner.endswith("|") or "||" in inner:
        return "nothing follows a |. Name a filter after it (such as upper), or delete the |"
    if re.search(r"[\w'\")\]]\s+[A-Za-z_]\w*", inner) and not re.search(
        r"\s(and|or|not|in|is|if|else)\s", f" {inner} "
    ):
        return ("two things stand side by side with nothing joining them. Join text with ~, "
                "or put each name in a field of its own")
    return ("check its spelling: a name, then optionally | and a filter, with brackets and "
            "quotation marks in pairs")


def _statement_problem(line: str, word: str | None) -> str:
    inner = line[2:-2].strip(" -")
    unpaired = _balanced(inner)
    if unpaired:
        return unpaired
    if word == "for" and not re.search(r"\sin\s", f" {inner} "):
        return "a {% for %} needs the form {% for item in list %}"
    if word in ("if", "elif") and not inner[len(word):].strip():
        return f"{{% {word} %}} needs a condition after '{word}'"
    if word == "set" and "=" not in inner:
        return "a {% set %} needs the form {% set name = value %}"
    return (f"check its spelling and brackets (the commands are {COMMANDS})")


class Fixer:
    """The problems of one part's fields, and the Jinja tree of what is left when each
    problem is set aside (None when the part has no fields)."""

    def __init__(self, fields: list[tuple[Place, str]], env: Any) -> None:
        self.env = env
        self.original = list(fields)
        self.dropped: set[int] = set()
        self.lines: list[str] = []
        self.origin: list[int] = []  # for each line of the source, its field's index
        self.found: list[tuple[Place, str, str]] = []
        self.tree: Any = None
        if fields:
            self._structure(report=True)
            self._parse()

    def problems(self) -> list[tuple[Place, str, str]]:
        return self.found

    def at(self, lineno: int | None) -> tuple[Place, str]:
        index = min(max((lineno or 1) - 1, 0), len(self.origin) - 1)
        return self.original[self.origin[index]]

    def _say(self, index: int, message: str) -> None:
        place, line = self.original[index]
        self.found.append((place, line, message))

    def _drop(self, index: int) -> None:
        self.dropped.add(index)
        self.lines[index] = ""

    def _structure(self, report: bool) -> None:
        """Match every block's opening and end; set aside what does not match."""
        self.lines = ["" if i in self.dropped else line
                      for i, (_, line) in enumerate(self.original)]
        self.origin = list(range(len(self.original)))
        stack: list[tuple[int, str]] = []
        raw = False
        for index, line in enumerate(list(self.lines)):
            word = _word(line)
            if not line or word is None:
                continue
            if raw:
                raw = word != "endraw"
                continue
            if word in REFUSED:
                if report:
                    self._say(index, f"the field {line} brings in other files, which a "
                              "template may not do. Delete it and copy what you need into "
                              "this template itself.")
                self._drop(index)
            elif word == "set" and "=" in line:
                continue
            elif word in BLOCKS:
                stack.append((index, word))
                raw = word == "raw"
            elif word in MIDDLES:
                if not stack or stack[-1][1] not in MIDDLES[word]:
                    if report:
                        self._say(index, f"the field {line} has no {{% if %}} open before "
                                  f"it. Delete it, or add the {{% if ... %}} it belongs to.")
                    self._drop(index)
            elif word.startswith("end"):
                self._end(index, line, word[3:], stack, report)
            else:
                if report:
                    self._say(index, f"the field {line} starts with {word!r}, which is not a "
                              f"template command (the commands are {COMMANDS}). Check its "
                              "spelling, or delete it.")
                self._drop(index)
        for index, word in reversed(stack):  # never closed: say so, then close at the end
            if report:
                self._say(index, f"the field {self.original[index][1]} opens a block that is "
                          f"never closed. Add {{% end{word} %}} where the block should end (as "
                          f"a paragraph {{%p end{word} %}} if it was opened with {{%p ...%}}).")
            self.lines.append(f"{{% end{word} %}}")
            self.origin.append(index)

    def _end(self, index: int, line: str, word: str, stack: list[tuple[int, str]],
             report: bool) -> None:
        if stack and stack[-1][1] == word:
            stack.pop()
            return
        if word not in [w for _, w in stack]:
            if report:
                self._say(index, f"the field {line} closes a block that was never opened. "
                          f"Delete it, or add the {{% {word} ... %}} it belongs to before it.")
            self._drop(index)
            return
        closers = ""
        while stack and stack[-1][1] != word:  # blocks left open inside this one
            inner, inner_word = stack.pop()
            if report:
                opener = self.original[inner][1]
                self._say(inner, f"the field {opener} is not closed before {line} (in "
                          f"{self.original[index][0].where}). Add {{% end{inner_word} %}} "
                          f"before {line}.")
            closers += f"{{% end{inner_word} %}}"
        self.lines[index] = closers + line
        stack.pop()

    def _parse(self) -> None:
        from jinja2 import TemplateSyntaxError

        from pipeline.render.sandbox import LimitError

        for _round in range(_MAX_ROUNDS):
            try:
                self.tree = self.env.parse("\n".join(self.lines))
                return
            except (TemplateSyntaxError, LimitError) as exc:
                at = min(max((getattr(exc, "lineno", None) or 1) - 1, 0), len(self.origin) - 1)
                index = self.origin[at]
                if index in self.dropped:
                    break  # nothing left to set aside: give up on this part's tree
                original = self.original[index][1]
                reason = (f"it {exc.what}" if isinstance(exc, LimitError)
                          else _statement_problem(original, _word(original)))
                self._say(index, f"the field {original} cannot be read: {reason}.")
                self.dropped.add(index)
                self._structure(report=False)
        self.tree = None
