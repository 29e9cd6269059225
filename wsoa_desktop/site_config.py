"""Site defaults that IT sets without opening the app: the database, the backup folder, the logs.

A council deploys the app to many laptops and wants each to open the right database and
back up to the right share from the first day, with nobody clicking through Preferences.
Two ways, the first found wins for each setting:

1. environment variables ``WSOA_DB``, ``WSOA_BACKUP_DIR``, ``WSOA_LOG_DIR`` (per user or
   per machine, e.g. by group policy);
2. ``wsoa-desktop.ini`` beside the executable (beside ``main.py`` when run from source),
   or the file named by ``WSOA_CONFIG``::

       [wsoa-desktop]
       database = %USERPROFILE%\\Documents\\WSOA\\wsoa.db
       backup_folder = \\\\server\\share\\WSOA backups
       log_folder =

Values may use environment variables and ``~``; a relative path is taken from the
ini file's folder. ``--db`` on the command line and the officer's own choices in
Preferences still override these: they are defaults, not locks.
"""

from __future__ import annotations

import configparser
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from wsoa_desktop.domain.errors import WsoaError
from wsoa_desktop.paths import is_address
from wsoa_desktop.store.server_address import ServerAddress, parse_address

INI_NAME = "wsoa-desktop.ini"
SECTION = "wsoa-desktop"
CONFIG_ENV_VAR = "WSOA_CONFIG"
DB_ENV_VAR = "WSOA_DB"
BACKUP_ENV_VAR = "WSOA_BACKUP_DIR"
LOG_ENV_VAR = "WSOA_LOG_DIR"

#: ini key -> environment variable that overrides it.
KEYS = {"database": DB_ENV_VAR, "backup_folder": BACKUP_ENV_VAR, "log_folder": LOG_ENV_VAR}


class SiteConfigError(WsoaError):
    """The site's ini file cannot be read; the message names the file and what to fix."""


@dataclass(frozen=True)
class SiteConfig:
    """The site defaults in force (None where nothing is set)."""

    database: Path | ServerAddress | None = None  # a shared server's address (postgresql://…) is kept as one
    backup_folder: Path | None = None
    log_folder: Path | None = None
    ini_file: Path | None = None  # the ini that was read, if any


def ini_path() -> Path:
    """Where the site's ini is looked for: ``WSOA_CONFIG``, else beside the program."""
    named = os.environ.get(CONFIG_ENV_VAR)
    if named:
        return Path(named).expanduser()
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent / INI_NAME
    return Path(__file__).resolve().parent.parent / INI_NAME


def read_ini(path: Path) -> dict[str, Path | ServerAddress]:
    """The settings in ``path`` (missing file: none). Unknown keys are refused, so a typo shows."""
    if not path.is_file():
        if os.environ.get(CONFIG_ENV_VAR):
            raise SiteConfigError(f"{CONFIG_ENV_VAR} names {path}, which is not a file. "
                                  f"Correct {CONFIG_ENV_VAR} or remove it.")
        return {}
    parser = configparser.ConfigParser(interpolation=None)
    try:
        with path.open(encoding="utf-8-sig") as fh:
            parser.read_file(fh)
    except configparser.MissingSectionHeaderError:
        parser.clear()  # reported below as a missing section, which is what it is
    except (configparser.Error, UnicodeDecodeError, OSError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise SiteConfigError(f"The settings file {path} could not be read ({first}). "
                              f"Correct it (a [{SECTION}] section with key = value lines) or remove it.") \
            from exc
    if not parser.has_section(SECTION):
        raise SiteConfigError(f"The settings file {path} has no [{SECTION}] section. "
                              f"Put its settings under a line [{SECTION}].")
    values: dict[str, Path | ServerAddress] = {}
    for key, raw in parser.items(SECTION):
        if key not in KEYS:
            raise SiteConfigError(f"The settings file {path} has an unknown setting “{key}”. "
                                  f"Use {', '.join(KEYS)}.")
        text = raw.strip().strip('"')
        if text:
            values[key] = (_address(text, path) if key == "database" and is_address(text)
                           else _expand(text, base=path.parent))
    return values


def load() -> SiteConfig:
    """The site defaults now: environment variables first, then the ini file."""
    path = ini_path()
    from_ini = read_ini(path)
    found: dict[str, Path | ServerAddress | None] = {}
    for key, env_var in KEYS.items():
        env = os.environ.get(env_var, "").strip()
        if env and key == "database" and is_address(env):
            found[key] = _address(env, None)
        else:
            found[key] = Path(env).expanduser() if env else from_ini.get(key)
    folders = {k: v for k, v in found.items() if k != "database"}
    if any(isinstance(v, ServerAddress) for v in folders.values()):
        raise SiteConfigError("A backup or log folder must be a folder, not a server address.")
    return SiteConfig(found["database"], cast(Path | None, folders["backup_folder"]),
                      cast(Path | None, folders["log_folder"]), path if path.is_file() else None)


def _address(text: str, ini: Path | None) -> ServerAddress:
    """IT's shared server database (``database = postgresql://…``)."""
    try:
        return parse_address(text)
    except WsoaError as exc:
        where = f"The settings file {ini}" if ini else DB_ENV_VAR
        raise SiteConfigError(f"{where}: {exc}") from exc


def default_database() -> Path | ServerAddress | None:
    return load().database


def default_backup_folder() -> Path | None:
    return load().backup_folder


def _expand(text: str, *, base: Path) -> Path:
    path = Path(os.path.expanduser(os.path.expandvars(text)))
    return path if path.is_absolute() or str(path).startswith(("\\\\", "//")) else base / path
