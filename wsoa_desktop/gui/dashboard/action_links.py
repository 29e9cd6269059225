"""The measures editor's Actions field: which actions a measure belongs to, typed as ``1.1, 1.2``.

Typing a reference offers the plan's actions (reference and description) to
complete it, and the line under the field says in words what the references
name — or which of them the plan does not have — before anything is saved, so a
mistyped reference is seen at once rather than refused on saving.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLabel, QLineEdit, QVBoxLayout, QWidget

from wsoa_desktop.domain.outline import PlanOutline
from wsoa_desktop.domain.refs import normalise_ref

REF_ROLE = Qt.ItemDataRole.UserRole + 1
SHOWN = 60  # characters of a description in the list offered
HINTED = 40  # characters of each description in the line under the field


def refs_in(text: str) -> list[str]:
    """The references typed, in order (commas or semicolons between them)."""
    return [normalise_ref(part) for part in text.replace(";", ",").split(",") if part.strip()]


class RefListCompleter(QCompleter):
    """Completes the reference being typed after the last comma, keeping the ones before it."""

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 - Qt's name
        return [path.replace(";", ",").split(",")[-1].strip()]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:  # noqa: N802 - Qt's name
        ref = str(index.data(REF_ROLE) or "")
        edit = self.widget()
        text = edit.text() if isinstance(edit, QLineEdit) else ""
        before = text.replace(";", ",").rsplit(",", 1)[0] if "," in text.replace(";", ",") else ""
        return f"{before.strip()}, {ref}" if before.strip() else ref


def _short(text: str, most: int = SHOWN) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[:most - 1].rstrip() + "…"


class ActionLinks(QWidget):
    """The field and the line that says what it names."""

    def __init__(self, edit: QLineEdit, outline: PlanOutline | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = edit
        self.descriptions = {a.ref: a.description for a in outline.iter_actions()} if outline else {}
        model = QStandardItemModel(self)
        for a in (outline.iter_actions() if outline else ()):
            if a.parent_id is None:  # measures belong to actions (sub-actions can be typed, not offered)
                item = QStandardItem(f"{a.ref}  {_short(a.description)}")
                item.setData(a.ref, REF_ROLE)
                model.appendRow(item)
        completer = RefListCompleter(model, self)
        completer.setCompletionRole(REF_ROLE)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchStartsWith)
        edit.setCompleter(completer)
        self.hint = QLabel()
        self.hint.setObjectName("measureActionsHint")
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(edit)
        layout.addWidget(self.hint)
        self.setFocusProxy(edit)
        edit.textChanged.connect(self.update_hint)
        self.update_hint()

    def unknown(self) -> list[str]:
        return [r for r in refs_in(self.edit.text()) if r not in self.descriptions]

    def update_hint(self, *_: object) -> None:
        refs = refs_in(self.edit.text())
        if not refs:
            self.hint.setText("Not linked to an action yet: type a reference such as 1.1 (a list appears).")
            return
        missing = [r for r in refs if r not in self.descriptions]
        named = "; ".join(f"{r} {_short(self.descriptions[r], HINTED)}" for r in refs if r in self.descriptions)
        text = named
        if missing:
            text = (f"The plan has no action {', '.join(missing)}: check the reference. " + text).strip()
        self.hint.setText(text)
