"""Looking at a test's database from outside the app, on either engine.

Tests check that a refused change left the database exactly as it was, count
rows, or play "another program" that edits the tables behind the app's back.
On SQLite that is the file (its bytes, or a second ``sqlite3`` connection); on
the PostgreSQL test server it is every row of every table, or a second psycopg
connection that takes the same ``?`` queries.
"""

from __future__ import annotations

import hashlib
import sqlite3
from typing import Any

from wsoa_desktop.store.database import Store


def other_connection(store: Store) -> Any:
    """A second connection to ``store``'s database, as another program would open (``?`` queries)."""
    if store.address is not None:
        from wsoa_desktop.store.server import connect

        return connect(store.address)
    return sqlite3.connect(store.path)


def db_errors(store: Store) -> tuple[type[BaseException], ...]:
    """The driver's error classes for ``store``'s engine."""
    if store.address is not None:
        import psycopg

        return (psycopg.Error,)
    return (sqlite3.DatabaseError,)


def fingerprint(store: Store) -> object:
    """Something equal before and after only when nothing at all changed (the file's bytes, or every row)."""
    if store.address is None:
        return hashlib.sha256(store.path.read_bytes()).hexdigest()
    from sqlmodel import SQLModel

    out = {}
    with store.engine.connect() as con:
        for table in SQLModel.metadata.sorted_tables:
            order = list(table.primary_key.columns) or list(table.columns)
            out[table.name] = [tuple(r) for r in con.execute(table.select().order_by(*order))]
    return out


def drop_trigger(store: Store, con: Any, name: str, table: str) -> None:
    """Remove a guard trigger the way someone with a database tool would."""
    con.execute(f"DROP TRIGGER {name}" + (f" ON {table}" if store.address is not None else ""))
