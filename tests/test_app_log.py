"""The log file: where it lives, that it rotates, that it keeps the officer's text out,
and the command line's handler for an error nobody expected."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

from wsoa_desktop import app_log, cli
from wsoa_desktop.services.outline import load_outline

PERIOD = "August 2022"
SECRET = "Met with Jayden's mother about his EHC plan"


def _log_text(folder: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("wsoa-desktop.log*")))


def test_the_log_lives_in_the_per_user_log_folder(store) -> None:
    import os

    from platformdirs import user_log_dir

    expected = Path(user_log_dir("WSOA Desktop", appauthor=False)) / "wsoa-desktop.log"
    assert app_log.log_file() == expected
    if sys.platform.startswith("linux"):
        assert expected.is_relative_to(os.environ["XDG_STATE_HOME"])
    assert not expected.exists()  # nothing is made until there is something to write
    assert cli.main(["--db", str(store.path), "plans"]) == 0
    text = expected.read_text(encoding="utf-8")
    assert "WSOA Desktop 0.1.0 started (command line, from source" in text
    assert "command plans finished with exit status 0" in text


def test_wsoa_log_dir_moves_the_log(tmp_path, store, monkeypatch) -> None:
    monkeypatch.setenv("WSOA_LOG_DIR", str(tmp_path / "it-logs"))
    assert cli.main(["--db", str(store.path), "plans"]) == 0
    assert (tmp_path / "it-logs" / "wsoa-desktop.log").is_file()


def test_the_log_rotates_and_keeps_a_few_old_files(tmp_path, store, monkeypatch) -> None:
    monkeypatch.setenv("WSOA_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setattr(app_log, "MAX_BYTES", 1500)
    monkeypatch.setattr(app_log, "BACKUP_COUNT", 2)
    for _ in range(20):
        assert cli.main(["--db", str(store.path), "plans"]) == 0
    files = sorted(p.name for p in (tmp_path / "logs").iterdir())
    assert files == ["wsoa-desktop.log", "wsoa-desktop.log.1", "wsoa-desktop.log.2"]
    assert all((tmp_path / "logs" / name).stat().st_size <= 1500 for name in files)
    assert "command plans finished" in (tmp_path / "logs" / "wsoa-desktop.log").read_text(encoding="utf-8")


def test_a_log_that_cannot_be_written_does_not_stop_the_work(tmp_path, store, monkeypatch, capsys) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the log folder should be")
    monkeypatch.setenv("WSOA_LOG_DIR", str(blocker))
    assert cli.main(["--db", str(store.path), "plans"]) == 0
    assert "Logging error" not in capsys.readouterr().err


def test_a_traceback_keeps_frames_and_types_but_not_messages() -> None:
    def save(text: str) -> None:
        try:
            open(f"/nonexistent/{text}.docx")  # noqa: SIM115
        except OSError as exc:
            raise ValueError(f"could not save {text!r}") from exc

    try:
        save(SECRET)
    except ValueError as exc:
        text = app_log.safe_traceback(exc)
    assert SECRET not in text and "Jayden" not in text
    assert "in save" in text and "builtins.FileNotFoundError: errno 2, No such file or directory" in text
    assert "builtins.ValueError [message withheld" in text
    assert "direct cause" in text


def test_a_sqlalchemy_error_keeps_sqlites_words_not_the_parameters() -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine("sqlite://")
    try:
        with engine.begin() as con:
            con.execute(text("CREATE TABLE t (a TEXT NOT NULL UNIQUE)"))
            con.execute(text("INSERT INTO t VALUES (:a)"), [{"a": SECRET}, {"a": SECRET}])
    except Exception as exc:  # noqa: BLE001 - the very error the log must describe
        assert SECRET in str(exc)  # SQLAlchemy quotes the parameters...
        logged = app_log.safe_traceback(exc)
    assert SECRET not in logged  # ...the log does not
    assert "IntegrityError" in logged and "UNIQUE constraint failed: t.a" in logged


def test_an_unexpected_error_in_a_command_is_one_line_a_logged_traceback_and_no_change(
        sample_store, monkeypatch, capsys) -> None:
    from wsoa_desktop.services import status

    before = load_outline(sample_store, 1, PERIOD).find("2.2.3").status
    assert before.rating == "Amber"
    with sqlite3.connect(sample_store.path) as con:
        audit_before = con.execute("SELECT count(*) FROM audit_entry").fetchone()[0]
    written = status._write_planned

    def write_then_fail(con, state, items, who):  # type: ignore[no-untyped-def]
        written(con, state, items, who)  # the rating and its audit entries are written...
        raise KeyError(f"a bug after writing {items[0].progress}")  # ...then something unforeseen

    monkeypatch.setattr(status, "_write_planned", write_then_fail)
    code = cli.main(["--db", str(sample_store.path), "rate", "2.2.3", "Green", "--period", PERIOD,
                     "--progress", SECRET])
    err = capsys.readouterr().err
    assert code == cli.EXIT_UNEXPECTED
    log_file = app_log.log_file()
    assert err.count("\n") == 1 and "unexpected error (KeyError)" in err
    assert str(log_file) in err and "was not saved" in err
    logged = log_file.read_text(encoding="utf-8")
    assert "Unexpected error in command rate" in logged and "Traceback (most recent call last)" in logged
    assert "in write_then_fail" in logged and "in apply_changes" in logged
    assert "builtins.KeyError [message withheld" in logged
    assert SECRET not in logged
    assert load_outline(sample_store, 1, PERIOD).find("2.2.3").status == before  # rolled back whole
    with sqlite3.connect(sample_store.path) as con:
        assert con.execute("SELECT count(*) FROM audit_entry").fetchone()[0] == audit_before
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_refusals_are_logged_without_their_text(sample_store, capsys) -> None:
    assert cli.main(["--db", str(sample_store.path), "rate", "1.1.1", "Red", "--period", PERIOD,
                     "--progress", SECRET]) == 1
    assert "reason" in capsys.readouterr().err
    logged = app_log.log_file().read_text(encoding="utf-8")
    assert "command rate refused (CommandError)" in logged and SECRET not in logged


@pytest.mark.parametrize("argv", [["--version"], ["--help"]])
def test_version_and_help_print_and_exit_zero(argv, capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        cli.main(argv)
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert ("WSOA Desktop 0.1.0" in out) if argv == ["--version"] else ("backup" in out)
