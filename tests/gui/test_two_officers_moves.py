"""Two officers at once, in the window, on Edit ▸ Move… and Round ▸ Sign off…: Ann at the keyboard,
Ben saving through his own connection. A stale move or sign-off is refused with who and when, offers
Reload, and the dialog comes back with what Ann chose and typed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from tests.gui.conftest import ANN, BEN
from wsoa_desktop.gui import round_actions
from wsoa_desktop.services import plan_items, rounds, signoff
from wsoa_desktop.services.outline import load_outline


def test_a_stale_move_is_refused_and_the_dialog_comes_back_with_what_was_chosen(ann, ben, qtbot, prompts, press_reload) -> None:
    window = ann
    window.select_ref("1.1.2")
    window.tree.setFocus()
    plan_items.update_action(ben, 1, "1.1.2", description="Ben's wording of 1.1.2", by=BEN, seen=1)
    kept: list[tuple[str, bool, str]] = []

    def choose(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.parent_combo.setFocus()
        qtbot.keyClick(dialog.parent_combo, Qt.Key.Key_End)  # the last action offered
        dialog.new_ref.setFocus()
        qtbot.keyClicks(dialog.new_ref, "4.6.9")
        qtbot.keyClick(dialog.renumber, Qt.Key.Key_Space)

    def again(dialog) -> None:  # type: ignore[no-untyped-def]
        kept.append(dialog.values())
        kept.append(("", False, window.node("1.1.2").description))  # Ben's change is on screen behind it
        qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                         Qt.MouseButton.LeftButton)

    prompts.answer("MoveDialog", choose, again)
    prompts.answer("stale", press_reload)
    qtbot.keyClick(window.tree, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)

    [refusal] = prompts.texts("stale")
    assert refusal.startswith("1.1.2 was changed by Ben Hall at ")
    assert kept[0] == ("4.6", True, "4.6.9")  # the second dialog opened with Ann's choices
    assert kept[1][2] == "Ben's wording of 1.1.2"  # and Ben's change is on screen behind it
    outline = load_outline(window.store, 1)
    assert outline.find("4.6.9").description == "Ben's wording of 1.1.2"  # moved knowingly, his text with it
    assert outline.find("1.1.2").description != "Ben's wording of 1.1.2"  # 1.1.3 moved up into the gap
    assert window.undo_stack.count() == 1


def test_a_moved_item_is_refused_back_when_someone_edited_it(ann, ben, qtbot, prompts) -> None:
    """Undo and redo of a move name the versions the last run left: a move someone edited since stays."""
    window = ann
    window.select_ref("2.2.2")
    window.tree.setFocus()

    prompts.answer("MoveDialog", True)  # the first place offered, the next free reference there
    qtbot.keyClick(window.tree, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert window.undo_stack.count() == 1
    new_ref = window.undo_stack.command(0).result.new_ref
    assert load_outline(window.store, 1).find("2.2.2") is None
    qtbot.keyClick(window.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # own undo: fine
    assert load_outline(window.store, 1).find("2.2.2") is not None
    qtbot.keyClick(window.tree, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)  # own redo: fine
    node = load_outline(ben, 1).find(new_ref)
    assert node is not None
    plan_items.update_action(ben, 1, new_ref, description="Ben's wording", by=BEN, seen=node.version)
    qtbot.keyClick(window.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    message = window.statusBar().currentMessage()
    assert message.startswith("Could not undo “move 2.2.2 to ") and "was changed by Ben Hall" in message
    assert load_outline(window.store, 1).find(new_ref).description == "Ben's wording"
    assert load_outline(window.store, 1).find("2.2.2") is None


def test_a_stale_sign_off_keeps_what_was_typed_and_records_after_reload(ann, ben, qtbot, prompts, press_reload) -> None:
    window = ann
    window.select_ref("2.2.2")
    seen = window.node("2.2.2").status.version if window.node("2.2.2").status else 0
    rounds.rate(ben, 1, "2.2.2", window.plan_context().period_label, "Green", progress="Ben's progress",
                by=BEN, seen=seen)
    seen_in_dialog: list[str] = []

    def fill_and_record(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.minute.setFocus()
        qtbot.keyClicks(dialog.minute, "EB minute 12")
        record = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(record, Qt.MouseButton.LeftButton)  # refused: Ben saved first → Reload
        seen_in_dialog.append(dialog.minute.text())
        seen_in_dialog.append(dialog.error.text())
        seen_in_dialog.append(window.node("2.2.2").status.progress)
        assert dialog.isVisible()
        qtbot.mouseClick(record, Qt.MouseButton.LeftButton)  # again, on what is saved now

    prompts.answer("SignOffDialog", fill_and_record)
    prompts.answer("stale", press_reload)
    assert round_actions.sign_off(window.plan_context())
    [refusal] = prompts.texts("stale")
    assert refusal.startswith("2.2.2 was changed by Ben Hall")
    assert seen_in_dialog[0] == "EB minute 12"
    assert seen_in_dialog[1].startswith("Reloaded: 2.2.2 now shows what Ben Hall saved. What you typed is kept")
    assert seen_in_dialog[2] == "Ben's progress"
    assert [s.minute_ref for s in signoff.sign_offs(window.store, 1, "2.2.2")] == ["EB minute 12"]
    assert window.outline.find("2.2.2").rating == "Blue"


def test_cancelling_a_stale_sign_off_records_nothing(ann, ben, qtbot, prompts) -> None:
    window = ann
    window.select_ref("2.2.2")
    seen = window.node("2.2.2").status.version if window.node("2.2.2").status else 0
    rounds.rate(ben, 1, "2.2.2", window.plan_context().period_label, "Green", progress="Ben's", by=BEN, seen=seen)

    def fill_and_record(dialog) -> bool:  # type: ignore[no-untyped-def]
        qtbot.keyClicks(dialog.minute, "EB minute 12")
        qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                         Qt.MouseButton.LeftButton)
        return False  # then Cancel

    prompts.answer("SignOffDialog", fill_and_record)
    prompts.answer("stale", False)
    assert not round_actions.sign_off(window.plan_context())
    assert signoff.sign_offs(window.store, 1, "2.2.2") == []
    assert load_outline(window.store, 1).find("2.2.2").rating == "Green"


def test_evidence_someone_else_removed_is_said_and_the_list_shows_what_is_kept(window, ben, qtbot, prompts,
                                                                                warnings) -> None:
    from tests.gui.keys import shown
    from wsoa_desktop.gui.evidence_dialog import EvidenceDialog
    from wsoa_desktop.services import evidence

    evidence.attach_link(window.store, 1, "2.2.2", "https://example.org/minutes", title="Minutes", by=ANN)
    evidence.attach_link(window.store, 1, "2.2.2", "https://example.org/audit", title="Audit", by=ANN)
    dialog = EvidenceDialog(window.store, 1, "2.2.2", by=ANN, parent=window)
    qtbot.addWidget(dialog)
    shown(qtbot, dialog)
    minutes = next(e for e in dialog.items if e.title == "Minutes")
    evidence.remove_evidence(ben, 1, minutes.id, by=BEN, seen=minutes.version)
    dialog.table.selectRow(dialog.items.index(minutes))
    prompts.answer("confirm", True)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert "removed by someone else" in warnings[-1]
    assert [e.title for e in dialog.items] == ["Audit"]  # the list now shows what is kept
    assert [e.title for e in evidence.list_evidence(window.store, 1, "2.2.2")] == ["Audit"]
