"""Which committee reports an outputs folder holds, for `committee pack`: those its batch
manifest lists (their paths relative to the manifest's folder, as the batch writes them, or
from the folder the batch ran from, as batches before wrote them), else every report*.docx."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from pipeline.issues import Issue

WORK_FOLDER = ".work"


def manifest_sources(outputs: Path) -> dict[Path, Path] | None:
    """Each committee report the outputs folder's manifest lists, and the workbook it was
    made from (None: no manifest, or one that cannot be read). A relative path is the
    manifest's own folder's (how the batch writes them); a manifest from before that, whose
    paths were the folder the batch ran from, is read too: such a path is tried from the
    current folder."""
    from pipeline.kinds import packed

    manifest = outputs / "manifest.json"
    if not manifest.is_file():
        return None
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        listed = [(Path(d["path"]), Path(e.get("path", ""))) for e in data.get("inputs", [])
                  for d in e.get("documents", []) if packed(str(d.get("kind")))]
    except (ValueError, KeyError, TypeError, AttributeError, OSError):
        return None
    found: dict[Path, Path] = {}
    for path, workbook in listed:
        places = [path] if path.is_absolute() else [outputs / path, path]
        found[next((p for p in places if p.is_file()), places[0])] = workbook
    return found


def manifest_reports(outputs: Path) -> list[Path] | None:
    """The committee reports the outputs folder's manifest lists (see manifest_sources)."""
    sources = manifest_sources(outputs)
    return None if sources is None else list(sources)


def find_reports(outputs: Path) -> list[Path]:
    """The committee reports of an outputs folder: the manifest's, else every report*.docx."""
    listed = manifest_reports(outputs)
    if listed:
        return sorted(p for p in listed if p.is_file())
    return sorted(p for p in outputs.rglob("report*.docx")
                  if WORK_FOLDER not in p.parts and not p.name.startswith("~$"))


def missing_reports(outputs: Path, listed: list[Path]) -> Issue:
    """The manifest lists committee reports, but none of them is where it says."""
    manifest = outputs / "manifest.json"
    reports = "report" if len(listed) == 1 else "reports"
    message = (f"{manifest} lists {len(listed)} committee {reports} (the first: "
               f"{listed[0]}), but none was found, so no agenda pack was made. Run "
               f"`committee batch` again to make them, or give the folder the batch wrote "
               "them to.")
    return Issue("missing-sheet", "error", message, file=str(manifest), value=str(listed[0]))


def unmatched(reports: list[Any], outputs: Path, meeting: dt.date | None,
              committee: str | None) -> Issue:
    """No report (`pipeline.pack.Item`s, each with .committee, .meeting and .meeting_date)
    is for the committee or meeting asked for: say which committees and meetings the
    reports in `outputs` are for, and the committee meant when one is near the name given."""
    from difflib import get_close_matches

    from pipeline.text import normalise_label

    on = "" if meeting is None else f"{meeting.day} {meeting:%B %Y}"
    asked = (f'committee "{committee}"' + (f" meeting on {on}" if on else "") if committee
             else f"a meeting on {on}")
    held: dict[str, dict[Any, str]] = {}
    for item in reports:
        held.setdefault(item.committee, {})[item.meeting_date or item.meeting] = item.meeting
    listed = "; ".join(
        f"{name} ({', '.join(dates[d] for d in sorted(dates, key=str))})"
        for name, dates in sorted(held.items()))
    guess = ""
    if committee:
        names = {normalise_label(name): name for name in held}
        want = normalise_label(committee)
        near = [names[n] for n in names if want and (want in n or n in want)]
        near = near or [names[n] for n in get_close_matches(want, list(names), n=1,
                                                            cutoff=0.6)]
        if len(near) == 1 and normalise_label(near[0]) != want:
            guess = f' Did you mean --committee "{near[0]}"?'
    message = (f"No committee report in {outputs} is for {asked}. Its reports "
               f"are for: {listed}.{guess}")
    return Issue("format-error", "error", message, file=str(outputs),
                 value=committee or str(meeting or ""))


__all__ = ["WORK_FOLDER", "find_reports", "manifest_reports", "manifest_sources",
           "missing_reports", "unmatched"]
