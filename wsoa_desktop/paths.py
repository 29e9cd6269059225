"""Where the app finds its bundled resources and keeps its data.

Resources live in ``resources/`` beside the package in a checkout, and under
``sys._MEIPASS`` in a PyInstaller bundle, so one function serves both.

A database path is made absolute the moment it enters the app (``--db``,
``WSOA_DB``, the Open dialog, the Recent list, preferences): a relative path
kept in Recent would name a different file once the app starts from another
folder, and a new empty database would appear there without a word. An address
such as ``postgresql://…`` becomes a :class:`~wsoa_desktop.store.server_address.ServerAddress`
here, before anything can turn it into a file name (``Path`` would make it the
folder ``postgresql:``).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from wsoa_desktop.domain.errors import DatabaseError
from wsoa_desktop.store.server_address import Location, ServerAddress, parse_address

APP_DIR_NAME = "WSOA Desktop"
DB_ENV_VAR = "WSOA_DB"

#: Said where only a database file will do (a server database is given instead).
FILE_NEEDED = "this needs a database file (such as plan.db), not a server address."


def resource_path(*parts: str) -> Path:
    """Path of a bundled resource file, frozen or not."""
    base = getattr(sys, "_MEIPASS", None)
    root = Path(base) if base else Path(__file__).resolve().parent.parent
    return root.joinpath("resources", *parts)


def user_data_dir() -> Path:
    """The per-user data folder (platformdirs is imported only when needed)."""
    from platformdirs import user_data_dir as _user_data_dir

    return Path(_user_data_dir(APP_DIR_NAME, appauthor=False))


def default_database_path() -> Path:
    """The database used when neither ``--db``, ``WSOA_DB`` nor the site's ini names one."""
    return absolute_path(user_data_dir() / "wsoa.db")


#: ``scheme:/`` at the start: a URL, also after ``Path`` folded its ``//`` into one slash.
#: Two letters at least, so a Windows drive (``C:/``) is not mistaken for one.
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:[/\\\\]")


def is_address(text: str | os.PathLike[str]) -> bool:
    """Is this a URL (``postgresql://host/db``, ``file://…``) rather than a file path?"""
    value = os.fspath(text).strip()
    return "://" in value or bool(_SCHEME.match(value))


def absolute_path(value: str | os.PathLike[str]) -> Path:
    """``value`` with ``~`` expanded and made absolute against the current folder.

    ``..`` is folded away but symbolic links and mapped drives are kept as the
    officer wrote them (``os.path.abspath``, not ``resolve``), so the path shown is
    the one they recognise.
    """
    return Path(os.path.abspath(os.path.expanduser(os.fspath(value))))


def database_location(value: str | os.PathLike[str] | ServerAddress) -> Location:
    """A database as given by the officer: a file path made absolute, or a server address.

    Raises :class:`DatabaseError` (one line) for an empty value or an address that
    is not a PostgreSQL database's.
    """
    if isinstance(value, ServerAddress):
        return value
    text = os.fspath(value).strip()
    if not text:
        raise DatabaseError("Give the path of a database file, such as plan.db, or a server address "
                            "(postgresql://user@host/database).")
    if is_address(text):
        return parse_address(text)
    return absolute_path(text)


def database_file_path(value: str | os.PathLike[str]) -> Path:
    """A database file's path as given by the officer, checked and made absolute.

    For the places only a file will do; raises :class:`DatabaseError` for an
    address (``postgresql://…``) or an empty value.
    """
    location = database_location(value)
    if isinstance(location, ServerAddress):
        raise DatabaseError(f"“{location}” is a server address: {FILE_NEEDED}")
    return location


def resolve_database_path(cli_value: str | None) -> Location:
    """``--db`` wins, then ``WSOA_DB``, then ``wsoa-desktop.ini``, then the per-user default;
    always absolute."""
    if cli_value is not None:  # given, even if empty: an empty --db is a mistake, not "the default"
        return database_location(cli_value)
    env = os.environ.get(DB_ENV_VAR)
    if env and env.strip():
        return database_location(env)
    from wsoa_desktop.site_config import default_database

    site = default_database()  # IT's default (site_config); a broken ini is refused there
    return database_location(site) if site is not None else default_database_path()


def is_default_data_folder(folder: Path) -> bool:
    """Is ``folder`` the app's own per-user data folder (the only folder the app may create)?"""
    return absolute_path(folder) == absolute_path(user_data_dir())
