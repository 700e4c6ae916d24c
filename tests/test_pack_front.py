"""The agenda pack's front sheet and `committee pack`'s options, without LibreOffice (the
conversion is replaced; tests/test_pack.py converts for real): a report with no agenda item
gets no invented number, comes after the numbered items and is warned about, located; the
meeting is typed as a UK clerk types it; the front sheet counts its reports in good English."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner
from test_pack import COMMITTEE, actions, details

from pipeline import pack as pack_module
from pipeline.cli import main
from pipeline.pack import Pack, front_sheet_model, meetings, read_item
from pipeline.render.engine import render_bytes


@pytest.fixture
def outputs(make_workbook: Any, tmp_path: Path) -> Path:
    """Reports for items 5, (none) and 4 of one meeting, in that order of files."""
    out = tmp_path / "outputs"
    for name, item in (("a-fostering", "5"), ("b-unnumbered", ""), ("c-safeguarding", "4")):
        book = make_workbook({"Details": details(f"{name[2:].title()} plan", item, "Ann Smith"),
                              "Actions": actions(1)}, name=f"{name}.xlsx")
        target = out / "2013-08" / name / "report.docx"
        result = CliRunner().invoke(main, ["report", str(book), "-o", str(target)])
        assert result.exit_code == 0, result.output
    return out


@pytest.fixture
def no_conversion(monkeypatch: pytest.MonkeyPatch) -> list[Pack]:
    """make_pack as the pack is grouped and ordered, with no PDF made."""
    packed: list[Pack] = []

    def record(pack: Pack, work_root: Path | None = None) -> Pack:
        packed.append(pack)
        return pack

    monkeypatch.setattr(pack_module, "make_pack", record)
    return packed


def _front_cells(pack: Pack, folder: Path) -> tuple[list[list[str]], str]:
    front = folder / "front.docx"
    front.write_bytes(render_bytes(front_sheet_model(pack)))  # type: ignore[arg-type]
    document = docx.Document(str(front))
    cells = [[c.text for c in row.cells] for row in document.tables[0].rows]
    return cells, " ".join(p.text for p in document.paragraphs)


def test_an_item_with_no_agenda_number_is_listed_last_with_none(outputs: Path,
                                                                tmp_path: Path) -> None:
    items = [read_item(p) for p in sorted(outputs.rglob("report.docx"))]
    (pack,) = meetings([i for i in items if i is not None], outputs)
    cells, said = _front_cells(pack, tmp_path)
    assert [(row[0], row[1]) for row in cells[1:]] == [
        ("4", "Safeguarding plan"), ("5", "Fostering plan"), ("\u2013", "Unnumbered plan")]
    assert "This pack holds 3 reports with their appendices;" in said


def test_pack_warns_of_the_item_with_no_agenda_number_where_to_give_it(
    outputs: Path, no_conversion: list[Pack]
) -> None:
    result = CliRunner().invoke(main, ["pack", str(outputs)])
    assert result.exit_code == 0, result.output
    report = outputs / "2013-08" / "b-unnumbered" / "report.docx"
    assert "has no agenda item, so the front sheet lists it after the numbered items" in (
        result.output)
    assert f"The report 'Unnumbered plan' ({report})" in result.output
    assert "sheet 'Details'" in result.output and "Agenda item" in result.output
    assert result.output.count("has no agenda item") == 1
    assert [i.title for i in no_conversion[0].items] == [
        "Safeguarding plan", "Fostering plan", "Unnumbered plan"]


def test_one_report_is_one_report_with_its_appendices(outputs: Path, tmp_path: Path) -> None:
    item = read_item(outputs / "2013-08" / "a-fostering" / "report.docx")
    assert item is not None
    _, said = _front_cells(Pack(COMMITTEE, "15 August 2013", [item], tmp_path / "p.pdf"),
                           tmp_path)
    assert "This pack holds 1 report with its appendices; the page numbers run" in said


@pytest.mark.parametrize("typed", ["15/08/2013", "15/8/2013", "15/08/13", "2013-08-15",
                                   "15 August 2013"])
def test_meeting_is_typed_day_month_year_or_iso(outputs: Path, no_conversion: list[Pack],
                                                typed: str) -> None:
    result = CliRunner().invoke(main, ["pack", str(outputs), "--meeting", typed])
    assert result.exit_code == 0, result.output
    assert [p.meeting for p in no_conversion] == ["15 August 2013"]


def test_a_meeting_that_is_not_a_date_is_a_plain_message(outputs: Path) -> None:
    result = CliRunner().invoke(main, ["pack", str(outputs), "--meeting", "next Tuesday"])
    assert result.exit_code == 2
    assert ("'next Tuesday' is not a date. Type the meeting's date as day/month/year, such "
            "as 15/08/2013 (or 2013-08-15).") in result.output
    assert "%Y" not in result.output


def test_pack_as_json_for_other_programs(outputs: Path, no_conversion: list[Pack]) -> None:
    import json

    result = CliRunner().invoke(main, ["pack", str(outputs), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    (made,) = data["packs"]
    assert made["meeting"] == "15 August 2013" and made["committee"] == COMMITTEE
    assert [i["agenda_item"] for i in made["items"]] == ["4", "5", ""]
    assert [i["column"] for i in data["issues"]] == ["Agenda item"]
    missing = CliRunner().invoke(main, ["pack", str(outputs / "nowhere"), "--format", "json"])
    assert missing.exit_code == 1
    assert "was not found" in json.loads(missing.stdout)["error"]


def test_the_batch_says_a_missing_agenda_item_once(outputs: Path, tmp_path: Path,
                                                   no_conversion: list[Pack]) -> None:
    """The batch warns of the workbook before the report is made (as check does); its pack's
    warning of the same report is not said again."""
    from pipeline.batch.entries import DocumentEntry, InputEntry
    from pipeline.batch.finish import make_agenda_packs
    from pipeline.check import check_file

    book = tmp_path / "b-unnumbered.xlsx"
    report = outputs / "2013-08" / "b-unnumbered" / "report.docx"
    warned = check_file(book).result.report.warnings  # the advice the batch's worker gives
    assert any(w.message.startswith("The Details sheet gives no Agenda item") for w in warned)
    entry = InputEntry(book, "b-unnumbered", None, warnings=warned,
                       documents=[DocumentEntry("report", report, None)])
    assert make_agenda_packs([entry], outputs)[1] == []
    entry.warnings = []  # skipped as unchanged: nothing said of it yet, so the pack says it
    [said] = make_agenda_packs([entry], outputs)[1]
    assert said.message.startswith("The report 'Unnumbered plan'")
