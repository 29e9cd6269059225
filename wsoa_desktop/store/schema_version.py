"""Is this file a WSOA Desktop database, at which schema revision, and is all of it there?

Opening a database whose schema is current must stay cheap (Alembic costs most of
a second to import), so the revision is read with plain ``sqlite3`` and Alembic is
imported only when there is something to migrate. The tables, columns and
triggers are compared with what that revision must have
(:mod:`wsoa_desktop.store.schema_manifest`), so a damaged database or backup is
refused with a plain message instead of failing later with a traceback.

A crash (the app killed, the laptop's battery gone) in the middle of a save can
leave a *hot journal*, ``plan.db-journal``: the unfinished change's undo record.
SQLite rolls it back the next time the file is opened for writing, but it cannot
do so on a read-only connection, which then fails ("attempt to write a readonly
database") and made an intact database look foreign. So before reading, a hot
journal is recovered with one read-write open, and the officer is told
(:data:`NOTICE_LOGGER`; the command line prints it, the window shows it).
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from wsoa_desktop.domain.errors import DatabaseError
from wsoa_desktop.store import sqlite_address
from wsoa_desktop.store.schema_manifest import SCHEMAS, Schema

#: Every revision this build can open, oldest first. The last is the head.
KNOWN_REVISIONS: tuple[str, ...] = ("0001_initial", "0002_versions_immutable", "0004_plan_shapes",
                                   "0005_governance", "0006_impact_measures",
                                   "0007_row_versions")
HEAD = KNOWN_REVISIONS[-1]

#: A table only a WSOA Desktop database has (with the Alembic table).
MARKER_TABLES = {"plan", "action", "priority"}

#: Notices the officer should see (a crash recovered): the CLI prints them on stderr.
NOTICE_LOGGER = "wsoa_desktop.notices"

#: The first bytes of a rollback journal that still holds an unfinished change.
JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")


@dataclass(frozen=True)
class DatabaseCheck:
    """What :func:`check_database` found: the revision, and a notice to show when it recovered a crash."""

    revision: str | None
    notice: str | None = None


def journal_path(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def has_hot_journal(path: Path) -> bool:
    """Is an unfinished change's undo record (a rollback journal with content) beside ``path``?"""
    try:
        with open(journal_path(path), "rb") as f:
            return f.read(len(JOURNAL_MAGIC)) == JOURNAL_MAGIC
    except OSError:
        return False


def recover_interrupted_save(path: Path) -> str | None:
    """Roll back a save that a crash left half done; return the notice to show, or None.

    Opening the database read-write once is what makes SQLite roll the hot
    journal back; then the file is exactly as it was before the unfinished save.
    Raises :class:`DatabaseError` when it cannot be done (a read-only folder).
    """
    path = Path(path)
    if not path.is_file() or not has_hot_journal(path):
        return None
    try:
        con = sqlite_address.connect(path, timeout=10)
        try:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            con.close()
    except sqlite3.Error as exc:
        text = str(exc).lower()
        why = ("the folder or file is read-only" if "readonly" in text or "read-only" in text
               else "it is in use by another program" if "locked" in text or "busy" in text
               else "it could not be written")
        raise DatabaseError(
            f"{path} was left half-saved when WSOA Desktop or the computer stopped, and the unfinished "
            f"change could not be undone because {why}. Copy {path.name} together with "
            f"{journal_path(path).name} to a folder you can write to and open it there."
        ) from exc
    if has_hot_journal(path):
        return None  # another program is in the middle of a save: not a crash, nothing to say
    notice = (f"{path} was not closed properly last time (WSOA Desktop or the computer stopped in the "
              "middle of saving). The unfinished change was undone; everything saved before it is intact.")
    logging.getLogger(NOTICE_LOGGER).warning(notice)
    return notice


def expected_schema(revision: str) -> Schema | None:
    """The tables, columns and triggers a database at ``revision`` must have (None when unknown).

    Should the head ever lack its entry in the manifest, the models stand in for it.
    """
    schema = SCHEMAS.get(revision)
    if schema is None and revision == HEAD:
        from sqlmodel import SQLModel

        tables = {t.name: frozenset(c.name for c in t.columns) for t in SQLModel.metadata.sorted_tables}
        schema = Schema({**tables, "alembic_version": frozenset({"version_num"})})
    return schema


def missing_parts(con: sqlite3.Connection, revision: str) -> list[str]:
    """What the database on ``con`` lacks of its revision's schema, in words ("the table x")."""
    schema = expected_schema(revision)
    if schema is None:
        return []
    have: dict[str, set[str]] = {}
    for table, column in con.execute(
            "SELECT m.name, p.name FROM sqlite_master AS m JOIN pragma_table_info(m.name) AS p "
            "WHERE m.type = 'table'"):
        have.setdefault(table, set()).add(column)
    triggers = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    missing: list[str] = []
    for table in sorted(schema.tables):
        if table not in have:
            missing.append(f"the table {table}")
            continue
        missing.extend(f"the column {table}.{c}" for c in sorted(schema.tables[table] - have[table]))
    missing.extend(f"the safeguard {t}" for t in sorted(schema.triggers - triggers))
    return missing


def describe_missing(missing: list[str]) -> str:
    """The missing parts in a phrase: ``the table status_update``, or the first two and how many more."""
    if len(missing) <= 2:
        return " and ".join(missing)
    return f"{missing[0]}, {missing[1]} and {len(missing) - 2} more parts"


def read_revision_from(con: sqlite3.Connection, path: Path) -> str | None:
    """The revision of the database open on ``con`` (None when it has no tables at all).

    Raises :class:`DatabaseError` for another program's database or a newer schema,
    and :class:`sqlite3.DatabaseError` when SQLite cannot read the file.
    """
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if not tables:
        return None
    if "alembic_version" not in tables or not MARKER_TABLES <= tables:
        raise DatabaseError(
            f"{path} is a database, but not a WSOA Desktop one. "
            "Choose a WSOA Desktop database (.db) or a new file name."
        )
    row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    revision = row[0] if row else None
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise DatabaseError(
            f"{path} was written by a newer version of WSOA Desktop (schema {revision}). "
            "Install the latest version to open it; the file has not been changed."
        )
    return revision


def check_database(path: Path) -> DatabaseCheck:
    """The database's schema revision (None for a new, empty file), after recovering a crash.

    Raises :class:`DatabaseError` with advice for a file that is not SQLite, is
    another program's database, was written by a newer WSOA Desktop, or lacks
    part of its schema.
    """
    path = Path(path)
    notice = recover_interrupted_save(path)
    if not path.exists() or path.stat().st_size == 0:
        return DatabaseCheck(None, notice)
    try:
        con = sqlite_address.connect(path, read_only=True, timeout=5)
    except sqlite3.Error as exc:
        raise DatabaseError(f"Cannot open {path}: {exc}. Check the file and folder permissions.") from exc
    try:
        revision = read_revision_from(con, path)
        missing = missing_parts(con, revision) if revision else []
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
    if missing:
        raise DatabaseError(
            f"{path} is damaged: {describe_missing(missing)} is missing, so it cannot be opened. "
            "Restore your last good backup; the file has not been changed."
        )
    return DatabaseCheck(revision, notice)


def read_revision(path: Path) -> str | None:
    """As :func:`check_database`, the revision only (a recovery notice still goes to the log)."""
    return check_database(path).revision
