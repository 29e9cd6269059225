"""One copy of the app per database file.

SQLite lets two programs open the same file, and each would then overwrite the
other's view of the plan. The app therefore holds a lock file beside the
database (``plan.db.lock``) while it has it open; a second copy is told plainly
where the database is already open and keeps running. A lock left by a copy that
crashed is noticed (its process is gone) and taken over.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile

from wsoa_desktop.domain.errors import DatabaseError


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


class DatabaseLock:
    def __init__(self, db_path: Path) -> None:
        self.db_path = Path(db_path)
        self._lock = QLockFile(str(lock_path(self.db_path)))
        self._lock.setStaleLockTime(0)  # only a dead process's lock is stale, never a slow one

    def acquire(self) -> None:
        """Take the lock or raise DatabaseError saying who has the database open."""
        if not self.db_path.parent.exists():
            return  # open_store will create the folder, or say why it cannot
        if self._lock.tryLock(200):
            return
        if self._lock.error() == QLockFile.LockError.LockFailedError:
            info = self._lock.getLockInfo()  # (pid, host, app), or False when unreadable
            pid, host = (info[0], info[1]) if isinstance(info, tuple) and len(info) >= 2 else (None, "")
            where = f" on {host}" if host else ""
            raise DatabaseError(f"{self.db_path} is already open in another copy of WSOA Desktop{where}"
                                f"{f' (process {pid})' if pid else ''}. Close it there first, or open "
                                "another database.")
        # No permission to write the lock file: the database is in a read-only place and
        # open_store gives the plain message for that; go on without a lock.

    def release(self) -> None:
        if self._lock.isLocked():
            self._lock.unlock()
