"""The heading rows of an Actions sheet, as councils type them: a priority ("PRIORITY 2:
REDESIGN ...") in a Priority column or on a row of its own, and a recommendation's row
("R1 | RECOMMENDATION : Ensure that ...") typed in the Ref and Action columns of a sheet
laid out as Telford's plan is, with no Priority or Recommendation column."""

from __future__ import annotations

import re

from pipeline.reader.headers import HeaderMatch, Record

PRIORITY = re.compile(
    r"^\s*priority\s*(?:no\.?|number)?\s*(\d+[a-z]?)\s*[:.\-–—)]*\s*(.*)$", re.I | re.S
)
_NUMBER_ONLY = re.compile(r"^\s*(\d+[a-z]?)\s*[.:)]?\s*$", re.I)
# "1: Keep children safe", "2. Redesign services", "3) Workforce", "4 – Partnerships":
# a short number, a separator and a space, then the title. "2013 review" has no separator.
_NUMBERED_TITLE = re.compile(r"^\s*(\d{1,2}[a-z]?)\s*[:.)\-–—]\s+(\S.*)$", re.I | re.S)
# Telford's plan labels each recommendation "RECOMMENDATION : Ensure that ...": the label
# and its colon only. Text that merely begins with the word ("Recommendations from Ofsted
# are ...", "Recommendation 2.2: ...") is the recommendation itself, kept as typed. The
# label in capitals may go without its colon (Telford's R24, "RECOMMENDATION End the
# reliance on ..."), but not before a number ("RECOMMENDATION 2 ...").
_REC_PREFIX = re.compile(r"^\s*(?:(?i:recommendation)\s*:\s*|RECOMMENDATION\s+(?=[^\W\d]))")
# The columns a recommendation's own row may fill besides the text that names it.
_HEADING_COLUMNS = ("Priority", "Priority title", "Ref")


def split_priority(text: str) -> tuple[str, str]:
    """'PRIORITY 2: REDESIGN ...' -> ('2', 'REDESIGN ...'); '3' -> ('3', '');
    '1: Keep children safe' -> ('1', 'Keep children safe'); text -> ('', text)."""
    m = PRIORITY.match(text)
    if m:
        return m.group(1), m.group(2).strip()
    m = _NUMBER_ONLY.match(text)
    if m:
        return m.group(1), ""
    m = _NUMBERED_TITLE.match(text)
    if m:
        return m.group(1), m.group(2).strip()
    return "", text.strip()


def strip_recommendation_prefix(text: str) -> str:
    """'RECOMMENDATION : Ensure that ...' -> 'Ensure that ...'; any other text as typed."""
    return _REC_PREFIX.sub("", text, count=1).strip()


def _only_filled(rec: Record, header: HeaderMatch, *names: str) -> bool:
    """Whether the row fills no cell but those of the columns named (and the heading's)."""
    allowed = {header.columns[n][0] for n in (*_HEADING_COLUMNS, *names) if n in header.columns}
    for index, cell in enumerate(rec.row.cells):
        v = cell.value
        if index not in allowed and v is not None and not (isinstance(v, str) and not v.strip()):
            return False
    return True


def recommendation_heading(rec: Record, header: HeaderMatch) -> str | None:
    """A row whose Action cell reads "RECOMMENDATION : Ensure that ..." and which fills
    nothing else but its Ref (and Priority) names a recommendation, as Telford's plan types
    it: its actions follow in the rows below. The recommendation's text, without the label;
    None for any other row (an action, whatever its text says, when it has a status, a
    lead, a date ...)."""
    cell = rec.cell("Action")
    value = None if cell is None else cell.value
    if not isinstance(value, str) or not _REC_PREFIX.match(value):
        return None
    text = strip_recommendation_prefix(value)
    if not text or not _only_filled(rec, header, "Action"):
        return None
    return text


def unlabelled_heading(rec: Record, header: HeaderMatch) -> bool:
    """A row with a Ref and Action text and nothing else: perhaps a recommendation's row
    typed without its "RECOMMENDATION :" label (Telford's R19), perhaps an action with no
    status yet. Which, only the officer knows: the status error asks."""
    return not rec.is_empty("Ref") and not rec.is_empty("Action") and _only_filled(
        rec, header, "Action")
