"""Opening a database on a PostgreSQL server: the engine, and the one SQL dialect seam.

The app's plain SQL (the plan reader, the status writer, bulk imports) is written
once, with SQLite's ``?`` placeholders. On a server connection every cursor is a
:class:`QmarkCursor`, which turns those placeholders into psycopg's ``%s`` (and a
literal ``%`` into ``%%``) before the query is sent, so each query exists in one
copy and runs on both engines. SQLAlchemy's own statements (the ORM) pass their
parameters by name and are left alone.

Sessions use the UTC time zone (times are stored without a zone, as in SQLite),
wait at most 5 seconds for another officer's lock (then the same plain "in use"
message a busy SQLite file gives), and say who they are (``application_name``).

psycopg is imported only here and only when a server database is opened: without
the ``server`` extra the officer gets :data:`~wsoa_desktop.store.server_address.NO_DRIVER`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from wsoa_desktop.domain.errors import DatabaseError
from wsoa_desktop.store.server_address import NO_DRIVER, ServerAddress

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

#: How long a statement waits for another connection's lock before giving up (as SQLite's busy timeout).
LOCK_TIMEOUT_MS = 5000
CONNECT_TIMEOUT_S = 5

_TOKEN = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|\?|%")


@lru_cache(maxsize=1024)
def qmark_to_format(sql: str) -> str:
    """``?`` placeholders (outside quotes) become ``%s``; every ``%`` becomes ``%%``."""
    if "?" not in sql and "%" not in sql:
        return sql

    def swap(m: re.Match[str]) -> str:
        token = m.group(0)
        if token == "?":
            return "%s"
        if token == "%":
            return "%%"
        return token.replace("%", "%%")

    return _TOKEN.sub(swap, sql)


def _driver() -> Any:
    try:
        import psycopg
    except ImportError as exc:
        raise DatabaseError(f"This is a server address: {NO_DRIVER}") from exc
    return psycopg


@lru_cache(maxsize=1)
def qmark_cursor_class() -> type:
    """The psycopg cursor class that reads ``?`` placeholders (made once, when psycopg is there)."""
    psycopg = _driver()

    class QmarkCursor(psycopg.Cursor):  # type: ignore[misc, name-defined]
        """A psycopg cursor that also accepts the SQLite-style ``?`` placeholders."""

        def execute(self, query: Any, params: Any = None, **kwargs: Any) -> Any:
            if params is not None and isinstance(query, str) and not isinstance(params, Mapping):
                query = qmark_to_format(query)
            return super().execute(query, params, **kwargs)

        def executemany(self, query: Any, params_seq: Iterable[Any], **kwargs: Any) -> Any:
            if isinstance(query, str):
                rows = params_seq if isinstance(params_seq, Sequence) else list(params_seq)
                if not rows:
                    return None
                if not isinstance(rows[0], Mapping):
                    query = qmark_to_format(query)
                params_seq = rows
            return super().executemany(query, params_seq, **kwargs)

    return QmarkCursor


@lru_cache(maxsize=1)
def untyped_int_dumper() -> type:
    """Python ints sent as untyped literals, so the server reads them as the column's type.

    SQLite has no boolean type: the app's SQL passes 0 and 1 for flags, as SQLite
    stores them. PostgreSQL refuses a ``smallint`` for a ``boolean`` column, but
    reads an untyped ``0`` or ``1`` as one (and an untyped ``42`` as any number type).
    """
    from psycopg.adapt import Dumper

    class UntypedIntDumper(Dumper):
        oid = 0

        def dump(self, obj: int) -> bytes:
            return str(int(obj)).encode()

    return UntypedIntDumper


def prepare_connection(dbapi_con: Any) -> None:
    """``?`` placeholders and untyped ints on every cursor of this psycopg connection."""
    dbapi_con.cursor_factory = qmark_cursor_class()
    dbapi_con.adapters.register_dumper(int, untyped_int_dumper())


def connect_args() -> dict[str, Any]:
    return {
        "connect_timeout": CONNECT_TIMEOUT_S,
        "application_name": "WSOA Desktop",
        "options": f"-c timezone=UTC -c lock_timeout={LOCK_TIMEOUT_MS}",
    }


def _on_connect(dbapi_con: Any, _record: object) -> None:
    prepare_connection(dbapi_con)


def server_engine(address: ServerAddress, **engine_options: Any) -> Engine:
    """A SQLAlchemy engine on the server database (no connection is made yet)."""
    _driver()
    from sqlalchemy import create_engine, event

    engine_options.setdefault("pool_pre_ping", True)
    engine = create_engine(address.sqlalchemy_url, connect_args=connect_args(), **engine_options)
    event.listen(engine, "connect", _on_connect)
    return engine


def connect(address: ServerAddress) -> Any:
    """A plain psycopg connection (``?`` placeholders accepted), with the app's session settings.

    An unreachable server or a missing database raises :class:`DatabaseError` (one line).
    """
    psycopg = _driver()
    try:
        con = psycopg.connect(address.url.replace("postgresql+psycopg://", "postgresql://", 1),
                              **connect_args())
    except psycopg.OperationalError as exc:
        raise unreachable(address, exc) from exc
    prepare_connection(con)
    return con


def unreachable(address: ServerAddress, exc: BaseException) -> DatabaseError:
    """The one line for a server that cannot be reached, or a database that is not there."""
    text = str(getattr(exc, "orig", None) or exc).strip()
    first = text.splitlines()[0] if text else type(exc).__name__
    first = re.sub(r"^connection to server .*? failed: ", "", first)
    if "does not exist" in first and "database" in first:
        return DatabaseError(f"There is no {address.where}. Ask IT to create it (createdb {address.dbname}), "
                             "or check the address; nothing was created.")
    if "authentication" in first or "password" in first or "role" in first:
        return DatabaseError(f"The server refused the connection to {address.where} ({first}). Check the "
                             "user name in the address, or ask IT for access.")
    return DatabaseError(f"Cannot reach the {address.where} ({first}). Check the address and that the "
                         "server is running, or ask IT; nothing was changed.")


def friendly(exc: BaseException, address: ServerAddress) -> DatabaseError:
    """A server error during reading or writing, as one plain line."""
    text = str(getattr(exc, "orig", None) or exc).strip()
    first = text.splitlines()[0] if text else type(exc).__name__
    if "lock timeout" in first or "could not obtain lock" in first or "deadlock" in first:
        return DatabaseError(f"The {address.where} is in use by another officer or program and stayed busy "
                             "for 5 seconds, so nothing was saved. Try again in a moment.")
    if "read-only" in first or "permission denied" in first:
        return DatabaseError(f"You may not change the {address.where} ({first}). Ask IT for access.")
    if "terminat" in first or "connection" in first or "server closed" in first:
        return DatabaseError(f"The connection to the {address.where} was lost ({first}); nothing more was "
                             "saved. Check the network and try again.")
    return DatabaseError(f"The {address.where} could not be used: {first}")


def table_names(engine: Engine) -> set[str]:
    from sqlalchemy import inspect

    return set(inspect(engine).get_table_names())


def read_revision(engine: Engine) -> str | None:
    """The schema revision Alembic recorded on the server (None when there is none)."""
    from sqlalchemy import text

    if "alembic_version" not in table_names(engine):
        return None
    with engine.connect() as con:
        row = con.execute(text("SELECT version_num FROM alembic_version")).first()
    return str(row[0]) if row else None


def reset_sequences(con: Any, tables: Iterable[str]) -> None:
    """After rows were copied in with their ids, make each table's next id follow the largest one.

    ``con`` is a psycopg connection; tables without a generated ``id`` are left alone.
    """
    wanted = set(tables)
    rows = con.execute("SELECT table_name FROM information_schema.columns WHERE column_name = 'id' "
                       "AND table_schema = current_schema() AND column_default LIKE 'nextval%'",
                       ()).fetchall()
    for (table,) in rows:
        if table in wanted:
            con.execute(f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                        f"COALESCE((SELECT MAX(id) FROM \"{table}\"), 0) + 1, false)")
