"""The document commands: one for each kind of the registry (plan, briefing, exceptions,
performance, response, the committee report), and the agenda pack."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import click

from pipeline.cli.echo import fail, say, show_json
from pipeline.issues import PipelineError
from pipeline.kinds import DOCUMENT_KINDS, DocumentKind

TITLE_HELP = ("The title to use (a CSV file has no Details sheet; without it the title "
              "comes from the file name). Wins over the Details sheet's.")
AS_AT_HELP = ("The date the position is given at, e.g. 31/07/2013 or 'July 2013' (a CSV "
              "file has no Details sheet). Wins over the Details sheet's.")
FORMAT_HELP = "Plain English for people, or JSON for other programs."
_WORKBOOK = click.Path(path_type=Path, exists=True, dir_okay=False)


def make_and_say(kind: DocumentKind, workbook: Path, out: Path | None, template: Path | None,
                 extras: dict[str, Path | None], *, fmt: str = "text", quiet: bool = False,
                 verbose: bool = False, details: Any = None) -> None:
    """Make one document and say where it went and what it holds (stdout); its warnings,
    or the problems that stopped it, go to stderr. `fmt="json"` prints one JSON object on
    stdout instead. A kind made from several workbooks lists issues under each file."""
    from pipeline.run_document import make_document
    from pipeline.said_commands import document_error_json, document_json, document_lines

    several = any(p is not None for p in extras.values()) or bool(  # workbooks given
        kind.command and kind.command.by_workbook)
    try:
        run = make_document(kind.name, workbook, out, extras=extras, template=template,
                            details=details)
    except PipelineError as error:
        if fmt == "json":
            show_json(document_error_json(kind, error))
            sys.exit(1)
        fail(error, verbose=verbose, several_files=several)
    if fmt == "json":
        show_json(document_json(kind, run))
        return
    say(document_lines(kind, run, quiet=quiet, several_files=several), verbose=verbose)


def _flag_param(flag: str) -> str:
    return flag.lstrip("-").replace("-", "_")


def document_command(kind: DocumentKind) -> click.Command:
    """`committee <kind>`, with its variants' flags and its extra workbooks as options."""
    assert kind.command is not None
    variants = [k for k in DOCUMENT_KINDS
                if k.command is not None and k.command.name == kind.command.name
                and k.command.flag]
    params: list[click.Parameter] = [click.Argument(["workbook"], type=_WORKBOOK)]
    params += [click.Option([v.command.flag], is_flag=True, help=v.command.flag_help)
               for v in variants if v.command is not None]
    extras = {x.name: x for v in (kind, *variants) for x in v.extras}
    params += [click.Option([x.option], type=_WORKBOOK, help=x.help) for x in extras.values()]
    params += [
        # A str, not a Path: "DIR/" must keep its slash to say it is a folder.
        click.Option(["-o", "--output", "out"], type=click.Path(),
                     help=f"Where to write the .docx (default: {kind.command.output_hint}); "
                          "a folder (DIR/) puts it there under its usual name."),
        click.Option(["--template"], type=click.Path(path_type=Path, dir_okay=False),
                     help=f"A Word template to use instead of the standard {kind.template}."),
        click.Option(["--format", "fmt"], type=click.Choice(["text", "json"]), default="text",
                     show_default=True, help=FORMAT_HELP),
        click.Option(["--quiet", "-q"], is_flag=True,
                     help="Print only where the document went (and any error)."),
        click.Option(["--title"], default=None, help=TITLE_HELP),
        click.Option(["--as-at", "as_at"], default=None, help=AS_AT_HELP),
        click.Option(["--verbose", "-v"], is_flag=True,
                     help="Print every warning, even many of one kind."),
    ]

    def run(workbook: Path, out: Path | None, template: Path | None, fmt: str, quiet: bool,
            verbose: bool, title: str | None, as_at: str | None, **options: Any) -> None:
        from pipeline.reader import Given

        chosen = next((v for v in variants if v.command is not None
                       and options.get(_flag_param(v.command.flag))), kind)
        given = {x.name: options.get(x.name) for x in chosen.extras}
        make_and_say(chosen, workbook, out, template, given, fmt=fmt, quiet=quiet,
                     verbose=verbose, details=Given(title, as_at))

    return click.Command(kind.command.name, callback=run, params=params,
                         help=kind.command.help)


def document_commands() -> list[click.Command]:
    """A command for every kind of the registry that has one of its own."""
    return [document_command(k) for k in DOCUMENT_KINDS
            if k.command is not None and not k.command.flag]


class MeetingDate(click.ParamType):
    """A meeting's date as a clerk types it: 15/08/2013 (day/month/year), or 2013-08-15."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        from pipeline.pack import parse_meeting_date

        if isinstance(value, dt.date):
            return value
        found = parse_meeting_date(str(value))
        if found is None:
            self.fail(f"{value!r} is not a date. Type the meeting's date as day/month/year, "
                      "such as 15/08/2013 (or 2013-08-15).", param, ctx)
        return found


@click.command()
@click.argument("outputs", required=False, default="outputs",
                type=click.Path(path_type=Path, file_okay=False))
@click.option("--meeting", type=MeetingDate(), default=None,
              help="Only the meeting on this date (15/08/2013, or 2013-08-15).")
@click.option("--committee", default=None, help="Only this committee's meetings.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help=FORMAT_HELP)
def pack(outputs: Path, meeting: Any, committee: str | None, fmt: str) -> None:
    """Make one agenda-pack PDF per meeting from the committee reports in OUTPUTS: a front
    sheet listing the items and their pages, then each report with its appendices, with
    bookmarks and page numbers running through the pack (needs LibreOffice).

    \b
    Example:  committee pack outputs --meeting 15/08/2013
    """
    from pipeline.pack import make_packs
    from pipeline.said_commands import pack_error_json, pack_json, pack_lines

    try:
        made, issues = make_packs(outputs, meeting, committee)
    except PipelineError as error:
        if fmt == "json":
            show_json(pack_error_json(error))
            sys.exit(1)
        fail(error)
    if fmt == "json":
        show_json(pack_json(made, issues))
    else:
        say(pack_lines(made, issues))
    if not made or any(i.severity == "error" for i in issues):
        sys.exit(1)  # nothing could be made, or a problem found (README: exit codes)


__all__ = ["AS_AT_HELP", "FORMAT_HELP", "TITLE_HELP", "document_command", "document_commands",
           "make_and_say", "pack"]
