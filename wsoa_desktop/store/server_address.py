"""A PostgreSQL server database named by an address (``postgresql://user@host:port/dbname``).

Why a type of its own: everywhere else a database is a file, and a ``Path`` made
from ``postgresql://host/db`` silently becomes the relative file
``postgresql:/host/db`` (a folder named ``postgresql:`` appeared beside the
officer's papers). An address is therefore never a ``Path`` and never a ``str``
that could be mistaken for one: it is this small value, made only by
:func:`parse_address`, which refuses anything that is not a PostgreSQL address.

Nothing here imports SQLAlchemy or the driver; :mod:`wsoa_desktop.store.server`
does, when a server database is really opened.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

from wsoa_desktop.domain.errors import DatabaseError

#: The address schemes accepted for a PostgreSQL server (``postgres://`` is libpq's alias).
SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")

#: Said when the driver is missing (the ``server`` extra was not installed).
NO_DRIVER = ("the PostgreSQL driver is not installed, so a server database cannot be opened. "
             "Install the server extra: pip install wsoa-desktop[server]")


@dataclass(frozen=True)
class ServerAddress:
    """A server database: the address as given, and its parts for messages."""

    url: str
    host: str
    port: int | None
    dbname: str
    user: str

    def __str__(self) -> str:
        """The address without any password, as shown to the officer and kept in Recent."""
        return self.display

    @property
    def display(self) -> str:
        """The address as given, less any password."""
        parts = urlsplit(self.url)
        if parts.password is None:
            return self.url
        netloc = parts.netloc.rsplit("@", 1)
        who = netloc[0].split(":", 1)[0]
        return urlunsplit(parts._replace(netloc=f"{who}@{netloc[1]}"))

    @property
    def where(self) -> str:
        """``database wsoa on db.council.local:5432``, for messages."""
        host = self.host or "this computer (local socket)"
        port = f":{self.port}" if self.port else ""
        return f"database {self.dbname} on {host}{port}"

    @property
    def sqlalchemy_url(self) -> str:
        """The same address for SQLAlchemy, with the psycopg (version 3) driver named."""
        scheme, rest = self.url.split("://", 1)
        return f"postgresql+psycopg://{rest}"

    @property
    def name(self) -> str:
        """A short name, used where a file's name would be (backup file names)."""
        return self.dbname


#: Where a database lives: a local SQLite file, or a database on a PostgreSQL server.
Location = Path | ServerAddress


def looks_like_address(text: str | os.PathLike[str]) -> bool:
    """Is this text a URL (``postgresql://host/db``) rather than a file path?"""
    from wsoa_desktop.paths import is_address

    return is_address(text)


def parse_address(text: str) -> ServerAddress:
    """The server database ``text`` names; :class:`DatabaseError` (one line) when it names none.

    Only ``postgresql://`` (or ``postgres://``) addresses with a database name are
    accepted; the host may be empty for the local socket, and ``?host=/folder``
    names a socket folder as libpq allows.
    """
    value = text.strip()
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError as exc:
        raise DatabaseError(f"“{value}” is not a server address that can be read ({exc}). Write it as "
                            "postgresql://user@host:port/database.") from exc
    if parts.scheme.lower() not in SCHEMES:
        raise DatabaseError(f"“{value}” is an address, but only PostgreSQL servers are supported "
                            "(postgresql://user@host:port/database); for a database file give its path.")
    dbname = unquote(parts.path.lstrip("/"))
    if not dbname or "/" in dbname:
        raise DatabaseError(f"“{value}” names no database on the server. Write it as "
                            "postgresql://user@host:port/database.")
    host = unquote(parts.hostname or "")
    if not host and parts.query:
        for pair in parts.query.split("&"):
            key, _, val = pair.partition("=")
            if key == "host":
                host = unquote(val)
    return ServerAddress(url=value, host=host, port=port, dbname=dbname, user=unquote(parts.username or ""))


def as_location(value: Location | str) -> Location:
    """A database given as a path, path text or address text, as a :data:`Location`."""
    if isinstance(value, ServerAddress):
        return value
    if isinstance(value, str) and looks_like_address(value):
        return parse_address(value)
    return Path(value)
