"""The "Coming up" dock: the governance calendar, what is due next, and its editing.

The line at the top says what the next meeting needs and from whom; the table
lists the meetings (the next in bold, past ones muted with their outcome, or
"not recorded yet"). Add, edit (Enter or double-click), remove (Delete), plan a
year of boards, and draft the covering report for the selected meeting. Every
change is an undoable command through the calendar service.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QItemSelectionModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from wsoa_desktop.domain.errors import WsoaError
from wsoa_desktop.domain.status_words import format_day
from wsoa_desktop.gui import messages
from wsoa_desktop.gui.enter_table_view import EnterTableView
from wsoa_desktop.gui.governance_commands import RemoveMeetingCommand, SaveMeetingCommand
from wsoa_desktop.gui.governance_models import MeetingsModel
from wsoa_desktop.gui.undo_commands import RELOADED, SAVED, attempt, perform
from wsoa_desktop.services import governance, governance_calendar
from wsoa_desktop.services.governance_calendar import BRAG_APPENDIX, MeetingFields, MeetingView

if TYPE_CHECKING:
    from wsoa_desktop.gui.plan_context import PlanContext, PlanWindow


def next_line(m: MeetingView | None, today: date) -> str:
    """``"Next: <committee>, Tue 6 September 2022 (in 5 days). Needs: …"``."""
    if m is None:
        return "No meetings coming up in the calendar. Add one, or plan a year of boards."
    days = (m.held_on - today).days
    when = "today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days"
    needs = "; ".join(m.reports) or "no reports listed"
    whom = f" — from {m.for_whom}" if m.for_whom else ""
    return f"Next: {m.body}, {m.held_on:%a} {format_day(m.held_on)} ({when}). Needs: {needs}{whom}"


def bodies_for(ctx: PlanContext) -> list[str]:
    """The plan's boards and committees, the signing board first, then bodies already in the calendar."""
    names = governance.sign_off_bodies(ctx.store, ctx.plan_id)
    for m in governance_calendar.meetings(ctx.store, ctx.plan_id):
        if m.body not in names:
            names.append(m.body)
    return names


class PlanMeetingsDialog(QDialog):
    """A year of monthly boards with the spotlight rota, and (optionally) quarterly reviews."""

    def __init__(self, boards: list[str], bodies: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Plan meetings")
        today = QDate.currentDate()
        self.board = QComboBox()
        self.board.setEditable(True)
        self.board.addItems(boards)
        self.board.setAccessibleName("Board that meets monthly")
        self.first_board = QDateEdit(today)
        self.first_board.setCalendarPopup(True)
        self.first_board.setDisplayFormat("ddd d MMMM yyyy")
        self.first_board.setAccessibleName("Date of its next meeting")
        self.months = QSpinBox()
        self.months.setRange(1, 36)
        self.months.setValue(12)
        self.months.setAccessibleName("Months to plan")
        self.with_review = QCheckBox("Add &quarterly reviews")
        self.review_body = QComboBox()
        self.review_body.setEditable(True)
        self.review_body.addItems([b for b in bodies if b not in boards[:1]])
        self.review_body.setCurrentText("")
        self.review_body.setAccessibleName("Body holding the quarterly review")
        self.first_review = QDateEdit(today)
        self.first_review.setCalendarPopup(True)
        self.first_review.setDisplayFormat("ddd d MMMM yyyy")
        self.first_review.setAccessibleName("Date of the next quarterly review")
        for w in (self.review_body, self.first_review):
            w.setEnabled(False)
        self.with_review.toggled.connect(lambda on: [w.setEnabled(on) for w in (self.review_body, self.first_review)])
        form = QFormLayout(self)
        form.addRow(QLabel("Later meetings fall on the same weekday of each month (e.g. every second Wednesday); "
                           "the subgroups take the spotlight in turn. Dates already planned are kept."))
        form.addRow("&Board:", self.board)
        form.addRow("&Next meeting:", self.first_board)
        form.addRow("&Months:", self.months)
        form.addRow("", self.with_review)
        form.addRow("&Review held by:", self.review_body)
        form.addRow("Next &review:", self.first_review)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add to the calendar")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    @staticmethod
    def _day(edit: QDateEdit) -> date:
        d = edit.date()
        return date(d.year(), d.month(), d.day())

    def values(self) -> MeetingPlan:
        review = self.with_review.isChecked()
        return MeetingPlan(self.board.currentText(), self._day(self.first_board), self.months.value(),
                           self._day(self.first_review) if review else None,
                           self.review_body.currentText() if review else None)


@dataclass(frozen=True)
class MeetingPlan:
    """What the Plan meetings dialog asks for (see ``governance_calendar.plan_meetings``)."""

    board: str
    first_board: date
    months: int
    first_review: date | None
    review_body: str | None


class MeetingsPanel(QWidget):
    """The dock's widget; ``refresh()`` re-reads the calendar (the window's planReloaded calls it).

    It outlives any one plan: each job asks the window for the plan shown now.
    """

    def __init__(self, window: PlanWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MeetingsPanel")
        self.window_ = window
        self.today = date.today()
        self.next_label = QLabel()
        self.next_label.setObjectName("nextMeeting")
        self.next_label.setWordWrap(True)
        self.next_label.setAccessibleName("What is due next")
        self.show_past = QCheckBox("&Show past meetings")
        self.show_past.setObjectName("showPast")
        self.show_past.toggled.connect(lambda *_: self.refresh())
        self.model = MeetingsModel(self)
        self.table = EnterTableView()
        self.table.setObjectName("meetingsTable")
        self.table.setAccessibleName("Governance calendar")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in ((0, 150), (1, 230), (2, 330), (3, 220)):
            self.table.setColumnWidth(col, width)
        self.table.activated.connect(lambda *_: self.edit_meeting())
        self.table.deletePressed.connect(self.remove_meeting)
        buttons = QHBoxLayout()
        self.add_button = self._button("&Add meeting…", self.add_meeting, "addMeeting")
        # No Alt letter of its own: E, P and O open the menus; Enter in the calendar edits.
        self.edit_button = self._button("Edit…", self.edit_meeting, "editMeeting")
        self.edit_button.setToolTip("Edit the selected meeting (Enter in the calendar)")
        self.remove_button = self._button("Remove", self.remove_meeting, "removeMeeting")
        self.plan_button = self._button("Plan &meetings…", self.plan_meetings, "planMeetings")
        self.cover_button = self._button("&Covering report…", self.covering_report, "coveringReport")
        for b in (self.add_button, self.edit_button, self.remove_button, self.plan_button, self.cover_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.show_past)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.next_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.table.selectionModel().currentChanged.connect(lambda *_: self._enable())
        self.refresh()

    def _button(self, text: str, slot: Callable[[], object], name: str) -> QPushButton:
        b = QPushButton(text)
        b.setObjectName(name)
        b.setAutoDefault(False)
        b.clicked.connect(lambda *_: slot())
        return b

    def text(self) -> str:
        """What the panel says is due next (the top line)."""
        return self.next_label.text()

    def refresh(self) -> None:
        w = self.window_.plan_context()
        if w is None:
            self.model.set_meetings([], self.today)
            self.next_label.setText("No plan open.")
            self._enable()
            return
        keep = self.selected()
        rows = governance_calendar.meetings(w.store, w.plan_id,
                                            start=None if self.show_past.isChecked() else self.today)
        self.model.set_meetings(rows, self.today)
        upcoming = [m for m in rows if m.held_on >= self.today] if self.show_past.isChecked() else rows
        if not rows and not self.show_past.isChecked():
            past = governance_calendar.meetings(w.store, w.plan_id, end=self.today)
            self.next_label.setText(next_line(None, self.today) + (
                f" ({len(past)} past meeting{'s' if len(past) != 1 else ''}: tick “Show past meetings”.)"
                if past else ""))
        else:
            self.next_label.setText(next_line(upcoming[0] if upcoming else None, self.today))
        self.select_meeting(keep.id if keep else self.model.next_id)
        self._enable()

    def select_meeting(self, meeting_id: int | None) -> bool:
        row = self.model.row_of(meeting_id)
        if row < 0:
            row = 0 if self.model.rowCount() else -1
        if row < 0:
            return False
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        return self.model.rows[row].id == meeting_id

    def selected(self) -> MeetingView | None:
        index = self.table.currentIndex()
        return self.model.row_object(index.row()) if index.isValid() else None

    def _enable(self) -> None:
        has_plan = self.window_.plan_context() is not None
        has = self.selected() is not None
        for b in (self.add_button, self.plan_button, self.cover_button):
            b.setEnabled(has_plan)
        self.edit_button.setEnabled(has)
        self.remove_button.setEnabled(has)

    # -- editing ----------------------------------------------------------------------------

    def add_meeting(self) -> bool:
        from wsoa_desktop.gui.meeting_dialog import MeetingDialog

        ctx = self.window_.plan_context()
        if ctx is None:
            return False
        bodies = bodies_for(ctx)
        fields = MeetingFields(bodies[0] if bodies else "", self.today, (BRAG_APPENDIX,))
        dialog = MeetingDialog(fields, bodies, adding=True, parent=self)
        if not messages.run_dialog(dialog):
            return False
        command = SaveMeetingCommand(ctx, None, None, dialog.values())
        if not perform(ctx, command):
            return False
        self._show(command.meeting_id)
        return True

    def edit_meeting(self, typed: MeetingFields | None = None) -> bool:
        """Edit the selected meeting; ``typed``: what the officer typed before a stale save and Reload."""
        from wsoa_desktop.gui.meeting_dialog import MeetingDialog

        meeting = self.selected()
        ctx = self.window_.plan_context()
        if meeting is None or ctx is None:
            return False
        dialog = MeetingDialog(typed or meeting.fields(), bodies_for(ctx), adding=False, parent=self)
        if not messages.run_dialog(dialog):
            return False
        after = dialog.values()
        if after == meeting.fields():
            return False
        outcome = attempt(ctx, SaveMeetingCommand(ctx, meeting.id, meeting.fields(), after, seen=meeting.version))
        if outcome == RELOADED and self.select_meeting(meeting.id):
            return self.edit_meeting(after)  # over their change, with what was typed
        if outcome != SAVED:
            return False
        self._show(meeting.id)
        return True

    def _show(self, meeting_id: int | None) -> None:
        """Select a meeting, showing past ones when it is in the past."""
        if self.model.row_of(meeting_id) < 0 and not self.show_past.isChecked():
            self.show_past.setChecked(True)
        self.select_meeting(meeting_id)

    def remove_meeting(self) -> bool:
        meeting = self.selected()
        ctx = self.window_.plan_context()
        if meeting is None or ctx is None:
            return False
        return perform(ctx, RemoveMeetingCommand(ctx, meeting))

    def plan_meetings(self) -> int:
        ctx = self.window_.plan_context()
        if ctx is None:
            return 0
        boards = governance.sign_off_bodies(ctx.store, ctx.plan_id)
        dialog = PlanMeetingsDialog(boards, bodies_for(ctx), self)
        if not messages.run_dialog(dialog):
            return 0
        plan = dialog.values()
        try:
            added = governance_calendar.plan_meetings(
                ctx.store, ctx.plan_id, plan.first_board, months=plan.months, first_review=plan.first_review,
                board=plan.board, review_body=plan.review_body, by=ctx.user)
        except WsoaError as exc:
            messages.warn(ctx.parent, str(exc))
            return 0
        self.window_.planReloaded.emit()
        ctx.show_status(f"Added {added} meeting{'s' if added != 1 else ''} to the calendar — Saved")
        return added

    def covering_report(self) -> None:
        from wsoa_desktop.gui.covering_report_dialog import open_covering_report

        meeting = self.selected()
        ctx = self.window_.plan_context()
        if ctx is not None:
            open_covering_report(ctx, meeting.id if meeting else None)
