"""A plan whose workbook gives no Title: titled by the line above its headers (kept whole,
as typed), or by its kind's name, with a warning saying which and how to set one; and the
advice about Details the workbook does not have says to add the sheet."""

from __future__ import annotations

from pathlib import Path

import docx
from click.testing import CliRunner
from conftest import ACTION_HEADERS, action_row, build_workbook

from pipeline.cli import main
from pipeline.reader import read_workbook

# longer than any message quote (60 characters), with an en dash, an ampersand and a break
BANNER = ("Borsetshire County Council – Adult Social Care & Health\nImprovement Plan "
          "2026/27 (working draft)")
FLAT = ("Borsetshire County Council – Adult Social Care & Health Improvement Plan 2026/27 "
        "(working draft)")


def _book(folder: Path, *, banner: bool = True, details: list[list[object]] | None = None
          ) -> Path:
    rows = [ACTION_HEADERS, action_row("Visit every family", "On track", ref="R1")]
    if banner:
        rows = [[BANNER], [], *rows]
    sheets = {"Action plan": rows}
    if details is not None:
        sheets["Details"] = details
    return build_workbook(folder / "plan.xlsx", sheets)


def _warnings(book: Path, kind: str = "warnings"
              ) -> list[tuple[str, str | None, int | None, str | None]]:
    report = read_workbook(book).report
    assert report.ok
    return [(w.message, w.sheet, w.row, w.column) for w in getattr(report, kind)]


def test_the_line_above_the_headers_titles_a_plan_with_no_details(tmp_path: Path) -> None:
    book = _book(tmp_path)
    assert (f"The workbook gives no Title, so the plan is titled {FLAT!r}, the line above "
            "the Actions sheet's headers. To set the title, add a sheet named Details with "
            "'Title' in column A and the title in column B.", None, None, None) in _warnings(book)
    out = tmp_path / "plan.docx"
    result = CliRunner().invoke(main, ["plan", str(book), "-o", str(out)])
    assert result.exit_code == 0, result.output
    doc = docx.Document(str(out))
    assert doc.core_properties.title == FLAT
    assert (doc.paragraphs[0].style.name, doc.paragraphs[0].text) == ("Title", FLAT)
    header = "\n".join(p.text for p in doc.sections[0].header.paragraphs)
    assert FLAT in header  # whole: never cut to a message's quote with "…"
    assert "…" not in header


def test_a_details_sheet_with_no_title_is_said_at_its_place(tmp_path: Path) -> None:
    no_row = _book(tmp_path, banner=False, details=[["As at", "31/07/2013"]])
    assert ("The Details sheet gives no Title, so the plan is titled 'Improvement plan'. To "
            "set the title, add a row to the Details sheet with 'Title' in column A and the "
            "title in column B.", "Details", None, None) in _warnings(no_row, "notices")
    assert not [w for w in _warnings(no_row) if "Title" in w[0]]  # optional: no warning
    blank = _book(tmp_path, details=[["As at", "31/07/2013"], ["Title", None]])
    assert (f"The Details sheet gives no Title, so the plan is titled {FLAT!r}, the line "
            "above the Actions sheet's headers. To set the title, type the title in column B "
            "of row 2, beside 'Title'.", "Details", 2, "B") in _warnings(blank)
    titled = _book(tmp_path, details=[["Title", "Adult Social Care Plan"]])
    assert not [w for w in _warnings(titled) + _warnings(titled, "notices") if "Title" in w[0]]


def test_advice_about_a_details_sheet_the_workbook_lacks_says_to_add_one(
    tmp_path: Path,
) -> None:
    book = _book(tmp_path)
    result = CliRunner().invoke(main, ["briefing", str(book), "-o", str(tmp_path / "b.docx")])
    assert result.exit_code == 0, result.output
    assert ("Warning: The workbook has no Details sheet, so the briefing has no Next steps "
            "section. To add one, add a sheet named Details with 'Next steps' in column A and "
            "the text in column B.") in result.output
    assert ("To set the date, add a sheet named Details with 'As at' in column A and the date "
            "in column B.") in result.output


def test_a_blank_next_steps_row_is_pointed_at(tmp_path: Path) -> None:
    book = _book(tmp_path, details=[["Title", "Plan"], ["As at", "31/07/2013"],
                                    ["Next steps", None]])
    result = CliRunner().invoke(main, ["briefing", str(book), "-o", str(tmp_path / "b.docx")])
    assert result.exit_code == 0, result.output
    assert ("Warning: sheet 'Details', row 3, column 'B': The Details sheet has no 'Next "
            "steps', so the briefing has no Next steps section. To add one, type the text in "
            "column B of row 3, beside 'Next steps'.") in result.output
