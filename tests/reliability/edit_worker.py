"""Rapid edits through the real services, numbered, for a test to kill -9 part-way.

Edit ``k`` is one service call, so one transaction: a rating with its progress
text ``edit k`` (through ``services.status.set_rating`` or ``services.rounds.rate``),
or an action's description ``edit k`` (``services.plan_items.update_action``).
After each call returns the worker writes ``k`` to its pipe: an edit it has
reported is committed, and the test can hold the database to it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PERIOD = "August 2022"
BY = "kill-test"
#: Ratings that need neither a sign-off nor (given one anyway) anything else.
RATINGS = ("Green", "Amber", "Grey", "Red")


@dataclass(frozen=True)
class Edit:
    number: int
    ref: str
    kind: str  # "rating" (set_rating), "round" (rounds.rate) or "description" (update_action)
    rating: str | None

    @property
    def text(self) -> str:
        return f"edit {self.number}"

    @property
    def is_status(self) -> bool:
        return self.kind != "description"


def edit(number: int, refs: list[str]) -> Edit:
    ref = refs[number % len(refs)]
    kind = ("rating", "round", "rating", "description")[number % 4]
    rating = RATINGS[(number // len(refs)) % len(RATINGS)] if kind != "description" else None
    return Edit(number, ref, kind, rating)


def rated_refs(db: Path, n: int = 12) -> list[str]:
    """The first ``n`` items that carry ratings (the same list in the test and the worker)."""
    from wsoa_desktop.services.outline import load_outline
    from wsoa_desktop.store.database import open_store

    store = open_store(db)
    try:
        return [node.ref for node in load_outline(store, 1).rated_items()[:n]]
    finally:
        store.close()


def apply(store, e: Edit) -> None:  # type: ignore[no-untyped-def]
    from wsoa_desktop.services import rounds, status
    from wsoa_desktop.services.plan_items import update_action

    if e.kind == "rating":
        status.set_rating(store, 1, e.ref, PERIOD, e.rating, progress=e.text, reason=f"reason {e.number}", by=BY)
    elif e.kind == "round":
        rounds.rate(store, 1, e.ref, PERIOD, e.rating, progress=e.text, reason=f"reason {e.number}", by=BY)
    else:
        update_action(store, 1, e.ref, description=e.text, by=BY)


def run(db: str, refs: list[str], start: int, stop: int, ack_fd: int) -> None:
    """Make edits ``start`` … ``stop - 1``, reporting each on ``ack_fd`` once it has returned."""
    from wsoa_desktop.store.database import open_store

    store = open_store(Path(db))
    for k in range(start, stop):
        apply(store, edit(k, refs))
        os.write(ack_fd, f"{k}\n".encode())
    store.close()
    os.write(ack_fd, b"done\n")


def run_as(db: str, refs: list[str], who: str, count: int, ack_fd: int, go) -> None:  # type: ignore[no-untyped-def]
    """Progress updates ``<who> k`` on ``refs`` in turn, as fast as possible once ``go`` is set.

    Reports ``ok k`` for each that was saved and ``refused k <message>`` for each the
    app refused (a :class:`DatabaseError`, the message the officer would read).
    """
    from wsoa_desktop.domain.errors import DatabaseError
    from wsoa_desktop.services import status
    from wsoa_desktop.store.database import open_store

    store = open_store(Path(db))
    go.wait(30)
    for k in range(count):
        ref = refs[k % len(refs)]
        try:
            status.set_rating(store, 1, ref, PERIOD, "Amber", progress=f"{who} {k}", reason="two writers",
                              by=who)
        except DatabaseError as exc:
            os.write(ack_fd, f"refused {k} {exc}\n".encode())
        else:
            os.write(ack_fd, f"ok {k}\n".encode())
    store.close()
    os.write(ack_fd, b"done\n")


def run_reading_as(db: str, refs: list[str], who: str, count: int, ack_fd: int, go) -> None:  # type: ignore[no-untyped-def]
    """As :func:`run_as`, but as an officer works: read the item, then save naming the version read.

    Reports ``ok k REF SEEN`` for a save, ``stale k <message>`` when the other process
    saved the item between the read and the save (StaleEdit), and ``refused k <message>``
    when the file stayed busy (DatabaseError).
    """
    import time

    from wsoa_desktop.domain.errors import DatabaseError, StaleEdit
    from wsoa_desktop.services import status
    from wsoa_desktop.store.database import open_store

    store = open_store(Path(db))
    go.wait(30)
    for k in range(count):
        ref = refs[k % len(refs)]
        try:
            seen = status.status_state(store, 1, ref, PERIOD).version
            time.sleep(0.001 * (k % 3))  # the officer typing: the other process gets its turn
            status.set_rating(store, 1, ref, PERIOD, "Amber", progress=f"{who} {k}", reason="two officers",
                              by=who, seen=seen)
        except StaleEdit as exc:
            os.write(ack_fd, f"stale {k} {exc}\n".encode())
        except DatabaseError as exc:
            os.write(ack_fd, f"refused {k} {exc}\n".encode())
        else:
            os.write(ack_fd, f"ok {k} {ref} {seen}\n".encode())
    store.close()
    os.write(ack_fd, b"done\n")
