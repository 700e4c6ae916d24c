"""Where the paper belongs (issue 13 item 6): the plan's first page names the committee,
meeting date and report number from the Details sheet; every page's running header carries
the workbook's banner line (or the title) and the protective marking; the footer carries the
title and "Page X of Y". Read from the .docx's header and footer parts with python-docx, and
from the pages LibreOffice prints."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from conftest import ACTION_HEADERS, action_row, build_workbook, require_soffice
from pages import convert, read_pages, squash

from pipeline.cli import main

BANNER = "WORKING DOCUMENT: CHILDREN'S SERVICES IMPROVEMENT PLAN"
TITLE = "Service Improvement Plan"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _plan(folder: Path, *, banner: bool) -> Path:
    """A plan of 30 long actions (several landscape pages), with or without an A1 banner."""
    rows = [ACTION_HEADERS] + [
        action_row(f"Action {i}: " + "review the work of the team " * 8, "On track",
                   priority=f"{i // 10 + 1}. Priority {i // 10 + 1}", ref=f"R{i // 3 + 1}",
                   recommendation=f"Recommendation {i // 3 + 1}", target="30/09/2013",
                   progress="The team met and agreed the next steps. " * 12)
        for i in range(30)
    ]
    if banner:
        rows.insert(0, [BANNER])
    details = [["Title", TITLE], ["Organisation", "Telford & Wrekin Council"],
               ["Committee", "Children and Young People Scrutiny Committee"],
               ["Meeting date", dt.date(2013, 8, 20)], ["Report number", 3],
               ["As at", dt.date(2013, 7, 31)], ["Protective marking", "OFFICIAL"]]
    book = build_workbook(folder / f"plan-{'banner' if banner else 'plain'}.xlsx",
                          {"Details": details, "Actions": rows})
    out = folder / f"{book.stem}.docx"
    result = CliRunner().invoke(main, ["plan", str(book), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _part_text(part: object) -> str:
    return "\n".join(p.text for p in part.paragraphs)  # type: ignore[attr-defined]


def _fields(part: object) -> list[str]:
    el = part._element  # type: ignore[attr-defined]
    codes = [t.text or "" for t in el.iter(f"{{{W_NS}}}instrText")]
    codes += [f.get(f"{{{W_NS}}}instr") or "" for f in el.iter(f"{{{W_NS}}}fldSimple")]
    return [c.split()[0] for c in codes if c.strip()]


def test_header_has_the_banner_and_marking_footer_the_title_and_page_x_of_y(
    tmp_path: Path,
) -> None:
    doc = docx.Document(str(_plan(tmp_path, banner=True)))
    section = doc.sections[0]
    header = _part_text(section.header)
    assert BANNER in header and "OFFICIAL" in header
    assert TITLE not in header  # the banner stands in for the title
    footer = section.footer
    assert f"{TITLE} – Page" in _part_text(footer)
    assert _fields(footer)[:2] == ["PAGE", "NUMPAGES"]
    # The first page's lines, in the body.
    first = [p.text for p in doc.paragraphs[:8]]
    for line in ("Committee: Children and Young People Scrutiny Committee",
                 "Meeting date: 20 August 2013", "Report number: 3"):
        assert line in first, first


def test_without_a_banner_the_header_carries_the_title(tmp_path: Path) -> None:
    doc = docx.Document(str(_plan(tmp_path, banner=False)))
    header = _part_text(doc.sections[0].header)
    assert TITLE in header and "OFFICIAL" in header and BANNER not in header


def test_printed_pages_carry_the_first_page_lines_header_and_footer(tmp_path: Path) -> None:
    require_soffice()
    if shutil.which("pdftotext") is None or shutil.which("pdftohtml") is None:
        pytest.skip("poppler-utils is not installed")
    with_banner, plain = _plan(tmp_path, banner=True), _plan(tmp_path, banner=False)
    pdfs = convert([with_banner, plain], tmp_path / "pdf", tmp_path / "profile")
    pages = read_pages(pdfs[with_banner])
    assert len(pages) >= 3
    first = pages[0].flat
    for line in ("Children and Young People Scrutiny Committee", "Meeting date: 20 August 2013",
                 "Report number: 3"):
        assert squash(line) in first, line
        assert all(squash(line) not in p.flat for p in pages[1:]), line
    for page in pages:
        assert squash(BANNER) in page.flat, page.number
        assert squash("OFFICIAL") in page.flat, page.number
        assert squash(f"{TITLE} – Page {page.number} of {len(pages)}") in page.flat, page.number
    plain_pages = read_pages(pdfs[plain])
    assert all(squash(BANNER) not in p.flat for p in plain_pages)
    assert squash(f"Page {len(plain_pages)} of {len(plain_pages)}") in plain_pages[-1].flat
