"""Who is making a change, and the transaction helper every service uses."""

from __future__ import annotations

import getpass
import json
from collections.abc import Iterator
from contextlib import contextmanager

from sqlmodel import Session

from wsoa_desktop.store.database import Store


def default_user() -> str:
    """The operating-system user, recorded on edits when no display name is set."""
    try:
        return getpass.getuser()
    except Exception:  # no login name (some CI and container setups)
        return "unknown"


@contextmanager
def transaction(store: Store, session: Session | None) -> Iterator[Session]:
    """Use the caller's transaction if there is one, else open a write of our own.

    This lets one service call another inside a single transaction (an import of
    a whole plan is one write), while a call on its own is still one write.
    """
    if session is not None:
        yield session
    else:
        with store.write() as s:
            yield s


def dump_list(items: list[str] | tuple[str, ...] | None) -> str:
    return json.dumps(list(items or []), ensure_ascii=False)


def load_list(text: str | None) -> list[str]:
    if not text:
        return []
    value = json.loads(text)
    return [str(v) for v in value] if isinstance(value, list) else []
