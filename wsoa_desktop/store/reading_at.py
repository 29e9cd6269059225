"""A reading of one plan over a connection of its own.

A worker thread (the dashboard, the scorecard preview) or a report command must not borrow
the window's one pooled connection: it opens its own. A file is opened read-only, so the
reading can never take a lock that holds up the officer's saves; a server database gets a
reading session of its own (one snapshot).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from wsoa_desktop.store import sqlite_address
from wsoa_desktop.store.outline_reader import resolve_plan_id
from wsoa_desktop.store.server_address import ServerAddress

T = TypeVar("T")


def read_plan_at(location: Path | ServerAddress, plan: int | str | None,
                 read: Callable[[sqlite3.Cursor, int], T]) -> T:
    """``read(cursor, plan_id)`` for the plan chosen by id, title or (None) the only one."""
    if isinstance(location, ServerAddress):
        from wsoa_desktop.store.database import open_store

        store = open_store(location, create=False)
        try:
            with store.reading() as server_con:
                cur = server_con.cursor()
                return read(cur, resolve_plan_id(cur, plan))
        finally:
            store.close()
    con = sqlite_address.connect(location, read_only=True, timeout=5)
    try:
        cur = con.cursor()
        return read(cur, resolve_plan_id(cur, plan))
    finally:
        con.close()
