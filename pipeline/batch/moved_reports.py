"""Committee reports left in the folder of a month their meeting is no longer in.

The batch puts a report in OUTPUTS/<month of its meeting>/<workbook>/ (pipeline.batch.
layout). When a workbook's meeting moves to another month, the next run writes the report
in the new month's folder, and the old one, no longer in the manifest, would stay where a
clerk looks for that month's papers. The batch removes it, with the PDF it made of it,
and says so in the words of its lines for out-of-date agenda packs (pipeline.batch.moved).

Only what the previous run's manifest says the batch itself wrote is removed: the report
at the path it lists, while its contents still have the hash listed (a copy someone has
changed since is left, with a warning), and the PDF it lists beside it; never a file
outside OUTPUTS, a link, or a document of this run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.batch.entries import DocumentEntry, InputEntry, manifest_path, sha256_file
from pipeline.batch.moved import PreviousReport, report_pack
from pipeline.issues import Issue


@dataclass
class MovedReport:
    """A committee report whose meeting moved to another month: the report of an earlier
    run left in the old month's folder, and the files of it the batch removed."""

    old: Path
    now: Path  # the report as this run made it, in the new month's folder
    report: str  # "'Fostering plan' (outputs/2013-09/fostering/report.docx)"
    meeting: str  # "the meeting of <committee> on 12 September 2013"
    removed: list[Path] = field(default_factory=list)

    def to_manifest(self, root: Path) -> dict[str, object]:
        return {"report": manifest_path(self.now, root),
                "removed": [manifest_path(p, root) for p in self.removed]}


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except (OSError, ValueError):
        return False
    return True


def _removable(path: Path, outputs: Path, current: set[Path]) -> bool:
    """A file of an earlier run the batch may remove: in OUTPUTS, not a link, not one of
    this run's documents."""
    return (path.is_file() and not path.is_symlink() and _inside(path, outputs)
            and path.resolve() not in current)


def _moved(doc: DocumentEntry, before: PreviousReport | None) -> bool:
    """Whether the report was made now for a meeting of another month than the last run's
    report of the same workbook (another folder, another meeting's pack)."""
    return (before is not None and not before.held and doc.made and doc.path.is_file()
            and before.path != doc.path and before.pack is not None
            and doc.pack is not None and before.pack != doc.pack)


def remove_moved_reports(
    entries: list[InputEntry], outputs: Path, previous: dict[tuple[str, str], PreviousReport],
) -> tuple[list[MovedReport], list[Issue]]:
    """Remove the report (and its PDF) an earlier run left in the folder of the month its
    meeting was in, for each committee report now for a meeting in another month (after
    `note_packs`). Returns the reports removed and the problems found; a report changed
    since the batch wrote it is left, with a warning on its workbook."""
    from pipeline.kinds import packed

    current = {p.resolve() for e in entries for d in e.documents
               for p in (d.path, d.path.with_suffix(".pdf"))}
    moved: list[MovedReport] = []
    problems: list[Issue] = []
    for entry in entries:
        for doc in entry.documents:
            before = previous.get((entry.name, doc.kind))
            if not packed(doc.kind) or before is None or not _moved(doc, before):
                continue
            if not _removable(before.path, outputs, current) or before.sha256 is None:
                continue
            now = report_pack(doc.path, outputs)
            found = MovedReport(before.path, doc.path,
                                *((now.report, now.meeting) if now
                                  else (str(doc.path), "another meeting")))
            why = f"the report {found.report} is now for {found.meeting}"
            if _changed(before):
                entry.warnings.append(Issue(
                    "write-error", "warning",
                    f"{before.path} is the committee report of an earlier run, out of date "
                    f"({why}), but it was changed after the batch wrote it, so it was left "
                    "as it is. Delete it if it is not to be circulated.",
                    file=str(before.path)))
                continue
            files = [before.path]
            if before.pdf is not None and before.pdf == before.path.with_suffix(".pdf") \
                    and _removable(before.pdf, outputs, current):
                files.append(before.pdf)
            for path in files:
                try:
                    path.unlink()
                    found.removed.append(path)
                except OSError as exc:
                    problems.append(Issue(
                        "write-error", "error",
                        f"The committee report {path} is out of date ({why}) and could not "
                        f"be removed ({exc.strerror or exc}). Close it and delete it, so "
                        "that it is not circulated.", file=str(path)))
            if found.removed:
                moved.append(found)
    return moved, problems


def _changed(before: PreviousReport) -> bool:
    """Whether the report's contents are no longer those the batch wrote."""
    try:
        return sha256_file(before.path) != before.sha256
    except OSError:
        return True


def moved_report_lines(moved: list[MovedReport]) -> list[str]:
    """What the batch says of each report removed from the month its meeting left."""
    lines = []
    for found in moved:
        pdf = [p for p in found.removed if p.suffix.lower() == ".pdf"]
        if found.old not in found.removed:
            what = f"the PDF {pdf[0]} of the out-of-date committee report {found.old}"
        else:
            what = f"the out-of-date committee report {found.old}{' and its PDF' if pdf else ''}"
        lines.append(f"Removed {what} (the report {found.report} is now for {found.meeting})")
    return lines


__all__ = ["MovedReport", "moved_report_lines", "remove_moved_reports"]
