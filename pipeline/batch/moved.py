"""Agenda packs left listing a report that is now for another meeting.

When a workbook's meeting date (or committee) changes, its committee report goes to the new
meeting's pack; the old meeting's pack, made by an earlier run, still lists it. The batch
knows each report's pack from the previous run's manifest (each report's "pack"), read
before this run makes anything again, and compares it with the pack the report is for now:

- the old pack is removed, so that it is never circulated with a report that is not for
  its meeting;
- with --pdf it is made again without the moved report when other reports are still for
  its meeting (`make_agenda_packs` groups the reports by the meetings they are for now);
- the batch says which, in the words of its line for an out-of-date pack.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from pipeline.batch.entries import DocumentEntry, InputEntry, manifest_path
from pipeline.batch.manifest import MANIFEST_FILE
from pipeline.issues import Issue


@dataclass(frozen=True)
class PreviousReport:
    """A committee report as the previous run left it: where it was, and its meeting's pack;
    the hash the batch wrote it with and the PDF it made of it, as its manifest says
    (pipeline.batch.moved_reports removes only those, when the report moves month)."""

    path: Path
    pack: Path | None
    sha256: str | None = None
    pdf: Path | None = None
    # Its meeting has been held (on or before the day of this run): its papers went to that
    # meeting and are kept, whatever meeting the workbook is for now (next month's report).
    held: bool = False


@dataclass
class MovedPack:
    """An agenda pack of an earlier run listing reports now for another meeting."""

    pack: Path
    # Each moved report: its path, how the batch names it, and the meeting it is for now.
    reports: list[tuple[Path, str, str]] = field(default_factory=list)
    others: int = 0  # reports of this run still for the pack's meeting
    made_again: bool = False  # (--pdf) made again, without the moved reports

    def to_manifest(self, root: Path) -> dict[str, object]:
        return {"pack": manifest_path(self.pack, root),
                "reports": [manifest_path(report, root) for report, _, _ in self.reports],
                "made_again": self.made_again}


class ReportPack(NamedTuple):
    """The pack of the meeting a committee report is for, that meeting in words ("the
    meeting of <committee> on 22 August 2013"), and the report as a pack names it."""

    pack: Path
    meeting: str
    report: str  # "'Fostering plan' (outputs/2013-08/fostering/report.docx)"


def report_pack(report: Path, outputs: Path) -> ReportPack | None:
    """Where the pack of a committee report's meeting is (None: not a committee report)."""
    from pipeline.pack import meetings, read_item

    item = read_item(report)
    if item is None:
        return None
    pack = meetings([item], outputs)[0]
    return ReportPack(pack.path, f"the meeting of {pack.committee} on {pack.meeting}",
                      f"{item.title!r} ({report})")


def _listed_path(value: object, outputs: Path) -> Path | None:
    """A path as the manifest lists it (relative to OUTPUTS), or None when it lists none."""
    if not isinstance(value, str) or not value:
        return None
    return Path(value) if Path(value).is_absolute() else outputs / value


def _held(report: Path, run_date: dt.date | None) -> bool:
    """Whether the report's meeting, as its cover says, is on or before `run_date`."""
    from pipeline.pack import read_item

    if run_date is None or not report.is_file():
        return False
    item = read_item(report)
    meeting = item.meeting_date if item is not None else None
    return meeting is not None and meeting <= run_date


def previous_reports(outputs: Path, run_date: dt.date | None = None
                     ) -> dict[tuple[str, str], PreviousReport]:
    """Each committee report of the previous run's manifest, by its workbook's output name
    and its kind. Called before the run makes anything: a manifest from before reports'
    packs were recorded has each pack worked out from the report as it still is. A report
    whose meeting was held by `run_date` is marked `held`: it and its pack are not moved.

    A workbook kept up to date month by month names next month's meeting each time: the
    last report and pack went to a meeting that has happened and stay. Only a meeting still
    to come that the workbook no longer names (a meeting moved) leaves stale papers."""
    from pipeline.kinds import packed

    manifest = outputs / MANIFEST_FILE
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        listed = [(str(e["output_name"]), str(d["kind"]), Path(d["path"]), d.get("pack"),
                   d.get("sha256"), d.get("pdf"))
                  for e in data.get("inputs", []) for d in e.get("documents", [])
                  if packed(str(d.get("kind")))]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}
    found: dict[tuple[str, str], PreviousReport] = {}
    for name, kind, path, pack, sha, pdf in listed:
        path = path if path.is_absolute() else outputs / path
        written = sha if isinstance(sha, str) and sha else None
        made_pdf = _listed_path(pdf, outputs)
        if isinstance(pack, str) and pack:
            where: Path | None = Path(pack) if Path(pack).is_absolute() else outputs / pack
        else:
            now = report_pack(path, outputs) if path.is_file() else None
            where = None if now is None else now.pack
        found[(name, kind)] = PreviousReport(path, where, written, made_pdf,
                                             _held(path, run_date))
    return found


def note_packs(entries: list[InputEntry], outputs: Path,
               previous: dict[tuple[str, str], PreviousReport]) -> None:
    """Each committee report's meeting pack (DocumentEntry.pack, in the manifest): a report
    kept as it was has the pack the previous run recorded for it."""
    from pipeline.kinds import packed

    for entry in entries:
        for doc in entry.documents:
            if not packed(doc.kind) or not doc.path.is_file():
                continue
            before = previous.get((entry.name, doc.kind))
            if not doc.made and before is not None and before.path == doc.path and before.pack:
                doc.pack = before.pack
            else:
                now = report_pack(doc.path, outputs)
                doc.pack = None if now is None else now.pack


def _packed_docs(entries: list[InputEntry]) -> list[tuple[InputEntry, DocumentEntry]]:
    from pipeline.kinds import packed

    return [(e, d) for e in entries for d in e.documents
            if packed(d.kind) and d.pack is not None]


def find_moved(entries: list[InputEntry], outputs: Path,
               previous: dict[tuple[str, str], PreviousReport]) -> list[MovedPack]:
    """The packs of earlier runs, still in OUTPUTS, that list a report now for another
    meeting (after `note_packs`)."""
    docs = _packed_docs(entries)
    moved: dict[Path, MovedPack] = {}
    for entry, doc in docs:
        before = previous.get((entry.name, doc.kind))
        if before is None or before.held or before.pack is None or before.pack == doc.pack:
            continue
        if not before.pack.is_file():
            continue
        now = report_pack(doc.path, outputs)
        said = (now.report, now.meeting) if now else (str(doc.path), "another meeting")
        moved.setdefault(before.pack, MovedPack(before.pack)).reports.append(
            (doc.path, *said))
    for found in moved.values():
        found.others = sum(1 for _, doc in docs if doc.pack == found.pack)
    return sorted(moved.values(), key=lambda m: str(m.pack))


def remove_moved(moved: list[MovedPack]) -> list[Issue]:
    """Remove each pack that lists a moved report (--pdf then makes it again when other
    reports are still for its meeting); the problems found."""
    problems: list[Issue] = []
    for found in moved:
        if not found.pack.is_file():
            continue
        try:
            found.pack.unlink()
        except OSError as exc:
            report = found.reports[0][1]
            problems.append(Issue(
                "write-error", "error",
                f"The agenda pack {found.pack} is out of date ({report} in it is now for "
                f"another meeting) and could not be removed ({exc.strerror or exc}). Close it "
                "and delete it, so that it is not circulated.", file=str(found.pack)))
    return problems


def _listing(reports: list[tuple[Path, str, str]]) -> str:
    if len(reports) == 1:
        _, report, meeting = reports[0]
        return f"its report {report} is now for {meeting}"
    each = [f"{report} (now for {meeting})" for _, report, meeting in reports]
    return f"its reports {', '.join(each[:-1])} and {each[-1]} are for other meetings now"


def moved_lines(moved: list[MovedPack], pdf: bool) -> list[str]:
    """What the batch says of each pack that listed a report now for another meeting."""
    lines = []
    for found in moved:
        pack, listing = found.pack, _listing(found.reports)
        if found.made_again:
            left_out = "it is" if len(found.reports) == 1 else "they are"
            lines.append(f"Made the out-of-date agenda pack {pack} again ({listing}, so "
                         f"{left_out} left out)")
        elif not found.others:
            lines.append(f"Removed the out-of-date agenda pack {pack} ({listing}, and no "
                         "other report is for its meeting)")
        elif pdf:
            lines.append(f"Removed the out-of-date agenda pack {pack} ({listing}): it could "
                         "not be made again (see the problems above)")
        else:
            lines.append(f"Removed the out-of-date agenda pack {pack} ({listing}): run with "
                         "--pdf to make it again")
    return lines


__all__ = ["MovedPack", "PreviousReport", "find_moved", "moved_lines", "note_packs",
           "previous_reports", "remove_moved", "report_pack", "ReportPack"]
