"""Which schema revisions this build knows, checked without importing Alembic.

Opening a database whose schema is current must stay cheap (Alembic costs most of
a second to import), so the revision is read with plain ``sqlite3`` and Alembic is
imported only when there is something to migrate.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from wsoa_desktop.domain.errors import DatabaseError

#: Every revision this build can open, oldest first. The last is the head.
KNOWN_REVISIONS: tuple[str, ...] = ("0001_initial", "0002_versions_immutable")
HEAD = KNOWN_REVISIONS[-1]

#: A table only a WSOA Desktop database has (with the Alembic table).
MARKER_TABLES = {"plan", "action", "priority"}


def read_revision(path: Path) -> str | None:
    """The database's schema revision; None for a new, empty file.

    Raises :class:`DatabaseError` with advice for a file that is not SQLite, is
    another program's database, or was written by a newer WSOA Desktop.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        con = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error as exc:
        raise DatabaseError(f"Cannot open {path}: {exc}. Check the file and folder permissions.") from exc
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables:
            return None
        if "alembic_version" not in tables or not MARKER_TABLES <= tables:
            raise DatabaseError(
                f"{path} is a database, but not a WSOA Desktop one. "
                "Choose a WSOA Desktop database (.db) or a new file name."
            )
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        if "locked" in str(exc):
            raise DatabaseError(
                f"{path} is in use by another program. Close the other copy of WSOA Desktop "
                "and try again."
            ) from exc
        raise DatabaseError(
            f"{path} is not a WSOA Desktop database (it is not a readable SQLite file: {exc}). "
            "Choose another file."
        ) from exc
    finally:
        con.close()
    revision = row[0] if row else None
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise DatabaseError(
            f"{path} was written by a newer version of WSOA Desktop (schema {revision}). "
            "Install the latest version to open it; the file has not been changed."
        )
    return revision
