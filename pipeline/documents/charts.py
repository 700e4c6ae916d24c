"""Trend charts for the performance report: PNGs and their alt text.

Everything is drawn with Pillow (pipeline.documents.chartdraw): the lines (series, target,
comparators, grid, axes) on a canvas twice the size, scaled down so that their edges are
smooth; then the text (tick labels, axis label and the line labels) in DejaVu Sans, shipped
in pipeline/fonts, measured before drawing so that labels are placed without overlapping.
A chart costs about 2 ms (matplotlib drew the same picture in 10 ms and took 0.5 s to
import).

Charts are 16 cm wide for an A4 portrait page, at 120 dpi so that they print sharply.
Colours are the Okabe-Ito colour-blind-safe palette, and every line also differs by style;
each line is labelled at its right-hand end, with a short key in its own colour and style,
in near-black text (contrast over 4.5:1), so no line is told apart by colour alone and
there is no legend to look up.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from functools import cache
from typing import Any

from pipeline.documents.chartdraw import Canvas, font, nice_ticks, png_bytes, stamp
from pipeline.domain.indicator_rules import (
    axis_label,
    format_value,
    indicator_direction,
    normalise_unit,
    reading,
    ytd_format,
)
from pipeline.domain.model import Indicator, Observation

CHART_WIDTH_CM = 16.0
CHART_HEIGHT_CM = 6.5
DPI = 120
SERIES_COLOUR = "#0072B2"  # Okabe-Ito blue
YTD_COLOUR = "#5E3C99"  # dark purple (8:1 on white): the year to date, when judged on it
TARGET_COLOUR = "#0B0C0C"  # near black
TEXT_COLOUR = (11, 12, 12)  # near black, 19:1 on white
COMPARATOR_STYLES = (("#D55E00", ":"), ("#009E73", "-."), ("#CC79A7", (0, (5, 1, 1, 1))))
MAX_TICKS = 6
TICK_PT = 7.0  # tick labels and line labels
AXIS_LABEL_PT = 8.0
# The plot area as fractions of the figure: left, bottom, right, top.
AXES_BOX = (0.115, 0.14, 0.70, 0.95)
KEY_PX = 20  # the short key before each line label, at 96 dpi (scaled with the dpi)
LABEL_GAP_PT = 3  # room between two line labels stacked at the right, in points
GRID_COLOUR = "#DDDDDD"
AXIS_COLOUR = "#000000"


def indicator_label(indicator: Indicator) -> str:
    """'NI059 % of initial assessments ...' (code and title, no dash)."""
    return f"{indicator.code} {indicator.title}" if indicator.code else indicator.title


def has_data(indicator: Indicator) -> bool:
    return any(o.value is not None for o in indicator.series)


def alt_text(indicator: Indicator) -> str:
    """What the chart shows, in one sentence a screen reader can read.

    "Line chart of NI059 % of initial assessments within 10 working days, Jun 2011 to
    Sep 2011: latest 66.5% against a target of 80%, improved from 40.3% in Aug 2011".
    """
    unit = normalise_unit(indicator.unit)
    series = sorted(indicator.series, key=lambda o: o.period)
    name = indicator_label(indicator)
    if not series:
        return f"Line chart of {name}: no data."
    span = (
        series[0].period.label if len(series) == 1
        else f"{series[0].period.label} to {series[-1].period.label}"
    )
    r = reading(series)
    if r.latest is None:
        return f"Line chart of {name}, {span}: no data."
    ytd = charts_ytd(indicator)
    month = format_value(r.latest.value, unit, r.latest.number_format)
    if ytd and r.latest.ytd is not None:
        text = (f"Line chart of {name}, year to date and in-month, {span}: latest year to date "
                f"{_ytd_text(r.latest, unit)} (in-month {month})")
    elif ytd:
        text = f"Line chart of {name}, year to date and in-month, {span}: latest in-month {month}"
    else:
        text = f"Line chart of {name}, {span}: latest {month}"
    if len(series) > 1 and r.latest.period != series[-1].period:
        text += f" ({r.latest.period.label})"
    if indicator.target is not None:
        target = format_value(indicator.target, unit, indicator.target_format)
        text += f" against a target of {target}"
    if r.previous is not None:
        d = indicator_direction(indicator)
        verb = "unchanged" if d.key == "no_change" else d.word.lower()
        text += f", {verb} from "
        both_ytd = ytd and r.latest.ytd is not None and r.previous.ytd is not None
        text += (_ytd_text(r.previous, unit) if both_ytd
                 else format_value(r.previous.value, unit, r.previous.number_format))
        text += f" in {r.previous.period.label}"
    if indicator.comparators:
        parts = [f"{c.name} {format_value(c.value, unit, c.number_format)}"
                 for c in indicator.comparators]
        text += "; " + " and ".join(parts)
    return text


def charts_ytd(indicator: Indicator) -> bool:
    """Whether the chart draws the year to date too: the status is judged on it and some
    period has one."""
    return indicator.judge_on == "ytd" and any(o.ytd is not None for o in indicator.series)


def _ytd_text(observation: Observation, unit: str) -> str:
    return format_value(observation.ytd, unit, ytd_format(observation))


def spread_labels(
    wanted: Sequence[float], heights: Sequence[float], low: float, high: float
) -> list[float]:
    """Centres for labels stacked on one axis, as near `wanted` as they can be without overlap.

    Label k is `heights[k]` tall; the result keeps the order of `wanted` (ascending or not),
    leaves no two labels overlapping and keeps them within [low, high] when they fit. Runs of
    labels that would overlap are merged and centred on the mean of what they want (the least
    squares placement).
    """
    order = sorted(range(len(wanted)), key=lambda k: wanted[k])
    groups: list[tuple[int, int, float]] = []  # (first place in `order`, count, start edge)

    def offsets(first: int, count: int) -> list[float]:
        out: list[float] = []
        edge = 0.0
        for j in order[first:first + count]:
            out.append(edge + heights[j] / 2)
            edge += heights[j]
        return out

    def best_start(first: int, count: int) -> float:
        offs = offsets(first, count)
        return sum(wanted[order[first + i]] - offs[i] for i in range(count)) / count

    def size(first: int, count: int) -> float:
        return sum(heights[j] for j in order[first:first + count])

    for i in range(len(order)):
        first, count = i, 1
        start = best_start(first, count)
        while groups:
            pfirst, pcount, pstart = groups[-1]
            if pstart + size(pfirst, pcount) <= start:
                break
            groups.pop()
            first, count = pfirst, pcount + count
            start = best_start(first, count)
        groups.append((first, count, start))
    # Keep the stack inside [low, high], shifting whole groups (and pushing neighbours).
    result = [0.0] * len(wanted)
    total = sum(heights)
    edge = low
    starts: list[float] = []
    for first, count, start in groups:
        start = max(start, edge)
        starts.append(start)
        edge = start + size(first, count)
    edge = max(high, low + total)
    for g in range(len(groups) - 1, -1, -1):
        first, count, _ = groups[g]
        starts[g] = min(starts[g], edge - size(first, count))
        edge = starts[g]
    for (first, count, _), start in zip(groups, starts, strict=True):
        for i, off in enumerate(offsets(first, count)):
            result[order[first + i]] = start + off
    return result


@cache
def _rotated(text: str, size_pt: float, dpi: int) -> Any:
    """A mask of `text` reading upwards (a y-axis label)."""
    from PIL import Image, ImageDraw

    face = font(size_pt, dpi)
    left, top, right, bottom = face.getbbox(text, anchor="ls")
    mask = Image.new("L", (math.ceil(right - left) + 2, math.ceil(bottom - top) + 2), 0)
    ImageDraw.Draw(mask).text((1 - left, 1 - top), text, font=face, fill=255, anchor="ls")
    return mask.transpose(Image.Transpose.ROTATE_90)


def _wrap(text: str, face: Any, width: float) -> str:
    if face.getlength(text) <= width:
        return text
    chars = max(8, int(len(text) * width / face.getlength(text)))
    lines = textwrap.wrap(text, chars, break_long_words=False, break_on_hyphens=False)
    while chars > 8 and any(face.getlength(line) > width for line in lines):
        chars -= 1
        lines = textwrap.wrap(text, chars, break_long_words=False, break_on_hyphens=False)
    return "\n".join(lines)


def _runs(xs: Sequence[int], values: Sequence[float | None]) -> list[list[tuple[int, float]]]:
    """Stretches of consecutive known values (a gap in the data is a gap in the line)."""
    runs: list[list[tuple[int, float]]] = [[]]
    for x, v in zip(xs, values, strict=True):
        if v is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append((x, v))
    return [r for r in runs if r]


Line = tuple[str, Any, float, float, str]  # colour, style, width in points, level, label


def _target(indicator: Indicator, unit: str) -> list[Line]:
    if indicator.target is None:
        return []
    return [(TARGET_COLOUR, "--", 1.5, indicator.target,
             f"Target {format_value(indicator.target, unit, indicator.target_format)}")]


def _comparators(indicator: Indicator, unit: str) -> list[Line]:
    return [(colour, style, 1.5, comp.value,
             f"{comp.name} {format_value(comp.value, unit, comp.number_format)}")
            for comp, (colour, style) in zip(indicator.comparators, COMPARATOR_STYLES,
                                             strict=False)]


def _draw(indicator: Indicator, dpi: int) -> bytes:
    """The chart as a PNG: lines with Pillow on a supersampled canvas, then the text."""
    from PIL import ImageDraw

    width = round(CHART_WIDTH_CM / 2.54 * dpi)
    height = round(CHART_HEIGHT_CM / 2.54 * dpi)
    scale = dpi / 72  # pixels per point
    series = sorted(indicator.series, key=lambda o: o.period)
    unit = normalise_unit(indicator.unit)
    labels = [o.period.label for o in series]
    values = [o.value for o in series]
    xs = list(range(len(series)))
    left, right = -0.5, max(len(xs) - 0.5, 0.5)
    target_line, comparators = _target(indicator, unit), _comparators(indicator, unit)
    flat = target_line + comparators
    known = [v for v in values if v is not None]
    ytds = [o.ytd for o in series] if charts_ytd(indicator) else []
    known_ytd = [v for v in ytds if v is not None]
    levels = known + known_ytd + [level for _, _, _, level, _ in flat]
    low, high = (min(levels), max(levels)) if levels else (0.0, 1.0)
    pad = (high - low) * 0.08 or max(abs(high) * 0.1, 1.0)
    bottom = 0.0 if low >= 0 and low - pad < 0 else low - pad
    top = high + pad
    slack = 1e-9 * (top - bottom)
    ticks = [t for t in nice_ticks(bottom, top) if bottom - slack <= t <= top + slack]
    step = max(1, math.ceil(len(xs) / MAX_TICKS))

    # Where everything goes, in pixels from the top left. The plot area moves right when the
    # tick labels are too wide for the room beside the y-axis.
    face = font(TICK_PT, dpi)
    line_h = face.getbbox("Ag", anchor="lt")[3] + 1
    tick_len = 3.5 * scale
    tick_gap = (3.5 + 3.5) * scale  # tick length and label padding
    number_unit = unit if unit in ("%", "£") else "number"
    tick_texts = [format_value(float(t), number_unit) for t in ticks]
    widest = max((face.getlength(text) for text in tick_texts), default=0.0)
    mask = _rotated(axis_label(unit), AXIS_LABEL_PT, dpi)
    ax_left = max(AXES_BOX[0] * width, math.ceil(2 + mask.width + 4 * scale + widest + tick_gap))
    ax_right = AXES_BOX[2] * width
    ax_top = height * (1 - AXES_BOX[3])  # from the top
    ax_bottom = height * (1 - AXES_BOX[1])

    def px(x: float, v: float) -> tuple[float, float]:
        return (ax_left + (x - left) / (right - left) * (ax_right - ax_left),
                ax_bottom - (v - bottom) / (top - bottom) * (ax_bottom - ax_top))

    named = ([(SERIES_COLOUR, "-", 2.0, known[-1], "In-month" if known_ytd else "Actual")]
             if known else [])
    if known_ytd:
        named.append((YTD_COLOUR, "--", 2.0, known_ytd[-1], "Year to date"))
    named += flat
    key_left = ax_right + 2 * scale
    key_right = key_left + KEY_PX * dpi / 96
    text_left = key_right + 3 * scale
    texts = [_wrap(label, face, width - text_left - 2) for *_, label in named]
    heights = [line_h * (t.count("\n") + 1) + LABEL_GAP_PT * scale for t in texts]
    wanted = [px(0, level)[1] for _, _, _, level, _ in named]
    placed = spread_labels(wanted, heights, 1.0, height - 1.0)

    # matplotlib's order: comparators, grid and ticks, target, frame, series, the keys.
    canvas = Canvas((width, height), dpi)
    for colour, style, lw, level, _ in reversed(comparators):
        canvas.hline(ax_left, ax_right, px(0, level)[1], colour, lw, style)
    for t in ticks:
        y = px(0, t)[1]
        canvas.line([(ax_left, y), (ax_right, y)], GRID_COLOUR, 0.6)
        canvas.line([(ax_left - tick_len, y), (ax_left, y)], AXIS_COLOUR, 0.8)
    for x in xs[::step]:
        canvas.line([(px(x, 0)[0], ax_bottom), (px(x, 0)[0], ax_bottom + tick_len)],
                    AXIS_COLOUR, 0.8)
    for colour, style, lw, level, _ in target_line:
        canvas.hline(ax_left, ax_right, px(0, level)[1], colour, lw, style)
    canvas.line([(ax_left, ax_top), (ax_left, ax_bottom), (ax_right, ax_bottom)],
                AXIS_COLOUR, 0.8)
    for run in _runs(xs, values):
        points = [px(x, v) for x, v in run]
        if len(points) > 1:
            canvas.line(points, SERIES_COLOUR, 2.0)
        canvas.dots(points, SERIES_COLOUR, 5.0)  # a 4 pt marker with its 1 pt edge
    for run in _runs(xs, ytds) if ytds else []:
        points = [px(x, v) for x, v in run]
        if len(points) > 1:
            canvas.line(points, YTD_COLOUR, 2.0, "--")
        canvas.dots(points, YTD_COLOUR, 5.0)
    for (colour, style, lw, _, _), y_line, y_text in zip(named, wanted, placed, strict=True):
        bend = key_left + 4 * scale if abs(y_text - y_line) > 1 else key_left
        canvas.line([(key_left, y_line), (bend, y_text), (key_right, y_text)], colour, lw,
                    style)

    image = canvas.finish()
    pen = ImageDraw.Draw(image)
    for t, text in zip(ticks, tick_texts, strict=True):
        stamp(image, (ax_left - tick_gap, px(0, t)[1]), text, TICK_PT, dpi, "rm", TEXT_COLOUR)
    for x in xs[::step]:
        stamp(image, (px(x, 0)[0], ax_bottom + tick_gap), labels[x], TICK_PT, dpi, "ma",
              TEXT_COLOUR)
    x_label = round(ax_left - tick_gap - widest - 4 * scale - mask.width)
    y_label = round((ax_bottom + ax_top) / 2 - mask.height / 2)
    image.paste(TEXT_COLOUR, (x_label, y_label), mask)
    for text, y_text, h in zip(texts, placed, heights, strict=True):
        pen.multiline_text((text_left, y_text - h / 2 + 1), text, font=face,
                           fill=TEXT_COLOUR, anchor="la", spacing=1)
    return png_bytes(image, dpi)


def trend_chart_png(indicator: Indicator, dpi: int = DPI) -> bytes:
    """The indicator's trend as a PNG: the series, the target line, comparator lines.

    16 cm wide at `dpi`; the y-axis is labelled in the indicator's unit, each line at its
    right-hand end.
    """
    return _draw(indicator, dpi)


def trend_charts(indicators: Sequence[Indicator]) -> list[bytes | None]:
    """A chart for each indicator with data (None for those without), in order.

    A chart takes about 2 ms to draw, so they are drawn in this process: a pool of workers
    cost more to start than it saved.
    """
    return [trend_chart_png(ind) if has_data(ind) else None for ind in indicators]


__all__ = [
    "CHART_WIDTH_CM",
    "alt_text",
    "has_data",
    "indicator_label",
    "spread_labels",
    "trend_chart_png",
    "trend_charts",
]
