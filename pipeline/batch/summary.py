"""What the end of a batch says: the counts, what went in and was written, what was kept,
ignored or removed, the notices (nothing to fix: how the history matched a workbook) and
every problem, in the order a person reads them.

`summary(result, pdf=...)` returns the lines as data (pipeline.said); `committee batch`
prints them (to standard output, or with `err` to standard error) and lists each `Listed`
block's issues. `entry_line` is a workbook's progress line, `annotate_failed` the "- to fix"
copies of the workbooks that failed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.batch.entries import BatchResult, reconciliation
from pipeline.batch.moved import moved_lines
from pipeline.batch.moved_reports import moved_report_lines
from pipeline.said import Line, Listed, Said
from pipeline.text import plural, printable

if TYPE_CHECKING:
    from pipeline.batch.entries import InputEntry




def _counts(result: BatchResult) -> str:
    ok = [e for e in result.inputs if e.status == "ok"]
    dupes = (f"; {plural(len(result.duplicates), 'duplicate')} not made again"
             if result.duplicates else "")
    return (f"{plural(len(ok), 'workbook')}; {len(result.skipped)} skipped (unchanged)"
            f"{dupes}; {len(result.failed)} failed.")


def _made(result: BatchResult) -> list[Line]:
    made = result.made
    if result.dry_run:
        return [Said(f"Dry run: nothing was written. {plural(len(made), 'document')} would be "
                     f"made from {_counts(result)}"),
                *(Said(f"  would make {doc.path}") for doc in made)]
    return [Said(f"{plural(len(made), 'document')} made from {_counts(result)}"),
            *(Said(f"  {line}") for line in reconciliation(made))]


def _files(result: BatchResult, pdf: bool, force: bool) -> list[Line]:
    lines: list[Line] = []
    kept = result.kept
    if kept:
        as_it = "it was" if len(kept) == 1 else "they were"
        would = "would be kept" if result.dry_run else "kept"
        lines.append(Said(f"{plural(len(kept), 'document')} already circulated and unchanged "
                          f"{would} as {as_it}."))
        if force:
            lines.append(Said("  (--force reads every workbook again, but a document that "
                              "would come out the same as the one circulated is not made "
                              "again: delete it to have it made again.)"))
    pdfs = [d for e in result.inputs for d in e.documents if d.pdf_made]
    if pdf and pdfs:
        lines.append(Said(pdfs_made(len(pdfs), sum(not d.made for d in pdfs))))
    removed = [d.pdf_removed for e in result.inputs for d in e.documents if d.pdf_removed]
    if removed:
        theirs = ("its document was" if len(removed) == 1 else "their documents were")
        lines.append(Said(f"{plural(len(removed), 'out-of-date PDF')} removed ({theirs} "
                          f"made again): {', '.join(str(p) for p in removed)}"))
    if result.ignored:
        names = ", ".join(printable(i.path.name) for i in result.ignored)
        lines.append(Said(f"{plural(len(result.ignored), 'file')} ignored: {names}"))
    return lines


def pdfs_made(made: int, earlier: int) -> str:
    """'16 PDFs made (12 for documents made earlier).': every PDF this run made, counting
    those of documents an earlier run made (kept, or skipped unchanged) that had none."""
    if not earlier:
        return f"{plural(made, 'PDF')} made."
    if earlier == made:
        whose = "for a document" if made == 1 else "all for documents"
        return f"{plural(made, 'PDF')} made ({whose} made earlier)."
    whose = "for a document" if earlier == 1 else "for documents"
    return f"{plural(made, 'PDF')} made ({earlier} {whose} made earlier)."


def _notices(result: BatchResult, quiet: bool) -> list[Line]:
    """What the batch tells the clerk that needs no fixing (standard output)."""
    lines: list[Line] = []
    if quiet:
        return lines
    for entry in result.inputs:
        if entry.status != "failed" and entry.notices:
            lines.append(Said(f"{printable(str(entry.path))}: "
                              f"{plural(len(entry.notices), 'notice')}"))
            lines.append(Listed(tuple(entry.notices), indent="    ", err=False))
    return lines


def _problems(result: BatchResult, quiet: bool) -> list[Line]:
    lines: list[Line] = [Listed(tuple(result.problems), verbose_lists_all=False)]
    if not quiet:
        for entry in result.inputs:
            if entry.status != "failed" and entry.warnings:
                lines.append(Said(f"{printable(str(entry.path))}: "
                                  f"{plural(len(entry.warnings), 'warning')}", err=True))
                lines.append(Listed(tuple(entry.warnings), indent="    "))
    if result.failed:
        lines.append(Said("Failed:", err=True))
        for entry in result.failed:
            lines.append(Said(f"  {printable(str(entry.path))}: "
                              f"{plural(len(entry.errors), 'problem')} to fix", err=True))
            lines.append(Listed(tuple(entry.errors), indent="    "))
    return lines


def summary(result: BatchResult, *, pdf: bool = False, quiet: bool = False,
            force: bool = False) -> list[Line]:
    """The end of a batch, as lines: counts and where things are (standard output), then
    notices (standard output), then problems (standard error), then where the manifest
    is."""
    lines = _made(result) + _files(result, pdf, force) + _notices(result, quiet)
    lines += _problems(result, quiet)
    lines += [Said(f"Agenda pack: {pack}") for pack in result.packs]
    moved = {m.pack for m in result.packs_moved}
    lines += [Said(f"Removed the out-of-date agenda pack {pack} (a report of its meeting was "
                   "made again): run with --pdf to make it again")
              for pack in result.packs_removed if pack not in moved]
    lines += [Said(line) for line in moved_lines(result.packs_moved, pdf)]
    lines += [Said(line) for line in moved_report_lines(result.reports_moved)]
    if result.manifest is not None:
        lines.append(Said(f"Manifest: {result.manifest}"))
    return lines


def entry_line(entry: InputEntry, dry_run: bool, inputs: Path) -> str:
    """One input's progress line: what became of it and where its documents went."""
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
        made = ", ".join(d.kind for d in entry.documents if d.made)
        kept = ", ".join(d.kind for d in entry.documents if not d.made)
        what = f"would make: {made}" if made else ("nothing new would be made" if kept
                                                   else "would make")
        what += f"; would keep as circulated: {kept}" if kept else ""
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


def annotate_failed(failed: list[InputEntry]) -> list[Line]:
    """The "- to fix" copy of each workbook that failed, recorded in its manifest entry;
    a line for each copy made or refused."""
    from pipeline.reader.annotate import try_annotate

    lines: list[Line] = []
    for entry in failed:
        written, problem = try_annotate(entry.path, entry.errors + entry.warnings)
        if problem is not None:
            lines.append(Said(problem, err=True))
            continue
        entry.about["annotated"] = str(written) if written else ""
        if written is not None:
            lines.append(Said(f"{entry.path}: problems shown in {written}"))
    return lines


__all__ = ["Line", "Listed", "Said", "annotate_failed", "entry_line", "summary"]
