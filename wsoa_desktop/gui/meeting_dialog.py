"""Add or edit a meeting in the governance calendar: before it, what it needs; after it, what it decided.

Two tabs: the meeting (body, date, reports due, who owes them, a note, then the
outcome as minuted and the decisions) and the covering report's text kept for
it (purpose, recommendations, background papers; empty means "draft it from the
plan"). Lists are typed one entry per line. The body is picked from the plan's
boards and committees or typed.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wsoa_desktop.services.governance_calendar import MeetingFields


def _lines(edit: QPlainTextEdit) -> tuple[str, ...]:
    return tuple(line.strip() for line in edit.toPlainText().splitlines() if line.strip())


def _text_box(text: str, name: str, placeholder: str, height: int = 70) -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setAccessibleName(name)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setMinimumHeight(height)
    return box


class MeetingDialog(QDialog):
    """``values()`` gives the :class:`MeetingFields` typed; the caller saves them through a command."""

    def __init__(self, fields: MeetingFields, bodies: list[str], *, adding: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MeetingDialog")
        self.setWindowTitle("Add a meeting" if adding else f"{fields.body}, {fields.held_on.day} "
                            f"{fields.held_on:%B %Y}")
        self.resize(640, 560)
        self.body = QComboBox()
        self.body.setEditable(True)
        self.body.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.body.addItems(bodies)
        self.body.setCurrentText(fields.body)
        self.body.setAccessibleName("Board or committee")
        self.held_on = QDateEdit(QDate(fields.held_on.year, fields.held_on.month, fields.held_on.day))
        self.held_on.setCalendarPopup(True)
        self.held_on.setDisplayFormat("ddd d MMMM yyyy")
        self.held_on.setAccessibleName("Date of the meeting")
        self.reports = _text_box("\n".join(fields.reports), "Reports due",
                                 "One per line: BRAG appendix, Covering report, Highlight report: …")
        self.for_whom = QLineEdit(fields.for_whom)
        self.for_whom.setAccessibleName("Who owes the reports")
        self.note = QLineEdit(fields.note)
        self.note.setAccessibleName("Note")
        self.outcome = _text_box(fields.outcome, "Outcome", "The minute, as written (after the meeting)", 90)
        self.decisions = _text_box("\n".join(fields.decisions), "Decisions",
                                   "One per line: “Closure of 2.5.6 approved”, “Report noted”")
        self.purpose = _text_box(fields.purpose, "Purpose of the covering report",
                                 "Leave empty to draft it from the plan")
        self.recommendations = _text_box("\n".join(fields.recommendations), "Recommendations",
                                         "One per line; leave empty for the standard two (note the update; "
                                         "continued updates)", 90)
        self.background_papers = _text_box("\n".join(fields.background_papers), "Background papers",
                                           "One per line: titles or links")
        self.tabs = QTabWidget()
        meeting = QWidget()
        form = QFormLayout(meeting)
        form.addRow("&Body:", self.body)
        form.addRow("&Date:", self.held_on)
        form.addRow("&Reports due:", self.reports)
        form.addRow("&From whom:", self.for_whom)
        form.addRow("N&ote:", self.note)
        form.addRow("&Outcome:", self.outcome)
        form.addRow("Dec&isions:", self.decisions)
        cover = QWidget()
        cover_form = QFormLayout(cover)
        hint = QLabel("Kept with this meeting for its covering report (Reports ▸ Covering report…).")
        hint.setWordWrap(True)
        cover_form.addRow(hint)
        cover_form.addRow("&Purpose:", self.purpose)
        cover_form.addRow("Re&commendations:", self.recommendations)
        cover_form.addRow("Back&ground papers:", self.background_papers)
        self.tabs.addTab(meeting, "&Meeting")
        self.tabs.addTab(cover, "Covering &report")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Save")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)

    def day(self) -> date:
        d = self.held_on.date()
        return date(d.year(), d.month(), d.day())

    def values(self) -> MeetingFields:
        return MeetingFields(self.body.currentText(), self.day(), _lines(self.reports), self.for_whom.text(),
                             self.note.text(), self.outcome.toPlainText(), _lines(self.decisions),
                             self.purpose.toPlainText(), _lines(self.recommendations), _lines(self.background_papers))
