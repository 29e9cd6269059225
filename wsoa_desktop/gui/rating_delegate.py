"""Ratings drawn as a coloured chip with the rating's name on it.

Colour never carries the meaning alone: the name is always written on the chip
in the scheme's text colour, chosen for WCAG AA contrast on that fill. When the
row is selected the chip keeps its own colours so it still reads the same.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from wsoa_desktop.domain.rating_schemes import RatingDefinition
from wsoa_desktop.gui.plan_tree_model import RATING_ROLE

_H_PAD = 8
_V_MARGIN = 3


class RatingDelegate(QStyledItemDelegate):
    """Paints the rating column; everything else is the style's normal cell."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        rating = index.data(RATING_ROLE)
        if not isinstance(rating, RatingDefinition):
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        paint_chip(painter, opt.rect, rating, opt.font)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        # Every row is tall enough for a chip: the tree uses uniform row heights taken from
        # the first row, which is a priority without a rating.
        size = super().sizeHint(option, index)
        rating = index.data(RATING_ROLE)
        if isinstance(rating, RatingDefinition):
            size.setWidth(max(size.width(), option.fontMetrics.horizontalAdvance(rating.name) + 2 * _H_PAD + 8))
        size.setHeight(max(size.height(), option.fontMetrics.height() + 2 * _V_MARGIN + 2))
        return size


def paint_chip(painter: QPainter, rect, rating: RatingDefinition, font) -> None:  # type: ignore[no-untyped-def]
    """A rounded chip in the rating's colour with its name, left-aligned in ``rect``."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(font)
    metrics = painter.fontMetrics()
    width = min(rect.width() - 4, metrics.horizontalAdvance(rating.name) + 2 * _H_PAD)
    height = min(rect.height() - 2, metrics.height() + 2)
    chip = QRectF(rect.left() + 4, rect.center().y() - height / 2 + 0.5, width, height)
    fill = QColor(rating.colour)
    painter.setBrush(fill)
    painter.setPen(QPen(fill.darker(130), 1))
    painter.drawRoundedRect(chip, height / 2, height / 2)
    painter.setPen(QColor(rating.text_colour))
    painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, rating.name)
    painter.restore()
