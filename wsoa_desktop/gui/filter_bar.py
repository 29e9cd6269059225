"""The find bar: period, search box and filters, in one toolbar.

Typing filters at once (no Enter needed); each control has an accessible name
and a keyboard shortcut or tab stop, and Escape in the search box clears it.
Down or Enter in the search box moves into the results (``resultsRequested``):
the window selects the first match in the tree and gives it the focus.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QStyle, QToolBar, QWidget

from wsoa_desktop.domain.outline import PlanOutline
from wsoa_desktop.gui.plan_filter_proxy import PlanFilter

ALL = "All"


class SearchBox(QLineEdit):
    """The search box: Down or Enter asks to go to the results."""

    resultsRequested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        if not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier and event.key() in (
                Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.resultsRequested.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class FilterBar(QToolBar):
    filterChanged = Signal()
    periodChosen = Signal(str)
    #: Down or Enter in the search box: go to the first match in the results.
    resultsRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Find and filter", parent)
        self.setObjectName("filterBar")
        self.setAccessibleName("Find and filter")
        self.setMovable(False)
        self._updating = False

        self.period = self._combo("periodCombo", "Reporting period",
                                  "Which month's ratings and progress the tree shows")
        self.period.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.period.currentTextChanged.connect(self._period_changed)
        self._label("Perio&d:", self.period)
        self.addWidget(self.period)
        self.addSeparator()

        self.search = SearchBox(self)
        self.search.resultsRequested.connect(self.resultsRequested)
        self.search.setObjectName("searchBox")
        self.search.setAccessibleName("Search the plan")
        self.search.setAccessibleDescription("Type to filter the plan; Down or Enter goes to the first match")
        self.search.setPlaceholderText("Search ref, action, lead, progress (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 20)
        self.search.addAction(self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogContentsView),
                              QLineEdit.ActionPosition.LeadingPosition)
        self.search.textChanged.connect(self._changed)
        self.addWidget(self.search)
        self.find_action = QAction("&Find…", self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self.focus_search)
        clear = QAction("Clear the search", self)  # named: Help ▸ Keyboard shortcuts lists it
        clear.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        clear.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        clear.triggered.connect(self.search.clear)
        self.search.addAction(clear)

        self.priority = self._combo("priorityFilter", "Filter by priority", "Show one priority")
        self._label("Pr&iority:", self.priority)
        self.addWidget(self.priority)
        self.lead = self._combo("leadFilter", "Filter by lead", "Show one lead's actions")
        self.lead.setEditable(False)
        self._label("&Lead:", self.lead)
        self.addWidget(self.lead)
        self.rating = self._combo("ratingFilter", "Filter by rating", "Show one rating")
        self._label("Ra&ting:", self.rating)
        self.addWidget(self.rating)
        self.overdue = QCheckBox("Overd&ue", self)
        self.overdue.setObjectName("overdueFilter")
        self.overdue.setAccessibleName("Show only overdue actions")
        self.overdue.setToolTip("Target passed and not complete")
        self.overdue.toggled.connect(self._changed)
        self.addWidget(self.overdue)
        self.clear_action = self.addAction(
            self.style().standardIcon(QStyle.StandardPixmap.SP_DialogResetButton), "Clear filters")
        self.clear_action.setObjectName("clearFilters")
        self.clear_action.setToolTip("Clear the search and every filter")
        self.clear_action.triggered.connect(self.clear)

    def _combo(self, name: str, accessible: str, tip: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        combo.setToolTip(tip)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 16)
        if name != "periodCombo":
            combo.currentIndexChanged.connect(self._changed)
        return combo

    def _label(self, text: str, buddy: QWidget) -> None:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        label.setContentsMargins(6, 0, 2, 0)
        self.addWidget(label)

    # -- contents ----------------------------------------------------------------------------

    def set_outline(self, outline: PlanOutline | None, people: list[str]) -> None:
        """Fill the choices from the plan, keeping what was chosen where it still exists."""
        self._updating = True
        try:
            self.period.clear()
            if outline is not None:
                for p in outline.periods:
                    self.period.addItem(p.label + (" (closed)" if p.is_closed else ""), p.label)
                if outline.period is not None:
                    self.period.setCurrentIndex(self.period.findData(outline.period.label))
            self.period.setEnabled(self.period.count() > 0)
            _refill(self.priority, [(f"{p.ref}. {p.title or p.area_of_concern}"[:60], p.ref)
                                    for p in (outline.priorities if outline else [])])
            _refill(self.lead, [(name, name) for name in people])
            names = outline.scheme.names() if outline else []
            _refill(self.rating, [(n, n) for n in names] + ([("Not rated", "")] if names else []))
        finally:
            self._updating = False
        self.filterChanged.emit()

    def plan_filter(self) -> PlanFilter:
        return PlanFilter(text=self.search.text(), priority=self.priority.currentData(),
                          lead=self.lead.currentData(), rating=self.rating.currentData(),
                          overdue=self.overdue.isChecked())

    def clear(self) -> None:
        self._updating = True
        try:
            self.search.clear()
            for combo in (self.priority, self.lead, self.rating):
                combo.setCurrentIndex(0)
            self.overdue.setChecked(False)
        finally:
            self._updating = False
        self.filterChanged.emit()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _changed(self, *_: object) -> None:
        if not self._updating:
            self.filterChanged.emit()

    def _period_changed(self, *_: object) -> None:
        if not self._updating and self.period.currentData():
            self.periodChosen.emit(self.period.currentData())


def _refill(combo: QComboBox, items: list[tuple[str, str]]) -> None:
    """Replace a filter's choices; the first is always “All” (no filter)."""
    current = combo.currentData()
    combo.clear()
    combo.addItem(ALL, None)
    for text, data in items:
        combo.addItem(text, data)
    index = combo.findData(current) if current is not None else 0
    combo.setCurrentIndex(max(index, 0))
