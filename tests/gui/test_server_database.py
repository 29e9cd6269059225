"""The window on a shared server database: File ▸ Open shared database…, Recent, Preferences.

Driven by keys as the officer would (Alt+F, then the underlined letter; typing the
address into the box). The server is the tests' own PostgreSQL (tests/pg_server.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.gui.test_database_opening import Answers, press_menu
from wsoa_desktop.gui import app as gui_app
from wsoa_desktop.gui.database_lock import lock_path
from wsoa_desktop.gui.preferences_dialog import PreferencesDialog
from wsoa_desktop.services.plans import list_plans


@pytest.fixture
def server_sample(pg_server, _pg_sample) -> str:  # type: ignore[no-untyped-def]
    return pg_server.new_database(template=_pg_sample)


def test_open_a_server_database_from_the_file_menu(qtbot, window, prompts, server_sample) -> None:  # type: ignore[no-untyped-def]
    file_db = window.store.path
    prompts.answer("text", server_sample)
    press_menu(qtbot, window, Qt.Key.Key_F, Qt.Key.Key_H)
    qtbot.waitUntil(lambda: window.store is not None and window.store.is_server)
    assert str(window.store.location) == server_sample and window.database_lock is None
    assert [p.title for p in list_plans(window.store)][0].startswith("Rotherham")
    assert window.plan_id == 1
    assert not lock_path(file_db).exists()  # the file's lock was let go; a server needs none
    assert window.settings.recent_databases()[0] == server_sample  # kept in Recent, as an address


def test_an_empty_server_database_is_set_up_only_after_asking(qtbot, window, prompts, pg_server) -> None:  # type: ignore[no-untyped-def]
    answers = Answers(prompts)
    answers.sample = False
    empty = pg_server.new_database()
    prompts.answer("text", empty)
    press_menu(qtbot, window, Qt.Key.Key_F, Qt.Key.Key_H)
    qtbot.waitUntil(lambda: bool(answers.asked))
    text, button = answers.asked[0]
    assert "holds no WSOA Desktop database yet" in text and button == "Set up"
    assert not window.store.is_server  # Cancel: the file that was open is still open

    answers.replies = [True]
    prompts.answer("text", empty)
    press_menu(qtbot, window, Qt.Key.Key_F, Qt.Key.Key_H)
    qtbot.waitUntil(lambda: window.store is not None and window.store.is_server)
    assert list_plans(window.store) == []


def test_a_wrong_address_is_said_and_the_open_database_stays(qtbot, window, prompts, warnings) -> None:  # type: ignore[no-untyped-def]
    before = window.store.location
    prompts.answer("text", "postgresql://officer@127.0.0.1:1/wsoa")
    press_menu(qtbot, window, Qt.Key.Key_F, Qt.Key.Key_H)
    qtbot.waitUntil(lambda: bool(warnings))
    assert "Cannot reach the database wsoa on 127.0.0.1:1" in warnings[0]
    assert "still open" in warnings[0] and window.store.location == before


def test_preferences_keep_a_server_database_that_opens_at_start(qtbot, settings, warnings, prompts,
                                                                 server_sample, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.server_database.setFocus()
    qtbot.keyClicks(dialog.server_database, "mysql://officer@db/wsoa")
    dialog.accept()
    assert dialog.isVisible() and "only PostgreSQL" in warnings[0]  # said, and the dialog stays open
    dialog.server_database.clear()
    qtbot.keyClicks(dialog.server_database, server_sample)
    dialog.accept()
    assert not dialog.isVisible()
    dialog.save()
    assert settings.get("paths/server_database") == server_sample

    store, lock = gui_app.open_or_ask(settings.get("paths/server_database"))
    try:
        assert store is not None and store.is_server and lock is None
    finally:
        if store is not None:
            store.close()
