"""Application start-up: open the database, offer the sample on first run, show the window.

Start-up is kept lean: only what the first window shows is imported, so the
window appears about as soon as PySide6 and SQLModel are loaded. Set
``WSOA_BENCH_EXIT_AFTER_SHOWN=1`` to print the seconds since process start once
the window is shown, and quit (used by the start-up benchmark and the bundle's check).

An error nobody expected, raised in any slot or thread, reaches :class:`ErrorReporter`:
its traceback goes to the log (without the officer's text), and a message names the
log file. Every change is one transaction, so the change in progress was not saved
and the database is as it was; the window stays open.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from wsoa_desktop import APP_NAME
from wsoa_desktop.domain.errors import WsoaError
from wsoa_desktop.gui import messages
from wsoa_desktop.paths import resource_path
from wsoa_desktop.store.server_address import ServerAddress

if TYPE_CHECKING:
    from wsoa_desktop.gui.database_lock import DatabaseLock
    from wsoa_desktop.gui.main_window import MainWindow
    from wsoa_desktop.store.database import Store

BENCH_ENV = "WSOA_BENCH_EXIT_AFTER_SHOWN"

SAMPLE_QUESTION = ("This database holds no plan yet.\n\nLoad the bundled Rotherham sample plan to explore the "
                   "app? (You can add your own plan with File ▸ New plan at any time.)")
LOAD_SAMPLE = "&Load the sample plan"
ICON = ("icons", "wsoa-desktop.png")


class ErrorReporter(QObject):
    """``sys.excepthook`` for the window: log the traceback, then tell the officer on the GUI thread."""

    raised = Signal(str, str)  # the error's type name, the log file ("" when none could be written)

    def __init__(self) -> None:
        super().__init__()
        self.showing = False
        self.raised.connect(self._tell)  # queued when raised on a worker thread

    def __call__(self, kind: type[BaseException], exc: BaseException,
                 tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        from wsoa_desktop.app_log import log_unexpected

        log_path = log_unexpected(exc, "the window", tb)
        self.raised.emit(kind.__name__, str(log_path or ""))

    def _tell(self, kind: str, log_path: str) -> None:
        if self.showing:  # one message at a time; later errors are in the log too
            return
        where = (f"Details for IT are in the log file:\n{log_path}" if log_path
                 else "No log file could be written.")
        self.showing = True
        try:
            messages.warn(QApplication.activeWindow(),
                          f"{APP_NAME} met an error it did not expect ({kind}) and stopped what it was "
                          "doing. Everything saved before is safe: each change is saved whole or not at "
                          f"all, so the change in progress was not saved.\n\n{where}")
        finally:
            self.showing = False


def install_error_reporter() -> ErrorReporter:
    """Route unexpected errors from slots (``sys.excepthook``) and threads to the reporter."""
    reporter = ErrorReporter()
    sys.excepthook = reporter
    threading.excepthook = lambda a: reporter(a.exc_type, a.exc_value or a.exc_type(), a.exc_traceback)
    return reporter


def process_start_time() -> float:
    """Seconds since the epoch when this process started (Linux /proc; else now)."""
    try:
        with open("/proc/self/stat", encoding="ascii") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        start_ticks = int(fields[19])
        hz = os.sysconf("SC_CLK_TCK")
        with open("/proc/uptime", encoding="ascii") as f:
            uptime = float(f.read().split()[0])
        return time.time() - uptime + start_ticks / hz
    except (OSError, ValueError, IndexError):
        return time.time()


def open_or_ask(path: Path | str | ServerAddress, parent: QWidget | None = None, *,
                user: str = "") -> tuple[Store, DatabaseLock | None] | tuple[None, None]:
    """Start-up: open (and lock) the database at ``path``, asking what ``database_opening`` asks.

    On a refusal, say why and offer another file. Returns (store, lock), or
    (None, None) when the officer declines or gives up: the window then opens
    with no database, and File ▸ Open database… / New database… are there.
    """
    from wsoa_desktop.gui.database_opening import open_database_file
    from wsoa_desktop.paths import is_address

    while True:
        try:
            opened = open_database_file(parent, path, user=user)
            return opened if opened is not None else (None, None)
        except WsoaError as exc:
            if not messages.confirm(parent, f"{exc}\n\nChoose another database file?", yes="Open another…"):
                return None, None
            start = Path(path).parent if isinstance(path, (Path, str)) and not is_address(path) else Path.home()
            chosen = messages.choose_open_file(parent, "Open a WSOA database",
                                               "WSOA databases (*.db *.sqlite);;All files (*)", str(start))
            if not chosen:
                return None, None
            path = Path(chosen)


def offer_sample(store: Store, parent: QWidget | None = None) -> None:
    """First run: an empty database offers the bundled Rotherham sample plan."""
    from wsoa_desktop.services.sample import add_sample

    if messages.confirm(parent, SAMPLE_QUESTION, yes=LOAD_SAMPLE):
        try:
            add_sample(store)
        except WsoaError as exc:
            messages.warn(parent, str(exc))


def configure_application(app: QCoreApplication) -> None:
    """Names QSettings and dialogs use. The display name is deliberately left unset: Qt would
    append it to every window title ("WSOA Desktop — plan — WSOA Desktop"), and the main
    window's title already says "WSOA Desktop — <plan title>" once."""
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)


def prepare_application(app: QApplication) -> ErrorReporter:
    """Names, the app icon (window and taskbar) and the error reporter, before any window opens."""
    configure_application(app)
    app.setWindowIcon(QIcon(str(resource_path(*ICON))))
    return install_error_reporter()


def _application() -> QApplication:
    running = QApplication.instance()
    return running if isinstance(running, QApplication) else QApplication(sys.argv)


def run(db_path: Path | str | ServerAddress, *, named: bool = True) -> int:
    started = process_start_time()
    app = _application()
    reporter = prepare_application(app)
    try:
        window = open_window(db_path, named=named)
    except Exception as exc:  # before the event loop: the same message, then stop
        reporter(type(exc), exc, exc.__traceback__)
        from wsoa_desktop.cli import EXIT_UNEXPECTED

        return EXIT_UNEXPECTED
    if os.environ.get(BENCH_ENV):
        def report() -> None:
            print(f"{time.time() - started:.3f}", flush=True)
            window.removeEventFilter(window.backup_area.exit_offer)  # timed start-up: quit, offer nothing
            window.close()
            app.quit()
        QTimer.singleShot(0, report)
    return app.exec()


def refuse_to_start(text: str) -> int:
    """Say why the window cannot open (the windowed program has no console to print to)."""
    app = _application()
    prepare_application(app)
    messages.warn(None, text)
    return 1


def open_window(db_path: Path | str | ServerAddress, *, named: bool = True) -> MainWindow:
    """Open the database (offering the sample when it is empty) and show the main window.

    When the officer named no database (no ``--db``, no ``WSOA_DB``), the shared
    server database chosen in Preferences is the one opened, if there is one.
    """
    from wsoa_desktop.gui.main_window import MainWindow
    from wsoa_desktop.gui.settings import Settings

    settings = Settings()
    server = str(settings.get("paths/server_database")).strip()
    if not named and server:
        db_path = server
    store, lock = open_or_ask(db_path, user=str(settings.get("user/display_name")))
    if store is not None:
        settings.add_recent_database(store.location)
        from wsoa_desktop.app_log import log
        from wsoa_desktop.services.plans import list_plans

        plans = list_plans(store)
        log.info("window opened a database holding %d plan(s)", len(plans))
        if not plans and not os.environ.get(BENCH_ENV):
            offer_sample(store)
    window = MainWindow(store, settings, lock=lock)
    if store is None:
        window.show_status("No database open: use File ▸ Open database… or File ▸ New database…")
    window.show()
    if not os.environ.get(BENCH_ENV):
        window.tell_notices()
    return window
