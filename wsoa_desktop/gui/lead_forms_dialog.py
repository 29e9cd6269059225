"""Returned lead forms: every change and every conflict, before anything is applied.

The officer sees the preview, then applies all the changes in one go (conflicts
are left aside and listed, never guessed), or cancels and nothing changes.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTabWidget, QVBoxLayout, QWidget

from wsoa_desktop.domain.errors import WsoaError
from wsoa_desktop.gui.versions_dialog import _table, _TableModel
from wsoa_desktop.services.lead_form_import import FormImport, apply_forms
from wsoa_desktop.store.database import Store


class FormsPreviewDialog(QDialog):
    def __init__(self, store: Store, preview: FormImport, *, by: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Returned forms for {preview.period_label}")
        self.store, self.preview, self.by = store, preview, by
        self.applied = 0
        n, c = len(preview.changes), len(preview.conflicts)
        intro = QLabel(f"{len(preview.files)} file(s): {n} change(s) to apply, {c} conflict(s)"
                       + (" that will be left aside (listed on the Conflicts tab)." if c else "."))
        intro.setWordWrap(True)
        changes = _TableModel(["Ref", "Rating was", "Rating now", "Progress was", "Progress now", "Reason",
                               "From"], self)
        changes.set_rows([[x.ref, x.old_rating or "", x.new_rating or "", x.old_progress, x.new_progress,
                           x.reason or "", x.source] for x in preview.changes])
        conflicts = _TableModel(["Ref", "Problem", "Details", "From"], self)
        conflicts.set_rows([[x.ref, x.kind, x.message, x.source] for x in preview.conflicts])
        tabs = QTabWidget()
        tabs.addTab(_table(changes, "Changes"), f"Changes ({n})")
        tabs.addTab(_table(conflicts, "Conflicts"), f"Conflicts ({c})")
        if c and not n:
            tabs.setCurrentIndex(1)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #A00000;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(f"Apply {n} change{'s' if n != 1 else ''}")
        ok.setEnabled(n > 0)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(tabs)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(1000, 600)

    def accept(self) -> None:
        try:
            self.applied = apply_forms(self.store, self.preview, by=self.by or None, skip_conflicts=True)
        except WsoaError as exc:
            self.error.setText(str(exc))
            return
        super().accept()
