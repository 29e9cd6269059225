"""Moving an action or sub-action under another parent, renumbering only if asked."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QWidget,
)


class MoveDialog(QDialog):
    def __init__(self, ref: str, parents: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        """``parents``: (ref, label) of every place the item may go."""
        super().__init__(parent)
        self.setObjectName("moveDialog")
        self.setWindowTitle(f"Move {ref}")
        form = QFormLayout(self)
        form.addRow(QLabel(f"Move {ref} and everything under it to:", self))
        self.parent_combo = QComboBox(self)
        self.parent_combo.setAccessibleName("New parent")
        for parent_ref, label in parents:
            self.parent_combo.addItem(f"{parent_ref}  {label}"[:90], parent_ref)
        form.addRow("&Under:", self.parent_combo)
        self.renumber = QCheckBox("&Renumber the items left behind to close the gap", self)
        self.renumber.setAccessibleName("Renumber the items left behind")
        self.renumber.setToolTip("Off: the other references stay as they are (committee papers cite them).")
        form.addRow(self.renumber)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Move")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[str, bool]:
        return str(self.parent_combo.currentData()), self.renumber.isChecked()
