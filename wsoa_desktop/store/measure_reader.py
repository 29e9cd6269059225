"""Read a plan's impact measures and its ratings across periods, in a few plain SQL queries.

Like :mod:`outline_reader`, this takes a DB-API cursor, so the services (over the
store's connection), the dashboard's worker thread and the report command's
read-only fast path (a plain ``sqlite3`` connection) share one reader. No ORM,
no Qt: 200 measures with their readings and 24 periods of ratings for a
5,000-sub-action plan read in a few tens of milliseconds.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date

from wsoa_desktop.domain.measures import Direction, Measure, Milestone, Reading, parse_direction


def _date(value: object) -> date | None:
    return None if value is None else date.fromisoformat(str(value)[:10])


def _day(value: object) -> date:
    """A date the schema requires (NOT NULL)."""
    return date.fromisoformat(str(value)[:10])


def read_measures(cur: sqlite3.Cursor, plan_id: int) -> list[Measure]:
    """Every measure of the plan in its set order, with milestones, readings and action refs."""
    rows = cur.execute(
        "SELECT id, ref, title, unit, direction, baseline_value, baseline_when, baseline_on, target_value, "
        "target_when, target_on, source, owner, note FROM impact_measure WHERE plan_id = ? "
        "ORDER BY position, id", (plan_id,)).fetchall()
    if not rows:
        return []
    milestones: dict[int, list[Milestone]] = {}
    for mid, value, when, due in cur.execute(
            "SELECT m.measure_id, m.value, m.due_when, m.due_on FROM measure_milestone m "
            "JOIN impact_measure im ON im.id = m.measure_id WHERE im.plan_id = ? ORDER BY m.due_on, m.id",
            (plan_id,)).fetchall():
        milestones.setdefault(mid, []).append(Milestone(float(value), _day(due), when or ""))
    readings: dict[int, list[Reading]] = {}
    for mid, label, as_of, value, note in cur.execute(
            "SELECT r.measure_id, r.label, r.as_of, r.value, r.note FROM measure_reading r "
            "JOIN impact_measure im ON im.id = r.measure_id WHERE im.plan_id = ? ORDER BY r.as_of, r.id",
            (plan_id,)).fetchall():
        readings.setdefault(mid, []).append(Reading(label or "", _day(as_of), float(value), note or ""))
    refs: dict[int, list[str]] = {}
    for mid, ref in cur.execute(
            "SELECT ma.measure_id, a.ref FROM measure_action ma JOIN action a ON a.id = ma.action_id "
            "WHERE a.plan_id = ? ORDER BY ma.measure_id, a.sort_key", (plan_id,)).fetchall():
        refs.setdefault(mid, []).append(ref)
    out = []
    for r in rows:
        mid = r[0]
        out.append(Measure(
            id=mid, ref=r[1], title=r[2], unit=r[3] or "", direction=parse_direction(r[4]) or Direction.INCREASE,
            baseline=None if r[5] is None else float(r[5]), baseline_when=r[6] or "", baseline_on=_date(r[7]),
            target=None if r[8] is None else float(r[8]), target_when=r[9] or "", target_on=_date(r[10]),
            milestones=tuple(milestones.get(mid, ())), readings=tuple(readings.get(mid, ())),
            source=r[11] or "", owner=r[12] or "", note=r[13] or "", action_refs=tuple(refs.get(mid, ()))))
    return out


@dataclass
class PeriodRatings:
    """How many rated items held each rating in one period (the trend chart's numbers)."""

    label: str
    position: int
    counts: dict[str, int] = field(default_factory=dict)  # rating name -> items rated that period
    not_rated: int = 0
    not_updated: int = 0  # rated, but carried forward and nobody updated it that period

    @property
    def total(self) -> int:
        return sum(self.counts.values()) + self.not_updated + self.not_rated


def read_rating_trend(cur: sqlite3.Cursor, plan_id: int, rating_names: list[str]) -> list[PeriodRatings]:
    """Every period's rating counts over the items that carry ratings (actions with no sub-actions).

    One grouped query over the status table: 24 periods of a 5,000-sub-action plan
    (120,000 ratings) count in well under a tenth of a second.
    """
    leaves = cur.execute(
        "SELECT COUNT(*) FROM action WHERE plan_id = ? AND id NOT IN "
        "(SELECT parent_id FROM action WHERE parent_id IS NOT NULL)", (plan_id,)).fetchone()[0]
    periods = {pid: PeriodRatings(label, position, {n: 0 for n in rating_names}) for pid, label, position in
               cur.execute("SELECT id, label, position FROM reporting_period WHERE plan_id = ? ORDER BY position",
                           (plan_id,)).fetchall()}
    if not periods:
        return []
    names = dict(cur.execute("SELECT r.id, r.name FROM rating r JOIN rating_scheme s ON s.id = r.scheme_id "
                             "WHERE s.plan_id = ?", (plan_id,)).fetchall())
    for period_id, rating_id, carried, n in cur.execute(
            "SELECT su.period_id, su.rating_id, su.carried_forward, COUNT(*) FROM status_update su "
            "WHERE su.period_id IN (SELECT id FROM reporting_period WHERE plan_id = ?) "
            "AND su.action_id NOT IN (SELECT parent_id FROM action WHERE parent_id IS NOT NULL) "
            "GROUP BY su.period_id, su.rating_id, su.carried_forward", (plan_id,)).fetchall():
        period = periods.get(period_id)
        if period is None:
            continue
        name = names.get(rating_id)
        if name not in period.counts:
            period.not_rated += n
        elif carried:  # counted as the BRAG appendix counts it: not updated, not as its old rating
            period.not_updated += n
        else:
            period.counts[name] += n
    out = sorted(periods.values(), key=lambda p: p.position)
    for p in out:
        p.not_rated += max(0, leaves - p.total)
    return out


def read_priority_titles(cur: sqlite3.Cursor, plan_id: int) -> list[tuple[str, str]]:
    """(ref, title) of every priority in reference order: the scorecard's groups."""
    return [(r, t or a or "") for r, t, a in cur.execute(
        "SELECT ref, title, area_of_concern FROM priority WHERE plan_id = ? ORDER BY sort_key",
        (plan_id,)).fetchall()]


def read_plan_title(cur: sqlite3.Cursor, plan_id: int) -> str:
    row = cur.execute("SELECT title FROM plan WHERE id = ?", (plan_id,)).fetchone()
    return row[0] if row else ""


def read_period_labels(cur: sqlite3.Cursor, plan_id: int) -> list[str]:
    return [r[0] for r in cur.execute(
        "SELECT label FROM reporting_period WHERE plan_id = ? ORDER BY position", (plan_id,)).fetchall()]
