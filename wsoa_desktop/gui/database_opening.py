"""Opening a database file from the window: the right file, or a clear question.

Every way the window opens a database (start-up, File ▸ Open database…, Recent
databases, File ▸ New database…) comes through :func:`open_database_file`, so each
asks the same questions in the same words:

- a shared server's address (``postgresql://…``) opens that server database, with
  no lock file (the server keeps several officers' saves apart); an empty server
  database is set up only after "… Set it up for WSOA Desktop?";
- a missing file is created only after "No database at …. Create a new one here?",
  and only in a folder that exists (the app's own data folder is the one exception);
- a database open on another computer shows who, where and since when, and can be
  taken over once the officer confirms that session is gone;
- a database on a network drive or in a cloud-synced folder is opened with a
  warning that says why SQLite is at risk there.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from wsoa_desktop.domain.errors import DatabaseError
from wsoa_desktop.gui import messages
from wsoa_desktop.gui.database_lock import DatabaseLock, LockedElsewhere
from wsoa_desktop.store.server_address import ServerAddress

if TYPE_CHECKING:
    from wsoa_desktop.store.database import Store

TAKE_OVER = "Open anyway (take over)"
CREATE = "Create"
SET_UP = "Set up"


def same_database(a: Path | ServerAddress, b: Path | ServerAddress) -> bool:
    """Are these the same database (the same file, or the same server database)?"""
    if isinstance(a, ServerAddress) or isinstance(b, ServerAddress):
        return str(a) == str(b)
    return a.resolve() == b.resolve()


def create_question(path: Path) -> str:
    return f"No database at {path}.\n\nCreate a new one here?"


def open_database_file(parent: QWidget | None, value: str | os.PathLike[str] | ServerAddress, *,
                       user: str = "", ask: bool = True,
                       create: bool = False) -> tuple[Store, DatabaseLock | None] | None:
    """Lock and open the database at ``value``; None when the officer said no.

    ``create=True`` makes a missing file without asking (File ▸ New database…, where
    the save dialog was the question). With ``ask=False`` nothing is asked: a missing
    file (unless ``create``) and another computer's lock are refused (a restore
    reopening its own file uses this). Refusals raise :class:`DatabaseError` with a
    message that says what to do.
    """
    from wsoa_desktop.paths import database_location, is_default_data_folder
    from wsoa_desktop.store.database import open_store

    path = database_location(value)
    if isinstance(path, ServerAddress):
        return _open_server(parent, path, ask=ask, create=create)
    if path.is_dir():
        raise DatabaseError(f"{path} is a folder. Choose a database file such as plan.db.")
    if not path.exists():
        if not path.parent.is_dir() and not is_default_data_folder(path.parent):
            raise DatabaseError(f"There is no database at {path}, and the folder {path.parent} does not "
                                "exist. Check the path, or choose another file.")
        if not create and not ask:
            raise DatabaseError(f"There is no database at {path}.")
        if not create and not messages.confirm(parent, create_question(path), yes=CREATE):
            return None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)  # only ever the app's own data folder
        except OSError as exc:
            raise DatabaseError(f"Cannot create the folder {path.parent}: {exc.strerror or exc}.") from exc
    lock = DatabaseLock(path, user)
    try:
        lock.acquire()
    except LockedElsewhere as held:
        if not ask:
            raise
        if not messages.confirm(parent, held.question(), yes=TAKE_OVER):
            return None
        lock.take_over()
    try:
        store = open_store(path)
    except Exception:
        lock.release()
        raise
    if ask:
        warn_about_place(parent, path)
    return store, lock


def _open_server(parent: QWidget | None, address: ServerAddress, *, ask: bool,
                 create: bool) -> tuple[Store, None] | None:
    """A server database: no lock file and no network-drive warning (those are for a SQLite file)."""
    from wsoa_desktop.store.database import NotSetUp, open_store

    try:
        return open_store(address, create=False), None
    except NotSetUp as empty:
        if not create:
            if not ask:
                raise
            if not messages.confirm(parent, f"{empty}\n\nSet it up for WSOA Desktop now?", yes=SET_UP):
                return None
    return open_store(address), None


def warn_about_place(parent: QWidget | None, path: Path) -> None:
    """A database on a network drive or in a cloud-synced folder: say why that is risky, once, now."""
    from wsoa_desktop.services.database_place import place_warning

    warning = place_warning(path)
    if warning:
        messages.warn(parent, warning)
