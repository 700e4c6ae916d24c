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
                      f"The detail {key!r} is not one the pipeline uses; it was ignored.",
                      sheet=sheet.name, row=row, column="A", value=key)
        return None
    report.warning(
        "extra-label",
        f'The detail {key!r} is not one the pipeline uses: did you mean "{guess}"? Its value '
        f'was ignored. Rename it to "{guess}" in column A to have it read.',
        sheet=sheet.name, row=row, column="A", value=key,
    )
    return guess


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
    if "Meeting date" in lacking and "meeting_date" in details.rows:
        return  # its value is not a date: that is already said at its cell
    fixes = []
    for name in lacking:
        if name in meant:
            fixes.append(f"rename the detail in row {meant[name]} to \"{name}\"")
        else:
            fixes.append(f"add a row with \"{name}\" in column A and its value in column B")
    last = max((r.number for r in sheet.rows), default=0)
    report.warning(
        "missing-cell",
        f"The Details give {_and(given)}, as a committee report's do, but no "
        f"{' and no '.join(lacking)}, so no committee report (and no agenda pack) is made from "
        f"this workbook. To make one, {'; and '.join(fixes)}.",
        sheet=sheet.name, row=next((meant[n] for n in lacking if n in meant), last + 1),
        column="A",
    )


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
