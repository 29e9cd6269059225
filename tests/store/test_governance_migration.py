"""Migration 0005: older databases gain the sign-off mark and the meeting record, with their data intact."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

from wsoa_desktop.services import governance, governance_calendar
from wsoa_desktop.store import schema_version
from wsoa_desktop.store.database import open_store

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "databases"


def test_a_database_from_before_governance_opens_with_empty_records_and_its_first_board_signing(tmp_path):
    path = tmp_path / "old.db"
    shutil.copy(FIXTURES / "schema_0002_versions_immutable.db", path)
    store = open_store(path)
    try:
        assert schema_version.read_revision(path) == schema_version.HEAD
        boards = governance.groups(store, 1, governance.BOARD)
        assert [g.signs_off for g in boards] == [False, False]
        assert governance.sign_off_body(store, 1) == boards[0].name  # nothing marked: the first board
        mid = governance_calendar.add_meeting(store, 1, boards[0].name, date(2022, 9, 14))
        view = governance_calendar.get_meeting(store, 1, mid)
        assert (view.outcome, view.decisions, view.purpose, view.recommendations) == ("", [], "", [])
    finally:
        store.close()
    con = sqlite3.connect(path)
    columns = {r[1]: r[4] for r in con.execute("PRAGMA table_info('meeting')")}
    con.close()
    assert columns["decisions"] == "'[]'" and columns["outcome"] == "''"


def test_the_governance_fixture_keeps_its_marked_board_and_decisions(tmp_path):
    path = tmp_path / "gov.db"
    shutil.copy(FIXTURES / "schema_0005_governance.db", path)
    store = open_store(path)
    try:
        assert governance.sign_off_body(store, 1) == "SEND Executive Board"
        assert governance_calendar.get_meeting(store, 1, 1).decisions == ["That the WSOA be noted."]
    finally:
        store.close()
