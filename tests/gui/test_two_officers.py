"""Two officers at once, in the window: Ann at the keyboard, Ben saving through his own connection.

A stale save is refused with who and when, offers Reload, and keeps what Ann typed;
an undo of an edit Ben has changed since is refused the same way; and the window
notices Ben's saves on its own, keeping Ann's selection and scroll position.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import BEN
from wsoa_desktop.gui.plan_tree_model import COL_ACTION
from wsoa_desktop.gui.rate_dialog import RateDialog
from wsoa_desktop.services import plan_items, rounds
from wsoa_desktop.services.outline import load_outline
from wsoa_desktop.store.database import Store

PERIOD = "September 2022"



def _saved(store: Store, ref: str):  # type: ignore[no-untyped-def]
    return load_outline(store, 1, PERIOD if any(p.label == PERIOD for p in load_outline(store, 1).periods)
                        else None).find(ref)



def _type_description(qtbot, text: str):  # type: ignore[no-untyped-def]
    def fill(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.description.setFocus()
        dialog.description.selectAll()
        qtbot.keyClicks(dialog.description, text)
    return fill


def test_a_stale_edit_is_refused_keeps_the_text_and_applies_after_reload(ann, ben, qtbot, prompts, press_reload) -> None:
    window = ann
    window.select_ref("1.1.2")
    window.tree.setFocus()
    # Ben saves first, behind Ann's back.
    plan_items.update_action(ben, 1, "1.1.2", description="Ben's wording of 1.1.2", by=BEN, seen=1)
    kept: list[str] = []

    def second_dialog(dialog) -> None:  # type: ignore[no-untyped-def]
        kept.append(dialog.description.toPlainText())
        kept.append(window.node("1.1.2").description)  # the window shows Ben's change behind it
    prompts.answer("ActionDialog", _type_description(qtbot, "Ann's wording of 1.1.2"), second_dialog)
    prompts.answer("stale", press_reload)
    qtbot.keyClick(window.tree, Qt.Key.Key_F2)

    [refusal] = prompts.texts("stale")
    assert refusal.startswith("1.1.2 was changed by Ben Hall at ")
    assert refusal.endswith("reload to see their change; your text is kept.")
    assert kept == ["Ann's wording of 1.1.2", "Ben's wording of 1.1.2"]
    saved = _saved(window.store, "1.1.2")
    assert (saved.description, saved.version) == ("Ann's wording of 1.1.2", 3)  # applied over Ben's, knowingly
    assert window.model.index_for_ref("1.1.2", COL_ACTION).data() == "Ann's wording of 1.1.2"
    assert window.undo_stack.count() == 1


def test_cancelling_the_refusal_saves_nothing(ann, ben, qtbot, prompts) -> None:
    window = ann
    window.select_ref("1.1.2")
    window.tree.setFocus()
    plan_items.update_action(ben, 1, "1.1.2", description="Ben's wording", by=BEN, seen=1)
    prompts.answer("ActionDialog", _type_description(qtbot, "Ann's wording"))
    prompts.answer("stale", False)
    qtbot.keyClick(window.tree, Qt.Key.Key_F2)
    assert _saved(window.store, "1.1.2").description == "Ben's wording"
    assert window.undo_stack.count() == 0


def test_undo_of_an_edit_someone_changed_since_is_refused(ann, ben, qtbot, prompts) -> None:
    window = ann
    before = _saved(window.store, "1.1.3").description
    window.select_ref("1.1.3")
    window.tree.setFocus()
    prompts.answer("ActionDialog", _type_description(qtbot, "Ann's wording of 1.1.3"))
    qtbot.keyClick(window.tree, Qt.Key.Key_F2)
    assert _saved(window.store, "1.1.3").description == "Ann's wording of 1.1.3"
    version = _saved(ben, "1.1.3").version
    plan_items.update_action(ben, 1, "1.1.3", description="Ben's wording of 1.1.3", by=BEN, seen=version)

    qtbot.keyClick(window.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    message = window.statusBar().currentMessage()
    assert message.startswith("Could not undo “edit 1.1.3”: 1.1.3 was changed by Ben Hall")
    assert _saved(window.store, "1.1.3").description == "Ben's wording of 1.1.3"  # Ben's edit stands
    assert window.node("1.1.3").description == "Ben's wording of 1.1.3"  # and is on screen
    assert not window.undo_stack.canUndo() and before != "Ben's wording of 1.1.3"


def test_undo_and_redo_of_own_edits_in_a_row_still_work(ann, qtbot, prompts) -> None:
    window = ann
    window.select_ref("1.1.3")
    window.tree.setFocus()
    before = _saved(window.store, "1.1.3").description
    prompts.answer("ActionDialog", _type_description(qtbot, "First"), _type_description(qtbot, "Second"))
    qtbot.keyClick(window.tree, Qt.Key.Key_F2)
    qtbot.keyClick(window.tree, Qt.Key.Key_F2)
    for expected in ("First", before):
        qtbot.keyClick(window.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert _saved(window.store, "1.1.3").description == expected
    redo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.tree, Qt.Key.Key_Z, redo)
    qtbot.keyClick(window.tree, Qt.Key.Key_Z, redo)
    assert _saved(window.store, "1.1.3").description == "Second"


def test_the_window_shows_what_others_saved_keeping_selection_and_scroll(ann, ben, qtbot) -> None:
    window = ann
    window.resize(900, 400)
    window.select_ref("2.4.3")
    bar = window.tree.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.value() > 0)
    scroll = bar.value()
    rounds.new_period(ben, 1, PERIOD, by=BEN)
    plan_items.update_action(ben, 1, "2.4.3", description="Ben's new wording of 2.4.3", by=BEN, seen=1)
    window.change_poller.look()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Updated: "), timeout=5000)
    assert window.statusBar().currentMessage().endswith("changes by Ben Hall")
    assert window.selected_ref() == "2.4.3" and bar.value() == scroll
    assert window.model.index_for_ref("2.4.3", COL_ACTION).data() == "Ben's new wording of 2.4.3"
    assert window.period_label == "August 2022"  # still the period Ann chose to look at…
    assert PERIOD in [p.label for p in window.outline.periods]  # …with the round Ben opened there to pick
    assert "Ben's new wording of 2.4.3" in window.detail.toPlainText()  # the detail pane too


def test_own_saves_do_not_count_as_others(ann, qtbot, prompts) -> None:
    window = ann
    window.select_ref("1.1.2")
    window.tree.setFocus()
    prompts.answer("ActionDialog", _type_description(qtbot, "Ann's own wording"))
    qtbot.keyClick(window.tree, Qt.Key.Key_F2)
    window.change_poller.look()
    assert window.change_poller.wait()
    qtbot.wait(50)  # the look's answer comes back through the event loop
    assert not window.statusBar().currentMessage().startswith("Updated:")


def test_a_rating_someone_else_saved_first_is_refused_in_the_dialog_keeping_the_text(ann, ben, qtbot) -> None:
    window = ann
    rounds.new_period(window.store, 1, PERIOD)
    window.switch_period(PERIOD)
    window.select_ref("2.2.5")
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dialog = next(d for d in window.findChildren(RateDialog) if d.isVisible())
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    seen = _saved(ben, "2.2.5").status.version
    rounds.rate(ben, 1, "2.2.5", PERIOD, "Amber", progress="Ben: waiting on the panel", reason="Panel late",
                by=BEN, seen=seen)
    dialog.editor.progress.setFocus()
    qtbot.keyClicks(dialog.editor.progress, "Ann: going ahead")
    qtbot.keyClick(dialog.editor.progress, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(dialog.editor.progress, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert dialog.isVisible()  # refused: the dialog stays, with what Ann typed
    assert "2.2.5 was changed by Ben Hall" in dialog.editor.message.text()
    assert dialog.editor.progress.toPlainText().endswith("Ann: going ahead")
    assert dialog.reload_button.isVisible()
    assert _saved(window.store, "2.2.5").progress == "Ben: waiting on the panel"

    qtbot.mouseClick(dialog.reload_button, Qt.MouseButton.LeftButton)
    assert "Ben: waiting on the panel" in dialog.editor.message.text()
    assert dialog.editor.progress.toPlainText().endswith("Ann: going ahead")
    qtbot.keyClick(dialog.editor.progress, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    saved = _saved(window.store, "2.2.5")
    assert saved.rating == "Green" and saved.progress.endswith("Ann: going ahead")


def _open_round(qtbot, window):  # type: ignore[no-untyped-def]
    from wsoa_desktop.gui.update_round import UpdateRoundDialog

    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    dialog = next(d for d in window.findChildren(UpdateRoundDialog) if d.isVisible())
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog.view


def _close_round(qtbot, view, prompts) -> None:  # type: ignore[no-untyped-def]
    prompts.otherwise("unsaved", "discard")
    view.editor.progress.setFocus()
    qtbot.keyClick(view.editor.progress, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not view.window().isVisible())


def test_an_open_round_shows_others_ratings_and_keeps_what_is_typed(ann, ben, qtbot, prompts) -> None:
    window = ann
    rounds.new_period(window.store, 1, PERIOD)
    window.switch_period(PERIOD)
    window.select_ref("2.2.4")
    view = _open_round(qtbot, window)
    view.editor.progress.setFocus()
    qtbot.keyClicks(view.editor.progress, " Ann half way through")
    rounds.rate(ben, 1, "2.2.5", PERIOD, "Red", progress="Ben: panel cancelled", reason="No panel", by=BEN)
    window.change_poller.look()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Updated: "), timeout=5000)
    assert view.current.ref == "2.2.4" and view.editor.progress.toPlainText().endswith("Ann half way through")
    shown = next(i for i in view.items if i.ref == "2.2.5")
    assert (shown.node.rating, shown.node.progress) == ("Red", "Ben: panel cancelled")
    assert window.model.index_for_ref("2.2.5").isValid() and window.node("2.2.5").rating == "Red"
    _close_round(qtbot, view, prompts)


def test_a_round_save_someone_beat_is_refused_then_reloaded_keeping_the_text(ann, ben, qtbot, prompts, press_reload) -> None:
    window = ann
    rounds.new_period(window.store, 1, PERIOD)
    window.switch_period(PERIOD)
    window.select_ref("2.2.4")
    view = _open_round(qtbot, window)
    view.editor.progress.setFocus()
    qtbot.keyClicks(view.editor.progress, " Ann's update")
    typed = view.editor.progress.toPlainText()
    seen = _saved(ben, "2.2.4").status.version
    rounds.rate(ben, 1, "2.2.4", PERIOD, "Amber", progress="Ben's update", reason="Slipped", by=BEN, seen=seen)
    prompts.answer("stale", press_reload)
    qtbot.keyClick(view.editor.progress, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert prompts.texts("stale")[0].startswith("2.2.4 was changed by Ben Hall")
    assert view.current.ref == "2.2.4"  # refused: still on the item…
    assert view.editor.progress.toPlainText() == typed  # …with what Ann typed
    assert _saved(window.store, "2.2.4").progress == "Ben's update"
    qtbot.keyClick(view.editor.progress, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert _saved(window.store, "2.2.4").progress == typed  # applied again, over Ben's, knowingly
    _close_round(qtbot, view, prompts)
