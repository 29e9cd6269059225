"""Which sub-actions need the Board's attention: the exception list.

An item is an exception when its rating is at risk under the plan's scheme
(Amber and Red in the WSOA scheme: worse than "on track" and not complete), when
its target has passed and it is not complete, or when its rating got worse since
the previous period. "Overdue" is judged at the end of the reported month (a
report for August 2022 printed later still shows August's position), never
later than the day it is printed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from wsoa_desktop.domain.outline import ActionNode, PlanOutline, PriorityNode, is_overdue
from wsoa_desktop.domain.target_dates import parse_target
from wsoa_desktop.reports.progress_summary import movement, rated_items


@dataclass
class ExceptionItem:
    priority: PriorityNode
    node: ActionNode
    reasons: list[str] = field(default_factory=list)


def as_at(outline: PlanOutline, printed_on: date) -> date:
    """The day overdue is judged on: the period's last day, or the printing day if earlier."""
    if outline.period is not None:
        due = parse_target(outline.period.label).due
        if due is not None:
            return min(due, printed_on)
    return printed_on


def at_risk(outline: PlanOutline, rating: str | None) -> bool:
    """Amber or Red in the WSOA scheme; in general, worse than the scheme's "on track"."""
    d = outline.scheme.match(rating)
    if d is None or d.is_complete or d.is_not_started:
        return False
    on_track = min((r.severity for r in outline.scheme.ratings
                    if not r.is_complete and not r.is_not_started), default=0)
    return d.severity > on_track


def reasons_for(outline: PlanOutline, node: ActionNode, today: date) -> list[str]:
    reasons: list[str] = []
    d = outline.scheme.match(node.rating)
    if d is not None and at_risk(outline, node.rating):
        reasons.append(d.name)
    if is_overdue(node, today, outline.scheme):
        reasons.append("Overdue")
    if outline.previous_period is not None and movement(outline, node) == -1:
        before = outline.scheme.match(node.previous.rating if node.previous else None)
        reasons.append(f"Worse than {outline.previous_period.label}"
                       + (f" (was {before.name})" if before else ""))
    return reasons


def exception_items(outline: PlanOutline, today: date, priority_ref: str | None = None) -> list[ExceptionItem]:
    out: list[ExceptionItem] = []
    for p in outline.priorities:
        if priority_ref is not None and p.ref != priority_ref:
            continue
        for node in rated_items(p.actions):
            reasons = reasons_for(outline, node, today)
            if reasons:
                out.append(ExceptionItem(p, node, reasons))
    return out
