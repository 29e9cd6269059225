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
    assert wrong.returncode == 1 and ".csv, .xlsx, .docx or .json" in wrong.stderr


def test_import_json_export_back_exactly(tmp_path: Path, _sample_db: Path) -> None:
    first = tmp_path / "plan.json"
    assert run("--db", _sample_db, "export", first).returncode == 0
    db = tmp_path / "moved.db"
    dry = run("--db", db, "import", first, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "4 priorities, 23 actions and 75 sub-actions" in dry.stdout and not db.exists()
    done = run("--db", db, "import", first)
    assert done.returncode == 0, done.stderr
    second = tmp_path / "again.json"
    assert run("--db", db, "export", second).returncode == 0
    assert first.read_bytes() == second.read_bytes()


def test_joint_plan_with_owner_choice_and_scheme(tmp_path: Path) -> None:
    from tests.services.plan_shapes import joint_plan_docx

    path = joint_plan_docx(tmp_path / "joint.docx")
    db = tmp_path / "joint.db"
    dry = run("--db", db, "import", path, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "“PW” could be PW (I) Paula Williams (I)" in dry.stdout and "table 3, row 3, ref SEND 1" in dry.stdout
    assert "Peer Review 2" in dry.stdout and "under SEND 1 / SEND 4" in dry.stdout
    assert "Say who each is with --owner" in dry.stdout
    done = run("--db", db, "import", path, "--owner", "PW=PW (I)", "--owner", "Paula Williams=PW (I)",
               "--scheme", "RAG 2017")
    assert done.returncode == 0, done.stderr
    assert "Kept as written" not in done.stdout
    versions = run("--db", db, "versions")
    assert versions.stdout.count("\n") >= 13 and "Christine Pike" in versions.stdout
    bad = run("--db", db, "import", path, "--owner", "PW")
    assert bad.returncode == 1 and "WRITTEN=WHO" in bad.stderr


def test_import_ratings_dry_run_then_apply(tmp_path: Path, _sample_db: Path) -> None:
    db = tmp_path / "live.db"
    db.write_bytes(_sample_db.read_bytes())
    assert run("--db", db, "period", "new", "September 2022").returncode == 0
    ratings = tmp_path / "september.csv"
    ratings.write_text("Ref,RAG,Progress Update,Reason\n2.2.2,Green,,\n2.2.3,Red,Chased,\n9.9.9,Green,,\n",
                       encoding="utf-8")
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    dry = run("--db", db, "import-ratings", ratings, "--period", "September 2022", "--dry-run")
    assert dry.returncode == 1
    assert "row 3, ref 2.2.3: worse or Red without a reason" in dry.stdout
    assert "row 4, ref 9.9.9: unknown ref" in dry.stdout and "row 2, ref 2.2.2: confirmed" in dry.stdout
    real = run("--db", db, "import-ratings", ratings, "--period", "September 2022")
    assert real.returncode == 1 and real.stderr.count("\n") == 1 and "Nothing was changed" in real.stderr
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    ratings.write_text("Ref,RAG,Progress Update,Reason\n2.2.2,Green,,\n2.2.3,Red,Chased,No reply\n",
                       encoding="utf-8")
    done = run("--db", db, "import-ratings", ratings, "--period", "September 2022", "--by", "Jo Officer")
    assert done.returncode == 0, done.stderr
    assert "2 items changed" in done.stdout
    missing = run("--db", db, "import-ratings", ratings, "--period", "March 2031")
    assert missing.returncode == 1 and "no period “March 2031”" in missing.stderr
