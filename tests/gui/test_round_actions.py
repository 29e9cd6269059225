"""The Round menu, Publish/Versions, the History and Coming up docks, in the real main window."""

from __future__ import annotations

from openpyxl import load_workbook
from PySide6.QtCore import Qt

from wsoa_desktop.gui import round_actions
from wsoa_desktop.gui.history_panel import HistoryPanel
from wsoa_desktop.gui.versions_dialog import VersionsDialog
from wsoa_desktop.services import rounds, versions
from wsoa_desktop.services.signoff import sign_offs


def publish_with(qtbot, summary: str):  # type: ignore[no-untyped-def]
    """The Publish dialog's answer: type the summary, then Publish (Cancel if the button stays off)."""
    def drive(dialog) -> bool:  # type: ignore[no-untyped-def]
        qtbot.keyClicks(dialog.summary, summary)
        if not dialog.publish_button.isEnabled():
            return False
        qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
        return True
    return drive


def test_menus_and_docks_are_installed(window):
    texts = [a.text() for a in window.menu("Round").actions()]
    assert "&New period…" in texts and "&Update round…" in texts and "&Sign off…" in texts
    assert window.round_actions["rate"].text() == "Ra&te…"
    assert window.round_actions["rate"].shortcut().toString() == "Ctrl+R"  # shown beside it in the menu
    assert window.round_actions["rate"] in window.tree.actions()  # and in the tree's context menu
    assert "&Publish version…" in [a.text() for a in window.menu("File").actions()]
    assert isinstance(window.history_panel, HistoryPanel)
    assert "No meetings" in window.coming_up.text()


def test_next_label():
    assert round_actions.next_label("August 2022") == "September 2022"
    assert round_actions.next_label("December 2022") == "January 2023"


def test_new_period_close_and_reopen(window, prompts, warnings):
    prompts.answer("text", "September 2022")
    assert round_actions.new_period(window.plan_context())
    assert window.period_label == "September 2022"
    assert [p.label for p in window.outline.periods] == ["August 2022", "September 2022"]
    prompts.answer("confirm", True)
    assert round_actions.close_period(window.plan_context())
    assert prompts.texts("confirm")[-1].startswith("Close “September 2022”?")
    assert window.outline.period.is_closed
    assert round_actions.reopen_period(window.plan_context())
    prompts.answer("text", "september 2022")
    assert not round_actions.new_period(window.plan_context())
    assert "already a period" in warnings[-1]


def test_sign_off_and_history(window, prompts, qtbot, sample_store):
    window.select_ref("2.2.2")
    prompts.answer("SignOffDialog", lambda d: qtbot.keyClicks(d.minute, "EB minute 12"))
    assert round_actions.sign_off(window.plan_context())
    assert [s.minute_ref for s in sign_offs(sample_store, 1, "2.2.2")] == ["EB minute 12"]
    assert window.outline.find("2.2.2").rating == "Blue"
    window.select_ref("2.2.2")
    lines = window.history_panel.model.lines
    assert window.history_panel.title.text().startswith("History of 2.2.2")
    assert any(line.entity == "sign_off" for line in lines)


def test_evidence_file_and_link(window, prompts, tmp_path, warnings):
    from wsoa_desktop.services.evidence import list_evidence

    f = tmp_path / "minutes.txt"
    f.write_text("minutes")
    window.select_ref("2.2.2")
    prompts.answer("open_files", [str(f)])
    assert round_actions.attach_evidence(window.plan_context())
    prompts.answer("text", "https://example.org/evidence")
    assert round_actions.add_evidence_link(window.plan_context())
    assert [e.filename or e.link for e in list_evidence(window.store, 1, "2.2.2")] == [
        "minutes.txt", "https://example.org/evidence"]
    dialog = round_actions.show_evidence(window.plan_context())
    assert [r[1] for r in dialog.model.rows] == ["minutes.txt", "https://example.org/evidence"]
    prompts.answer("save_file", lambda q: str(tmp_path / f"copy-{q.default}"))
    assert dialog.save_copy() and (tmp_path / "copy-minutes.txt").read_text() == "minutes"
    dialog.table.selectRow(1)
    assert dialog.save_copy() is None and "is a link" in warnings[-1]
    prompts.answer("confirm", True)
    assert dialog.remove() and len(dialog.model.rows) == 1
    dialog.close()
    window.select_ref("1")
    assert not round_actions.attach_evidence(window.plan_context())
    assert "Select an action" in warnings[-1]


def test_lead_forms_round_trip_through_the_menu(window, prompts, tmp_path, sample_store):
    rounds.new_period(sample_store, 1, "September 2022")
    window.reload()
    prompts.answer("choose", round_actions.ONE_WORKBOOK)
    prompts.answer("save_file", str(tmp_path / "forms.xlsx"))
    [path] = round_actions.export_lead_forms(window.plan_context())
    wb = load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows(min_row=5):
            if row[0].value == "2.2.4":
                row[6].value = "Lead's update"
    wb.save(path)
    prompts.answer("open_files", [str(path)])
    prompts.answer("FormsPreviewDialog", True)
    assert round_actions.import_lead_forms(window.plan_context()) == 1
    assert window.outline.find("2.2.4").progress == "Lead's update"


def test_publish_warns_about_ratings_not_updated_and_goes_ahead_only_when_confirmed(window, prompts, qtbot):
    prompts.answer("confirm", False)
    rounds.new_period(window.store, 1, "September 2022")
    window.reload()
    assert round_actions.publish_version(window.plan_context()) is None  # declined: nothing published
    asked = prompts.texts("confirm")
    assert asked and asked[-1].startswith("24 ratings in September 2022 were carried forward")
    assert "2.2.2" in asked[-1]
    assert versions.list_versions(window.store, 1) == []
    prompts.answer("confirm", True)
    prompts.answer("PublishDialog", publish_with(qtbot, "September ratings"))
    job = round_actions.publish_version(window.plan_context())
    qtbot.waitUntil(lambda: job.outcome is not None)
    assert job.outcome == "ok" and job.result.number == 1
    frozen = versions.version_outline(window.store, 1, 1)
    assert frozen.find("2.2.2").status.carried_forward


def test_publish_and_versions_dialog(window, prompts, qtbot, tmp_path, warnings):
    prompts.answer("PublishDialog", publish_with(qtbot, "   "))
    assert round_actions.publish_version(window.plan_context()) is None  # no summary: Publish stays off
    assert versions.list_versions(window.store, 1) == []
    prompts.answer("PublishDialog", publish_with(qtbot, "August 2022 ratings"))
    job = round_actions.publish_version(window.plan_context())  # published in the worker
    assert job.outcome is None  # not done on the window's thread: the window keeps painting meanwhile
    qtbot.waitUntil(lambda: job.outcome is not None)
    assert job.outcome == "ok" and job.result.number == 1
    assert window.statusBar().currentMessage() == "Published version 1"
    rounds.rate(window.store, 1, "2.2.3", None, "Red", reason="Late")
    dialog = round_actions.show_versions(window.plan_context())
    assert dialog.model.rows[0][0] == "1" and dialog.model.rows[0][3] == "August 2022 ratings"
    viewer = dialog.open_selected()
    assert "Version 1" in viewer.browser.toPlainText() and "Amber" in viewer.browser.toPlainText()
    result = dialog.compare_selected()
    assert [(d.ref, d.old, d.new) for d in result.differences] == [("2.2.3", "Amber", "Red")]
    assert dialog.comparison.model.rows[0][:2] == ["rating changed", "2.2.3"]
    prompts.answer("save_file", str(tmp_path / "cmp.csv"))
    out = dialog.export_comparison()
    assert "rating changed,2.2.3" in out.read_text(encoding="utf-8")
    viewer.close()
    dialog.close()


def test_versions_dialog_standalone(qtbot, sample_store):
    versions.publish(sample_store, 1, "One")
    versions.publish(sample_store, 1, "Two")
    d = VersionsDialog(sample_store, 1)
    qtbot.addWidget(d)
    assert [r[0] for r in d.model.rows] == ["1", "2"] and d.selected_number() == 2
    d.against.setCurrentIndex(1)  # version 1
    assert d.compare_selected().differences == []
