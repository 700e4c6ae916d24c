"""What changed in an improvement plan between two reports: plain functions on two Plans.

Actions are matched in three passes:

1. Same ref and same action text once normalised: case, spacing and punctuation are
   ignored ("Review the  PAN." matches "review the PAN"). Duplicates pair up in plan order.
2. Reworded: among what is left, an action of the earlier plan and one of the later plan
   with the same ref whose normalised texts have a difflib `SequenceMatcher` ratio of at
   least `REWORD_THRESHOLD` (0.6) are the same action reworded. The best-scoring pair is
   taken first and each action is matched at most once.
3. Whatever is still unmatched was removed (earlier plan) or added (later plan). A reword
   too different to reach the threshold is therefore reported as one removed and one added.

Statuses are ordered from best to worst by `STATUS_ORDER`: complete, on track, at risk,
not started, behind schedule. A matched action whose status moved towards the worse end
has slipped (`worsened`); one that became complete is in `completed_since`; any other move
towards the better end is in `improved`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from pipeline.domain.model import Action, Plan, StatusKey

REWORD_THRESHOLD = 0.6

# Best first: a move to a larger number is a move to a worse status ("slipped").
STATUS_ORDER: dict[StatusKey, int] = {
    "complete": 0,
    "on_track": 1,
    "at_risk": 2,
    "not_started": 3,
    "behind": 4,
}


def normalise_text(text: str) -> str:
    """Action text as compared: lower case, punctuation dropped, runs of spaces as one."""
    words = re.sub(r"[\W_]+", " ", text.casefold())
    return " ".join(words.split())


def normalise_ref(ref: str) -> str:
    """A ref as compared: 'R 14', 'r14' and 'R14.' are the same ref."""
    return re.sub(r"[\W_]+", "", ref.casefold())


def text_similarity(a: str, b: str) -> float:
    """difflib ratio (0 to 1) of two action texts after `normalise_text`."""
    return SequenceMatcher(None, normalise_text(a), normalise_text(b), autojunk=False).ratio()


def is_worse(before: StatusKey, after: StatusKey) -> bool:
    """True when `after` is further from complete than `before` (see STATUS_ORDER)."""
    return STATUS_ORDER[after] > STATUS_ORDER[before]


@dataclass(frozen=True)
class ActionPair:
    """One action in the earlier plan (`before`) and the later plan (`after`)."""

    before: Action
    after: Action
    similarity: float = 1.0  # 1.0 for a match on the normalised text

    @property
    def status_changed(self) -> bool:
        return self.before.status != self.after.status


@dataclass
class PlanChanges:
    """The differences between an earlier and a later plan; lists in later-plan order
    (removed actions in earlier-plan order)."""

    matched: list[ActionPair] = field(default_factory=list)  # every pair, reworded included
    completed_since: list[ActionPair] = field(default_factory=list)
    worsened: list[ActionPair] = field(default_factory=list)
    improved: list[ActionPair] = field(default_factory=list)  # better, but not complete
    added: list[Action] = field(default_factory=list)
    removed: list[Action] = field(default_factory=list)
    reworded: list[ActionPair] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(
            self.completed_since or self.worsened or self.improved or self.added
            or self.removed or self.reworded
        )


def match_actions(
    before: list[Action], after: list[Action], threshold: float = REWORD_THRESHOLD
) -> tuple[list[ActionPair], list[Action], list[Action]]:
    """Pair the actions of two lists: (pairs in `after` order, removed, added).

    See the module docstring for the rules; `threshold` is the reword ratio.
    """
    pair_of_after: dict[int, ActionPair] = {}
    used_before: set[int] = set()

    # 1. Same ref and the same normalised text.
    waiting: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, action in enumerate(before):
        waiting[(normalise_ref(action.ref), normalise_text(action.text))].append(i)
    for j, action in enumerate(after):
        queue = waiting.get((normalise_ref(action.ref), normalise_text(action.text)))
        if queue:
            i = queue.pop(0)
            used_before.add(i)
            pair_of_after[j] = ActionPair(before[i], action)

    # 2. Reworded: same ref, ratio at least the threshold, best pair first.
    candidates: list[tuple[float, int, int]] = []
    for i, old in enumerate(before):
        if i in used_before:
            continue
        for j, new in enumerate(after):
            if j in pair_of_after or normalise_ref(old.ref) != normalise_ref(new.ref):
                continue
            ratio = text_similarity(old.text, new.text)
            if ratio >= threshold:
                candidates.append((ratio, i, j))
    candidates.sort(key=lambda c: (-c[0], c[2], c[1]))
    for ratio, i, j in candidates:
        if i in used_before or j in pair_of_after:
            continue
        used_before.add(i)
        pair_of_after[j] = ActionPair(before[i], after[j], ratio)

    pairs = [pair_of_after[j] for j in sorted(pair_of_after)]
    removed = [a for i, a in enumerate(before) if i not in used_before]
    added = [a for j, a in enumerate(after) if j not in pair_of_after]
    return pairs, removed, added


def compare_plans(
    previous: Plan, current: Plan, threshold: float = REWORD_THRESHOLD
) -> PlanChanges:
    """What changed from `previous` (the earlier report's plan) to `current`."""
    pairs, removed, added = match_actions(previous.actions, current.actions, threshold)
    changes = PlanChanges(matched=pairs, added=added, removed=removed)
    for pair in pairs:
        old, new = pair.before.status, pair.after.status
        if normalise_text(pair.before.text) != normalise_text(pair.after.text):
            changes.reworded.append(pair)
        if old == new:
            continue
        if new == "complete":
            changes.completed_since.append(pair)
        elif is_worse(old, new):
            changes.worsened.append(pair)
        else:
            changes.improved.append(pair)
    return changes
