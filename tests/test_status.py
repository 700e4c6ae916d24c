"""The status scheme as plain functions: spellings, suggestions, colours and contrast."""

from __future__ import annotations

import pytest

from pipeline.domain.model import STATUS_KEYS
from pipeline.domain.status import (
    DEFAULT_SCHEME,
    best_text_colour,
    contrast_ratio,
    match_status,
    parse_colour,
    parse_meaning,
    scheme_from_key,
    suggest_status,
)


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Complete", "complete"), ("COMPLETED", "complete"), ("b", "complete"),
        ("In Progress", "on_track"), ("in progress on schedule", "on_track"), ("G", "on_track"),
        ("Some slippage", "at_risk"), ("amber", "at_risk"),
        ("Behind Schedule", "behind"), ("off-track", "behind"), ("Overdue", "behind"),
        ("Not yet started", "not_started"), (" planned\u00a0", "not_started"),
    ],
)
def test_accepted_spellings(typed: str, key: str) -> None:
    assert match_status(typed, DEFAULT_SCHEME) == key


@pytest.mark.parametrize("typed", ["", "Finished?", "green-ish", "50%"])
def test_unknown_spellings(typed: str) -> None:
    assert match_status(typed, DEFAULT_SCHEME) is None


def test_suggestions() -> None:
    assert suggest_status("Compelte", DEFAULT_SCHEME) == "Complete"
    assert suggest_status("behnd schedule", DEFAULT_SCHEME) == "Behind schedule"
    assert suggest_status("zzzz", DEFAULT_SCHEME) is None


def test_default_colours_pass_contrast() -> None:
    assert [e.key for e in DEFAULT_SCHEME.entries] == list(STATUS_KEYS)
    for entry in DEFAULT_SCHEME.entries:
        assert contrast_ratio(entry.fill, entry.text_colour) >= 4.5, entry.label


def test_contrast_ratio_known_values() -> None:
    assert contrast_ratio("FFFFFF", "000000") == pytest.approx(21.0)
    assert contrast_ratio("FFFFFF", "FFFFFF") == pytest.approx(1.0)
    assert contrast_ratio("FFDD00", "FFFFFF") < 4.5  # why At risk uses black text
    assert best_text_colour("FFDD00") == "0B0C0C"
    assert best_text_colour("1D70B8") == "FFFFFF"


def test_colours_and_meanings_of_a_rag_key() -> None:
    assert parse_colour("Red") == ("D4351C", "FFFFFF")
    assert parse_colour("#00703c") == ("00703C", "FFFFFF")
    assert parse_colour("mauve") is None
    assert parse_meaning("on track") == "on_track"
    assert parse_meaning("Behind Schedule") == "behind"


def test_scheme_from_key_keeps_unlisted_defaults_for_typing_but_prints_only_the_key() -> None:
    scheme = scheme_from_key([
        ("Complete", "complete", "1D70B8", "FFFFFF", ()),
        ("In Progress on schedule", "on_track", "00703C", "FFFFFF", ("in progress",)),
        ("Behind Schedule", "behind", "D4351C", "FFFFFF", ()),
    ])
    assert [e.label for e in scheme.key_entries] == [
        "Complete", "In Progress on schedule", "Behind Schedule"
    ]
    assert match_status("in progress", scheme) == "on_track"
    assert match_status("At risk", scheme) == "at_risk"  # a default spelling still works
    assert scheme.label("on_track") == "In Progress on schedule"
