"""Table models for the plan's governance: boards and subgroups, their members, the people list, meetings.

Each model shows rows read from the services (no copies kept beyond the rows
on show) and is tested without a view. The people list is edited in place:
``setData`` hands the new entry to ``on_edit`` (the panel pushes an undoable
command that calls the service) and shows it only when that was saved. A
group's members are edited as a draft inside the group dialog, saved with it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from wsoa_desktop.domain.status_words import format_day
from wsoa_desktop.services.governance import KINDS, GroupView, Member
from wsoa_desktop.services.governance_calendar import MeetingView
from wsoa_desktop.services.people import PersonFields, PersonView

ModelIndex = QModelIndex | QPersistentModelIndex
#: The row's object (a GroupView, Member, PersonView or MeetingView), for views and tests.
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 1


RowT = TypeVar("RowT")


class _Table(QAbstractTableModel, Generic[RowT]):
    columns: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[RowT] = []

    def set_rows(self, rows: list[RowT]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section]
        return None

    def row_object(self, row: int) -> RowT | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None


def _chairs(members: tuple[Member, ...]) -> str:
    return "; ".join(m.text for m in members if m.is_chair)


class GroupsModel(_Table[GroupView]):
    """The plan's boards, subgroups and committees, in their order (the subgroups' order is the rota)."""

    columns = ("Name", "Kind", "Leads priority", "Chair(s)", "Members", "Signs off actions")

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        g: GroupView = self.rows[index.row()]
        col = index.column()
        if role == OBJECT_ROLE:
            return g
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            values = (g.name, KINDS.get(g.kind, g.kind), g.priority_ref, _chairs(g.members),
                      str(len(g.members)), "Yes" if g.signs_off else "")
            if role == Qt.ItemDataRole.ToolTipRole and col in (3, 4):
                return "\n".join(m.display + (" (chair)" if m.is_chair else "") for m in g.members) or "No members"
            return values[col]
        if role == Qt.ItemDataRole.FontRole and g.signs_off:
            font = QFont()
            font.setBold(True)
            return font
        return None


class MembersModel(_Table[Member]):
    """A group's members as written, with a role and a chair mark; edited as a draft in the group dialog."""

    columns = ("Member, as written", "Role", "Chair")

    def members(self) -> list[Member]:
        return list(self.rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        m: Member = self.rows[index.row()]
        col = index.column()
        if role == OBJECT_ROLE:
            return m
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return (m.text, m.role, "Chair" if m.is_chair and role == Qt.ItemDataRole.DisplayRole else "")[col]
        if role == Qt.ItemDataRole.CheckStateRole and col == 2:
            return Qt.CheckState.Checked if m.is_chair else Qt.CheckState.Unchecked
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return base | (Qt.ItemFlag.ItemIsUserCheckable if index.column() == 2 else Qt.ItemFlag.ItemIsEditable)

    def setData(self, index: ModelIndex, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid():
            return False
        m: Member = self.rows[index.row()]
        col = index.column()
        if col == 2 and role == Qt.ItemDataRole.CheckStateRole:
            chair = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
            self.rows[index.row()] = replace(m, is_chair=chair)
        elif col in (0, 1) and role == Qt.ItemDataRole.EditRole:
            text = " ".join(str(value or "").split())
            self.rows[index.row()] = replace(m, text=text) if col == 0 else replace(m, role=text)
        else:
            return False
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), 2))
        return True

    def add_member(self, member: Member | None = None) -> int:
        row = len(self.rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self.rows.append(member or Member(""))
        self.endInsertRows()
        return row

    def remove_member(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            self.rows.pop(row)
            self.endRemoveRows()

    def move_member(self, row: int, step: int) -> int:
        other = row + step
        if not (0 <= row < len(self.rows) and 0 <= other < len(self.rows)):
            return row
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), other + 1 if step > 0 else other)
        self.rows[row], self.rows[other] = self.rows[other], self.rows[row]
        self.endMoveRows()
        return other


PERSON_FIELDS = ("name", "initials", "role", "organisation")


class PeopleModel(_Table[PersonView]):
    """The people list, edited in place; ``on_edit(person, new_fields)`` saves and says whether it did."""

    columns = ("Name", "Initials", "Role", "Organisation", "Team", "Leads items")

    def __init__(self, on_edit: Callable[[PersonView, PersonFields], bool] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.on_edit = on_edit

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        p: PersonView = self.rows[index.row()]
        col = index.column()
        if role == OBJECT_ROLE:
            return p
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col < 4:
                return getattr(p, PERSON_FIELDS[col])
            if col == 4:
                return "Team" if p.is_team and role == Qt.ItemDataRole.DisplayRole else ""
            return str(p.leads)
        if role == Qt.ItemDataRole.CheckStateRole and col == 4:
            return Qt.CheckState.Checked if p.is_team else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and col == 5:
            return f"{p.name} is named as lead on {p.leads} item{'s' if p.leads != 1 else ''}"
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 4:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | (Qt.ItemFlag.ItemIsEditable if index.column() < 4 else Qt.ItemFlag.NoItemFlags)

    def setData(self, index: ModelIndex, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or self.on_edit is None:
            return False
        p: PersonView = self.rows[index.row()]
        col = index.column()
        fields = p.fields()
        if col == 4 and role == Qt.ItemDataRole.CheckStateRole:
            team = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
            new = replace(fields, is_team=team)
        elif col < 4 and role == Qt.ItemDataRole.EditRole:
            text = str(value if value is not None else "")
            new = (replace(fields, name=text) if col == 0 else replace(fields, initials=text) if col == 1
                   else replace(fields, role=text) if col == 2 else replace(fields, organisation=text))
        else:
            return False
        if new == fields:
            return False
        return self.on_edit(p, new)


class MeetingsModel(_Table[MeetingView]):
    """The governance calendar: the next meeting bold, past ones muted, outcomes at a glance."""

    columns = ("Date", "Body", "Reports due", "For whom", "Outcome")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.today = date.today()
        self.next_id: int | None = None

    def set_meetings(self, rows: list[MeetingView], today: date | None = None) -> None:
        self.today = today or date.today()
        upcoming = [m for m in rows if m.held_on >= self.today]
        self.next_id = upcoming[0].id if upcoming else None
        self.set_rows(rows)

    def row_of(self, meeting_id: int | None) -> int:
        return next((i for i, m in enumerate(self.rows) if m.id == meeting_id), -1)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        m: MeetingView = self.rows[index.row()]
        col = index.column()
        if role == OBJECT_ROLE:
            return m
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            outcome = m.outcome or ("; ".join(m.decisions) if m.decisions else "")
            if role == Qt.ItemDataRole.DisplayRole and len(outcome) > 80:
                outcome = outcome[:79] + "…"
            values = (f"{m.held_on:%a} {format_day(m.held_on)}", m.body, "; ".join(m.reports), m.for_whom,
                      outcome or ("not recorded yet" if m.held_on < self.today else ""))
            return values[col]
        if role == Qt.ItemDataRole.FontRole and m.id == self.next_id:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and m.held_on < self.today:
            from PySide6.QtGui import QColor

            return QColor("#5A5A5A")
        if role == Qt.ItemDataRole.AccessibleTextRole and col == 0:
            when = "next" if m.id == self.next_id else "past" if m.held_on < self.today else "coming"
            return f"{format_day(m.held_on)}, {when}"
        return None
