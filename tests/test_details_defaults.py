"""What a workbook does not say: the title and as-at date of a CSV plan, a missing As at."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipeline.reader import Given, read_workbook
from pipeline.reader.defaults import date_in_name, title_from_name


def _csv(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    path.write_text("Action,Status\nDo it,Complete\n", encoding="utf-8")
    return path


def test_a_csv_plan_takes_title_and_as_at_from_its_file_name_and_says_so(tmp_path: Path) -> None:
    result = read_workbook(_csv(tmp_path, "improvement_plan July 2013.csv"))
    assert result.details.title == "Improvement plan"
    assert result.details.as_at is not None
    assert result.details.as_at.date == dt.date(2013, 7, 1)
    assert result.details.as_at.due_by() == dt.date(2013, 7, 31)
    assert [w.message for w in result.report.warnings] == [
        "A CSV file has no Details sheet, so the title 'Improvement plan' was taken from the "
        "file name. To set another, rename the file, or give --title when you make one "
        "document from it.",
        "The position is given as at 'July 2013', taken from the file name "
        "'improvement_plan July 2013.csv'. To set another date, rename the file, or give "
        "--as-at when you make one document from it.",
    ]
    assert result.valid


def test_a_csv_plan_in_the_batch_is_not_asked_for_a_details_sheet(tmp_path: Path) -> None:
    """The batch adds what the briefing will lack, but a CSV file cannot have Next steps."""
    from pipeline.batch.run import run_batch

    inputs = tmp_path / "inputs"
    inputs.mkdir()
    _csv(inputs, "improvement_plan July 2013.csv")
    result = run_batch(inputs, tmp_path / "outputs", jobs=1)
    [entry] = result.inputs
    assert entry.documents
    assert not [w.message for w in entry.warnings if "Next steps" in w.message]


def test_title_and_as_at_given_win_and_no_warning_is_needed(tmp_path: Path) -> None:
    path = _csv(tmp_path, "plan 2013-07-31.csv")
    result = read_workbook(path, Given(title="Children's Services & Schools", as_at="30/06/2013"))
    assert result.details.title == "Children's Services & Schools"
    assert result.details.as_at is not None and result.details.as_at.date == dt.date(2013, 6, 30)
    assert result.report.warnings == []


def test_an_as_at_given_that_is_not_a_date_is_an_error(tmp_path: Path) -> None:
    result = read_workbook(_csv(tmp_path, "plan.csv"), Given(as_at="soon"))
    (error,) = result.report.errors
    assert error.message.startswith("--as-at 'soon': it is not a date.")


def test_a_csv_plan_with_no_date_in_its_name_warns_naming_today(tmp_path: Path) -> None:
    result = read_workbook(_csv(tmp_path, "plan.csv"))
    today = dt.date.today()
    assert result.details.title == "Plan"
    assert result.report.warnings[1].message == (
        f"No 'As at' date was given, so the plan is shown as at today, {today.day} "
        f"{today.strftime('%B')} {today.year}, and actions are counted overdue to that day. "
        "To set the date, give --as-at (a CSV file has no Details sheet)."
    )


@pytest.mark.parametrize(
    ("stem", "date", "title"),
    [
        ("plan-2013-07-31", dt.date(2013, 7, 31), "Plan"),
        ("Plan 31.07.2013", dt.date(2013, 7, 31), "Plan"),
        ("adults_plan_31_July_2013", dt.date(2013, 7, 31), "Adults plan"),
        ("Adult Social Care - Jan 2024", dt.date(2024, 1, 1), "Adult Social Care"),
        ("plan 2013", None, "Plan 2013"),
        ("march", None, "March"),
    ],
)
def test_dates_and_titles_read_from_file_names(
    stem: str, date: dt.date | None, title: str
) -> None:
    found = date_in_name(stem)
    assert (found[0].date if found else None) == date
    assert title_from_name(stem, found[1] if found else None) == title
