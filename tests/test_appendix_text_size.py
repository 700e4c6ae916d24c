"""The committee report's plan appendix is set as the stand-alone plan is: its action
tables in the shipped template's 9 pt "Wide Table Text" (the report's own tables stay in
its 10 pt Table Text), their columns fitted to the size they print at, so Appendix A takes
about the pages the plan takes, not half as many again."""

from __future__ import annotations

import zipfile
from pathlib import Path

from click.testing import CliRunner
from conftest import require_soffice
from lxml import etree
from pages import convert, read_pages

from pipeline.cli import main
from pipeline.render.blocks import StyleMap
from pipeline.render.design_tables import design_text_pt
from pipeline.render.designs import take_designs

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_PLAN = ROOT / "inputs" / "childrens-services-improvement-plan.xlsx"
REPORT_TEMPLATE = ROOT / "templates" / "committee-report.docx"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"


def _styles(xml: str) -> StyleMap:
    return StyleMap.from_styles_element(etree.fromstring(
        f'<w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="22"/>'
        f"</w:rPr></w:rPrDefault></w:docDefaults>{xml}</w:styles>"))


def _style(style_id: str, name: str, size: int | None = None, based: str | None = None) -> str:
    sz = f'<w:rPr><w:sz w:val="{size}"/></w:rPr>' if size else ""
    base = f'<w:basedOn w:val="{based}"/>' if based else ""
    return (f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>'
            f"{base}{sz}</w:style>")


def test_each_paragraph_style_has_its_size_through_based_on() -> None:
    styles = _styles(_style("Normal", "Normal", 24) + _style("TableText", "Table Text", 20,
                                                             "Normal")
                     + _style("Wide", "Wide Table Text", None, "TableText")
                     + _style("Plain", "Plain", None, None))
    assert styles.table_text_pt == 10.0
    assert styles.size_of("Wide") == 10.0  # from Table Text, which it is based on
    assert styles.size_of("Plain") == 11.0  # no size and no base: the document defaults
    assert styles.size_of("") == 12.0  # no style: Normal's
    assert styles.size_of("Missing") == 12.0  # a style the template lacks: Normal's too


def test_without_a_table_text_style_tables_are_fitted_to_the_defaults() -> None:
    assert _styles(_style("Normal", "Normal", 24)).table_text_pt == 11.0


def _design_body(cell_paragraph: str) -> etree._Element:
    body = etree.fromstring(
        f'<w:body xmlns:w="{W_NS}"><w:p><w:r><w:t>{{{{ body }}}}</w:t></w:r></w:p>'
        "<w:p><w:r><w:t>Table designs (not printed)</w:t></w:r></w:p>"
        "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w='5000'/><w:gridCol w:w='2000'/>"
        "</w:tblGrid><w:tr><w:tc><w:p><w:r><w:t>Action</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>Status</w:t></w:r></w:p></w:tc></w:tr>"
        f"<w:tr><w:tc>{cell_paragraph}</w:tc><w:tc><w:p><w:r><w:t>{{{{ action.status }}}}"
        "</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body>")
    return body


def test_a_design_is_fitted_to_the_size_its_fields_print_at() -> None:
    styles = _styles(_style("Normal", "Normal", 22) + _style("TableText", "Table Text", 20)
                     + _style("Wide", "Wide Table Text", 18, "TableText"))

    def pt(paragraph: str) -> float:
        part = take_designs(_design_body(paragraph), "plan")
        return design_text_pt(part.designs["action"], styles)

    field = "<w:t>{{ action.text }}</w:t>"
    assert pt(f'<w:p><w:pPr><w:pStyle w:val="Wide"/></w:pPr><w:r>{field}</w:r></w:p>') == 9.0
    assert pt(f'<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr><w:r>{field}</w:r></w:p>') == 10
    assert pt(f"<w:p><w:r>{field}</w:r></w:p>") == 11.0  # no style: Normal
    # a size the clerk set on the field's own run wins over the style's
    assert pt('<w:p><w:pPr><w:pStyle w:val="Wide"/></w:pPr><w:r><w:t>Do: </w:t></w:r>'
              f'<w:r><w:rPr><w:sz w:val="16"/></w:rPr>{field}</w:r></w:p>') == 8.0


def _cell_styles(docx: Path, header: str) -> set[str]:
    """The paragraph styles of the data cells of every table whose first header is `header`."""
    with zipfile.ZipFile(docx) as archive:
        body = etree.fromstring(archive.read("word/document.xml")).find(f"{W}body")
    found: set[str] = set()
    for tbl in body.iter(f"{W}tbl"):
        rows = tbl.findall(f"{W}tr")
        first = "".join(t.text or "" for t in rows[0].find(f"{W}tc").iter(f"{W}t"))
        if first != header:
            continue
        for tr in rows[1:]:
            for style in tr.iter(f"{W}pStyle"):
                found.add(style.get(f"{W}val"))
    return found


def test_the_report_sets_the_plan_appendix_in_wide_table_text(tmp_path: Path) -> None:
    report = tmp_path / "report.docx"
    result = CliRunner().invoke(main, ["report", str(SAMPLE_PLAN), "-o", str(report)])
    assert result.exit_code == 0, result.output
    assert _cell_styles(report, "Action") == {"WideTableText"}
    assert _cell_styles(report, "Status") == {"TableText"}  # the report's own summary table
    with zipfile.ZipFile(report) as archive:
        styles = StyleMap.from_styles_element(etree.fromstring(archive.read("word/styles.xml")))
    assert styles.size_of("WideTableText") == 9.0 and styles.table_text_pt == 10.0


def test_appendix_a_takes_about_the_pages_the_plan_takes(tmp_path: Path) -> None:
    require_soffice()
    runner = CliRunner()
    report, plan = tmp_path / "report.docx", tmp_path / "plan.docx"
    assert runner.invoke(main, ["report", str(SAMPLE_PLAN), "-o", str(report)]).exit_code == 0
    assert runner.invoke(main, ["plan", str(SAMPLE_PLAN), "-o", str(plan)]).exit_code == 0
    pdfs = convert([report, plan], tmp_path / "pdf", tmp_path / "lo")
    report_pages, plan_pages = read_pages(pdfs[report]), read_pages(pdfs[plan])
    start = next(p.number for p in report_pages
                 if "Appendix A" in p.text and "Key to RAG" in p.text)
    appendix = len(report_pages) - start + 1
    # 20 pages alone, 21 in the report; 22 on the report's 2 cm margins, and 29 when the
    # appendix was set in the report's 10 pt Table Text
    assert appendix <= len(plan_pages) + 1, (appendix, len(plan_pages))
