"""The update round's item list: one row per item, "2.2.3   Amber · not updated".

Read straight from the round's items (no copies); a carried-forward rating is
written "· not updated" and set in italics, so the list shows at a glance which
items still wait for this period's update.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from wsoa_desktop.domain.status_words import NOT_UPDATED, not_updated_text, rating_caption
from wsoa_desktop.services import rounds

ModelIndex = QModelIndex | QPersistentModelIndex


class RoundItemsModel(QAbstractListModel):
    """The round's items as a list: "2.2.3  Amber · not updated"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[rounds.RoundItem] = []

    def set_items(self, items: list[rounds.RoundItem]) -> None:
        self.beginResetModel()
        self.items = items
        self.endResetModel()

    def item_changed(self, row: int) -> None:
        index = self.index(row, 0)
        self.dataChanged.emit(index, index)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt name)
        return 0 if parent.isValid() else len(self.items)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        node = self.items[index.row()].node
        status = node.status
        if role == Qt.ItemDataRole.DisplayRole:
            rating = status.rating if status and status.rating else "not rated"
            marker = f" · {NOT_UPDATED}" if not_updated_text(status) else ""
            return f"{node.ref}   {rating}{marker}"
        if role == Qt.ItemDataRole.ToolTipRole:
            caption = rating_caption(status) or "Not rated"
            flags = self.items[index.row()].flags
            return f"{node.ref} {node.description}\n{caption}" + (f"\nFlags: {'; '.join(flags)}" if flags else "")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{node.ref}, {rating_caption(status) or 'not rated'}"
        if role == Qt.ItemDataRole.FontRole and not_updated_text(status):
            font = QFont()
            font.setItalic(True)
            return font
        return None
