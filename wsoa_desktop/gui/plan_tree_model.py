"""The plan as a Qt tree model: priorities → actions → sub-actions.

A :class:`PlanTreeModel` wraps a domain :class:`PlanOutline` without copying it
into widgets, so a 5,000-sub-action plan costs one Python object per row. Rows
are numbered once when the outline is set; every index carries its row's number
as ``internalId`` (never a raw pointer, so nothing can be freed under Qt).

An edit to one action patches its node and emits ``dataChanged`` for that row
(fast enough for a saved edit in a few milliseconds); structural edits (add,
delete, move) reload the outline and reset the model.
"""

from __future__ import annotations

from datetime import date
from typing import overload

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from wsoa_desktop.domain.outline import ActionNode, PlanOutline, PriorityNode, is_overdue
from wsoa_desktop.domain.rating_schemes import RatingDefinition
from wsoa_desktop.domain.refs import ref_sort_text
from wsoa_desktop.domain.status_words import NOT_UPDATED_MEANING, not_updated_text, rating_caption

COL_REF, COL_ACTION, COL_LEAD, COL_TARGET, COL_RATING, COL_PROGRESS = range(6)
HEADERS = ("Ref", "Action", "Lead", "Target End Date", "Rating", "Progress Update")

SORT_ROLE = Qt.ItemDataRole.UserRole + 1      # text that sorts in natural order
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 2    # the PriorityNode or ActionNode
RATING_ROLE = Qt.ItemDataRole.UserRole + 3    # the RatingDefinition (or None)
KIND_ROLE = Qt.ItemDataRole.UserRole + 4      # "priority", "action" or "sub-action"
REF_ROLE = Qt.ItemDataRole.UserRole + 5
FLAG_ROLE = Qt.ItemDataRole.UserRole + 6      # "unparsed" / "overdue" / "" for the target cell
#: For a rating carried forward from an earlier period: "not updated since August 2022"; else "".
NOT_UPDATED_ROLE = Qt.ItemDataRole.UserRole + 7

ModelIndex = QModelIndex | QPersistentModelIndex

_PLACEHOLDER = "—"


class Row:
    """One row of the tree, with what the filters read precomputed."""

    __slots__ = ("number", "node", "parent", "children", "row", "is_priority", "search_text",
                 "leads", "priority_ref", "rating", "overdue")

    def __init__(self, number: int, node: PriorityNode | ActionNode | None, parent: int) -> None:
        self.number = number
        self.node = node
        self.parent = parent
        self.children: list[int] = []
        self.row = 0
        self.is_priority = isinstance(node, PriorityNode)
        self.search_text = ""
        self.leads: frozenset[str] = frozenset()
        self.priority_ref = ""
        self.rating: RatingDefinition | None = None
        self.overdue = False

    @property
    def ref(self) -> str:
        return self.node.ref if self.node is not None else ""


class PlanTreeModel(QAbstractItemModel):
    """Read-only tree model over a :class:`PlanOutline` (edits go through undo commands)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.outline: PlanOutline | None = None
        self.today = date.today()
        self._rows: list[Row] = [Row(0, None, -1)]
        self._by_ref: dict[str, int] = {}
        self.flag_icons: dict[str, object] = {}  # "unparsed"/"overdue" -> QIcon, set by the view's owner

    # -- loading -----------------------------------------------------------------------------

    def set_outline(self, outline: PlanOutline | None, today: date | None = None) -> None:
        self.beginResetModel()
        self.outline = outline
        self.today = today or date.today()
        rows = [Row(0, None, -1)]
        by_ref: dict[str, int] = {}
        if outline is not None:
            for priority in outline.priorities:
                p = self._add(rows, priority, 0, priority.ref)
                by_ref[priority.ref] = p.number
                self._add_actions(rows, by_ref, priority.actions, p.number, priority.ref)
        self._rows, self._by_ref = rows, by_ref
        self.endResetModel()

    def _add(self, rows: list[Row], node: PriorityNode | ActionNode, parent: int, priority_ref: str) -> Row:
        row = Row(len(rows), node, parent)
        parent_row = rows[parent]
        row.row = len(parent_row.children)
        parent_row.children.append(row.number)
        row.priority_ref = priority_ref
        rows.append(row)
        self._index_row(row)
        return row

    def _add_actions(self, rows: list[Row], by_ref: dict[str, int], nodes: list[ActionNode],
                     parent: int, priority_ref: str) -> None:
        for node in nodes:
            row = self._add(rows, node, parent, priority_ref)
            by_ref[node.ref] = row.number
            self._add_actions(rows, by_ref, node.children, row.number, priority_ref)

    def _index_row(self, row: Row) -> None:
        """Precompute what the filter reads, so a keystroke never re-derives it."""
        node = row.node
        if isinstance(node, PriorityNode):
            row.search_text = f"{node.ref}\n{node.title}\n{node.area_of_concern}".casefold()
            return
        assert isinstance(node, ActionNode)
        row.leads = frozenset(node.leads) if node.leads else frozenset(
            x.strip() for x in node.lead_text.split(";") if x.strip())
        row.search_text = "\n".join((node.ref, node.description, node.lead_display, node.progress)).casefold()
        scheme = self.outline.scheme if self.outline else None
        row.rating = scheme.match(node.rating) if scheme and node.rating else None
        row.overdue = scheme is not None and is_overdue(node, self.today, scheme)

    def refresh_ref(self, ref: str) -> QModelIndex:
        """Re-read the filters' view of one row after its node was patched; signal the change."""
        number = self._by_ref.get(ref)
        if number is None:
            return QModelIndex()
        row = self._rows[number]
        self._index_row(row)
        first = self.createIndex(row.row, 0, number)
        last = self.createIndex(row.row, len(HEADERS) - 1, number)
        self.dataChanged.emit(first, last)
        return first

    # -- lookup ------------------------------------------------------------------------------

    def row_for(self, index: ModelIndex) -> Row | None:
        if not index.isValid():
            return None
        return self._rows[index.internalId()]

    def rows(self) -> list[Row]:
        """Every row except the invisible root, in plan order."""
        return self._rows[1:]

    def row_by_number(self, number: int) -> Row:
        return self._rows[number]

    def node_for(self, index: ModelIndex) -> PriorityNode | ActionNode | None:
        row = self.row_for(index)
        return row.node if row else None

    def index_for_ref(self, ref: str, column: int = 0) -> QModelIndex:
        number = self._by_ref.get(ref)
        if number is None:
            return QModelIndex()
        return self.createIndex(self._rows[number].row, column, number)

    def action_count(self) -> int:
        """Rated items: sub-actions, and any action that has none (what "N of M shown" counts)."""
        return sum(1 for r in self._rows[1:] if not r.is_priority and not r.children)

    # -- QAbstractItemModel ------------------------------------------------------------------

    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:
        parent_number = parent.internalId() if parent.isValid() else 0
        children = self._rows[parent_number].children
        if 0 <= row < len(children) and 0 <= column < len(HEADERS):
            return self.createIndex(row, column, children[row])
        return QModelIndex()

    @overload
    def parent(self) -> QObject | None: ...

    @overload
    def parent(self, index: ModelIndex) -> QModelIndex: ...

    def parent(self, index: ModelIndex | None = None) -> QObject | QModelIndex | None:
        """The item's parent row (Qt's question); with no index, the model's owner (QObject's)."""
        if index is None:
            return super().parent()
        if not index.isValid():
            return QModelIndex()
        parent_number = self._rows[index.internalId()].parent
        if parent_number <= 0:
            return QModelIndex()
        return self.createIndex(self._rows[parent_number].row, 0, parent_number)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:
        if parent.isValid():
            if parent.column() != 0:
                return 0
            return len(self._rows[parent.internalId()].children)
        return len(self._rows[0].children)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return len(HEADERS)

    def hasChildren(self, parent: ModelIndex = QModelIndex()) -> bool:
        return self.rowCount(parent) > 0

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if section == COL_RATING and self.outline and self.outline.period:
                return f"Rating ({self.outline.period.label})"
            if section == COL_PROGRESS and self.outline and self.outline.period:
                return f"Progress Update ({self.outline.period.label})"
            return HEADERS[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.internalId()]
        node = row.node
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = self._display(row, column) or "blank"
            return f"{HEADERS[column]}: {text}"
        if role == OBJECT_ROLE:
            return node
        if role == RATING_ROLE:
            return row.rating
        if role == REF_ROLE:
            return row.ref
        if role == KIND_ROLE:
            return kind_of(node)
        if role == SORT_ROLE:
            if column == COL_REF:
                return ref_sort_text(row.ref)
            if column == COL_RATING:
                return f"{row.rating.position:03d}" if row.rating else "999"
            if column == COL_TARGET and isinstance(node, ActionNode):
                return node.target.due.isoformat() if node.target.due else "9999" + node.target.text
            return self._display(row, column)
        if column == COL_TARGET and role in (Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ForegroundRole,
                                             Qt.ItemDataRole.FontRole):
            return self._target_look(row, role)
        if role == FLAG_ROLE and column == COL_TARGET and isinstance(node, ActionNode):
            return target_flag(row)
        if role == NOT_UPDATED_ROLE:
            return not_updated_text(node.status) if isinstance(node, ActionNode) and node.rating else ""
        if role == Qt.ItemDataRole.FontRole and row.is_priority:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        return None

    def _target_look(self, row: Row, role: int) -> object:
        """Unreadable targets get a warning icon; overdue ones dark red italics (and a tooltip)."""
        flag = target_flag(row)
        if role == Qt.ItemDataRole.DecorationRole:
            return self.flag_icons.get(flag)
        if flag != "overdue":
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            from PySide6.QtGui import QBrush, QColor, QGuiApplication

            dark = QGuiApplication.palette().base().color().lightness() < 128
            return QBrush(QColor("#FF8A80" if dark else "#A4000F"))
        from PySide6.QtGui import QFont

        font = QFont()
        font.setItalic(True)
        return font

    def _display(self, row: Row, column: int) -> str:
        node = row.node
        if isinstance(node, PriorityNode):
            if column == COL_REF:
                return node.ref
            if column == COL_ACTION:
                return node.title or node.area_of_concern
            if column == COL_LEAD:
                return node.lead_officers
            return ""
        assert isinstance(node, ActionNode)
        if column == COL_REF:
            return node.ref
        if column == COL_ACTION:
            return node.description
        if column == COL_LEAD:
            return node.lead_display
        if column == COL_TARGET:
            return node.target.text
        if column == COL_RATING:
            # "Amber (not updated since August 2022)": a view without the chip delegate, a
            # screen reader and a copied cell all say it was carried forward.
            return rating_caption(node.status) if node.rating else ""
        if column == COL_PROGRESS:
            return node.progress
        return ""

    def _tooltip(self, row: Row, column: int) -> str | None:
        node = row.node
        if not isinstance(node, ActionNode):
            return self._display(row, column) or None
        if column == COL_TARGET:
            notes = [node.target.text or "No target date"]
            flag = target_flag(row)
            if flag == "unparsed":
                notes.append("This target is kept as typed: it is not a date the app can read, "
                             "so it is never counted as overdue.")
            if flag == "overdue":
                notes.append("Overdue: the target has passed and the action is not complete.")
            if node.target_revised:
                notes.append("This target has been revised; the detail pane lists the changes.")
            return "\n".join(notes)
        if column == COL_RATING:
            if row.rating is None:
                return "Not rated in this period"
            marker = not_updated_text(node.status)
            if marker:
                return (f"{row.rating.name} — {marker}\n{row.rating.name}: {row.rating.meaning}\n"
                        f"{NOT_UPDATED_MEANING}")
            return f"{row.rating.name}: {row.rating.meaning}"
        return self._display(row, column) or None


def kind_of(node: object) -> str:
    if isinstance(node, PriorityNode):
        return "priority"
    if isinstance(node, ActionNode):
        return "action" if node.level == 2 else "sub-action"
    return ""


def target_flag(row: Row) -> str:
    node = row.node
    if not isinstance(node, ActionNode) or not node.target.text.strip():
        return ""
    if not node.target.is_parsed:
        return "unparsed"
    return "overdue" if row.overdue else ""
