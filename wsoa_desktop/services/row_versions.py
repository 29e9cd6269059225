"""Two officers at once: every edit names the row version it was made on.

Each row an officer edits carries a ``version`` counter (migration 0007). An edit
or delete passes the version the officer saw (``seen``); :func:`claim` moves the
row on with one statement,
``UPDATE t SET version = version + 1 WHERE id = :id AND version = :seen``, in the
edit's own transaction, before anything else is written. When no row matched,
someone else saved a change (or deleted the row) since it was read: the edit is
refused with :class:`~wsoa_desktop.domain.errors.StaleEdit`, saying who and when
(read from the audit trail), and nothing is written.

Why the claim comes first, as one conditional UPDATE, rather than a read and
compare: on SQLite every write already holds the file's write lock, but on a
server database two transactions run side by side, and only the conditional
UPDATE (which locks the row and re-checks the version once the other writer
commits) makes the second save lose cleanly instead of overwriting.

``seen=None`` means the caller did not read a version (a bulk import, a plan
file, an older caller): the row's version still moves on, so anyone who did
read it is told it changed.

The audit trail is append-only and needs no version; SQL here is plain
``text()`` with named parameters, the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlmodel import Session

from wsoa_desktop.domain.errors import StaleEdit
from wsoa_desktop.domain.times import read_time
from wsoa_desktop.store.schema_manifest import VERSIONED_TABLES


def claim(s: Session, table: str, row_id: int, seen: int | None, *, plan_id: int, ref: str,
          audit_field: str | None = None, entity: str | None = None, label: str | None = None) -> int:
    """Move ``table``'s row ``row_id`` on one version, if it is still at ``seen``; returns the new version.

    Raises :class:`StaleEdit` (naming ``ref``, and who changed it when) when the
    row has moved on or is gone. ``audit_field`` narrows the audit lookup for
    rows whose trail is kept by name rather than reference (boards), ``entity``
    to one kind of entry (meetings); ``label`` is what the message calls the row
    (``ref`` by default).
    """
    if table not in VERSIONED_TABLES:
        raise ValueError(f"{table} has no row version")
    con = s.connection()
    if seen is None:
        con.execute(text(f"UPDATE {table} SET version = version + 1 WHERE id = :id"), {"id": row_id})
        found = con.execute(text(f"SELECT version FROM {table} WHERE id = :id"), {"id": row_id}).first()
        return int(found[0]) if found else 0
    result = con.execute(text(f"UPDATE {table} SET version = version + 1 WHERE id = :id AND version = :seen"),
                         {"id": row_id, "seen": seen})
    if result.rowcount == 1:
        return seen + 1
    gone = con.execute(text(f"SELECT 1 FROM {table} WHERE id = :id"), {"id": row_id}).first() is None
    raise stale(s, plan_id, ref, deleted=gone, audit_field=audit_field, entity=entity, label=label)


def claim_existing(s: Session, table: str, row_id: int | None, seen: int | None, *, plan_id: int,
                   ref: str) -> int:
    """As :func:`claim`, for a row that may not exist yet (an item's first rating in a period).

    ``seen`` 0 means the officer saw no row: a row someone else wrote since is a
    change they have not seen. Returns the row's new version (0 when there is no row).
    """
    if row_id is None:
        if seen:  # they saw a row, and it is gone
            raise stale(s, plan_id, ref, deleted=True)
        return 0
    if seen == 0:
        raise stale(s, plan_id, ref)
    return claim(s, table, row_id, seen, plan_id=plan_id, ref=ref)


def stale(s: Session | Connection, plan_id: int, ref: str, *, deleted: bool = False,
          audit_field: str | None = None, entity: str | None = None, label: str | None = None) -> StaleEdit:
    """The refusal for ``ref``: who last changed it, and when, from the audit trail."""
    con = s.connection() if isinstance(s, Session) else s
    sql = 'SELECT "by", at FROM audit_entry WHERE plan_id = :plan AND ref = :ref'
    params: dict[str, object] = {"plan": plan_id, "ref": ref if audit_field is None else ""}
    if audit_field is not None:
        sql += " AND field_name = :field"
        params["field"] = audit_field
    if entity is not None:
        sql += " AND entity = :entity"
        params["entity"] = entity
    row = con.execute(text(sql + " ORDER BY id DESC LIMIT 1"), params).first()
    by, at = (str(row[0] or ""), read_time(row[1])) if row else ("", None)
    return StaleEdit(label or ref or audit_field or "This item", by, when_text(at), deleted=deleted)


def when_text(at: datetime | None, *, now: datetime | None = None) -> str:
    """A saved time as an officer says it: "14:05" today, "14:05 on 29 Nov 2026" another day (local time)."""
    if at is None:
        return ""
    if at.tzinfo is None:
        at = at.replace(tzinfo=timezone.utc)  # the database keeps UTC
    local = at.astimezone()
    today = (now or datetime.now(timezone.utc)).astimezone().date()
    clock = local.strftime("%H:%M")
    return clock if local.date() == today else f"{clock} on {local.day} {local.strftime('%b %Y')}"


def read_version(s: Session, table: str, row_id: int) -> int:
    """A row's version now (0 when there is no such row)."""
    if table not in VERSIONED_TABLES:
        raise ValueError(f"{table} has no row version")
    row = s.connection().execute(text(f"SELECT version FROM {table} WHERE id = :id"), {"id": row_id}).first()
    return int(row[0]) if row else 0
