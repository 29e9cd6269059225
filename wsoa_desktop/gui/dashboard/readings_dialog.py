"""Plan ▸ Import measure readings…: the dry run on screen, then every reading or none.

The dialog reads the performance team's workbook at once and lists what would be
written (new readings, and figures that replace earlier ones) and every problem.
While there is a problem the Import button stays off and the reason is shown;
importing is one transaction and one undoable edit (Edit ▸ Undo takes the whole
import back).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QStringListModel
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListView, QPushButton, QVBoxLayout

from wsoa_desktop.domain.errors import WsoaError
from wsoa_desktop.gui.dashboard.measure_commands import measure_key
from wsoa_desktop.gui.undo_commands import (
    RELOADED,
    SAVED,
    PlanCommand,
    attempt,
    note_version,
    own_version,
)
from wsoa_desktop.services import measures as measures_service
from wsoa_desktop.services.readings_import import ReadingsImport, apply_readings, read_readings

if TYPE_CHECKING:
    from wsoa_desktop.gui.plan_context import PlanContext


class ImportReadingsCommand(PlanCommand):
    """Write a clean dry run's readings; undo puts each measure's readings back as they were.

    The first run names, for every reading it replaces, the version the dry run saw (a
    figure someone else saved since is refused). Undo and redo put whole measures back,
    naming the version this window's own last write left, so a measure changed by someone
    else meanwhile is refused rather than overwritten.
    """

    def __init__(self, ctx: PlanContext, preview: ReadingsImport) -> None:
        super().__init__(ctx, f"import {len(preview.rows)} measure reading(s)")
        self.preview = preview
        self.refs = list(dict.fromkeys(r.measure_ref for r in preview.rows))
        self.before_docs: list[dict[str, Any]] = [
            measures_service.measure_document(measures_service.get_measure(self.store, self.plan_id, ref))
            for ref in self.refs]
        self.after_docs: list[dict[str, Any]] | None = None

    def do(self) -> None:
        if self.after_docs is None:
            apply_readings(self.store, self.plan_id, self.preview, by=self.by)
            self.after_docs = [
                measures_service.measure_document(measures_service.get_measure(self.store, self.plan_id, ref))
                for ref in self.refs]
        else:
            self._put(self.after_docs)
        self._note()

    def revert(self) -> None:
        self._put(self.before_docs)
        self._note()

    def _put(self, docs: list[dict[str, Any]]) -> None:
        with self.store.write() as s:
            for doc in docs:
                measures_service.put_measure_document(
                    self.store, self.plan_id, doc["ref"], doc, by=self.by, session=s,
                    seen=own_version(self.store, measure_key(doc["ref"]), None))

    def _note(self) -> None:
        versions = measures_service.measure_versions(self.store, self.plan_id)
        for ref in self.refs:
            note_version(self.store, measure_key(ref), versions.get(ref, 0))

    def refresh(self, undone: bool) -> None:
        pass


class ReadingsImportDialog(QDialog):
    def __init__(self, ctx: PlanContext, path: Path) -> None:
        super().__init__(ctx.parent)
        self.ctx = ctx
        self.path = path
        self.setObjectName("readingsImportDialog")
        self.setWindowTitle(f"Import measure readings – {path.name}")
        self.imported = 0
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setObjectName("readingsSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.row_model, self.problem_model = QStringListModel(self), QStringListModel(self)
        self.rows = QListView()
        self.rows.setObjectName("readingsRows")
        self.rows.setModel(self.row_model)
        self.rows.setAccessibleName("Readings that would be imported")
        layout.addWidget(QLabel("What would be imported:"))
        layout.addWidget(self.rows, 2)
        self.problems = QListView()
        self.problems.setObjectName("readingsProblems")
        self.problems.setModel(self.problem_model)
        self.problems.setAccessibleName("Problems to fix first")
        self.problems_label = QLabel("Problems to fix in the workbook first (nothing is imported until they are):")
        self.problems_label.setWordWrap(True)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.problems, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = QPushButton("&Import")
        self.import_button.setObjectName("importReadings")
        self.recheck_button = QPushButton("&Check the file again")
        self.recheck_button.setObjectName("recheckReadings")
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.recheck_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.import_button.clicked.connect(self.apply)
        self.recheck_button.clicked.connect(self.check)
        layout.addWidget(buttons)
        self.preview: ReadingsImport | None = None
        self.resize(900, 560)
        self.check()

    def check(self) -> None:
        """Read the file again (the officer may have fixed it) and show the dry run."""
        self.row_model.setStringList([])
        self.problem_model.setStringList([])
        try:
            self.preview = read_readings(self.ctx.store, self.ctx.plan_id, self.path)
        except WsoaError as exc:
            self.preview = None
            self.summary.setText(str(exc))
            self.import_button.setEnabled(False)
            self.problems_label.setVisible(False)
            self.problems.setVisible(False)
            return
        self.row_model.setStringList([row.describe() for row in self.preview.rows])
        self.problem_model.setStringList([problem.describe() for problem in self.preview.problems])
        has_problems = bool(self.preview.problems)
        self.problems_label.setVisible(has_problems)
        self.problems.setVisible(has_problems)
        self.summary.setText(self.preview.summary())
        self.import_button.setEnabled(self.preview.ok)
        self.import_button.setText(f"&Import {len(self.preview.rows)} reading(s)" if self.preview.ok else "&Import")

    def apply(self) -> None:
        if self.preview is None or not self.preview.ok:
            return
        outcome = attempt(self.ctx, ImportReadingsCommand(self.ctx, self.preview))
        if outcome == SAVED:
            self.imported = len(self.preview.rows)
            self.ctx.show_status(f"Imported {self.imported} measure reading(s) from {self.path.name}")
            self.accept()
        elif outcome == RELOADED:  # someone else saved a reading since the dry run: show it again, as now
            self.check()
