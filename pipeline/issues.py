"""Problems found in input, as data.

Every problem the pipeline finds is an `Issue`: a code (in the spirit of
frictionless-py), a severity, and where it is (file, sheet, Excel row number,
column header as written in the sheet), the value found and a plain-English
message that says what was expected and how to fix it.

Issues are collected into an `IssueReport`; nothing in the core prints.
`PipelineError` is the one exception type for what stops a run.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

Severity = Literal["error", "warning", "notice"]

# The codes the project uses: a typed set (an Issue's `code` is one of them), each with what
# it means below; docs/inputs.md's table of problem codes is checked against both by a test.
Code = Literal[
    "missing-label",
    "duplicate-label",
    "blank-label",
    "extra-label",
    "blank-row",
    "missing-cell",
    "type-error",
    "constraint-error",
    "unique-error",
    "format-error",
    "encoding-error",
    "missing-sheet",
    "formula-error",
    "text-changed",
    "hidden-content",
    "contrast-error",
    "deadline-warning",
    "template-error",
    "security-error",
    "write-error",
    "internal-error",
    "setting-error",
    "example-row",
    "history-notice",
    "accessibility-error",
    "title",
    "language",
    "headings",
    "table-header",
    "merged-cells",
    "alt-text",
    "contrast",
    "colour-only",
    "drawing-ids",
    "external",
]

CODES: dict[str, str] = {
    "missing-label": "a required column header is missing",
    "duplicate-label": "a column header appears more than once",
    "blank-label": "a column has data but no header",
    "extra-label": "a column is not one this tool reads (ignored)",
    "blank-row": "a row is empty (skipped)",
    "missing-cell": "a required cell is empty",
    "type-error": "a cell's value is not of the expected type",
    "constraint-error": "a cell's value is not one of the accepted values",
    "unique-error": "a value that must be unique appears twice",
    "format-error": "the file is not a readable workbook",
    "encoding-error": "the file's text encoding could not be read",
    "missing-sheet": "the workbook has no sheet this tool can use",
    "formula-error": "a formula has no saved value, or an Excel error value",
    "text-changed": "characters that Word cannot hold were removed",
    "hidden-content": "hidden rows, columns or sheets were found",
    "contrast-error": "a colour pair is hard to read",
    "deadline-warning": "a statutory deadline was missed",
    "template-error": "a Word template could not be used",
    "security-error": "the file was refused for safety",
    "write-error": "a document could not be written",
    "internal-error": "the program itself stopped (a bug, or too little memory): report it",
    "setting-error": "a setting (an environment variable) is not one the program can use",
    "example-row": "the blank workbook's example row is still there",
    "history-notice": "how the batch history matched a workbook to an earlier report",
    "accessibility-error": "a template would make documents that fail the accessibility audit",
    # The rules of `committee audit` (pipeline/audit.py): each finding's code is its rule.
    "title": "audit: the document has no Title property",
    "language": "audit: no language is set",
    "headings": "audit: heading styles unused, or a level skipped",
    "table-header": "audit: a table's first row does not repeat as a header row",
    "merged-cells": "audit: merged cells in a data table",
    "alt-text": "audit: a picture or chart (an old VML picture too) has no alternative text",
    "contrast": "audit: text below 4.5:1 contrast (a shaded cell, a style, or text given "
                "its own colour)",
    "colour-only": "audit: a shaded cell holds no text",
    "drawing-ids": "audit: two drawings share one id",
    "external": "audit: the document links outside itself, or holds macros",
}


@dataclass(frozen=True)
class Issue:
    """One located problem in one input file."""

    code: Code
    severity: Severity
    message: str
    file: str = ""
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    # Where inside a Word file (data for programs; the message already says it in words).
    where: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        if out["where"] is None:  # only issues inside a Word file have a `where`
            del out["where"]
        return out

    def location(self) -> str:
        """'Actions sheet, row 9, column "Status"' style location text."""
        parts: list[str] = []
        if self.sheet:
            parts.append(f"sheet {self.sheet!r}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column {self.column!r}")
        return ", ".join(parts)

    def describe(self) -> str:
        """One line for a person: location, then the message."""
        where = self.location()
        label = {"error": "Error", "warning": "Warning", "notice": "Note"}[self.severity]
        return f"{label}: {where}: {self.message}" if where else f"{label}: {self.message}"


@dataclass
class IssueReport:
    """All the issues found in one file, collected in one pass."""

    file: str = ""
    issues: list[Issue] = field(default_factory=list)

    def add(
        self,
        code: Code,
        severity: Severity,
        message: str,
        *,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
        value: object = None,
        where: str | None = None,
    ) -> Issue:
        if code == "missing-cell" and severity == "error":
            # A cell whose formula has no saved result reads as empty: that is already said.
            for said in self.issues:
                if (said.code, said.sheet, said.row, said.column) == (
                        "formula-error", sheet, row, column):
                    return said
        issue = Issue(
            code=code,
            severity=severity,
            message=message,
            file=self.file,
            sheet=sheet,
            row=row,
            column=column,
            value=None if value is None else str(value),
            where=where,
        )
        self.issues.append(issue)
        return issue

    def error(self, code: Code, message: str, **where: Any) -> Issue:
        return self.add(code, "error", message, **where)

    def warning(self, code: Code, message: str, **where: Any) -> Issue:
        return self.add(code, "warning", message, **where)

    def notice(self, code: Code, message: str, **where: Any) -> Issue:
        return self.add(code, "notice", message, **where)

    def extend(self, issues: Iterable[Issue]) -> None:
        self.issues.extend(issues)

    def has_error_at(self, sheet: str | None, row: int | None, column: str | None) -> bool:
        """Whether a cell already has an error (so a second, vaguer one is not added)."""
        return any(
            (i.sheet, i.row, i.column) == (sheet, row, column) for i in self.errors
        )

    def name_columns(self, sheet: str, headers: dict[str, str]) -> None:
        """Once a sheet's header row is known, say "column 'Progress'" instead of "column K"
        in the issues found before it was (by the loader, which sees only cell letters)."""
        self.issues = [
            replace(i, column=headers[i.column])
            if i.sheet == sheet and i.column in headers else i
            for i in self.issues
        ]

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "warning"]

    @property
    def notices(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "notice"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def __iter__(self) -> Iterator[Issue]:
        return iter(self.issues)

    def __len__(self) -> int:
        return len(self.issues)


def in_order(issues: Iterable[Issue]) -> list[Issue]:
    """Issues in the order a person reads their workbooks: by file, then sheet (each in the
    order first met), then row; a file's or a sheet's own issues (no sheet, no row) first.
    Issues of one row keep the order they were found in (left to right, as a row is read)."""
    found = list(issues)
    files: dict[str, int] = {}
    sheets: dict[tuple[str, str], int] = {}
    for i in found:
        files.setdefault(i.file, len(files))
        if i.sheet is not None:
            sheets.setdefault((i.file, i.sheet), len(sheets))
    return sorted(found, key=lambda i: (
        files[i.file], -1 if i.sheet is None else sheets[(i.file, i.sheet)],
        -1 if i.row is None else i.row))


class PipelineError(Exception):
    """The one exception for what stops a run: it carries the located issues."""

    def __init__(self, message: str, issues: Iterable[Issue] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.issues = list(issues)

    def __str__(self) -> str:
        return self.message
