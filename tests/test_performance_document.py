"""The performance report read back from Word: statuses, fills, directions, charts, alt text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.documents.performance import build_performance_document
from pipeline.domain.model import Comparator, Details, Indicator, IndicatorSet, Observation
from pipeline.domain.periods import parse_period
from pipeline.render.engine import render_document

BURY = (
    "Item,August 2018,November 2018\n"
    "Contacts progressed within 1 working day,63.9%,74.1%\n"
    "Referrals progressed within 2 working days,38.1%,44.7%\n"
    "% of Referrals which were repeat Referrals,25.0%,33.5%\n"
    "CiN Visits – child seen in last 6 weeks,56.5%,81.2%\n"
    "ICPCs which resulted in a CP Plan,64.9%,95.8%\n"
    "CiN Visits – child seen in last 6 weeks,56.5%,81.2%\n"
    "CLA Visits – child seen in last 6 weeks,66.4%,72.4%\n"
)
INPUTS = Path(__file__).resolve().parents[1] / "inputs"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


def obs(period: str, value: float | None) -> Observation:
    p = parse_period(period)
    assert p is not None
    return Observation(p, value)


def sample_set() -> IndicatorSet:
    ni059 = Indicator(
        "% of initial assessments within 10 working days", "NI059", theme="Safety",
        polarity="high", unit="%", target=80.0, responsible_officer="John Skinner",
        definition="Initial assessments completed within ten working days of referral.",
        commentary="Up from 40.3% in August & <still> below target.",
        comparators=[Comparator("England average", 79.6)],
        series=[obs("Jun 2011", 58.1), obs("Jul 2011", 66.7), obs("Aug 2011", 40.3),
                obs("Sep 2011", 66.5)],
    )
    ni062 = Indicator("Placement moves", "NI062", theme="Safety", polarity="low", unit="%",
                      target=5.0, series=[obs("Aug 2011", 6.0), obs("Sep 2011", 5.4)])
    ni060 = Indicator("Core assessments", "NI060", theme="Quality", polarity="high", unit="%",
                      target=78.0, series=[obs("Aug 2011", 80.0), obs("Sep 2011", 80.0)])
    empty = Indicator("Not yet collected", theme="Quality", series=[obs("Sep 2011", None)])
    details = Details(title="Performance & quality", organisation="Torbay Council")
    return IndicatorSet(details, [ni059, ni062, ni060, empty])


def cell_fill(cell: Any) -> str | None:
    shd = cell._tc.find(f"{W}tcPr/{W}shd")
    return None if shd is None else shd.get(f"{W}fill")


def render(tmp_path: Path) -> Any:
    import docx

    out = render_document(build_performance_document(sample_set()), tmp_path / "perf.docx")
    return docx.Document(str(out))


def test_summary_table_statuses_fills_directions(tmp_path: Path) -> None:
    doc = render(tmp_path)
    summary = doc.tables[0]
    header = [c.text for c in summary.rows[0].cells]
    assert header == ["Indicator", "Previous", "Latest", "Target", "Status", "Direction"]
    assert summary.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None
    rows = {r.cells[0].text: r.cells for r in summary.rows[1:]}
    ni059 = rows["NI059 – % of initial assessments within 10 working days"]
    assert ni059[1].text == "Aug 2011\n40.3%"
    assert ni059[2].text == "Sep 2011\n66.5%"
    assert ni059[3].text == "80%"
    assert (ni059[4].text, cell_fill(ni059[4])) == ("Off target", "D4351C")
    assert ni059[5].text == "Improved ↑"
    ni062 = rows["NI062 – Placement moves"]
    assert (ni062[4].text, cell_fill(ni062[4])) == ("Near target", "FFDD00")
    assert ni062[5].text == "Improved ↓"
    ni060 = rows["NI060 – Core assessments"]
    assert (ni060[4].text, cell_fill(ni060[4]), ni060[5].text) == (
        "On target", "00703C", "No change →"
    )
    empty = rows["Not yet collected"]
    assert (empty[2].text, empty[4].text, cell_fill(empty[4])) == ("No data", "No data",
                                                                   "505A5F")


def test_sections_headings_text_and_charts(tmp_path: Path) -> None:
    doc = render(tmp_path)
    styled = [(p.style.name, p.text) for p in doc.paragraphs]
    assert ("Heading 1", "Safety") in styled and ("Heading 1", "Quality") in styled
    h2 = [t for s, t in styled if s == "Heading 2"]
    assert h2 == ["NI059 – % of initial assessments within 10 working days",
                  "NI062 – Placement moves", "NI060 – Core assessments", "Not yet collected"]
    texts = [p.text for p in doc.paragraphs]
    assert "It's best to be high" in texts and "It's best to be low" in texts
    assert "Commentary: Up from 40.3% in August & <still> below target." in texts
    assert "Responsible officer: John Skinner" in texts
    assert any(t.startswith("Comparators: England average 79.6%: latest is 13.1 percentage "
                            "points lower (worse)") for t in texts)
    descr = [d.get("descr") for d in doc.element.body.iter(f"{WP}docPr")]
    assert len(descr) == 3  # one chart per indicator with data; none for "Not yet collected"
    assert descr[0] == (
        "Line chart of NI059 % of initial assessments within 10 working days, Jun 2011 to "
        "Sep 2011: latest 66.5% against a target of 80%, improved from 40.3% in Aug 2011; "
        "England average 79.6%"
    )
    assert doc.core_properties.title == "Performance & quality"
    assert doc.sections[0].page_width < doc.sections[0].page_height  # portrait


def test_cli_on_a_bury_shaped_csv(tmp_path: Path) -> None:
    import docx

    source = tmp_path / "bury-performance.csv"
    source.write_text(BURY, encoding="utf-8")
    out = tmp_path / "bury.docx"
    result = CliRunner().invoke(main, ["performance", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"Wrote {out}" in result.output
    assert "7 indicators in, 7 written" in result.output
    assert "Rows 5 and 7 are the same indicator" in result.output
    doc = docx.Document(str(out))
    rows = doc.tables[0].rows[1:]
    assert len(rows) == 7
    first = [c.text for c in rows[0].cells]
    assert first == ["Contacts progressed within 1 working day", "Aug 2018\n63.9%",
                     "Nov 2018\n74.1%", "No target", "Data only", "Increased ↑"]
    assert len(list(doc.element.body.iter(f"{WP}docPr"))) == 7


def test_cli_refuses_a_workbook_with_errors(tmp_path: Path) -> None:
    source = tmp_path / "bad.csv"
    source.write_text("Item,Aug 2011,Sep 2011\nAssessments,lots,40\n", encoding="utf-8")
    out = tmp_path / "bad.docx"
    result = CliRunner().invoke(main, ["performance", str(source), "-o", str(out)])
    assert result.exit_code == 1
    assert "row 2" in result.output and "'Aug 2011'" in result.output
    assert not out.exists()


@pytest.mark.parametrize("fast_frame", [True, False], ids=["frame", "docxtpl"])
def test_the_line_under_each_table_of_figures_has_room_above_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fast_frame: bool
) -> None:
    """'It's best to be high' is not printed hard against the table's bottom border: the
    paragraph after each indicator's figures has space before it (the template's Normal
    has none), made by the frame filled in without docxtpl and by docxtpl alike."""
    import docx
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph as DocxParagraph

    from pipeline.render import engine

    monkeypatch.setattr(engine, "FAST_FRAME", fast_frame)
    out = tmp_path / "perf.docx"
    result = CliRunner().invoke(
        main, ["performance", str(INPUTS / "performance-indicators.xlsx"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    doc = docx.Document(str(out))
    body = list(doc.element.body.iterchildren())
    under: list[tuple[str, Any]] = []
    for i, element in enumerate(body):
        if element.tag != f"{W}tbl":
            continue
        caption = element.find(f"{W}tblPr/{W}tblCaption")
        if caption is None or not caption.get(f"{W}val").startswith("Position of "):
            continue
        assert DocxTable(element, doc).rows  # the indicator's figures
        after = DocxParagraph(body[i + 1], doc)
        under.append((after.text, after.paragraph_format.space_before))
    assert len(under) == 9
    assert [text for text, _ in under].count("It's best to be high") == 3
    for text, space in under:
        assert space is not None and space.pt >= 6, (text, space)
