"""Trend charts as a councillor sees them (pixels, size, labels kept apart) and pictures in Word."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import docx
from PIL import Image as PILImage

from pipeline.documents.chartdraw import nice_ticks
from pipeline.documents.charts import (
    CHART_WIDTH_CM,
    COMPARATOR_STYLES,
    DPI,
    spread_labels,
    trend_chart_png,
    trend_charts,
)
from pipeline.documents.docmodel import DocumentModel, Heading, Image
from pipeline.domain.model import Comparator, Indicator, Observation, Period
from pipeline.render.engine import render_document

WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


def months(values: list[float | None]) -> list[Observation]:
    out = []
    for k, value in enumerate(values):
        start = dt.date(2011 + (3 + k) // 12, (3 + k) % 12 + 1, 1)
        out.append(Observation(Period(start, start, start.strftime("%b %Y")), value))
    return out


def indicator(**changes: object) -> Indicator:
    ind = Indicator(
        "Initial assessments within 10 working days", code="NI059", unit="%", target=80.0,
        comparators=[Comparator("England average", 79.6), Comparator("Statistical neighbours",
                                                                     79.9)],
        series=months([55.0, 60.2, None, 40.3, 66.5]),
    )
    for key, value in changes.items():
        setattr(ind, key, value)
    return ind


def rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def colours(png: bytes) -> set[tuple[int, int, int]]:
    image = PILImage.open(io.BytesIO(png)).convert("RGB")
    return {c for _, c in image.getcolors(maxcolors=1 << 20)}


def test_labels_that_want_one_place_are_stacked_around_it() -> None:
    # Target 80, England 79.6 and neighbours 79.9 land within a few pixels of each other.
    placed = spread_labels([100.0, 103.0, 101.0, 20.0], [12.0, 12.0, 12.0, 12.0], 0.0, 300.0)
    assert placed[3] == 20.0  # a label with room stays level with its line
    stack = sorted(placed[:3])
    assert all(b - a >= 12.0 - 1e-9 for a, b in zip(stack, stack[1:], strict=False))
    assert abs(sum(placed[:3]) / 3 - (100 + 103 + 101) / 3) < 1e-9  # centred on their lines
    # the order on the page is the order of the lines
    assert placed[0] < placed[2] < placed[1]


def test_labels_stay_on_the_picture() -> None:
    placed = spread_labels([2.0, 3.0, 298.0], [12.0, 24.0, 12.0], 0.0, 300.0)
    assert placed[0] - 6 >= 0.0 and placed[1] - 12 >= placed[0] + 6
    assert placed[2] + 6 <= 300.0


def test_chart_is_sixteen_centimetres_wide_and_sharp() -> None:
    png = trend_chart_png(indicator())
    image = PILImage.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert round(image.info["dpi"][0]) == DPI >= 110
    assert abs(image.width / DPI * 2.54 - CHART_WIDTH_CM) < 0.05


def test_every_line_is_drawn_in_its_colour_with_near_black_text() -> None:
    seen = colours(trend_chart_png(indicator()))
    assert rgb("#0072B2") in seen  # the series
    assert rgb("#0B0C0C") in seen  # target line and the text
    for colour, _style in COMPARATOR_STYLES[:2]:
        assert rgb(colour) in seen
    # no third comparator: its colour is nowhere
    assert rgb(COMPARATOR_STYLES[2][0]) not in seen


def test_charts_come_in_the_order_of_the_indicators_with_none_for_no_data() -> None:
    many = [indicator(series=months([float(k), 50.0, 60.0 + k])) for k in range(14)]
    many.insert(3, indicator(series=months([None, None])))
    charts = trend_charts(many)
    assert charts[3] is None
    assert charts == [None if i == 3 else trend_chart_png(ind) for i, ind in enumerate(many)]
    assert len(set(charts)) == 15  # every indicator with data has its own picture


def test_pictures_get_their_own_ids_and_share_identical_images(tmp_path: Path) -> None:
    first = trend_chart_png(indicator())
    second = trend_chart_png(indicator(target=70.0))
    blocks = [Heading("Charts", 1)] + [
        Image(png, alt_text=f"Chart {k}", width_cm=CHART_WIDTH_CM, title=f"Trend {k}")
        for k, png in enumerate([first, second, first])
    ]
    model = DocumentModel(kind="performance", title="Charts", subject="", author="",
                          landscape=False, protective_marking="", context={}, blocks=blocks)
    out = render_document(model, tmp_path / "charts.docx")
    doc = docx.Document(str(out))
    pr = list(doc.element.body.iter(f"{WP}docPr"))
    assert [p.get("descr") for p in pr] == ["Chart 0", "Chart 1", "Chart 2"]
    ids = [p.get("id") for p in pr]
    assert len(set(ids)) == 3
    with zipfile.ZipFile(out) as package:
        media = sorted(n for n in package.namelist() if n.startswith("word/media/"))
        stored = {package.read(n) for n in media}
    assert first in stored and second in stored and len(media) == 2
    extent = next(doc.element.body.iter(f"{WP}extent"))
    assert abs(int(extent.get("cx")) - CHART_WIDTH_CM * 360000) < 1000


def test_y_ticks_are_the_round_steps_matplotlib_chose() -> None:
    # The values matplotlib's MaxNLocator(nbins=4) gave when it drew these charts.
    assert nice_ticks(36.7, 83.6) == [30.0, 45.0, 60.0, 75.0, 90.0]
    assert [round(t, 9) for t in nice_ticks(0.0, 0.37)] == [0.0, 0.1, 0.2, 0.3, 0.4]
    assert nice_ticks(-12.5, 4.2) == [-15.0, -10.0, -5.0, 0.0, 5.0]
    assert nice_ticks(0, 130000) == [0.0, 40000.0, 80000.0, 120000.0, 160000.0]
    assert [round(t, 9) for t in nice_ticks(99.2, 100.4)] == [99.2, 99.6, 100.0, 100.4]


def test_a_missing_month_leaves_a_gap_in_the_line_and_the_target_is_dashed() -> None:
    png = trend_chart_png(indicator(series=months([50.0, None, 50.0]), comparators=[],
                                    target=37.0))
    image = PILImage.open(io.BytesIO(png)).convert("RGB")
    blue = rgb("#0072B2")
    rows = [[image.getpixel((x, y)) for x in range(image.width)] for y in range(image.height)]
    row = max(range(image.height), key=lambda y: rows[y].count(blue))
    plot_right = int(image.width * 0.70)  # the key beside the "Actual" label is further right
    xs = [x for x, c in enumerate(rows[row][:plot_right]) if c == blue]
    # two dots, no line between them: each run of blue is a marker, not a 400-pixel line
    runs, start = [], xs[0]
    for a, b in zip(xs, xs[1:], strict=False):
        if b != a + 1:
            runs.append(a - start + 1)
            start = b
    runs.append(xs[-1] - start + 1)
    assert len(runs) == 2 and max(runs) < 20
    black = rgb("#0B0C0C")
    target_row = max(range(image.height), key=lambda y: rows[y].count(black))
    line = rows[target_row][image.width // 4: image.width // 2]
    assert black in line and (255, 255, 255) in line  # dashes, with white between them
