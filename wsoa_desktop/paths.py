"""Where the app finds its bundled resources and keeps its data.

Resources live in ``resources/`` beside the package in a checkout, and under
``sys._MEIPASS`` in a PyInstaller bundle, so one function serves both.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "WSOA Desktop"
DB_ENV_VAR = "WSOA_DB"


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
    """The database used when neither ``--db`` nor ``WSOA_DB`` names one."""
    return user_data_dir() / "wsoa.db"


def resolve_database_path(cli_value: str | None) -> Path:
    """``--db`` wins, then ``WSOA_DB``, then the per-user default."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get(DB_ENV_VAR)
    if env:
        return Path(env).expanduser()
    return default_database_path()
