"""Drawing primitives for the trend charts, with Pillow only.

Lines are drawn on a canvas SUPERSAMPLE times the chart's size and scaled down with a box
filter, which smooths their edges the way an anti-aliasing renderer does; text is set
afterwards at the chart's own size (FreeType smooths it). Dash patterns follow
matplotlib's (in multiples of the line width), so the charts look as they did when
matplotlib drew them, at a fifth of the cost.
"""

from __future__ import annotations

import math
import struct
import zlib
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

SUPERSAMPLE = 2
FONT_FILE = Path(__file__).resolve().parent.parent / "fonts" / "DejaVuSans.ttf"
Point = tuple[float, float]
# Dash patterns, in multiples of the line width (matplotlib's lines.*_pattern).
DASHES: dict[Any, tuple[float, ...]] = {
    "-": (),
    "--": (3.7, 1.6),
    ":": (1.0, 1.65),
    "-.": (6.4, 1.6, 1.0, 1.6),
}


def dash_pattern(style: Any) -> tuple[float, ...]:
    """A named style ('--', ':' ...) or an (offset, (on, off, ...)) tuple as on/off lengths."""
    if isinstance(style, tuple):
        return tuple(float(v) for v in style[1])
    return DASHES[style]


def nice_ticks(low: float, high: float, nbins: int = 4) -> list[float]:
    """Round tick values covering [low, high] in at most `nbins` steps of 1, 1.5, 2 ... 10.

    The same choice as matplotlib's MaxNLocator(nbins) (its steps, its offset rule), so
    the axes keep the ticks they had.
    """
    steps = (1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)
    extended = (*[0.1 * s for s in steps[:-1]], *steps, 10 * steps[1])
    span = abs(high - low) or 1.0
    mean = (high + low) / 2
    offset = 0.0
    if abs(mean) / span >= 100:
        offset = math.copysign(10 ** (math.log10(abs(mean)) // 1), mean)
    scale = 10 ** (math.log10(span / nbins) // 1)
    vmin, vmax = low - offset, high - offset
    raw_step = (vmax - vmin) / nbins
    candidates = [s * scale for s in extended]
    first = next((i for i, s in enumerate(candidates) if s >= raw_step), len(candidates) - 1)
    ticks: list[float] = []
    for step in reversed(candidates[: first + 1]):
        best = (vmin // step) * step
        tol = 1e-10 * step
        lo = math.floor((vmin - best) / step + tol)
        hi = math.ceil((vmax - best) / step - tol)
        ticks = [k * step + best for k in range(lo, hi + 1)]
        inside = sum(1 for t in ticks if vmin - tol <= t <= vmax + tol)
        if inside >= 2:
            break
    return [t + offset for t in ticks]


def _dash_runs(points: Sequence[Point], pattern: Sequence[float]) -> list[list[Point]]:
    """The 'on' pieces of a polyline under an on/off pattern (lengths in pixels)."""
    if not pattern:
        return [list(points)]
    runs: list[list[Point]] = []
    k, left, on = 0, pattern[0], True
    current: list[Point] = [points[0]]
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        length = math.hypot(x1 - x0, y1 - y0)
        done = 0.0
        while length - done > left:
            done += left
            t = done / length
            here = (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t)
            if on:
                current.append(here)
                runs.append(current)
            else:
                current = [here]
            on = not on
            k = (k + 1) % len(pattern)
            left = pattern[k]
        left -= length - done
        if on:
            current.append((x1, y1))
    if on and len(current) > 1:
        runs.append(current)
    return runs


class Canvas:
    """A white RGB picture `size` pixels big, drawn SUPERSAMPLE times larger."""

    def __init__(self, size: tuple[int, int], dpi: int) -> None:
        from PIL import Image, ImageDraw

        self.size = size
        self.scale = SUPERSAMPLE
        self.px_per_pt = dpi / 72
        big = (size[0] * self.scale, size[1] * self.scale)
        self.image = Image.new("RGB", big, (255, 255, 255))
        self.pen = ImageDraw.Draw(self.image)

    def _xy(self, points: Sequence[Point]) -> list[Point]:
        s = self.scale
        return [(x * s, y * s) for x, y in points]

    def line(self, points: Sequence[Point], colour: str, width_pt: float,
             style: Any = "-") -> None:
        """A polyline through `points` (chart pixels), `width_pt` wide, solid or dashed."""
        width = width_pt * self.px_per_pt * self.scale
        pattern = [v * width for v in dash_pattern(style)]
        for run in _dash_runs(self._xy(points), pattern):
            self.pen.line(run, fill=colour, width=max(1, round(width)), joint="curve")

    def hline(self, x0: float, x1: float, y: float, colour: str, width_pt: float,
              style: Any = "-") -> None:
        """A horizontal line from x0 to x1 at y: a dashed one is stamped from a cached mask."""
        if not dash_pattern(style):
            self.line([(x0, y), (x1, y)], colour, width_pt, style)
            return
        width = width_pt * self.px_per_pt * self.scale
        length = round((x1 - x0) * self.scale)
        mask = _dash_mask(style, width, length)
        self.image.paste(colour, (round(x0 * self.scale), round(y * self.scale - mask.height / 2)),
                         mask)

    def dots(self, points: Sequence[Point], colour: str, diameter_pt: float) -> None:
        r = diameter_pt * self.px_per_pt * self.scale / 2
        for x, y in self._xy(points):
            self.pen.ellipse((x - r, y - r, x + r, y + r), fill=colour)

    def finish(self) -> Any:
        """The picture at its own size (a box filter over each SUPERSAMPLE square)."""
        return self.image.reduce(self.scale)


@cache
def _dash_mask(style: Any, width: float, length: int) -> Any:
    """A horizontal dashed line `length` pixels long, as a mask to stamp in any colour."""
    from PIL import Image, ImageDraw

    height = max(1, round(width)) + 2
    mask = Image.new("L", (length, height), 0)
    pen = ImageDraw.Draw(mask)
    pattern = [v * width for v in dash_pattern(style)]
    for run in _dash_runs([(0.0, height / 2), (float(length), height / 2)], pattern):
        pen.line(run, fill=255, width=max(1, round(width)))
    return mask


@cache
def text_mask(text: str, size_pt: float, dpi: int, anchor: str) -> tuple[Any, int, int]:
    """(mask, dx, dy): `text` set once and stamped where it is wanted (tick labels repeat)."""
    from PIL import Image, ImageDraw

    face = font(size_pt, dpi)
    left, top, right, bottom = face.getbbox(text, anchor=anchor)
    mask = Image.new("L", (math.ceil(right - left) + 2, math.ceil(bottom - top) + 2), 0)
    ImageDraw.Draw(mask).text((1 - left, 1 - top), text, font=face, fill=255, anchor=anchor)
    return mask, math.floor(left) - 1, math.floor(top) - 1


def stamp(image: Any, xy: Point, text: str, size_pt: float, dpi: int, anchor: str,
          colour: tuple[int, int, int]) -> None:
    """Set one line of `text` on `image` at `xy` (Pillow's anchors: 'rm', 'ma' ...)."""
    mask, dx, dy = text_mask(text, size_pt, dpi, anchor)
    image.paste(colour, (round(xy[0]) + dx, round(xy[1]) + dy), mask)


@cache
def font(size_pt: float, dpi: int) -> Any:
    """DejaVu Sans (shipped in pipeline/fonts) at `size_pt` points for `dpi`."""
    from PIL import ImageFont

    return ImageFont.truetype(str(FONT_FILE), size_pt * dpi / 72,
                              layout_engine=ImageFont.Layout.BASIC)


def png_bytes(image: Any, dpi: int) -> bytes:
    """An RGB Pillow image as a PNG, unfiltered and deflated at level 1, with its dpi.

    Pillow tries every PNG row filter on every row (about 10 ms a chart); a chart is mostly
    flat colour and compresses as well without them, in about 2 ms.
    """
    cols, rows = image.size
    pixels = image.tobytes()
    stride = cols * 3
    raw = b"".join(b"\x00" + pixels[i:i + stride] for i in range(0, rows * stride, stride))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    per_metre = round(dpi / 0.0254)
    return b"".join([
        b"\x89PNG\r\n\x1a\n",
        chunk(b"IHDR", struct.pack(">IIBBBBB", cols, rows, 8, 2, 0, 0, 0)),
        chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)),
        chunk(b"IDAT", zlib.compress(raw, 1)),
        chunk(b"IEND", b""),
    ])
