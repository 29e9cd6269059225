"""``backup``, ``verify`` and ``restore`` from a terminal, as an officer runs them."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*args: object) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def live(tmp_path: Path, _sample_db: Path) -> Path:
    path = tmp_path / "officer.db"
    shutil.copy(_sample_db, path)
    return path


def test_backup_verify_restore(live: Path, tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    out = run("--db", live, "backup", share)
    assert out.returncode == 0, out.stderr
    made = sorted(share.glob("officer-*.wsoa.db"))
    assert len(made) == 1 and (share / (made[0].name + ".sha256")).exists()
    assert str(made[0]) in out.stdout

    ok = run("verify", made[0])
    assert ok.returncode == 0, ok.stderr
    assert "Rotherham" in ok.stdout and "August 2022" in ok.stdout and "can be restored" in ok.stdout

    con = sqlite3.connect(live)  # a change made after the backup
    con.execute("UPDATE plan SET title = 'Changed after the backup'")
    con.commit()
    con.close()
    back = run("--db", live, "restore", made[0])
    assert back.returncode == 0, back.stderr
    assert digest(live) == digest(made[0])
    assert "kept as" in back.stdout
    safety = list(tmp_path.glob("officer-before-restore-*.db"))
    assert len(safety) == 1
    assert sqlite3.connect(safety[0]).execute("SELECT title FROM plan").fetchone()[0] == "Changed after the backup"


def test_backup_keep_prunes(live: Path, tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    for _ in range(3):
        assert run("--db", live, "backup", share, "--keep", "2").returncode == 0
    assert len(list(share.glob("*.wsoa.db"))) == 2
    assert len(list(share.glob("*.sha256"))) == 2


def test_failures_are_one_line_and_non_zero(live: Path, tmp_path: Path) -> None:
    before = digest(live)
    missing = run("--db", live, "backup", tmp_path / "not-mounted")
    assert missing.returncode == 1
    assert missing.stderr.count("\n") == 1 and "cannot be found" in missing.stderr

    junk = tmp_path / "junk.wsoa.db"
    junk.write_bytes(b"\x00" * 4096)
    for command in ("verify", "restore"):
        out = run("--db", live, command, junk)
        assert out.returncode == 1
        assert out.stderr.count("\n") == 1 and "not an SQLite database" in out.stderr
    empty = tmp_path / "empty.wsoa.db"
    empty.write_bytes(b"")
    out = run("--db", live, "restore", empty)
    assert out.returncode == 1 and "empty" in out.stderr and "has not been changed" in out.stderr
    assert digest(live) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["officer.db", "junk.wsoa.db", "empty.wsoa.db"])


def everything_under(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


@pytest.mark.parametrize("home_name, share_name", [("SEND Papers #3", "bk #2"), ("100% done", "a?b")])
def test_awkward_folder_names_work_end_to_end(tmp_path: Path, _sample_db: Path, home_name: str,
                                              share_name: str) -> None:
    home, share = tmp_path / home_name, tmp_path / share_name
    home.mkdir()
    share.mkdir()
    live = home / "plan.db"
    shutil.copy(_sample_db, live)
    out = run("--db", live, "backup", share)
    assert out.returncode == 0 and out.stderr == "", out.stderr
    assert "Checked plan 1: 4 priorities, 98 actions and sub-actions, 24 ratings, the same as in the database" \
        in out.stdout
    made = next(share.glob("plan-*.wsoa.db"))
    assert made.stat().st_size == live.stat().st_size
    ok = run("verify", made)
    assert ok.returncode == 0 and "98 actions and sub-actions, 24 ratings" in ok.stdout, ok.stderr
    back = run("--db", live, "restore", made)
    assert back.returncode == 0, back.stderr
    pdf = home / "appendix #8.pdf"
    printed = run("--db", live, "report", "brag", "--period", "August 2022", "-o", pdf)
    assert printed.returncode == 0 and pdf.read_bytes().startswith(b"%PDF"), printed.stderr
    safety = next(home.glob("plan-before-restore-*.db"))
    assert everything_under(tmp_path) == sorted([
        home_name, f"{home_name}/plan.db", f"{home_name}/{safety.name}", f"{home_name}/{pdf.name}",
        share_name, f"{share_name}/{made.name}", f"{share_name}/{made.name}.sha256"])


def test_a_backup_missing_a_table_is_refused_in_one_line(live: Path, tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    assert run("--db", live, "backup", share).returncode == 0
    made = next(share.glob("*.wsoa.db"))
    con = sqlite3.connect(made)
    con.execute("DROP TABLE status_update")
    con.commit()
    con.close()
    (share / (made.name + ".sha256")).unlink()
    before = digest(live)
    for command in ("verify", "restore"):
        out = run("--db", live, command, made)
        assert out.returncode == 1 and out.stdout == ""
        assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr
        assert made.name in out.stderr and "the table status_update is missing" in out.stderr
        assert "Choose an earlier backup" in out.stderr
    assert digest(live) == before
    still = run("--db", live, "plans")
    assert still.returncode == 0 and "Rotherham" in still.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["officer.db", "share"]


def test_a_failed_upgrade_is_one_plain_line_and_leaves_nothing(live: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.wsoa.db"
    old.write_bytes((ROOT / "tests" / "fixtures" / "databases" / "schema_0001_initial.db").read_bytes())
    con = sqlite3.connect(old)
    con.execute("CREATE TRIGGER plan_version_immutable BEFORE DELETE ON plan_version BEGIN SELECT 1; END")
    con.commit()
    con.close()
    before = digest(live)
    out = run("--db", live, "restore", old)
    assert out.returncode == 1 and out.stderr.count("\n") == 1
    assert "put back" in out.stderr and "Traceback" not in out.stderr and "CREATE" not in out.stderr
    assert digest(live) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["officer.db", "old.wsoa.db"]
