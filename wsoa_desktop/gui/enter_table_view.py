"""A table whose Enter opens the current row and stops there.

QTableView reports Enter as "activated" and then passes the key on to its
parents, where a dialog's default button (Close) would take it too: the panel
would open the row's editor and then close. Here Enter opens the row and is done.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView


class EnterTableView(QTableView):
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                self.state() != QAbstractItemView.State.EditingState:
            index = self.currentIndex()
            if index.isValid():
                self.activated.emit(index)
            event.accept()
            return
        super().keyPressEvent(event)
