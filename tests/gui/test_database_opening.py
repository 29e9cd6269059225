"""The right database, or a clear question: start-up, File ▸ New/Open database, Recent, locks, places.

Questions are answered through the app's prompt seam (the ``prompts`` fixture);
menus are driven by their keys (Alt+F, then the underlined letter).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QLockFile, Qt
from PySide6.QtWidgets import QApplication, QMenu

from wsoa_desktop.gui import app as gui_app
from wsoa_desktop.gui.database_lock import DatabaseLock, lock_path, owner_path, this_computer
from wsoa_desktop.store.database import open_store


class Answers:
    """Yes/Cancel questions the officer was asked, answered from a script (True = the named button,
    Cancel once the script runs out); the offer of the sample plan is answered by ``sample``."""

    def __init__(self, prompts) -> None:  # type: ignore[no-untyped-def]
        self.asked: list[tuple[str, str]] = []
        self.replies: list[bool] = []
        self.sample: bool | None = None  # not expected unless a test says how to answer it
        prompts.otherwise("confirm", self._confirm)

    def _confirm(self, question) -> bool:  # type: ignore[no-untyped-def]
        if question.options == (gui_app.LOAD_SAMPLE,):
            assert self.sample is not None, "the sample plan was offered"
            return self.sample
        self.asked.append((question.text, question.options[0]))
        return self.replies.pop(0) if self.replies else False


@pytest.fixture
def answers(prompts) -> Answers:  # type: ignore[no-untyped-def]
    return Answers(prompts)


@pytest.fixture
def no_sample(answers: Answers) -> None:
    """Answer “Cancel” when an empty database offers the sample plan."""
    answers.sample = False


def press_menu(qtbot, window, menu_key: Qt.Key, item_key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    """Alt+<menu letter>, then the item's underlined letter, as the officer would."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, menu_key, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    qtbot.keyClick(QApplication.activePopupWidget(), item_key)


def write_foreign_lock(db: Path, *, host: str, pid: int = 4242, user: str = "Dana Whitfield",
                       since: str = "2025-03-03T14:02:00") -> None:
    """A lock left by a copy of the app on another computer (QLockFile's format: pid, program, host)."""
    lock_path(db).write_text(f"{pid}\nwsoa-desktop\n{host}\n", encoding="utf-8")
    owner_path(db).write_text(f'{{"user": "{user}", "host": "{host}", "pid": {pid}, "since": "{since}"}}',
                              encoding="utf-8")


# -- start-up ----------------------------------------------------------------------------------

def test_start_up_asks_before_creating_a_database(qtbot, tmp_path, answers, warnings) -> None:
    target = tmp_path / "new.db"
    assert gui_app.open_or_ask(target) == (None, None)
    assert answers.asked == [(f"No database at {target}.\n\nCreate a new one here?", "Create")]
    assert not target.exists() and not lock_path(target).exists()
    answers.replies = [True]
    store, lock = gui_app.open_or_ask(target)
    assert store is not None and store.path == target and target.is_file()
    assert lock is not None and lock_path(target).exists()
    lock.release()
    store.close()


def test_start_up_with_a_relative_path_opens_the_absolute_file(qtbot, tmp_path, answers, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    open_store(tmp_path / "here.db").close()
    store, lock = gui_app.open_or_ask("here.db")
    assert store.path == tmp_path / "here.db" and store.path.is_absolute() and not answers.asked
    lock.release()
    store.close()


def test_start_up_in_a_missing_folder_creates_nothing(qtbot, tmp_path, answers) -> None:
    target = tmp_path / "Plnas" / "2022" / "plan.db"
    assert gui_app.open_or_ask(target) == (None, None)
    (question, button), = answers.asked
    assert question.startswith(f"There is no database at {target}, and the folder {target.parent} does not "
                               "exist.") and button == "Open another…"
    assert not (tmp_path / "Plnas").exists()


def test_start_up_creates_the_apps_own_data_folder_once_agreed(qtbot, tmp_path, answers) -> None:
    from wsoa_desktop.paths import default_database_path

    target = default_database_path()  # XDG_DATA_HOME points into tmp_path (tests/conftest.py)
    assert str(target).startswith(str(tmp_path)) and not target.parent.exists()
    answers.replies = [True]
    store, lock = gui_app.open_or_ask(target)
    assert answers.asked[0][0].startswith(f"No database at {target}.") and target.is_file()
    lock.release()
    store.close()


def test_an_unreachable_server_is_said_at_start_up(qtbot, tmp_path, answers, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert gui_app.open_or_ask("postgresql://officer@127.0.0.1:1/wsoa") == (None, None)
    (question, _button), = answers.asked
    assert "Cannot reach the database wsoa on 127.0.0.1:1" in question
    assert list(tmp_path.iterdir()) == []


# -- File menu -----------------------------------------------------------------------------------

def test_file_new_database_by_keys_creates_it_and_remembers_it_absolute(
        qtbot, window, tmp_path, prompts, answers, no_sample) -> None:
    chosen = tmp_path / "2023 plan"  # no extension typed: .db is added
    prompts.answer("save_file", str(chosen))
    press_menu(qtbot, window, Qt.Key.Key_F, Qt.Key.Key_D)  # File ▸ New database…
    qtbot.waitUntil(lambda: window.store is not None and window.store.path.name == "2023 plan.db")
    assert (tmp_path / "2023 plan.db").is_file() and not answers.asked  # the save dialog was the question
    assert window.windowTitle() == "WSOA Desktop — no plan open"
    assert window.settings.recent_databases()[0] == str(tmp_path / "2023 plan.db")


def test_opening_a_missing_file_asks_and_keeps_the_open_database_on_no(window, tmp_path, answers) -> None:
    from wsoa_desktop.gui import file_actions

    before = window.store
    gone = tmp_path / "gone.db"
    assert not file_actions.open_path(window, gone)
    assert answers.asked[0][0] == f"No database at {gone}.\n\nCreate a new one here?"
    assert window.store is before and not gone.exists()
    assert "still open" in window.statusBar().currentMessage()


def test_recent_lists_only_files_that_exist_as_absolute_paths(
        qtbot, window, tmp_path, monkeypatch, answers, no_sample) -> None:
    kept, moved = tmp_path / "kept.db", tmp_path / "moved.db"
    for path in (kept, moved):
        open_store(path).close()
    window.settings.set("paths/recent_databases", ["relative.db", str(moved), str(kept)])
    moved.unlink()
    monkeypatch.chdir(tmp_path.parent)  # the app started from another folder
    assert window.settings.recent_databases() == [str(kept)]
    assert window.settings.get("paths/recent_databases") == [str(kept)]  # the dropped ones are forgotten
    recent_menu = window.findChild(QMenu, "menuRecent")
    press_menu(qtbot, window, Qt.Key.Key_F, Qt.Key.Key_T)  # File ▸ Recent databases
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is recent_menu)
    assert [a.data() for a in recent_menu.actions()] == [str(kept)]
    qtbot.keyClick(recent_menu, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: window.store.path == kept)
    assert not answers.asked


def test_path_preferences_are_kept_absolute(settings, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    settings.set("backup/folder", "backups")
    settings.set("paths/database_folder", "~/plans")
    assert settings.get("backup/folder") == str(tmp_path / "backups")
    assert settings.get("paths/database_folder") == str(Path.home() / "plans")
    settings.qsettings.setValue("backup/folder", "old-relative")  # written by an older version
    assert settings.get("backup/folder") == ""
    settings.add_recent_database("rel.db")
    assert settings.get("paths/recent_databases")[0] == str(tmp_path / "rel.db")


# -- locks ------------------------------------------------------------------------------------

def test_a_lock_from_another_computer_shows_who_where_and_since_and_can_be_taken_over(
        window, tmp_path, answers, warnings, no_sample) -> None:
    from wsoa_desktop.gui import file_actions

    db = tmp_path / "shared.db"
    open_store(db).close()
    write_foreign_lock(db, host="LAPTOP-OLD17")
    before = window.store
    assert not file_actions.open_path(window, db)  # Cancel
    (question, button), = answers.asked
    assert button == "Open anyway (take over)"
    assert question.startswith(f"{db} is open in WSOA Desktop by Dana Whitfield on the computer “LAPTOP-OLD17” "
                               "since 3 March 2025 at 14:02.")
    assert "switched off, was re-imaged or crashed" in question
    assert window.store is before and "LAPTOP-OLD17" in lock_path(db).read_text(encoding="utf-8")
    answers.replies = [True]
    assert file_actions.open_path(window, db)
    assert window.store.path == db and window.database_lock is not None
    info = QLockFile(str(lock_path(db))).getLockInfo()
    assert info[0] == os.getpid() and info[1] == this_computer()
    assert f'"pid": {os.getpid()}' in owner_path(db).read_text(encoding="utf-8")
    window.close_database()
    assert not lock_path(db).exists() and not owner_path(db).exists()


def test_a_crashed_session_on_this_computer_is_taken_over_silently(window, tmp_path, answers,
                                                                    no_sample) -> None:
    import subprocess
    import sys

    from wsoa_desktop.gui import file_actions

    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    dead_pid = int(done.stdout)  # that process has ended
    db = tmp_path / "crashed.db"
    open_store(db).close()
    write_foreign_lock(db, host=this_computer(), pid=dead_pid)
    assert file_actions.open_path(window, db)
    assert not answers.asked and window.store.path == db


def test_a_lock_held_by_a_live_copy_here_is_refused_without_a_take_over(window, tmp_path, answers,
                                                                        warnings) -> None:
    from wsoa_desktop.gui import file_actions

    db = tmp_path / "busy.db"
    open_store(db).close()
    elsewhere = DatabaseLock(db, "Ann")
    elsewhere.acquire()
    try:
        assert not file_actions.open_path(window, db)
        assert not answers.asked and "already open in another copy of WSOA Desktop on this computer" in warnings[-1]
    finally:
        elsewhere.release()


# -- where the database is ---------------------------------------------------------------------

def test_a_database_in_a_synced_folder_is_warned_about_when_opened(window, tmp_path, warnings, no_sample) -> None:
    from wsoa_desktop.gui import file_actions

    folder = tmp_path / "OneDrive - Rotherham MBC"
    folder.mkdir()
    db = folder / "plan.db"
    open_store(db).close()
    assert file_actions.open_path(window, db)
    warning = next(w for w in warnings if "synced by OneDrive" in w)
    assert "file locking" in warning and "server" not in warning.casefold()


def test_a_database_on_a_network_drive_is_warned_about_at_start_up(qtbot, tmp_path, answers, warnings,
                                                                   monkeypatch) -> None:
    from wsoa_desktop.services import network_drive

    monkeypatch.setattr(network_drive, "is_network_path", lambda path: True)
    db = tmp_path / "plan.db"
    open_store(db).close()
    store, lock = gui_app.open_or_ask(db)
    assert any(w.startswith(f"The database {db} is on a network drive.") for w in warnings)
    lock.release()
    store.close()
