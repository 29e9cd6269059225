"""Plan ▸ Boards and people…: the models without a view, then the panel by keys and clicks, undoable."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from tests.gui.keys import accepted, activate, shown, tick_cell, type_in_cell
from wsoa_desktop.gui.governance_models import OBJECT_ROLE, GroupsModel, MembersModel, PeopleModel
from wsoa_desktop.gui.governance_panel import BoardsPeoplePanel
from wsoa_desktop.gui.signoff_dialog import SignOffDialog
from wsoa_desktop.services import governance, people
from wsoa_desktop.services.governance import Member
from wsoa_desktop.services.outline import load_outline


def test_groups_and_people_models_without_a_view(sample_store) -> None:
    groups = GroupsModel()
    groups.set_rows(governance.groups(sample_store, 1))
    row = next(r for r in range(groups.rowCount()) if groups.index(r, 0).data() == "SEND Executive Board")
    assert [groups.index(row, c).data() for c in range(6)] == [
        "SEND Executive Board", "Board", "", "Suzanne Joyner (Joint Chair); Ian Atkinson (Joint Chair)", "10", "Yes"]
    assert groups.index(row, 0).data(Qt.ItemDataRole.FontRole).bold()
    assert "Nathan Heath, Assistant Director" in groups.index(row, 4).data(Qt.ItemDataRole.ToolTipRole)
    members = MembersModel()
    members.set_rows([Member("Julie Day", is_chair=True)])
    members.add_member()
    assert members.setData(members.index(1, 0), "  Pam   Ward ")
    assert members.setData(members.index(1, 1), "Strategic Lead")
    assert members.setData(members.index(1, 2), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert members.move_member(1, -1) == 0
    assert members.members() == [Member("Pam Ward", "Strategic Lead", True), Member("Julie Day", "", True)]
    saved: list[tuple[str, people.PersonFields]] = []
    model = PeopleModel(lambda p, f: saved.append((p.name, f)) or True)
    model.set_rows(people.list_people(sample_store, 1))
    julie = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "Julie Day")
    assert int(model.index(julie, 5).data()) == model.index(julie, 0).data(OBJECT_ROLE).leads > 0
    assert model.setData(model.index(julie, 1), "JDy")
    assert saved[-1] == ("Julie Day", replace(model.rows[julie].fields(), initials="JDy"))
    assert not model.setData(model.index(julie, 0), "Julie Day")  # unchanged: nothing to save
    assert not model.flags(model.index(julie, 5)) & Qt.ItemFlag.ItemIsEditable


def _panel(window, qtbot):  # type: ignore[no-untyped-def]
    window.findChild(QAction, "actionBoardsPeople").trigger()
    panel = window.findChild(BoardsPeoplePanel, "BoardsPeoplePanel")  # one per window, owned by it
    qtbot.addWidget(panel)
    return shown(qtbot, panel)


def _row(panel, name: str) -> int:
    return next(r for r in range(panel.groups.rowCount()) if panel.groups.index(r, 0).data() == name)


def test_edit_a_subgroup_by_keys_then_undo_and_redo(window, prompts, qtbot, warnings) -> None:
    panel = _panel(window, qtbot)
    assert panel.groups.rowCount() == 7
    panel.group_view.setFocus()
    panel.group_view.setCurrentIndex(panel.groups.index(_row(panel, "Graduated Response"), 0))

    def edit(dialog) -> int:  # type: ignore[no-untyped-def]
        shown(qtbot, dialog)
        dialog.name.selectAll()
        qtbot.keyClicks(dialog.name, "Graduated Response Group")
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
        type_in_cell(qtbot, dialog.table, dialog.members.rowCount() - 1, 0, "Pam Ward, Strategic Lead")
        tick_cell(qtbot, dialog.table, dialog.members.rowCount() - 1, 2)
        return accepted(dialog)
    prompts.answer("GroupDialog", edit)
    qtbot.keyClick(panel.group_view, Qt.Key.Key_Return)  # Enter opens the selected group
    group = next(g for g in governance.groups(window.store, 1) if g.priority_ref == "2")
    assert group.name == "Graduated Response Group" and group.members[-1] == Member("Pam Ward, Strategic Lead",
                                                                                    "", True)
    assert panel.isVisible(), "Enter must not close the panel"
    assert panel.selected_group().name == "Graduated Response Group"
    assert load_outline(window.store, 1).priorities[1].subgroup == "Graduated Response Group"
    assert "Done: edit Graduated Response" in window.statusBar().currentMessage()
    activate(panel)  # the group dialog closed: the panel is the active window again
    qtbot.keyClick(panel.group_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert next(g for g in governance.groups(window.store, 1) if g.priority_ref == "2").name == "Graduated Response"
    assert panel.groups.index(_row(panel, "Graduated Response"), 3).data().count(";") == 1  # two chairs again
    qtbot.keyClick(panel.group_view, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert _row(panel, "Graduated Response Group") >= 0
    assert warnings == []


def test_add_remove_and_reorder_groups_with_undo(window, prompts, qtbot, warnings) -> None:
    panel = _panel(window, qtbot)

    def add(dialog) -> int:  # type: ignore[no-untyped-def]
        shown(qtbot, dialog)
        qtbot.keyClicks(dialog.name, "Evidence Challenge Panel")
        dialog.signs_off.setFocus()
        qtbot.keyClick(dialog.signs_off, Qt.Key.Key_Space)
        return accepted(dialog)
    prompts.answer("GroupDialog", add)
    qtbot.mouseClick(panel.add_group_button, Qt.MouseButton.LeftButton)
    assert panel.selected_group().name == "Evidence Challenge Panel" and panel.selected_group().signs_off
    assert governance.sign_off_body(window.store, 1) == "Evidence Challenge Panel"
    # the sign-off dialog now offers it first
    dialog = SignOffDialog(window.store, 1, "2.2.2", "August 2022")
    qtbot.addWidget(dialog)
    assert dialog.body.currentText() == "Evidence Challenge Panel"
    assert [dialog.body.itemText(i) for i in range(dialog.body.count())][1] == "SEND Executive Board"

    activate(panel)
    panel.group_view.setFocus()
    panel.group_view.setCurrentIndex(panel.groups.index(_row(panel, "SEND Strategic Board"), 0))
    qtbot.keyClick(panel.group_view, Qt.Key.Key_Delete)
    assert "SEND Strategic Board" not in [g.name for g in governance.groups(window.store, 1)]
    qtbot.keyClick(panel.group_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [g.name for g in governance.groups(window.store, 1)][5] == "SEND Strategic Board"  # back in its place
    panel.group_view.setCurrentIndex(panel.groups.index(0, 0))
    qtbot.mouseClick(panel.down_button, Qt.MouseButton.LeftButton)
    assert [g.name for g in governance.groups(window.store, 1, governance.SUBGROUP)][:2] == [
        "Graduated Response", "Education Health Care Plans"]
    assert panel.selected_group().name == "Education Health Care Plans"

    def clash(dialog) -> int:  # type: ignore[no-untyped-def]
        dialog.name.setText("send executive board")
        return accepted(dialog)
    prompts.answer("GroupDialog", clash)
    before = governance.groups(window.store, 1)
    assert not panel.add_group()
    assert "already a board called “SEND Executive Board”" in warnings[-1]
    assert governance.groups(window.store, 1) == before


def test_people_edited_in_place_refused_clashes_and_protected_leads(window, prompts, qtbot, warnings) -> None:
    panel = _panel(window, qtbot)
    qtbot.keyClick(panel.tabs, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    julie = next(r for r in range(panel.people.rowCount()) if panel.people.index(r, 0).data() == "Julie Day")
    type_in_cell(qtbot, panel.people_view, julie, 3, "RMBC")
    assert next(p for p in people.list_people(window.store, 1) if p.name == "Julie Day").organisation == "RMBC"
    type_in_cell(qtbot, panel.people_view, julie, 0, "Julie Day-Smith")
    assert any("Julie Day-Smith" in a.leads for a in load_outline(window.store, 1).iter_actions())
    leads = [window.filter_bar.lead.itemText(i) for i in range(window.filter_bar.lead.count())]
    assert "Julie Day-Smith" in leads and "Julie Day" not in leads  # the lead filter follows the rename
    assert panel.selected_person().name == "Julie Day-Smith"
    other = next(p for p in people.list_people(window.store, 1) if p.initials and p.name != "Julie Day-Smith")
    type_in_cell(qtbot, panel.people_view, panel.people_view.currentIndex().row(), 1, other.initials)
    assert f"{other.name} already has the initials {other.initials}" in warnings[-1]
    assert next(p for p in people.list_people(window.store, 1) if p.name == "Julie Day-Smith").initials == "JD"
    qtbot.mouseClick(panel.remove_person_button, Qt.MouseButton.LeftButton)
    assert "Julie Day-Smith leads" in warnings[-1] and "another lead first" in warnings[-1]

    def add(dialog) -> int:  # type: ignore[no-untyped-def]
        shown(qtbot, dialog)
        qtbot.keyClicks(dialog.name, "Pam Ward (Early Years)")
        qtbot.keyClicks(dialog.initials, "PW(EY)")
        return accepted(dialog)
    prompts.answer("PersonDialog", add)
    qtbot.mouseClick(panel.add_person_button, Qt.MouseButton.LeftButton)
    assert panel.selected_person().initials == "PW(EY)"
    activate(panel)
    qtbot.keyClick(panel.people_view, Qt.Key.Key_Delete)
    assert all(p.name != "Pam Ward (Early Years)" for p in people.list_people(window.store, 1))
    qtbot.keyClick(panel.people_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert any(p.initials == "PW(EY)" for p in people.list_people(window.store, 1))


def test_a_refused_people_cell_edit_is_offered_again_after_reload(window, prompts, qtbot) -> None:
    """Ben changes Julie's role while Ann types her organisation: Ann's save is refused, Reload shows
    Ben's change, and the same cell opens again holding what Ann typed; Enter saves it over his."""
    from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

    from wsoa_desktop.store.database import open_store

    panel = _panel(window, qtbot)
    qtbot.keyClick(panel.tabs, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    julie = next(p for p in panel.people.rows if p.name == "Julie Day")
    row = panel.people.rows.index(julie)
    ben = open_store(window.store.path)
    try:
        people.update_person(ben, 1, julie.id, replace(julie.fields(), role="Ben's role"), by="Ben Hall",
                             seen=julie.version)
    finally:
        ben.close()

    def press_reload(question) -> None:  # type: ignore[no-untyped-def]
        box: QMessageBox = question.dialog
        qtbot.mouseClick(next(b for b in box.buttons() if b.objectName() == "reloadButton"),
                         Qt.MouseButton.LeftButton)
    prompts.answer("stale", press_reload)
    type_in_cell(qtbot, panel.people_view, row, 3, "Ann's organisation")
    assert prompts.texts("stale")[0].startswith("Julie Day was changed by Ben Hall")
    saved = next(p for p in people.list_people(window.store, 1) if p.id == julie.id)
    assert (saved.role, saved.organisation) == ("Ben's role", julie.organisation)  # nothing of Ann's yet

    def editor() -> QLineEdit | None:
        return next((e for e in panel.people_view.viewport().findChildren(QLineEdit) if e.isVisible()), None)

    def reoffered() -> bool:
        return editor() is not None and editor().text() == "Ann's organisation"
    qtbot.waitUntil(reoffered)
    row = next(r for r, p in enumerate(panel.people.rows) if p.id == julie.id)
    assert panel.people_view.currentIndex().row() == row and panel.people_view.currentIndex().column() == 3
    assert panel.people.index(row, 2).data() == "Ben's role"  # Ben's change is on screen
    qtbot.keyClick(editor(), Qt.Key.Key_Return)
    QApplication.processEvents()
    saved = next(p for p in people.list_people(window.store, 1) if p.id == julie.id)
    assert (saved.role, saved.organisation) == ("Ben's role", "Ann's organisation")
