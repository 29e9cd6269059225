"""An error nobody expected, in the window: a message naming the log, a private traceback in
the log, the database as it was, the window still open. Also the app icon and IT's defaults."""

from __future__ import annotations

import sys
import threading

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from wsoa_desktop import app_log, cli
from wsoa_desktop.gui import app as gui_app
from wsoa_desktop.services import rounds
from wsoa_desktop.services.outline import load_outline

SECRET = "Jayden's mother agreed the EHC plan draft"
PERIOD = "September 2022"


@pytest.fixture
def hooks(monkeypatch):  # type: ignore[no-untyped-def]
    """Put the interpreter's error hooks back after the test installs the app's."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)


def test_the_app_has_its_icon_and_error_reporter(qapp, hooks) -> None:
    reporter = gui_app.prepare_application(qapp)
    icon = qapp.windowIcon()
    assert not icon.isNull() and icon.pixmap(32, 32).width() == 32
    assert sys.excepthook is reporter


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_names_the_log_and_keeps_the_window(window, qtbot, warnings, hooks) -> None:
    log_file = app_log.start_logging("window")
    gui_app.install_error_reporter()

    def broken_slot() -> None:
        raise RuntimeError(f"could not show {SECRET}")

    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: len(warnings) == 1)
    assert str(log_file) in warnings[0] and "(RuntimeError)" in warnings[0]
    assert "was not saved" in warnings[0] and SECRET not in warnings[0]
    logged = log_file.read_text(encoding="utf-8")
    assert "Unexpected error in the window" in logged and "in broken_slot" in logged
    assert SECRET not in logged
    assert window.isVisible()
    qtbot.keyClick(window.tree, Qt.Key.Key_Down)  # still answers the officer
    assert window.tree.currentIndex().isValid()


@pytest.mark.qt_no_exception_capture
def test_an_error_on_a_worker_thread_is_told_on_the_window_thread(qtbot, prompts, hooks) -> None:
    log_file = app_log.start_logging("window")
    gui_app.install_error_reporter()
    told: list[tuple[str, bool]] = []
    prompts.otherwise("warn", lambda question: told.append(
        (question.text, threading.current_thread() is threading.main_thread())))
    worker = threading.Thread(target=lambda: 1 / 0)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(told) == 1)
    assert told[0][1] and "(ZeroDivisionError)" in told[0][0] and str(log_file) in told[0][0]


@pytest.mark.qt_no_exception_capture
def test_progress_typed_in_a_rating_never_reaches_the_log(qtbot, sample_store, warnings, hooks) -> None:
    from PySide6.QtGui import QUndoStack

    from wsoa_desktop.gui.update_round import UpdateRoundView

    log_file = app_log.start_logging("window")
    gui_app.install_error_reporter()
    rounds.new_period(sample_store, 1, PERIOD)
    view = UpdateRoundView(sample_store, 1, PERIOD, undo_stack=QUndoStack(), user="Officer")
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    qtbot.mouseClick(view.editor.progress.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(view.editor.progress, SECRET)
    qtbot.keyClick(view.editor.progress, Qt.Key.Key_PageDown)
    assert load_outline(sample_store, 1, PERIOD).find("1.1.1").status.progress == SECRET

    def fails_with_the_text() -> None:  # the worst case: an exception that quotes the text
        raise ValueError(view.editor.progress.toPlainText() or SECRET)

    QTimer.singleShot(0, fails_with_the_text)
    qtbot.waitUntil(lambda: len(warnings) == 1)
    assert cli.main(["--db", str(sample_store.path), "rate", "1.1.2", "Green", "--period", PERIOD,
                     "--progress", SECRET]) == 0
    logged = "".join(p.read_text(encoding="utf-8") for p in log_file.parent.glob("wsoa-desktop.log*"))
    assert "Unexpected error in the window" in logged and "command rate finished" in logged
    assert SECRET not in logged and "Jayden" not in logged


def test_a_broken_site_ini_is_told_in_a_message_when_the_window_starts(tmp_path, monkeypatch, warnings,
                                                                       capsys, hooks) -> None:
    ini = tmp_path / "wsoa-desktop.ini"
    ini.write_text("[wsoa-desktop]\ndatabse = x.db\n", encoding="utf-8")
    monkeypatch.setenv("WSOA_CONFIG", str(ini))
    monkeypatch.delenv("WSOA_DB")
    assert cli.main([]) == 1
    assert len(warnings) == 1 and "unknown setting “databse”" in warnings[0] and str(ini) in warnings[0]
    assert "databse" in capsys.readouterr().err


def test_preferences_default_to_the_sites_folders(settings, tmp_path, monkeypatch) -> None:
    ini = tmp_path / "wsoa-desktop.ini"
    ini.write_text("[wsoa-desktop]\ndatabase = team/wsoa.db\nbackup_folder = //server/share/WSOA\n",
                   encoding="utf-8")
    monkeypatch.setenv("WSOA_CONFIG", str(ini))
    monkeypatch.delenv("WSOA_DB")
    assert settings.get("backup/folder").replace("\\", "/") == "//server/share/WSOA"
    assert settings.get("paths/database_folder") == str(tmp_path / "team")
    settings.set("backup/folder", str(tmp_path / "mine"))  # the officer's own choice wins
    assert settings.get("backup/folder") == str(tmp_path / "mine")
    monkeypatch.setenv("WSOA_BACKUP_DIR", str(tmp_path / "env"))
    settings.set("backup/folder", "")  # cleared in Preferences: the site's default again
    assert settings.get("backup/folder") == str(tmp_path / "env")
