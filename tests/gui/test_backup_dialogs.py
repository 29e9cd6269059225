"""Backup, restore, import and export from the main window (pytest-qt, offscreen).

Each of these runs in the worker: a test starts it as the officer would, then waits
(``qtbot.waitUntil``) for the job, and checks it ran off the window's thread.
"""

from __future__ import annotations

import hashlib
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths, Qt
from PySide6.QtWidgets import QLabel, QProgressDialog, QPushButton

from wsoa_desktop.gui import backup_actions, worker
from wsoa_desktop.gui.backup_dialogs import (
    BackupDialog,
    BackupSettingsDialog,
    RestoreDialog,
    documents_folder,
)
from wsoa_desktop.gui.import_dialog import ImportDialog
from wsoa_desktop.gui.settings import Settings
from wsoa_desktop.services.backup import backup_database
from wsoa_desktop.services.restore import verify_backup


def wait_idle(qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(worker.idle, timeout=30000)


def threads_of(monkeypatch, module, name: str) -> list[int]:  # type: ignore[no-untyped-def]
    """Record the thread each call of ``module.name`` runs in."""
    seen: list[int] = []
    real = getattr(module, name)

    def recorded(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(threading.get_ident())
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, recorded)
    return seen


@pytest.fixture
def prefs(tmp_path: Path) -> Settings:
    s = Settings(QSettings(str(tmp_path / "backup-settings.ini"), QSettings.Format.IniFormat))
    s.set("backup/offer_on_exit", False)  # on only in the tests of the offer (see ``offering``)
    return s


def offering(win) -> None:  # type: ignore[no-untyped-def]
    """The officer's default: offer a backup on exit (the tests of the offer answer it)."""
    win.settings.set("backup/offer_on_exit", True)


@pytest.fixture
def seen(prompts) -> dict[str, list]:  # type: ignore[no-untyped-def]
    """The warnings the officer was shown (every prompt is answered by the ``prompts`` fixture)."""
    return {"warn": prompts.warnings}


def click_backup(qtbot, shown: list[str] | None = None, *, button: str = "backup"):  # type: ignore[no-untyped-def]
    """An answer for the Back up dialog: note the folder it shows, then click Back up (or another button)."""
    def drive(dialog: BackupDialog) -> None:
        if shown is not None:
            shown.append(dialog.folder_label.text())
        target = {"backup": dialog.backup_button, "quit": dialog.quit_button,
                  "cancel": dialog.buttons.button(dialog.buttons.StandardButton.Cancel)}[button]
        qtbot.mouseClick(target, Qt.MouseButton.LeftButton)
    return drive


def choose_folder_then_back_up(qtbot, prompts, folder: str, shown: list[str]):  # type: ignore[no-untyped-def]
    """Change… to ``folder`` (the chooser answered), then Back up."""
    def drive(dialog: BackupDialog) -> None:
        shown.append(dialog.folder_label.text())
        prompts.answer("folder", folder)
        qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    return drive


@pytest.fixture
def share(tmp_path: Path) -> Path:
    folder = tmp_path / "share"
    folder.mkdir()
    return folder


def changed(win) -> None:  # type: ignore[no-untyped-def]
    from wsoa_desktop.services.periods import set_status

    set_status(win.store, 1, "1.1.1", "August 2022", "Red", reason="Slipped", by="test")


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


def test_back_up_now_shows_documents_first_then_the_remembered_folder(win, share: Path, monkeypatch, qtbot,  # type: ignore[no-untyped-def]
                                                                       prompts) -> None:
    from wsoa_desktop.services import backup as backup_mod

    shown: list[str] = []
    prompts.answer("BackupDialog", choose_folder_then_back_up(qtbot, prompts, str(share), shown))
    ran_in = threads_of(monkeypatch, backup_mod, "backup_database")

    job = backup_actions.back_up_now(win)
    assert shown == [QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)]
    assert shown[0] != str(Path.cwd())
    assert job.outcome is None  # still running: the window is free meanwhile
    wait_idle(qtbot)
    assert job.outcome == "ok" and ran_in and ran_in[0] != threading.get_ident()
    assert len(list(share.glob("*.wsoa.db"))) == 1
    assert win.settings.get("backup/folder") == str(share)
    assert win.settings.get("backup/last_backup_at")
    assert "Backed up to" in win.statusBar().currentMessage()
    assert "98 actions and sub-actions and 24 ratings, as in the database" in win.statusBar().currentMessage()
    assert backup_actions.reminder_text(win) is None

    # the officer sees the remembered folder, and cancels: nothing is done
    prompts.answer("BackupDialog", click_backup(qtbot, shown, button="cancel"))
    assert backup_actions.back_up_now(win) is None
    assert shown[-1] == str(share) and len(list(share.glob("*.wsoa.db"))) == 1
    prompts.answer("BackupDialog", click_backup(qtbot, shown))
    backup_actions.back_up_now(win)
    wait_idle(qtbot)
    assert shown[-1] == str(share) and len(list(share.glob("*.wsoa.db"))) == 2


def test_the_backup_dialog_shows_the_folder_with_change(qtbot, tmp_path: Path, prompts) -> None:  # type: ignore[no-untyped-def]
    other = tmp_path / "other"
    prompts.answer("folder", "", str(other))
    dialog = BackupDialog(str(tmp_path), tmp_path / "plan.db")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.folder_label.text() == str(tmp_path) and "plan.db" in dialog.question.text()
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)  # the chooser is cancelled
    assert dialog.isVisible() and dialog.folder_label.text() == str(tmp_path)
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    assert dialog.folder_label.text() == str(other) and dialog.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Back up is the default button
    assert not dialog.isVisible() and (dialog.answer, dialog.folder) == ("backup", str(other))
    assert prompts.texts("folder") == ["Choose the backup folder"] * 2


def test_the_first_default_is_documents_in_every_backup_dialog(qtbot, prefs) -> None:  # type: ignore[no-untyped-def]
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert documents_folder() == documents
    settings_dialog = BackupSettingsDialog(prefs)
    qtbot.addWidget(settings_dialog)
    assert settings_dialog.folder.text() == documents
    labels = [w.text() for w in settings_dialog.findChildren(QLabel)]
    assert "Backup &folder:" in labels  # a real mnemonic (Alt+F), not an ampersand shown as typed
    label = next(w for w in settings_dialog.findChildren(QLabel) if w.text() == "Backup &folder:")
    assert label.buddy() is settings_dialog.folder


def test_a_first_backup_to_documents_makes_the_folder_if_needed(win, tmp_path: Path, monkeypatch, qtbot,  # type: ignore[no-untyped-def]
                                                                 prompts) -> None:
    from wsoa_desktop.gui import backup_dialogs

    documents = tmp_path / "home" / "Documents"  # a new laptop: no Documents folder yet
    monkeypatch.setattr(backup_dialogs, "documents_folder", lambda: str(documents))
    prompts.answer("BackupDialog", click_backup(qtbot))
    job = backup_actions.back_up_now(win)
    wait_idle(qtbot)
    assert job.outcome == "ok" and len(list(documents.glob("*.wsoa.db"))) == 1


def test_failed_backup_warns_and_records_nothing(win, share: Path, monkeypatch, seen, qtbot, prompts) -> None:  # type: ignore[no-untyped-def]
    import errno

    from wsoa_desktop.services import backup as backup_mod

    win.settings.set("backup/folder", str(share))
    prompts.answer("BackupDialog", click_backup(qtbot))

    def full(*_a, **_k):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup_mod.shutil, "copyfileobj", full)
    job = backup_actions.back_up_now(win)
    wait_idle(qtbot)
    assert job.outcome == "failed"
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


def test_offer_on_exit_only_after_changes(win, share: Path) -> None:  # type: ignore[no-untyped-def]
    offering(win)
    offer = win.backup_area.exit_offer
    win.settings.set("backup/last_backup_at", (datetime.now(timezone.utc) + timedelta(minutes=1)).isoformat())
    assert not offer.should_offer()
    win.settings.set("backup/last_backup_at", (datetime.now(timezone.utc) - timedelta(minutes=1)).isoformat())
    changed(win)
    assert offer.should_offer()
    win.settings.set("backup/offer_on_exit", False)
    win.settings.set("backup/last_backup_at", "")
    assert not offer.should_offer()


def test_the_exit_prompt_names_the_folder_and_cancel_keeps_the_window(win, share: Path, qtbot, prompts) -> None:  # type: ignore[no-untyped-def]
    offering(win)
    asked: list[str] = []
    prompts.answer("BackupDialog", click_backup(qtbot, asked, button="cancel"))
    changed(win)
    win.close()
    assert win.isVisible() and asked == [documents_folder()]
    win.settings.set("backup/folder", str(share))
    prompts.answer("BackupDialog", click_backup(qtbot, asked, button="cancel"))
    qtbot.keyClick(win, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)  # File ▸ Quit
    assert win.isVisible() and asked[-1] == str(share)
    win.settings.set("backup/offer_on_exit", False)
    assert list(share.iterdir()) == []


def test_back_up_and_quit_backs_up_in_the_worker_then_closes(win, share: Path, monkeypatch, qtbot, prompts) -> None:  # type: ignore[no-untyped-def]
    offering(win)
    from wsoa_desktop.services import backup as backup_mod

    prompts.answer("BackupDialog", choose_folder_then_back_up(qtbot, prompts, str(share), []))
    ran_in = threads_of(monkeypatch, backup_mod, "backup_database")
    changed(win)
    win.close()
    assert win.isVisible()  # open while the backup is made
    qtbot.waitUntil(lambda: not win.isVisible(), timeout=30000)
    assert len(list(share.glob("*.wsoa.db"))) == 1 and ran_in[0] != threading.get_ident()
    assert win.settings.get("backup/folder") == str(share)


def test_quit_without_backup_closes_at_once(win, share: Path, qtbot, prompts) -> None:  # type: ignore[no-untyped-def]
    offering(win)
    prompts.answer("BackupDialog", click_backup(qtbot, button="quit"))
    changed(win)
    win.close()
    assert not win.isVisible() and list(share.iterdir()) == []


def test_a_failed_exit_backup_says_why_and_asks_again(win, tmp_path: Path, seen, qtbot, prompts) -> None:  # type: ignore[no-untyped-def]
    offering(win)
    unplugged = str(tmp_path / "unplugged-share")
    asked: list[str] = []
    prompts.answer("BackupDialog", choose_folder_then_back_up(qtbot, prompts, unplugged, asked),
                   click_backup(qtbot, asked, button="cancel"))
    changed(win)
    win.close()
    qtbot.waitUntil(lambda: not prompts.pending("BackupDialog"), timeout=30000)  # asked again after the failure
    wait_idle(qtbot)
    win.settings.set("backup/offer_on_exit", False)  # nobody to answer when the test closes the window
    assert "cannot be found" in seen["warn"][-1]
    assert asked == [documents_folder(), unplugged] and win.isVisible()


def test_cancelling_the_chooser_at_exit_returns_to_the_prompt(win, share: Path, qtbot, prompts) -> None:  # type: ignore[no-untyped-def]
    """The real question, answered by clicks: Change…, cancel the chooser, still asked; then Cancel."""
    offering(win)
    win.settings.set("backup/folder", str(share))
    changed(win)
    seen_in_prompt: dict[str, object] = {}

    def answer(dialog: BackupDialog) -> None:
        seen_in_prompt["folder"] = dialog.folder_label.text()
        seen_in_prompt["buttons"] = [b.text() for b in dialog.buttons.buttons()]
        prompts.answer("folder", "")  # the chooser is cancelled
        qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
        seen_in_prompt["still_asking"] = dialog.isVisible()
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Cancel), Qt.MouseButton.LeftButton)

    prompts.answer("BackupDialog", answer)
    win.close()
    win.settings.set("backup/offer_on_exit", False)  # nobody to answer when the test closes the window
    assert [q.default for q in prompts.asked if q.kind == "folder"] == [str(share)]
    assert seen_in_prompt["folder"] == str(share) and seen_in_prompt["still_asking"] is True
    assert {"&Back up and quit", "&Quit without backup"} <= set(seen_in_prompt["buttons"])
    assert win.isVisible() and list(share.iterdir()) == []


def test_the_window_will_not_close_while_a_job_writes(win, monkeypatch, qtbot) -> None:  # type: ignore[no-untyped-def]
    release = threading.Event()
    job = worker.run_in_worker(win, lambda control: release.wait(10), title="Restoring…", what="the restore")
    win.close()
    assert win.isVisible() and "Wait for the restore to finish" in win.statusBar().currentMessage()
    release.set()
    qtbot.waitUntil(lambda: job.outcome == "ok")


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


def test_restore_from_the_window(win, share: Path, monkeypatch, seen, qtbot, prompts) -> None:  # type: ignore[no-untyped-def]
    from wsoa_desktop.services import restore as restore_mod

    made = backup_database(win.store.path, share).path
    from wsoa_desktop.services.plan_items import update_action

    update_action(win.store, 1, "1.1.1", description="Changed after the backup", by="test")
    win.reload()
    live = win.store.path
    prompts.answer("open_file", str(made))
    shown = []

    def restore(dialog: RestoreDialog) -> None:
        shown.append(dialog.report)
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)

    prompts.answer("RestoreDialog", restore)
    verified_in = threads_of(monkeypatch, restore_mod, "verify_backup")
    restored_in = threads_of(monkeypatch, restore_mod, "restore_backup")
    job = backup_actions.restore_from_backup(win)
    assert job is not None and not shown  # the backup is still being checked
    wait_idle(qtbot)
    assert shown and shown[0].ok
    assert verified_in and restored_in and threading.get_ident() not in verified_in + restored_in
    assert hashlib.sha256(live.read_bytes()).hexdigest() == hashlib.sha256(made.read_bytes()).hexdigest()
    assert win.store is not None and win.outline.find("1.1.1").description != "Changed after the backup"
    assert list(live.parent.glob("*-before-restore-*.db"))
    assert "Restored" in win.statusBar().currentMessage()


def test_refused_restore_changes_nothing(win, tmp_path: Path, seen, qtbot, prompts) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "photos.wsoa.db"
    bad.write_bytes(b"")
    live = win.store.path
    before = hashlib.sha256(live.read_bytes()).hexdigest()
    prompts.answer("open_file", str(bad))
    reports = []

    def look(dialog: RestoreDialog) -> None:  # no Restore button: only Close
        reports.append(dialog.report)
        assert dialog.restore_button is None
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Cancel), Qt.MouseButton.LeftButton)

    prompts.answer("RestoreDialog", look)
    backup_actions.restore_from_backup(win)
    wait_idle(qtbot)
    assert reports and not reports[0].ok
    assert hashlib.sha256(live.read_bytes()).hexdigest() == before
    assert win.store is not None and win.plan_id == 1


def test_import_dialog_previews_then_imports(qtbot, win, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from wsoa_desktop.services.importing import apply as apply_mod

    csv_file = tmp_path / "council.csv"
    csv_file.write_text("Ref,Action,Lead,Target date,RAG May 2024,Progress\n1,Local offer,,,,\n"
                        "1.1,Review the local offer,Ann/Bob,31/03/2024,yellow,Started\n", encoding="utf-8")
    dialog = ImportDialog(win.store, csv_file, by="officer")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.checking() and not dialog.import_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.checking())
    assert dialog.import_button.isEnabled()
    assert "1 priorities, 1 actions" in dialog.report.toPlainText()
    assert dialog.period_edit.text() == "May 2024" and dialog.title_edit.text() == "council"
    from wsoa_desktop.services.plans import list_plans

    assert len(list_plans(win.store)) == 1  # the preview wrote nothing
    dialog.title_edit.selectAll()
    qtbot.keyClicks(dialog.title_edit, "Local offer plan")
    imported_in = threads_of(monkeypatch, apply_mod, "apply_import")
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.plan_id is not None, timeout=30000)
    assert imported_in and imported_in[0] != threading.get_ident()
    assert dialog.result() == ImportDialog.DialogCode.Accepted
    titles = [p.title for p in list_plans(win.store)]
    assert "Local offer plan" in titles

    bad = tmp_path / "bad.csv"
    bad.write_text("Ref,Action,RAG\n1,P,\n1.1,A,Purple\n", encoding="utf-8")
    refused = ImportDialog(win.store, bad)
    qtbot.addWidget(refused)
    qtbot.waitUntil(lambda: not refused.checking())
    assert not refused.import_button.isEnabled()
    assert "row 3, ref 1.1" in refused.report.toPlainText()


def test_cancelling_an_import_before_it_writes_changes_nothing(qtbot, win, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import time

    from wsoa_desktop.gui import import_dialog
    from wsoa_desktop.services.plans import list_plans

    csv_file = tmp_path / "council.csv"
    csv_file.write_text("Ref,Action\n1,Local offer\n1.1,Review the local offer\n", encoding="utf-8")
    dialog = ImportDialog(win.store, csv_file, by="officer")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled())
    real_dry_run = import_dialog.dry_run

    def slow(*a, **k):  # type: ignore[no-untyped-def]
        time.sleep(1.0)  # a long Word file being read
        return real_dry_run(*a, **k)

    monkeypatch.setattr(import_dialog, "dry_run", slow)
    before = hashlib.sha256(win.store.path.read_bytes()).hexdigest()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    progress = dialog.findChild(QProgressDialog, "jobProgress")
    qtbot.waitUntil(progress.isVisible, timeout=5000)
    qtbot.mouseClick(progress.findChild(QPushButton, "jobCancel"), Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert dialog.plan_id is None and dialog.isVisible()
    assert len(list_plans(win.store)) == 1
    assert hashlib.sha256(win.store.path.read_bytes()).hexdigest() == before


def test_import_and_export_from_the_window(win, tmp_path: Path, seen, qtbot, prompts) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "plan"
    prompts.answer("save_file", str(out))
    job = backup_actions.export_plan_file(win.plan_context())
    wait_idle(qtbot)
    written = job.result
    assert written == out.with_suffix(".xlsx") and written.exists()
    assert "Exported to" in win.statusBar().currentMessage()
    prompts.answer("open_file", str(written))

    def import_as(dialog: ImportDialog) -> None:
        qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=30000)
        dialog.title_edit.selectAll()
        qtbot.keyClicks(dialog.title_edit, "From Excel")
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=30000)

    prompts.answer("ImportDialog", import_as)
    plan_id = backup_actions.import_plan(win)
    assert plan_id is not None and win.plan_id == plan_id and win.outline.title == "From Excel"
    assert win.period_label == "August 2022"


def test_cancelling_an_export_leaves_no_file(win, tmp_path: Path, monkeypatch, seen, qtbot, prompts) -> None:  # type: ignore[no-untyped-def]
    import time

    from wsoa_desktop.services import xlsx_export

    out = tmp_path / "out"
    out.mkdir()
    real = xlsx_export.write_xlsx

    def slow(*a, **k):  # type: ignore[no-untyped-def]
        time.sleep(1.0)
        return real(*a, **k)

    monkeypatch.setattr(xlsx_export, "write_xlsx", slow)
    prompts.answer("save_file", str(out / "plan.xlsx"))
    job = backup_actions.export_plan_file(win.plan_context())
    progress = win.findChild(QProgressDialog, "jobProgress")
    qtbot.waitUntil(progress.isVisible, timeout=5000)
    qtbot.mouseClick(progress.findChild(QPushButton, "jobCancel"), Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert job.outcome == "cancelled" and list(out.iterdir()) == [] and not seen["warn"]


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


def test_a_network_database_is_not_warned_about_twice(win, monkeypatch, seen) -> None:  # type: ignore[no-untyped-def]
    """Opening warns (gui/database_opening, tests/gui/test_database_opening.py); the backup check
    after opening only nudges about backups."""
    from wsoa_desktop.services import backup as backup_mod

    monkeypatch.setattr(backup_mod, "is_network_path", lambda path, **k: True)
    win.backup_area.checked_path = None
    win.backup_area.check_on_open()
    win.reload()
    assert not [w for w in seen["warn"] if "network drive" in w]


def test_disconnected_backup_folder_says_what_to_do(win, tmp_path: Path, seen, qtbot, prompts) -> None:  # type: ignore[no-untyped-def]
    win.settings.set("backup/folder", str(tmp_path / "unplugged-share"))
    shown: list[str] = []
    prompts.answer("BackupDialog", click_backup(qtbot, shown))
    job = backup_actions.back_up_now(win)
    wait_idle(qtbot)
    assert shown == [str(tmp_path / "unplugged-share")] and job.outcome == "failed"
    assert "cannot be found" in seen["warn"][-1] and "Connect the shared drive" in seen["warn"][-1]
    assert win.settings.get("backup/last_backup_at") == ""
