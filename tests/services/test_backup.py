"""Backups: verified snapshots, never partial, never overwriting, and failures that change nothing."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import sqlite3
import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from wsoa_desktop.services import backup as backup_mod
from wsoa_desktop.services.backup import (
    BackupError,
    backup_database,
    changed_since,
    is_network_path,
    last_backup_time,
    list_backups,
    read_checksum,
)
from wsoa_desktop.services.periods import set_status

#: Backups and restores of a database file; the server's are in test_server_backup.py.
pytestmark = pytest.mark.sqlite_only


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def live(sample_store) -> Path:  # type: ignore[no-untyped-def]
    return sample_store.path


@pytest.fixture
def dest(tmp_path: Path) -> Path:
    d = tmp_path / "shared"
    d.mkdir()
    return d


def test_backup_is_verified_plain_sqlite_with_sidecar(live: Path, dest: Path) -> None:
    before = digest(live)
    result = backup_database(live, dest, now=datetime(2024, 3, 31, 9, 5, 7))
    assert result.path.name == "sample-2024-03-31-090507.wsoa.db"
    assert folder_listing(dest) == ["sample-2024-03-31-090507.wsoa.db",
                                    "sample-2024-03-31-090507.wsoa.db.sha256"]
    # sha256sum format, and the tool itself agrees
    side = (dest / "sample-2024-03-31-090507.wsoa.db.sha256").read_text()
    assert side == f"{digest(result.path)}  sample-2024-03-31-090507.wsoa.db\n"
    if shutil.which("sha256sum"):
        out = subprocess.run(["sha256sum", "-c", side.split()[1] + ".sha256"], cwd=dest,
                             capture_output=True, text=True)
        assert out.returncode == 0, out.stdout + out.stderr
    # a plain, self-contained SQLite file in rollback-journal mode
    con = sqlite3.connect(result.path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*) FROM action").fetchone()[0] == 98
    con.close()
    assert digest(live) == before


def test_backup_of_a_wal_database_needs_no_wal_file(tmp_path: Path, dest: Path) -> None:
    from wsoa_desktop.store.database import open_store

    db = tmp_path / "walled.db"
    open_store(db).close()
    keeper = sqlite3.connect(db)
    keeper.execute("PRAGMA journal_mode = WAL")
    keeper.execute("INSERT INTO plan (title, local_area, approved_by, governance, created_at, updated_at) "
                   "VALUES ('Only in the WAL', '', '', '', '2024-01-01', '2024-01-01')")
    keeper.commit()  # stays in the -wal while this connection is open
    assert (tmp_path / "walled.db-wal").exists()
    result = backup_database(db, dest)
    keeper.close()
    copy = tmp_path / "alone.db"
    shutil.copy(result.path, copy)
    con = sqlite3.connect(copy)
    assert con.execute("SELECT title FROM plan").fetchone()[0] == "Only in the WAL"
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    con.close()


def test_never_overwrites_and_prunes_only_after_success(live: Path, dest: Path) -> None:
    t = datetime(2024, 1, 1, 12, 0, 0)
    first = backup_database(live, dest, now=t)
    second = backup_database(live, dest, now=t)  # same second: a new name, not an overwrite
    assert first.path != second.path and first.path.exists() and second.path.exists()
    for i in range(1, 4):
        backup_database(live, dest, now=t + timedelta(days=i), keep_last=3)
    kept = list_backups(dest, "sample")
    assert [p.name for p in kept] == ["sample-2024-01-02-120000.wsoa.db", "sample-2024-01-03-120000.wsoa.db",
                                      "sample-2024-01-04-120000.wsoa.db"]
    assert all(read_checksum(p) == digest(p) for p in kept)
    assert len(list(dest.glob("*.sha256"))) == 3
    assert last_backup_time(dest, "sample") == t + timedelta(days=3)


def test_failed_backup_prunes_nothing(live: Path, dest: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for i in range(3):
        backup_database(live, dest, now=datetime(2024, 1, 1 + i))
    before = folder_listing(dest)

    def full(*_a, **_k):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup_mod.shutil, "copyfileobj", full)
    with pytest.raises(BackupError, match="full"):
        backup_database(live, dest, keep_last=1)
    assert folder_listing(dest) == before


def test_destination_missing(live: Path, tmp_path: Path) -> None:
    before = digest(live)
    with pytest.raises(BackupError, match="cannot be found"):
        backup_database(live, tmp_path / "unplugged" / "share")
    assert digest(live) == before


def test_destination_is_a_file(live: Path, tmp_path: Path) -> None:
    f = tmp_path / "afile"
    f.write_text("x")
    with pytest.raises(BackupError, match="not a folder"):
        backup_database(live, f)


def test_read_only_destination(live: Path, dest: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = backup_mod.tempfile.mkstemp

    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(kwargs.get("dir", "")) == dest:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real(*args, **kwargs)

    monkeypatch.setattr(backup_mod.tempfile, "mkstemp", refuse)
    before = digest(live)
    with pytest.raises(BackupError, match="cannot be written to"):
        backup_database(live, dest)
    assert folder_listing(dest) == []
    assert digest(live) == before


def test_read_only_file_system(live: Path, dest: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def erofs(*_a, **_k):  # type: ignore[no-untyped-def]
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(backup_mod.shutil, "copyfileobj", erofs)
    with pytest.raises(BackupError, match="read-only"):
        backup_database(live, dest)
    assert folder_listing(dest) == []


def test_write_that_fails_half_way(live: Path, dest: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The drive drops out after half the bytes: no partial file, no backup, a plain message."""

    def half_then_fail(fsrc, fdst, length=0):  # type: ignore[no-untyped-def]
        data = fsrc.read()
        fdst.write(data[: len(data) // 2])
        fdst.flush()
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(backup_mod.shutil, "copyfileobj", half_then_fail)
    before = digest(live)
    with pytest.raises(BackupError, match="failed part-way"):
        backup_database(live, dest)
    assert folder_listing(dest) == []
    assert digest(live) == before


def test_copy_that_arrives_different_is_refused(live: Path, dest: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def flipping(fsrc, fdst, length=0):  # type: ignore[no-untyped-def]
        data = bytearray(fsrc.read())
        data[5000] ^= 0xFF
        fdst.write(bytes(data))

    monkeypatch.setattr(backup_mod.shutil, "copyfileobj", flipping)
    with pytest.raises(BackupError, match="did not match"):
        backup_database(live, dest)
    assert folder_listing(dest) == []


def test_rename_failure_leaves_nothing(live: Path, dest: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.replace
    calls = []

    def second_fails(a, b):  # type: ignore[no-untyped-def]
        calls.append(b)
        if len(calls) == 2:  # the sidecar rename, after the backup itself was renamed
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(a, b)

    monkeypatch.setattr(backup_mod.os, "replace", second_fails)
    with pytest.raises(BackupError):
        backup_database(live, dest)
    assert folder_listing(dest) == []


def test_no_local_temp_files_left(live: Path, dest: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    local = tmp_path / "localtmp"
    local.mkdir()
    monkeypatch.setattr(backup_mod.tempfile, "tempdir", str(local))

    def boom(*_a, **_k):  # type: ignore[no-untyped-def]
        raise OSError(errno.EIO, "Input/output error")

    backup_database(live, dest)
    assert list(local.iterdir()) == []
    monkeypatch.setattr(backup_mod.shutil, "copyfileobj", boom)
    with pytest.raises(BackupError):
        backup_database(live, dest)
    assert list(local.iterdir()) == []


def test_refuses_to_back_up_another_programs_database(tmp_path: Path, dest: Path) -> None:
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE songs (title TEXT)")
    con.commit()
    con.close()
    with pytest.raises(BackupError, match="not a WSOA Desktop one"):
        backup_database(other, dest)
    assert folder_listing(dest) == []


def test_changes_since_last_backup(sample_store, dest: Path) -> None:  # type: ignore[no-untyped-def]
    result = backup_database(sample_store.path, dest)
    taken = datetime.now(timezone.utc) + timedelta(seconds=1)
    assert changed_since(sample_store.path, None)
    assert not changed_since(sample_store.path, taken)
    assert result.path.exists()
    set_status(sample_store, 1, "1.1.1", "August 2022", "Red", reason="Staff away", by="test")
    later = datetime.now(timezone.utc) - timedelta(seconds=5)
    assert changed_since(sample_store.path, later)


def everything_under(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def test_a_database_in_a_folder_named_with_a_hash_is_backed_up_whole(tmp_path: Path, _sample_db: Path) -> None:
    """The issue's case: ``SEND Papers #3/plan.db`` was backed up as an empty 4,096-byte database."""
    home = tmp_path / "SEND Papers #3"
    home.mkdir()
    db = home / "plan.db"
    shutil.copy(_sample_db, db)
    share = tmp_path / "bk #2"
    share.mkdir()
    result = backup_database(db, share)
    assert result.size == db.stat().st_size and result.size > 100_000
    assert [(p.title[:9], p.priorities, p.actions, p.ratings) for p in result.plans] == [("Rotherham", 4, 98, 24)]
    con = sqlite3.connect(result.path)
    assert con.execute("SELECT count(*) FROM action").fetchone()[0] == 98
    con.close()
    from wsoa_desktop.services.restore import verify_backup

    assert verify_backup(result.path).ok
    assert everything_under(tmp_path) == sorted(["SEND Papers #3", "SEND Papers #3/plan.db", "bk #2",
                                                 f"bk #2/{result.path.name}", f"bk #2/{result.path.name}.sha256"])


def _wrong_on_call(monkeypatch: pytest.MonkeyPatch, n: int) -> None:
    """Make the n-th count of the database's contents come out different (1 = source, 2 = snapshot, 3 = copy)."""
    real = backup_mod.plans_held
    calls = {"n": 0}

    def counted(con):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        held = real(con)
        return held[:-1] if calls["n"] == n else held

    monkeypatch.setattr(backup_mod, "plans_held", counted)


def test_a_snapshot_that_does_not_hold_the_source_is_refused(live: Path, dest: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    _wrong_on_call(monkeypatch, 2)
    with pytest.raises(BackupError, match=r"snapshot of .*sample.db did not hold what the database holds "
                                          r"\(1 plan\(s\) expected, 0 found\); no backup was made"):
        backup_database(live, dest)
    assert folder_listing(dest) == []


def test_a_copy_that_does_not_read_back_as_the_source_is_refused(live: Path, dest: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _wrong_on_call(monkeypatch, 3)
    with pytest.raises(BackupError, match="does not read back as the database .* no backup was written"):
        backup_database(live, dest, keep_last=1)
    assert folder_listing(dest) == []


def test_a_wrong_address_can_no_longer_pass_as_a_backup(tmp_path: Path, _sample_db: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Even with the old hand-made address put back, SQLite opening another file is caught."""
    from wsoa_desktop.store import sqlite_address

    home = tmp_path / "SEND Papers #3"
    home.mkdir()
    db = home / "plan.db"
    shutil.copy(_sample_db, db)
    share = tmp_path / "bk #2"
    share.mkdir()
    monkeypatch.setattr(sqlite_address, "sqlite_uri", lambda path, **_k: f"file:{Path(path).as_posix()}?mode=ro")
    with pytest.raises(BackupError, match="instead of"):
        backup_database(db, share)
    assert folder_listing(share) == []


def test_an_empty_file_is_not_backed_up(tmp_path: Path, dest: Path) -> None:
    empty = tmp_path / "plan.db"
    empty.write_bytes(b"")
    with pytest.raises(BackupError, match=r"plan.db holds no WSOA Desktop data .* no backup was made"):
        backup_database(empty, dest)
    assert folder_listing(dest) == []


def test_a_damaged_database_is_not_backed_up_as_good(live: Path, dest: Path) -> None:
    con = sqlite3.connect(live)
    con.execute("DROP TABLE status_update")
    con.commit()
    con.close()
    with pytest.raises(BackupError) as caught:
        backup_database(live, dest)
    message = str(caught.value)
    assert str(live) in message and "the table status_update is missing" in message
    assert "No backup was made" in message
    assert folder_listing(dest) == []


MOUNTS = """/dev/sda1 / ext4 rw 0 0
//fileserver/send /mnt/shared cifs rw 0 0
server:/export /srv/nfs nfs4 rw 0 0
/dev/sdb1 /mnt/shared/local ext4 rw 0 0
"""


@pytest.mark.parametrize("path, expected", [
    ("/home/officer/wsoa.db", False),
    ("/mnt/shared/wsoa.db", True),
    ("/mnt/shared/local/wsoa.db", False),
    ("/srv/nfs/plans/wsoa.db", True),
    ("//fileserver/send/wsoa.db", True),
    ("\\\\fileserver\\send\\wsoa.db", True),
])
def test_network_paths(path: str, expected: bool) -> None:
    assert is_network_path(path, mounts_text=MOUNTS) is expected


def test_a_checksum_that_cannot_be_written_leaves_no_part_file(live: Path, dest: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A full drive when the .sha256 sidecar is written: no 0-byte ``.sha256.part`` is left behind."""
    real = os.fdopen

    def full(fd, *args, **kwargs):  # type: ignore[no-untyped-def]
        f = real(fd, *args, **kwargs)

        def refuse(_text: str) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

        f.write = refuse  # type: ignore[method-assign]
        return f

    monkeypatch.setattr(backup_mod.os, "fdopen", full)
    with pytest.raises(BackupError, match="full"):
        backup_database(live, dest)
    assert folder_listing(dest) == []
