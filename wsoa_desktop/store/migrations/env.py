"""Alembic environment: batch mode for SQLite, constraint names from the models."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, event, pool
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from wsoa_desktop.store import models  # noqa: F401  (imported to register every table)

config = context.config
target_metadata = SQLModel.metadata


def _fk_on(dbapi_con, _record) -> None:  # type: ignore[no-untyped-def]
    if type(dbapi_con).__module__.startswith("sqlite3"):
        dbapi_con.execute("PRAGMA journal_mode = DELETE")


def _engine() -> Engine:
    """The database named by ``migrate.alembic_config`` (a path), else a URL given to Alembic by hand."""
    address = config.attributes.get("database_address")
    if address is not None:
        from wsoa_desktop.store.server import server_engine

        return server_engine(address, poolclass=pool.NullPool)
    path = config.attributes.get("database_path")
    if path is not None:
        from wsoa_desktop.store.sqlite_address import sqlite_engine

        return sqlite_engine(path, create=True, poolclass=pool.NullPool)
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("No database given to the migrations (sqlalchemy.url is empty).")
    return create_engine(url, poolclass=pool.NullPool)


def run_migrations_online() -> None:
    engine = _engine()
    event.listen(engine, "connect", _fk_on)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,
            transaction_per_migration=True,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"),
                      target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
