"""Read a whole plan, with one period's ratings, in a handful of queries.

The tree, the reports and the exports all start here. Plain SQL over the pooled
connection keeps a 5,000-sub-action plan well under half a second to load.
"""

from __future__ import annotations

import json
from datetime import date, datetime

from wsoa_desktop.domain.errors import NotFoundError
from wsoa_desktop.domain.outline import ActionNode, PeriodInfo, PlanOutline, PriorityNode, StatusView
from wsoa_desktop.domain.target_dates import TargetDate
from wsoa_desktop.services.plans import load_scheme
from wsoa_desktop.store.database import Store


def _date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value  # type: ignore[return-value]
    return date.fromisoformat(str(value)[:10])


def _datetime(value: object) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value  # type: ignore[return-value]
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


def _statuses(cur, period_id: int) -> dict[int, StatusView]:  # type: ignore[no-untyped-def]
    rows = cur.execute(
        "SELECT su.action_id, r.name, su.progress, su.reason, su.updated_by, su.updated_at, "
        "su.carried_forward FROM status_update su LEFT JOIN rating r ON r.id = su.rating_id "
        "WHERE su.period_id = ?", (period_id,)).fetchall()
    return {r[0]: StatusView(r[1], r[2] or "", r[3] or "", r[4] or "", _datetime(r[5]), bool(r[6]))
            for r in rows}


def load_outline(store: Store, plan_id: int, period_label: str | None = None, *,
                 latest_when_none: bool = True) -> PlanOutline:
    """The plan in natural reference order, with ``period_label``'s ratings.

    With no label, the latest period's ratings (or none when the plan has no
    periods, or ``latest_when_none`` is False).
    """
    with store.session() as s:
        scheme = load_scheme(s, plan_id)
    con = store.raw()
    try:
        cur = con.cursor()
        plan = cur.execute("SELECT title FROM plan WHERE id = ?", (plan_id,)).fetchone()
        if plan is None:
            raise NotFoundError(f"There is no plan {plan_id} in this database.")
        periods = [PeriodInfo(r[0], r[1], r[2], bool(r[3])) for r in cur.execute(
            "SELECT id, label, position, is_closed FROM reporting_period WHERE plan_id = ? "
            "ORDER BY position", (plan_id,))]
        outline = PlanOutline(plan_id, plan[0], scheme, periods=periods)
        if period_label is not None:
            wanted = " ".join(period_label.split()).casefold()
            match = [p for p in periods if " ".join(p.label.split()).casefold() == wanted]
            if not match:
                labels = ", ".join(p.label for p in periods) or "none yet"
                raise NotFoundError(f"There is no period “{period_label}” in this plan (periods: {labels}).")
            outline.period = match[0]
        elif periods and latest_when_none:
            outline.period = periods[-1]
        if outline.period is not None:
            index = periods.index(outline.period)
            outline.previous_period = periods[index - 1] if index > 0 else None

        subgroups = dict(cur.execute(
            "SELECT priority_id, name FROM subgroup WHERE plan_id = ? AND kind = 'subgroup' "
            "AND priority_id IS NOT NULL ORDER BY position", (plan_id,)).fetchall())
        priorities: dict[int, PriorityNode] = {}
        for r in cur.execute(
                "SELECT id, ref, title, area_of_concern, lead_officers, outcome_statement, "
                "delivery_partners FROM priority WHERE plan_id = ? ORDER BY sort_key", (plan_id,)):
            node = PriorityNode(r[0], r[1], r[2], r[3], r[4], r[5], json.loads(r[6] or "[]"),
                                subgroups.get(r[0], ""))
            priorities[r[0]] = node
            outline.priorities.append(node)

        leads: dict[int, list[str]] = {}
        for action_id, name in cur.execute(
                "SELECT al.action_id, p.name FROM action_lead al JOIN person p ON p.id = al.person_id "
                "WHERE p.plan_id = ? ORDER BY al.action_id, al.position", (plan_id,)):
            leads.setdefault(action_id, []).append(name)
        revised = {r[0] for r in cur.execute(
            "SELECT DISTINCT tr.action_id FROM target_revision tr JOIN action a ON a.id = tr.action_id "
            "WHERE a.plan_id = ?", (plan_id,))}
        current = _statuses(cur, outline.period.id) if outline.period else {}
        previous = _statuses(cur, outline.previous_period.id) if outline.previous_period else {}

        nodes: dict[int, ActionNode] = {}
        for r in cur.execute(
                "SELECT id, ref, level, description, parent_id, priority_id, lead_text, target_text, "
                "target_due, target_precision, outcomes, impact_measures_heading, impact_measures "
                "FROM action WHERE plan_id = ? ORDER BY sort_key", (plan_id,)):
            aid = r[0]
            node = ActionNode(
                aid, r[1], r[2], r[3], r[4], r[5], leads.get(aid, []), r[6] or "",
                TargetDate(r[7] or "", _date(r[8]), r[9]),
                json.loads(r[10] or "[]"), r[11] or "", json.loads(r[12] or "[]"),
                current.get(aid), previous.get(aid), aid in revised)
            nodes[aid] = node
            if node.parent_id is None:
                priority = priorities.get(node.priority_id)
                if priority is not None:
                    priority.actions.append(node)
            else:
                parent = nodes.get(node.parent_id)
                if parent is not None:
                    parent.children.append(node)
        return outline
    finally:
        con.close()
