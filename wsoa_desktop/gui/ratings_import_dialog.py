"""File ▸ Import ratings…: a file of ratings and progress, previewed row by row, then applied all or nothing.

The officer picks the file (a BRAG appendix, a spreadsheet with Ref and RAG, the
2017 plan's own table, a plan exported from another copy) and the period; the
table shows what each row would do — new, changed, confirmed, the same, or why
it is refused (an unknown reference, a rating the scheme does not have, a worse
rating without a reason, a complete rating without its sign-off). Apply stays
disabled while anything is refused. Reading the file and applying it run in the
worker; applying goes through the status service, as the update round does.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wsoa_desktop.domain.errors import WsoaError
from wsoa_desktop.gui import messages
from wsoa_desktop.gui.worker import Job, JobControl, run_in_worker
from wsoa_desktop.services.ratings_import import (
    RatingLine,
    RatingsPreview,
    apply_ratings,
    preview_ratings,
)
from wsoa_desktop.store.database import Store

if TYPE_CHECKING:
    from wsoa_desktop.gui.plan_context import PlanContext

FILTERS = "Ratings (*.docx *.xlsx *.csv *.json);;All files (*)"


class RatingLinesModel(QAbstractTableModel):
    """The preview's rows: where, ref, what would happen, the rating, and why when refused."""

    HEADERS = ("Row", "Ref", "What would happen", "Rating", "Why")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines: list[RatingLine] = []

    def set_lines(self, lines: list[RatingLine]) -> None:
        self.beginResetModel()
        self.lines = list(lines)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        line = self.lines[index.row()]
        if index.column() == 0:
            return line.where
        if index.column() == 1:
            return line.ref
        if index.column() == 2:
            return ("Refused: " if line.refused else "") + line.outcome
        if index.column() == 3:
            if line.old_rating == line.new_rating:
                return line.new_rating or ""
            return f"{line.old_rating or 'none'} → {line.new_rating or 'none'}"
        return line.message or ("progress updated" if line.progress_changes else "")


def _preview(control: JobControl, store: Store, plan_id: int, path: Path, period: str) -> RatingsPreview:
    control.progress(f"Reading {path.name}…")
    return preview_ratings(store, plan_id, path, period)


def _apply(control: JobControl, store: Store, plan_id: int, path: Path, period: str,
           by: str | None) -> tuple[RatingsPreview, int | None]:
    """Read the file again as it is now; apply it only if nothing is refused."""
    preview = preview_ratings(store, plan_id, path, period)
    if not preview.ok:
        return preview, None
    control.commit_point()
    control.progress(f"Applying {len(preview.changes)} ratings…")
    return preview, apply_ratings(store, plan_id, preview, by=by)


class RatingsImportDialog(QDialog):
    def __init__(self, store: Store, plan_id: int, path: Path, periods: list[str], period: str | None, *,
                 by: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Import ratings from {Path(path).name}")
        self.setObjectName("RatingsImportDialog")
        self.store, self.plan_id, self.path, self.by = store, plan_id, Path(path), by
        self.preview: RatingsPreview | None = None
        self.changed: int | None = None
        self._check_job: Job | None = None
        self._apply_job: Job | None = None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.period_combo = QComboBox()
        self.period_combo.setObjectName("ratingsPeriod")
        self.period_combo.setAccessibleName("Reporting period the ratings go into")
        self.period_combo.addItems(periods)
        if period in periods:
            self.period_combo.setCurrentText(period)
        elif periods:
            self.period_combo.setCurrentIndex(len(periods) - 1)
        form.addRow("Ratings go into &period:", self.period_combo)
        layout.addLayout(form)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("ratingsSummary")
        layout.addWidget(self.summary)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setObjectName("ratingsNotes")
        layout.addWidget(self.notes)
        self.model = RatingLinesModel(self)
        self.table = QTableView()
        self.table.setObjectName("ratingsPreview")
        self.table.setAccessibleName("What each row of the file would do")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.setMinimumSize(760, 300)
        layout.addWidget(self.table)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.check_button = self.buttons.addButton("&Check again", QDialogButtonBox.ButtonRole.ActionRole)
        self.apply_button: QPushButton = self.buttons.addButton("&Apply", QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setObjectName("applyRatingsButton")
        self.check_button.clicked.connect(self.check)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.period_combo.currentTextChanged.connect(lambda _text: self.check())
        self.check()

    def checking(self) -> bool:
        return any(j is not None and j.outcome is None for j in (self._check_job, self._apply_job))

    def check(self) -> Job | None:
        """Preview the file against the chosen period (in the worker); nothing is written."""
        if self._check_job is not None:
            self._check_job.discard()
        self.apply_button.setEnabled(False)
        period = self.period_combo.currentText()
        if not period:
            self.summary.setText("This plan has no reporting period yet: open one (Round ▸ New period) first.")
            return None
        self.summary.setText(f"Checking {self.path.name}…")
        job = Job(partial(_preview, store=self.store, plan_id=self.plan_id, path=self.path, period=period),
                  name="checking the file")
        job.succeeded.connect(self._show)
        job.failed.connect(self._failed)
        self._check_job = job
        return job.start()

    def _show(self, preview: RatingsPreview) -> None:
        self._check_job = None
        self.preview = preview
        self.model.set_lines(preview.lines)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        refused = [p for p in preview.problems]
        extra = [str(p) for p in preview.file_problems]
        self.notes.setText("\n".join([*preview.notes, *extra]))
        self.notes.setVisible(bool(self.notes.text()))
        if refused:
            self.summary.setText(f"{preview.summary()}. {len(refused)} problem(s) to fix before anything can be "
                                 "applied; nothing has been changed.")
        elif not preview.has_changes:
            self.summary.setText(f"{preview.summary()}. Nothing would change.")
        else:
            self.summary.setText(f"{preview.summary()}. Ready to apply: nothing has been changed yet.")
        self.apply_button.setEnabled(preview.ok and preview.has_changes)

    def _failed(self, text: str) -> None:
        self._check_job = None
        self.preview = None
        self.model.set_lines([])
        self.summary.setText(text)
        self.apply_button.setEnabled(False)

    def accept(self) -> None:  # noqa: D102 - Apply: read the file again as it is now, then apply it
        if self.checking() or self.preview is None:
            return
        self.apply_button.setEnabled(False)
        work = partial(_apply, store=self.store, plan_id=self.plan_id, path=self.path,
                       period=self.period_combo.currentText(), by=self.by or None)
        self._apply_job = run_in_worker(self, work, title=f"Applying {self.path.name}…", what="the ratings import",
                                        cancellable=True, on_done=self._applied, on_failed=self._apply_failed,
                                        on_cancelled=lambda: self._show(self.preview) if self.preview else None)

    def _applied(self, outcome: tuple[RatingsPreview, int | None]) -> None:
        preview, changed = outcome
        if changed is None:  # the file or the plan changed since the preview: show what is refused now
            self._show(preview)
            return
        self.preview, self.changed = preview, changed
        super().accept()

    def _apply_failed(self, text: str) -> None:
        self.summary.setText(f"{text} Nothing was changed.")
        self.apply_button.setEnabled(self.preview is not None and self.preview.ok)

    def done(self, result: int) -> None:  # noqa: D102 - a check still running is not wanted any more
        if self._check_job is not None:
            self._check_job.discard()
        super().done(result)


def run_dialog(ctx: PlanContext, path: Path) -> int | None:
    """Show the preview over the window; the number of items changed, or None when cancelled."""
    periods = [p.label for p in ctx.outline.periods]
    dialog = RatingsImportDialog(ctx.store, ctx.plan_id, path, periods, ctx.period_label, by=ctx.user,
                                 parent=ctx.parent)
    messages.run_dialog(dialog)
    return dialog.changed


def import_ratings(ctx: PlanContext) -> int | None:
    """File ▸ Import ratings…: pick a file, preview it, apply it to the plan on screen."""
    chosen = messages.choose_open_file(ctx.parent, "Import ratings", FILTERS)
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() not in (".docx", ".xlsx", ".csv", ".json"):
        messages.warn(ctx.parent, f"Cannot read ratings from “{path.name}”: choose a .docx, .xlsx, .csv or "
                                  ".json file.")
        return None
    try:
        changed = run_dialog(ctx, path)
    except WsoaError as exc:
        messages.warn(ctx.parent, str(exc))
        return None
    if changed is not None:
        ctx.reload()
        ctx.show_status(f"Applied {path.name}: {changed} items changed.")
    return changed
