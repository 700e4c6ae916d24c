"""Save an openpyxl workbook so that the same content gives the same bytes.

openpyxl stamps the save time into docProps/core.xml and into every zip entry, so two
runs of a generator script would give different files and noisy git diffs. This helper
fixes both to one date.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from openpyxl import Workbook

FIXED = dt.datetime(2013, 7, 30, 9, 0, 0)
_STAMP = FIXED.strftime("%Y-%m-%dT%H:%M:%SZ")


def save_deterministic(wb: Workbook, path: Path, creator: str = "committee-pipeline") -> Path:
    """Write `wb` to `path` with fixed timestamps; return the path."""
    wb.properties.creator = creator
    wb.properties.lastModifiedBy = creator
    wb.properties.created = FIXED
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = data.decode("utf-8")
                text = re.sub(
                    r"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rf"\g<1>{_STAMP}\g<2>",
                    text,
                )
                data = text.encode("utf-8")
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, data)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue())
    return path
