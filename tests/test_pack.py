"""The agenda pack: one PDF per meeting, a front sheet listing every item with its author and
page, each report with its appendices, bookmarks for items and appendices, page numbers
running through the pack, and the pack's title (LibreOffice and pypdf)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import action_row, require_soffice

from pipeline.cli import main

HEADERS = ["Priority", "Ref", "Recommendation", "Action", "Outcome", "Source", "Measure",
           "Timescale", "Lead", "Target date", "Progress", "Status"]
COMMITTEE = "Children & Young People Scrutiny Committee"


def details(title: str, item: str, author: str, meeting: str = "15/08/2013") -> list[list[Any]]:
    return [["Title", title], ["Committee", COMMITTEE], ["Meeting date", meeting],
            ["Agenda item", item], ["Author", author], ["As at", "30/07/2013"],
            ["Recommendations", "That the Committee notes the report."],
            ["Purpose", f"To report on {title}."]]


def actions(n: int) -> list[list[Any]]:
    rows: list[list[Any]] = [HEADERS]
    for i in range(n):
        rows.append(action_row(f"Action {i + 1}", "On track", ref=f"R{i + 1}",
                               recommendation=f"Recommendation {i + 1}"))
    return rows


@pytest.fixture
def outputs(make_workbook: Any, tmp_path: Path) -> Path:
    """Two reports for one meeting (items 5 and 4) and one for another meeting."""
    out = tmp_path / "outputs"
    runner = CliRunner()
    books = [
        ("fostering", details("Fostering plan", "5", "Ann Smith"), 3),
        ("safeguarding", details("Safeguarding plan", "4", "Bob Jones"), 2),
        ("later", details("Later plan", "2", "Cy Dee", meeting="12/09/2013"), 1),
    ]
    for name, given, n in books:
        book = make_workbook({"Details": given, "Actions": actions(n)}, name=f"{name}.xlsx")
        month = "2013-09" if name == "later" else "2013-08"
        target = out / month / name / "report.docx"
        result = runner.invoke(main, ["report", str(book), "-o", str(target)])
        assert result.exit_code == 0, result.output
    return out


def _outline(reader: Any) -> list[tuple[int, str, int]]:
    found: list[tuple[int, str, int]] = []

    def walk(items: list[Any], depth: int) -> None:
        for entry in items:
            if isinstance(entry, list):
                walk(entry, depth + 1)
            else:
                found.append((depth, entry.title, reader.get_destination_page_number(entry) + 1))

    walk(reader.outline, 0)
    return found


def test_one_pack_per_meeting_with_front_sheet_bookmarks_and_running_page_numbers(
    outputs: Path,
) -> None:
    require_soffice()
    from pypdf import PdfReader

    result = CliRunner().invoke(main, ["pack", str(outputs)])
    assert result.exit_code == 0, result.output
    august = outputs / "2013-08" / (
        "agenda-pack-children-young-people-scrutiny-committee-2013-08-15.pdf")
    september = outputs / "2013-09" / (
        "agenda-pack-children-young-people-scrutiny-committee-2013-09-12.pdf")
    reader = PdfReader(august)
    total = len(reader.pages)
    assert result.output.splitlines() == [
        f"Wrote {august}: {COMMITTEE}, 15 August 2013; 2 items, {total} pages",
        f"Wrote {september}: {COMMITTEE}, 12 September 2013; 1 item, "
        f"{len(PdfReader(september).pages)} pages",
    ]
    assert reader.metadata.title == f"Agenda pack: {COMMITTEE}, 15 August 2013"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"

    outline = _outline(reader)
    assert [(depth, title) for depth, title, _ in outline] == [
        (0, "Front sheet and agenda"),
        (0, "Item 4: Safeguarding plan"),  # agenda order, not file order
        (1, "Appendix A – Improvement plan"),
        (0, "Item 5: Fostering plan"),
        (1, "Appendix A – Improvement plan"),
    ]
    pages = [page for _, _, page in outline]
    texts = [page.extract_text() for page in reader.pages]
    assert pages[0] == 1
    assert "Safeguarding plan" in texts[pages[1] - 1] and "1. Purpose" in texts[pages[1] - 1]
    assert "Appendix A – Improvement plan" in texts[pages[2] - 1].splitlines()[:3]
    assert "Fostering plan" in texts[pages[3] - 1]
    # The front sheet lists each item, its author and the page it starts on.
    front = " ".join(texts[0].split())
    assert COMMITTEE in front and "Meeting: 15 August 2013" in front
    assert "Bob Jones" in front and "Ann Smith" in front
    assert f"Appendix A – Improvement plan (page {pages[2]})" in front
    # Page numbers run through the pack, in every page's footer.
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {total}" in text
    assert "Later plan" not in "".join(texts)


def test_pack_for_one_meeting_and_a_meeting_with_no_reports(outputs: Path) -> None:
    require_soffice()
    runner = CliRunner()
    result = runner.invoke(main, ["pack", str(outputs), "--meeting", "2013-09-12",
                                  "--committee", "children & young people scrutiny committee"])
    assert result.exit_code == 0, result.output
    assert len(result.output.splitlines()) == 1 and "1 item" in result.output
    assert not list((outputs / "2013-08").glob("agenda-pack-*.pdf"))
    none = runner.invoke(main, ["pack", str(outputs), "--meeting", "2014-01-01"])
    assert none.exit_code == 1  # nothing could be made
    assert none.output == (
        f"  Error: No committee report in {outputs} is for a meeting on 1 January 2014. Its "
        f"reports are for: {COMMITTEE} (15 August 2013, 12 September 2013).\n"
        "No agenda pack was made.\n")


@pytest.mark.parametrize(("asked", "said"), [
    (["--committee", "Nonexistent"], 'committee "Nonexistent"'),
    (["--committee", "Childrens Scrutiny Committee"],
     'committee "Childrens Scrutiny Committee"'),
    (["--committee", COMMITTEE, "--meeting", "16/08/2013"],
     f'committee "{COMMITTEE}" meeting on 16 August 2013'),
])
def test_pack_for_a_committee_or_meeting_it_has_no_report_for_lists_those_it_has(
        outputs: Path, asked: list[str], said: str) -> None:
    result = CliRunner().invoke(main, ["pack", str(outputs), *asked])
    assert result.exit_code == 1
    guess = (f' Did you mean --committee "{COMMITTEE}"?' if "Childrens" in said else "")
    assert result.output == (
        f"  Error: No committee report in {outputs} is for {said}. Its reports are for: "
        f"{COMMITTEE} (15 August 2013, 12 September 2013).{guess}\n"
        "No agenda pack was made.\n")
    assert not list(outputs.rglob("agenda-pack-*.pdf"))


def test_pack_of_a_missing_folder_is_a_plain_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["pack", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert f"The outputs folder {tmp_path / 'nowhere'} was not found" in result.output


def test_batch_with_pdf_makes_the_packs_and_lists_them(make_workbook: Any,
                                                       tmp_path: Path) -> None:
    require_soffice()
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    from conftest import build_workbook

    build_workbook(inputs / "fostering.xlsx",
                   {"Details": details("Fostering plan", "5", "Ann Smith"), "Actions": actions(2)})
    out = tmp_path / "outputs"
    result = CliRunner().invoke(main, ["batch", str(inputs), str(out), "--pdf", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    pack = out / "2013-08" / "agenda-pack-children-young-people-scrutiny-committee-2013-08-15.pdf"
    assert f"Agenda pack: {pack}" in result.output
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["packs"] == [pack.relative_to(out).as_posix()]
    assert pack.is_file()


# --- protective marking and report status on the front sheet -----------------------------


def test_front_sheet_carries_the_highest_marking_and_says_which_items_are_exempt(
    make_workbook: Any, tmp_path: Path
) -> None:
    """An OFFICIAL and an OFFICIAL-SENSITIVE report: the pack's front sheet is marked
    OFFICIAL-SENSITIVE in its header, and the exempt item says so on the agenda."""
    import docx

    from pipeline.pack import Pack, front_sheet_model, read_item
    from pipeline.render.engine import render_bytes

    runner = CliRunner()
    items = []
    for name, marking, status in (("open", "Official", ""),
                                  ("closed", "OFFICIAL-SENSITIVE", "Exempt - paragraph 3")):
        given = details(f"{name.title()} plan", "4" if name == "open" else "5", "Ann Smith")
        given += [["Protective marking", marking]]
        if status:
            given += [["Report status", status]]
        book = make_workbook({"Details": given, "Actions": actions(1)}, name=f"{name}.xlsx")
        target = tmp_path / name / "report.docx"
        assert runner.invoke(main, ["report", str(book), "-o", str(target)]).exit_code == 0
        item = read_item(target)
        assert item is not None
        items.append(item)
    assert [(i.marking, i.status) for i in items] == [
        ("OFFICIAL", "Public"), ("OFFICIAL-SENSITIVE", "Exempt - paragraph 3")]
    front = tmp_path / "front.docx"
    front.write_bytes(render_bytes(front_sheet_model(  # type: ignore[arg-type]
        Pack(COMMITTEE, "15 August 2013", items, tmp_path / "pack.pdf"))))
    document = docx.Document(str(front))
    header = " ".join(p.text for p in document.sections[0].header.paragraphs)
    assert "OFFICIAL-SENSITIVE" in header
    cells = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert cells[1][1] == "Open plan"
    assert cells[2][1] == "Closed plan\nReport status: Exempt - paragraph 3"
    said = " ".join(p.text for p in document.paragraphs)
    assert "Some of its reports are not for publication" in said


def test_pack_marking_is_the_highest_or_names_each_it_cannot_rank() -> None:
    from pipeline.documents.agenda import pack_marking

    assert pack_marking(["", "OFFICIAL", "official sensitive"]) == "OFFICIAL-SENSITIVE"
    assert pack_marking(["OFFICIAL", "OFFICIAL"]) == "OFFICIAL"
    assert pack_marking(["", ""]) == ""
    assert pack_marking(["RESTRICTED", "OFFICIAL"]) == "OFFICIAL / RESTRICTED"


def test_appendix_heading_is_found_however_the_pdf_wrapped_it() -> None:
    from pipeline.pack import heading_on

    heading = "Appendix A – Improvement plan for children's services"
    assert heading_on(heading, "Plan\nAppendix A – Improvement plan for\nchildren's services\n")
    assert heading_on(heading, "Appendix A –  Improvement plan for children's services")
    # The cover's list of appendices is not the appendix itself.
    assert not heading_on(heading, "7.1 Appendix A – Improvement plan for children's services")
