"""Check a backup, show what it holds, and swap it in for the live database.

A restore must never make things worse, so: the backup is verified (a WSOA
Desktop database, checksum and integrity hold, schema this build can open); it is
copied beside the live database and verified again there (the shared drive may
change under us); the current database is kept as a safety copy; stale
``-wal``/``-shm``/``-journal`` files are removed (SQLite would otherwise replay
the old database's journal into the restored one); and only then is the file
swapped in with ``os.replace``. An older schema is migrated when the restored file
is opened; if that fails the safety copy goes back.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from wsoa_desktop.domain.errors import WsoaError
from wsoa_desktop.services.backup import CHUNK, read_checksum, sha256_of
from wsoa_desktop.store import schema_version

SQLITE_MAGIC = b"SQLite format 3\x00"


class RestoreError(WsoaError):
    """Nothing was restored; the current database is as it was."""


@dataclass(frozen=True)
class PlanHeld:
    id: int
    title: str
    priorities: int
    actions: int
    last_period: str | None


@dataclass
class BackupReport:
    """What a backup file is and holds; ``ok`` when it can be restored."""

    path: Path
    problems: list[str] = field(default_factory=list)
    size: int = 0
    sha256: str = ""
    checksum: str = "none"  # "matches", "none" (no sidecar) or "mismatch"
    revision: str | None = None
    needs_migration: bool = False
    plans: list[PlanHeld] = field(default_factory=list)
    last_change: datetime | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def last_period(self) -> str | None:
        labels = [p.last_period for p in self.plans if p.last_period]
        return labels[-1] if labels else None

    def summary_lines(self) -> list[str]:
        """Plain lines for the CLI and the restore dialog."""
        lines = [f"File: {self.path}", f"Size: {self.size:,} bytes"]
        lines.append({"matches": "Checksum: matches the .sha256 file",
                      "none": "Checksum: no .sha256 file beside it (not checked)",
                      "mismatch": "Checksum: DOES NOT MATCH the .sha256 file"}[self.checksum])
        if self.revision:
            lines.append(f"Schema: {self.revision}" + (" (will be upgraded after restore)"
                                                       if self.needs_migration else ""))
        for p in self.plans:
            lines.append(f"Plan {p.id}: {p.title} — {p.priorities} priorities, {p.actions} actions "
                         f"and sub-actions; last period: {p.last_period or 'none'}")
        if self.ok and not self.plans:
            lines.append("Plans: none (an empty database)")
        if self.last_change:
            lines.append(f"Last change: {self.last_change:%d %B %Y %H:%M} UTC")
        for problem in self.problems:
            lines.append(f"Problem: {problem}")
        return lines


def _contents(con: sqlite3.Connection, report: BackupReport) -> None:
    for pid, title in con.execute("SELECT id, title FROM plan ORDER BY id").fetchall():
        n_pri = con.execute("SELECT count(*) FROM priority WHERE plan_id = ?", (pid,)).fetchone()[0]
        n_act = con.execute("SELECT count(*) FROM action WHERE plan_id = ?", (pid,)).fetchone()[0]
        last = con.execute("SELECT label FROM reporting_period WHERE plan_id = ? "
                           "ORDER BY position DESC LIMIT 1", (pid,)).fetchone()
        report.plans.append(PlanHeld(pid, title, n_pri, n_act, last[0] if last else None))
    row = con.execute("SELECT max(at) FROM audit_entry").fetchone()
    if row and row[0]:
        try:
            report.last_change = datetime.fromisoformat(str(row[0]))
        except ValueError:
            pass


def _size_from_header(header: bytes) -> int | None:
    """The size SQLite's header says the file has (None when the header does not say)."""
    if len(header) < 100:
        return None
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    valid = header[24:28] == header[92:96]
    return page_size * pages if valid and pages else None


def verify_backup(path: Path | str, *, expected_sha256: str | None = None) -> BackupReport:
    """Check ``path`` without changing it. Problems are listed, never raised."""
    path = Path(path)
    report = BackupReport(path)
    if not path.exists():
        report.problems.append(f"There is no file at {path}. Check the name and that the drive is connected.")
        return report
    if path.is_dir():
        report.problems.append(f"{path} is a folder. Choose a backup file (….wsoa.db).")
        return report
    try:
        report.size = path.stat().st_size
        with open(path, "rb") as f:
            header = f.read(100)
        head = header[: len(SQLITE_MAGIC)]
        report.sha256 = sha256_of(path)
    except OSError as exc:
        report.problems.append(f"Cannot read {path}: {exc.strerror or exc}. Check the drive and permissions.")
        return report
    if report.size == 0:
        report.problems.append(f"{path.name} is empty (0 bytes): it is not a usable backup. Choose another.")
        return report
    if head != SQLITE_MAGIC:
        report.problems.append(f"{path.name} is not a WSOA Desktop backup (it is not an SQLite database). "
                               "Choose a file ending .wsoa.db.")
        return report
    expected = _size_from_header(header)
    if expected is not None and report.size < expected:
        report.problems.append(f"{path.name} is incomplete: it holds {report.size:,} of {expected:,} bytes "
                               "(the copy was cut short). Choose an earlier backup.")
        return report
    recorded = expected_sha256 if expected_sha256 is not None else read_checksum(path)
    if recorded is not None:
        report.checksum = "matches" if recorded == report.sha256 else "mismatch"
        if report.checksum == "mismatch":
            report.problems.append(f"{path.name} does not match its checksum: it was damaged or changed "
                                   "after it was made. Choose an earlier backup.")
    try:
        report.revision = schema_version.read_revision(path)
    except WsoaError as exc:
        report.problems.append(str(exc))
        return report
    if report.revision is None:
        report.problems.append(f"{path.name} is not a WSOA Desktop backup (it holds no plan tables). "
                               "Choose another file.")
        return report
    report.needs_migration = report.revision != schema_version.HEAD
    try:
        con = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True, timeout=5)
        try:
            result = [r[0] for r in con.execute("PRAGMA integrity_check").fetchall()]
            if result != ["ok"]:
                report.problems.append(f"{path.name} is damaged (SQLite integrity check: {result[0]}). "
                                       "Choose an earlier backup.")
                return report
            _contents(con, report)
        finally:
            con.close()
    except sqlite3.Error as exc:
        report.problems.append(f"{path.name} is damaged or incomplete ({exc}). Choose an earlier backup.")
    return report


@dataclass(frozen=True)
class RestoreResult:
    report: BackupReport
    safety_copy: Path | None


def safety_copy_path(live: Path, when: datetime) -> Path:
    return live.with_name(f"{live.name.split('.')[0]}-before-restore-{when:%Y-%m-%d-%H%M%S}.db")


def _copy_with_hash(src: Path, dst: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with open(src, "rb") as fsrc, open(dst, "wb") as fdst:
        for block in iter(lambda: fsrc.read(CHUNK), b""):
            digest.update(block)
            fdst.write(block)
        fdst.flush()
        os.fsync(fdst.fileno())
    return digest.hexdigest()


def _byte_copy(live: Path, safety: Path) -> None:
    """The current database exactly as it is, with any -wal/-journal beside it renamed to match.

    Every connection is closed, so the files are at rest; copying bytes (not opening
    the file with SQLite) keeps a damaged database as it was and leaves the live
    files untouched. Opening the safety copy later replays its journal as SQLite would.
    """
    shutil.copyfile(live, safety)
    for side in _side_files(live):
        if side.exists() and not side.name.endswith("-shm"):  # -shm is only a shared-memory index
            shutil.copyfile(side, safety.with_name(safety.name + side.name[len(live.name):]))


def open_elsewhere(live: Path) -> str | None:
    """Who has ``live`` open in the desktop app, from its lock file (``<db>.lock``), if anyone.

    The app keeps a lock file beside the database while it is open (first line the
    process id, third the host). Swapping the file under a running app would lose
    whatever it writes next, so a restore from the command line is refused then.
    A lock left by a process that is gone is ignored.
    """
    import socket
    import sys

    lock = live.with_name(live.name + ".lock")
    try:
        lines = lock.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    pid = int(lines[0]) if lines and lines[0].strip().isdigit() else None
    host = lines[2].strip() if len(lines) > 2 else ""
    if pid is None:
        return None
    if host and host != socket.gethostname():
        return f"WSOA Desktop on {host} (process {pid})"
    if sys.platform == "win32":
        try:
            with open(lock, "a"):
                return None  # Windows keeps a live lock file open exclusively
        except PermissionError:
            return f"WSOA Desktop (process {pid})"
        except OSError:
            return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass  # it exists, run by someone else
    except OSError:
        return None
    return f"WSOA Desktop (process {pid})"


def _side_files(live: Path) -> list[Path]:
    return [live.with_name(live.name + s) for s in ("-wal", "-shm", "-journal")]


def restore_backup(backup: Path | str, live: Path | str, *, now: datetime | None = None,
                   migrate: bool = True, check_lock: bool = True) -> RestoreResult:
    """Replace the database at ``live`` with ``backup``. The caller has closed every connection."""
    backup, live = Path(backup), Path(live)
    report = verify_backup(backup)
    if not report.ok:
        raise RestoreError(f"{report.problems[0]} The current database has not been changed.")
    holder = open_elsewhere(live) if check_lock else None
    if holder:
        raise RestoreError(f"{live} is open in {holder}. Close it there first (or restore from its "
                           "File ▸ Restore from backup…); the current database has not been changed.")
    when = (now or datetime.now()).replace(microsecond=0)
    folder = live.parent
    if not folder.exists():  # restoring onto a new computer: the data folder is not there yet
        try:
            folder.mkdir(parents=True)
        except OSError as exc:
            raise RestoreError(f"Cannot create the folder {folder} for the database: "
                               f"{exc.strerror or exc}. Nothing was restored.") from exc
    if not folder.is_dir():
        raise RestoreError(f"{folder} is not a folder. Nothing was restored.")
    staged: Path | None = None
    safety: Path | None = None
    try:
        fd, name = tempfile.mkstemp(prefix=f".{live.name}.", suffix=".restore.part", dir=folder)
        os.close(fd)
        staged = Path(name)
        digest = _copy_with_hash(backup, staged)
        if digest != report.sha256:
            raise RestoreError(f"{backup.name} changed while it was being read (the drive may have "
                               "dropped out). Try again; the current database has not been changed.")
        staged_report = verify_backup(staged, expected_sha256=digest)
        if not staged_report.ok:
            raise RestoreError(f"{staged_report.problems[0]} The current database has not been changed.")
        try:
            if live.exists():
                shutil.copymode(live, staged)
            else:
                os.chmod(staged, 0o644)
        except OSError:
            pass
        if live.exists():
            safety = safety_copy_path(live, when)
            n = 1
            while safety.exists():
                safety = safety.with_name(safety.stem + f"-{n}.db")
                n += 1
            _byte_copy(live, safety)
        moved = _move_side_files(live)
        try:
            os.replace(staged, live)
        except OSError:
            _put_back(moved)
            raise
        staged = None
        for stale in moved.values():
            stale.unlink(missing_ok=True)
    except OSError as exc:
        _undo(staged, safety)
        hint = (" Close any other program (or other copy of WSOA Desktop) using it and try again;"
                if isinstance(exc, PermissionError) else " Free some space or check permissions;")
        raise RestoreError(f"Could not restore into {folder}: {exc.strerror or exc}.{hint} the current "
                           "database has not been changed.") from exc
    except sqlite3.Error as exc:
        _undo(staged, safety)
        raise RestoreError(f"Could not restore: {exc}. Close any other program using the database and "
                           "try again; the current database has not been changed.") from exc
    except BaseException:
        _undo(staged, safety)
        raise
    if migrate and report.needs_migration:
        _migrate_or_put_back(live, safety)
    return RestoreResult(report, safety)


def _move_side_files(live: Path) -> dict[Path, Path]:
    """Move stale -wal/-shm/-journal files aside (SQLite would replay them into the restored file)."""
    moved: dict[Path, Path] = {}
    try:
        for side in _side_files(live):
            if side.exists():
                aside = side.with_name(side.name + ".stale")
                os.replace(side, aside)
                moved[side] = aside
    except OSError:
        _put_back(moved)
        raise
    return moved


def _put_back(moved: dict[Path, Path]) -> None:
    for side, aside in moved.items():
        try:
            os.replace(aside, side)
        except OSError:
            pass


def _undo(staged: Path | None, safety: Path | None) -> None:
    """The swap never happened: remove the staged copy and the (unneeded) safety copy."""
    extras = _side_files(safety) if safety is not None else []
    for p in (staged, safety, *extras):
        if p is not None:
            try:
                p.unlink(missing_ok=True)
            except OSError:
                pass


def _migrate_or_put_back(live: Path, safety: Path | None) -> None:
    from wsoa_desktop.store.database import open_store

    try:
        open_store(live, create=False).close()
    except Exception as exc:
        if safety is not None:
            shutil.copyfile(safety, live)
        raise RestoreError(f"The backup was restored but could not be upgraded ({exc}); the previous "
                           "database has been put back.") from exc
