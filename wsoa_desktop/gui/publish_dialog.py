"""File ▸ Publish version…: say exactly what will be published before asking for the summary.

A published version never changes afterwards, so the officer sees its number
and the reporting period it will carry ("This will publish version 4 (latest
period: August 2022)") before committing to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wsoa_desktop.gui import messages
from wsoa_desktop.store.database import Store


@dataclass(frozen=True)
class PublishPreview:
    number: int
    latest_period: str | None

    def sentence(self) -> str:
        period = self.latest_period or "none yet"
        return f"This will publish version {self.number} (latest period: {period})."


def publish_preview(store: Store, plan_id: int) -> PublishPreview:
    """The number the next version will take and the period it will carry (the plan's latest)."""
    from wsoa_desktop.services.plans import list_plans
    from wsoa_desktop.services.versions import list_versions

    published = list_versions(store, plan_id)
    number = (max(v.number for v in published) if published else 0) + 1
    plan = next((p for p in list_plans(store) if p.id == plan_id), None)
    latest = plan.periods[-1] if plan is not None and plan.periods else None
    return PublishPreview(number, latest)


class PublishDialog(QDialog):
    """The summary of amendments, under a line that says which version and period it publishes."""

    def __init__(self, preview: PublishPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("publishDialog")
        self.setWindowTitle("Publish version")
        layout = QVBoxLayout(self)
        self.heading = QLabel(preview.sentence(), self)
        self.heading.setObjectName("publishHeading")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        note = QLabel("A published version never changes afterwards: it is what the committee saw.", self)
        note.setWordWrap(True)
        layout.addWidget(note)
        label = QLabel("&Summary of amendments in this version:", self)
        self.summary = QPlainTextEdit(self)
        self.summary.setObjectName("publishSummary")
        self.summary.setAccessibleName("Summary of amendments")
        self.summary.setPlaceholderText("For example: August 2022 ratings; 2.3 target revised")
        self.summary.setTabChangesFocus(True)
        label.setBuddy(self.summary)
        layout.addWidget(label)
        layout.addWidget(self.summary, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.publish_button: QPushButton = self.buttons.addButton(
            f"&Publish version {preview.number}", QDialogButtonBox.ButtonRole.AcceptRole)
        self.publish_button.setObjectName("publishButton")
        self.publish_button.setEnabled(False)
        self.summary.textChanged.connect(
            lambda: self.publish_button.setEnabled(bool(self.summary.toPlainText().strip())))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(self.fontMetrics().horizontalAdvance("M") * 40, self.sizeHint().height() + 80)

    def summary_text(self) -> str:
        return self.summary.toPlainText().strip()

    @classmethod
    def ask(cls, store: Store, plan_id: int, parent: QWidget | None = None) -> str | None:
        """The summary to publish with, or None when the officer cancels."""
        dialog = cls(publish_preview(store, plan_id), parent)
        if not messages.run_dialog(dialog):
            return None
        return dialog.summary_text()
