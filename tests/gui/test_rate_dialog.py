"""Round ▸ Rate… (Ctrl+R): rate the item selected in the tree, by keys, with the round's rules."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from wsoa_desktop.gui.rate_dialog import RateDialog
from wsoa_desktop.services import rounds
from wsoa_desktop.services.outline import load_outline

PERIOD = "September 2022"


@pytest.fixture
def september(window):  # type: ignore[no-untyped-def]
    rounds.new_period(window.store, 1, PERIOD)
    window.switch_period(PERIOD)
    return window


def _open(qtbot, window, ref):  # type: ignore[no-untyped-def]
    window.select_ref(ref)
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dialog = next((d for d in window.findChildren(RateDialog) if d.isVisible()), None)
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def _saved(store, ref):  # type: ignore[no-untyped-def]
    return load_outline(store, 1, PERIOD).find(ref).status


def test_rate_the_selected_item_by_keys_and_undo(september, qtbot):
    dialog = _open(qtbot, september, "2.3.1")
    assert dialog.windowTitle() == f"Rate 2.3.1 — {PERIOD}"
    assert dialog.editor.saved.text() == "Green, not updated since August 2022"
    assert dialog.last.rating.text() == "Green"
    assert dialog.editor.picker.hasFocus()
    qtbot.keyClick(dialog.editor.picker, Qt.Key.Key_R)  # Red needs a reason
    qtbot.keyClick(dialog.editor.picker, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.editor.progress, "Provider withdrew")
    qtbot.keyClick(dialog.editor.progress, Qt.Key.Key_Tab)
    qtbot.keyClick(dialog.editor.reason, Qt.Key.Key_Return)  # no reason yet: refused, stays open
    assert dialog.isVisible() and "reason" in dialog.editor.message.text()
    assert dialog.editor.progress.toPlainText() == "Provider withdrew"
    assert _saved(september.store, "2.3.1").rating == "Green" and september.undo_stack.count() == 0
    qtbot.keyClicks(dialog.editor.reason, "Contract ended")
    qtbot.keyClick(dialog.editor.reason, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    status = _saved(september.store, "2.3.1")
    assert (status.rating, status.progress, status.reason, status.carried_forward) == (
        "Red", "Provider withdrew", "Contract ended", False)
    row = september.model.node_for(september.model.index_for_ref("2.3.1"))
    assert row.rating == "Red" and september.undo_stack.count() == 1
    assert september.undo_stack.undoText() == "rate 2.3.1 Red"
    september.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is september)
    qtbot.keyClick(september.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _saved(september.store, "2.3.1").carried_forward
    assert september.outline.find("2.3.1").rating == "Green"


def test_ctrl_enter_saves_and_alt_letter_rates_from_the_text(september, qtbot):
    dialog = _open(qtbot, september, "2.2.5")
    dialog.editor.progress.setFocus()
    qtbot.keyClicks(dialog.editor.progress, "Going ahead")
    qtbot.keyClick(dialog.editor.progress, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    assert dialog.editor.picker.rating() == "Green"
    qtbot.keyClick(dialog.editor.progress, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    status = _saved(september.store, "2.2.5")
    assert (status.rating, status.progress) == ("Green", "Going ahead")


def test_esc_with_unsaved_text_asks(september, qtbot, prompts):
    prompts.answer("unsaved", "cancel", "discard")
    dialog = _open(qtbot, september, "2.2.4")
    dialog.editor.progress.setFocus()
    qtbot.keyClicks(dialog.editor.progress, "Draft")
    qtbot.keyClick(dialog.editor.progress, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.editor.progress.toPlainText() == "Draft"
    qtbot.keyClick(dialog.editor.progress, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and _saved(september.store, "2.2.4").progress == ""
    assert prompts.texts("unsaved") == ["What you typed for 2.2.4 is not saved yet."] * 2


def test_rate_needs_a_rated_item_selected(september, qtbot, warnings):
    september.select_ref("2.2")
    september.tree.setFocus()
    qtbot.keyClick(september.tree, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert "Select a sub-action" in warnings[-1]
    assert not [d for d in september.findChildren(RateDialog) if d.isVisible()]
