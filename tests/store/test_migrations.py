"""Every earlier schema version, as a real database file, opens and migrates."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from wsoa_desktop.domain.errors import DatabaseError
from wsoa_desktop.services.outline import load_outline
from wsoa_desktop.services.plans import list_plans
from wsoa_desktop.store import schema_version
from wsoa_desktop.store.database import open_store

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "databases"


def test_a_fixture_exists_for_every_known_revision():
    for revision in schema_version.KNOWN_REVISIONS:
        assert (FIXTURES / f"schema_{revision}.db").exists(), revision


@pytest.mark.parametrize("revision", schema_version.KNOWN_REVISIONS)
def test_old_database_files_open_at_head_with_their_data(tmp_path, revision):
    path = tmp_path / "old.db"
    shutil.copy(FIXTURES / f"schema_{revision}.db", path)
    store = open_store(path)
    assert schema_version.read_revision(path) == schema_version.HEAD
    plans = list_plans(store)
    assert plans[0].sub_actions == 75
    assert load_outline(store, plans[0].id).find("2.4.3").rating == "Amber"
    store.close()


def test_new_database_is_created_at_head(tmp_path):
    path = tmp_path / "new.db"
    open_store(path).close()
    assert schema_version.read_revision(path) == schema_version.HEAD
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    con.close()


def test_newer_schema_is_refused_and_not_modified(tmp_path):
    path = tmp_path / "future.db"
    open_store(path).close()
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="newer version"):
        open_store(path)
    assert path.read_bytes() == before


def test_another_programs_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="not a WSOA Desktop"):
        open_store(path)
    assert path.read_bytes() == before


def test_a_file_that_is_not_sqlite_is_refused(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 50)
    with pytest.raises(DatabaseError, match="not a WSOA Desktop database"):
        open_store(path)
    assert path.read_text().startswith("these are my notes")


def test_opening_a_current_database_does_not_import_alembic(tmp_path):
    path = tmp_path / "current.db"
    open_store(path).close()
    code = ("import sys; from wsoa_desktop.store.database import open_store; "
            f"open_store({str(path)!r}); print('alembic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[2])
    assert out.stdout.strip() == "False"


def _contents(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table (but Alembic's own), ordered, read with plain sqlite3."""
    con = sqlite3.connect(path)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                            "AND name NOT IN ('alembic_version', 'sqlite_sequence')")]
        out = {}
        for table in tables:
            columns = [r[1] for r in con.execute(f"PRAGMA table_info({table})")]
            out[table] = [dict(zip(columns, row, strict=True)) for row in
                          con.execute(f"SELECT * FROM {table} ORDER BY rowid")]
        return out
    finally:
        con.close()


@pytest.mark.parametrize("revision", schema_version.KNOWN_REVISIONS)
def test_every_row_of_an_old_database_survives_its_migration(tmp_path, revision):
    """Counts of plans, items, ratings (every table) equal before and after, and every value kept."""
    from tests.reliability.figures import record

    path = tmp_path / "old.db"
    shutil.copy(FIXTURES / f"schema_{revision}.db", path)
    before = _contents(path)
    open_store(path).close()
    after = _contents(path)
    assert schema_version.read_revision(path) == schema_version.HEAD
    assert set(before) <= set(after)
    for table, rows in before.items():
        assert len(after[table]) == len(rows), table
        for old, new in zip(rows, after[table], strict=True):
            assert {k: new[k] for k in old if k in new} == {k: v for k, v in old.items() if k in new}, table
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    con.close()
    counts = {t: len(before[t]) for t in ("plan", "action", "status_update", "audit_entry")}
    assert min(counts.values()) > 0  # the fixture holds data worth migrating
    record(f"migration from {revision}",
           f"{len(before)} tables, {sum(len(r) for r in before.values())} rows kept exactly "
           f"({counts['plan']} plans, {counts['action']} actions, {counts['status_update']} ratings, "
           f"{counts['audit_entry']} audit entries)")


@pytest.mark.parametrize("revision", ["0001_initial", "0002_versions_immutable", "0004_plan_shapes",
                                      "0005_governance"])
def test_databases_from_before_impact_measures_gain_empty_measure_tables(tmp_path, revision):
    from wsoa_desktop.services.measures import (
        MeasureFields,
        add_measure,
        list_measures,
        set_reading,
    )

    path = tmp_path / "old.db"
    shutil.copy(FIXTURES / f"schema_{revision}.db", path)
    store = open_store(path)
    assert list_measures(store, 1) == []
    add_measure(store, 1, MeasureFields("Hits on the graduated response portal", baseline=6132,
                                        baseline_when="June 2021", target=15000, target_when="June 2023",
                                        action_refs=["2.1"]), ref="M8", by="test")
    set_reading(store, 1, "M8", "Q1 2022/23", 9000, by="test")
    [m] = list_measures(store, 1)
    assert (m.ref, m.action_refs, m.readings[0].value) == ("M8", ("2.1",), 9000.0)
    store.close()


def test_the_impact_measures_fixture_keeps_its_measures_and_readings(tmp_path):
    from wsoa_desktop.services.measures import list_measures

    path = tmp_path / "measures.db"
    shutil.copy(FIXTURES / "schema_0006_impact_measures.db", path)
    store = open_store(path)
    measures = {m.ref: m for m in list_measures(store, 1)}
    assert len(measures) == 30
    m1 = measures["M1"]
    assert (m1.baseline, m1.target, m1.readings[0].label, m1.readings[0].value) == (52.5, 75.0, "Q1 2022/23", 58.0)
    store.close()


def test_deleting_an_action_unlinks_its_measures_but_keeps_them(tmp_path):
    from wsoa_desktop.services.measures import list_measures
    from wsoa_desktop.services.plan_items import delete_item

    path = tmp_path / "measures.db"
    shutil.copy(FIXTURES / "schema_0006_impact_measures.db", path)
    store = open_store(path)
    delete_item(store, 1, "1.1", by="test")
    m1 = {m.ref: m for m in list_measures(store, 1)}["M1"]
    assert "1.1" not in m1.action_refs and "1.2" in m1.action_refs
    store.close()
