"""The batch manifest: OUTPUTS/manifest.json for the latest run, a copy per run in runs/.

Shape (the monthly batch issue):
{"started", "finished", "inputs": [{"path", "sha256", "status": "ok"|"failed"|"skipped",
 "documents": [{"kind", "path", "sha256", "pdf"}], "errors": [Issue], "warnings": [Issue],
 "notices": [Issue]}]} (a notice needs nothing fixing: how the history matched the workbook).
A document's "path", "pdf" and "pdf_removed" (and "packs") are relative to OUTPUTS, with
forward slashes (entries.manifest_path); an input's "path" is the workbook's as found.
A committee report's "pack" is where its meeting's agenda pack is (the next run finds the
pack it leaves behind when the meeting changes: "packs_moved", pipeline.batch.moved; and the
report it leaves in the folder of a month the meeting moved from: "reports_moved",
pipeline.batch.moved_reports).
An entry may also hold "audit": the accessibility findings of its documents, when run.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

MANIFEST_FILE = "manifest.json"
RUNS_FOLDER = "runs"


def write_file_atomically(path: Path, data: bytes) -> Path:
    """Write `data` to a temporary file beside `path`, flush it to disk, rename it into place."""
    from pipeline.atomic import write_atomically

    return write_atomically(path, data)


def run_file_name(started: str) -> str:
    """'2026-11-23T20:30:00' -> '2026-11-23T20-30-00.json' (no colons: Windows shares)."""
    return started.replace(":", "-") + ".json"


def write_manifest(outputs: Path, manifest: dict[str, Any]) -> Path:
    """Write OUTPUTS/manifest.json and OUTPUTS/runs/<started>.json; returns the first."""
    data = (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    runs = Path(outputs) / RUNS_FOLDER
    copy = runs / run_file_name(str(manifest["started"]))
    n = 2
    while copy.exists():
        copy = runs / run_file_name(f"{manifest['started']}-{n}")
        n += 1
    write_file_atomically(copy, data)
    return write_file_atomically(Path(outputs) / MANIFEST_FILE, data)
