"""Published versions: the version-history table, a read-only view, and a side-by-side comparison.

Everything shown comes from the stored snapshots (services.versions), so a version
reads exactly as it was published however the plan has changed since.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from wsoa_desktop.domain.errors import WsoaError
from wsoa_desktop.domain.outline import PlanOutline
from wsoa_desktop.gui import messages
from wsoa_desktop.gui.worker import Job, run_in_worker
from wsoa_desktop.services import versions
from wsoa_desktop.services.csv_export import plan_rows
from wsoa_desktop.services.version_comparison import Comparison
from wsoa_desktop.store.database import Store


def publish_in_worker(parent: QWidget, store: Store, plan_id: int, summary: str, by: str,
                      on_done: Callable[[versions.VersionInfo], None], *, allow_not_updated: bool = False,
                      on_failed: Callable[[str], None] | None = None) -> Job:
    """Publish the next version in the worker (a 5,000-item snapshot takes seconds), one transaction.

    Not cancellable: a version is published whole or not at all. A failure goes to ``on_failed``
    (the caller may ask about ratings not updated; ``job.error`` is the exception), by default a box.
    """
    return run_in_worker(parent, lambda control: versions.publish(store, plan_id, summary, by=by,
                                                                  allow_not_updated=allow_not_updated),
                         title="Publishing the version…", what="publishing the version", on_done=on_done,
                         on_failed=on_failed)


class _TableModel(QAbstractTableModel):
    """A read-only table of text rows with fixed headings."""

    def __init__(self, headings: list[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headings = headings
        self.rows: list[list[str]] = []

    def set_rows(self, rows: list[list[str]], headings: list[str] | None = None) -> None:
        self.beginResetModel()
        self.rows = rows
        if headings is not None:
            self.headings = headings
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return len(self.headings)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headings[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if index.isValid() and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.rows[index.row()][index.column()]
        return None


def _table(model: QAbstractTableModel, name: str) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().hide()
    view.setWordWrap(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def outline_html(outline: PlanOutline, heading: str) -> str:
    """A published version as a read-only table; every rating by name, all text escaped."""
    rows = "".join(
        "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in plan_rows(outline))
    period = outline.period.label if outline.period else "no period"
    return (f"<h3>{escape(heading)}</h3><p>{escape(outline.title)} — ratings for {escape(period)}</p>"
            "<table border='1' cellspacing='0' cellpadding='3'><tr><th>Ref</th><th>Action</th><th>Lead</th>"
            f"<th>Target End Date</th><th>RAG</th><th>Progress Update</th><th>Not Updated</th><th>Status Text</th></tr>{rows}</table>")


class VersionViewer(QDialog):
    """One published version, read-only, with a period chooser."""

    def __init__(self, store: Store, plan_id: int, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Version {number} (read-only)")
        self.store, self.plan_id, self.number = store, plan_id, number
        self.doc = versions.version_document(store, plan_id, number)
        self.period = QComboBox()
        labels = [p["label"] for p in self.doc.get("periods", [])]
        self.period.addItems(labels)
        self.period.setCurrentIndex(len(labels) - 1)
        self.period.setAccessibleName("Period")
        self.browser = QTextBrowser()
        self.browser.setAccessibleName(f"Version {number}")
        self.period.currentTextChanged.connect(self.show_period)
        top = QHBoxLayout()
        meta = self.doc.get(versions.META_KEY, {})
        top.addWidget(QLabel(f"Published {meta.get('published_at', '')[:16].replace('T', ' ')} by "
                             f"{meta.get('published_by', '')}: {meta.get('summary', '')}"))
        top.addStretch(1)
        top.addWidget(QLabel("Period:"))
        top.addWidget(self.period)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.browser)
        self.resize(1000, 700)
        self.show_period(self.period.currentText() or None)

    def show_period(self, label: str | None) -> None:
        outline = versions.outline_from_document(self.doc, label or None, self.plan_id)
        self.browser.setHtml(outline_html(outline, f"Version {self.number}"))


class ComparisonView(QWidget):
    """Two sides of a comparison, change by change."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.comparison: Comparison | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = _TableModel(["Change", "Ref", "Previous ref", "Left", "Right"], self)
        self.table = _table(self.model, "Differences")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)

    def set_comparison(self, comparison: Comparison) -> None:
        self.comparison = comparison
        left = f"{comparison.left} ({comparison.left_period or 'no period'})"
        right = f"{comparison.right} ({comparison.right_period or 'no period'})"
        self.model.set_rows([[d.kind, d.ref, d.old_ref if d.old_ref != d.ref else "", d.old, d.new]
                             for d in comparison.differences], ["Change", "Ref", "Previous ref", left, right])
        counts = ", ".join(f"{n} {k}" for k, n in comparison.counts().items() if n) or "no differences"
        self.summary.setText(f"{left} compared with {right}: {counts}.")
        self.table.setColumnWidth(3, 320)


class VersionsDialog(QDialog):
    """File ▸ Versions…: list, open read-only, compare, export the comparison."""

    WORKING = -1

    def __init__(self, store: Store, plan_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Published versions")
        self.store, self.plan_id = store, plan_id
        self.model = _TableModel(["Version", "Date", "Amended by", "Summary of amendments", "Period"], self)
        self.table = _table(self.model, "Version history")
        self.open_button = QPushButton("Open read-only")
        self.against = QComboBox()
        self.against.setAccessibleName("Compare with")
        self.compare_button = QPushButton("Compare")
        self.export_button = QPushButton("Export comparison…")
        self.export_button.setEnabled(False)
        self.comparison = ComparisonView()
        for column, width in enumerate((70, 130, 140, 480)):
            self.table.setColumnWidth(column, width)
        self.open_button.clicked.connect(self.open_selected)
        self.compare_button.clicked.connect(self.compare_selected)
        self.export_button.clicked.connect(self.export_comparison)
        self.table.doubleClicked.connect(lambda *_: self.open_selected())
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(QLabel("Compare the selected version with:"))
        buttons.addWidget(self.against)
        buttons.addWidget(self.compare_button)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.comparison, 2)
        self.resize(1100, 750)
        self.refresh()

    def refresh(self) -> None:
        self.versions = versions.list_versions(self.store, self.plan_id)
        self.model.set_rows([[str(v.number), f"{v.published_at:%d/%m/%Y %H:%M}", v.published_by, v.summary,
                              v.period_label] for v in self.versions])
        self.against.clear()
        self.against.addItem("the working copy", self.WORKING)
        for v in self.versions:
            self.against.addItem(f"version {v.number}", v.number)
        if self.versions:
            self.table.selectRow(len(self.versions) - 1)
        for b in (self.open_button, self.compare_button):
            b.setEnabled(bool(self.versions))

    def selected_number(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.versions[rows[0].row()].number if rows else None

    def open_selected(self) -> VersionViewer | None:
        number = self.selected_number()
        if number is None:
            return None
        try:
            viewer = VersionViewer(self.store, self.plan_id, number, self)
        except WsoaError as exc:
            messages.warn(self, str(exc))
            return None
        viewer.show()
        return viewer

    def compare_selected(self) -> Comparison | None:
        number = self.selected_number()
        if number is None:
            return None
        other = self.against.currentData()
        try:
            result: Comparison = versions.compare(self.store, self.plan_id, number, None if other == self.WORKING else other)
        except WsoaError as exc:
            messages.warn(self, str(exc))
            return None
        self.comparison.set_comparison(result)
        self.export_button.setEnabled(True)
        return result

    def export_comparison(self) -> Path | None:
        if self.comparison.comparison is None:
            return None
        path = messages.choose_save_file(self, "Export comparison", "comparison.csv", "CSV files (*.csv)")
        if not path:
            return None
        try:
            written = self.comparison.comparison.write_csv(path)
        except WsoaError as exc:
            messages.warn(self, str(exc))
            return None
        return written
