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


def ask_unsaved(parent: QWidget | None, text: str) -> str:
    """Typed text would be lost: "save", "discard" or "cancel" (Esc and closing the box cancel)."""
    buttons = QMessageBox.StandardButton
    box = QMessageBox(QMessageBox.Icon.Question, APP_NAME, text, buttons.Save | buttons.Discard | buttons.Cancel,
                      parent)
    box.setInformativeText("Save it, discard it, or cancel and go back to it?")
    box.setDefaultButton(buttons.Save)
    box.setEscapeButton(buttons.Cancel)
    answer = box.exec()
    return {buttons.Save: "save", buttons.Discard: "discard"}.get(buttons(answer), "cancel")
