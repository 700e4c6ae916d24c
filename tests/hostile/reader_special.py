"""Special files named like workbooks (issue 19 item 8): looked at before they are read,
refused with a located message, never waited on or read without end."""

from __future__ import annotations

from hostile.corpus3 import special

special(
    name="named-pipe.xlsx", special="fifo", verdict="refused", code="format-error",
    says=("named pipe",), document="plan",
    about="a FIFO named .xlsx (check, plan and batch blocked forever)",
)
special(
    name="link-to-dev-zero.xlsx", special="device-link", verdict="refused",
    code="format-error", says=("device", "link"), document="plan",
    about="a symlink to /dev/zero (a MemoryError traceback; an endless hash in the batch)",
)
special(
    name="six-gigabytes.xlsx", special="sparse", verdict="refused", code="format-error",
    says=("6,144 MB", "100 MB"),
    about="a 6 GB junk file (sparse), refused from its size before a byte is read",
)
special(
    name="folder.xlsx", special="directory", verdict="refused", code="format-error",
    says=("folder",),
    about="a folder whose name ends in .xlsx",
)
special(
    name="link-to-dev-zero.csv", special="device-link", verdict="refused",
    code="format-error", says=("device",),
    about="a CSV name linked to /dev/zero",
)
