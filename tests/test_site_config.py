"""Site settings IT sets without the window: WSOA_DB, WSOA_BACKUP_DIR, or wsoa-desktop.ini."""

from __future__ import annotations

from pathlib import Path

import pytest

from wsoa_desktop import cli, site_config
from wsoa_desktop.paths import default_database_path, resolve_database_path


@pytest.fixture
def ini(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A site ini (named by WSOA_CONFIG, as it would sit beside the executable); no WSOA_DB."""
    path = tmp_path / "program" / "wsoa-desktop.ini"
    path.parent.mkdir()
    monkeypatch.setenv("WSOA_CONFIG", str(path))
    monkeypatch.delenv("WSOA_DB")
    return path


def test_the_ini_beside_the_program_is_where_a_frozen_build_looks(monkeypatch, tmp_path) -> None:
    import sys

    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "WSOA Desktop.exe"))
    assert site_config.ini_path() == tmp_path / "wsoa-desktop.ini"


def test_ini_sets_the_database_and_backup_folder(ini: Path, monkeypatch) -> None:
    monkeypatch.setenv("SHARE_ROOT", str(ini.parent / "share"))
    ini.write_text("[wsoa-desktop]\ndatabase = data/wsoa.db\nbackup_folder = $SHARE_ROOT/backups\n",
                   encoding="utf-8")
    config = site_config.load()
    assert config.database == ini.parent / "data" / "wsoa.db"  # relative to the ini's folder
    assert config.backup_folder == ini.parent / "share" / "backups"
    assert config.ini_file == ini
    assert resolve_database_path(None) == ini.parent / "data" / "wsoa.db"
    assert resolve_database_path("mine.db") == Path.cwd() / "mine.db"  # --db still wins


def test_environment_variables_win_over_the_ini(ini: Path, monkeypatch, tmp_path) -> None:
    ini.write_text("[wsoa-desktop]\ndatabase = a.db\nbackup_folder = b\n", encoding="utf-8")
    monkeypatch.setenv("WSOA_DB", str(tmp_path / "env.db"))
    monkeypatch.setenv("WSOA_BACKUP_DIR", str(tmp_path / "env-backups"))
    config = site_config.load()
    assert (config.database, config.backup_folder) == (tmp_path / "env.db", tmp_path / "env-backups")


def test_without_any_setting_the_per_user_folder_is_used(ini: Path, monkeypatch) -> None:
    monkeypatch.delenv("WSOA_CONFIG")  # the checkout holds no wsoa-desktop.ini beside main.py
    assert not site_config.ini_path().exists()
    assert site_config.load() == site_config.SiteConfig()
    assert resolve_database_path(None) == default_database_path()


@pytest.mark.parametrize(("text", "words"), [
    ("database = x.db\n", "no [wsoa-desktop] section"),
    ("[wsoa-desktop]\ndatbase = x.db\n", "unknown setting “datbase”"),
    ("[wsoa-desktop]\nthis line has no equals sign\n", "could not be read"),
])
def test_a_broken_ini_gets_one_line_naming_the_file(ini: Path, capsys, text: str, words: str) -> None:
    ini.write_text(text, encoding="utf-8")
    assert cli.main(["plans"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and words in err and str(ini) in err


def test_wsoa_config_naming_a_missing_file_is_refused(ini: Path, capsys) -> None:
    assert cli.main(["plans"]) == 1
    assert "WSOA_CONFIG names" in capsys.readouterr().err


def test_sample_and_backup_follow_the_ini(ini: Path, capsys) -> None:
    (ini.parent / "backups").mkdir()
    ini.write_text("[wsoa-desktop]\ndatabase = plan.db\nbackup_folder = backups\n", encoding="utf-8")
    assert cli.main(["sample"]) == 0
    assert (ini.parent / "plan.db").is_file()
    assert cli.main(["backup"]) == 0
    assert "Backed up to " + str(ini.parent / "backups") in capsys.readouterr().out
    assert len(list((ini.parent / "backups").glob("plan-*.wsoa.db"))) == 1


def test_backup_folder_from_the_environment(store, tmp_path, monkeypatch, capsys) -> None:
    folder = tmp_path / "env-backups"
    folder.mkdir()
    monkeypatch.setenv("WSOA_BACKUP_DIR", str(folder))
    assert cli.main(["--db", str(store.path), "backup"]) == 0
    assert len(list(folder.glob("*.wsoa.db"))) == 1


def test_backup_without_a_folder_anywhere_says_how_to_give_one(store, capsys) -> None:
    assert cli.main(["--db", str(store.path), "backup"]) == 1
    err = capsys.readouterr().err
    assert "WSOA_BACKUP_DIR" in err and "wsoa-desktop.ini" in err and len(err.strip().splitlines()) == 1
