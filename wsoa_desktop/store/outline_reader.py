"""Read a whole plan, with one period's ratings, in a handful of plain SQL queries.

Everything that shows or prints a plan starts here: the services (over the
store's pooled connection) and the report command's read-only fast path (over a
plain ``sqlite3`` connection, so ``report`` need not import SQLAlchemy). One
DB-API cursor in, a domain :class:`PlanOutline` out; no ORM, no Qt. Plain SQL
keeps a 5,000-sub-action plan well under half a second to load.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime

from wsoa_desktop.domain.errors import NotFoundError, ValidationError
from wsoa_desktop.domain.outline import (
    ActionNode,
    EvidenceNote,
    PeriodInfo,
    PlanOutline,
    PriorityNode,
    ProgressNote,
    SignOffNote,
    StatusView,
    TargetChange,
)
from wsoa_desktop.domain.rating_schemes import DEFAULT_SCHEME, RatingDefinition, RatingScheme
from wsoa_desktop.domain.status_rules import same_label
from wsoa_desktop.domain.target_dates import TargetDate
from wsoa_desktop.domain.times import read_time


def _date(value: object) -> date | None:
    return None if value is None else date.fromisoformat(str(value)[:10])


def resolve_plan_id(cur: sqlite3.Cursor, selector: str | int | None) -> int:
    """A plan by id or title; with none given, the only plan there is."""
    plans = cur.execute("SELECT id, title FROM plan ORDER BY id").fetchall()
    if not plans:
        raise NotFoundError("This database holds no plan yet. Add one, or load the sample plan.",
                            command_hint="Load the sample with 'wsoa-desktop sample'.")
    if selector is None or str(selector).strip() == "":
        if len(plans) == 1:
            return int(plans[0][0])
        listing = "; ".join(f"{i}: {t}" for i, t in plans)
        raise ValidationError(f"This database holds {len(plans)} plans; say which one (id or title): "
                              f"{listing}.", command_hint="Choose one with --plan.")
    text = str(selector).strip()
    for pid, title in plans:
        if text == str(pid) or text.casefold() == title.casefold():
            return int(pid)
    matches = [(pid, t) for pid, t in plans if text.casefold() in t.casefold()]
    if len(matches) == 1:
        return int(matches[0][0])
    raise NotFoundError(f"No plan matches “{text}”.",
                        command_hint="Run 'wsoa-desktop plans' to list them.")


def read_scheme(cur: sqlite3.Cursor, plan_id: int) -> RatingScheme:
    row = cur.execute("SELECT id, name FROM rating_scheme WHERE plan_id = ?", (plan_id,)).fetchone()
    if row is None:
        return DEFAULT_SCHEME
    ratings = cur.execute(
        "SELECT name, meaning, colour, text_colour, position, synonyms, is_complete, severity, "
        "is_not_started FROM rating WHERE scheme_id = ? ORDER BY position", (row[0],)).fetchall()
    return RatingScheme(row[1], tuple(
        RatingDefinition(r[0], r[1], r[2], r[3], r[4], tuple(x for x in (r[5] or "").split("|") if x),
                         bool(r[6]), r[7], bool(r[8])) for r in ratings))


def _statuses(cur: sqlite3.Cursor, period: PeriodInfo, periods: list[PeriodInfo]) -> dict[int, StatusView]:
    rows = cur.execute(
        "SELECT su.action_id, r.name, su.progress, su.reason, su.updated_by, su.updated_at, "
        "su.carried_forward, su.status_text, su.version FROM status_update su "
        "LEFT JOIN rating r ON r.id = su.rating_id WHERE su.period_id = ?", (period.id,)).fetchall()
    out = {r[0]: StatusView(r[1], r[2] or "", r[3] or "", r[4] or "", read_time(r[5]), bool(r[6]),
                            status_text=r[7] or "", version=r[8]) for r in rows}
    if any(v.carried_forward for v in out.values()):
        since = last_updated_positions(cur, [p.id for p in periods if p.position < period.position])
        label_at = {p.position: p.label for p in periods}
        for action_id, view in out.items():
            if view.carried_forward and action_id in since:
                view.since_label = label_at.get(since[action_id])
    return out


def last_updated_positions(cur: sqlite3.Cursor, period_ids: list[int]) -> dict[int, int]:
    """For each action, the position of the latest of ``period_ids`` in which it was really updated."""
    if not period_ids:
        return {}
    marks = ",".join("?" * len(period_ids))
    return dict(cur.execute(
        "SELECT su.action_id, MAX(p.position) FROM status_update su JOIN reporting_period p "
        f"ON p.id = su.period_id WHERE su.carried_forward = FALSE AND su.period_id IN ({marks}) "
        "GROUP BY su.action_id", period_ids).fetchall())


def read_target_changes(cur: sqlite3.Cursor, plan_id: int) -> dict[int, list[TargetChange]]:
    """Every target revision of the plan, oldest first, by action id."""
    out: dict[int, list[TargetChange]] = {}
    for r in cur.execute(
            "SELECT tr.action_id, tr.old_text, tr.new_text, tr.reason, tr.changed_by, tr.changed_at "
            "FROM target_revision tr JOIN action a ON a.id = tr.action_id WHERE a.plan_id = ? "
            "ORDER BY tr.changed_at, tr.id", (plan_id,)).fetchall():
        out.setdefault(r[0], []).append(TargetChange(r[1] or "", r[2] or "", r[3] or "", r[4] or "",
                                                     read_time(r[5])))
    return out


def read_sign_offs(cur: sqlite3.Cursor, plan_id: int,
                   up_to: PeriodInfo | None = None) -> dict[int, list[SignOffNote]]:
    """Every sign-off of the plan, oldest first, by action id (only those up to a period, if given)."""
    out: dict[int, list[SignOffNote]] = {}
    sql = ("SELECT so.action_id, so.body, so.approved_on, so.minute_ref, p.label, so.recorded_by "
           "FROM sign_off so JOIN action a ON a.id = so.action_id "
           "LEFT JOIN reporting_period p ON p.id = so.period_id WHERE a.plan_id = ?")
    params: list[object] = [plan_id]
    if up_to is not None:
        sql += " AND (p.position IS NULL OR p.position <= ?)"
        params.append(up_to.position)
    for r in cur.execute(sql + " ORDER BY so.id", params).fetchall():
        out.setdefault(r[0], []).append(SignOffNote(r[1] or "", _date(r[2]), r[3] or "", r[4] or "",
                                                    r[5] or ""))
    return out


def read_period(cur: sqlite3.Cursor, plan_id: int, period_label: str) -> PeriodInfo:
    """One of the plan's periods by label (case and spaces ignored, as everywhere)."""
    periods = [PeriodInfo(r[0], r[1], r[2], bool(r[3])) for r in cur.execute(
        "SELECT id, label, position, is_closed FROM reporting_period WHERE plan_id = ? ORDER BY position",
        (plan_id,))]
    for p in periods:
        if same_label(p.label, period_label):
            return p
    labels = ", ".join(p.label for p in periods) or "none yet"
    raise NotFoundError(f"There is no period “{period_label}” in this plan (periods: {labels}).")


def read_statuses_by_ref(cur: sqlite3.Cursor, plan_id: int, period_id: int) -> dict[str, StatusView | None]:
    """Every item's ref and its status in one period (None where it has none), in one query.

    What a ratings import compares its rows with: lighter than the whole outline.
    """
    return {r[0]: (StatusView(r[2], r[3] or "", r[4] or "", carried_forward=bool(r[5]), version=r[6],
                              status_text=r[7] or "")
                   if r[1] is not None else None)
            for r in cur.execute(
                "SELECT a.ref, su.id, r.name, su.progress, su.reason, su.carried_forward, su.version, "
                "su.status_text FROM action a "
                "LEFT JOIN status_update su ON su.action_id = a.id AND su.period_id = ? "
                "LEFT JOIN rating r ON r.id = su.rating_id WHERE a.plan_id = ?", (period_id, plan_id))}


def read_evidence_notes(cur: sqlite3.Cursor, plan_id: int) -> dict[int, list[EvidenceNote]]:
    """Every item's evidence (titles, links and file names; never the files' bytes), by action id."""
    out: dict[int, list[EvidenceNote]] = {}
    for r in cur.execute(
            "SELECT e.action_id, e.title, e.link, e.filename FROM evidence e JOIN action a ON a.id = e.action_id "
            "WHERE a.plan_id = ? ORDER BY e.id", (plan_id,)).fetchall():
        out.setdefault(r[0], []).append(EvidenceNote(r[1] or "", r[2] or "", r[3] or ""))
    return out


def read_progress_history(cur: sqlite3.Cursor, plan_id: int) -> dict[int, list[ProgressNote]]:
    """Every item's dated progress entries, in the order written, by action id."""
    out: dict[int, list[ProgressNote]] = {}
    for r in cur.execute(
            "SELECT pe.action_id, pe.date_text, pe.on_date, pe.text FROM progress_entry pe "
            "JOIN action a ON a.id = pe.action_id WHERE a.plan_id = ? ORDER BY pe.action_id, pe.position",
            (plan_id,)).fetchall():
        out.setdefault(r[0], []).append(ProgressNote(r[1] or "", _date(r[2]), r[3] or ""))
    return out


def read_outline(cur: sqlite3.Cursor, plan_id: int, period_label: str | None = None, *,
                 latest_when_none: bool = True) -> PlanOutline:
    """The plan in natural reference order, with ``period_label``'s ratings.

    With no label, the latest period's ratings (or none when the plan has no
    periods, or ``latest_when_none`` is False).
    """
    plan = cur.execute("SELECT title FROM plan WHERE id = ?", (plan_id,)).fetchone()
    if plan is None:
        raise NotFoundError(f"There is no plan {plan_id} in this database.")
    periods = [PeriodInfo(r[0], r[1], r[2], bool(r[3]), int(r[4] or 1)) for r in cur.execute(
        "SELECT id, label, position, is_closed, version FROM reporting_period WHERE plan_id = ? ORDER BY position",
        (plan_id,))]
    outline = PlanOutline(plan_id, plan[0], read_scheme(cur, plan_id), periods=periods)
    if period_label is not None:
        match = [p for p in periods if same_label(p.label, period_label)]
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
            "SELECT id, ref, title, area_of_concern, lead_officers, outcome_statement, delivery_partners, kind, "
            "version FROM priority WHERE plan_id = ? ORDER BY sort_key", (plan_id,)).fetchall():
        node = PriorityNode(r[0], r[1], r[2], r[3], r[4], r[5], json.loads(r[6] or "[]"), subgroups.get(r[0], ""),
                            kind=r[7] or "priority", version=r[8])
        priorities[r[0]] = node
        outline.priorities.append(node)
    leads: dict[int, list[str]] = {}
    for action_id, name in cur.execute(
            "SELECT al.action_id, p.name FROM action_lead al JOIN person p ON p.id = al.person_id "
            "WHERE p.plan_id = ? ORDER BY al.action_id, al.position", (plan_id,)).fetchall():
        leads.setdefault(action_id, []).append(name)
    changes = read_target_changes(cur, plan_id)
    history = read_progress_history(cur, plan_id)
    evidence = read_evidence_notes(cur, plan_id)
    sign_offs = read_sign_offs(cur, plan_id, outline.period)
    current = _statuses(cur, outline.period, periods) if outline.period else {}
    previous = _statuses(cur, outline.previous_period, periods) if outline.previous_period else {}
    nodes: dict[int, ActionNode] = {}
    for r in cur.execute(
            "SELECT id, ref, level, description, parent_id, priority_id, lead_text, target_text, target_due, "
            "target_precision, outcomes, impact_measures_heading, impact_measures, linked_refs, version "
            "FROM action WHERE plan_id = ? ORDER BY sort_key", (plan_id,)).fetchall():
        aid = r[0]
        item = ActionNode(aid, r[1], r[2], r[3], r[4], r[5], leads.get(aid, []), r[6] or "",
                          TargetDate(r[7] or "", _date(r[8]), r[9]), json.loads(r[10] or "[]"), r[11] or "",
                          json.loads(r[12] or "[]"), current.get(aid), previous.get(aid), aid in changes,
                          target_changes=changes.get(aid, []),
                          sign_off=sign_offs[aid][-1] if aid in sign_offs else None,
                          linked_refs=json.loads(r[13] or "[]"), progress_history=history.get(aid, []),
                          version=r[14], evidence=evidence.get(aid, []))
        nodes[aid] = item
        if item.parent_id is None:
            if item.priority_id in priorities:
                priorities[item.priority_id].actions.append(item)
        elif item.parent_id in nodes:
            nodes[item.parent_id].children.append(item)
    return outline


def _iso(value: object, cache: dict[object, str]) -> str:
    if value is None:
        return ""
    found = cache.get(value)
    if found is None:
        try:
            found = (value if isinstance(value, datetime) else datetime.fromisoformat(str(value))).isoformat()
        except ValueError:
            found = ""
        cache[value] = found
    return found


def read_all_statuses(cur: sqlite3.Cursor, plan_id: int) -> list[dict[str, object]]:
    """Every period of the plan with every status in it, as plan-document entries, in one query.

    Each update keeps who wrote it and when, its reason and whether it was
    carried forward: what a published version must hold to be reprinted exactly.
    """
    periods = cur.execute("SELECT id, label, is_closed FROM reporting_period WHERE plan_id = ? "
                          "ORDER BY position", (plan_id,)).fetchall()
    by_period: dict[int, list[dict[str, object]]] = {p[0]: [] for p in periods}
    cache: dict[object, str] = {}
    for row in cur.execute(
            "SELECT su.period_id, a.ref, r.name, su.progress, su.reason, su.updated_by, su.updated_at, "
            "su.carried_forward, su.status_text FROM status_update su JOIN action a ON a.id = su.action_id "
            "JOIN reporting_period p ON p.id = su.period_id LEFT JOIN rating r ON r.id = su.rating_id "
            "WHERE a.plan_id = ? ORDER BY p.position, a.sort_key", (plan_id,)):
        entry: dict[str, object] = {"ref": row[1], "rating": row[2] or "", "progress": row[3] or "",
                                    "reason": row[4] or "", "by": row[5] or "",
                                    "at": _iso(row[6], cache), "carried_forward": bool(row[7])}
        if row[8]:
            entry["status_text"] = row[8]  # only where there is one: older documents stay as they were
        by_period[row[0]].append(entry)
    return [{"label": p[1], "closed": bool(p[2]), "updates": by_period[p[0]]} for p in periods]
