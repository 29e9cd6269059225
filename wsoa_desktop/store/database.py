"""The engine, its one writer connection, and transactions.

Journal mode: rollback journal (``DELETE``), not WAL. The app is a single
writer on a local disk; a rollback journal keeps the database one
self-contained file (a backup or a copy never needs a ``-wal`` beside it), and it
avoids the WAL-reset race between two writing connections fixed only in SQLite
3.52. ``synchronous=FULL`` so a power cut after a commit loses nothing.

Connections come from :mod:`wsoa_desktop.store.sqlite_address` (never a
hand-made ``sqlite:///`` URL), so a folder named ``SEND Papers #3`` or a UNC
share opens the right file, and a file that vanished is never re-created empty.

All access goes through one pooled connection (``pool_size=1``): reads and
writes are serialised, and every write is one ``BEGIN IMMEDIATE`` transaction
that commits whole or rolls back whole.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import cast

from sqlalchemy import event
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Engine
from sqlmodel import Session

from wsoa_desktop.domain.errors import DatabaseError
from wsoa_desktop.store import schema_version
from wsoa_desktop.store.sqlite_address import sqlite_engine


def _on_connect(dbapi_con: sqlite3.Connection, _record: object) -> None:
    # Let SQLAlchemy's BEGIN control transactions (pysqlite's own handling is off).
    dbapi_con.isolation_level = None
    cur = dbapi_con.cursor()
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA journal_mode = DELETE")
    cur.execute("PRAGMA synchronous = FULL")
    cur.execute("PRAGMA busy_timeout = 5000")
    cur.close()


def _on_begin(con) -> None:  # type: ignore[no-untyped-def]
    con.exec_driver_sql("BEGIN IMMEDIATE")


class Store:
    """One open database file."""

    def __init__(self, path: Path | str, *, notices: list[str] | None = None) -> None:
        self.path = Path(path)
        #: Things the officer should be told about this file (a crash recovered on opening).
        self.notices: list[str] = list(notices or [])
        self.engine: Engine = sqlite_engine(
            self.path,
            timeout=5,
            pool_size=1,
            max_overflow=0,
            pool_timeout=30,
        )
        event.listen(self.engine, "connect", _on_connect)
        event.listen(self.engine, "begin", _on_begin)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session for reading (it still runs inside one transaction)."""
        with Session(self.engine, expire_on_commit=False) as s:
            yield s

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: commits on success, rolls back on any error."""
        with Session(self.engine, expire_on_commit=False) as s:
            try:
                yield s
                s.commit()
            except (sqlite3.OperationalError, sa_exc.OperationalError) as exc:
                s.rollback()
                raise _friendly(exc, self.path) from exc
            except Exception:
                s.rollback()
                raise

    def raw(self) -> sqlite3.Connection:
        """The pooled DB-API connection, for fast bulk reads (close it to hand it back)."""
        # The pool's proxy behaves as the sqlite3 connection it wraps (execute, cursor, close).
        return cast(sqlite3.Connection, self.engine.raw_connection())

    def close(self) -> None:
        self.engine.dispose()


def _friendly(exc: Exception, path: Path) -> DatabaseError:
    text = str(getattr(exc, "orig", None) or exc)  # SQLite's words, never SQLAlchemy's SQL echo
    if "locked" in text or "busy" in text:
        return DatabaseError(f"{path} is in use by another program (another copy of WSOA Desktop, or a "
                             "backup or sync tool) and stayed busy for 5 seconds, so nothing was saved. "
                             "Close the other program or try again in a moment.")
    if "readonly" in text or "read-only" in text:
        return DatabaseError(f"{path} is read-only. Copy it to a folder you can write to.")
    if "disk" in text and "full" in text:
        return DatabaseError("The disk is full. Free some space and try again; nothing was saved.")
    return DatabaseError(f"The database could not be written: {text}")


def open_store(path: Path | str, *, create: bool = True) -> Store:
    """Open (creating or migrating as needed) the database at ``path``.

    ``create=False`` refuses a missing file. A missing folder is always refused:
    a mistyped path must never leave new folders behind (the caller creates the
    app's own data folder itself, when the officer agreed to a new database there).
    A database from a newer version, another program's database or a non-SQLite
    file is refused with :class:`DatabaseError` before anything is written.
    """
    from wsoa_desktop.paths import SERVER_MODE_UNAVAILABLE, is_address

    if is_address(path):
        raise DatabaseError(f"“{path}” is a server address: {SERVER_MODE_UNAVAILABLE}")
    path = Path(path)
    if not path.exists():
        if not create:
            raise DatabaseError(f"There is no database at {path}.")
        if not path.parent.is_dir():
            raise DatabaseError(f"The folder {path.parent} does not exist, so no database was created there. "
                                "Check the path, or create the folder first.")
    elif path.is_dir():
        raise DatabaseError(f"{path} is a folder. Give a database file name such as plan.db.")
    check = schema_version.check_database(path)
    if check.revision != schema_version.HEAD:
        from wsoa_desktop.store.migrate import upgrade

        try:
            upgrade(path)
        except OSError as exc:
            raise DatabaseError(f"Cannot write {path}: {exc}. Choose a folder you can write to.") from exc
        except (sqlite3.OperationalError, sa_exc.OperationalError) as exc:
            raise _friendly(exc, path) from exc
    return Store(path, notices=[check.notice] if check.notice else [])
