"""Looking at an input file before reading it: a regular file, of a size a plan can be.

A named pipe (FIFO) would block the reader forever, a link to a device such as /dev/zero
would be read without end, and a 6 GB file would be read whole before being refused. So
the file is examined first (`os.stat`, which follows links to what they point at) and
refused with a located message unless it is a regular file no bigger than
`MAX_INPUT_BYTES`; then at most that many bytes are read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from pipeline.issues import IssueReport

# The largest input read: far above any council workbook or CSV (a 3,000-action plan is
# under 1 MB; a sheet formatted to row 1,048,576 about 5 MB), and below what would make the
# reader run out of memory.
MAX_INPUT_BYTES = 100 * 1024 * 1024

# Spreadsheets in formats the pipeline does not read, and what each is called. A batch
# reads them only to refuse them by name (with how to convert them), so that a service's
# paper is never left out with nothing more than a line saying its file was ignored.
OTHER_SPREADSHEETS: dict[str, str] = {
    ".xls": "an old Excel 97-2003 workbook (.xls)",
    ".xlsb": "an Excel binary workbook (.xlsb)",
    ".xltx": "an Excel template (.xltx)",
    ".xltm": "an Excel template (.xltm)",
    ".ods": "an OpenDocument spreadsheet (.ods, as LibreOffice Calc saves)",
    ".fods": "a flat OpenDocument spreadsheet (.fods, as LibreOffice Calc saves)",
    ".ots": "an OpenDocument spreadsheet template (.ots)",
    ".numbers": "a Numbers spreadsheet (.numbers)",
}


def other_spreadsheet_message(path: Path) -> str | None:
    """What to do with a spreadsheet in a format the pipeline does not read, or None."""
    what = OTHER_SPREADSHEETS.get(path.suffix.lower())
    if what is None:
        return None
    return (
        f"{path.name} is {what}, which this tool cannot read. Open it in Excel (or "
        "LibreOffice Calc) and use File > Save As > Excel Workbook (.xlsx), then use the "
        ".xlsx file. In a batch, a file that is not meant for it can go in a folder named "
        "archive, which the batch leaves alone."
    )


class NotAFile(OSError):
    """An input refused before reading (its message says why); for callers that hash."""


def _what(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO), not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file"
    return "not a regular file"


def input_problem(path: Path) -> str | None:
    """Why this input cannot be read (a plain sentence), or None when it can."""
    try:
        info = os.stat(path)  # follows links: a link to /dev/zero is a device
    except FileNotFoundError:
        return f"The file {path.name} was not found."
    except OSError as exc:
        return f"The file {path.name} could not be opened: {exc.strerror}."
    if not stat.S_ISREG(info.st_mode):
        linked = " (it is a link to one)" if path.is_symlink() else ""
        return (
            f"{path.name} is {_what(info.st_mode)}{linked}, so it was not read. Copy the "
            "workbook itself into the folder and run again."
        )
    if info.st_size > MAX_INPUT_BYTES:
        return (
            f"{path.name} is {info.st_size / 1024**2:,.0f} MB, more than the "
            f"{MAX_INPUT_BYTES // 1024**2} MB limit for an input, so it was not read. "
            "No plan or indicators workbook is this big: check it is the right file, or "
            "remove unused rows and formatting in Excel and save it again."
        )
    return None


def read_input(path: Path, report: IssueReport) -> bytes | None:
    """The file's bytes, or None with a located error in `report`."""
    problem = input_problem(path)
    if problem is None:
        try:
            with open(path, "rb") as handle:
                data = handle.read(MAX_INPUT_BYTES + 1)
        except OSError as exc:
            problem = f"The file {path.name} could not be opened: {exc.strerror}."
        else:
            if len(data) <= MAX_INPUT_BYTES:
                return data
            problem = (f"{path.name} grew past the {MAX_INPUT_BYTES // 1024**2} MB limit for "
                       "an input while it was being read, so it was not read.")
    report.error("format-error", problem)
    return None
