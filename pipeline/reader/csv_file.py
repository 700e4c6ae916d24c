"""Reading a CSV file as one sheet: its encoding, its separator and its decimal mark.

- Encoding: UTF-8 (with or without a byte order mark), UTF-16 ("Unicode Text"), or
  Windows-1252 when no line is UTF-8. A UTF-8 file with a stray Windows-1252 byte stays
  UTF-8: only the lines that are not UTF-8 are read as Windows-1252, and a warning names
  the first of them.
- Separator: the one of `,` `;` tab that splits the first rows into the same number of
  fields (quoted fields are respected, so quoted tabs in a comma file do not count).
- Decimal mark (semicolon files): decided per column from the numbers it holds: "57,7"
  means a decimal comma, "1.5" a decimal point; "12.500" alone follows the rest of the file.
- Fields of any length are read (a 140,000-character cell is legal CSV).
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from itertools import islice
from pathlib import Path

from pipeline.issues import IssueReport
from pipeline.reader.raw import RawCell, RawRow, RawSheet, is_empty

_SEPARATORS = (",", ";", "\t")
_SAMPLE = 65536
# A number with a decimal comma that cannot be a thousands separator ("57,7", "1.234,5"),
# and one with a decimal point that cannot be one ("1.5", "1,234.5").
_COMMA_DECIMAL = re.compile(r"^[£€$]?\s*[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+),(?:\d{1,2}|\d{4,})\s*%?$"
                            r"|^[£€$]?\s*[+-]?\d{1,3}(?:\.\d{3})+,\d+\s*%?$")
_POINT_DECIMAL = re.compile(r"^[£€$]?\s*[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)\.(?:\d{1,2}|\d{4,})\s*%?$"
                            r"|^[£€$]?\s*[+-]?\d{1,3}(?:,\d{3})+\.\d+\s*%?$")


def decode(data: bytes, report: IssueReport, sheet: str) -> str:
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        return data.decode("utf-16", errors="replace")  # Excel's "Unicode Text"
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    lines = data.split(b"\n")
    bad: list[int] = []
    utf8_lines = 0
    decoded: list[str] = []
    for number, line in enumerate(lines, start=1):
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            bad.append(number)
            text = line.decode("cp1252", errors="replace")
        else:
            utf8_lines += not line.isascii()
        decoded.append(text)
    if not utf8_lines:
        report.notice(
            "encoding-error",
            "The CSV file is not UTF-8; it was read as Windows-1252 (what Excel on Windows "
            "saves). Check that £ signs and quotes look right, or save it as "
            "'CSV UTF-8' next time.",
            sheet=sheet,
        )
        return data.decode("cp1252", errors="replace")
    more = f" (and {len(bad) - 1:,} more)" if len(bad) > 1 else ""
    report.warning(
        "encoding-error",
        f"Line {bad[0]:,}{more} of the CSV file is not UTF-8, although the rest of the file "
        "is: it was read as Windows-1252. Check the accented letters, £ signs and quotes on "
        "that line, and save the file as 'CSV UTF-8' next time.",
        sheet=sheet,
        row=bad[0],
    )
    return "\n".join(decoded)


def pick_separator(text: str) -> str:
    """The separator under which the most of the first rows (as a share) have one width of
    two or more: the quoted text of a comma file (a pasted table full of tabs) splits into
    rows of many widths under a tab, while under a comma every record has the same."""
    sample = text[:_SAMPLE]
    if len(text) > _SAMPLE and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    best, best_score = ",", (0.0, 0)
    for separator in _SEPARATORS:
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=separator)
        try:
            widths = [len(r) for r in islice(reader, 50) if any(c.strip() for c in r)]
        except csv.Error:
            continue
        if not widths:
            continue
        width, rows = Counter(widths).most_common(1)[0]
        score = (rows / len(widths), width)
        if width >= 2 and score > best_score:
            best, best_score = separator, score
    return best


def _decimal_formats(sheet: RawSheet) -> None:
    """Mark each column of a semicolon file "decimal-comma" unless its numbers (or, when
    they say nothing, the file's) show a decimal point."""
    comma: Counter[int] = Counter()
    point: Counter[int] = Counter()
    for row in sheet.rows:
        for i, cell in enumerate(row.cells):
            value = cell.value
            if isinstance(value, str) and value and value.lstrip()[:1] in "0123456789+-.£€$":
                text = value.strip()
                if _COMMA_DECIMAL.match(text):
                    comma[i] += 1
                elif _POINT_DECIMAL.match(text):
                    point[i] += 1
    file_point = sum(point.values()) > 0 and not comma
    for row in sheet.rows:
        for i, cell in enumerate(row.cells):
            if point[i] and not comma[i] or file_point and not comma[i]:
                continue
            cell.number_format = "decimal-comma"


def load_csv(path: Path, data: bytes, report: IssueReport) -> RawSheet:
    text = decode(data, report, path.stem)
    delimiter = pick_separator(text)
    # A legal field may be longer than the csv module's default limit (131,072).
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    sheet = RawSheet(name=path.stem, is_csv=True)
    # strict: an unclosed quotation mark is an error, not the rest of the file in one cell.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    line = 1
    try:
        for record in reader:
            number = line
            line = reader.line_num + 1
            cells = [RawCell(v) for v in record]
            if any(not is_empty(c.value) for c in cells):
                sheet.rows.append(RawRow(number, cells))
    except csv.Error as exc:
        report.error(
            "format-error",
            f"The CSV file could not be read from line {line} ({exc}). Check that line for "
            "a quotation mark that is never closed, then save the file again.",
            sheet=path.stem,
            row=line,
        )
    if delimiter == ";":
        _decimal_formats(sheet)
    return sheet
