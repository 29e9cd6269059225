"""The search box reaches its results by keys: Down or Enter lands on the first match."""

from __future__ import annotations

from PySide6.QtCore import Qt


def _first_match(window, words):  # type: ignore[no-untyped-def]
    """The first sub-action, in plan order, whose own text has every word."""
    for node in window.outline.iter_actions():
        text = "\n".join((node.ref, node.description, node.lead_display, node.progress)).casefold()
        if not node.children and all(w in text for w in words.casefold().split()):
            return node.ref
    return None


def test_down_moves_into_the_results_and_enter_opens_as_in_the_tree(window, qtbot, prompts):
    opened: list[str] = []
    prompts.answer("ActionDialog", lambda dialog: opened.append(dialog.ref.text()) or False)  # looked, Cancel
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.filter_bar.search, "CPD to")
    expected = _first_match(window, "CPD to")
    assert expected is not None and expected != window.selected_ref()
    qtbot.keyClick(window.filter_bar.search, Qt.Key.Key_Down)
    assert window.tree.hasFocus() and window.selected_ref() == expected
    qtbot.keyClick(window.tree, Qt.Key.Key_Down)  # then the arrows walk the results
    assert window.selected_ref() != expected
    qtbot.keyClick(window.tree, Qt.Key.Key_Up)
    qtbot.keyClick(window.tree, Qt.Key.Key_Return)
    assert opened == [expected]


def test_enter_in_the_search_box_selects_the_first_match(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.filter_bar.search, "2.5.3")
    qtbot.keyClick(window.filter_bar.search, Qt.Key.Key_Return)
    assert window.tree.hasFocus() and window.selected_ref() == "2.5.3"
    assert window.filter_bar.search.text() == "2.5.3"  # the search stays as typed


def test_a_search_with_no_results_keeps_the_focus_in_the_box(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.filter_bar.search, "zzqx nothing")
    qtbot.keyClick(window.filter_bar.search, Qt.Key.Key_Down)
    assert window.filter_bar.search.hasFocus()
