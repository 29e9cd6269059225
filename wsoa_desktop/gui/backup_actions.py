"""File ▸ Back up now…, Restore from backup…, Import…, Export…, and the backup reminders.

:func:`install` adds them to the window's File menu and returns a
:class:`BackupArea` (the actions, the reminder, the offer of a backup on exit),
which the window keeps. Every question and message goes through
:mod:`messages`, which tests answer.

Backing up, checking a backup, restoring, exporting and importing run in the
worker (:mod:`wsoa_desktop.gui.worker`) behind a progress dialog, so the window
keeps repainting; a backup always shows the folder it goes to first.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction

from wsoa_desktop.domain.errors import WsoaError
from wsoa_desktop.gui import messages
from wsoa_desktop.gui.worker import Job, JobControl, run_in_worker, write_staged
from wsoa_desktop.store.server_address import ServerAddress

if TYPE_CHECKING:
    from wsoa_desktop.gui.main_window import MainWindow
    from wsoa_desktop.gui.plan_context import PlanContext
    from wsoa_desktop.services.backup import BackupResult
    from wsoa_desktop.services.restore import BackupReport, RestoreResult


# -- questions ---------------------------------------------------------------------------------


def confirm_backup(window: MainWindow, folder: str) -> str | None:
    """The Back up dialog: the folder shown, with Change…; the folder to use, or None (cancelled)."""
    from wsoa_desktop.gui.backup_dialogs import BackupDialog

    dialog = BackupDialog(folder, window.store.location if window.store else "", parent=window)
    messages.run_dialog(dialog)
    return dialog.folder if dialog.answer == "backup" else None


def exit_prompt(window: MainWindow, folder: str) -> tuple[str, str]:
    """Back up before quitting? ("backup" | "quit" | "cancel", the folder shown then)."""
    from wsoa_desktop.gui.backup_dialogs import BackupDialog

    dialog = BackupDialog(folder, window.store.location if window.store else "", exiting=True, parent=window)
    messages.run_dialog(dialog)
    return dialog.answer, dialog.folder


def run_import_dialog(window: MainWindow, path: Path) -> int | None:
    from wsoa_desktop.gui.import_dialog import ImportDialog

    if window.store is None:
        return None
    dialog = ImportDialog(window.store, path, by=window.user_name(), parent=window)
    messages.run_dialog(dialog)
    return dialog.plan_id


# -- the actions ----------------------------------------------------------------------------


def last_backup_at(window: MainWindow) -> datetime | None:
    text = str(window.settings.get("backup/last_backup_at") or "")
    try:
        when = datetime.fromisoformat(text) if text else None
    except ValueError:
        return None
    if when is not None and when.tzinfo is None:
        when = when.astimezone()
    return when


def back_up_now(window: MainWindow) -> Job | None:
    """File ▸ Back up now…: show where the backup goes (Change… to choose another), then back up."""
    from wsoa_desktop.gui.backup_dialogs import backup_folder

    if window.store is None:
        messages.warn(window, "There is no database open to back up.")
        return None
    folder = confirm_backup(window, backup_folder(window.settings))
    if not folder:
        return None
    return start_backup(window, folder)


def start_backup(window: MainWindow, folder: str, *, on_done: Callable[[], None] | None = None,
                 on_failed: Callable[[], None] | None = None) -> Job | None:
    """Back up to ``folder`` (remembered for next time) in the worker; a failure is shown, then
    ``on_failed``. Backups are never cancelled half-way: old ones are pruned only after the new one
    is checked, and that must not be interrupted."""
    from wsoa_desktop.services.backup import backup_database

    if window.store is None:
        return None
    window.settings.set("backup/folder", folder)
    source, keep = window.store.location, int(window.settings.get("backup/keep_last"))

    from wsoa_desktop.gui.backup_dialogs import documents_folder

    documents = documents_folder()

    def work(control: JobControl) -> BackupResult:
        if folder == documents and not Path(folder).exists():
            Path(folder).mkdir(parents=True)  # a new laptop's Documents may not exist yet; a share must
        control.progress(f"Copying the database to {folder} and checking the copy…")
        return backup_database(source, Path(folder), keep_last=keep)

    def done(result: BackupResult) -> None:
        window.settings.set("backup/last_backup_at", datetime.now(timezone.utc).isoformat())
        items = sum(p.actions for p in result.plans)
        ratings = sum(p.ratings for p in result.plans)
        message = (f"Backed up to {result.path} (checked: {result.size:,} bytes, SHA-256 matches; "
                   f"{items:,} actions and sub-actions and {ratings:,} ratings, as in the database).")
        if result.pruned:
            message += f" Removed {len(result.pruned)} older backup(s)."
        for problem in result.prune_problems:
            message += " " + problem
        window.show_status(message)
        if on_done is not None:
            on_done()

    def failed(text: str) -> None:
        messages.warn(window, text)
        if on_failed is not None:
            on_failed()

    return run_in_worker(window, work, title="Backing up…", what="the backup", on_done=done, on_failed=failed)


def restore_from_backup(window: MainWindow) -> Job | None:
    """Check the chosen backup (in the worker), show what it holds, and only then restore it."""
    from wsoa_desktop.services.restore import verify_backup

    if window.store is None:
        messages.warn(window, "Open the database you want to restore into first.")
        return None
    path = messages.choose_open_file(window, "Restore from backup",
                                     "WSOA Desktop backups (*.wsoa.db *.db);;All files (*)",
                                     str(window.settings.get("backup/folder") or ""))
    if not path:
        return None
    backup, live = Path(path), window.store.location

    def checked(report: BackupReport) -> None:
        from wsoa_desktop.gui.backup_dialogs import RestoreDialog

        if RestoreDialog.confirm(report, str(live), window):
            _restore(window, backup, live)

    return run_in_worker(window, lambda control: verify_backup(backup), title="Checking the backup…",
                         what="checking the backup", cancellable=True, on_done=checked,
                         on_failed=lambda text: messages.warn(window, text))


def _restore(window: MainWindow, backup: Path, live: Path | ServerAddress) -> Job:
    from wsoa_desktop.services.restore import restore_backup

    window.close_database()  # every connection closed before the file is swapped

    def restored(result: RestoreResult) -> None:
        _reopen(window, live)
        if isinstance(live, ServerAddress):
            window.show_status(f"Restored {backup.name} into the {live.where}.")
            return
        window.show_status(f"Restored {backup.name}. The previous database was kept as "
                           f"{result.safety_copy.name if result.safety_copy else 'nothing (there was none)'}.")

    def failed(text: str) -> None:
        _reopen(window, live)
        messages.warn(window, text)

    # The Restore dialog was the officer's confirmation: a server database's plans are replaced.
    return run_in_worker(window, lambda control: restore_backup(backup, live, replace=True), title="Restoring…",
                         what="the restore", on_done=restored, on_failed=failed)


def _reopen(window: MainWindow, live: Path | ServerAddress) -> None:
    try:
        window.open_database(live)
    except WsoaError as exc:
        messages.warn(window, f"The database could not be reopened: {exc}")


def import_ratings(ctx: PlanContext) -> int | None:
    from wsoa_desktop.gui.ratings_import_dialog import import_ratings

    return import_ratings(ctx)


def import_plan(window: MainWindow) -> int | None:
    from wsoa_desktop.services.importing import READERS

    if window.store is None:
        messages.warn(window, "Open a database to import the plan into first.")
        return None
    path = messages.choose_open_file(window, "Import a plan", "Plans (*.csv *.xlsx *.docx *.json);;All files (*)")
    if not path:
        return None
    if Path(path).suffix.lower() not in READERS:
        messages.warn(window, f"Cannot import “{Path(path).name}”: choose a .csv, .xlsx, .docx or .json file.")
        return None
    plan_id = run_import_dialog(window, Path(path))
    if plan_id is not None:
        window.switch_plan(plan_id)
        window.show_status(f"Imported {Path(path).name} as a new plan.")
    return plan_id


EXPORT_FILTERS = "Excel workbook (*.xlsx);;CSV (*.csv);;Plan file (*.json)"


def export_plan_file(ctx: PlanContext) -> Job | None:
    """The plan with this period's ratings, written in the worker; Cancel leaves no file."""
    from wsoa_desktop.services.exporting import export_plan

    path = messages.choose_save_file(ctx.parent, "Export the plan", "", EXPORT_FILTERS)
    if not path:
        return None
    target = Path(path)
    if target.suffix.lower() not in (".xlsx", ".csv", ".json"):
        target = target.with_suffix(".xlsx")
    store, plan_id, period = ctx.store, ctx.plan_id, ctx.period_label

    def work(control: JobControl) -> Path:
        return write_staged(control, target, lambda staged: export_plan(store, staged, plan=plan_id, period=period))

    return run_in_worker(ctx.parent, work, title=f"Exporting the plan to {target.name}…", what="the export",
                         cancellable=True, on_done=lambda written: ctx.show_status(f"Exported to {written}"),
                         on_failed=lambda text: messages.warn(ctx.parent, text))


def backup_settings(window: MainWindow) -> None:
    from wsoa_desktop.gui.backup_dialogs import BackupSettingsDialog

    messages.run_dialog(BackupSettingsDialog(window.settings, window))


# -- reminders ------------------------------------------------------------------------------


def reminder_text(window: MainWindow, now: datetime | None = None) -> str | None:
    """A nudge when the last backup is older than the setting (None when all is well)."""
    days = int(window.settings.get("backup/remind_days"))
    if days <= 0 or window.store is None:
        return None
    last = last_backup_at(window)
    now = now or datetime.now(timezone.utc)
    if last is None:
        return "This database has not been backed up from this computer yet: use File ▸ Back up now…"
    age = (now - last).days
    if age >= days:
        return f"The last backup was {age} days ago: use File ▸ Back up now…"
    return None


class ExitBackupOffer(QObject):
    """Offers a backup when the window closes and the database changed since the last one.

    The question names the folder (Change… to pick another; cancelling the chooser comes back
    to the question). "Back up and quit" backs up in the worker and closes when the copy is
    checked; if the backup fails the officer is told why and asked again — never left to
    quit without a backup they did not choose.
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is not self.window or event.type() != QEvent.Type.Close:
            return False
        from wsoa_desktop.gui import worker

        if worker.work_in_progress() or not self.should_offer():  # the window refuses to close mid-job
            return False
        from wsoa_desktop.gui.backup_dialogs import backup_folder

        answer, folder = exit_prompt(self.window, backup_folder(self.window.settings))
        if answer == "quit":
            return False
        event.ignore()
        if answer == "backup":
            # Closed again once the backup is checked (it is then no longer offered); on a
            # failure the message is shown and the question asked again.
            start_backup(self.window, folder, on_done=self._close_later, on_failed=self._close_later)
        return True

    def _close_later(self) -> None:
        QTimer.singleShot(0, self, self.window.close)  # not if the window has gone meanwhile

    def should_offer(self) -> bool:
        from wsoa_desktop.services.backup import changed_since

        w = self.window
        if w.store is None or not bool(w.settings.get("backup/offer_on_exit")):
            return False
        return changed_since(w.store.location, last_backup_at(w))


def _insert(window: MainWindow, text: str, slot: Callable[[], object], name: str, tip: str) -> QAction:
    menu = window.menu("File")
    action = QAction(text, window)
    action.setObjectName(name)
    action.setStatusTip(tip)
    action.setToolTip(tip)
    action.triggered.connect(lambda *_: slot())
    quit_action = next((a for a in menu.actions() if a.objectName() == "actionQuit"), None)
    if quit_action is not None:
        menu.insertAction(quit_action, action)
    else:
        menu.addAction(action)
    return action


class BackupArea:
    """What :func:`install` added to the window: the File menu's backup actions, the nudge
    when a backup is due (once per database opened) and the offer of a backup on exit."""

    def __init__(self, window: MainWindow, actions: dict[str, QAction]) -> None:
        self.window = window
        self.actions = actions
        self.exit_offer = ExitBackupOffer(window)
        self.checked_path: Path | ServerAddress | None = None  # the database last checked for a due backup
        window.installEventFilter(self.exit_offer)
        QTimer.singleShot(0, self.check_on_open)
        window.planReloaded.connect(self.check_on_open)  # another database opened later

    def check_on_open(self) -> None:
        """Nudge once per database opened when a backup is due. (A database on a network drive or in
        a cloud-synced folder is warned about by ``database_opening`` as it is opened.)"""
        path = self.window.store.location if self.window.store is not None else None
        if path is None or path == self.checked_path:
            return
        self.checked_path = path
        reminder = reminder_text(self.window)
        if reminder:
            self.window.show_status(reminder)


def install(window: MainWindow) -> BackupArea:
    menu = window.menu("File")
    quit_action = next((a for a in menu.actions() if a.objectName() == "actionQuit"), None)
    if quit_action is not None:
        menu.insertSeparator(quit_action)
    else:
        menu.addSeparator()
    actions = {
        "import": _insert(window, "&Import…", lambda: import_plan(window), "actionImport",
                          "A new plan from a spreadsheet (.xlsx, .csv), a Word plan (.docx) or a plan file (.json)"),
        "import_ratings": _insert(window, "Import ratin&gs…",
                                  window.with_plan(import_ratings, "Open a plan first: ratings are applied to the "
                                                                   "plan on screen."),
                                  "actionImportRatings",
                                  "Ratings and progress from a file, matched by reference, into this plan"),
        "export": _insert(window, "&Export…", window.with_plan(export_plan_file, "Open a plan to export first."),
                          "actionExport", "The plan with this period's ratings as .xlsx, .csv or .json"),
        "backup": _insert(window, "&Back up now…", lambda: back_up_now(window), "actionBackUpNow",
                          "A checked copy of the database in the backup folder"),
        "restore": _insert(window, "&Restore from backup…", lambda: restore_from_backup(window), "actionRestore",
                           "Replace the database with a backup (the current one is kept as a safety copy)"),
        "settings": _insert(window, "Backup &settings…", lambda: backup_settings(window), "actionBackupSettings",
                            "Backup folder, how many to keep, reminders"),
    }
    if quit_action is not None:
        menu.insertSeparator(quit_action)
    return BackupArea(window, actions)
