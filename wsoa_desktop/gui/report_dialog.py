"""Report options, an in-app preview (QtPdf), and Save… / Print… for one printed report.

The dialog needs only the store, the plan and a period: it renders the report
with the same code as ``wsoa-desktop report`` into a private temporary file,
shows that file with QPdfView, saves through the reports' atomic writer, and
prints by drawing each page of the previewed PDF onto the printer — so what is
printed is exactly what was previewed.

Rendering, saving and printing run in the worker (:mod:`wsoa_desktop.gui.worker`),
so the window never freezes: the preview reads the plan on its own read-only
connection, shows the report's first pages as soon as they are laid out, then the
whole report; changing an option stops the preview being made and starts another;
Save and Print show their progress with a Cancel that leaves nothing behind.

Before a report with ratings nobody updated this period is saved or printed, the
officer is told how many and which, and it goes ahead only when they confirm.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, QTimer
from PySide6.QtGui import QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
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
from wsoa_desktop.domain.outline import ActionNode, PlanOutline
from wsoa_desktop.gui import messages
from wsoa_desktop.gui.worker import Job, JobControl, run_in_worker, write_staged
from wsoa_desktop.reports.options import (
    COLUMN_TITLES,
    DEFAULT_COLUMNS,
    OPTIONAL_COLUMNS,
    ReportOptions,
)
from wsoa_desktop.store.database import Store

if TYPE_CHECKING:
    from wsoa_desktop.services.versions import VersionInfo

TITLES = {"brag": "BRAG appendix", "plan": "Action plan", "exceptions": "Exception report",
          "highlight": "Highlight report", "scorecard": "Impact measures scorecard",
          "dashboard": "Performance on a page"}
COLUMN_LABELS = {"lead": "Lead", "progress": "Progress update", "previous": "Previous period's rating",
                 "revised": "Revised-target marker"}
#: What the officer can leave off the paper (ReportOptions field → check box text).
SHOW_LABELS = {"reasons": "&Reasons for worse and Red ratings",
               "sign_off": "Sign-o&ff of Blue ratings",
               "revised_targets": "Re&vised targets with the date they replaced",
               "rating_list": "&List of every sub-action's rating"}
#: How many not-updated items the warning lists before "and N more".
WARN_LIST = 12
#: Printing resolution for the rendered pages: sharp text without huge spool files.
PRINT_DPI = 300
#: Pages of a long report shown first, while the rest is still being laid out.
FIRST_PAGES = 2
#: The first preview starts this soon if the dialog has not painted by then.
FIRST_START_MS = 150


def print_pdf(document: QPdfDocument, printer: QPrinter,
              on_page: Callable[[int, int], None] | None = None) -> int:
    """Draw every page of ``document`` on ``printer``, fitted to the page; returns pages printed.

    ``on_page(n, total)`` is told before each page; if it raises (a Cancel) the print run is
    aborted, so the printer gets nothing rather than half a report.
    """
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
            if on_page is not None:
                on_page(page + 1, pages)
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
    except BaseException:
        printer.abort()
        raise
    finally:
        painter.end()
    return pages


# -- the jobs (each runs in the worker's thread: no widgets here) ---------------------------------

def read_report_outline(store: Store, plan_id: int, options: ReportOptions) -> PlanOutline:
    """The plan as the report needs it, read on a read-only connection of the job's own where it can,
    so the window's reads never wait for a report."""
    from wsoa_desktop.reports.produce import read_outline
    from wsoa_desktop.reports.read_only_outline import fast_outline

    if options.version is None and not store.is_server:
        outline = fast_outline(store.path, plan_id, options.period_label)
        if outline is not None:
            return outline
    return read_outline(store, plan_id, options)


def _pages_told(control: JobControl, seen: list[int]) -> Callable[[int], None]:
    def on_page(page: int) -> None:
        seen.append(page)
        control.progress(f"Laying out page {page}…")
    return on_page


def render_preview(control: JobControl, store: Store, plan_id: int, kind: str, options: ReportOptions,
                   folder: Path, serial: int) -> Path:
    """The first pages (handed over as soon as they exist), then the whole report; returns the whole."""
    from wsoa_desktop.reports.document import LayoutWatch, watching
    from wsoa_desktop.reports.produce import MEASURE_KINDS, write_report

    if kind in MEASURE_KINDS:  # impact measures: their own reader, on a read-only connection of the job's
        from wsoa_desktop.reports.measure_reports import make_measure_report_at

        control.progress("Laying out the report…")
        return make_measure_report_at(store.location, kind, folder / f"preview-{serial}.pdf", options, plan=plan_id)
    outline = read_report_outline(store, plan_id, options)
    control.progress("Laying out the first pages…")
    seen: list[int] = []
    first = folder / f"preview-{serial}-first.pdf"
    with watching(LayoutWatch(on_page=_pages_told(control, seen), first_pages=FIRST_PAGES)):
        write_report(kind, outline, options, first)
    if max(seen, default=0) < FIRST_PAGES:  # a short report: that was all of it
        return first
    control.deliver(first)
    whole = folder / f"preview-{serial}.pdf"
    with watching(LayoutWatch(on_page=_pages_told(control, []))):
        write_report(kind, outline, options, whole)
    return whole


def save_report(control: JobControl, store: Store, plan_id: int, kind: str, options: ReportOptions,
                path: Path, previewed: Path | None = None) -> Path:
    """Write the report to ``path`` (a Cancel leaves nothing there); a PDF already previewed with
    these very options is copied, so the saved file is the one on screen."""
    from wsoa_desktop.reports.document import LayoutWatch, watching
    from wsoa_desktop.reports.produce import MEASURE_KINDS, check_output, write_report

    path = check_output(kind, path)
    if previewed is not None and path.suffix.lower() == ".pdf":
        return write_staged(control, path, lambda staged: shutil.copyfile(previewed, staged))
    if kind in MEASURE_KINDS:
        from wsoa_desktop.reports.measure_reports import make_measure_report_at

        return write_staged(control, path, lambda staged: make_measure_report_at(
            store.location, kind, staged, options, plan=plan_id))
    outline = read_report_outline(store, plan_id, options)
    control.progress("Laying out the report…")

    def write(staged: Path) -> None:
        with watching(LayoutWatch(on_page=_pages_told(control, []))):
            write_report(kind, outline, options, staged)
        control.check()  # a Word file has no pages to count: the last chance to stop

    return write_staged(control, path, write)


def print_file(control: JobControl, path: Path, printer: QPrinter) -> int:
    """Print the previewed PDF at ``path`` page by page (its own QPdfDocument: this is another thread)."""
    document = QPdfDocument()
    try:
        document.load(str(path))
        return print_pdf(document, printer,
                         lambda n, total: control.progress(f"Printing page {n} of {total}…", n, total))
    finally:
        document.close()


class ReportDialog(QDialog):
    """Choose options, see the report, then save or print it."""

    def __init__(self, store: Store, plan_id: int, kind: str = "brag", *, period_label: str | None = None,
                 appendix_number: str = "2", orientation: str = "landscape", author: str = "",
                 priority_ref: str | None = None, outline: PlanOutline | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.plan_id, self.kind, self.author = store, plan_id, kind, author
        self.setObjectName("reportDialog")
        self.setWindowTitle(f"{TITLES[kind]} – preview, save or print")
        self._tmp = Path(tempfile.mkdtemp(prefix="wsoa-report-"))
        self._serial = 0
        self.preview_path: Path | None = None
        self.preview_complete = False  # the whole report (not only its first pages) is on screen
        self._first_pages_shown = False
        self._previewed_options: ReportOptions | None = None
        self._preview_job: Job | None = None
        self._jobs: list[Job] = []  # save and print jobs still using the temporary folder
        self.document = QPdfDocument(self)
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self.refresh_preview)
        self._outline = outline  # the window's, for the lists of periods and priorities
        self._build(period_label, appendix_number, orientation, priority_ref)
        self.resize(1100, 760)
        # The first preview starts once the dialog has painted (or at once if it is never shown),
        # so its start (loading the report library) does not compete with the dialog's first paint.
        self._first_start = QTimer(self, singleShot=True, interval=FIRST_START_MS)
        self._first_start.timeout.connect(self.refresh_preview)
        self._first_start.start()
        self.view.viewport().installEventFilter(self)

    # -- building ------------------------------------------------------------------------------

    def _build(self, period_label: str | None, appendix: str, orientation: str, priority_ref: str | None) -> None:
        from wsoa_desktop.services.outline import load_outline

        outline = self._outline or load_outline(self.store, self.plan_id, None, latest_when_none=False)
        form_box = QWidget()
        form = QFormLayout(form_box)
        self.period_radio = QRadioButton("Current ratings for")
        self.period_radio.setChecked(True)
        self.period_combo = QComboBox()
        self.period_combo.setObjectName("periodCombo")
        self.period_combo.setAccessibleName("Reporting period")
        for p in reversed(outline.periods):
            self.period_combo.addItem(p.label)
        if period_label:
            i = self.period_combo.findText(period_label)
            if i >= 0:
                self.period_combo.setCurrentIndex(i)
        self.version_radio = QRadioButton("Published version")
        self.version_combo = QComboBox()
        self.version_combo.setObjectName("versionCombo")
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
        self.version_radio.toggled.connect(self._version_chosen)
        form.addRow(self.period_radio, self.period_combo)
        form.addRow(self.version_radio, self.version_combo)

        self.priority_combo = QComboBox()
        self.priority_combo.setObjectName("priorityCombo")
        self.priority_combo.setAccessibleName("Priority")
        for priority in outline.priorities:
            self.priority_combo.addItem(f"{priority.ref}. {priority.title or priority.area_of_concern}"[:80],
                                        priority.ref)
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
            box = QCheckBox(COLUMN_LABELS.get(key, COLUMN_TITLES[key]))
            box.setObjectName(f"column_{key}")
            self.column_boxes[key] = box
            col_layout.addWidget(box)
            box.toggled.connect(self._schedule)
        if self.kind == "brag":
            form.addRow("Columns:", columns)
        else:
            columns.hide()
        for key in DEFAULT_COLUMNS:
            self.column_boxes[key].setChecked(True)

        self.show_boxes: dict[str, QCheckBox] = {}
        shown = QWidget(form_box)
        shown_layout = QVBoxLayout(shown)
        shown_layout.setContentsMargins(0, 0, 0, 0)
        for key, text in SHOW_LABELS.items():
            box = QCheckBox(text)
            box.setObjectName(f"show_{key}")
            box.setChecked(True)
            box.toggled.connect(self._schedule)
            self.show_boxes[key] = box
            if key == "rating_list" and self.kind != "brag":
                box.setParent(shown)
                box.hide()
                continue
            shown_layout.addWidget(box)
        form.addRow("Show:", shown)

        self.appendix_edit = QLineEdit(appendix)
        self.appendix_edit.setObjectName("appendixEdit")
        self.appendix_edit.setAccessibleName("Appendix number")
        self.appendix_edit.setMaximumWidth(80)
        if self.kind in ("brag", "plan"):
            form.addRow("Appendix number:", self.appendix_edit)
        self.orientation_combo = QComboBox()
        self.orientation_combo.setObjectName("orientationCombo")
        self.orientation_combo.setAccessibleName("Orientation")
        self.orientation_combo.addItem("A4 landscape", "landscape")
        self.orientation_combo.addItem("A4 portrait", "portrait")
        self.orientation_combo.setCurrentIndex(1 if orientation == "portrait" else 0)
        form.addRow("Page:", self.orientation_combo)

        self.error_label = QLabel()
        self.error_label.setObjectName("reportError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #A4001D;")
        form.addRow(self.error_label)
        self.pages_label = QLabel()
        self.pages_label.setObjectName("pagesLabel")
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
        self.save_button = QPushButton("&Save…")
        self.save_button.setObjectName("saveButton")
        self.print_button = QPushButton("&Print…")
        self.print_button.setObjectName("printButton")
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

    def _version_chosen(self, on: bool) -> None:
        self.version_combo.setEnabled(on)
        self.period_combo.setEnabled(not on)

    def _versions(self) -> list[VersionInfo]:
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
            reasons=self.show_boxes["reasons"].isChecked(),
            sign_off=self.show_boxes["sign_off"].isChecked(),
            revised_targets=self.show_boxes["revised_targets"].isChecked(),
            rating_list=self.show_boxes["rating_list"].isChecked(),
        )

    def _schedule(self, *_args: object) -> None:
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint and self._first_start.isActive():
            self._first_start.start(0)  # painted: start the first preview now
        return False

    def refresh_preview(self) -> Job | None:
        """Start making the preview for the options shown (stopping one under way); None, and why
        beside the options, when an option is wrong."""
        self._timer.stop()
        self._first_start.stop()
        if self._preview_job is not None:
            self._preview_job.discard()  # its options are out of date
            self._preview_job = None
        self.preview_complete = False
        self._first_pages_shown = False
        self.print_button.setEnabled(False)
        try:
            options = self.options()
        except WsoaError as exc:
            self._show_problem(str(exc))
            return None
        self._serial += 1
        job = Job(partial(render_preview, store=self.store, plan_id=self.plan_id, kind=self.kind,
                          options=options, folder=self._tmp, serial=self._serial), name="the preview")
        job.progressed.connect(self._show_progress)
        job.partial.connect(self._show_first_pages)
        job.succeeded.connect(lambda path: self._show_whole(path, options))
        job.failed.connect(self._preview_failed)
        self._preview_job = job
        self.error_label.setText("")
        self.pages_label.setText("Preparing the preview…")
        return job.start()

    def preview_busy(self) -> bool:
        """The preview is still being made (or about to be)."""
        return self._first_start.isActive() or (self._preview_job is not None and self._preview_job.outcome is None)

    def _show_progress(self, text: str, _done: int, _total: int) -> None:
        shown = self.document.pageCount() if self._first_pages_shown else 0
        self.pages_label.setText(f"Showing the first {shown} pages. {text}" if shown else text)

    def _show_first_pages(self, path: object) -> None:
        self._load(Path(str(path)))
        self._first_pages_shown = True
        self.save_button.setEnabled(True)
        self.pages_label.setText(f"Showing the first {self.document.pageCount()} pages; laying out the rest…")

    def _show_whole(self, path: Path, options: ReportOptions) -> None:
        self._load(path)
        self.preview_complete = True
        self._previewed_options = options
        self._preview_job = None
        pages = self.document.pageCount()
        self.pages_label.setText(f"{pages} page{'s' if pages != 1 else ''}")
        self._enable(pages > 0)

    def _preview_failed(self, text: str) -> None:
        job, self._preview_job = self._preview_job, None
        self._show_problem(text)
        if job is not None and not isinstance(job.error, WsoaError):
            messages.warn(self, text)  # not the officer's doing: say so in a box, not only beside the options

    def _show_problem(self, text: str) -> None:
        self.error_label.setText(text)
        self.pages_label.setText("")
        self._enable(False)

    def _load(self, path: Path) -> None:
        """Show ``path``, keeping the place the officer had scrolled to."""
        bar = self.view.verticalScrollBar()
        position = bar.value()
        old = self.preview_path
        self.document.close()
        self.document.load(str(path))
        self.preview_path = path
        if old is not None and old != path:
            old.unlink(missing_ok=True)
        bar.setValue(position)
        QTimer.singleShot(0, self, lambda: bar.setValue(position))  # once the view has laid out the pages

    def _enable(self, ok: bool) -> None:
        self.save_button.setEnabled(ok)
        self.print_button.setEnabled(ok and self.preview_complete)

    def page_count(self) -> int:
        return self.document.pageCount()

    # -- save and print ------------------------------------------------------------------------

    def not_updated_items(self) -> list[ActionNode]:
        """The carried-forward ratings the report would print (empty when every rating is current)."""
        from wsoa_desktop.reports.produce import not_updated_in_report

        opts = self.options()
        return not_updated_in_report(self.kind, read_report_outline(self.store, self.plan_id, opts), opts)

    def confirm_not_updated(self, doing: str) -> bool:
        """Say how many ratings were not updated this period, and which; True to go ahead.

        ``doing`` is "Save" or "Print". Cancel is the default button, so Enter or Esc stops.
        """
        from wsoa_desktop.domain.status_words import item_line

        try:
            items = self.not_updated_items()
        except WsoaError:
            return True  # the preview already says what is wrong; saving will say it again
        if not items:
            return True
        period = self.options().period_label or "this period"
        shown = "\n".join(f"• {item_line(n)}" for n in items[:WARN_LIST])
        more = f"\n…and {len(items) - WARN_LIST} more (see Show Details)." if len(items) > WARN_LIST else ""
        count = f"{len(items)} rating{'s' if len(items) != 1 else ''}"
        return messages.confirm(
            self, f"{count} in this report {'was' if len(items) == 1 else 'were'} not updated for {period}: "
            "they were carried forward from an earlier period.", yes=f"&{doing} anyway",
            title=f"{TITLES[self.kind]} – ratings not updated", warning=True,
            informative=f"{shown}{more}\n\nThe report marks each one “not updated since …”. {doing} it anyway?",
            details="\n".join(item_line(n) for n in items))

    def save_to(self, path: Path | str) -> Job | None:
        """Write the report to ``path`` (.pdf or .docx) in the worker, atomically; the options as shown."""
        try:
            options = self.options()
        except WsoaError as exc:
            messages.warn(self, str(exc))
            return None
        previewed = (self.preview_path if self.preview_complete and self._previewed_options == options
                     else None)
        job = run_in_worker(self, partial(save_report, store=self.store, plan_id=self.plan_id, kind=self.kind,
                                          options=options, path=Path(path), previewed=previewed),
                            title=f"Saving the {TITLES[self.kind].lower()}…", what="saving the report",
                            cancellable=True, on_done=self._saved)
        self._keep(job)
        return job

    def _saved(self, written: Path) -> None:
        self.error_label.setText("")
        self.pages_label.setText(f"Saved {written.name}")

    def save(self) -> Job | None:
        from wsoa_desktop.reports.produce import KINDS

        if not self.confirm_not_updated("Save"):
            return None
        kinds = KINDS[self.kind]
        filters = ";;".join({".pdf": "PDF document (*.pdf)", ".docx": "Word document (*.docx)",
                             ".xlsx": "Excel workbook (*.xlsx)"}[k] for k in kinds)
        opts = self.options()
        from wsoa_desktop.services.files import safe_file_name

        period = (opts.period_label or "latest").replace(" ", "-")
        suggested = safe_file_name(f"{TITLES[self.kind].replace(' ', '-')}-{period}", ".pdf")
        chosen = messages.choose_save_file(self, f"Save the {TITLES[self.kind].lower()}", suggested, filters)
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() not in kinds:
            path = path.with_suffix(kinds[0])
        return self.save_to(path)

    def print_to(self, printer: QPrinter) -> Job | None:
        """Print the previewed report (the whole of it) in the worker."""
        if not self.preview_complete or self.preview_path is None:
            return None
        job = run_in_worker(self, partial(print_file, path=self.preview_path, printer=printer),
                            title=f"Printing the {TITLES[self.kind].lower()}…", what="printing",
                            cancellable=True, on_done=self._printed)
        self._keep(job)
        return job

    def _printed(self, pages: int) -> None:
        self.pages_label.setText(f"Sent {pages} page{'s' if pages != 1 else ''} to the printer")

    def print_report(self) -> Job | None:
        if not self.preview_complete:
            return None
        if not self.confirm_not_updated("Print"):
            return None
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(TITLES[self.kind])
        if not messages.ask_printer(self, printer):
            return None
        return self.print_to(printer)

    def _keep(self, job: Job) -> None:
        self._jobs = [j for j in self._jobs if j.outcome is None] + [job]

    def done(self, result: int) -> None:  # noqa: D102 - tidy the temporary folder whatever the exit
        self._timer.stop()
        self._first_start.stop()
        if self._preview_job is not None:
            self._preview_job.discard()
        self.document.close()
        _remove_when_done(self._tmp, [j for j in [self._preview_job, *self._jobs] if j is not None])
        super().done(result)


def _remove_when_done(folder: Path, jobs: list[Job]) -> None:
    """Delete the dialog's temporary folder once no job of it is still writing or reading there."""
    waiting = [j for j in jobs if j.outcome is None]
    if not waiting:
        shutil.rmtree(folder, ignore_errors=True)
        return

    def one_ended() -> None:
        if all(j.outcome is not None for j in waiting):
            shutil.rmtree(folder, ignore_errors=True)

    for job in waiting:
        job.finished.connect(one_ended)
