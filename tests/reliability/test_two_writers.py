"""Two processes writing the same database file: both succeed, or one is told plainly; nothing is lost.

SQLite lets one process write at a time; the app waits up to 5 seconds for the
other (``busy_timeout``) and otherwise refuses the save with a
:class:`DatabaseError` that says the file is in use by another program. Either
way every save that was reported done is in the database, with its audit entry,
and the file stays whole.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from tests.reliability import edit_worker
from tests.reliability.figures import amount
from wsoa_desktop.domain.errors import DatabaseError
from wsoa_desktop.services import status
from wsoa_desktop.services.outline import load_outline
from wsoa_desktop.store.database import open_store

EDITS_EACH = amount(150, 1000)


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


@pytest.fixture
def db(tmp_path: Path, _sample_db: Path) -> Path:
    path = tmp_path / "shared plan.db"
    shutil.copy(_sample_db, path)
    return path


def _integrity(db: Path) -> None:
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        con.close()


def test_two_processes_editing_the_same_items_at_once(db: Path, figures) -> None:  # type: ignore[no-untyped-def]
    refs = edit_worker.rated_refs(db, 6)
    ctx = _context()
    go = ctx.Event()
    workers = []
    for who in ("Ann", "Bob"):
        read_fd, write_fd = os.pipe()
        p = ctx.Process(target=edit_worker.run_as, args=(str(db), refs, who, EDITS_EACH, write_fd, go), daemon=True)
        p.start()
        os.close(write_fd)
        workers.append((who, p, os.fdopen(read_fd, "r")))
    started = time.perf_counter()
    go.set()
    saved: dict[str, list[int]] = {}
    refused: list[str] = []
    for who, p, reader in workers:
        saved[who] = []
        for line in reader:
            word, _, rest = line.strip().partition(" ")
            if word == "ok":
                saved[who].append(int(rest))
            elif word == "refused":
                refused.append(rest)
        p.join(120)
        reader.close()
        assert p.exitcode == 0, f"{who}'s process crashed"
    elapsed = time.perf_counter() - started

    for message in refused:  # a refusal is plain and says why
        assert "in use by another program" in message and "nothing was saved" in message, message
    assert len(saved["Ann"]) + len(saved["Bob"]) + len(refused) == 2 * EDITS_EACH
    _integrity(db)
    con = sqlite3.connect(db)
    try:
        audit = con.execute("SELECT id, ref, new_value FROM audit_entry WHERE field_name = ? ORDER BY id",
                            (f"progress {edit_worker.PERIOD}",)).fetchall()
    finally:
        con.close()
    recorded = {value for _id, _ref, value in audit}
    for who, numbers in saved.items():  # no lost write: every save reported done is in the trail
        missing = [k for k in numbers if f"{who} {k}" not in recorded]
        assert missing == [], f"{who}'s saves {missing[:5]} are missing"
    last_by_ref = {}
    for _id, ref, value in audit:
        last_by_ref[ref] = value
    store = open_store(db)
    outline = load_outline(store, 1, edit_worker.PERIOD)
    store.close()
    for ref in refs:  # the item shows the last save made to it, by whoever made it
        assert outline.find(ref).progress == last_by_ref[ref]
    figures(f"2 processes × {EDITS_EACH} saves to the same {len(refs)} items: {len(saved['Ann'])} + "
            f"{len(saved['Bob'])} saved, {len(refused)} refused as busy, 0 lost, integrity ok; {elapsed:.1f} s")


def test_a_program_holding_the_write_lock_gets_a_plain_refusal_and_nothing_is_lost(
        db: Path, figures) -> None:  # type: ignore[no-untyped-def]
    """Another program (a database browser, a sync tool) keeps a write open past the 5-second wait."""
    store = open_store(db)
    before = load_outline(store, 1, edit_worker.PERIOD).find("1.1.1")
    other = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE plan SET title = title || ' (edited elsewhere)' WHERE id = 1")
    release = threading.Timer(6.0, lambda: other.execute("COMMIT"))
    release.start()
    started = time.perf_counter()
    try:
        with pytest.raises(DatabaseError) as refused:
            status.set_rating(store, 1, "1.1.1", edit_worker.PERIOD, "Red", progress="Mine", reason="Staff away",
                              by="Ann")
        waited = time.perf_counter() - started
        message = str(refused.value)
        assert str(db) in message and "in use by another program" in message and "nothing was saved" in message
        assert "Traceback" not in message and "SQL" not in message
    finally:
        release.join()
        other.close()
    after = load_outline(store, 1, edit_worker.PERIOD)
    assert after.title.endswith("(edited elsewhere)")  # the other program's write is kept
    assert (after.find("1.1.1").rating, after.find("1.1.1").progress) == (before.rating, before.progress)
    status.set_rating(store, 1, "1.1.1", edit_worker.PERIOD, "Red", progress="Mine", reason="Staff away", by="Ann")
    assert load_outline(store, 1, edit_worker.PERIOD).find("1.1.1").progress == "Mine"  # the retry is saved
    store.close()
    _integrity(db)
    figures(f"a write held open by another program: the save waited {waited:.1f} s, was refused with "
            "“in use by another program … nothing was saved”, then saved on retry; both writes kept")


def test_opening_a_file_another_program_has_locked_is_refused_plainly(db: Path) -> None:
    other = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN EXCLUSIVE")  # not even readers may look (a program in the middle of saving)
    release = threading.Timer(6.0, lambda: other.execute("ROLLBACK"))
    release.start()
    try:
        with pytest.raises(DatabaseError, match="in use by another program"):
            open_store(db)
    finally:
        release.join()
        other.close()
    open_store(db).close()
    _integrity(db)


def test_two_officers_reading_then_saving_the_same_items_never_overwrite_silently(
        db: Path, figures) -> None:  # type: ignore[no-untyped-def]
    """Each save names the version it read: of two saves made on the same version, one is refused."""
    refs = edit_worker.rated_refs(db, 3)
    store = open_store(db)
    first = {ref: status.status_state(store, 1, ref, edit_worker.PERIOD).version for ref in refs}  # 0: none yet
    store.close()
    ctx = _context()
    go = ctx.Event()
    workers = []
    for who in ("Ann", "Bob"):
        read_fd, write_fd = os.pipe()
        p = ctx.Process(target=edit_worker.run_reading_as, args=(str(db), refs, who, EDITS_EACH, write_fd, go),
                        daemon=True)
        p.start()
        os.close(write_fd)
        workers.append((who, p, os.fdopen(read_fd, "r")))
    started = time.perf_counter()
    go.set()
    saved: list[tuple[str, int, str, int]] = []
    stale: list[str] = []
    busy: list[str] = []
    for who, p, reader in workers:
        for line in reader:
            word, _, rest = line.strip().partition(" ")
            if word == "ok":
                k, ref, seen = rest.split(" ")
                saved.append((who, int(k), ref, int(seen)))
            elif word == "stale":
                stale.append(rest)
            elif word == "refused":
                busy.append(rest)
        p.join(120)
        reader.close()
        assert p.exitcode == 0, f"{who}'s process crashed"
    elapsed = time.perf_counter() - started

    assert len(saved) + len(stale) + len(busy) == 2 * EDITS_EACH
    for message in stale:  # says who saved first, and that nothing was lost
        assert " was changed by " in message and "your text is kept" in message, message
        assert ("by Ann" in message) or ("by Bob" in message), message
    for message in busy:
        assert "in use by another program" in message and "nothing was saved" in message, message
    based_on = [(ref, seen) for _who, _k, ref, seen in saved]
    assert len(based_on) == len(set(based_on)), "two saves were made on the same version of one item"
    _integrity(db)
    store = open_store(db)
    outline = load_outline(store, 1, edit_worker.PERIOD)
    for ref in refs:  # each item's version counts exactly the saves made to it, so none was overwritten
        made = sum(1 for _who, _k, r, _seen in saved if r == ref)
        assert outline.find(ref).status.version == first[ref] + made, ref
        last = max((s for s in saved if s[2] == ref), key=lambda s: s[3], default=None)
        if last is not None:
            assert outline.find(ref).progress == f"{last[0]} {last[1]}"
    store.close()
    figures(f"2 officers × {EDITS_EACH} read-then-save on the same {len(refs)} items: {len(saved)} saved, "
            f"{len(stale)} refused as changed by the other (who and when), {len(busy)} busy, "
            f"0 overwritten, integrity ok; {elapsed:.1f} s")
