"""The Actions sheet: priorities -> recommendations -> actions, with fill-down."""

from __future__ import annotations

from pipeline.domain.model import (
    Action,
    Details,
    Plan,
    Priority,
    Recommendation,
    Source,
    StatusScheme,
)
from pipeline.domain.plan_rules import split_note, split_recommendations
from pipeline.domain.status import (
    accepted_values,
    match_status,
    status_of_fill,
    suggest_status,
)
from pipeline.issues import IssueReport
from pipeline.reader.action_dates import action_dates, read_date
from pipeline.reader.cells import EXCEL_ERRORS, excel_error
from pipeline.reader.headers import (
    HeaderMatch,
    Record,
    cell_label,
    read_text,
    records,
    warn_hidden_rows,
)
from pipeline.reader.heading_rows import (
    PRIORITY,
    recommendation_heading,
    split_priority,
    strip_recommendation_prefix,
    unlabelled_heading,
)
from pipeline.reader.lines_above import banner, position_line
from pipeline.reader.raw import RawSheet
from pipeline.reader.xlsx_cells import column_letter
from pipeline.text import normalise_label, one_line

TEXT_COLUMNS = ("Action", "Outcome", "Source", "Measure", "Timescale", "Lead", "Progress")
DATE_COLUMNS = ("Target date", "Original target date", "Revised target date")
# What makes a row with no Action text an action still, not a recommendation's own row.
_SUBSTANCE = ("Progress", "Status")
_NOT_USED = ("The row has no action, so this cell is left out of the documents and this is "
             "only a warning: correct it if the row is to have an action, or clear it.")


class _Reader:
    def __init__(
        self,
        sheet: RawSheet,
        header: HeaderMatch,
        scheme: StatusScheme,
        report: IssueReport,
        file: str,
    ) -> None:
        self.sheet = sheet
        self.header = header
        self.places = {name: place[0] for name, place in header.columns.items()}
        self.scheme = scheme
        self.report = report
        self.file = file
        self.priorities: list[Priority] = []
        self.priority: Priority | None = None
        self.rec: Recommendation | None = None
        self.ref = ""
        self.rec_text = ""
        self.seen_actions: dict[tuple[str, str], int] = {}
        self.title_rows = {
            normalise_label(cell_label(c))
            for row in sheet.rows[: header.index]
            for c in row.cells
            if cell_label(c)
        }

    def where(self, rec: Record, column: str) -> dict[str, object]:
        return {"sheet": self.sheet.name, "row": rec.number, "column": self.header.header(column)}

    def text(self, rec: Record, column: str, report: IssueReport | None = None) -> str:
        place = self.places.get(column)
        if place is None:
            return ""
        cells = rec.row.cells
        value = cells[place].value if place < len(cells) else None
        if value is None:  # an empty cell: what read_text gives it
            return ""
        if value.__class__ is str and value.isprintable():  # read_text's usual case, inlined
            text = value.strip()  # type: ignore[union-attr]
            if "#" not in text or text not in EXCEL_ERRORS:
                return text
        return read_text(self.sheet, rec, column, self.report if report is None else report)

    def set_priority(self, text: str, title: str = "") -> None:
        number, ptitle = split_priority(text)
        ptitle = title or ptitle
        if self.priority is not None and (self.priority.number, self.priority.title) == (
            number,
            ptitle,
        ):
            return
        self.priority = Priority(number, ptitle)
        self.priorities.append(self.priority)
        self.rec = None
        self.ref = ""
        self.rec_text = ""

    def ensure_priority(self) -> Priority:
        if self.priority is None:
            self.priority = Priority("", "")
            self.priorities.append(self.priority)
        return self.priority

    def banner(self, rec: Record) -> bool:
        """A row with one filled cell that names a priority, or repeats a title row."""
        filled = []
        for c in rec.row.cells:  # is_empty inlined, and no further than a second value
            v = c.value
            if v is not None and not (isinstance(v, str) and not v.strip()):
                if filled:
                    return False
                filled.append(c)
        if not filled:
            return False
        label = cell_label(filled[0])
        if PRIORITY.match(label):
            self.set_priority(label)
            return True
        if normalise_label(label) in self.title_rows:
            self.report.notice(
                "blank-row",
                f"The row repeats the title {one_line(label)!r} and was skipped.",
                sheet=self.sheet.name,
                row=rec.number,
            )
            return True
        return False

    def read(self, rec: Record) -> None:
        if self.banner(rec):
            return
        priority_text = self.text(rec, "Priority") if self.header.has("Priority") else ""
        ptitle = self.text(rec, "Priority title") if self.header.has("Priority title") else ""
        if priority_text or ptitle:
            if priority_text:
                self.set_priority(priority_text, ptitle)
            elif self.priority is None or self.priority.title != ptitle:
                self.set_priority(self.priority.number if self.priority else "", ptitle)
        priority = self.ensure_priority()

        ref = self.text(rec, "Ref")
        heading = recommendation_heading(rec, self.header)  # "R1 | RECOMMENDATION : ..."
        rec_text = heading if heading is not None else strip_recommendation_prefix(
            self.text(rec, "Recommendation"))
        new_group = False
        if ref and ref != self.ref:
            self.ref = ref
            self.rec_text = rec_text
            new_group = True
        elif rec_text and rec_text != self.rec_text:
            self.rec_text = rec_text
            new_group = True
        if new_group or self.rec is None:
            self.rec = Recommendation(
                self.ref, self.rec_text, source=Source(self.file, self.sheet.name, rec.number)
            )
            priority.recommendations.append(self.rec)

        action_text = "" if heading is not None else self.text(rec, "Action")
        if not action_text:
            self.no_action(rec, bool(ref or rec_text))
            return
        status = self.status(rec)
        target, original = action_dates(self.sheet, rec, self.report)
        action = Action(
            ref=self.ref,
            text=action_text,
            status=status or "not_started",
            outcome=self.text(rec, "Outcome"),
            source_of=self.text(rec, "Source"),
            measure=self.text(rec, "Measure"),
            timescale=self.text(rec, "Timescale"),
            lead=self.text(rec, "Lead"),
            target_date=target,
            progress=self.text(rec, "Progress"),
            source=Source(self.file, self.sheet.name, rec.number),
            original_date=original,
        )
        key = (normalise_label(self.ref), normalise_label(action_text))
        if key in self.seen_actions:
            self.report.warning(
                "unique-error",
                f"This action is the same as the one in row {self.seen_actions[key]} "
                f"(ref {self.ref or 'none'}). Both are kept; delete one if it was copied twice.",
                value=one_line(action_text),
                **self.where(rec, "Action"),
            )
        else:
            self.seen_actions[key] = rec.number
        self.rec.actions.append(action)

    def no_action(self, rec: Record, names_recommendation: bool) -> None:
        """A row with no action text but other cells filled. With a Ref or Recommendation
        and only descriptive cells (Outcome, Lead, dates ...) it is the recommendation's own
        row (the heading of the actions below it, or a recommendation with none yet), which
        prints only those two: the rest is said to be left out, and its cells checked as
        warnings (they are not used). A row giving a Progress or Status, the substance of an
        action, or neither Ref nor Recommendation, is an action with its action missing: an
        error. Either way every problem of the row is said in one pass."""
        others = [c for c in (*TEXT_COLUMNS[1:], *DATE_COLUMNS, "Status") if not rec.is_empty(c)]
        if not others:
            return
        if not names_recommendation:
            self.report.error(
                "missing-cell",
                f"This row has {', '.join(self.header.header(c) for c in others)} but no "
                "action. Type the action, or delete the row.",
                **self.where(rec, "Action"),
            )
            self.check_cells(rec, self.report)
            return
        names = [self.header.header(c) for c in others]
        one = len(names) == 1
        named = names[0] if one else f"{', '.join(names[:-1])} and {names[-1]}"
        they, them, are, cells = (("it", "it", "is", "that cell") if one
                                  else ("they", "them", "are", "those cells"))
        which = f"recommendation {one_line(self.ref)}" if self.ref else "a recommendation"
        action = self.header.header("Action")
        substance = [self.header.header(c) for c in _SUBSTANCE if c in others]
        if substance:
            self.report.error(
                "missing-cell",
                f"This row gives {which} and its {named}, but no action. Its "
                f"{' and '.join(substance)} {'is' if len(substance) == 1 else 'are'} an "
                "action's, so the row is read as an action whose action text is missing (not "
                "as the row that only names the recommendation), and "
                f"{'it' if len(substance) == 1 else 'they'} would appear nowhere in the "
                f"documents. Type the action in column {self.letter('Action')} ({action!r}) "
                "of this row; or, if the row only names the recommendation, move "
                f"{them} to the action's row, or clear {cells}.",
                **self.where(rec, "Action"),
            )
            self.check_cells(rec, self.report)
            return
        self.report.warning(
            "missing-cell",
            f"This row gives {which} but no action, so it is read as the row that names the "
            f"recommendation: only its Ref and Recommendation are printed, and the {named} "
            f"typed in it {are} left out of the documents. If {they} {are} for an action, type "
            f"the action in this row's {action} column, or move {them} to "
            f"that action's row; if not, clear {cells}.",
            **self.where(rec, "Action"),
        )
        unused = IssueReport(self.report.file)
        self.check_cells(rec, unused)
        for issue in unused.issues:  # a problem in a cell that is not used: a warning
            self.report.warning(
                issue.code, f"{issue.message} {_NOT_USED}", value=issue.value,
                sheet=issue.sheet, row=issue.row, column=issue.column,
            )

    def letter(self, column: str) -> str:
        """The column's letter as Excel shows it ('D')."""
        return column_letter(self.places[column] + 1)

    def check_cells(self, rec: Record, report: IssueReport) -> None:
        """The cells of a row with no action, checked all the same so that every problem of
        the row is said in one pass: Excel errors, dates that cannot be read, and a status
        the plan does not use (an empty status is not asked for: the row is no action)."""
        for column in TEXT_COLUMNS[1:]:
            if excel_error(rec.cell(column)):
                read_text(self.sheet, rec, column, report)  # says the error at the cell
        for column in DATE_COLUMNS:
            read_date(self.sheet, rec, column, report)
        if self.header.has("Status") and not rec.is_empty("Status"):
            self.status(rec, report)

    def heading_hint(self, rec: Record) -> str:
        """For a row of only a Ref and Action text, how to make it the recommendation's row
        if that is what it is (the Action is then the recommendation's text)."""
        if not unlabelled_heading(rec, self.header):
            return ""
        ref = one_line(self.text(rec, "Ref"))
        how = (f"move its text to the {self.header.header('Recommendation')} column"
               if self.header.has("Recommendation") else
               'begin its text with "RECOMMENDATION :" (as in "RECOMMENDATION : Ensure that '
               '...") and leave the rest of the row blank')
        return (f" If this row names recommendation {ref} rather than giving one of its "
                f"actions, {how}: its actions then follow in the rows below.")

    def status(self, rec: Record, report: IssueReport | None = None) -> str | None:
        report = self.report if report is None else report
        cell = rec.cell("Status")
        value = self.text(rec, "Status", report)
        if not value:
            accepted = ", ".join(accepted_values(self.scheme))
            status_header = self.header.header("Status")
            if report.has_error_at(self.sheet.name, rec.number, status_header):
                return None  # e.g. a formula with no saved value: already said, and better
            fill = None if cell is None else cell.fill
            why = ("The status is shown only by the cell's colour. " if fill is not None
                   else "The status is empty. ")
            meant = status_of_fill(fill, self.scheme)
            if meant is not None:
                why += f'The cell is {meant[0]}: did you mean "{meant[1].label}"? '

            report.error(
                "missing-cell",
                f"{why}Type the status as text: one of {accepted}.{self.heading_hint(rec)}",
                **self.where(rec, "Status"),
            )
            return None
        key = match_status(value, self.scheme)
        if key is None:
            accepted = ", ".join(accepted_values(self.scheme))
            hint = suggest_status(value, self.scheme)
            did = f' Did you mean "{hint}"?' if hint else ""
            report.error(
                "constraint-error",
                f"{value!r} is not a status the plan uses. Use one of: {accepted}.{did}",
                value=value,
                **self.where(rec, "Status"),
            )
            return None
        return key


def read_actions(
    sheet: RawSheet,
    header: HeaderMatch,
    scheme: StatusScheme,
    details: Details,
    report: IssueReport,
    file: str,
) -> Plan:
    reader = _Reader(sheet, header, scheme, report, file)
    rows = 0
    for rec in records(sheet, header):
        rows += 1
        reader.read(rec)
    warn_hidden_rows(sheet, header, report)
    # Drop an empty catch-all priority created before any real one (e.g. by a title row).
    priorities = [p for p in reader.priorities if p.recommendations or p.number or p.title]
    if not rows:
        report.error(
            "missing-cell",
            f"No actions were found: the sheet has its header row (row {header.row}) but no "
            "action rows below it. Add one row per action below the header row.",
            sheet=sheet.name, row=header.row + 1, column=header.header("Action"),
        )
    plan = Plan(details=details, scheme=scheme, priorities=priorities, source_file=file,
                banner=banner(sheet, header), position_line=position_line(sheet, header))
    for places in split_recommendations(plan):
        _warn_split(places, sheet, header, report)
    return plan


def _warn_split(places: list[tuple[Priority, Recommendation]], sheet: RawSheet,
                header: HeaderMatch, report: IssueReport) -> None:
    """One recommendation listed in two places: counted once, printed in each; say so."""
    where = " and ".join(
        f"{'under ' + p.heading + ' ' if p.heading else ''}(row "
        f"{rec.source.row if rec.source else '?'})" for p, rec in places)
    rec = places[0][1]
    later = places[1][1].source
    report.warning(
        "unique-error",
        f"{split_note(places)}: {where}. It is counted once, as one recommendation the "
        "committee agreed, and printed in each place with the actions listed there. If it "
        "was copied by mistake, move its actions under one priority.",
        value=one_line(rec.ref or rec.text), sheet=sheet.name,
        row=later.row if later else None,
        column=header.header("Ref") if rec.ref and header.has("Ref")
        else header.header("Recommendation") if header.has("Recommendation") else None,
    )
