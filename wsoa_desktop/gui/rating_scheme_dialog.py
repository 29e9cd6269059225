"""Define or change a rating scheme: names, meanings, colours (checked for contrast), synonyms,
which rating means complete and which not started, and the order of severity.

Used for a new plan (File ▸ New plan… ▸ Define…) and for the open plan
(Plan ▸ Rating scheme…). Every problem the scheme has is listed under the
table as it is typed, and OK stays off until there are none, so a scheme that
cannot be read or ranked is never saved. When a rating that items hold is
taken out, the officer chooses what those ratings become before anything changes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.domain.rating_schemes import BUILTIN_SCHEMES, RatingScheme
from wsoa_desktop.domain.scheme_design import RatingDraft, build_scheme, drafts_of, scheme_problems
from wsoa_desktop.gui.scheme_model import CONTRAST, MEANING, NAME, SYNONYMS, SchemeModel

#: Offered as starting points, in this order.
STARTING_POINTS = list(BUILTIN_SCHEMES.values())


class RatingSchemeDialog(QDialog):
    """Edit drafts of a scheme; ``scheme()`` gives the checked result after OK."""

    def __init__(self, name: str, drafts: list[RatingDraft], *, in_use: dict[str, int] | None = None,
                 editing_plan: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RatingSchemeDialog")
        self.setWindowTitle("Rating scheme" if editing_plan else "Define a rating scheme")
        self.resize(1300, 480)
        self.editing_plan = editing_plan
        self.model = SchemeModel(drafts, in_use, self)
        self.name = QLineEdit(name)
        self.name.setAccessibleName("Scheme name")
        self.start_from = QComboBox()
        self.start_from.setAccessibleName("Start from")
        self.start_from.addItem("Keep the ratings below")
        for scheme in STARTING_POINTS:
            self.start_from.addItem(f"{scheme.name} ({', '.join(scheme.names())})")
        self.start_from.activated.connect(self._start_from)
        self.table = QTableView()
        self.table.setObjectName("schemeTable")
        self.table.setAccessibleName("Ratings, best first in the legend")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(MEANING, QHeaderView.ResizeMode.Stretch)
        for col, width in ((CONTRAST, 230), (SYNONYMS, 200)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(col, width)
        self.table.setWordWrap(True)
        buttons_row = QHBoxLayout()
        self.add_button = self._button("&Add rating", self.add_rating, "addRating")
        self.remove_button = self._button("&Remove rating", self.remove_rating, "removeRating")
        self.up_button = self._button("Move &up", lambda: self.move_row(-1), "moveUp")
        self.down_button = self._button("Move &down", lambda: self.move_row(+1), "moveDown")
        self.colour_button = self._button("&Colour…", self.choose_colour, "chooseColour")
        self.best_button = self._button("Use &best text colour", self.use_best_text, "bestText")
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button, self.colour_button,
                  self.best_button):
            buttons_row.addWidget(b)
        buttons_row.addStretch(1)
        self.problems = QLabel()
        self.problems.setObjectName("schemeProblems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #A00000;")
        self.problems.setAccessibleName("Problems with the scheme")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            "Save scheme" if editing_plan else "Use this scheme")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Scheme &name:", self.name)
        if not editing_plan:
            form.addRow("&Start from:", self.start_from)
        help_text = QLabel("One row per rating, in the order the legend prints them. Type to edit a cell "
                           "(F2 or Enter); Space ticks “means complete” or “means not started”. Synonyms are other "
                           "words that mean the rating, such as Yellow for Amber.")
        help_text.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(help_text)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons_row)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence("Ctrl+Up"), self, lambda: self.move_row(-1))
        QShortcut(QKeySequence("Ctrl+Down"), self, lambda: self.move_row(+1))
        self.model.dataChanged.connect(self.check)
        self.model.rowsInserted.connect(self.check)
        self.model.rowsRemoved.connect(self.check)
        self.model.modelReset.connect(self.check)
        self.name.textChanged.connect(self.check)
        self.table.selectionModel().currentChanged.connect(lambda *_: self._enable())
        if self.model.rowCount():
            self.select_row(0)
        self.check()

    def _button(self, text: str, slot: Callable[[], object], name: str) -> QPushButton:
        b = QPushButton(text)
        b.setObjectName(name)
        b.setAutoDefault(False)
        b.clicked.connect(lambda *_: slot())
        return b

    # -- rows ---------------------------------------------------------------------------

    def current_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def select_row(self, row: int, column: int = NAME) -> None:
        index = self.model.index(row, column)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def add_rating(self) -> None:
        row = self.model.add_rating()
        self.select_row(row)
        self.table.edit(self.model.index(row, NAME))

    def remove_rating(self) -> None:
        row = self.current_row()
        if row < 0:
            return
        self.model.remove_rating(row)
        if self.model.rowCount():
            self.select_row(min(row, self.model.rowCount() - 1))

    def move_row(self, step: int) -> None:
        row = self.current_row()
        if row >= 0:
            self.select_row(self.model.move_rating(row, step), self.table.currentIndex().column())

    def choose_colour(self) -> None:
        row = self.current_row()
        if row < 0:
            return
        chosen = QColorDialog.getColor(QColor(self.model.drafts[row].colour), self, "Colour of the rating")
        if chosen.isValid():
            self.model.set_colour(row, chosen.name())

    def use_best_text(self) -> None:
        row = self.current_row()
        if row >= 0:
            self.model.use_best_text(row)

    def _start_from(self, index: int) -> None:
        if index <= 0:
            return
        scheme = STARTING_POINTS[index - 1]
        self.model.reset(drafts_of(scheme, keep_original=False))
        self.name.setText(scheme.name)
        self.start_from.setCurrentIndex(0)
        self.select_row(0)

    # -- checking -------------------------------------------------------------------------

    def problem_list(self) -> list[str]:
        return scheme_problems(self.name.text(), self.model.drafts)

    def check(self, *_: object) -> None:
        problems = self.problem_list()
        self.problems.setText("\n".join(f"• {p}" for p in problems) if problems else
                              "The scheme is ready: every name reads on its colour, one rating means complete.")
        self.problems.setStyleSheet("color: #A00000;" if problems else "color: #1B5E20;")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)
        self._enable()

    def _enable(self) -> None:
        row = self.current_row()
        has = row >= 0
        for b in (self.remove_button, self.colour_button, self.best_button):
            b.setEnabled(has)
        self.up_button.setEnabled(has and row > 0)
        self.down_button.setEnabled(has and row < self.model.rowCount() - 1)

    def scheme(self) -> RatingScheme:
        """The checked scheme (ValidationError when it has problems)."""
        return build_scheme(self.name.text(), self.model.drafts)

    def drafts(self) -> list[RatingDraft]:
        return list(self.model.drafts)

    def accept(self) -> None:
        try:
            self.scheme()
        except ValidationError as exc:
            self.problems.setText(str(exc))
            return
        super().accept()


class MappingDialog(QDialog):
    """Ratings taken out while items hold them: the officer chooses what each becomes."""

    def __init__(self, removed: dict[str, int], names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Ratings in use")
        self.choices: dict[str, QComboBox] = {}
        layout = QVBoxLayout(self)
        intro = QLabel("These ratings are held by items in the plan. Choose the rating each becomes, in every "
                       "period (published versions keep the ratings they were published with).")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        for old, count in removed.items():
            combo = QComboBox()
            combo.addItems(names)
            combo.setAccessibleName(f"{old} becomes")
            self.choices[old] = combo
            form.addRow(f"“{old}” ({count} rating{'s' if count != 1 else ''}) becomes:", combo)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def mapping(self) -> dict[str, str]:
        return {old: combo.currentText() for old, combo in self.choices.items()}

