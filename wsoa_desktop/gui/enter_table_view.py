"""A table whose Enter opens the current row, and whose Delete removes it, and stop there.

QTableView reports Enter as "activated" and then passes the key on to its
parents, where a dialog's default button (Close) would take it too: the panel
would open the row's editor and then close. Delete is the main window's
shortcut for deleting plan items; in a table of meetings or people it must
mean "remove this row", so the table claims the key while it has the focus.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView


class EnterTableView(QTableView):
    #: Delete was pressed on a row (not while a cell is being edited).
    deletePressed = Signal()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and \
                event.key() == Qt.Key.Key_Delete and self.state() != QAbstractItemView.State.EditingState:
            event.accept()  # ours, not the window's "delete the selected plan item"
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        editing = self.state() == QAbstractItemView.State.EditingState
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not editing:
            index = self.currentIndex()
            if index.isValid():
                self.activated.emit(index)
            event.accept()
            return
        if event.key() == Qt.Key.Key_Delete and not editing and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.deletePressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)
