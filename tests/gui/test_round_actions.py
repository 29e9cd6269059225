"""The Round menu, Publish/Versions, the History and Coming up docks, in the real main window."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from wsoa_desktop.gui import messages, round_actions
from wsoa_desktop.gui.history_panel import HistoryPanel
from wsoa_desktop.gui.versions_dialog import VersionsDialog
from wsoa_desktop.services import rounds, versions
from wsoa_desktop.services.signoff import sign_offs


@pytest.fixture
def warnings(monkeypatch):
    """Messages the officer would see, collected instead of shown modally."""
    seen: list[str] = []
    monkeypatch.setattr(messages, "warn", lambda parent, text: seen.append(text))
    return seen


@pytest.fixture
def window(qtbot, sample_store, tmp_path, warnings):
    from PySide6.QtCore import QSettings

    from wsoa_desktop.gui.main_window import MainWindow
    from wsoa_desktop.gui.settings import Settings

    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    w = MainWindow(sample_store, settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def answers(monkeypatch):
    """Queue answers for the ask_* questions."""
    queue: dict[str, list] = {}
    for name in ("ask_text", "ask_multiline", "ask_publish_summary", "ask_open_files", "ask_folder",
                 "ask_one_workbook", "ask_save_file"):
        monkeypatch.setattr(round_actions, name, lambda *a, _n=name, **k: queue[_n].pop(0))
    monkeypatch.setattr(messages, "confirm", lambda *a, **k: True)
    return queue


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


def test_new_period_close_and_reopen(window, answers, warnings):
    answers["ask_text"] = ["September 2022"]
    assert round_actions.new_period(window)
    assert window.period_label == "September 2022"
    assert [p.label for p in window.outline.periods] == ["August 2022", "September 2022"]
    assert round_actions.close_period(window)
    assert window.outline.period.is_closed
    assert round_actions.reopen_period(window)
    answers["ask_text"] = ["september 2022"]
    assert not round_actions.new_period(window)
    assert "already a period" in warnings[-1]


def test_sign_off_and_history(window, monkeypatch, sample_store):
    window.select_ref("2.2.2")
    monkeypatch.setattr(round_actions, "run_dialog", lambda d: (
        d.minute.setText("EB minute 12"), d.accept(), d.result() == 1)[-1])
    assert round_actions.sign_off(window)
    assert [s.minute_ref for s in sign_offs(sample_store, 1, "2.2.2")] == ["EB minute 12"]
    assert window.outline.find("2.2.2").rating == "Blue"
    window.select_ref("2.2.2")
    lines = window.history_panel.model.lines
    assert window.history_panel.title.text().startswith("History of 2.2.2")
    assert any(line.entity == "sign_off" for line in lines)


def test_evidence_file_and_link(window, answers, tmp_path, warnings):
    from wsoa_desktop.services.evidence import list_evidence

    f = tmp_path / "minutes.txt"
    f.write_text("minutes")
    window.select_ref("2.2.2")
    answers["ask_open_files"] = [[str(f)]]
    assert round_actions.attach_evidence(window)
    answers["ask_text"] = ["https://example.org/evidence"]
    assert round_actions.add_evidence_link(window)
    assert [e.filename or e.link for e in list_evidence(window.store, 1, "2.2.2")] == [
        "minutes.txt", "https://example.org/evidence"]
    dialog = round_actions.show_evidence(window)
    assert [r[1] for r in dialog.model.rows] == ["minutes.txt", "https://example.org/evidence"]
    dialog.ask_save_path = lambda name: str(tmp_path / f"copy-{name}")
    assert dialog.save_copy() and (tmp_path / "copy-minutes.txt").read_text() == "minutes"
    dialog.table.selectRow(1)
    assert dialog.save_copy() is None and "is a link" in warnings[-1]
    assert dialog.remove() and len(dialog.model.rows) == 1
    dialog.close()
    window.select_ref("1")
    assert not round_actions.attach_evidence(window)
    assert "Select an action" in warnings[-1]


def test_lead_forms_round_trip_through_the_menu(window, answers, monkeypatch, tmp_path, sample_store):
    rounds.new_period(sample_store, 1, "September 2022")
    window.reload()
    answers["ask_one_workbook"] = [True]
    answers["ask_save_file"] = [str(tmp_path / "forms.xlsx")]
    [path] = round_actions.export_lead_forms(window)
    wb = load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows(min_row=5):
            if row[0].value == "2.2.4":
                row[6].value = "Lead's update"
    wb.save(path)
    answers["ask_open_files"] = [[str(path)]]
    monkeypatch.setattr(round_actions, "run_dialog", lambda d: (d.accept(), d.result() == 1)[-1])
    assert round_actions.import_lead_forms(window) == 1
    assert window.outline.find("2.2.4").progress == "Lead's update"


def test_publish_warns_about_ratings_not_updated_and_goes_ahead_only_when_confirmed(
        window, answers, qtbot, monkeypatch):
    asked: list[str] = []
    monkeypatch.setattr(messages, "confirm", lambda parent, text, **k: (asked.append(text), False)[-1])
    rounds.new_period(window.store, 1, "September 2022")
    window.reload()
    assert round_actions.publish_version(window) is None  # declined: nothing published
    assert asked and asked[-1].startswith("24 ratings in September 2022 were carried forward")
    assert "2.2.2" in asked[-1]
    assert versions.list_versions(window.store, 1) == []
    monkeypatch.setattr(messages, "confirm", lambda parent, text, **k: True)
    answers["ask_publish_summary"] = ["September ratings"]
    job = round_actions.publish_version(window)
    qtbot.waitUntil(lambda: job.outcome is not None)
    assert job.outcome == "ok" and job.result.number == 1
    frozen = versions.version_outline(window.store, 1, 1)
    assert frozen.find("2.2.2").status.carried_forward


def test_publish_and_versions_dialog(window, answers, qtbot, tmp_path, warnings):
    answers["ask_publish_summary"] = ["   "]
    job = round_actions.publish_version(window)  # published in the worker
    qtbot.waitUntil(lambda: job.outcome is not None)
    assert job.outcome == "failed" and "summary" in warnings[-1]
    answers["ask_publish_summary"] = ["August 2022 ratings"]
    job = round_actions.publish_version(window)
    assert job.outcome is None  # not done on the window's thread: the window keeps painting meanwhile
    qtbot.waitUntil(lambda: job.outcome is not None)
    assert job.outcome == "ok" and job.result.number == 1
    assert window.statusBar().currentMessage() == "Published version 1"
    rounds.rate(window.store, 1, "2.2.3", None, "Red", reason="Late")
    dialog = round_actions.show_versions(window)
    assert dialog.model.rows[0][0] == "1" and dialog.model.rows[0][3] == "August 2022 ratings"
    viewer = dialog.open_selected()
    assert "Version 1" in viewer.browser.toPlainText() and "Amber" in viewer.browser.toPlainText()
    result = dialog.compare_selected()
    assert [(d.ref, d.old, d.new) for d in result.differences] == [("2.2.3", "Amber", "Red")]
    assert dialog.comparison.model.rows[0][:2] == ["rating changed", "2.2.3"]
    dialog.ask_export_path = lambda: str(tmp_path / "cmp.csv")
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
