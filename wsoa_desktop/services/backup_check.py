"""Is this file a usable WSOA Desktop backup, and what does it hold? (``verify``; also run by a restore.)

A backup is read *immutable* (:mod:`wsoa_desktop.store.sqlite_address`): SQLite
then takes no locks and creates no ``-wal``/``-shm``/``-journal`` beside it, so
verifying never leaves a file on the shared drive, never changes the backup, and
checks exactly the bytes a restore copies. Every table, column and safeguard
the backup's own schema revision must have is checked
(:func:`wsoa_desktop.store.schema_version.missing_parts`): an older backup is
still restorable (it is migrated when opened), a damaged one is refused.
Problems are listed in plain words, each naming the file and what to do.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from wsoa_desktop.domain.errors import WsoaError
from wsoa_desktop.services.backup import plain_error, read_checksum, sha256_of
from wsoa_desktop.services.backup_contents import PlanHeld, last_change, plans_held
from wsoa_desktop.store import schema_version, sqlite_address

SQLITE_MAGIC = b"SQLite format 3\x00"


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
    wal_mode: bool = False  # written in WAL mode: made a single file when restored

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
                         f"and sub-actions, {p.ratings} ratings; last period: {p.last_period or 'none'}")
        if self.ok and not self.plans:
            lines.append("Plans: none (an empty database)")
        if self.last_change:
            lines.append(f"Last change: {self.last_change:%d %B %Y %H:%M} UTC")
        for problem in self.problems:
            lines.append(f"Problem: {problem}")
        return lines


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
    report.wal_mode = header[18:20] == b"\x02\x02"
    beside = _unfinished_beside(path, report.wal_mode)
    if beside:
        report.problems.append(beside)
        return report
    recorded = expected_sha256 if expected_sha256 is not None else read_checksum(path)
    if recorded is not None:
        report.checksum = "matches" if recorded == report.sha256 else "mismatch"
        if report.checksum == "mismatch":
            report.problems.append(f"{path.name} does not match its checksum: it was damaged or changed "
                                   "after it was made. Choose an earlier backup.")
    try:
        con = sqlite_address.connect(path, immutable=True)
        try:
            _read_backup(con, report)
        finally:
            con.close()
    except WsoaError as exc:
        report.problems.append(str(exc))
    except sqlite3.Error as exc:
        report.problems.append(f"{path.name} is damaged or incomplete ({plain_error(exc)}). Choose an earlier backup.")
    return report


def _read_backup(con: sqlite3.Connection, report: BackupReport) -> None:
    """Revision, integrity, schema and contents of the backup open (immutable) on ``con``."""
    path = report.path
    report.revision = schema_version.read_revision_from(con, path)
    if report.revision is None:
        report.problems.append(f"{path.name} is not a WSOA Desktop backup (it holds no plan tables). "
                               "Choose another file.")
        return
    report.needs_migration = report.revision != schema_version.HEAD
    result = [r[0] for r in con.execute("PRAGMA integrity_check").fetchall()]
    if result != ["ok"]:
        report.problems.append(f"{path.name} is damaged (SQLite integrity check: {result[0]}). "
                               "Choose an earlier backup.")
        return
    missing = schema_version.missing_parts(con, report.revision)
    if missing:
        report.problems.append(
            f"{path.name} is not a complete WSOA Desktop backup: {schema_version.describe_missing(missing)} "
            "is missing, so it cannot be restored. Choose an earlier backup.")
        return
    report.plans = plans_held(con)
    report.last_change = last_change(con)


def _unfinished_beside(path: Path, wal_mode: bool) -> str | None:
    """A journal or WAL beside a backup means the file alone is not the whole database."""
    if schema_version.has_hot_journal(path):
        return (f"{path.name} was being changed when it was copied ({path.name}-journal is beside it), so "
                "it may be half-written. Choose another backup.")
    wal = path.with_name(path.name + "-wal")
    try:
        pending = wal_mode and wal.stat().st_size > 0
    except OSError:
        pending = False
    if pending:
        return (f"{path.name} keeps part of its data in {wal.name} beside it, so the file alone is not the "
                "whole database. Choose another backup (WSOA Desktop's own backups are single files).")
    return None
