"""A committee report's appendix is set on the pages of the document it reprints: Appendix A
(the plan) takes the plan template's margins in its landscape section, while the cover
keeps the report template's; a council's own plan template is followed, and margins that
cannot be read leave the report's own."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

from lxml import etree

from pipeline.reader import read_workbook
from pipeline.render.engine import render_bytes
from pipeline.run_document import build_model

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_PLAN = ROOT / "inputs" / "childrens-services-improvement-plan.xlsx"
PLAN_TEMPLATE = ROOT / "templates" / "improvement-plan.docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _report(templates_dir: Path | None = None) -> etree._Element:
    model = build_model("report", read_workbook(SAMPLE_PLAN))
    data = render_bytes(model, templates_dir=templates_dir)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read("word/document.xml")).find(f"{W}body")


def _sections(body: etree._Element) -> list[tuple[bool, dict[str, str]]]:
    """(landscape, margins) of each section in order: paragraph sectPrs, then the body's."""
    found = [*body.findall(f"{W}p/{W}pPr/{W}sectPr"), body.find(f"{W}sectPr")]
    out = []
    for sectpr in found:
        size, margins = sectpr.find(f"{W}pgSz"), sectpr.find(f"{W}pgMar")
        landscape = int(size.get(f"{W}w")) > int(size.get(f"{W}h"))
        out.append((landscape, {k[len(W):]: v for k, v in margins.attrib.items()}))
    return out


def _action_columns(body: etree._Element) -> list[int]:
    """The widths of the columns of the first table headed 'Action', in twentieths of a point."""
    for tbl in body.iter(f"{W}tbl"):
        first = tbl.find(f"{W}tr/{W}tc")
        if "".join(t.text or "" for t in first.iter(f"{W}t")) == "Action":
            return [int(col.get(f"{W}w")) for col in tbl.iter(f"{W}gridCol")]
    raise AssertionError("no action table")


def _plan_body() -> etree._Element:
    data = render_bytes(build_model("plan", read_workbook(SAMPLE_PLAN)))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read("word/document.xml")).find(f"{W}body")


def _plan_template_with_margins(folder: Path, value: str) -> Path:
    folder.mkdir()
    target = folder / PLAN_TEMPLATE.name
    with zipfile.ZipFile(PLAN_TEMPLATE) as source, zipfile.ZipFile(target, "w") as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b'w:left="720"', f'w:left="{value}"'.encode())
                data = data.replace(b'w:right="720"', f'w:right="{value}"'.encode())
            out.writestr(item, data)
    return folder


def test_the_plan_appendix_takes_the_plan_templates_margins_and_the_cover_keeps_its_own() -> None:
    body = _report()
    (cover_landscape, cover), (landscape, appendix) = _sections(body)
    assert not cover_landscape and cover["left"] == cover["right"] == "1134"  # 2 cm
    assert landscape and appendix["left"] == appendix["right"] == "720"  # 1.27 cm
    assert appendix["top"] == appendix["bottom"] == "720"
    # the action tables have the stand-alone plan's columns (not 2 cm narrower each side)
    assert _action_columns(body) == _action_columns(_plan_body())


def test_a_councils_own_plan_template_gives_the_appendix_its_margins(tmp_path: Path) -> None:
    folder = _plan_template_with_margins(tmp_path / "ours", "1440")
    body = _report(folder)
    (_, cover), (_, appendix) = _sections(body)
    assert cover["left"] == "1134"
    assert appendix["left"] == appendix["right"] == "1440"
    assert 16838 - 2 * 1440 - 60 < sum(_action_columns(body)) <= 16838 - 2 * 1440


def test_margins_that_cannot_be_read_leave_the_reports_own(tmp_path: Path) -> None:
    for value in ("wide", "99999999"):
        folder = _plan_template_with_margins(tmp_path / value, value)
        (_, cover), (_, appendix) = _sections(_report(folder))
        assert appendix["left"] == appendix["right"] == cover["left"] == "1134", value


def test_a_damaged_plan_template_leaves_the_reports_margins(tmp_path: Path) -> None:
    folder = tmp_path / "ours"
    folder.mkdir()
    (folder / PLAN_TEMPLATE.name).write_bytes(b"not a Word document")
    (_, cover), (_, appendix) = _sections(_report(folder))
    assert appendix["left"] == cover["left"] == "1134"
    shutil.rmtree(folder)
