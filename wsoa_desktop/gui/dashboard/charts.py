"""QtCharts drawn from the dashboard's models: stacked bars of ratings, one measure's trajectory.

Each chart reads its numbers from the model its table view shows, so the two
cannot disagree, and is rebuilt when the model is reset. Every chart has a title
and titled axes; ratings carry their names in the legend and in the tooltip of
each bar segment (colour is never the only signal), and the Table tab beside
every chart gives all the numbers to a screen reader.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCharts import (
    QAbstractAxis,
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QDateTimeAxis,
    QHorizontalStackedBarSeries,
    QLineSeries,
    QScatterSeries,
    QStackedBarSeries,
    QValueAxis,
    QXYSeries,
)
from PySide6.QtCore import QDate, QDateTime, QMargins, Qt, QTime
from PySide6.QtGui import QColor, QCursor, QFont, QPainter, QPen
from PySide6.QtWidgets import QToolTip

from wsoa_desktop.domain.measures import STATUS_SHORT, format_number
from wsoa_desktop.gui.dashboard.models import MeasuresModel, _CountsTable
from wsoa_desktop.services.dashboard import MeasureLine, short_period

NOT_RATED_BORDER = "#7F7F7F"


def _clear(chart: QChart) -> None:
    chart.removeAllSeries()
    for axis in chart.axes():
        chart.removeAxis(axis)
        axis.deleteLater()


def _font(size: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSizeF(size)
    font.setBold(bold)
    return font


def new_chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.setTitleFont(_font(10, bold=True))
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.legend().setFont(_font(8.5))
    chart.setMargins(QMargins(2, 2, 2, 2))
    chart.setBackgroundRoundness(0)
    chart.layout().setContentsMargins(0, 0, 0, 0)
    return chart


#: Up to this many priorities lie as horizontal bars; more stand upright, so each keeps a readable label.
MOST_LYING_BARS = 6
#: Upright bars with more categories than this have their labels turned on end.
MOST_LEVEL_LABELS = 8


def _style_axis(axis: QAbstractAxis) -> None:
    axis.setLabelsFont(_font(8.5))
    axis.setTitleFont(_font(8.5, bold=True))
    axis.setTruncateLabels(False)  # a label is never cut to "…": a crowded axis turns its labels instead


def priority_label(text: str) -> str:
    """``Priority 10`` → ``10`` where bars stand upright under a “Priority” axis title; other names as they are."""
    return text[len("Priority "):] if text.startswith("Priority ") else text


def chart_view(chart: QChart, name: str) -> QChartView:
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setAccessibleName(name)
    view.setMinimumSize(280, 220)
    return view


def nice_max(value: int, most_steps: int = 8) -> tuple[int, int]:
    """An axis maximum at or above ``value`` and a tick count that gives whole-number steps."""
    if value <= 0:
        return 1, 2
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000):
        if value / step <= most_steps:
            top = -(-value // step) * step
            return int(top), int(top // step) + 1
    top = -(-value // 10000) * 10000
    return int(top), 9


def draw_stacked_counts(chart: QChart, model: _CountsTable, *, horizontal: bool, category_title: str,
                        label: Callable[[str], str] = str) -> None:
    """(Re)draw ``chart`` as stacked bars of ``model``'s rating counts, one bar per category row."""
    _clear(chart)
    categories = [label(c) for c in model.categories()]
    if not categories:
        return
    # A horizontal chart draws its first category at the bottom: reverse, so Priority 1 is on top.
    order = list(reversed(range(len(categories)))) if horizontal else list(range(len(categories)))
    categories = [categories[i] for i in order]
    series = QHorizontalStackedBarSeries() if horizontal else QStackedBarSeries()
    series.setBarWidth(0.7)
    for s in model.series():
        bar = QBarSet(s.name)
        bar.append([float(s.values[i]) for i in order])
        bar.setColor(QColor(s.fill))
        bar.setBorderColor(QColor(NOT_RATED_BORDER) if s.fill.upper() == "#FFFFFF" else QColor("#FFFFFF"))
        series.append(bar)
    series.hovered.connect(lambda status, index, barset: _tip(status, index, barset, categories))
    chart.addSeries(series)
    names = QBarCategoryAxis()
    names.append(categories)
    names.setTitleText(category_title)
    counts = QValueAxis()
    top, ticks = nice_max(model.biggest(), 8 if horizontal else 4)
    counts.setRange(0, top)
    counts.setTickCount(ticks)
    counts.setLabelFormat("%d")
    counts.setTitleText("Number of rated items" if horizontal else "Rated items")
    _style_axis(names)
    _style_axis(counts)
    if horizontal:
        chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(counts, Qt.AlignmentFlag.AlignBottom)
    else:
        if len(categories) > MOST_LEVEL_LABELS or max(len(c) for c in categories) * len(categories) > 80:
            names.setLabelsAngle(-90)
        chart.addAxis(names, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(counts, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(names)
    series.attachAxis(counts)


def _tip(status: bool, index: int, barset: QBarSet, categories: list[str]) -> None:
    if status and 0 <= index < len(categories):
        QToolTip.showText(QCursor.pos(), f"{categories[index]} – {barset.label()}: {int(barset.at(index))}")
    else:
        QToolTip.hideText()


def _at(day: date, hour: int) -> QDateTime:
    """The day at ``hour`` o'clock, local time (as the axis shows it)."""
    return QDateTime(QDate(day.year, day.month, day.day), QTime(hour, 0))


def _msecs(day: date) -> float:
    return float(_at(day, 12).toMSecsSinceEpoch())


def draw_measure(chart: QChart, line: MeasureLine | None) -> None:
    """(Re)draw one measure: the trajectory (dashed), readings (solid, with points), the target."""
    _clear(chart)
    if line is None:
        chart.setTitle("Choose a measure to see its trajectory and readings")
        return
    m, numbers = line.measure, line.chart
    chart.setTitle(f"{m.ref} {m.title} – {line.status.value}")
    if numbers.start is None or numbers.end is None:
        chart.setTitle(f"{m.ref} {m.title} – {line.status.value} (no line to draw yet)")
        return
    drawn: list[QXYSeries] = []
    if numbers.trajectory:
        trajectory = QLineSeries()
        trajectory.setName("Trajectory (baseline to target)")
        pen = QPen(QColor("#4D4D4D"), 2, Qt.PenStyle.DashLine)
        trajectory.setPen(pen)
        for day, value in numbers.trajectory:
            trajectory.append(_msecs(day), value)
        drawn.append(trajectory)
    if numbers.readings:
        readings = QLineSeries()
        readings.setName("Readings")
        readings.setPen(QPen(QColor("#1A1A1A"), 2.5))
        readings.setPointsVisible(True)
        for day, value in numbers.readings:
            readings.append(_msecs(day), value)
        drawn.append(readings)
    if numbers.target is not None:
        target = QScatterSeries()
        target.setName(f"Target {format_number(numbers.target[1])}")
        target.setMarkerShape(QScatterSeries.MarkerShape.MarkerShapeRectangle)
        target.setMarkerSize(10)
        target.setColor(QColor("#FFFFFF"))
        target.setBorderColor(QColor("#1A1A1A"))
        target.append(_msecs(numbers.target[0]), numbers.target[1])
        drawn.append(target)
    for series in drawn:
        chart.addSeries(series)
    when = QDateTimeAxis()
    when.setFormat("MMM yyyy")
    when.setTitleText("Quarter or period ending")
    start, end = numbers.start, numbers.end
    if start == end:
        start, end = date(start.year - 1, start.month, 1), date(end.year + 1, end.month, 1)
    when.setRange(_at(start, 0), _at(end, 23))
    when.setTickCount(5)
    amounts = QValueAxis()
    amounts.setRange(numbers.low, numbers.high)
    amounts.applyNiceNumbers()  # ticks at round values (480, 520, 560…), as a person would draw them
    amounts.setLabelFormat("%.0f" if amounts.max() - amounts.min() >= 10 else "%.1f")
    amounts.setTitleText({"%": "Per cent", "count": "Number", "rate": "Rate"}.get(m.unit, m.unit.capitalize()))
    _style_axis(when)
    _style_axis(amounts)
    chart.addAxis(when, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(amounts, Qt.AlignmentFlag.AlignLeft)
    for series in drawn:
        series.attachAxis(when)
        series.attachAxis(amounts)


def period_label(text: str) -> str:
    return short_period(text)


def status_summary(model: MeasuresModel) -> str:
    """``Met 2 · On track 1 · …`` for the measures panel's heading (words, not colours)."""
    numbers = model.numbers
    if numbers is None or not numbers.measures:
        return "No impact measures yet: add them with Impact measures…"
    return " · ".join(f"{STATUS_SHORT[s]} {n}" for s, n in numbers.status_counts.items() if n)
