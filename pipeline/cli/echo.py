"""Printing what the library says (pipeline.said): lines to standard output or error, the
issues under them, and the error that stops a command."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import NoReturn

import click

from pipeline.issues import PipelineError
from pipeline.said import Line, Listed, Said, error_lines, issue_lines


def say(lines: Iterable[Line], *, verbose: bool = False) -> None:
    """Print each line; a `Listed` block's issues one per line (all of them with -v)."""
    for line in lines:
        if isinstance(line, Said):
            click.echo(line.text, err=line.err)
        elif isinstance(line, Listed):
            for text in issue_lines(line.issues, indent=line.indent,
                                    every=verbose and line.verbose_lists_all):
                click.echo(text, err=line.err)


def fail(error: PipelineError, *, verbose: bool = False, several_files: bool = False,
         code: int = 1) -> NoReturn:
    """The error and its located issues on standard error; exit 1."""
    say(error_lines(error, several_files=several_files), verbose=verbose)
    sys.exit(code)


def show_json(data: object) -> None:
    import json

    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


__all__ = ["fail", "say", "show_json"]
