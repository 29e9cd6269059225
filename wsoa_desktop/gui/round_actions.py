"""The Round menu, File ▸ Publish/Versions, the History dock and the "Coming up" dock.

Installed into the main window through the extension contract (``install``).
Each ``ask_*`` function shows one modal question and returns the answer or None;
tests replace them to drive the menu paths without a modal loop.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox

from wsoa_desktop.domain.errors import WsoaError
from wsoa_desktop.domain.outline import ActionNode
from wsoa_desktop.domain.target_dates import parse_target
from wsoa_desktop.gui import messages

if TYPE_CHECKING:
    from wsoa_desktop.gui.main_window import MainWindow
    from wsoa_desktop.gui.update_round import UpdateRoundDialog
    from wsoa_desktop.gui.worker import Job
    from wsoa_desktop.store.database import Store

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


# -- asking (replaced in tests) -----------------------------------------------------------------

def ask_text(window: MainWindow, title: str, label: str, text: str = "") -> str | None:
    value, ok = QInputDialog.getText(window, title, label, text=text)
    return value if ok else None


def ask_multiline(window: MainWindow, title: str, label: str) -> str | None:
    value, ok = QInputDialog.getMultiLineText(window, title, label)
    return value if ok else None


def ask_publish_summary(window: MainWindow, store: Store, plan_id: int) -> str | None:
    """The summary of amendments, under "This will publish version N (latest period: …)"."""
    from wsoa_desktop.gui.publish_dialog import PublishDialog

    return PublishDialog.ask(store, plan_id, window)


def ask_open_files(window: MainWindow, title: str, filters: str) -> list[str]:
    paths, _ = QFileDialog.getOpenFileNames(window, title, "", filters)
    return paths


def ask_folder(window: MainWindow, title: str) -> str:
    return QFileDialog.getExistingDirectory(window, title)


def ask_one_workbook(window: MainWindow) -> bool | None:
    box = QMessageBox(QMessageBox.Icon.Question, "Lead forms", "One file per lead, or one workbook with a "
                      "sheet per lead?", QMessageBox.StandardButton.Cancel, window)
    per_lead = box.addButton("One file per lead", QMessageBox.ButtonRole.AcceptRole)
    one = box.addButton("One workbook", QMessageBox.ButtonRole.AcceptRole)
    box.exec()
    return False if box.clickedButton() is per_lead else True if box.clickedButton() is one else None


def ask_save_file(window: MainWindow, title: str, name: str, filters: str) -> str:
    path, _ = QFileDialog.getSaveFileName(window, title, name, filters)
    return path


def run_dialog(dialog: QDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted


# -- helpers ---------------------------------------------------------------------------------

def _ready(window: MainWindow) -> bool:
    if window.store is None or window.plan_id is None:
        messages.warn(window, "Open a plan first.")
        return False
    return True


def _selected(window: MainWindow, what: str) -> str | None:
    ref = window.selected_ref()
    if not ref or "." not in ref:
        messages.warn(window, f"Select an action or sub-action in the plan to {what}.")
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


def _try(window: MainWindow, fn, done: str | None = None) -> bool:  # type: ignore[no-untyped-def]
    try:
        fn()
    except WsoaError as exc:
        messages.warn(window, str(exc))
        return False
    window.reload()
    if done:
        window.show_status(done)
    return True


# -- periods and the round -------------------------------------------------------------------

def new_period(window: MainWindow) -> bool:
    if not _ready(window):
        return False
    from wsoa_desktop.services import rounds
    from wsoa_desktop.services.periods import list_periods

    periods = list_periods(window.store, window.plan_id)  # type: ignore[arg-type]
    label = ask_text(window, "New period", "Label of the next reporting period (ratings are carried "
                     "forward, marked not yet updated):", next_label(periods[-1].label if periods else None))
    if not label:
        return False

    def go() -> None:
        rounds.new_period(window.store, window.plan_id, label, by=window.user_name())  # type: ignore[arg-type]
        window.period_label = " ".join(label.split())

    return _try(window, go, f"Opened {label}: ratings carried forward")


def close_period(window: MainWindow) -> bool:
    if not _ready(window) or not window.period_label:
        return False
    from wsoa_desktop.services import rounds

    label = window.period_label
    if not messages.confirm(window, f"Close “{label}”? Its ratings become read-only (you can reopen it).",
                            yes="Close period"):
        return False
    return _try(window, lambda: rounds.close_period(window.store, window.plan_id, label,  # type: ignore[arg-type]
                                                    by=window.user_name()), f"Closed {label}")


def reopen_period(window: MainWindow) -> bool:
    if not _ready(window) or not window.period_label:
        return False
    from wsoa_desktop.services import rounds

    label = window.period_label
    return _try(window, lambda: rounds.reopen_period(window.store, window.plan_id, label,  # type: ignore[arg-type]
                                                     by=window.user_name()), f"Reopened {label}")


def _rated_ref(window: MainWindow) -> str | None:
    """The selected item if it carries a rating (a sub-action, or an action without any)."""
    ref = window.selected_ref()
    node = window.model.node_for(window.model.index_for_ref(ref)) if ref else None
    return ref if isinstance(node, ActionNode) and not node.children else None


def show_saved(window: MainWindow, node: ActionNode, period: str | None) -> None:
    """A rating was saved in the round or the Rate… dialog: patch its row, no re-read of the plan."""
    window.show_status(f"Saved {node.ref}: {node.rating or 'not rated'}")
    if period != window.period_label:
        return
    row = window.model.node_for(window.model.index_for_ref(node.ref))
    if not isinstance(row, ActionNode) or node.status is None:
        window.reload()
        return
    row.status = replace(node.status)
    window.item_changed(node.ref)


def _undo_refused(window: MainWindow, text: str) -> None:
    window.show_status(f"Could not undo or redo: {text}")


class RoundCloseGuard(QObject):
    """Closing the main window while the round holds unsaved typing asks about it first."""

    def __init__(self, window: MainWindow, dialog: UpdateRoundDialog) -> None:
        super().__init__(dialog)
        self.window, self.dialog = window, dialog

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if watched is self.window and event.type() == QEvent.Type.Close and self.dialog.isVisible():
            if not self.dialog.view.may_close():
                event.ignore()
                return True
        return False


def update_round(window: MainWindow) -> QDialog | None:
    """Round ▸ Update round…: starts at the selected item (or the first under a selected parent)."""
    if not _ready(window):
        return None
    from wsoa_desktop.gui.update_round import UpdateRoundDialog, UpdateRoundView

    existing = next((d for d in window.findChildren(UpdateRoundDialog) if d.isVisible()), None)
    if existing is not None:
        ref = window.selected_ref()
        if ref:
            existing.view.go_to_ref(ref)
        existing.raise_()
        existing.activateWindow()
        return existing
    view: UpdateRoundView | None = None
    store, plan_id = window.store, window.plan_id
    assert store is not None and plan_id is not None  # _ready said so

    def changed() -> None:
        window.reload()
        if view is not None:
            view.refresh()

    try:
        view = UpdateRoundView(store, plan_id, window.period_label, start_ref=window.selected_ref(),
                               undo_stack=window.undo_stack, user=window.user_name(), on_change=changed,
                               on_refused=lambda text: _undo_refused(window, text))
    except WsoaError as exc:
        messages.warn(window, str(exc))
        return None
    view.saved.connect(lambda node: show_saved(window, node, view.period))

    def plan_changed() -> None:
        if view is not None and (window.store is not store or window.plan_id != plan_id):
            view.detach()

    window.planReloaded.connect(plan_changed)
    dialog = UpdateRoundDialog(view, window)
    dialog.finished.connect(lambda *_: window.planReloaded.disconnect(plan_changed))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.installEventFilter(RoundCloseGuard(window, dialog))
    dialog.show()
    view.editor.picker.setFocus()
    return dialog


def rate_selected(window: MainWindow) -> QDialog | None:
    """Round ▸ Rate…: rate the selected item in a small dialog, with the round's keys and rules."""
    if not _ready(window):
        return None
    ref = _rated_ref(window)
    if ref is None:
        messages.warn(window, "Select a sub-action in the plan to rate it (a priority, or an action "
                              "with sub-actions, takes no rating of its own).")
        return None
    if window.outline is None or window.outline.period is None:
        messages.warn(window, "This plan has no reporting period yet. Round ▸ New period… opens one.")
        return None
    from wsoa_desktop.gui.rate_dialog import RateDialog

    assert window.store is not None and window.plan_id is not None  # _ready said so
    try:
        dialog = RateDialog(window.store, window.plan_id, window.outline, ref,
                            undo_stack=window.undo_stack, user=window.user_name(), on_change=window.reload,
                            on_refused=lambda text: _undo_refused(window, text), parent=window)
    except WsoaError as exc:
        messages.warn(window, str(exc))
        return None
    dialog.saved.connect(lambda node: show_saved(window, node, dialog.period))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()  # window-modal, without a nested event loop
    return dialog


def sign_off(window: MainWindow) -> bool:
    if not _ready(window):
        return False
    ref = _selected(window, "sign it off")
    if ref is None:
        return False
    from wsoa_desktop.gui.signoff_dialog import SignOffDialog

    dialog = SignOffDialog(window.store, window.plan_id, ref, window.period_label,  # type: ignore[arg-type]
                           by=window.user_name(), parent=window)
    if not run_dialog(dialog):
        return False
    window.reload()
    window.show_status(f"Signed off {ref}")
    return True


def attach_evidence(window: MainWindow) -> bool:
    if not _ready(window):
        return False
    ref = _selected(window, "attach evidence to it")
    if ref is None:
        return False
    from wsoa_desktop.services import evidence

    paths = ask_open_files(window, f"Evidence for {ref}", "All files (*)")
    if not paths:
        return False

    def go() -> None:
        for p in paths:
            evidence.attach_file(window.store, window.plan_id, ref, p, by=window.user_name())  # type: ignore[arg-type]

    return _try(window, go, f"Attached {len(paths)} file(s) to {ref}")


def add_evidence_link(window: MainWindow) -> bool:
    if not _ready(window):
        return False
    ref = _selected(window, "add an evidence link to it")
    if ref is None:
        return False
    from wsoa_desktop.services import evidence

    link = ask_text(window, f"Evidence for {ref}", "Web address or shared-drive path of the evidence:")
    if not link:
        return False
    return _try(window, lambda: evidence.attach_link(window.store, window.plan_id, ref, link,  # type: ignore[arg-type]
                                                     by=window.user_name()), f"Added a link to {ref}")


def show_evidence(window: MainWindow) -> QDialog | None:
    if not _ready(window):
        return None
    ref = _selected(window, "see its evidence")
    if ref is None:
        return None
    from wsoa_desktop.gui.evidence_dialog import EvidenceDialog

    dialog = EvidenceDialog(window.store, window.plan_id, ref, by=window.user_name(), parent=window)  # type: ignore[arg-type]
    dialog.finished.connect(lambda *_: window.planReloaded.emit())
    dialog.show()
    return dialog


# -- lead forms ------------------------------------------------------------------------------

def export_lead_forms(window: MainWindow) -> list[Path]:
    if not _ready(window):
        return []
    from wsoa_desktop.services.files import safe_file_name
    from wsoa_desktop.services.lead_forms import export_forms

    one = ask_one_workbook(window)
    if one is None:
        return []
    if one:
        target = ask_save_file(window, "Save the lead forms",
                               safe_file_name(f"Lead forms - {window.period_label}", ".xlsx"),
                               "Excel workbooks (*.xlsx)")
    else:
        target = ask_folder(window, "Folder for the lead forms")
    if not target:
        return []
    try:
        written = export_forms(window.store, window.plan_id, Path(target),  # type: ignore[arg-type]
                               period_label=window.period_label, one_workbook=one)
    except WsoaError as exc:
        messages.warn(window, str(exc))
        return []
    window.show_status(f"Wrote {len(written)} lead form file(s)")
    return written


def import_lead_forms(window: MainWindow) -> int:
    if not _ready(window):
        return 0
    from wsoa_desktop.gui.lead_forms_dialog import FormsPreviewDialog
    from wsoa_desktop.services.lead_form_import import read_forms

    paths = ask_open_files(window, "Returned lead forms", "Excel workbooks (*.xlsx)")
    if not paths:
        return 0
    try:
        preview = read_forms(window.store, window.plan_id, [Path(p) for p in paths])  # type: ignore[arg-type]
    except WsoaError as exc:
        messages.warn(window, str(exc))
        return 0
    dialog = FormsPreviewDialog(window.store, preview, by=window.user_name(), parent=window)  # type: ignore[arg-type]
    if not run_dialog(dialog):
        return 0
    window.reload()
    window.show_status(f"Applied {dialog.applied} update(s) from the lead forms")
    return dialog.applied


# -- versions --------------------------------------------------------------------------------

def publish_version(window: MainWindow) -> Job | None:
    """Publish in the worker (see versions_dialog.publish_in_worker); the job, or None if not asked."""
    store, plan_id = window.store, window.plan_id
    if not _ready(window) or store is None or plan_id is None:
        return None
    from wsoa_desktop.gui.versions_dialog import publish_in_worker
    from wsoa_desktop.services.rounds import not_updated_refs

    stale = not_updated_refs(store, plan_id)
    if stale:
        period = window.outline.periods[-1].label if window.outline and window.outline.periods else ""
        shown = ", ".join(stale[:20]) + (f" and {len(stale) - 20} more" if len(stale) > 20 else "")
        if not messages.confirm(
                window, f"{len(stale)} ratings in {period} were carried forward and not updated this "
                f"period: {shown}.\n\nThe version will record them as not updated (and reports print them "
                "so). Publish anyway?", yes="Publish anyway"):
            return None
    summary = ask_publish_summary(window, store, plan_id)
    if summary is None:
        return None
    return publish_in_worker(window, store, plan_id, summary, window.user_name(),
                             lambda info: window.show_status(f"Published version {info.number}"),
                             allow_not_updated=bool(stale))


def show_versions(window: MainWindow) -> QDialog | None:
    if not _ready(window):
        return None
    from wsoa_desktop.gui.versions_dialog import VersionsDialog

    dialog = VersionsDialog(window.store, window.plan_id, window)  # type: ignore[arg-type]
    dialog.show()
    return dialog


# -- installing ------------------------------------------------------------------------------

def _add(window: MainWindow, menu: str, text: str, slot, shortcut: str | None = None) -> QAction:  # type: ignore[no-untyped-def]
    action = QAction(text, window)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(lambda *_: slot(window))
    window.menu(menu).addAction(action)
    return action


def install(window: MainWindow) -> None:
    from wsoa_desktop.gui.history_panel import HistoryPanel

    entries = (
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
    actions: dict[str, QAction] = {}
    for key, menu, text, slot, shortcut in entries:
        if key == "-":
            window.menu(menu).addSeparator()
        else:
            actions[key] = _add(window, menu, text, slot, shortcut)
    window.round_actions = actions  # type: ignore[attr-defined]
    window.tree.addActions([actions["rate"], actions["update_round"]])  # right-click or the Menu key

    history = HistoryPanel(window.store, window.plan_id)
    window.history_panel = history  # type: ignore[attr-defined]
    history_dock = window.add_dock(history, "History", Qt.DockWidgetArea.BottomDockWidgetArea)
    window.selectionRefChanged.connect(history.set_ref)

    window.resizeDocks([history_dock], [170], Qt.Orientation.Vertical)

    def refresh() -> None:
        history.store, history.plan_id = window.store, window.plan_id
        history.set_ref(window.selected_ref())

    window.planReloaded.connect(refresh)
    refresh()
