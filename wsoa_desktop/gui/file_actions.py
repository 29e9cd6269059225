"""File and Plan menu jobs: new plan, open a database, recent files, switch plan, preferences.

A database that cannot be used (locked by another copy of the app, not a WSOA
Desktop database, from a newer version) gets a plain message and the window
keeps the database it had.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMenu

from wsoa_desktop.domain.errors import WsoaError
from wsoa_desktop.gui import messages

if TYPE_CHECKING:
    from wsoa_desktop.gui.main_window import MainWindow

DB_FILTER = "WSOA databases (*.db *.sqlite *.sqlite3);;All files (*)"


def new_plan(window: MainWindow) -> int | None:
    if window.store is None:
        messages.warn(window, "Open or create a database first (File ▸ Open database…).")
        return None
    title, ok = QInputDialog.getText(window, "New plan", "Title of the new plan:",
                                     text="Written Statement of Action")
    if not ok:
        return None
    from wsoa_desktop.services.plans import create_plan

    try:
        plan_id = create_plan(window.store, title, by=window.user_name())
    except WsoaError as exc:
        messages.warn(window, str(exc))
        return None
    window.switch_plan(plan_id)
    window.show_status(f"Created the plan “{title.strip()}” — Saved")
    return plan_id


def default_folder(window: MainWindow) -> str:
    folder = str(window.settings.get("paths/database_folder"))
    if folder:
        return folder
    return str(window.store.path.parent) if window.store else str(Path.home())


def open_database_dialog(window: MainWindow) -> bool:
    path, _ = QFileDialog.getOpenFileName(window, "Open a WSOA database", default_folder(window), DB_FILTER,
                                          options=QFileDialog.Option.DontConfirmOverwrite)
    if not path:
        return False
    return open_path(window, Path(path))


def open_path(window: MainWindow, path: Path) -> bool:
    """Open ``path``; on refusal say why and keep the database that was open."""
    try:
        window.open_database(path)
    except WsoaError as exc:
        messages.warn(window, f"{exc}\n\nThe database you had open is still open.")
        return False
    from wsoa_desktop.services.plans import list_plans

    if window.store is not None and not list_plans(window.store):
        from wsoa_desktop.gui.app import offer_sample

        offer_sample(window.store, window)
        window._choose_plan()
        window.reload()
    window.show_status(f"Opened {path}")
    return True


def fill_recent(window: MainWindow, menu: QMenu) -> None:
    menu.clear()
    recent = [p for p in window.settings.get("paths/recent_databases") if p]
    if not recent:
        menu.addAction("No recent databases").setEnabled(False)
        return
    for i, path in enumerate(recent, start=1):
        action = menu.addAction(f"&{i} {path}")
        action.triggered.connect(lambda *_, p=path: open_path(window, Path(p)))


def fill_plans(window: MainWindow, menu: QMenu) -> None:
    menu.clear()
    if window.store is None:
        menu.addAction("No database open").setEnabled(False)
        return
    from wsoa_desktop.services.plans import list_plans

    group = QActionGroup(menu)
    for p in list_plans(window.store):
        action = menu.addAction(f"{p.title} ({p.sub_actions} sub-actions)")
        action.setCheckable(True)
        action.setChecked(p.id == window.plan_id)
        group.addAction(action)
        action.triggered.connect(lambda *_, pid=p.id: window.switch_plan(pid))


def preferences(window: MainWindow) -> bool:
    from wsoa_desktop.gui.preferences_dialog import PreferencesDialog

    dialog = PreferencesDialog(window.settings, window)
    if dialog.exec() != PreferencesDialog.DialogCode.Accepted:
        return False
    dialog.save()
    window.show_status("Preferences saved")
    return True
