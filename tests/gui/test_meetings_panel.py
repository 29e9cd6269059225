"""The "Coming up" dock: the calendar edited by keys and clicks, what is due next, and the covering report."""

from __future__ import annotations

import threading
import time
from datetime import date

import docx
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QProgressDialog, QPushButton

from tests.gui.keys import accepted, activate, shown
from wsoa_desktop.gui import covering_report_dialog
from wsoa_desktop.gui.governance_models import MeetingsModel
from wsoa_desktop.reports import cover as cover_module
from wsoa_desktop.services import governance_calendar as cal

AUGUST = date(2022, 8, 20)


def _panel(window, today=AUGUST):  # type: ignore[no-untyped-def]
    panel = window.coming_up
    panel.today = today
    panel.refresh()
    return panel


def test_the_model_marks_the_next_meeting_and_unrecorded_past_ones(sample_store) -> None:
    model = MeetingsModel()
    model.set_meetings(cal.meetings(sample_store, 1), today=date(2022, 9, 1))
    assert [model.index(r, 0).data() for r in range(3)] == ["Tue 8 March 2022", "Tue 6 September 2022",
                                                            "Fri 7 October 2022"]
    assert model.index(1, 1).data(Qt.ItemDataRole.FontRole).bold()  # the next one
    assert model.index(0, 4).data().startswith("Received an update")
    model.set_meetings(cal.meetings(sample_store, 1), today=date(2022, 9, 10))
    assert model.index(1, 4).data() == "not recorded yet" and model.index(1, 4).data(
        Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(1, 0).data(Qt.ItemDataRole.AccessibleTextRole) == "6 September 2022, past"


def test_what_is_due_next_and_recording_an_outcome_by_keys(window, prompts, qtbot, warnings) -> None:
    panel = _panel(window)
    assert panel.text().startswith("Next: Improving Lives Select Commission, Tue 6 September 2022 (in 17 days). "
                                   "Needs: Action plan; BRAG appendix; Covering report")
    assert panel.model.rowCount() == 2 and panel.selected().held_on == date(2022, 9, 6)

    def record(dialog) -> int:  # type: ignore[no-untyped-def]
        shown(qtbot, dialog)
        dialog.outcome.setFocus()
        qtbot.keyClicks(dialog.outcome, "Resolved: that the update be noted.")
        qtbot.keyClicks(dialog.decisions, "Report noted")
        qtbot.keyClick(dialog.decisions, Qt.Key.Key_Return)
        qtbot.keyClicks(dialog.decisions, "Further update in March")
        return accepted(dialog)
    prompts.answer("MeetingDialog", record)
    activate(window)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    saved = cal.get_meeting(window.store, 1, 2)
    assert saved.outcome == "Resolved: that the update be noted."
    assert saved.decisions == ["Report noted", "Further update in March"]
    assert panel.model.index(panel.model.row_of(2), 4).data() == "Resolved: that the update be noted."
    window.undo_stack.undo()
    assert cal.get_meeting(window.store, 1, 2).outcome == "" and warnings == []


def test_add_and_remove_a_meeting_with_undo(window, prompts, qtbot, warnings) -> None:
    panel = _panel(window)

    def add(dialog) -> int:  # type: ignore[no-untyped-def]
        shown(qtbot, dialog)
        assert dialog.body.itemText(0) == "SEND Executive Board"  # the plan's signing board first
        dialog.held_on.setDate(QDate(2022, 9, 14))
        dialog.reports.setPlainText("BRAG appendix\nSpotlight: Graduated Response")
        return accepted(dialog)
    prompts.answer("MeetingDialog", add)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    added = panel.selected()
    assert (added.body, added.held_on, added.reports) == ("SEND Executive Board", date(2022, 9, 14),
                                                          ["BRAG appendix", "Spotlight: Graduated Response"])
    assert panel.text().startswith("Next: Improving Lives Select Commission")  # still the soonest
    activate(window)
    panel.table.setFocus()
    items = window.model.action_count()
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)  # the meeting, not the plan item selected in the tree
    assert all(m.held_on != date(2022, 9, 14) for m in cal.meetings(window.store, 1))
    assert window.model.action_count() == items
    window.undo_stack.undo()
    assert any(m.held_on == date(2022, 9, 14) for m in cal.meetings(window.store, 1))

    def clash(dialog) -> int:  # type: ignore[no-untyped-def]
        dialog.body.setCurrentText("Improving Lives Select Commission")
        dialog.held_on.setDate(QDate(2022, 9, 6))
        return accepted(dialog)
    prompts.answer("MeetingDialog", clash)
    count = len(cal.meetings(window.store, 1))
    assert not panel.add_meeting()
    assert "already meets on 6 September 2022" in warnings[-1] and len(cal.meetings(window.store, 1)) == count


def test_plan_a_year_of_boards_with_the_spotlight_rota(window, prompts, qtbot) -> None:
    panel = _panel(window)

    def plan(dialog) -> int:  # type: ignore[no-untyped-def]
        assert dialog.board.currentText() == "SEND Executive Board"
        dialog.first_board.setDate(QDate(2022, 9, 14))
        dialog.with_review.setChecked(True)
        dialog.review_body.setCurrentText("DfE and NHS England quarterly review")
        dialog.first_review.setDate(QDate(2022, 10, 7))  # already in the calendar: kept, not doubled
        return accepted(dialog)
    prompts.answer("PlanMeetingsDialog", plan)
    assert panel.plan_meetings() == 12 + 3
    boards = [m for m in cal.meetings(window.store, 1) if m.body == "SEND Executive Board"]
    assert len(boards) == 12 and boards[0].note == "Spotlight: Education Health Care Plans"
    assert "Added 15 meetings" in window.statusBar().currentMessage()


def test_covering_report_from_the_reports_menu_keeps_the_officers_text(window, prompts, qtbot, monkeypatch, tmp_path) -> None:
    window.coming_up.today = AUGUST
    opened: list = []
    real = covering_report_dialog.CoveringReportDialog
    monkeypatch.setattr(covering_report_dialog, "CoveringReportDialog",
                        lambda w, mid=None: opened.append(real(w, mid, today=AUGUST)) or opened[-1])
    window.findChild(QAction, "report_cover").trigger()
    dialog = opened[0]
    qtbot.addWidget(dialog)
    shown(qtbot, dialog)
    assert not dialog.word_button.isEnabled()  # the draft is read in the worker; Save waits for it
    qtbot.waitUntil(lambda: not dialog.drafting and dialog.word_button.isEnabled(), timeout=20000)
    assert dialog.meeting.currentText() == "6 September 2022 — Improving Lives Select Commission"
    assert dialog.recommendations.toPlainText().startswith("That Improving Lives Select Committee notes")
    assert "Appendix 2 – BRAG rating of progress" in dialog.summary.text()
    drafted_purpose = dialog.purpose.toPlainText()
    assert drafted_purpose.startswith("This report provides the Improving Lives Select Commission")
    dialog.recommendations.setFocus()
    qtbot.keyClick(dialog.recommendations, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(dialog.recommendations, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.recommendations, "That members visit the Local Offer site & report back.")
    out = tmp_path / "cover"
    prompts.answer("save_file", str(out))
    drafted_in: list = []
    real_draft = cover_module.draft_cover
    monkeypatch.setattr(cover_module, "draft_cover",
                        lambda *a, **k: drafted_in.append(threading.current_thread()) or real_draft(*a, **k))
    qtbot.mouseClick(dialog.word_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.job is not None and dialog.job.outcome == "ok", timeout=20000)
    assert drafted_in and drafted_in[0] is not threading.main_thread()  # drafted in the worker
    written = tmp_path / "cover.docx"
    texts = [p.text for p in docx.Document(str(written)).paragraphs]
    assert "3.\tThat members visit the Local Offer site & report back." in texts
    kept = cal.get_meeting(window.store, 1, 2)
    assert kept.recommendations[-1] == "That members visit the Local Offer site & report back."
    assert kept.purpose == ""  # the drafted wording is not frozen into the meeting
    assert f"Saved the covering report to {written}" in window.statusBar().currentMessage()
    window.undo_stack.undo()
    assert len(cal.get_meeting(window.store, 1, 2).recommendations) == 2


def test_saving_the_covering_report_shows_progress_and_cancel_leaves_no_file(window, prompts, qtbot, monkeypatch,
                                                                             tmp_path) -> None:
    """The covering report is drafted and written in the worker, like the other reports: the
    window keeps answering, the progress dialog has Cancel, and a Cancel leaves nothing."""
    dialog = covering_report_dialog.CoveringReportDialog(window.plan_context(), today=AUGUST)
    qtbot.addWidget(dialog)
    shown(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.pdf_button.isEnabled(), timeout=20000)
    real_render = cover_module.render_cover

    def slow(*args, **kwargs):  # type: ignore[no-untyped-def]
        time.sleep(1.0)  # a long report: time enough for the officer to press Cancel
        return real_render(*args, **kwargs)

    monkeypatch.setattr(cover_module, "render_cover", slow)
    out = tmp_path / "out"
    out.mkdir()
    prompts.answer("save_file", str(out / "cover.pdf"))
    qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
    job = dialog.job
    assert job is not None and job.outcome is None  # the click came back at once: the work is in the worker
    progress = dialog.findChild(QProgressDialog, "jobProgress")
    qtbot.waitUntil(progress.isVisible, timeout=5000)
    qtbot.mouseClick(progress.findChild(QPushButton, "jobCancel"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: job.outcome is not None, timeout=30000)
    assert job.outcome == "cancelled"
    assert list(out.iterdir()) == []
    assert "not saved" in window.statusBar().currentMessage()
    prompts.answer("save_file", str(out / "cover.pdf"))
    monkeypatch.setattr(cover_module, "render_cover", real_render)
    qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.job.outcome == "ok", timeout=30000)
    assert (out / "cover.pdf").read_bytes().startswith(b"%PDF")


def test_the_draft_is_read_in_the_worker_and_never_overwrites_what_the_officer_types(window, qtbot, monkeypatch) -> None:
    real = covering_report_dialog.draft_wording
    threads: list = []

    def slow(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        time.sleep(0.8)  # a large plan: the officer starts typing before the draft is ready
        return real(*args, **kwargs)

    monkeypatch.setattr(covering_report_dialog, "draft_wording", slow)
    dialog = covering_report_dialog.CoveringReportDialog(window.plan_context(), today=AUGUST)
    qtbot.addWidget(dialog)
    shown(qtbot, dialog)
    assert dialog.drafting and "Drafting" in dialog.summary.text()
    dialog.purpose.setFocus()
    qtbot.keyClicks(dialog.purpose, "To ask members to note progress.")
    qtbot.waitUntil(lambda: not dialog.drafting, timeout=20000)
    assert threads and threads[0] is not threading.main_thread()
    assert dialog.purpose.toPlainText() == "To ask members to note progress."  # kept, not replaced
    assert dialog.recommendations.toPlainText().startswith("That Improving Lives Select Committee notes")
    assert dialog.word_button.isEnabled() and "Appendix 2" in dialog.summary.text()
