"""Two officers at once on impact measures: Ann in the measures editor and the readings import,
Ben saving through his own connection to the same file.

A stale save or delete is refused with who and when, offers Reload, and keeps what Ann
typed (shown again over Ben's measure after Reload); an undo of a measure Ben changed
since is refused; an import whose dry run Ben has overtaken is refused and checked again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import ANN, BEN
from tests.readings_sheets import write_readings
from wsoa_desktop.gui.dashboard.measures_dialog import MeasuresDialog
from wsoa_desktop.gui.dashboard.readings_dialog import ReadingsImportDialog
from wsoa_desktop.services import measures
from wsoa_desktop.store.database import Store


def _editor(window, qtbot, ref: str) -> MeasuresDialog:  # type: ignore[no-untyped-def]
    dialog = MeasuresDialog(window.plan_context(), ref)
    qtbot.addWidget(dialog, before_close_func=lambda d: setattr(d, "dirty", False))
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.current_ref == ref
    return dialog


def _ben_sets_owner(ben: Store, ref: str, owner: str) -> None:
    doc = dict(measures.measure_document(measures.get_measure(ben, 1, ref)), owner=owner)
    measures.put_measure_document(ben, 1, ref, doc, by=BEN, seen=measures.measure_version(ben, 1, ref))


def _type_owner(qtbot, dialog: MeasuresDialog, text: str) -> None:  # type: ignore[no-untyped-def]
    dialog.owner_edit.setFocus()
    dialog.owner_edit.selectAll()
    qtbot.keyClicks(dialog.owner_edit, text)


def test_a_stale_measure_save_is_refused_keeps_the_typing_and_saves_after_reload(ann, ben, qtbot, prompts, press_reload) -> None:
    dialog = _editor(ann, qtbot, "M8")
    _type_owner(qtbot, dialog, "Ann's team")
    qtbot.keyClicks(dialog.source_edit, " (checked)")
    _ben_sets_owner(ben, "M8", "Ben's team")
    measures.set_reading(ben, 1, "M8", "Q1 2022/23", 10300, by=BEN)
    prompts.answer("stale", press_reload)
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    [refusal] = prompts.texts("stale")
    assert refusal.startswith("M8 was changed by Ben Hall at ")
    assert measures.get_measure(ann.store, 1, "M8").owner == "Ben's team"  # nothing of Ann's written
    assert ann.undo_stack.count() == 0
    # After Reload: Ann's typing is back over the measure as now saved, not yet saved.
    assert dialog.current_ref == "M8" and dialog.dirty
    assert dialog.owner_edit.text() == "Ann's team" and dialog.source_edit.text().endswith(" (checked)")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    saved = measures.get_measure(ben, 1, "M8")
    assert saved.owner == "Ann's team" and ann.undo_stack.count() == 1 and not dialog.dirty


def test_cancelling_the_refusal_saves_nothing_and_keeps_the_typing(ann, ben, qtbot, prompts) -> None:
    dialog = _editor(ann, qtbot, "M8")
    _type_owner(qtbot, dialog, "Ann's team")
    _ben_sets_owner(ben, "M8", "Ben's team")
    prompts.answer("stale", False)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert prompts.texts("stale")
    assert measures.get_measure(ann.store, 1, "M8").owner == "Ben's team"
    assert dialog.owner_edit.text() == "Ann's team" and dialog.dirty and ann.undo_stack.count() == 0


def test_a_stale_delete_is_refused_and_the_editor_shows_bens_change(ann, ben, qtbot, prompts, press_reload) -> None:
    dialog = _editor(ann, qtbot, "M8")
    measures.set_reading(ben, 1, "M8", "Q1 2022/23", 10300, by=BEN)
    prompts.answer("confirm", True)
    prompts.answer("stale", press_reload)
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert prompts.texts("stale")[0].startswith("M8 was changed by Ben Hall")
    assert measures.get_measure(ann.store, 1, "M8").readings[0].value == 10300  # still there
    assert dialog.current_ref == "M8" and dialog.readings_model.item(0, 1).text() == "10300"
    prompts.answer("confirm", True)  # having seen Ben's figure, Ann deletes again: now it goes
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert "M8" not in measures.measure_versions(ben, 1)


def test_undo_of_a_measure_edit_someone_changed_since_is_refused(ann, ben, qtbot, prompts) -> None:
    dialog = _editor(ann, qtbot, "M8")
    _type_owner(qtbot, dialog, "Ann's team")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    _type_owner(qtbot, dialog, "Ann's second team")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    ann.undo_stack.undo()  # her own edits in a row undo fine
    assert measures.get_measure(ben, 1, "M8").owner == "Ann's team"
    ann.undo_stack.redo()
    assert measures.get_measure(ben, 1, "M8").owner == "Ann's second team"
    dialog.close()
    ann.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is ann)
    measures.set_reading(ben, 1, "M8", "Q1 2022/23", 10300, by=BEN)
    ann.tree.setFocus()
    qtbot.keyClick(ann.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert ann.statusBar().currentMessage().startswith("Could not undo “edit measure M8”: M8 was changed by Ben Hall")
    saved = measures.get_measure(ben, 1, "M8")
    assert saved.owner == "Ann's second team" and saved.readings[0].value == 10300  # Ben's figure stands


def test_an_import_overtaken_since_its_dry_run_is_refused_and_checked_again(ann, ben, qtbot, prompts, press_reload,
                                                                            tmp_path) -> None:
    measures.set_reading(ann.store, 1, "M8", "Q1 2022/23", 10000, by=ANN)
    sheet = write_readings(tmp_path / "r.xlsx", [("M8", "Q1 2022/23", 10600, ""), ("M11", "Q1 2022/23", 181, "")])
    dialog = ReadingsImportDialog(ann.plan_context(), sheet)
    qtbot.addWidget(dialog)
    assert any("was 10,000" in line for line in dialog.row_model.stringList())
    measures.set_reading(ben, 1, "M8", "Q1 2022/23", 10300, by=BEN)
    prompts.answer("stale", press_reload)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert prompts.texts("stale")[0].startswith("M8 was changed by Ben Hall")
    assert dialog.imported == 0 and measures.get_measure(ann.store, 1, "M11").readings == ()
    assert any("was 10,300" in line for line in dialog.row_model.stringList())  # the dry run again, as now
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.imported == 2 and measures.get_measure(ben, 1, "M8").readings[0].value == 10600
    ann.undo_stack.undo()
    assert measures.get_measure(ben, 1, "M8").readings[0].value == 10300
    ann.undo_stack.redo()
    assert measures.get_measure(ben, 1, "M8").readings[0].value == 10600
    measures.set_reading(ben, 1, "M11", "Q1 2022/23", 175, by=BEN)
    ann.undo_stack.undo()  # Ben has changed M11 since: refused, his figure stands
    assert measures.get_measure(ben, 1, "M11").readings[0].value == 175
    assert measures.get_measure(ben, 1, "M8").readings[0].value == 10600
