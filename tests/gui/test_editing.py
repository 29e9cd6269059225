"""Editing through the real window: every edit saved at once, undone and redone for real.

The dialogs are answered through the ``prompts`` fixture: each answer fills the
real dialog's fields (what the officer types) and presses Save.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from wsoa_desktop.gui import edit_actions
from wsoa_desktop.gui.plan_tree_model import COL_ACTION, COL_TARGET, FLAG_ROLE
from wsoa_desktop.services.outline import load_outline
from wsoa_desktop.services.plan_items import target_revisions


def _db(window):  # type: ignore[no-untyped-def]
    return load_outline(window.store, window.plan_id, window.period_label)


def _answer_action(prompts, change):  # type: ignore[no-untyped-def]
    """Answer the action dialog: the fields it shows, changed by ``change``, typed into it."""
    def fill(dialog) -> None:  # type: ignore[no-untyped-def]
        ref, fields, _reason = dialog.values()
        ref, fields, reason = change(ref, fields)
        dialog.ref.setText(ref)
        dialog.description.setPlainText(fields.description)
        while dialog.leads.list.count():
            dialog.leads.list.setCurrentRow(0)
            dialog.leads.remove_selected()
        for name in fields.leads:
            dialog.leads.add(name)
        dialog.lead_text.setText(fields.lead_text or "")
        dialog.target.setText(fields.target)
        dialog.reason.setText(reason)
    prompts.answer("ActionDialog", fill)


def _plan(window):  # type: ignore[no-untyped-def]
    return window.plan_context()


def _cell(window, ref: str, column: int) -> str:
    return window.model.index_for_ref(ref, column).data()


def test_edit_sub_action_text_and_target_then_undo_and_redo(window, qtbot, prompts, warnings) -> None:
    before = _db(window).find("1.1.2")
    window.select_ref("1.1.2")

    def change(ref, fields):  # type: ignore[no-untyped-def]
        fields.description = "Review the Health framework — revised wording"
        fields.target = "March 2023"
        return ref, fields, "Waiting for the CCG"
    _answer_action(prompts, change)
    assert edit_actions.edit_selected(_plan(window)), warnings
    saved = _db(window).find("1.1.2")
    assert saved.description == "Review the Health framework — revised wording"
    assert saved.target.text == "March 2023" and saved.target_revised
    revision = target_revisions(window.store, 1, "1.1.2")[-1]
    assert (revision.old_text, revision.new_text, revision.reason) == (before.target.text, "March 2023",
                                                                      "Waiting for the CCG")
    assert _cell(window, "1.1.2", COL_ACTION) == saved.description
    assert "Saved" in window.statusBar().currentMessage()
    assert window.undo_stack.count() == 1  # one macro: text and target undo together

    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    undone = _db(window).find("1.1.2")
    assert (undone.description, undone.target.text) == (before.description, before.target.text)
    assert target_revisions(window.store, 1, "1.1.2") == []
    assert _cell(window, "1.1.2", COL_TARGET) == before.target.text
    assert "Undone" in window.statusBar().currentMessage()

    qtbot.keyClick(window.tree, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    redone = _db(window).find("1.1.2")
    assert (redone.description, redone.target.text) == (saved.description, "March 2023")
    assert _cell(window, "1.1.2", COL_ACTION) == saved.description


def test_change_target_keeps_unreadable_text_and_flags_it(window, prompts) -> None:
    window.select_ref("1.1.1")
    prompts.answer("TargetDialog", lambda d: (d.target.setText("after the summer term"), d.reason.setText("new plan")))
    assert edit_actions.change_target(_plan(window))
    node = _db(window).find("1.1.1")
    assert node.target.text == "after the summer term" and not node.target.is_parsed
    assert window.model.index_for_ref("1.1.1", COL_TARGET).data(FLAG_ROLE) == "unparsed"
    detail = window.detail.toPlainText()
    assert "kept as typed" in detail and "Target revisions" in detail
    assert "July 2022 → after the summer term: new plan" in detail
    window.undo_stack.undo()
    assert _db(window).find("1.1.1").target.text == "July 2022"
    assert window.model.index_for_ref("1.1.1", COL_TARGET).data(FLAG_ROLE) != "unparsed"


def test_edit_leads_adds_a_new_person_inline(window, prompts) -> None:
    window.select_ref("1.3.1")

    def change(ref, fields):  # type: ignore[no-untyped-def]
        fields.leads = fields.leads + ["Priya Newlead"]
        return ref, fields, ""
    _answer_action(prompts, change)
    assert edit_actions.edit_selected(_plan(window))
    assert _db(window).find("1.3.1").leads == ["Vicki Ingram", "Priya Newlead"]
    bar = window.filter_bar
    bar.lead.setCurrentIndex(bar.lead.findData("Priya Newlead"))
    assert window.proxy.matches == 1
    bar.clear()
    window.undo_stack.undo()
    assert _db(window).find("1.3.1").leads == ["Vicki Ingram"]


def test_add_and_delete_a_sub_action_with_undo(window, prompts, warnings) -> None:
    window.select_ref("1.3")
    count = window.model.action_count()

    def new(ref, fields):  # type: ignore[no-untyped-def]
        assert ref == "1.3.4"  # the next free reference is offered
        fields.description = "Publish the new template guide"
        fields.leads = ["Vicki Ingram"]
        fields.target = "31/01/2023"
        return ref, fields, ""
    _answer_action(prompts, new)
    assert edit_actions.add_sub_action(_plan(window))
    assert window.selected_ref() == "1.3.4"
    assert window.model.action_count() == count + 1
    assert _db(window).find("1.3.4").lead_text == "Vicki Ingram"

    prompts.answer("confirm", True)
    assert edit_actions.delete_selected(_plan(window))
    assert prompts.texts("confirm")[-1].startswith("Delete sub-action 1.3.4?")
    assert _db(window).find("1.3.4") is None
    assert window.model.action_count() == count
    window.undo_stack.undo()  # undo the delete: it comes back whole
    back = _db(window).find("1.3.4")
    assert back.description == "Publish the new template guide" and back.leads == ["Vicki Ingram"]
    window.undo_stack.undo()  # undo the add
    assert _db(window).find("1.3.4") is None
    assert warnings == []


def test_undo_delete_of_an_action_restores_sub_actions_and_ratings(window, prompts) -> None:
    before = [(n.ref, n.description, n.rating, n.progress, tuple(n.leads)) for n in _db(window).iter_actions()]
    window.select_ref("2.2")
    prompts.answer("confirm", True)
    assert edit_actions.delete_selected(_plan(window))
    assert _db(window).find("2.2.3") is None
    window.undo_stack.undo()
    after = [(n.ref, n.description, n.rating, n.progress, tuple(n.leads)) for n in _db(window).iter_actions()]
    assert after == before
    assert window.selected_ref() == "2.2"


def test_move_with_and_without_renumbering(window, prompts) -> None:
    window.select_ref("1.1.2")
    prompts.answer("MoveDialog", lambda d: d.parent_combo.setCurrentIndex(d.parent_combo.findData("1.3")))
    assert edit_actions.move_selected(_plan(window))
    outline = _db(window)
    assert outline.find("1.1.2") is None and outline.find("1.1.3") is not None  # nothing renumbered
    assert window.selected_ref() == "1.3.4"
    window.undo_stack.undo()
    assert _db(window).find("1.1.2") is not None and _db(window).find("1.3.4") is None
    window.select_ref("1.1.2")
    prompts.answer("MoveDialog", lambda d: (d.parent_combo.setCurrentIndex(d.parent_combo.findData("1.3")),
                                            d.renumber.setChecked(True)))
    third = _db(window).find("1.1.3").description
    assert edit_actions.move_selected(_plan(window))
    assert _db(window).find("1.1.2").description == third


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_text_is_refused_plainly(window, prompts, warnings, text) -> None:
    window.select_ref("1.1.1")
    before = _db(window).find("1.1.1").description

    def change(ref, fields):  # type: ignore[no-untyped-def]
        fields.description = text
        return ref, fields, ""
    _answer_action(prompts, change)
    assert not edit_actions.edit_selected(_plan(window))
    assert warnings and "no text" in warnings[-1]
    assert _db(window).find("1.1.1").description == before
    assert window.undo_stack.count() == 0


def test_duplicate_reference_is_refused_plainly(window, prompts, warnings) -> None:
    window.select_ref("1.1")
    _answer_action(prompts, lambda ref, fields: ("1.1.1", type(fields)("Duplicate"), ""))
    count = window.model.action_count()
    assert not edit_actions.add_sub_action(_plan(window))
    assert "already used" in warnings[-1]
    assert window.model.action_count() == count and window.undo_stack.count() == 0


def test_edit_priority_and_add_priority(window, prompts) -> None:
    window.select_ref("3")

    prompts.answer("PriorityDialog", lambda d: d.outcome.setPlainText("Every child is known and heard."),
                   lambda d: d.title_edit.setText("Preparing for Adulthood"))  # ref 5 is offered
    assert edit_actions.edit_selected(_plan(window))
    assert next(p for p in _db(window).priorities if p.ref == "3").outcome_statement == \
        "Every child is known and heard."
    assert "Every child is known and heard." in window.detail.toPlainText()
    assert edit_actions.add_priority(_plan(window))
    assert [p.ref for p in _db(window).priorities][-1] == "5"
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert [p.ref for p in _db(window).priorities][-1] == "4"
    assert next(p for p in _db(window).priorities if p.ref == "3").outcome_statement != \
        "Every child is known and heard."


def test_edits_are_recorded_with_the_display_name(window, prompts) -> None:
    from wsoa_desktop.services.audit import history

    window.settings.set("user/display_name", "Jo Officer")
    window.select_ref("1.1.1")
    prompts.answer("TargetDialog", lambda d: (d.target.setText("August 2022"), d.reason.setText("slipped")))
    edit_actions.change_target(_plan(window))
    assert history(window.store, 1, "1.1.1")[0].by == "Jo Officer"
