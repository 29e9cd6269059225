"""The dialog for adding or editing an action or sub-action.

The target date is taken as typed: text the app cannot read as a date is kept
and flagged (it is never refused). When an existing target changes, the dialog
asks for the reason, which is kept with the old date as a revision.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from wsoa_desktop.domain.target_dates import format_due, parse_target
from wsoa_desktop.gui.lead_picker import LeadPicker
from wsoa_desktop.services.plan_items import ActionFields


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def target_hint(text: str) -> str:
    """What the app reads in a typed target, said plainly."""
    if not text.strip():
        return "No target date."
    parsed = parse_target(text)
    if parsed.is_parsed:
        return f"Due {format_due(parsed)}" if parsed.precision == "month" else f"Due {parsed.due:%d %B %Y}"
    return "⚠ Not a date the app can read: it is kept as typed, flagged, and never counted as overdue."


class ActionDialog(QDialog):
    def __init__(self, kind: str, ref: str, fields: ActionFields, directory: list[str], *,
                 adding: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.adding = adding
        self.original_target = fields.target
        self.setObjectName("actionDialog")
        self.setWindowTitle(f"Add {kind}" if adding else f"Edit {kind} {ref}")
        form = QFormLayout(self)
        self.ref = QLineEdit(ref, self)
        self.ref.setAccessibleName("Reference")
        self.ref.setReadOnly(not adding)
        self.ref.setToolTip("Use Edit ▸ Move to change where an existing item sits")
        form.addRow("&Ref:", self.ref)
        self.description = QPlainTextEdit(fields.description, self)
        self.description.setAccessibleName("Action text")
        self.description.setTabChangesFocus(True)
        self.description.setMinimumHeight(self.fontMetrics().height() * 4)
        form.addRow("&Action:", self.description)
        self.leads = LeadPicker(directory, fields.leads, self)
        form.addRow("&Leads:", self.leads)
        self.lead_text = QLineEdit(fields.lead_text or "", self)
        self.lead_text.setAccessibleName("Lead as written in the plan")
        self.lead_text.setPlaceholderText("Leave empty to use the leads above")
        form.addRow("Lead as &written:", self.lead_text)
        self.target = QLineEdit(fields.target, self)
        self.target.setAccessibleName("Target end date")
        self.target.setPlaceholderText("e.g. July 2022, 31/03/2024, Ongoing")
        form.addRow("&Target end date:", self.target)
        self.target_hint = QLabel(target_hint(fields.target), self)
        self.target_hint.setObjectName("targetHint")
        self.target_hint.setWordWrap(True)
        form.addRow("", self.target_hint)
        self.reason = QLineEdit(self)
        self.reason.setAccessibleName("Reason the target changed")
        self.reason.setPlaceholderText("Why the target moved (kept with the old date)")
        self.reason_label = QLabel("Reason for &change:", self)
        self.reason_label.setBuddy(self.reason)
        form.addRow(self.reason_label, self.reason)
        self.target.textChanged.connect(self._target_changed)
        self.outcomes = self.measures = self.measures_heading = None
        if kind == "action":
            self.outcomes = QPlainTextEdit("\n".join(fields.outcomes), self)
            self.outcomes.setAccessibleName("Intended outcomes, one per line")
            self.outcomes.setTabChangesFocus(True)
            form.addRow("Intended &outcomes\n(one per line):", self.outcomes)
            self.measures_heading = QLineEdit(fields.impact_measures_heading, self)
            self.measures_heading.setAccessibleName("Impact measures heading")
            form.addRow("Measures &heading:", self.measures_heading)
            self.measures = QPlainTextEdit("\n".join(fields.impact_measures), self)
            self.measures.setAccessibleName("Key impact measures, one per line")
            self.measures.setTabChangesFocus(True)
            form.addRow("Key impact &measures\n(one per line):", self.measures)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self._target_changed()
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 58)
        (self.ref if adding else self.description).setFocus()

    def _target_changed(self) -> None:
        text = self.target.text()
        self.target_hint.setText(target_hint(text))
        needs_reason = not self.adding and bool(self.original_target) and text != self.original_target
        self.reason.setVisible(needs_reason)
        self.reason_label.setVisible(needs_reason)

    def values(self) -> tuple[str, ActionFields, str]:
        """(ref, fields, reason for a target change)."""
        lead_text = self.lead_text.text().strip() or None
        fields = ActionFields(
            description=self.description.toPlainText(), leads=self.leads.leads(),
            lead_text=lead_text, target=self.target.text(),
            outcomes=_lines(self.outcomes.toPlainText()) if self.outcomes else [],
            impact_measures_heading=self.measures_heading.text().strip() if self.measures_heading else "",
            impact_measures=_lines(self.measures.toPlainText()) if self.measures else [])
        return self.ref.text().strip(), fields, self.reason.text().strip()
