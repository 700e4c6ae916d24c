"""The cabinet response document: built from a workbook, rendered, read back with python-docx."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from pipeline.documents.docmodel import Heading, Paragraph, Table
from pipeline.documents.response import (
    COLUMNS,
    TITLE,
    UPDATE_TITLE,
    build_response_document,
)
from pipeline.domain.model import ScrutinyResponse
from pipeline.reader import read_workbook
from pipeline.render.counts import missing_recommendations
from pipeline.render.engine import render_document

TRICKY = "Tom & Jerry <b> \"quoted\" 'single' £250 – 😀\nsecond line"
HEADERS = ["Number", "Theme", "Recommendation", "Response", "Action", "Action date",
           "Responsible", "Progress"]
DETAILS = [
    ["Organisation", "Telford & Wrekin Council"],
    ["Committee", "Children & Young People"],
    ["Scrutiny report", "Children in Care Placement Strategy"],
    ["Lead scrutiny member", "Cllr. Mike Ion"],
    ["Lead scrutiny officer", "Stephanie Jones"],
    ["Cabinet member", "Cllr. Paul Watling"],
    ["Response prepared by", "Karen Perry"],
    ["Author title", "AD Safeguarding Children"],
    ["Cabinet date", "27/06/2013"],
    ["Update date", "15/08/2013"],
]
ROWS = [
    ["1", "Members' responsibility as Corporate Parents",
     "That the Council holds regular briefings for all elected members", "accepted",
     "In March the Cross Party Corporate Parenting Group agreed an approach.",
     "March 2013 and ongoing", "Karen Perry AD Children's Safeguarding",
     "Briefings held in March and July."],
    ["2a", "Quality Assurance of Systems and Processes", TRICKY, "Accepted",
     "New template for recording visits is being piloted", "June 2013",
     "Jo Britton Service Delivery Manager", "Template piloted; audits show improvement."],
    ["2b", None, "Review the systems for return interviews for young runaways",
     "accepted in principle", "Small working group to be established", "30/09/2013",
     "Angela Yapp", ""],
    ["3a", "The Role and Independence of the IROs", "Move the IRO service into Scrutiny",
     "partially accepted", "Reporting moved into Education and Skills", "02/07/2013",
     "Karen Perry and Jim Collins", "Achieved."],
]


@pytest.fixture
def response(make_workbook: Callable[..., Path]) -> ScrutinyResponse:
    path = make_workbook({"Details": DETAILS, "Recommendations": [HEADERS, *ROWS]})
    result = read_workbook(path)
    assert result.report.errors == []
    assert result.response is not None
    return result.response


def render(response: ScrutinyResponse, tmp_path: Path, update: bool = False) -> docx.Document:
    model = build_response_document(response, update=update)
    out = render_document(model, tmp_path / f"response-{update}.docx")
    return docx.Document(str(out))


def body_paragraphs(doc: docx.Document) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in doc.paragraphs if p.text.strip()]


def test_model_shape(response: ScrutinyResponse) -> None:
    model = build_response_document(response)
    assert (model.kind, model.title, model.landscape) == ("response", TITLE, True)
    assert model.counts == {"recommendations": 4}
    headings = [(b.level, b.text) for b in model.blocks if isinstance(b, Heading)]
    assert headings == [
        (1, "Summary of the response"),
        (1, "Response to each recommendation"),
        (2, "1. Members' responsibility as Corporate Parents"),
        (2, "2. Quality Assurance of Systems and Processes"),
        (2, "3. The Role and Independence of the IROs"),
    ]
    tables = [b for b in model.blocks if isinstance(b, Table)]
    assert [c.header for c in tables[1].columns] == list(COLUMNS)
    first = next(b for b in model.blocks if isinstance(b, Paragraph))
    assert [(r.text, r.bold) for r in first.runs] == [
        ("Scrutiny Committee: ", True), ("Children & Young People", False)
    ]


def test_golden_document(response: ScrutinyResponse, tmp_path: Path) -> None:
    doc = render(response, tmp_path)
    assert doc.core_properties.title == TITLE
    section = doc.sections[-1]
    assert section.page_width > section.page_height  # landscape
    paragraphs = body_paragraphs(doc)
    assert ("Title", TITLE) in paragraphs
    header_block = [text for style, text in paragraphs if ": " in text and style == "Normal"]
    assert header_block[:7] == [
        "Scrutiny Committee: Children & Young People",
        "Report: Children in Care Placement Strategy",
        "Lead Scrutiny Member: Cllr. Mike Ion",
        "Lead Scrutiny Officer: Stephanie Jones",
        "Cabinet Member: Cllr. Paul Watling",
        "Response prepared by: Karen Perry, AD Safeguarding Children",
        "Date of Cabinet meeting: 27 June 2013",
    ]
    bold_labels = [p.runs[0] for p in doc.paragraphs if p.text.startswith("Cabinet Member: ")]
    assert bold_labels and bold_labels[0].bold and bold_labels[0].text == "Cabinet Member: "
    headings = [(s, t) for s, t in paragraphs if s.startswith("Heading")]
    assert headings == [
        ("Heading 1", "Summary of the response"),
        ("Heading 1", "Response to each recommendation"),
        ("Heading 2", "1. Members' responsibility as Corporate Parents"),
        ("Heading 2", "2. Quality Assurance of Systems and Processes"),
        ("Heading 2", "3. The Role and Independence of the IROs"),
    ]
    assert ("Normal", "All four recommendations were wholly or partly accepted.") in paragraphs

    # the summary table is introduced, and its lead-in is kept on the table's page
    lead_in = next(p for p in doc.paragraphs if p.text.startswith("The decisions on"))
    assert lead_in.text == "The decisions on the recommendations, by theme:"
    assert lead_in._p.getnext().tag == qn("w:tbl")
    assert lead_in.paragraph_format.keep_with_next is True

    summary, *themes = doc.tables
    assert [c.text for c in summary.rows[0].cells] == [
        "Theme", "Recommendations", "Accepted", "Partially accepted", "Accepted in principle",
        "Not accepted", "Noted",
    ]
    assert [c.text for c in summary.rows[2].cells] == [
        "2. Quality Assurance of Systems and Processes", "2", "1", "0", "1", "0", "0"
    ]
    assert [c.text for c in summary.rows[-1].cells][:2] == ["All themes", "4"]

    assert len(themes) == 3
    for table in themes:
        assert [c.text for c in table.rows[0].cells] == list(COLUMNS)
        header_tr = table.rows[0]._tr
        assert header_tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
        for row in table.rows[1:]:
            assert row._tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is None
        # no merged cells
        assert not table._tbl.xpath(".//w:gridSpan | .//w:vMerge")

    qa = themes[1]
    assert [c.text for c in qa.rows[1].cells] == [
        f"a) {TRICKY}",
        "Accepted\nNew template for recording visits is being piloted",
        "June 2013",
        "Jo Britton Service Delivery Manager",
    ]
    assert qa.rows[2].cells[0].text.startswith("b) Review the systems")
    assert qa.rows[2].cells[2].text == "30 September 2013"
    response_runs = [run for p in qa.rows[2].cells[1].paragraphs for run in p.runs]
    assert (response_runs[0].text, response_runs[0].bold) == ("Accepted in principle", True)
    assert not response_runs[1].bold
    # unlettered recommendation: the text alone
    assert themes[0].rows[1].cells[0].text == ROWS[0][2]
    assert themes[2].rows[1].cells[1].paragraphs[0].runs[0].text == "Partially accepted"


def test_every_recommendation_verbatim(response: ScrutinyResponse, tmp_path: Path) -> None:
    model = build_response_document(response)
    out = render_document(model, tmp_path / "r.docx")
    assert missing_recommendations(response, out) == []
    doc = docx.Document(str(out))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    for rec in response.recommendations:
        assert any(rec.text in c for c in cells), rec.text


def test_missing_recommendations_notices_a_lost_one(
    response: ScrutinyResponse, tmp_path: Path
) -> None:
    model = build_response_document(response)
    out = render_document(model, tmp_path / "r.docx")
    response.recommendations[1].text += " (changed)"
    assert [r.number for r in missing_recommendations(response, out)] == ["2a"]


def test_update_variant_has_progress(response: ScrutinyResponse, tmp_path: Path) -> None:
    doc = render(response, tmp_path, update=True)
    assert doc.core_properties.title == UPDATE_TITLE
    paragraphs = body_paragraphs(doc)
    assert ("Title", "Update on Action Plan – Cabinet Response to Scrutiny Report") in paragraphs
    texts = [t for _, t in paragraphs]
    assert "Date of update meeting: 15 August 2013" in texts
    assert "Position as at 15 August 2013" in texts
    for table in doc.tables[1:]:
        assert [c.text for c in table.rows[0].cells] == [*COLUMNS, "Progress"]
    assert doc.tables[2].rows[1].cells[4].text == "Template piloted; audits show improvement."
    assert doc.tables[1].rows[1].cells[4].text == "Briefings held in March and July."


def test_plain_variant_has_no_progress(response: ScrutinyResponse, tmp_path: Path) -> None:
    doc = render(response, tmp_path)
    for table in doc.tables[1:]:
        assert [c.text for c in table.rows[0].cells] == list(COLUMNS)
        assert "Progress" not in [c.text for c in table.rows[0].cells]
    everything = "\n".join(
        [p.text for p in doc.paragraphs]
        + [c.text for t in doc.tables for row in t.rows for c in row.cells]
    )
    assert "Briefings held in March and July." not in everything
    assert "Template piloted" not in everything
    assert "Date of update meeting" not in everything
    assert "Position as at" not in everything


def test_summary_sentence_when_some_not_accepted(
    make_workbook: Callable[..., Path], tmp_path: Path
) -> None:
    rows = [*ROWS, ["3b", None, "Publish attendance", "rejected", "Already published", None,
                    None, None]]
    result = read_workbook(make_workbook({"Recommendations": [HEADERS, *rows]}, name="n.xlsx"))
    assert result.response is not None
    doc = render(result.response, tmp_path)
    texts = [t for _, t in body_paragraphs(doc)]
    assert ("Four of five recommendations were wholly or partly accepted and one was not "
            "accepted.") in texts
    last = doc.tables[-1].rows[-1].cells
    assert last[0].text == "b) Publish attendance"
    assert last[1].text == "Not accepted\nAlready published"
