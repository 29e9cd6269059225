"""Reports ▸ BRAG appendix…, Action plan…, Exception report…, Highlight report….

:func:`install` adds the menu to the main window. Each item opens
:class:`ReportDialog` for the plan and period shown (a :class:`PlanContext`);
the officer's appendix number and orientation are remembered in the settings.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from wsoa_desktop.gui import messages

if TYPE_CHECKING:
    from wsoa_desktop.gui.main_window import MainWindow
    from wsoa_desktop.gui.plan_context import PlanContext
    from wsoa_desktop.gui.report_dialog import ReportDialog

ITEMS = (("brag", "&BRAG appendix…", "Ctrl+Shift+B"), ("plan", "&Action plan…", None),
         ("exceptions", "&Exception report…", None), ("highlight", "&Highlight report…", None))

NO_PLAN = "Open a database with a plan first (File ▸ Open), then choose the report."


def open_dialog(ctx: PlanContext, kind: str) -> ReportDialog:
    """Create (not show) the dialog for ``kind``."""
    from wsoa_desktop.gui.report_dialog import ReportDialog

    settings = ctx.settings
    appendix = str(settings.get("reports/appendix_number")) if kind == "brag" else "1"
    ref = ctx.selected_ref()
    return ReportDialog(ctx.store, ctx.plan_id, kind, period_label=ctx.period_label,
                        appendix_number=appendix, orientation=str(settings.get("reports/orientation")),
                        author=ctx.user, priority_ref=(ref or "").split(".")[0] or None,
                        outline=ctx.outline, parent=ctx.parent)


def _remember(ctx: PlanContext, dialog: ReportDialog) -> None:
    opts = dialog.options()
    ctx.settings.set("reports/orientation", opts.orientation)
    if dialog.kind == "brag" and opts.appendix_number.isdigit():
        ctx.settings.set("reports/appendix_number", int(opts.appendix_number))


def run(ctx: PlanContext, kind: str) -> None:
    dialog = open_dialog(ctx, kind)
    messages.run_dialog(dialog)
    _remember(ctx, dialog)


def install(window: MainWindow) -> dict[str, QAction]:
    menu = window.menu("Reports")
    actions: dict[str, QAction] = {}
    for kind, text, shortcut in ITEMS:
        action = QAction(text, window)
        action.setObjectName(f"report_{kind}")
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        job = window.with_plan(partial(run, kind=kind), NO_PLAN)
        action.triggered.connect(lambda *_, go=job: go())
        menu.addAction(action)
        actions[kind] = action
    return actions
