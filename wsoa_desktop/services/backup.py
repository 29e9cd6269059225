"""Backups to a folder (usually the council's shared drive) that always restore.

Why the steps are in this order:

1. The snapshot is taken with SQLite's backup API, never a file copy: a copy of a
   database in use can catch it half-written. It is made on *local* disk first,
   where writing is fast and reliable, and switched to rollback-journal mode so
   the backup is one self-contained file any SQLite tool opens. The source is
   opened by its exact address (:mod:`wsoa_desktop.store.sqlite_address`): a
   folder named ``SEND Papers #3`` once made SQLite back up an empty database.
2. ``PRAGMA integrity_check`` proves the snapshot is sound before it travels, and
   it must hold what the source held when it was copied: the same schema
   revision, every table and column of it, and the same plans, priorities,
   actions and ratings (counted in the copy's own read transaction).
3. It is copied to the destination under a temporary name, read back there and
   checked by size and SHA-256, then opened there through SQLite and counted
   again: a shared drive can be full, read-only or drop out half-way, and only a
   copy read back from the drive proves what is on it.
4. Only then is it renamed (``os.replace``) to ``<name>-YYYY-MM-DD-HHMMSS.wsoa.db``
   with a ``.sha256`` sidecar in ``sha256sum`` format. An earlier backup is never
   overwritten, and old backups are pruned only after the new one is verified.

Any failure removes the temporary files and leaves the live database and the
earlier backups exactly as they were.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from wsoa_desktop.domain.errors import WsoaError
from wsoa_desktop.services.backup_contents import PlanHeld, difference, plans_held
from wsoa_desktop.services.files import describe_os_error
from wsoa_desktop.services.network_drive import is_network_path  # noqa: F401 - callers import it from here
from wsoa_desktop.store import schema_version, sqlite_address
from wsoa_desktop.store.server_address import ServerAddress, as_location

BACKUP_SUFFIX = ".wsoa.db"
CHECKSUM_SUFFIX = ".sha256"
CHUNK = 1024 * 1024
_STAMP = "%Y-%m-%d-%H%M%S"
_NAME_RE = re.compile(r"^(?P<name>.+)-(?P<stamp>\d{4}-\d{2}-\d{2}-\d{6})(?:-(?P<n>\d+))?\.wsoa\.db$")


class BackupError(WsoaError):
    """No backup was written; the message says why and what to do."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    sha256: str
    size: int
    created_at: datetime
    pruned: list[Path] = field(default_factory=list)
    prune_problems: list[str] = field(default_factory=list)
    plans: list[PlanHeld] = field(default_factory=list)  # what the backup holds, checked against the source
    notice: str | None = None  # a crash recovered before the backup was taken


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def checksum_path(backup: Path) -> Path:
    return backup.with_name(backup.name + CHECKSUM_SUFFIX)


def read_checksum(backup: Path) -> str | None:
    """The SHA-256 recorded in the sidecar, or None when there is no sidecar."""
    side = checksum_path(backup)
    if not side.exists():
        return None
    text = side.read_text(encoding="utf-8", errors="replace").strip()
    first = text.split()[0] if text else ""
    return first.lower() if re.fullmatch(r"[0-9a-fA-F]{64}", first) else ""


def safe_name(text: str) -> str:
    """A file-name part from a database or plan name (letters, digits, - and _)."""
    cleaned = re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-_")
    return cleaned[:60] or "wsoa"


def backup_name(name: str, when: datetime, n: int = 0) -> str:
    return f"{safe_name(name)}-{when.strftime(_STAMP)}{'-' + str(n) if n else ''}{BACKUP_SUFFIX}"


def list_backups(folder: Path, name: str | None = None) -> list[Path]:
    """Backups in ``folder`` (of ``name`` only, when given), oldest first."""
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return []
    found = []
    for p in entries:
        m = _NAME_RE.match(p.name)
        if m and (name is None or m.group("name") == safe_name(name)):
            found.append((m.group("stamp"), int(m.group("n") or 0), p))
    return [p for _, _, p in sorted(found)]


def backup_time(path: Path) -> datetime | None:
    """When a backup was taken, read from its name (local time)."""
    m = _NAME_RE.match(path.name)
    return datetime.strptime(m.group("stamp"), _STAMP) if m else None


def last_backup_time(folder: Path, name: str | None = None) -> datetime | None:
    backups = list_backups(folder, name)
    return backup_time(backups[-1]) if backups else None


def last_change_at(db_path: Path | ServerAddress) -> datetime | None:
    """The time of the newest change recorded in the audit trail (UTC), if any."""
    try:
        if isinstance(db_path, ServerAddress):
            from wsoa_desktop.store.server import connect

            con = connect(db_path)
        else:
            con = sqlite_address.connect(db_path, read_only=True, timeout=5)
    except (sqlite3.Error, WsoaError):
        return None
    try:
        row = con.execute("SELECT max(at) FROM audit_entry").fetchone()
    except Exception:  # the driver's error (SQLite's or the server's): no answer
        return None
    finally:
        con.close()
    if not row or not row[0]:
        return None
    try:
        value = datetime.fromisoformat(str(row[0]))
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def changed_since(db_path: Path | ServerAddress, when: datetime | None) -> bool:
    """Has the database changed since ``when`` (an aware datetime; None = never backed up)?"""
    last = last_change_at(db_path)
    if last is None:
        return False
    if when is None:
        return True
    if when.tzinfo is None:
        when = when.astimezone()
    return last > when


# -- the snapshot ---------------------------------------------------------------------------


def snapshot(source: Path, target: Path) -> tuple[str | None, list[PlanHeld]]:
    """A consistent, self-contained copy of ``source`` at ``target`` (local disk).

    Returns the source's schema revision and what it holds, read in the same read
    transaction as the copy; the snapshot is checked to hold the same, to be
    whole (integrity check) and to have every table of its revision. Raises
    :class:`BackupError` when any of that fails.
    """
    try:
        src = sqlite_address.connect(source, read_only=True, timeout=10)
    except (sqlite3.Error, WsoaError) as exc:
        raise BackupError(f"Could not open {source} to back it up ({plain_error(exc)}). "
                          "Close other programs using it and try again.") from exc
    try:
        dst = sqlite_address.connect(target, create=True)
        try:
            src.execute("BEGIN")  # one read transaction: the counts are of exactly what is copied
            try:
                revision = schema_version.read_revision_from(src, source)
                held = plans_held(src) if revision else []
                src.backup(dst)
            finally:
                src.execute("COMMIT")
            dst.execute("PRAGMA journal_mode = DELETE")
            result = dst.execute("PRAGMA integrity_check").fetchall()
            if [r[0] for r in result] != ["ok"]:
                raise BackupError(
                    f"The database {source} failed its integrity check "
                    f"({result[0][0]}); no backup was made. Restore the last good backup.")
            problem = contents_problem(dst, target, revision, held)
            if problem:
                raise BackupError(f"The snapshot of {source} did not hold what the database holds "
                                  f"({problem}); no backup was made. Try again.")
        finally:
            dst.close()
    except sqlite3.Error as exc:
        raise BackupError(f"Could not take a snapshot of {source}: {plain_error(exc)}. "
                          "Close other programs using it and try again.") from exc
    finally:
        src.close()
    return revision, held


def contents_problem(con: sqlite3.Connection, path: Path, revision: str | None,
                     held: list[PlanHeld]) -> str | None:
    """How the database on ``con`` differs from a source at ``revision`` holding ``held``; None if not."""
    try:
        found = schema_version.read_revision_from(con, path)
    except WsoaError as exc:
        return str(exc)
    if found != revision:
        return f"schema {found or 'none'} where {revision or 'none'} was expected"
    missing = schema_version.missing_parts(con, revision) if revision else []
    if missing:
        return f"{schema_version.describe_missing(missing)} missing"
    return difference(held, plans_held(con) if revision else [])


def plain_error(exc: BaseException) -> str:
    """SQLite's own words for an error, without any SQL."""
    return str(getattr(exc, "orig", None) or exc).split("\n")[0]


def _check_copy(copy: Path, source: Path | ServerAddress, revision: str | None, held: list[PlanHeld]) -> None:
    """Read the copy in the backup folder back through SQLite: it must hold what the source held."""
    try:
        con = sqlite_address.connect(copy, immutable=True)
        try:
            problem = contents_problem(con, copy, revision, held)
        finally:
            con.close()
    except (sqlite3.Error, WsoaError) as exc:
        problem = plain_error(exc)
    if problem:
        raise BackupError(f"The copy in {copy.parent} does not read back as the database {source} "
                          f"({problem}). Try again; no backup was written.")


def _copy_to(local: Path, dest_tmp: Path) -> None:
    with open(local, "rb") as fsrc, open(dest_tmp, "wb") as fdst:
        shutil.copyfileobj(fsrc, fdst, CHUNK)
        fdst.flush()
        os.fsync(fdst.fileno())


def _unlink_quietly(*paths: Path | None) -> None:
    for p in paths:
        if p is None:
            continue
        try:
            p.unlink(missing_ok=True)
        except OSError:
            pass  # a disconnected drive: nothing more we can do


def _readable(*paths: Path) -> None:
    """Temporary files are private (0600); a finished backup is an ordinary file."""
    for p in paths:
        try:
            os.chmod(p, 0o644)
        except OSError:
            pass  # some shared drives keep their own permissions


def _check_folder(folder: Path) -> None:
    if not folder.exists():
        raise BackupError(f"The backup folder {folder} cannot be found. Connect the shared drive "
                          "or choose another folder; no backup was made.")
    if not folder.is_dir():
        raise BackupError(f"{folder} is a file, not a folder. Choose a folder for the backups.")


def _dest_error(exc: OSError, folder: Path, stage: str) -> BackupError:
    import errno

    target = folder / "backup"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return BackupError(f"The backup folder {folder} is full. Free some space or choose another "
                           "folder; no backup was written and earlier backups are untouched.")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return BackupError(f"The backup folder {folder} cannot be written to (read-only or no "
                           "permission). Choose another folder; no backup was written.")
    if stage == "copy":
        return BackupError(f"Copying the backup to {folder} failed part-way ({exc.strerror or exc}). "
                           "Check the shared drive is connected and try again; no backup was written.")
    return BackupError(describe_os_error(exc, target) + " No backup was written.")


def backup_database(
    source: Path | str | ServerAddress, folder: Path | str, *, name: str | None = None,
    keep_last: int | None = None, now: datetime | None = None,
) -> BackupResult:
    """Back up the database at ``source`` (a file, or a server address) into ``folder``; see the module notes.

    A server database is written into the same portable SQLite backup file
    (:mod:`wsoa_desktop.services.server_copy`); every later step is the same.
    """
    folder = Path(folder)
    source = as_location(source)
    if isinstance(source, ServerAddress):
        _check_folder(folder)
        return _finish_backup(source, folder, None, name or source.name, keep_last, now)
    if not source.is_file():
        raise BackupError(f"There is no database at {source} to back up.")
    try:
        # refuses a file that is not ours or is damaged; rolls back a save a crash left half done
        check = schema_version.check_database(source)
    except WsoaError as exc:
        raise BackupError(f"{exc} No backup was made.") from exc
    if check.revision is None:
        raise BackupError(f"{source} holds no WSOA Desktop data (it is empty), so there is nothing to "
                          "back up. Check the database's name; no backup was made.")
    _check_folder(folder)
    return _finish_backup(source, folder, check.notice, name or source.name.split(".")[0] or source.stem,
                          keep_last, now)


def _finish_backup(source: Path | ServerAddress, folder: Path, notice: str | None, base: str,
                   keep_last: int | None, now: datetime | None) -> BackupResult:
    """Snapshot ``source`` on local disk, copy it to ``folder``, check the copy, then name it."""
    when = (now or datetime.now()).replace(microsecond=0)
    workdir = Path(tempfile.mkdtemp(prefix="wsoa-backup-"))
    dest_tmp: Path | None = None
    side_tmp: Path | None = None
    final: Path | None = None
    try:
        local = workdir / "snapshot.db"
        try:
            if isinstance(source, ServerAddress):
                from wsoa_desktop.services.server_copy import snapshot_server

                revision: str | None
                revision, held = snapshot_server(source, local)
                _check_copy(local, source, revision, held)
            else:
                revision, held = snapshot(source, local)
            digest, size = sha256_of(local), local.stat().st_size
        except OSError as exc:
            raise BackupError(f"Could not make the snapshot on this computer's disk "
                              f"({exc.strerror or exc}). Free some space and try again.") from exc

        try:
            fd, tmp_name = tempfile.mkstemp(prefix=".wsoa-backup-", suffix=".part", dir=folder)
            os.close(fd)
            dest_tmp = Path(tmp_name)
        except OSError as exc:
            raise _dest_error(exc, folder, "create") from exc
        try:
            _copy_to(local, dest_tmp)
        except OSError as exc:
            raise _dest_error(exc, folder, "copy") from exc
        try:
            copied_size, copied_digest = dest_tmp.stat().st_size, sha256_of(dest_tmp)
        except OSError as exc:
            raise _dest_error(exc, folder, "copy") from exc
        if copied_size != size or copied_digest != digest:
            raise BackupError(f"The copy in {folder} did not match the snapshot (the drive may have "
                              "dropped out). Try again; no backup was written.")
        _check_copy(dest_tmp, source, revision, held)

        n = 0
        while True:
            final = folder / backup_name(base, when, n)
            if not final.exists() and not checksum_path(final).exists():
                break
            n += 1
        try:
            fd, side_name = tempfile.mkstemp(prefix=".wsoa-backup-", suffix=".sha256.part", dir=folder)
            side_tmp = Path(side_name)  # known before writing, so a failed write never leaves it behind
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
                f.write(f"{digest}  {final.name}\n")
            _readable(dest_tmp, side_tmp)
            os.replace(dest_tmp, final)
            dest_tmp = None
            os.replace(side_tmp, checksum_path(final))
            side_tmp = None
        except OSError as exc:
            _unlink_quietly(final)
            raise _dest_error(exc, folder, "rename") from exc
    except BaseException:
        _unlink_quietly(dest_tmp, side_tmp)
        raise
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    pruned, problems = prune_backups(folder, base, keep_last) if keep_last else ([], [])
    return BackupResult(final, digest, size, when, pruned, problems, held, notice)


def prune_backups(folder: Path, name: str, keep_last: int) -> tuple[list[Path], list[str]]:
    """Delete all but the newest ``keep_last`` backups of ``name`` (and their sidecars).

    A file that cannot be deleted is reported, never fatal: the new backup is safe.
    """
    keep_last = max(1, int(keep_last))
    backups = list_backups(folder, name)
    removed: list[Path] = []
    problems: list[str] = []
    for old in backups[:-keep_last]:
        try:
            old.unlink()
            checksum_path(old).unlink(missing_ok=True)
            removed.append(old)
        except OSError as exc:
            problems.append(f"Could not delete the old backup {old.name}: {exc.strerror or exc}.")
    return removed, problems
