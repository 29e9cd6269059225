"""A save cut off by a crash leaves a hot journal; the database must open, export and back up as it was.

The journal is made for real: a child process begins a write transaction in
rollback-journal mode, writes enough that SQLite spills changed pages into the
database file itself, and is killed with SIGKILL before it commits.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from wsoa_desktop.domain.errors import DatabaseError
from wsoa_desktop.store import schema_version, sqlite_address
from wsoa_desktop.store.database import open_store

ROOT = Path(__file__).resolve().parents[2]

HALF_SAVE = r"""
import sqlite3, sys, time
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("PRAGMA journal_mode = DELETE")
con.execute("PRAGMA cache_size = 5")  # a tiny cache: changed pages spill into the database file
con.execute("BEGIN IMMEDIATE")
con.execute("UPDATE status_update SET progress = ? ", ("x" * 3000,))
for i in range(400):
    con.execute("INSERT INTO audit_entry (plan_id, at, by, entity, ref, field_name, old_value, new_value, "
                "operation) VALUES (1, '2030-01-01', 'crash', 'status', '1.1.1', 'progress', '', ?, 'update')",
                ("y" * 2000,))
print("mid-save", flush=True)
time.sleep(120)
"""


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def kill_mid_save(db: Path) -> None:
    child = subprocess.Popen([sys.executable, "-c", HALF_SAVE, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "mid-save"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()


@pytest.fixture
def crashed(tmp_path: Path, _sample_db: Path) -> tuple[Path, str]:
    """A sample database in a folder with an awkward name, killed mid-save: (path, digest before)."""
    folder = tmp_path / "SEND Papers #3"
    folder.mkdir()
    db = folder / "plan.db"
    shutil.copy(_sample_db, db)
    before = digest(db)
    kill_mid_save(db)
    journal = schema_version.journal_path(db)
    assert journal.exists() and schema_version.has_hot_journal(db)
    assert digest(db) != before  # the database file itself was half written
    return db, before


def test_the_old_read_only_check_could_not_read_it(crashed: tuple[Path, str]) -> None:
    """What the officer met: a read-only connection cannot roll the journal back."""
    db, _ = crashed
    con = sqlite3.connect(sqlite_address.sqlite_uri(db, read_only=True), uri=True)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        con.execute("SELECT count(*) FROM plan").fetchone()
    con.close()


def test_the_check_rolls_the_half_save_back_and_says_so(crashed: tuple[Path, str]) -> None:
    db, before = crashed
    check = schema_version.check_database(db)
    assert check.revision == schema_version.HEAD
    assert check.notice and str(db) in check.notice and "undone" in check.notice
    assert digest(db) == before  # exactly the database as it was before the unfinished save
    assert not schema_version.journal_path(db).exists()
    assert schema_version.check_database(db).notice is None  # said once


def test_the_database_opens_with_the_notice_for_the_window(crashed: tuple[Path, str]) -> None:
    db, _ = crashed
    store = open_store(db)
    assert len(store.notices) == 1 and "not closed properly" in store.notices[0]
    from wsoa_desktop.services.plans import list_plans

    assert list_plans(store)[0].sub_actions == 75
    store.close()
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*) FROM audit_entry WHERE by = 'crash'").fetchone()[0] == 0
    con.close()


def test_back_up_after_a_crash(crashed: tuple[Path, str], tmp_path: Path) -> None:
    from wsoa_desktop.services.backup import backup_database
    from wsoa_desktop.services.restore import verify_backup

    db, before = crashed
    share = tmp_path / "bk #2"
    share.mkdir()
    result = backup_database(db, share)
    assert result.notice and "undone" in result.notice
    assert verify_backup(result.path).ok
    assert digest(db) == before


def run(*args: object) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT)


def test_command_line_prints_the_notice_and_goes_on(crashed: tuple[Path, str], tmp_path: Path) -> None:
    db, _ = crashed
    out = run("--db", db, "report", "brag", "--period", "August 2022", "-o", tmp_path / "appendix.pdf")
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "appendix.pdf").stat().st_size > 1000
    lines = out.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("wsoa-desktop: ") and "undone" in lines[0]
    again = run("--db", db, "plans")
    assert again.returncode == 0 and again.stderr == "" and "Rotherham" in again.stdout


def test_a_journal_that_cannot_be_rolled_back_is_explained(crashed: tuple[Path, str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A read-only folder (simulated: the tests run as a user who may write anywhere)."""
    db, _ = crashed
    real = sqlite_address.connect

    def read_only_folder(path, **options):  # type: ignore[no-untyped-def]
        if not options.get("read_only") and not options.get("immutable"):
            raise sqlite3.OperationalError("attempt to write a readonly database")
        return real(path, **options)

    monkeypatch.setattr(sqlite_address, "connect", read_only_folder)
    with pytest.raises(DatabaseError) as caught:
        schema_version.check_database(db)
    message = str(caught.value)
    assert str(db) in message and "read-only" in message and "plan.db-journal" in message
    assert "not a WSOA Desktop" not in message
    assert schema_version.has_hot_journal(db)  # nothing was lost: the journal is still there


def test_a_journal_of_a_save_in_progress_is_left_alone(tmp_path: Path, _sample_db: Path) -> None:
    """Another program holding its write lock: not a crash, nothing is rolled back or announced."""
    db = tmp_path / "plan.db"
    shutil.copy(_sample_db, db)
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("PRAGMA journal_mode = DELETE")
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE plan SET title = 'mid-edit'")
    try:
        assert schema_version.journal_path(db).exists()
        check = schema_version.check_database(db)
        assert check.revision == schema_version.HEAD and check.notice is None
    finally:
        writer.execute("COMMIT")
        writer.close()
    assert sqlite3.connect(db).execute("SELECT title FROM plan").fetchone()[0] == "mid-edit"
