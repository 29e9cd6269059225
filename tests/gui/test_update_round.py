"""The update-round view, driven from the keyboard as the officer drives it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from wsoa_desktop.gui.update_round import UpdateRoundView
from wsoa_desktop.services import rounds
from wsoa_desktop.services.outline import load_outline


@pytest.fixture
def view(qtbot, sample_store):
    rounds.new_period(sample_store, 1, "September 2022")
    stack = QUndoStack()
    v = UpdateRoundView(sample_store, 1, "September 2022", undo_stack=stack, user="Officer")
    qtbot.addWidget(v)
    v.show()
    v.stack = stack
    return v


def _goto(view, ref):
    view.index = [i.ref for i in view.items].index(ref)
    view.show_item()


def test_walks_the_round_and_shows_last_period(view):
    assert view.position.text() == "1 of 75"
    assert view.heading.text().startswith("1.1.1 ")
    _goto(view, "2.2.3")
    assert view.prev_rating.text() == "Amber"
    assert "overdue" in view.flags_label.text() and "not updated this period" in view.flags_label.text()
    view.go(1)
    assert view.heading.text().startswith("2.2.4 ")


def test_keys_rate_type_progress_save_and_move_on(view, qtbot, sample_store):
    from datetime import date

    from wsoa_desktop.services.signoff import record_sign_off

    # Blue rests on an approval to close (the status service's rule).
    record_sign_off(sample_store, 1, "2.2.2", approved_on=date(2022, 9, 14), minute_ref="23/45",
                    set_complete=False)
    _goto(view, "2.2.2")
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_B)
    assert view.pending == "Blue" and view.rating_buttons["Blue"].isChecked()
    assert view.direction.text().startswith("↑")
    view.progress.setFocus()
    qtbot.keyClicks(view.progress, "Done and evidenced")
    qtbot.keyClick(view.progress, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert view.heading.text().startswith("2.2.3 ")
    node = load_outline(sample_store, 1, "September 2022").find("2.2.2")
    assert (node.rating, node.progress, node.status.carried_forward) == ("Blue", "Done and evidenced", False)
    assert view.stack.count() == 1
    view.stack.undo()
    node = load_outline(sample_store, 1, "September 2022").find("2.2.2")
    assert (node.rating, node.status.carried_forward) == ("Green", True)
    view.stack.redo()
    assert load_outline(sample_store, 1, "September 2022").find("2.2.2").rating == "Blue"


def test_worse_rating_asks_for_a_reason_before_saving(view, qtbot, sample_store):
    _goto(view, "2.2.2")
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Y)  # Yellow is Amber
    assert view.pending == "Amber" and view.direction.text().startswith("↓")
    assert "reason is needed" in view.reason.placeholderText()
    view.save_and_next()
    assert "reason" in view.message.text() and view.heading.text().startswith("2.2.2 ")
    assert load_outline(sample_store, 1, "September 2022").find("2.2.2").rating == "Green"
    view.reason.setText("Key officer on leave")
    view.save_and_next()
    node = load_outline(sample_store, 1, "September 2022").find("2.2.2")
    assert (node.rating, node.status.reason) == ("Amber", "Key officer on leave")


def test_letters_typed_in_progress_are_text_not_ratings(view, qtbot):
    _goto(view, "2.2.2")
    view.progress.setFocus()
    view.progress.clear()
    qtbot.keyClicks(view.progress, "Red tape")
    assert view.pending == "Green" and view.progress.toPlainText() == "Red tape"
    qtbot.keyClick(view.progress, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    assert view.pending == "Red"


def test_closed_period_is_read_only_and_lead_order_works(qtbot, sample_store):
    rounds.close_period(sample_store, 1, "August 2022")
    v = UpdateRoundView(sample_store, 1, "August 2022")
    qtbot.addWidget(v)
    assert "closed" in v.period_label.text() and not v.save_next.isEnabled()
    qtbot.keyClick(v, Qt.Key.Key_R)
    assert v.pending == v.current.node.rating
    v.order.setCurrentIndex(1)
    leads = [i.lead.casefold() for i in v.items if i.lead]
    assert leads == sorted(leads)
    v.flagged.setChecked(True)
    assert all(i.flags for i in v.items)


def test_every_rating_has_a_key(view, qtbot):
    assert set(view.keys.values()) == {"Blue", "Green", "Amber", "Red", "Grey"}
    grey = next(k for k, v in view.keys.items() if v == "Grey")
    assert view.rating_buttons["Grey"].text() == f"Grey ({grey})"
    _goto(view, "2.2.2")
    view.setFocus()
    qtbot.keyClick(view, grey)
    assert view.pending == "Grey"
