"""One store, two engines: a SQLite file and a PostgreSQL server database.

Reading takes no write lock on either; a database kept busy gives the same plain
line for reads as for writes; a server address opens only a server (never a
file or folder named ``postgresql:``), and every way it can fail is one line.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest
from sqlmodel import select

from tests.db_access import other_connection
from wsoa_desktop.domain.errors import DatabaseError
from wsoa_desktop.services.outline import load_outline
from wsoa_desktop.store import database, server
from wsoa_desktop.store.database import NotSetUp, open_store
from wsoa_desktop.store.models import Plan
from wsoa_desktop.store.schema_version import HEAD
from wsoa_desktop.store.server import qmark_to_format
from wsoa_desktop.store.server_address import parse_address


def test_a_reading_session_takes_no_write_lock(sample_store) -> None:  # type: ignore[no-untyped-def]
    other = other_connection(sample_store)
    try:
        with sample_store.session() as s:
            assert s.exec(select(Plan)).first() is not None  # the read transaction has begun
            started = time.perf_counter()
            # Another program saves meanwhile: it must not wait for the reader (it would, for 5 s,
            # and then fail, if reading began with BEGIN IMMEDIATE).
            other.execute("UPDATE plan SET title = title || ? WHERE id = ?", (" (edited)", 1))
            assert time.perf_counter() - started < 2
            other.rollback()
    finally:
        other.close()


def test_a_write_session_takes_the_write_lock_at_once(sample_store) -> None:  # type: ignore[no-untyped-def]
    with sample_store.write() as s:
        s.exec(select(Plan)).first()
        if sample_store.kind == "sqlite":  # BEGIN IMMEDIATE: another writer is kept out from the start
            import sqlite3

            other = sqlite3.connect(sample_store.path, timeout=0.1)
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("UPDATE plan SET title = 'x' WHERE id = 1")
            other.close()


def _busy_store(sample_store, monkeypatch):  # type: ignore[no-untyped-def]
    """Another connection holding every lock, and a store on the same database that waits 0.3 s."""
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 300)
    monkeypatch.setattr(server, "LOCK_TIMEOUT_MS", 300)
    waiting = open_store(sample_store.location, create=False)
    other = other_connection(sample_store)
    if sample_store.kind == "sqlite":
        other.isolation_level = None
        other.execute("BEGIN EXCLUSIVE")
    else:
        other.execute("LOCK TABLE plan, action, status_update IN ACCESS EXCLUSIVE MODE")
    return other, waiting


def test_reads_kept_waiting_give_the_plain_message(sample_store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    other, waiting = _busy_store(sample_store, monkeypatch)
    try:
        with pytest.raises(DatabaseError, match="in use by another") as raised:
            with waiting.session() as s:
                s.exec(select(Plan)).all()
        assert "SELECT" not in str(raised.value)
        with pytest.raises(DatabaseError, match="in use by another"):
            load_outline(waiting, 1)  # the plan reader's own connection too
        with pytest.raises(DatabaseError, match="in use by another"):
            with waiting.write() as s:
                s.exec(select(Plan)).all()
    finally:
        waiting.close()
        other.rollback()
        other.close()


def test_the_question_marks_are_read_the_same_way_on_a_server() -> None:
    sql = "SELECT '?', \"odd?%\" FROM t WHERE a = ? AND b LIKE '%x' AND c = ?"
    assert qmark_to_format(sql) == "SELECT '?', \"odd?%%\" FROM t WHERE a = %s AND b LIKE '%%x' AND c = %s"
    assert qmark_to_format("SELECT 1") == "SELECT 1"
    assert qmark_to_format("SELECT 'it''s ?' WHERE x = ?") == "SELECT 'it''s ?' WHERE x = %s"


def test_an_address_is_read_and_shown_without_its_password() -> None:
    address = parse_address("postgresql://officer:secret@db.council.local:5433/wsoa")
    assert (address.host, address.port, address.dbname, address.user) == ("db.council.local", 5433, "wsoa",
                                                                          "officer")
    assert "secret" not in str(address) and str(address) == "postgresql://officer@db.council.local:5433/wsoa"
    assert address.where == "database wsoa on db.council.local:5433"
    for bad, words in (("mysql://u@h/x", "only PostgreSQL"), ("postgresql://u@h/", "names no database"),
                       ("postgresql://u@h:99999/x", "that can be read")):
        with pytest.raises(DatabaseError, match=words):
            parse_address(bad)


def test_no_driver_is_one_line_and_makes_no_folder(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if the server extra were not installed
    server.qmark_cursor_class.cache_clear()
    try:
        with pytest.raises(DatabaseError, match=r"pip install wsoa-desktop\[server\]") as raised:
            open_store("postgresql://officer@db.council.local/wsoa", create=False)
        assert "\n" not in str(raised.value)
        assert os.listdir(tmp_path) == []
    finally:
        server.qmark_cursor_class.cache_clear()


def test_an_unreachable_server_is_one_line(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DatabaseError, match=r"Cannot reach the database wsoa on 127\.0\.0\.1:1 .*ask IT") as raised:
        open_store("postgresql://officer@127.0.0.1:1/wsoa")
    assert "\n" not in str(raised.value) and "Traceback" not in str(raised.value)
    assert os.listdir(tmp_path) == []


def test_a_database_the_server_does_not_have_is_never_created(pg_server) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DatabaseError, match=r"There is no database nosuch .*createdb nosuch"):
        open_store(pg_server.address("nosuch"))
    with pytest.raises(DatabaseError, match="There is no database nosuch"):
        open_store(pg_server.address("nosuch"))  # still not there: nothing was made the first time


def test_an_empty_server_database_is_set_up_only_when_asked(pg_server) -> None:  # type: ignore[no-untyped-def]
    address = pg_server.new_database()
    with pytest.raises(NotSetUp, match="holds no WSOA Desktop database yet"):
        open_store(address, create=False)
    store = open_store(address)
    try:
        assert server.read_revision(store.engine) == HEAD
        assert store.kind == "postgresql" and store.is_server
        with pytest.raises(DatabaseError, match="server database, not a file"):
            store.path  # noqa: B018 - no file behind a server database
    finally:
        store.close()
    open_store(address, create=False).close()


def test_another_programs_database_and_a_newer_one_are_refused(pg_server, server_db) -> None:  # type: ignore[no-untyped-def]
    import psycopg

    foreign = pg_server.new_database()
    with psycopg.connect(foreign, autocommit=True) as con:
        con.execute("CREATE TABLE invoices (id int)")
    with pytest.raises(DatabaseError, match="another program's tables"):
        open_store(foreign)
    with psycopg.connect(server_db, autocommit=True) as con:
        con.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    with pytest.raises(DatabaseError, match="newer version of WSOA Desktop"):
        open_store(server_db)


def test_every_migration_runs_down_and_up_on_a_server(server_db) -> None:  # type: ignore[no-untyped-def]
    from alembic import command

    from wsoa_desktop.store.migrate import alembic_config
    from wsoa_desktop.store.server_address import parse_address

    config = alembic_config(parse_address(server_db))
    command.downgrade(config, "base")
    command.upgrade(config, "head")
    store = open_store(server_db, create=False)
    try:
        con = other_connection(store)
        try:
            triggers = {r[0] for r in con.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal", ())}
            assert {"audit_entry_append_only", "plan_version_immutable"} <= triggers
        finally:
            con.close()
    finally:
        store.close()

