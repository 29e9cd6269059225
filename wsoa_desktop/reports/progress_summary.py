"""The progress summary: how many items hold each rating, and which way they moved.

Counts are of the items that carry ratings (sub-actions, and actions that have
none), per priority and in total, for the report's period. Direction of travel
compares each item's rating with the previous period's using the plan's scheme,
so "better" means what the scheme says, not a fixed colour order.

A rating carried forward that nobody updated this period is not this period's
rating: it is counted as "Not updated", apart from every rating, and its
direction of travel is "not updated" rather than "unchanged".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wsoa_desktop.domain.outline import ActionNode, PlanOutline, PriorityNode
from wsoa_desktop.domain.outline import rated_items as rated_items
from wsoa_desktop.domain.status_words import NOT_UPDATED_HEADING, is_not_updated

NOT_RATED = "Not rated"
NOT_UPDATED = NOT_UPDATED_HEADING


@dataclass
class Tally:
    """One row of the summary (a priority, or the total)."""

    ref: str
    label: str
    counts: dict[str, int] = field(default_factory=dict)  # rating name -> items updated this period
    not_rated: int = 0
    not_updated: int = 0  # rated, but carried forward and not updated this period
    improved: int = 0
    unchanged: int = 0
    worse: int = 0
    not_compared: int = 0  # newly rated, unrated, or a move to or from "awaiting start"

    @property
    def total(self) -> int:
        return sum(self.counts.values()) + self.not_updated + self.not_rated

    def add(self, other: Tally) -> None:
        for name, n in other.counts.items():
            self.counts[name] = self.counts.get(name, 0) + n
        self.not_rated += other.not_rated
        self.not_updated += other.not_updated
        self.improved += other.improved
        self.unchanged += other.unchanged
        self.worse += other.worse
        self.not_compared += other.not_compared


@dataclass
class ProgressSummary:
    rating_names: list[str]
    rows: list[Tally]
    total: Tally
    has_previous: bool
    previous_label: str = ""


def carried(node: ActionNode) -> bool:
    """Rated, but carried forward and not updated this period."""
    return is_not_updated(node.status) and bool(node.rating)


def movement(outline: PlanOutline, node: ActionNode) -> int | None:
    """+1 better, -1 worse, 0 unchanged, None when there is nothing to compare.

    A carried-forward rating did not move: it was not looked at (None; see :func:`carried`).
    """
    if carried(node):
        return None
    scheme = outline.scheme
    now = scheme.match(node.rating)
    before = scheme.match(node.previous.rating) if node.previous else None
    if now is None or before is None:
        return None
    if now.name == before.name:
        return 0
    direction = scheme.compare(before.name, now.name)
    return direction if direction else None


def tally_priority(outline: PlanOutline, priority: PriorityNode) -> Tally:
    names = outline.scheme.names()
    tally = Tally(priority.ref, priority.title or priority.area_of_concern, {n: 0 for n in names})
    for node in rated_items(priority.actions):
        rating = outline.scheme.match(node.rating)
        if rating is None:
            tally.not_rated += 1
        elif carried(node):
            tally.not_updated += 1
            continue  # nor does it move: "not updated", never "unchanged"
        else:
            tally.counts[rating.name] += 1
        if outline.previous_period is not None:
            moved = movement(outline, node)
            if moved is None:
                tally.not_compared += 1
            elif moved > 0:
                tally.improved += 1
            elif moved < 0:
                tally.worse += 1
            else:
                tally.unchanged += 1
    return tally


def summarise(outline: PlanOutline) -> ProgressSummary:
    names = outline.scheme.names()
    rows = [tally_priority(outline, p) for p in outline.priorities]
    total = Tally("", "Total", {n: 0 for n in names})
    for row in rows:
        total.add(row)
    prev = outline.previous_period
    return ProgressSummary(names, rows, total, prev is not None, prev.label if prev else "")
