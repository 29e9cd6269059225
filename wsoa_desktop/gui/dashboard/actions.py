"""The Dashboard page and the measures menu items, installed into the main window.

Installed through the window's extension contract: ``install(window)`` adds the
Dashboard page beside the plan and these items —

- View ▸ Plan (Ctrl+1), View ▸ Dashboard (Ctrl+2)
- Plan ▸ Impact measures… (Ctrl+Shift+M), Plan ▸ Import measure readings…
- Reports ▸ Impact measures scorecard…, Reports ▸ Performance on a page…
(Help ▸ User guide explains how a measure's status is worked out.)
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from wsoa_desktop.gui import messages

PAGE_SETTING = "view/page"

if TYPE_CHECKING:
    from wsoa_desktop.gui.dashboard.tab import DashboardTab
    from wsoa_desktop.gui.main_window import MainWindow


def _action(window: MainWindow, text: str, slot, name: str, shortcut: str | None = None,  # type: ignore[no-untyped-def]
            tip: str = "") -> QAction:
    action = QAction(text, window)
    action.setObjectName(name)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    action.triggered.connect(lambda *_: slot())
    return action


def dashboard_of(window: MainWindow) -> DashboardTab | None:
    from wsoa_desktop.gui.dashboard.tab import DashboardTab

    return window.findChild(DashboardTab, "dashboardTab")


def show_dashboard(window: MainWindow) -> None:
    tab = dashboard_of(window)
    if tab is not None:
        window.pages.setCurrentWidget(tab)


def edit_measures(window: MainWindow, select: str | None = None):  # type: ignore[no-untyped-def]
    """Open the measures editor (modal); returns the dialog after it closes."""
    from wsoa_desktop.gui.dashboard.measures_dialog import MeasuresDialog

    if window.store is None or window.plan_id is None:
        messages.warn(window, "Open a database with a plan first (File ▸ Open), then edit its measures.")
        return None
    dialog = MeasuresDialog(window, select)
    dialog.exec()
    return dialog


def ask_readings_file(window: MainWindow) -> str | None:
    from PySide6.QtWidgets import QFileDialog

    start = str(window.settings.value("measures/last_folder") or Path.home())
    path, _ = QFileDialog.getOpenFileName(window, "Import measure readings", start,
                                          "Excel workbooks (*.xlsx);;All files (*)")
    return path or None


def import_readings(window: MainWindow, path: str | None = None):  # type: ignore[no-untyped-def]
    """Plan ▸ Import measure readings…: the dry run first, then all or nothing."""
    from wsoa_desktop.gui.dashboard.readings_dialog import ReadingsImportDialog

    if window.store is None or window.plan_id is None:
        messages.warn(window, "Open a database with a plan first (File ▸ Open), then import readings.")
        return None
    path = path or ask_readings_file(window)
    if not path:
        return None
    window.settings.set_value("measures/last_folder", str(Path(path).parent))
    dialog = ReadingsImportDialog(window, Path(path))
    dialog.exec()
    return dialog


def install(window: MainWindow) -> None:
    from wsoa_desktop.gui import report_actions
    from wsoa_desktop.gui.dashboard.tab import DashboardTab

    tab = DashboardTab(window)
    window.add_page(tab, "&Dashboard")
    pages = window.pages
    if window.settings.value(PAGE_SETTING) == "dashboard":  # the window reopens on the page last used
        pages.setCurrentWidget(tab)
    pages.currentChanged.connect(lambda i: window.settings.set_value(
        PAGE_SETTING, "dashboard" if pages.widget(i) is tab else "plan"))
    window.planReloaded.connect(tab.schedule)
    window.undo_stack.indexChanged.connect(lambda *_: tab.schedule())

    view = window.menu("View")
    view.addSeparator()
    view.addAction(_action(window, "&Plan", lambda: window.show_plan(), "actionShowPlan", "Ctrl+1",
                           "Show the plan as a tree"))
    view.addAction(_action(window, "&Dashboard", lambda: show_dashboard(window), "actionShowDashboard", "Ctrl+2",
                           "Progress at a glance: ratings, Red and overdue items, impact measures"))
    plan = window.menu("Plan")
    plan.addSeparator()
    edit = _action(window, "Impact &measures…", lambda: edit_measures(window), "actionEditMeasures",
                   "Ctrl+Shift+M", "Add and edit key impact measures, their baselines, targets and readings")
    readings = _action(window, "&Import measure readings…", lambda: import_readings(window),
                       "actionImportReadings", tip="Readings from the performance team's spreadsheet (.xlsx)")
    plan.addActions([edit, readings])
    reports = window.menu("Reports")
    reports.addSeparator()
    scorecard = _action(window, "Impact measures &scorecard…", window.with_plan(lambda ctx: report_actions.run(ctx, "scorecard")),
                        "report_scorecard")
    page = _action(window, "Performance on a &page…", window.with_plan(lambda ctx: report_actions.run(ctx, "dashboard")),
                   "report_dashboard")
    reports.addActions([scorecard, page])
    tab.button_slots = {"measures": edit.trigger, "import": readings.trigger, "print": page.trigger}
    tab.measure_opener = lambda ref: edit_measures(window, ref)
