"""The `committee` command: a thin Click layer over the pipeline library.

Only this package imports click. Each command calls library functions that return data,
and the lines the library says (pipeline.said, pipeline.said_commands), which it prints
(pipeline.cli.echo). Heavy libraries (docxtpl, lxml, openpyxl, Pillow) are imported inside
the commands so that `committee --help` starts fast. The commands are in
`pipeline.cli.documents` (one per kind of the registry, the committee report, the agenda
pack), `pipeline.cli.batch` and `pipeline.cli.checking` (check, new, templates, audit).
"""

from __future__ import annotations

import click

from pipeline import __version__
from pipeline.cli.batch import batch
from pipeline.cli.checking import audit, check, new, templates
from pipeline.cli.documents import document_commands, pack
from pipeline.kinds import DOCUMENT_KINDS


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="committee")
def main() -> None:
    pass  # the help text is _main_help(): the documents are listed from the registry.


def _main_help() -> str:
    lines = ["Turn council spreadsheets into committee-ready Word documents.", "", "\b",
             "Documents:"]
    for kind in DOCUMENT_KINDS:
        if kind.command is not None and kind.command.blurb:
            lines.append(f"  {kind.command.name:<11}  {kind.command.blurb}")
    lines += [
        "  pack         one agenda-pack PDF per meeting, from the committee reports made",
        "  batch        every document for every workbook in a folder",
        "Checking:",
        "  check        validate workbooks and say what they hold",
        "  new          a blank workbook to fill in",
        "  templates    check a Word template; list the names it can use",
        "  audit        check a Word document against the accessibility checklist",
    ]
    return "\n".join(lines)


main.help = _main_help()
for _command in (check, new, *document_commands(), pack, batch, templates, audit):
    main.add_command(_command)

__all__ = ["main"]
