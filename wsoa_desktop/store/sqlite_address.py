"""The one place a file path becomes an SQLite address (a ``file:`` URI), and a connection.

Why this exists: SQLite reads ``file:`` addresses as URIs, where ``#`` starts a
fragment, ``?`` starts the options and ``%`` starts an escape. An address built by
pasting a path after ``file:`` therefore opens the wrong file for a folder such as
``SEND Papers #3`` (SQLite opened ``SEND Papers `` and, being allowed to create it,
made an empty database there and backed *that* up). So every part of the path is
percent-encoded here, Windows drive and UNC paths (``\\\\server\\share\\…``) get the
forms SQLite documents (``file:///C:/…``, ``file:////server/share/…``), and the
options (read-only, immutable, may-create) are parameters rather than text.

:func:`connect` opens a connection with such an address and then checks, through
``PRAGMA database_list``, that SQLite opened the very file it was given: a wrong
address can never again pass unnoticed. Engines for SQLAlchemy get their
connections from :func:`connect` too (:func:`sqlite_engine`), because SQLAlchemy
decodes ``%`` escapes in a ``sqlite:///`` URL itself.

Nothing here imports SQLAlchemy unless an engine is asked for.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from wsoa_desktop.domain.errors import DatabaseError

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

PathLike = str | os.PathLike[str] | PurePath


def _pure(path: PathLike) -> PurePath:
    """The path as a pure path of this system's flavour, made absolute; a pure path is taken as given."""
    if isinstance(path, PurePath) and not isinstance(path, Path):
        return path  # e.g. a PureWindowsPath of a council share, in a test on Linux
    text = os.path.abspath(os.fspath(path))
    return PureWindowsPath(text) if sys.platform == "win32" else PurePosixPath(text)


def _windows_uri_path(path: PureWindowsPath) -> str:
    r"""``C:\a\b.db`` → ``/C:/a/b.db``; ``\\server\share\b.db`` → ``//server/share/b.db`` (not yet encoded)."""
    text = str(path)
    if text.startswith("\\\\?\\UNC\\"):  # extended-length UNC: \\?\UNC\server\share\…
        text = "\\\\" + text[len("\\\\?\\UNC\\"):]
    elif text.startswith("\\\\?\\"):  # extended-length drive path: \\?\C:\…
        text = text[len("\\\\?\\"):]
    posix = text.replace("\\", "/")
    if posix.startswith("//"):
        return posix  # UNC: the empty authority comes before it, giving file:////server/share/…
    if len(posix) >= 2 and posix[1] == ":" and posix[0].isalpha():
        return "/" + posix
    return posix


def _encode(path_text: str) -> str:
    """Percent-encode everything but letters, digits, ``-._~``, ``/`` and a drive letter's colon."""
    if len(path_text) >= 3 and path_text[0] == "/" and path_text[1].isalpha() and path_text[2] == ":":
        return path_text[:3] + quote(path_text[3:], safe="/")
    return quote(path_text, safe="/")


def sqlite_uri(path: PathLike, *, read_only: bool = False, immutable: bool = False,
               create: bool = False) -> str:
    """The ``file:`` URI SQLite needs to open exactly ``path``.

    ``read_only`` opens it read-only (``mode=ro``); ``immutable`` also tells SQLite
    the file cannot change, so it takes no locks and never reads or creates a
    ``-journal``, ``-wal`` or ``-shm`` beside it (for backups at rest);
    ``create`` allows a new file to be made (``mode=rwc``), which is otherwise
    refused (``mode=rw``) so that a wrong name never creates an empty database.
    """
    if create and (read_only or immutable):
        raise ValueError("a database opened read-only cannot be created")
    pure = _pure(path)
    if isinstance(pure, PureWindowsPath):
        text = _windows_uri_path(pure)
    else:
        text = pure.as_posix()
    if text.startswith("/"):
        address = "file://" + _encode(text)  # empty authority, then the absolute path
    else:
        address = "file:" + _encode(text)
    mode = "ro" if read_only or immutable else ("rwc" if create else "rw")
    address += f"?mode={mode}"
    if immutable:
        address += "&immutable=1"
    return address


def connect(path: PathLike, *, read_only: bool = False, immutable: bool = False, create: bool = False,
            timeout: float = 5.0, check_same_thread: bool = True, verify: bool = True) -> sqlite3.Connection:
    """An ``sqlite3`` connection to exactly ``path`` (see :func:`sqlite_uri` for the options).

    With ``verify`` the connection is checked to be on the file asked for; a
    mismatch raises :class:`DatabaseError` (it would mean an address went wrong).
    """
    con = sqlite3.connect(sqlite_uri(path, read_only=read_only, immutable=immutable, create=create),
                          uri=True, timeout=timeout, check_same_thread=check_same_thread)
    if verify:
        try:
            _check_same_file(con, path)
        except BaseException:
            con.close()
            raise
    return con


def _check_same_file(con: sqlite3.Connection, path: PathLike) -> None:
    opened = ""
    for _seq, name, file in con.execute("PRAGMA database_list"):
        if name == "main":
            opened = file or ""
    if not opened:
        return  # SQLite names no file (a temporary database): nothing to compare
    try:
        same = os.path.samefile(opened, os.fspath(path))
    except OSError:
        same = os.path.normcase(os.path.abspath(opened)) == os.path.normcase(os.path.abspath(os.fspath(path)))
    if not same:
        raise DatabaseError(f"SQLite opened {opened} instead of {os.fspath(path)}; nothing was read or "
                            "written. Please report this, with the folder's name.")


def creator(path: PathLike, **options: Any) -> Callable[[], sqlite3.Connection]:
    """A function that opens a new connection to ``path``, for SQLAlchemy's ``creator``."""
    def make() -> sqlite3.Connection:
        return connect(path, **options)
    return make


def sqlite_engine(path: PathLike, *, create: bool = False, timeout: float = 5.0,
                  **engine_options: Any) -> Engine:
    """A SQLAlchemy engine whose connections come from :func:`connect` (a queue pool, as for a file).

    ``engine_options`` go to ``create_engine`` (``pool_size``, ``poolclass``…).
    """
    from sqlalchemy import create_engine
    from sqlalchemy.pool import QueuePool

    engine_options.setdefault("poolclass", QueuePool)
    return create_engine("sqlite://", creator=creator(path, create=create, timeout=timeout,
                                                      check_same_thread=False), **engine_options)
