"""A chart never touches or covers the figures table above it (issue 13 item 3, the
Bury-style report): printed by LibreOffice with the shipped template and with a council
template whose Normal style has exact line spacing (which clipped each chart to one line,
drawn over the table's bottom border), every chart sits whole below its table with a gap,
and no text is drawn over it."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from conftest import ROOT, require_soffice
from pages import Page, convert, read_pages
from test_performance_document import BURY

from pipeline.cli import main

CHART_HEIGHT_PT = 2339048 / 12700  # the chart's extent in the document: 184 points
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _exact_spacing_template(path: Path) -> Path:
    """The shipped performance template with Normal at exactly 13.8 pt a line."""
    source = ROOT / "templates" / "performance-report.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w",
                                                         zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "word/styles.xml":
                text = data.decode("utf-8")
                changed = re.sub(
                    r'(<w:style [^>]*w:styleId="Normal".*?<w:pPr>)<w:spacing w:after="120"/>',
                    r'\1<w:spacing w:after="120" w:line="276" w:lineRule="exact"/>',
                    text, count=1, flags=re.S)
                assert changed != text
                data = changed.encode("utf-8")
            zout.writestr(item, data)
    return path


def _report(folder: Path, name: str, *extra: str) -> Path:
    source = folder / "bury-performance.csv"
    source.write_text(BURY, encoding="utf-8")
    out = folder / f"{name}.docx"
    result = CliRunner().invoke(main, ["performance", str(source), "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    return out


def _problems(pages: list[Page]) -> list[str]:
    found: list[str] = []
    for page in pages:
        for n, pic in enumerate(page.pictures, start=1):
            where = f"page {page.number}, chart {n}"
            if pic.y1 - pic.y0 < CHART_HEIGHT_PT - 2:
                found.append(f"{where}: only {pic.y1 - pic.y0:.0f} of "
                             f"{CHART_HEIGHT_PT:.0f} points high")
            above = [wd.y1 for wd in page.words if wd.y1 <= pic.y0 + 1]
            if above and pic.y0 - max(above) < 4:
                found.append(f"{where}: {pic.y0 - max(above):.1f} points below the table")
            over = [wd.text for wd in page.words
                    if wd.y0 < pic.y1 - 1 and wd.y1 > pic.y0 + 1
                    and wd.x0 < pic.x1 and wd.x1 > pic.x0]
            if over:
                found.append(f"{where}: text drawn over it: {' '.join(over)[:60]}")
    return found


def test_charts_sit_whole_below_their_tables(tmp_path: Path) -> None:
    require_soffice()
    if shutil.which("pdftotext") is None or shutil.which("pdftohtml") is None:
        pytest.skip("poppler-utils is not installed")
    shipped = _report(tmp_path, "shipped")
    exact = _report(tmp_path, "exact", "--template",
                    str(_exact_spacing_template(tmp_path / "council.docx")))
    pdfs = convert([shipped, exact], tmp_path / "pdf", tmp_path / "profile")
    for doc in (shipped, exact):
        pages = read_pages(pdfs[doc])
        assert sum(len(p.pictures) for p in pages) == 7, doc.name
        assert _problems(pages) == [], doc.name


def test_the_chart_paragraph_sets_its_own_spacing(tmp_path: Path) -> None:
    doc = docx.Document(str(_report(tmp_path, "shipped")))
    charts = [p for p in doc.paragraphs
              if p._p.find(f".//{{{W_NS}}}drawing") is not None]
    assert len(charts) == 7
    for paragraph in charts:
        spacing = paragraph._p.find(f"{{{W_NS}}}pPr/{{{W_NS}}}spacing")
        assert spacing is not None
        assert spacing.get(f"{{{W_NS}}}lineRule") == "auto"
        assert int(spacing.get(f"{{{W_NS}}}before")) >= 120
