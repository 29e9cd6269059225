"""Dialogs for backups: where a backup goes, what a backup holds before a restore, the settings.

A backup never goes anywhere silently: the Back up dialog (and the offer on
quitting) always shows the folder it will go to, with a Change… button; the
first default is the officer's Documents folder, never whatever folder the app
happened to start in.

A restore replaces the officer's whole record, so the dialog shows what the
chosen file holds (plans, last change, last period, checksum) and what will
happen to the current database *before* anything is done, and the Restore
button exists only when the file passed every check.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from wsoa_desktop.gui import messages
from wsoa_desktop.services.restore import BackupReport
from wsoa_desktop.store.server_address import ServerAddress

if TYPE_CHECKING:
    from wsoa_desktop.gui.settings import Settings
#: The folder chooser's title (the Back up dialog's Change… and the settings' Change…).
CHOOSE_FOLDER = "Choose the backup folder"


def documents_folder() -> str:
    """The officer's Documents folder (the first default for backups)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return found or str(Path.home())


def backup_folder(settings: Settings) -> str:
    """The folder backups go to: the one the officer chose last, else Documents."""
    return str(settings.get("backup/folder") or "") or documents_folder()


class BackupDialog(QDialog):
    """Back up — showing where to, with Change…; on quitting, also "Quit without backup".

    ``answer`` is "backup", "quit" (quitting only) or "cancel"; ``folder`` the folder shown
    when the officer answered. Cancelling the folder chooser changes nothing and leaves this
    dialog open, so the officer is always back at the question.
    """

    def __init__(self, folder: str, database: Path | str | ServerAddress, *, exiting: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("BackupDialog")
        self.setWindowTitle("Back up before quitting?" if exiting else "Back up now")
        self.folder = folder
        self.answer = "cancel"
        layout = QVBoxLayout(self)
        name = database.name if isinstance(database, ServerAddress) else Path(database).name
        intro = (f"The plan has changed since the last backup. Back up {name} before quitting?"
                 if exiting else f"A checked copy of {name} will be saved in this folder:")
        self.question = QLabel(intro)
        self.question.setObjectName("backupQuestion")
        self.question.setWordWrap(True)
        layout.addWidget(self.question)
        row = QHBoxLayout()
        self.folder_label = QLabel(folder)
        self.folder_label.setObjectName("backupFolder")
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label.setAccessibleName("Backup folder")
        self.folder_label.setStyleSheet("font-weight: bold;")
        self.change_button = QPushButton("&Change…")
        self.change_button.setObjectName("changeFolder")
        self.change_button.setAccessibleName("Change the backup folder")
        self.change_button.setAutoDefault(False)
        self.change_button.clicked.connect(self.change_folder)
        row.addWidget(QLabel("Folder:"))
        row.addWidget(self.folder_label, 1)
        row.addWidget(self.change_button)
        layout.addLayout(row)
        self.buttons = QDialogButtonBox()
        self.backup_button = self.buttons.addButton("&Back up and quit" if exiting else "&Back up",
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.backup_button.setObjectName("backupButton")
        self.quit_button: QPushButton | None = None
        if exiting:
            self.quit_button = self.buttons.addButton("&Quit without backup",
                                                      QDialogButtonBox.ButtonRole.DestructiveRole)
            self.quit_button.setObjectName("quitWithoutBackup")
            self.quit_button.clicked.connect(self._quit)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("cancelButton")
        self.backup_button.setDefault(True)
        self.buttons.accepted.connect(self._back_up)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def change_folder(self) -> None:
        chosen = messages.choose_folder(self, CHOOSE_FOLDER, self.folder)
        if chosen:
            self.folder = chosen
            self.folder_label.setText(chosen)

    def _back_up(self) -> None:
        self.answer = "backup"
        self.accept()

    def _quit(self) -> None:
        self.answer = "quit"
        self.accept()

    def reject(self) -> None:  # noqa: D102 - Cancel, Esc or the close box: nothing is done
        self.answer = "cancel"
        super().reject()


class RestoreDialog(QDialog):
    """Shows a verified backup's contents and asks for confirmation."""

    def __init__(self, report: BackupReport, live_path: str, parent: QWidget | None = None) -> None:
        from wsoa_desktop.paths import is_address

        super().__init__(parent)
        self.setWindowTitle("Restore from backup")
        self.setObjectName("RestoreDialog")
        self.report = report
        layout = QVBoxLayout(self)
        if report.ok:
            intro = ("This backup can be restored. It holds:")
        else:
            intro = ("This file cannot be restored. Nothing has been changed.")
        heading = QLabel(intro)
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.details = QPlainTextEdit("\n".join(report.summary_lines()))
        self.details.setReadOnly(True)
        self.details.setObjectName("restoreDetails")
        self.details.setAccessibleName("What the backup holds")
        self.details.setMinimumSize(560, 200)
        layout.addWidget(self.details)
        if report.ok:
            what = QLabel(f"Restoring replaces every plan in the shared server database ({live_path}) with "
                          "this backup's, for everyone who uses it. Back it up first if you may want it back."
                          if is_address(live_path) else
                          f"Restoring replaces the database you are using ({live_path}) with this backup. "
                          "The current database is kept beside it as a safety copy "
                          "(…-before-restore-….db), so you can go back.")
            what.setWordWrap(True)
            layout.addWidget(what)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button: QPushButton | None = None
        if report.ok:
            self.restore_button = self.buttons.addButton("&Restore", QDialogButtonBox.ButtonRole.AcceptRole)
            self.restore_button.setObjectName("restoreButton")
        else:
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Close")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    @classmethod
    def confirm(cls, report: BackupReport, live_path: str, parent: QWidget | None = None) -> bool:
        dialog = cls(report, live_path, parent)
        return messages.run_dialog(dialog) and report.ok


class BackupSettingsDialog(QDialog):
    """Where backups go and how many are kept; when to remind; whether to offer one on exit."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Backup settings")
        self.setObjectName("BackupSettingsDialog")
        self.settings = settings
        form = QFormLayout(self)
        row = QHBoxLayout()
        self.folder = QLineEdit(backup_folder(settings))
        self.folder.setAccessibleName("Backup folder")
        browse = QPushButton("&Change…")
        browse.setAccessibleName("Change the backup folder")
        browse.clicked.connect(self._browse)
        row.addWidget(self.folder)
        row.addWidget(browse)
        label = QLabel("Backup &folder:")
        label.setBuddy(self.folder)  # a row of widgets cannot be a buddy: without this "&" shows as typed
        form.addRow(label, row)
        self.keep_last = QSpinBox()
        self.keep_last.setRange(1, 999)
        self.keep_last.setValue(int(settings.get("backup/keep_last")))
        self.keep_last.setAccessibleName("Backups to keep")
        form.addRow("&Keep the last:", self.keep_last)
        self.remind_days = QSpinBox()
        self.remind_days.setRange(0, 365)
        self.remind_days.setSpecialValueText("never")
        self.remind_days.setSuffix(" days")
        self.remind_days.setValue(int(settings.get("backup/remind_days")))
        self.remind_days.setAccessibleName("Remind after days without a backup")
        form.addRow("&Remind me after:", self.remind_days)
        self.offer_on_exit = QCheckBox("Offer a backup when I close the app after making changes")
        self.offer_on_exit.setChecked(bool(settings.get("backup/offer_on_exit")))
        form.addRow(self.offer_on_exit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _browse(self) -> None:
        folder = messages.choose_folder(self, CHOOSE_FOLDER, self.folder.text())
        if folder:
            self.folder.setText(folder)

    def save(self) -> None:
        self.settings.set("backup/folder", self.folder.text().strip())
        self.settings.set("backup/keep_last", self.keep_last.value())
        self.settings.set("backup/remind_days", self.remind_days.value())
        self.settings.set("backup/offer_on_exit", self.offer_on_exit.isChecked())

    def accept(self) -> None:  # noqa: D102 - saving is what accepting means here
        self.save()
        super().accept()
