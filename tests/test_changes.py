"""Change detection between two plans: completed, slipped, improved, added, removed, reworded."""

from __future__ import annotations

from pipeline.domain.changes import (
    REWORD_THRESHOLD,
    STATUS_ORDER,
    compare_plans,
    is_worse,
    match_actions,
    normalise_text,
    text_similarity,
)
from pipeline.domain.model import Action, Details, Plan, Priority, Recommendation, StatusKey
from pipeline.domain.status import DEFAULT_SCHEME


def plan(*actions: tuple[str, str, StatusKey]) -> Plan:
    """A plan of (ref, action text, status), one recommendation per ref, in order."""
    recs: dict[str, Recommendation] = {}
    for ref, text, status in actions:
        rec = recs.setdefault(ref, Recommendation(ref, f"Recommendation {ref}"))
        rec.actions.append(Action(ref, text, status))
    return Plan(Details(), DEFAULT_SCHEME, [Priority("1", "Safety", list(recs.values()))])


def texts(actions: list[Action]) -> list[str]:
    return [a.text for a in actions]


def test_status_order_is_explicit_best_to_worst() -> None:
    assert sorted(STATUS_ORDER, key=STATUS_ORDER.__getitem__) == [
        "complete", "on_track", "at_risk", "not_started", "behind",
    ]
    assert is_worse("on_track", "behind")
    assert is_worse("at_risk", "not_started")
    assert not is_worse("behind", "at_risk")
    assert not is_worse("complete", "complete")


def test_unchanged_plan_has_no_changes() -> None:
    before = plan(("R1", "Audit S47 enquiries", "on_track"), ("R2", "Recruit staff", "complete"))
    after = plan(("R1", "Audit S47 enquiries", "on_track"), ("R2", "Recruit staff", "complete"))
    changes = compare_plans(before, after)
    assert not changes.any
    assert len(changes.matched) == 2


def test_completed_since() -> None:
    before = plan(("R1", "Audit S47 enquiries", "on_track"), ("R2", "Recruit staff", "behind"),
                  ("R3", "Review pay", "complete"))
    after = plan(("R1", "Audit S47 enquiries", "complete"), ("R2", "Recruit staff", "complete"),
                 ("R3", "Review pay", "complete"))
    changes = compare_plans(before, after)
    assert texts([p.after for p in changes.completed_since]) == [
        "Audit S47 enquiries", "Recruit staff",
    ]
    assert [p.before.status for p in changes.completed_since] == ["on_track", "behind"]
    assert changes.worsened == [] and changes.improved == []


def test_slipped_is_a_move_to_a_worse_status() -> None:
    before = plan(("R1", "Audit S47 enquiries", "on_track"), ("R2", "Recruit staff", "at_risk"),
                  ("R3", "Review pay", "behind"), ("R4", "Commission CAMHS", "complete"))
    after = plan(("R1", "Audit S47 enquiries", "behind"), ("R2", "Recruit staff", "not_started"),
                 ("R3", "Review pay", "at_risk"), ("R4", "Commission CAMHS", "on_track"))
    changes = compare_plans(before, after)
    assert [(p.after.ref, p.before.status, p.after.status) for p in changes.worsened] == [
        ("R1", "on_track", "behind"),
        ("R2", "at_risk", "not_started"),
        ("R4", "complete", "on_track"),
    ]
    assert [(p.after.ref, p.after.status) for p in changes.improved] == [("R3", "at_risk")]
    assert changes.completed_since == []


def test_added_and_removed() -> None:
    before = plan(("R1", "Audit S47 enquiries", "on_track"), ("R2", "Recruit staff", "on_track"))
    after = plan(("R1", "Audit S47 enquiries", "on_track"), ("R3", "Set up a job club", "behind"))
    changes = compare_plans(before, after)
    assert texts(changes.added) == ["Set up a job club"]
    assert texts(changes.removed) == ["Recruit staff"]
    assert changes.reworded == []


def test_same_text_under_another_ref_is_removed_and_added() -> None:
    before = plan(("R1", "Recruit staff", "on_track"))
    after = plan(("R2", "Recruit staff", "on_track"))
    changes = compare_plans(before, after)
    assert [a.ref for a in changes.removed] == ["R1"]
    assert [a.ref for a in changes.added] == ["R2"]


def test_case_spacing_and_punctuation_are_ignored() -> None:
    before = plan(("R 1", "Review  the PAN, with heads.", "on_track"))
    after = plan(("r1", "review the PAN with Heads", "behind"))
    changes = compare_plans(before, after)
    assert changes.added == [] and changes.removed == []
    assert changes.reworded == []  # the same text once normalised
    assert [p.after.status for p in changes.worsened] == ["behind"]


def test_reworded_action_is_matched_and_its_status_compared() -> None:
    before = plan(
        ("R14", "Develop the template for a single assessment", "on_track"),
        ("R14", "Explore ways of recording children's views", "on_track"),
    )
    after = plan(
        ("R14", "Develop and pilot the template for a single assessment", "behind"),
        ("R14", "Explore ways of recording children's views", "on_track"),
    )
    changes = compare_plans(before, after)
    assert changes.added == [] and changes.removed == []
    [pair] = changes.reworded
    assert pair.before.text == "Develop the template for a single assessment"
    assert pair.after.text == "Develop and pilot the template for a single assessment"
    assert REWORD_THRESHOLD <= pair.similarity < 1.0
    assert changes.worsened == [pair]


def test_reword_too_different_is_removed_and_added() -> None:
    before = plan(("R10", "Commission CAMHS to provide a stable placement team", "behind"))
    after = plan(("R10", "Agree a joint referral pathway with the CCG", "behind"))
    assert text_similarity(
        "Commission CAMHS to provide a stable placement team",
        "Agree a joint referral pathway with the CCG",
    ) < REWORD_THRESHOLD
    changes = compare_plans(before, after)
    assert changes.reworded == []
    assert texts(changes.removed) == ["Commission CAMHS to provide a stable placement team"]
    assert texts(changes.added) == ["Agree a joint referral pathway with the CCG"]


def test_best_reword_is_taken_once() -> None:
    # Two earlier actions could match the one reworded action: the closer one wins and
    # the other is removed; it is never matched twice.
    before_actions = [
        Action("R5", "Review the supported lodgings offer for care leavers", "on_track"),
        Action("R5", "Review the supported lodgings offer", "on_track"),
    ]
    after_actions = [
        Action("R5", "Review the supported lodgings offer for all care leavers", "on_track"),
    ]
    pairs, removed, added = match_actions(before_actions, after_actions)
    assert [p.before.text for p in pairs] == [
        "Review the supported lodgings offer for care leavers"
    ]
    assert texts(removed) == ["Review the supported lodgings offer"]
    assert added == []


def test_duplicate_texts_pair_in_order() -> None:
    before = plan(("R1", "Audit", "complete"), ("R1", "Audit", "on_track"))
    after = plan(("R1", "Audit", "complete"), ("R1", "Audit", "behind"))
    changes = compare_plans(before, after)
    assert [(p.before.status, p.after.status) for p in changes.worsened] == [
        ("on_track", "behind")
    ]
    assert changes.added == [] and changes.removed == []


def test_normalise_text() -> None:
    assert normalise_text("  Review\nthe PAN — now! ") == "review the pan now"
