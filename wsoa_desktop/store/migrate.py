"""Alembic, driven from code: no ``alembic.ini`` to ship or to lose.

Imported only when a database needs creating or upgrading.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(path: Path) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", f"sqlite:///{Path(path).as_posix()}")
    return cfg


def upgrade(path: Path, revision: str = "head") -> None:
    command.upgrade(alembic_config(path), revision)
