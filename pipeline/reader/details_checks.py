"""Checks on the Details sheet's keys and values beyond reading them: a misspelt key
("Comittee"), a protective marking outside the Government Security Classifications, and
the keys of a committee report given without the committee or meeting it is for."""

from __future__ import annotations

from difflib import SequenceMatcher, get_close_matches

from pipeline.documents.agenda import MARKINGS
from pipeline.domain.model import Details
from pipeline.issues import IssueReport
from pipeline.reader.columns import DETAILS_KEYS
from pipeline.reader.raw import RawSheet
from pipeline.text import normalise_label, one_line

# How alike (0-1) an unknown key must be to a known spelling to be taken for a misspelling.
KEY_CUTOFF = 0.85
# The keys only a committee report uses: given, the workbook is meant for a meeting.
_MEETING_KEYS = {"agenda_item": "Agenda item", "purpose": "Purpose",
                 "recommendations": "Recommendations"}
_ATTRS = {"Committee": "committee", "Meeting date": "meeting_date"}


def nearest_key(key: str) -> str | None:
    """The known Details key (as the docs spell it) that `key` is a misspelling of, if any."""
    norm = normalise_label(key)
    if len(norm) < 4:
        return None
    best: tuple[float, str] | None = None
    for spellings in DETAILS_KEYS.values():
        for spelling in spellings:
            ratio = SequenceMatcher(None, norm, normalise_label(spelling)).ratio()
            if ratio >= KEY_CUTOFF and (best is None or ratio > best[0]):
                best = (ratio, spellings[0])
    return None if best is None else best[1]


def unknown_key(sheet: RawSheet, row: int, key: str, report: IssueReport) -> str | None:
    """Say that a key is not one the pipeline uses: a warning with "did you mean" when it is
    near a known one (its value would be lost), else a notice. Returns the key meant."""
    guess = nearest_key(key)
    if guess is None:
        report.notice("extra-label",
                      f"The detail {key!r} is not one this tool uses; it was ignored.",
                      sheet=sheet.name, row=row, column="A", value=key)
        return None
    report.warning(
        "extra-label",
        f'The detail {key!r} is not one this tool uses: did you mean "{guess}"? Its value '
        f'was ignored. Rename it to "{guess}" in column A to have it read.',
        sheet=sheet.name, row=row, column="A", value=key,
    )
    return guess


# What each date of the Details sheet is used for: why words cannot stand in for it.
_DATE_USES = {
    "meeting_date": "The Meeting date is printed on the committee report (\"On: ...\") and "
                    "the batch files the documents under the meeting's month",
    "as_at": "The As at date is the date the statuses and figures describe, and which "
             "actions are overdue is judged on it",
    "cabinet_date": "The Cabinet date is printed on the response, and the batch files the "
                    "response under its month when no Meeting date is given",
    "scrutiny_report_date": "The Scrutiny report date is printed on the response, and the "
                            "two months the Cabinet has to respond are counted from it",
    "update_date": "The Update date is printed on the progress update, and which blank "
                   "progress is not yet due is judged on it",
}


def not_a_date(key: str, attr: str, text: str) -> str:
    """What to say of a Details date typed as words (\"17/10/2031x\", \"TBC\")."""
    return (f"{key}: {one_line(text)!r} is not a date. {_DATE_USES[attr]}, so it must be a "
            "date: type it as day/month/year, such as 17/10/2013 (or a month, such as "
            "October 2013), or leave it blank if it is not yet known.")


def _canonical_marking(value: str) -> str:
    words = " ".join(value.upper().replace("\u2013", "-").replace("\u2014", "-").split())
    return words.replace(" - ", "-").replace("- ", "-").replace(" -", "-").replace(
        "OFFICIAL SENSITIVE", "OFFICIAL-SENSITIVE")


def check_marking(details: Details, key: str, row: int, report: IssueReport) -> None:
    """The protective marking must be a Government Security Classification: kept in its
    standard form ("official sensitive" -> OFFICIAL-SENSITIVE), or a located error."""
    value = details.protective_marking.strip()
    if not value:
        return
    canonical = _canonical_marking(value)
    if canonical in MARKINGS:
        details.protective_marking = canonical
        return
    near = get_close_matches(canonical, MARKINGS, n=1, cutoff=0.6)
    did = f' Did you mean "{near[0]}"?' if near else ""
    report.error(
        "constraint-error",
        f"{key}: {one_line(value)!r} is not a Government Security Classification, and would "
        f"be printed in every page header.{did} Type one of: {', '.join(MARKINGS)}; or leave "
        "it blank for none.",
        sheet=details.sheet, row=row, column="B", value=value,
    )


def check_meeting(details: Details, sheet: RawSheet, meant: dict[str, int],
                  report: IssueReport) -> None:
    """Keys only a committee report uses, but no Committee or no Meeting date: say why no
    committee report (nor agenda pack) is made. `meant`: known key -> row of a misspelling."""
    given = [name for attr, name in _MEETING_KEYS.items() if getattr(details, attr).strip()]
    if not given or details.has_meeting:
        return
    lacking = [name for name, missing in (("Committee", not details.committee.strip()),
                                          ("Meeting date", details.meeting_date is None))
               if missing]
    if "Meeting date" in lacking and report.has_error_at(
            sheet.name, details.rows.get("meeting_date"), "B"):
        return  # its value is not a date: that is already said at its cell
    fixes = []
    for name in lacking:
        if name in meant:
            fixes.append(f"rename the detail in row {meant[name]} to \"{name}\"")
        elif _ATTRS[name] in details.rows:  # its row is there, its value blank
            fixes.append(details.how_to_give(_ATTRS[name], name, "its value"))
        else:
            fixes.append(f"add a row with \"{name}\" in column A and its value in column B")
    last = max((r.number for r in sheet.rows), default=0)
    blank = [details.rows[_ATTRS[n]] for n in lacking if _ATTRS[n] in details.rows]
    report.warning(
        "missing-cell",
        f"The Details give {_and(given)}, as a committee report's do, but no "
        f"{' and no '.join(lacking)}, so no committee report (and no agenda pack) is made from "
        f"this workbook. To make one, {'; and '.join(fixes)}.",
        sheet=sheet.name,
        row=next((meant[n] for n in lacking if n in meant), blank[0] if blank else last + 1),
        column="B" if blank and not any(n in meant for n in lacking) else "A",
    )


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
