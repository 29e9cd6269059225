"""A path becomes an SQLite address in one place, and every use of a database works in any folder.

Folders named as council staff name them — ``SEND Papers #3``, ``100% done``,
``a?b`` (Linux allows it), spaces, accents — once made SQLite open (and create)
the wrong file: the backup of ``SEND Papers #3/plan.db`` was an empty database.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path, PurePosixPath, PureWindowsPath
from urllib.parse import unquote

import pytest

from wsoa_desktop.domain.errors import DatabaseError
from wsoa_desktop.store import sqlite_address
from wsoa_desktop.store.sqlite_address import connect, sqlite_uri

AWKWARD = ["SEND Papers #3", "100% done", "a?b", "two  spaces and\ttab", "Pâté & £ #?%=+;", "%23 already", "x&mode=rwc"]


# -- the address itself ---------------------------------------------------------------------------


@pytest.mark.parametrize("folder", AWKWARD)
def test_every_awkward_character_is_encoded_and_decodes_back(folder: str) -> None:
    path = PurePosixPath("/home/officer") / folder / "plan.db"
    uri = sqlite_uri(path, read_only=True)
    assert uri.startswith("file:///home/officer/") and uri.endswith("/plan.db?mode=ro")
    body = uri[len("file://"):uri.index("?")]
    assert re.fullmatch(r"[A-Za-z0-9._~/-]*", re.sub(r"%[0-9A-F]{2}", "", body)), body
    assert unquote(body) == str(path)
    assert uri.count("?") == 1 and "#" not in uri


@pytest.mark.parametrize("path, expected", [
    (PureWindowsPath(r"C:\Users\officer\SEND Papers #3\plan.db"),
     "file:///C:/Users/officer/SEND%20Papers%20%233/plan.db?mode=rw"),
    (PureWindowsPath(r"D:\100% done\plan.db"), "file:///D:/100%25%20done/plan.db?mode=rw"),
    (PureWindowsPath(r"\\council-fs01\SEND$\WSOA #3\plan.db"),
     "file:////council-fs01/SEND%24/WSOA%20%233/plan.db?mode=rw"),
    (PureWindowsPath(r"\\?\UNC\council-fs01\share\plan.db"), "file:////council-fs01/share/plan.db?mode=rw"),
    (PureWindowsPath(r"\\?\C:\Long path\plan.db"), "file:///C:/Long%20path/plan.db?mode=rw"),
    (PurePosixPath("/mnt/SEND Papers #3/plan.db"), "file:///mnt/SEND%20Papers%20%233/plan.db?mode=rw"),
    (PurePosixPath("relative #1/plan.db"), "file:relative%20%231/plan.db?mode=rw"),
])
def test_windows_drive_unc_and_posix_forms(path: PureWindowsPath | PurePosixPath, expected: str) -> None:
    assert sqlite_uri(path) == expected


def test_modes_are_parameters() -> None:
    path = PurePosixPath("/data/plan.db")
    assert sqlite_uri(path).endswith("?mode=rw")  # never creates by accident
    assert sqlite_uri(path, create=True).endswith("?mode=rwc")
    assert sqlite_uri(path, read_only=True).endswith("?mode=ro")
    assert sqlite_uri(path, immutable=True).endswith("?mode=ro&immutable=1")
    with pytest.raises(ValueError):
        sqlite_uri(path, read_only=True, create=True)


def test_a_relative_real_path_is_made_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert sqlite_uri(Path("SEND Papers #3/plan.db")) == sqlite_uri(tmp_path / "SEND Papers #3" / "plan.db")
    assert sqlite_uri("plan.db").startswith("file:///")


def test_unc_form_is_read_by_sqlite_as_one_path(tmp_path: Path) -> None:
    """``file:////server/share/…``: SQLite keeps the whole path after the empty authority.

    On Windows that path is the UNC share; on Linux the same address names the
    local path with a doubled leading slash, so opening it here proves SQLite
    parses the form as intended.
    """
    folder = tmp_path / "WSOA #3 100%"
    folder.mkdir()
    db = folder / "plan.db"
    sqlite3.connect(db).execute("CREATE TABLE t (x)").connection.close()
    parts = db.parts[1:]  # drop the root: the first part stands for the server
    unc = PureWindowsPath("\\\\" + "\\".join(parts))
    uri = sqlite_uri(unc, read_only=True)
    assert uri.startswith("file:////" + parts[0] + "/")
    con = sqlite3.connect(uri, uri=True)
    assert Path(con.execute("PRAGMA database_list").fetchone()[2]).resolve() == db.resolve()
    con.close()


# -- connections ----------------------------------------------------------------------------------


@pytest.mark.parametrize("folder", AWKWARD)
def test_connect_opens_exactly_that_file_and_creates_nothing_else(tmp_path: Path, folder: str) -> None:
    where = tmp_path / folder
    where.mkdir()
    db = where / "plan.db"
    con = connect(db, create=True)
    con.execute("CREATE TABLE t (x)")
    con.execute("INSERT INTO t VALUES (42)")
    con.commit()
    con.close()
    for options in ({}, {"read_only": True}, {"immutable": True}):
        con = connect(db, **options)
        assert con.execute("SELECT x FROM t").fetchone() == (42,)
        con.close()
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == [folder, f"{folder}/plan.db"]


def test_a_missing_file_is_never_created(tmp_path: Path) -> None:
    for options in ({}, {"read_only": True}, {"immutable": True}):
        with pytest.raises(sqlite3.OperationalError):
            connect(tmp_path / "SEND Papers #3.db", **options)
    assert list(tmp_path.iterdir()) == []


def test_a_connection_to_another_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Should an address ever go wrong again, the connection says so instead of reading another file."""
    folder = tmp_path / "SEND Papers #3"
    folder.mkdir()
    db = folder / "plan.db"
    sqlite3.connect(db).close()
    naive = lambda path, **_k: f"file:{Path(path).as_posix()}?mode=ro"  # noqa: E731 - the old hand-made address
    monkeypatch.setattr(sqlite_address, "sqlite_uri", naive)
    with pytest.raises(DatabaseError, match="instead of"):
        connect(db)


def test_engines_use_the_same_addresses(tmp_path: Path) -> None:
    from sqlalchemy import text

    folder = tmp_path / "100% done #2 a?b"
    folder.mkdir()
    engine = sqlite_address.sqlite_engine(folder / "plan.db", create=True)
    with engine.begin() as con:
        con.execute(text("CREATE TABLE t (x)"))
        name = con.execute(text("PRAGMA database_list")).fetchone()[2]
    engine.dispose()
    assert Path(name) == folder / "plan.db"
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder.name]


# -- everything that opens a database, in awkward folders -----------------------------------------


@pytest.mark.parametrize("folder", ["SEND Papers #3", "100% done", "a?b", "with  spaces"])
def test_open_back_up_verify_restore_and_report_in_awkward_folders(tmp_path: Path, _sample_db: Path,
                                                                   folder: str) -> None:
    from wsoa_desktop.reports.read_only_outline import fast_outline
    from wsoa_desktop.services.backup import backup_database
    from wsoa_desktop.services.plans import list_plans
    from wsoa_desktop.services.restore import restore_backup, verify_backup
    from wsoa_desktop.services.sample import add_sample
    from wsoa_desktop.store.database import open_store

    home = tmp_path / folder
    home.mkdir()
    fresh = home / "new plan #1.db"  # created and migrated through the engine and Alembic
    store = open_store(fresh)
    add_sample(store)
    assert list_plans(store)[0].sub_actions == 75
    store.close()

    live = home / "plan.db"
    shutil.copy(_sample_db, live)
    share = tmp_path / f"bk #2 {folder}"
    share.mkdir()
    made = backup_database(live, share)
    assert made.size > 100_000 and made.plans[0].actions == 98
    report = verify_backup(made.path)
    assert report.ok, report.problems
    assert report.plans[0].actions == 98 and report.plans[0].ratings == 24

    outline = fast_outline(live, None, "August 2022")  # the report's read-only fast path
    assert outline is not None and outline.find("2.4.3").rating == "Amber"

    result = restore_backup(made.path, live)
    store = open_store(live)
    assert list_plans(store)[0].sub_actions == 75
    store.close()
    everything = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    assert everything == sorted([
        folder, f"{folder}/new plan #1.db", f"{folder}/plan.db", f"{folder}/{result.safety_copy.name}",
        share.name, f"{share.name}/{made.path.name}", f"{share.name}/{made.path.name}.sha256",
    ])
