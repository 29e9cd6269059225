"""Reports ▸ BRAG appendix…, Action plan…, Exception report…, Highlight report….

Installed into the main window through the extension contract (``install``).
Each item opens :class:`ReportDialog` for the window's plan and period; the
officer's appendix number and orientation are remembered in the settings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from wsoa_desktop.gui import messages

if TYPE_CHECKING:
    from wsoa_desktop.gui.main_window import MainWindow
    from wsoa_desktop.gui.report_dialog import ReportDialog

ITEMS = (("brag", "&BRAG appendix…", "Ctrl+Shift+B"), ("plan", "&Action plan…", None),
         ("exceptions", "&Exception report…", None), ("highlight", "&Highlight report…", None))


def open_dialog(window: MainWindow, kind: str) -> ReportDialog | None:
    """Create (not show) the dialog for ``kind``; None with a message when there is no plan."""
    from wsoa_desktop.gui.report_dialog import ReportDialog

    if window.store is None or window.plan_id is None:
        messages.warn(window, "Open a database with a plan first (File ▸ Open), then choose the report.")
        return None
    settings = window.settings
    appendix = str(settings.get("reports/appendix_number")) if kind == "brag" else "1"
    ref = window.selected_ref() if hasattr(window, "selected_ref") else None
    return ReportDialog(window.store, window.plan_id, kind, period_label=window.period_label,
                        appendix_number=appendix, orientation=str(settings.get("reports/orientation")),
                        author=window.user_name(), priority_ref=(ref or "").split(".")[0] or None,
                        outline=window.outline, parent=window)


def _remember(window: MainWindow, dialog: ReportDialog) -> None:
    opts = dialog.options()
    window.settings.set("reports/orientation", opts.orientation)
    if dialog.kind == "brag" and opts.appendix_number.isdigit():
        window.settings.set("reports/appendix_number", int(opts.appendix_number))


def run(window: MainWindow, kind: str) -> None:
    dialog = open_dialog(window, kind)
    if dialog is None:
        return
    dialog.exec()
    _remember(window, dialog)


def install(window: MainWindow) -> None:
    menu = window.menu("Reports")
    for kind, text, shortcut in ITEMS:
        action = QAction(text, window)
        action.setObjectName(f"report_{kind}")
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False, k=kind: run(window, k))
        menu.addAction(action)
