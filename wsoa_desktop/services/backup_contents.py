"""What a database holds, counted the same way for the live file, a snapshot, a backup and a restore.

Why: a hash proves a copy has the bytes of what it was copied from, not that
what was copied was the officer's database. When an address went wrong, an
empty database was snapshotted, hashed, copied, found identical, and called a
verified backup. So backup, verify and restore also count what they read through
SQLite (plans, priorities, actions and sub-actions, ratings) and compare the
counts with the source (and :func:`wsoa_desktop.store.sqlite_address.connect`
checks that SQLite opened the file it was given).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class PlanHeld:
    """One plan in a database, by its counts."""

    id: int
    title: str
    priorities: int
    actions: int  # actions and sub-actions
    ratings: int  # status updates, every period
    last_period: str | None


_PLANS_SQL = """
SELECT p.id, p.title,
       (SELECT count(*) FROM priority WHERE plan_id = p.id),
       (SELECT count(*) FROM action WHERE plan_id = p.id),
       (SELECT count(*) FROM status_update AS s JOIN reporting_period AS r ON r.id = s.period_id
         WHERE r.plan_id = p.id),
       (SELECT label FROM reporting_period WHERE plan_id = p.id ORDER BY position DESC LIMIT 1)
  FROM plan AS p ORDER BY p.id
"""


def plans_held(con: sqlite3.Connection) -> list[PlanHeld]:
    """Every plan with its counts (call inside the read transaction that matters)."""
    return [PlanHeld(*row) for row in con.execute(_PLANS_SQL).fetchall()]


def last_change(con: sqlite3.Connection) -> datetime | None:
    row = con.execute("SELECT max(at) FROM audit_entry").fetchone()
    if not row or not row[0]:
        return None
    try:
        return datetime.fromisoformat(str(row[0]))
    except ValueError:
        return None


def difference(expected: list[PlanHeld], found: list[PlanHeld]) -> str | None:
    """The first way ``found`` differs from ``expected``, in words; None when they agree."""
    if len(expected) != len(found):
        return f"{len(expected)} plan(s) expected, {len(found)} found"
    for want, got in zip(expected, found, strict=True):
        if want == got:
            continue
        for what, a, b in (("title", want.title, got.title), ("priorities", want.priorities, got.priorities),
                           ("actions and sub-actions", want.actions, got.actions),
                           ("ratings", want.ratings, got.ratings), ("id", want.id, got.id),
                           ("last period", want.last_period, got.last_period)):
            if a != b:
                return f"plan {want.id}: {what} {a!r} expected, {b!r} found"
    return None

