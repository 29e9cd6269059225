"""The command line: the same services as the desktop app, from a terminal.

``python main.py [--db PATH|postgresql://…] COMMAND …``. Without a command it opens the app.
Nothing here imports Qt; each command imports what it needs when it runs, so a
report or an export starts quickly. Errors a person can cause print one line on
stderr and exit non-zero (1). An error nobody expected prints one line too, naming
the log file that holds its traceback, and exits with ``EXIT_UNEXPECTED``; the change
it interrupted was one transaction, so it was not saved and the database is as it was.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from wsoa_desktop import APP_NAME, __version__
from wsoa_desktop.domain.errors import WsoaError
from wsoa_desktop.store.server_address import Location, ServerAddress

if TYPE_CHECKING:
    from wsoa_desktop.store.database import Store

#: Modules that add commands: each has ``register(subparsers)``.
COMMAND_MODULES = (
    "wsoa_desktop.commands.plan_commands",
    "wsoa_desktop.commands.round_commands",
    "wsoa_desktop.commands.report_commands",
    "wsoa_desktop.commands.backup_commands",
    "wsoa_desktop.commands.import_commands",
    "wsoa_desktop.commands.governance_commands",
    "wsoa_desktop.commands.measure_commands",
)


#: Exit status for an error nobody expected (BSD's EX_SOFTWARE), apart from 1 for a refusal.
EXIT_UNEXPECTED = 70


class CommandError(WsoaError):
    """A command-line mistake, reported in one line."""


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a mistake is one line on stderr and exit status 1, like every other error.

    argparse's own way (the usage block, then the error, status 2) buries the one
    line that says what is wrong; the usage is a ``--help`` away.
    """

    def error(self, message: str) -> NoReturn:  # noqa: D102 - argparse's hook
        self.exit(1, f"{self.prog}: {message} (see '{self.prog} --help').\n")


def build_parser() -> argparse.ArgumentParser:
    import importlib

    parser = OneLineParser(
        prog="wsoa-desktop",
        description=f"{APP_NAME}: keep a local area's SEND Written Statement of Action.",
    )
    parser.add_argument("--db", metavar="PATH",
                        help="database file, or a shared server's postgresql://user@host:port/dbname "
                             "(default: $WSOA_DB, else the per-user data folder)")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def add_plan_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--plan", metavar="ID", help="plan id or title (when the database holds several)")


def add_db_option(p: argparse.ArgumentParser) -> None:
    """``--db`` is accepted after the command too (``wsoa-desktop plans --db x.db``)."""
    p.add_argument("--db", dest="sub_db", metavar="PATH", help=argparse.SUPPRESS)


def database_path(args: argparse.Namespace) -> Location:
    """The database ``--db``/``WSOA_DB``/the default names: an absolute path, or a server address."""
    from wsoa_desktop.paths import resolve_database_path

    return resolve_database_path(getattr(args, "sub_db", None) or args.db)


def db_command(path: Location, command: str) -> str:
    """``wsoa-desktop --db PATH COMMAND``, ready to paste (the path quoted when it has spaces)."""
    text = str(path)
    quoted = f'"{text}"' if any(c.isspace() for c in text) or "'" in text else text
    return f"wsoa-desktop --db {quoted} {command}"


def existing_database_path(args: argparse.Namespace) -> Location:
    """The database path, which must be an existing file: commands other than
    ``init``, ``sample`` and ``import`` never create a database (a typo in ``--db``
    must not leave an empty one behind). A server address is checked when it is
    opened (:func:`~wsoa_desktop.store.database.open_store` with ``create=False``)."""
    path = database_path(args)
    if isinstance(path, ServerAddress):
        return path
    if not path.exists():
        raise CommandError(f"There is no database at {path}. Create one with '{db_command(path, 'init')}', "
                           "or check the path.")
    if path.is_dir():
        raise CommandError(f"{path} is a folder. Give a database file name such as plan.db.")
    return path


def open_database(args: argparse.Namespace) -> Store:
    """Open the existing database (see :func:`existing_database_path`)."""
    from wsoa_desktop.store.database import open_store

    return open_store(existing_database_path(args), create=False)


def check_new_database_folder(path: Path) -> None:
    """A new database goes into a folder that exists: folders are never made by accident.

    The one exception is the app's own per-user data folder (the default database's
    home), which nobody could be expected to create by hand.
    """
    from wsoa_desktop.paths import is_default_data_folder

    folder = path.parent
    if folder.is_dir():
        return
    if is_default_data_folder(folder):
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CommandError(f"Cannot create the data folder {folder}: {exc.strerror or exc}.") from exc
        return
    raise CommandError(f"The folder {folder} does not exist, so no database was created. Check the path, "
                       "or create the folder first.")


def open_or_create_database(args: argparse.Namespace) -> Store:
    """For the commands that may make a new database (``init``, ``sample``, ``import``)."""
    from wsoa_desktop.store.database import open_store

    path = database_path(args)
    if isinstance(path, Path) and not path.exists():
        check_new_database_folder(path)
    return open_store(path)


def _print_notices() -> None:
    """Notices for the officer (a crash recovered on opening) go to stderr, one line each."""
    import logging

    from wsoa_desktop.store.schema_version import NOTICE_LOGGER

    class StderrNotice(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            print(f"wsoa-desktop: {record.getMessage()}", file=sys.stderr)

    log = logging.getLogger(NOTICE_LOGGER)
    if not any(type(h).__name__ == "StderrNotice" for h in log.handlers):
        log.addHandler(StderrNotice())
        log.propagate = False


def _ensure_streams() -> None:
    """The windowed Windows program has no console: give print() somewhere harmless to go."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))


def main(argv: Sequence[str] | None = None) -> int:
    _ensure_streams()
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    _print_notices()
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    from wsoa_desktop import app_log

    what = "window" if handler is None else f"command {args.command}"
    app_log.start_logging("window" if handler is None else "command line")
    started = time.perf_counter()
    status = EXIT_UNEXPECTED
    try:
        if handler is None:
            from wsoa_desktop.app_launcher import launch, refuse_to_start

            try:
                db = database_path(args)
            except WsoaError as exc:  # e.g. a broken wsoa-desktop.ini: the window says so too
                print(f"wsoa-desktop: {exc}", file=sys.stderr)
                status = refuse_to_start(str(exc))
                return status
            from wsoa_desktop.paths import DB_ENV_VAR

            named = bool(getattr(args, "sub_db", None) or args.db is not None
                         or os.environ.get(DB_ENV_VAR, "").strip())
            status = launch(db, named=named)
        else:
            status = int(handler(args) or 0)
        return status
    except WsoaError as exc:
        # The message may quote the officer's text: the log keeps only that a refusal happened.
        app_log.log.info("%s refused (%s)", what, type(exc).__name__)
        hint = getattr(exc, "command_hint", "")
        not_set_up = getattr(exc, "address", None)  # an empty server database (store.database.NotSetUp)
        if isinstance(not_set_up, ServerAddress) and not hint:
            hint = f"Set it up with '{db_command(not_set_up, 'init')}', or check the address."
        print(f"wsoa-desktop: {exc}" + (f" {hint}" if hint else ""), file=sys.stderr)
        status = 1
        return status
    except KeyboardInterrupt:
        print("wsoa-desktop: interrupted; nothing more was changed.", file=sys.stderr)
        status = 130
        return status
    except OSError as exc:
        app_log.log.info("%s stopped by the operating system (%s)", what, type(exc).__name__)
        print(f"wsoa-desktop: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        status = 1
        return status
    except Exception as exc:  # the top-level handler: one line for the officer, the traceback for IT
        log_path = app_log.log_unexpected(exc, what)
        where = f"details are in {log_path}" if log_path else "no log file could be written"
        print(f"wsoa-desktop: unexpected error ({type(exc).__name__}); the change in progress was not "
              f"saved and the database is as it was before; {where}.", file=sys.stderr)
        return EXIT_UNEXPECTED
    finally:
        app_log.log.info("%s finished with exit status %s in %.2f s", what, status,
                         time.perf_counter() - started)


if __name__ == "__main__":
    raise SystemExit(main())
