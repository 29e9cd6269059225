"""Backups of a server database, and restoring a backup into one: the same portable SQLite file.

A backup is always one SQLite file (``…wsoa.db``) whatever the officer works in,
so it restores onto a laptop, opens in any SQLite tool and passes the same
checks (integrity, schema, counts, SHA-256) as a backup of a local file. For a
server database the file is made here, row by row, from one *repeatable read*
transaction on the server (everything copied is of the same moment), in a file
migrated to the server's own schema revision, and it must then hold the same
plans, items and ratings as the server did in that transaction.

Restoring into a server goes the other way, in one server transaction: the
backup's rows replace the server's (only when the officer confirmed, if there
are any), each table's next id follows the copied ones, and the counts are
checked before it commits. Any failure rolls everything back.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

from wsoa_desktop.domain.errors import WsoaError
from wsoa_desktop.services.backup_contents import PlanHeld, difference, plans_held
from wsoa_desktop.store import schema_version, sqlite_address
from wsoa_desktop.store.server_address import ServerAddress

#: How many rows go to the other database per batch.
BATCH = 2000


def _tables(con: sqlite3.Connection) -> list[tuple[str, list[str]]]:
    """The tables of the app's schema (parents first) that the SQLite file holds, with their columns."""
    from sqlmodel import SQLModel

    from wsoa_desktop.store import models  # noqa: F401  (registers every table)

    present = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    out = []
    for table in SQLModel.metadata.sorted_tables:
        if table.name in present:
            columns = [r[1] for r in con.execute(f'PRAGMA table_info("{table.name}")')]
            out.append((table.name, columns))
    return out


def _sqlite_value(value: Any) -> Any:
    """A server value as SQLAlchemy writes it in SQLite (times with microseconds, days as ISO text)."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, memoryview):
        return bytes(value)
    return value


@contextmanager
def _server(address: ServerAddress, *, read_only: bool) -> Iterator[Any]:
    """A psycopg connection in one transaction (repeatable read: one moment for every table)."""
    import psycopg

    from wsoa_desktop.store.server import connect

    con = connect(address)
    try:
        con.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        con.read_only = read_only
        with con.transaction():
            yield con
    finally:
        con.close()


def snapshot_server(address: ServerAddress, target: Path) -> tuple[str, list[PlanHeld]]:
    """Write the server database into a new SQLite file ``target`` (local disk).

    Returns the schema revision and what the server held, read in the same
    transaction as the copy. Raises :class:`WsoaError` subclasses with one line.
    """
    from wsoa_desktop.services.backup import BackupError, plain_error
    from wsoa_desktop.store.migrate import upgrade

    try:
        with _server(address, read_only=True) as src:
            revision = _server_revision(src)
            if revision is None:
                raise BackupError(f"The {address.where} holds no WSOA Desktop data yet, so there is nothing "
                                  "to back up; no backup was made.")
            if revision != schema_version.HEAD:
                raise BackupError(f"The {address.where} is at an older schema ({revision}); open it in WSOA "
                                  "Desktop once (which updates it), then back it up. No backup was made.")
            held = plans_held(src)
            upgrade(target, revision)
            dst = sqlite_address.connect(target)
            try:
                for table, columns in _tables(dst):
                    if table == "alembic_version":
                        continue
                    names = ", ".join(f'"{c}"' for c in columns)
                    marks = ", ".join("?" * len(columns))
                    cur = src.cursor()
                    cur.execute(f'SELECT {names} FROM "{table}" ORDER BY 1')
                    while rows := cur.fetchmany(BATCH):
                        dst.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})',
                                        [tuple(_sqlite_value(v) for v in row) for row in rows])
                dst.commit()
                result = [r[0] for r in dst.execute("PRAGMA integrity_check").fetchall()]
                if result != ["ok"]:
                    raise BackupError(f"The backup file made from the {address.where} failed its integrity "
                                      f"check ({result[0]}); no backup was made. Try again.")
            finally:
                dst.close()
    except WsoaError:
        raise
    except Exception as exc:  # the driver's or SQLite's error: one line, never a traceback
        raise BackupError(f"Could not copy the {address.where} into a backup: {plain_error(exc)}. "
                          "No backup was made.") from exc
    return revision, held


def _server_revision(con: Any) -> str | None:
    exists = con.execute("SELECT to_regclass('alembic_version')").fetchone()[0]
    if exists is None:
        return None
    row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    return str(row[0]) if row else None


def server_holds_data(address: ServerAddress) -> bool:
    """Does the server database hold any plan (so a restore would replace something)?"""
    with _server(address, read_only=True) as con:
        return _server_revision(con) is not None and bool(con.execute("SELECT 1 FROM plan LIMIT 1").fetchone())


class ReplaceNeeded(WsoaError):
    """A restore would replace a server database's plans, and the officer has not said so."""


def restore_into_server(staged: Path, address: ServerAddress, expected: list[PlanHeld], *,
                        replace: bool) -> None:
    """Load the verified backup copy ``staged`` (at the current schema) into the server, all or nothing.

    A server database that already holds a plan is replaced only with ``replace``.
    """
    from wsoa_desktop.services.backup import plain_error
    from wsoa_desktop.services.restore import RestoreError
    from wsoa_desktop.store.database import open_store
    from wsoa_desktop.store.server import reset_sequences

    open_store(address).close()  # sets up an empty database, brings an older one to this schema
    src = sqlite_address.connect(staged, read_only=True)
    try:
        tables = [(t, c) for t, c in _tables(src) if t != "alembic_version"]
        with _server(address, read_only=False) as dst:
            if dst.execute("SELECT 1 FROM plan LIMIT 1").fetchone() and not replace:
                raise ReplaceNeeded(f"The {address.where} already holds plans, and restoring replaces all of "
                                    "them with the backup's; nothing was changed.")
            dst.execute("TRUNCATE " + ", ".join(f'"{t}"' for t, _ in tables) + " RESTART IDENTITY CASCADE")
            for table, columns in tables:
                names = ", ".join(f'"{c}"' for c in columns)
                marks = ", ".join("?" * len(columns))
                cur = src.execute(f'SELECT {names} FROM "{table}"')
                while rows := cur.fetchmany(BATCH):
                    dst.cursor().executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)
            reset_sequences(dst, [t for t, _ in tables])
            problem = difference(expected, plans_held(dst))
            if problem:
                raise RestoreError(f"The {address.where} did not hold what the backup holds once loaded "
                                   f"({problem}); nothing was changed.")
    except WsoaError:
        raise
    except Exception as exc:
        raise RestoreError(f"Could not load the backup into the {address.where}: {plain_error(exc)}. "
                           "Nothing was changed.") from exc
    finally:
        src.close()

