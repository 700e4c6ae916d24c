"""A document whose body is over BIG_PART bytes (a plan of more than about a thousand
actions) is deflated at BIG_PART_LEVEL, faster for a somewhat bigger file: the package is
still whole, the body as it was, and LibreOffice prints every cell of it."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import INPUTS, require_soffice

from pipeline.render import frame
from pipeline.run_document import make_document

PLAN = INPUTS / "childrens-services-improvement-plan.xlsx"


def _body(path: Path) -> tuple[bytes, int]:
    with zipfile.ZipFile(path) as package:
        assert package.testzip() is None
        info = package.getinfo("word/document.xml")
        return package.read(info), info.compress_size


def test_a_big_body_is_deflated_faster_and_stays_the_same(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    usual = tmp_path / "usual.docx"
    make_document("plan", PLAN, usual)
    body, usual_size = _body(usual)
    assert len(body) < frame.BIG_PART  # the sample plan is deflated at the usual level
    monkeypatch.setattr(frame, "BIG_PART", 1000)  # as if it were a plan of thousands
    big = tmp_path / "big.docx"
    make_document("plan", PLAN, big)
    big_body, big_size = _body(big)
    assert big_body == body  # the same body (the core properties' time aside)
    assert big_size > usual_size  # deflated at the faster level: a bigger part


def test_a_body_deflated_at_the_faster_level_prints_whole(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    require_soffice()
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    from pagecheck import missing_text
    from pages import convert, read_items, read_pages

    monkeypatch.setattr(frame, "BIG_PART", 1000)
    out = tmp_path / "big.docx"
    make_document("plan", PLAN, out)
    pdf = convert([out], tmp_path / "pdf", tmp_path / "profile")[out]
    assert missing_text(read_items(out), read_pages(pdf)) == []
