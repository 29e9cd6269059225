"""File and Plan menu jobs: new plan, new or open a database, recent files, switch plan, preferences.

A database that cannot be used (locked by another copy of the app, not a WSOA
Desktop database, from a newer version) gets a plain message and the window
keeps the database it had. The questions asked on the way (create a missing
file? take over another computer's lock?) are ``database_opening``'s.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QMenu

from wsoa_desktop.domain.errors import WsoaError
from wsoa_desktop.gui import messages
from wsoa_desktop.store.server_address import ServerAddress

if TYPE_CHECKING:
    from wsoa_desktop.gui.main_window import MainWindow

DB_FILTER = "WSOA databases (*.db *.sqlite *.sqlite3);;All files (*)"


def new_plan(window: MainWindow) -> int | None:
    """Ask for the title and the rating scheme (File ▸ New plan…), then create the plan."""
    if window.store is None:
        messages.warn(window, "Open or create a database first (File ▸ Open database…).")
        return None
    from wsoa_desktop.gui.new_plan_dialog import NewPlanDialog

    dialog = NewPlanDialog(window)
    if not messages.run_dialog(dialog):
        return None
    title, scheme = dialog.values()
    from wsoa_desktop.services.plans import create_plan

    try:
        plan_id = create_plan(window.store, title, scheme=scheme, by=window.user_name())
    except WsoaError as exc:
        messages.warn(window, str(exc))
        return None
    window.switch_plan(plan_id)
    window.show_status(f"Created the plan “{title.strip()}” with the {scheme.name} scheme — Saved")
    return plan_id


def default_folder(window: MainWindow) -> str:
    folder = str(window.settings.get("paths/database_folder"))
    if folder and Path(folder).is_dir():
        return folder
    if window.store is not None and isinstance(window.store.location, Path):
        return str(window.store.location.parent)
    return str(Path.home())


def open_database_dialog(window: MainWindow) -> bool:
    path = messages.choose_open_file(window, "Open a WSOA database", DB_FILTER, default_folder(window))
    if not path:
        return False
    return open_path(window, Path(path))


SERVER_PROMPT = ("Address of the shared server database, from IT:\n"
                 "postgresql://user@host:port/database")


def open_server_dialog(window: MainWindow) -> bool:
    """File ▸ Open shared database…: an address box for the shared server IT set up
    (offering the last server database opened)."""
    last = next((p for p in window.settings.recent_databases() if "://" in p), "")
    address = messages.ask_text(window, "Open a shared server database", SERVER_PROMPT, last)
    if not address or not address.strip():
        return False
    return open_path(window, address.strip())


def new_database_dialog(window: MainWindow) -> bool:
    """File ▸ New database…: choose a name for a new, empty database (the dialog is the question)."""
    path = messages.choose_save_file(window, "Create a new WSOA database",
                                     str(Path(default_folder(window)) / "plan.db"), DB_FILTER,
                                     confirm_overwrite=False)
    if not path:
        return False
    chosen = Path(path)
    if not chosen.suffix:
        chosen = chosen.with_suffix(".db")
    existed = chosen.exists()
    if not open_path(window, chosen, create=True):
        return False
    if existed:
        window.show_status(f"{chosen} already existed, so it was opened as it is")
    return True


def open_path(window: MainWindow, path: Path | str | ServerAddress, *, create: bool = False) -> bool:
    """Open ``path`` (a file, or a server address; asking before creating it, unless ``create``);
    on refusal say why and keep the database that was open."""
    from wsoa_desktop.gui.database_opening import open_database_file, same_database
    from wsoa_desktop.paths import database_location

    try:
        path = database_location(path)
        if window.store is not None and same_database(window.store.location, path):
            window.open_database(path)  # the same file again: re-read it, keep its lock
        else:
            result = open_database_file(window, path, user=window.user_name(), create=create)
            if result is None:
                window.show_status("Nothing was opened" + ("; the database you had open is still open"
                                                           if window.store is not None else ""))
                return False
            window.use_database(*result)
    except WsoaError as exc:
        messages.warn(window, f"{exc}\n\nThe database you had open is still open."
                      if window.store is not None else str(exc))
        return False
    from wsoa_desktop.services.plans import list_plans

    if window.store is not None and not list_plans(window.store):
        from wsoa_desktop.gui.app import offer_sample

        offer_sample(window.store, window)
        window.choose_plan()
        window.reload()
    window.show_status(f"Opened {path}")
    return True


def fill_recent(window: MainWindow, menu: QMenu) -> None:
    """Recent databases that still exist, as absolute paths (see ``Settings.recent_databases``)."""
    menu.clear()
    recent = window.settings.recent_databases()
    if not recent:
        menu.addAction("No recent databases").setEnabled(False)
        return
    for i, path in enumerate(recent, start=1):
        action = menu.addAction(f"&{i} {path.replace('&', '&&')}")
        action.setData(path)
        action.triggered.connect(lambda *_, p=path: open_path(window, p))  # text: a path or an address


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
    if not messages.run_dialog(dialog):
        return False
    dialog.save()
    window.show_status("Preferences saved")
    return True
