"""Trend charts for the performance report: PNGs and their alt text.

The lines (series, target, comparators, grid, axes) are drawn by matplotlib's Agg renderer;
the text (tick labels, axis label and the line labels) is set with Pillow in the same font,
DejaVu Sans, measured before drawing. matplotlib's own text is most of its cost (about 2 ms
a string), and measuring the labels lets them be placed without overlapping.

One figure per process is reused for every chart (matplotlib is imported inside the
functions: it is slow to import). Charts are 16 cm wide for an A4 portrait page, at 120 dpi
so that they print sharply. Colours are the Okabe-Ito colour-blind-safe palette, and every
line also differs by style; each line is labelled at its right-hand end, with a short key in
its own colour and style, in near-black text (contrast over 4.5:1), so no line is told apart
by colour alone and there is no legend to look up.
"""

from __future__ import annotations

import math
import os
import struct
import textwrap
import zlib
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from typing import Any

from pipeline.domain.indicator_rules import (
    axis_label,
    format_value,
    indicator_direction,
    normalise_unit,
    reading,
)
from pipeline.domain.model import Indicator

CHART_WIDTH_CM = 16.0
CHART_HEIGHT_CM = 6.5
DPI = 120
SERIES_COLOUR = "#0072B2"  # Okabe-Ito blue
TARGET_COLOUR = "#0B0C0C"  # near black
TEXT_COLOUR = (11, 12, 12)  # near black, 19:1 on white
COMPARATOR_STYLES = (("#D55E00", ":"), ("#009E73", "-."), ("#CC79A7", (0, (5, 1, 1, 1))))
MAX_TICKS = 6
TICK_PT = 7.0  # tick labels and line labels
AXIS_LABEL_PT = 8.0
# The plot area as fractions of the figure: left, bottom, right, top.
AXES_BOX = (0.115, 0.14, 0.70, 0.95)
KEY_PX = 20  # the short key before each line label, at 96 dpi (scaled with the dpi)
# Below this many charts a process pool costs more than it saves.
POOL_THRESHOLD = 12
POOL_CHUNK = 8


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
    text = f"Line chart of {name}, {span}: latest {format_value(r.latest.value, unit)}"
    if len(series) > 1 and r.latest.period != series[-1].period:
        text += f" ({r.latest.period.label})"
    if indicator.target is not None:
        text += f" against a target of {format_value(indicator.target, unit)}"
    if r.previous is not None:
        d = indicator_direction(indicator)
        verb = "unchanged" if d.key == "no_change" else d.word.lower()
        text += f", {verb} from {format_value(r.previous.value, unit)}"
        text += f" in {r.previous.period.label}"
    if indicator.comparators:
        parts = [f"{c.name} {format_value(c.value, unit)}" for c in indicator.comparators]
        text += "; " + " and ".join(parts)
    return text


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
def _font(size_pt: float, dpi: int) -> Any:
    from matplotlib import font_manager
    from PIL import ImageFont

    path = font_manager.findfont(font_manager.FontProperties(family="DejaVu Sans"))
    return ImageFont.truetype(path, size_pt * dpi / 72, layout_engine=ImageFont.Layout.BASIC)


@cache
def _rotated(text: str, size_pt: float, dpi: int) -> Any:
    """A mask of `text` reading upwards (a y-axis label)."""
    from PIL import Image, ImageDraw

    font = _font(size_pt, dpi)
    left, top, right, bottom = font.getbbox(text, anchor="ls")
    mask = Image.new("L", (math.ceil(right - left) + 2, math.ceil(bottom - top) + 2), 0)
    ImageDraw.Draw(mask).text((1 - left, 1 - top), text, font=font, fill=255, anchor="ls")
    return mask.transpose(Image.Transpose.ROTATE_90)


def _wrap(text: str, font: Any, width: float) -> str:
    if font.getlength(text) <= width:
        return text
    chars = max(8, int(len(text) * width / font.getlength(text)))
    lines = textwrap.wrap(text, chars, break_long_words=False, break_on_hyphens=False)
    while chars > 8 and any(font.getlength(line) > width for line in lines):
        chars -= 1
        lines = textwrap.wrap(text, chars, break_long_words=False, break_on_hyphens=False)
    return "\n".join(lines)


def png_bytes(image: Any, dpi: int) -> bytes:
    """An RGB Pillow image as a PNG, unfiltered and deflated at level 1, with its dpi.

    Pillow tries every PNG row filter on every row (about 10 ms a chart); a chart is mostly
    flat colour and compresses as well without them, in about 3 ms.
    """
    import numpy as np

    pixels = np.asarray(image, dtype=np.uint8)
    rows, cols = pixels.shape[:2]
    raw = np.zeros((rows, cols * 3 + 1), dtype=np.uint8)  # each row: filter type 0, pixels
    raw[:, 1:] = pixels.reshape(rows, cols * 3)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    per_metre = round(dpi / 0.0254)
    return b"".join([
        b"\x89PNG\r\n\x1a\n",
        chunk(b"IHDR", struct.pack(">IIBBBBB", cols, rows, 8, 2, 0, 0, 0)),
        chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)),
        chunk(b"IDAT", zlib.compress(raw.tobytes(), 1)),
        chunk(b"IEND", b""),
    ])


_CHART: _Chart | None = None


class _Chart:
    """One figure and its lines, made once per process and re-used for every chart.

    Creating axes, ticks and lines is most of matplotlib's cost; updating their data is cheap.
    matplotlib draws no text here: the tick labels are switched off and set by `draw`.
    """

    def __init__(self) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
        from matplotlib.lines import Line2D
        from matplotlib.ticker import MaxNLocator, NullFormatter

        self.fig = Figure(figsize=(CHART_WIDTH_CM / 2.54, CHART_HEIGHT_CM / 2.54), dpi=DPI)
        self.canvas = FigureCanvasAgg(self.fig)
        left, bottom, right, top = AXES_BOX
        ax = self.fig.add_axes((left, bottom, right - left, top - bottom))
        self.ax = ax
        (self.series,) = ax.plot([], [], color=SERIES_COLOUR, linewidth=2, marker="o",
                                 markersize=4, zorder=3)
        (self.target,) = ax.plot([], [], color=TARGET_COLOUR, linewidth=1.5, linestyle="--",
                                 zorder=2)
        self.comparators = [
            ax.plot([], [], color=colour, linewidth=1.5, linestyle=style, zorder=1)[0]
            for colour, style in COMPARATOR_STYLES
        ]
        # The keys beside the line labels, in figure coordinates, outside the plot area.
        self.keys: dict[Any, Any] = {}
        for line in (self.series, self.target, *self.comparators):
            key = Line2D([], [], color=line.get_color(), linewidth=line.get_linewidth(),
                         linestyle=line.get_linestyle(), transform=self.fig.transFigure)
            self.fig.add_artist(key)
            self.keys[line] = key
        ax.yaxis.set_major_locator(MaxNLocator(nbins=4))
        ax.tick_params(axis="both", labelleft=False, labelbottom=False)
        for axis in (ax.xaxis, ax.yaxis):
            axis.set_major_formatter(NullFormatter())  # no tick text to format or measure
            axis.set_label_coords(0.5, 0.5)
        ax.grid(axis="y", color="#DDDDDD", linewidth=0.6)
        ax.spines["top"].set_visible(False)
        ax.spines["right"].set_visible(False)
        # What does not change between charts of the same periods (the x-axis, the frame) is
        # drawn once and copied in for each chart: see `_draw_lines`.
        self.background: Any = None
        self.background_key: tuple[Any, ...] | None = None
        lines = [*self.comparators, self.target, self.series]
        # Drawn over the background in matplotlib's order (zorder): comparators, y grid and
        # ticks, target, the axes' frame, the series, then the keys outside the plot area.
        self.dynamic = [*self.comparators, ax.yaxis, self.target, ax.spines["left"],
                        ax.spines["bottom"], self.series, *self.keys.values()]
        self.hidden = [*lines, ax.yaxis, *self.keys.values()]

    def _draw_lines(self, key: tuple[Any, ...]) -> None:
        """Draw the figure into the canvas: the background copied in, then what changes."""
        if self.background_key != key:
            shown = [a.get_visible() for a in self.hidden]
            for artist in self.hidden:
                artist.set_visible(False)
            self.canvas.draw()
            self.background = self.canvas.copy_from_bbox(self.fig.bbox)
            self.background_key = key
            for artist, visible in zip(self.hidden, shown, strict=True):
                artist.set_visible(visible)
        self.canvas.restore_region(self.background)
        renderer = self.canvas.get_renderer()
        for artist in self.dynamic:
            if artist.get_visible():
                artist.draw(renderer)

    def draw(self, indicator: Indicator, dpi: int) -> bytes:
        from PIL import Image, ImageDraw

        fig, ax = self.fig, self.ax
        if fig.dpi != dpi:
            fig.set_dpi(dpi)
        width, height = self.canvas.get_width_height()
        scale = dpi / 72  # pixels per point
        series = sorted(indicator.series, key=lambda o: o.period)
        unit = normalise_unit(indicator.unit)
        labels = [o.period.label for o in series]
        values = [math.nan if o.value is None else o.value for o in series]
        xs = list(range(len(series)))
        left, right = -0.5, max(len(xs) - 0.5, 0.5)
        self.series.set_data(xs, values)
        levels = [v for v in values if not math.isnan(v)]
        # (line, level at the right-hand end, label) for each line to label
        named: list[tuple[Any, float, str]] = []
        known = [v for v in values if not math.isnan(v)]
        if known:
            named.append((self.series, known[-1], "Actual"))
        if indicator.target is not None:
            self.target.set_data([left, right], [indicator.target] * 2)
            self.target.set_visible(True)
            named.append((self.target, indicator.target,
                          f"Target {format_value(indicator.target, unit)}"))
            levels.append(indicator.target)
        else:
            self.target.set_visible(False)
        for k, line in enumerate(self.comparators):
            if k < len(indicator.comparators):
                comp = indicator.comparators[k]
                line.set_data([left, right], [comp.value] * 2)
                line.set_visible(True)
                named.append((line, comp.value,
                              f"{comp.name} {format_value(comp.value, unit)}"))
                levels.append(comp.value)
            else:
                line.set_visible(False)
        low, high = (min(levels), max(levels)) if levels else (0.0, 1.0)
        pad = (high - low) * 0.08 or max(abs(high) * 0.1, 1.0)
        bottom = 0.0 if low >= 0 and low - pad < 0 else low - pad
        ax.set_ylim(bottom, high + pad)
        ax.set_xlim(left, right)
        step = max(1, math.ceil(len(xs) / MAX_TICKS))
        ax.set_xticks(xs[::step])
        top, slack = high + pad, 1e-9 * (high + pad - bottom)
        ticks = [t for t in ax.yaxis.get_majorticklocs() if bottom - slack <= t <= top + slack]

        # Where everything goes, in pixels from the top left (Pillow's coordinates). The plot
        # area moves right when the tick labels are too wide for the room beside the y-axis.
        font = _font(TICK_PT, dpi)
        line_h = font.getbbox("Ag", anchor="lt")[3] + 1
        tick_gap = (3.5 + 3.5) * scale  # matplotlib's tick length and label padding
        number_unit = unit if unit in ("%", "£") else "number"
        tick_texts = [format_value(float(t), number_unit) for t in ticks]
        widest = max((font.getlength(text) for text in tick_texts), default=0.0)
        mask = _rotated(axis_label(unit), AXIS_LABEL_PT, dpi)
        ax_left, ax_bottom, ax_right, ax_top = (f * s for f, s in zip(
            AXES_BOX, (width, height, width, height), strict=True))
        ax_left = max(ax_left, math.ceil(2 + mask.width + 4 * scale + widest + tick_gap))
        box = (ax_left / width, AXES_BOX[1], AXES_BOX[2] - ax_left / width,
               AXES_BOX[3] - AXES_BOX[1])
        if tuple(ax.get_position().bounds) != box:
            ax.set_position(box)
        to_px = ax.transData.transform
        key_left = ax_right + 2 * scale
        key_right = key_left + KEY_PX * dpi / 96
        text_left = key_right + 3 * scale
        texts = [_wrap(label, font, width - text_left - 2) for _, _, label in named]
        heights = [line_h * (t.count("\n") + 1) + 2 for t in texts]
        wanted = [height - to_px((0, level))[1] for _, level, _ in named]
        placed = spread_labels(wanted, heights, 1.0, height - 1.0)
        for key in self.keys.values():
            key.set_visible(False)
        for (line, _, _), y_line, y_text in zip(named, wanted, placed, strict=True):
            key = self.keys[line]
            bend = key_left + 4 * scale if abs(y_text - y_line) > 1 else key_left
            key.set_data([key_left / width, bend / width, key_right / width],
                         [1 - y_line / height, 1 - y_text / height, 1 - y_text / height])
            key.set_visible(True)

        self._draw_lines((tuple(labels), dpi, box))
        image = Image.frombuffer("RGBA", (width, height), self.canvas.buffer_rgba(),
                                 "raw", "RGBA", 0, 1).convert("RGB")
        pen = ImageDraw.Draw(image)
        for t, text in zip(ticks, tick_texts, strict=True):
            pen.text((ax_left - tick_gap, height - to_px((0, t))[1]), text, font=font,
                     fill=TEXT_COLOUR, anchor="rm")
        for x in xs[::step]:
            pen.text((to_px((x, 0))[0], height - ax_bottom + tick_gap), labels[x], font=font,
                     fill=TEXT_COLOUR, anchor="ma")
        x_label = round(ax_left - tick_gap - widest - 4 * scale - mask.width)
        y_label = round(height - (ax_bottom + ax_top) / 2 - mask.height / 2)
        image.paste(TEXT_COLOUR, (x_label, y_label), mask)
        for text, y_text, h in zip(texts, placed, heights, strict=True):
            pen.multiline_text((text_left, y_text - h / 2 + 1), text, font=font,
                               fill=TEXT_COLOUR, anchor="la", spacing=1)
        return png_bytes(image, dpi)


def trend_chart_png(indicator: Indicator, dpi: int = DPI) -> bytes:
    """The indicator's trend as a PNG: the series, the target line, comparator lines.

    16 cm wide at `dpi`; the y-axis is labelled in the indicator's unit, each line at its
    right-hand end.
    """
    global _CHART
    if _CHART is None:
        _CHART = _Chart()
    return _CHART.draw(indicator, dpi)


def trend_charts(indicators: Sequence[Indicator], workers: int | None = None) -> list[bytes | None]:
    """A chart for each indicator with data (None for those without), drawn in parallel.

    Many charts are drawn in a process pool (one worker per CPU, in chunks); a few are drawn
    in this process. The order of the result is the order of `indicators`.
    """
    wanted = [i for i, ind in enumerate(indicators) if has_data(ind)]
    result: list[bytes | None] = [None] * len(indicators)
    if not wanted:
        return result
    cpus = workers if workers is not None else len(os.sched_getaffinity(0))
    todo = [indicators[i] for i in wanted]
    global _CHART
    if _CHART is None:
        _CHART = _Chart()  # made before the pool starts, so that forked workers share it
    pngs: list[bytes] = []
    if cpus > 1 and len(todo) >= POOL_THRESHOLD:
        chunk = max(1, min(POOL_CHUNK, math.ceil(len(todo) / cpus)))
        try:
            with ProcessPoolExecutor(max_workers=cpus) as pool:
                pngs = list(pool.map(trend_chart_png, todo, chunksize=chunk))
        except (OSError, RuntimeError):  # no process pool here (e.g. a sandbox): draw in turn
            pngs = []
    if not pngs:
        pngs = [trend_chart_png(i) for i in todo]
    for i, png in zip(wanted, pngs, strict=True):
        result[i] = png
    return result


__all__ = [
    "CHART_WIDTH_CM",
    "alt_text",
    "has_data",
    "indicator_label",
    "spread_labels",
    "trend_chart_png",
    "trend_charts",
]
