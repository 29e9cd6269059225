"""Has anyone else changed the plan? A cheap stamp to poll, and who made the changes since.

Every write records its audit entries in the same transaction, so the highest
audit entry id is a change stamp: it moves exactly when something was saved.
Reading it is one index lookup, cheap enough for a window to ask every few
seconds while the officer is idle (off the window's thread: a reader may wait
a moment while another program commits).

Both reads use the store's reading connection (no write lock taken; a database
kept busy gives the plain message) and plain SQL without parameters, the same on
SQLite and PostgreSQL; the numbers put into the text are ints.
"""

from __future__ import annotations

from dataclasses import dataclass

from wsoa_desktop.store.database import Store


@dataclass(frozen=True)
class OthersChanges:
    """The changes saved since a stamp: how many, by whom (others only), and the new stamp."""

    stamp: int
    by_others: tuple[tuple[str, int], ...] = ()

    @property
    def count(self) -> int:
        return sum(n for _, n in self.by_others)

    def summary(self) -> str:
        """ "Updated: 3 changes by Ben Hall" (several people: "by Ben Hall (2), Cara Ng (1)")."""
        total = self.count
        what = f"{total} change{'s' if total != 1 else ''}"
        if len(self.by_others) == 1:
            return f"Updated: {what} by {self.by_others[0][0] or 'someone else'}"
        names = ", ".join(f"{name or 'someone else'} ({n})" for name, n in self.by_others)
        return f"Updated: {what} by {names}"


def read_stamp(store: Store) -> int:
    """The database's change stamp now (0 for a database with no changes recorded)."""
    with store.reading() as con:
        row = con.execute("SELECT MAX(id) FROM audit_entry").fetchone()
    return int(row[0] or 0) if row else 0


def changes_since(store: Store, plan_id: int, stamp: int, me: str) -> OthersChanges:
    """What was saved to ``plan_id`` after ``stamp`` by anyone but ``me``, and the stamp now."""
    with store.reading() as con:
        now_row = con.execute("SELECT MAX(id) FROM audit_entry").fetchone()
        now = int(now_row[0] or 0) if now_row else 0
        if now <= stamp:
            return OthersChanges(now)
        rows = con.execute(
            f'SELECT "by", COUNT(*) FROM audit_entry WHERE id > {int(stamp)} AND id <= {now} '
            f'AND plan_id = {int(plan_id)} GROUP BY "by" ORDER BY COUNT(*) DESC, "by"').fetchall()
    return OthersChanges(now, tuple((str(name or ""), int(n)) for name, n in rows if (name or "") != me))
