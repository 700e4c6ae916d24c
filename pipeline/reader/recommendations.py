"""The Recommendations sheet: themes -> scrutiny recommendations with the cabinet's response.

One row per recommendation. The Theme column fills down (blank = the theme above, except
on a row whose number starts another theme, "2a" below "1b": that is an error, as the row
would be filed under the wrong theme);
numbers such as "2a", "2 b)" or "4(c)" give the theme number and a letter. A row with
only a theme (and perhaps its number) starts a theme; a Revised date on it revises nothing
and is warned of. Every problem is a located issue.
"""

from __future__ import annotations

import re

from pipeline.domain.model import (
    DateValue,
    Decision,
    Details,
    ScrutinyRecommendation,
    ScrutinyResponse,
    Source,
    Theme,
)
from pipeline.domain.response_rules import (
    DUTY,
    decision_choices,
    late_response_message,
    normalise_decision,
    number_label,
    parse_number_label,
    split_leading_decision,
    suggest_decision,
)
from pipeline.issues import IssueReport
from pipeline.reader.cells import CellProblem, parse_date
from pipeline.reader.headers import HeaderMatch, Record, read_text, records, warn_hidden_rows
from pipeline.reader.raw import RawSheet
from pipeline.text import normalise_label, one_line

# "2. Quality Assurance of Systems and Processes" in a Theme cell: number and title.
_THEME_PREFIX = re.compile(r"^\s*(?:theme\s*)?(\d{1,3})\s*[.:)\-–—]\s*(.+)$", re.I | re.S)
# The columns that make a row a recommendation rather than a theme heading.
_CONTENT = ("Recommendation", "Response", "Action", "Action date", "Responsible", "Progress")


def split_theme(text: str) -> tuple[str, str]:
    """'2. Quality Assurance' -> ('2', 'Quality Assurance'); 'Finance' -> ('', 'Finance')."""
    m = _THEME_PREFIX.match(text)
    if m:
        return str(int(m.group(1))), m.group(2).strip()
    return "", text.strip()


class _Reader:
    def __init__(
        self, sheet: RawSheet, header: HeaderMatch, report: IssueReport, file: str
    ) -> None:
        self.sheet = sheet
        self.header = header
        self.report = report
        self.file = file
        self.themes: list[Theme] = []
        self.theme: Theme | None = None
        self.theme_rows: dict[str, int] = {}  # theme number -> row where it was named
        self.numbers: dict[str, int] = {}  # "2a" -> the row it was first used in
        self.auto: set[int] = set()  # ids of recommendations numbered by the reader
        # ids of themes with a recommendation row left out for its error (not "no recommendations")
        self.erred: set[int] = set()
        # A Theme column that is empty on every row is treated as absent.
        self.uses_themes = header.has("Theme") and any(
            not rec.is_empty("Theme") for rec in records(sheet, header)
        )

    def where(self, rec: Record, column: str) -> dict[str, object]:
        return {"sheet": self.sheet.name, "row": rec.number, "column": self.header.header(column)}

    def text(self, rec: Record, column: str) -> str:
        return read_text(self.sheet, rec, column, self.report)

    # --- themes -------------------------------------------------------------------------------

    def _next_theme_number(self) -> str:
        numbers = [int(t.number) for t in self.themes if t.number.isdigit()]
        return str(max(numbers) + 1 if numbers else 1)

    def _find_theme(self, number: str) -> Theme | None:
        for theme in self.themes:
            if theme.number == number:
                return theme
        return None

    def _start_theme(self, number: str, title: str, rec: Record) -> Theme:
        existing = self._find_theme(number) if number else None
        if existing is not None:
            if title and existing.title and normalise_label(title) != normalise_label(
                existing.title
            ):
                self.report.error(
                    "unique-error",
                    f"Theme {number} is named {one_line(existing.title)!r} in row "
                    f"{self.theme_rows.get(number, '?')} and {one_line(title)!r} in row "
                    f"{rec.number}. Give each theme its own number, or use the same name.",
                    value=title, **self.where(rec, "Theme"),
                )
            elif title and not existing.title:
                existing.title = title
                self.theme_rows[number] = rec.number
            self.theme = existing
            return existing
        theme = Theme(number, title)
        self.themes.append(theme)
        if number:
            self.theme_rows.setdefault(number, rec.number)
        self.theme = theme
        return theme

    def resolve_theme(self, rec: Record, theme_text: str, number: str) -> Theme:
        """The theme of this row, from its Theme cell, its number, or the row above."""
        current = self.theme
        if theme_text:
            prefix_number, title = split_theme(theme_text)
            if number and prefix_number and prefix_number != number:
                self.report.error(
                    "constraint-error",
                    f"The number says theme {number} but the Theme cell says theme "
                    f"{prefix_number} ({one_line(theme_text)!r}). Correct one of them.",
                    value=theme_text, **self.where(rec, "Theme"),
                )
            wanted = number or prefix_number
            if current is not None and normalise_label(title) == normalise_label(current.title):
                if not wanted or wanted == current.number:
                    return current
            if not wanted:
                wanted = self._next_theme_number()
            return self._start_theme(wanted, title, rec)
        # No Theme cell: fill down from the row above.
        if current is None:
            if self.uses_themes:
                self.report.error(
                    "missing-cell",
                    "The first recommendation has no theme. Type the theme's name in the "
                    f"{self.header.header('Theme')} column of this row (rows below it may "
                    "be left blank: they take the theme above).",
                    **self.where(rec, "Theme"),
                )
            return self._start_theme(number or "1", "", rec)
        if not number or number == current.number:
            return current
        existing = self._find_theme(number)
        if existing is not None:
            self.theme = existing
            return existing
        if self.uses_themes:
            label = current.title or f"theme {current.number}"
            self.report.error(
                "missing-cell",
                f"This row starts theme {number}, but its {self.header.header('Theme')} cell "
                f"is empty, so it would be filed under {one_line(label)!r} (theme "
                f"{current.number}). Type the name of theme {number} in this cell.",
                **self.where(rec, "Theme"),
            )
        return self._start_theme(number, "", rec)

    # --- rows ---------------------------------------------------------------------------------

    def parse_number(self, rec: Record) -> tuple[str, str] | None:
        """(theme number, letter) from the Number cell; ('', '') when blank; None if unreadable."""
        if not self.header.has("Number"):
            return "", ""
        raw = self.text(rec, "Number")
        if not raw:
            return "", ""
        parsed = parse_number_label(raw)
        if parsed is None:
            self.report.error(
                "type-error",
                f"{one_line(raw)!r} is not a recommendation number. Write the theme number "
                "and, for a sub-recommendation, its letter: 1, 2a, 2 b) or 4(c).",
                value=raw, **self.where(rec, "Number"),
            )
        return parsed

    def read(self, rec: Record) -> None:
        parsed = self.parse_number(rec)
        theme_number, letter = parsed if parsed is not None else ("", "")
        theme_text = self.text(rec, "Theme") if self.header.has("Theme") else ""
        has_content = any(self.header.has(c) and not rec.is_empty(c) for c in _CONTENT)
        if not has_content:
            # A theme heading row: "2 | Quality Assurance of Systems and Processes".
            if theme_text:
                self.resolve_theme(rec, theme_text, theme_number)
                self.unused_revised_date(rec, theme_text)
            elif parsed is not None:
                numbered = self.header.has("Number") and not rec.is_empty("Number")
                self.report.error(
                    "missing-cell",
                    "This row has a number but no recommendation. Type the recommendation, "
                    "or delete the row." if numbered else "This row has a Revised date but "
                    "no recommendation. Type the recommendation in this row, or move the date "
                    "to the row of the recommendation whose date has moved.",
                    **self.where(rec, "Recommendation"),
                )
                self.action_date(rec, "Revised date")  # the row's other cell, checked too
            return
        theme = self.resolve_theme(rec, theme_text, theme_number)
        text = self.text(rec, "Recommendation")
        decision_text = self.text(rec, "Response")
        action = self.text(rec, "Action") if self.header.has("Action") else ""
        ok = True
        if not text:
            self.report.error(
                "missing-cell",
                "The recommendation is empty. Type the scrutiny committee's recommendation "
                "as it appears in its report.",
                **self.where(rec, "Recommendation"),
            )
            ok = False
        decision, action = self.decision(rec, decision_text, action)
        if decision is None:
            ok = False
        elif decision == "Not accepted" and not action.strip():
            self.report.error(
                "missing-cell",
                f"Row {rec.number}: the recommendation is not accepted, so the response must "
                f"give the reason for rejection. {self._where_reason()}",
                **self.where(rec, "Action"),
            )
        date = self.action_date(rec)
        revised = self.action_date(rec, "Revised date")
        responsible = self.text(rec, "Responsible") if self.header.has("Responsible") else ""
        progress = self.text(rec, "Progress") if self.header.has("Progress") else ""
        theme_number = theme.number
        auto = not (parsed and (parsed[0] or parsed[1]))
        if auto and theme.recommendations:
            letter = self._next_letter(theme)
        number = number_label(theme_number, letter)
        if number in self.numbers:
            self.report.error(
                "unique-error",
                f"Recommendation {number} appears twice: in row {self.numbers[number]} and in "
                f"row {rec.number}. Give each recommendation its own number (for example "
                f"{theme_number}a, {theme_number}b).",
                value=number, **self.where(rec, "Number"),
            )
            self.erred.add(id(theme))
            return
        self.numbers[number] = rec.number
        if not ok or decision is None:
            self.erred.add(id(theme))
            return
        recommendation = ScrutinyRecommendation(
            number=number,
            theme_number=theme_number,
            letter=letter,
            text=text,
            decision=decision,
            action=action,
            action_date=date,
            responsible=responsible,
            progress=progress,
            source=Source(self.file, self.sheet.name, rec.number),
            revised_date=revised,
        )
        if auto:
            self.auto.add(id(recommendation))
        theme.recommendations.append(recommendation)

    def _where_reason(self) -> str:
        """Where to type a rejection's reason: the Action column, or, when the sheet has
        none, a column to add (any column of the sheet's own is not read)."""
        if self.header.has("Action"):
            return f"Type the reason in the {self.header.header('Action')} column."
        return ('The sheet has no Action column (headed "Action" or "Reason", for example), '
                'so no reason can be read: add a column headed "Action" and type the reason '
                'there (or, if a column of yours holds the reasons, rename its header to '
                '"Action").')

    def unused_revised_date(self, rec: Record, theme_text: str) -> None:
        """A Revised date on a theme's heading row revises no recommendation: a warning at
        its cell (with the cell's own problem when it is not a date), not silence."""
        if not self.header.has("Revised date") or rec.is_empty("Revised date"):
            return
        cell = rec.cell("Revised date")
        parsed = parse_date(cell)
        why = (f"the row has the theme {one_line(theme_text)!r} but no recommendation, so it "
               "is read as the theme's heading. A Revised date belongs on the row of the "
               "recommendation whose date has moved: move it to that row, or clear this cell.")
        if isinstance(parsed, CellProblem):
            code, value = parsed.code, None if cell is None else cell.value
            message = f"{parsed.message} The date is not used either: {why}"
        else:
            code, value = "constraint-error", parsed.text
            message = f"The Revised date {parsed.text} is not used: {why}"
        self.report.warning(code, message, value=value, **self.where(rec, "Revised date"))

    def _next_letter(self, theme: Theme) -> str:
        """The next letter in a theme numbered by the reader; letters the first one 'a'."""
        first = theme.recommendations[0]
        if not first.letter and id(first) in self.auto:
            first.letter = "a"
            del self.numbers[first.number]
            first.number = number_label(first.theme_number, "a")
            self.numbers[first.number] = first.source.row if first.source else 0
        letters = [r.letter for r in theme.recommendations if r.letter]
        last = max(letters) if letters else "`"
        return chr(min(ord(last) + 1, ord("z")))

    def decision(
        self, rec: Record, value: str, action: str
    ) -> tuple[Decision | None, str]:
        """The normalised decision and the action text (a decision typed at the start of
        the Response cell, "Accepted. In March ...", keeps the rest as the action)."""
        if not value:
            self.report.error(
                "missing-cell",
                f"The response is empty. Type the cabinet's decision: one of "
                f"{decision_choices()}.",
                **self.where(rec, "Response"),
            )
            return None, action
        decision = normalise_decision(value)
        if decision is not None:
            return decision, action
        split = split_leading_decision(value)
        if split is not None:
            decision, rest = split
            return decision, f"{rest}\n{action}" if action else rest
        hint = suggest_decision(value)
        did = f' Did you mean "{hint}"?' if hint else ""
        self.report.error(
            "constraint-error",
            f"{one_line(value)!r} is not a decision the response can record. Use one of: "
            f"{decision_choices()} (Rejected also means Not accepted).{did}",
            value=value, **self.where(rec, "Response"),
        )
        return None, action

    def action_date(self, rec: Record, column: str = "Action date") -> DateValue | None:
        if not self.header.has(column):
            return None
        cell = rec.cell(column)
        parsed = parse_date(cell)  # an Excel error ("#REF!") is a problem too
        if isinstance(parsed, CellProblem):
            self.report.error(
                parsed.code, parsed.message,
                value=None if cell is None else cell.value, **self.where(rec, column),
            )
            return None
        return parsed


def read_recommendations(
    sheet: RawSheet,
    header: HeaderMatch,
    details: Details,
    report: IssueReport,
    file: str,
) -> ScrutinyResponse:
    """The cabinet response from a Recommendations sheet, its problems added to `report`.

    Also adds the statutory-deadline warning when the Details sheet gives a scrutiny report
    date and a cabinet date more than two months apart (see `response_rules`).
    """
    reader = _Reader(sheet, header, report, file)
    rows = 0
    for rec in records(sheet, header):
        rows += 1
        reader.read(rec)
    warn_hidden_rows(sheet, header, report)
    themes = [t for t in reader.themes if t.recommendations]
    if not rows:
        report.error(
            "missing-cell",
            f"No recommendations were found: the sheet has its header row (row {header.row}) "
            "but no recommendation rows below it. Add one row per recommendation below the "
            "header row.",
            sheet=sheet.name, row=header.row + 1, column=header.header("Recommendation"),
        )
    for theme in reader.themes:
        if not theme.recommendations and id(theme) not in reader.erred:
            report.warning(
                "missing-cell",
                f"The theme {theme.number + '. ' if theme.number else ''}"
                f"{one_line(theme.title)!r} has no recommendations under it, so it is left "
                "out of the documents. Add its recommendations below it, or delete the row.",
                sheet=sheet.name, row=reader.theme_rows.get(theme.number),
                column=header.header("Theme"),
            )
    response = ScrutinyResponse(details=details, themes=themes, source_file=file)
    message = late_response_message(details)
    if message is not None:
        report.warning(
            "deadline-warning", message, value=DUTY,
            sheet=details.sheet or None, row=details.rows.get("cabinet_date"),
            column="B" if "cabinet_date" in details.rows else None,
        )
    return response
