"""Add or edit a board, subgroup or committee: its name, kind, the priority it leads, its members.

Members are written as the plan writes them ("Julie Day, Head of Service
Inclusion"), with a role where the paper gives one in its own column and a
chair mark; rows are added, removed and reordered here and saved together
with the group (one undoable step) when the dialog is accepted.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wsoa_desktop.gui.governance_models import MembersModel
from wsoa_desktop.services.governance import BOARD, KINDS, SUBGROUP, GroupFields


class GroupDialog(QDialog):
    """``values()`` gives the :class:`GroupFields` typed; the caller saves them through a command."""

    def __init__(self, fields: GroupFields, priorities: list[tuple[str, str]], *, adding: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("GroupDialog")
        self.setWindowTitle("Add a board or subgroup" if adding else f"Edit {fields.name}")
        self.resize(760, 520)
        self.name = QLineEdit(fields.name)
        self.name.setAccessibleName("Name")
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind")
        for key, word in KINDS.items():
            self.kind.addItem(word, key)
        self.kind.setCurrentIndex(max(0, self.kind.findData(fields.kind)))
        self.priority = QComboBox()
        self.priority.setAccessibleName("Priority it leads")
        self.priority.addItem("None", "")
        for ref, title in priorities:
            self.priority.addItem(f"{ref}. {title}"[:90], ref)
        self.priority.setCurrentIndex(max(0, self.priority.findData(fields.priority_ref)))
        self.signs_off = QCheckBox("Its approval closes completed actions (the sign-off body)")
        self.signs_off.setChecked(fields.signs_off)
        self.note = QLineEdit(fields.note)
        self.note.setAccessibleName("Note")
        self.members = MembersModel(self)
        self.members.set_rows(list(fields.members))
        self.table = QTableView()
        self.table.setObjectName("membersTable")
        self.table.setAccessibleName("Members")
        self.table.setModel(self.members)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(1, 200)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.add_button = self._button("&Add member", self.add_member, "addMember")
        self.remove_button = self._button("&Remove member", self.remove_member, "removeMember")
        self.up_button = self._button("Move &up", lambda: self.move_row(-1), "memberUp")
        self.down_button = self._button("Move &down", lambda: self.move_row(+1), "memberDown")
        row = QHBoxLayout()
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button):
            row.addWidget(b)
        row.addStretch(1)
        form = QFormLayout()
        form.addRow("&Name:", self.name)
        form.addRow("&Kind:", self.kind)
        form.addRow("Leads &priority:", self.priority)
        form.addRow("", self.signs_off)
        form.addRow("N&ote:", self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Save")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("Members, as the plan writes them (tick the chairs):"))
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(lambda *_: self._kind_changed())
        self._kind_changed()

    def _button(self, text: str, slot: Callable[[], object], name: str) -> QPushButton:
        b = QPushButton(text)
        b.setObjectName(name)
        b.setAutoDefault(False)
        b.clicked.connect(lambda *_: slot())
        return b

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.priority.setEnabled(kind == SUBGROUP)
        if kind != SUBGROUP:
            self.priority.setCurrentIndex(0)
        self.signs_off.setEnabled(kind != SUBGROUP)
        if kind == SUBGROUP:
            self.signs_off.setChecked(False)

    def current_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def _select(self, row: int, column: int = 0) -> None:
        self.table.selectionModel().setCurrentIndex(
            self.members.index(row, column),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def add_member(self) -> None:
        row = self.members.add_member()
        self._select(row)
        self.table.edit(self.members.index(row, 0))

    def remove_member(self) -> None:
        row = self.current_row()
        if row >= 0:
            self.members.remove_member(row)
            if self.members.rowCount():
                self._select(min(row, self.members.rowCount() - 1))

    def move_row(self, step: int) -> None:
        row = self.current_row()
        if row >= 0:
            self._select(self.members.move_member(row, step))

    def values(self) -> GroupFields:
        return GroupFields(self.name.text(), self.kind.currentData() or BOARD, self.priority.currentData() or "",
                           tuple(self.members.members()), self.note.text(), self.signs_off.isChecked())
