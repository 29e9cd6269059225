"""Import a plan from .csv, .xlsx or .docx: the dry run first, then (only if clean) the import.

The officer sees exactly what would be created and every problem with its row
and reference before anything is written; the Import button stays disabled while
there are problems. The import itself is one transaction.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wsoa_desktop.domain.errors import WsoaError
from wsoa_desktop.services.importing import ImportPlan, dry_run
from wsoa_desktop.store.database import Store


class ImportDialog(QDialog):
    def __init__(self, store: Store, path: Path, *, by: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Import {path.name}")
        self.setObjectName("ImportDialog")
        self.store, self.path, self.by = store, Path(path), by
        self.plan: ImportPlan | None = None
        self.plan_id: int | None = None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName("Title of the new plan")
        self.period_edit = QLineEdit()
        self.period_edit.setPlaceholderText("e.g. August 2022 (the period the ratings belong to)")
        self.period_edit.setAccessibleName("Reporting period of the ratings")
        form.addRow("New plan &title:", self.title_edit)
        form.addRow("Ratings &period:", self.period_edit)
        layout.addLayout(form)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("importSummary")
        layout.addWidget(self.summary)
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.report.setObjectName("importReport")
        self.report.setAccessibleName("What the import would create, and problems")
        self.report.setMinimumSize(640, 280)
        layout.addWidget(self.report)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.check_button = self.buttons.addButton("&Check again", QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button: QPushButton = self.buttons.addButton("&Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("importButton")
        self.check_button.clicked.connect(self.check)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.check(first=True)

    def check(self, first: bool = False) -> None:
        """Run the dry run with the title and period shown; nothing is written."""
        try:
            self.plan = dry_run(self.path, title=None if first else self.title_edit.text(),
                                period=None if first else (self.period_edit.text().strip() or None))
        except WsoaError as exc:
            self.plan = None
            self.summary.setText(str(exc))
            self.report.setPlainText("")
            self.import_button.setEnabled(False)
            return
        if first:
            self.title_edit.setText(self.plan.title)
            self.period_edit.setText(self.plan.period or "")
        ok = self.plan.ok
        self.summary.setText("Ready to import: nothing has been changed yet." if ok else
                             f"{len(self.plan.problems)} problem(s) to fix in the file before it can be imported. "
                             "Nothing has been changed." if self.plan.problems else "The file holds no rows.")
        lines = self.plan.report_lines()
        if self.plan.items:
            lines += ["", "What would be created:", *self.plan.item_lines()]
        self.report.setPlainText("\n".join(lines))
        self.import_button.setEnabled(ok)

    def accept(self) -> None:
        from wsoa_desktop.services.importing.apply import apply_import

        self.check()
        if self.plan is None or not self.plan.ok:
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.plan_id = apply_import(self.store, self.plan, by=self.by or None)
        except WsoaError as exc:
            self.summary.setText(f"{exc} Nothing was imported.")
            return
        finally:
            QApplication.restoreOverrideCursor()
        super().accept()
