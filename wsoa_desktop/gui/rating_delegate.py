"""Ratings drawn as a coloured chip with the rating's name on it.

Colour never carries the meaning alone: the name is always written on the chip
in the scheme's text colour, chosen for WCAG AA contrast on that fill. When the
row is selected the chip keeps its own colours so it still reads the same.

A rating carried forward from an earlier period ("not updated") is drawn
differently in two ways that do not depend on colour: the chip is hatched and
outlined with a dashed line instead of filled, and the words "not updated" are
written beside it (the tooltip and accessible text say since when).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from wsoa_desktop.domain.rating_schemes import RatingDefinition
from wsoa_desktop.domain.status_words import NOT_UPDATED
from wsoa_desktop.gui.plan_tree_model import NOT_UPDATED_ROLE, RATING_ROLE

_H_PAD = 8
_V_MARGIN = 3
_GAP = 6


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
        not_updated = bool(index.data(NOT_UPDATED_ROLE))
        right = paint_chip(painter, opt.rect, rating, opt.font, not_updated=not_updated)
        if not_updated:
            selected = bool(opt.state & QStyle.StateFlag.State_Selected)
            colour = opt.palette.highlightedText().color() if selected else opt.palette.text().color()
            paint_marker(painter, QRect(int(right) + _GAP, opt.rect.top(), opt.rect.right() - int(right) - _GAP,
                                        opt.rect.height()), opt.font, colour)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        # Every row is tall enough for a chip: the tree uses uniform row heights taken from
        # the first row, which is a priority without a rating.
        size = super().sizeHint(option, index)
        rating = index.data(RATING_ROLE)
        if isinstance(rating, RatingDefinition):
            width = option.fontMetrics.horizontalAdvance(rating.name) + 2 * _H_PAD + 8
            if index.data(NOT_UPDATED_ROLE):
                width += _GAP + option.fontMetrics.horizontalAdvance(NOT_UPDATED) + 4
            size.setWidth(max(size.width(), width))
        size.setHeight(max(size.height(), option.fontMetrics.height() + 2 * _V_MARGIN + 2))
        return size


def chip_colours(rating: RatingDefinition, not_updated: bool) -> tuple[QColor, QColor]:
    """(fill, text): the rating's own colours, or a pale tint with dark text when not updated."""
    fill = QColor(rating.colour)
    if not not_updated:
        return fill, QColor(rating.text_colour)
    tint = QColor(int(fill.red() * 0.25 + 255 * 0.75), int(fill.green() * 0.25 + 255 * 0.75),
                  int(fill.blue() * 0.25 + 255 * 0.75))
    return tint, QColor("#000000")  # black on a tint above 75 % white passes WCAG AA


def paint_chip(painter: QPainter, rect: QRect, rating: RatingDefinition, font: QFont, *,
               not_updated: bool = False) -> float:
    """A rounded chip with the rating's name, left-aligned in ``rect``; returns its right edge.

    A current rating is filled with its colour. A carried-forward one is a pale tint,
    hatched with diagonal lines and outlined with a dashed line in the rating's colour.
    """
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(font)
    metrics = painter.fontMetrics()
    width = min(rect.width() - 4, metrics.horizontalAdvance(rating.name) + 2 * _H_PAD)
    height = min(rect.height() - 2, metrics.height() + 2)
    chip = QRectF(rect.left() + 4, rect.center().y() - height / 2 + 0.5, width, height)
    fill, text = chip_colours(rating, not_updated)
    colour = QColor(rating.colour)
    painter.setBrush(fill)
    if not_updated:
        pen = QPen(colour.darker(115), 1.6)
        pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(chip, height / 2, height / 2)
        hatch = QColor(colour)
        hatch.setAlpha(90)
        painter.setBrush(QBrush(hatch, Qt.BrushStyle.BDiagPattern))
        painter.drawRoundedRect(chip, height / 2, height / 2)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(pen)
    else:
        painter.setPen(QPen(fill.darker(130), 1))
    painter.drawRoundedRect(chip, height / 2, height / 2)
    painter.setPen(text)
    painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, rating.name)
    painter.restore()
    return chip.right()


def paint_marker(painter: QPainter, rect: QRect, font: QFont, colour: QColor) -> None:
    """The words "not updated", small and italic, beside a carried-forward chip."""
    if rect.width() <= 4:
        return
    painter.save()
    small = QFont(font)
    small.setItalic(True)
    if small.pointSizeF() > 0:
        small.setPointSizeF(max(small.pointSizeF() * 0.9, 7.0))
    painter.setFont(small)
    painter.setPen(colour)
    text = painter.fontMetrics().elidedText(NOT_UPDATED, Qt.TextElideMode.ElideRight, rect.width())
    painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
    painter.restore()
