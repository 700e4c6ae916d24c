"""What the commands say, as data: lines of text, and the issues listed under them.

A library function returns `Line`s (`Said`: one line of text; `Listed`: issues, one per
line, the first few of a kind and then how many more); `pipeline.cli` prints them, to
standard output or, for problems, standard error. Nothing here prints.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Any

from pipeline.issues import Issue, PipelineError, in_order
from pipeline.text import plural, printable

FLOOD_SHOWN = 5  # lines of one kind shown before "... and 11,995 more like it"
_SEVERITY_ORDER = {"error": 0, "warning": 1, "notice": 2}


@dataclass(frozen=True)
class Said:
    """One line."""

    text: str
    err: bool = False  # standard error: problems and warnings


@dataclass(frozen=True)
class Listed:
    """Issues listed under the line before them, one per line, errors first."""

    issues: tuple[Issue, ...]
    indent: str = "  "
    err: bool = True
    verbose_lists_all: bool = True  # with -v, every issue (else the first few of a kind)


Line = Said | Listed


def summarised(lines: Iterable[tuple[Hashable, str]], *, every: bool = False,
               indent: str = "  ") -> list[str]:
    """(kind, text) lines: of more than FLOOD_SHOWN + 1 of one kind, the first FLOOD_SHOWN and
    then "... and 11,995 more like it (add -v to see them all)"; every one with `every`."""
    pairs = list(lines)
    total: dict[Hashable, int] = {}
    for kind, _ in pairs:
        total[kind] = total.get(kind, 0) + 1
    seen: dict[Hashable, int] = {}
    out: list[str] = []
    for kind, text in pairs:
        seen[kind] = seen.get(kind, 0) + 1
        if every or total[kind] <= FLOOD_SHOWN + 1 or seen[kind] <= FLOOD_SHOWN:
            out.append(f"{indent}{text}")
        elif seen[kind] == FLOOD_SHOWN + 1:
            out.append(f"{indent}... and {total[kind] - FLOOD_SHOWN:,} more like it "
                       "(add -v to see them all)")
    return out


def issue_lines(issues: Iterable[Issue], *, indent: str = "  ",
                every: bool = False) -> list[str]:
    """Issues one per line in plain English, errors first, each severity in file, sheet and
    row order; a flood of one kind (severity, code and sheet) summarised."""
    ordered = sorted(in_order(issues), key=lambda i: _SEVERITY_ORDER[i.severity])
    return [printable(line) for line in summarised(
        (((i.severity, i.code, i.sheet), i.describe()) for i in ordered),
        every=every, indent=indent)]


def by_file(issues: Iterable[Issue]) -> list[Line]:
    """Issues grouped under the file they are in (a document made from several workbooks),
    on standard error."""
    files: dict[str, list[Issue]] = {}
    for issue in issues:
        files.setdefault(issue.file, []).append(issue)
    lines: list[Line] = []
    for name, group in files.items():
        if name:
            lines.append(Said(f"  {name}:", err=True))
        lines.append(Listed(tuple(group), indent="    " if name else "  "))
    return lines


def error_lines(error: PipelineError, *, several_files: bool = False) -> list[Line]:
    """What stopped a command: "Error: ..." and its located issues, on standard error. An
    issue that only repeats the headline (no location of its own) is not listed again."""
    head = Said(f"Error: {error.message}", err=True)
    shown = tuple(i for i in error.issues if i.location() or i.message not in error.message)
    if several_files:
        return [head, *by_file(list(shown))]
    return [head, Listed(shown)]


class Count(int):
    """A count in a registry `said` line: "{c[actions]:~action}" prints "1 action" or
    "2 actions" ("~priority|priorities" for an irregular plural)."""

    def __format__(self, spec: str) -> str:
        if spec.startswith("~"):
            one, _, many = spec[1:].partition("|")
            return plural(int(self), one, many or None)
        return format(int(self), spec)


class Counts(dict[str, Count]):
    """Counts for a `said` line: a key the document does not have reads 0."""

    def __init__(self, counts: dict[str, int]) -> None:
        super().__init__({k: Count(v) for k, v in counts.items()})

    def __missing__(self, key: str) -> Count:
        return Count(0)


def printable_data(data: Any) -> Any:
    """JSON-ready data with every string valid text (a file name's stray bytes as U+FFFD)."""
    if isinstance(data, str):
        return printable(data)
    if isinstance(data, dict):
        return {printable(str(k)): printable_data(v) for k, v in data.items()}
    if isinstance(data, list):
        return [printable_data(v) for v in data]
    return data


def quoted(name: str) -> str:
    """A file name as it can be pasted into a command line (Windows or not)."""
    plain = all(ch.isalnum() or ch in "-_./\\:" for ch in name)
    return name if plain else '"' + name.replace('"', '\\"') + '"'


def problems_shown(errors: int, warnings: int) -> str:
    """'1 error and 2 warnings': what an annotated copy shows."""
    return " and ".join(plural(n, what) for n, what in ((errors, "error"),
                                                        (warnings, "warning")) if n)


__all__ = ["FLOOD_SHOWN", "Count", "Counts", "Line", "Listed", "Said", "by_file", "error_lines",
           "issue_lines", "printable_data", "problems_shown", "quoted", "summarised"]
