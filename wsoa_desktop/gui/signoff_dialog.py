"""Sign off an item: the approving body, the date and the minute or reference.

The body is picked from the plan's boards (the board marked as signing off
comes first; Plan ▸ Boards and people… edits them), or typed when the approval
came from elsewhere. The dialog stays open with the plain reason when the
service refuses (no minute, a date in the future), so nothing typed is lost.

Two officers at once: the sign-off names the version of the item's status the
officer saw (``seen``). When someone else saved that status first, the refusal
offers Reload; the window then shows their change and the dialog stays open with
everything typed, to record again (or cancel) on what is now saved.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from wsoa_desktop.domain.errors import StaleEdit, WsoaError
from wsoa_desktop.domain.status_rules import complete_rating
from wsoa_desktop.gui import messages
from wsoa_desktop.services import governance, rounds, signoff
from wsoa_desktop.services.plans import scheme_for
from wsoa_desktop.store.database import Store


class SignOffDialog(QDialog):
    def __init__(self, store: Store, plan_id: int, ref: str, period_label: str | None, *, by: str = "",
                 parent: QWidget | None = None, seen: int | None = None,
                 on_reload: Callable[[], None] | None = None) -> None:
        """``seen``: the status version the window shows (read now when not given); ``on_reload``: how the
        window shows someone else's change when the officer chooses Reload."""
        super().__init__(parent)
        self.setObjectName("signOffDialog")
        self.seen = seen if seen is not None else rounds.status_state(store, plan_id, ref, period_label).version
        self.on_reload = on_reload
        self.setWindowTitle(f"Sign off {ref}")
        self.store, self.plan_id, self.ref, self.period, self.by = store, plan_id, ref, period_label, by
        self.body = QComboBox()
        self.body.setEditable(True)
        self.body.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        bodies = governance.sign_off_bodies(store, plan_id)
        self.body.addItems(bodies)
        self.body.setCurrentIndex(0 if bodies else -1)
        self.body.setAccessibleName("Approving body")
        self.body.setToolTip("The board whose approval closes the item (the plan's boards are listed; "
                             "type another name if the approval came from elsewhere)")
        self.approved_on = QDateEdit(QDate.currentDate())
        self.approved_on.setCalendarPopup(True)
        self.approved_on.setDisplayFormat("d MMMM yyyy")
        self.approved_on.setMaximumDate(QDate.currentDate())
        self.approved_on.setAccessibleName("Date approved")
        self.minute = QLineEdit()
        first = bodies[0] if bodies else "Board"
        self.minute.setPlaceholderText(f"e.g. {first} 14 September 2022, minute 5")
        self.minute.setAccessibleName("Minute or reference")
        self.progress = QPlainTextEdit()
        self.progress.setPlaceholderText("Progress text to record with the complete rating (optional)")
        complete = complete_rating(scheme_for(store, plan_id)) or "Complete"
        self.set_blue = QCheckBox(f"Rate it complete ({complete}) for this period")
        self.set_blue.setChecked(True)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #A00000;")
        earlier = signoff.sign_offs(store, plan_id, ref)
        form = QFormLayout()
        form.addRow("Approved by:", self.body)
        form.addRow("Date:", self.approved_on)
        form.addRow("Minute or reference:", self.minute)
        form.addRow("Progress:", self.progress)
        form.addRow("", self.set_blue)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Record sign-off")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        signer = f"from the {bodies[0]}" if bodies else "from the board that signs off the plan's actions"
        intro = QLabel(f"Period: {period_label or 'the latest'}. {complete} means approval to close was "
                       f"obtained {signer}.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        if earlier:
            shown = "; ".join(f"{v.body}, {v.approved_on:%d %b %Y}, {v.minute_ref}" for v in earlier)
            already = QLabel(f"Already signed off: {shown}")
            already.setWordWrap(True)
            layout.addWidget(already)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def approved_date(self) -> date:
        d = self.approved_on.date()
        return date(d.year(), d.month(), d.day())

    def accept(self) -> None:
        try:
            signoff.record_sign_off(self.store, self.plan_id, self.ref, approved_on=self.approved_date(),
                                    minute_ref=self.minute.text(), body=self.body.currentText(),
                                    period_label=self.period, set_complete=self.set_blue.isChecked(),
                                    progress=self.progress.toPlainText() or None, by=self.by or None,
                                    seen=self.seen)
        except StaleEdit as exc:
            self.error.setText(str(exc))
            if messages.offer_reload(self, str(exc)):
                self.seen = rounds.status_state(self.store, self.plan_id, self.ref, self.period).version
                if self.on_reload is not None:
                    self.on_reload()
                self.error.setText(f"Reloaded: {self.ref} now shows what {exc.by or 'the other officer'} saved. "
                                   "What you typed is kept: record the sign-off again, or cancel.")
            return
        except WsoaError as exc:
            self.error.setText(str(exc))
            return
        super().accept()
