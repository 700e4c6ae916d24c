"""The checking commands: `check` (workbooks), `new` (a blank workbook), `templates` (check,
copy, vars) and `audit` (Word documents against the accessibility checklist)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pipeline.cli.documents import AS_AT_HELP, FORMAT_HELP, TITLE_HELP
from pipeline.cli.echo import fail, say, show_json
from pipeline.issues import PipelineError
from pipeline.kinds import INPUT_NAMES, TEMPLATE_KINDS
from pipeline.said import Said

_TEMPLATE_KINDS = list(TEMPLATE_KINDS)


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help=FORMAT_HELP)
@click.option("--notices/--no-notices", default=False, help="Also list ignored columns and rows.")
@click.option("--annotate", is_flag=True,
              help='Also write "<name> - to fix.xlsx" beside each workbook with problems: the '
                   "problem cells filled red (errors) or amber (warnings), with a comment, and "
                   "a first sheet listing them.")
@click.option("--quiet", "-q", is_flag=True, help="Print only each file's verdict.")
@click.option("--verbose", "-v", is_flag=True, help="Print every problem, even many of one kind.")
@click.option("--title", default=None, help=TITLE_HELP)
@click.option("--as-at", "as_at", default=None, help=AS_AT_HELP)
def check(files: tuple[Path, ...], fmt: str, notices: bool, annotate: bool, quiet: bool,
          verbose: bool, title: str | None, as_at: str | None) -> None:
    """Validate workbooks (.xlsx, .xlsm, .csv) and say what each holds.

    Exits 0 when every file is valid, 1 otherwise.
    """
    from pipeline.check import annotate_checks, check_file, check_json, check_lines
    from pipeline.reader import Given

    checks = [check_file(f, Given(title, as_at)) for f in files]
    annotated: dict[int, tuple[Path, str]] = {}
    if annotate:
        annotated, refused = annotate_checks(checks)
        say(refused)
    if fmt == "json":
        show_json(check_json(checks, annotated))
    else:
        say(check_lines(checks, annotated, notices=notices, quiet=quiet), verbose=verbose)
    sys.exit(0 if all(c.valid for c in checks) else 1)


@click.command()
@click.argument("kind", type=click.Choice(list(INPUT_NAMES)))
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Replace PATH if it already exists.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the workbook's name.")
def new(kind: str, path: Path, force: bool, quiet: bool) -> None:
    """Make a blank workbook to fill in: KIND is plan, indicators or response.

    \b
    Example:  committee new plan improvement-plan.xlsx
    The workbook has an Instructions sheet, a Details sheet, the data sheet(s) with
    the right headers and drop-down lists, and one example row to type over.
    """
    from pipeline.reader.blank import write_blank_workbook
    from pipeline.said import quoted

    try:
        written = write_blank_workbook(kind, path, force=force)
    except PipelineError as error:
        fail(error)
    if quiet:
        click.echo(str(written))
        return
    click.echo(f"Created {written}: a blank {kind} workbook.")
    click.echo("Read its Instructions sheet, fill it in (delete the example row), then check "
               "it with:")
    click.echo(f"  committee check {quoted(str(written))}")


@click.group()
def templates() -> None:
    """Check a council's Word templates, and list the names a template can use.

    \b
    Examples:
      committee templates check our-plan.docx --kind plan
      committee templates vars briefing
    The guide for restyling templates in Word is docs/templates.md.
    """


@templates.command("check")
@click.argument("template_files", nargs=-1, required=True,
                type=click.Path(path_type=Path, exists=True))
@click.option(
    "--kind", type=click.Choice(_TEMPLATE_KINDS),
    help="Which document the templates are for (default: guessed from each file name: "
    "improvement-plan/plan, briefing, performance, response/cabinet).",
)
@click.option("--quiet", "-q", is_flag=True, help="Print only the verdict.")
@click.option("--verbose", "-v", is_flag=True,
              help="Print every problem, even many of one kind.")
def templates_check(template_files: tuple[Path, ...], kind: str | None, quiet: bool,
                    verbose: bool) -> None:
    """Check TEMPLATE_FILES (.docx files, or folders of them) before using them: broken
    {{ }} / {% %} fields, names the document does not provide, a missing {{ body }}
    paragraph. Each file's problems are listed under its name.

    \b
    Examples:
      committee templates check our-templates
      committee templates check our-templates/*.docx
    Exits 0 when every template is fine, 1 otherwise.
    """
    from pipeline.render.lint import guess_kind, lint_template
    from pipeline.said_commands import (
        template_check_lines,
        templates_checked,
        templates_in_folder,
        unknown_template_kind,
    )

    paths: list[Path] = []
    for given in template_files:
        if given.is_dir():
            found = templates_in_folder(given)
            if not found:
                say([Said(f"Error: {given} holds no Word templates (.docx files). Give the "
                          "folder `committee templates copy` wrote, or the .docx files "
                          "themselves.", err=True)])
                sys.exit(1)
            paths.extend(found)
        else:
            paths.append(given)
    several = len(paths) > 1 or any(given.is_dir() for given in template_files)
    failed = 0
    for path in paths:
        path_kind = kind or guess_kind(path)
        if path_kind is None:
            say([unknown_template_kind(path, _TEMPLATE_KINDS, several=several)])
            if not several:
                sys.exit(2)
            failed += 1
            continue
        result = lint_template(path, path_kind)
        say(template_check_lines(path, path_kind, result, quiet=quiet), verbose=verbose)
        failed += not result.ok
    if several:
        say([templates_checked(len(paths), failed)])
    sys.exit(1 if failed else 0)


@templates.command("copy")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option("--force", is_flag=True, help="Replace templates already in FOLDER.")
def templates_copy(folder: Path, force: bool) -> None:
    """Copy the standard Word templates into FOLDER, to restyle them in Word.

    \b
    Example:  committee templates copy our-templates
    Then restyle them, check each with `committee templates check`, and use the folder
    with `committee batch --templates our-templates`. Keep the file names.
    """
    from pipeline.render.templates import copy_templates
    from pipeline.said_commands import templates_copied

    try:
        copied = copy_templates(folder, force=force)
    except PipelineError as error:
        fail(error)
    say(templates_copied(copied, folder))


@templates.command("vars")
@click.argument("kind", type=click.Choice(_TEMPLATE_KINDS))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "markdown"]), default="text",
    show_default=True, help="A plain list, or the Markdown table of docs/templates.md.",
)
def templates_vars(kind: str, fmt: str) -> None:
    """List the names KIND's templates can use ({{ name }}), their type and what they hold."""
    from pipeline.render.context import vars_reference
    from pipeline.said_commands import variable_lines

    if fmt == "markdown":
        click.echo(vars_reference(kind), nl=False)
        return
    say(variable_lines(kind))


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help=FORMAT_HELP)
@click.option("--quiet", "-q", is_flag=True, help="Print only each document's verdict.")
@click.option("--verbose", "-v", is_flag=True,
              help="Print every finding, even many of one kind.")
def audit(files: tuple[Path, ...], fmt: str, quiet: bool, verbose: bool) -> None:
    """Check Word documents (.docx) against the accessibility regulations' checklist.

    \b
    Title property, language, heading levels, repeating table header rows, merged
    cells in data tables, alt text on images, text/fill contrast (4.5:1) and
    status shown by colour alone. Works on any .docx, not only ours.
    Exits 1 when any document has a finding or cannot be read.
    """
    from pipeline.said_commands import audit_file

    results: list[dict[str, object]] = []
    failed = 0
    for path in files:
        lines, result, bad = audit_file(path, quiet=quiet, every=verbose)
        results.append(result)
        failed += bad
        if fmt == "text":
            say(lines)
    if fmt == "json":
        show_json({"files": results})
    sys.exit(1 if failed else 0)


__all__ = ["audit", "check", "new", "templates"]
