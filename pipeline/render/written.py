"""The document.xml the frame has just written, kept for the read-back that follows.

The check before a document is put in place reads its body back from the written file
(pipeline.render.readback). Inflating a 10,000-action plan's 38 MB document.xml again took
about 0.1 s, for bytes the renderer held a moment before. `Frame.save` hands them over here
with the CRC-32 zipfile computed as it wrote them; `read_body` uses them only when the
written file's own entry for that part, read from the zip's directory (nothing
decompressed), has the same name, CRC-32 and size, so what is scanned is what the file
holds. They are held for one read and then let go.
"""

from __future__ import annotations

import zipfile

_held: list[tuple[str, int, int, bytes]] = []  # (part name, CRC-32, size, the bytes)


def remember(name: str, crc: int, xml: bytes) -> None:
    """Hold the part just written (forgetting any held before)."""
    _held[:] = [(name, crc, len(xml), xml)]


def take(archive: zipfile.ZipFile, name: str) -> bytes | None:
    """The held bytes of `name` if the archive's entry is exactly them, else None; either
    way nothing is held afterwards."""
    if not _held:
        return None
    held_name, crc, size, xml = _held.pop()
    if held_name != name:
        return None
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    return xml if info.CRC == crc and info.file_size == size else None


def forget() -> None:
    _held.clear()
