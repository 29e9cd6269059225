"""The right database or a clear refusal: absolute paths, no accidental databases or folders, no URLs.

Every case runs ``main.py`` as the officer would, from a folder of its own, and
checks both what is said (one line on stderr, exit 1) and what is left on disk.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*args: object, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = dict(os.environ)
    full_env.pop("WSOA_DB", None)
    full_env.update(env or {})
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, env=full_env, timeout=120)


def one_line_error(done: subprocess.CompletedProcess[str]) -> str:
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 1, (done.returncode, done.stdout, done.stderr)
    assert len(lines) == 1, done.stderr
    assert "Traceback" not in done.stderr
    return lines[0]


def listing(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def write_small_csv(path: Path) -> Path:
    path.write_text("Ref,Action,Lead,Target End Date,RAG,Progress Update\n1,Priority one,,,,\n"
                    "1.1,An action,,,,\n1.1.1,A sub-action,Ann,July 2022,,\n", encoding="utf-8")
    return path


@pytest.fixture
def sample_db(tmp_path: Path, _sample_db: Path) -> Path:
    path = tmp_path / "plan.db"
    shutil.copy(_sample_db, path)
    return path


def test_init_creates_an_empty_database_at_an_absolute_path(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    done = run("--db", "new.db", "init", cwd=work)
    assert done.returncode == 0, done.stderr
    assert f"Created an empty database at {work / 'new.db'}." in done.stdout
    plans = run("--db", work / "new.db", "plans", cwd=tmp_path)
    assert plans.returncode == 0 and "No plans yet" in plans.stdout
    again = one_line_error(run("--db", "new.db", "init", cwd=work))
    assert "already a file" in again and "nothing was changed" in again
    folder = one_line_error(run("--db", work, "init", cwd=tmp_path))
    assert "is a folder" in folder


def test_commands_refuse_a_missing_database_and_say_how_to_create_it(tmp_path: Path) -> None:
    before = listing(tmp_path)
    absolute = tmp_path / "typo.db"
    for args in (["plans"], ["export", "out.csv"], ["versions"], ["publish", "--summary", "x"],
                 ["rate", "1.1.1", "Green", "--period", "August 2022"], ["period", "new", "May 2030"],
                 ["report", "brag", "-o", "x.pdf"], ["backup", str(tmp_path)]):
        line = one_line_error(run("--db", "typo.db", *args, cwd=tmp_path))
        assert line == (f"wsoa-desktop: There is no database at {absolute}. Create one with "
                        f"'wsoa-desktop --db {absolute} init', or check the path."), args
    assert listing(tmp_path) == before  # no database, no output, no lock file


def test_a_typo_in_the_folder_never_creates_folders(tmp_path: Path) -> None:
    csv = write_small_csv(tmp_path / "mine.csv")
    before = listing(tmp_path)
    for args in (["plans"], ["init"], ["sample"], ["import", csv]):
        line = one_line_error(run("--db", "Plnas/2022/plan.db", *args, cwd=tmp_path))
        assert "Plnas" in line, (args, line)
    assert listing(tmp_path) == before and not (tmp_path / "Plnas").exists()
    line = one_line_error(run("--db", "Plnas/plan.db", "sample", cwd=tmp_path))
    assert line.startswith(f"wsoa-desktop: The folder {tmp_path / 'Plnas'} does not exist")
    assert listing(tmp_path) == before


def test_sample_and_import_create_a_database_in_an_existing_folder(tmp_path: Path) -> None:
    done = run("--db", "fresh.db", "sample", cwd=tmp_path)
    assert done.returncode == 0 and (tmp_path / "fresh.db").is_file()
    csv = write_small_csv(tmp_path / "mine.csv")
    imported = run("--db", "imported.db", "import", csv, "--title", "Mine", cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    assert "Mine" in run("--db", tmp_path / "imported.db", "plans", cwd=tmp_path).stdout


def test_the_default_database_folder_is_the_only_one_made(tmp_path: Path) -> None:
    """With no --db and no WSOA_DB, ``init`` makes the per-user data folder (nobody can be asked to)."""
    data_home = tmp_path / "xdg"
    env = {"XDG_DATA_HOME": str(data_home)}
    refused = one_line_error(run("plans", cwd=tmp_path, env=env))
    default = data_home / "WSOA Desktop" / "wsoa.db"
    assert f"There is no database at {default}." in refused and not data_home.exists()
    assert f'--db "{default}" init' in refused  # quoted: the folder name has a space
    done = run("init", cwd=tmp_path, env=env)
    assert done.returncode == 0 and default.is_file()


@pytest.mark.parametrize(("address", "words"), [
    ("postgresql://officer@127.0.0.1:1/wsoa", "Cannot reach the database wsoa on 127.0.0.1:1"),
    ("sqlite:///plan.db", "only PostgreSQL servers are supported"),
    ("file://server/share/plan.db", "only PostgreSQL servers are supported")])
def test_an_address_is_never_a_file_and_a_failure_creates_nothing(tmp_path: Path, address: str,
                                                                  words: str) -> None:
    before = listing(tmp_path)
    for args in (["--db", address, "plans"], ["--db", address, "init"], ["--db", address, "sample"], []):
        env = {"WSOA_DB": address} if not args else None
        line = one_line_error(run(*(args or ["plans"]), cwd=tmp_path, env=env))
        assert words in line
    assert listing(tmp_path) == before


def test_an_empty_db_option_is_a_mistake_not_the_default(tmp_path: Path) -> None:
    line = one_line_error(run("--db", "", "plans", cwd=tmp_path))
    assert "Give the path of a database file" in line


def test_user_errors_are_one_line_exit_1_and_no_traceback(tmp_path: Path, sample_db: Path) -> None:
    """A battery of mistakes across every command: each is one line on stderr, exit 1."""
    not_db = tmp_path / "notes.db"
    not_db.write_text("hello", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    db = ["--db", sample_db]
    cases = [
        ["frobnicate"],
        [*db, "plans", "extra"],
        [*db, "export"],
        [*db, "export", "out.txt"],
        [*db, "export", "missing-folder/out.csv"],
        [*db, "export", "out.csv", "--period", "Never 2099"],
        [*db, "export", "out.csv", "--version", "x"],
        [*db, "import", "missing.csv"],
        [*db, "import", "plan.pdf"],
        [*db, "period"],
        [*db, "period", "new", "August 2022"],
        [*db, "rate", "9.9.9", "Green", "--period", "August 2022"],
        [*db, "rate", "1.1.1", "Purple", "--period", "August 2022"],
        [*db, "rate", "1.1.1"],
        [*db, "publish"],
        [*db, "publish", "--summary", "  "],
        [*db, "versions", "--plan", "No such plan"],
        [*db, "report", "brag"],
        [*db, "report", "brag", "-o", "x.txt"],
        [*db, "report", "nonsense", "-o", "x.pdf"],
        [*db, "report", "highlight", "--priority", "9", "-o", "x.pdf"],
        [*db, "report", "brag", "--columns", "bogus", "-o", "x.pdf"],
        [*db, "backup", "no-such-folder"],
        [*db, "backup", str(tmp_path), "--keep", "0"],
        [*db, "verify", "missing.wsoa.db"],
        [*db, "verify", not_db],
        [*db, "restore", not_db],
        ["--db", not_db, "plans"],
        ["--db", tmp_path / "folder", "plans"],
        ["--db", tmp_path / "folder", "init"],
        ["--db"],
    ]
    for args in cases:
        one_line_error(run(*args, cwd=tmp_path))
    assert not_db.read_text(encoding="utf-8") == "hello"


def test_command_line_hints_are_added_only_on_the_command_line(tmp_path: Path, sample_db: Path) -> None:
    """An error's command_hint ("Run 'wsoa-desktop plans'…") follows the message on the command line;
    the message itself, which a window may show, names no command."""
    from wsoa_desktop.domain.errors import NotFoundError
    from wsoa_desktop.services.plans import resolve_plan
    from wsoa_desktop.store.database import open_store

    line = one_line_error(run("--db", sample_db, "versions", "--plan", "No such plan", cwd=tmp_path))
    assert line == "wsoa-desktop: No plan matches “No such plan”. Run 'wsoa-desktop plans' to list them."
    store = open_store(sample_db)
    try:
        with pytest.raises(NotFoundError) as caught:
            resolve_plan(store, "No such plan")
    finally:
        store.close()
    assert str(caught.value) == "No plan matches “No such plan”." and "wsoa-desktop" in caught.value.command_hint
