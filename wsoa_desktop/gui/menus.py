"""The window's own menus and main toolbar: File, Edit, View, Plan and Help.

Actions carry standard icons and shortcuts; each handler lives in the module
for its job (``file_actions``, ``edit_actions``, ``help_guide``,
``help_shortcuts``) so this file only wires them. :func:`finish_menus` runs after
every area has added its actions: it adds Help and puts Quit last in File.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QStyle, QToolBar

from wsoa_desktop import APP_NAME, __version__
from wsoa_desktop.gui import messages

if TYPE_CHECKING:
    from wsoa_desktop.gui.main_window import MainWindow


def _action(window: MainWindow, text: str, slot: Callable[[], object], *,
            shortcut: str | QKeySequence | QKeySequence.StandardKey | None = None,
            icon: QStyle.StandardPixmap | None = None, tip: str = "", name: str = "") -> QAction:
    action = QAction(text, window)
    if icon is not None:
        action.setIcon(window.style().standardIcon(icon))
    if shortcut is not None:
        action.setShortcut(shortcut if isinstance(shortcut, QKeySequence) else QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    if name:
        action.setObjectName(name)
    action.triggered.connect(lambda *_: slot())
    return action


def build_menus(window: MainWindow) -> None:
    from wsoa_desktop.gui import edit_actions, file_actions

    plan = window.with_plan

    sp = QStyle.StandardPixmap
    file_menu = window.menu("File")
    new_plan = _action(window, "&New plan…", lambda: file_actions.new_plan(window), shortcut="Ctrl+N",
                       icon=sp.SP_FileIcon, tip="Start a new, empty plan in this database", name="actionNewPlan")
    open_db = _action(window, "&Open database…", lambda: file_actions.open_database_dialog(window),
                      shortcut="Ctrl+O", icon=sp.SP_DialogOpenButton, tip="Open another WSOA database file",
                      name="actionOpenDatabase")
    new_db = _action(window, "New &database…", lambda: file_actions.new_database_dialog(window),
                     tip="Create a new, empty database file (for another plan, or to start afresh)",
                     name="actionNewDatabase")
    open_server = _action(window, "Open s&hared database…", lambda: file_actions.open_server_dialog(window),
                          tip="Open the shared database on the council's PostgreSQL server (address from IT)",
                          name="actionOpenServerDatabase")
    file_menu.addActions([new_plan, new_db, open_db, open_server])
    recent = file_menu.addMenu("Recen&t databases")
    recent.setObjectName("menuRecent")
    recent.aboutToShow.connect(lambda: file_actions.fill_recent(window, recent))
    file_menu.addSeparator()
    file_menu.addAction(_action(window, "Pre&ferences…", lambda: file_actions.preferences(window),
                                shortcut="Ctrl+,", tip="Folders and your display name",
                                name="actionPreferences"))
    file_menu.addSeparator()
    quit_action = _action(window, "&Quit", window.close, shortcut="Ctrl+Q", name="actionQuit",
                          tip="Close WSOA Desktop (every edit is already saved)")
    file_menu.addAction(quit_action)

    edit = window.menu("Edit")
    undo = window.undo_stack.createUndoAction(window, "&Undo")
    undo.setShortcut(QKeySequence("Ctrl+Z"))
    undo.setIcon(QIcon.fromTheme("edit-undo", window.style().standardIcon(sp.SP_ArrowBack)))
    undo.setObjectName("actionUndo")
    redo = window.undo_stack.createRedoAction(window, "&Redo")
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    redo.setIcon(QIcon.fromTheme("edit-redo", window.style().standardIcon(sp.SP_ArrowForward)))
    redo.setObjectName("actionRedo")
    edit.addActions([undo, redo])
    edit.addSeparator()
    edit_item = _action(window, "&Edit selected…", plan(edit_actions.edit_selected),
                                      shortcut="F2", icon=sp.SP_FileDialogDetailedView,
                                      tip="Edit the selected item", name="actionEdit")
    add_priority = _action(window, "Add &priority…", plan(edit_actions.add_priority),
                           tip="Add a priority to the plan", name="actionAddPriority")
    add_action = _action(window, "Add &action…", plan(edit_actions.add_action),
                         shortcut="Ctrl+Shift+N", tip="Add an action under the selected priority",
                         name="actionAddAction")
    add_sub = _action(window, "Add &sub-action…", plan(edit_actions.add_sub_action),
                      shortcut="Ctrl+Shift+A", icon=sp.SP_FileDialogNewFolder,
                      tip="Add a sub-action under the selected action", name="actionAddSubAction")
    target = _action(window, "Change &target date…", plan(edit_actions.change_target),
                     shortcut="Ctrl+T", icon=sp.SP_BrowserReload,
                     tip="Move the target end date, keeping the old one with a reason", name="actionChangeTarget")
    move = _action(window, "&Move…", plan(edit_actions.move_selected), shortcut="Ctrl+M",
                   icon=sp.SP_ArrowRight,
                   tip="Move the selected action or sub-action under another parent", name="actionMove")
    delete = _action(window, "&Delete…", plan(edit_actions.delete_selected),
                     shortcut=QKeySequence.StandardKey.Delete, icon=sp.SP_TrashIcon,
                     tip="Delete the selected item and everything under it", name="actionDelete")
    edit.addActions([edit_item, target, move])
    edit.addSeparator()
    edit.addActions([add_priority, add_action, add_sub])
    edit.addSeparator()
    edit.addAction(delete)
    edit.addSeparator()
    edit.addAction(window.filter_bar.find_action)
    window.tree.activated.connect(lambda *_: plan(edit_actions.edit_selected)())
    window.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)  # right-click, or the Menu key
    window.tree.addActions([edit_item, target, move, add_action, add_sub, delete])

    view = window.menu("View")
    view.addAction(_action(window, "&Expand all", window.tree.expandAll, shortcut="Ctrl+Shift+Right"))
    view.addAction(_action(window, "&Collapse to priorities", window.tree.collapseAll, shortcut="Ctrl+Shift+Left"))
    window.filter_bar.clear_action.setText("Clear &filters")
    window.filter_bar.clear_action.setShortcut(QKeySequence("Ctrl+Shift+F"))
    view.addAction(window.filter_bar.clear_action)

    plan_menu = window.menu("Plan")
    switch = plan_menu.addMenu("&Switch plan")
    switch.setObjectName("menuSwitchPlan")
    switch.aboutToShow.connect(lambda: file_actions.fill_plans(window, switch))
    plan_menu.addAction(new_plan)

    toolbar = QToolBar("Main toolbar", window)
    toolbar.setObjectName("mainToolbar")
    toolbar.setAccessibleName("Main toolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for action, short in ((add_sub, "Add sub-action"), (edit_item, "Edit"),
                          (target, "Target date"), (move, "Move"), (delete, "Delete")):
        action.setIconText(short)
    toolbar.addActions([add_sub, edit_item, target, move, delete])
    toolbar.addSeparator()
    toolbar.addActions([undo, redo])
    window.addToolBar(toolbar)
    view.addSeparator()
    view.addAction(toolbar.toggleViewAction())
    view.addAction(window.filter_bar.toggleViewAction())


def finish_menus(window: MainWindow) -> None:
    """Once every area has added its actions: the Help menu, and Quit last in File."""
    put_quit_last(window)
    add_help_menu(window)


def put_quit_last(window: MainWindow) -> None:
    """Quit is the last item of File, after a separator, whatever other areas added after it."""
    menu = window.menu("File")
    quit_action = next((a for a in menu.actions() if a.objectName() == "actionQuit"), None)
    if quit_action is None:
        return
    menu.removeAction(quit_action)
    previous_was_separator = True  # also drops a separator at the very top
    for action in menu.actions():  # areas each add their own separators: keep one between groups
        if action.isSeparator() and previous_was_separator:
            menu.removeAction(action)
        previous_was_separator = action.isSeparator()
    if not menu.actions()[-1].isSeparator():
        menu.addSeparator()
    menu.addAction(quit_action)


def add_help_menu(window: MainWindow) -> None:
    from wsoa_desktop.gui import help_guide, help_shortcuts

    help_menu = window.menu("Help")

    def about() -> None:
        messages.about(window, f"About {APP_NAME}",
                          f"{APP_NAME} {__version__}\n\nKeep a local area's SEND Written Statement of "
                          f"Action offline: the plan, monthly ratings, reports and backups.\n\n"
                          f"Database: {window.store.location if window.store else 'none open'}")

    help_menu.addAction(_action(window, "&User guide", lambda: help_guide.show_guide(window),
                                shortcut=QKeySequence.StandardKey.HelpContents, icon=QStyle.StandardPixmap.SP_DialogHelpButton,
                                tip="The monthly job step by step, the rating legend, where your data is kept",
                                name="actionUserGuide"))
    help_menu.addAction(_action(window, "&Keyboard shortcuts", lambda: help_shortcuts.show_shortcuts(window),
                                shortcut="Ctrl+F1", tip="Every shortcut in the window's menus, in one table",
                                name="actionKeyboardShortcuts"))
    help_menu.addSeparator()
    help_menu.addAction(_action(window, f"&About {APP_NAME}", about, name="actionAbout"))
