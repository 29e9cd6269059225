"""Rating schemes in the app: the model without a view, the dialog by keys, new plans and Plan ▸ Rating scheme…."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from tests.gui.keys import accepted, activate, shown, tick_cell, type_in_cell
from wsoa_desktop.domain.rating_schemes import RAG_2017, WSOA_BRAG
from wsoa_desktop.domain.scheme_design import drafts_of
from wsoa_desktop.gui import file_actions
from wsoa_desktop.gui.plan_tree_model import COL_RATING
from wsoa_desktop.gui.rating_scheme_dialog import RatingSchemeDialog
from wsoa_desktop.gui.scheme_model import (
    COLOUR,
    COMPLETE,
    CONTRAST,
    IN_USE,
    NAME,
    NOT_STARTED,
    PREVIEW,
    SYNONYMS,
    TEXT,
    SchemeModel,
)
from wsoa_desktop.services.outline import load_outline
from wsoa_desktop.services.plans import list_plans, scheme_for
from wsoa_desktop.services.scheme_changes import ratings_in_use


def test_the_model_offers_readable_text_and_keeps_complete_exclusive() -> None:
    model = SchemeModel(drafts_of(WSOA_BRAG), {"Amber": 7})
    assert model.rowCount() == 5 and model.index(2, IN_USE).data() == "7"
    assert model.setData(model.index(2, COLOUR), "#fff59d")
    assert model.drafts[2].colour == "#FFF59D" and model.drafts[2].text_colour == "#000000"
    assert model.index(2, CONTRAST).data().endswith("passes AA")
    assert model.index(2, PREVIEW).data(Qt.ItemDataRole.BackgroundRole).name() == "#fff59d"
    model.setData(model.index(2, TEXT), "ffffff")
    assert "too low" in model.index(2, CONTRAST).data() and "use black text" in model.index(2, CONTRAST).data()
    model.use_best_text(2)
    assert model.drafts[2].text_colour == "#000000"
    model.setData(model.index(1, COMPLETE), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert [d.is_complete for d in model.drafts] == [False, True, False, False, False]
    model.setData(model.index(1, NOT_STARTED), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert not model.drafts[1].is_complete and model.drafts[1].is_not_started and not model.drafts[4].is_not_started
    model.setData(model.index(0, SYNONYMS), "Done; Closed , B")
    assert model.drafts[0].synonyms == ["Done", "Closed", "B"]
    row = model.add_rating()
    assert row == 5 and model.drafts[5].severity == 4  # one worse than Red... of the rated ones left
    assert model.move_rating(5, -1) == 4 and model.drafts[4].name == ""
    model.remove_rating(2)
    assert model.removed_in_use() == {"Amber": 7}


def _dialog(qtbot, drafts, **kwargs) -> RatingSchemeDialog:  # type: ignore[no-untyped-def]
    dialog = RatingSchemeDialog("Team RAG", drafts, **kwargs)
    qtbot.addWidget(dialog)
    return shown(qtbot, dialog)


def _ok(dialog):  # type: ignore[no-untyped-def]
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_define_a_scheme_by_keys_contrast_checked_before_it_can_be_used(qtbot) -> None:
    dialog = _dialog(qtbot, drafts_of(RAG_2017, keep_original=False))
    assert _ok(dialog).isEnabled()
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    editor_row = dialog.current_row()
    assert editor_row == 3 and not _ok(dialog).isEnabled() and "Rating 4 has no name" in dialog.problems.text()
    type_in_cell(qtbot, dialog.table, 3, NAME, "Paused")
    type_in_cell(qtbot, dialog.table, 3, COLOUR, "#FFFF00")
    assert dialog.model.drafts[3].text_colour == "#000000"  # the better of black and white, at once
    type_in_cell(qtbot, dialog.table, 3, TEXT, "#FFFFFF")
    assert "Paused: its name is hard to read on its colour (1.1:1" in dialog.problems.text()
    assert not _ok(dialog).isEnabled()
    dialog.select_row(3)
    qtbot.mouseClick(dialog.best_button, Qt.MouseButton.LeftButton)
    assert dialog.model.drafts[3].text_colour == "#000000"
    type_in_cell(qtbot, dialog.table, 3, SYNONYMS, "On hold, P")
    tick_cell(qtbot, dialog.table, 3, NOT_STARTED)
    assert dialog.model.drafts[3].is_not_started
    assert _ok(dialog).isEnabled(), dialog.problems.text()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert [d.name for d in dialog.model.drafts] == ["Green", "Amber", "Paused", "Red"]
    scheme = dialog.scheme()
    assert scheme.name == "Team RAG" and scheme.get("on hold").name == "Paused"
    assert scheme.get("Paused").is_not_started and scheme.get("Green").is_complete


def test_new_plan_with_the_2017_scheme_and_with_one_defined(window, prompts, qtbot) -> None:
    def answer(dialog) -> int:  # type: ignore[no-untyped-def]
        dialog.title.setText("Joint action plan 2017")
        dialog.scheme_choice.setFocus()
        qtbot.keyClick(dialog.scheme_choice, Qt.Key.Key_Down)  # WSOA BRAG → RAG 2017
        assert "Not started / may miss target" in dialog.legend.text()
        return QDialog.DialogCode.Accepted
    prompts.answer("NewPlanDialog", answer)
    plan_id = file_actions.new_plan(window)
    assert scheme_for(window.store, plan_id) == RAG_2017
    assert "RAG (complete = Green)" in window.statusBar().currentMessage()

    def define(dialog) -> int:  # type: ignore[no-untyped-def]
        shown(qtbot, dialog)
        dialog.name.setText("Forum RAG")
        type_in_cell(qtbot, dialog.table, 2, NAME, "Late")
        return accepted(dialog)

    def answer_custom(dialog) -> int:  # type: ignore[no-untyped-def]
        shown(qtbot, dialog)
        dialog.title.setText("Forum plan")
        dialog.scheme_choice.setCurrentIndex(1)  # start from RAG 2017
        qtbot.mouseClick(dialog.define_button, Qt.MouseButton.LeftButton)
        assert "Late" in dialog.legend.text() and dialog.scheme_choice.currentText().startswith("Forum RAG")
        return QDialog.DialogCode.Accepted
    prompts.answer("RatingSchemeDialog", define)
    prompts.answer("NewPlanDialog", answer_custom)
    plan_id = file_actions.new_plan(window)
    assert scheme_for(window.store, plan_id).names() == ["Green", "Amber", "Late"]
    assert len(list_plans(window.store)) == 3


def test_plan_rating_scheme_renames_with_undo_and_maps_a_removed_rating(window, prompts, qtbot) -> None:
    ref = "2.4.3"
    assert window.model.index_for_ref(ref, COL_RATING).data() == "Amber"

    def rename(dialog) -> int:  # type: ignore[no-untyped-def]
        shown(qtbot, dialog)
        type_in_cell(qtbot, dialog.table, 2, NAME, "Yellow")
        return accepted(dialog)
    prompts.answer("RatingSchemeDialog", rename)
    window.findChild(type(window.undo_stack.createUndoAction(window)), "actionRatingScheme").trigger()
    assert load_outline(window.store, 1).find(ref).rating == "Yellow"
    assert window.model.index_for_ref(ref, COL_RATING).data() == "Yellow"
    activate(window)
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert scheme_for(window.store, 1).names() == WSOA_BRAG.names()
    assert window.model.index_for_ref(ref, COL_RATING).data() == "Amber"

    grey_before = ratings_in_use(window.store, 1)["Grey"]

    def drop_grey(dialog) -> int:  # type: ignore[no-untyped-def]
        shown(qtbot, dialog)
        dialog.select_row(4)
        qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
        return accepted(dialog)

    def map_to_green(dialog) -> int:  # type: ignore[no-untyped-def]
        combo = dialog.choices["Grey"]
        combo.setCurrentText("Green")
        return QDialog.DialogCode.Accepted
    confirmed: list[str] = []
    prompts.answer("RatingSchemeDialog", drop_grey)
    prompts.answer("MappingDialog", map_to_green)
    prompts.answer("confirm", lambda question: confirmed.append(question.text) or True)
    depth = window.undo_stack.count()
    from wsoa_desktop.gui.governance_actions import edit_scheme

    assert edit_scheme(window.plan_context())
    assert f"{grey_before} × Grey → Green" in confirmed[0] and "cannot be undone" in confirmed[0]
    assert "Grey" not in scheme_for(window.store, 1).names() and window.undo_stack.count() == depth
    assert "Grey" not in ratings_in_use(window.store, 1)


@pytest.mark.parametrize("answer", [QDialog.DialogCode.Rejected])
def test_cancelling_the_scheme_changes_nothing(window, prompts, answer) -> None:
    from wsoa_desktop.gui.governance_actions import edit_scheme

    def cancel(dialog) -> int:  # type: ignore[no-untyped-def]
        dialog.model.set_colour(0, "#000000")
        return answer
    prompts.answer("RatingSchemeDialog", cancel)
    assert not edit_scheme(window.plan_context())
    assert scheme_for(window.store, 1).get("Blue").colour == "#1F5FAD"


def test_a_scheme_someone_changed_meanwhile_is_refused_and_the_dialog_comes_back_as_typed(
        window, prompts, qtbot) -> None:
    """Ben renames the scheme while Ann's dialog is open: her save is refused with who and when, Reload
    shows his change, and the dialog opens again holding her Yellow; saving then applies it knowingly."""
    from PySide6.QtWidgets import QMessageBox

    from wsoa_desktop.services.scheme_changes import change_scheme
    from wsoa_desktop.store.database import open_store

    def rename_while_ben_saves(dialog) -> int:  # type: ignore[no-untyped-def]
        shown(qtbot, dialog)
        ben = open_store(window.store.path)
        try:
            change_scheme(ben, 1, "Ben's BRAG", drafts_of(scheme_for(ben, 1)), by="Ben Hall")
        finally:
            ben.close()
        type_in_cell(qtbot, dialog.table, 2, NAME, "Yellow")
        return accepted(dialog)

    offered: list[str] = []

    def again(dialog) -> int:  # type: ignore[no-untyped-def]
        shown(qtbot, dialog)
        offered.append(dialog.model.index(2, NAME).data())
        offered.append(scheme_for(window.store, 1).name)
        return accepted(dialog)

    def press_reload(question) -> None:  # type: ignore[no-untyped-def]
        box: QMessageBox = question.dialog
        qtbot.mouseClick(next(b for b in box.buttons() if b.objectName() == "reloadButton"),
                         Qt.MouseButton.LeftButton)

    prompts.answer("RatingSchemeDialog", rename_while_ben_saves, again)
    prompts.answer("stale", press_reload)
    window.findChild(type(window.undo_stack.createUndoAction(window)), "actionRatingScheme").trigger()
    assert prompts.texts("stale")[0].startswith("The plan's rating scheme was changed by Ben Hall")
    assert offered == ["Yellow", "Ben's BRAG"]
    assert scheme_for(window.store, 1).names()[2] == "Yellow"
    assert window.model.index_for_ref("2.4.3", COL_RATING).data() == "Yellow"
