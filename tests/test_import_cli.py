"""``import FILE [--dry-run]`` from a terminal."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args: object) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT)


def test_dry_run_then_import_then_export_identical(tmp_path: Path, _sample_db: Path) -> None:
    first = tmp_path / "first.csv"
    assert run("--db", _sample_db, "export", first).returncode == 0
    db = tmp_path / "new.db"
    dry = run("--db", db, "import", first, "--dry-run", "--period", "August 2022")
    assert dry.returncode == 0, dry.stderr
    assert "4 priorities, 23 actions and 75 sub-actions" in dry.stdout and "nothing was changed" in dry.stdout
    assert not db.exists()  # a dry run does not even create the database
    done = run("--db", db, "import", first, "--period", "August 2022", "--title", "Copied plan")
    assert done.returncode == 0, done.stderr
    assert "plan 1" in done.stdout
    second = tmp_path / "second.csv"
    assert run("--db", db, "export", second).returncode == 0
    assert first.read_bytes() == second.read_bytes()


def test_problems_exit_non_zero_and_change_nothing(tmp_path: Path, _sample_db: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("Ref,Action,Lead,Target date,RAG,Progress Update\n1,P,,,,\n1.1,A,,,Purple,\n1.1,B,,,,\n",
                   encoding="utf-8")
    db = tmp_path / "live.db"
    db.write_bytes(_sample_db.read_bytes())
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    dry = run("--db", db, "import", bad, "--dry-run")
    assert dry.returncode == 1
    assert "row 3, ref 1.1" in dry.stdout and "Purple" in dry.stdout and "row 4, ref 1.1" in dry.stdout
    real = run("--db", db, "import", bad)
    assert real.returncode == 1 and real.stderr.count("\n") == 1 and "Nothing was imported" in real.stderr
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    wrong = run("--db", db, "import", tmp_path / "plan.pdf")
    assert wrong.returncode == 1 and ".csv, .xlsx or .docx" in wrong.stderr
