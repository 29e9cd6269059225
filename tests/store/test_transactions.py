"""Every write is one transaction: an error leaves the database as it was."""

from __future__ import annotations

import sqlite3

import pytest

from tests.db_access import db_errors, other_connection
from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.services import plan_items
from wsoa_desktop.services.plan_document import load_document
from wsoa_desktop.services.plans import create_plan, list_plans


def _counts(store):
    con = other_connection(store)
    out = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
           for t in ("plan", "priority", "action", "person", "audit_entry", "status_update")}
    con.close()
    return out


def test_failed_write_rolls_back_everything(store):
    plan_id = create_plan(store, "Test plan")
    before = _counts(store)
    with pytest.raises(RuntimeError):
        with store.write() as s:
            plan_items.add_priority(store, plan_id, "1", "Priority one", session=s)
            raise RuntimeError("power cut")
    assert _counts(store) == before


def test_bad_document_adds_nothing(store):
    doc = {"format": "wsoa-desktop-plan", "format_version": 1, "plan": {"title": "Half a plan"},
           "priorities": [{"ref": "1", "title": "One", "actions": [
               {"ref": "1.1", "description": "Fine", "sub_actions": [
                   {"ref": "1.1.1", "description": "Fine too"},
                   {"ref": "1.1.1", "description": "Duplicate"}]}]}]}
    with pytest.raises(ValidationError, match="1.1.1"):
        load_document(store, doc)
    assert list_plans(store) == []
    assert _counts(store)["action"] == 0


def test_foreign_keys_are_enforced(store):
    con = store.raw()
    try:
        with pytest.raises(db_errors(store)):
            con.execute("INSERT INTO priority (plan_id, ref, sort_key, title, area_of_concern, "
                        "lead_officers, outcome_statement, delivery_partners) "
                        "VALUES (999, '1', '1', 't', '', '', '', '[]')")
    finally:
        con.rollback()
        con.close()


def test_audit_trail_cannot_be_edited(sample_store):
    con = other_connection(sample_store)
    with pytest.raises(db_errors(sample_store), match="audit trail"):
        con.execute("UPDATE audit_entry SET by = 'someone else'")
    con.close()


def test_published_versions_cannot_be_edited(sample_store):
    from wsoa_desktop.services.versions import publish

    publish(sample_store, 1, summary="First", by="Officer")
    con = other_connection(sample_store)
    with pytest.raises(db_errors(sample_store), match="published version cannot be changed"):
        con.execute("UPDATE plan_version SET summary = 'rewritten'")
    con.close()


def test_the_0001_database_gains_the_version_trigger_when_opened(tmp_path):
    import shutil
    from pathlib import Path

    from wsoa_desktop.store.database import open_store

    path = tmp_path / "old.db"
    shutil.copy(Path(__file__).resolve().parent.parent / "fixtures" / "databases" / "schema_0001_initial.db", path)
    open_store(path).close()
    con = sqlite3.connect(path)
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    con.close()
    assert {"audit_entry_append_only", "plan_version_immutable"} <= names
