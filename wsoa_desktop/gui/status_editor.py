"""One item's status for one period, as the officer types it: rating, progress, reason.

Shared by the update round and the Rate… dialog, so both read the same, use the
same keys and keep typed text the same way. The editor remembers what it loaded
(``is_dirty``), never trims what was typed, and shows a refusal (a reason
missing, Blue without a sign-off) in red beside the fields, not in a status bar.

Beside the rating it shows what is saved for this period now: a rating carried
forward from an earlier period is drawn as a hatched chip with "not updated
since August 2022" beside it. :class:`LastPeriodPanel` shows last period's
rating and text.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from wsoa_desktop.domain.errors import WsoaError
from wsoa_desktop.domain.outline import ActionNode, StatusView
from wsoa_desktop.domain.rating_schemes import RatingDefinition, RatingScheme
from wsoa_desktop.domain.status_rules import is_complete, needs_reason, worst_rating
from wsoa_desktop.domain.status_words import not_updated_text
from wsoa_desktop.gui.rating_delegate import paint_chip
from wsoa_desktop.gui.rating_picker import RatingPicker
from wsoa_desktop.services import status

DIRECTION_TEXT = {1: "↑ better than last period", -1: "↓ worse than last period", 0: "→ same as last period"}
#: What to do in this window, added to the service's refusal (which names no buttons).
ADVICE = {
    status.REASON_NEEDED: "Type it in the Reason box.",
    status.SIGN_OFF_NEEDED: "Press Record sign-off… below the rating to record it here.",
    status.PERIOD_CLOSED: "Round ▸ Reopen period makes it editable again.",
}
PROBLEM_STYLE = ("QLabel { color: #8B0000; background: #FDECEA; border: 1px solid #C8102E; "
                 "border-radius: 3px; padding: 4px; font-weight: bold; }")
NOTE_STYLE = "QLabel { padding: 4px; font-style: italic; }"


@dataclass(frozen=True)
class TypedStatus:
    """What is in the fields, exactly as typed."""

    rating: str | None
    progress: str
    reason: str


class RatingChip(QWidget):
    """A rating chip (hatched when not updated) with a caption beside it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rating: RatingDefinition | None = None
        self.caption = ""
        self.not_updated = False
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def show_rating(self, rating: RatingDefinition | None, caption: str, *, not_updated: bool = False,
                    tooltip: str = "") -> None:
        self.rating, self.caption, self.not_updated = rating, caption, not_updated
        self.setToolTip(tooltip)
        self.setAccessibleName(f"{rating.name}, {caption}" if rating and caption else
                               (rating.name if rating else caption))
        self.updateGeometry()
        self.update()

    def text(self) -> str:
        """What the chip says, in words (as a screen reader reads it)."""
        return self.accessibleName()

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        chip = fm.horizontalAdvance(self.rating.name) + 28 if self.rating else 0
        return QSize(chip + fm.horizontalAdvance(self.caption) + 12, fm.height() + 10)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        painter = QPainter(self)
        left = 0
        if self.rating is not None:
            right = paint_chip(painter, QRect(0, 0, self.width(), self.height()), self.rating, self.font(),
                               not_updated=self.not_updated)
            left = int(right) + 8
        font = self.font()
        font.setItalic(self.not_updated)
        painter.setFont(font)
        painter.setPen(self.palette().text().color())
        painter.drawText(QRect(left, 0, self.width() - left, self.height()),
                         int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), self.caption)


def chip_for(chip: RatingChip, scheme: RatingScheme, status: StatusView | None, current: str) -> None:
    """Show a saved status on a chip: "not updated since …" when carried forward."""
    rating = scheme.match(status.rating) if status and status.rating else None
    if status is None or rating is None:
        chip.show_rating(None, "Not rated", tooltip="No rating recorded")
        return
    marker = not_updated_text(status)
    if marker:
        chip.show_rating(rating, marker, not_updated=True,
                         tooltip=f"{rating.name} — {marker}\nIt was carried forward and has not been "
                                 "updated in this period.")
    else:
        chip.show_rating(rating, current, tooltip=f"{rating.name}: {rating.meaning}")


class LastPeriodPanel(QGroupBox):
    """Last period's rating and progress text, read-only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Last period", parent)
        form = QFormLayout(self)
        self.rating = RatingChip(self)
        self.rating.setObjectName("lastRating")
        self.progress = QLabel(self)
        self.progress.setObjectName("lastProgress")
        self.progress.setWordWrap(True)
        self.progress.setTextFormat(Qt.TextFormat.PlainText)
        self.progress.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow("Rating:", self.rating)
        form.addRow("Progress:", self.progress)

    def show_node(self, scheme: RatingScheme, node: ActionNode | None, label: str | None) -> None:
        self.setTitle(f"Last period ({label})" if label else "Last period (none)")
        previous = node.previous if node else None
        chip_for(self.rating, scheme, previous, "")
        self.progress.setText(previous.progress if previous and previous.progress else "—")


class StatusEditor(QWidget):
    """Rating picker, saved status, direction of travel, progress, reason and the problem line."""

    chosen = Signal(str)
    #: "Record sign-off…" was pressed (shown while a complete rating, Blue, is chosen).
    signOffRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scheme: RatingScheme | None = None
        self.node: ActionNode | None = None
        self.base = TypedStatus(None, "", "")
        self.picker = RatingPicker(self)
        self.picker.chosen.connect(self._chosen)
        self.saved = RatingChip(self)
        self.saved.setObjectName("savedRating")
        self.direction = QLabel(self)
        self.direction.setObjectName("direction")
        self.sign_off = QPushButton("Record sign-off…", self)
        self.sign_off.setObjectName("recordSignOff")
        self.sign_off.setAutoDefault(False)
        self.sign_off.setToolTip("Blue rests on an approval to close: record the body, the date and the "
                                 "minute, and the item is rated Blue with the progress typed here")
        self.sign_off.clicked.connect(self.signOffRequested)
        self.sign_off.setVisible(False)
        self.progress = QPlainTextEdit(self)
        self.progress.setObjectName("progress")
        self.progress.setAccessibleName("Progress update")
        self.progress.setTabChangesFocus(True)
        self.progress.setPlaceholderText("What happened this period (Enter starts a new line; Ctrl+Enter saves)")
        self.reason = QLineEdit(self)
        self.reason.setObjectName("reason")
        self.reason.setAccessibleName("Reason for the rating")
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setVisible(False)
        # No Alt mnemonics on these labels: Alt+letter is for the ratings.
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Rating:", self.picker)
        form.addRow("Saved now:", self.saved)
        form.addRow("Direction of travel:", self.direction)
        sign_off_row = QHBoxLayout()
        sign_off_row.addWidget(self.sign_off)
        sign_off_row.addStretch(1)
        form.addRow("", sign_off_row)
        form.addRow("Progress:", self.progress)
        form.addRow("Reason:", self.reason)
        form.addRow(self.message)
        self.setTabOrder(self.picker, self.progress)
        self.setTabOrder(self.progress, self.reason)

    # -- loading ---------------------------------------------------------------------------

    def load(self, scheme: RatingScheme, node: ActionNode) -> None:
        """Show an item's saved status and make it the baseline for ``is_dirty``."""
        self.scheme, self.node = scheme, node
        self.picker.set_scheme(scheme)
        status = node.status or StatusView()
        # A reason carried forward explained last period's rating, not this one's.
        self.base = TypedStatus(status.rating, status.progress, "" if status.carried_forward else status.reason)
        self.picker.set_rating(self.base.rating)
        self.progress.setPlainText(self.base.progress)
        self.reason.setText(self.base.reason)
        chip_for(self.saved, scheme, node.status, "saved for this period")
        self.clear_message()
        self._refresh()

    def put_back(self, typed: TypedStatus) -> None:
        """Show text typed before a reload again (it stays unsaved)."""
        self.picker.set_rating(typed.rating)
        if typed.progress != self.progress.toPlainText():
            self.progress.setPlainText(typed.progress)
        self.reason.setText(typed.reason)
        self._refresh()

    def set_editable(self, editable: bool) -> None:
        for w in (self.picker, self.progress, self.reason, self.sign_off):
            w.setEnabled(editable)

    # -- what was typed --------------------------------------------------------------------

    def typed(self) -> TypedStatus:
        return TypedStatus(self.picker.rating(), self.progress.toPlainText(), self.reason.text())

    def is_dirty(self) -> bool:
        return self.node is not None and self.typed() != self.base

    def is_carried_forward(self) -> bool:
        return bool(self.node and self.node.status and self.node.status.carried_forward)

    def reason_argument(self) -> str | None:
        """The reason for the service: as typed; "" when a shown reason was erased; None to keep."""
        text = self.reason.text()
        if text.strip():
            return text
        return "" if self.base.reason and text != self.base.reason else None

    def reason_missing(self) -> bool:
        """Does the rule ask for a reason that is not typed yet?"""
        if self.scheme is None or self.node is None or self.reason.text().strip():
            return False
        previous = self.node.previous.rating if self.node.previous else None
        return needs_reason(self.scheme, previous, self.picker.rating())

    # -- messages --------------------------------------------------------------------------

    def show_problem(self, problem: WsoaError) -> None:
        """A refusal: why it was not saved and what to do here, in red beside the fields.

        The focus goes where the fix is typed: the reason box, or the sign-off button.
        """
        code = getattr(problem, "code", None)
        advice = ADVICE.get(code, "") if isinstance(code, str) else ""
        self.message.setStyleSheet(PROBLEM_STYLE)
        self.message.setText(f"⚠ Not saved. {problem}" + (f" {advice}" if advice else ""))
        self.message.setAccessibleName("Problem")
        self.message.setVisible(True)
        if code == status.SIGN_OFF_NEEDED and self.sign_off.isVisible():
            self.sign_off.setFocus(Qt.FocusReason.OtherFocusReason)
        elif code == status.REASON_NEEDED or self.reason_missing():
            self.reason.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.picker.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_note(self, text: str) -> None:
        self.message.setStyleSheet(NOTE_STYLE)
        self.message.setText(text)
        self.message.setAccessibleName("Note")
        self.message.setVisible(True)

    def clear_message(self) -> None:
        self.message.clear()
        self.message.setVisible(False)

    # -- inside ----------------------------------------------------------------------------

    def _chosen(self, name: str) -> None:
        self._refresh()
        self.chosen.emit(name)

    def _refresh(self) -> None:
        """Direction of travel and the reason prompt for the rating now chosen."""
        if self.scheme is None or self.node is None:
            return
        pending = self.picker.rating()
        previous = self.node.previous.rating if self.node.previous else None
        marker = not_updated_text(self.node.status)
        if marker and pending == self.base.rating:
            self.direction.setText(f"{marker[:1].upper()}{marker[1:]} — saving confirms {pending} for this period")
        elif previous and pending:
            self.direction.setText(f"{DIRECTION_TEXT[self.scheme.compare(previous, pending)]} "
                                   f"({previous} → {pending})")
        elif pending:
            self.direction.setText("No rating last period")
        else:
            self.direction.setText("")
        self.sign_off.setVisible(is_complete(self.scheme, pending))
        if pending and needs_reason(self.scheme, previous, pending):
            why = f"{previous} → {pending}" if previous and pending != worst_rating(self.scheme) else pending
            self.reason.setPlaceholderText(f"A reason is needed for {why}")
        else:
            self.reason.setPlaceholderText("Why the rating got worse or turned Red")
