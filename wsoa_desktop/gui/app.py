"""Application start-up: open the database, offer the sample on first run, show the window.

Start-up is kept lean: only what the first window shows is imported, so the
window appears about as soon as PySide6 and SQLModel are loaded. Set
``WSOA_BENCH_EXIT_AFTER_SHOWN=1`` to print the seconds since process start once
the window is shown, and quit (used by the start-up benchmark).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from wsoa_desktop import APP_NAME
from wsoa_desktop.domain.errors import WsoaError

BENCH_ENV = "WSOA_BENCH_EXIT_AFTER_SHOWN"


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


def open_or_ask(path: Path, parent=None):  # type: ignore[no-untyped-def]
    """Open (and lock) the database at ``path``; on a refusal, say why and offer another file.

    Returns (store, lock), or (None, None) when the officer gives up.
    """
    from wsoa_desktop.gui.database_lock import DatabaseLock
    from wsoa_desktop.store.database import open_store

    while True:
        lock = DatabaseLock(path)
        try:
            lock.acquire()
            try:
                return open_store(path), lock
            except WsoaError:
                lock.release()
                raise
        except WsoaError as exc:
            box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, str(exc),
                              QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel, parent)
            box.setInformativeText("Choose another database file, or cancel.")
            if box.exec() != QMessageBox.StandardButton.Open:
                return None, None
            chosen, _ = QFileDialog.getOpenFileName(parent, "Open a WSOA database", str(path.parent),
                                                    "WSOA databases (*.db *.sqlite);;All files (*)")
            if not chosen:
                return None, None
            path = Path(chosen)


def offer_sample(store, parent=None) -> None:  # type: ignore[no-untyped-def]
    """First run: an empty database offers the bundled Rotherham sample plan."""
    from wsoa_desktop.services.sample import add_sample

    answer = QMessageBox.question(
        parent, APP_NAME,
        "This database holds no plan yet.\n\nLoad the bundled Rotherham sample plan to explore the app? "
        "(You can add your own plan with File ▸ New plan at any time.)")
    if answer == QMessageBox.StandardButton.Yes:
        try:
            add_sample(store)
        except WsoaError as exc:
            QMessageBox.warning(parent, APP_NAME, str(exc))


def run(db_path: Path) -> int:
    started = process_start_time()
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    from wsoa_desktop.gui.main_window import MainWindow
    from wsoa_desktop.gui.settings import Settings

    settings = Settings()
    store, lock = open_or_ask(Path(db_path))
    if store is not None:
        settings.add_recent_database(str(store.path))
        from wsoa_desktop.services.plans import list_plans

        if not list_plans(store) and not os.environ.get(BENCH_ENV):
            offer_sample(store)
    window = MainWindow(store, settings)
    window.database_lock = lock
    window.show()
    if not os.environ.get(BENCH_ENV):
        window.tell_notices()
    if os.environ.get(BENCH_ENV):
        def report() -> None:
            print(f"{time.time() - started:.3f}", flush=True)
            window.close()
            app.quit()
        QTimer.singleShot(0, report)
    return app.exec()
