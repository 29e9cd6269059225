"""Backup, restore, import and export from the main window (pytest-qt, offscreen)."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QCloseEvent

from wsoa_desktop.gui import backup_actions
from wsoa_desktop.gui.backup_dialogs import BackupSettingsDialog, RestoreDialog
from wsoa_desktop.gui.import_dialog import ImportDialog
from wsoa_desktop.gui.settings import Settings
from wsoa_desktop.services.backup import backup_database
from wsoa_desktop.services.restore import verify_backup


@pytest.fixture
def prefs(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "backup-settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> dict[str, list]:
    """Every prompt answered and recorded instead of shown."""
    record: dict[str, list] = {"warn": [], "ask": [], "inform": []}
    monkeypatch.setattr(backup_actions, "warn", lambda parent, text: record["warn"].append(text))
    monkeypatch.setattr(backup_actions, "inform", lambda parent, text: record["inform"].append(text))
    return record


@pytest.fixture
def win(qtbot, sample_store, prefs, seen):  # type: ignore[no-untyped-def]
    from wsoa_desktop.gui.main_window import MainWindow

    w = MainWindow(sample_store, prefs)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def file_actions(w) -> list[str]:  # type: ignore[no-untyped-def]
    return [a.objectName() for a in w.menu("File").actions() if a.objectName()]


def test_menu_items_are_installed_before_quit(win) -> None:  # type: ignore[no-untyped-def]
    names = file_actions(win)
    for name in ("actionImport", "actionExport", "actionBackUpNow", "actionRestore"):
        assert name in names
    if "actionQuit" in names:
        assert names.index("actionRestore") < names.index("actionQuit")


def test_back_up_now_asks_for_a_folder_then_remembers_it(win, tmp_path: Path, monkeypatch, seen) -> None:  # type: ignore[no-untyped-def]
    share = tmp_path / "share"
    share.mkdir()
    monkeypatch.setattr(backup_actions, "choose_folder", lambda parent, start: str(share))
    assert backup_actions.back_up_now(win)
    assert len(list(share.glob("*.wsoa.db"))) == 1
    assert win.settings.get("backup/folder") == str(share)
    assert win.settings.get("backup/last_backup_at")
    assert "Backed up to" in win.statusBar().currentMessage()
    assert "98 actions and sub-actions and 24 ratings, as in the database" in win.statusBar().currentMessage()
    assert backup_actions.reminder_text(win) is None
    monkeypatch.setattr(backup_actions, "choose_folder", lambda parent, start: pytest.fail("asked again"))
    assert backup_actions.back_up_now(win)
    assert len(list(share.glob("*.wsoa.db"))) == 2


def test_failed_backup_warns_and_records_nothing(win, tmp_path: Path, monkeypatch, seen) -> None:  # type: ignore[no-untyped-def]
    import errno

    from wsoa_desktop.services import backup as backup_mod

    share = tmp_path / "share"
    share.mkdir()
    win.settings.set("backup/folder", str(share))

    def full(*_a, **_k):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup_mod.shutil, "copyfileobj", full)
    assert not backup_actions.back_up_now(win)
    assert "full" in seen["warn"][-1]
    assert win.settings.get("backup/last_backup_at") == ""
    assert list(share.iterdir()) == []


def test_reminder_when_last_backup_is_old(win) -> None:  # type: ignore[no-untyped-def]
    win.settings.set("backup/remind_days", 7)
    assert "not been backed up" in backup_actions.reminder_text(win)
    old = datetime.now(timezone.utc) - timedelta(days=9)
    win.settings.set("backup/last_backup_at", old.isoformat())
    assert "9 days ago" in backup_actions.reminder_text(win)
    win.settings.set("backup/last_backup_at", datetime.now(timezone.utc).isoformat())
    assert backup_actions.reminder_text(win) is None
    win.settings.set("backup/remind_days", 0)
    win.settings.set("backup/last_backup_at", old.isoformat())
    assert backup_actions.reminder_text(win) is None


def test_offer_on_exit_only_after_changes(win, tmp_path: Path, monkeypatch, seen) -> None:  # type: ignore[no-untyped-def]
    from wsoa_desktop.services.periods import set_status

    share = tmp_path / "share"
    share.mkdir()
    win.settings.set("backup/folder", str(share))
    offer = win.exit_backup_offer
    win.settings.set("backup/last_backup_at", (datetime.now(timezone.utc) + timedelta(minutes=1)).isoformat())
    assert not offer.should_offer()
    win.settings.set("backup/last_backup_at", (datetime.now(timezone.utc) - timedelta(minutes=1)).isoformat())
    set_status(win.store, 1, "1.1.1", "August 2022", "Red", reason="Staff away", by="test")
    assert offer.should_offer()

    monkeypatch.setattr(backup_actions, "ask", lambda parent, text: "cancel")
    event = QCloseEvent()
    assert offer.eventFilter(win, event) is True and not event.isAccepted()  # stays open

    monkeypatch.setattr(backup_actions, "ask", lambda parent, text: "yes")
    event = QCloseEvent()
    assert offer.eventFilter(win, event) is False  # backed up, then closes
    assert len(list(share.glob("*.wsoa.db"))) == 1
    assert not offer.should_offer()

    win.settings.set("backup/offer_on_exit", False)
    win.settings.set("backup/last_backup_at", "")
    assert not offer.should_offer()


def test_restore_dialog_shows_contents_before_anything(qtbot, sample_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    share = tmp_path / "share"
    share.mkdir()
    report = verify_backup(backup_database(sample_store.path, share).path)
    dialog = RestoreDialog(report, str(sample_store.path))
    qtbot.addWidget(dialog)
    text = dialog.details.toPlainText()
    assert "Rotherham" in text and "last period: August 2022" in text and "matches" in text
    assert dialog.restore_button is not None
    bad = tmp_path / "bad.wsoa.db"
    bad.write_text("hello")
    refused = RestoreDialog(verify_backup(bad), str(sample_store.path))
    qtbot.addWidget(refused)
    assert refused.restore_button is None and "not an SQLite database" in refused.details.toPlainText()


def test_restore_from_the_window(win, tmp_path: Path, monkeypatch, seen) -> None:  # type: ignore[no-untyped-def]
    share = tmp_path / "share"
    share.mkdir()
    made = backup_database(win.store.path, share).path
    from wsoa_desktop.services.plan_items import update_action

    update_action(win.store, 1, "1.1.1", description="Changed after the backup", by="test")
    win.reload()
    live = win.store.path
    monkeypatch.setattr(backup_actions, "choose_open", lambda *a, **k: str(made))
    shown = []
    monkeypatch.setattr(backup_actions, "confirm_restore",
                        lambda parent, report, live_path: shown.append(report) or True)
    assert backup_actions.restore_from_backup(win)
    assert shown and shown[0].ok
    assert hashlib.sha256(live.read_bytes()).hexdigest() == hashlib.sha256(made.read_bytes()).hexdigest()
    assert win.store is not None and win.outline.find("1.1.1").description != "Changed after the backup"
    assert list(live.parent.glob("*-before-restore-*.db"))


def test_refused_restore_changes_nothing(win, tmp_path: Path, monkeypatch, seen) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "photos.wsoa.db"
    bad.write_bytes(b"")
    live = win.store.path
    before = hashlib.sha256(live.read_bytes()).hexdigest()
    monkeypatch.setattr(backup_actions, "choose_open", lambda *a, **k: str(bad))
    monkeypatch.setattr(backup_actions, "confirm_restore", lambda parent, report, live_path: report.ok)
    assert not backup_actions.restore_from_backup(win)
    assert hashlib.sha256(live.read_bytes()).hexdigest() == before
    assert win.store is not None and win.plan_id == 1


def test_import_dialog_previews_then_imports(qtbot, win, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    csv_file = tmp_path / "council.csv"
    csv_file.write_text("Ref,Action,Lead,Target date,RAG May 2024,Progress\n1,Local offer,,,,\n"
                        "1.1,Review the local offer,Ann/Bob,31/03/2024,yellow,Started\n", encoding="utf-8")
    dialog = ImportDialog(win.store, csv_file, by="officer")
    qtbot.addWidget(dialog)
    assert dialog.import_button.isEnabled()
    assert "1 priorities, 1 actions" in dialog.report.toPlainText()
    assert dialog.period_edit.text() == "May 2024" and dialog.title_edit.text() == "council"
    from wsoa_desktop.services.plans import list_plans

    assert len(list_plans(win.store)) == 1  # the preview wrote nothing
    dialog.title_edit.setText("Local offer plan")
    dialog.accept()
    assert dialog.plan_id is not None
    titles = [p.title for p in list_plans(win.store)]
    assert "Local offer plan" in titles

    bad = tmp_path / "bad.csv"
    bad.write_text("Ref,Action,RAG\n1,P,\n1.1,A,Purple\n", encoding="utf-8")
    refused = ImportDialog(win.store, bad)
    qtbot.addWidget(refused)
    assert not refused.import_button.isEnabled()
    assert "row 3, ref 1.1" in refused.report.toPlainText()


def test_import_and_export_from_the_window(win, tmp_path: Path, monkeypatch, seen) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "plan"
    monkeypatch.setattr(backup_actions, "choose_save", lambda *a, **k: str(out))
    written = backup_actions.export_plan_file(win)
    assert written == out.with_suffix(".xlsx") and written.exists()
    monkeypatch.setattr(backup_actions, "choose_open", lambda *a, **k: str(written))
    monkeypatch.setattr(backup_actions, "run_import_dialog",
                        lambda window, path: __import__("wsoa_desktop.services.importing", fromlist=["x"])
                        .import_file(window.store, path, title="From Excel")[0])
    plan_id = backup_actions.import_plan(win)
    assert plan_id is not None and win.plan_id == plan_id and win.outline.title == "From Excel"
    assert win.period_label == "August 2022"


def test_backup_settings_dialog_saves(qtbot, prefs, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = BackupSettingsDialog(prefs)
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(tmp_path))
    dialog.keep_last.setValue(4)
    dialog.remind_days.setValue(14)
    dialog.offer_on_exit.setChecked(False)
    dialog.accept()
    assert (prefs.get("backup/folder"), prefs.get("backup/keep_last"), prefs.get("backup/remind_days"),
            prefs.get("backup/offer_on_exit")) == (str(tmp_path), 4, 14, False)


def test_network_warning(win, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from wsoa_desktop.services import backup as backup_mod

    assert backup_actions.network_warning(win) is None
    monkeypatch.setattr(backup_mod, "is_network_path", lambda path, **k: True)
    assert "network drive" in backup_actions.network_warning(win)


def test_network_database_warned_once_per_database(win, monkeypatch, seen) -> None:  # type: ignore[no-untyped-def]
    from wsoa_desktop.services import backup as backup_mod

    monkeypatch.setattr(backup_mod, "is_network_path", lambda path, **k: True)
    win._backup_checked_path = None
    backup_actions.check_on_open(win)
    backup_actions.check_on_open(win)
    win.reload()
    assert len([w for w in seen["warn"] if "network drive" in w]) == 1
    assert "shared-server mode" in seen["warn"][0]


def test_disconnected_backup_folder_says_what_to_do(win, tmp_path: Path, monkeypatch, seen) -> None:  # type: ignore[no-untyped-def]
    win.settings.set("backup/folder", str(tmp_path / "unplugged-share"))
    monkeypatch.setattr(backup_actions, "choose_folder", lambda parent, start: pytest.fail("should not ask"))
    assert not backup_actions.back_up_now(win)
    assert "cannot be found" in seen["warn"][-1] and "Connect the shared drive" in seen["warn"][-1]
    assert win.settings.get("backup/last_backup_at") == ""
