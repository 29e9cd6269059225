"""What a plan's own papers record beside its ratings: dated progress, revised targets and the
version history, written into the plan in the caller's transaction.

These are history, brought in whole by a plan import or a plan file, never
decided here. Ratings, progress text, reasons and the status words written beside
a rating ("On track") are not written here: the status service
(``services/status.py``, ``HistoricStatus.status_text``) writes all of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session

from wsoa_desktop.domain.target_dates import parse_target
from wsoa_desktop.services.status import stamp

_AUDIT_SQL = ("INSERT INTO audit_entry (plan_id, at, by, entity, ref, field_name, old_value, new_value, "
              "operation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")


def _action_ids(con: Any, plan_id: int) -> dict[str, int]:
    return dict(con.exec_driver_sql("SELECT ref, id FROM action WHERE plan_id = ?", (plan_id,)).fetchall())


@dataclass(frozen=True)
class DatedEntry:
    """One progress entry of an item's history."""

    ref: str
    date_text: str
    on_date: date | None
    text: str


def record_progress_entries(s: Session, plan_id: int, entries: Iterable[DatedEntry]) -> int:
    con = s.connection()
    ids = _action_ids(con, plan_id)
    position: dict[str, int] = {}
    rows = []
    for e in entries:
        position[e.ref] = position.get(e.ref, -1) + 1
        rows.append((ids[e.ref], e.on_date.isoformat() if e.on_date else None, e.date_text, e.text,
                     position[e.ref]))
    if rows:
        con.exec_driver_sql("INSERT INTO progress_entry (action_id, on_date, date_text, text, position) "
                            "VALUES (?, ?, ?, ?, ?)", rows)
    return len(rows)


@dataclass(frozen=True)
class EarlierTarget:
    """A target revision as the papers record it: from ``old`` to ``new``."""

    ref: str
    old: str
    new: str
    reason: str = ""
    by: str = ""
    at: datetime | None = None


def record_target_revisions(s: Session, plan_id: int, revisions: Iterable[EarlierTarget], *, by: str) -> int:
    con = s.connection()
    ids = _action_ids(con, plan_id)
    now = stamp()
    rows = []
    for r in revisions:
        old, new = parse_target(r.old), parse_target(r.new)
        rows.append((ids[r.ref], r.old, old.due.isoformat() if old.due else None, r.new,
                     new.due.isoformat() if new.due else None, r.reason, r.by or by,
                     stamp(r.at) if r.at else now))
    if rows:
        con.exec_driver_sql("INSERT INTO target_revision (action_id, old_text, old_due, new_text, new_due, "
                            "reason, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return len(rows)


@dataclass(frozen=True)
class RecordedVersion:
    """A line of a version-history table: a version of the plan the app never held a copy of."""

    number: int
    at: datetime
    by: str
    summary: str
    source: str
    period_label: str = ""


def record_versions(s: Session, plan_id: int, versions: Iterable[RecordedVersion]) -> int:
    """Add version-history lines (no snapshot: ``snapshot`` and ``sha256`` empty, ``source`` says whence)."""
    rows = [(plan_id, v.number, stamp(v.at), v.by, v.summary, v.period_label, "", "", v.source)
            for v in versions]
    if rows:
        s.connection().exec_driver_sql(
            "INSERT INTO plan_version (plan_id, number, published_at, published_by, summary, period_label, "
            "snapshot, sha256, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return len(rows)
