"""The table layout estimates worked out in bulk agree with the cell-by-cell reference.

`rows_height_cm` and `fit_tables` work a column (or a whole plan's tables) at a time for
speed; `row_height_cm` and `fit_table` are the plain per-row and per-table definitions.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.render.layout import (
    fit_table,
    fit_tables,
    fit_widths,
    lines_in,
    longest_word_cm,
    row_height_cm,
    rows_height_cm,
    word_width_cm,
)

cell_text = st.text(alphabet="ab W£–\n", max_size=400)
widths = st.lists(st.floats(min_value=0.5, max_value=12.0), min_size=1, max_size=5)


@settings(max_examples=150, deadline=None)
@given(widths=widths, data=st.data())
def test_rows_height_is_row_height_of_each_row(widths: list[float], data: st.DataObject) -> None:
    rows = data.draw(st.lists(st.lists(cell_text, min_size=len(widths), max_size=len(widths)),
                              max_size=12))
    assert rows_height_cm(rows, widths, 9.0) == [row_height_cm(r, widths, 9.0) for r in rows]


@settings(max_examples=100, deadline=None)
@given(widths=widths, data=st.data())
def test_fit_tables_is_fit_table_of_each_table(widths: list[float], data: st.DataObject) -> None:
    tables = data.draw(st.lists(
        st.lists(st.lists(cell_text, min_size=len(widths), max_size=len(widths)), max_size=20),
        max_size=6,
    ))
    rows = [row for table in tables for row in table]
    fits = fit_tables(rows, [len(t) for t in tables], widths, 9.0, 17.0, 40)
    assert fits == [fit_table(t, widths, 9.0, 17.0, 40) for t in tables]


def test_a_long_paragraph_takes_more_lines_than_a_short_one_and_breaks_count() -> None:
    assert lines_in("word " * 200, 4.0, 9.0) > lines_in("word", 4.0, 9.0) == 1
    assert lines_in("a\nb\nc", 4.0, 9.0) == 3
    assert rows_height_cm([["a\nb\nc", "x"]], [4.0, 4.0], 9.0)[0] > \
        rows_height_cm([["a", "x"]], [4.0, 4.0], 9.0)[0]


def test_longest_word_is_the_widest_of_every_word() -> None:
    # "WWWW" (4 letters) prints wider than "iiiiiiiii" (9): the widest wins, not the longest
    assert longest_word_cm(["iiiiiii WWWW"], 10) == word_width_cm("WWWW", 10)
    assert longest_word_cm(["iiiiiiiii WWWW"], 10) == word_width_cm("WWWW", 10)
    assert longest_word_cm(["iiiiiiiii", "two\nWWWW\tlines"], 10) == word_width_cm("WWWW", 10)
    assert longest_word_cm(["", " "], 10) == longest_word_cm([], 10) == 0.0
    assert longest_word_cm(["Lead", "Lead", ""], 10) == word_width_cm("Lead", 10)
    # a word longer than 16 letters may break: only its first 16 are measured
    assert longest_word_cm(["W" * 30], 10) == word_width_cm("W" * 16, 10)
    # 'recommendations' (15) and 'responsibilities' (16) are ordinary words, kept whole
    assert longest_word_cm(["produce recommendations"], 9) == word_width_cm(
        "recommendations", 9)
    assert longest_word_cm(["shared responsibilities"], 9) == word_width_cm(
        "responsibilities", 9)


def test_the_wordy_column_gets_the_spare_width() -> None:
    rows = [["Complete", "word " * 60] for _ in range(100)]
    status, progress = fit_widths(["Status", "Progress"], rows, 20.0, 9.0)
    assert abs(status + progress - 20.0) < 1e-9
    assert progress > 4 * status
    assert status >= word_width_cm("Complete", 9.0)  # the status word never breaks


def test_a_header_word_of_any_length_gets_its_whole_width() -> None:
    """The cabinet response's summary: 'Recommendations' (15 letters) is not broken as
    'Recommendation / s'."""
    from pipeline.render.layout import CELL_PADDING_CM, header_word_cm

    rows = [["1. Members' responsibility as Corporate Parents " * 3, "1", "0"]] * 6
    widths = fit_widths(["Theme", "Recommendations", "Accepted"], rows, 24.0, 9.0)
    whole = word_width_cm("Recommendations", 9.0, bold=True)
    assert header_word_cm("Number of Recommendations", 9.0) == whole
    assert widths[1] >= whole + CELL_PADDING_CM


def test_short_statuses_and_dates_are_kept_on_one_line() -> None:
    """'Not started' and '30 November 2012' are not broken when the wordy column can spare
    the width: a status or a date over two lines reads badly in a committee paper."""
    from pipeline.render.layout import CELL_PADDING_CM

    rows = [["Not started", "30 November 2012", "word " * 60],
            ["Complete", "March 2013", "word " * 40]] * 30
    status, date, progress = fit_widths(["Status", "Target date", "Progress"], rows, 20.0, 9.0)
    assert status >= word_width_cm("Not started", 9.0) + CELL_PADDING_CM
    assert date >= word_width_cm("30 November 2012", 9.0) + CELL_PADDING_CM
    assert progress > 3 * date  # the wordy column keeps most of the room


def test_whole_phrases_take_only_a_share_of_the_spare_width_cheapest_first() -> None:
    from pipeline.render.layout import CELL_PADDING_CM, PHRASE_SHARE, longest_word_cm

    rows = [["Not started", "30 November 2012", "word " * 60]] * 30
    headers = ["Status", "Target date", "Progress"]
    words = [longest_word_cm([r[j] for r in rows], 9.0) + CELL_PADDING_CM + 0.05
             for j in range(3)]
    whole = [word_width_cm(t, 9.0) + CELL_PADDING_CM + 0.05
             for t in ("Not started", "30 November 2012")]
    status_cost, date_cost = whole[0] - words[0], whole[1] - words[1]
    assert status_cost < date_cost
    # spare width such that only the cheaper phrase (the status) fits in the share
    total = sum(words) + (status_cost + date_cost * 0.5) / PHRASE_SHARE
    status, date, _ = fit_widths(headers, rows, total, 9.0)
    assert status >= whole[0] - 1e-9
    assert date < whole[1]  # "30 November" and "2012" on two lines: the room went to Progress


def test_only_a_column_of_mostly_short_texts_is_kept_whole() -> None:
    from pipeline.render.layout import phrase_cm

    assert phrase_cm(["Not started", "Complete"], 9.0) == word_width_cm("Not started", 9.0)
    # a moved date now and then ("(was ...)") may wrap; the column's dates stay whole
    dates = ["30 November 2026"] * 9 + ["August 2012 (was June 2012)"]
    assert phrase_cm(dates, 9.0) == word_width_cm("30 November 2026", 9.0)
    assert phrase_cm(["Not started", "March 2013 and ongoing"], 9.0) == 0.0
    assert phrase_cm(["Line one\nline two"], 9.0) == 0.0
    assert phrase_cm([], 9.0) == 0.0


def test_two_columns_as_tall_as_each_other_both_get_width() -> None:
    """Action and Outcome six lines tall in every row: widening either alone lowers no
    row, so the width once went to Progress, already short, and every row stayed six lines
    tall."""
    from pipeline.render.layout import rows_height_cm

    action = "Implement revised supervision policy with monthly audit of case files by managers"
    outcome = "Children receive consistent, good quality social work"
    progress = "the service has continued to embed the new approach; "
    rows = [[action, outcome, "J. Smith", "August 2012", progress * n, "On track"]
            for n in (1, 2, 2, 3)]
    headers = ["Action", "Outcome", "Lead", "Target date", "Progress", "Status"]
    widths = fit_widths(headers, rows, 27.0, 9.0)
    assert widths[0] > 5.0 and widths[1] > 3.0
    tallest = max(rows_height_cm(rows, widths, 9.0))
    narrow = [2.9, 1.9, 1.8, 3.1, 14.5, 2.8]  # the widths it used to give
    assert tallest < max(rows_height_cm(rows, narrow, 9.0)) / 1.5


@given(st.lists(st.text(alphabet="ab \n", max_size=30), max_size=40))
def test_phrase_cm_is_its_definition(texts: list[str]) -> None:
    from pipeline.render.layout import PHRASE_CHARACTERS, PHRASE_SHARE_OF_ROWS, phrase_cm

    short = [t for t in texts if len(t) <= PHRASE_CHARACTERS and "\n" not in t]
    expected = (max(word_width_cm(t, 9.0) for t in short)
                if texts and len(short) >= PHRASE_SHARE_OF_ROWS * len(texts) else 0.0)
    assert phrase_cm(texts, 9.0) == expected


def test_a_status_kept_whole_gets_no_more_width_than_it_needs() -> None:
    """'Behind schedule' measured on one line is one line: the rough estimate of its length
    does not win it width the Action column could use (an exception report's actions)."""
    from pipeline.render.layout import CELL_PADDING_CM, phrase_cm

    rows = [
        ["2.1", "Bring in additional staff to reduce the number of unallocated cases, reduce "
         "numbers of incomplete assessments and restore timely assessment timescales.",
         "31 January 2027", "Behind schedule", "Behind schedule"],
        ["2.1", "Restore reasonable workloads by rebasing the establishment to ensure "
         "sufficient qualified staff and team managers", "October 2026", "Behind schedule",
         "Behind schedule; overdue (due October 2026)"],
        ["2.2", "Reducing workloads by restoring throughput, pruning caseloads and reducing "
         "the number of children in need.", "Immediate", "At risk", "At risk"],
        ["6.1", "Building an effective commissioning framework and range of preventive "
         "services", "30 November 2026", "Behind schedule", "Behind schedule"],
    ]
    widths = fit_widths(["Ref", "Action", "Target date", "Status", "Why it is listed"], rows,
                        17.0, 10.0)
    status = phrase_cm([r[3] for r in rows], 10.0) + CELL_PADDING_CM + 0.05
    assert abs(widths[3] - status) < 1e-9


def test_a_longer_status_label_is_kept_on_two_lines_not_four() -> None:
    """A council's "In Progress on schedule" (23 characters) does not fit the one-line rule;
    it is kept on two lines ("In Progress / on schedule"), not one word a line."""
    from pipeline.render.layout import CELL_PADDING_CM, phrase_cm

    two = max(word_width_cm("In Progress", 9.0), word_width_cm("on schedule", 9.0))
    assert phrase_cm(["In Progress on schedule", "Complete"], 9.0, 2) == two
    assert phrase_cm(["In Progress on schedule"], 9.0) == 0.0  # too long for one line
    rows = [["In Progress on schedule", "word " * 60], ["Complete", "word " * 50]] * 20
    status, _ = fit_widths(["Status", "Progress"], rows, 20.0, 9.0)
    assert status >= two + CELL_PADDING_CM
    assert status < word_width_cm("In Progress on schedule", 9.0)  # two lines, not one


def test_a_tables_first_row_keeps_whole_up_to_three_quarters_of_a_page() -> None:
    """The headings above a table keep with its first row: a first row that splits would
    end a page on the headings and a line or two of it ('Behind' / 'Schedule' over two
    pages). Rows further down split once they pass three fifths of a page."""
    from pipeline.render.layout import KEEP_FIRST_ROW_SHARE, KEEP_ROW_SHARE, fit_table

    page, pt, widths = 15.0, 9.0, [4.0, 4.0]

    def row(lines: int) -> list[str]:
        return ["\n".join(["word"] * lines), "x"]

    def share(cells: list[str]) -> float:
        return row_height_cm(cells, widths, pt) / page

    half = next(n for n in range(1, 200) if share(row(n)) > KEEP_ROW_SHARE + 0.1)
    too_tall = next(n for n in range(1, 200) if share(row(n)) > KEEP_FIRST_ROW_SHARE)
    long_text = "x" * 2000  # more text than a table kept whole on one page may hold
    fit = fit_table([row(half), row(half), [long_text, "x"]], widths, pt, page)
    assert not fit.keep_together
    assert fit.cant_split[:2] == [True, False]  # the first row whole, the second may split
    fit = fit_table([row(too_tall), row(2), [long_text, "x"]], widths, pt, page)
    assert fit.cant_split[:2] == [False, True]  # taller than that, it must be let split
