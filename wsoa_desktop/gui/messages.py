"""Every modal question the window asks, and every plain message it shows: one place.

A message box, a file or folder chooser, a line of text, the printer dialog and
each of the app's own dialogs run modally (``exec``) only here. Each call
builds a :class:`Question`; with nobody answering on the app's behalf, the real
Qt dialog is shown. Tests answer through :func:`answer_with` (one fixture in
``tests/gui/conftest.py``), so they never sit in a modal loop and never patch
the module that asks — and the app never has to guess whether a screen is
there to show a question on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox, QWidget

from wsoa_desktop import APP_NAME

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

#: The kinds of question (besides the app's own dialogs, asked by their class name).
Kind = Literal["warn", "inform", "about", "confirm", "choose", "unsaved", "text", "multiline", "open_file",
               "open_files", "save_file", "folder", "printer", "stale"]

#: The officer's answer to "what you typed is not saved".
Unsaved = Literal["save", "discard", "cancel"]


@dataclass(frozen=True)
class Question:
    """One modal question, as the officer would see it.

    ``kind`` is one of :data:`Kind`, or the class name of one of the app's dialogs
    (``"ActionDialog"``, ``"BackupDialog"``…, with the dialog in ``dialog``).
    ``options`` are the buttons of a choice, ``default`` the text offered or the
    folder/file name suggested, ``filters`` a file dialog's file types.
    """

    kind: str
    text: str
    parent: QWidget | None = None
    title: str = APP_NAME
    options: tuple[str, ...] = ()
    default: str = ""
    filters: str = ""
    dialog: QDialog | None = field(default=None, compare=False)
    printer: QPrinter | None = field(default=None, compare=False)


#: Answers a question in place of the officer: returns what the asking function returns.
Answerer = Callable[[Question], object]

_answerer: Answerer | None = None


def answer_with(answerer: Answerer | None) -> Answerer | None:
    """Route every question to ``answerer`` (None: show the real dialogs again); the previous one."""
    global _answerer
    previous, _answerer = _answerer, answerer
    return previous


def _answered(question: Question) -> tuple[bool, object]:
    if _answerer is None:
        return False, None
    return True, _answerer(question)


# -- messages -----------------------------------------------------------------------------------

def warn(parent: QWidget | None, text: str) -> None:
    """Something could not be done; the text says why and what to do. Nothing was changed."""
    if _answered(Question("warn", text, parent))[0]:
        return
    QMessageBox.warning(parent, APP_NAME, text)


def inform(parent: QWidget | None, text: str) -> None:
    """Something the officer should know, that needs no decision."""
    if _answered(Question("inform", text, parent))[0]:
        return
    QMessageBox.information(parent, APP_NAME, text)


def about(parent: QWidget | None, title: str, text: str) -> None:
    if _answered(Question("about", text, parent, title))[0]:
        return
    QMessageBox.about(parent, title, text)


# -- questions ----------------------------------------------------------------------------------

def confirm(parent: QWidget | None, text: str, *, yes: str = "Yes", title: str = APP_NAME,
            informative: str = "", details: str = "", warning: bool = False) -> bool:
    """``yes`` or Cancel (the default button, and what Esc does).

    ``informative`` goes under the question, ``details`` behind Show Details; ``warning``
    shows the warning icon (going ahead has a cost the officer should weigh).
    """
    icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Question
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Cancel, parent)
    box.setObjectName("confirmBox")
    ok = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    ok.setObjectName("yesButton")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    if informative:
        box.setInformativeText(informative)
    if details:
        box.setDetailedText(details)
    shown = f"{text}\n{informative}" if informative else text
    answered, answer = _answered(Question("confirm", shown, parent, title, options=(yes,), dialog=box))
    if answered:  # answered with a yes or no, or by pressing the box's own keys and buttons
        return box.clickedButton() is ok if answer is None else bool(answer)
    box.exec()
    return box.clickedButton() is ok


def offer_reload(parent: QWidget | None, text: str) -> bool:
    """Someone else saved a change first (a stale edit was refused): True when the officer chose Reload.

    Reload is the default button; Cancel (and Esc) leave the window as it is. What
    the officer typed is kept either way by the caller.
    """
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, text, QMessageBox.StandardButton.Cancel, parent)
    box.setObjectName("staleBox")
    reload = box.addButton("&Reload", QMessageBox.ButtonRole.AcceptRole)
    reload.setObjectName("reloadButton")
    box.setDefaultButton(reload)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    answered, answer = _answered(Question("stale", text, parent, options=("Reload",), dialog=box))
    if answered:
        return box.clickedButton() is reload if answer is None else bool(answer)
    box.exec()
    return box.clickedButton() is reload


def choose(parent: QWidget | None, text: str, options: Sequence[str], *, title: str = APP_NAME) -> str | None:
    """One of ``options`` (each a button, ``&`` marking its key), or None on Cancel."""
    answered, answer = _answered(Question("choose", text, parent, title, options=tuple(options)))
    if answered:
        return None if answer is None else str(answer)
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel, parent)
    buttons = [(box.addButton(option, QMessageBox.ButtonRole.AcceptRole), option) for option in options]
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return next((option for button, option in buttons if button is box.clickedButton()), None)


def ask_unsaved(parent: QWidget | None, text: str) -> Unsaved:
    """Typed text would be lost: "save", "discard" or "cancel" (Esc and closing the box cancel)."""
    answered, answer = _answered(Question("unsaved", text, parent, options=("save", "discard", "cancel")))
    if answered:
        return "save" if answer == "save" else "discard" if answer == "discard" else "cancel"
    buttons = QMessageBox.StandardButton
    box = QMessageBox(QMessageBox.Icon.Question, APP_NAME, text, buttons.Save | buttons.Discard | buttons.Cancel,
                      parent)
    box.setInformativeText("Save it, discard it, or cancel and go back to it?")
    box.setDefaultButton(buttons.Save)
    box.setEscapeButton(buttons.Cancel)
    clicked = buttons(box.exec())
    return "save" if clicked == buttons.Save else "discard" if clicked == buttons.Discard else "cancel"


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    """One line of text, or None on Cancel."""
    answered, answer = _answered(Question("text", label, parent, title, default=text))
    if answered:
        return None if answer is None else str(answer)
    value, ok = QInputDialog.getText(parent, title, label, text=text)
    return value if ok else None


def ask_multiline(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    """Several lines of text, or None on Cancel."""
    answered, answer = _answered(Question("multiline", label, parent, title, default=text))
    if answered:
        return None if answer is None else str(answer)
    value, ok = QInputDialog.getMultiLineText(parent, title, label, text)
    return value if ok else None


# -- files and folders --------------------------------------------------------------------------

def choose_open_file(parent: QWidget | None, title: str, filters: str = "", start: str = "") -> str:
    """A file to read, or "" on Cancel."""
    answered, answer = _answered(Question("open_file", title, parent, title, default=start, filters=filters))
    if answered:
        return str(answer or "")
    return QFileDialog.getOpenFileName(parent, title, start, filters)[0]


def choose_open_files(parent: QWidget | None, title: str, filters: str = "", start: str = "") -> list[str]:
    """Files to read (none on Cancel)."""
    answered, answer = _answered(Question("open_files", title, parent, title, default=start, filters=filters))
    if answered:
        return [str(p) for p in answer] if isinstance(answer, list | tuple) else []
    return QFileDialog.getOpenFileNames(parent, title, start, filters)[0]


def choose_save_file(parent: QWidget | None, title: str, suggested: str = "", filters: str = "", *,
                     confirm_overwrite: bool = True) -> str:
    """Where to write a file (the dialog asks before replacing one), or "" on Cancel."""
    answered, answer = _answered(Question("save_file", title, parent, title, default=suggested, filters=filters))
    if answered:
        return str(answer or "")
    options = QFileDialog.Option(0) if confirm_overwrite else QFileDialog.Option.DontConfirmOverwrite
    return QFileDialog.getSaveFileName(parent, title, suggested, filters, options=options)[0]


def choose_folder(parent: QWidget | None, title: str, start: str = "") -> str:
    """A folder, or "" on Cancel."""
    answered, answer = _answered(Question("folder", title, parent, title, default=start))
    if answered:
        return str(answer or "")
    return QFileDialog.getExistingDirectory(parent, title, start)


def ask_printer(parent: QWidget | None, printer: QPrinter) -> bool:
    """The print dialog for ``printer`` (the officer picks the printer and pages); False on Cancel.

    A test's answer may set up ``question.printer`` itself (print to a file, say)."""
    answered, answer = _answered(Question("printer", "Print", parent, "Print", printer=printer))
    if answered:
        return bool(answer)
    from PySide6.QtPrintSupport import QPrintDialog

    return QPrintDialog(printer, parent).exec() == QDialog.DialogCode.Accepted


# -- the app's own dialogs ----------------------------------------------------------------------

def run_dialog(dialog: QDialog) -> bool:
    """Run one of the app's dialogs modally: True when it was accepted.

    Answered in tests by the dialog's class name: the answer drives the dialog's own
    widgets (typing, clicking its buttons) as the officer would.
    """
    answered, answer = _answered(Question(type(dialog).__name__, dialog.windowTitle(), dialog.parentWidget(),
                                          dialog.windowTitle(), dialog=dialog))
    if answered:
        return bool(answer)
    return dialog.exec() == QDialog.DialogCode.Accepted
