"""Create the planned plan in ONE transaction: all of it, or (on any error) none of it.

The plan, its rating scheme and its period go through the services
(:func:`create_plan`, :func:`add_period`); actions and sub-actions through the bulk
writer of plan items (:func:`plan_items.add_actions`), ratings through the status
service; priorities and people are inserted in bulk inside the same transaction,
because 5,000 per-row service calls take far longer than an officer should wait. The rows were already checked by the planner with the
same rules the services apply, and the database's own constraints (unique
references, foreign keys) still hold as a last line of defence.
"""

from __future__ import annotations

import json
from datetime import datetime, time

from sqlalchemy.engine import Connection

from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.domain.refs import ref_sort_text
from wsoa_desktop.services import audit
from wsoa_desktop.services.context import default_user
from wsoa_desktop.services.importing.planner import ImportPlan
from wsoa_desktop.services.periods import add_period
from wsoa_desktop.services.plan_history import (
    DatedEntry,
    EarlierTarget,
    RecordedVersion,
    record_progress_entries,
    record_target_revisions,
    record_versions,
)
from wsoa_desktop.services.plan_items import ActionFields, add_actions
from wsoa_desktop.services.plans import create_plan, initials_for
from wsoa_desktop.services.status import HistoricStatus, record_history
from wsoa_desktop.store.database import Store
from wsoa_desktop.store.models import utcnow


def _json(items: list[str]) -> str:
    return json.dumps(list(items), ensure_ascii=False)


def _many(con: Connection, sql: str, rows: list[tuple[object, ...]]) -> None:
    if rows:
        con.exec_driver_sql(sql, rows)


def apply_import(store: Store, plan: ImportPlan, *, by: str | None = None) -> int:
    """Create the plan; returns its id. Refuses a plan that has problems."""
    if not plan.ok:
        first = str(plan.problems[0]) if plan.problems else "The file holds no rows to import."
        more = f" (and {len(plan.problems) - 1} more problems)" if len(plan.problems) > 1 else ""
        raise ValidationError(f"Nothing was imported: {first}{more}. Run a dry run to see them all.")
    who = by or default_user()
    now = utcnow().strftime("%Y-%m-%d %H:%M:%S.%f")
    with store.write() as s:
        plan_id = create_plan(store, plan.title, scheme=plan.scheme, by=who, session=s)
        if plan.period:
            add_period(store, plan_id, plan.period, by=who, session=s)
        con = s.connection()

        priorities = [i for i in plan.items if i.level == 1]
        _many(con,
            "INSERT INTO priority (plan_id, ref, sort_key, title, area_of_concern, lead_officers, "
            "outcome_statement, delivery_partners, kind) VALUES (?, ?, ?, ?, ?, ?, ?, '[]', ?)",
            [(plan_id, i.ref, ref_sort_text(i.ref), i.title, i.text, i.lead_officers, i.outcome_statement,
              i.kind) for i in priorities])

        owners = {o.name: o for o in plan.owners}
        person_names = list(dict.fromkeys([*owners, *(n for i in plan.items for n in i.leads)]))
        _many(con,
            "INSERT INTO person (plan_id, name, initials, role, organisation, is_team) "
            "VALUES (?, ?, ?, ?, '', FALSE)",
            [(plan_id, n, owners[n].initials if n in owners else initials_for(n),
              owners[n].position if n in owners else "") for n in person_names])

        # Actions and sub-actions go in through the one bulk writer of plan items (its own checks,
        # their leads and the start of each item's history), inside this transaction.
        add_actions(store, plan_id, [
            (i.ref, ActionFields(i.text, list(i.leads), i.lead_text, i.target.text, list(i.outcomes),
                                 i.impact_measures_heading, list(i.impact_measures), list(i.linked_refs)))
            for level in (2, 3) for i in plan.items if i.level == level],
            by=who, session=s, priority_refs={i.ref: i.priority_ref for i in plan.items if i.level == 2})
        if plan.period:
            # Ratings in a plan file are its history: recorded as they are, by the status service.
            record_history(store, plan_id, plan.period, [
                HistoricStatus(i.ref, i.rating, i.progress, i.reason, who, None, status_text=i.status_text)
                for i in plan.items if i.level > 1 and (i.rating or i.progress or i.status_text.strip())],
                by=who, session=s)
        record_target_revisions(s, plan_id, [
            EarlierTarget(i.ref, old, new, "As revised in the imported plan", who)
            for i in plan.items if i.earlier_targets
            for old, new in zip(i.earlier_targets, [*i.earlier_targets[1:], i.target.text], strict=True)],
            by=who)
        record_progress_entries(s, plan_id, [DatedEntry(i.ref, e.date_text, e.on_date, e.text)
                                             for i in plan.items for e in i.entries])
        record_versions(s, plan_id, [
            RecordedVersion(v.number, datetime.combine(v.on, time()) if v.on else utcnow(), v.by, v.summary,
                            f"version history in {plan.source}" + (f" ({v.date_text})" if v.date_text and not v.on
                                                                   else ""))
            for v in plan.versions])
        # The history of every priority starts with its import (add_actions starts the actions').
        _many(con,
              "INSERT INTO audit_entry (plan_id, at, by, entity, ref, field_name, old_value, new_value, "
              "operation) VALUES (?, ?, ?, 'priority', ?, 'title', '', ?, 'create')",
              [(plan_id, now, who, i.ref, i.title) for i in priorities])
        audit.record(s, plan_id, who, "plan", "", "import", None,
                     f"{plan.source}: {plan.count(1)} priorities, {plan.count(2)} actions, "
                     f"{plan.count(3)} sub-actions", "create")
        return plan_id
