"""The app's log: a small rotating file in the per-user log folder, kept free of the plan's text.

When something goes wrong on a council laptop, IT needs to know what the app was doing
and where it failed — not what the officer wrote. A WSOA's progress updates can name
children, families and staff, so the log holds events, counts and refs only:

- messages logged by the app are its own fixed wording (events and counts);
- a traceback keeps its frames (file, line, function, the line of code) and the
  exception's type, but the exception's message is withheld — messages from SQLAlchemy,
  ReportLab or the importers can quote the very text being saved, printed or read.
  Only messages known to carry no document text are kept: an operating-system error's
  reason and errno (not the file's name), SQLite's own error text, and the name of a
  module that failed to import.

The file is ``wsoa-desktop.log`` (1 MB, then rotated, five old files kept) in
``platformdirs.user_log_dir`` (``%LOCALAPPDATA%\\WSOA Desktop\\Logs`` on Windows), or the
folder named by ``WSOA_LOG_DIR`` / ``log_folder`` in ``wsoa-desktop.ini``. The folder and
file are made only when the first line is written; if they cannot be, the app carries on
without a log rather than fail the officer's work.
"""

from __future__ import annotations

import logging
import logging.handlers
import sqlite3
import sys
import traceback
from pathlib import Path
from types import TracebackType

from wsoa_desktop import APP_NAME, __version__

LOG_FILE_NAME = "wsoa-desktop.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
#: The app's own events are logged at INFO; other libraries only from WARNING.
APP_LOGGERS = ("wsoa_desktop", "alembic.runtime.migration")
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d]: %(message)s"

log = logging.getLogger("wsoa_desktop")


def log_folder() -> Path:
    """The folder of the log file (``WSOA_LOG_DIR``, the site's ini, else the per-user log folder)."""
    from wsoa_desktop.site_config import SiteConfigError, load

    try:
        configured = load().log_folder
    except SiteConfigError:
        configured = None  # the command itself reports a broken ini; the log must still work
    if configured is not None:
        return configured
    from platformdirs import user_log_dir

    from wsoa_desktop.paths import APP_DIR_NAME

    return Path(user_log_dir(APP_DIR_NAME, appauthor=False))


def log_file() -> Path:
    return log_folder() / LOG_FILE_NAME


# -- what a traceback may say ---------------------------------------------------------------------

def _safe_message(exc: BaseException) -> str:
    """The part of an exception's message that cannot hold document text (often nothing)."""
    if isinstance(exc, OSError):
        # The file's name is left out too: officers name files after the people in them.
        parts = [p for p in (f"errno {exc.errno}" if exc.errno is not None else "", exc.strerror or "") if p]
        return ", ".join(parts)
    if isinstance(exc, ImportError):  # a module's name is the program's, never the officer's
        return f"module {exc.name}" if exc.name else ""
    if isinstance(exc, sqlite3.Error):
        return f"SQLite: {str(exc).splitlines()[0] if str(exc) else ''}".rstrip(": ")
    orig = getattr(exc, "orig", None)  # SQLAlchemy's wrapper: its own text quotes the SQL parameters
    if isinstance(orig, BaseException) and orig is not exc:
        inner = _safe_message(orig)
        return f"from {type(orig).__name__}" + (f" ({inner})" if inner else "")
    return ""


def safe_traceback(exc: BaseException) -> str:
    """The traceback of ``exc`` and its causes, with messages withheld (see the module docstring)."""
    # Outermost first; each earlier error carries the sentence that links it to the one after it.
    chain: list[tuple[BaseException, str]] = []
    current: BaseException | None = exc
    link = ""
    while current is not None and all(current is not seen for seen, _ in chain):
        chain.append((current, link))
        if current.__cause__ is not None:
            current, link = current.__cause__, "The above error was the direct cause of the following:"
        elif current.__context__ is not None and not current.__suppress_context__:
            current, link = current.__context__, "During handling of the above error, another happened:"
        else:
            current = None
    lines: list[str] = []
    for error, link_text in reversed(chain):  # oldest first, as Python prints them
        lines.append("Traceback (most recent call last):")
        for frame in traceback.extract_tb(error.__traceback__):
            lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
            if frame.line:
                lines.append(f"    {frame.line.strip()}")
        kept = _safe_message(error)
        message = str(error)
        withheld = f" [message withheld, {len(message):,} characters]" if message and not kept else ""
        lines.append(f"{type(error).__module__}.{type(error).__qualname__}"
                     f"{': ' + kept if kept else ''}{withheld}")
        if link_text:
            lines += ["", link_text, ""]
    return "\n".join(lines)


class PrivateFormatter(logging.Formatter):
    """Formats tracebacks with :func:`safe_traceback`, so ``log.exception`` anywhere is safe too."""

    def formatException(  # noqa: N802
            self, ei: tuple[type[BaseException], BaseException, TracebackType | None]
            | tuple[None, None, None]) -> str:
        exc = ei[1]
        return safe_traceback(exc) if isinstance(exc, BaseException) else ""

    def format(self, record: logging.LogRecord) -> str:
        # logging caches the first handler's traceback text on the record; another handler's
        # full traceback (messages and all) must never be reused here, nor ours leak to it.
        cached = record.exc_text
        record.exc_text = self.formatException(record.exc_info) if record.exc_info else None
        try:
            return super().format(record)
        finally:
            record.exc_text = cached


class QuietRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Makes its folder on the first line; a log that cannot be written is given up quietly."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True)
        self.failed = False

    def _open(self):  # type: ignore[no-untyped-def]
        Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        return super()._open()

    def emit(self, record: logging.LogRecord) -> None:
        if not self.failed:
            super().emit(record)

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802
        self.failed = True  # no "--- Logging error ---" on the officer's screen; carry on without a log


_handler: QuietRotatingFileHandler | None = None


def start_logging(kind: str) -> Path:
    """Send the app's log to the rotating file (again: replaces an earlier file); returns its path.

    ``kind`` says which program started ("command line", "window").
    """
    global _handler
    path = log_file()
    root = logging.getLogger()
    if _handler is not None:
        root.removeHandler(_handler)
        _handler.close()
    _handler = QuietRotatingFileHandler(path)
    _handler.setFormatter(PrivateFormatter(FORMAT))
    _handler.setLevel(logging.INFO)
    root.addHandler(_handler)
    if root.level > logging.WARNING or root.level == logging.NOTSET:
        root.setLevel(logging.WARNING)
    for name in APP_LOGGERS:
        logging.getLogger(name).setLevel(logging.INFO)
    frozen = "installed build" if getattr(sys, "frozen", False) else "from source"
    log.info("%s %s started (%s, %s, Python %s)", APP_NAME, __version__, kind, frozen,
             sys.version.split()[0])
    return path


def stop_logging() -> None:
    """Close the log file (tests, and before a restore swaps files)."""
    global _handler
    if _handler is not None:
        logging.getLogger().removeHandler(_handler)
        _handler.close()
        _handler = None


def current_log_file() -> Path | None:
    return Path(_handler.baseFilename) if _handler is not None else None


def log_unexpected(exc: BaseException, where: str,
                   tb: TracebackType | None = None) -> Path | None:
    """Write an unexpected error's (private) traceback to the log; returns the log file, if any."""
    if tb is not None and exc.__traceback__ is None:
        exc = exc.with_traceback(tb)
    log.error("Unexpected error in %s", where, exc_info=exc)
    if _handler is None or _handler.failed:
        return None
    return Path(_handler.baseFilename)
