"""The performance report: a summary table, then one section per theme and indicator.

Modelled on Torbay's indicator pages ("Current Status / Since last period / Target /
Latest Performance / Responsible Officer / It's best to be high", then commentary) and
Bury's "Update on Performance" table. A4 portrait; built from
templates/performance-report.docx by the renderer.
"""

from __future__ import annotations

import datetime as dt

from pipeline.documents.charts import CHART_WIDTH_CM, alt_text, indicator_label, trend_charts
from pipeline.documents.docmodel import (
    Block,
    Cell,
    Column,
    DocumentModel,
    Heading,
    Image,
    Paragraph,
    Run,
    Table,
)
from pipeline.documents.formatting import format_date, format_date_value
from pipeline.domain.comparators import comparator_gaps
from pipeline.domain.indicator_rules import (
    Direction,
    IndicatorStatus,
    Reading,
    compared_values,
    direction,
    format_value,
    judged_value,
    normalise_unit,
    polarity_sentence,
    reading,
    status,
    ytd_format,
)
from pipeline.domain.model import Indicator, IndicatorSet, Observation

DEFAULT_TITLE = "Performance report"
NO_TARGET = "No target"
# Room between an indicator's table of figures and the line under it, as the chart has
# (pipeline.render.blocks.image_xml: 8 pt before).
SPACE_UNDER_FIGURES_PT = 8.0
SUMMARY_COLUMNS = [
    Column("Indicator", 5.2),
    Column("Previous", 2.3),
    Column("Latest", 2.3),
    Column("Target", 1.8),
    Column("Status", 2.2),
    Column("Direction", 2.2),
]
FACT_COLUMNS = [
    Column("Current status", 2.8),
    Column("Since last period", 3.2),
    Column("Target", 2.4),
    Column("Latest performance", 3.8),
    Column("Previous", 3.8),
]


class Assessment:
    """Everything the document says about one indicator, worked out once."""

    def __init__(self, indicator: Indicator) -> None:
        self.indicator = indicator
        self.unit = normalise_unit(indicator.unit)
        self.reading: Reading = reading(indicator.series)
        latest, previous = self.reading.latest, self.reading.previous
        self.status: IndicatorStatus = status(
            judged_value(indicator, latest),
            indicator.target, indicator.polarity, indicator.tolerance,
        )
        self.direction: Direction = direction(
            *compared_values(indicator, latest, previous), indicator.polarity)

    def value_text(self, observation: Observation | None) -> str:
        """'Sep 2011\\n66.5%', or 'No data'; with a year-to-date figure, Torbay's
        'Sep 2011\\n39.8% / In-month 73.1%' (the year to date first)."""
        if observation is None:
            return "No data"
        shown = self.figure(observation)
        if observation.ytd is not None:
            ytd = format_value(observation.ytd, self.unit, ytd_format(observation))
            shown = f"{ytd} / In-month {shown}"
        return f"{observation.period.label}\n{shown}"

    def figure(self, observation: Observation) -> str:
        """The in-month value as its cell shows it, with the unit: '25.0%'."""
        return format_value(observation.value, self.unit, observation.number_format)

    @property
    def target_text(self) -> str:
        if self.indicator.target is None:
            return NO_TARGET
        return format_value(self.indicator.target, self.unit, self.indicator.target_format)

    def status_cell(self) -> Cell:
        s = self.status
        return Cell.of(s.label, fill=s.fill, text_colour=s.text_colour, bold=True)

    def latest_text(self) -> str:
        text = self.value_text(self.reading.latest)
        gap = self.reading.gap_text
        return f"{text}\n({gap})" if gap and self.reading.latest is not None else text


# The fields a template's design of the summary table may print (pipeline.documents.
# table_fields): the columns' values in order, then the theme and responsible officer.
INDICATOR_FIELDS: tuple[str, ...] = (
    "indicator.name", "indicator.previous", "indicator.latest", "indicator.target",
    "indicator.status", "indicator.direction", "indicator.theme", "indicator.responsible",
)


def summary_table(assessments: list[Assessment]) -> Table:
    rows = [
        [
            Cell.of(a.indicator.name),
            Cell.of(a.value_text(a.reading.previous)),
            Cell.of(a.latest_text()),
            Cell.of(a.target_text),
            a.status_cell(),
            Cell.of(a.direction.text),
        ]
        for a in assessments
    ]
    values = [(*row, Cell.of(a.indicator.theme), Cell.of(a.indicator.responsible_officer))
              for row, a in zip(rows, assessments, strict=True)]
    return Table(list(SUMMARY_COLUMNS), rows, caption="Summary of performance indicators",
                 design="indicator", fields=INDICATOR_FIELDS, values=values)


def _labelled(label: str, text: str) -> Paragraph:
    return Paragraph([Run(f"{label}: ", bold=True), Run(text)])


def _section(a: Assessment, png: bytes | None) -> list[Block]:
    ind = a.indicator
    blocks: list[Block] = [Heading(ind.name, 2)]
    facts = Table(
        list(FACT_COLUMNS),
        [[
            a.status_cell(),
            Cell.of(a.direction.text),
            Cell.of(a.target_text),
            Cell.of(a.latest_text()),
            Cell.of(a.value_text(a.reading.previous)),
        ]],
        caption=f"Position of {ind.name}",
    )
    blocks.append(facts)
    sentence = polarity_sentence(ind.polarity)
    if sentence:
        blocks.append(Paragraph.of(sentence, bold=True))
    if a.reading.latest is not None and a.reading.latest.ytd is not None:
        judged = "year-to-date" if ind.judge_on == "ytd" else "in-month"
        blocks.append(_labelled("Status judged on", f"the {judged} figure"))
    if ind.responsible_officer:
        blocks.append(_labelled("Responsible officer", ind.responsible_officer))
    if ind.definition:
        blocks.append(_labelled("Definition", ind.definition))
    gaps = comparator_gaps(ind)  # from the figure the status is judged on
    if gaps:
        blocks.append(_labelled("Comparators", "; ".join(g.text for g in gaps)))
    if ind.commentary:
        blocks.append(_labelled("Commentary", ind.commentary))
    if len(blocks) > 2 and isinstance(blocks[2], Paragraph):
        # The line under the figures ("It's best to be high") is set off from the table.
        blocks[2].space_before_pt = SPACE_UNDER_FIGURES_PT
    if png is not None:
        # The heading, the figures, the notes and the chart are printed on one page.
        for block in blocks[1:]:
            if isinstance(block, Paragraph | Table):
                block.keep_with_next = True
        blocks.append(
            Image(png, alt_text(ind), CHART_WIDTH_CM, title=f"Trend of {indicator_label(ind)}")
        )
    else:
        facts.keep_with_next = len(blocks) > 2  # the figures stay with their notes
    return blocks


def _themes(indicators: list[Indicator]) -> list[tuple[str, list[int]]]:
    order: dict[str, list[int]] = {}
    for i, ind in enumerate(indicators):
        order.setdefault(ind.theme, []).append(i)
    return list(order.items())


def build_performance_document(
    indicators: IndicatorSet,
    as_at: dt.date | None = None,
    *,
    charts: bool = True,
) -> DocumentModel:
    """The performance report as a DocumentModel (kind "performance", A4 portrait).

    `as_at` overrides the workbook's "As at" date; `charts=False` leaves the trend charts out.
    """
    details = indicators.details
    title = details.title or DEFAULT_TITLE
    if as_at is not None:
        as_at_text = format_date(as_at)
    else:
        as_at_text = format_date_value(details.as_at)
    items = indicators.indicators
    assessments = [Assessment(i) for i in items]
    pngs: list[bytes | None] = trend_charts(items) if charts else [None] * len(items)

    blocks: list[Block] = [
        Heading("Summary", 1),
        Paragraph.of(summary_sentence(assessments)),
        summary_table(assessments),
    ]
    themes = _themes(items)
    for theme, members in themes:
        if theme:
            blocks.append(Heading(theme, 1))
        elif len(themes) > 1:
            blocks.append(Heading("Other indicators", 1))
        elif not theme:
            blocks.append(Heading("Indicators", 1))
        for i in members:
            blocks.extend(_section(assessments[i], pngs[i]))

    return DocumentModel(
        kind="performance",
        title=title,
        subject="Performance report",
        author=details.organisation,
        landscape=False,
        protective_marking=details.protective_marking,
        context={
            "title": title,
            "organisation": details.organisation,
            "as_at": as_at_text,
            "committee": details.committee,
            "meeting_date": format_date_value(details.meeting_date),
            "report_number": "" if details.report_number is None else str(details.report_number),
        },
        blocks=blocks,
        counts={
            "indicators": len(items),
            "charts": sum(1 for p in pngs if p is not None),
        },
    )


def summary_sentence(assessments: list[Assessment]) -> str:
    """The briefing's sentence: 'There are 12 indicators: three on target, two near target,
    four off target and three with no target (data only).' (briefing_text)."""
    from pipeline.documents.briefing_text import indicators_sentence

    return indicators_sentence(assessments)


__all__ = [
    "Assessment",
    "build_performance_document",
    "summary_sentence",
    "summary_table",
]
