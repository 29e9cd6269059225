"""Dialogs for backups: what a backup holds before a restore, and the backup settings.

A restore replaces the officer's whole record, so the dialog shows what the
chosen file holds (plans, last change, last period, checksum) and what will
happen to the current database *before* anything is done, and the Restore
button exists only when the file passed every check.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
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

from wsoa_desktop.services.restore import BackupReport


class RestoreDialog(QDialog):
    """Shows a verified backup's contents and asks for confirmation."""

    def __init__(self, report: BackupReport, live_path: str, parent: QWidget | None = None) -> None:
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
            what = QLabel(f"Restoring replaces the database you are using ({live_path}) with this backup. "
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
        return dialog.exec() == QDialog.DialogCode.Accepted and report.ok


class BackupSettingsDialog(QDialog):
    """Where backups go and how many are kept; when to remind; whether to offer one on exit."""

    def __init__(self, settings, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.setWindowTitle("Backup settings")
        self.setObjectName("BackupSettingsDialog")
        self.settings = settings
        form = QFormLayout(self)
        row = QHBoxLayout()
        self.folder = QLineEdit(str(settings.get("backup/folder")))
        self.folder.setAccessibleName("Backup folder")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        row.addWidget(self.folder)
        row.addWidget(browse)
        form.addRow("Backup &folder:", row)
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
        folder = QFileDialog.getExistingDirectory(self, "Backup folder", self.folder.text())
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
