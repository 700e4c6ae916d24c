"""The cabinet response's title is --title, else the Details sheet's Title, as typed (its
heading and its core Title property); a CSV's warnings say what is really done and what the
user can do about it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
from click.testing import CliRunner

from pipeline.cli import main

HEADERS = ["Number", "Theme", "Recommendation", "Response", "Action", "Action date",
           "Responsible", "Progress"]
ROWS = [
    ["1", "Corporate Parents", "Hold briefings", "accepted", "Done", "Ongoing", "Karen Perry",
     "Held in March"],
]
TITLE = "Cabinet response to Children in Care Placement Strategy"


def book(make_workbook: Callable[..., Path]) -> Path:
    return make_workbook({
        "Details": [["Title", TITLE], ["Scrutiny report", "Children in Care Placement"],
                    ["Update date", "14/11/2013"]],
        "Recommendations": [HEADERS, *ROWS],
    })


def heading_and_title(path: Path) -> tuple[str, str]:
    doc = docx.Document(str(path))
    return doc.paragraphs[0].text, doc.core_properties.title


def test_the_details_title_is_the_documents_title(
    make_workbook: Callable[..., Path], tmp_path: Path
) -> None:
    out = tmp_path / "r.docx"
    result = CliRunner().invoke(main, ["response", str(book(make_workbook)), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert heading_and_title(out) == (TITLE, TITLE)
    update = tmp_path / "u.docx"
    result = CliRunner().invoke(main, ["response", str(book(make_workbook)), "--update",
                                       "-o", str(update)])
    assert result.exit_code == 0, result.output
    assert heading_and_title(update) == (f"Update on Action Plan – {TITLE}",) * 2


def test_title_option_wins_over_the_details_title(
    make_workbook: Callable[..., Path], tmp_path: Path
) -> None:
    out = tmp_path / "r.docx"
    result = CliRunner().invoke(main, ["response", str(book(make_workbook)), "--title",
                                       "My Title X", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert heading_and_title(out) == ("My Title X", "My Title X")
    doc = docx.Document(str(out))
    assert TITLE not in [p.text for p in doc.paragraphs]


def test_a_csv_response_is_titled_from_its_name_and_told_what_it_can_do(
    tmp_path: Path,
) -> None:
    source = tmp_path / "resp.csv"
    source.write_text(
        "No,Theme,Scrutiny recommendation,Decision,Response detail,By when,Lead,Update\n"
        "1,Theme A,Rec <1> & more,Accepted,Do it,March 2013 and ongoing,Head,Done\n",
        encoding="utf-8")
    out = tmp_path / "resp.docx"
    result = CliRunner().invoke(main, ["response", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert ("A CSV file has no Details sheet, so the title 'Resp' was taken from the file "
            "name.") in result.output
    assert heading_and_title(out) == ("Resp", "Resp")  # the warning is true
    assert "Add a row with 'Update date'" not in result.output
    assert (
        "Warning: sheet 'resp', row 1, column 'Update': The Progress column is filled in, so "
        "an update on the response is made from it (by the monthly batch, or by committee "
        "response --update), but a CSV file has no Details sheet to give the "
        "Update date (the date of the update meeting), so the update cannot say when it "
        "reports nor which actions are past their date (for that, give --as-at with the date "
        "the position is given at, e.g. --as-at 31/10/2013). To give that date, save the file "
        "as an .xlsx workbook and add a sheet named Details with 'Update date' in column A "
        "and the date in column B."
    ) in result.output
    result = CliRunner().invoke(main, ["response", str(source), "--as-at", "31/10/2013",
                                       "--title", "Resp title", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "which actions are past their date" not in result.output
    assert "title 'Resp' was taken" not in result.output
    assert heading_and_title(out) == ("Resp title", "Resp title")
