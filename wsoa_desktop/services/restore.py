"""Check a backup, show what it holds, and swap it in for the live database.

A restore must never make things worse, so: the backup is verified (a WSOA
Desktop database, checksum and integrity hold, a schema this build can open with
every table, column and safeguard of its revision); it is copied beside the live
database and verified again there (the shared drive may change under us), and
must hold the same plans, items and ratings; a backup in WAL mode is turned into
a single self-contained file there; the current database is kept as a safety
copy (after rolling back a save a crash left half done, so the copy is whole);
stale ``-wal``/``-shm``/``-journal`` files are removed (SQLite would otherwise
replay the old database's journal into the restored one); and only then is the
file swapped in with ``os.replace`` and read back. An older schema is migrated
when the restored file is opened; if that or the read-back fails, the previous
database is put back.

Verifying is :mod:`wsoa_desktop.services.backup_check` (re-exported here).
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
from wsoa_desktop.services.backup import CHUNK, plain_error
from wsoa_desktop.services.backup_check import SQLITE_MAGIC, BackupReport, verify_backup
from wsoa_desktop.services.backup_contents import PlanHeld, difference, plans_held
from wsoa_desktop.store import schema_version, sqlite_address
from wsoa_desktop.store.server_address import ServerAddress, as_location


class RestoreError(WsoaError):
    """Nothing was restored; the current database is as it was."""


__all__ = ["SQLITE_MAGIC", "BackupReport", "PlanHeld", "RestoreError", "RestoreResult", "restore_backup",
           "verify_backup"]


@dataclass(frozen=True)
class RestoreResult:
    report: BackupReport
    safety_copy: Path | None
    #: A journal kept with the safety copy (only when a crash's journal could not be rolled back).
    safety_extras: list[Path] = field(default_factory=list)
    #: A crash in the previous database recovered before its safety copy was taken.
    notice: str | None = None


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


def _byte_copy(live: Path, safety: Path) -> list[Path]:
    """The current database exactly as it is, with any -wal/-journal beside it renamed to match.

    Every connection is closed, so the files are at rest; copying bytes (not opening
    the file with SQLite) keeps a damaged database as it was and leaves the live
    files untouched. Opening the safety copy later replays its journal as SQLite would.
    Returns the side files copied with it.
    """
    shutil.copyfile(live, safety)
    extras = []
    for side in _side_files(live):
        if side.exists() and not side.name.endswith("-shm"):  # -shm is only a shared-memory index
            extra = safety.with_name(safety.name + side.name[len(live.name):])
            shutil.copyfile(side, extra)
            extras.append(extra)
    return extras


def _recover_live(live: Path) -> str | None:
    """Roll back a save a crash left half done in the current database, so its safety copy is whole.

    When that cannot be done (another program's file, a read-only folder) the
    journal is simply copied with the safety copy.
    """
    if not live.exists() or not schema_version.has_hot_journal(live):
        return None
    try:
        return schema_version.recover_interrupted_save(live)
    except WsoaError:
        return None


def _single_file(staged: Path) -> None:
    """Turn a backup written in WAL mode into one self-contained file (rollback-journal mode)."""
    con = sqlite_address.connect(staged)
    try:
        con.execute("PRAGMA journal_mode = DELETE").fetchone()
    finally:
        con.close()
    for side in _side_files(staged):
        side.unlink(missing_ok=True)


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


def restore_backup(backup: Path | str, live: Path | str | ServerAddress, *, now: datetime | None = None,
                   migrate: bool = True, check_lock: bool = True, replace: bool = False) -> RestoreResult:
    """Replace the database at ``live`` with ``backup``. The caller has closed every connection.

    ``live`` may be a server database: the backup is loaded into it in one
    transaction (:func:`restore_into_server`); one that holds plans is replaced
    only with ``replace`` (the officer confirmed).
    """
    backup, live = Path(backup), as_location(live)
    report = verify_backup(backup)
    if not report.ok:
        raise RestoreError(f"{report.problems[0]} The current database has not been changed.")
    if isinstance(live, ServerAddress):
        return _restore_to_server(backup, live, report, replace=replace)
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
    extras: list[Path] = []
    notice: str | None = None
    try:
        fd, name = tempfile.mkstemp(prefix=f".{live.name}.", suffix=".restore.part", dir=folder)
        os.close(fd)
        staged = Path(name)
        digest = _copy_with_hash(backup, staged)
        if digest != report.sha256:
            raise RestoreError(f"{backup.name} changed while it was being read (the drive may have "
                               "dropped out). Try again; the current database has not been changed.")
        if report.wal_mode:
            _single_file(staged)
        staged_report = verify_backup(staged, expected_sha256=None if report.wal_mode else digest)
        if not staged_report.ok:
            raise RestoreError(f"{staged_report.problems[0]} The current database has not been changed.")
        changed = difference(report.plans, staged_report.plans)
        if changed:
            raise RestoreError(f"The copy of {backup.name} made in {folder} does not hold what the backup "
                               f"holds ({changed}). Try again; the current database has not been changed.")
        try:
            if live.exists():
                shutil.copymode(live, staged)
            else:
                os.chmod(staged, 0o644)
        except OSError:
            pass
        if live.exists():
            notice = _recover_live(live)
            safety = safety_copy_path(live, when)
            n = 1
            while safety.exists():
                safety = safety.with_name(safety.stem + f"-{n}.db")
                n += 1
            extras = _byte_copy(live, safety)
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
        raise RestoreError(f"Could not restore {backup.name}: {plain_error(exc)}. Close any other program using "
                           "the database and try again; the current database has not been changed.") from exc
    except BaseException:
        _undo(staged, safety)
        raise
    _read_back(backup, live, report, safety, extras)
    if migrate and report.needs_migration:
        _migrate_or_put_back(backup, live, safety, extras)
    return RestoreResult(report, safety, extras, notice)


def _restore_to_server(backup: Path, live: ServerAddress, report: BackupReport, *,
                       replace: bool) -> RestoreResult:
    """Check a local copy of the backup, bring it to this build's schema, then load it into the server."""
    from wsoa_desktop.services.server_copy import restore_into_server
    from wsoa_desktop.store.migrate import upgrade

    folder = Path(tempfile.mkdtemp(prefix="wsoa-restore-"))
    try:
        staged = folder / "backup.db"
        digest = _copy_with_hash(backup, staged)
        if digest != report.sha256:
            raise RestoreError(f"{backup.name} changed while it was being read (the drive may have "
                               "dropped out). Try again; the server database has not been changed.")
        if report.wal_mode:
            _single_file(staged)
        if report.needs_migration:
            upgrade(staged)
        staged_report = verify_backup(staged, expected_sha256=None)
        if not staged_report.ok:
            raise RestoreError(f"{staged_report.problems[0]} The server database has not been changed.")
        changed = difference(report.plans, staged_report.plans)
        if changed:
            raise RestoreError(f"The local copy of {backup.name} does not hold what the backup holds "
                               f"({changed}). Try again; the server database has not been changed.")
        restore_into_server(staged, live, report.plans, replace=replace)
    except OSError as exc:
        raise RestoreError(f"Could not read {backup.name}: {exc.strerror or exc}. The server database has "
                           "not been changed.") from exc
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return RestoreResult(report, None)


def _read_back(backup: Path, live: Path, report: BackupReport, safety: Path | None, extras: list[Path]) -> None:
    """The swapped-in file, read through SQLite where it now lives, must hold what the backup held."""
    try:
        con = sqlite_address.connect(live, read_only=True)
        try:
            problem = difference(report.plans, plans_held(con))
        finally:
            con.close()
    except (sqlite3.Error, WsoaError) as exc:
        problem = plain_error(exc)
    if problem:
        raise RestoreError(f"{backup.name} did not read back as the backup once in place ({problem}); "
                           f"{_put_back_previous(live, safety, extras)}")


def _migrate_or_put_back(backup: Path, live: Path, safety: Path | None, extras: list[Path]) -> None:
    from wsoa_desktop.store.database import open_store

    try:
        open_store(live, create=False).close()
    except Exception as exc:
        if isinstance(exc, WsoaError):
            why = str(exc).rstrip(".")
            why = why[:1].lower() + why[1:]
        elif isinstance(exc, OSError):
            why = f"the disk said: {exc.strerror or exc}"
        else:
            why = "its tables could not be brought up to this version's format"
        raise RestoreError(f"{backup.name} could not be upgraded to this version of WSOA Desktop ({why}), so it "
                           f"was not restored: {_put_back_previous(live, safety, extras)}") from exc


def _put_back_previous(live: Path, safety: Path | None, extras: list[Path]) -> str:
    """Undo a swap: the safety copy becomes the live database again. Returns what happened, in words."""
    for side in _side_files(live):
        try:
            side.unlink(missing_ok=True)
        except OSError:
            pass
    if safety is None:
        try:
            live.unlink(missing_ok=True)
        except OSError:
            return f"remove {live} by hand (there was no database before)."
        return "there was no database before, and none has been left in its place."
    try:
        for extra in extras:
            os.replace(extra, live.with_name(live.name + extra.name[len(safety.name):]))
        os.replace(safety, live)
    except OSError:
        return (f"the previous database could not be put back and is kept as {safety}: close other programs "
                f"and copy it over {live}.")
    return "the previous database has been put back as it was. Choose another backup."


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
    extras = [*(_side_files(safety) if safety is not None else []),
              *(_side_files(staged) if staged is not None else [])]
    for p in (staged, safety, *extras):
        if p is not None:
            try:
                p.unlink(missing_ok=True)
            except OSError:
                pass
