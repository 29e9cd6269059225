"""Long work off the window's thread, so the window never freezes.

One mechanism for every slow job (a report's preview, save and print, backup,
verify, restore, import, export, publish):

- the job is a plain function ``work(control)`` run in a thread pool; it reads
  or writes through the services and never touches a widget;
- ``control.progress("Laying out page 40…")`` says how far it has got (and is
  where a Cancel is noticed); ``control.check()`` stops with :class:`Cancelled`
  when the officer pressed Cancel; ``control.commit_point()`` marks the step
  after which stopping is no longer safe (a write has begun): from there Cancel
  is greyed out and the job runs to its end;
- results, progress and errors come back to the window's thread as Qt signals,
  so the code that shows them runs where widgets live;
- :func:`run_in_worker` adds a progress dialog (shown only when the job takes
  more than a moment) with Cancel where cancelling is safe, and shows a failure
  in a message box — never only in a log.

SQLite: the store has one pooled connection. A job that reads a whole plan for
a report opens its own read-only connection (see ``reports.read_only_outline``);
a job that writes holds the pooled connection for its one transaction, while
the window-modal progress dialog keeps the officer from starting another edit.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from wsoa_desktop.domain.errors import WsoaError

log = logging.getLogger(__name__)

#: Progress messages closer together than this are dropped (the label cannot be read faster).
PROGRESS_INTERVAL = 0.05
#: A job quicker than this never shows its progress dialog (no flash on the screen).
SHOW_PROGRESS_AFTER_MS = 400


class Cancelled(Exception):
    """The officer pressed Cancel: the job stopped where it checked, keeping nothing."""


class JobControl:
    """What a job's function holds in its thread: say how far it has got, notice a Cancel."""

    def __init__(self, job: Job, *, cancellable: bool = True) -> None:
        self._job = job
        self._lock = threading.Lock()
        self._cancel_requested = False
        self._committed = not cancellable  # a job that may not stop is "committed" from the start
        self._last_progress = 0.0

    # -- called from the window's thread ----------------------------------------------------

    def request_cancel(self) -> bool:
        """Ask the job to stop; False when it is past its commit point and will finish."""
        with self._lock:
            if self._committed:
                return False
            self._cancel_requested = True
            return True

    # -- called from the job's thread -------------------------------------------------------

    @property
    def cancel_requested(self) -> bool:
        return self._cancel_requested

    def check(self) -> None:
        """Stop here (raise :class:`Cancelled`) if the officer pressed Cancel."""
        with self._lock:
            if self._cancel_requested and not self._committed:
                raise Cancelled

    def progress(self, text: str, done: int = 0, total: int = 0) -> None:
        """Say how far the job has got (``total`` 0: no count to show); a Cancel is noticed here."""
        self.check()
        now = time.monotonic()
        if now - self._last_progress >= PROGRESS_INTERVAL or (total and done >= total):
            self._last_progress = now
            self._job._progress.emit(text, done, total)

    def commit_point(self) -> None:
        """From here the job writes and must finish: a Cancel before now stops it, after now cannot."""
        with self._lock:
            if self._cancel_requested:
                raise Cancelled
            self._committed = True
        self._job._committed.emit()

    def deliver(self, value: object) -> None:
        """Hand the window a first part of the result (a preview's first pages) before the whole."""
        self.check()
        self._job._partial.emit(value)


class _FullCollectionsDeferred:
    """Hold off Python's full garbage collections while any job runs.

    A full collection holds the interpreter lock — every thread stops — for as long as it
    takes to walk every object. While a 5,000-row report is laid out in a worker that is
    100–300 ms at a time, the window's worst stalls. Young collections go on as usual; the
    full one comes after the job, when its objects are gone and it is quick.
    """

    NEVER = 1 << 30

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._holds = 0
        self._saved: tuple[int, int, int] | None = None

    def __enter__(self) -> None:
        with self._lock:
            if self._holds == 0:
                self._saved = gc.get_threshold()
                gc.set_threshold(self._saved[0], self._saved[1], self.NEVER)
            self._holds += 1

    def __exit__(self, *_exc: object) -> None:
        with self._lock:
            self._holds -= 1
            if self._holds == 0 and self._saved is not None:
                gc.set_threshold(*self._saved)
                self._saved = None


_FULL_COLLECTIONS_DEFERRED = _FullCollectionsDeferred()


class _Runnable(QRunnable):
    def __init__(self, job: Job) -> None:
        super().__init__()
        self.job = job
        self.setAutoDelete(True)

    def run(self) -> None:  # noqa: D102 - the worker thread's body
        job = self.job
        try:
            with _FULL_COLLECTIONS_DEFERRED:
                outcome: tuple[str, object] = ("ok", job.work(job.control))
        except Cancelled:
            outcome = ("cancelled", None)
        except WsoaError as exc:
            outcome = ("failed", exc)
        except Exception as exc:  # noqa: BLE001 - a bug must reach the officer, not kill the thread
            log.exception("%s failed", job.name)
            outcome = ("failed", exc)
        try:
            job._outcome.emit(*outcome)
        except RuntimeError:  # the app is closing and the job's object is gone: nobody to tell
            log.info("%s ended after the app closed", job.name)


def _pool() -> QThreadPool:
    pool = QThreadPool.globalInstance()
    if pool.maxThreadCount() < 4:  # a preview, a save and a print may overlap on a two-core laptop
        pool.setMaxThreadCount(4)
    return pool


#: Jobs still running (kept referenced until they finish, whatever the widgets that started them do).
_RUNNING: set[Job] = set()


class Job(QObject):
    """One piece of work in the thread pool. Its public signals arrive in the window's thread."""

    progressed = Signal(str, int, int)  # text, done, total (0: no count)
    partial = Signal(object)  # a first part of the result (JobControl.deliver)
    committed = Signal()  # the job has begun writing: Cancel no longer applies
    succeeded = Signal(object)  # the result
    failed = Signal(str)  # what went wrong, in plain words
    cancelled = Signal()
    finished = Signal()  # after any of the three above, and also for a discarded job

    # emitted from the worker thread; delivered (queued) to this object's thread
    _progress = Signal(str, int, int)
    _partial = Signal(object)
    _committed = Signal()
    _outcome = Signal(str, object)

    def __init__(self, work: Callable[[JobControl], Any], *, name: str = "the job",
                 cancellable: bool = True) -> None:
        super().__init__()
        self.work = work
        self.name = name
        self.control = JobControl(self, cancellable=cancellable)
        self.outcome: str | None = None  # "ok", "failed" or "cancelled" once finished
        self.result: Any = None
        self.error: BaseException | None = None
        self._discarded = False
        self._progress.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._partial.connect(self._on_partial, Qt.ConnectionType.QueuedConnection)
        self._committed.connect(self.committed, Qt.ConnectionType.QueuedConnection)
        self._outcome.connect(self._on_outcome, Qt.ConnectionType.QueuedConnection)

    @property
    def running(self) -> bool:
        return self in _RUNNING

    @property
    def discarded(self) -> bool:
        return self._discarded

    @property
    def message(self) -> str:
        """The failure as the officer reads it."""
        return error_text(self.error, self.name) if self.error is not None else ""

    def start(self) -> Job:
        _RUNNING.add(self)
        _pool().start(_Runnable(self))
        return self

    def cancel(self) -> bool:
        """Ask the job to stop; False once it has begun writing (it then finishes)."""
        return self.control.request_cancel()

    def discard(self) -> None:
        """Nobody wants the result any more (the dialog closed, newer options): stop if it may, and
        report nothing but ``finished``."""
        self._discarded = True
        self.control.request_cancel()

    @Slot(str, int, int)
    def _on_progress(self, text: str, done: int, total: int) -> None:
        if not self._discarded:
            self.progressed.emit(text, done, total)

    @Slot(object)
    def _on_partial(self, value: object) -> None:
        if not self._discarded:
            self.partial.emit(value)

    @Slot(str, object)
    def _on_outcome(self, outcome: str, value: object) -> None:
        self.outcome = outcome
        try:
            if outcome == "ok":
                self.result = value
            elif outcome == "failed":
                self.error = value if isinstance(value, BaseException) else None
            if not self._discarded:
                if outcome == "ok":
                    self.succeeded.emit(value)
                elif outcome == "failed":
                    self.failed.emit(self.message)
                else:
                    self.cancelled.emit()
            self.finished.emit()  # always, and last
        finally:
            _RUNNING.discard(self)  # after the callbacks: a job they start keeps idle() False


def error_text(exc: BaseException | None, what: str) -> str:
    """A worker's failure in plain words: our own errors say what to do; anything else is named."""
    if isinstance(exc, WsoaError):
        return str(exc)
    if isinstance(exc, OSError):
        return f"{what[:1].upper()}{what[1:]} did not finish: {exc.strerror or exc}. Check the file or folder and try again."
    return (f"{what[:1].upper()}{what[1:]} did not finish because of an unexpected error "
            f"({type(exc).__name__}: {exc}). Please report this; try again after restarting the app.")


def idle() -> bool:
    """No job is running (tests wait for this; closing the window checks it)."""
    return not _RUNNING


def running_jobs() -> list[Job]:
    return list(_RUNNING)


def work_in_progress() -> str | None:
    """What is still being done that someone waits for (a discarded preview does not count)."""
    wanted = [job.name for job in _RUNNING if not job.discarded]
    return wanted[0] if wanted else None


class JobProgress(QProgressDialog):
    """The progress dialog of one job: its steps as they come, Cancel while cancelling is safe."""

    def __init__(self, job: Job, title: str, parent: QWidget | None, *, cancellable: bool) -> None:
        super().__init__(title, "Cancel", 0, 0, parent)
        self.setObjectName("jobProgress")
        self.setWindowTitle(title.rstrip("…."))
        self.setAccessibleName(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(2**31 - 1)  # shown by our own timer below, for a busy bar too
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumWidth(420)
        self.title = title
        self.job = job
        self.cancel_button: QPushButton | None = None
        if cancellable:
            self.cancel_button = QPushButton("Cancel", self)
            self.cancel_button.setObjectName("jobCancel")
        self.setCancelButton(self.cancel_button)  # None: a job that must finish shows no Cancel
        self.canceled.connect(self._cancel)
        job.progressed.connect(self._show_progress)
        job.committed.connect(self._committed)
        job.finished.connect(self._done)
        self._ended = False
        QTimer.singleShot(SHOW_PROGRESS_AFTER_MS, self, self._show_if_running)

    def _show_if_running(self) -> None:
        if not self._ended:
            self.show()

    def _show_progress(self, text: str, done: int, total: int) -> None:
        self.setLabelText(f"{self.title}\n{text}" if text else self.title)
        if total:
            self.setMaximum(total)
            self.setValue(min(done, total))

    def reject(self) -> None:  # noqa: D102 - Esc: the same as Cancel, and only where Cancel applies
        self._cancel()

    def _committed(self) -> None:
        if self.cancel_button is not None:
            self.cancel_button.setEnabled(False)

    def _cancel(self) -> None:
        # QProgressDialog hides itself on Cancel (and on Esc); stay up until the job has stopped.
        if self.job.cancel():
            self.setLabelText(f"{self.title}\nStopping…")
            self._committed()
        self.show()

    def _done(self) -> None:
        self._ended = True
        self.canceled.disconnect(self._cancel)
        self.reset()
        self.hide()
        self.deleteLater()


def run_in_worker(parent: QWidget | None, work: Callable[[JobControl], Any], *, title: str, what: str,
                  on_done: Callable[[Any], None] | None = None,
                  on_failed: Callable[[str], None] | None = None,
                  on_cancelled: Callable[[], None] | None = None,
                  cancellable: bool = False, show_progress: bool = True) -> Job:
    """Run ``work`` in the pool with a progress dialog over ``parent``; returns the started job.

    ``title`` heads the progress dialog ("Backing up…"); ``what`` names the job in an
    error ("the backup"). A failure goes to ``on_failed`` — by default a message box.
    """
    from wsoa_desktop.gui import messages

    job = Job(work, name=what, cancellable=cancellable)
    if show_progress:
        JobProgress(job, title, parent, cancellable=cancellable)
    if on_done is not None:
        job.succeeded.connect(on_done)
    job.failed.connect(on_failed if on_failed is not None else (lambda text: messages.warn(parent, text)))
    if on_cancelled is not None:
        job.cancelled.connect(on_cancelled)
    return job.start()


def write_staged(control: JobControl, target: Path, write: Callable[[Path], object]) -> Path:
    """Make a file in a private folder (stoppable at any moment), then put it in place in one quick step.

    A Cancel before the last step leaves nothing at ``target`` — not even a half-written
    temporary file — and an existing file there untouched.
    """
    import shutil
    import tempfile

    from wsoa_desktop.services.files import atomic_write

    with tempfile.TemporaryDirectory(prefix="wsoa-job-") as folder:
        staged = Path(folder) / target.name
        write(staged)
        control.commit_point()
        return atomic_write(target, lambda tmp: shutil.copyfile(staged, tmp))
