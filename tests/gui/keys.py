"""Typing into table cells as an officer does: select the cell, F2 (unless its editor is open), type, Enter."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QTableView


def type_in_cell(qtbot, view: QTableView, row: int, column: int, text: str) -> None:  # type: ignore[no-untyped-def]
    index = view.model().index(row, column)
    view.setFocus(Qt.FocusReason.OtherFocusReason)
    editor = view.indexWidget(index)
    if editor is None:
        view.setCurrentIndex(index)
        qtbot.keyClick(view, Qt.Key.Key_F2)
        editor = view.indexWidget(index) or QApplication.focusWidget()
    assert isinstance(editor, QLineEdit), f"no editor opened on ({row}, {column}): {editor!r}"
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()  # the delegate commits on a queued call after Enter


def tick_cell(qtbot, view: QTableView, row: int, column: int) -> None:  # type: ignore[no-untyped-def]
    """Space on a check-box cell ticks (or unticks) it."""
    view.setFocus(Qt.FocusReason.OtherFocusReason)
    view.setCurrentIndex(view.model().index(row, column))
    qtbot.keyClick(view, Qt.Key.Key_Space)


def shown(qtbot, dialog):  # type: ignore[no-untyped-def]
    """A dialog on screen and active, as exec() would leave it (tests answer it instead of running its loop).

    Active matters: keys such as F2 go to the active window, not to the main window's shortcuts.
    """
    import warnings

    dialog.show()
    qtbot.waitExposed(dialog)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        QApplication.setActiveWindow(dialog)  # the offscreen platform does not activate on show
    return dialog


def activate(window) -> None:  # type: ignore[no-untyped-def]
    """Make ``window`` the active window again (after a dialog closed), so its shortcuts work."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        QApplication.setActiveWindow(window)


def accepted(dialog) -> int:  # type: ignore[no-untyped-def]
    """Press the dialog's OK as exec() would end: its accept() runs (and may refuse), then it closes."""
    dialog.accept()
    return dialog.result()
