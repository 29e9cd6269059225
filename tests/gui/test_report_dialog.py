"""The report dialog: options, in-app preview, Save… and Print…, and the Reports menu."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter

from tests.reports.helpers import docx_text, pdf_pages, squash
from wsoa_desktop.gui import report_dialog
from wsoa_desktop.gui.report_dialog import ReportDialog


@pytest.fixture
def dialog(qtbot, sample_store):  # type: ignore[no-untyped-def]
    d = ReportDialog(sample_store, 1, "brag", period_label="August 2022", author="Officer B")
    qtbot.addWidget(d)
    return d


def test_preview_shows_the_report_pages(dialog) -> None:  # type: ignore[no-untyped-def]
    assert dialog.page_count() == len(pdf_pages(dialog.preview_path))
    assert dialog.page_count() >= 5
    assert "Appendix 2 – BRAG" in pdf_pages(dialog.preview_path)[0]
    assert dialog.save_button.isEnabled() and dialog.print_button.isEnabled()


def test_options_change_the_preview(dialog) -> None:  # type: ignore[no-untyped-def]
    landscape_pages = dialog.page_count()
    dialog.orientation_combo.setCurrentIndex(1)
    dialog.column_boxes["lead"].setChecked(True)
    dialog.appendix_edit.setText("7")
    assert dialog.refresh_preview()
    opts = dialog.options()
    assert (opts.orientation, opts.columns, opts.appendix_number) == ("portrait", ("lead",), "7")
    text = pdf_pages(dialog.preview_path)[0]
    assert "Appendix 7 – BRAG" in text
    assert dialog.page_count() != landscape_pages or "Lead" in "".join(pdf_pages(dialog.preview_path))


def test_bad_option_shows_why_and_disables_save(dialog) -> None:  # type: ignore[no-untyped-def]
    dialog.appendix_edit.setText("")
    assert not dialog.refresh_preview()
    assert "appendix a number" in dialog.error_label.text()
    assert not dialog.save_button.isEnabled()


def test_save_as_pdf_and_word(dialog, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "appendix.docx"
    monkeypatch.setattr(report_dialog, "ask_save_path", lambda *a: str(target))
    assert dialog.save() == target
    assert "Action at significant risk" in docx_text(target)
    pdf = dialog.save_to(tmp_path / "appendix.pdf")
    assert squash("2.5.3") in squash("".join(pdf_pages(pdf)))


def test_print_draws_every_previewed_page(dialog, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "printed.pdf"

    def to_file(parent, printer: QPrinter) -> bool:  # type: ignore[no-untyped-def]
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setResolution(96)
        return True

    monkeypatch.setattr(report_dialog, "ask_printer", to_file)
    assert dialog.print_report() == dialog.page_count()
    from pypdf import PdfReader

    reader = PdfReader(str(out))
    assert len(reader.pages) == dialog.page_count()
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # landscape, like the report


def test_published_version_and_highlight(qtbot, sample_store) -> None:  # type: ignore[no-untyped-def]
    from wsoa_desktop.services.versions import publish

    publish(sample_store, 1, "For committee", by="test")
    d = ReportDialog(sample_store, 1, "highlight", priority_ref="3")
    qtbot.addWidget(d)
    assert d.version_radio.isEnabled()
    d.version_radio.setChecked(True)
    assert d.refresh_preview()
    assert d.options().version == 1 and d.options().priority_ref == "3"
    assert "Priority 3" in pdf_pages(d.preview_path)[0]


def test_reports_menu_opens_the_dialog(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from wsoa_desktop.gui import report_actions

    names = [a.objectName() for a in window.menu("Reports").actions()]
    for kind in ("brag", "plan", "exceptions", "highlight"):
        assert f"report_{kind}" in names
    window.settings.set("reports/appendix_number", 5)
    seen = []
    monkeypatch.setattr(ReportDialog, "exec", lambda self: seen.append(self.options()) or 0)
    next(a for a in window.menu("Reports").actions() if a.objectName() == "report_brag").trigger()
    assert seen and seen[0].appendix_number == "5" and seen[0].period_label == window.period_label
    assert report_actions.ITEMS[0][0] == "brag"
