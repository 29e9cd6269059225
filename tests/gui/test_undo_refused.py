"""An undo the services refuse changes nothing, says why in the status bar, and leaves Undo usable.

Driven by keys as the officer would: rate with Ctrl+R, close the period from the Round
menu, then Ctrl+Z.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu

from wsoa_desktop.gui.rate_dialog import RateDialog
from wsoa_desktop.gui.undo_commands import PlanCommand, RateCommand, ServiceCommand
from wsoa_desktop.services import plan_items, rounds
from wsoa_desktop.services.outline import load_outline
from wsoa_desktop.services.plan_items import ActionFields

PERIOD = "September 2022"


@pytest.fixture
def september(window, qtbot):  # type: ignore[no-untyped-def]
    rounds.new_period(window.store, 1, PERIOD)
    window.switch_period(PERIOD)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def _keys_to_window(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.tree.setFocus()


def test_undo_after_the_period_is_closed_says_why_and_keeps_the_history(september, qtbot, prompts) -> None:
    window = september
    # 1. An edit of the plan: Ctrl+T on 1.1.1, the target moved with a reason.
    window.select_ref("1.1.1")
    _keys_to_window(qtbot, window)
    prompts.answer("TargetDialog", lambda d: (d.target.setText("March 2023"), d.reason.setText("Staffing")))
    qtbot.keyClick(window.tree, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert window.undo_stack.count() == 1

    # 2. A rating: Ctrl+R on 2.2.5, type the progress, Alt+G, Ctrl+Enter.
    window.select_ref("2.2.5")
    _keys_to_window(qtbot, window)
    qtbot.keyClick(window.tree, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dialog = next(d for d in window.findChildren(RateDialog) if d.isVisible())
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.editor.progress.setFocus()
    qtbot.keyClicks(dialog.editor.progress, "Going ahead")
    qtbot.keyClick(dialog.editor.progress, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(dialog.editor.progress, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    assert window.undo_stack.count() == 2 and window.undo_stack.undoText() == "rate 2.2.5 Green"

    # 3. Round ▸ Close period, by keys; the question answered "Close period".
    prompts.answer("confirm", True)
    _keys_to_window(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_C)
    qtbot.waitUntil(lambda: window.outline.period.is_closed)
    assert prompts.texts("confirm")[-1].startswith(f"Close “{PERIOD}”?")

    # 4. Ctrl+Z: the rating cannot be undone in a closed period. Nothing changes, the status bar says why.
    _keys_to_window(qtbot, window)
    qtbot.keyClick(window.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    message = window.statusBar().currentMessage()
    assert message.startswith("Could not undo “rate 2.2.5 Green”: The period “September 2022” is closed"), message
    assert "Reopen it first" in message
    status = load_outline(window.store, 1, PERIOD).find("2.2.5").status
    assert (status.rating, status.progress, status.carried_forward) == ("Green", "Going ahead", False)
    assert window.outline.find("2.2.5").rating == "Green"
    assert prompts.warnings == []  # said in the status bar, not in a box
    # The history stays consistent: the refused step is gone, the edit before it is next.
    assert window.undo_stack.count() == 1 and window.undo_stack.index() == 1
    assert window.undo_stack.undoText() == "change the target of 1.1.1" and not window.undo_stack.canRedo()

    # 5. Ctrl+Z again undoes that edit, as usual.
    qtbot.keyClick(window.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert load_outline(window.store, 1, PERIOD).find("1.1.1").target.text == "July 2022"
    assert window.statusBar().currentMessage().startswith("Undone: change the target of 1.1.1")
    assert window.undo_stack.index() == 0 and window.undo_stack.canRedo()


def test_undo_of_a_delete_when_the_reference_is_now_in_use(window, qtbot, prompts) -> None:
    window.select_ref("1.3.3")
    _keys_to_window(qtbot, window)
    prompts.answer("confirm", True)
    qtbot.keyClick(window.tree, Qt.Key.Key_Delete)
    assert window.outline.find("1.3.3") is None and window.undo_stack.count() == 1
    # Meanwhile 1.3.3 is used again by another way in (a lead form, another copy of the plan…).
    plan_items.add_action(window.store, 1, "1.3.3", ActionFields("A new 1.3.3"), by="someone else")
    _keys_to_window(qtbot, window)
    qtbot.keyClick(window.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    message = window.statusBar().currentMessage()
    assert message.startswith("Could not undo “delete 1.3.3”: "), message
    assert load_outline(window.store, 1, None).find("1.3.3").description == "A new 1.3.3"
    assert window.outline.find("1.3.3").description == "A new 1.3.3"  # the window shows what is saved
    assert window.undo_stack.count() == 0 and not window.undo_stack.canUndo() and prompts.warnings == []


def test_every_undo_command_in_the_app_derives_from_the_one_base() -> None:
    import importlib
    import inspect
    import pkgutil

    from PySide6.QtGui import QUndoCommand

    import wsoa_desktop.gui as gui

    commands = []
    for info in pkgutil.iter_modules(gui.__path__):
        module = importlib.import_module(f"wsoa_desktop.gui.{info.name}")
        commands += [c for _n, c in inspect.getmembers(module, inspect.isclass)
                     if issubclass(c, QUndoCommand) and c.__module__ == module.__name__]
    assert RateCommand in commands and PlanCommand in commands
    assert [c.__name__ for c in commands if not issubclass(c, ServiceCommand)] == []
