"""The plan tree: uniform rows, the rating chip delegate, sensible column widths.

From the search box, Down or Enter lands here on the first match
(:meth:`PlanTreeView.enter_results`), so results are reached without the mouse.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QWidget

from wsoa_desktop.gui.plan_tree_model import (
    COL_ACTION,
    COL_LEAD,
    COL_PROGRESS,
    COL_RATING,
    COL_REF,
    COL_TARGET,
)
from wsoa_desktop.gui.rating_delegate import RatingDelegate


class PlanTreeView(QTreeView):
    """A keyboard-first tree: arrows move, Enter edits (wired by the window), F2 too."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planTree")
        self.setAccessibleName("Action plan")
        self.setAccessibleDescription("Priorities, actions and sub-actions with their lead, target, "
                                      "rating and progress. Press Enter to edit the selected item.")
        self.setUniformRowHeights(True)  # lets Qt lay out thousands of rows without measuring each
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAllColumnsShowFocus(True)
        self.setWordWrap(False)
        self.setTextElideMode(self.textElideMode())
        self.setItemDelegateForColumn(COL_RATING, RatingDelegate(self))
        header = self.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(40)

    def enter_results(self, first_match: bool) -> bool:
        """Take the focus from the search box: on the first match, or where the selection was.

        The first match is the first row, in plan order, that shows no rows under it (a
        row shown only as the parent of matches is not a match itself). False when the
        search shows nothing, so the focus stays in the search box.
        """
        model = self.model()
        if model is None or model.rowCount() == 0:
            return False
        index = self.currentIndex()
        if first_match or not index.isValid():
            index = self.first_leaf()
        self.setCurrentIndex(index)
        self.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def first_leaf(self) -> QModelIndex:
        """The first row in plan order with nothing shown under it."""
        model = self.model()
        index = model.index(0, 0) if model is not None else QModelIndex()
        while index.isValid() and model.rowCount(index) > 0:
            index = model.index(0, 0, index)
        return index

    def setModel(self, model: QAbstractItemModel | None) -> None:  # noqa: N802 - Qt's name
        super().setModel(model)
        self._default_widths()  # columns exist only once there is a model

    def _default_widths(self) -> None:
        fm = self.fontMetrics()
        em = fm.horizontalAdvance("M")
        pad = 3 * em // 2
        widths = {
            COL_REF: 2 * self.indentation() + fm.horizontalAdvance("88.88.88") + pad + em,
            COL_ACTION: 26 * em,
            COL_LEAD: 11 * em,
            COL_TARGET: fm.horizontalAdvance("September 2022") + pad + 20,
            COL_RATING: fm.horizontalAdvance("Rating (September 2022)") + pad,
            COL_PROGRESS: 30 * em,
        }
        for column, width in widths.items():
            self.setColumnWidth(column, width)
