"""Import a plan from .csv, .xlsx or .docx: the dry run first, then (only if clean) the import.

The officer sees exactly what would be created and every problem with its row
and reference before anything is written; the Import button stays disabled while
there are problems. The import itself is one transaction.

Reading the file (a Word WSOA can take seconds) and the import run in the worker:
the dialog says "Checking…" meanwhile, a newer check replaces an older one, and
the import can be cancelled until it starts writing.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wsoa_desktop.domain.errors import WsoaError
from wsoa_desktop.domain.rating_schemes import BUILTIN_SCHEMES
from wsoa_desktop.gui.worker import Job, JobControl, run_in_worker
from wsoa_desktop.services.importing import ImportPlan, dry_run
from wsoa_desktop.store.database import Store


def _check(control: JobControl, path: Path, title: str | None, period: str | None,
           scheme: str | None = None, owners: dict[str, str] | None = None) -> ImportPlan:
    return dry_run(path, title=title, period=period, scheme=scheme, owners=owners)


def _import(control: JobControl, store: Store, path: Path, title: str, period: str | None,
            by: str | None, scheme: str | None = None,
            owners: dict[str, str] | None = None) -> tuple[ImportPlan, int | None]:
    """Read the file again as it is now, with the title and period shown, then (if clean) import it."""
    from wsoa_desktop.services.importing.apply import apply_import

    if path.suffix.lower() == ".json":  # a WSOA Desktop plan file: loaded whole, as it was exported
        from wsoa_desktop.services.importing.plan_file import import_plan_file

        control.commit_point()
        control.progress("Importing the plan file…")
        plan_id, plan = import_plan_file(store, path, title=title or None, by=by)
        return plan, plan_id
    control.progress("Reading the file…")
    plan = dry_run(path, title=title, period=period, scheme=scheme, owners=owners)
    if not plan.ok:
        return plan, None
    control.commit_point()  # from here the import is one transaction that runs to its end
    control.progress(f"Importing {plan.count(3) or len(plan.items)} items…")
    return plan, apply_import(store, plan, by=by)


class ImportDialog(QDialog):
    def __init__(self, store: Store, path: Path, *, by: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Import {path.name}")
        self.setObjectName("ImportDialog")
        self.store, self.path, self.by = store, Path(path), by
        self.plan: ImportPlan | None = None
        self.plan_id: int | None = None
        self._check_job: Job | None = None
        self._import_job: Job | None = None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName("Title of the new plan")
        self.period_edit = QLineEdit()
        self.period_edit.setPlaceholderText("e.g. August 2022 (the period the ratings belong to)")
        self.period_edit.setAccessibleName("Reporting period of the ratings")
        form.addRow("New plan &title:", self.title_edit)
        form.addRow("Ratings &period:", self.period_edit)
        self.scheme_combo = QComboBox()
        self.scheme_combo.setObjectName("importScheme")
        self.scheme_combo.setAccessibleName("Rating scheme the file's ratings are read in")
        self.scheme_combo.addItem("The document's own key (WSOA BRAG if it has none)", None)
        for scheme in BUILTIN_SCHEMES.values():
            self.scheme_combo.addItem(f"{scheme.name}: {', '.join(scheme.names())}", scheme.name)
        self.scheme_combo.currentIndexChanged.connect(lambda _i: self.check())
        form.addRow("Rating &scheme:", self.scheme_combo)
        form.setRowVisible(self.scheme_combo, self.path.suffix.lower() != ".json")  # a plan file has its own
        layout.addLayout(form)
        # Owners the document leaves open ("PW": two people): the officer says who, or keeps them as written.
        self.owners_box = QGroupBox("Who are these owners? (the document could mean more than one person)")
        self.owners_box.setObjectName("importOwners")
        self.owners_form = QFormLayout(self.owners_box)
        self.owner_combos: dict[str, QComboBox] = {}
        self.owners_box.hide()
        layout.addWidget(self.owners_box)
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

    def check(self, first: bool = False) -> Job:
        """Run the dry run with the title and period shown (in the worker); nothing is written."""
        if self._check_job is not None:
            self._check_job.discard()  # the fields changed: its answer is out of date
        self.import_button.setEnabled(False)
        self.summary.setText("Checking the file…")
        job = Job(partial(_check, path=self.path, title=None if first else self.title_edit.text(),
                          period=None if first else (self.period_edit.text().strip() or None),
                          scheme=self.scheme_combo.currentData(), owners=self.owner_choices()),
                  name="checking the file")
        job.succeeded.connect(lambda plan: self._checked(plan, first))
        job.failed.connect(self._check_failed)
        self._check_job = job
        return job.start()

    def checking(self) -> bool:
        """The dry run (or the import) is still under way."""
        return any(j is not None and j.outcome is None for j in (self._check_job, self._import_job))

    def owner_choices(self) -> dict[str, str]:
        """The owners the officer has said who they are (written → person)."""
        return {written: str(combo.currentData()) for written, combo in self.owner_combos.items()
                if combo.currentData()}

    def _offer_owner_choices(self, plan: ImportPlan) -> None:
        for written, options in plan.owner_options.items():
            if written in self.owner_combos:
                continue
            combo = QComboBox()
            combo.setAccessibleName(f"Who “{written}” is")
            combo.addItem("Keep as written (not linked to anyone)", None)
            for name in options:
                combo.addItem(name, name)
            combo.currentIndexChanged.connect(lambda _i: self.check())
            self.owner_combos[written] = combo
            self.owners_form.addRow(f"“{written}”:", combo)
        self.owners_box.setVisible(bool(self.owner_combos))

    def _checked(self, plan: ImportPlan, first: bool) -> None:
        self._check_job = None
        self.plan = plan
        if first:
            self.title_edit.setText(plan.title)
            self.period_edit.setText(plan.period or "")
        self._offer_owner_choices(plan)
        self._show(plan)

    def _check_failed(self, text: str) -> None:
        from wsoa_desktop.gui import messages

        job, self._check_job = self._check_job, None
        self.plan = None
        self.summary.setText(text)
        self.report.setPlainText("")
        self.import_button.setEnabled(False)
        if job is not None and not isinstance(job.error, WsoaError):
            messages.warn(self, text)

    def _show(self, plan: ImportPlan) -> None:
        ok = plan.ok
        self.summary.setText("Ready to import: nothing has been changed yet." if ok else
                             f"{len(plan.problems)} problem(s) to fix in the file before it can be imported. "
                             "Nothing has been changed." if plan.problems else "The file holds no rows.")
        lines = plan.report_lines()
        if plan.items:
            lines += ["", "What would be created:", *plan.item_lines()]
        self.report.setPlainText("\n".join(lines))
        self.import_button.setEnabled(ok)

    def accept(self) -> None:  # noqa: D102 - Import: check the file as it is now, then import it
        if self.checking():
            return
        if self._check_job is not None:
            self._check_job.discard()
        self.import_button.setEnabled(False)
        work = partial(_import, store=self.store, path=self.path, title=self.title_edit.text(),
                       period=self.period_edit.text().strip() or None, by=self.by or None,
                       scheme=self.scheme_combo.currentData(), owners=self.owner_choices())
        self._import_job = run_in_worker(self, work, title=f"Importing {self.path.name}…", what="the import",
                                         cancellable=True, on_done=self._imported,
                                         on_failed=self._import_failed,
                                         on_cancelled=lambda: self._show(self.plan) if self.plan else None)

    def _imported(self, outcome: tuple[ImportPlan, int | None]) -> None:
        plan, plan_id = outcome
        self.plan = plan
        if plan_id is None:  # the file changed since it was checked, and now has problems
            self._show(plan)
            return
        self.plan_id = plan_id
        super().accept()

    def _import_failed(self, text: str) -> None:
        from wsoa_desktop.gui import messages

        self.summary.setText(f"{text} Nothing was imported.")
        self.import_button.setEnabled(self.plan is not None and self.plan.ok)
        job = self._import_job
        if job is not None and not isinstance(job.error, WsoaError):
            messages.warn(self, f"{text} Nothing was imported.")

    def done(self, result: int) -> None:  # noqa: D102 - a check still running is not wanted any more
        if self._check_job is not None:
            self._check_job.discard()
        super().done(result)
