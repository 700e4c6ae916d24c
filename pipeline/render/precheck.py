"""A council's template checked as `committee templates check` checks it before the
document made from it is used: a template the check rejects is never used.

Without this, a field the check calls broken ("{{ organisation" never closed) can be read
by the renderer as plain text, or swallow the paragraphs after it, and the document comes
out without its title, with no word said. The check is of the template's fields only
(`lint_template(full=False)`: the safety rules, the {{ body }} paragraph and the table
designs are checked by the renderer itself, with their own messages) and is made once per
version of the file, so a batch making many documents from one template checks it once;
it is made after the template was filled in without a fault (a fault filling it in is
said by the renderer, located, as before).
The shipped templates are known good and are not checked.
"""

from __future__ import annotations

import functools
from pathlib import Path

from pipeline.issues import Issue, PipelineError


def refuse_broken_template(path: Path, kind: str) -> None:
    """Raise PipelineError, with every problem located, when the template at `path` has
    fields `committee templates check` rejects for documents of `kind`."""
    from pipeline.render.templates import shipped_templates_dir

    path = Path(path)
    try:
        if path.resolve().parent == shipped_templates_dir().resolve():
            return
        stat = path.stat()
    except OSError:
        return  # the renderer says the file cannot be read
    issues = _problems(str(path), kind, stat.st_mtime_ns, stat.st_size)
    if issues:
        more = f" ({len(issues) - 1} more problem{'s' if len(issues) > 2 else ''} " \
               "in it)" if len(issues) > 1 else ""
        raise PipelineError(
            f"The Word template {path.name} cannot be used. {issues[0].message}{more} "
            f"Nothing was made from it: check it with `committee templates check {path}`, "
            "fix what it lists in Word and save it again.", list(issues))


@functools.lru_cache(maxsize=16)
def _problems(path: str, kind: str, mtime_ns: int, size: int) -> tuple[Issue, ...]:
    from pipeline.kinds import document_kind
    from pipeline.render.lint import lint_template

    template_kind = document_kind(kind).template_kind
    report = lint_template(Path(path), template_kind, full=False).report
    return tuple(report.errors)


__all__ = ["refuse_broken_template"]
