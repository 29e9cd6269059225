"""Preferences: where databases and backups go, the shared server database, and the name recorded on edits."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from wsoa_desktop.gui import messages
from wsoa_desktop.gui.settings import Settings
from wsoa_desktop.services.context import default_user


class PreferencesDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.setObjectName("preferencesDialog")
        self.settings = settings
        form = QFormLayout(self)
        self.display_name = QLineEdit(str(settings.get("user/display_name")), self)
        self.display_name.setAccessibleName("Your display name")
        self.display_name.setPlaceholderText(default_user())
        self.display_name.setToolTip("Recorded beside every edit you make")
        name_label = QLabel("Your &name:", self)
        name_label.setBuddy(self.display_name)
        form.addRow(name_label, self.display_name)
        self.database_folder = self._folder_row(form, "&Database folder:", "paths/database_folder",
                                                "Default database folder")
        self.backup_folder = self._folder_row(form, "&Backup folder:", "backup/folder",
                                              "Default backup folder")
        self.server_database = QLineEdit(str(settings.get("paths/server_database")), self)
        self.server_database.setAccessibleName("Shared server database")
        self.server_database.setPlaceholderText("postgresql://user@host:port/database")
        self.server_database.setToolTip("The shared database on the council's server (address from IT), "
                                        "opened when WSOA Desktop starts. Empty: a database file.")
        server_label = QLabel("Shared ser&ver database:", self)
        server_label.setBuddy(self.server_database)
        form.addRow(server_label, self.server_database)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(self.fontMetrics().horizontalAdvance("M") * 40, self.sizeHint().height())

    def _folder_row(self, form: QFormLayout, label: str, key: str, accessible: str) -> QLineEdit:
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        edit = QLineEdit(str(self.settings.get(key)), row)
        edit.setAccessibleName(accessible)
        browse = QPushButton("Choose…", row)
        browse.setAccessibleName(f"Choose the {accessible.lower()}")
        browse.clicked.connect(lambda: self._browse(edit))
        layout.addWidget(edit, 1)
        layout.addWidget(browse)
        # The label's "&" is a mnemonic only with a buddy: Alt+letter then jumps to the text box.
        caption = QLabel(label, self)
        caption.setBuddy(edit)
        form.addRow(caption, row)
        return edit

    def _browse(self, edit: QLineEdit) -> None:
        folder = messages.choose_folder(self, "Choose a folder", edit.text())
        if folder:
            edit.setText(folder)

    def accept(self) -> None:
        """A server address that cannot be read is said at once, and the dialog stays open."""
        from wsoa_desktop.domain.errors import WsoaError
        from wsoa_desktop.store.server_address import parse_address

        text = self.server_database.text().strip()
        if text:
            try:
                self.server_database.setText(str(parse_address(text)))
            except WsoaError as exc:
                messages.warn(self, str(exc))
                self.server_database.setFocus()
                return
        super().accept()

    def save(self) -> None:
        """Keep the choices; folders are stored as absolute paths (``Settings`` makes them so)."""
        name = " ".join(self.display_name.text().split())
        self.settings.set("user/display_name", "" if name == default_user() else name)
        self.settings.set("paths/database_folder", self.database_folder.text().strip())
        self.settings.set("backup/folder", self.backup_folder.text().strip())
        self.settings.set("paths/server_database", self.server_database.text().strip())
