"""The file names documents get from their titles."""

from __future__ import annotations

from pipeline.output_names import slugify

LONG = ("Children's Services Improvement Plan following the Ofsted inspection of "
        "safeguarding and looked after children: working draft for the Scrutiny Board")


def test_a_title_becomes_a_file_name() -> None:
    assert slugify("Children's Plan 2013/14") == "childrens-plan-2013-14"
    assert slugify("Café & Crèche – 2026") == "cafe-creche-2026"
    assert slugify("", "improvement-plan") == "improvement-plan"


def test_a_long_title_is_cut_at_a_whole_word() -> None:
    slug = slugify(LONG)
    # 84 characters to the end of "safeguarding": the cut falls inside it, so it goes whole
    assert slug == "childrens-services-improvement-plan-following-the-ofsted-inspection-of"


def test_a_long_single_word_is_cut_at_the_limit() -> None:
    assert slugify("x" * 200) == "x" * 80
