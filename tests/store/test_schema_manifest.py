"""The written-out schema of every revision is what the migrations really make (and the head, the models)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from wsoa_desktop.domain.errors import DatabaseError
from wsoa_desktop.store import schema_version
from wsoa_desktop.store.schema_manifest import SCHEMAS, Schema

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "databases"


def schema_of(path: Path) -> Schema:
    con = sqlite3.connect(path)
    tables = {name: frozenset(r[1] for r in con.execute(f"PRAGMA table_info('{name}')"))
              for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    triggers = frozenset(r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"))
    con.close()
    return Schema(tables, triggers)


def test_every_known_revision_has_its_schema_written_out() -> None:
    assert set(SCHEMAS) == set(schema_version.KNOWN_REVISIONS)


@pytest.mark.parametrize("revision", schema_version.KNOWN_REVISIONS)
def test_the_migrations_make_exactly_the_written_schema(tmp_path: Path, revision: str) -> None:
    from wsoa_desktop.store.migrate import upgrade

    path = tmp_path / "at-revision.db"
    upgrade(path, revision)
    assert schema_of(path) == SCHEMAS[revision]


@pytest.mark.parametrize("revision", schema_version.KNOWN_REVISIONS)
def test_real_old_database_files_have_their_revisions_schema(revision: str) -> None:
    path = FIXTURES / f"schema_{revision}.db"
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    assert schema_version.read_revision_from(con, path) == revision
    assert schema_version.missing_parts(con, revision) == []
    con.close()


def test_the_head_matches_the_models() -> None:
    from wsoa_desktop.store.models import SQLModel

    models = {t.name: frozenset(c.name for c in t.columns) for t in SQLModel.metadata.sorted_tables}
    assert SCHEMAS[schema_version.HEAD].tables == {**models, "alembic_version": frozenset({"version_num"})}


@pytest.mark.parametrize("damage, words", [
    ("DROP TABLE status_update", "the table status_update"),
    ("ALTER TABLE status_update DROP COLUMN reason", "the column status_update.reason"),
    ("DROP TRIGGER audit_entry_append_only", "the safeguard audit_entry_append_only"),
])
def test_a_damaged_live_database_is_refused_in_plain_words(tmp_path: Path, _sample_db: Path, damage: str,
                                                           words: str) -> None:
    from wsoa_desktop.store.database import open_store

    path = tmp_path / "damaged.db"
    shutil.copy(_sample_db, path)
    con = sqlite3.connect(path)
    con.execute(damage)
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseError) as caught:
        open_store(path)
    message = str(caught.value)
    assert str(path) in message and words in message and "Restore your last good backup" in message
    assert path.read_bytes() == before
