"""One copy of the app per database file, and a way back in when a copy is gone for good.

SQLite lets two programs open the same file, and each would then overwrite the
other's view of the plan. The app therefore holds a lock file beside the
database (``plan.db.lock``, a ``QLockFile``) while it has it open.

- A lock on *this* computer whose process is gone (a crash) is stale: Qt notices
  and it is taken over without a word.
- A lock on this computer whose process is running: the database is open in
  another copy here, and the officer is told so.
- A lock from *another* computer cannot be checked from here: that copy may be
  working, or the laptop may have crashed, been re-imaged or handed back. The
  officer is shown who had it open, on which computer and since when, and may
  take it over after confirming (:class:`LockedElsewhere`, :meth:`DatabaseLock.take_over`).

Who and since when are kept in a small note beside the lock
(``plan.db.lock.owner``, JSON), because the lock file itself records only the
process, program and computer names (its format is Qt's; ``services.restore``
reads it too).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QLockFile, QSysInfo

from wsoa_desktop.domain.errors import DatabaseError


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def owner_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock.owner")


def this_computer() -> str:
    """The name QLockFile records for this computer."""
    return QSysInfo.machineHostName()


@dataclass(frozen=True)
class LockHolder:
    """Who holds a database's lock, as far as the lock file and its note tell."""

    host: str
    pid: int | None
    user: str
    since: datetime | None

    def describe(self) -> str:
        who = f"by {self.user} " if self.user else ""
        when = f" since {self.since.day} {self.since:%B %Y at %H:%M}" if self.since else ""
        where = f"on the computer “{self.host}”" if self.host else "on another computer"
        return f"{who}{where}{when}".strip()


class LockedElsewhere(DatabaseError):
    """The database is open on another computer; that session may be gone (see ``take_over``)."""

    def __init__(self, db_path: Path, holder: LockHolder) -> None:
        self.db_path = db_path
        self.holder = holder
        super().__init__(f"{db_path} is open in WSOA Desktop {holder.describe()}.")

    def question(self) -> str:
        """The question put to the officer before a take-over."""
        return (f"{self} WSOA Desktop cannot check from here whether it is still open there.\n\n"
                "If that computer is switched off, was re-imaged or crashed, that session is gone and "
                "you can take the database over. If someone is still working on it there, close it there "
                "first: two copies writing to one database lose each other's changes.")


class DatabaseLock:
    def __init__(self, db_path: Path, user: str = "") -> None:
        self.db_path = Path(db_path)
        self.user = user
        self._lock = QLockFile(str(lock_path(self.db_path)))
        self._lock.setStaleLockTime(0)  # only a dead process's lock is stale, never a slow one

    def acquire(self) -> None:
        """Take the lock, or raise: :class:`LockedElsewhere` for another computer's lock,
        :class:`DatabaseError` when another copy on this computer has the database open."""
        if not self.db_path.parent.exists():
            return  # opening will say the folder is missing
        if self._lock.tryLock(200):
            self._write_owner()
            return
        if self._lock.error() == QLockFile.LockError.LockFailedError:
            holder = self.holder()
            if holder.host and holder.host != this_computer():
                raise LockedElsewhere(self.db_path, holder)
            pid = f" (process {holder.pid})" if holder.pid else ""
            raise DatabaseError(f"{self.db_path} is already open in another copy of WSOA Desktop on this "
                                f"computer{pid}. Close it there first, or open another database.")
        # No permission to write the lock file: the database is in a read-only place and
        # opening it gives the plain message for that; go on without a lock.

    def holder(self) -> LockHolder:
        """Who holds the lock now (read from the lock file and the owner note beside it)."""
        info = self._lock.getLockInfo()  # (pid, host, app), or False when unreadable
        pid, host = (int(info[0]), str(info[1])) if isinstance(info, tuple) and len(info) >= 2 else (None, "")
        note = _read_owner(owner_path(self.db_path))
        same_session = note.get("host") == host and note.get("pid") == pid
        user = str(note.get("user") or "") if same_session else ""
        since = _parse_time(note.get("since")) if same_session else None
        if since is None:
            try:
                since = datetime.fromtimestamp(lock_path(self.db_path).stat().st_mtime)
            except OSError:
                since = None
        return LockHolder(host=host, pid=pid, user=user, since=since)

    def take_over(self) -> None:
        """Remove another computer's lock (the officer confirmed that session is gone) and take it.

        Raises :class:`DatabaseError` when the lock cannot be removed, or when someone
        else took it in between.
        """
        if not self._lock.removeStaleLockFile():
            raise DatabaseError(f"The lock on {self.db_path} could not be removed ({lock_path(self.db_path)}). "
                                "Check that you can write to that folder, then try again.")
        if not self._lock.tryLock(200):
            raise DatabaseError(f"{self.db_path} was opened by another copy of WSOA Desktop just now. "
                                "Close it there first, or open another database.")
        self._write_owner()

    def release(self) -> None:
        if self._lock.isLocked():
            owner_path(self.db_path).unlink(missing_ok=True)
            self._lock.unlock()

    def _write_owner(self) -> None:
        note = {"user": self.user, "host": this_computer(), "pid": os.getpid(),
                "since": datetime.now().isoformat(timespec="seconds")}
        try:
            owner_path(self.db_path).write_text(json.dumps(note), encoding="utf-8")
        except OSError:
            pass  # the note only helps a later message; the lock itself is what protects


def _read_owner(path: Path) -> dict[str, object]:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def _parse_time(value: object) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value)) if value else None
    except ValueError:
        return None
