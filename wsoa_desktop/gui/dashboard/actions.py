"""The Dashboard page and the measures menu items, installed into the main window.

Installed through the window's extension contract: ``install(window)`` adds the
Dashboard page beside the plan and these items —

- View ▸ Plan (Ctrl+1), View ▸ Dashboard (Ctrl+2)
- Plan ▸ Impact measures… (Ctrl+Shift+M), Plan ▸ Import measure readings…
- Reports ▸ Impact measures scorecard…, Reports ▸ Performance on a page…
- in the detail pane, the selected item's measures with their status, each opening in the editor
(Help ▸ User guide explains how a measure's status is worked out.)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from wsoa_desktop.gui import messages
from wsoa_desktop.gui.dashboard.detail_measures import (
    LINK_SCHEME,
    NEW_LINK_SCHEME,
    MeasureIndex,
    ref_of_link,
)

PAGE_SETTING = "view/page"

if TYPE_CHECKING:
    from wsoa_desktop.gui.dashboard.measures_dialog import MeasuresDialog
    from wsoa_desktop.gui.dashboard.readings_dialog import ReadingsImportDialog
    from wsoa_desktop.gui.dashboard.tab import DashboardTab
    from wsoa_desktop.gui.main_window import MainWindow
    from wsoa_desktop.gui.plan_context import PlanContext


def _action(window: MainWindow, text: str, slot: Callable[[], object], name: str, shortcut: str | None = None,
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


def edit_measures(ctx: PlanContext, select: str | None = None, *, new_for: str | None = None) -> MeasuresDialog:
    """Plan ▸ Impact measures…: the measures editor (modal); returns the dialog once it has closed.

    ``new_for`` opens it on a new measure linked to that action (the detail pane's “Add an
    impact measure for action 1.6”).
    """
    from wsoa_desktop.gui.dashboard.measures_dialog import MeasuresDialog

    dialog = MeasuresDialog(ctx, select)
    if new_for is not None:
        dialog.new_measure()
        dialog.actions_edit.setText(new_for)
        dialog.dirty = False  # nothing typed yet: closing asks nothing
    messages.run_dialog(dialog)
    return dialog


def import_readings(ctx: PlanContext, path: str | None = None) -> ReadingsImportDialog | None:
    """Plan ▸ Import measure readings…: choose the workbook, see the dry run, then all or nothing."""
    from wsoa_desktop.gui.dashboard.readings_dialog import ReadingsImportDialog

    start = str(ctx.settings.value("measures/last_folder") or Path.home())
    path = path or messages.choose_open_file(ctx.parent, "Import measure readings",
                                             "Excel workbooks (*.xlsx);;All files (*)", start)
    if not path:
        return None
    ctx.settings.set_value("measures/last_folder", str(Path(path).parent))
    dialog = ReadingsImportDialog(ctx, Path(path))
    messages.run_dialog(dialog)
    return dialog


def install(window: MainWindow) -> None:
    from wsoa_desktop.gui import report_actions
    from wsoa_desktop.gui.dashboard.tab import DashboardTab

    tab = DashboardTab(window)
    window.add_page(tab, "Dash&board")
    pages = window.pages
    if window.settings.value(PAGE_SETTING) == "dashboard":  # the window reopens on the page last used
        pages.setCurrentWidget(tab)
    pages.currentChanged.connect(lambda i: window.settings.set_value(
        PAGE_SETTING, "dashboard" if pages.widget(i) is tab else "plan"))
    window.planReloaded.connect(tab.schedule)
    window.undo_stack.indexChanged.connect(lambda *_: tab.schedule())
    _show_measures_beside_the_plan(window)

    view = window.menu("View")
    view.addSeparator()
    view.addAction(_action(window, "&Plan", lambda: window.show_plan(), "actionShowPlan", "Ctrl+1",
                           "Show the plan as a tree"))
    view.addAction(_action(window, "&Dashboard", lambda: show_dashboard(window), "actionShowDashboard", "Ctrl+2",
                           "Progress at a glance: ratings, Red and overdue items, impact measures"))
    plan = window.menu("Plan")
    plan.addSeparator()
    missing = "Open a database with a plan first (File ▸ Open database…), then its impact measures."
    edit = _action(window, "Impact &measures…", window.with_plan(edit_measures, missing), "actionEditMeasures",
                   "Ctrl+Shift+M", "Add and edit key impact measures, their baselines, targets and readings")
    readings = _action(window, "&Import measure readings…", window.with_plan(import_readings, missing),
                       "actionImportReadings", tip="Readings from the performance team's spreadsheet (.xlsx)")
    plan.addActions([edit, readings])
    reports = window.menu("Reports")
    reports.addSeparator()
    scorecard = _action(window, "Impact measures &scorecard…",
                        window.with_plan(lambda ctx: report_actions.run(ctx, "scorecard")), "report_scorecard")
    page = _action(window, "Performance on a &page…",
                   window.with_plan(lambda ctx: report_actions.run(ctx, "dashboard")), "report_dashboard")
    reports.addActions([scorecard, page])
    tab.button_slots = {"measures": edit.trigger, "import": readings.trigger, "print": page.trigger}

    def open_measure(ref: str | None) -> None:
        window.with_plan(lambda ctx: edit_measures(ctx, ref), missing)()

    tab.measure_opener = open_measure
    window.detail.handle_links(LINK_SCHEME, lambda link: open_measure(ref_of_link(link)))
    window.detail.handle_links(NEW_LINK_SCHEME, lambda link: window.with_plan(
        lambda ctx: edit_measures(ctx, new_for=ref_of_link(link, NEW_LINK_SCHEME)), missing)())


def _show_measures_beside_the_plan(window: MainWindow) -> None:
    """The detail pane lists the selected item's measures, and follows every measure edit and its undo."""
    index = MeasureIndex(window)
    window.detail.set_measure_section(index.section)

    def changed(*_: object) -> None:
        index.changed()
        window.refresh_details()

    window.undo_stack.indexChanged.connect(changed)
    window.planReloaded.connect(changed)  # a restore, another database, a period switch: read again
