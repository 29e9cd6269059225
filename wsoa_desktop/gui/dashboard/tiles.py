"""Small multiples: one tile per measure — its name, status chip, and a small chart of line and readings.

Two hundred QChart objects would take seconds to build; a list view paints only
the tiles on screen, straight from the measures model's
:class:`~wsoa_desktop.domain.measures.ChartNumbers` (the numbers the printed
sparkline uses). The trajectory is dashed, the readings solid with dots, the
target an open square; the status chip carries the status's name.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from wsoa_desktop.domain.measures import baseline_text, status_definition, target_text
from wsoa_desktop.gui.dashboard.models import LINE_ROLE, MeasuresModel
from wsoa_desktop.gui.rating_delegate import paint_chip
from wsoa_desktop.services.dashboard import MeasureLine

TILE = QSize(232, 150)


class MeasureTileDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return TILE

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        line = index.data(LINE_ROLE)
        if not isinstance(line, MeasureLine):
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = option.rect.adjusted(3, 3, -3, -3)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        painter.setPen(QPen(palette.highlight().color() if selected else QColor("#B0B0B0"), 2 if selected else 1))
        painter.setBrush(palette.base())
        painter.drawRoundedRect(QRectF(rect), 4, 4)
        inner = rect.adjusted(6, 4, -6, -4)
        font = option.font
        painter.setFont(font)
        metrics = painter.fontMetrics()
        h = metrics.height()
        painter.setPen(palette.text().color())
        title = metrics.elidedText(f"{line.measure.ref}  {line.measure.title}", Qt.TextElideMode.ElideRight,
                                   inner.width())
        painter.drawText(QRect(inner.left(), inner.top(), inner.width(), h), Qt.AlignmentFlag.AlignLeft, title)
        paint_chip(painter, QRect(inner.left() - 4, inner.top() + h + 2, inner.width(), h + 4),
                   status_definition(line.status), font)
        small = painter.font()
        small.setPointSizeF(max(6.5, small.pointSizeF() * 0.85))
        painter.setFont(small)
        sm = painter.fontMetrics()
        foot = sm.elidedText(f"Baseline {baseline_text(line.measure)} · Target {target_text(line.measure)}",
                             Qt.TextElideMode.ElideRight, inner.width())
        painter.setPen(palette.placeholderText().color())
        painter.drawText(QRect(inner.left(), inner.bottom() - sm.height(), inner.width(), sm.height()),
                         Qt.AlignmentFlag.AlignLeft, foot)
        plot = QRectF(inner.left(), inner.top() + 2 * h + 10, inner.width(),
                      inner.height() - 2 * h - 14 - sm.height())
        paint_sparkline(painter, plot, line, palette.text().color())
        painter.restore()


def paint_sparkline(painter: QPainter, plot: QRectF, line: MeasureLine, ink: QColor) -> None:
    numbers = line.chart
    if numbers.start is None or numbers.end is None or plot.height() < 8:
        painter.setPen(QColor("#6B6B6B"))
        painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, "No line to draw yet")
        return
    start = numbers.start
    span = max((numbers.end - start).days, 1)
    rng = (numbers.high - numbers.low) or 1.0

    def at(day: date, value: float) -> QPointF:
        x = plot.left() + (day - start).days / span * plot.width()
        y = plot.bottom() - (value - numbers.low) / rng * plot.height()
        return QPointF(x, y)

    painter.setPen(QPen(QColor("#D0D0D0"), 1))
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    if len(numbers.trajectory) > 1:
        painter.setPen(QPen(QColor("#6B6B6B"), 1.5, Qt.PenStyle.DashLine))
        path = QPainterPath(at(*numbers.trajectory[0]))
        for p in numbers.trajectory[1:]:
            path.lineTo(at(*p))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
    if numbers.target is not None:
        painter.setPen(QPen(ink, 1.2))
        painter.setBrush(QColor("#FFFFFF"))
        t = at(*numbers.target)
        painter.drawRect(QRectF(t.x() - 3.5, t.y() - 3.5, 7, 7))
    if numbers.readings:
        painter.setPen(QPen(ink, 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if len(numbers.readings) > 1:
            path = QPainterPath(at(*numbers.readings[0]))
            for p in numbers.readings[1:]:
                path.lineTo(at(*p))
            painter.drawPath(path)
        painter.setBrush(ink)
        for p in numbers.readings:
            painter.drawEllipse(at(*p), 2.5, 2.5)


class SmallMultiples(QListView):
    """A grid of measure tiles over the measures model; Enter or double-click opens the measure."""

    def __init__(self, model: MeasuresModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("measureTiles")
        self.setAccessibleName("Impact measures, one small chart each")
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)
        self.setSpacing(4)
        self.setWordWrap(True)
        self.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.setItemDelegate(MeasureTileDelegate(self))
        self.setModel(model)
