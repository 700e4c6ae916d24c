"""Check a council's Word template before using it: `committee templates check`.

Word splits a `{{ field }}` across several runs when it is edited, so, like docxtpl, the
check works on each paragraph's whole text (its w:t joined). For every part that docxtpl
renders (the body, every header and footer) it reports, with where (body paragraph N,
table N row R cell C, header/footer paragraph N) and the text around the field:

- fields that are not closed in their paragraph, and Jinja syntax errors;
- names the kind's templates do not receive, with the closest name as a suggestion;
- filters that do not exist, with the closest one;
- fields that reach into Python internals (`__class__` ...), which the sandbox refuses;
- a missing, doubled or crowded `{{ body }}` paragraph.

Finally a trial render with example values, in the same sandbox the renderer uses, catches
anything else that would stop a document being made. Nothing here prints.
"""

from __future__ import annotations

import difflib
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.issues import Issue, IssueReport
from pipeline.render.context import KINDS, template_variables

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PART = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
# docxtpl's prefixes: {%p if %} acts on the paragraph, tr/tc on the table row/cell, r the run.
_PREFIX = re.compile(r"^(\{[{%]-?)\s*(?:p|tr|tc|r)\s+")
_CELL_TAG = re.compile(r"^\{%-?\s*(?:cellbg|colspan)\s+(.*?)\s*-?%\}$", re.DOTALL)
_MERGE_TAG = re.compile(r"^\{%-?\s*(?:vm|hm)\s*-?%\}$")
_BODY = re.compile(r"\{\{\s*body\s*\}\}")
_SMART = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
_MAX_PART = 50 * 1024 * 1024  # a template's XML part larger than this is refused


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


@dataclass(frozen=True)
class Place:
    """Where a paragraph is, in words, and its text."""

    where: str
    text: str

    def around(self, tag: str, width: int = 70) -> str:
        """The paragraph's text around `tag`, shortened with '…' when long."""
        text = self.text
        if len(text) <= width:
            return text
        at = max(text.find(tag), 0)
        start = max(0, min(at - (width - len(tag)) // 2, len(text) - width))
        piece = text[start:start + width]
        return ("…" if start > 0 else "") + piece + ("…" if start + width < len(text) else "")


@dataclass
class LintResult:
    """What `lint_template` found: the issues, and the names and filters the template uses."""

    template: Path
    kind: str
    report: IssueReport
    names_used: set[str] = field(default_factory=set)

    @property
    def ok(self) -> bool:
        return self.report.ok


def guess_kind(path: Path) -> str | None:
    """The kind a template's file name suggests (each kind's `file_words` in pipeline.kinds:
    improvement-plan/plan, briefing, performance, response/cabinet); the word nearest the
    start of the name wins; None when the name says none of them."""
    from pipeline.kinds import DOCUMENT_KINDS

    name = Path(path).stem.lower()
    found = [
        (name.find(word), -len(word), kind.name)
        for kind in DOCUMENT_KINDS for word in kind.file_words if word in name
    ]
    return min(found)[2] if found else None


def _part_label(part: str) -> str:
    name = part.removeprefix("word/")
    if name.startswith("header"):
        return f"the header ({name})"
    if name.startswith("footer"):
        return f"the footer ({name})"
    return "the body"


def _paragraph_text(p: Any) -> str:
    return "".join(t.text or "" for t in p.iter(_w("t"))).translate(_SMART)


def _places(root: Any, part: str) -> list[tuple[Any, Place]]:
    """Every paragraph of a part, in document order, with where it is in words."""
    label = _part_label(part)
    container = root.find(_w("body")) if part == "word/document.xml" else root
    found: list[tuple[Any, Place]] = []
    if container is None:
        return found
    paragraph_no = table_no = 0
    for child in container:
        if child.tag == _w("p"):
            paragraph_no += 1
            where = f"{label}, paragraph {paragraph_no}"
            for p in child.iter(_w("p")):  # the paragraph, then any text box inside it
                inner = where if p is child else f"{where} (in a text box)"
                found.append((p, Place(inner, _paragraph_text(p))))
        elif child.tag == _w("tbl"):
            table_no += 1
            for r, tr in enumerate(child.iterchildren(_w("tr")), start=1):
                for c, tc in enumerate(tr.iterchildren(_w("tc")), start=1):
                    where = f"{label}, table {table_no} row {r} cell {c}"
                    for p in tc.iter(_w("p")):
                        found.append((p, Place(where, _paragraph_text(p))))
        else:  # w:sdt content controls and the like: number their paragraphs on
            for p in child.iter(_w("p")):
                paragraph_no += 1
                found.append((p, Place(f"{label}, paragraph {paragraph_no}", _paragraph_text(p))))
    return found


def _skeleton_line(tag: str) -> str | None:
    """The Jinja a docxtpl tag becomes, on one line (None for tags that are not Jinja)."""
    tag = tag.replace("\n", " ")
    if tag.startswith("{#"):
        return None
    if _MERGE_TAG.match(tag):
        return None
    cell = _CELL_TAG.match(tag)
    if cell:
        return "{{ " + cell.group(1) + " }}"
    return _PREFIX.sub(r"\1 ", tag)


_BLOCKS = ("if", "for", "with", "block", "macro", "filter", "call", "autoescape", "raw")
_STATEMENT = re.compile(r"^\{%-?\s*(\w+)")


def _unclosed_block(entries: list[tuple[Place, str]]) -> tuple[Place, str, str] | None:
    """The innermost {% if/for/... %} that is never closed: (place, field, word)."""
    stack: list[tuple[Place, str, str]] = []
    for place, line in entries:
        found = _STATEMENT.match(line)
        if not found:
            continue
        word = found.group(1)
        if word in _BLOCKS:
            stack.append((place, line, word))
        elif word.startswith("end") and stack and stack[-1][2] == word[3:]:
            stack.pop()
    return stack[-1] if stack else None


def _plain(message: str) -> str:
    """Jinja's message in plainer words."""
    replacements = (
        ("unexpected end of template", "the template ends before a block is closed"),
        ("Encountered unknown tag", "a {% %} field starts with a word Jinja does not know:"),
        ("expected token", "expected"),
        ("unexpected char", "a character that cannot be used here:"),
    )
    for old, new in replacements:
        message = message.replace(old, new)
    return message


class _Linter:
    def __init__(self, path: Path, kind: str) -> None:
        from pipeline.render.engine import _jinja_env

        self.path = path
        self.kind = kind
        self.env = _jinja_env()
        self.names = template_variables(kind)
        self.report = IssueReport(file=str(path))
        self.used: set[str] = set()
        self.body_places: list[Place] = []

    def error(self, code: str, place: Place | None, message: str, tag: str = "") -> None:
        where = f"In {place.where}" if place else f"In {self.path.name}"
        around = f" (\u201c{place.around(tag)}\u201d)" if place and place.text.strip() else ""
        self.report.error(code, f"{where}{around}: {message}",
                          value=place.around(tag) if place else None)

    def lint_part(self, part: str, root: Any) -> None:
        from jinja2 import TemplateSyntaxError

        entries: list[tuple[Place, str]] = []
        broken = False
        for _p, place in _places(root, part):
            text = place.text
            if _BODY.search(text):
                self.body_places.append(place)
                if part != "word/document.xml":
                    self.error("template-error", place, "{{ body }} can only be in the body "
                               "of the document, not in a header or footer. Delete it here.",
                               "{{")
            for match in _TAG.finditer(text):
                line = _skeleton_line(match.group(0))
                if line is not None:
                    entries.append((place, line))
            rest = _TAG.sub("", text)
            opened = re.search(r"\{\{|\{%|\{#", rest)
            closed = re.search(r"\}\}|%\}|#\}", rest)
            if opened or closed:
                broken = True
                mark = (opened or closed).group(0)  # type: ignore[union-attr]
                if opened:
                    what = (f"a field starts with {mark} but does not end in this paragraph. "
                            "Finish it with the matching }} or %} on the same line, and "
                            "do not press Enter inside a field.")
                else:
                    what = (f"there is a {mark} with no opening {{{{ or {{% before it in this "
                            "paragraph. Check the field is complete.")
                self.error("template-error", place, what, mark)
        if broken:
            return
        # Each {{ ... }} on its own first: every broken expression is reported, not just one.
        bad_lines = False
        for place, line in entries:
            if line.startswith("{{"):
                try:
                    self.env.parse(line)
                except TemplateSyntaxError as exc:
                    bad_lines = True
                    self.error("template-error", place, f"the field {line} cannot be read: "
                               f"{_plain(exc.message or str(exc))}. Check its spelling and "
                               "brackets.", line)
        if bad_lines or not entries:
            return
        source = "\n".join(line for _, line in entries)
        try:
            tree = self.env.parse(source)
        except TemplateSyntaxError as exc:
            unclosed = _unclosed_block(entries)
            if unclosed is not None and "end of template" in (exc.message or ""):
                place, line, word = unclosed
                self.error("template-error", place, f"the field {line} opens a block that is "
                           f"never closed. Add {{% end{word} %}} where the block should end "
                           f"(as a paragraph {{%p end{word} %}} if it was opened with "
                           "{%p ...%}).", line)
                return
            place, line = entries[min(max((exc.lineno or 1) - 1, 0), len(entries) - 1)]
            closer = _STATEMENT.match(line)
            if closer and closer.group(1).startswith("end"):
                word = closer.group(1)[3:]
                self.error("template-error", place, f"the field {line} closes a block that "
                           f"was never opened. Delete it, or add the {{% {word} ... %}} it "
                           "belongs to before it.", line)
                return
            self.error("template-error", place, f"the field {line} is wrong: "
                       f"{_plain(exc.message or str(exc)).rstrip('.')}. Every {{% if %}} "
                       "needs its {% endif %} and every {% for %} its {% endfor %}.", line)
            return
        self.check_filters(tree, entries)
        self.check_names(tree, entries)
        self.check_unsafe(tree, entries)

    def _place_of(self, node: Any, entries: list[tuple[Place, str]]) -> tuple[Place, str]:
        return entries[min(max((node.lineno or 1) - 1, 0), len(entries) - 1)]

    def check_names(self, tree: Any, entries: list[tuple[Place, str]]) -> None:
        from jinja2 import TemplateAssertionError, meta, nodes

        # Unknown filters and tests are reported by check_filters; stand in known ones so
        # that Jinja can work out which names the template takes from its context.
        for node in tree.find_all(nodes.Filter):
            if node.name not in self.env.filters:
                node.name = "string"
        for node in tree.find_all(nodes.Test):
            if node.name not in self.env.tests:
                node.name = "defined"
        try:
            undeclared = meta.find_undeclared_variables(tree)
        except TemplateAssertionError:
            stored = {n.name for n in tree.find_all(nodes.Name) if n.ctx != "load"}
            undeclared = {n.name for n in tree.find_all(nodes.Name) if n.ctx == "load"} - stored
        self.used |= undeclared
        unknown = {n for n in undeclared if n not in self.names and n not in self.env.globals}
        loads = [n for n in tree.find_all(nodes.Name) if n.ctx == "load" and n.name in unknown]
        loads.sort(key=lambda n: n.lineno or 0)
        for name in dict.fromkeys(n.name for n in loads):  # in document order
            uses = [n for n in loads if n.name == name]
            place, line = self._place_of(uses[0], entries)
            close = difflib.get_close_matches(name, list(self.names), n=1, cutoff=0.6)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            more = f" It is used {len(uses)} times here." if len(uses) > 1 else ""
            self.error(
                "template-error", place,
                f"the field {line} uses the name {name!r}, which {self.kind} documents do "
                f"not provide.{hint}{more} The names you can use are listed by "
                f"`committee templates vars {self.kind}`.",
                line,
            )

    def check_unsafe(self, tree: Any, entries: list[tuple[Place, str]]) -> None:
        from jinja2 import nodes

        reached: dict[int, list[str]] = {}
        for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
            attr = node.attr if isinstance(node, nodes.Getattr) else (
                node.arg.value if isinstance(node.arg, nodes.Const) else None)
            if isinstance(attr, str) and attr.startswith("_"):
                reached.setdefault(node.lineno, []).append(attr)
        for lineno in sorted(reached):
            place, line = entries[min(max(lineno - 1, 0), len(entries) - 1)]
            names = ", ".join(sorted(set(reached[lineno])))
            self.error("security-error", place, f"the field {line} tries to reach Python's "
                       f"internals ({names}). Templates may only print the document's "
                       "values: delete it.", line)

    def check_filters(self, tree: Any, entries: list[tuple[Place, str]]) -> None:
        from jinja2 import nodes

        for node in tree.find_all((nodes.Filter, nodes.Test)):
            known = self.env.filters if isinstance(node, nodes.Filter) else self.env.tests
            if node.name in known:
                continue
            what = "filter" if isinstance(node, nodes.Filter) else "test"
            place, line = self._place_of(node, entries)
            close = difflib.get_close_matches(node.name, list(known), n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            self.error("template-error", place, f"the field {line} uses a {what} "
                       f"{node.name!r} that does not exist.{hint} The filters are listed "
                       "in docs/templates.md.", line)

    def check_body(self) -> None:
        in_body = [p for p in self.body_places if p.where.startswith("the body")]
        if not in_body:
            self.report.error(
                "template-error",
                f"{self.path.name} has no paragraph holding {{{{ body }}}}, so the document's "
                "content would have nowhere to go. Add a paragraph whose only text is "
                "{{ body }} where the content should start.",
            )
            return
        for place in in_body:
            if place.text.strip() != "{{ body }}" and _BODY.sub("", place.text).strip():
                self.error("template-error", place, "{{ body }} must be alone in its "
                           "paragraph: move the other text to a paragraph of its own.",
                           "{{")
        if len(in_body) > 1:
            self.error("template-error", in_body[1], f"{{{{ body }}}} appears {len(in_body)} "
                       "times; the content can only go in one place. Keep only one.", "{{")
        if "table" in in_body[0].where:
            self.error("template-error", in_body[0], "{{ body }} is inside a table cell: put "
                       "it in a paragraph of its own outside any table.", "{{")

    def trial_render(self) -> None:
        """Render with example values in the renderer's sandbox: anything else that breaks."""
        from docxtpl import DocxTemplate
        from jinja2 import TemplateError

        context: dict[str, Any] = {name: f"Example {name}" for name in self.names}
        context["body"] = "{{ body }}"
        try:
            DocxTemplate(str(self.path)).render(context, jinja_env=self.env, autoescape=True)
        except TemplateError as exc:
            self.report.error(
                "template-error",
                f"{self.path.name} could not be filled in with example values: {exc}. "
                "Check its {{ ... }} and {% ... %} fields.",
            )


def lint_template(path: Path, kind: str) -> LintResult:
    """Check the Word template at `path` for documents of `kind` (one of KINDS)."""
    from lxml import etree

    path = Path(path)
    if kind not in KINDS:
        raise KeyError(kind)
    linter = _Linter(path, kind)
    result = LintResult(path, kind, linter.report)
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        linter.report.error(
            "template-error",
            f"{path.name} could not be opened as a Word document ({exc}). Open it in Word "
            "and save it as 'Word Document (*.docx)'.",
        )
        return result
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    with archive:
        parts = sorted(
            (i for i in archive.infolist() if _PART.match(i.filename)),
            key=lambda i: (i.filename != "word/document.xml", i.filename),
        )
        if not parts or parts[0].filename != "word/document.xml":
            linter.report.error(
                "template-error",
                f"{path.name} is not a Word document (it has no word/document.xml). Save it "
                "from Word as 'Word Document (*.docx)'.",
            )
            return result
        for info in parts:
            if info.file_size > _MAX_PART:
                linter.report.error(
                    "security-error", f"{path.name}: {info.filename} is too large to be a "
                    "template part; it was not read.")
                return result
            try:
                root = etree.fromstring(archive.read(info), parser)
            except etree.XMLSyntaxError as exc:
                linter.report.error(
                    "template-error", f"{path.name}: {info.filename} is damaged ({exc}). "
                    "Open it in Word and save it again.")
                return result
            linter.lint_part(info.filename, root)
    linter.check_body()
    if linter.report.ok:
        linter.trial_render()
    result.names_used = set(linter.used)
    return result


def lint_issues(path: Path, kind: str) -> list[Issue]:
    """Just the issues of `lint_template` (empty when the template is fine)."""
    return list(lint_template(path, kind).report)


def locate(path: Path, needle: str | re.Pattern[str]) -> str | None:
    """Where in the template at `path` the first paragraph whose text holds `needle` is
    ("the body, paragraph 9", "the footer (footer1.xml), paragraph 2"); None if nowhere."""
    from lxml import etree

    pattern = needle if isinstance(needle, re.Pattern) else None
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        with zipfile.ZipFile(path) as archive:
            names = sorted((n for n in archive.namelist() if _PART.match(n)),
                           key=lambda n: (n != "word/document.xml", n))
            for name in names:
                if archive.getinfo(name).file_size > _MAX_PART:
                    continue
                root = etree.fromstring(archive.read(name), parser)
                for _p, place in _places(root, name):
                    text = place.text
                    if pattern.search(text) if pattern else str(needle) in text:
                        return place.where
    except (OSError, zipfile.BadZipFile, KeyError, etree.XMLSyntaxError):
        return None
    return None


def locate_name(path: Path, name: str) -> str | None:
    """Where the first field using the name `name` is in the template at `path`."""
    field_with_name = re.compile(r"\{[{%][^}%]*(?<![\w.])" + re.escape(name) + r"(?!\w)")
    return locate(path, field_with_name)


# A field reaching for an attribute or key starting with "_" (refused by the sandbox).
UNSAFE_FIELD = re.compile(r"\{[{%][^}%]*[.\[]\s*['\"]?_")
