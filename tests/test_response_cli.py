"""`committee response`: workbooks run through the CLI, the document read back."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.reader import read_workbook

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "inputs" / "cabinet-response.xlsx"
HEADERS = ["Number", "Theme", "Recommendation", "Response", "Action", "Action date",
           "Responsible", "Progress"]
ROWS = [
    ["1", "Corporate Parents", "Hold briefings & publish <attendance>", "accepted", "Done",
     "Ongoing", "Karen Perry", "Held in March"],
    ["2a", "Quality Assurance", "Review the recording system", "Partially accepted", "Piloting",
     "June 2013", "Jo Britton", ""],
]


def run(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.output


def all_text(path: Path) -> str:
    doc = docx.Document(str(path))
    return "\n".join([p.text for p in doc.paragraphs]
                     + [c.text for t in doc.tables for r in t.rows for c in r.cells])


def test_writes_the_response_and_counts(
    make_workbook: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = make_workbook({"Details": [["Scrutiny report", "Children in Care Placement"]],
                          "Recommendations": [HEADERS, *ROWS]})
    monkeypatch.chdir(tmp_path)
    code, output = run(["response", str(book)])
    assert code == 0, output
    out = tmp_path / "outputs" / "children-in-care-placement-response.docx"
    assert f"Wrote outputs{os.sep}children-in-care-placement-response.docx" in output
    assert "2 recommendations in, 2 written" in output
    text = all_text(out)
    assert "Hold briefings & publish <attendance>" in text
    assert "Held in March" not in text


def test_update_writes_progress_to_its_own_file(
    make_workbook: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = make_workbook({"Recommendations": [HEADERS, *ROWS]}, name="cyp.xlsx")
    monkeypatch.chdir(tmp_path)
    code, output = run(["response", str(book), "--update"])
    assert code == 0, output
    out = tmp_path / "outputs" / "cyp-response-update.docx"
    text = all_text(out)
    assert "Held in March" in text
    assert "Update on Action Plan – Cabinet Response to Scrutiny Report" in text


def test_update_without_progress_warns(
    make_workbook: Callable[..., Path], tmp_path: Path
) -> None:
    rows = [[*r[:7], None] for r in ROWS]
    book = make_workbook({"Recommendations": [HEADERS, *rows]})
    code, output = run(["response", str(book), "--update", "-o", str(tmp_path / "u.docx")])
    assert code == 0, output
    assert "Warning: sheet 'Recommendations', column 'Progress': --update was asked" in output


def test_errors_exit_1_with_located_issues_and_no_document(
    make_workbook: Callable[..., Path], tmp_path: Path
) -> None:
    rows = [*ROWS, ["3", "Finance", "Show each cost", "rejected", None, None, None, None]]
    book = make_workbook({"Recommendations": [HEADERS, *rows]})
    out = tmp_path / "out.docx"
    code, output = run(["response", str(book), "-o", str(out)])
    assert code == 1
    assert ("1 problem to fix, so the cabinet response cannot be made. "
            "Nothing was written.") in output
    assert "Error: sheet 'Recommendations', row 4, column 'Action': Row 4: the recommendation " \
           "is not accepted" in output
    assert not out.exists()


def test_late_response_warning_is_printed(
    make_workbook: Callable[..., Path], tmp_path: Path
) -> None:
    book = make_workbook({
        "Details": [["Scrutiny report date", "31/12/2012"], ["Cabinet date", "01/03/2013"]],
        "Recommendations": [HEADERS, *ROWS],
    })
    code, output = run(["response", str(book), "-o", str(tmp_path / "late.docx")])
    assert code == 0, output
    assert "Local Government Act 2000, section 9FE" in output
    assert "deadline of 28 February 2013" in output


def test_workbook_without_recommendations(
    make_workbook: Callable[..., Path], tmp_path: Path
) -> None:
    book = make_workbook({"Actions": [["Action", "Status"], ["Do it", "Complete"]]})
    code, output = run(["response", str(book), "-o", str(tmp_path / "x.docx")])
    assert code == 1
    assert "holds no scrutiny recommendations" in output
    assert not (tmp_path / "x.docx").exists()


def test_sample_workbook_every_recommendation_verbatim(tmp_path: Path) -> None:
    result = read_workbook(SAMPLE)
    assert result.response is not None and result.report.errors == []
    n = len(result.response.recommendations)
    out = tmp_path / "sample.docx"
    code, output = run(["response", str(SAMPLE), "--update", "-o", str(out)])
    assert code == 0, output
    assert f"{n} recommendations in, {n} written" in output
    text = all_text(out)
    for rec in result.response.recommendations:
        assert rec.text in text
        if rec.progress:
            assert rec.progress in text


def test_help_names_the_options() -> None:
    code, output = run(["response", "--help"])
    assert code == 0
    for option in ("--update", "-o, --output", "--template"):
        assert option in output
