"""Reading indicators: long and wide Values, a wide table on its own, located problems."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from pipeline.reader import read_workbook

IND_HEADERS = ["Code", "Title", "Theme", "Polarity", "Unit", "Target", "Responsible officer",
               "England average"]

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


def write_bury(tmp_path: Path) -> Path:
    path = tmp_path / "bury-performance.csv"
    path.write_text(BURY, encoding="utf-8")
    return path


def test_long_values_sorted_in_time_with_gaps_and_targets(
    make_workbook: Callable[..., Path],
) -> None:
    path = make_workbook(
        {
            "Indicators": [
                IND_HEADERS,
                ["NI059", "% of initial assessments within 10 working days", "Safety", "High",
                 "%", "80%", "John Skinner", "79.6%"],
                ["NI062", "Placement moves", "Safety", "It's best to be low", "%", 0.05,
                 "John Skinner", None],
            ],
            "Values": [
                ["Code", "Period", "Value"],
                ["NI059", "Sep 2011", "66.5%"],
                ["NI059", "Jun 2011", 58.1],
                ["NI059", "Aug 2011", "n/a"],
                ["NI059", dt.datetime(2011, 7, 1), 66.7],
                ["NI062", "Q2 2011/12", 6.0],
            ],
        },
        number_formats={"Indicators": {"F3": "0%"}},
    )
    result = read_workbook(path)
    assert result.report.errors == []
    assert result.indicators is not None
    ni059, ni062 = result.indicators.indicators
    assert ni059.target == 80.0 and ni059.polarity == "high" and ni059.unit == "%"
    assert [(o.period.label, o.value) for o in ni059.series] == [
        ("Jun 2011", 58.1), ("Jul 2011", 66.7), ("Aug 2011", None), ("Sep 2011", 66.5),
    ]
    assert [(c.name, c.value) for c in ni059.comparators] == [("England average", 79.6)]
    assert ni062.target == 5.0 and ni062.polarity == "low"
    assert ni059.series[0].source is not None and ni059.series[0].source.row == 3


def test_wide_values_sheet_columns_in_any_order(make_workbook: Callable[..., Path]) -> None:
    path = make_workbook(
        {
            "Indicators": [IND_HEADERS,
                           ["NI060", "Core assessments", "", "High", "%", 78, "", None]],
            "Values": [["Code", "Sep 2011", "2011-07", "Aug-11"], ["NI060", 39.8, 35.9, 34.2]],
        }
    )
    result = read_workbook(path)
    assert result.report.errors == []
    assert result.indicators is not None
    (ind,) = result.indicators.indicators
    assert [(o.period.label, o.value) for o in ind.series] == [
        ("Jul 2011", 35.9), ("Aug 2011", 34.2), ("Sep 2011", 39.8),
    ]


def test_indicators_sheet_with_its_own_period_columns(
    make_workbook: Callable[..., Path],
) -> None:
    path = make_workbook(
        {"Indicators": [["Code", "Title", "Polarity", "Target", "Q2 2011/12", "Q1 2011/12"],
                        ["NI062", "Placement moves", "Low", 12, 6.0, 4.2]]}
    )
    result = read_workbook(path)
    assert result.report.errors == []
    assert not [i for i in result.report.notices if i.code == "extra-label"]
    assert result.indicators is not None
    (ind,) = result.indicators.indicators
    assert [o.period.label for o in ind.series] == ["Q1 2011/12", "Q2 2011/12"]


def test_bury_shaped_csv_is_a_complete_input(tmp_path: Path) -> None:
    result = read_workbook(write_bury(tmp_path))
    assert result.report.errors == []
    assert result.indicators is not None
    inds = result.indicators.indicators
    assert len(inds) == 7
    assert all(i.target is None and i.polarity is None and i.unit == "%" for i in inds)
    assert [(o.period.label, o.value) for o in inds[0].series] == [
        ("Aug 2018", 63.9), ("Nov 2018", 74.1),
    ]
    (dup,) = [w for w in result.report.warnings if w.code == "unique-error"]
    assert (dup.row, dup.column) == (7, "Item")
    assert "Rows 5 and 7" in dup.message


def test_polarity_required_when_a_target_is_set(make_workbook: Callable[..., Path]) -> None:
    path = make_workbook(
        {"Indicators": [["Code", "Title", "Good performance", "Target"],
                        ["NI059", "Assessments", None, 80]]}
    )
    result = read_workbook(path)
    (err,) = result.report.errors
    assert (err.code, err.sheet, err.row, err.column) == (
        "missing-cell", "Indicators", 2, "Good performance"
    )
    assert "High" in err.message and "Low" in err.message


def test_unknown_polarity_is_a_located_error(make_workbook: Callable[..., Path]) -> None:
    path = make_workbook(
        {"Indicators": [["Code", "Title", "Polarity", "Target"],
                        ["NI059", "Assessments", "Sideways", 80]]}
    )
    (err,) = read_workbook(path).report.errors
    assert (err.code, err.row, err.column, err.value) == (
        "constraint-error", 2, "Polarity", "Sideways"
    )
    assert err.message == ("'Sideways' is not a polarity. Type High (when a higher value is "
                           "better) or Low (when a lower value is better).")


def test_unknown_code_in_values_names_the_row(make_workbook: Callable[..., Path]) -> None:
    path = make_workbook(
        {
            "Indicators": [["Code", "Title"], ["NI059", "Assessments"]],
            "Values": [["Code", "Period", "Value"], ["NI059", "Aug 2011", 40.3],
                       ["NI999", "Aug 2011", 12]],
        }
    )
    (err,) = read_workbook(path).report.errors
    assert (err.code, err.sheet, err.row, err.column, err.value) == (
        "constraint-error", "Values", 3, "Code", "NI999"
    )


def test_text_value_is_a_type_error_naming_the_cell(
    make_workbook: Callable[..., Path],
) -> None:
    path = make_workbook(
        {
            "Indicators": [["Code", "Title"], ["NI059", "Assessments"]],
            "Values": [["Code", "Aug 2011", "Sep 2011"], ["NI059", "lots", "-"]],
        }
    )
    result = read_workbook(path)
    (err,) = result.report.errors
    assert (err.code, err.sheet, err.row, err.column, err.value) == (
        "type-error", "Values", 2, "Aug 2011", "lots"
    )


def test_unreadable_period_in_long_values(make_workbook: Callable[..., Path]) -> None:
    path = make_workbook(
        {
            "Indicators": [["Code", "Title"], ["NI059", "Assessments"]],
            "Values": [["Code", "Month", "Value"], ["NI059", "Augst 2011", 40.3]],
        }
    )
    (err,) = read_workbook(path).report.errors
    assert (err.code, err.row, err.column, err.value) == ("format-error", 2, "Month",
                                                          "Augst 2011")


def test_two_values_for_one_period(make_workbook: Callable[..., Path]) -> None:
    path = make_workbook(
        {
            "Indicators": [["Code", "Title"], ["NI059", "Assessments"]],
            "Values": [["Code", "Period", "Value"], ["NI059", "Aug 2011", 40.3],
                       ["NI059", "August 2011", 41]],
        }
    )
    (err,) = read_workbook(path).report.errors
    assert (err.code, err.row) == ("unique-error", 3)
    assert "rows 2 and 3" in err.message


def test_torbays_polarity_header_its_best_to_be(make_workbook: Callable[..., Path]) -> None:
    """Torbay's indicator pages head the column "It's best to be" (High or Low)."""
    indicators = [["Code", "Title", "It\u2019s best to be", "Unit", "Target"],
                  ["NI059", "Initial assessments on time", "High", "%", 75]]
    values = [["Code", "Period", "Value"], ["NI059", "Sep 2011", 73.1]]
    result = read_workbook(make_workbook({"Indicators": indicators, "Values": values}))
    assert result.report.errors == []
    assert result.indicators is not None
    assert result.indicators.indicators[0].polarity == "high"


def test_the_line_above_an_indicator_sheets_headers_titles_a_report_with_no_title(
    make_workbook: Callable[..., Path], tmp_path: Path
) -> None:
    """Bury's sheet has "Update on Performance" above its headers, under the paper's
    committee and title lines, and no Details: the report is titled by the line nearest the
    headers, and a warning says where from."""
    import docx
    from click.testing import CliRunner

    from pipeline.cli import main

    book = make_workbook({"Performance": [
        ["Safeguarding OPG"],
        ["Peer Review and Performance Update"],
        [],
        ["Update on Performance"],
        ["Code", "Title", "Polarity", "Unit", "Target", "Apr 2018", "May 2018"],
        ["CIN1", "CiN Visits – child seen in last 6 weeks", "High", "%", 90, 84.0, 88.5],
    ]})
    result = read_workbook(book)
    assert result.details.title == "Update on Performance"
    (said,) = [i for i in result.report.warnings if "titled" in i.message]
    assert "the line above the headers of sheet 'Performance'" in said.message
    out = tmp_path / "performance.docx"
    ran = CliRunner().invoke(main, ["performance", str(book), "-o", str(out)])
    assert ran.exit_code == 0, ran.output
    document = docx.Document(str(out))
    assert document.core_properties.title == "Update on Performance"
    assert document.paragraphs[0].text == "Update on Performance"


def test_a_date_shown_as_month_and_year_is_that_month(make_workbook: Callable[..., Path]) -> None:
    """Torbay's Data sheet: Excel holds "Sep-11" typed into a cell as a date; a council's
    export holds the month's last day, formatted mmm-yy. Either way it is September 2011 (a
    month), not the day "30 Sep 2011"; a date shown with its day stays a day."""
    path = make_workbook(
        {
            "Indicators": [IND_HEADERS,
                           ["CSC01", "Child protection plans per 10,000", "", "Low",
                            "rate per 10,000", None, "", None]],
            "Values": [["Code", "Period", "Value"],
                       ["CSC01", dt.datetime(2011, 8, 31), 95.1],
                       ["CSC01", dt.datetime(2011, 9, 30), 98.5],
                       ["CSC01", dt.datetime(2011, 10, 14), 99.0]],
            "Wide": [["Code", dt.datetime(2011, 8, 31), dt.datetime(2011, 9, 30)],
                     ["CSC01", 95.1, 98.5]],
        },
        number_formats={"Values": {"B2": "mmm-yy", "B3": "mmm\\-yy", "B4": "dd/mm/yyyy"},
                        "Wide": {"B1": "mmm-yy", "C1": "mmmm yyyy"}},
    )
    result = read_workbook(path)
    assert result.report.errors == []
    assert result.indicators is not None
    (ind,) = result.indicators.indicators
    assert [(o.period.label, o.period.kind) for o in ind.series] == [
        ("Aug 2011", "month"), ("Sep 2011", "month"), ("14 Oct 2011", "date")]

    from pipeline.issues import IssueReport
    from pipeline.reader.indicator_cells import period_columns
    from pipeline.reader.workbook import load_sheets

    wide = next(s for s in load_sheets(path, IssueReport()) if s.name == "Wide")
    assert [c.period.label for c in period_columns(wide.rows[0], set())] == [
        "Aug 2011", "Sep 2011"]
