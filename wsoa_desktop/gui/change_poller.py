"""Notice what other officers saved, and show it without losing the officer's place or typing.

Every few seconds, while the officer is idle (no dialog open in front of the
window), the database's change stamp (:mod:`wsoa_desktop.services.change_stamp`)
is read in a worker thread — a read may wait a moment while another program
commits, and the window must never freeze for it. When someone else has saved
since the window last looked, the window re-reads the plan keeping the
selection, the scroll position and any round being typed
(:meth:`MainWindow.refresh_from_others`), and the status bar says
"Updated: 3 changes by Ben Hall". The window's own saves move the stamp too;
they are recognised by the officer's name and change nothing on screen.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QApplication

from wsoa_desktop.services.change_stamp import OthersChanges, changes_since, read_stamp

if TYPE_CHECKING:
    from wsoa_desktop.gui.main_window import MainWindow
    from wsoa_desktop.store.database import Store

log = logging.getLogger(__name__)

#: How often the window looks for others' changes (milliseconds).
POLL_INTERVAL_MS = 3000


class _Signals(QObject):
    done = Signal(object, object)  # (the store asked, OthersChanges) or (store, None) on failure


class _Look(QRunnable):
    def __init__(self, store: Store, plan_id: int, stamp: int, me: str, signals: _Signals) -> None:
        super().__init__()
        self.store, self.plan_id, self.stamp, self.me, self.signals = store, plan_id, stamp, me, signals

    def run(self) -> None:
        try:
            found: OthersChanges | None = changes_since(self.store, self.plan_id, self.stamp, self.me)
        except Exception:  # a busy or vanished file: look again next time
            log.debug("change stamp not read", exc_info=True)
            found = None
        self.signals.done.emit(self.store, found)


class ChangePoller(QObject):
    """Looks for others' changes to the window's plan; calls ``window.refresh_from_others``."""

    def __init__(self, window: MainWindow, interval_ms: int = POLL_INTERVAL_MS) -> None:
        super().__init__(window)
        self.window = window
        self.stamp: int | None = None
        self._store: Store | None = None
        self._busy = False
        self._signals = _Signals(self)
        self._signals.done.connect(self._looked)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self.timer = QTimer(self)
        self.timer.setObjectName("changePoller")
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.look)
        self.timer.start()

    def rebase(self) -> None:
        """The window has just read the plan: what is saved now is what it shows."""
        store = self.window.store
        self._store = store
        self.stamp = None
        if store is not None:
            try:
                self.stamp = read_stamp(store)
            except Exception:
                log.debug("change stamp not read", exc_info=True)

    def idle(self) -> bool:
        """No dialog in front of the window (the officer may be typing in it)."""
        return QApplication.activeModalWidget() is None

    def look(self) -> None:
        """Start one look in the worker (skipped while a look is under way or the officer is busy)."""
        store, plan_id = self.window.store, self.window.plan_id
        if self._busy or store is None or plan_id is None or not self.idle():
            return
        if store is not self._store or self.stamp is None:
            self.rebase()
            return
        self._busy = True
        self._pool.start(_Look(store, plan_id, self.stamp, self.window.user_name(), self._signals))

    def wait(self, msecs: int = 5000) -> bool:
        """Let a look under way finish (tests, closing the window)."""
        return self._pool.waitForDone(msecs)

    def _looked(self, store: Store, found: OthersChanges | None) -> None:
        self._busy = False
        if found is None or store is not self.window.store or store is not self._store:
            return
        if self.stamp is not None and found.stamp <= self.stamp:
            return
        if not found.by_others:
            self.stamp = found.stamp  # only this officer's own saves: already on screen
            return
        if not self.idle():
            return  # a dialog opened meanwhile: look again when it is closed
        self.window.refresh_from_others(found.summary())
        self.stamp = found.stamp
