"""Why a Word template could not be filled in, in plain words and located.

The renderer calls `explain` with whatever stopped docxtpl; nothing Jinja says reaches a
user. The field is found by running the template's fields one by one (`locate_failure`),
or by `templates check` for a field that cannot even be read.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pipeline.issues import Issue, PipelineError

CHECK_HINT = "`committee templates check {name}` lists every problem in the template."


def template_error(message: str, template: Path, code: str = "template-error",
                   where: str | None = None) -> PipelineError:
    issue = Issue(code=code, severity="error", message=message, file=str(template), where=where)
    return PipelineError(message, [issue])


def _at(found: Any) -> tuple[str, str | None]:
    """' (in the body, paragraph 3: “{{ x }}”)' for a (place, field) pair, and the place."""
    if found is None:
        return "", None
    place, line = found
    return f" (in {place.where}: \u201c{line}\u201d)", place.where


def why(exc: BaseException) -> str:
    from pipeline.render.sandbox import LimitError

    if isinstance(exc, LimitError):
        return exc.what
    if isinstance(exc, RecursionError):
        return "calls a macro inside itself without end"
    if isinstance(exc, ZeroDivisionError):
        return "divides by zero"
    if isinstance(exc, MemoryError):
        return "needs more memory than a document may use"
    if isinstance(exc, TypeError):
        return "uses a value in a way it cannot be used (text as a number, or the reverse)"
    return "cannot be worked out with this document's values"


def explain(exc: BaseException, template: Path, context: dict[str, Any],
            kind: str | None = None) -> PipelineError:
    """A located PipelineError for what stopped `template` being filled in."""
    from jinja2 import TemplateSyntaxError, UndefinedError

    from pipeline.render.places import UNSAFE_FIELD, locate, locate_failure, locate_name
    from pipeline.render.sandbox import LimitError, RefusedTag

    name = template.name
    if isinstance(exc, RefusedTag):
        where = locate(template, re.compile(r"\{%-?\s*(?:p\s+)?" + exc.word + r"\b"))
        at = f" (in {where})" if where else ""
        return template_error(
            f"The Word template {name} has a {{% {exc.word} %}} field{at}: a template may not "
            "bring in other files. Delete the field and copy what you need into this "
            "template itself.", template, "security-error", where)
    if isinstance(exc, UndefinedError):
        found = re.search(r"'([^']+)' is undefined", str(exc))
        if found:
            what = f"{{{{ {found.group(1)} }}}}"
            where = locate_name(template, found.group(1))
            names = ", ".join(sorted(k for k in context if k != "body"))
            at = f" (in {where})" if where else ""
            return template_error(
                f"The Word template {name} uses {what}{at}, which this document does not "
                f"provide. Remove it from the template or use one of: {names}.",
                template, where=where)
    if isinstance(exc, TemplateSyntaxError):
        return _syntax(template, kind)
    if isinstance(exc, LimitError) or not _is_sandbox_refusal(exc):
        at, where = _at(locate_failure(template, context))
        code = "security-error" if isinstance(exc, (LimitError, RecursionError,
                                                    MemoryError)) else "template-error"
        return template_error(
            f"The Word template {name} has a field that {why(exc)}{at}. Templates may only "
            "print the document's values: simplify or delete that field. "
            + CHECK_HINT.format(name=name), template, code, where)
    at, where = _at(locate_failure(template, context))
    if not where:
        where = locate(template, UNSAFE_FIELD)
        at = f" (in {where})" if where else ""
    return template_error(
        f"The Word template {name} has a field that tries to do something templates may not "
        f"do: reach into Python's internals{at}. Templates may only print the document's "
        "values; remove that field.", template, "security-error", where)


def from_template(exc: BaseException) -> bool:
    """Whether `exc` came from a template's fields (not from a damaged Word part)."""
    from jinja2 import TemplateError

    from pipeline.render.sandbox import TEMPLATE_FILE

    if isinstance(exc, (TemplateError, RecursionError, MemoryError)):
        return True
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == TEMPLATE_FILE:
            return True
        tb = tb.tb_next
    return False


def _is_sandbox_refusal(exc: BaseException) -> bool:
    from jinja2.sandbox import SecurityError

    return isinstance(exc, SecurityError)


def _syntax(template: Path, kind: str | None) -> PipelineError:
    """Every field that cannot be read, found the way `templates check` finds them."""
    from pipeline.render.field_syntax import Fixer, expression_problem
    from pipeline.render.places import template_parts
    from pipeline.render.sandbox import template_env

    env = template_env()
    found: list[tuple[str, str]] = []
    for part in template_parts(template):
        readable = []
        for place, line in part.fields:
            problem = line.startswith("{{") and expression_problem(line, env)
            if problem:
                found.append((place.where, f"the field {line} cannot be read: {problem}."))
            else:
                readable.append((place, line))
        found += [(place.where, said) for place, _, said in Fixer(readable, env).problems()]
    if not found:
        return template_error(
            f"The Word template {template.name} has a field that cannot be read. Check that "
            "every {{ ... }} and {% ... %} in it is complete and spelt correctly. "
            + CHECK_HINT.format(name=template.name), template)
    issues = [Issue("template-error", "error", f"In {where}: {said}", file=str(template),
                    where=where) for where, said in found]
    n = len(issues)
    message = (f"The Word template {template.name} has {n} field{'s' if n != 1 else ''} that "
               f"cannot be read. " + CHECK_HINT.format(name=template.name))
    return PipelineError(message, issues)


__all__ = ["explain", "from_template", "template_error"]
