"""The end of a batch run: each document's PDF (made, or found beside it as new as the
document), one agenda pack per meeting of the committee reports made, and the manifest."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pipeline.batch.entries import BatchResult, DocumentEntry, InputEntry
from pipeline.batch.moved import MovedPack, PreviousReport
from pipeline.issues import Issue


def note_pdfs(entries: list[InputEntry]) -> None:
    """A document's PDF beside it, when it is as new as the document."""
    for entry in entries:
        for doc in entry.documents:
            pdf_path = doc.path.with_suffix(".pdf")
            if doc.pdf is None and pdf_path.is_file() and (
                pdf_path.stat().st_mtime >= doc.path.stat().st_mtime
            ):
                doc.pdf = pdf_path


def manifest_problem(outputs: Path, exc: OSError) -> Issue:
    return Issue(
        "write-error", "error",
        f"The documents were made but the manifest {outputs / 'manifest.json'} could not be "
        f"written ({exc.strerror or exc}). Check the disk is not full, then run the batch "
        "again.",
        file=str(outputs / "manifest.json"),
    )


def make_pdfs(entries: list[InputEntry], outputs: Path,
               notice: Callable[[str], None] | None = None) -> list[Issue]:
    """PDFs for every document of the run that has none, or an older one."""
    from pipeline.batch.pdf import convert_to_pdf

    wanted: dict[Path, DocumentEntry] = {}
    for entry in entries:
        if entry.status == "failed" and not entry.documents:
            continue
        for doc in entry.documents:
            pdf_path = doc.path.with_suffix(".pdf")
            if doc.path.is_file() and (
                doc.made or not pdf_path.is_file()
                or pdf_path.stat().st_mtime < doc.path.stat().st_mtime
            ):
                wanted[doc.path] = doc
    result = convert_to_pdf(list(wanted), notice=notice)
    for docx, pdf_path in result.made.items():
        wanted[docx].pdf = pdf_path
        wanted[docx].pdf_made = True
    problems: list[Issue] = []
    by_file = {str(d.path): e for e in entries for d in e.documents}
    for issue in result.problems:
        owner = by_file.get(issue.file)
        if owner is not None:
            owner.warnings.append(issue)
        else:
            problems.append(issue)
    return problems


def write_run_manifest(outputs: Path, result: BatchResult) -> Path:
    from pipeline.batch.manifest import write_manifest

    return write_manifest(outputs, result.to_manifest())


def remove_stale_packs(entries: list[InputEntry], outputs: Path) -> tuple[list[Path], list[Issue]]:
    """The agenda pack of every meeting one of whose committee reports was made again is
    out of date: it is removed (the batch with --pdf then makes it again), so that an old
    pack is never circulated. Returns the packs removed and the problems found."""
    from pipeline.kinds import packed
    from pipeline.pack import pack_of

    removed: list[Path] = []
    problems: list[Issue] = []
    for entry in entries:
        for doc in entry.documents:
            if not (doc.made and packed(doc.kind) and doc.path.is_file()):
                continue
            pack = doc.pack if doc.pack is not None else pack_of(doc.path, outputs)
            if pack is None or pack in removed or not pack.is_file():
                continue
            try:
                pack.unlink()
                removed.append(pack)
            except OSError as exc:
                problems.append(Issue(
                    "write-error", "error",
                    f"The agenda pack {pack} is out of date ({doc.path} was made again) and "
                    f"could not be removed ({exc.strerror or exc}). Close it and delete it, "
                    "or run the batch with --pdf to make it again, so that it is not "
                    "circulated.", file=str(pack)))
    return removed, problems


def make_agenda_packs(entries: list[InputEntry], outputs: Path) -> tuple[list[Path], list[Issue]]:
    """One agenda pack per meeting of the run's committee reports: where each went, and the
    problems found."""
    from pipeline.documents.report_readback import NO_AGENDA_NUMBER
    from pipeline.kinds import packed
    from pipeline.pack import make_packs

    sources = {d.path: e.path for e in entries for d in e.documents
               if packed(d.kind) and d.path.is_file()}
    made, issues = make_packs(outputs, reports=list(sources), sources=sources)
    # A report with no agenda number: its workbook's warnings have said so already.
    warned = {str(e.path) for e in entries
              if any(NO_AGENDA_NUMBER in w.message for w in e.warnings)}
    issues = [i for i in issues if not (i.column == "Agenda item" and i.file in warned)]
    return [p.path for p in made], issues


def settle_packs(
    entries: list[InputEntry], outputs: Path, previous: dict[tuple[str, str], PreviousReport],
    pdf: bool,
) -> tuple[list[Path], list[Path], list[MovedPack], list[Issue]]:
    """The agenda packs at the end of a run: each report's pack noted (for the manifest),
    every pack out of date removed (one of its reports was made again, or one is now for
    another meeting: pipeline.batch.moved), then with --pdf every meeting's pack made.
    Returns the packs made, those removed and not made again, those that listed a report
    now for another meeting, and the problems found."""
    from pipeline.batch.moved import find_moved, note_packs, remove_moved

    note_packs(entries, outputs, previous)
    moved = find_moved(entries, outputs, previous)  # before the stale ones are removed
    stale, problems = remove_stale_packs(entries, outputs)
    problems += remove_moved(moved)
    packs: list[Path] = []
    if pdf:  # one agenda pack per meeting of the committee reports
        packs, pack_issues = make_agenda_packs(entries, outputs)
        problems += pack_issues
        for found in moved:
            found.made_again = found.pack in packs
    removed = [p for p in dict.fromkeys([*stale, *(m.pack for m in moved)]) if p not in packs]
    return packs, removed, moved, problems


__all__ = ["make_agenda_packs", "make_pdfs", "manifest_problem", "note_pdfs",
           "remove_stale_packs", "settle_packs", "write_run_manifest"]
