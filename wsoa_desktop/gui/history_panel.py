"""The history of the selected item: every change from the append-only audit trail.

Read-only by design: the trail records who changed what, when, from what to
what, and nothing in the app can edit it (the database refuses updates too).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wsoa_desktop.services.audit import AuditLine, history
from wsoa_desktop.store.database import Store

COLUMNS = ("When", "Who", "What", "Was", "Now")


class HistoryModel(QAbstractTableModel):
    """Audit lines, newest first; the tooltip holds the whole old and new text."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lines: list[AuditLine] = []

    def set_lines(self, lines: list[AuditLine]) -> None:
        self.beginResetModel()
        self.lines = lines
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        line = self.lines[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == 0:
                return line.at.strftime("%d %b %Y %H:%M") if line.at else ""
            if col == 1:
                return line.by
            if col == 2:
                what = line.field_name or line.entity
                return what if line.operation == "update" else f"{what} ({line.operation})"
            text = line.old_value if col == 3 else line.new_value
            if role == Qt.ItemDataRole.DisplayRole and len(text) > 80:
                return text[:79] + "…"
            return text
        return None


class HistoryPanel(QWidget):
    """Shows the trail for one reference (or the whole plan when the reference is empty)."""

    def __init__(self, store: Store | None = None, plan_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("HistoryPanel")
        self.store, self.plan_id = store, plan_id
        self.ref: str | None = None
        self.title = QLabel()
        self.model = HistoryModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("History of changes")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.title)
        layout.addWidget(self.table)
        self.refresh()

    def set_source(self, store: Store | None, plan_id: int | None, ref: str | None = None) -> None:
        """Show the trail of ``ref`` in another database or plan (one read)."""
        self.store, self.plan_id, self.ref = store, plan_id, ref or None
        self.refresh()

    def set_ref(self, ref: str | None) -> None:
        self.ref = ref or None
        self.refresh()

    def refresh(self) -> None:
        if self.store is None or self.plan_id is None:
            self.title.setText("No plan open.")
            self.model.set_lines([])
            return
        lines = history(self.store, self.plan_id, self.ref, limit=500)
        self.model.set_lines(lines)
        what = f"History of {self.ref}" if self.ref else "History of the whole plan"
        self.title.setText(f"{what}: {len(lines)} change{'s' if len(lines) != 1 else ''}")
