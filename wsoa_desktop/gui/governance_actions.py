"""Plan ▸ Rating scheme…, Plan ▸ Boards and people…, Reports ▸ Covering report… and the "Coming up" dock.

Installed into the main window through the extension contract (``install``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDockWidget

from wsoa_desktop.domain.errors import WsoaError
from wsoa_desktop.gui import messages

if TYPE_CHECKING:
    from wsoa_desktop.gui.governance_panel import BoardsPeoplePanel
    from wsoa_desktop.gui.main_window import MainWindow
    from wsoa_desktop.gui.meetings_panel import MeetingsPanel


def _ready(window: MainWindow) -> bool:
    if window.store is None or window.plan_id is None:
        messages.warn(window, "Open a database with a plan first (File ▸ Open database…).")
        return False
    return True


def edit_scheme(window: MainWindow) -> bool:
    """Plan ▸ Rating scheme…: change the open plan's scheme, keeping or mapping every rating in use."""
    if not _ready(window):
        return False
    from wsoa_desktop.domain.scheme_design import drafts_of
    from wsoa_desktop.gui import rating_scheme_dialog as dialogs
    from wsoa_desktop.gui.governance_commands import ChangeSchemeCommand
    from wsoa_desktop.gui.rating_scheme_dialog import MappingDialog, RatingSchemeDialog
    from wsoa_desktop.gui.undo_commands import perform
    from wsoa_desktop.services.plans import scheme_for
    from wsoa_desktop.services.scheme_changes import ratings_in_use

    store, plan_id = window.store, window.plan_id
    scheme = scheme_for(store, plan_id)  # type: ignore[arg-type]
    dialog = RatingSchemeDialog(scheme.name, drafts_of(scheme), in_use=ratings_in_use(store, plan_id),  # type: ignore[arg-type]
                                editing_plan=True, parent=window)
    if dialogs.ask_scheme(dialog) != QDialog.DialogCode.Accepted:
        return False
    removed = dialog.model.removed_in_use()
    command = ChangeSchemeCommand(window, dialog.name.text(), dialog.drafts(), None)
    if not removed:
        return perform(window, command)
    mapping_dialog = MappingDialog(removed, dialog.scheme().names(), window)
    if dialogs.ask_mapping(mapping_dialog) != QDialog.DialogCode.Accepted:
        return False
    command.mapping = mapping_dialog.mapping()
    moved = "; ".join(f"{n} × {old} → {command.mapping[old]}" for old, n in removed.items())
    if not messages.confirm(window, f"Change the plan's rating scheme? These ratings change in every period: "
                                    f"{moved}. Published versions keep their ratings. Merged ratings cannot be told "
                                    "apart again, so this change cannot be undone.", yes="Change the scheme"):
        return False
    try:
        command.do()
    except WsoaError as exc:
        messages.warn(window, str(exc))
        return False
    window.reload()
    window.show_status(f"Changed the rating scheme to {dialog.name.text().strip()}: {moved} — Saved")
    return True


def boards_and_people(window: MainWindow) -> BoardsPeoplePanel | None:
    """Plan ▸ Boards and people…: one panel per window, brought forward when already open."""
    if not _ready(window):
        return None
    from wsoa_desktop.gui.governance_panel import BoardsPeoplePanel

    panel = getattr(window, "governance_panel", None)
    if panel is None:
        panel = BoardsPeoplePanel(window)
        window.governance_panel = panel  # type: ignore[attr-defined]
    panel.refresh()
    panel.show()
    panel.raise_()
    panel.activateWindow()
    return panel


def covering_report(window: MainWindow) -> None:
    from wsoa_desktop.gui.covering_report_dialog import open_covering_report

    open_covering_report(window)


def _action(window: MainWindow, menu: str, text: str, slot, name: str,  # type: ignore[no-untyped-def]
            shortcut: str | None = None, tip: str = "") -> QAction:
    action = QAction(text, window)
    action.setObjectName(name)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(lambda *_: slot(window))
    window.menu(menu).addAction(action)
    return action


def install(window: MainWindow) -> MeetingsPanel:
    from wsoa_desktop.gui.meetings_panel import MeetingsPanel

    plan = window.menu("Plan")
    plan.addSeparator()
    _action(window, "Plan", "&Rating scheme…", edit_scheme, "actionRatingScheme",
            tip="The plan's ratings: names, meanings, colours, which means complete")
    _action(window, "Plan", "&Boards and people…", boards_and_people, "actionBoardsPeople", "Ctrl+Shift+G",
            tip="Boards, subgroups and committees with their chairs and members; the people list")
    _action(window, "Reports", "Co&vering report…", covering_report, "report_cover",
            tip="The committee's covering report for a meeting (Word or PDF)")
    panel = MeetingsPanel(window)
    dock = window.add_dock(panel, "Coming up", Qt.DockWidgetArea.BottomDockWidgetArea)
    history = window.findChild(QDockWidget, "dock_History")
    if history is not None:
        # Both share one slim strip below the plan, so the tree keeps most of the window
        # (a remembered layout, restored later by the window, wins over this default).
        window.tabifyDockWidget(history, dock)
        history.raise_()
    window.planReloaded.connect(panel.refresh)
    return panel
