"""Help ▸ Keyboard shortcuts: every shortcut in the window, read from its actions.

The table is built each time it is shown from the window's own ``QAction``\\ s
(their text, shortcuts and the menu that holds them), so a shortcut added,
changed or removed anywhere shows up here without anyone editing a list. Actions
outside the menus (the search box's Esc, say) are listed under the part of the
window they belong to.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from wsoa_desktop.gui.main_window import MainWindow

COLUMNS = ("Keys", "What it does", "Where")


@dataclass(frozen=True)
class ShortcutRow:
    keys: str
    text: str
    where: str


def plain_text(action: QAction) -> str:
    """An action's text as read aloud: mnemonic ampersands gone, "&&" kept as "&", no trailing tab."""
    text = action.text().split("\t", 1)[0]
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def keys_text(action: QAction) -> str:
    return ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts()
                     if not s.isEmpty())


def _menu_title(menu: QMenu) -> str:
    return menu.title().replace("&&", "\0").replace("&", "").replace("\0", "&")


def shortcut_rows(window: MainWindow) -> list[ShortcutRow]:
    """One row per action with a shortcut: menus in menu-bar order, then the rest of the window."""
    rows: list[ShortcutRow] = []
    seen: set[int] = set()

    def walk(menu: QMenu, where: str) -> None:
        for action in menu.actions():
            if action.isSeparator():
                continue
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub, f"{where} ▸ {_menu_title(sub)}")
                continue
            if id(action) in seen:
                continue
            keys = keys_text(action)
            if keys:
                seen.add(id(action))
                rows.append(ShortcutRow(keys, plain_text(action), where))

    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            walk(menu, _menu_title(menu))
    menu_ids = {id(a) for a in _all_menu_actions(window)}
    for action in window.findChildren(QAction):
        if id(action) in seen or id(action) in menu_ids or action.isSeparator():
            continue
        keys = keys_text(action)
        if keys and plain_text(action):
            seen.add(id(action))
            rows.append(ShortcutRow(keys, plain_text(action), _owner_name(action)))
    return rows


def _all_menu_actions(window: MainWindow) -> list[QAction]:
    found: list[QAction] = []
    for menu in window.findChildren(QMenu):
        found.extend(menu.actions())
    return found


def _owner_name(action: QAction) -> str:
    for obj in action.associatedObjects():
        if isinstance(obj, QWidget) and obj.accessibleName():
            return obj.accessibleName()
    return "Main window"


class ShortcutsDialog(QDialog):
    """A table of the window's shortcuts; kept open beside the window if the officer likes."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("keyboardShortcutsDialog")
        self.setWindowTitle("Keyboard shortcuts")
        layout = QVBoxLayout(self)
        intro = QLabel("Every shortcut in this window. Menus also open with Alt and the underlined letter; "
                       "in the plan, Enter edits the selected item and the Menu key shows what you can do "
                       "with it.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels(list(COLUMNS))
        self.table = QTableView(self)
        self.table.setObjectName("shortcutsTable")
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.window_ = window
        self.refresh()
        width = self.fontMetrics().horizontalAdvance("M") * 55
        self.resize(width, int(width * 0.9))

    def refresh(self) -> None:
        self.model.removeRows(0, self.model.rowCount())
        for row in shortcut_rows(self.window_):
            items = [QStandardItem(row.keys), QStandardItem(row.text), QStandardItem(row.where)]
            for item in items:
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            self.model.appendRow(items)

    def rows(self) -> list[tuple[str, str, str]]:
        """What the table shows, row by row (for tests and screen readers' sake, plain text)."""
        m = self.model
        return [(m.item(r, 0).text(), m.item(r, 1).text(), m.item(r, 2).text()) for r in range(m.rowCount())]


def show_shortcuts(window: MainWindow) -> ShortcutsDialog:
    """Show the table (one per window, refreshed each time it is asked for)."""
    dialog = window.findChild(ShortcutsDialog)
    if dialog is None:
        dialog = ShortcutsDialog(window)
    else:
        dialog.refresh()
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
