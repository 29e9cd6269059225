"""The impact measures editor: the list on the left, one measure's fields and readings on the right.

Every save is an undoable command (Edit ▸ Undo puts the measure back as it was)
through the measures service, so a refusal — a date the app cannot read, a
target on the wrong side of the baseline — is shown in plain words and nothing
changes. The status line under the form works the status out from what is typed,
by the same rule as the dashboard and the scorecard, before anything is saved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wsoa_desktop.domain.measure_dates import read_when
from wsoa_desktop.domain.measures import (
    STATUS_RULE,
    UNITS,
    Direction,
    Measure,
    Milestone,
    Reading,
    assess,
    parse_direction,
    status_definition,
)
from wsoa_desktop.gui import messages
from wsoa_desktop.gui.dashboard.action_links import ActionLinks
from wsoa_desktop.gui.dashboard.measure_commands import MeasureCommand, MoveMeasureCommand, describe
from wsoa_desktop.gui.plan_tree_model import RATING_ROLE, REF_ROLE
from wsoa_desktop.gui.rating_delegate import RatingDelegate
from wsoa_desktop.gui.undo_commands import RELOADED, SAVED, attempt, perform
from wsoa_desktop.services import measures as measures_service

if TYPE_CHECKING:
    from wsoa_desktop.gui.plan_context import PlanContext

DATE_HINT = "a month (June 2021) or a quarter (Q1 2021/22)"


class MeasureListModel(QAbstractTableModel):
    """The plan's measures: short name, description and status (a chip with its name)."""

    HEADERS = ("Ref", "Measure", "Status")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.measures: list[Measure] = []

    def set_measures(self, measures: list[Measure]) -> None:
        self.beginResetModel()
        self.measures = measures
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.measures)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        m = self.measures[index.row()]
        if role == REF_ROLE:
            return m.ref
        status = assess(m).status
        if role == RATING_ROLE and index.column() == 2:
            return status_definition(status)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (m.ref, m.title, status.value)[index.column()]
        return None

    def row_of(self, ref: str | None) -> int:
        return next((i for i, m in enumerate(self.measures) if ref and m.ref.casefold() == ref.casefold()), -1)


def _number_text(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}" if abs(value) < 1e15 else str(value)


def _grid(headers: tuple[str, ...], name: str) -> tuple[QTableView, QStandardItemModel]:
    model = QStandardItemModel(0, len(headers))
    model.setHorizontalHeaderLabels(list(headers))
    view = QTableView()
    view.setObjectName(name)
    view.setAccessibleName(name)
    view.setModel(model)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
    return view, model


class MeasuresDialog(QDialog):
    """Add, edit and delete impact measures and their readings (see the module docstring)."""

    def __init__(self, ctx: PlanContext, select: str | None = None) -> None:
        super().__init__(ctx.parent)
        self.ctx = ctx
        self.setObjectName("measuresDialog")
        self.setWindowTitle("Impact measures")
        self.current_ref: str | None = None  # None while a new measure is being typed
        self.versions: dict[str, int] = {}  # each measure's version as read with the list shown
        self._loading = False
        self.dirty = False
        self.list_model = MeasureListModel(self)
        self._build()
        self.reload(select)
        ctx.undo_stack.indexChanged.connect(self._after_undo)
        self.resize(1180, 760)

    # -- building ------------------------------------------------------------------------------

    def _build(self) -> None:
        self.list_view = QTableView()
        self.list_view.setObjectName("measureList")
        self.list_view.setAccessibleName("Impact measures")
        self.list_view.setModel(self.list_model)
        self.list_view.setItemDelegate(RatingDelegate(self.list_view))
        self.list_view.verticalHeader().hide()
        self.list_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.list_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.list_view.selectionModel().currentRowChanged.connect(self._row_changed)
        self.new_button = QPushButton("&New measure")
        self.new_button.setObjectName("newMeasure")
        self.delete_button = QPushButton("&Delete…")
        self.delete_button.setObjectName("deleteMeasure")
        self.up_button = QPushButton("Move &up")
        self.up_button.setObjectName("moveMeasureUp")
        self.down_button = QPushButton("Move do&wn")
        self.down_button.setObjectName("moveMeasureDown")
        self.new_button.clicked.connect(self.new_measure)
        self.delete_button.clicked.connect(self.delete_measure)
        self.up_button.clicked.connect(lambda: self.move_row(-1))
        self.down_button.clicked.connect(lambda: self.move_row(1))
        left = QWidget()
        lbox = QVBoxLayout(left)
        lbox.setContentsMargins(0, 0, 0, 0)
        lbox.addWidget(self.list_view, 1)
        row = QHBoxLayout()
        for b in (self.new_button, self.delete_button, self.up_button, self.down_button):
            row.addWidget(b)
        lbox.addLayout(row)

        form_box = QWidget()
        form = QFormLayout(form_box)
        self.ref_edit = QLineEdit()
        self.ref_edit.setObjectName("measureRef")
        self.ref_edit.setAccessibleName("Short name")
        self.ref_edit.setPlaceholderText("M1 — used in the performance team's sheet")
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("measureTitle")
        self.title_edit.setAccessibleName("Description")
        self.unit_combo = QComboBox()
        self.unit_combo.setObjectName("measureUnit")
        self.unit_combo.setEditable(True)
        self.unit_combo.addItems([*UNITS, "per month"])
        self.unit_combo.setAccessibleName("Unit")
        self.direction_combo = QComboBox()
        self.direction_combo.setObjectName("measureDirection")
        self.direction_combo.setAccessibleName("Direction")
        for d, text in ((Direction.INCREASE, "Increase (higher is better)"),
                        (Direction.DECREASE, "Decrease (lower is better)"),
                        (Direction.MAINTAIN, "Maintain (stay at or above)")):
            self.direction_combo.addItem(text, d.value)
        self.baseline_edit = QLineEdit()
        self.baseline_edit.setObjectName("baselineValue")
        self.baseline_edit.setAccessibleName("Baseline value")
        self.baseline_edit.setPlaceholderText("empty while the baseline is to be established")
        self.baseline_when = QLineEdit()
        self.baseline_when.setObjectName("baselineWhen")
        self.baseline_when.setAccessibleName("Baseline date")
        self.baseline_when.setPlaceholderText(DATE_HINT)
        self.target_edit = QLineEdit()
        self.target_edit.setObjectName("targetValue")
        self.target_edit.setAccessibleName("Target value")
        self.target_when = QLineEdit()
        self.target_when.setObjectName("targetWhen")
        self.target_when.setAccessibleName("Target date")
        self.target_when.setPlaceholderText(DATE_HINT)
        self.actions_edit = QLineEdit()
        self.actions_edit.setObjectName("measureActions")
        self.actions_edit.setAccessibleName("Actions this measure belongs to")
        self.actions_edit.setPlaceholderText("1.1, 1.2")
        self.owner_edit = QLineEdit()
        self.owner_edit.setObjectName("measureOwner")
        self.owner_edit.setAccessibleName("Owner")
        self.source_edit = QLineEdit()
        self.source_edit.setObjectName("measureSource")
        self.source_edit.setAccessibleName("Source of the figures")
        self.note_edit = QPlainTextEdit()
        self.note_edit.setObjectName("measureNote")
        self.note_edit.setAccessibleName("Note")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setMaximumHeight(self.fontMetrics().height() * 4)
        pair = QHBoxLayout()
        pair.addWidget(self.baseline_edit)
        pair.addWidget(QLabel("as at"))
        pair.addWidget(self.baseline_when)
        target_pair = QHBoxLayout()
        target_pair.addWidget(self.target_edit)
        target_pair.addWidget(QLabel("by"))
        target_pair.addWidget(self.target_when)
        form.addRow("Short &name:", self.ref_edit)
        form.addRow("&Description:", self.title_edit)
        form.addRow("&Unit:", self.unit_combo)
        form.addRow("Di&rection:", self.direction_combo)
        for text, buddy, row in (("&Baseline:", self.baseline_edit, pair), ("&Target:", self.target_edit, target_pair)):
            label = QLabel(text)
            label.setBuddy(buddy)  # Alt+B, Alt+T go to the value
            form.addRow(label, row)
        self.milestone_view, self.milestone_model = _grid(("Value", "By (month or quarter)"), "Milestones")
        self.milestone_view.setMaximumHeight(self.fontMetrics().height() * 6)
        form.addRow("Milestones:", self._with_buttons(self.milestone_view, self.milestone_model, "milestone"))
        self.action_links = ActionLinks(self.actions_edit, self.ctx.outline)  # completes refs, names them
        actions_label = QLabel("&Actions:")
        actions_label.setBuddy(self.actions_edit)  # Alt+A goes to the field itself
        form.addRow(actions_label, self.action_links)
        form.addRow("&Owner:", self.owner_edit)
        form.addRow("&Source:", self.source_edit)
        form.addRow("N&ote:", self.note_edit)
        self.readings_view, self.readings_model = _grid(("Quarter or period", "Value", "Note"), "Readings")
        form.addRow("Readings:", self._with_buttons(self.readings_view, self.readings_model, "reading"))
        self.status_label = QLabel()
        self.status_label.setObjectName("measureStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName("Status worked out from what is typed")
        form.addRow("Status:", self.status_label)

        self.save_button = QPushButton("&Save measure")
        self.save_button.setObjectName("saveMeasure")
        self.save_button.setToolTip("Save this measure (Ctrl+S)")
        self.save_button.clicked.connect(self.save)
        save_action = QAction("Save measure", self)
        save_action.setShortcut(QKeySequence.StandardKey.Save)
        save_action.triggered.connect(self.save)
        self.addAction(save_action)
        self.revert_button = QPushButton("Re&vert")
        self.revert_button.setObjectName("revertMeasure")
        self.revert_button.clicked.connect(lambda: self._show(self.current_ref))
        rule_button = QPushButton("How status is &worked out")
        rule_button.setObjectName("statusRuleButton")
        rule_button.clicked.connect(lambda: show_status_rule(self))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        for b in (self.save_button, self.revert_button, rule_button):
            buttons.addButton(b, QDialogButtonBox.ButtonRole.ActionRole)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(form_box)
        splitter.setSizes([420, 760])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        for edit in (self.ref_edit, self.title_edit, self.baseline_edit, self.baseline_when, self.target_edit,
                     self.target_when, self.actions_edit, self.owner_edit, self.source_edit):
            edit.textEdited.connect(self._edited)
        self.note_edit.textChanged.connect(self._edited)
        self.unit_combo.currentTextChanged.connect(self._edited)
        self.direction_combo.currentIndexChanged.connect(self._edited)
        self.milestone_model.dataChanged.connect(self._edited)
        self.readings_model.dataChanged.connect(self._edited)

    def _with_buttons(self, view: QTableView, model: QStandardItemModel, what: str) -> QWidget:
        box = QWidget()
        lay = QHBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(view, 1)
        col = QVBoxLayout()
        add = QPushButton(f"Add {what}")
        add.setObjectName(f"add_{what}")
        remove = QPushButton(f"Remove {what}")
        remove.setObjectName(f"remove_{what}")
        add.clicked.connect(lambda: self._add_row(view, model))
        remove.clicked.connect(lambda: self._remove_row(view, model))
        col.addWidget(add)
        col.addWidget(remove)
        col.addStretch(1)
        lay.addLayout(col)
        return box

    def _add_row(self, view: QTableView, model: QStandardItemModel) -> None:
        model.appendRow([QStandardItem("") for _ in range(model.columnCount())])
        index = model.index(model.rowCount() - 1, 0)
        view.setFocus()
        view.setCurrentIndex(index)  # opens the cell for typing (every edit trigger is on)
        if view.state() != QAbstractItemView.State.EditingState:
            view.edit(index)
        self._edited()

    def _remove_row(self, view: QTableView, model: QStandardItemModel) -> None:
        row = view.currentIndex().row()
        if row >= 0:
            model.removeRow(row)
            self._edited()

    # -- showing -------------------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        # The versions first: a change saved between the two reads is then refused on saving
        # (its version moved on), never shown as seen and saved over.
        self.versions = measures_service.measure_versions(self.ctx.store, self.ctx.plan_id)
        measures = measures_service.list_measures(self.ctx.store, self.ctx.plan_id)
        self._loading = True
        self.list_model.set_measures(measures)
        self._loading = False
        row = self.list_model.row_of(select or self.current_ref)
        if row < 0 and measures:
            row = 0
        if row >= 0:
            self.list_view.setCurrentIndex(self.list_model.index(row, 0))
            self._show(self.list_model.measures[row].ref)
        else:
            self.new_measure()

    def _row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._loading or not current.isValid():
            return
        ref = current.data(REF_ROLE)
        if ref == self.current_ref:
            return
        if self.dirty and not self._offer_save():
            self._loading = True
            self.list_view.setCurrentIndex(previous)
            self._loading = False
            return
        self._show(ref)

    def _offer_save(self) -> bool:
        """Typed changes not saved: save them, or drop them (True), or stay here (False, Cancel)."""
        what = self.current_ref or "the new measure"
        answer = messages.ask_unsaved(self, f"Your changes to {what} are not saved.")
        if answer == "save":
            return self.save()
        return answer == "discard"

    def _show(self, ref: str | None) -> None:
        m = next((x for x in self.list_model.measures if x.ref == ref), None)
        self._fill(m)
        self.current_ref = m.ref if m else None

    def _fill(self, m: Measure | None) -> None:
        self._loading = True
        self.ref_edit.setText(m.ref if m else measures_service.next_ref(self.ctx.store, self.ctx.plan_id))
        self.title_edit.setText(m.title if m else "")
        self.unit_combo.setCurrentText(m.unit if m else "count")
        self.direction_combo.setCurrentIndex(max(0, self.direction_combo.findData(
            (m.direction if m else Direction.INCREASE).value)))
        self.baseline_edit.setText(_number_text(m.baseline) if m else "")
        self.baseline_when.setText(m.baseline_when if m else "")
        self.target_edit.setText(_number_text(m.target) if m else "")
        self.target_when.setText(m.target_when if m else "")
        self.actions_edit.setText(", ".join(m.action_refs) if m else (self._selected_action() or ""))
        self.owner_edit.setText(m.owner if m else "")
        self.source_edit.setText(m.source if m else "")
        self.note_edit.setPlainText(m.note if m else "")
        self.milestone_model.setRowCount(0)
        for x in (m.milestones if m else ()):
            self.milestone_model.appendRow([QStandardItem(_number_text(x.value)), QStandardItem(x.when)])
        self.readings_model.setRowCount(0)
        for r in (m.readings if m else ()):
            self.readings_model.appendRow([QStandardItem(r.label), QStandardItem(_number_text(r.value)),
                                           QStandardItem(r.note)])
        self.delete_button.setEnabled(m is not None)
        self._loading = False
        self.dirty = False
        self._update_status()

    def _selected_action(self) -> str | None:
        ref = self.ctx.selected_ref()
        return ref if ref and ref.count(".") == 1 else None

    def _edited(self, *_args: object) -> None:
        if self._loading:
            return
        self.dirty = True
        self._update_status()

    def _update_status(self) -> None:
        """The status as the rule would give it for what is typed (nothing saved)."""
        preview = self.preview_measure()
        if preview is None:
            self.status_label.setText("—")
            return
        a = assess(preview)
        self.status_label.setText(f"<b>{a.status.value}</b> — {a.explanation}")

    def preview_measure(self) -> Measure | None:
        def number(text: str) -> float | None:
            try:
                return float(text.replace(",", "").rstrip("%")) if text.strip() else None
            except ValueError:
                return None

        readings = []
        for row in self._rows(self.readings_model):
            day, value = read_when(row[0]), number(row[1])
            if day is not None and value is not None:
                readings.append(Reading(row[0], day, value, row[2]))
        milestones = []
        for row in self._rows(self.milestone_model):
            day, value = read_when(row[1]), number(row[0])
            if day is not None and value is not None:
                milestones.append(Milestone(value, day, row[1]))
        return Measure(0, self.ref_edit.text().strip(), self.title_edit.text().strip(),
                       self.unit_combo.currentText().strip(),
                       parse_direction(self.direction_combo.currentData()) or Direction.INCREASE,
                       number(self.baseline_edit.text()), self.baseline_when.text().strip(),
                       read_when(self.baseline_when.text()), number(self.target_edit.text()),
                       self.target_when.text().strip(), read_when(self.target_when.text()), tuple(milestones),
                       tuple(sorted(readings, key=lambda r: r.as_of)))

    @staticmethod
    def _rows(model: QStandardItemModel) -> list[list[str]]:
        out = []
        for r in range(model.rowCount()):
            cells = [(model.item(r, c).text() if model.item(r, c) else "").strip() for c in range(model.columnCount())]
            if any(cells):
                out.append(cells)
        return out

    # -- saving --------------------------------------------------------------------------------

    def document(self) -> dict[str, Any]:
        """What is typed, as a measure document (the service checks it)."""
        return {
            "ref": self.ref_edit.text().strip(), "title": self.title_edit.text(),
            "unit": self.unit_combo.currentText().strip() or "count",
            "direction": self.direction_combo.currentData(),
            "baseline": self.baseline_edit.text().strip() or None,
            "baseline_when": self.baseline_when.text().strip(),
            "target": self.target_edit.text().strip() or None, "target_when": self.target_when.text().strip(),
            "milestones": [{"value": v, "when": w} for v, w in self._rows(self.milestone_model)],
            "source": self.source_edit.text(), "owner": self.owner_edit.text(),
            "note": self.note_edit.toPlainText(),
            "actions": [a.strip() for a in self.actions_edit.text().replace(";", ",").split(",") if a.strip()],
            "readings": [{"label": r[0], "value": r[1], "note": r[2]} for r in self._rows(self.readings_model)],
        }

    def _before(self) -> dict[str, Any] | None:
        if self.current_ref is None:
            return None
        m = next(x for x in self.list_model.measures if x.ref == self.current_ref)
        doc = measures_service.measure_document(m)
        doc["position"] = self.list_model.measures.index(m)
        return doc

    def save(self) -> bool:
        """Save what is typed as one undoable edit; False (with the reason shown) when refused."""
        for view in (self.readings_view, self.milestone_view):
            if view.state() == QAbstractItemView.State.EditingState:
                # A cell still being typed in: what is typed there is saved too.
                editor = view.focusWidget()
                if editor is not None and editor is not view and view.isAncestorOf(editor):
                    view.commitData(editor)
                    view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
                else:
                    self.save_button.setFocus()  # moving the focus makes the editor commit and close
        before, after = self._before(), self.document()
        command = MeasureCommand(self.ctx, describe(before, after), before, after, seen=self._seen())
        outcome = attempt(self.ctx, command)
        if outcome == RELOADED:
            self._reload_keeping(after)
        if outcome != SAVED:
            return False
        self.dirty = False
        self.reload(command.result_ref)
        self.ctx.show_status(f"Saved measure {command.result_ref}")
        return True

    def new_measure(self) -> None:
        if self.dirty and not self._offer_save():
            return
        self._loading = True
        self.list_view.clearSelection()
        self._loading = False
        self.current_ref = None
        self._fill(None)
        self.title_edit.setFocus()

    def delete_measure(self) -> None:
        if self.current_ref is None:
            return
        if not messages.confirm(self, f"Delete measure {self.current_ref} and its readings?\n\n"
                                      "You can undo this with Edit ▸ Undo (Ctrl+Z).", yes="Delete"):
            return
        before = self._before()
        outcome = attempt(self.ctx, MeasureCommand(self.ctx, describe(before, None), before, None,
                                                   seen=self._seen()))
        if outcome == SAVED:
            self.current_ref = None
            self.dirty = False
            self.reload()
        elif outcome == RELOADED:  # the officer sees the other change first, and may delete again
            self._reload_keeping(self.document() if self.dirty else None)

    def _seen(self) -> int | None:
        """The version of the measure on screen, as read with the list (None: a new measure)."""
        return self.versions.get(self.current_ref) if self.current_ref else None

    def _reload_keeping(self, typed: dict[str, Any] | None) -> None:
        """After Reload: the measure as now saved, then what the officer had typed over it again
        (unsaved), so nothing typed is lost and Save now saves it knowingly over the new version."""
        self.dirty = False
        ref = self.current_ref
        self.reload(ref)
        if typed is None or (ref is not None and self.current_ref != ref):
            return  # the measure is gone (deleted by the other officer): the list shows that
        self._put_typed(typed)

    def _put_typed(self, doc: dict[str, Any]) -> None:
        self._loading = True
        self.ref_edit.setText(doc["ref"])
        self.title_edit.setText(doc["title"])
        self.unit_combo.setCurrentText(doc["unit"])
        self.direction_combo.setCurrentIndex(max(0, self.direction_combo.findData(doc["direction"])))
        self.baseline_edit.setText(doc["baseline"] or "")
        self.baseline_when.setText(doc["baseline_when"])
        self.target_edit.setText(doc["target"] or "")
        self.target_when.setText(doc["target_when"])
        self.actions_edit.setText(", ".join(doc["actions"]))
        self.owner_edit.setText(doc["owner"])
        self.source_edit.setText(doc["source"])
        self.note_edit.setPlainText(doc["note"])
        self.milestone_model.setRowCount(0)
        for x in doc["milestones"]:
            self.milestone_model.appendRow([QStandardItem(x["value"]), QStandardItem(x["when"])])
        self.readings_model.setRowCount(0)
        for r in doc["readings"]:
            self.readings_model.appendRow([QStandardItem(r["label"]), QStandardItem(r["value"]),
                                           QStandardItem(r["note"])])
        self._loading = False
        self.dirty = True
        self._update_status()

    def move_row(self, steps: int) -> None:
        if self.current_ref is None or (self.dirty and not self._offer_save()):
            return
        if perform(self.ctx, MoveMeasureCommand(self.ctx, self.current_ref, steps)):
            self.reload(self.current_ref)

    def _after_undo(self, *_args: object) -> None:
        if not self.isVisible() or self.dirty:
            return
        self.reload(self.current_ref)

    def done(self, result: int) -> None:  # noqa: D102 - offer to save typed changes before closing
        if self.dirty and not self._offer_save():
            return
        try:
            self.ctx.undo_stack.indexChanged.disconnect(self._after_undo)
        except (RuntimeError, TypeError):
            pass
        super().done(result)


def show_status_rule(parent: QWidget) -> None:
    """The editor's “How status is worked out”: the rule the app applies, in full (as in the user guide)."""
    head, _, body = STATUS_RULE.partition("\n\n")
    messages.about(parent, head, body)
