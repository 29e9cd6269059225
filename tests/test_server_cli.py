"""The command line against a shared PostgreSQL server: ``--db postgresql://…``.

(The ordinary commands run against a server too: see the ``[pg]`` runs of
test_cli.py and test_round_cli.py.)
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.sqlite_only  # each test here chooses its server itself


def run(*args: object, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, env={**os.environ, **(env or {})})


def test_init_sample_backup_and_restore_on_a_server(pg_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = pg_server.new_database()  # what IT hands over: an empty database
    before = run("--db", db, "plans", cwd=tmp_path)
    assert before.returncode == 1 and before.stderr.count("\n") == 1
    assert "holds no WSOA Desktop database yet" in before.stderr and f"--db {db} init" in before.stderr
    made = run("--db", db, "init")
    assert made.returncode == 0 and "Set up an empty WSOA Desktop database" in made.stdout
    again = run("--db", db, "init")
    assert again.returncode == 1 and "already holds a WSOA Desktop database" in again.stderr
    assert run("--db", db, "sample").returncode == 0
    plans = run("--db", db, "plans")
    assert plans.returncode == 0 and "4 priorities, 23 actions, 75 sub-actions" in plans.stdout

    backup = run("--db", db, "backup", tmp_path)
    assert backup.returncode == 0 and "the same as in the database" in backup.stdout
    made_file = next(tmp_path.glob("*.wsoa.db"))
    assert run("verify", made_file).returncode == 0

    assert run("--db", db, "rate", "2.2.2", "Red", "--period", "August 2022", "--reason", "x").returncode == 0
    refused = run("--db", db, "restore", made_file)
    assert refused.returncode == 1 and "--replace" in refused.stderr
    restored = run("--db", db, "restore", made_file, "--replace")
    assert restored.returncode == 0 and f"into {db}" in restored.stdout
    out = tmp_path / "plan.csv"
    assert run("--db", db, "export", out).returncode == 0
    assert ",Red," not in out.read_text(encoding="utf-8-sig").split("2.2.2,", 1)[1].splitlines()[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [made_file.name, made_file.name + ".sha256", "plan.csv"])  # no lock file, no folder "postgresql:"


def test_a_report_straight_from_the_server(pg_server, _pg_sample, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = pg_server.new_database(template=_pg_sample)
    out = tmp_path / "appendix.pdf"
    result = run("--db", db, "report", "brag", "-o", out, "--period", "August 2022")
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")


def test_every_way_of_not_reaching_a_server_is_one_line(pg_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fake = tmp_path / "no-driver"
    (fake / "psycopg").mkdir(parents=True)
    (fake / "psycopg" / "__init__.py").write_text("raise ImportError('psycopg is not installed')\n")
    cases = [
        (("--db", "postgresql://officer@db.council.local/wsoa", "plans"), {"PYTHONPATH": str(fake)},
         r"pip install wsoa-desktop[server]"),
        (("--db", "postgresql://officer@127.0.0.1:1/wsoa", "plans"), {}, "Cannot reach the database wsoa"),
        (("--db", pg_server.address("nosuch"), "sample"), {}, "There is no database nosuch"),
        (("--db", "mysql://officer@db/wsoa", "plans"), {}, "only PostgreSQL servers are supported"),
    ]
    work = tmp_path / "work"
    work.mkdir()
    for args, env, words in cases:
        result = run(*args, cwd=work, env=env)
        assert result.returncode == 1, (args, result.stderr)
        assert words in result.stderr and result.stderr.count("\n") == 1, result.stderr
        assert "Traceback" not in result.stderr
    assert list(work.iterdir()) == []  # no file or folder named after the address
