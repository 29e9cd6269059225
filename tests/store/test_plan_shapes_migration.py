"""Schema 0004 (plan shapes): older databases gain sections, links, status words, dated progress and
recorded versions with the right defaults; the 0004 fixture holds a 2017-shaped plan for later migrations."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from wsoa_desktop.services.outline import load_outline
from wsoa_desktop.services.versions import list_versions
from wsoa_desktop.store.database import open_store

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "databases"


def test_an_older_database_gains_the_new_columns_with_their_defaults(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    shutil.copy(FIXTURES / "schema_0002_versions_immutable.db", path)
    open_store(path).close()
    con = sqlite3.connect(path)
    try:
        assert {r[0] for r in con.execute("SELECT DISTINCT kind FROM priority")} == {"priority"}
        assert {r[0] for r in con.execute("SELECT DISTINCT linked_refs FROM action")} == {"[]"}
        assert {r[0] for r in con.execute("SELECT DISTINCT status_text FROM status_update")} == {""}
        assert con.execute("SELECT count(*) FROM progress_entry").fetchone()[0] == 0
        triggers = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert "plan_version_immutable" in triggers  # the new column did not cost the safeguard
    finally:
        con.close()


def test_the_0004_fixture_holds_a_2017_plan(tmp_path: Path) -> None:
    path = tmp_path / "shapes.db"
    shutil.copy(FIXTURES / "schema_0004_plan_shapes.db", path)
    store = open_store(path)
    try:
        outline = load_outline(store, 2)
        assert [p.kind for p in outline.priorities] == ["section", "section"]
        assert outline.find("Peer Review 1").linked_refs == ["SEND 1", "SEND 4"]
        assert outline.find("SEND 1").status.status_text == "On track"
        assert len(outline.find("SEND 1").progress_history) == 2
        assert len(list_versions(store, 2)) == 13
    finally:
        store.close()
