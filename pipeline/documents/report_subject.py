"""What a committee report is about: its title, Purpose and Background when the Details
sheet does not type them.

A report made with a plan is a progress report on the plan ("The purpose of this report is
to update the Committee on progress with the Children's Services Improvement Plan."). A
report made from a cabinet-response workbook alone is about the scrutiny recommendations and
the Cabinet's response to them: its title is the scrutiny report's name, its Purpose names
the scrutiny report, and its Background says only what the Details give (the scrutiny
report's date, the Cabinet meeting) - never a "progress report on the Improvement Plan". A
report on indicators alone is about performance. Whether the response appendix is the
update (with its Progress column) is decided here too: see `response_is_update`.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.documents.briefing_text import background_text, count_of
from pipeline.documents.formatting import format_date_value
from pipeline.domain.model import Details, ScrutinyResponse

DEFAULT_TITLE = "Progress report"
RESPONSE_TITLE = "Cabinet response to scrutiny recommendations"
UPDATE_TITLE = "Update on the Cabinet response to scrutiny recommendations"
PERFORMANCE_TITLE = "Performance report"
# The titles that say only what kind of report it is (no Title, no scrutiny report named).
GENERIC_TITLES = (DEFAULT_TITLE, RESPONSE_TITLE, UPDATE_TITLE, PERFORMANCE_TITLE)


@dataclass(frozen=True)
class Subject:
    """The report's title and, for blank Details keys, its Purpose and Background lines."""

    title: str
    purpose: str  # the Purpose sentence printed when none is typed
    background: tuple[str, ...]  # the Background printed when none is typed (may be empty)


def response_is_update(details: Details, response: ScrutinyResponse) -> bool:
    """Whether the report shows the update on the response (with Progress): the response has
    progress and the report's meeting is the update meeting or later than the Cabinet's
    (with no meeting date, whenever the response gives an Update date)."""
    if not response.has_progress:
        return False
    meeting = details.meeting_date.date if details.meeting_date is not None else None
    given = response.details
    update = given.update_date.date if given.update_date is not None else None
    cabinet = given.cabinet_date.date if given.cabinet_date is not None else None
    if meeting is None:
        return update is not None
    if update is not None and meeting >= update:
        return True
    return cabinet is not None and meeting > cabinet


def _the(title: str) -> str:
    return title if title.lower().startswith("the ") else f"the {title}"


def _scrutiny_report(details: Details, response: ScrutinyResponse) -> str:
    """'the scrutiny report ‘Children in Care Placement Strategy’ (18 April 2013)', or
    'the scrutiny report' when the Details name none."""
    given = response.details
    name = given.scrutiny_report.strip() or details.scrutiny_report.strip()
    date = format_date_value(given.scrutiny_report_date or details.scrutiny_report_date)
    text = f"the scrutiny report \u2018{name}\u2019" if name else "the scrutiny report"
    return f"{text} ({date})" if date else text


def _response_subject(details: Details, response: ScrutinyResponse, update: bool) -> Subject:
    given = response.details
    name = given.scrutiny_report.strip() or details.scrutiny_report.strip()
    heading = UPDATE_TITLE if update else RESPONSE_TITLE
    title = details.title.strip() or (f"{name}: {heading}" if name else heading)
    report = _scrutiny_report(details, response)
    if update:
        purpose = ("The purpose of this report is to update the Committee on progress with "
                   f"the Cabinet's response to the recommendations of {report}.")
    else:
        purpose = ("The purpose of this report is to present the Cabinet's response to the "
                   f"recommendations of {report}.")
    background: list[str] = []
    recs = count_of(len(response.recommendations), "recommendation", "recommendations")
    if name or given.scrutiny_report_date is not None:
        background.append(f"{report[:1].upper()}{report[1:]} made {recs}.")
    cabinet = format_date_value(given.cabinet_date)
    if cabinet:
        background.append(f"The Cabinet responded to them at its meeting on {cabinet}.")
    return Subject(title, purpose, tuple(background))


def subject_of(
    details: Details,
    *,
    has_plan: bool,
    has_indicators: bool = False,
    response: ScrutinyResponse | None = None,
) -> Subject:
    """What the report is about: the plan when it has one, else the cabinet response, else
    the performance indicators."""
    typed_background = details.background.strip()
    if not has_plan and response is not None:
        subject = _response_subject(details, response, response_is_update(details, response))
    elif not has_plan and has_indicators:
        subject = Subject(
            details.title.strip() or PERFORMANCE_TITLE,
            "The purpose of this report is to update the Committee on performance against "
            "its indicators.",
            (),
        )
    else:
        plan = _the(details.title.strip() or "improvement plan")
        return Subject(
            details.title.strip() or DEFAULT_TITLE,
            f"The purpose of this report is to update the Committee on progress with {plan}.",
            (background_text(details),),
        )
    if typed_background:
        return Subject(subject.title, subject.purpose, (details.background,))
    return subject


__all__ = ["DEFAULT_TITLE", "GENERIC_TITLES", "Subject", "response_is_update", "subject_of"]
