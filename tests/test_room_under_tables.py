"""A line of text printed straight under a table has room above it (8 pt), not set hard
against the table's bottom border: the cabinet response's update ("Three actions due by June
2013 have no update:"), the briefing (the lines under its table of indicators, the sign-off
under its table of late actions) and the committee report that carries the update as its
appendix, read back from the Word documents the commands write."""

from __future__ import annotations

import itertools
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.text.paragraph import Paragraph as DocxParagraph

from pipeline.cli import main
from pipeline.documents.docmodel import Paragraph, Run, Table, set_off_from_tables

INPUTS = Path(__file__).resolve().parents[1] / "inputs"
PLAN = INPUTS / "childrens-services-improvement-plan.xlsx"
INDICATORS = INPUTS / "performance-indicators.xlsx"
RESPONSE = INPUTS / "cabinet-response.xlsx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def lines_under_tables(path: Path) -> list[tuple[str, float]]:
    """Each body paragraph with text directly after a table (a heading has its style's room
    and is left out): its text and its room above in points."""
    doc = docx.Document(str(path))
    body = list(doc.element.body.iterchildren())
    under = []
    for before, element in itertools.pairwise(body):
        if before.tag != f"{W}tbl" or element.tag != f"{W}p":
            continue
        paragraph = DocxParagraph(element, doc)
        if not paragraph.text.strip() or paragraph.style.name.startswith("Heading"):
            continue
        space = paragraph.paragraph_format.space_before
        under.append((paragraph.text, 0.0 if space is None else space.pt))
    return under


def make(tmp_path: Path, args: list[str]) -> Path:
    out = tmp_path / f"{args[0]}.docx"
    result = CliRunner().invoke(main, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(params=[True, False], ids=["frame", "docxtpl"])
def fast_frame(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    """The frame filled in without docxtpl, and by docxtpl: both keep the room."""
    from pipeline.render import engine

    monkeypatch.setattr(engine, "FAST_FRAME", request.param)
    return bool(request.param)


def test_the_update_line_under_the_summary_table_has_room_above_it(
        tmp_path: Path, fast_frame: bool) -> None:
    out = make(tmp_path, ["response", "--update", str(RESPONSE)])
    assert lines_under_tables(out) == [("Three actions due by June 2013 have no update:", 8.0)]


def test_the_briefing_lines_under_its_indicator_table_have_room_above_them(
        tmp_path: Path, fast_frame: bool) -> None:
    out = make(tmp_path, ["briefing", str(PLAN), "--indicators", str(INDICATORS)])
    assert lines_under_tables(out) == [
        ("The indicator off target, against its target and the period before:", 8.0)]


def test_the_briefing_sign_off_under_its_table_of_late_actions_has_room_above_it(
        tmp_path: Path, fast_frame: bool) -> None:
    from tests.test_batch import plan_workbook

    book = plan_workbook(tmp_path / "plan.xlsx", 5)  # one behind schedule; no next steps
    out = make(tmp_path, ["briefing", str(book)])
    assert lines_under_tables(out) == [("30 July 2013", 8.0)]


def test_the_report_appendix_of_the_update_keeps_the_room(tmp_path: Path) -> None:
    out = make(tmp_path, ["report", str(PLAN), "--indicators", str(INDICATORS),
                          "--response", str(RESPONSE)])
    under = dict(lines_under_tables(out))
    assert under["Three actions due by June 2013 have no update:"] == 8.0
    assert all(points > 0 for points in under.values()), under


@pytest.mark.parametrize("args", [
    ["plan", str(PLAN)],
    ["exceptions", str(PLAN), "--indicators", str(INDICATORS)],
    ["performance", str(INDICATORS)],
    ["response", str(RESPONSE)],
], ids=["plan", "exceptions", "performance", "response"])
def test_no_document_prints_a_line_hard_under_a_table(tmp_path: Path, args: list[str]) -> None:
    out = make(tmp_path, args)
    assert all(points > 0 for _, points in lines_under_tables(out)), lines_under_tables(out)


def test_a_paragraph_given_its_own_room_keeps_it() -> None:
    table = Table([], [])
    mine = Paragraph([Run("mine")], space_before_pt=3.0)
    plain = Paragraph([Run("plain")])
    after_text = Paragraph([Run("after text")])
    set_off_from_tables([table, mine, table, plain, after_text])
    assert (mine.space_before_pt, plain.space_before_pt, after_text.space_before_pt) == (
        3.0, 8.0, 0.0)
