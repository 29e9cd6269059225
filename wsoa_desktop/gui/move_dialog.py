"""Moving an action or sub-action under another parent, renumbering only if asked; or giving it
a new reference where it stands (a reference the import made up, or a mistyped one)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)


class MoveDialog(QDialog):
    def __init__(self, ref: str, parents: list[tuple[str, str]], parent: QWidget | None = None, *,
                 here: tuple[str, str] | None = None) -> None:
        """``parents``: (ref, label) of every place the item may go; ``here``: where it is now (listed
        first, for giving it a new reference without moving it)."""
        super().__init__(parent)
        self.setObjectName("moveDialog")
        self.setWindowTitle(f"Move {ref}")
        form = QFormLayout(self)
        form.addRow(QLabel(f"Move {ref} and everything under it to:", self))
        self.parent_combo = QComboBox(self)
        self.parent_combo.setAccessibleName("New parent")
        if here is not None:
            self.parent_combo.addItem(f"{here[0]}  {here[1]}"[:70] + " (where it is now)", here[0])
        for parent_ref, label in parents:
            self.parent_combo.addItem(f"{parent_ref}  {label}"[:90], parent_ref)
        if here is not None and parents:
            self.parent_combo.setCurrentIndex(1)
        form.addRow("&Under:", self.parent_combo)
        self.new_ref = QLineEdit(self)
        self.new_ref.setAccessibleName("New reference")
        self.new_ref.setPlaceholderText("Empty: the next free reference there")
        self.new_ref.setToolTip(f"Type a reference to give {ref} (and what is under it) a new one, here or "
                                "under the new parent.")
        form.addRow("New r&eference:", self.new_ref)
        self.renumber = QCheckBox("&Renumber the items left behind to close the gap", self)
        self.renumber.setAccessibleName("Renumber the items left behind")
        self.renumber.setToolTip("Off: the other references stay as they are (committee papers cite them).")
        form.addRow(self.renumber)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Move")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def offer(self, parent_ref: str, renumber: bool, new_ref: str) -> None:
        """Put back what the officer chose before a reload (the place only if it is still offered)."""
        index = self.parent_combo.findData(parent_ref)
        if index >= 0:
            self.parent_combo.setCurrentIndex(index)
        self.renumber.setChecked(renumber)
        self.new_ref.setText(new_ref)

    def values(self) -> tuple[str, bool, str]:
        """(new parent, renumber, new reference or "")."""
        return str(self.parent_combo.currentData()), self.renumber.isChecked(), " ".join(self.new_ref.text().split())
