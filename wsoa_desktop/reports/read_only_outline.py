"""Read a plan for printing with plain ``sqlite3``, so ``report`` starts in a fraction of a second.

Importing SQLAlchemy and SQLModel costs about half a second — more than laying
out the sample appendix. A report only reads, so when the database's schema is
already current (checked without Alembic, as :func:`open_store` does) the command
line opens the file read-only and reads it with the same reader the services use
(:mod:`wsoa_desktop.store.outline_reader`). When the schema needs upgrading,
:func:`fast_outline` returns None and the caller opens the store the usual way.
"""

from __future__ import annotations

from pathlib import Path

from wsoa_desktop.domain.outline import PlanOutline
from wsoa_desktop.store.outline_reader import read_outline, resolve_plan_id


def fast_outline(db_path: Path, plan: str | int | None, period_label: str | None) -> PlanOutline | None:
    """The plan read-only, or None when the schema is not current (open the store instead)."""
    from wsoa_desktop.store import schema_version, sqlite_address

    if not db_path.exists() or schema_version.read_revision(db_path) != schema_version.HEAD:
        return None
    con = sqlite_address.connect(db_path, read_only=True, timeout=5)
    try:
        cur = con.cursor()
        return read_outline(cur, resolve_plan_id(cur, plan), period_label)
    finally:
        con.close()
