"""Round ▸ Rate…: rate the item selected in the tree without starting a round.

The same form as the update round (:class:`~wsoa_desktop.gui.status_editor.StatusEditor`):
the same keys (a letter on the rating row, Alt+letter anywhere), the same rules
and messages, one undoable step on the window's undo stack. Enter in the reason
or Ctrl+Enter anywhere saves; a refusal keeps the dialog open with the text and
says what is missing; Esc or Cancel with unsaved text asks Save / Discard / Cancel.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGroupBox, QLabel, QVBoxLayout, QWidget

from wsoa_desktop.domain.errors import NotFoundError, StaleEdit, WsoaError
from wsoa_desktop.domain.outline import ActionNode, PlanOutline, StatusView
from wsoa_desktop.gui import messages
from wsoa_desktop.gui.rating_picker import keys_text
from wsoa_desktop.gui.status_editor import LastPeriodPanel, StatusEditor
from wsoa_desktop.gui.undo_commands import RateCommand, push
from wsoa_desktop.store.database import Store


class RateDialog(QDialog):
    """Rate one item for the outline's period."""

    saved = Signal(object)  # a copy of the ActionNode with its saved status

    def __init__(self, store: Store, plan_id: int, outline: PlanOutline, ref: str, *,
                 undo_stack: QUndoStack | None = None, user: str = "",
                 on_change: Callable[[], None] | None = None, on_refused: Callable[[str], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        node = outline.find(ref)
        if node is None or outline.period is None:
            raise NotFoundError(f"There is no {ref} to rate in this plan.")
        self.store, self.plan_id, self.outline, self.node = store, plan_id, outline, node
        self.undo_stack, self.user, self.on_change, self.on_refused = undo_stack, user, on_change, on_refused
        self.period = outline.period.label
        self.setObjectName("RateDialog")
        self.setWindowTitle(f"Rate {ref} — {self.period}")

        heading = QLabel(f"{node.ref}  {node.description}")
        heading.setObjectName("heading")
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setStyleSheet("font-weight: bold;")
        details = QLabel(f"Lead: {node.lead_display or '—'}    Target: {node.target.text or '—'}")
        details.setTextFormat(Qt.TextFormat.PlainText)
        self.last = LastPeriodPanel()
        previous = outline.previous_period
        self.last.show_node(outline.scheme, node, previous.label if previous else None)
        current = QGroupBox(f"This period ({self.period})")
        self.editor = StatusEditor()
        self.editor.signOffRequested.connect(self.record_sign_off)
        QVBoxLayout(current).addWidget(self.editor)
        self.editor.load(outline.scheme, node)
        self.editor.picker.install_alt_keys(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("Save (Ctrl+Enter)")
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        # Someone else saved this item's status first: Reload shows theirs, keeping what was typed here.
        self.reload_button = self.buttons.addButton("&Reload", QDialogButtonBox.ButtonRole.ResetRole)
        self.reload_button.setObjectName("reloadButton")
        self.reload_button.setToolTip("Show the rating as it is saved now; what you typed stays")
        self.reload_button.hide()
        self.reload_button.clicked.connect(self.reload_saved)
        hint = QLabel(f"Keys — on the rating row: {keys_text(self.editor.picker.keys)} (Alt+letter anywhere) · Enter in the reason or "
                      "Ctrl+Enter: save · Esc: close")
        hint.setWordWrap(True)

        layout = QVBoxLayout(self)
        for w in (heading, details, self.last):
            layout.addWidget(w)
        layout.addWidget(current, 1)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            sc = QShortcut(QKeySequence(seq), self)
            sc.activated.connect(self.accept)
        if outline.period.is_closed:
            self.editor.set_editable(False)
            self.save_button.setEnabled(False)
            self.editor.show_note(f"{self.period} is closed: its ratings cannot change. Reopen it first "
                                  "(Round ▸ Reopen period).")
        self.resize(720, 560)
        self.editor.picker.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def editable(self) -> bool:
        return self.save_button.isEnabled()

    def save(self) -> bool:
        """Save what was typed as one undoable step; False, with the reason shown, if refused."""
        typed = self.editor.typed()
        try:
            command = RateCommand(self.store, self.plan_id, self.period, self.node.ref, typed.rating,
                                  typed.progress, self.editor.reason_argument(), self.user,
                                  on_change=self.on_change, on_refused=self.on_refused,
                                  seen=self.node.status.version if self.node.status else 0)
            push(self.undo_stack, command)
        except StaleEdit as exc:
            self.editor.show_problem(exc)  # the typed text stays in the boxes
            self.reload_button.show()
            self.reload_button.setDefault(True)
            self.reload_button.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        except WsoaError as exc:
            self.editor.show_problem(exc)
            return False
        node: ActionNode = replace(self.node, status=command.saved_status())
        self.saved.emit(node)
        return True

    def reload_saved(self) -> None:
        """Show the status someone else saved (last period's panel, the version to save over), keeping
        what was typed here: Save then applies it over their change, knowingly."""
        from wsoa_desktop.services.outline import load_outline

        outline = load_outline(self.store, self.plan_id, self.period)
        node = outline.find(self.node.ref)
        if node is None:
            self.editor.show_note(f"{self.node.ref} is no longer in the plan.")
            self.save_button.setEnabled(False)
            return
        self.outline, self.node = outline, node
        previous = outline.previous_period
        self.last.show_node(outline.scheme, node, previous.label if previous else None)
        saved = node.status
        what = (f"{saved.rating or 'no rating'} — “{saved.progress}” ({saved.updated_by})" if saved
                else "no rating")
        self.editor.show_note(f"Reloaded. Saved now: {what}. What you typed is kept: Save to apply it.")
        self.reload_button.hide()
        self.save_button.setDefault(True)
        if self.on_change is not None:
            self.on_change()

    def record_sign_off(self) -> QDialog:
        """Blue needs an approval to close: record it, with the progress typed here, then close."""
        from wsoa_desktop.gui.signoff_dialog import SignOffDialog

        dialog = SignOffDialog(self.store, self.plan_id, self.node.ref, self.period, by=self.user, parent=self,
                               seen=self.node.status.version if self.node.status else 0)
        dialog.progress.setPlainText(self.editor.progress.toPlainText())
        dialog.accepted.connect(self._signed_off)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _signed_off(self) -> None:
        from wsoa_desktop.services.rounds import status_state

        state = status_state(self.store, self.plan_id, self.node.ref, self.period)
        self.saved.emit(replace(self.node, status=StatusView(state.rating, state.progress, state.reason,
                                                             self.user, None, state.carried_forward)))
        super().accept()

    def accept(self) -> None:
        """Save (an untouched "not updated" rating is confirmed as this period's), then close."""
        if not self.editable:
            return
        if self.editor.is_dirty() or self.editor.is_carried_forward():
            if not self.save():
                return
        super().accept()

    def reject(self) -> None:
        """Esc, Cancel or the close button: ask first when something typed is not saved."""
        if self.editable and self.editor.is_dirty():
            answer = messages.ask_unsaved(self, f"What you typed for {self.node.ref} is not saved yet.")
            if answer == "cancel" or (answer == "save" and not self.save()):
                return
        super().reject()
