"""Reading a written committee report back: what its cover and appendices hold.

The counts have the keys of the report model's `counts`, so a report that lost a row is
caught before it is put in place: the numbered recommendations of section 2, the
appendices (their Heading 1), and in each appendix what the stand-alone document holds
(the plan's action rows and recommendation headings, the performance report's summary
rows, the cabinet response's recommendation rows).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.documents.docmodel import DocumentModel, Heading, Paragraph, SectionBreak, Table
from pipeline.documents.report import APPENDIX_NAMES, DASH

if TYPE_CHECKING:
    from pipeline.domain.model import Details
    from pipeline.reader import WorkbookResult

RECOMMENDATIONS_HEADING = "2. Recommendations"
# In the warning of a workbook whose report will have no agenda number (`advise_report`).
NO_AGENDA_NUMBER = "so the committee report has no agenda number"


def _appendix_part(text: str) -> str | None:
    """The workbook part ("plan", "indicators", "response") an appendix heading names."""
    for part, name in APPENDIX_NAMES.items():
        if text.startswith("Appendix ") and text.endswith(f" {DASH} {name}"):
            return part  # "response_update" for the update on the cabinet response
    return None


def _header_sets(model: DocumentModel | None = None) -> dict[str, tuple[str, ...]]:
    """Each appendix's table header: the shipped columns', or the header row the template's
    table design gave them (DocumentModel.written_headers)."""
    from pipeline.documents.performance import SUMMARY_COLUMNS
    from pipeline.documents.plan import ACTION_HEADERS
    from pipeline.documents.response import COLUMNS

    written = model.written_headers if model is not None else {}
    return {
        "plan": written.get("action", ACTION_HEADERS),
        "indicators": written.get("indicator", tuple(c.header for c in SUMMARY_COLUMNS)),
        "response": written.get("rec", COLUMNS),
    }


def recommendation_headings(model: DocumentModel) -> set[str]:
    """The plan appendix's recommendation headings in the model: each Heading 3 followed by
    its actions table or by the sentence that it has no actions yet."""
    from pipeline.documents.plan import NO_ACTIONS

    found: set[str] = set()
    part: str | None = None
    blocks = model.blocks
    for index, block in enumerate(blocks):
        if isinstance(block, SectionBreak):
            part = None
        elif isinstance(block, Heading) and block.level == 1 and part is None:
            part = _appendix_part(block.text)
        elif isinstance(block, Heading) and block.level == 3 and part == "plan":
            after = blocks[index + 1] if index + 1 < len(blocks) else None
            if (isinstance(after, Table) and after.design == "action") or (
                    isinstance(after, Paragraph) and after.text == NO_ACTIONS):
                found.add(block.text)
    return found


def count_written_report(path: Path, model: DocumentModel) -> dict[str, int]:
    """Count in a written report what `model.counts` says it holds (a recommendation split
    over two priorities has two headings and counts once, as the plan counts it)."""
    from pipeline.render.readback import BodyParagraph, BodyTable, read_body

    headers = _header_sets(model)
    expected_headings = recommendation_headings(model)
    counts: Counter[str] = Counter()
    section = ""  # the cover's current Heading 1
    part: str | None = None  # the appendix being read
    for item in read_body(path):
        if isinstance(item, BodyParagraph):
            if item.style == "Heading 1":
                section = item.text
                found = _appendix_part(item.text)
                if found == "response_update":  # the update on the cabinet response
                    found = "response"
                    counts["response_update"] += 1
                if found is not None:
                    part = found
                    counts["appendices"] += 1
            elif part is None and section == RECOMMENDATIONS_HEADING and item.text.strip():
                counts["report_recommendations"] += 1
            elif part == "plan" and item.style == "Heading 3" and item.text in expected_headings:
                expected_headings.discard(item.text)
                counts["recommendations"] += 1
        elif isinstance(item, BodyTable) and part is not None:
            wanted = headers[part]
            if tuple(item.header[: len(wanted)]) == wanted:
                key = {"plan": "actions", "indicators": "indicators",
                       "response": "scrutiny_recommendations"}[part]
                counts[key] += item.row_count
    return {key: counts.get(key, 0) for key in model.counts}


# --- the registry's hooks (pipeline.kinds) ----------------------------------------------


def expected_report(model: DocumentModel, primary: Details) -> dict[str, int]:
    return dict(model.counts)


def count_report(path: Path, primary: Details, model: DocumentModel) -> dict[str, int]:
    return count_written_report(path, model)


def advise_report(result: WorkbookResult) -> None:
    """No Purpose or no Recommendations in the Details sheet: say what the report says
    (about the plan, the cabinet response or the indicators, as the report will be); and
    no Agenda item: say where the agenda pack will list it (as `committee pack` does)."""
    from pipeline.documents.report import report_issues
    from pipeline.documents.report_subject import subject_of

    indicators = result.indicators
    subject = subject_of(result.details, has_plan=result.plan is not None,
                         has_indicators=indicators is not None and bool(indicators.indicators),
                         response=result.response)
    result.report.extend(report_issues(result.details, str(result.path), subject))
    details = result.details
    if not details.agenda_item.strip():
        lacks = ("The Details sheet gives no Agenda item" if details.sheet else
                 "The workbook has no Details sheet to give an Agenda item")
        how = details.how_to_give("agenda_item", "Agenda item", "its number (such as 7)")
        result.report.warning(
            "missing-cell",
            f"{lacks}, {NO_AGENDA_NUMBER}, and the meeting's agenda pack lists it after the "
            f"numbered items, with no number. To give its number on the agenda, {how}.",
            **details.place_of("agenda_item"))
