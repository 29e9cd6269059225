"""``backup DIR``, ``verify FILE`` and ``restore FILE``.

Each prints plain lines on success and one line on stderr (exit 1) on failure;
a failure leaves no temporary file behind and the current database unchanged.
"""

from __future__ import annotations

import argparse
import functools
from collections.abc import Callable
from pathlib import Path

from wsoa_desktop.cli import (
    CommandError,
    add_db_option,
    check_new_database_folder,
    database_path,
    existing_database_path,
)
from wsoa_desktop.store.server_address import ServerAddress


def _one_line(handler: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Whatever SQLite says goes out as one plain line (exit 1), never as a traceback."""
    @functools.wraps(handler)
    def run(args: argparse.Namespace) -> int:
        import sqlite3

        try:
            return handler(args)
        except sqlite3.Error as exc:
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise CommandError(f"{args.command} stopped: SQLite said \"{reason}\". Nothing was changed; "
                               "close other programs using the file and try again.") from exc
    return run


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("backup", help="write a verified snapshot <name>-YYYY-MM-DD-HHMMSS.wsoa.db "
                                      "(+ .sha256) into DIR")
    p.add_argument("folder", metavar="DIR", nargs="?",
                   help="backup folder (default: $WSOA_BACKUP_DIR, else backup_folder in wsoa-desktop.ini)")
    p.add_argument("--keep", type=int, metavar="N",
                   help="keep only the newest N backups of this database in DIR (pruned after the new "
                        "one is verified)")
    add_db_option(p)
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("verify", help="is this a usable WSOA Desktop backup? (shows what it holds)")
    p.add_argument("file", metavar="FILE")
    add_db_option(p)
    p.set_defaults(handler=cmd_verify)

    p = sub.add_parser("restore", help="verify FILE, keep a safety copy of the current database, swap in "
                                       "(or load it into a server database)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--replace", action="store_true",
                   help="a server database that already holds plans: replace them all with the backup's")
    add_db_option(p)
    p.set_defaults(handler=cmd_restore)


@_one_line
def cmd_backup(args: argparse.Namespace) -> int:
    from wsoa_desktop.services.backup import backup_database
    from wsoa_desktop.services.database_place import place_warning

    db = existing_database_path(args)
    if args.keep is not None and args.keep < 1:
        raise CommandError("--keep must be 1 or more.")
    if isinstance(db, ServerAddress):
        from wsoa_desktop.store.database import open_store

        open_store(db, create=False).close()  # reachable, set up, and at this build's schema
    result = backup_database(db, _backup_folder(args), keep_last=args.keep)
    print(f"Backed up to {result.path}")
    print(f"SHA-256 {result.sha256} ({result.size:,} bytes), verified in the backup folder.")
    for plan in result.plans:
        print(f"Checked plan {plan.id}: {plan.priorities} priorities, {plan.actions} actions and sub-actions, "
              f"{plan.ratings} ratings, the same as in the database.")
    for old in result.pruned:
        print(f"Removed old backup {old.name}")
    for problem in result.prune_problems:
        print(problem)
    warning = place_warning(db) if isinstance(db, Path) else None
    if warning:
        print(f"Warning: {warning}")
    return 0


def _backup_folder(args: argparse.Namespace) -> Path:
    """DIR when given, else the site's default backup folder (set by IT, see site_config)."""
    if args.folder:
        return Path(args.folder)
    from wsoa_desktop.site_config import default_backup_folder

    folder = default_backup_folder()
    if folder is None:
        raise CommandError("Say where to back up: wsoa-desktop backup DIR (or set WSOA_BACKUP_DIR, or "
                           "backup_folder in wsoa-desktop.ini beside the program).")
    return folder


@_one_line
def cmd_verify(args: argparse.Namespace) -> int:
    from wsoa_desktop.services.restore import verify_backup

    report = verify_backup(Path(args.file))
    if not report.ok:
        raise CommandError(report.problems[0])
    for line in report.summary_lines():
        print(line)
    print("OK: this backup can be restored.")
    return 0


@_one_line
def cmd_restore(args: argparse.Namespace) -> int:
    from wsoa_desktop.services.restore import restore_backup

    live = database_path(args)
    if isinstance(live, Path) and not live.exists():  # onto a new computer: the folder must be there (or be ours)
        check_new_database_folder(live)
    from wsoa_desktop.services.server_copy import ReplaceNeeded

    try:
        result = restore_backup(Path(args.file), live, replace=args.replace)
    except ReplaceNeeded as exc:
        raise CommandError(f"{exc} Add --replace to replace them.") from exc
    for line in result.report.summary_lines():
        print(line)
    if result.safety_copy:
        print(f"The previous database was kept as {result.safety_copy}")
    if result.safety_extras:
        print("Keep " + ", ".join(p.name for p in result.safety_extras) + " beside it: it holds a save that "
              "a crash left half done, which SQLite will undo when the copy is opened.")
    print(f"Restored {Path(args.file).name} into {live}")
    return 0
