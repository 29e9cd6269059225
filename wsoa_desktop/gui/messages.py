"""Plain messages to the officer. One place, so tests can answer them without a modal loop."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from wsoa_desktop import APP_NAME


def warn(parent: QWidget | None, text: str) -> None:
    """Something could not be done; the text says why and what to do. Nothing was changed."""
    QMessageBox.warning(parent, APP_NAME, text)


def confirm(parent: QWidget | None, text: str, *, yes: str = "Yes") -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, APP_NAME, text, QMessageBox.StandardButton.Cancel, parent)
    ok = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is ok
