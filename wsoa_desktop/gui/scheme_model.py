"""The rating scheme being defined, as an editable table: one row per rating, in legend order.

Each row is a :class:`RatingDraft`; the model only edits drafts (nothing is
saved until the dialog's OK, through the service). A new fill colour gets the
better of black or white text at once, and the Contrast column shows the WCAG
ratio on a preview of the chip, so a colour that cannot be read is seen before
it is saved. Complete and Not started are exclusive: ticking one rating clears
the others. Tested without a view (``tests/gui/test_scheme_dialog.py``).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from wsoa_desktop.domain.colour_contrast import (
    best_text_colour,
    describe_contrast,
    meets_aa,
    normalise_hex,
)
from wsoa_desktop.domain.scheme_design import RatingDraft, split_synonyms

ModelIndex = QModelIndex | QPersistentModelIndex
NAME, MEANING, COLOUR, TEXT, PREVIEW, CONTRAST, SYNONYMS, COMPLETE, NOT_STARTED, SEVERITY, IN_USE = range(11)
COLUMNS = ("Name", "Meaning", "Colour", "Text colour", "Preview", "Contrast", "Synonyms", "Means complete",
           "Means not started", "Severity (0 = best)", "In use")
TIPS = {
    COLOUR: "The fill, as #RRGGBB; the text colour follows it (black or white, whichever reads better)",
    TEXT: "The colour of the rating's name on its fill",
    PREVIEW: "The rating as reports and the plan show it: its name on its colour",
    CONTRAST: "WCAG contrast of the name on its fill; AA needs 4.5:1",
    SYNONYMS: "Other words that mean this rating when typed or imported, separated by commas (Yellow, A)",
    COMPLETE: "The rating that means complete: it rests on a sign-off and stops an item being overdue",
    NOT_STARTED: "The rating that means not started (it is not compared for better or worse)",
    SEVERITY: "The order from best (0) to worst; a move to a higher number is worse and needs a reason",
    IN_USE: "How many ratings in the plan hold it (a rating in use cannot be removed without choosing "
            "what it becomes)",
}


class SchemeModel(QAbstractTableModel):
    """Drafts of the scheme's ratings; ``in_use`` maps an original name to how many statuses hold it."""

    def __init__(self, drafts: list[RatingDraft] | None = None, in_use: dict[str, int] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.drafts: list[RatingDraft] = list(drafts or [])
        self.in_use = dict(in_use or {})

    # -- reading --------------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.drafts)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section]
            if role == Qt.ItemDataRole.ToolTipRole:
                return TIPS.get(section)
        elif role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def uses(self, row: int) -> int:
        original = self.drafts[row].original
        return self.in_use.get(original, 0) if original else 0

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.drafts):
            return None
        d, col = self.drafts[index.row()], index.column()
        fill, text = normalise_hex(d.colour), normalise_hex(d.text_colour)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            values = {NAME: d.name, MEANING: d.meaning, COLOUR: d.colour, TEXT: d.text_colour,
                      SYNONYMS: ", ".join(d.synonyms), SEVERITY: d.severity if role == Qt.ItemDataRole.EditRole
                      else ("—" if d.is_not_started else str(d.severity)), IN_USE: str(self.uses(index.row()))}
            if col == PREVIEW:
                return d.name or "Rating"
            if col == CONTRAST:
                return describe_contrast(fill, text) if fill and text else "Give both colours as #RRGGBB"
            if col in (COMPLETE, NOT_STARTED):
                return None  # the tick says it
            return values.get(col)
        if role == Qt.ItemDataRole.CheckStateRole and col in (COMPLETE, NOT_STARTED):
            on = d.is_complete if col == COMPLETE else d.is_not_started
            return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        if col == PREVIEW and fill and text:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QColor(fill)
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor(text)
        if col == CONTRAST and role == Qt.ItemDataRole.ForegroundRole and not (fill and text and meets_aa(fill, text)):
            return QColor("#A00000")
        if col == COLOUR and role == Qt.ItemDataRole.DecorationRole and fill:
            return QColor(fill)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == MEANING and d.meaning:
                return d.meaning
            if col == CONTRAST and fill and text and not meets_aa(fill, text):
                return f"Too low to read: {describe_contrast(fill, text)}"
            return TIPS.get(col)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if col == PREVIEW:
                return f"{d.name} on {d.colour}, text {d.text_colour}"
            if col in (COMPLETE, NOT_STARTED):
                return "Yes" if (d.is_complete if col == COMPLETE else d.is_not_started) else "No"
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (COMPLETE, NOT_STARTED):
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() in (PREVIEW, CONTRAST, IN_USE):
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    # -- editing --------------------------------------------------------------------------

    def setData(self, index: ModelIndex, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid():
            return False
        row, col = index.row(), index.column()
        d = self.drafts[row]
        if role == Qt.ItemDataRole.CheckStateRole and col in (COMPLETE, NOT_STARTED):
            on = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
            self.set_flag(row, "is_complete" if col == COMPLETE else "is_not_started", on)
            return True
        if role != Qt.ItemDataRole.EditRole:
            return False
        text = str(value if value is not None else "")
        if col == NAME:
            d.name = text.strip()
        elif col == MEANING:
            d.meaning = text.strip()
        elif col == COLOUR:
            self.set_colour(row, text)
            return True
        elif col == TEXT:
            d.text_colour = normalise_hex(text) or text.strip()
        elif col == SYNONYMS:
            d.synonyms = split_synonyms(text)
        elif col == SEVERITY:
            try:
                d.severity = int(str(value).strip())
            except ValueError:
                return False
        else:
            return False
        self._changed(row)
        return True

    def set_colour(self, row: int, colour: str) -> None:
        """A new fill; its text becomes the better of black and white."""
        d = self.drafts[row]
        fill = normalise_hex(colour)
        d.colour = fill or colour.strip()
        if fill:
            d.text_colour = best_text_colour(fill)
        self._changed(row)

    def use_best_text(self, row: int) -> None:
        d = self.drafts[row]
        fill = normalise_hex(d.colour)
        if fill:
            d.text_colour = best_text_colour(fill)
            self._changed(row)

    def set_flag(self, row: int, flag: str, on: bool) -> None:
        """Complete / not started: at most one rating each, and never both on one rating."""
        for i, d in enumerate(self.drafts):
            before = (d.is_complete, d.is_not_started)
            if i == row:
                setattr(d, flag, on)
                if on:
                    setattr(d, "is_not_started" if flag == "is_complete" else "is_complete", False)
            elif on:
                setattr(d, flag, False)
            if (d.is_complete, d.is_not_started) != before or i == row:
                self._changed(i)

    def _changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def add_rating(self) -> int:
        """A new rating at the end, one step more severe than the worst; returns its row."""
        worst = max((d.severity for d in self.drafts if not d.is_not_started), default=-1)
        row = len(self.drafts)
        self.beginInsertRows(QModelIndex(), row, row)
        self.drafts.append(RatingDraft("", "", "#FFFFFF", "#000000", severity=worst + 1))
        self.endInsertRows()
        return row

    def remove_rating(self, row: int) -> RatingDraft | None:
        if not 0 <= row < len(self.drafts):
            return None
        self.beginRemoveRows(QModelIndex(), row, row)
        gone = self.drafts.pop(row)
        self.endRemoveRows()
        return gone

    def move_rating(self, row: int, step: int) -> int:
        """Move a rating up (-1) or down (+1) in the legend; returns its new row."""
        other = row + step
        if not (0 <= row < len(self.drafts) and 0 <= other < len(self.drafts)):
            return row
        dest = other + 1 if step > 0 else other
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), dest)
        self.drafts[row], self.drafts[other] = self.drafts[other], self.drafts[row]
        self.endMoveRows()
        return other

    def reset(self, drafts: list[RatingDraft], in_use: dict[str, int] | None = None) -> None:
        self.beginResetModel()
        self.drafts = list(drafts)
        if in_use is not None:
            self.in_use = dict(in_use)
        self.endResetModel()

    def removed_in_use(self) -> dict[str, int]:
        """Original ratings no row edits any more, that statuses still hold: they need mapping."""
        kept = {d.original for d in self.drafts if d.original}
        return {name: n for name, n in self.in_use.items() if n and name not in kept}
