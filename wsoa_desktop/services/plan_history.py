"""What a plan's own papers record beside its ratings: status words, dated progress, revised
targets and the version history, written into the plan in the caller's transaction.

These are history, brought in whole by a plan import or a plan file, never
decided here: the status service (``services/status.py``) writes every rating,
progress text and reason. ``record_status_texts`` only sets the words written
beside a rating ("On track") on status rows that service has just recorded, with
an audit entry, so the rule "ratings are written by the status service" holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session

from wsoa_desktop.domain.target_dates import parse_target
from wsoa_desktop.services.status import find_period_row, stamp

_AUDIT_SQL = ("INSERT INTO audit_entry (plan_id, at, by, entity, ref, field_name, old_value, new_value, "
              "operation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")


def _action_ids(con: Any, plan_id: int) -> dict[str, int]:
    return dict(con.exec_driver_sql("SELECT ref, id FROM action WHERE plan_id = ?", (plan_id,)).fetchall())


def record_status_texts(s: Session, plan_id: int, period_label: str, texts: dict[str, str], *, by: str) -> int:
    """Set the status words of items already rated in ``period_label``; returns how many were set."""
    texts = {ref: text for ref, text in texts.items() if text.strip()}
    if not texts:
        return 0
    con = s.connection()
    period = find_period_row(con, plan_id, period_label)
    ids = _action_ids(con, plan_id)
    rows = [(text, ids[ref], period.id) for ref, text in texts.items() if ref in ids]
    con.exec_driver_sql("UPDATE status_update SET status_text = ? WHERE action_id = ? AND period_id = ?", rows)
    con.exec_driver_sql(_AUDIT_SQL, (plan_id, stamp(), by, "status", "", f"status text {period.label}", "",
                                     f"{len(rows)} status texts recorded from the plan's history", "create"))
    return len(rows)


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
