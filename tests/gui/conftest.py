"""GUI fixtures: the real main window over a private copy of the sample plan, and the officer's answers.

Every modal question the app asks goes through ``wsoa_desktop.gui.messages``;
the autouse :func:`prompts` fixture answers them all for every GUI test, from
answers the test queued (``prompts.answer(kind, ...)``), and records what was
asked. A question nobody queued an answer for fails the test — except plain
messages (warn, inform, about), which are only recorded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from wsoa_desktop.gui import messages
from wsoa_desktop.gui.messages import Question
from wsoa_desktop.gui.settings import Settings
from wsoa_desktop.store.database import Store, open_store

MESSAGES = ("warn", "inform", "about")


class Prompts:
    """The officer at the screen, answering from a script.

    ``answer(kind, *answers)`` queues answers for one kind of question (see
    ``messages.Kind``; the app's own dialogs by class name, e.g. "ActionDialog").
    An answer is a value (what the asking function returns), or a callable given
    the :class:`Question`; for a yes-or-Cancel question its box is
    ``question.dialog``, shown, and an answer that presses its keys returns None.
    For one of the app's dialogs, a callable is given the dialog, shown, to drive
    as the officer would (type, click its buttons); if it leaves the dialog open,
    the dialog is accepted (OK) unless the callable returned a no (False,
    Rejected). A plain True or False accepts or cancels it as it stands.
    ``otherwise(kind, answer)``
    sets the answer used once the queue of that kind is empty.
    """

    def __init__(self) -> None:
        self.asked: list[Question] = []
        self.warnings: list[str] = []
        self._queue: dict[str, list[object]] = {}
        self._otherwise: dict[str, object] = {}

    def answer(self, kind: str, *answers: object) -> None:
        self._queue.setdefault(kind, []).extend(answers)

    def otherwise(self, kind: str, answer: object) -> None:
        self._otherwise[kind] = answer

    def texts(self, kind: str) -> list[str]:
        """What was asked or said, of one kind, in order."""
        return [q.text for q in self.asked if q.kind == kind]

    def pending(self, kind: str) -> int:
        return len(self._queue.get(kind, []))

    def __call__(self, question: Question) -> object:
        self.asked.append(question)
        if question.kind == "warn":
            self.warnings.append(question.text)
        queue = self._queue.get(question.kind)
        if queue:
            answer = queue.pop(0)
        elif question.kind in self._otherwise:
            answer = self._otherwise[question.kind]
        elif question.kind in MESSAGES:
            return None
        else:
            raise AssertionError(f"nobody answered the {question.kind} question: {question.text!r}")
        box = question.dialog
        if isinstance(box, QMessageBox):  # a yes-or-Cancel box
            if not callable(answer):
                return answer  # answered by value: never shown
            box.show()  # the answer may press its keys (then returns None)
            verdict = answer(question)
            if box.isVisible():
                box.reject()
            _back_to(box)
            return verdict
        if box is not None:
            accepted = self._run(box, answer)
            _back_to(box)
            return accepted
        return answer(question) if callable(answer) else answer

    @staticmethod
    def _run(dialog: QDialog, answer: object) -> bool:
        dialog.setResult(QDialog.DialogCode.Rejected)
        dialog.show()  # as exec() would: its buttons take clicks, its fields keys
        if callable(answer):
            drive: Callable[[QDialog], object] = answer
            verdict = drive(dialog)
            if dialog.isVisible():  # left open: OK, unless the answer said no (False, Rejected, 0)
                dialog.accept() if verdict is None or verdict else dialog.reject()
        elif dialog.isVisible():
            dialog.accept() if answer else dialog.reject()
        if dialog.isVisible():  # a dialog that refused to close (it would have stayed up): Cancel
            dialog.hide()
            dialog.setResult(QDialog.DialogCode.Rejected)
        return dialog.result() == QDialog.DialogCode.Accepted


def _back_to(dialog: QDialog) -> None:
    """As when exec() returns: the window the dialog belonged to is the active one again (its
    shortcuts work), which the offscreen platform does not do by itself."""
    import warnings

    parent = dialog.parentWidget()
    if parent is not None and parent.window().isVisible():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            QApplication.setActiveWindow(parent.window())


@pytest.fixture(autouse=True)
def prompts() -> Iterator[Prompts]:
    """Every question and message of the test, answered here instead of shown (see :class:`Prompts`)."""
    answering = Prompts()
    previous = messages.answer_with(answering)
    yield answering
    messages.answer_with(previous)


@pytest.fixture(autouse=True)
def no_work_left_running(qtbot) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Each test ends with its background work finished, so the next test starts idle.

    A job one test leaves running (a backup, an import, a report being made) is
    "work in progress" to every later window: its close is refused ("Wait for …
    to finish") and the layout is not saved — which is how
    ``test_layout_is_remembered`` once saw the first-run size (720 × 720 on the
    800 × 800 offscreen screen) in a full run and never alone.
    """
    from wsoa_desktop.gui import worker

    yield
    try:
        qtbot.waitUntil(lambda: worker.work_in_progress() is None, timeout=10_000)
    except Exception:
        pytest.fail(f"the test left {worker.work_in_progress()} running; wait for it before the test ends")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    s = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    s.set("backup/offer_on_exit", False)  # the backup area's own tests cover its exit offer
    return s


@pytest.fixture
def warnings(prompts: Prompts) -> list[str]:
    """Messages the officer would see (each a warning box), in order."""
    return prompts.warnings


@pytest.fixture
def window(qtbot, sample_store, settings, warnings):  # type: ignore[no-untyped-def]
    from wsoa_desktop.gui.main_window import MainWindow

    w = MainWindow(sample_store, settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


# Two officers at once: Ann at the keyboard of the window, Ben saving through his own connection.
ANN, BEN = "Ann Lee", "Ben Hall"


@pytest.fixture
def ann(window, qtbot):  # type: ignore[no-untyped-def]
    """The window, used by Ann (her name is recorded on her edits), active so keys reach it."""
    window.settings.set("user/display_name", ANN)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


@pytest.fixture
def ben(window) -> Iterator[Store]:  # type: ignore[no-untyped-def]
    """Ben's own connection to the same database (his copy of the app, on the shared drive or server)."""
    other = open_store(window.store.path)
    yield other
    other.close()


@pytest.fixture
def press_reload(qtbot) -> Callable[[Question], None]:  # type: ignore[no-untyped-def]
    """An answer to the "changed by someone else" question: click its Reload button."""
    def click(question: Question) -> None:
        box: QMessageBox = question.dialog
        reload = next(b for b in box.buttons() if b.objectName() == "reloadButton")
        qtbot.mouseClick(reload, Qt.MouseButton.LeftButton)
    return click
