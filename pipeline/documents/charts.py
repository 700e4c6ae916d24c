"""Trend charts for the performance report: matplotlib (Agg) PNGs and their alt text.

matplotlib is imported inside the functions (it is slow to import). One figure per
process is reused for every chart, drawn at a small dpi sized for an A4 portrait page
(16 cm wide). Colours are the Okabe-Ito colour-blind-safe palette, and every line also
differs by style and marker, so no line is told apart by colour alone.
"""

from __future__ import annotations

import io
import math
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor

from pipeline.domain.indicator_rules import (
    axis_label,
    format_value,
    indicator_direction,
    normalise_unit,
    reading,
)
from pipeline.model import Indicator

CHART_WIDTH_CM = 16.0
CHART_HEIGHT_CM = 6.5
DPI = 96
SERIES_COLOUR = "#0072B2"  # Okabe-Ito blue
TARGET_COLOUR = "#0B0C0C"  # near black
COMPARATOR_STYLES = (("#D55E00", ":"), ("#009E73", "-."), ("#CC79A7", (0, (5, 1, 1, 1))))
MAX_TICKS = 6
# Below this many charts a process pool costs more than it saves.
POOL_THRESHOLD = 24

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


_CHART: _Chart | None = None


class _Chart:
    """One figure and its lines, made once per process and re-used for every chart.

    Creating axes, ticks and lines is most of matplotlib's cost; updating their data is cheap.
    """

    def __init__(self) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
        from matplotlib.ticker import FuncFormatter, MaxNLocator

        self.fig = Figure(figsize=(CHART_WIDTH_CM / 2.54, CHART_HEIGHT_CM / 2.54), dpi=DPI)
        FigureCanvasAgg(self.fig)
        ax = self.fig.add_axes((0.1, 0.24, 0.6, 0.68))
        self.ax = ax
        self.unit = ""
        (self.series,) = ax.plot([], [], color=SERIES_COLOUR, linewidth=2, marker="o",
                                 markersize=4, zorder=3)
        (self.target,) = ax.plot([], [], color=TARGET_COLOUR, linewidth=1.5, linestyle="--",
                                 zorder=2)
        self.comparators = [
            ax.plot([], [], color=colour, linewidth=1.5, linestyle=style, zorder=1)[0]
            for colour, style in COMPARATOR_STYLES
        ]
        ax.yaxis.set_major_locator(MaxNLocator(nbins=4))
        ax.yaxis.set_major_formatter(FuncFormatter(self._tick))
        ax.tick_params(axis="both", labelsize=7)
        ax.grid(axis="y", color="#DDDDDD", linewidth=0.6)
        ax.spines["top"].set_visible(False)
        ax.spines["right"].set_visible(False)
        self.ylabel = ax.set_ylabel("", fontsize=8)
        # A fixed label position: matplotlib otherwise measures every tick label to place it.
        ax.yaxis.set_label_coords(-0.11, 0.5)

    def _tick(self, value: float, _pos: int | None = None) -> str:
        if self.unit in ("%", "£"):
            return format_value(value, self.unit)
        return format_value(value, "number")

    def draw(self, indicator: Indicator, dpi: int) -> bytes:
        ax = self.ax
        series = sorted(indicator.series, key=lambda o: o.period)
        self.unit = normalise_unit(indicator.unit)
        labels = [o.period.label for o in series]
        values = [math.nan if o.value is None else o.value for o in series]
        xs = list(range(len(series)))
        left, right = -0.5, max(len(xs) - 0.5, 0.5)
        self.series.set_data(xs, values)
        self.series.set_label("Actual")
        handles = [self.series]
        levels = [v for v in values if not math.isnan(v)]
        if indicator.target is not None:
            self.target.set_data([left, right], [indicator.target] * 2)
            self.target.set_label(f"Target {format_value(indicator.target, self.unit)}")
            self.target.set_visible(True)
            handles.append(self.target)
            levels.append(indicator.target)
        else:
            self.target.set_visible(False)
        for k, line in enumerate(self.comparators):
            if k < len(indicator.comparators):
                comp = indicator.comparators[k]
                line.set_data([left, right], [comp.value] * 2)
                line.set_label(f"{comp.name} {format_value(comp.value, self.unit)}")
                line.set_visible(True)
                handles.append(line)
                levels.append(comp.value)
            else:
                line.set_visible(False)
        low, high = (min(levels), max(levels)) if levels else (0.0, 1.0)
        pad = (high - low) * 0.08 or max(abs(high) * 0.1, 1.0)
        bottom = 0.0 if low >= 0 and low - pad < 0 else low - pad
        ax.set_ylim(bottom, high + pad)
        ax.set_xlim(left, right)
        step = max(1, math.ceil(len(xs) / MAX_TICKS))
        ax.set_xticks(xs[::step], labels[::step])
        self.ylabel.set_text(axis_label(self.unit))
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=7,
                  frameon=False)
        buffer = io.BytesIO()
        self.fig.savefig(buffer, format="png", dpi=dpi, pil_kwargs={"compress_level": 1})
        return buffer.getvalue()


def trend_chart_png(indicator: Indicator, dpi: int = DPI) -> bytes:
    """The indicator's trend as a PNG: the series, the target line, comparator lines.

    16 cm wide at `dpi`; the y-axis is labelled in the indicator's unit.
    """
    global _CHART
    if _CHART is None:
        _CHART = _Chart()
    return _CHART.draw(indicator, dpi)


def _draw_many(indicators: Sequence[Indicator]) -> list[bytes]:
    return [trend_chart_png(i) for i in indicators]


def trend_charts(indicators: Sequence[Indicator], workers: int | None = None) -> list[bytes | None]:
    """A chart for each indicator with data (None for those without), drawn in parallel.

    Many charts are split into one batch per CPU and drawn in a process pool; a few are
    drawn in this process. The order of the result is the order of `indicators`.
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
    if cpus <= 1 or len(todo) < POOL_THRESHOLD:
        pngs = _draw_many(todo)
    else:
        size = math.ceil(len(todo) / cpus)
        batches = [todo[k : k + size] for k in range(0, len(todo), size)]
        try:
            with ProcessPoolExecutor(max_workers=len(batches)) as pool:
                pngs = [png for batch in pool.map(_draw_many, batches) for png in batch]
        except (OSError, RuntimeError):  # no process pool here (e.g. a sandbox): draw in turn
            pngs = _draw_many(todo)
    for i, png in zip(wanted, pngs, strict=True):
        result[i] = png
    return result


__all__ = [
    "CHART_WIDTH_CM",
    "alt_text",
    "has_data",
    "indicator_label",
    "trend_chart_png",
    "trend_charts",
]
