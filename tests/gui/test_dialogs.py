"""The edit dialogs, driven through their widgets, and the ask_* functions that show them."""

from __future__ import annotations

from PySide6.QtCore import Qt

from wsoa_desktop.gui import edit_actions
from wsoa_desktop.gui.action_dialog import ActionDialog, target_hint
from wsoa_desktop.gui.move_dialog import MoveDialog
from wsoa_desktop.gui.preferences_dialog import PreferencesDialog
from wsoa_desktop.gui.priority_dialog import PriorityDialog, PriorityFields
from wsoa_desktop.gui.target_dialog import TargetDialog
from wsoa_desktop.services.plan_items import ActionFields


def test_action_dialog_collects_what_was_typed(qtbot) -> None:
    fields = ActionFields("Old text", ["Julie Day"], None, "July 2022", ["Better plans"], "", ["90% on time"])
    dialog = ActionDialog("action", "1.1", fields, ["Julie Day", "Vicki Ingram"], adding=False)
    qtbot.addWidget(dialog)
    assert dialog.ref.isReadOnly()
    dialog.description.setPlainText("=SUM(A1) stays text")
    dialog.leads.name.setCurrentText("Vicki Ingram")
    qtbot.mouseClick(dialog.leads.add_button, Qt.MouseButton.LeftButton)
    dialog.leads.name.setCurrentText("Brand New Team")
    dialog.leads.add_current()
    dialog.leads.add("Julie Day")  # already there: not added twice
    assert dialog.reason.isHidden()
    dialog.target.setText("Ongoing")
    assert not dialog.reason.isHidden()  # a moved target asks for the reason
    assert "kept as typed" in dialog.target_hint.text()
    dialog.reason.setText("Now continuous")
    dialog.outcomes.setPlainText("Better plans\n\nFewer complaints\n")
    ref, new, reason = dialog.values()
    assert ref == "1.1" and reason == "Now continuous"
    assert new.description == "=SUM(A1) stays text"
    assert new.leads == ["Julie Day", "Vicki Ingram", "Brand New Team"]
    assert new.target == "Ongoing" and new.outcomes == ["Better plans", "Fewer complaints"]
    assert new.impact_measures == ["90% on time"]
    dialog.leads.list.setCurrentRow(0)
    dialog.leads.remove_selected()
    assert dialog.leads.leads() == ["Vicki Ingram", "Brand New Team"]


def test_sub_action_dialog_has_no_outcomes(qtbot) -> None:
    dialog = ActionDialog("sub-action", "1.1.9", ActionFields(), [], adding=True)
    qtbot.addWidget(dialog)
    assert dialog.outcomes is None and not dialog.ref.isReadOnly()
    assert dialog.reason.isHidden()  # a new item has no old target to explain


def test_target_hint() -> None:
    assert target_hint("July 2022") == "Due July 2022"
    assert target_hint("31/03/2024") == "Due 31 March 2024"
    assert "kept as typed" in target_hint("when funding allows")
    assert target_hint("") == "No target date."


def test_priority_target_and_move_dialogs(qtbot) -> None:
    p = PriorityDialog("5", PriorityFields(), adding=True)
    qtbot.addWidget(p)
    p.title_edit.setText("Adulthood")
    p.partners.setPlainText("Health\n\nSchools")
    assert p.values() == ("5", PriorityFields("Adulthood", "", "", "", ["Health", "Schools"]))
    t = TargetDialog("1.1.1", "July 2022")
    qtbot.addWidget(t)
    t.target.setText("December 2022")
    t.reason.setText("Staffing")
    assert t.values() == ("December 2022", "Staffing")
    assert t.hint.text() == "Due December 2022"
    m = MoveDialog("1.1.2", [("1.2", "CPD"), ("1.3", "Templates")])
    qtbot.addWidget(m)
    m.parent_combo.setCurrentIndex(1)
    m.renumber.setChecked(True)
    m.new_ref.setText(" 1.3.9 ")
    assert m.values() == ("1.3", True, "1.3.9")


def test_preferences_are_saved_typed(qtbot, settings, tmp_path) -> None:
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.display_name.setText("  Jo   Officer ")
    dialog.database_folder.setText(str(tmp_path))
    dialog.backup_folder.setText(str(tmp_path / "backups"))
    dialog.save()
    assert settings.get("user/display_name") == "Jo Officer"
    assert settings.get("paths/database_folder") == str(tmp_path)
    assert settings.get("backup/folder") == str(tmp_path / "backups")
    assert settings.get("backup/keep_last") == 10 and isinstance(settings.get("backup/offer_on_exit"), bool)


def test_ask_action_shows_the_dialog_and_returns_its_values(window, prompts, qtbot) -> None:
    ctx = window.plan_context()

    def type_text(dialog: ActionDialog) -> None:
        qtbot.keyClicks(dialog.description, "Typed in the dialog")

    prompts.answer("ActionDialog", type_text, False)
    ref, fields, _ = edit_actions.ask_action(ctx, "sub-action", "1.1.9", ActionFields(), adding=True)
    assert (ref, fields.description) == ("1.1.9", "Typed in the dialog")
    assert edit_actions.ask_action(ctx, "sub-action", "1.1.9", ActionFields(), adding=True) is None  # Cancel
    prompts.answer("TargetDialog", True)
    assert edit_actions.ask_target(ctx, "1.1.1", "July 2022") == ("July 2022", "")
    prompts.answer("MoveDialog", True)
    assert edit_actions.ask_move(ctx, "1.1.1", [("1.2", "x")]) == ("1.2", False, "")
    prompts.answer("PriorityDialog", True)
    assert edit_actions.ask_priority(ctx, "5", PriorityFields(title="T"), adding=True)[1].title == "T"
    assert [q.kind for q in prompts.asked] == ["ActionDialog", "ActionDialog", "TargetDialog", "MoveDialog",
                                               "PriorityDialog"]
