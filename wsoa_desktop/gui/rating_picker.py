"""The rating control: one button per rating, each labelled with its key ("Blue (B)").

A letter picks a rating only while this control has the focus, so a word typed
into a text box is never taken for a rating ("Because Green…" stays text).
Alt+letter picks one from anywhere in the window that installs the keys
(:meth:`RatingPicker.install_alt_keys`). Left and Right step through the legend.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPen,
    QShortcut,
)
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from wsoa_desktop.domain.rating_schemes import RatingScheme


def rating_keys(scheme: RatingScheme) -> dict[str, str]:
    """Letter → rating name: B, G, A, R by first letter, Y for Amber ("Yellow"), N for Grey.

    The first letter of each rating is its key, best rating first. Y also means
    Amber, as the August 2022 appendix writes "Yellow". A rating whose first letter
    is taken gets N if it means "not started" (Grey after Green), else the first
    free letter of its name or synonyms.
    """
    ordered = sorted(scheme.ratings, key=lambda r: r.position)
    keys: dict[str, str] = {}
    for r in ordered:
        letter = r.name[:1].upper()
        if letter.isalpha() and letter not in keys:
            keys[letter] = r.name
    yellow = scheme.match("Yellow")
    if yellow is not None:
        keys.setdefault("Y", yellow.name)
    for r in ordered:
        if r.name in keys.values():
            continue
        words = (r.name, *r.synonyms)
        candidates = (["N"] if r.is_not_started else []) + [w[:1].upper() for w in words] + \
            [c.upper() for w in words for c in w]
        free = next((c for c in candidates if c.isalpha() and c not in keys), None)
        if free is not None:
            keys[free] = r.name
    return keys


def key_for(keys: dict[str, str], name: str) -> str:
    """The key shown beside a rating's name: its first letter when that is its key."""
    mine = [k for k, v in keys.items() if v == name]
    return name[:1].upper() if name[:1].upper() in mine else (mine[0] if mine else "")


def keys_text(keys: dict[str, str]) -> str:
    """``"B Blue, G Green, A/Y Amber, R Red, N Grey"`` for a help line."""
    by_rating: dict[str, list[str]] = {}
    for k, v in keys.items():
        by_rating.setdefault(v, []).append(k)
    return ", ".join(f"{'/'.join(ks)} {name}" for name, ks in by_rating.items())


class RatingPicker(QWidget):
    """Checkable rating buttons; letter keys while focused, Alt+letter where installed."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ratingPicker")
        self.setAccessibleName("Rating")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(3, 3, 3, 3)
        self.buttons: dict[str, QPushButton] = {}
        self.keys: dict[str, str] = {}
        self._order: list[str] = []
        self._rating: str | None = None
        self._shortcuts: list[QShortcut] = []

    def set_scheme(self, scheme: RatingScheme) -> None:
        """One button per rating, in legend order, each named with its key."""
        if self._order == scheme.names():
            return
        while self._row.count():
            item = self._row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.buttons.clear()
        self.keys = rating_keys(scheme)
        self._order = scheme.names()
        for r in sorted(scheme.ratings, key=lambda r: r.position):
            key = key_for(self.keys, r.name)
            b = QPushButton(f"{r.name} ({key})" if key else r.name, self)
            b.setCheckable(True)
            b.setAutoDefault(False)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the picker itself takes the focus and the keys
            b.setAccessibleName(f"Rating {r.name}")
            others = [k for k, v in self.keys.items() if v == r.name and k != key]
            b.setToolTip(f"{r.name}: {r.meaning}\nKey: {key}" + (f" (or {', '.join(others)})" if others else "")
                         + f" on the rating row, Alt+{key} anywhere")
            b.setStyleSheet(f"QPushButton:checked {{ background: {r.colour}; color: {r.text_colour}; "
                            "font-weight: bold; }")
            b.clicked.connect(lambda _=False, name=r.name: self._clicked(name))
            self._row.addWidget(b)
            self.buttons[r.name] = b
        self._row.addStretch(1)
        self.setAccessibleDescription("Press " + ", ".join(f"{k} for {v}" for k, v in self.keys.items()))
        self.set_rating(self._rating)

    def install_alt_keys(self, host: QWidget) -> None:
        """Alt+letter picks a rating while the focus is anywhere inside ``host``."""
        for sc in self._shortcuts:
            sc.setParent(None)
        self._shortcuts = []
        for letter, name in self.keys.items():
            sc = QShortcut(QKeySequence(f"Alt+{letter}"), host)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(lambda name=name: self.choose(name))
            self._shortcuts.append(sc)

    def rating(self) -> str | None:
        return self._rating

    def set_rating(self, name: str | None) -> None:
        """Show a rating as chosen, without signalling (loading an item)."""
        self._rating = name
        for n, b in self.buttons.items():
            b.setChecked(n == name)

    def choose(self, name: str) -> None:
        """The officer picked a rating (key, Alt+key or click)."""
        if not self.isEnabled():
            return
        self.set_rating(name)
        self.chosen.emit(name)

    def _clicked(self, name: str) -> None:
        self.choose(name)
        self.setFocus(Qt.FocusReason.MouseFocusReason)  # the next letter goes to the picker

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        mods = event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier & ~Qt.KeyboardModifier.KeypadModifier
        text = event.text().upper()
        if not mods and text in self.keys:
            self.choose(self.keys[text])
            return
        if not mods and event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right) and self._order:
            step = -1 if event.key() == Qt.Key.Key_Left else 1
            at = self._order.index(self._rating) if self._rating in self._order else (-1 if step > 0 else 0)
            self.choose(self._order[(at + step) % len(self._order)])
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        super().paintEvent(event)
        if self.hasFocus():  # a clear frame: this is where rating letters go
            painter = QPainter(self)
            pen = QPen(self.palette().highlight().color(), 2)
            painter.setPen(pen)
            painter.drawRoundedRect(QRect(1, 1, self.width() - 2, self.height() - 2), 4, 4)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt name)
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt name)
        super().focusOutEvent(event)
        self.update()
