"""The officer's preferences, kept in QSettings with typed defaults declared once.

Every area reads and writes preferences through :class:`Settings` so a key is
spelt in one place and a value always comes back as the type the code expects
(QSettings on some platforms returns ``"true"`` or ``"10"`` as text).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from wsoa_desktop.paths import absolute_path, is_address
from wsoa_desktop.services.context import default_user
from wsoa_desktop.store.server_address import ServerAddress

#: key -> (type, default). The default for the display name is filled in at run time.
DEFAULTS: dict[str, tuple[type, Any]] = {
    "user/display_name": (str, ""),
    "paths/database_folder": (str, ""),
    "paths/recent_databases": (list, []),
    # A shared server database (postgresql://…) opened at start when no database is named otherwise.
    "paths/server_database": (str, ""),
    "backup/folder": (str, ""),
    "backup/keep_last": (int, 10),
    "backup/remind_days": (int, 7),
    "backup/offer_on_exit": (bool, True),
    "backup/last_backup_at": (str, ""),
    "reports/appendix_number": (int, 2),
    "reports/orientation": (str, "landscape"),
}

MAX_RECENT = 8

#: Folder and file preferences, always kept absolute: a relative path would mean a
#: different place each time the app starts from another folder.
PATH_KEYS = frozenset({"paths/database_folder", "backup/folder"})


def _site_default(key: str) -> str:
    """IT's default (``WSOA_DB``/``WSOA_BACKUP_DIR`` or ``wsoa-desktop.ini``) for an unset folder."""
    from wsoa_desktop import site_config

    try:
        if key == "backup/folder":
            folder = site_config.default_backup_folder()
        else:
            database = site_config.default_database()
            folder = database.parent if isinstance(database, Path) else None
    except site_config.SiteConfigError:
        return ""  # the window says so where it opens the database; a preference is no place for it
    return str(folder) if folder else ""


#: Preferences whose empty value means “use the site's default”.
SITE_DEFAULTS = ("backup/folder", "paths/database_folder")


class Settings:
    """A typed view of QSettings; unknown keys are refused so typos show up in tests."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self._q = qsettings or QSettings()

    @property
    def qsettings(self) -> QSettings:
        return self._q

    def get(self, key: str) -> Any:
        kind, default = DEFAULTS[key]
        value = self._q.value(key, None)
        if key == "user/display_name" and not value:
            return default_user()
        if key in SITE_DEFAULTS and not value:
            return _site_default(key)
        if value is None:
            return list(default) if kind is list else default
        value = _coerce(kind, value, default)
        if key in PATH_KEYS and value and not os.path.isabs(value):
            return default  # written by an older version: relative to a folder nobody knows now
        return value

    def set(self, key: str, value: Any) -> None:
        kind, _default = DEFAULTS[key]
        value = _coerce(kind, value, _default)
        if key in PATH_KEYS and value:
            value = str(absolute_path(value))
        self._q.setValue(key, value)
        self._q.sync()

    # Window state is binary and not a preference, so it stays outside DEFAULTS.
    def window_state(self, name: str) -> QByteArray | None:
        value = self._q.value(f"window/{name}")
        return value if isinstance(value, QByteArray) else None

    def set_window_state(self, name: str, value: QByteArray) -> None:
        self._q.setValue(f"window/{name}", value)

    def value(self, key: str, default: Any = None) -> Any:
        """Free-form key for small view choices (e.g. the last plan shown)."""
        return self._q.value(key, default)

    def set_value(self, key: str, value: Any) -> None:
        self._q.setValue(key, value)

    def recent_databases(self) -> list[str]:
        """Recent databases, newest first: absolute paths of files that still exist.

        A file that was moved or deleted, or an entry an older version stored as a
        relative path, is dropped (and forgotten), so choosing an entry never
        opens, or creates, the wrong file.
        """
        stored = [p for p in self.get("paths/recent_databases") if p]
        kept = [p for p in stored if is_address(p) or (os.path.isabs(p) and os.path.isfile(p))]
        if kept != stored:
            self.set("paths/recent_databases", kept)
        return kept

    def add_recent_database(self, path: str | os.PathLike[str] | ServerAddress) -> list[str]:
        """Put a database first in Recent (a server address is kept without any password)."""
        text = str(path) if isinstance(path, ServerAddress) else str(absolute_path(path))
        recent = [p for p in self.get("paths/recent_databases") if p and p != text]
        recent.insert(0, text)
        recent = recent[:MAX_RECENT]
        self.set("paths/recent_databases", recent)
        return recent


def _coerce(kind: type, value: Any, default: Any) -> Any:
    try:
        if kind is bool:
            if isinstance(value, str):
                return value.strip().lower() in ("1", "true", "yes", "on")
            return bool(value)
        if kind is int:
            return int(value)
        if kind is list:
            if value is None or value == "":
                return []
            if isinstance(value, str):
                return [value]
            return [str(v) for v in value]
        return str(value)
    except (TypeError, ValueError):
        return default
