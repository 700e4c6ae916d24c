"""Check a council's Word template before using it: `committee templates check`.

Every problem is reported in one run, each with where it is (body paragraph N, table N row
R cell C, header/footer/footnotes paragraph N) and the text around it, in plain words:

- anything that reaches outside the file or runs (linked pictures, a remote attached
  template, INCLUDEPICTURE / INCLUDETEXT / DDE fields, macros, altChunks, DTDs: see
  `pipeline.render.safety`);
- fields not closed in their paragraph, fields that cannot be read, blocks ({% if %},
  {% for %} ...) never closed, closed twice or closed by the wrong end;
- {% include %}, {% import %}, {% extends %} (a template may not bring in files);
- names the kind's templates do not receive, and filters that do not exist, with the
  closest as a suggestion; fields reaching into Python internals (`__class__` ...);
- a missing, doubled or crowded `{{ body }}` paragraph;
- a field that goes past the sandbox's limits with example values (too long a text, too
  big a number, a loop that runs too long);
- the table designs after `{{ body }}`: unknown fields, merged cells, a missing header row
  and the rest (`pipeline.render.design_lint`).

Nothing here prints.
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
from pipeline.render.field_syntax import Fixer, expression_problem
from pipeline.render.places import Part, Place, filled_part_names, read_part
from pipeline.render.wordxml import MAX_PART, UnsafeXML, parse

_BODY = re.compile(r"\{\{\s*body\s*\}\}")


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


class _Linter:
    def __init__(self, path: Path, kind: str) -> None:
        from pipeline.render.sandbox import template_env

        self.path = path
        self.kind = kind
        self.env = template_env()
        self.names = template_variables(kind)
        self.report = IssueReport(file=str(path))
        self.used: set[str] = set()
        self.body_places: list[Place] = []
        self.parts: list[Part] = []

    def error(self, code: str, place: Place | None, message: str, tag: str = "") -> None:
        where = f"In {place.where}" if place else f"In {self.path.name}"
        around = f" (\u201c{place.around(tag)}\u201d)" if place and place.text.strip() else ""
        self.report.error(code, f"{where}{around}: {message}",
                          value=place.around(tag) if place else None,
                          where=place.where if place else None)

    def lint_part(self, part: Part) -> None:
        """Every problem of one part, in the order of its paragraphs."""
        start = len(self.report.issues)
        self.find_problems(part)
        order: dict[str | None, int] = {}
        for number, place in enumerate(part.places):
            order.setdefault(place.where, number)
        self.report.issues[start:] = sorted(
            self.report.issues[start:], key=lambda i: order.get(i.where, len(order)))

    def find_problems(self, part: Part) -> None:
        self.parts.append(part)
        broken: set[Place] = set()
        for place in part.places:
            if _BODY.search(place.text):
                self.body_places.append(place)
                if part.name != "word/document.xml":
                    self.error("template-error", place, "{{ body }} can only be in the body "
                               "of the document, not in a header, footer or footnote. Delete "
                               "it here.", "{{")
            if self.unclosed_in_paragraph(place):
                broken.add(place)
        # a paragraph with a broken field still has its whole {{ }} fields' names checked
        fields = [(p, line) for p, line in part.fields
                  if p not in broken or line.startswith("{{")]
        fields = [(p, line) for p, line in fields if self.expression_ok(p, line)]
        fixer = Fixer(fields, self.env)
        for place, line, message in fixer.problems():
            self.error("security-error" if "brings in other files" in message
                       else "template-error", place, message, line)
        if fixer.tree is not None:
            self.check_filters(fixer.tree, fixer)
            self.check_names(fixer.tree, fixer)
            self.check_unsafe(fixer.tree, fixer)

    def unclosed_in_paragraph(self, place: Place) -> bool:
        from pipeline.render.places import TAG

        rest = TAG.sub("", place.text)
        opened = re.search(r"\{\{|\{%|\{#", rest)
        closed = re.search(r"\}\}|%\}|#\}", rest)
        if not (opened or closed):
            return False
        mark = (opened or closed).group(0)  # type: ignore[union-attr]
        if opened:
            what = (f"a field starts with {mark} but does not end in this paragraph. "
                    "Finish it with the matching }} or %} on the same line, and do not press "
                    "Enter inside a field.")
        else:
            what = (f"there is a {mark} with no opening {{{{ or {{% before it in this "
                    "paragraph. Check the field is complete.")
        self.error("template-error", place, what, mark)
        return True

    def expression_ok(self, place: Place, line: str) -> bool:
        if not line.startswith("{{"):
            return True
        problem = expression_problem(line, self.env)
        if problem is None:
            return True
        self.error("template-error", place, f"the field {line} cannot be read: {problem}.",
                   line)
        return False

    def check_names(self, tree: Any, fixer: Fixer) -> None:
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
            place, line = fixer.at(uses[0].lineno)
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

    def check_unsafe(self, tree: Any, fixer: Fixer) -> None:
        from jinja2 import nodes

        reached: dict[int, list[str]] = {}
        for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
            attr = node.attr if isinstance(node, nodes.Getattr) else (
                node.arg.value if isinstance(node.arg, nodes.Const) else None)
            if isinstance(attr, str) and attr.startswith("_"):
                reached.setdefault(node.lineno, []).append(attr)
        for lineno in sorted(reached):
            place, line = fixer.at(lineno)
            names = ", ".join(sorted(set(reached[lineno])))
            self.error("security-error", place, f"the field {line} tries to reach Python's "
                       f"internals ({names}). Templates may only print the document's "
                       "values: delete it.", line)

    def check_filters(self, tree: Any, fixer: Fixer) -> None:
        from jinja2 import nodes

        for node in tree.find_all((nodes.Filter, nodes.Test)):
            known = self.env.filters if isinstance(node, nodes.Filter) else self.env.tests
            if node.name in known:
                continue
            what = "filter" if isinstance(node, nodes.Filter) else "test"
            place, line = fixer.at(node.lineno)
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
        """Fill the fields in with example values in the renderer's sandbox and limits:
        each part on its own first (to say which field fails), then the whole template."""
        from docxtpl import DocxTemplate

        from pipeline.render.designs import take_designs
        from pipeline.render.sandbox import budget, template_env
        from pipeline.render.template_errors import explain, from_template

        context: dict[str, Any] = {name: f"Example {name}" for name in self.names}
        context["body"] = "{{ body }}"
        failed = False
        for part in self.parts:
            if part.fields and self.trial_part(part, context):
                failed = True
        if failed:
            return
        try:
            tpl = DocxTemplate(str(self.path))
            tpl.init_docx()
            take_designs(tpl.docx.element.body, self.kind)  # never filled in: not printed
            with budget():
                tpl.render(context, jinja_env=template_env(), autoescape=True)
        except Exception as exc:  # noqa: BLE001 - report whatever stops it, in plain words
            if from_template(exc):
                self.report.extend(explain(exc, self.path, context, self.kind).issues)
            else:
                self.report.error("template-error", f"{self.path.name} could not be filled "
                                  f"in: part of it is damaged ({type(exc).__name__}). Open it "
                                  "in Word and save it again.")

    def trial_part(self, part: Part, context: dict[str, Any]) -> bool:
        from pipeline.render.sandbox import budget, template_env, template_line
        from pipeline.render.template_errors import why

        try:
            with budget():
                template_env().from_string(part.source()).render(context)
        except Exception as exc:  # noqa: BLE001 - say which field, in plain words
            found = part.at_line(template_line(exc))
            place, line = found if found else (None, "")
            self.error("security-error", place, f"the field {line} {why(exc)} when filled "
                       "in with example values. Templates may only print the document's "
                       "values: simplify or delete it.", line)
            return True
        return False


def _open_problem(path: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as archive:
            if "word/document.xml" not in archive.namelist():
                return (f"{path.name} is not a Word document (it has no word/document.xml). "
                        "Save it from Word as 'Word Document (*.docx)'.")
    except (OSError, zipfile.BadZipFile) as exc:
        return (f"{path.name} could not be opened as a Word document ({exc}). Open it in "
                "Word and save it as 'Word Document (*.docx)'.")
    return None


def _accessibility(path: Path) -> list[Issue]:
    """The audit's rules a template can already break (alt text in headers, style colours,
    drawing ids), as template issues that say where."""
    from pipeline.audit import audit_template
    from pipeline.issues import PipelineError

    try:
        found = audit_template(path)
    except PipelineError:
        return []  # a template that cannot be read is reported by the checks above
    return [Issue("accessibility-error", "error", f"In {i.where}: {i.message}" if i.where
                  else i.message, file=str(path), where=i.where) for i in found]


def lint_template(path: Path, kind: str, *, full: bool = True) -> LintResult:
    """Check the Word template at `path` for documents of `kind` (one of KINDS).

    `full=False` is the check before a document is made (pipeline.render.precheck): the
    fields only; the safety rules, the {{ body }} paragraph, the table designs and the
    trial filling-in are the renderer's own, and accessibility is the audit's."""
    from lxml import etree

    from pipeline.render.design_lint import lint_designs
    from pipeline.render.safety import package_issues

    path = Path(path)
    if kind not in KINDS:
        raise KeyError(kind)
    linter = _Linter(path, kind)
    result = LintResult(path, kind, linter.report)
    problem = _open_problem(path)
    if problem and not full:
        return result  # the renderer says the template cannot be opened
    if problem:
        linter.report.error("template-error", problem)
        return result
    if full:
        linter.report.extend(package_issues(path))
    with zipfile.ZipFile(path) as archive:
        for name in filled_part_names(archive):
            info = archive.getinfo(name)
            if info.file_size > MAX_PART:
                linter.report.error("security-error", f"{path.name}: {name} is too large to "
                                    "be a template part; it was not read.", where=name)
                continue
            try:
                root = parse(archive.read(info))
            except UnsafeXML:
                continue  # reported by package_issues
            except etree.XMLSyntaxError as exc:
                if not full:
                    continue  # the renderer says the part is damaged
                linter.report.error(
                    "template-error", f"{path.name}: {name} is damaged (line {exc.lineno}). "
                    "Open it in Word and save it again.", where=name)
                continue
            if full and name == "word/document.xml":  # the table designs: their own rules
                linter.report.extend(lint_designs(root, kind, path))
            linter.lint_part(read_part(name, root))
    if not full:  # a {{ body }} out of place: the renderer says so itself
        return result
    linter.check_body()
    linter.report.extend(_accessibility(path))
    if linter.report.ok:
        linter.trial_render()
    result.names_used = set(linter.used)
    return result


def lint_issues(path: Path, kind: str) -> list[Issue]:
    """Just the issues of `lint_template` (empty when the template is fine)."""
    return list(lint_template(path, kind).report)
