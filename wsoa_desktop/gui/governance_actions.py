"""Plan ▸ Rating scheme…, Plan ▸ Boards and people…, Reports ▸ Covering report… and the "Coming up" dock.

:func:`install` adds them to the main window and returns the "Coming up" panel
(the window keeps it). Each job gets the plan it works on as a
:class:`PlanContext`; every question goes through :mod:`messages`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget

from wsoa_desktop.domain.errors import StaleEdit, WsoaError
from wsoa_desktop.gui import messages

if TYPE_CHECKING:
    from wsoa_desktop.domain.scheme_design import RatingDraft
    from wsoa_desktop.gui.governance_panel import BoardsPeoplePanel
    from wsoa_desktop.gui.main_window import MainWindow
    from wsoa_desktop.gui.meetings_panel import MeetingsPanel
    from wsoa_desktop.gui.plan_context import PlanContext

NO_PLAN = "Open a database with a plan first (File ▸ Open database…)."


def edit_scheme(ctx: PlanContext, typed: tuple[str, list[RatingDraft]] | None = None) -> bool:
    """Plan ▸ Rating scheme…: change the open plan's scheme, keeping or mapping every rating in use.

    ``typed``: the name and ratings the officer had typed when someone else's change made them
    reload; the dialog opens again with them, on the scheme as it is now saved."""
    from wsoa_desktop.domain.scheme_design import drafts_of
    from wsoa_desktop.gui.governance_commands import ChangeSchemeCommand
    from wsoa_desktop.gui.rating_scheme_dialog import MappingDialog, RatingSchemeDialog
    from wsoa_desktop.gui.undo_commands import RELOADED, SAVED, attempt
    from wsoa_desktop.services.plans import scheme_for
    from wsoa_desktop.services.scheme_changes import ratings_in_use, scheme_version

    seen = scheme_version(ctx.store, ctx.plan_id)
    scheme = scheme_for(ctx.store, ctx.plan_id)
    name, drafts = typed if typed is not None else (scheme.name, drafts_of(scheme))
    dialog = RatingSchemeDialog(name, drafts, in_use=ratings_in_use(ctx.store, ctx.plan_id),
                                editing_plan=True, parent=ctx.parent)
    if not messages.run_dialog(dialog):
        return False
    removed = dialog.model.removed_in_use()
    command = ChangeSchemeCommand(ctx, dialog.name.text(), dialog.drafts(), None, seen=seen)
    if not removed:
        outcome = attempt(ctx, command)
        if outcome == RELOADED:
            fresh = ctx.window.plan_context()
            if fresh is not None:
                return edit_scheme(fresh, (dialog.name.text(), dialog.drafts()))
        return outcome == SAVED
    mapping_dialog = MappingDialog(removed, dialog.scheme().names(), ctx.parent)
    if not messages.run_dialog(mapping_dialog):
        return False
    command.mapping = mapping_dialog.mapping()
    moved = "; ".join(f"{n} × {old} → {command.mapping[old]}" for old, n in removed.items())
    if not messages.confirm(ctx.parent, f"Change the plan's rating scheme? These ratings change in every period: "
                                        f"{moved}. Published versions keep their ratings. Merged ratings cannot be "
                                        "told apart again, so this change cannot be undone.",
                            yes="Change the scheme"):
        return False
    try:
        command.do()
    except StaleEdit as exc:
        if messages.offer_reload(ctx.parent, str(exc)):
            ctx.reload()
            fresh = ctx.window.plan_context()
            if fresh is not None:
                return edit_scheme(fresh, (dialog.name.text(), dialog.drafts()))
        return False
    except WsoaError as exc:
        messages.warn(ctx.parent, str(exc))
        return False
    ctx.reload()
    ctx.show_status(f"Changed the rating scheme to {dialog.name.text().strip()}: {moved} — Saved")
    return True


def boards_and_people(ctx: PlanContext) -> BoardsPeoplePanel:
    """Plan ▸ Boards and people…: one panel per window, brought forward when already open."""
    from wsoa_desktop.gui.governance_panel import BoardsPeoplePanel

    panel = ctx.parent.findChild(BoardsPeoplePanel, "BoardsPeoplePanel")
    if panel is None:
        panel = BoardsPeoplePanel(ctx.window, ctx.parent)
    panel.refresh()
    panel.show()
    panel.raise_()
    panel.activateWindow()
    return panel


def covering_report(ctx: PlanContext) -> None:
    from wsoa_desktop.gui.covering_report_dialog import open_covering_report

    open_covering_report(ctx)


def _action(window: MainWindow, menu: str, text: str, job: Callable[[], object], name: str,
            shortcut: str | None = None, tip: str = "") -> QAction:
    action = QAction(text, window)
    action.setObjectName(name)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(lambda *_: job())
    window.menu(menu).addAction(action)
    return action


def install(window: MainWindow) -> MeetingsPanel:
    from wsoa_desktop.gui.covering_report_dialog import NO_PLAN as NO_PLAN_FOR_REPORT
    from wsoa_desktop.gui.meetings_panel import MeetingsPanel

    plan = window.menu("Plan")
    plan.addSeparator()
    _action(window, "Plan", "&Rating scheme…", window.with_plan(edit_scheme, NO_PLAN), "actionRatingScheme",
            tip="The plan's ratings: names, meanings, colours, which means complete")
    _action(window, "Plan", "&Boards and people…", window.with_plan(boards_and_people, NO_PLAN),
            "actionBoardsPeople", "Ctrl+Shift+G",
            tip="Boards, subgroups and committees with their chairs and members; the people list")
    _action(window, "Reports", "Co&vering report…", window.with_plan(covering_report, NO_PLAN_FOR_REPORT),
            "report_cover", tip="The committee's covering report for a meeting (Word or PDF)")
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
