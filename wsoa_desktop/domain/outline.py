"""The plan as the screens and reports read it: plain dataclasses, no database.

A :class:`PlanOutline` is built by the plan service in one pass over the
database and handed to the tree model, the reports and the exporters, so they all
show the same thing in the same natural reference order.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from wsoa_desktop.domain.rating_schemes import RatingScheme
from wsoa_desktop.domain.target_dates import TargetDate


@dataclass
class StatusView:
    """One action's status in one reporting period."""

    rating: str | None = None
    progress: str = ""
    reason: str = ""
    updated_by: str = ""
    updated_at: datetime | None = None
    carried_forward: bool = False
    #: For a carried-forward rating: the period it was last really updated in
    #: ("not updated since July 2022"); None when it never was (or is current).
    since_label: str | None = None
    #: Words written beside the rating in the plan's own papers ("On track", "Behind Schedule").
    status_text: str = ""
    #: The saved status's version: what a rating given on this view names as seen (two officers at once).
    version: int = field(default=0, compare=False)


@dataclass(frozen=True)
class ProgressNote:
    """A dated progress entry kept from a plan's papers ("03/04/17 – group convened")."""

    date_text: str
    on_date: date | None
    text: str


@dataclass(frozen=True)
class SignOffNote:
    """Approval to close an item (what a Blue rating rests on)."""

    body: str
    approved_on: date | None
    minute_ref: str
    period_label: str = ""
    recorded_by: str = ""


@dataclass(frozen=True)
class TargetChange:
    """One revision of a target date: the old text, the new one, and why."""

    old_text: str
    new_text: str
    reason: str = ""
    changed_by: str = ""
    changed_at: datetime | None = None


@dataclass(frozen=True)
class EvidenceNote:
    """Evidence kept for an item: a link, or a file held in the database (named, not its bytes)."""

    title: str
    link: str = ""
    filename: str = ""

    @property
    def text(self) -> str:
        """How it is printed: "Panel minutes – https://…", or "Audit summary (audit.pdf)"."""
        title = self.title.strip()  # as typed: only the ends are tidied
        if self.link:
            return f"{title} – {self.link}" if title and title != self.link else self.link
        name = self.filename or "a file"
        return f"{title} ({name})" if title and title != name else name


@dataclass
class ActionNode:
    """An action (``1.1``, level 2) or a sub-action (``1.1.1``, level 3)."""

    id: int
    ref: str
    level: int
    description: str
    parent_id: int | None
    priority_id: int
    leads: list[str] = field(default_factory=list)
    lead_text: str = ""
    target: TargetDate = field(default_factory=lambda: TargetDate(""))
    outcomes: list[str] = field(default_factory=list)
    impact_measures_heading: str = ""
    impact_measures: list[str] = field(default_factory=list)
    status: StatusView | None = None
    previous: StatusView | None = None
    target_revised: bool = False
    children: list[ActionNode] = field(default_factory=list)
    #: Every revision of the target, oldest first (empty when never revised).
    target_changes: list[TargetChange] = field(default_factory=list)
    #: The latest sign-off recorded for this item (up to the outline's period), if any.
    sign_off: SignOffNote | None = None
    #: Other references the item is written under ("SEND 1 / SEND 4").
    linked_refs: list[str] = field(default_factory=list)
    #: Dated progress entries from the plan's papers, as written (oldest first).
    progress_history: list[ProgressNote] = field(default_factory=list)
    #: The saved row's version: what an edit made on this view names as seen (two officers at once).
    version: int = field(default=0, compare=False)
    #: Evidence links and files, in the order they were added.
    evidence: list[EvidenceNote] = field(default_factory=list)

    @property
    def target_was(self) -> str:
        """The target before its latest revision ("" when never revised)."""
        return self.target_changes[-1].old_text if self.target_changes else ""

    @property
    def lead_display(self) -> str:
        return "; ".join(self.leads) if self.leads else self.lead_text

    @property
    def rating(self) -> str | None:
        return self.status.rating if self.status else None

    @property
    def progress(self) -> str:
        return self.status.progress if self.status else ""


@dataclass
class PriorityNode:
    id: int
    ref: str
    title: str
    area_of_concern: str = ""
    lead_officers: str = ""
    outcome_statement: str = ""
    delivery_partners: list[str] = field(default_factory=list)
    subgroup: str = ""
    actions: list[ActionNode] = field(default_factory=list)
    #: "priority" ("Priority 1 – EHC Plans"), or "section": a heading such as "PEER REVIEW MEASURES".
    kind: str = "priority"
    #: The saved row's version: what an edit made on this view names as seen (two officers at once).
    version: int = field(default=0, compare=False)

    @property
    def heading(self) -> str:
        """How the item is named above its actions: "Priority 1 – EHC Plans", or a section's own words."""
        title = self.title or self.area_of_concern
        if self.kind == "section":
            return title
        return f"Priority {self.ref} – {title}" if title else f"Priority {self.ref}"


@dataclass
class PeriodInfo:
    id: int
    label: str
    position: int
    is_closed: bool = False
    #: The period row's version: what closing or reopening it names as seen.
    version: int = 1


@dataclass
class PlanOutline:
    plan_id: int
    title: str
    scheme: RatingScheme
    priorities: list[PriorityNode] = field(default_factory=list)
    periods: list[PeriodInfo] = field(default_factory=list)
    period: PeriodInfo | None = None  # the period whose ratings ``status`` holds
    previous_period: PeriodInfo | None = None
    #: Set when the outline is a published version: "Version 3, published 14 July 2022 by
    #: J Smith". Every printed page of such a version carries it in its footer.
    version_stamp: str = ""

    def iter_actions(self) -> Iterator[ActionNode]:
        """Every action and sub-action in plan order."""
        for p in self.priorities:
            for a in p.actions:
                yield a
                yield from _walk(a.children)

    def sub_actions(self) -> list[ActionNode]:
        return [a for a in self.iter_actions() if not a.children and a.level >= 3]

    def rated_items(self) -> list[ActionNode]:
        """Items that carry ratings: sub-actions, and actions that have none."""
        return [a for a in self.iter_actions() if not a.children]

    def find(self, ref: str) -> ActionNode | None:
        for a in self.iter_actions():
            if a.ref == ref:
                return a
        return None


def rated_items(actions: list[ActionNode]) -> list[ActionNode]:
    """Leaves of these actions' trees, in plan order: what carries a rating."""
    out: list[ActionNode] = []
    stack = list(reversed(actions))
    while stack:
        node = stack.pop()
        if node.children:
            stack.extend(reversed(node.children))
        else:
            out.append(node)
    return out


def _walk(nodes: list[ActionNode]) -> Iterator[ActionNode]:
    for n in nodes:
        yield n
        yield from _walk(n.children)


def is_overdue(node: ActionNode, today: date, scheme: RatingScheme) -> bool:
    """Target passed and not complete."""
    if not node.target.is_overdue(today):
        return False
    rating = scheme.match(node.rating) if node.rating else None
    return not (rating and rating.is_complete)
