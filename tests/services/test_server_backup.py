"""Backups of a server database are the same portable SQLite file, and restore into a server.

(Backups and restores of a database *file* are in test_backup.py and test_restore.py.)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.db_access import fingerprint
from wsoa_desktop.services import plan_items, rounds
from wsoa_desktop.services.backup import backup_database
from wsoa_desktop.services.outline import load_outline
from wsoa_desktop.services.plan_items import ActionFields
from wsoa_desktop.services.plans import list_plans
from wsoa_desktop.services.restore import RestoreError, restore_backup, verify_backup
from wsoa_desktop.services.server_copy import ReplaceNeeded
from wsoa_desktop.store.database import open_store
from wsoa_desktop.store.schema_version import HEAD

pytestmark = pytest.mark.sqlite_only  # these choose their engines themselves


@pytest.fixture
def server_sample(pg_server, _pg_sample):  # type: ignore[no-untyped-def]
    store = open_store(pg_server.new_database(template=_pg_sample))
    yield store
    store.close()


def _backup(store, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    folder = tmp_path / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    return backup_database(store.location, folder).path


def test_a_server_backup_is_a_checked_sqlite_file(server_sample, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rounds.rate(server_sample, 1, "2.2.3", "August 2022", "Red", reason="Panel cancelled", by="Officer")
    result = backup_database(server_sample.location, tmp_path)
    assert result.path.name.startswith(server_sample.location.dbname + "-") and result.path.suffix == ".db"
    assert result.path.read_bytes()[:16] == b"SQLite format 3\x00"
    report = verify_backup(result.path)
    assert report.ok and report.revision == HEAD and report.plans == result.plans
    assert [(p.priorities, p.actions, p.ratings) for p in report.plans] == [(4, 98, 24)]
    # The file opens on a laptop as an ordinary database, holding what the server held.
    local = open_store(result.path, create=False)
    try:
        assert load_outline(local, 1, "August 2022") == load_outline(server_sample, 1, "August 2022")
    finally:
        local.close()


def test_a_backup_restores_into_an_empty_server_database_and_work_goes_on(
        server_sample, pg_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    backup = _backup(server_sample, tmp_path)
    target = pg_server.new_database()  # empty: IT just made it
    restore_backup(backup, target)
    restored = open_store(target, create=False)
    try:
        assert load_outline(restored, 1, "August 2022") == load_outline(server_sample, 1, "August 2022")
        # New rows get new ids after the copied ones (each table's sequence follows the restore).
        plan_items.add_action(restored, 1, "1.1.9", ActionFields("Added after the restore"), by="Officer")
        rounds.rate(restored, 1, "1.1.9", "August 2022", "Green", by="Officer")
        assert load_outline(restored, 1, "August 2022").find("1.1.9").rating == "Green"
    finally:
        restored.close()


def test_restoring_over_plans_needs_the_officers_word(server_sample, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    backup = _backup(server_sample, tmp_path)
    rounds.rate(server_sample, 1, "2.2.3", "August 2022", "Red", reason="Panel cancelled", by="Officer")
    before = fingerprint(server_sample)
    with pytest.raises(ReplaceNeeded, match=r"already holds plans.*replaces all of them.*nothing was changed"):
        restore_backup(backup, server_sample.location)
    assert fingerprint(server_sample) == before
    restore_backup(backup, server_sample.location, replace=True)
    assert load_outline(server_sample, 1, "August 2022").find("2.2.3").rating != "Red"


def test_a_damaged_backup_changes_nothing_on_the_server(server_sample, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    backup = _backup(server_sample, tmp_path)
    data = bytearray(backup.read_bytes())
    data[len(data) // 2: len(data) // 2 + 64] = b"\xff" * 64
    backup.write_bytes(bytes(data))
    before = fingerprint(server_sample)
    with pytest.raises(RestoreError):
        restore_backup(backup, server_sample.location, replace=True)
    assert fingerprint(server_sample) == before


def test_a_laptop_backup_restores_into_a_server_and_back(sample_store, pg_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """From a file to a server (moving to shared mode) and from the server to a file again."""
    laptop = _backup(sample_store, tmp_path)
    target = pg_server.new_database()
    restore_backup(laptop, target)
    on_server = open_store(target, create=False)
    try:
        assert [p.title for p in list_plans(on_server)] == [p.title for p in list_plans(sample_store)]
        again = _backup(on_server, tmp_path / "again")
    finally:
        on_server.close()
    back_home = tmp_path / "home.db"
    restore_backup(again, back_home)
    home = open_store(back_home, create=False)
    try:
        assert load_outline(home, 1, "August 2022") == load_outline(sample_store, 1, "August 2022")
    finally:
        home.close()
