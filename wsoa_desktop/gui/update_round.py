"""The update round: walk the items due an update, one key per rating, type the progress.

Built so 75 updates take minutes: the keyboard never has to leave the home row.
Outside the text boxes a letter picks a rating (B, G, A, R, Y for Amber, and the
first letter of any rating in the plan's scheme); Alt+letter works anywhere.
Ctrl+Enter saves and moves on, Page Down/Page Up move without saving. Beside the
new rating the view shows last period's rating and text, the direction of travel
and the item's flags. A change for the worse, or to Red, asks for a reason before
it is saved (the service refuses it otherwise).

Each save is a :class:`RateCommand` on the undo stack that calls the rounds service.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wsoa_desktop.domain.errors import WsoaError
from wsoa_desktop.domain.outline import PlanOutline, StatusView
from wsoa_desktop.services import rounds
from wsoa_desktop.store.database import Store

DIRECTION_TEXT = {1: "↑ better than last period", -1: "↓ worse than last period", 0: "→ no change in direction"}


class RateCommand(QUndoCommand):
    """Set one item's rating, progress and reason; undo puts back exactly what was there."""

    def __init__(self, store: Store, plan_id: int, period: str, ref: str, rating: str | None, progress: str,
                 reason: str | None, by: str, on_change=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(f"Rate {ref} {rating or 'unrated'}")
        self.on_change = on_change  # called after an undo or redo, to refresh the screens
        self.store, self.plan_id, self.period, self.ref = store, plan_id, period, ref
        self.rating, self.progress, self.reason, self.by = rating, progress, reason, by
        self.before = rounds.status_state(store, plan_id, ref, period)
        self.error: WsoaError | None = None
        self._already_applied = False

    def apply(self) -> None:
        rounds.rate(self.store, self.plan_id, self.ref, self.period, self.rating, progress=self.progress,
                    reason=self.reason, by=self.by)

    def redo(self) -> None:
        if self._already_applied:  # the first redo happens in push(), after apply() succeeded
            self._already_applied = False
            return
        self._guard(self.apply)

    def undo(self) -> None:
        self._guard(lambda: rounds.restore_status(self.store, self.plan_id, self.ref, self.period,
                                                  self.before, by=self.by))

    def _guard(self, fn) -> None:  # type: ignore[no-untyped-def]
        """A refusal (say the period was closed since) makes the command obsolete, not a crash."""
        try:
            fn()
            self.error = None
        except WsoaError as exc:
            self.error = exc
            self.setObsolete(True)
        if self.on_change is not None:
            self.on_change()


def push_rating(stack: QUndoStack | None, command: RateCommand) -> None:
    """Apply first, so a refusal raises here (with its message) and never lands on the stack."""
    command.apply()
    if stack is not None:
        command._already_applied = True
        stack.push(command)


class UpdateRoundView(QWidget):
    """The focused round view for one plan and one (open) period."""

    saved = Signal(str)  # the ref just saved

    def __init__(self, store: Store, plan_id: int, period_label: str | None = None, *,
                 undo_stack: QUndoStack | None = None, user: str = "", on_change=None,  # type: ignore[no-untyped-def]
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.on_change = on_change
        self.setObjectName("UpdateRoundView")
        self.setAccessibleName("Update round")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.store, self.plan_id, self.undo_stack, self.user = store, plan_id, undo_stack, user
        self.outline: PlanOutline | None = None
        self.items: list[rounds.RoundItem] = []
        self.index = 0
        self.pending: str | None = None
        self._build()
        self.load(period_label)

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
        self.order.currentIndexChanged.connect(lambda *_: self.load(self.period))
        self.flagged.toggled.connect(lambda *_: self.load(self.period))

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setStyleSheet("font-weight: bold;")
        self.details = QLabel()
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.flags_label = QLabel()
        self.flags_label.setObjectName("flags")
        self.flags_label.setTextFormat(Qt.TextFormat.PlainText)
        self.flags_label.setWordWrap(True)

        previous = QGroupBox("Last period")
        form = QFormLayout(previous)
        self.prev_rating = QLabel()
        self.prev_progress = QLabel()
        self.prev_progress.setWordWrap(True)
        self.prev_progress.setTextFormat(Qt.TextFormat.PlainText)
        self.prev_progress.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow("Rating:", self.prev_rating)
        form.addRow("Progress:", self.prev_progress)

        current = QGroupBox("This period")
        form2 = QFormLayout(current)
        self.rating_row = QHBoxLayout()
        self.rating_buttons: dict[str, QPushButton] = {}
        rating_box = QWidget()
        rating_box.setLayout(self.rating_row)
        self.direction = QLabel()
        self.direction.setObjectName("direction")
        self.progress = QPlainTextEdit()
        self.progress.setAccessibleName("Progress update")
        self.progress.setTabChangesFocus(True)
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Reason for the change")
        self.reason.setPlaceholderText("Why the rating got worse or turned Red")
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #A00000;")
        form2.addRow("Rating:", rating_box)
        form2.addRow("", self.direction)
        form2.addRow("Progress:", self.progress)
        form2.addRow("Reason:", self.reason)
        form2.addRow("", self.message)

        buttons = QHBoxLayout()
        self.back = QPushButton("◀ Previous (PgUp)")
        self.save_next = QPushButton("Save and next (Ctrl+Enter)")
        self.skip = QPushButton("Next ▶ (PgDn)")
        self.save_next.setDefault(True)
        for b in (self.back, self.save_next, self.skip):
            buttons.addWidget(b)
        self.back.clicked.connect(lambda: self.go(-1))
        self.skip.clicked.connect(lambda: self.go(1))
        self.save_next.clicked.connect(self.save_and_next)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.heading)
        layout.addWidget(self.details)
        layout.addWidget(self.flags_label)
        layout.addWidget(previous)
        layout.addWidget(current, 1)
        layout.addLayout(buttons)

        for seq, slot in (("Ctrl+Return", self.save_and_next), ("Ctrl+Enter", self.save_and_next),
                          ("PgDown", lambda: self.go(1)), ("PgUp", lambda: self.go(-1)),
                          ("Alt+Right", lambda: self.go(1)), ("Alt+Left", lambda: self.go(-1))):
            sc = QShortcut(QKeySequence(seq), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)

    def _rating_keys(self) -> dict[str, str]:
        """Letter → rating name: first letters, one-letter synonyms, and Y for Amber (“Yellow”)."""
        keys: dict[str, str] = {}
        assert self.outline is not None
        scheme = self.outline.scheme
        for r in scheme.ratings:
            for word in (r.name, *r.synonyms):
                letter = word[:1].upper()
                if letter and (len(word) == 1 or word == r.name):
                    keys.setdefault(letter, r.name)
        yellow = scheme.match("Yellow")
        if yellow is not None:
            keys.setdefault("Y", yellow.name)
        for r in scheme.ratings:  # a rating whose first letter is taken (Grey after Green): N for "Not started"
            if r.name not in keys.values():
                for word in (*r.synonyms, r.name):
                    free = [c.upper() for c in word if c.isalpha() and c.upper() not in keys]
                    if free:
                        keys[free[0]] = r.name
                        break
        return keys

    def _build_rating_buttons(self) -> None:
        while self.rating_row.count():
            w = self.rating_row.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        self.rating_buttons.clear()
        assert self.outline is not None
        keys = self._rating_keys()
        for r in sorted(self.outline.scheme.ratings, key=lambda r: r.position):
            letter = next((k for k, v in keys.items() if v == r.name), "")
            b = QPushButton(f"{r.name} ({letter})" if letter else r.name)
            b.setCheckable(True)
            b.setAccessibleName(f"Rating {r.name}")
            b.setStyleSheet(f"QPushButton:checked {{ background: {r.colour}; color: {r.text_colour}; "
                            "font-weight: bold; }")
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(lambda _=False, name=r.name: self.choose(name))
            self.rating_row.addWidget(b)
            self.rating_buttons[r.name] = b
        self.keys = keys
        for sc in getattr(self, "_alt_shortcuts", []):
            sc.setParent(None)
        self._alt_shortcuts = []
        for letter, name in keys.items():  # Alt+letter works even while typing the progress
            sc = QShortcut(QKeySequence(f"Alt+{letter}"), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(lambda name=name: self.choose(name))
            self._alt_shortcuts.append(sc)

    # -- data ----------------------------------------------------------------------------

    @property
    def period(self) -> str | None:
        return self.outline.period.label if self.outline and self.outline.period else None

    def load(self, period_label: str | None) -> None:
        keep = self.current.ref if self.items and 0 <= self.index < len(self.items) else None
        first = self.outline is None
        self.outline, _ = rounds.load_round(self.store, self.plan_id, period_label)
        self.items = rounds.round_items(self.outline, rounds.signed_off_ids(self.store, self.plan_id),
                                        order=self.order.currentData(), flagged_only=self.flagged.isChecked())
        if first or set(self.rating_buttons) != set(self.outline.scheme.names()):
            self._build_rating_buttons()
        p = self.outline.period
        prev = self.outline.previous_period
        closed = " — closed, read-only" if p and p.is_closed else ""
        self.period_label.setText(f"{p.label if p else 'No period'}{closed}"
                                  + (f" (last period: {prev.label})" if prev else ""))
        refs = [i.ref for i in self.items]
        self.index = refs.index(keep) if keep in refs else 0
        self.show_item()

    @property
    def current(self) -> rounds.RoundItem:
        return self.items[self.index]

    def show_item(self) -> None:
        editable = bool(self.items) and not (self.outline and self.outline.period and self.outline.period.is_closed)
        for w in (self.progress, self.reason, self.save_next, *self.rating_buttons.values()):
            w.setEnabled(editable)
        self.message.clear()
        if not self.items:
            self.position.setText("0 of 0")
            self.heading.setText("Nothing to update in this period.")
            for w in (self.details, self.flags_label, self.prev_rating, self.prev_progress, self.direction):
                w.clear()
            self.progress.clear()
            self.reason.clear()
            return
        item = self.current
        node = item.node
        self.position.setText(f"{self.index + 1} of {len(self.items)}")
        self.heading.setText(f"{node.ref}  {node.description}")
        self.details.setText(f"Lead: {node.lead_display or '—'}    Target: {node.target.text or '—'}")
        self.flags_label.setText("Flags: " + "; ".join(item.flags) if item.flags else "No flags")
        prev = node.previous
        self.prev_rating.setText(prev.rating if prev and prev.rating else "Unrated")
        self.prev_progress.setText(prev.progress if prev and prev.progress else "—")
        status = node.status or StatusView()
        self.pending = status.rating
        self.progress.setPlainText(status.progress)
        self.reason.setText("" if status.carried_forward else status.reason)
        self._show_rating()
        self.setFocus()

    def _show_rating(self) -> None:
        for name, b in self.rating_buttons.items():
            b.setChecked(name == self.pending)
        if not self.items or self.outline is None:
            return
        node = self.current.node
        before = node.previous.rating if node.previous else None
        self.direction.setText(DIRECTION_TEXT[self.outline.scheme.compare(before, self.pending)]
                               if before and self.pending else "")
        needs = rounds.needs_reason(self.outline.scheme, before, self.pending)
        self.reason.setPlaceholderText("A reason is needed for this change" if needs
                                       else "Why the rating got worse or turned Red")

    def choose(self, rating: str) -> None:
        if not self.save_next.isEnabled():
            return
        self.pending = rating
        self._show_rating()

    # -- moving and saving ---------------------------------------------------------------

    def go(self, step: int) -> None:
        if self.items:
            self.index = max(0, min(len(self.items) - 1, self.index + step))
            self.show_item()

    def _changed(self) -> bool:
        status = self.current.node.status or StatusView()
        return (status.carried_forward or status.rating != self.pending
                or status.progress != self.progress.toPlainText()
                or (self.reason.text().strip() != "" and self.reason.text() != status.reason))

    def save(self) -> bool:
        """Save the shown item if anything changed; False (with the reason shown) if refused."""
        if not self.items or not self.save_next.isEnabled() or not self._changed():
            return True
        node = self.current.node
        reason = self.reason.text().strip() or None
        try:
            push_rating(self.undo_stack, RateCommand(self.store, self.plan_id, self.period or "", node.ref,
                                                     self.pending, self.progress.toPlainText(), reason,
                                                     self.user, self.on_change))
        except WsoaError as exc:
            self.message.setText(str(exc))
            self.reason.setFocus()
            return False
        state = rounds.status_state(self.store, self.plan_id, node.ref, self.period)
        node.status = StatusView(state.rating, state.progress, state.reason, self.user, None,
                                 state.carried_forward)
        signed = self.current.signed_off
        self.current.flags = rounds.item_flags(node, self.outline.scheme, _today(), signed)  # type: ignore[union-attr]
        self.saved.emit(node.ref)
        return True

    def save_and_next(self) -> None:
        if self.save():
            if self.index < len(self.items) - 1:
                self.go(1)
            else:
                self.show_item()
                self.message.setText("That was the last item in the round.")

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        text = event.text().upper()
        editing = self.focusWidget() in (self.progress, self.reason)
        plain = not (event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier))
        if text and text in getattr(self, "keys", {}) and plain and not editing:
            self.choose(self.keys[text])
            return
        if event.key() == Qt.Key.Key_Escape and editing:
            self.setFocus()
            return
        super().keyPressEvent(event)


def _today():  # type: ignore[no-untyped-def]
    from datetime import date

    return date.today()
