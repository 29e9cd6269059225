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
that commits whole or rolls back whole. A reading session begins a *deferred*
transaction, which takes no write lock: another program (or another copy of the
app) may save while the window reads.

A :class:`Store` may also be a database on a PostgreSQL server
(:mod:`wsoa_desktop.store.server`): the same models, the same plain SQL and the
same Alembic migrations run there; :attr:`Store.kind` says which engine it is.
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
from wsoa_desktop.store.server_address import ServerAddress
from wsoa_desktop.store.sqlite_address import sqlite_engine

#: How long a statement waits for another program's lock before the "in use" message (ms).
BUSY_TIMEOUT_MS = 5000


def _on_connect(dbapi_con: sqlite3.Connection, _record: object) -> None:
    # Let SQLAlchemy's BEGIN control transactions (pysqlite's own handling is off).
    dbapi_con.isolation_level = None
    cur = dbapi_con.cursor()
    # The wait comes first: setting the journal mode needs a lock, and must wait no longer.
    cur.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA journal_mode = DELETE")
    cur.execute("PRAGMA synchronous = FULL")
    cur.close()


#: The execution option that marks a write session's connection (its BEGIN takes the write lock).
_WRITE = "wsoa_write"


def _on_begin(con) -> None:  # type: ignore[no-untyped-def]
    # Writes lock at once (no lock upgrade that could fail half-way); reads take no write lock.
    con.exec_driver_sql("BEGIN IMMEDIATE" if con.get_execution_options().get(_WRITE) else "BEGIN")


class Store:
    """One open database: a local SQLite file, or a database on a PostgreSQL server."""

    def __init__(self, location: Path | str | ServerAddress, *, notices: list[str] | None = None) -> None:
        #: Where the database is: a file path, or a server address.
        self.location: Path | ServerAddress = (location if isinstance(location, ServerAddress)
                                               else Path(location))
        #: ``"sqlite"`` or ``"postgresql"``.
        self.kind = "postgresql" if isinstance(self.location, ServerAddress) else "sqlite"
        #: Things the officer should be told about this file (a crash recovered on opening).
        self.notices: list[str] = list(notices or [])
        if isinstance(self.location, ServerAddress):
            from wsoa_desktop.store.server import server_engine

            self.engine: Engine = server_engine(self.location, pool_size=2, max_overflow=2, pool_timeout=30)
            self._write_engine = self.engine
        else:
            self.engine = sqlite_engine(
                self.location,
                timeout=BUSY_TIMEOUT_MS / 1000,
                pool_size=1,
                max_overflow=0,
                pool_timeout=30,
            )
            event.listen(self.engine, "connect", _on_connect)
            event.listen(self.engine, "begin", _on_begin)
            self._write_engine = self.engine.execution_options(**{_WRITE: True})

    @property
    def is_server(self) -> bool:
        return self.kind == "postgresql"

    @property
    def path(self) -> Path:
        """The database file (SQLite only; a server database has an address, :attr:`location`)."""
        if isinstance(self.location, ServerAddress):
            raise DatabaseError(f"{self.location} is a server database, not a file.")
        return self.location

    @property
    def address(self) -> ServerAddress | None:
        return self.location if isinstance(self.location, ServerAddress) else None

    def friendly(self, exc: BaseException) -> DatabaseError:
        """A database error (busy, read-only, unreachable…) as the one plain line the officer sees."""
        if isinstance(self.location, ServerAddress):
            from wsoa_desktop.store.server import friendly

            return friendly(exc, self.location)
        return _friendly(exc, self.location)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session for reading: one transaction that takes no write lock."""
        try:
            with Session(self.engine, expire_on_commit=False) as s:
                yield s
        except Exception as exc:
            if _is_operational(exc):
                raise self.friendly(exc) from exc
            raise

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: commits on success, rolls back on any error."""
        with Session(self._write_engine, expire_on_commit=False) as s:
            try:
                yield s
                s.commit()
            except (sqlite3.OperationalError, sa_exc.OperationalError) as exc:
                s.rollback()
                raise self.friendly(exc) from exc
            except Exception:
                s.rollback()
                raise

    def raw(self) -> sqlite3.Connection:
        """The pooled DB-API connection, for fast bulk reads (close it to hand it back).

        On a server it is psycopg's connection, whose cursors accept the same ``?``
        queries; rows come back as tuples on both engines.
        """
        # The pool's proxy behaves as the connection it wraps (execute, cursor, close).
        try:
            return cast(sqlite3.Connection, self.engine.raw_connection())
        except (sqlite3.OperationalError, sa_exc.OperationalError) as exc:
            raise self.friendly(exc) from exc

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """The pooled DB-API connection for fast bulk reads (the plan reader), handed back afterwards.

        Reads take no write lock. On a server everything read here comes from one
        snapshot (repeatable read), as one consistent plan. A database kept busy by
        another program for more than 5 seconds gives the plain message writes give.
        """
        con = self.raw()
        try:
            if self.is_server:
                con.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield con
        except Exception as exc:
            if _is_operational(exc):
                raise self.friendly(exc) from exc
            raise
        finally:
            con.close()

    def close(self) -> None:
        self.engine.dispose()


def _is_operational(exc: BaseException) -> bool:
    """A driver's "could not do it now" error (busy, locked, connection lost), SQLite's or psycopg's."""
    if isinstance(exc, (sqlite3.OperationalError, sa_exc.OperationalError)):
        return True
    return type(exc).__module__.startswith("psycopg") and any(
        c.__name__ == "OperationalError" for c in type(exc).__mro__)


def _friendly(exc: BaseException, path: Path) -> DatabaseError:
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


def open_store(path: Path | str | ServerAddress, *, create: bool = True) -> Store:
    """Open (creating or migrating as needed) the database at ``path``.

    ``create=False`` refuses a missing file. A missing folder is always refused:
    a mistyped path must never leave new folders behind (the caller creates the
    app's own data folder itself, when the officer agreed to a new database there).
    A database from a newer version, another program's database or a non-SQLite
    file is refused with :class:`DatabaseError` before anything is written.
    """
    from wsoa_desktop.paths import is_address

    if isinstance(path, ServerAddress) or is_address(path):
        from wsoa_desktop.store.server_address import parse_address

        address = path if isinstance(path, ServerAddress) else parse_address(str(path))
        return open_server_store(address, create=create)
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


class NotSetUp(DatabaseError):
    """The server database exists but holds no WSOA Desktop tables yet (``init`` sets them up).

    The window offers to set it up; the command line names the ``init`` command (``address``).
    """

    def __init__(self, text: str, address: ServerAddress) -> None:
        super().__init__(text)
        self.address = address


def open_server_store(address: ServerAddress, *, create: bool = True) -> Store:
    """Open (migrating as needed) the database at a PostgreSQL server ``address``.

    The database itself is never created (IT makes it, once); an empty one is set
    up on the first ``init`` (``create=True``), and refused otherwise, as a missing
    file is. Another program's database and a newer version's are refused before
    anything is written.
    """
    from wsoa_desktop.store import server

    store = Store(address)
    try:
        try:
            tables = server.table_names(store.engine)
            revision = server.read_revision(store.engine) if "alembic_version" in tables else None
        except (sa_exc.OperationalError, sa_exc.InterfaceError) as exc:
            raise server.unreachable(address, exc) from exc
        if revision is None:
            if tables & schema_version.MARKER_TABLES or (tables and "alembic_version" not in tables):
                raise DatabaseError(f"The {address.where} holds another program's tables, not a WSOA Desktop "
                                    "database; nothing was changed. Give the address of the database IT made "
                                    "for WSOA Desktop.")
            if not create:
                raise NotSetUp(f"The {address.where} holds no WSOA Desktop database yet.", address)
        elif revision not in schema_version.KNOWN_REVISIONS:
            raise DatabaseError(f"The {address.where} was made by a newer version of WSOA Desktop (schema "
                                f"{revision}). Install the newer version to open it; nothing was changed.")
        if revision != schema_version.HEAD:
            from wsoa_desktop.store.migrate import upgrade

            try:
                upgrade(address)
            except (sa_exc.OperationalError, sa_exc.InterfaceError) as exc:
                raise store.friendly(exc) from exc
    except BaseException:
        store.close()
        raise
    return store
