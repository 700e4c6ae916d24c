"""What each command says when it has run, as `Line`s (pipeline.said): a document made and
what went in and came out, the committee report's appendices, the agenda packs, a
template's check, the names a template can use, an accessibility audit."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.issues import Issue, PipelineError
from pipeline.said import Counts, Line, Listed, Said, by_file, printable_data, summarised
from pipeline.text import plural

if TYPE_CHECKING:
    from pipeline.kinds import DocumentKind
    from pipeline.pack import Pack
    from pipeline.render.lint import LintResult
    from pipeline.run_document import Produced


def document_lines(kind: DocumentKind, run: Produced, *, quiet: bool = False,
                   several_files: bool = False) -> list[Line]:
    """A document made: its warnings (standard error; under each workbook when it was made
    from several), where it went, then the kind's `said` lines ("52 actions and 27
    recommendations in, 52 and 27 written"); with `quiet`, only where it went."""
    lines: list[Line] = []
    if not quiet:
        lines += by_file(run.warnings) if several_files else [Listed(tuple(run.warnings))]
    lines.append(Said(f"{'Replaced' if run.replaced else 'Wrote'} {run.path}"))
    if quiet or kind.command is None:
        return lines
    counts = {"e": Counts(run.expected), "w": Counts(run.written), "c": Counts(run.counts)}
    lines += [Said(line.format_map(counts)) for line in kind.command.said]
    if kind.command.said_more:
        from pipeline.kinds import resolve

        more = resolve(kind.command.said_more)(run.expected, run.written)
        lines += [Said(line) for line in more]
    for extra in kind.extras:
        source = run.sources.get(extra.name)
        if extra.said and source is not None:
            lines.append(Said(extra.said.format_map({**counts, "source": source})))
    return lines


def _issue_list(issues: list[Issue]) -> list[dict[str, Any]]:
    return [printable_data(i.to_dict()) for i in issues]


def document_json(kind: DocumentKind, run: Produced) -> dict[str, Any]:
    """A document made, for other programs (`--format json`)."""
    return printable_data({
        "kind": kind.name, "path": str(run.path), "replaced": run.replaced,
        "sha256": run.sha256, "in": run.expected, "written": run.written,
        "sources": {k: str(v) for k, v in run.sources.items()},
        "warnings": _issue_list(run.warnings)})


def document_error_json(kind: DocumentKind, error: PipelineError) -> dict[str, Any]:
    """What stopped a document, for other programs (`--format json`)."""
    return {"kind": kind.name, "path": None, "error": error.message,
            "errors": _issue_list(error.issues)}


def appendix_lines(expected: dict[str, int], written: dict[str, int]) -> list[str]:
    """'Appendix A – Improvement plan: 52 actions and 27 recommendations in, 52 and 27
    written', one line for each appendix the report holds, lettered as the report letters
    them."""
    from pipeline.documents.report import APPENDIX_NAMES, DASH

    counted = {"plan": (("actions", "action"), ("recommendations", "recommendation")),
               "indicators": (("indicators", "indicator"),),
               "response": (("scrutiny_recommendations", "recommendation"),)}
    lines: list[str] = []
    for part, keys in counted.items():
        if keys[0][0] not in expected:
            continue
        letter = chr(ord("A") + len(lines))
        went_in = " and ".join(plural(expected[k], name) for k, name in keys)
        came_out = " and ".join(str(written.get(k, 0)) for k, _ in keys)
        name = APPENDIX_NAMES["response_update" if part == "response"
                              and expected.get("response_update") else part]
        lines.append(f"Appendix {letter} {DASH} {name}: {went_in} in, "
                     f"{came_out} written")
    return lines


def pack_lines(made: list[Pack], issues: list[Issue]) -> list[Line]:
    """The agenda packs made: the problems found, then each pack's meeting, items and pages."""
    lines: list[Line] = [Listed(tuple(issues), err=False)]
    for p in made:
        lines.append(Said(f"Wrote {p.path}: {p.committee}, {p.meeting}; "
                          f"{plural(len(p.items), 'item')}, {plural(p.total_pages, 'page')}"))
    if not made:
        lines.append(Said("No agenda pack was made: no committee report matched."
                          if not issues else "No agenda pack was made."))
    return lines


def pack_json(made: list[Pack], issues: list[Issue]) -> dict[str, Any]:
    """The agenda packs made, for other programs (`committee pack --format json`)."""
    return printable_data({
        "packs": [{"path": str(p.path), "committee": p.committee, "meeting": p.meeting,
                   "pages": p.total_pages,
                   "items": [{"agenda_item": i.agenda_item, "title": i.title,
                              "report": str(i.path), "page": i.start} for i in p.items]}
                  for p in made],
        "issues": _issue_list(issues)})


def pack_error_json(error: PipelineError) -> dict[str, Any]:
    """What stopped `committee pack --format json`."""
    return {"packs": [], "error": error.message, "issues": _issue_list(error.issues)}


def unknown_template_kind(path: Path, kinds: list[str], *, several: bool = False) -> Said:
    """A template whose name does not say which document it is for (among several: under
    its name, and how to check it on its own)."""
    if several:
        return Said(f"{path}: not checked: cannot tell from its name which document it is "
                    f"for. Rename it with the standard name of its kind (improvement-plan."
                    f"docx, briefing.docx ...), or check it on its own with `committee "
                    f"templates check {path} --kind KIND`, KIND one of: {', '.join(kinds)}.",
                    err=True)
    return Said(f"Error: cannot tell from the name {path.name} which document it is for. "
                f"Add --kind with one of: {', '.join(kinds)}.", err=True)


def templates_in_folder(folder: Path) -> list[Path]:
    """The Word templates (.docx) in `folder`, by name; not Word's ~$ lock files."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".docx"
                  and not p.name.startswith(("~$", ".")))


def templates_checked(checked: int, failed: int) -> Said:
    """The verdict on several templates: how many were checked, how many have problems."""
    return Said(f"{plural(checked, 'template')} checked, {failed} with problems")


def template_check_lines(path: Path, kind: str, result: LintResult, *,
                         quiet: bool = False) -> list[Line]:
    """A template checked: its verdict, then its problems."""
    errors = result.report.errors
    verdict = (f"{path}: no problems found" if not errors
               else f"{path}: {plural(len(errors), 'problem')} to fix")
    article = "an" if kind[:1].lower() in "aeiou" else "a"  # an exceptions, a plan
    lines: list[Line] = [Said(f"{verdict} (checked as {article} {kind} template)")]
    if not quiet:
        lines.append(Listed(tuple(result.report), err=False))
    return lines


def templates_copied(copied: list[Path], folder: Path) -> list[Line]:
    return [*(Said(f"Wrote {path}") for path in copied),
            Said(f"{plural(len(copied), 'template')} copied to {folder}. Restyle them in Word "
                 "and keep their names; see docs/templates.md.")]


def variable_lines(kind: str) -> list[Line]:
    """The names a template of `kind` can use, their type and what they hold; then the
    fields of its table designs."""
    from pipeline.render.context import KIND_TITLES, design_fields_text, template_variables

    variables = template_variables(kind)
    width = max(len(name) for name in variables)
    return [Said(f"{KIND_TITLES[kind]}: a template can use"),
            *(Said(f"  {v.name.ljust(width)}  {v.type:<5}  {v.description}")
              for v in variables.values()),
            *(Said(line) for line in design_fields_text(kind).splitlines()),
            Said("Filters such as {{ as_at | long_date }}: see docs/templates.md.")]


def audit_file(path: Path, *, quiet: bool = False,
               every: bool = False) -> tuple[list[Line], dict[str, object], bool]:
    """One document audited: the lines to print, the result as data, and whether it has a
    finding or cannot be read."""
    from pipeline.audit import audit_document, describe, finding_dict

    try:
        findings = audit_document(path)
    except PipelineError as error:
        return ([Said(f"{path}: {error.message}", err=True)],
                {"path": str(path), "error": error.message, "findings": []}, True)
    result: dict[str, object] = {"path": str(path),
                                 "findings": [finding_dict(f) for f in findings]}
    if not findings:
        return [Said(f"{path}: no accessibility problems found")], result, False
    lines: list[Line] = [Said(f"{path}: {plural(len(findings), 'accessibility problem')}")]
    if not quiet:
        lines += [Said(t) for t in summarised(((f.code, describe(f)) for f in findings),
                                              every=every)]
    return lines, result, True


__all__ = ["appendix_lines", "audit_file", "document_error_json", "document_json",
           "document_lines", "pack_error_json", "pack_json", "pack_lines", "template_check_lines",
           "templates_copied", "unknown_template_kind", "variable_lines"]
