"""Plan ▸ Boards and people…: the plan's boards, subgroups and committees, and its people list.

Two tabs over models read from the services. Every change is an undoable
command (Ctrl+Z and Ctrl+Shift+Z work here as in the main window) that calls
the governance or people service; the panel re-reads after each, so what it
shows is what is saved. The panel stays open beside the plan (it is not modal).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wsoa_desktop.gui import messages
from wsoa_desktop.gui.enter_table_view import EnterTableView
from wsoa_desktop.gui.governance_commands import (
    AddPersonCommand,
    EditPersonCommand,
    MoveGroupCommand,
    RemoveGroupCommand,
    RemovePersonCommand,
    SaveGroupCommand,
)
from wsoa_desktop.gui.governance_models import GroupsModel, PeopleModel
from wsoa_desktop.gui.undo_commands import RELOADED, SAVED, attempt, perform
from wsoa_desktop.services import governance, people
from wsoa_desktop.services.governance import BOARD, GroupFields
from wsoa_desktop.services.people import PersonFields, PersonView

if TYPE_CHECKING:
    from wsoa_desktop.gui.plan_context import PlanContext, PlanWindow


class PersonDialog(QDialog):
    """Add someone to the people list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add a person or team")
        self.name = QLineEdit()
        self.name.setAccessibleName("Name")
        self.initials = QLineEdit()
        self.initials.setAccessibleName("Initials")
        self.initials.setPlaceholderText("e.g. PW, or PW(EY) to tell two apart")
        self.role = QLineEdit()
        self.role.setAccessibleName("Role")
        self.organisation = QLineEdit()
        self.organisation.setAccessibleName("Organisation")
        self.is_team = QCheckBox("A team or group, not one person")
        form = QFormLayout(self)
        form.addRow("&Name:", self.name)
        form.addRow("&Initials:", self.initials)
        form.addRow("&Role:", self.role)
        form.addRow("&Organisation:", self.organisation)
        form.addRow("", self.is_team)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> PersonFields:
        return PersonFields(self.name.text(), self.initials.text(), self.role.text(), self.organisation.text(),
                            self.is_team.isChecked())


def _button(text: str, slot: Callable[[], object], name: str) -> QPushButton:
    b = QPushButton(text)
    b.setObjectName(name)
    b.setAutoDefault(False)
    b.clicked.connect(lambda *_: slot())
    return b


def _table(model: QAbstractItemModel, name: str) -> EnterTableView:
    view = EnterTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class BoardsPeoplePanel(QDialog):
    """The governance panel for the plan the window shows (each job asks the window for it)."""

    def __init__(self, window: PlanWindow, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("BoardsPeoplePanel")
        self.setWindowTitle("Boards and people")
        self.resize(980, 560)
        self.window_ = window
        self.tabs = QTabWidget()
        self.groups = GroupsModel(self)
        self.group_view = _table(self.groups, "groupsTable")
        self.group_view.setAccessibleName("Boards, subgroups and committees")
        self.group_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.group_view.activated.connect(lambda *_: self.edit_group())
        header = self.group_view.horizontalHeader()
        header.setStretchLastSection(False)
        self.group_view.setColumnWidth(0, 250)
        for col in (1, 2, 4, 5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.add_group_button = _button("&Add…", self.add_group, "addGroup")
        self.edit_group_button = _button("&Edit…", self.edit_group, "editGroup")
        self.remove_group_button = _button("&Remove", self.remove_group, "removeGroup")
        self.up_button = _button("Move &up", lambda: self.move_group(-1), "groupUp")
        self.down_button = _button("Move &down", lambda: self.move_group(+1), "groupDown")
        groups_tab = QWidget()
        g_layout = QVBoxLayout(groups_tab)
        g_layout.addWidget(QLabel("The boards that oversee the plan (the one in bold signs off completed "
                                  "actions), the workstream subgroups in their spotlight order, and committees:"))
        g_layout.addWidget(self.group_view, 1)
        g_row = QHBoxLayout()
        for b in (self.add_group_button, self.edit_group_button, self.remove_group_button, self.up_button,
                  self.down_button):
            g_row.addWidget(b)
        g_row.addStretch(1)
        g_layout.addLayout(g_row)
        self.people = PeopleModel(self.save_person_edit, self)
        self.people_view = _table(self.people, "peopleTable")
        self.people_view.setAccessibleName("People")
        self.people_view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                         | QAbstractItemView.EditTrigger.EditKeyPressed
                                         | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.people_view.setColumnWidth(0, 220)
        self.people_view.setColumnWidth(2, 260)
        self.add_person_button = _button("Add &person…", self.add_person, "addPerson")
        self.remove_person_button = _button("Re&move person", self.remove_person, "removePerson")
        people_tab = QWidget()
        p_layout = QVBoxLayout(people_tab)
        p_layout.addWidget(QLabel("Leads and owners. Type in a cell to change it (F2 or Enter); a new name "
                                  "shows on every item the person leads."))
        p_layout.addWidget(self.people_view, 1)
        p_row = QHBoxLayout()
        p_row.addWidget(self.add_person_button)
        p_row.addWidget(self.remove_person_button)
        p_row.addStretch(1)
        p_layout.addLayout(p_row)
        self.tabs.addTab(groups_tab, "&Boards and subgroups")
        self.tabs.addTab(people_tab, "&People")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(close)
        stack = window.undo_stack
        undo, redo = stack.createUndoAction(self, "&Undo"), stack.createRedoAction(self, "&Redo")
        undo.setShortcut(QKeySequence("Ctrl+Z"))
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addActions([undo, redo])
        self.group_view.deletePressed.connect(self.remove_group)
        self.people_view.deletePressed.connect(self.remove_person)
        window.planReloaded.connect(self.refresh)
        self.group_view.selectionModel().currentChanged.connect(lambda *_: self._enable())
        self.refresh()

    # -- reading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read both lists, keeping the selected rows."""
        w = self.window_.plan_context()
        if w is None:
            self.groups.set_rows([])
            self.people.set_rows([])
            self._enable()
            return
        keep_group = self.selected_group()
        keep_person = self.selected_person()
        self.groups.set_rows(governance.groups(w.store, w.plan_id))
        self.people.set_rows(people.list_people(w.store, w.plan_id))
        self._reselect(self.group_view, [g.name for g in self.groups.rows], keep_group.name if keep_group else None)
        self._reselect(self.people_view, [p.name for p in self.people.rows], keep_person.name if keep_person else None)
        self._enable()

    @staticmethod
    def _reselect(view: QTableView, names: list[str], name: str | None) -> None:
        row = names.index(name) if name in names else (0 if names else -1)
        if row >= 0:
            view.selectionModel().setCurrentIndex(
                view.model().index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def selected_group(self) -> governance.GroupView | None:
        index = self.group_view.currentIndex()
        return self.groups.row_object(index.row()) if index.isValid() else None

    def selected_person(self) -> PersonView | None:
        index = self.people_view.currentIndex()
        return self.people.row_object(index.row()) if index.isValid() else None

    def select_group(self, name: str) -> bool:
        names = [g.name for g in self.groups.rows]
        if name not in names:
            return False
        self._reselect(self.group_view, names, name)
        return True

    def _enable(self) -> None:
        has = self.selected_group() is not None
        row = self.group_view.currentIndex().row()
        for b in (self.edit_group_button, self.remove_group_button):
            b.setEnabled(has)
        self.up_button.setEnabled(has and row > 0)
        self.down_button.setEnabled(has and row < self.groups.rowCount() - 1)

    def _plan(self) -> PlanContext | None:
        return self.window_.plan_context()

    def _priorities(self) -> list[tuple[str, str]]:
        ctx = self._plan()
        return [(p.ref, p.title or p.area_of_concern) for p in ctx.outline.priorities] if ctx else []

    # -- groups -----------------------------------------------------------------------------

    def add_group(self) -> bool:
        from wsoa_desktop.gui.group_dialog import GroupDialog

        ctx = self._plan()
        if ctx is None:
            return False
        dialog = GroupDialog(GroupFields("", BOARD), self._priorities(), adding=True, parent=self)
        if not messages.run_dialog(dialog):
            return False
        fields = dialog.values()
        if perform(ctx, SaveGroupCommand(ctx, None, None, fields)):
            self.select_group(" ".join(fields.name.split()))
            return True
        return False

    def edit_group(self, typed: GroupFields | None = None) -> bool:
        """Edit the selected group; ``typed``: what the officer typed before a stale save and Reload."""
        from wsoa_desktop.gui.group_dialog import GroupDialog

        group = self.selected_group()
        ctx = self._plan()
        if group is None or ctx is None:
            return False
        dialog = GroupDialog(typed or group.fields(), self._priorities(), adding=False, parent=self)
        if not messages.run_dialog(dialog):
            return False
        after = dialog.values()
        if after == group.fields():
            return False
        outcome = attempt(ctx, SaveGroupCommand(ctx, group.id, group.fields(), after, seen=group.version))
        if outcome == RELOADED and self.select_group(group.name):
            return self.edit_group(after)  # over their change, with what was typed
        if outcome == SAVED:
            self.select_group(" ".join(after.name.split()))
            return True
        return False

    def remove_group(self) -> bool:
        group = self.selected_group()
        ctx = self._plan()
        if group is None or ctx is None:
            return False
        return perform(ctx, RemoveGroupCommand(ctx, group))

    def move_group(self, step: int) -> bool:
        group = self.selected_group()
        ctx = self._plan()
        if group is None or ctx is None:
            return False
        done = perform(ctx, MoveGroupCommand(ctx, group.id, group.name, step))
        self.select_group(group.name)
        return done

    # -- people -----------------------------------------------------------------------------

    def save_person_edit(self, person: PersonView, fields: PersonFields) -> bool:
        """The people table's edits: one undoable command each (False, with the message, when refused)."""
        name = " ".join(fields.name.split())
        ctx = self._plan()
        if ctx is None:
            return False
        outcome = attempt(ctx, EditPersonCommand(ctx, person.id, person.fields(), fields, seen=person.version))
        if outcome == SAVED:
            self._reselect(self.people_view, [p.name for p in self.people.rows], name)
        elif outcome == RELOADED:  # the table now shows their change: offer what was typed again
            column, typed = _edited_cell(person.fields(), fields)
            QTimer.singleShot(0, lambda: self.reoffer_person_edit(person.id, column, typed))
        return outcome == SAVED

    def reoffer_person_edit(self, person_id: int, column: int, typed: str | None) -> bool:
        """After a Reload: the cell the officer edited, on the person as now saved, its editor open with
        what they typed (Enter saves it over the other change, Esc keeps theirs). A tick is re-offered
        by selecting its cell (Space). False when the person is no longer in the list."""
        row = next((r for r, p in enumerate(self.people.rows) if p.id == person_id), None)
        if row is None:
            messages.warn(self, "That person was removed by someone else, so what you typed cannot be applied.")
            return False
        index = self.people.index(row, column)
        self.people_view.setFocus()
        self.people_view.setCurrentIndex(index)
        if typed is None:
            return True
        self.people_view.edit(index)
        editor = next((e for e in self.people_view.viewport().findChildren(QLineEdit) if e.isVisible()), None)
        if editor is not None:
            editor.setText(typed)
            editor.setFocus()
        return True

    def add_person(self) -> bool:
        ctx = self._plan()
        if ctx is None:
            return False
        dialog = PersonDialog(self)
        if not messages.run_dialog(dialog):
            return False
        fields = dialog.values()
        if perform(ctx, AddPersonCommand(ctx, fields)):
            self._reselect(self.people_view, [p.name for p in self.people.rows], " ".join(fields.name.split()))
            return True
        return False

    def remove_person(self) -> bool:
        person = self.selected_person()
        ctx = self._plan()
        if person is None or ctx is None:
            return False
        if person.leads:
            messages.warn(self, f"{person.name} leads {person.leads} item{'s' if person.leads != 1 else ''}: "
                                "give those items another lead first (Edit ▸ Edit selected…), then remove them "
                                "from the list.")
            return False
        return perform(ctx, RemovePersonCommand(ctx, person))


def _edited_cell(before: PersonFields, after: PersonFields) -> tuple[int, str | None]:
    """The people table's column an edit changed, and the text typed there (None for the Team tick)."""
    for column, name in enumerate(("name", "initials", "role", "organisation")):
        if getattr(before, name) != getattr(after, name):
            return column, str(getattr(after, name))
    return 4, None
