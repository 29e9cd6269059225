"""Moving a target end date: the new text, and the reason kept with the old one."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from wsoa_desktop.gui.action_dialog import target_hint


class TargetDialog(QDialog):
    def __init__(self, ref: str, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("targetDialog")
        self.setWindowTitle(f"Change the target date of {ref}")
        form = QFormLayout(self)
        form.addRow("Current target:", QLabel(current or "None", self))
        self.target = QLineEdit(current, self)
        self.target.setAccessibleName("New target end date")
        form.addRow("&New target:", self.target)
        self.hint = QLabel(target_hint(current), self)
        self.hint.setWordWrap(True)
        form.addRow("", self.hint)
        self.reason = QLineEdit(self)
        self.reason.setAccessibleName("Reason for the change")
        self.reason.setPlaceholderText("Kept with the old date, for the committee")
        form.addRow("&Reason:", self.reason)
        self.target.textChanged.connect(lambda text: self.hint.setText(target_hint(text)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.target.selectAll()
        self.target.setFocus()
        self.resize(self.fontMetrics().horizontalAdvance("M") * 36, self.sizeHint().height())

    def values(self) -> tuple[str, str]:
        return self.target.text(), self.reason.text().strip()
