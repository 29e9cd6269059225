"""Taking an item out of the plan in a way that can be put back exactly.

Undo of a delete must bring back the item as it was — its sub-actions, leads,
every period's ratings and progress, target revisions, sign-offs and evidence —
with the same row ids, so nothing that points at it is left dangling. A
snapshot therefore copies the raw rows of every table that hangs off the item
(found from the schema's foreign keys, so a table added later is included
without touching this file), and restoring re-inserts them in dependency order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, select
from sqlmodel import Session, SQLModel, col
from sqlmodel import select as select_rows

from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.domain.refs import normalise_ref, ref_level
from wsoa_desktop.services import audit, status
from wsoa_desktop.services.context import default_user, transaction
from wsoa_desktop.services.plan_items import delete_item, find_action, find_priority
from wsoa_desktop.services.row_versions import claim
from wsoa_desktop.store.database import Store
from wsoa_desktop.store.models import Action, TargetRevision

#: Tables that record history rather than belong to an item; never copied or re-inserted.
_NOT_COPIED = {"audit_entry"}


@dataclass
class ItemSnapshot:
    """The rows of one priority or action and everything hanging off it."""

    plan_id: int
    ref: str
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def count(self, table: str) -> int:
        return len(self.rows.get(table, []))


def _tables() -> dict[str, Table]:
    return {t.name: t for t in SQLModel.metadata.sorted_tables}


def _pk(table: Table, row: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(row[c.name] for c in table.primary_key.columns)


def snapshot_item(s: Session, plan_id: int, ref: str) -> ItemSnapshot:
    """Copy the rows of ``ref`` and everything that refers to them (read only)."""
    ref = normalise_ref(ref)
    tables = _tables()
    if ref_level(ref) == 1:
        root_table, root_id = "priority", find_priority(s, plan_id, ref).id
    else:
        root_table, root_id = "action", find_action(s, plan_id, ref).id
    con = s.connection()
    snap = ItemSnapshot(plan_id, ref)
    seen: dict[str, dict[tuple[Any, ...], dict[str, Any]]] = {}

    def add(table: Table, rows: list[dict[str, Any]]) -> bool:
        bucket = seen.setdefault(table.name, {})
        grew = False
        for row in rows:
            key = _pk(table, row)
            if key not in bucket:
                bucket[key] = row
                grew = True
        return grew

    root = tables[root_table]
    add(root, [dict(r._mapping) for r in con.execute(select(root).where(root.c.id == root_id))])
    changed = True
    while changed:
        changed = False
        for table in tables.values():
            if table.name in _NOT_COPIED:
                continue
            for fk in table.foreign_keys:
                parent = fk.column.table.name
                if parent not in seen or fk.column.name != "id":
                    continue
                ids = [row["id"] for row in seen[parent].values()]
                rows = [dict(r._mapping) for r in con.execute(
                    select(table).where(fk.parent.in_(ids)))]
                if add(table, rows):
                    changed = True
    for name, bucket in seen.items():
        rows = list(bucket.values())
        if name == "action":  # parents before their sub-actions
            rows.sort(key=lambda r: (r["level"], r["id"]))
        snap.rows[name] = rows
    return snap


def delete_with_snapshot(store: Store, plan_id: int, ref: str, *, by: str | None = None,
                         session: Session | None = None, seen: int | None = None) -> ItemSnapshot:
    """Delete an item with everything under it, returning what :func:`restore_item` needs.

    ``seen``: the item's version the officer saw (one changed since is refused).
    """
    with transaction(store, session) as s:
        snap = snapshot_item(s, plan_id, ref)
        delete_item(store, plan_id, ref, by=by, session=s, seen=seen)
        return snap


def restore_item(store: Store, snap: ItemSnapshot, *, by: str | None = None,
                 session: Session | None = None) -> None:
    """Put a deleted item back exactly as it was, in one transaction."""
    tables = _tables()
    with transaction(store, session) as s:
        con = s.connection()
        for table in tables.values():  # sorted_tables: parents first
            rows = snap.rows.get(table.name)
            if not rows:
                continue
            if table.name == "action" or table.name == "priority":
                refs = [r["ref"] for r in rows]
                taken = con.execute(select(table.c.ref).where(
                    table.c.plan_id == snap.plan_id, table.c.ref.in_(refs))).first()
                if taken:
                    raise ValidationError(f"Cannot put {snap.ref} back: reference {taken[0]} is in use "
                                          "again. Move or delete that item first.", ref=snap.ref)
            if table.name == "status_update":
                # Ratings come back through their one writer (which records them in the trail).
                status.reinsert_rows(con, snap.plan_id, snap.ref, rows, by=by or default_user())
            else:
                con.execute(table.insert(), rows)
        entity = "priority" if ref_level(snap.ref) == 1 else "action"
        audit.record(s, snap.plan_id, by or default_user(), entity, snap.ref, "", None, snap.ref, "restore")


def revert_target(store: Store, plan_id: int, ref: str, old_text: str, new_text: str, *,
                  by: str | None = None, session: Session | None = None, seen: int | None = None) -> int:
    """Undo a target change: the old text comes back and the revision it made is removed.

    The audit trail keeps both the change and its undoing. ``seen``: the item's
    version after the change (someone else's edit since refuses the undo). Returns
    the item's new version.
    """
    from wsoa_desktop.domain.target_dates import parse_target

    with transaction(store, session) as s:
        a: Action = find_action(s, plan_id, ref)
        if a.target_text != new_text:
            raise ValidationError(f"The target of {a.ref} has changed since; it was not reverted.", ref=a.ref)
        version = claim(s, "action", int(a.id or 0), seen, plan_id=plan_id, ref=a.ref)
        revision = s.exec(select_rows(TargetRevision).where(
            TargetRevision.action_id == a.id, TargetRevision.old_text == old_text,
            TargetRevision.new_text == new_text).order_by(col(TargetRevision.id).desc())).first()
        if revision is not None:
            s.delete(revision)
        parsed = parse_target(old_text)
        audit.record(s, plan_id, by or default_user(), "target", a.ref, "target", new_text, old_text, "undo")
        a.target_text, a.target_due, a.target_precision = old_text, parsed.due, parsed.precision
        return version
