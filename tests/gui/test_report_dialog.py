"""The report dialog: options, in-app preview, Save… and Print…, and the Reports menu.

The preview, Save and Print run in the worker: tests wait for them as the officer
would wait for the screen (``qtbot.waitUntil``), and check the window kept working.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QProgressDialog, QPushButton

from tests.reports.helpers import docx_text, pdf_pages, squash
from wsoa_desktop.gui import report_dialog, worker
from wsoa_desktop.gui.report_dialog import ReportDialog


def wait_preview(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not dialog.preview_busy(), timeout=30000)


def preview_job(qtbot, dialog):  # type: ignore[no-untyped-def]
    """The preview being made (it starts once the dialog has painted)."""
    qtbot.waitUntil(lambda: dialog._preview_job is not None, timeout=5000)
    return dialog._preview_job


@pytest.fixture
def dialog(qtbot, sample_store):  # type: ignore[no-untyped-def]
    d = ReportDialog(sample_store, 1, "brag", period_label="August 2022", author="Officer B")
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    wait_preview(qtbot, d)
    return d


def test_preview_shows_the_report_pages(dialog) -> None:  # type: ignore[no-untyped-def]
    assert dialog.preview_complete
    assert dialog.page_count() == len(pdf_pages(dialog.preview_path))
    assert dialog.page_count() >= 5
    assert "Appendix 2 – BRAG" in pdf_pages(dialog.preview_path)[0]
    assert f"Page 1 of {dialog.page_count()}" in pdf_pages(dialog.preview_path)[0]
    assert dialog.save_button.isEnabled() and dialog.print_button.isEnabled()


def test_the_preview_is_made_in_the_worker_while_the_event_loop_keeps_ticking(qtbot, sample_store) -> None:  # type: ignore[no-untyped-def]
    ticks: list[float] = []
    timer = QTimer(interval=10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    opened = time.perf_counter()
    d = ReportDialog(sample_store, 1, "plan", period_label="August 2022")
    qtbot.addWidget(d)
    assert time.perf_counter() - opened < 1.0  # the dialog is up before the report is made
    assert d.preview_busy() and not d.preview_complete
    preview_job(qtbot, d)
    assert not worker.idle()
    wait_preview(qtbot, d)
    timer.stop()
    assert d.preview_complete and d.page_count() > 10
    made_in = time.perf_counter() - opened
    assert len(ticks) >= made_in / 0.01 / 5  # the loop kept ticking (a frozen one ticks about once)


def test_a_long_report_shows_its_first_pages_before_the_whole(qtbot, sample_store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    shown: list[tuple[int, bool, str]] = []
    real = ReportDialog._show_first_pages

    def first_pages(self, path):  # type: ignore[no-untyped-def]
        real(self, path)
        shown.append((self.page_count(), self.print_button.isEnabled(), pdf_pages(Path(path))[0]))

    monkeypatch.setattr(ReportDialog, "_show_first_pages", first_pages)
    d = ReportDialog(sample_store, 1, "plan", period_label="August 2022")
    qtbot.addWidget(d)
    wait_preview(qtbot, d)
    assert len(shown) == 1
    pages, can_print, first_page = shown[0]
    assert pages == report_dialog.FIRST_PAGES and not can_print  # only the whole report is printed
    assert "Page 1 of …" in first_page
    assert d.page_count() > report_dialog.FIRST_PAGES
    assert not list(d._tmp.glob("*-first.pdf"))  # the first pages' file went when the whole came


def test_options_change_the_preview(dialog, qtbot) -> None:  # type: ignore[no-untyped-def]
    landscape_pages = dialog.page_count()
    # The real appendix's columns are the default: Lead and Progress Update.
    assert dialog.column_boxes["lead"].isChecked() and dialog.column_boxes["progress"].isChecked()
    dialog.orientation_combo.setFocus()
    qtbot.keyClick(dialog.orientation_combo, Qt.Key.Key_Down)
    dialog.column_boxes["progress"].setFocus()
    qtbot.keyClick(dialog.column_boxes["progress"], Qt.Key.Key_Space)
    dialog.appendix_edit.selectAll()
    qtbot.keyClicks(dialog.appendix_edit, "7")
    qtbot.waitUntil(lambda: dialog.preview_busy() or not dialog.preview_complete, timeout=3000)
    wait_preview(qtbot, dialog)
    opts = dialog.options()
    assert (opts.orientation, opts.columns, opts.appendix_number) == ("portrait", ("lead",), "7")
    text = pdf_pages(dialog.preview_path)[0]
    assert "Appendix 7 – BRAG" in text
    assert dialog.page_count() != landscape_pages or "Lead" in "".join(pdf_pages(dialog.preview_path))


def test_a_newer_option_stops_the_preview_being_made(qtbot, sample_store) -> None:  # type: ignore[no-untyped-def]
    d = ReportDialog(sample_store, 1, "plan", period_label="August 2022")
    qtbot.addWidget(d)
    first = preview_job(qtbot, d)
    second = d.refresh_preview()
    assert first is not second
    qtbot.waitUntil(lambda: first.outcome is not None, timeout=10000)
    assert first.outcome in ("cancelled", "ok")  # stopped at its next page, or had just finished
    wait_preview(qtbot, d)
    assert d.preview_complete and d._preview_job is None


def test_bad_option_shows_why_and_disables_save(dialog, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog.appendix_edit.setText("")
    assert dialog.refresh_preview() is None
    assert "appendix a number" in dialog.error_label.text()
    assert not dialog.save_button.isEnabled() and not dialog.print_button.isEnabled()


def test_save_as_pdf_and_word(dialog, qtbot, tmp_path: Path, prompts) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "appendix.docx"
    prompts.answer("save_file", str(target))
    job = dialog.save()
    qtbot.waitUntil(lambda: job.outcome is not None, timeout=30000)
    assert job.outcome == "ok" and job.result == target
    assert "Action at significant risk" in docx_text(target)
    assert "Saved appendix.docx" in dialog.pages_label.text()
    job = dialog.save_to(tmp_path / "appendix.pdf")
    qtbot.waitUntil(lambda: job.outcome is not None, timeout=30000)
    pdf = job.result
    assert squash("2.5.3") in squash("".join(pdf_pages(pdf)))
    assert pdf_pages(pdf) == pdf_pages(dialog.preview_path)  # the PDF saved is the one on screen


def test_cancelling_a_save_leaves_no_file(dialog, qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from wsoa_desktop.reports import produce

    out = tmp_path / "out"
    out.mkdir()
    slow_render = produce.render

    def slow(*args, **kwargs):  # type: ignore[no-untyped-def]
        time.sleep(1.0)  # a long report: time enough for the officer to press Cancel
        return slow_render(*args, **kwargs)

    monkeypatch.setattr(produce, "render", slow)
    job = dialog.save_to(out / "appendix.docx")
    progress = dialog.findChild(QProgressDialog, "jobProgress")
    qtbot.waitUntil(progress.isVisible, timeout=5000)
    qtbot.mouseClick(progress.findChild(QPushButton, "jobCancel"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: job.outcome is not None, timeout=30000)
    assert job.outcome == "cancelled"
    assert list(out.iterdir()) == []


def test_print_draws_every_previewed_page(dialog, qtbot, tmp_path: Path, prompts) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "printed.pdf"

    def to_file(question) -> bool:  # type: ignore[no-untyped-def]
        printer: QPrinter = question.printer  # the officer picks "Print to PDF" in the print dialog
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setResolution(96)
        return True

    prompts.answer("printer", to_file)
    job = dialog.print_report()
    qtbot.waitUntil(lambda: job.outcome is not None, timeout=30000)
    assert job.outcome == "ok" and job.result == dialog.page_count()
    from pypdf import PdfReader

    reader = PdfReader(str(out))
    assert len(reader.pages) == dialog.page_count()
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # landscape, like the report
    assert "Sent" in dialog.pages_label.text()


def test_a_failure_in_the_preview_is_shown_in_a_box(qtbot, sample_store, monkeypatch, warnings) -> None:  # type: ignore[no-untyped-def]
    def broken(*_a, **_k):  # type: ignore[no-untyped-def]
        raise RuntimeError("font file missing")

    monkeypatch.setattr(report_dialog, "read_report_outline", broken)
    d = ReportDialog(sample_store, 1, "brag")
    qtbot.addWidget(d)
    wait_preview(qtbot, d)
    assert warnings and "font file missing" in warnings[0] and "did not finish" in warnings[0]
    assert "font file missing" in d.error_label.text()
    assert not d.save_button.isEnabled()


def test_published_version_and_highlight(qtbot, sample_store) -> None:  # type: ignore[no-untyped-def]
    from wsoa_desktop.services.versions import publish

    publish(sample_store, 1, "For committee", by="test")
    d = ReportDialog(sample_store, 1, "highlight", priority_ref="3")
    qtbot.addWidget(d)
    wait_preview(qtbot, d)
    assert d.version_radio.isEnabled()
    d.version_radio.setChecked(True)
    assert d.refresh_preview() is not None
    wait_preview(qtbot, d)
    assert d.options().version == 1 and d.options().priority_ref == "3"
    assert "Priority 3" in pdf_pages(d.preview_path)[0]


def test_closing_the_dialog_while_the_preview_is_made_tidies_up(qtbot, sample_store) -> None:  # type: ignore[no-untyped-def]
    d = ReportDialog(sample_store, 1, "plan")
    qtbot.addWidget(d)
    folder, job = d._tmp, preview_job(qtbot, d)
    d.reject()
    qtbot.waitUntil(lambda: job.outcome is not None, timeout=30000)
    qtbot.waitUntil(lambda: not folder.exists())


def test_reports_menu_opens_the_dialog(window, prompts) -> None:  # type: ignore[no-untyped-def]
    from wsoa_desktop.gui import report_actions

    names = [a.objectName() for a in window.menu("Reports").actions()]
    for kind in ("brag", "plan", "exceptions", "highlight"):
        assert f"report_{kind}" in names
    window.settings.set("reports/appendix_number", 5)
    seen = []
    prompts.answer("ReportDialog", lambda d: seen.append(d.options()) or d.reject())
    next(a for a in window.menu("Reports").actions() if a.objectName() == "report_brag").trigger()
    assert seen and seen[0].appendix_number == "5" and seen[0].period_label == window.period_label
    assert report_actions.ITEMS[0][0] == "brag"


def test_what_shows_on_paper_is_chosen_with_the_keyboard(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    opts = dialog.options()
    assert (opts.reasons, opts.sign_off, opts.revised_targets, opts.rating_list) == (True, True, True, True)
    for key, box in dialog.show_boxes.items():
        assert box.focusPolicy() & Qt.FocusPolicy.TabFocus, key
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Space)
    opts = dialog.options()
    assert (opts.reasons, opts.sign_off, opts.revised_targets, opts.rating_list) == (False, False, False, False)
    qtbot.waitUntil(lambda: dialog.preview_busy() or not dialog.preview_complete, timeout=3000)
    wait_preview(qtbot, dialog)
    text = "".join(pdf_pages(dialog.preview_path))
    assert "every sub-action's rating" not in text and "Progress by priority" in text


def _answer_warning(qtbot, prompts, keys: str, seen: list[str]) -> None:  # type: ignore[no-untyped-def]
    """When the not-updated warning opens, note what it says and answer it by keys."""
    def answer(question) -> None:  # type: ignore[no-untyped-def]
        box = question.dialog
        seen.append(box.text() + "\n" + box.informativeText())
        if keys == "escape":
            qtbot.keyClick(box, Qt.Key.Key_Escape)
        elif keys == "enter":  # the default button is Cancel
            qtbot.keyClick(box, Qt.Key.Key_Return)
        else:  # "Save anyway" / "Print anyway", pressed with Space
            go = box.findChild(QPushButton, "yesButton")
            go.setFocus()
            qtbot.keyClick(go, Qt.Key.Key_Space)

    prompts.answer("confirm", answer)


@pytest.fixture
def carried_dialog(qtbot, sample_store):  # type: ignore[no-untyped-def]
    from wsoa_desktop.services.rounds import new_period, rate

    new_period(sample_store, 1, "September 2022", by="test")
    rate(sample_store, 1, "2.5.1", "September 2022", "Amber", reason="Trainer off sick", by="test")
    d = ReportDialog(sample_store, 1, "brag", period_label="September 2022", author="Officer B")
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    wait_preview(qtbot, d)
    return d


@pytest.mark.parametrize("keys", ["escape", "enter"])
def test_saving_with_not_updated_ratings_stops_unless_confirmed(qtbot, carried_dialog, tmp_path: Path,
                                                                 prompts, keys: str) -> None:
    seen: list[str] = []
    _answer_warning(qtbot, prompts, keys, seen)
    assert carried_dialog.save() is None
    assert prompts.texts("save_file") == [] and not (tmp_path / "a.pdf").exists()
    assert seen and "23 ratings" in seen[0] and "September 2022" in seen[0]
    assert "2.2.3" in seen[0] and "not updated since August 2022" in seen[0]
    assert "2.5.1" not in seen[0]  # updated this period


def test_saving_and_printing_go_ahead_when_confirmed(qtbot, carried_dialog, tmp_path: Path,
                                                      prompts) -> None:
    target = tmp_path / "appendix.pdf"
    prompts.answer("save_file", str(target))
    seen: list[str] = []
    _answer_warning(qtbot, prompts, "go", seen)
    job = carried_dialog.save()
    assert job is not None
    qtbot.waitUntil(lambda: job.outcome is not None, timeout=30000)
    assert seen and job.outcome == "ok"
    assert squash("(not updated since August 2022)") in squash("".join(pdf_pages(target)))
    prompts.answer("printer", False)
    _answer_warning(qtbot, prompts, "escape", seen)
    assert carried_dialog.print_report() is None and prompts.pending("printer") == 1  # stopped before it
    _answer_warning(qtbot, prompts, "go", seen)
    assert carried_dialog.print_report() is None and prompts.pending("printer") == 0  # went on to the printer
    assert len(seen) == 3


def test_no_warning_when_every_rating_is_current(dialog, qtbot, tmp_path: Path, prompts) -> None:  # type: ignore[no-untyped-def]
    assert dialog.not_updated_items() == []
    target = tmp_path / "appendix.pdf"
    prompts.answer("save_file", str(target))
    job = dialog.save()  # no message box: nothing to confirm (an unanswered one would fail the test)
    assert job is not None
    qtbot.waitUntil(lambda: job.outcome is not None, timeout=30000)
    assert job.result == target
