"""The dialog for adding or editing a priority (area of concern)."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)


@dataclass
class PriorityFields:
    title: str = ""
    area_of_concern: str = ""
    lead_officers: str = ""
    outcome_statement: str = ""
    delivery_partners: list[str] = field(default_factory=list)


class PriorityDialog(QDialog):
    def __init__(self, ref: str, fields: PriorityFields, *, adding: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("priorityDialog")
        self.setWindowTitle("Add priority" if adding else f"Edit priority {ref}")
        form = QFormLayout(self)
        self.ref = QLineEdit(ref, self)
        self.ref.setAccessibleName("Reference")
        self.ref.setReadOnly(not adding)
        form.addRow("&Ref:", self.ref)
        self.title_edit = QLineEdit(fields.title, self)
        self.title_edit.setAccessibleName("Priority title")
        form.addRow("&Title:", self.title_edit)
        self.area = QPlainTextEdit(fields.area_of_concern, self)
        self.area.setAccessibleName("Area of concern")
        self.area.setTabChangesFocus(True)
        form.addRow("&Area of concern:", self.area)
        self.outcome = QPlainTextEdit(fields.outcome_statement, self)
        self.outcome.setAccessibleName("Outcome statement")
        self.outcome.setTabChangesFocus(True)
        form.addRow("&Outcome statement:", self.outcome)
        self.leads = QLineEdit(fields.lead_officers, self)
        self.leads.setAccessibleName("Lead officers")
        form.addRow("&Lead officers:", self.leads)
        self.partners = QPlainTextEdit("\n".join(fields.delivery_partners), self)
        self.partners.setAccessibleName("Delivery partners, one per line")
        self.partners.setTabChangesFocus(True)
        form.addRow("&Delivery partners\n(one per line):", self.partners)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 58)

    def values(self) -> tuple[str, PriorityFields]:
        partners = [p.strip() for p in self.partners.toPlainText().splitlines() if p.strip()]
        return self.ref.text().strip(), PriorityFields(
            self.title_edit.text(), self.area.toPlainText(), self.leads.text(),
            self.outcome.toPlainText(), partners)
