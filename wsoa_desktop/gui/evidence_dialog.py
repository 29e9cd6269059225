"""An item's evidence: the files kept in the database and the links, with a way to get a file out."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wsoa_desktop.domain.errors import WsoaError
from wsoa_desktop.gui import messages
from wsoa_desktop.gui.versions_dialog import _table, _TableModel
from wsoa_desktop.services import evidence
from wsoa_desktop.services.files import safe_file_name
from wsoa_desktop.store.database import Store


def suggested_name(filename: str) -> str:
    """The stored file's name, made safe here (it may have been attached on another system)."""
    stem, dot, extension = filename.rpartition(".")
    if not dot or not stem or len(extension) > 10:
        return safe_file_name(filename, fallback="evidence")
    return safe_file_name(stem, safe_file_name(f".{extension}", fallback=""), fallback="evidence")


class EvidenceDialog(QDialog):
    def __init__(self, store: Store, plan_id: int, ref: str, *, by: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Evidence for {ref}")
        self.store, self.plan_id, self.ref, self.by = store, plan_id, ref, by
        self.model = _TableModel(["Title", "File or link", "Size", "Added by", "Added"], self)
        self.table = _table(self.model, f"Evidence for {ref}")
        self.save_button = QPushButton("Save a copy…")
        self.remove_button = QPushButton("Remove")
        self.save_button.clicked.connect(lambda: self.save_copy())
        self.remove_button.clicked.connect(lambda: self.remove())
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        note = QLabel(f"Files are kept inside the database (up to {evidence.MAX_FILE_BYTES // 2**20} MB each), "
                      "so backups carry them.")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.resize(800, 400)
        self.refresh()

    def refresh(self) -> None:
        self.items = evidence.list_evidence(self.store, self.plan_id, self.ref)
        self.model.set_rows([[e.title, e.link or e.filename, "" if e.is_link else f"{e.size / 1024:.0f} KB",
                              e.added_by, f"{e.added_at:%d/%m/%Y %H:%M}"] for e in self.items])
        if self.items:
            self.table.selectRow(0)

    def selected(self) -> evidence.EvidenceView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.items[rows[0].row()] if rows else None

    def save_copy(self) -> str | None:
        item = self.selected()
        if item is None:
            return None
        if item.is_link:
            messages.warn(self, f"“{item.title}” is a link: open {item.link} instead.")
            return None
        path = messages.choose_save_file(self, "Save a copy of the evidence", suggested_name(item.filename))
        if not path:
            return None
        try:
            evidence.save_copy(self.store, self.plan_id, item.id, path)
        except WsoaError as exc:
            messages.warn(self, str(exc))
            return None
        return path

    def remove(self) -> bool:
        item = self.selected()
        if item is None or not messages.confirm(self, f"Remove “{item.title}” from {self.ref}? The history "
                                                "keeps a record that it was there.", yes="Remove"):
            return False
        try:
            evidence.remove_evidence(self.store, self.plan_id, item.id, by=self.by or None, seen=item.version)
        except WsoaError as exc:  # removed or changed by someone else meanwhile: show what is kept now
            messages.warn(self, str(exc))
            self.refresh()
            return False
        self.refresh()
        return True
