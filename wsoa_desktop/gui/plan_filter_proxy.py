"""Finding things in the plan: search text, priority, lead, rating and “overdue”.

Filtering is recursive — a matching sub-action keeps its action and priority
visible — but the match set is worked out in one pass over the model's
precomputed rows whenever a filter changes, so ``filterAcceptsRow`` is a set
lookup. That keeps a keystroke on a 5,000-sub-action plan well under 50 ms.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Signal,
)

from wsoa_desktop.gui.plan_tree_model import PlanTreeModel


@dataclass(frozen=True)
class PlanFilter:
    """What the officer asked to see; the empty filter shows everything."""

    text: str = ""
    priority: str | None = None  # a priority's ref
    lead: str | None = None      # a name from the people directory
    rating: str | None = None    # a rating name; "" means “not rated”
    overdue: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.text.strip() and self.priority is None and self.lead is None \
            and self.rating is None and not self.overdue


class PlanFilterProxy(QSortFilterProxyModel):
    """Shows the rows that match the filter, and their ancestors."""

    #: (matches, total) rated items (sub-actions), after each change of filter or data.
    matchCountChanged = Signal(int, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._plan_model: PlanTreeModel | None = None
        self._filter = PlanFilter()
        self._visible: set[int] | None = None  # None: everything is visible
        self._parents: set[int] = set()  # rows with at least one visible child
        self.matches = 0
        self.total = 0

    def setSourceModel(self, model: QAbstractItemModel) -> None:  # noqa: N802 - Qt's name
        super().setSourceModel(model)
        self._plan_model = model if isinstance(model, PlanTreeModel) else None
        model.modelReset.connect(self._recompute)  # the proxy resets itself with its source
        model.dataChanged.connect(lambda *_: self._recompute_and_refresh())
        self._recompute()

    @property
    def plan_filter(self) -> PlanFilter:
        return self._filter

    def set_filter(self, plan_filter: PlanFilter) -> None:
        if plan_filter == self._filter:
            return
        self._filter = plan_filter
        self._recompute_and_refresh()

    def _recompute_and_refresh(self) -> None:
        before = self._visible
        self._recompute()
        if self._visible == before:
            return  # same rows: nothing for the view to redo (a keystroke that narrows nothing)
        # invalidate() rebuilds the mapping once and emits one layout change. The row-by-row
        # removals of invalidateFilter() cost O(rows × expanded rows) in Qt's persistent-index
        # bookkeeping: twenty seconds for one keystroke on a 5,000-sub-action plan.
        self.invalidate()

    @property
    def visible_rows(self) -> int:
        """Rows the filter lets through (matches and their ancestors); all rows when unfiltered."""
        model = self.sourceModel()
        if self._visible is None:
            return len(model.rows()) if isinstance(model, PlanTreeModel) else 0
        return len(self._visible)

    def _recompute(self) -> None:
        model = self.sourceModel()
        if not isinstance(model, PlanTreeModel):
            self._visible, self.matches, self.total = None, 0, 0
            return
        f = self._filter
        rows = model.rows()
        # The count is of rated items (sub-actions, and any action without any), as the
        # officer counts them: "3 of 75 shown".
        self.total = sum(1 for r in rows if not r.is_priority and not r.children)
        if f.is_empty:
            self._visible = None
            self.matches = self.total
            self.matchCountChanged.emit(self.matches, self.total)
            return
        words = f.text.casefold().split()
        structured = f.lead is not None or f.rating is not None or f.overdue
        visible: set[int] = set()
        text_matched: set[int] = set()  # actions whose own words match: their sub-actions do too
        matches = 0
        for r in rows:  # parents come before their children
            if f.priority is not None and r.priority_ref != f.priority:
                continue
            if r.is_priority:
                # A priority matches on its own words only when nothing about actions is asked.
                if structured or not words or not all(w in r.search_text for w in words):
                    continue
            else:
                if words and r.parent not in text_matched and not all(w in r.search_text for w in words):
                    continue
                if r.children:
                    text_matched.add(r.number)
                if f.lead is not None and f.lead not in r.leads:
                    continue
                if f.rating is not None and (r.rating.name if r.rating else "") != f.rating:
                    continue
                if f.overdue and not r.overdue:
                    continue
                if not r.children:
                    matches += 1
            number = r.number
            while number > 0 and number not in visible:
                visible.add(number)
                number = model.row_by_number(number).parent
        self._visible = visible
        self._parents = {model.row_by_number(n).parent for n in visible}
        self.matches = matches
        self.matchCountChanged.emit(self.matches, self.total)

    def hasChildren(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        """Answered from the match set, so opening the tree does not filter every closed branch."""
        model = self.sourceModel()
        if not parent.isValid() or not isinstance(model, PlanTreeModel):
            return super().hasChildren(parent)
        number = self.mapToSource(parent).internalId()
        if self._visible is None:
            return bool(model.row_by_number(number).children)
        return number in self._parents

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if self._visible is None:
            return True
        # Read the row number straight from the model's rows: asking the model for an index
        # would be one more Python call per row, and Qt asks about every row of an open tree.
        model = self._plan_model  # set whenever something is filtered (see _recompute)
        assert model is not None
        parent = source_parent.internalId() if source_parent.isValid() else 0
        return model.row_by_number(parent).children[source_row] in self._visible
