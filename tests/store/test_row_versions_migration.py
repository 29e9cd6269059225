"""Migration 0007: every row an officer edits gains a version, starting at 1; later versions are kept."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from wsoa_desktop.store import schema_version
from wsoa_desktop.store.database import open_store
from wsoa_desktop.store.schema_manifest import VERSIONED_TABLES

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "databases"
BEFORE = [r for r in schema_version.KNOWN_REVISIONS if r < "0007"]


@pytest.mark.parametrize("revision", BEFORE)
def test_every_edited_row_of_an_older_database_starts_at_version_1(tmp_path: Path, revision: str) -> None:
    path = tmp_path / "old.db"
    shutil.copy(FIXTURES / f"schema_{revision}.db", path)
    open_store(path).close()
    con = sqlite3.connect(path)
    try:
        for table in VERSIONED_TABLES:
            assert con.execute(f"SELECT COUNT(*) FROM {table} WHERE version IS NULL OR version <> 1").fetchone() \
                == (0,), table
        assert con.execute("SELECT COUNT(*) FROM action").fetchone()[0] > 0
        assert "version" not in {r[1] for r in con.execute("PRAGMA table_info(audit_entry)")}  # append-only
    finally:
        con.close()


def test_rows_added_in_plain_sql_get_version_1_from_the_database(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    open_store(path).close()
    con = sqlite3.connect(path)
    con.execute("INSERT INTO plan (title, local_area, approved_by, governance, created_at, updated_at) "
                "VALUES ('T', '', '', '', '2026-11-30', '2026-11-30')")
    assert con.execute("SELECT version FROM plan").fetchone() == (1,)
    con.close()


def test_the_0007_fixture_keeps_the_versions_its_edits_made(tmp_path: Path) -> None:
    from wsoa_desktop.services.outline import load_outline

    path = tmp_path / "v7.db"
    shutil.copy(FIXTURES / "schema_0007_row_versions.db", path)
    store = open_store(path)
    outline = load_outline(store, 1)
    assert outline.find("1.1.1").version == 2 and outline.find("1.1.2").version == 1
    assert outline.find("2.4.3").status.version == 2
    store.close()
