"""Verify and restore: only a sound WSOA Desktop backup goes in, and a failure changes nothing."""

from __future__ import annotations

import errno
import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from wsoa_desktop.services import restore as restore_mod
from wsoa_desktop.services.backup import backup_database
from wsoa_desktop.services.periods import set_status
from wsoa_desktop.services.restore import RestoreError, restore_backup, verify_backup
from wsoa_desktop.store.database import open_store

#: Backups and restores of a database file; the server's are in test_server_backup.py.
pytestmark = pytest.mark.sqlite_only


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def good_backup(sample_store, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    dest = tmp_path / "shared"
    dest.mkdir()
    return backup_database(sample_store.path, dest).path


@pytest.fixture
def live(tmp_path: Path) -> Path:
    """A different live database (an empty plan) that a restore would replace."""
    from wsoa_desktop.services.plans import create_plan

    path = tmp_path / "live" / "wsoa.db"
    path.parent.mkdir()  # open_store never makes folders
    s = open_store(path)
    create_plan(s, "Today's plan", by="test")
    s.close()
    return path


def test_verify_reports_what_the_backup_holds(good_backup: Path) -> None:
    report = verify_backup(good_backup)
    assert report.ok, report.problems
    assert report.checksum == "matches"
    assert [p.title for p in report.plans] == [
        "Rotherham Local Area SEND 0-25 Written Statement of Action, January 2022"]
    assert report.plans[0].actions == 98 and report.plans[0].priorities == 4
    assert report.last_period == "August 2022"
    assert report.last_change is not None
    text = "\n".join(report.summary_lines())
    assert "last period: August 2022" in text and "matches" in text


def test_verify_without_sidecar(good_backup: Path) -> None:
    (good_backup.parent / (good_backup.name + ".sha256")).unlink()
    report = verify_backup(good_backup)
    assert report.ok and report.checksum == "none"


def _problem(path: Path) -> str:
    report = verify_backup(path)
    assert not report.ok
    return report.problems[0]


def test_truncated_backup(good_backup: Path, tmp_path: Path) -> None:
    cut = tmp_path / "cut.wsoa.db"
    data = good_backup.read_bytes()
    cut.write_bytes(data[: len(data) // 3])
    assert "damaged" in _problem(cut) or "incomplete" in _problem(cut)


def test_corrupted_backup_fails_checksum(good_backup: Path) -> None:
    data = bytearray(good_backup.read_bytes())
    data[len(data) // 2] ^= 0xFF
    good_backup.write_bytes(bytes(data))
    assert "does not match its checksum" in _problem(good_backup)


def test_corrupted_backup_without_sidecar_fails_integrity(good_backup: Path) -> None:
    (good_backup.parent / (good_backup.name + ".sha256")).unlink()
    data = bytearray(good_backup.read_bytes())
    page = 4096
    for offset in range(page * 3, len(data) - page, page):  # scribble over b-tree page headers
        data[offset: offset + 12] = b"\xff" * 12
    good_backup.write_bytes(bytes(data))
    message = _problem(good_backup)
    assert "damaged" in message or "not a" in message


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.wsoa.db"
    empty.write_bytes(b"")
    assert "empty" in _problem(empty)


def test_not_sqlite(tmp_path: Path) -> None:
    doc = tmp_path / "minutes.wsoa.db"
    doc.write_text("Minutes of the SEND Executive Board\n" * 50)
    assert "not an SQLite database" in _problem(doc)


def test_another_programs_sqlite_file(tmp_path: Path) -> None:
    other = tmp_path / "photos.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE photo (id INTEGER PRIMARY KEY, path TEXT)")
    con.commit()
    con.close()
    assert "not a WSOA Desktop one" in _problem(other)


def test_newer_schema_is_refused(good_backup: Path, tmp_path: Path) -> None:
    newer = tmp_path / "newer.wsoa.db"
    newer.write_bytes(good_backup.read_bytes())
    con = sqlite3.connect(newer)
    con.execute("UPDATE alembic_version SET version_num = '0099_future'")
    con.commit()
    con.close()
    assert "newer version" in _problem(newer)


def test_missing_file(tmp_path: Path) -> None:
    assert "no file" in _problem(tmp_path / "gone.wsoa.db")


def test_restore_swaps_in_and_keeps_a_safety_copy(good_backup: Path, live: Path) -> None:
    old = digest(live)
    stale_wal = live.with_name(live.name + "-wal")
    stale_wal.write_bytes(b"stale wal from the old database")
    stale_shm = live.with_name(live.name + "-shm")
    stale_shm.write_bytes(b"stale shm")
    result = restore_backup(good_backup, live)
    assert digest(live) == digest(good_backup)
    assert not stale_wal.exists() and not stale_shm.exists()
    assert result.safety_copy is not None and result.safety_copy.parent == live.parent
    con = sqlite3.connect(result.safety_copy)
    assert con.execute("SELECT title FROM plan").fetchone()[0] == "Today's plan"
    con.close()
    assert old != digest(live)
    s = open_store(live)
    from wsoa_desktop.services.plans import list_plans

    assert list_plans(s)[0].sub_actions == 75
    s.close()
    assert sorted(p.name for p in live.parent.iterdir()) == sorted([live.name, result.safety_copy.name])


@pytest.mark.parametrize("make_bad", ["truncate", "flip", "empty", "other", "text"])
def test_failed_restore_leaves_live_untouched(good_backup: Path, live: Path, tmp_path: Path, make_bad: str) -> None:
    bad = tmp_path / f"bad-{make_bad}.wsoa.db"
    data = good_backup.read_bytes()
    if make_bad == "truncate":
        bad.write_bytes(data[:10000])
    elif make_bad == "flip":
        bad.write_bytes(data)
        (tmp_path / (bad.name + ".sha256")).write_text(
            (good_backup.parent / (good_backup.name + ".sha256")).read_text().replace(good_backup.name, bad.name))
        flipped = bytearray(data)
        flipped[20000] ^= 0x55
        bad.write_bytes(bytes(flipped))
    elif make_bad == "empty":
        bad.write_bytes(b"")
    elif make_bad == "other":
        con = sqlite3.connect(bad)
        con.execute("CREATE TABLE t (x)")
        con.commit()
        con.close()
    else:
        bad.write_text("not a database")
    before = digest(live)
    listing = sorted(p.name for p in live.parent.iterdir())
    with pytest.raises(RestoreError, match="has not been changed"):
        restore_backup(bad, live)
    assert digest(live) == before
    assert sorted(p.name for p in live.parent.iterdir()) == listing


def test_restore_disk_full_half_way(good_backup: Path, live: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = open
    written = {"n": 0}

    class Filling:
        def __init__(self, f):  # type: ignore[no-untyped-def]
            self.f = f

        def write(self, block):  # type: ignore[no-untyped-def]
            written["n"] += 1
            if written["n"] > 0:
                self.f.write(block[: len(block) // 2])
                raise OSError(errno.ENOSPC, "No space left on device")

        def __getattr__(self, name):  # type: ignore[no-untyped-def]
            return getattr(self.f, name)

        def __enter__(self):  # type: ignore[no-untyped-def]
            return self

        def __exit__(self, *exc):  # type: ignore[no-untyped-def]
            self.f.close()

    def fake_open(path, mode="r", *a, **k):  # type: ignore[no-untyped-def]
        f = real_open(path, mode, *a, **k)
        return Filling(f) if "w" in mode and str(path).endswith(".restore.part") else f

    monkeypatch.setattr(restore_mod, "open", fake_open, raising=False)
    before = digest(live)
    listing = sorted(p.name for p in live.parent.iterdir())
    with pytest.raises(RestoreError, match="has not been changed"):
        restore_backup(good_backup, live)
    assert written["n"] == 1
    assert digest(live) == before
    assert sorted(p.name for p in live.parent.iterdir()) == listing


def test_restore_swap_refused(good_backup: Path, live: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_a, **_k):  # type: ignore[no-untyped-def]
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(restore_mod.os, "replace", refuse)
    before = digest(live)
    listing = sorted(p.name for p in live.parent.iterdir())
    with pytest.raises(RestoreError, match="has not been changed"):
        restore_backup(good_backup, live)
    assert digest(live) == before
    assert sorted(p.name for p in live.parent.iterdir()) == listing


def test_restore_then_the_app_sees_the_backup_not_later_edits(sample_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dest = tmp_path / "shared"
    dest.mkdir()
    made = backup_database(sample_store.path, dest).path
    set_status(sample_store, 1, "1.1.1", "August 2022", "Red", reason="Staff away", by="test")
    sample_store.close()
    restore_backup(made, sample_store.path)
    s = open_store(sample_store.path)
    from wsoa_desktop.services.outline import load_outline

    assert load_outline(s, 1, "August 2022").find("1.1.1").rating != "Red"
    s.close()


def test_restore_over_a_damaged_live_database_keeps_its_bytes(good_backup: Path, tmp_path: Path) -> None:
    live = tmp_path / "live" / "wsoa.db"
    live.parent.mkdir()
    damaged = b"SQLite format 3\x00" + b"\xde\xad" * 3000
    live.write_bytes(damaged)
    result = restore_backup(good_backup, live)
    assert digest(live) == digest(good_backup)
    assert result.safety_copy.read_bytes() == damaged


def test_failed_swap_puts_side_files_back(good_backup: Path, live: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    journal = live.with_name(live.name + "-journal")
    journal.write_bytes(b"journal bytes")
    real = restore_mod.os.replace

    def refuse_the_swap(a, b):  # type: ignore[no-untyped-def]
        if Path(b) == live:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real(a, b)

    monkeypatch.setattr(restore_mod.os, "replace", refuse_the_swap)
    before = digest(live)
    with pytest.raises(RestoreError, match="other copy of WSOA Desktop"):
        restore_backup(good_backup, live)
    assert digest(live) == before and journal.read_bytes() == b"journal bytes"
    assert sorted(p.name for p in live.parent.iterdir()) == sorted([live.name, journal.name])


def test_restore_onto_a_new_computer(good_backup: Path, tmp_path: Path) -> None:
    live = tmp_path / "new laptop" / "WSOA Desktop" / "wsoa.db"
    result = restore_backup(good_backup, live)
    assert result.safety_copy is None
    assert digest(live) == digest(good_backup)
    assert sorted(p.name for p in live.parent.iterdir()) == ["wsoa.db"]


def _older(good_backup: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A backup written by an 'older version': its schema revision precedes this build's head."""
    from wsoa_desktop.store import schema_version

    monkeypatch.setattr(schema_version, "KNOWN_REVISIONS", ("0000_older", *schema_version.KNOWN_REVISIONS))
    old = tmp_path / "older.wsoa.db"
    old.write_bytes(good_backup.read_bytes())
    con = sqlite3.connect(old)
    con.execute("UPDATE alembic_version SET version_num = '0000_older'")
    con.commit()
    con.close()
    return old


def test_older_backup_is_migrated_after_restore(good_backup: Path, live: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from wsoa_desktop.store import migrate, schema_version

    old = _older(good_backup, tmp_path, monkeypatch)
    report = verify_backup(old)
    assert report.ok and report.needs_migration and "upgraded after restore" in "\n".join(report.summary_lines())
    upgraded = []

    def fake_upgrade(path, revision="head"):  # type: ignore[no-untyped-def]
        con = sqlite3.connect(path)
        con.execute("UPDATE alembic_version SET version_num = ?", (schema_version.HEAD,))
        con.commit()
        con.close()
        upgraded.append(Path(path))

    monkeypatch.setattr(migrate, "upgrade", fake_upgrade)
    restore_backup(old, live)
    assert upgraded == [live]
    assert schema_version.read_revision(live) == schema_version.HEAD


def test_failed_migration_puts_the_previous_database_back(good_backup: Path, live: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from wsoa_desktop.store import migrate

    old = _older(good_backup, tmp_path, monkeypatch)
    before = digest(live)

    def broken_upgrade(path, revision="head"):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(migrate, "upgrade", broken_upgrade)
    with pytest.raises(RestoreError, match="not restored: the previous database has been put back"):
        restore_backup(old, live)
    assert digest(live) == before
    assert listing(live.parent) == [live.name]  # the safety copy went back in; nothing is left over


def test_refused_while_the_app_has_the_database_open(good_backup: Path, live: Path) -> None:
    import os
    import socket
    import subprocess
    import sys

    lock = live.with_name(live.name + ".lock")
    lock.write_text(f"{os.getpid()}\nwsoa-desktop\n{socket.gethostname()}\n", encoding="utf-8")
    before = digest(live)
    with pytest.raises(RestoreError, match="Close it there first"):
        restore_backup(good_backup, live)
    assert digest(live) == before
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    lock.write_text(f"{gone}\nwsoa-desktop\n{socket.gethostname()}\n", encoding="utf-8")
    restore_backup(good_backup, live)  # a lock left by a process that is gone is ignored
    assert digest(live) == digest(good_backup)


# -- verify checks the whole schema, and reads a backup without leaving anything beside it ----------


FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "databases"


def _damaged(good_backup: Path, tmp_path: Path, damage: str) -> Path:
    """A backup damaged after it was made, its checksum made to match (so only the schema check can tell)."""
    bad = tmp_path / "damaged.wsoa.db"
    bad.write_bytes(good_backup.read_bytes())
    con = sqlite3.connect(bad)
    con.execute(damage)
    con.commit()
    con.execute("VACUUM")
    con.close()
    (tmp_path / (bad.name + ".sha256")).write_text(f"{digest(bad)}  {bad.name}\n")
    return bad


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("damage, words", [
    ("DROP TABLE status_update", "the table status_update"),
    ("ALTER TABLE action DROP COLUMN target_text", "the column action.target_text"),
    ("DROP TRIGGER plan_version_immutable", "the safeguard plan_version_immutable"),
])
def test_a_backup_missing_part_of_its_schema_is_refused(good_backup: Path, live: Path, tmp_path: Path,
                                                         damage: str, words: str) -> None:
    bad = _damaged(good_backup, tmp_path, damage)
    report = verify_backup(bad)
    assert not report.ok and report.checksum == "matches"
    assert report.problems[0] == (f"{bad.name} is not a complete WSOA Desktop backup: {words} is missing, so "
                                  "it cannot be restored. Choose an earlier backup.")
    before, files = digest(live), listing(live.parent)
    with pytest.raises(RestoreError, match="has not been changed") as caught:
        restore_backup(bad, live)
    assert words in str(caught.value)
    assert digest(live) == before and listing(live.parent) == files
    s = open_store(live)  # and the officer's database still works
    from wsoa_desktop.services.plans import list_plans

    assert list_plans(s)[0].title == "Today's plan"
    s.close()


def test_verify_counts_ratings_and_refuses_nothing_good(good_backup: Path) -> None:
    report = verify_backup(good_backup)
    assert report.ok and report.plans[0].ratings == 24
    assert "24 ratings" in "\n".join(report.summary_lines())
    assert listing(good_backup.parent) == sorted([good_backup.name, good_backup.name + ".sha256"])


@pytest.mark.parametrize("revision", ["0001_initial", "0002_versions_immutable"])
def test_real_old_backups_verify_and_restore_migrated(live: Path, tmp_path: Path, revision: str) -> None:
    from wsoa_desktop.services.plans import list_plans
    from wsoa_desktop.store import schema_version

    old = tmp_path / f"old-{revision}.wsoa.db"
    old.write_bytes((FIXTURES / f"schema_{revision}.db").read_bytes())
    report = verify_backup(old)
    assert report.ok, report.problems
    assert report.revision == revision and report.needs_migration == (revision != schema_version.HEAD)
    result = restore_backup(old, live)
    assert schema_version.read_revision(live) == schema_version.HEAD
    s = open_store(live)
    assert list_plans(s)[0].sub_actions == 75
    s.close()
    assert listing(live.parent) == sorted([live.name, result.safety_copy.name])


def test_a_wal_mode_backup_leaves_no_wal_or_shm_anywhere(good_backup: Path, live: Path, tmp_path: Path) -> None:
    walled = tmp_path / "walled.wsoa.db"
    walled.write_bytes(good_backup.read_bytes())
    con = sqlite3.connect(walled)
    assert con.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal"
    con.close()
    assert listing(tmp_path).count("walled.wsoa.db-wal") == 0  # a WAL database at rest, as copied
    report = verify_backup(walled)
    assert report.ok and report.wal_mode
    assert not any(name.startswith("walled.wsoa.db-") for name in listing(tmp_path))
    result = restore_backup(walled, live)
    assert not any(name.startswith("walled.wsoa.db-") for name in listing(tmp_path))
    assert listing(live.parent) == sorted([live.name, result.safety_copy.name])
    con = sqlite3.connect(live)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert con.execute("SELECT count(*) FROM action").fetchone()[0] == 98
    con.close()


def test_a_backup_with_its_data_left_in_a_wal_file_is_refused(good_backup: Path, tmp_path: Path) -> None:
    walled = tmp_path / "walled.wsoa.db"
    walled.write_bytes(good_backup.read_bytes())
    keeper = sqlite3.connect(walled)
    keeper.execute("PRAGMA journal_mode = WAL")
    keeper.execute("UPDATE plan SET title = 'only in the WAL'")
    keeper.commit()
    copy = tmp_path / "copied-while-open.wsoa.db"  # the file and its -wal, copied while in use
    shutil.copy(walled, copy)
    shutil.copy(tmp_path / "walled.wsoa.db-wal", tmp_path / "copied-while-open.wsoa.db-wal")
    keeper.close()
    message = _problem(copy)
    assert copy.name in message and "copied-while-open.wsoa.db-wal" in message and "Choose another" in message


def test_a_backup_with_a_half_done_save_beside_it_is_refused(good_backup: Path, tmp_path: Path) -> None:
    journal = good_backup.with_name(good_backup.name + "-journal")
    journal.write_bytes(bytes.fromhex("d9d505f920a163d7") + b"\x00" * 504)
    message = _problem(good_backup)
    assert good_backup.name in message and "-journal" in message and "Choose another backup" in message


def test_a_failed_upgrade_puts_the_previous_database_back_without_sql(live: Path, tmp_path: Path) -> None:
    """An old backup whose upgrade fails for real (the trigger the upgrade adds is there already)."""
    old = tmp_path / "old.wsoa.db"
    old.write_bytes((FIXTURES / "schema_0001_initial.db").read_bytes())
    con = sqlite3.connect(old)
    con.execute("CREATE TRIGGER plan_version_immutable BEFORE DELETE ON plan_version BEGIN SELECT 1; END")
    con.commit()
    con.close()
    assert verify_backup(old).ok
    before, files = digest(live), listing(live.parent)
    with pytest.raises(RestoreError) as caught:
        restore_backup(old, live)
    message = str(caught.value)
    assert message.startswith("old.wsoa.db could not be upgraded to this version of WSOA Desktop (")
    assert "so it was not restored" in message
    assert "previous database has been put back" in message
    assert "CREATE" not in message and "[SQL" not in message and "\n" not in message
    assert digest(live) == before and listing(live.parent) == files  # no safety copy left behind


def test_a_restore_that_does_not_read_back_is_undone(good_backup: Path, live: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    calls = {"n": 0}
    real = restore_mod.plans_held

    def wrong_after_the_swap(con):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        return [] if calls["n"] == 1 else real(con)

    monkeypatch.setattr(restore_mod, "plans_held", wrong_after_the_swap)
    before, files = digest(live), listing(live.parent)
    with pytest.raises(RestoreError, match="did not read back as the backup.*put back"):
        restore_backup(good_backup, live)
    assert digest(live) == before and listing(live.parent) == files


def test_a_crash_in_the_current_database_is_recovered_before_its_safety_copy(
        good_backup: Path, tmp_path: Path, _sample_db: Path) -> None:
    from tests.store.test_crash_recovery import kill_mid_save

    live = tmp_path / "live #1" / "wsoa.db"
    live.parent.mkdir()
    shutil.copy(_sample_db, live)
    before = digest(live)
    kill_mid_save(live)
    result = restore_backup(good_backup, live)
    assert result.notice and "undone" in result.notice
    assert digest(result.safety_copy) == before and result.safety_extras == []
    assert listing(live.parent) == sorted([live.name, result.safety_copy.name])
