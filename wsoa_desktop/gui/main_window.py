"""The window the officer lives in: the plan as a tree, a detail pane, filters.

Other areas add menus and docks through :mod:`wsoa_desktop.gui.extensions`
using the small public surface documented here (``store``, ``plan_id``,
``period_label``, ``selected_ref()``, ``undo_stack``, ``settings``,
``user_name()``, ``menu(name)``, ``show_status()``, ``reload()``,
``close_database()``, ``open_database()``, ``add_dock()``, and the signals
``planReloaded`` and ``selectionRefChanged``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QMenu, QWidget

from wsoa_desktop import APP_NAME
from wsoa_desktop.gui.settings import Settings
from wsoa_desktop.store.database import Store

#: Menus in menu-bar order; other areas ask for them by these names.
MENU_ORDER = ("File", "Edit", "View", "Plan", "Round", "Reports", "Help")


class MainWindow(QMainWindow):
    """The main window; see the module docstring for what other areas may use."""

    planReloaded = Signal()
    selectionRefChanged = Signal(str)

    def __init__(self, store: Store | None, settings: Settings | None = None,
                 plan_id: int | None = None) -> None:
        super().__init__()
        self.setObjectName("MainWindow")
        self.store: Store | None = store
        self.settings = settings or Settings()
        self.plan_id: int | None = plan_id
        self.period_label: str | None = None
        self.plan_title = ""
        self.undo_stack = QUndoStack(self)
        self._menus: dict[str, QMenu] = {}
        self._build()
        self._update_title()

    # -- the extension contract ------------------------------------------------------------

    def menu(self, name: str) -> QMenu:
        """The named top-level menu, created on first request in MENU_ORDER position."""
        if name in self._menus:
            return self._menus[name]
        menu = QMenu(f"&{name}", self)
        menu.setObjectName(f"menu{name}")
        menu.setAccessibleName(f"{name} menu")
        bar = self.menuBar()
        rank = MENU_ORDER.index(name) if name in MENU_ORDER else len(MENU_ORDER)
        before = None
        for other, other_menu in self._menus.items():
            other_rank = MENU_ORDER.index(other) if other in MENU_ORDER else len(MENU_ORDER)
            if other_rank > rank and (before is None or other_rank < before[0]):
                before = (other_rank, other_menu)
        if before is None:
            bar.addMenu(menu)
        else:
            bar.insertMenu(before[1].menuAction(), menu)
        self._menus[name] = menu
        return menu

    def selected_ref(self) -> str | None:
        return None

    def user_name(self) -> str:
        return str(self.settings.get("user/display_name"))

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def reload(self) -> None:
        self._update_title()
        self.planReloaded.emit()

    def close_database(self) -> None:
        if self.store is not None:
            self.store.close()
        self.store = None
        self.plan_id = None
        self.undo_stack.clear()

    def open_database(self, path: Path | str) -> None:
        from wsoa_desktop.store.database import open_store

        store = open_store(Path(path))
        self.close_database()
        self.store = store
        self.reload()

    def add_dock(self, widget: QWidget, title: str,
                 area: Qt.DockWidgetArea = Qt.DockWidgetArea.RightDockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{title.replace(' ', '_')}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        self.menu("View").addAction(dock.toggleViewAction())
        return dock

    # -- building ----------------------------------------------------------------------------

    def _build(self) -> None:
        for name in ("File", "Edit", "View", "Plan"):
            self.menu(name)
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        self.menu("File").addAction(quit_action)
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence("Ctrl+Z"))
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcut(QKeySequence("Ctrl+Shift+Z"))
        self.menu("Edit").addActions([undo, redo])
        self.setCentralWidget(QLabel("The plan appears here."))
        self.resize(1280, 800)
        from wsoa_desktop.gui.extensions import install_all

        install_all(self)

    def _update_title(self) -> None:
        self.setWindowTitle(f"{APP_NAME} — {self.plan_title or 'no plan'}")
