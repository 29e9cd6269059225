"""The update round: walk the items due an update, rate each one, type its progress.

Built so 75 updates take minutes at the keyboard, and so nothing typed is ever
lost. Leaving an item by any way (Next, Previous, Page Down/Up, Ctrl+Enter,
Enter in the reason, clicking another item in the list, changing the walk order)
first saves what was typed, as one undoable step; when a rule refuses it (a
worse rating or Red with no reason, Blue without a sign-off) the text stays, the
round stays on the item and says what is missing in red beside the fields.
Closing the round (Esc, the window's close button, quitting) with unsaved text
asks Save / Discard / Cancel.

Keys: a letter rates only while the rating row has the focus (B, G, A or Y, R,
N for Grey); Alt+letter rates from anywhere in the round, text boxes included.
Ctrl+Enter saves and moves on (it also confirms a rating carried forward, "not
updated", as this period's); Enter in the reason does the same. Page Down/Up
move on or back, saving what was typed. Ctrl+Z outside the text boxes undoes
the last save.

Each save is a :class:`~wsoa_desktop.gui.undo_commands.RateCommand` on the
window's undo stack.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from wsoa_desktop.domain.errors import StaleEdit, WsoaError
from wsoa_desktop.domain.outline import ActionNode, PlanOutline
from wsoa_desktop.gui import messages
from wsoa_desktop.gui.rating_picker import keys_text
from wsoa_desktop.gui.round_items_model import RoundItemsModel
from wsoa_desktop.gui.status_editor import LastPeriodPanel, StatusEditor
from wsoa_desktop.gui.undo_commands import RateCommand, push
from wsoa_desktop.services import rounds
from wsoa_desktop.services.outline import load_outline
from wsoa_desktop.store.database import Store


class UpdateRoundView(QWidget):
    """The focused round view for one plan and one period."""

    saved = Signal(object)  # the ActionNode just saved; its ``status`` is what was saved
    editor: StatusEditor

    def __init__(self, store: Store, plan_id: int, period_label: str | None = None, *,
                 start_ref: str | None = None, undo_stack: QUndoStack | None = None, user: str = "",
                 on_change: Callable[[], None] | None = None, on_refused: Callable[[str], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("UpdateRoundView")
        self.setAccessibleName("Update round")
        self.store, self.plan_id, self.undo_stack, self.user = store, plan_id, undo_stack, user
        self.on_change, self.on_refused = on_change, on_refused
        self.outline: PlanOutline | None = None
        self.items: list[rounds.RoundItem] = []
        self.index = 0
        self._syncing = False
        self.detached = False  # the window opened another database or plan since
        self._build()
        self.load(period_label, start_ref=start_ref)

    # -- building ------------------------------------------------------------------------

    def _build(self) -> None:
        top = QHBoxLayout()
        self.period_label = QLabel()
        self.order = QComboBox()
        self.order.addItem("By priority", rounds.ORDER_PRIORITY)
        self.order.addItem("By lead", rounds.ORDER_LEAD)
        self.order.setAccessibleName("Walk order")
        self.flagged = QCheckBox("Flagged only")
        self.position = QLabel()
        self.position.setObjectName("position")
        for w in (self.period_label, self.order, self.flagged):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(self.position)
        self.order.currentIndexChanged.connect(lambda *_: self._walk_changed(self.order))
        self.flagged.toggled.connect(lambda *_: self._walk_changed(self.flagged))

        self.list_model = RoundItemsModel(self)
        # A one-column tree, not a QListView: a list view lays out every row again after
        # each saved item (dataChanged), 10 ms on a 5,000-item round; a tree repaints one row.
        self.list = QTreeView()
        self.list.setObjectName("roundItems")
        self.list.setAccessibleName("Items in the round")
        self.list.setModel(self.list_model)
        self.list.setHeaderHidden(True)
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setMinimumWidth(self.fontMetrics().horizontalAdvance("8.88.88   Amber · not updated") + 30)
        self.list.selectionModel().currentChanged.connect(self._list_moved)
        # Enter on the list is handled in keyPressEvent (it reaches the view); a double click:
        self.list.doubleClicked.connect(lambda *_: self.editor.picker.setFocus(Qt.FocusReason.OtherFocusReason))

        self.heading = QLabel()
        self.heading.setObjectName("heading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setStyleSheet("font-weight: bold;")
        self.details = QLabel()
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.flags_label = QLabel()
        self.flags_label.setObjectName("flags")
        self.flags_label.setTextFormat(Qt.TextFormat.PlainText)
        self.flags_label.setWordWrap(True)
        self.last = LastPeriodPanel()
        current = QGroupBox("This period")
        self.this_period = current
        self.editor = StatusEditor()
        self.editor.signOffRequested.connect(self.record_sign_off)
        QVBoxLayout(current).addWidget(self.editor)

        buttons = QHBoxLayout()
        self.back = QPushButton("◀ Previous (PgUp)")
        self.save_next = QPushButton("Save and next (Ctrl+Enter)")
        self.skip = QPushButton("Next ▶ (PgDn)")
        for b in (self.back, self.save_next, self.skip):
            b.setAutoDefault(False)  # Enter is the round's own key (save and next), never a stray button
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click leaves the focus where the officer was
            buttons.addWidget(b)
        self.back.setToolTip("Save what you typed, then go to the previous item")
        self.skip.setToolTip("Save what you typed, then go to the next item")
        self.save_next.setToolTip("Save (confirming a rating that was not updated) and go to the next item")
        self.back.clicked.connect(lambda: self.go(-1))
        self.skip.clicked.connect(lambda: self.go(1))
        self.save_next.clicked.connect(self.save_and_next)
        self.hint = QLabel()
        self.hint.setObjectName("keysHint")
        self.hint.setWordWrap(True)

        item_box = QWidget()
        item_layout = QVBoxLayout(item_box)
        item_layout.setContentsMargins(0, 0, 0, 0)
        shown: tuple[QWidget, ...] = (self.heading, self.details, self.flags_label, self.last)
        for part in shown:
            item_layout.addWidget(part)
        item_layout.addWidget(current, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.list)
        split.addWidget(item_box)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        split.setSizes([240, 760])

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.hint)
        self.setTabOrder(self.editor.reason, self.save_next)
        self.setTabOrder(self.save_next, self.skip)
        self.setTabOrder(self.skip, self.back)

        for seq, slot in (("Ctrl+Return", self.save_and_next), ("Ctrl+Enter", self.save_and_next),
                          ("PgDown", lambda: self.go(1)), ("PgUp", lambda: self.go(-1)),
                          ("Alt+Right", lambda: self.go(1)), ("Alt+Left", lambda: self.go(-1))):
            sc = QShortcut(QKeySequence(seq), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)
        if self.undo_stack is not None:  # text boxes keep Ctrl+Z for their own typing
            for action, keys in ((self.undo_stack.createUndoAction(self, "Undo"), QKeySequence.StandardKey.Undo),
                                 (self.undo_stack.createRedoAction(self, "Redo"), QKeySequence.StandardKey.Redo)):
                action.setShortcut(keys)
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                self.addAction(action)

    def _keys_hint(self) -> str:
        rate = keys_text(self.editor.picker.keys)
        return (f"Keys — on the rating row: {rate} (Alt+letter anywhere) · Ctrl+Enter: save and next · "
                "PgDn / PgUp: next / previous, keeping what you typed · Ctrl+Z: undo the last save · "
                "Esc: close")

    # -- data ----------------------------------------------------------------------------

    @property
    def period(self) -> str | None:
        return self.outline.period.label if self.outline and self.outline.period else None

    @property
    def editable(self) -> bool:
        return bool(self.items) and not self.detached and not (self.outline and self.outline.period and self.outline.period.is_closed)

    @property
    def current(self) -> rounds.RoundItem:
        return self.items[self.index]

    def load(self, period_label: str | None, *, start_ref: str | None = None) -> None:
        """Read the period's round afresh, staying on the same item and keeping unsaved typing."""
        keep = self.current.ref if self.items and 0 <= self.index < len(self.items) else None
        typed = self.editor.typed() if keep and self.editor.is_dirty() else None
        self.outline = load_outline(self.store, self.plan_id, period_label)
        self.items = rounds.round_items(self.outline, rounds.signed_off_ids(self.store, self.plan_id),
                                        order=self.order.currentData(), flagged_only=self.flagged.isChecked())
        if self.editor.picker.keys == {} or self.editor.picker.buttons.keys() != set(self.outline.scheme.names()):
            self.editor.picker.set_scheme(self.outline.scheme)
            self.editor.picker.install_alt_keys(self)
            self.hint.setText(self._keys_hint())
        p, prev = self.outline.period, self.outline.previous_period
        closed = " — closed, read-only" if p and p.is_closed else ""
        self.period_label.setText(f"{p.label if p else 'No period'}{closed}"
                                  + (f" (last period: {prev.label})" if prev else ""))
        refs = [i.ref for i in self.items]
        wanted = start_ref or keep
        found = next((n for n, r in enumerate(refs) if r == wanted), None) if wanted else None
        if found is None and start_ref:  # a priority or an action: its first item in the round
            found = next((n for n, r in enumerate(refs) if r.startswith(start_ref + ".")), None)
        self.index = found or 0
        self.list_model.set_items(self.items)
        self.show_item()
        if typed is not None and self.items and self.current.ref == keep:
            self.editor.put_back(typed)

    def refresh(self) -> None:
        """Something else changed the data (undo, redo): show it, keeping unsaved typing."""
        if not self.detached:
            self.load(self.period)

    def detach(self) -> None:
        """The window moved to another database or plan: keep the text on screen, save nothing."""
        self.detached = True
        self.editor.set_editable(False)
        self.save_next.setEnabled(False)
        self.editor.show_note("Another database or plan was opened in the main window, so this round can no "
                              "longer save. Copy anything you still need, then close it.")

    def show_item(self) -> None:
        editable = self.editable
        self.editor.set_editable(editable)
        self.save_next.setEnabled(editable)
        if not self.items or self.outline is None:
            self.position.setText("0 of 0")
            self.heading.setText("Nothing to update in this period.")
            for w in (self.details, self.flags_label):
                w.clear()
            self.editor.clear_message()
            return
        item = self.current
        node = item.node
        self.position.setText(f"{self.index + 1} of {len(self.items)}")
        self.heading.setText(f"{node.ref}  {node.description}")
        self.details.setText(f"Lead: {node.lead_display or '—'}    Target: {node.target.text or '—'}")
        self.flags_label.setText("Flags: " + "; ".join(item.flags) if item.flags else "No flags")
        prev = self.outline.previous_period
        self.last.show_node(self.outline.scheme, node, prev.label if prev else None)
        self.this_period.setTitle(f"This period ({self.period})" if self.period else "This period")
        self.editor.load(self.outline.scheme, node)
        self._sync_list()
        if not self.list.hasFocus():
            self.editor.picker.setFocus(Qt.FocusReason.OtherFocusReason)

    def _sync_list(self) -> None:
        self._syncing = True
        try:
            self.list.setCurrentIndex(self.list_model.index(self.index, 0))
        finally:
            self._syncing = False

    # -- moving and saving ---------------------------------------------------------------

    def is_dirty(self) -> bool:
        return self.editable and self.editor.is_dirty()

    def leave(self, *, confirm: bool = False) -> bool:
        """Before the shown item is left: save what was typed. False (and why, shown) if refused.

        ``confirm`` also saves an untouched rating carried forward ("not updated"), making it
        this period's (Save and next).
        """
        if not self.editable:
            return True
        if not (self.editor.is_dirty() or (confirm and self.editor.is_carried_forward())):
            return True
        return self.save()

    def save(self) -> bool:
        """Save the shown item as typed, as one undoable step; False with the reason shown if refused."""
        node: ActionNode = self.current.node
        typed = self.editor.typed()
        try:
            command = RateCommand(self.store, self.plan_id, self.period or "", node.ref, typed.rating,
                                  typed.progress, self.editor.reason_argument(), self.user,
                                  on_change=self.on_change or self.refresh, on_refused=self.on_refused,
                                  seen=node.status.version if node.status else 0)
            push(self.undo_stack, command)
        except StaleEdit as exc:
            self.editor.show_problem(exc)
            if messages.offer_reload(self, str(exc)):
                self.refresh()  # their change on screen, what was typed here put back over it
                self.editor.show_note(f"Reloaded {exc.ref}: what you typed is kept. Save again to apply it.")
            return False
        except WsoaError as exc:
            self.editor.show_problem(exc)
            return False
        node.status = command.saved_status()
        assert self.outline is not None
        self.current.flags = rounds.item_flags(node, self.outline.scheme, date.today(), self.current.signed_off)
        self.list_model.item_changed(self.index)
        self.editor.load(self.outline.scheme, node)
        self.flags_label.setText("Flags: " + "; ".join(self.current.flags) if self.current.flags else "No flags")
        self.saved.emit(node)
        return True

    def move_to(self, index: int) -> bool:
        """Go to another item, saving the shown one first; stays put if the save is refused."""
        if not self.items:
            return False
        index = max(0, min(len(self.items) - 1, index))
        if index == self.index:
            return True
        if not self.leave():
            self._sync_list()
            return False
        self.index = index
        self.show_item()
        return True

    def go_to_ref(self, ref: str) -> bool:
        """Show an item (or the first under a priority or action), saving the shown one first."""
        refs = [i.ref for i in self.items]
        found = next((n for n, r in enumerate(refs) if r == ref or r.startswith(ref + ".")), None)
        return found is not None and self.move_to(found)

    def go(self, step: int) -> None:
        if not self.items:
            return
        if 0 <= self.index + step < len(self.items):
            self.move_to(self.index + step)
        elif self.leave():
            self.editor.show_note("That was the last item in the round." if step > 0
                                  else "This is the first item in the round.")

    def save_and_next(self) -> None:
        if not self.items or not self.leave(confirm=True):
            return
        if self.index < len(self.items) - 1:
            self.move_to(self.index + 1)
        else:
            self.editor.show_note("Saved. That was the last item in the round.")

    def may_close(self) -> bool:
        """Closing the round: ask about unsaved typing (Save / Discard / Cancel)."""
        if not self.is_dirty():
            return True
        answer = messages.ask_unsaved(self, f"What you typed for {self.current.ref} is not saved yet.")
        if answer == "save":
            return self.save()
        return answer == "discard"

    def record_sign_off(self) -> QDialog:
        """Blue needs an approval to close: record it here, with the progress typed so far."""
        from wsoa_desktop.gui.signoff_dialog import SignOffDialog

        ref = self.current.ref
        node = self.current.node
        dialog = SignOffDialog(self.store, self.plan_id, ref, self.period, by=self.user, parent=self,
                               seen=node.status.version if node.status else 0)
        dialog.progress.setPlainText(self.editor.progress.toPlainText())
        dialog.accepted.connect(lambda: self._signed_off(ref))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()  # window-modal: the round waits, nothing typed is lost on Cancel
        return dialog

    def _signed_off(self, ref: str) -> None:
        """The sign-off rated the item Blue with the typed progress: show what is saved now."""
        assert self.outline is not None
        self.editor.load(self.outline.scheme, self.current.node)  # the typed text is saved: not kept
        self.load(self.period)
        node = next((i.node for i in self.items if i.ref == ref), None)
        if node is not None:
            self.saved.emit(node)

    def _list_moved(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._syncing and current.isValid() and current.row() != self.index:
            self.move_to(current.row())

    def _walk_changed(self, control: QWidget) -> None:
        """A new walk order or the flagged-only switch: save first, or undo the switch."""
        if self.leave():
            self.load(self.period)
            return
        control.blockSignals(True)
        if control is self.flagged:
            self.flagged.setChecked(not self.flagged.isChecked())
        else:
            self.order.setCurrentIndex(1 - self.order.currentIndex())
        control.blockSignals(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        plain = not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
        if plain and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focus = self.focusWidget()
            if focus is self.list:
                self.editor.picker.setFocus(Qt.FocusReason.OtherFocusReason)
            elif isinstance(focus, QPushButton):
                focus.click()
            else:  # the reason, the rating row, anywhere else: save and go on, never back
                self.save_and_next()
            return
        super().keyPressEvent(event)


class UpdateRoundDialog(QDialog):
    """The round in its own window; Esc or closing asks about unsaved typing first."""

    def __init__(self, view: UpdateRoundView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.setObjectName("UpdateRoundDialog")
        self.setWindowTitle(f"Update round — {view.period or ''}")
        layout = QVBoxLayout(self)
        layout.addWidget(view)
        self.resize(1000, 740)

    def reject(self) -> None:
        """Esc, the close button and quitting all come here (QDialog's closeEvent calls it)."""
        if self.view.may_close():
            super().reject()
