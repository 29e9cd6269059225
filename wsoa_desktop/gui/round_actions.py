"""The Round menu, File ▸ Publish/Versions and the History dock.

:func:`install` adds them to the main window and returns what it made (a
:class:`RoundArea`, which the window keeps). Each job gets the plan it works on
as a :class:`PlanContext`; every question goes through :mod:`messages`, which
tests answer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QWidget

from wsoa_desktop.domain.errors import StaleEdit, WsoaError
from wsoa_desktop.domain.outline import ActionNode
from wsoa_desktop.domain.target_dates import parse_target
from wsoa_desktop.gui import messages

if TYPE_CHECKING:
    from wsoa_desktop.gui.history_panel import HistoryPanel
    from wsoa_desktop.gui.main_window import MainWindow
    from wsoa_desktop.gui.plan_context import PlanContext
    from wsoa_desktop.gui.update_round import UpdateRoundDialog
    from wsoa_desktop.gui.worker import Job

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]

ONE_FILE_PER_LEAD, ONE_WORKBOOK = "One file per lead", "One workbook"


# -- helpers ---------------------------------------------------------------------------------

def _selected(ctx: PlanContext, what: str) -> str | None:
    ref = ctx.selected_ref()
    if not ref or "." not in ref:
        messages.warn(ctx.parent, f"Select an action or sub-action in the plan to {what}.")
        return None
    return ref


def next_label(latest: str | None) -> str:
    """The month after the latest period ("August 2022" → "September 2022")."""
    due = parse_target(latest).due if latest else None
    if due is None:
        today = date.today()
        return f"{MONTHS[today.month - 1]} {today.year}"
    month, year = due.month % 12, due.year + (1 if due.month == 12 else 0)
    return f"{MONTHS[month]} {year}"


def _try(ctx: PlanContext, fn: Callable[[], object], done: str | None = None) -> bool:
    try:
        fn()
    except StaleEdit as exc:  # someone else saved first: offer their change, write nothing
        if messages.offer_reload(ctx.parent, str(exc)):
            ctx.reload()
        return False
    except WsoaError as exc:
        messages.warn(ctx.parent, str(exc))
        return False
    ctx.reload()
    if done:
        ctx.show_status(done)
    return True


# -- periods and the round -------------------------------------------------------------------

def new_period(ctx: PlanContext) -> bool:
    from wsoa_desktop.services import rounds
    from wsoa_desktop.services.periods import list_periods

    periods = list_periods(ctx.store, ctx.plan_id)
    label = messages.ask_text(ctx.parent, "New period", "Label of the next reporting period (ratings are "
                              "carried forward, marked not yet updated):",
                              next_label(periods[-1].label if periods else None))
    if not label:
        return False
    try:
        rounds.new_period(ctx.store, ctx.plan_id, label, by=ctx.user)
    except WsoaError as exc:
        messages.warn(ctx.parent, str(exc))
        return False
    ctx.window.switch_period(" ".join(label.split()))
    ctx.show_status(f"Opened {label}: ratings carried forward")
    return True


def close_period(ctx: PlanContext) -> bool:
    label = ctx.period_label
    if not label:
        return False
    from wsoa_desktop.services import rounds

    seen = _period_version(ctx, label)
    if not messages.confirm(ctx.parent, f"Close “{label}”? Its ratings become read-only (you can reopen it).",
                            yes="Close period"):
        return False
    return _try(ctx, lambda: rounds.close_period(ctx.store, ctx.plan_id, label, by=ctx.user, seen=seen),
                f"Closed {label}")


def reopen_period(ctx: PlanContext) -> bool:
    label = ctx.period_label
    if not label:
        return False
    from wsoa_desktop.services import rounds

    seen = _period_version(ctx, label)
    return _try(ctx, lambda: rounds.reopen_period(ctx.store, ctx.plan_id, label, by=ctx.user, seen=seen),
                f"Reopened {label}")


def _period_version(ctx: PlanContext, label: str) -> int | None:
    """The version of the period as the window shows it (closing or reopening names it)."""
    from wsoa_desktop.domain.status_rules import same_label

    return next((p.version for p in ctx.outline.periods if same_label(p.label, label)), None)


def _rated_ref(ctx: PlanContext) -> str | None:
    """The selected item if it carries a rating (a sub-action, or an action without any)."""
    ref = ctx.selected_ref()
    node = ctx.window.node(ref) if ref else None
    return ref if isinstance(node, ActionNode) and not node.children else None


def show_saved(ctx: PlanContext, node: ActionNode, period: str | None) -> None:
    """A rating was saved in the round or the Rate… dialog: patch its row, no re-read of the plan."""
    ctx.show_status(f"Saved {node.ref}: {node.rating or 'not rated'}")
    now = ctx.window.plan_context()
    if now is None or period != now.period_label:
        return
    row = ctx.window.node(node.ref)
    if not isinstance(row, ActionNode) or node.status is None:
        ctx.reload()
        return
    row.status = replace(node.status)
    ctx.window.item_changed(node.ref)


class RoundCloseGuard(QObject):
    """Closing the main window while the round holds unsaved typing asks about it first."""

    def __init__(self, window: QWidget, dialog: UpdateRoundDialog) -> None:
        super().__init__(dialog)
        self.window, self.dialog = window, dialog

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if watched is self.window and event.type() == QEvent.Type.Close and self.dialog.isVisible():
            if not self.dialog.view.may_close():
                event.ignore()
                return True
        return False


def update_round(ctx: PlanContext) -> QDialog | None:
    """Round ▸ Update round…: starts at the selected item (or the first under a selected parent)."""
    from wsoa_desktop.gui.update_round import UpdateRoundDialog, UpdateRoundView

    existing = next((d for d in ctx.parent.findChildren(UpdateRoundDialog) if d.isVisible()), None)
    if existing is not None:
        ref = ctx.selected_ref()
        if ref:
            existing.view.go_to_ref(ref)
        existing.raise_()
        existing.activateWindow()
        return existing
    view: UpdateRoundView | None = None

    def changed() -> None:
        ctx.reload()
        if view is not None:
            view.refresh()

    try:
        view = UpdateRoundView(ctx.store, ctx.plan_id, ctx.period_label, start_ref=ctx.selected_ref(),
                               undo_stack=ctx.undo_stack, user=ctx.user, on_change=changed,
                               on_refused=ctx.show_status)
    except WsoaError as exc:
        messages.warn(ctx.parent, str(exc))
        return None
    shown = view
    shown.saved.connect(lambda node: show_saved(ctx, node, shown.period))

    def plan_changed() -> None:
        if not ctx.is_current():
            shown.detach()

    ctx.window.planReloaded.connect(plan_changed)
    dialog = UpdateRoundDialog(shown, ctx.parent)
    dialog.finished.connect(lambda *_: ctx.window.planReloaded.disconnect(plan_changed))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    ctx.parent.installEventFilter(RoundCloseGuard(ctx.parent, dialog))
    dialog.show()
    shown.editor.picker.setFocus()
    return dialog


def rate_selected(ctx: PlanContext) -> QDialog | None:
    """Round ▸ Rate…: rate the selected item in a small dialog, with the round's keys and rules."""
    ref = _rated_ref(ctx)
    if ref is None:
        messages.warn(ctx.parent, "Select a sub-action in the plan to rate it (a priority, or an action "
                                  "with sub-actions, takes no rating of its own).")
        return None
    if ctx.outline.period is None:
        messages.warn(ctx.parent, "This plan has no reporting period yet. Round ▸ New period… opens one.")
        return None
    from wsoa_desktop.gui.rate_dialog import RateDialog

    try:
        dialog = RateDialog(ctx.store, ctx.plan_id, ctx.outline, ref, undo_stack=ctx.undo_stack, user=ctx.user,
                            on_change=ctx.reload, on_refused=ctx.show_status, parent=ctx.parent)
    except WsoaError as exc:
        messages.warn(ctx.parent, str(exc))
        return None
    dialog.saved.connect(lambda node: show_saved(ctx, node, dialog.period))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()  # window-modal, without a nested event loop
    return dialog


def sign_off(ctx: PlanContext) -> bool:
    ref = _selected(ctx, "sign it off")
    if ref is None:
        return False
    from wsoa_desktop.gui.signoff_dialog import SignOffDialog

    node = ctx.window.node(ref)
    seen = (node.status.version if node.status else 0) if isinstance(node, ActionNode) else None
    dialog = SignOffDialog(ctx.store, ctx.plan_id, ref, ctx.period_label, by=ctx.user, parent=ctx.parent,
                           seen=seen, on_reload=ctx.reload)
    if not messages.run_dialog(dialog):
        return False
    ctx.reload()
    ctx.show_status(f"Signed off {ref}")
    return True


def attach_evidence(ctx: PlanContext) -> bool:
    ref = _selected(ctx, "attach evidence to it")
    if ref is None:
        return False
    from wsoa_desktop.services import evidence

    paths = messages.choose_open_files(ctx.parent, f"Evidence for {ref}", "All files (*)")
    if not paths:
        return False

    def go() -> None:
        for p in paths:
            evidence.attach_file(ctx.store, ctx.plan_id, ref, p, by=ctx.user)

    return _try(ctx, go, f"Attached {len(paths)} file(s) to {ref}")


def add_evidence_link(ctx: PlanContext) -> bool:
    ref = _selected(ctx, "add an evidence link to it")
    if ref is None:
        return False
    from wsoa_desktop.services import evidence

    link = messages.ask_text(ctx.parent, f"Evidence for {ref}", "Web address or shared-drive path of the evidence:")
    if not link:
        return False
    return _try(ctx, lambda: evidence.attach_link(ctx.store, ctx.plan_id, ref, link, by=ctx.user),
                f"Added a link to {ref}")


def show_evidence(ctx: PlanContext) -> QDialog | None:
    ref = _selected(ctx, "see its evidence")
    if ref is None:
        return None
    from wsoa_desktop.gui.evidence_dialog import EvidenceDialog

    dialog = EvidenceDialog(ctx.store, ctx.plan_id, ref, by=ctx.user, parent=ctx.parent)
    dialog.finished.connect(lambda *_: ctx.window.planReloaded.emit())
    dialog.show()
    return dialog


# -- lead forms ------------------------------------------------------------------------------

def export_lead_forms(ctx: PlanContext) -> list[Path]:
    from wsoa_desktop.services.files import safe_file_name
    from wsoa_desktop.services.lead_forms import export_forms

    how = messages.choose(ctx.parent, "One file per lead, or one workbook with a sheet per lead?",
                          (ONE_FILE_PER_LEAD, ONE_WORKBOOK), title="Lead forms")
    if how is None:
        return []
    one = how == ONE_WORKBOOK
    if one:
        target = messages.choose_save_file(ctx.parent, "Save the lead forms",
                                           safe_file_name(f"Lead forms - {ctx.period_label}", ".xlsx"),
                                           "Excel workbooks (*.xlsx)")
    else:
        target = messages.choose_folder(ctx.parent, "Folder for the lead forms")
    if not target:
        return []
    try:
        written = export_forms(ctx.store, ctx.plan_id, Path(target), period_label=ctx.period_label,
                               one_workbook=one)
    except WsoaError as exc:
        messages.warn(ctx.parent, str(exc))
        return []
    ctx.show_status(f"Wrote {len(written)} lead form file(s)")
    return written


def import_lead_forms(ctx: PlanContext) -> int:
    from wsoa_desktop.gui.lead_forms_dialog import FormsPreviewDialog
    from wsoa_desktop.services.lead_form_import import read_forms

    paths = messages.choose_open_files(ctx.parent, "Returned lead forms", "Excel workbooks (*.xlsx)")
    if not paths:
        return 0
    try:
        preview = read_forms(ctx.store, ctx.plan_id, [Path(p) for p in paths])
    except WsoaError as exc:
        messages.warn(ctx.parent, str(exc))
        return 0
    dialog = FormsPreviewDialog(ctx.store, preview, by=ctx.user, parent=ctx.parent)
    if not messages.run_dialog(dialog):
        return 0
    ctx.reload()
    ctx.show_status(f"Applied {dialog.applied} update(s) from the lead forms")
    return dialog.applied


# -- versions --------------------------------------------------------------------------------

def publish_version(ctx: PlanContext) -> Job | None:
    """Publish in the worker (see versions_dialog.publish_in_worker); the job, or None if not asked."""
    from wsoa_desktop.gui.publish_dialog import PublishDialog
    from wsoa_desktop.gui.versions_dialog import publish_in_worker
    from wsoa_desktop.services.rounds import not_updated_refs

    stale = not_updated_refs(ctx.store, ctx.plan_id)
    if stale:
        period = ctx.outline.periods[-1].label if ctx.outline.periods else ""
        shown = ", ".join(stale[:20]) + (f" and {len(stale) - 20} more" if len(stale) > 20 else "")
        if not messages.confirm(
                ctx.parent, f"{len(stale)} ratings in {period} were carried forward and not updated this "
                f"period: {shown}.\n\nThe version will record them as not updated (and reports print them "
                "so). Publish anyway?", yes="Publish anyway"):
            return None
    summary = PublishDialog.ask(ctx.store, ctx.plan_id, ctx.parent)
    if summary is None:
        return None
    return publish_in_worker(ctx.parent, ctx.store, ctx.plan_id, summary, ctx.user,
                             lambda info: ctx.show_status(f"Published version {info.number}"),
                             allow_not_updated=bool(stale))


def show_versions(ctx: PlanContext) -> QDialog:
    from wsoa_desktop.gui.versions_dialog import VersionsDialog

    dialog = VersionsDialog(ctx.store, ctx.plan_id, ctx.parent)
    dialog.show()
    return dialog


# -- installing ------------------------------------------------------------------------------

@dataclass(frozen=True)
class RoundArea:
    """What :func:`install` added to the window."""

    actions: dict[str, QAction]
    history: HistoryPanel


#: key, menu, text, job, shortcut ("-" for a separator).
ENTRIES: tuple[tuple[str, str, str, Callable[[PlanContext], object] | None, str | None], ...] = (
    ("new_period", "Round", "&New period…", new_period, None),
    ("close_period", "Round", "&Close period", close_period, None),
    ("reopen_period", "Round", "&Reopen period", reopen_period, None),
    ("update_round", "Round", "&Update round…", update_round, "Ctrl+U"),
    ("rate", "Round", "Ra&te…", rate_selected, "Ctrl+R"),
    ("sign_off", "Round", "&Sign off…", sign_off, None),
    ("attach_evidence", "Round", "Attach &evidence…", attach_evidence, None),
    ("evidence_link", "Round", "Add evidence &link…", add_evidence_link, None),
    ("evidence", "Round", "E&vidence for the selected item…", show_evidence, None),
    ("-", "Round", "", None, None),
    ("export_forms", "Round", "Lead forms: e&xport…", export_lead_forms, None),
    ("import_forms", "Round", "Lead forms: &import…", import_lead_forms, None),
    ("publish", "File", "&Publish version…", publish_version, None),
    ("versions", "File", "&Versions…", show_versions, None),
)


def install(window: MainWindow) -> RoundArea:
    from wsoa_desktop.gui.history_panel import HistoryPanel

    actions: dict[str, QAction] = {}
    for key, menu, text, job, shortcut in ENTRIES:
        if job is None:
            window.menu(menu).addSeparator()
            continue
        action = QAction(text, window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda *_, run=window.with_plan(job): run())
        window.menu(menu).addAction(action)
        actions[key] = action
    window.tree.addActions([actions["rate"], actions["update_round"]])  # right-click or the Menu key

    history = HistoryPanel(window.store, window.plan_id)
    history_dock = window.add_dock(history, "History", Qt.DockWidgetArea.BottomDockWidgetArea)
    window.selectionRefChanged.connect(history.set_ref)

    window.resizeDocks([history_dock], [170], Qt.Orientation.Vertical)

    def refresh() -> None:
        history.set_source(window.store, window.plan_id, window.selected_ref())

    window.planReloaded.connect(refresh)
    refresh()
    return RoundArea(actions, history)
