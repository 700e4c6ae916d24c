"""The `committee` command: a thin Click layer over the pipeline library.

Only this module imports click. Heavy libraries (docxtpl, lxml, openpyxl, Pillow)
are imported inside the commands so that `committee --help` starts fast.
Each command: read -> validate -> domain model -> document model -> render -> write,
through library functions that return data; this module only prints.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from pipeline import __version__
from pipeline.issues import Issue, PipelineError
from pipeline.kinds import DOCUMENT_KINDS, INPUT_NAMES, TEMPLATE_KINDS, DocumentKind
from pipeline.text import plural

F = TypeVar("F", bound=Callable[..., Any])


FLOOD_SHOWN = 5  # issues of one kind printed before "and 11,995 more like it"


def echo_issues(issues: Iterable[Issue], *, indent: str = "  ", err: bool = False,
                every: bool = False) -> None:
    """Print issues one per line, errors first, in plain English. Of many issues of one kind
    (code and sheet), the first few are printed and then how many more (all with `every`)."""
    from pipeline.text import printable

    ordered = sorted(issues, key=lambda i: {"error": 0, "warning": 1, "notice": 2}[i.severity])
    kinds: dict[tuple[str, str, str | None], int] = {}
    for issue in ordered:
        key = (issue.severity, issue.code, issue.sheet)
        kinds[key] = kinds.get(key, 0) + 1
    shown: dict[tuple[str, str, str | None], int] = {}
    for issue in ordered:
        key = (issue.severity, issue.code, issue.sheet)
        shown[key] = shown.get(key, 0) + 1
        n = shown[key]
        if every or kinds[key] <= FLOOD_SHOWN + 1 or n <= FLOOD_SHOWN:
            click.echo(printable(f"{indent}{issue.describe()}"), err=err)
        elif n == FLOOD_SHOWN + 1:
            more = kinds[key] - FLOOD_SHOWN
            click.echo(f"{indent}... and {more:,} more like it (add -v to see them all)",
                       err=err)


def _echo_summarised(lines: list[tuple[str, str]], *, every: bool = False,
                     indent: str = "  ") -> None:
    """(kind, text) lines, the first few of each kind, then how many more like it."""
    total: dict[str, int] = {}
    for kind, _ in lines:
        total[kind] = total.get(kind, 0) + 1
    seen: dict[str, int] = {}
    for kind, text in lines:
        seen[kind] = seen.get(kind, 0) + 1
        if every or total[kind] <= FLOOD_SHOWN + 1 or seen[kind] <= FLOOD_SHOWN:
            click.echo(f"{indent}{text}")
        elif seen[kind] == FLOOD_SHOWN + 1:
            click.echo(f"{indent}... and {total[kind] - FLOOD_SHOWN:,} more like it "
                       "(add -v to see them all)")


def fail(error: PipelineError, *, every: bool = False) -> NoReturn:
    """The error and its located issues on stderr; exit 1."""
    click.echo(f"Error: {error.message}", err=True)
    # An issue that only repeats the headline (no location of its own) is not printed twice.
    echo_issues((i for i in error.issues if i.location() or i.message not in error.message),
                err=True, every=every)
    sys.exit(1)


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
        "  report       the committee report: numbered cover report, then its appendices",
        "  pack         one agenda-pack PDF per meeting, from the committee reports made",
        "  batch        every document for every workbook in a folder",
        "Checking:",
        "  check        validate workbooks and say what they hold",
        "  new          a blank workbook to fill in",
        "  templates    check a Word template; list the names it can use",
    ]
    return "\n".join(lines)


main.help = _main_help()


# --- commands are added below, one section each ----------------------------------------------
_TITLE_HELP = ("The title to use (a CSV file has no Details sheet; without it the title "
               "comes from the file name). Wins over the Details sheet's.")
_AS_AT_HELP = ("The date the position is given at, e.g. 31/07/2013 or 'July 2013' (a CSV "
               "file has no Details sheet). Wins over the Details sheet's.")
_title_option = click.option("--title", default=None, help=_TITLE_HELP)
_as_at_option = click.option("--as-at", "as_at", default=None, help=_AS_AT_HELP)



# --- check ------------------------------------------------------------------------------------
@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="Plain English for people, or JSON for other programs.",
)
@click.option("--notices/--no-notices", default=False, help="Also list ignored columns and rows.")
@click.option("--annotate", is_flag=True,
              help='Also write "<name> - to fix.xlsx" beside each workbook with problems: the '
                   "problem cells filled red (errors) or amber (warnings), with a comment, and "
                   "a first sheet listing them.")
@click.option("--quiet", "-q", is_flag=True, help="Print only each file's verdict.")
@click.option("--verbose", "-v", is_flag=True, help="Print every problem, even many of one kind.")
@_title_option
@_as_at_option
def check(files: tuple[Path, ...], fmt: str, notices: bool, annotate: bool, quiet: bool,
          verbose: bool, title: str | None, as_at: str | None) -> None:
    """Validate workbooks (.xlsx, .xlsm, .csv) and say what each holds.

    Exits 0 when every file is valid, 1 otherwise.
    """
    import json

    from pipeline.check import check_file
    from pipeline.reader import Given

    checks = [check_file(f, Given(title, as_at)) for f in files]
    shown = _annotate_checks(checks) if annotate else {}
    if fmt == "json":
        data = {"files": [c.to_dict() | ({"annotated": str(shown[i][0])} if i in shown else {})
                          for i, c in enumerate(checks)]}
        click.echo(json.dumps(_printable(data), indent=2, ensure_ascii=False))
    else:
        for index, c in enumerate(checks):
            report = c.result.report
            name = _printable(str(c.path))
            if c.valid:
                click.echo(f"{name}: valid")
                for line in c.summary_lines():
                    click.echo(f"  {line}")
            else:
                n = len(report.errors)
                click.echo(f"{name}: {plural(n, 'problem')} to fix")
            if not quiet:
                echo_issues(report.errors + report.warnings
                            + (report.notices if notices else []), every=verbose)
            if index in shown:
                click.echo(f"  {shown[index][1]} shown in {shown[index][0]}")
        bad = sum(1 for c in checks if not c.valid)
        if len(checks) > 1:
            click.echo(f"{len(checks) - bad} of {len(checks)} files valid.")
    sys.exit(0 if all(c.valid for c in checks) else 1)


def _annotate_checks(checks: list[Any]) -> dict[int, tuple[Path, str]]:
    """Write the "- to fix" copy of each checked workbook with errors or warnings: for each,
    where it went and what it shows ("1 error and 2 warnings")."""
    from pipeline.reader.annotate import annotate_workbook

    shown: dict[int, tuple[Path, str]] = {}
    for index, c in enumerate(checks):
        report = c.result.report
        try:
            written = annotate_workbook(c.path, report.issues)
        except PipelineError as error:
            click.echo(f"{c.path}: {error.message}", err=True)
            continue
        if written is not None:
            said = [plural(n, what) for n, what in ((len(report.errors), "error"),
                                                    (len(report.warnings), "warning")) if n]
            shown[index] = (written, " and ".join(said))
    return shown


# --- new --------------------------------------------------------------------------------------
@main.command()
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

    try:
        written = write_blank_workbook(kind, path, force=force)
    except PipelineError as error:
        fail(error)
        return
    if quiet:
        click.echo(str(written))
        return
    click.echo(f"Created {written}: a blank {kind} workbook.")
    click.echo("Read its Instructions sheet, fill it in (delete the example row), then check "
               "it with:")
    click.echo(f"  committee check {_quoted(str(written))}")


def _quoted(name: str) -> str:
    """A file name as it can be pasted into a command line (Windows or not)."""
    plain = all(ch.isalnum() or ch in "-_./\\:" for ch in name)
    return name if plain else '"' + name.replace('"', '\\"') + '"'


# --- plan, briefing, performance, response: one command per kind of the registry -------------
class _Count(int):
    """A count in a `said` line: "{c[actions]:~action}" prints "1 action" or "2 actions"
    ("~priority|priorities" for an irregular plural)."""

    def __format__(self, spec: str) -> str:
        if spec.startswith("~"):
            one, _, many = spec[1:].partition("|")
            return plural(int(self), one, many or None)
        return format(int(self), spec)


class _Counts(dict):
    """Counts for a `said` line: a key the document does not have reads 0."""

    def __init__(self, counts: dict[str, int]) -> None:
        super().__init__({k: _Count(v) for k, v in counts.items()})

    def __missing__(self, key: str) -> int:
        return _Count(0)


def _echo_issues_by_file(issues: Iterable[Issue], *, every: bool = False) -> None:
    """Issues grouped under the file they are in (a document made from several workbooks),
    on stderr."""
    by_file: dict[str, list[Issue]] = {}
    for issue in issues:
        by_file.setdefault(issue.file, []).append(issue)
    for name, group in by_file.items():
        if name:
            click.echo(f"  {name}:", err=True)
        echo_issues(group, indent="    " if name else "  ", err=True, every=every)


def _flag_param(flag: str) -> str:
    return flag.lstrip("-").replace("-", "_")


def _issue_list(issues: Iterable[Issue]) -> list[dict[str, Any]]:
    return [_printable(i.to_dict()) for i in issues]


def make_and_say(kind: DocumentKind, workbook: Path, out: Path | None, template: Path | None,
                 extras: dict[str, Path | None], *, fmt: str = "text", quiet: bool = False,
                 verbose: bool = False, details: Any = None) -> None:
    """Make one document and say where it went and what it holds (stdout); its warnings,
    or the problems that stopped it, go to stderr. `fmt="json"` prints one JSON object on
    stdout instead. A kind made from several workbooks lists issues under each file."""
    import json

    from pipeline.run_document import make_document

    several = any(p is not None for p in extras.values())  # workbooks given, not declared
    try:
        run = make_document(kind.name, workbook, out, extras=extras, template=template,
                            details=details)
    except PipelineError as error:
        if fmt == "json":
            click.echo(json.dumps({"kind": kind.name, "path": None, "error": error.message,
                                   "errors": _issue_list(error.issues)},
                                  indent=2, ensure_ascii=False))
            sys.exit(1)
        if not several:
            fail(error, every=verbose)
        click.echo(f"Error: {error.message}", err=True)
        _echo_issues_by_file(error.issues, every=verbose)
        sys.exit(1)
    counts = {"e": _Counts(run.expected), "w": _Counts(run.written), "c": _Counts(run.counts)}
    if fmt == "json":
        data = {"kind": kind.name, "path": str(run.path), "replaced": run.replaced,
                "sha256": run.sha256, "in": run.expected, "written": run.written,
                "sources": {k: str(v) for k, v in run.sources.items()},
                "warnings": _issue_list(run.warnings)}
        click.echo(json.dumps(_printable(data), indent=2, ensure_ascii=False))
        return
    if not quiet:
        if several:
            _echo_issues_by_file(run.warnings, every=verbose)
        else:
            echo_issues(run.warnings, err=True, every=verbose)
    click.echo(f"{'Replaced' if run.replaced else 'Wrote'} {run.path}")
    if quiet:
        return
    assert kind.command is not None
    for line in kind.command.said:
        click.echo(line.format_map(counts))
    for extra in kind.extras:
        source = run.sources.get(extra.name)
        if extra.said and source is not None:
            click.echo(extra.said.format_map({**counts, "source": source}))


_FORMAT_HELP = "Plain English for people, or JSON for other programs."


def _document_command(kind: DocumentKind) -> click.Command:
    """`committee <kind>`, with its variants' flags and its extra workbooks as options."""
    assert kind.command is not None
    variants = [k for k in DOCUMENT_KINDS
                if k.command is not None and k.command.name == kind.command.name
                and k.command.flag]
    existing = click.Path(path_type=Path, exists=True, dir_okay=False)
    params: list[click.Parameter] = [click.Argument(["workbook"], type=existing)]
    params += [click.Option([v.command.flag], is_flag=True, help=v.command.flag_help)
               for v in variants if v.command is not None]
    extras = {x.name: x for v in (kind, *variants) for x in v.extras}
    params += [click.Option([x.option], type=existing, help=x.help) for x in extras.values()]
    params += [
        # A str, not a Path: "DIR/" must keep its slash to say it is a folder.
        click.Option(["-o", "--output", "out"], type=click.Path(),
                     help=f"Where to write the .docx (default: {kind.command.output_hint}); "
                          "a folder (DIR/) puts it there under its usual name."),
        click.Option(["--template"], type=click.Path(path_type=Path, dir_okay=False),
                     help=f"A Word template to use instead of the standard {kind.template}."),
        click.Option(["--format", "fmt"], type=click.Choice(["text", "json"]), default="text",
                     show_default=True, help=_FORMAT_HELP),
        click.Option(["--quiet", "-q"], is_flag=True,
                     help="Print only where the document went (and any error)."),
        click.Option(["--title"], default=None, help=_TITLE_HELP),
        click.Option(["--as-at", "as_at"], default=None, help=_AS_AT_HELP),
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


for _kind in DOCUMENT_KINDS:
    if _kind.command is not None and not _kind.command.flag:
        main.add_command(_document_command(_kind))


# --- committee report -------------------------------------------------------------------------
_WORKBOOK = click.Path(path_type=Path, exists=True, dir_okay=False)


def appendix_lines(expected: dict[str, int], written: dict[str, int]) -> list[str]:
    """'Appendix A – Improvement plan: 52 actions and 27 recommendations in, 52 and 27
    written', one line for each appendix the report holds, lettered as the report letters
    them."""
    from pipeline.documents.report import APPENDIX_NAMES, DASH

    counted = {"plan": (("actions", "actions"), ("recommendations", "recommendations")),
               "indicators": (("indicators", "indicators"),),
               "response": (("scrutiny_recommendations", "recommendations"),)}
    lines: list[str] = []
    for part, keys in counted.items():
        if keys[0][0] not in expected:
            continue
        letter = chr(ord("A") + len(lines))
        went_in = " and ".join(f"{expected[k]} {name}" for k, name in keys)
        came_out = " and ".join(str(written.get(k, 0)) for k, _ in keys)
        lines.append(f"Appendix {letter} {DASH} {APPENDIX_NAMES[part]}: {went_in} in, "
                     f"{came_out} written")
    return lines


@main.command()
@click.argument("workbook", type=_WORKBOOK)
@click.option("--indicators", type=_WORKBOOK, help="A workbook of indicators: the Performance "
              "report appendix (default: an Indicators sheet in WORKBOOK, if it has one).")
@click.option("--response", type=_WORKBOOK, help="A cabinet response workbook: its appendix "
              "(default: a Recommendations sheet in WORKBOOK, if it has one).")
@click.option("--previous", type=_WORKBOOK, help="The plan workbook of the last report: the "
              "summary adds what changed since then.")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path, dir_okay=False),
              help="Where to write the .docx (default: "
              "outputs/report-<title>-<meeting date>.docx).")
@click.option("--template", type=click.Path(path_type=Path, dir_okay=False),
              help="A Word template to use instead of the standard committee-report.docx.")
def report(workbook: Path, indicators: Path | None, response: Path | None,
           previous: Path | None, out: Path | None, template: Path | None) -> None:
    """Make the committee report: a numbered cover report from WORKBOOK's Details sheet,
    then the plan, performance report and cabinet response as appendices.

    \b
    Example:  committee report plan.xlsx --indicators indicators.xlsx
    Exits 1, writing nothing, when any workbook given has problems to fix.
    """
    from pipeline.run_document import make_document

    extras = {"indicators": indicators, "response": response, "previous": previous}
    try:
        made = make_document("report", workbook, out, extras=extras, template=template)
    except PipelineError as error:
        click.echo(f"Error: {error.message}", err=True)
        _echo_issues_by_file(error.issues)
        sys.exit(1)
    _echo_issues_by_file(made.warnings)
    click.echo(f"Wrote {made.path}")
    e, w = made.expected, made.written
    click.echo(f"Recommendations: {e['report_recommendations']} in, "
               f"{w['report_recommendations']} written")
    for line in appendix_lines(e, w):
        click.echo(line)


# --- agenda pack ------------------------------------------------------------------------------
@main.command()
@click.argument("outputs", required=False, default="outputs",
                type=click.Path(path_type=Path, file_okay=False))
@click.option("--meeting", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Only the meeting on this date (YYYY-MM-DD).")
@click.option("--committee", default=None, help="Only this committee's meetings.")
def pack(outputs: Path, meeting: Any, committee: str | None) -> None:
    """Make one agenda-pack PDF per meeting from the committee reports in OUTPUTS: a front
    sheet listing the items and their pages, then each report with its appendices, with
    bookmarks and page numbers running through the pack (needs LibreOffice).

    \b
    Example:  committee pack outputs --meeting 2013-08-15
    """
    from pipeline.pack import make_packs

    try:
        made, issues = make_packs(outputs, meeting.date() if meeting else None, committee)
    except PipelineError as error:
        fail(error)
    echo_issues(issues)
    for p in made:
        n = len(p.items)
        click.echo(f"Wrote {p.path}: {p.committee}, {p.meeting}; "
                   f"{plural(n, 'item')}, {plural(p.total_pages, 'page')}")
    if not made:
        click.echo("No agenda pack was made: no committee report matched." if not issues
                   else "No agenda pack was made.")
    if any(i.severity == "error" for i in issues):
        sys.exit(1)


# --- batch ------------------------------------------------------------------------------------
@main.command()
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
    the as-at date's, else today's. Other files (Excel's ~$ lock files, .docx, notes) are
    listed as ignored.
    A workbook unchanged since the last run is skipped; a workbook with problems is listed
    with them and the others are still made. OUTPUTS/manifest.json records the run.
    Exits 1 when any workbook failed, 0 otherwise.
    """
    import json

    from pipeline.batch.run import BatchInterrupted, run_batch

    quiet = quiet or fmt == "json"
    bar: Any = None

    def show(entry: Any, done: int, total: int) -> None:
        nonlocal bar
        if quiet:
            return
        if sys.stdout.isatty():
            if bar is None:
                bar = click.progressbar(length=total, label="Making documents",
                                        show_pos=True, item_show_func=lambda s: s)
                bar.__enter__()
            bar.update(1, entry.path.name)
            return
        click.echo(f"[{done}/{total}] {_batch_line(entry, dry_run, inputs)}")

    def close_bar() -> None:
        if bar is not None:
            bar.__exit__(None, None, None)

    try:
        result = run_batch(inputs, outputs, jobs=jobs, pdf=pdf, force=force, dry_run=dry_run,
                           templates_dir=templates_dir, progress=show,
                           notice=None if quiet else lambda text: click.echo(text, err=True))
    except PipelineError as error:
        close_bar()
        fail(error)
    except BatchInterrupted as stop:
        close_bar()
        said = (f" What was finished is in {stop.manifest}." if stop.manifest else "")
        click.echo("\nStopped. Every document already made is whole; run the batch again to "
                   f"finish the rest.{said}", err=True)
        sys.exit(130)
    close_bar()
    if bar is not None:  # the bar showed only names: now each workbook's line, in order
        for entry in result.inputs:
            click.echo(_batch_line(entry, dry_run, inputs))
    if annotate:
        _annotate_failed(result.failed)
    if fmt == "json":
        click.echo(json.dumps(_printable(result.to_manifest()), indent=2, ensure_ascii=False))
        sys.exit(result.exit_code)
    _batch_summary(result, pdf=pdf, quiet=quiet, verbose=verbose)
    sys.exit(result.exit_code)


def _printable(data: Any) -> Any:
    """The manifest with every string valid text (a file name's stray bytes as U+FFFD)."""
    from pipeline.text import printable

    if isinstance(data, str):
        return printable(data)
    if isinstance(data, dict):
        return {printable(str(k)): _printable(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_printable(v) for v in data]
    return data


def _batch_line(entry: Any, dry_run: bool, inputs: Path) -> str:
    """One input's progress line: what became of it and where its documents went."""
    from pipeline.text import printable

    kinds = ", ".join(d.kind for d in entry.documents)
    folders = ", ".join(str(f) for f in entry.folders)
    if entry.status == "failed":
        what = f"FAILED ({plural(len(entry.errors), 'problem')})"
        if entry.documents:
            what += f"; made: {kinds} in {folders}"
    elif entry.status == "skipped":
        what = f"skipped, unchanged ({folders})" if folders else "skipped, unchanged"
    elif entry.status == "duplicate":
        what = f"not made again: {entry.note}"
    elif dry_run:
        what = "would make" + (f": {kinds}" if kinds else "")
        what += f" in {folders}" if folders else ""
    else:
        made = ", ".join(d.kind for d in entry.documents if d.made)
        kept = ", ".join(d.kind for d in entry.documents if not d.made)
        what = f"made: {made}" if made else "nothing new to make"
        what += f"; kept as circulated: {kept}" if kept else ""
        what += f" in {folders}" if folders else ""
        if entry.template_errors:
            what += f" ({plural(len(entry.template_errors), 'template problem')})"
    try:
        name = entry.path.relative_to(inputs).as_posix()
    except ValueError:
        name = entry.path.name
    return f"{printable(name)}: {what}"


def _annotate_failed(failed: list[Any]) -> None:
    from pipeline.reader.annotate import annotate_workbook

    for entry in failed:
        try:
            written = annotate_workbook(entry.path, entry.errors + entry.warnings)
        except PipelineError as error:
            click.echo(f"{entry.path}: {error.message}", err=True)
            continue
        entry.about["annotated"] = str(written) if written else ""
        if written is not None:
            click.echo(f"{entry.path}: problems shown in {written}")


def _batch_summary(result: Any, *, pdf: bool, quiet: bool, verbose: bool) -> None:
    """The end of a batch (pipeline.batch.summary): counts and where things are on stdout,
    problems on stderr."""
    from pipeline.batch.summary import Said, summary

    for line in summary(result, pdf=pdf, quiet=quiet):
        if isinstance(line, Said):
            click.echo(line.text, err=line.err)
        else:
            echo_issues(line.issues, indent=line.indent, err=line.err,
                        every=verbose and line.verbose_lists_all)


# --- templates --------------------------------------------------------------------------------
_TEMPLATE_KINDS = list(TEMPLATE_KINDS)


@main.group()
def templates() -> None:
    """Check a council's Word templates, and list the names a template can use.

    \b
    Examples:
      committee templates check our-plan.docx --kind plan
      committee templates vars briefing
    The guide for restyling templates in Word is docs/templates.md.
    """


@templates.command("check")
@click.argument("template_file", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option(
    "--kind", type=click.Choice(_TEMPLATE_KINDS),
    help="Which document the template is for (default: guessed from the file name: "
    "improvement-plan/plan, briefing, performance, response/cabinet).",
)
@click.option("--quiet", "-q", is_flag=True, help="Print only the verdict.")
@click.option("--verbose", "-v", is_flag=True,
              help="Print every problem, even many of one kind.")
def templates_check(template_file: Path, kind: str | None, quiet: bool, verbose: bool) -> None:
    """Check TEMPLATE_FILE (.docx) before using it: broken {{ }} / {% %} fields, names the
    document does not provide, a missing {{ body }} paragraph.

    Exits 0 when the template is fine, 1 otherwise.
    """
    from pipeline.render.lint import guess_kind, lint_template

    kind = kind or guess_kind(template_file)
    if kind is None:
        click.echo(
            f"Error: cannot tell from the name {template_file.name} which document it is for. "
            f"Add --kind with one of: {', '.join(_TEMPLATE_KINDS)}.", err=True,
        )
        sys.exit(2)
    result = lint_template(template_file, kind)
    errors = result.report.errors
    if not errors:
        click.echo(f"{template_file}: no problems found (checked as a {kind} template)")
    else:
        click.echo(f"{template_file}: {plural(len(errors), 'problem')} to fix "
                   f"(checked as a {kind} template)")
    if not quiet:
        echo_issues(result.report, every=verbose)
    sys.exit(0 if result.ok else 1)


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

    try:
        copied = copy_templates(folder, force=force)
    except PipelineError as error:
        fail(error)
    for path in copied:
        click.echo(f"Wrote {path}")
    click.echo(f"{plural(len(copied), 'template')} copied to {folder}. Restyle them in Word "
               "and keep their names; see docs/templates.md.")


@templates.command("vars")
@click.argument("kind", type=click.Choice(_TEMPLATE_KINDS))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "markdown"]), default="text",
    show_default=True, help="A plain list, or the Markdown table of docs/templates.md.",
)
def templates_vars(kind: str, fmt: str) -> None:
    """List the names KIND's templates can use ({{ name }}), their type and what they hold."""
    from pipeline.render.context import (
        KIND_TITLES,
        design_fields_text,
        template_variables,
        vars_reference,
    )

    if fmt == "markdown":
        click.echo(vars_reference(kind), nl=False)
        return
    variables = template_variables(kind)
    click.echo(f"{KIND_TITLES[kind]}: a template can use")
    width = max(len(name) for name in variables)
    for var in variables.values():
        click.echo(f"  {var.name.ljust(width)}  {var.type:<5}  {var.description}")
    click.echo(design_fields_text(kind), nl=False)
    click.echo("Filters such as {{ as_at | long_date }}: see docs/templates.md.")


# --- audit ------------------------------------------------------------------------------------
@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="Plain English for people, or JSON for other programs.",
)
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
    import json

    from pipeline.audit import audit_document, describe, finding_dict

    failed = 0
    results: list[dict[str, object]] = []
    for path in files:
        try:
            findings = audit_document(path)
        except PipelineError as error:
            failed += 1
            results.append({"path": str(path), "error": error.message, "findings": []})
            if fmt == "text":
                click.echo(f"{path}: {error.message}", err=True)
            continue
        if findings:
            failed += 1
        results.append({"path": str(path), "findings": [finding_dict(f) for f in findings]})
        if fmt == "text":
            if not findings:
                click.echo(f"{path}: no accessibility problems found")
                continue
            click.echo(f"{path}: {plural(len(findings), 'accessibility problem')}")
            if not quiet:
                _echo_summarised([(f.code, describe(f)) for f in findings], every=verbose)
    if fmt == "json":
        click.echo(json.dumps({"files": results}, indent=2, ensure_ascii=False))
    sys.exit(1 if failed else 0)
