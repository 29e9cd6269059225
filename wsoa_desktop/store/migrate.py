"""Alembic, driven from code: no ``alembic.ini`` to ship or to lose.

Imported only when a database needs creating or upgrading. The database's path is
handed to ``env.py`` as an attribute (never as a ``sqlite:///`` URL, which neither
SQLAlchemy nor the config file's ``%`` interpolation would leave intact), and
``env.py`` opens it through :mod:`wsoa_desktop.store.sqlite_address`.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

from wsoa_desktop.store.server_address import ServerAddress

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(path: Path | ServerAddress) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if isinstance(path, ServerAddress):
        cfg.attributes["database_address"] = path
    else:
        cfg.attributes["database_path"] = Path(path)
    return cfg


def upgrade(path: Path | ServerAddress, revision: str = "head") -> None:
    command.upgrade(alembic_config(path), revision)
