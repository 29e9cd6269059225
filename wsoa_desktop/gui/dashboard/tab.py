"""The Dashboard tab: progress at a glance for the period the window shows.

Four panels, each a chart with a Table tab of the same numbers:

- ratings by priority (stacked bars) for the chosen period,
- ratings across every reporting period (stacked bars),
- Red and overdue items — Enter, or a double-click, jumps to the item in the plan,
- impact measures as small multiples (baseline, target, trajectory, readings), with
  the chosen measure drawn large beneath.

The numbers are read and computed in a worker thread over a read-only connection
of its own (:func:`~wsoa_desktop.services.dashboard.load_dashboard_at`), so the
window never waits; a newer request supersedes an older one, and the tab only
redraws while it is on screen (a change made elsewhere marks it stale until it is
shown). It redraws after every saved edit, undo, period switch, round or import.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wsoa_desktop.gui.dashboard.roles import LINE_ROLE
from wsoa_desktop.gui.plan_tree_model import REF_ROLE
from wsoa_desktop.store.server_address import ServerAddress

# The charts, models and services are imported when the page is first shown
# (ensure_built), so QtCharts costs the window's start-up nothing.

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from wsoa_desktop.gui.main_window import MainWindow
    from wsoa_desktop.services.dashboard import DashboardNumbers


class _Signals(QObject):
    done = Signal(int, object, float)  # generation, DashboardNumbers or Exception, seconds
    failed = Signal(int, str)


#: Loads still running, kept referenced until they end whatever happens to the tab.
_RUNNING: set[DashboardJob] = set()


class DashboardJob(QRunnable):
    """Reads and computes the dashboard off the GUI thread, over a read-only connection of its own.

    Not a :mod:`wsoa_desktop.gui.worker` job on purpose: it only reads, so it never
    holds the window open at closing time, needs no progress dialog, and a newer
    request simply makes an older result unwanted (it is ignored on arrival).
    """

    def __init__(self, generation: int, path: Path | ServerAddress, plan_id: int, period: str | None, today: date) -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python keeps it (in _RUNNING) until it has reported
        self.generation, self.path, self.plan_id, self.period, self.today = generation, path, plan_id, period, today
        self.signals = _Signals()

    def start(self) -> None:
        _RUNNING.add(self)
        QThreadPool.globalInstance().start(self)

    def run(self) -> None:
        from wsoa_desktop.services.dashboard import load_dashboard_at

        t0 = time.perf_counter()
        try:
            try:
                numbers = load_dashboard_at(self.path, self.plan_id, self.period, self.today)
            except Exception as exc:  # noqa: BLE001 - shown to the officer in the tab, never lost in a thread
                self.signals.failed.emit(self.generation, str(exc))
                return
            self.signals.done.emit(self.generation, numbers, time.perf_counter() - t0)
        except RuntimeError:  # the app closed meanwhile: nobody to tell
            pass
        finally:
            _RUNNING.discard(self)


def table_view(model: QAbstractItemModel, name: str) -> QTableView:
    from wsoa_desktop.gui.rating_delegate import RatingDelegate

    view = QTableView()
    view.setModel(model)
    view.setObjectName(name)
    view.setAccessibleName(name)
    view.setItemDelegate(RatingDelegate(view))
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setResizeContentsPrecision(40)  # widths from the first rows: thousands of overdue items stay quick
    header.setStretchLastSection(True)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.setWordWrap(False)
    return view


def chart_and_table(title: str, chart_widget: QWidget, table: QWidget, name: str) -> QTabWidget:
    """A chart with its numbers one tab away (Ctrl+Tab, or the tab bar)."""
    tabs = QTabWidget()
    tabs.setObjectName(name)
    tabs.setAccessibleName(title)
    tabs.setDocumentMode(True)
    tabs.addTab(chart_widget, "Chart")
    tabs.addTab(table, "Table")
    return tabs


class DashboardTab(QWidget):
    """The Dashboard page of the main window (see the module docstring)."""

    refreshed = Signal()  # new numbers are on screen

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setObjectName("dashboardTab")
        self.setAccessibleName("Dashboard")
        self.numbers: DashboardNumbers | None = None
        self.requested = 0
        self.shown = 0
        self.stale = True
        self.built = False
        self._steps: Iterator[bool] | None = None
        self.last_load_seconds = 0.0
        self.today: date | None = None  # tests fix the day; None is today
        #: Slots for the page's buttons (edit measures, import readings, print), set by the installer.
        self.button_slots: dict[str, Callable[[], object]] = {}
        self.measure_opener: Callable[[str], object] | None = None
        self._timer = QTimer(self, singleShot=True, interval=120)
        self._timer.timeout.connect(self.refresh_now)

    # -- building ------------------------------------------------------------------------------

    def ensure_built(self) -> None:
        """Build the page's models, charts and views (once, when first needed)."""
        if not self.built:
            self.built = True
            self._build()

    def _build(self) -> None:
        from wsoa_desktop.gui.dashboard.charts import chart_view, new_chart
        from wsoa_desktop.gui.dashboard.models import (
            AttentionModel,
            MeasuresModel,
            PriorityCountsModel,
            ReadingsModel,
            TrendModel,
        )
        from wsoa_desktop.gui.dashboard.tiles import SmallMultiples

        self.priority_model = PriorityCountsModel(self)
        self.trend_model = TrendModel(self)
        self.attention_model = AttentionModel(self)
        self.measures_model = MeasuresModel(self)
        self.readings_model = ReadingsModel(self)
        top = QHBoxLayout()
        self.headline = QLabel()
        self.headline.setObjectName("dashboardHeadline")
        self.headline.setAccessibleName("Summary")
        self.headline.setWordWrap(True)
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                              | Qt.TextInteractionFlag.TextSelectableByMouse)
        top.addWidget(self.headline, 1)
        self.measures_button = QPushButton("Impact &measures…")
        self.measures_button.setObjectName("editMeasuresButton")
        self.import_button = QPushButton("&Import readings…")
        self.import_button.setObjectName("importReadingsButton")
        self.print_button = QPushButton("Performance on a &page…")
        self.print_button.setObjectName("printDashboardButton")
        for key, b in (("measures", self.measures_button), ("import", self.import_button),
                       ("print", self.print_button)):
            top.addWidget(b)
            if key in self.button_slots:
                b.clicked.connect(lambda _checked=False, k=key: self.button_slots[k]())

        self.priority_chart = new_chart("Ratings by priority")
        self.priority_panel = chart_and_table(
            "Ratings by priority", chart_view(self.priority_chart, "Ratings by priority chart"),
            table_view(self.priority_model, "Ratings by priority table"), "priorityPanel")
        self.trend_chart = new_chart("Ratings across reporting periods")
        self.trend_panel = chart_and_table(
            "Ratings across reporting periods", chart_view(self.trend_chart, "Ratings across periods chart"),
            table_view(self.trend_model, "Ratings across periods table"), "trendPanel")
        self.priority_model.modelReset.connect(self._draw_priorities)
        self.trend_model.modelReset.connect(self._draw_trend)

        attention_box = QWidget()
        box = QVBoxLayout(attention_box)
        box.setContentsMargins(0, 0, 0, 0)
        self.attention_label = QLabel("<b>Red and overdue</b>")
        self.attention_label.setObjectName("attentionTitle")
        box.addWidget(self.attention_label)
        self.attention_view = table_view(self.attention_model, "Red and overdue items")
        self.attention_view.setObjectName("attentionList")
        self.attention_view.setToolTip("Press Enter or double-click to go to the item in the plan")
        self.attention_view.activated.connect(self._jump)
        self.attention_label.setBuddy(self.attention_view)
        box.addWidget(self.attention_view)

        measures_box = QWidget()
        mbox = QVBoxLayout(measures_box)
        mbox.setContentsMargins(0, 0, 0, 0)
        self.measures_label = QLabel()
        self.measures_label.setObjectName("measuresTitle")
        mbox.addWidget(self.measures_label)
        self.tiles = SmallMultiples(self.measures_model)
        self.measures_table = table_view(self.measures_model, "Impact measures table")
        self.measures_tabs = QTabWidget()
        self.measures_tabs.setObjectName("measuresPanel")
        self.measures_tabs.setDocumentMode(True)
        self.measures_tabs.setAccessibleName("Impact measures")
        self.measures_tabs.addTab(self.tiles, "Small multiples")
        self.measures_tabs.addTab(self.measures_table, "Table")
        self.measure_chart = new_chart("Choose a measure")
        self.detail_panel = chart_and_table(
            "The chosen measure", chart_view(self.measure_chart, "The chosen measure's chart"),
            table_view(self.readings_model, "The chosen measure's readings"), "measureDetail")
        mbox.addWidget(self.measures_tabs, 1)
        self.tiles.selectionModel().currentChanged.connect(lambda current, _prev: self._show_measure(current))
        self.measures_table.selectionModel().currentChanged.connect(
            lambda current, _prev: self._show_measure(current))
        self.measures_model.modelReset.connect(self._measures_reset)
        self.tiles.activated.connect(self._open_measure)

        upper = QSplitter(Qt.Orientation.Horizontal)
        upper.setObjectName("dashboardUpper")
        upper.addWidget(self.priority_panel)
        upper.addWidget(self.trend_panel)
        upper.addWidget(attention_box)
        upper.setSizes([420, 420, 420])
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.setObjectName("dashboardLower")
        lower.addWidget(measures_box)
        lower.addWidget(self.detail_panel)
        lower.setSizes([700, 560])
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("dashboardSplitter")
        self.splitter.addWidget(upper)
        self.splitter.addWidget(lower)
        self.splitter.setSizes([400, 440])
        for part in (upper, lower, self.splitter):
            part.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

    # -- loading -------------------------------------------------------------------------------

    def schedule(self) -> None:
        """Something changed: redraw soon if on screen, else when next shown."""
        self.stale = True
        if self.isVisible():
            self._timer.start()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        self.ensure_built()
        super().showEvent(event)
        if self.stale:
            self._timer.start(0)

    def refresh_now(self) -> int:
        """Start reading the numbers in a worker; returns the request's number."""
        self.ensure_built()
        ctx = self.window_.plan_context()
        self.stale = False
        self.requested += 1
        generation = self.requested
        if ctx is None:
            self._show(generation, None, 0.0)
            return generation
        job = DashboardJob(generation, ctx.store.location, ctx.plan_id, ctx.period_label, self.today or date.today())
        job.signals.done.connect(self._show, Qt.ConnectionType.QueuedConnection)
        job.signals.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        self.headline.setText(self.headline.text() or "Reading the plan…")
        job.start()
        return generation

    def _failed(self, generation: int, message: str) -> None:
        if generation == self.requested:
            self.shown = generation
            self.headline.setText(f"The dashboard could not be read: {message}")

    def _show(self, generation: int, numbers: object, seconds: float) -> None:
        from wsoa_desktop.services.dashboard import DashboardNumbers

        if generation != self.requested:  # a newer request is on its way
            return
        self.last_load_seconds = seconds
        self.set_numbers(numbers if isinstance(numbers, DashboardNumbers) else None, generation=generation)

    def set_numbers(self, numbers: DashboardNumbers | None, *, generation: int | None = None,
                    in_steps: bool = True) -> None:
        """Put new numbers on screen: every model resets, every chart redraws from its model.

        Done one panel at a time with the event loop running in between, so the window
        answers keys and paints while a big plan's panels are redrawn; ``refreshed`` is
        emitted when the last panel is done. Newer numbers abandon the steps left.
        """
        self.ensure_built()
        keep = self._current_measure_ref()
        self.numbers = numbers
        self._steps = iter(self._panel_steps(numbers, keep, generation))
        if in_steps:
            self._next_step()
        else:
            for _ in self._steps:
                pass

    def _next_step(self) -> None:
        steps = self._steps
        if steps is None or next(steps, None) is None:
            return
        QTimer.singleShot(0, self, lambda: self._next_step() if self._steps is steps else None)

    def _panel_steps(self, numbers: DashboardNumbers | None, keep: str | None,
                     generation: int | None) -> Iterator[bool]:
        from wsoa_desktop.gui.dashboard.charts import status_summary

        if numbers is None:
            self.headline.setText("Open a plan to see its dashboard.")
        else:
            period = numbers.period_label or "no period yet"
            self.headline.setText(f"<b>{_escape(period)}</b> (choose another period in the Period box above) "
                                  f"— {_escape(numbers.headline())}")
        self.priority_model.set_numbers(numbers)
        yield True
        self.trend_model.set_numbers(numbers)
        yield True
        self.attention_model.set_numbers(numbers)
        worst = numbers.worst_name if numbers else None
        self.attention_label.setText(f"<b>{_escape(worst or 'Red')} and overdue</b> — "
                                     f"{self.attention_model.rowCount()} item(s); press Enter to go to one")
        yield True
        self.measures_model.set_numbers(numbers)
        self.measures_label.setText(f"<b>Impact measures</b> — {_escape(status_summary(self.measures_model))}")
        self.select_measure(keep)
        self._steps = None
        if generation is not None:
            self.shown = generation
        self.refreshed.emit()
        yield True

    # -- charts and choices --------------------------------------------------------------------

    def _draw_priorities(self) -> None:
        from wsoa_desktop.gui.dashboard.charts import (
            MOST_LYING_BARS,
            draw_stacked_counts,
            priority_label,
        )

        period = self.numbers.period_label if self.numbers else ""
        self.priority_chart.setTitle(f"Ratings by priority – {period}" if period else "Ratings by priority")
        lying = len(self.priority_model.categories()) <= MOST_LYING_BARS
        draw_stacked_counts(self.priority_chart, self.priority_model, horizontal=lying, category_title="Priority",
                            label=str if lying else priority_label)

    def _draw_trend(self) -> None:
        from wsoa_desktop.gui.dashboard.charts import draw_stacked_counts, period_label

        draw_stacked_counts(self.trend_chart, self.trend_model, horizontal=False, category_title="Reporting period",
                            label=period_label)

    def _measures_reset(self) -> None:
        from wsoa_desktop.gui.dashboard.charts import draw_measure

        draw_measure(self.measure_chart, None)
        self.readings_model.set_line(None)

    def _current_measure_ref(self) -> str | None:
        index = self.tiles.currentIndex()
        return index.data(REF_ROLE) if index.isValid() else None

    def select_measure(self, ref: str | None) -> None:
        row = self.measures_model.row_of(ref) if ref else -1
        if row < 0 and self.measures_model.rowCount():
            row = 0
        if row >= 0:
            self.tiles.setCurrentIndex(self.measures_model.index(row, 0))

    def _show_measure(self, index: QModelIndex) -> None:
        from wsoa_desktop.gui.dashboard.charts import draw_measure

        line = index.data(LINE_ROLE) if index.isValid() else None
        draw_measure(self.measure_chart, line)
        self.readings_model.set_line(line, self.numbers.as_of if self.numbers else None)
        if index.isValid() and self.tiles.currentIndex().row() != index.row():
            self.tiles.setCurrentIndex(self.measures_model.index(index.row(), 0))

    def _open_measure(self, index: QModelIndex) -> None:
        ref = index.data(REF_ROLE)
        if ref and self.measure_opener is not None:
            self.measure_opener(ref)

    def _jump(self, index: QModelIndex) -> None:
        ref = index.data(REF_ROLE)
        if ref:
            self.window_.show_plan(ref)


def _escape(text: str) -> str:
    from html import escape

    return escape(text, quote=False)
