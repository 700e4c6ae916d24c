"""The optional "RAG key" sheet: Label | Colour | Meaning | Aliases."""

from __future__ import annotations

from pipeline.domain.model import STATUS_KEYS, StatusKey, StatusScheme
from pipeline.domain.status import (
    DEFAULT_SCHEME,
    contrast_ratio,
    parse_colour,
    parse_meaning,
    scheme_from_key,
)
from pipeline.issues import IssueReport
from pipeline.reader.cells import text_value
from pipeline.reader.columns import RAG_KEY
from pipeline.reader.headers import find_header, records
from pipeline.reader.raw import RawSheet

_MEANINGS = "complete, on track, at risk, behind schedule or not started"


def read_rag_key(sheet: RawSheet, report: IssueReport) -> StatusScheme | None:
    """The workbook's own status scheme, or None when the sheet cannot be used."""
    header = find_header(sheet, RAG_KEY, report)
    if header is None:
        return None
    rows: list[tuple[str, StatusKey, str, str, tuple[str, ...]]] = []
    seen: dict[StatusKey, int] = {}
    errors_before = len(report.errors)
    for rec in records(sheet, header):
        label, _ = text_value(rec.cell("Label"))
        colour_text, _ = text_value(rec.cell("Colour"))
        meaning_text, _ = text_value(rec.cell("Meaning"))
        aliases_text, _ = text_value(rec.cell("Aliases"))
        if not label:
            report.error(
                "missing-cell",
                "This RAG key row has no label. Type the status label, e.g. Complete.",
                sheet=sheet.name,
                row=rec.number,
                column=header.header("Label"),
            )
            continue
        key = parse_meaning(meaning_text) if meaning_text else None
        if key is None:
            key = parse_meaning(label)
        if key is None:
            colour_key = {
                "blue": "complete",
                "green": "on_track",
                "amber": "at_risk",
                "red": "behind",
                "grey": "not_started",
            }.get(colour_text.lower())
            key = colour_key  # type: ignore[assignment]
        if key is None or key not in STATUS_KEYS:
            report.error(
                "constraint-error",
                f"The RAG key row {label!r} does not say which status it means. In the "
                f"Meaning column write one of: {_MEANINGS}.",
                sheet=sheet.name,
                row=rec.number,
                column=header.header("Meaning")
                if header.has("Meaning")
                else header.header("Label"),
                value=meaning_text or label,
            )
            continue
        colours = parse_colour(colour_text) if colour_text else None
        if colours is None:
            default = DEFAULT_SCHEME.entry(key)
            if colour_text:
                report.error(
                    "constraint-error",
                    f"{colour_text!r} is not a colour a RAG key can use. Use Red, Amber, Green, "
                    "Blue or Grey, or a hex colour such as #00703C.",
                    sheet=sheet.name,
                    row=rec.number,
                    column=header.header("Colour"),
                    value=colour_text,
                )
                continue
            colours = (default.fill, default.text_colour)
        fill, text_colour = colours
        text_colour_text, _ = text_value(rec.cell("Text colour"))
        if text_colour_text:
            given = parse_colour(text_colour_text)
            if given is None:
                report.error(
                    "constraint-error",
                    f"{text_colour_text!r} is not a text colour a RAG key can use. Use White or "
                    "Black, or a hex colour such as #FFFFFF.",
                    sheet=sheet.name,
                    row=rec.number,
                    column=header.header("Text colour"),
                    value=text_colour_text,
                )
                continue
            text_colour = given[0]  # a colour's own value, whether named or hex
        if contrast_ratio(fill, text_colour) < 4.5:
            report.warning(
                "contrast-error",
                f"Text on the colour {colour_text} has a contrast of "
                f"{contrast_ratio(fill, text_colour):.1f}:1, below the 4.5:1 that accessibility "
                "rules require. Choose a darker or lighter colour.",
                sheet=sheet.name,
                row=rec.number,
                column=header.header("Colour"),
                value=colour_text,
            )
        if key in seen:
            report.error(
                "unique-error",
                f"Two RAG key rows mean the same status (rows {seen[key]} and {rec.number}). "
                "Keep one row per status.",
                sheet=sheet.name,
                row=rec.number,
                column=header.header("Label"),
                value=label,
            )
            continue
        seen[key] = rec.number
        aliases = tuple(a.strip() for a in aliases_text.replace(";", ",").split(",") if a.strip())
        rows.append((label, key, fill, text_colour, aliases))
    if len(report.errors) > errors_before or not rows:
        return None
    return scheme_from_key(rows)
