"""The update round, driven from the keyboard and the mouse as the officer drives it.

Every behaviour here is reached by keys or clicks (``qtbot.keyClick``,
``qtbot.mouseClick``); what was saved is checked in the database through the
services, never in the widgets alone.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from wsoa_desktop.gui import round_actions
from wsoa_desktop.gui.update_round import UpdateRoundDialog, UpdateRoundView
from wsoa_desktop.services import rounds
from wsoa_desktop.services.outline import load_outline

PERIOD = "September 2022"


def _round(qtbot, store, start_ref=None, period=PERIOD):  # type: ignore[no-untyped-def]
    stack = QUndoStack()
    v = UpdateRoundView(store, 1, period, start_ref=start_ref, undo_stack=stack, user="Officer")
    qtbot.addWidget(v)
    v.stack = stack  # type: ignore[attr-defined]
    v.show()
    v.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is v)  # shortcuts work in the active window
    return v


@pytest.fixture
def view(qtbot, sample_store):  # type: ignore[no-untyped-def]
    rounds.new_period(sample_store, 1, PERIOD)
    return _round(qtbot, sample_store)


def _saved(store, ref):  # type: ignore[no-untyped-def]
    return load_outline(store, 1, PERIOD).find(ref).status


def _click_item(qtbot, view, row):  # type: ignore[no-untyped-def]
    rect = view.list.visualRect(view.list_model.index(row, 0))
    qtbot.mouseClick(view.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_walks_the_round_and_shows_not_updated_ratings(qtbot, sample_store):
    rounds.new_period(sample_store, 1, PERIOD)
    view = _round(qtbot, sample_store, start_ref="2.2.3")
    assert view.position.text().endswith("of 75") and view.heading.text().startswith("2.2.3 ")
    # last period's rating and text, and today's rating marked as carried forward
    assert view.last.title() == "Last period (August 2022)" and view.last.rating.text() == "Amber"
    assert view.editor.saved.text() == "Amber, not updated since August 2022"
    assert view.editor.saved.not_updated and view.editor.saved.toolTip().startswith(
        "Amber — not updated since August 2022")
    assert view.editor.direction.text().startswith("Not updated since August 2022")
    assert "overdue" in view.flags_label.text() and "not updated this period" in view.flags_label.text()
    assert "2.2.3   Amber · not updated" in view.list_model.data(view.list_model.index(view.index, 0))
    qtbot.keyClick(view.editor.picker, Qt.Key.Key_PageDown)
    assert view.heading.text().startswith("2.2.4 ")
    qtbot.keyClick(view.editor.picker, Qt.Key.Key_PageUp)
    assert view.heading.text().startswith("2.2.3 ")
    assert view.stack.count() == 0  # moving without typing saves nothing


def test_typed_progress_survives_page_down_as_one_undoable_step(view, qtbot, sample_store):
    assert view.heading.text().startswith("1.1.1 ")
    qtbot.mouseClick(view.editor.progress.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(view.editor.progress, "  Framework drafted  ")
    qtbot.keyClick(view.editor.progress, Qt.Key.Key_PageDown)
    assert view.heading.text().startswith("1.1.2 ")
    status = _saved(sample_store, "1.1.1")
    assert status.progress == "  Framework drafted  " and status.reason == ""  # exactly as typed
    assert view.stack.count() == 1
    view.stack.undo()
    assert _saved(sample_store, "1.1.1") is None  # the item had no status in this period before


def test_typed_text_survives_the_next_button_and_clicking_another_item(view, qtbot, sample_store):
    view.editor.progress.setFocus()
    qtbot.keyClicks(view.editor.progress, "Met the leads")
    qtbot.mouseClick(view.skip, Qt.MouseButton.LeftButton)
    assert view.heading.text().startswith("1.1.2 ")
    assert _saved(sample_store, "1.1.1").progress == "Met the leads"
    view.editor.progress.setFocus()
    qtbot.keyClicks(view.editor.progress, "Audit booked")
    _click_item(qtbot, view, 4)
    assert view.heading.text().startswith("1.1.5 ")
    assert _saved(sample_store, "1.1.2").progress == "Audit booked"
    view.editor.progress.setFocus()
    qtbot.keyClicks(view.editor.progress, "Going back")
    qtbot.mouseClick(view.back, Qt.MouseButton.LeftButton)
    assert view.heading.text().startswith("1.1.4 ")
    assert _saved(sample_store, "1.1.5").progress == "Going back"
    # the item list by keys: Down moves (saving first), Enter goes to the rating row
    view.editor.progress.setFocus()
    qtbot.keyClicks(view.editor.progress, "From the list")
    view.list.setFocus()
    qtbot.keyClick(view.list, Qt.Key.Key_Down)
    assert view.heading.text().startswith("1.1.5 ") and view.list.hasFocus()
    assert _saved(sample_store, "1.1.4").progress == "From the list"
    qtbot.keyClick(view.list, Qt.Key.Key_PageDown)  # the round's key, not the list's
    assert view.heading.text().startswith("1.1.6 ")
    qtbot.keyClick(view.list, Qt.Key.Key_Return)
    assert view.editor.picker.hasFocus() and view.heading.text().startswith("1.1.6 ")
    assert view.stack.count() == 4


def test_ctrl_enter_in_progress_and_enter_in_reason_go_to_the_next_item(qtbot, sample_store):
    rounds.new_period(sample_store, 1, PERIOD)
    view = _round(qtbot, sample_store, start_ref="2.3.1")
    qtbot.keyClick(view.editor.picker, Qt.Key.Key_R)  # Green → Red: a reason is needed
    qtbot.keyClick(view.editor.picker, Qt.Key.Key_Tab)
    assert view.editor.progress.hasFocus()
    qtbot.keyClicks(view.editor.progress, "Funding withdrawn")
    qtbot.keyClick(view.editor.progress, Qt.Key.Key_Tab)
    assert view.editor.reason.hasFocus()
    qtbot.keyClicks(view.editor.reason, "Grant ended in August")
    qtbot.keyClick(view.editor.reason, Qt.Key.Key_Return)
    assert view.heading.text().startswith("2.3.2 ")  # the next item, never the previous
    status = _saved(sample_store, "2.3.1")
    # progress and reason are separate fields, each stored as typed
    assert (status.rating, status.progress, status.reason) == ("Red", "Funding withdrawn", "Grant ended in August")
    # Ctrl+Enter with the focus in the progress box: saves and moves on
    view.editor.progress.setFocus()
    qtbot.keyClicks(view.editor.progress, "On plan")
    qtbot.keyClick(view.editor.progress, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert view.heading.text().startswith("2.3.3 ")
    assert _saved(sample_store, "2.3.2").progress == "On plan"
    # Enter on the rating row: the next item too; Enter in the progress box is a new line
    qtbot.keyClick(view.editor.picker, Qt.Key.Key_Return)
    assert view.heading.text().startswith("2.4.1 ")
    view.editor.progress.setFocus()
    qtbot.keyClicks(view.editor.progress, "Line one")
    qtbot.keyClick(view.editor.progress, Qt.Key.Key_Return)
    assert view.heading.text().startswith("2.4.1 ") and view.editor.progress.toPlainText() == "Line one\n"


def test_ctrl_enter_confirms_a_rating_that_was_not_updated(qtbot, sample_store):
    rounds.new_period(sample_store, 1, PERIOD)
    view = _round(qtbot, sample_store, start_ref="2.2.3")
    assert _saved(sample_store, "2.2.3").carried_forward
    qtbot.keyClick(view.editor.picker, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    status = _saved(sample_store, "2.2.3")
    assert (status.rating, status.carried_forward) == ("Amber", False)
    assert "2.2.3   Amber" == view.list_model.data(view.list_model.index(view.index - 1, 0))


def test_typing_words_that_start_with_rating_letters_never_rates(qtbot, sample_store):
    rounds.new_period(sample_store, 1, PERIOD)
    view = _round(qtbot, sample_store, start_ref="2.2.2")
    view.editor.progress.setFocus()
    qtbot.keyClicks(view.editor.progress, "Because Green, Amber and Red boards agreed")
    view.editor.reason.setFocus()
    qtbot.keyClicks(view.editor.reason, "Always")
    assert view.editor.picker.rating() == "Green"
    assert view.editor.progress.toPlainText() == "Because Green, Amber and Red boards agreed"
    # Alt+letter rates from anywhere in the round, text boxes included
    qtbot.keyClick(view.editor.progress, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    assert view.editor.picker.rating() == "Red"
    assert view.editor.progress.toPlainText() == "Because Green, Amber and Red boards agreed"
    # plain letters rate while the rating row has the focus
    qtbot.keyClick(view.editor.picker, Qt.Key.Key_Y)  # the appendix's "Yellow" is Amber
    assert view.editor.picker.rating() == "Amber" and view.editor.picker.buttons["Amber"].isChecked()
    qtbot.keyClick(view.editor.picker, Qt.Key.Key_N)
    assert view.editor.picker.rating() == "Grey"
    qtbot.keyClick(view.editor.picker, Qt.Key.Key_Left)
    assert view.editor.picker.rating() == "Red"


def test_each_rating_shows_its_key(view):
    labels = [b.text() for b in view.editor.picker.buttons.values()]
    assert labels == ["Blue (B)", "Green (G)", "Amber (A)", "Red (R)", "Grey (N)"]
    assert view.editor.picker.keys == {"B": "Blue", "G": "Green", "A": "Amber", "R": "Red", "Y": "Amber",
                                       "N": "Grey"}
    assert "A/Y Amber" in view.hint.text() and "N Grey" in view.hint.text()


def test_a_worse_rating_without_a_reason_keeps_the_text_and_says_what_is_missing(qtbot, sample_store):
    rounds.new_period(sample_store, 1, PERIOD)
    view = _round(qtbot, sample_store, start_ref="2.2.2")
    qtbot.keyClick(view.editor.picker, Qt.Key.Key_A)  # Green → Amber
    assert view.editor.direction.text().startswith("↓ worse than last period (Green → Amber)")
    assert "reason is needed" in view.editor.reason.placeholderText()
    view.editor.progress.setFocus()
    qtbot.keyClicks(view.editor.progress, "Staff shortage")
    for key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
        qtbot.keyClick(view.editor.progress, key)
        assert view.heading.text().startswith("2.2.2 ")  # stayed on the item
        assert view.editor.message.isVisible() and "reason" in view.editor.message.text()
        assert view.editor.message.text().startswith("⚠ Not saved.")
    qtbot.mouseClick(view.skip, Qt.MouseButton.LeftButton)
    _click_item(qtbot, view, 0)
    assert view.heading.text().startswith("2.2.2 ") and view.list.currentIndex().row() == view.index
    assert view.editor.progress.toPlainText() == "Staff shortage" and view.editor.picker.rating() == "Amber"
    assert view.editor.reason.hasFocus()  # the field that is missing
    status = _saved(sample_store, "2.2.2")
    assert (status.rating, status.progress, status.carried_forward) == ("Green", "", True)
    assert view.stack.count() == 0
    qtbot.keyClicks(view.editor.reason, "Key officer on leave")
    qtbot.keyClick(view.editor.reason, Qt.Key.Key_Return)
    assert view.heading.text().startswith("2.2.3 ") and not view.editor.message.isVisible()
    status = _saved(sample_store, "2.2.2")
    assert (status.rating, status.progress, status.reason) == ("Amber", "Staff shortage", "Key officer on leave")


def test_blue_without_a_sign_off_keeps_the_text_and_points_to_the_button(qtbot, sample_store):
    rounds.new_period(sample_store, 1, PERIOD)
    view = _round(qtbot, sample_store, start_ref="2.2.4")
    qtbot.keyClick(view.editor.picker, Qt.Key.Key_B)
    view.editor.progress.setFocus()
    qtbot.keyClicks(view.editor.progress, "Closed at the board")
    qtbot.keyClick(view.editor.progress, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert view.heading.text().startswith("2.2.4 ")
    message = view.editor.message.text()
    assert message.startswith("⚠ Not saved. 2.2.4: Blue means approval to close") and "Record sign-off…" in message
    assert view.editor.sign_off.hasFocus() and view.editor.progress.toPlainText() == "Closed at the board"
    assert _saved(sample_store, "2.2.4").rating == "Green" and view.stack.count() == 0


def test_blue_is_signed_off_from_the_round_with_the_typed_progress(qtbot, sample_store):
    from wsoa_desktop.gui.signoff_dialog import SignOffDialog
    from wsoa_desktop.services.signoff import sign_offs

    rounds.new_period(sample_store, 1, PERIOD)
    view = _round(qtbot, sample_store, start_ref="2.2.4")
    assert not view.editor.sign_off.isVisible()
    view.editor.progress.setFocus()
    qtbot.keyClicks(view.editor.progress, "Evidence accepted by the panel")
    qtbot.keyClick(view.editor.progress, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    assert view.editor.sign_off.isVisible()
    qtbot.mouseClick(view.editor.sign_off, Qt.MouseButton.LeftButton)
    dialog = next(d for d in view.findChildren(SignOffDialog) if d.isVisible())
    assert dialog.progress.toPlainText() == "Evidence accepted by the panel"
    qtbot.keyClicks(dialog.minute, "EB minute 7")
    qtbot.keyClick(dialog.minute, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    status = _saved(sample_store, "2.2.4")
    assert (status.rating, status.progress) == ("Blue", "Evidence accepted by the panel")
    assert [s.minute_ref for s in sign_offs(sample_store, 1, "2.2.4")] == ["EB minute 7"]
    assert view.heading.text().startswith("2.2.4 ") and not view.is_dirty()
    assert view.editor.saved.text() == "Blue, saved for this period"


def test_a_refusal_for_a_closed_period_keeps_the_text(view, qtbot, sample_store):
    rounds.close_period(sample_store, 1, PERIOD)  # closed from elsewhere while the round was open
    view.editor.progress.setFocus()
    qtbot.keyClicks(view.editor.progress, "Typed before the close")
    qtbot.keyClick(view.editor.progress, Qt.Key.Key_PageDown)
    assert view.heading.text().startswith("1.1.1 ") and "closed" in view.editor.message.text()
    assert view.editor.progress.toPlainText() == "Typed before the close"


def test_changing_the_walk_order_saves_first(view, qtbot, sample_store):
    view.editor.progress.setFocus()
    qtbot.keyClicks(view.editor.progress, "Saved before reordering")
    view.order.setFocus()
    qtbot.keyClick(view.order, Qt.Key.Key_Down)
    assert view.order.currentData() == rounds.ORDER_LEAD
    assert _saved(sample_store, "1.1.1").progress == "Saved before reordering"
    leads = [i.lead.casefold() for i in view.items if i.lead]
    assert leads == sorted(leads)


def test_ctrl_z_on_the_rating_row_undoes_the_last_save(qtbot, sample_store):
    rounds.new_period(sample_store, 1, PERIOD)
    view = _round(qtbot, sample_store, start_ref="2.2.2")
    view.editor.progress.setFocus()
    qtbot.keyClicks(view.editor.progress, "Still on track")
    qtbot.keyClick(view.editor.progress, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert _saved(sample_store, "2.2.2").progress == "Still on track"
    view.editor.progress.setFocus()
    qtbot.keyClicks(view.editor.progress, "Typed on 2.2.3")
    qtbot.keyClick(view.editor.progress, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert view.editor.progress.toPlainText() == ""  # in a text box Ctrl+Z is the typing's own undo
    assert _saved(sample_store, "2.2.2").progress == "Still on track"
    qtbot.keyClick(view.editor.picker, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    status = _saved(sample_store, "2.2.2")
    assert (status.progress, status.carried_forward) == ("", True)
    assert view.heading.text().startswith("2.2.3 ")  # the round re-read the plan and stayed put
    assert view.list_model.data(view.list_model.index(view.index - 1, 0)) == "2.2.2   Green · not updated"


def test_closed_period_is_read_only(qtbot, sample_store):
    rounds.close_period(sample_store, 1, "August 2022")
    v = _round(qtbot, sample_store, period="August 2022", start_ref="2.2.2")
    assert "closed" in v.period_label.text() and not v.save_next.isEnabled()
    qtbot.keyClick(v.editor.picker, Qt.Key.Key_R)
    assert v.editor.picker.rating() == "Green" and not v.is_dirty()
    v.flagged.setChecked(True)
    assert all(i.flags for i in v.items)


# -- in the main window -------------------------------------------------------------------


@pytest.fixture
def september(window):  # type: ignore[no-untyped-def]
    rounds.new_period(window.store, 1, PERIOD)
    window.switch_period(PERIOD)
    return window


@pytest.fixture
def unsaved_answers(prompts):  # type: ignore[no-untyped-def]
    """Answers for the Save / Discard / Cancel question, and the questions asked."""
    asked: list[str] = []
    queue: list[str] = []

    def ask(question):  # type: ignore[no-untyped-def]
        asked.append(question.text)
        return queue.pop(0)

    prompts.otherwise("unsaved", ask)
    return queue, asked


def _shown_round(window):  # type: ignore[no-untyped-def]
    return next((d for d in window.findChildren(UpdateRoundDialog) if d.isVisible()), None)


def _open_round(qtbot, window):  # type: ignore[no-untyped-def]
    qtbot.keyClick(window.tree, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    dialog = _shown_round(window)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def test_round_starts_at_the_selected_item(september, qtbot):
    september.select_ref("2.5.3")
    september.tree.setFocus()
    dialog = _open_round(qtbot, september)
    assert dialog.view.heading.text().startswith("2.5.3 ")
    assert dialog.windowTitle() == f"Update round — {PERIOD}"
    qtbot.keyClick(dialog.view.editor.picker, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    september.select_ref("3")  # a priority: its first item
    dialog = _open_round(qtbot, september)
    assert dialog.view.heading.text().startswith("3.1.1 ")


def test_esc_with_unsaved_text_asks_save_discard_or_cancel(september, qtbot, unsaved_answers):
    queue, asked = unsaved_answers
    september.select_ref("2.2.4")
    dialog = _open_round(qtbot, september)
    view = dialog.view
    view.editor.progress.setFocus()
    qtbot.keyClicks(view.editor.progress, "Half typed")
    queue.append("cancel")
    qtbot.keyClick(view.editor.progress, Qt.Key.Key_Escape)
    assert dialog.isVisible() and view.editor.progress.toPlainText() == "Half typed"
    assert asked == ["What you typed for 2.2.4 is not saved yet."]
    queue.append("save")
    qtbot.keyClick(view.editor.progress, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert _saved(september.store, "2.2.4").progress == "Half typed"
    assert september.model.node_for(september.model.index_for_ref("2.2.4")).progress == "Half typed"
    assert september.undo_stack.count() == 1

    dialog = _open_round(qtbot, september)
    qtbot.keyClick(dialog.view.editor.picker, Qt.Key.Key_R)
    queue.append("discard")
    qtbot.keyClick(dialog.view.editor.picker, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and _saved(september.store, "2.2.4").rating == "Green"


def test_save_on_close_refused_by_a_rule_keeps_the_round_open(september, qtbot, unsaved_answers):
    queue, _ = unsaved_answers
    september.select_ref("2.2.4")
    dialog = _open_round(qtbot, september)
    qtbot.keyClick(dialog.view.editor.picker, Qt.Key.Key_R)  # Red with no reason
    queue.append("save")
    dialog.close()
    assert dialog.isVisible() and "reason" in dialog.view.editor.message.text()
    queue.append("discard")  # for the window closing at the end of the test


def test_closing_the_main_window_asks_about_unsaved_round_text(september, qtbot, unsaved_answers):
    queue, asked = unsaved_answers
    dialog = _open_round(qtbot, september)
    dialog.view.editor.progress.setFocus()
    qtbot.keyClicks(dialog.view.editor.progress, "Not lost")
    queue.append("cancel")
    assert not september.close()
    assert september.isVisible() and dialog.isVisible() and len(asked) == 1
    queue.append("save")
    assert september.close()
    assert _saved(september.store, "1.1.1").progress == "Not lost"


def test_round_saves_show_in_the_tree_and_undo_from_the_window(september, qtbot):
    september.select_ref("2.2.4")
    dialog = _open_round(qtbot, september)
    qtbot.keyClick(dialog.view.editor.picker, Qt.Key.Key_A)
    dialog.view.editor.reason.setFocus()
    qtbot.keyClicks(dialog.view.editor.reason, "Delayed")
    qtbot.keyClick(dialog.view.editor.reason, Qt.Key.Key_Return)
    node = september.model.node_for(september.model.index_for_ref("2.2.4"))
    assert node.rating == "Amber" and not node.status.carried_forward
    assert september.statusBar().currentMessage() == "Saved 2.2.4: Amber"
    september.undo_stack.undo()
    assert september.outline.find("2.2.4").rating == "Green"  # the window re-read the plan
    assert dialog.view.current.ref == "2.2.5"  # the round stayed where it was
    dialog.close()
    round_actions.update_round(september.plan_context())  # the menu path opens it again
    assert _shown_round(september) is not None


def test_another_database_opened_leaves_the_round_read_only_with_the_text(september, qtbot, unsaved_answers):
    _, asked = unsaved_answers
    dialog = _open_round(qtbot, september)
    dialog.view.editor.progress.setFocus()
    qtbot.keyClicks(dialog.view.editor.progress, "Still on screen")
    september.close_database()  # what a restore or File ▸ Open database does first
    view = dialog.view
    assert view.detached and not view.save_next.isEnabled() and not view.editor.progress.isEnabled()
    assert view.editor.progress.toPlainText() == "Still on screen" and "can no longer save" in view.editor.message.text()
    qtbot.keyClick(view.editor.picker, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and asked == []
