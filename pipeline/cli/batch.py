"""`committee batch`: every document for every workbook in a folder, with a progress line
(or bar, on a terminal) for each workbook and the summary at the end."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from pipeline.cli.echo import fail, say, show_json
from pipeline.issues import PipelineError


class _Progress:
    """A bar on a terminal (the names only; each workbook's line once it is done), else a
    line for each workbook as it finishes; nothing when quiet."""

    def __init__(self, quiet: bool, dry_run: bool, inputs: Path) -> None:
        self.quiet, self.dry_run, self.inputs = quiet, dry_run, inputs
        self.bar: Any = None

    def show(self, entry: Any, done: int, total: int) -> None:
        from pipeline.batch.summary import entry_line

        if self.quiet:
            return
        if sys.stdout.isatty():
            if self.bar is None:
                self.bar = click.progressbar(length=total, label="Making documents",
                                             show_pos=True, item_show_func=lambda s: s)
                self.bar.__enter__()
            self.bar.update(1, entry.path.name)
            return
        click.echo(f"[{done}/{total}] {entry_line(entry, self.dry_run, self.inputs)}")

    def close(self, entries: list[Any] | None = None) -> None:
        """End the bar; then, when there was one, each workbook's line, in order."""
        from pipeline.batch.summary import entry_line

        if self.bar is None:
            return
        self.bar.__exit__(None, None, None)
        for entry in entries or []:
            click.echo(entry_line(entry, self.dry_run, self.inputs))


@click.command()
@click.argument("inputs", required=False, default="inputs", type=click.Path(path_type=Path))
@click.argument("outputs", required=False, default="outputs", type=click.Path(path_type=Path))
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Workbooks made at the same time (default: the number of processor cores).")
@click.option("--pdf", is_flag=True, help="Also make a PDF beside each document (LibreOffice).")
@click.option("--force", is_flag=True,
              help="Read and make every workbook again, even unchanged ones. Documents already "
                   "made from the same workbook and template are still kept as circulated; "
                   "delete one to have it made again.")
@click.option("--dry-run", is_flag=True,
              help="Check every workbook and say what would be made; write nothing.")
@click.option("--templates", "templates_dir", type=click.Path(path_type=Path, file_okay=False),
              help="A folder of the council's Word templates (standard names; any missing "
                   "one falls back to the standard template).")
@click.option("--annotate", is_flag=True,
              help='Also write "<name> - to fix.xlsx" beside each workbook that failed, showing '
                   "its problems in Excel (see committee check --annotate).")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="Plain English for people, or the manifest as JSON on standard output for other "
         "programs.",
)
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary at the end.")
@click.option("--verbose", "-v", is_flag=True,
              help="Print every warning, even many of one kind.")
def batch(inputs: Path, outputs: Path, jobs: int | None, pdf: bool, force: bool, dry_run: bool,
          templates_dir: Path | None, annotate: bool, fmt: str, quiet: bool,
          verbose: bool) -> None:
    """Make every document for every workbook in INPUTS (default inputs) into OUTPUTS
    (default outputs).

    \b
    Example:  committee batch inputs outputs --pdf
    Reads every .xlsx, .xlsm and .csv in INPUTS (not in folders named archive) and writes
    OUTPUTS/<YYYY-MM>/<workbook>/<kind>.docx, where the month is the meeting date's, else
    the as-at date's, else today's. Spreadsheets it cannot read (.xls, .ods) fail, saying
    how to save them as .xlsx; other files (Excel's ~$ lock files, .docx, notes) are listed
    as ignored.
    A workbook unchanged since the last run is skipped; a workbook with problems is listed
    with them and the others are still made. OUTPUTS/manifest.json records the run.
    Exits 1 when any workbook failed, 0 otherwise.
    """
    from pipeline.batch.run import BatchInterrupted, run_batch
    from pipeline.batch.summary import annotate_failed, summary
    from pipeline.said import printable_data

    quiet = quiet or fmt == "json"
    progress = _Progress(quiet, dry_run, inputs)
    try:
        result = run_batch(inputs, outputs, jobs=jobs, pdf=pdf, force=force, dry_run=dry_run,
                           templates_dir=templates_dir, progress=progress.show,
                           notice=None if quiet else lambda text: click.echo(text, err=True))
    except PipelineError as error:
        progress.close()
        fail(error)
    except BatchInterrupted as stop:
        progress.close()
        said = (f" What was finished is in {stop.manifest}." if stop.manifest else "")
        click.echo("\nStopped. Every document already made is whole; run the batch again to "
                   f"finish the rest.{said}", err=True)
        sys.exit(130)
    progress.close(result.inputs)
    if annotate:
        say(annotate_failed(result.failed))
    if fmt == "json":
        show_json(printable_data(result.to_manifest()))
    else:
        say(summary(result, pdf=pdf, quiet=quiet, force=force), verbose=verbose)
    sys.exit(result.exit_code)


__all__ = ["batch"]
