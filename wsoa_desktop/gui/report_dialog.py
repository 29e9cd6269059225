"""Report options, an in-app preview (QtPdf), and Save… / Print… for one printed report.

The dialog needs only the store, the plan and a period: it renders the report
with the same code as ``wsoa-desktop report`` into a private temporary file,
shows that file with QPdfView, saves through the reports' atomic writer, and
prints by drawing each page of the previewed PDF onto the printer — so what is
printed is exactly what was previewed.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, QTimer
from PySide6.QtGui import QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from wsoa_desktop.domain.errors import WsoaError
from wsoa_desktop.reports.options import COLUMN_TITLES, OPTIONAL_COLUMNS, ReportOptions
from wsoa_desktop.store.database import Store

TITLES = {"brag": "BRAG appendix", "plan": "Action plan", "exceptions": "Exception report",
          "highlight": "Highlight report"}
COLUMN_LABELS = {"lead": "Lead", "progress": "Progress update", "previous": "Previous period's rating",
                 "revised": "Revised-target marker"}
#: Printing resolution for the rendered pages: sharp text without huge spool files.
PRINT_DPI = 300


# -- asking (replaced in tests) -----------------------------------------------------------------

def ask_save_path(parent: QWidget, title: str, suggested: str, filters: str) -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
    return path or None


def ask_printer(parent: QWidget, printer: QPrinter) -> bool:
    return QPrintDialog(printer, parent).exec() == QDialog.DialogCode.Accepted


def print_pdf(document: QPdfDocument, printer: QPrinter) -> int:
    """Draw every page of ``document`` on ``printer``, fitted to the page; returns pages printed."""
    pages = document.pageCount()
    if pages <= 0:
        return 0
    first = document.pagePointSize(0)
    printer.setPageOrientation(QPageLayout.Orientation.Landscape if first.width() > first.height()
                               else QPageLayout.Orientation.Portrait)
    painter = QPainter()
    if not painter.begin(printer):
        raise WsoaError("The printer could not be started. Check it is switched on and try again.")
    try:
        for page in range(pages):
            if page:
                printer.newPage()
            target = painter.viewport()
            size = document.pagePointSize(page)
            scale = min(target.width() / size.width(), target.height() / size.height())
            w, h = int(size.width() * scale), int(size.height() * scale)
            # Render at the printer's resolution, capped so a spool file stays a sane size.
            cap = PRINT_DPI / 72.0
            image_size = QSize(min(w, int(size.width() * cap)), min(h, int(size.height() * cap)))
            image = document.render(page, image_size)
            painter.drawImage(QRect(QPoint(target.x() + (target.width() - w) // 2, target.y()), QSize(w, h)),
                              image)
    finally:
        painter.end()
    return pages


class ReportDialog(QDialog):
    """Choose options, see the report, then save or print it."""

    def __init__(self, store: Store, plan_id: int, kind: str = "brag", *, period_label: str | None = None,
                 appendix_number: str = "2", orientation: str = "landscape", author: str = "",
                 priority_ref: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.plan_id, self.kind, self.author = store, plan_id, kind, author
        self.setObjectName("reportDialog")
        self.setWindowTitle(f"{TITLES[kind]} – preview, save or print")
        self._tmp = Path(tempfile.mkdtemp(prefix="wsoa-report-"))
        self._serial = 0
        self.preview_path: Path | None = None
        self.document = QPdfDocument(self)
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self.refresh_preview)
        self._build(period_label, appendix_number, orientation, priority_ref)
        self.resize(1100, 760)
        self.refresh_preview()

    # -- building ------------------------------------------------------------------------------

    def _build(self, period_label: str | None, appendix: str, orientation: str, priority_ref: str | None) -> None:
        from wsoa_desktop.services.outline import load_outline

        outline = load_outline(self.store, self.plan_id, None, latest_when_none=False)
        form_box = QWidget()
        form = QFormLayout(form_box)
        self.period_radio = QRadioButton("Current ratings for")
        self.period_radio.setChecked(True)
        self.period_combo = QComboBox(objectName="periodCombo")
        self.period_combo.setAccessibleName("Reporting period")
        for p in reversed(outline.periods):
            self.period_combo.addItem(p.label)
        if period_label:
            i = self.period_combo.findText(period_label)
            if i >= 0:
                self.period_combo.setCurrentIndex(i)
        self.version_radio = QRadioButton("Published version")
        self.version_combo = QComboBox(objectName="versionCombo")
        self.version_combo.setAccessibleName("Published version")
        for v in self._versions():
            self.version_combo.addItem(f"Version {v.number} – {v.period_label} – {v.summary}"[:90], v.number)
        has_versions = self.version_combo.count() > 0
        self.version_radio.setEnabled(has_versions)
        self.version_combo.setEnabled(False)
        if not has_versions:
            self.version_combo.addItem("No published versions yet")
        group = QButtonGroup(self)
        group.addButton(self.period_radio)
        group.addButton(self.version_radio)
        self.version_radio.toggled.connect(lambda on: (self.version_combo.setEnabled(on),
                                                        self.period_combo.setEnabled(not on)))
        form.addRow(self.period_radio, self.period_combo)
        form.addRow(self.version_radio, self.version_combo)

        self.priority_combo = QComboBox(objectName="priorityCombo")
        self.priority_combo.setAccessibleName("Priority")
        for p in outline.priorities:
            self.priority_combo.addItem(f"{p.ref}. {p.title or p.area_of_concern}"[:80], p.ref)
        if priority_ref:
            i = self.priority_combo.findData(priority_ref)
            if i >= 0:
                self.priority_combo.setCurrentIndex(i)
        if self.kind == "highlight":
            form.addRow("Priority:", self.priority_combo)

        self.column_boxes: dict[str, QCheckBox] = {}
        columns = QWidget(form_box)  # parented: hidden for reports without column choices
        col_layout = QVBoxLayout(columns)
        col_layout.setContentsMargins(0, 0, 0, 0)
        for key in OPTIONAL_COLUMNS:
            box = QCheckBox(COLUMN_LABELS.get(key, COLUMN_TITLES[key]), objectName=f"column_{key}")
            self.column_boxes[key] = box
            col_layout.addWidget(box)
            box.toggled.connect(self._schedule)
        if self.kind == "brag":
            form.addRow("Extra columns:", columns)
        else:
            columns.hide()

        self.appendix_edit = QLineEdit(appendix, objectName="appendixEdit")
        self.appendix_edit.setAccessibleName("Appendix number")
        self.appendix_edit.setMaximumWidth(80)
        if self.kind in ("brag", "plan"):
            form.addRow("Appendix number:", self.appendix_edit)
        self.orientation_combo = QComboBox(objectName="orientationCombo")
        self.orientation_combo.setAccessibleName("Orientation")
        self.orientation_combo.addItem("A4 landscape", "landscape")
        self.orientation_combo.addItem("A4 portrait", "portrait")
        self.orientation_combo.setCurrentIndex(1 if orientation == "portrait" else 0)
        form.addRow("Page:", self.orientation_combo)

        self.error_label = QLabel(objectName="reportError", wordWrap=True)
        self.error_label.setStyleSheet("color: #A4001D;")
        form.addRow(self.error_label)
        self.pages_label = QLabel(objectName="pagesLabel")
        form.addRow(self.pages_label)

        for w in (self.period_combo, self.version_combo, self.priority_combo, self.orientation_combo):
            w.currentIndexChanged.connect(self._schedule)
        self.version_radio.toggled.connect(self._schedule)
        self.appendix_edit.textChanged.connect(self._schedule)

        self.view = QPdfView(self)
        self.view.setObjectName("reportPreview")
        self.view.setAccessibleName("Report preview")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        splitter = QSplitter()
        splitter.addWidget(form_box)
        splitter.addWidget(self.view)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([330, 770])

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = QPushButton("&Save…", objectName="saveButton")
        self.print_button = QPushButton("&Print…", objectName="printButton")
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self.save)
        self.print_button.clicked.connect(self.print_report)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(buttons)
        layout.addLayout(bottom)

    def _versions(self) -> list:
        try:
            from wsoa_desktop.services.versions import list_versions
        except ImportError:
            return []
        return list(reversed(list_versions(self.store, self.plan_id)))

    # -- options and preview -------------------------------------------------------------------

    def options(self) -> ReportOptions:
        use_version = self.version_radio.isChecked() and self.version_radio.isEnabled()
        return ReportOptions(
            period_label=None if use_version else (self.period_combo.currentText() or None),
            version=self.version_combo.currentData() if use_version else None,
            columns=tuple(k for k in OPTIONAL_COLUMNS if self.column_boxes[k].isChecked()),
            appendix_number=self.appendix_edit.text().strip(),
            orientation=self.orientation_combo.currentData(),
            author=self.author,
            priority_ref=self.priority_combo.currentData() if self.kind == "highlight" else None,
        )

    def _schedule(self, *_args: object) -> None:
        self._timer.start()

    def refresh_preview(self) -> bool:
        """Render the report to a new temporary PDF and show it; False (and why) on a problem."""
        from wsoa_desktop.reports.produce import make_report

        self._timer.stop()
        self._serial += 1
        path = self._tmp / f"preview-{self._serial}.pdf"
        try:
            make_report(self.store, self.kind, path, self.options(), plan=self.plan_id)
        except WsoaError as exc:
            self.error_label.setText(str(exc))
            self._enable(False)
            return False
        old = self.preview_path
        self.document.close()
        self.document.load(str(path))
        self.preview_path = path
        if old is not None:
            old.unlink(missing_ok=True)
        self.error_label.setText("")
        pages = self.document.pageCount()
        self.pages_label.setText(f"{pages} page{'s' if pages != 1 else ''}")
        self._enable(pages > 0)
        return pages > 0

    def _enable(self, ok: bool) -> None:
        self.save_button.setEnabled(ok)
        self.print_button.setEnabled(ok)

    def page_count(self) -> int:
        return self.document.pageCount()

    # -- save and print ------------------------------------------------------------------------

    def save_to(self, path: Path | str) -> Path:
        """Write the report to ``path`` (.pdf or .docx), atomically; the options as previewed."""
        from wsoa_desktop.reports.produce import make_report

        return make_report(self.store, self.kind, path, replace(self.options()), plan=self.plan_id)

    def save(self) -> Path | None:
        from wsoa_desktop.gui import messages
        from wsoa_desktop.reports.produce import KINDS

        kinds = KINDS[self.kind]
        filters = ";;".join({".pdf": "PDF document (*.pdf)", ".docx": "Word document (*.docx)"}[k] for k in kinds)
        opts = self.options()
        period = (opts.period_label or "latest").replace(" ", "-")
        suggested = f"{TITLES[self.kind].replace(' ', '-')}-{period}.pdf"
        chosen = ask_save_path(self, f"Save the {TITLES[self.kind].lower()}", suggested, filters)
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() not in kinds:
            path = path.with_suffix(kinds[0])
        try:
            written = self.save_to(path)
        except WsoaError as exc:
            messages.warn(self, str(exc))
            return None
        self.error_label.setText("")
        self.pages_label.setText(f"Saved {written.name}")
        return written

    def print_to(self, printer: QPrinter) -> int:
        return print_pdf(self.document, printer)

    def print_report(self) -> int:
        from wsoa_desktop.gui import messages

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(TITLES[self.kind])
        if not ask_printer(self, printer):
            return 0
        try:
            return self.print_to(printer)
        except WsoaError as exc:
            messages.warn(self, str(exc))
            return 0

    def done(self, result: int) -> None:  # noqa: D102 - tidy the temporary folder whatever the exit
        self.document.close()
        shutil.rmtree(self._tmp, ignore_errors=True)
        super().done(result)
