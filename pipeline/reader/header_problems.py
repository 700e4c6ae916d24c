"""What a header row says about the columns the reader will not read: a header it does not
know (a misspelling of one it does, or a column of the sheet's own), a column of data with
no header, a header cell merged across the columns beside it, and the blank workbook's
example row left in. Each is a located issue; `pipeline.reader.headers` finds the header
row and calls these."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from pipeline.issues import IssueReport
from pipeline.reader.columns import SheetSpec
from pipeline.reader.raw import RawCell, RawRow, RawSheet, is_empty
from pipeline.reader.xlsx import column_letter as get_column_letter
from pipeline.text import normalise_label, one_line

# How alike (0-1) a header must be to a contract header to be taken for a misspelling of it.
GUESS_CUTOFF = 0.8
# The mark `committee new` puts on its example rows.
EXAMPLE_MARK = re.compile(r"\s*example\s*[-\u2013\u2014:]+\s*delete this row", re.IGNORECASE)


def cell_label(cell: RawCell) -> str:
    v = cell.value
    if is_empty(v):
        return ""
    return " ".join(str(v).replace("\u00a0", " ").split())


def nearest_column(label: str, spec: SheetSpec, exclude: set[str]) -> str | None:
    """The contract column whose spelling `label` is nearest to (a misspelling), if any."""
    norm = normalise_label(label)
    if len(norm) < 3:
        return None
    best: tuple[float, str] | None = None
    for col in spec.columns:
        if col.name in exclude:
            continue
        for spelling in col.spellings:
            ratio = SequenceMatcher(None, norm, normalise_label(spelling)).ratio()
            if ratio >= GUESS_CUTOFF and (best is None or ratio > best[0]):
                best = (ratio, col.name)
    return None if best is None else best[1]


def _first_data(sheet: RawSheet, index: int, columns: set[int]) -> dict[int, int]:
    """Column index -> the first row below the header row (sheet.rows[index]) with data in
    that column, for those of `columns` that have any."""
    first: dict[int, int] = {}
    if not columns:
        return first
    for below in sheet.rows[index + 1:]:
        for i in columns:
            if i not in first and i < len(below.cells) and not is_empty(below.cells[i].value):
                first[i] = below.number
        if len(first) == len(columns):
            break
    return first


def _lacking(spec: SheetSpec, found: set[str]) -> list[str]:
    """The columns the sheet's documents print that the header row does not have."""
    return [name for name in spec.printed if name not in found]


def _names(names: list[str]) -> str:
    quoted = [f'"{n}"' for n in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _lacking_hint(spec: SheetSpec, lacking: list[str], letter: str, cell: str,
                  rename: bool = False) -> str:
    """' The sheet has no "Target date" column, which the plan prints: if column J holds
    it, type "Target date" in cell J2.' (with `rename`, '... rename its header to "Target
    date".'); empty when the sheet lacks none of the printed columns."""
    if not lacking:
        return ""
    if len(lacking) == 1:
        fix = (f'rename its header to "{lacking[0]}"' if rename
               else f'type "{lacking[0]}" in cell {cell}')
        return (f" The sheet has no {_names(lacking)} column, which {spec.document} prints: "
                f"if column {letter} holds it, {fix}.")
    fix = (f"rename its header to that name ({_names(lacking)})" if rename
           else f"type its name ({_names(lacking)}) in cell {cell}")
    return (f" The sheet has no {_names(lacking).replace(' or ', ' and ')} columns, which "
            f"{spec.document} prints: if column {letter} holds one of them, {fix}.")


def report_unknown(
    sheet: RawSheet,
    row: RawRow,
    index: int,
    spec: SheetSpec,
    found: set[str],
    unknown: list[tuple[int, str]],
    report: IssueReport,
) -> None:
    """Columns the reader does not read (`unknown`: index and header). A near spelling of a
    column the sheet lacks is a warning with "did you mean"; a column holding data, on a
    sheet without one of the columns its documents print, is a warning too (its data may be
    that column's, under a header this tool does not know); any other is a note."""
    lacking = _lacking(spec, found)
    first = _first_data(sheet, index, {i for i, _ in unknown}) if lacking else {}
    for i, label in unknown:
        where = {"sheet": sheet.name, "row": row.number, "column": label, "value": label}
        guess = nearest_column(label, spec, found)
        if guess is not None:
            report.warning(
                "extra-label",
                f"The column {label!r} is not one this tool knows: did you mean "
                f'"{guess}"? It was ignored. Rename the header to "{guess}" to have it read.',
                **where,
            )
        elif i in first:
            letter = get_column_letter(i + 1)
            report.warning(
                "extra-label",
                f"The column {label!r} (column {letter}) is not one this tool knows, so "
                f"its data (from row {first[i]}) is left out of {spec.document}."
                + _lacking_hint(spec, lacking, letter, "", rename=True)
                + " If it holds something else, leave it: it is simply not printed.",
                **where,
            )
        else:
            report.notice(
                "extra-label",
                f"The column {label!r} is not one this tool knows; it was ignored (left "
                f"out of {spec.document}).",
                **where,
            )


def report_blank_labels(
    sheet: RawSheet, row: RawRow, index: int, spec: SheetSpec, found: set[str],
    report: IssueReport,
) -> None:
    """Each column with data below the header row but no header: an error when a header
    cell merged across it hides it (a person sees that header over both columns), else a
    warning (the column is ignored)."""
    headed = {i for i, cell in enumerate(row.cells) if cell_label(cell)}
    width = max((len(r.cells) for r in sheet.rows[index + 1:]), default=0)
    first = _first_data(sheet, index, {i for i in range(width) if i not in headed})
    lacking = _lacking(spec, found)
    merged = _merged_over(sheet, row)
    for i in sorted(first):
        letter = get_column_letter(i + 1)
        cell = f"{letter}{row.number}"
        hint = _lacking_hint(spec, lacking, letter, cell)
        where = {"sheet": sheet.name, "row": row.number, "column": letter}
        if i in merged:
            ref, start = merged[i]
            label = cell_label(row.cell(start))
            over = f"the header {label!r}" if label else "one header cell"
            report.error(
                "blank-label",
                f"Cells {ref} of the header row are merged, so {over} covers column "
                f"{letter} too, and column {letter} has data (from row {first[i]}) but no "
                f"header of its own: its data cannot be read, and would be left out of "
                f"{spec.document}. Unmerge cells {ref} (select them, then Merge & Center "
                f"on Excel's Home tab) and type each column's header in its own cell.{hint}",
                value=label or None, **where,
            )
            continue
        report.warning(
            "blank-label",
            f"Column {letter} has data (from row {first[i]}) but no header in row "
            f"{row.number}, so it was ignored. Give the column a header this tool knows "
            f"(see docs/inputs.md), or delete the data if it is not needed.{hint}",
            **where,
        )


def _merged_over(sheet: RawSheet, row: RawRow) -> dict[int, tuple[str, int]]:
    """0-based column index -> (the merged range, its first column) for each column of the
    header row that a merge across columns covers, other than the merge's own first one."""
    covered: dict[int, tuple[str, int]] = {}
    for min_row, min_col, max_row, max_col in sheet.merged_across:
        if not min_row <= row.number <= max_row:
            continue
        ref = (f"{get_column_letter(min_col)}{min_row}:"
               f"{get_column_letter(max_col)}{max_row}")
        for i in range(min_col, max_col):  # 0-based: the columns after the first
            covered.setdefault(i, (ref, min_col - 1))
    return covered


def report_example_rows(
    sheet: RawSheet, index: int, columns: dict[str, tuple[int, str]], report: IssueReport
) -> None:
    """An error for each row still holding the blank workbook's example ("Example – delete
    this row: ..."), so that it never reaches a committee."""
    for row in sheet.rows[index + 1:]:  # a blank row holds no example: not skipped
        for i, cell in enumerate(row.cells):
            text = cell.value
            # EXAMPLE_MARK starts with spaces and an e (no other letter folds to e)
            if text.__class__ is not str or not text or (
                    text[0] not in "eE" and not (text[0].isspace()
                                                 and text.lstrip()[:1] in ("e", "E"))):
                continue
            if EXAMPLE_MARK.match(text):
                label = next((lab for j, lab in columns.values() if j == i), None)
                report.error(
                    "example-row",
                    f"Row {row.number} is the example row of the blank workbook "
                    f"({one_line(text)!r}). Delete the row, or type your own "
                    "entry over the whole row.",
                    sheet=sheet.name, row=row.number,
                    column=label or get_column_letter(i + 1), value=one_line(text),
                )
                break


def explain_hidden_columns(
    sheet: RawSheet, columns: dict[str, tuple[int, str]], unknown: list[tuple[int, str]],
    report: IssueReport,
) -> None:
    """Once the header row is known, the warning about hidden columns holding data says of
    each whether it was read (and as which column) or left out, so that the officer knows
    whether hidden text will reach the committee."""
    from dataclasses import replace

    from pipeline.reader.xlsx import column_index

    read_as = {i: (name, header) for name, (i, header) in columns.items()}
    labels = dict(unknown)
    for n, issue in enumerate(report.issues):
        if issue.code != "hidden-content" or issue.sheet != sheet.name or not (
                issue.message.startswith("Column")):
            continue
        parts: list[str] = []
        for letter in sheet.hidden_columns:
            i = column_index(letter) - 1
            if not any(not is_empty(r.cell(i).value) for r in sheet.rows):
                continue
            if i in read_as:
                name, header = read_as[i]
                parts.append(f"column {letter} ({one_line(header)!r}) is read as the {name} "
                             "column, so it is in the documents")
            else:
                said = f" ({one_line(labels[i])!r})" if i in labels else ""
                parts.append(f"column {letter}{said} is not one this tool reads, so it is "
                             "not in the documents")
        if parts:
            report.issues[n] = replace(issue, message=(
                f"Hidden {'columns hold' if len(parts) > 1 else 'column holds'} data: "
                f"{'; '.join(parts)}. Unhide {'them' if len(parts) > 1 else 'it'} in Excel "
                "to check what the committee will see."))
