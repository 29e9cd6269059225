"""ReportLab drawings of the dashboard's and the scorecard's numbers.

The same :class:`~wsoa_desktop.services.dashboard.DashboardNumbers` and
:class:`~wsoa_desktop.domain.measures.ChartNumbers` the Dashboard tab draws with
QtCharts are drawn here for print. Every coloured shape carries its words (a
rating's name in the legend and its count on the bar; a status word on each
measure's tile), so the page still reads in grey-scale.
"""

from __future__ import annotations

import math
from datetime import date

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Circle, Drawing, Group, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from wsoa_desktop.domain.measures import (
    STATUS_SHORT,
    ChartNumbers,
    MeasureStatus,
    status_definition,
)
from wsoa_desktop.reports.styles import FONT, FONT_BOLD, INK, MUTED, RULE, hex_colour
from wsoa_desktop.services.dashboard import NOT_RATED, DashboardNumbers, MeasureLine, short_period


def fit_text(text: str, font: str, size: float, width: float) -> str:
    """``text`` shortened with an ellipsis to fit ``width`` points."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _series(numbers: DashboardNumbers, rows: list) -> tuple[list[list[int]], list[str]]:  # type: ignore[type-arg]
    """The segments of every bar: each rating, then not updated, then not rated."""
    data = [[row.counts.get(n, 0) for row in rows] for n in numbers.rating_names]
    data.append([row.not_updated for row in rows])
    data.append([row.not_rated for row in rows])
    return data, numbers.segment_names


def _colour_bars(chart, numbers: DashboardNumbers, names: list[str]) -> list[tuple]:  # type: ignore[no-untyped-def,type-arg]
    pairs = []
    for i, name in enumerate(names):
        fill, text = numbers.rating_colour(name)
        chart.bars[i].fillColor = hex_colour(fill)
        chart.bars[i].strokeColor = colors.white if name != NOT_RATED else RULE
        chart.barLabels[i].fillColor = hex_colour(text, INK)
        pairs.append((hex_colour(fill), name))
    return pairs


def _labels(data: list[list[int]], room_per_item: float, size: float = 7) -> list[list[str]]:
    """Counts on the segments where they fit (the table on the next page has them all)."""
    return [[str(v) if v and stringWidth(str(v), FONT_BOLD, size) <= v * room_per_item - 2 else "" for v in row]
            for row in data]


def _legend(pairs: list[tuple], x: float, y: float, width: float) -> Group:  # type: ignore[type-arg]
    """One row of swatches with their names (as many rows as ``width`` needs), top at ``y``."""
    g = Group()
    cx, cy = x, y - 8
    for fill, name in pairs:
        item_w = 9 + stringWidth(name, FONT, 7.5) + 12
        if cx > x and cx + item_w > x + width:
            cx, cy = x, cy - 11
        g.add(Rect(cx, cy, 7, 7, fillColor=fill, strokeColor=RULE, strokeWidth=0.5))
        g.add(String(cx + 10, cy + 0.5, name, fontName=FONT, fontSize=7.5, fillColor=INK))
        cx += item_w
    return g


def priority_bars(numbers: DashboardNumbers, width: float, height: float) -> Drawing:
    """Stacked horizontal bars, one per priority, with each priority's not-updated and overdue counts."""
    d = Drawing(width, height)
    rows = list(reversed(numbers.priorities))
    if not rows or numbers.total.total == 0:
        d.add(String(0, height - 12, "No rated items in this period.", fontName=FONT, fontSize=8, fillColor=MUTED))
        return d
    label_w, note_w, legend_h, axis_h = 62, 112, 30, 22
    bc = HorizontalBarChart()
    bc.x, bc.y = label_w, axis_h + legend_h
    bc.width = width - label_w - note_w
    bc.height = height - bc.y - 4
    data, names = _series(numbers, rows)
    bc.data = data
    bc.categoryAxis.categoryNames = [r.label for r in rows]
    bc.categoryAxis.style = "stacked"
    bc.categoryAxis.labels.fontName, bc.categoryAxis.labels.fontSize = FONT, 8
    bc.categoryAxis.labels.boxAnchor, bc.categoryAxis.labels.dx = "e", -4
    biggest = max(r.total for r in rows)
    bc.valueAxis.valueMin, bc.valueAxis.valueMax = 0, biggest
    bc.valueAxis.valueStep = max(1, math.ceil(biggest / 6))
    bc.valueAxis.labels.fontName, bc.valueAxis.labels.fontSize = FONT, 7
    bc.barWidth = min(16, bc.height / len(rows) * 0.7)
    bc.groupSpacing = max(2, bc.height / len(rows) * 0.3)
    bc.barLabelFormat = "values"
    bc.barLabelArray = _labels(data, bc.width / max(biggest, 1))
    bc.barLabels.fontName, bc.barLabels.fontSize, bc.barLabels.boxTarget = FONT_BOLD, 7, "mid"
    pairs = _colour_bars(bc, numbers, names)
    d.add(bc)
    step = bc.height / len(rows)
    for i, r in enumerate(rows):
        y = bc.y + step * (i + 0.5) - 3
        d.add(String(bc.x + bc.width + 6, y, f"{r.not_updated} not updated · {r.overdue} overdue",
                     fontName=FONT, fontSize=7.5, fillColor=INK))
    d.add(String(bc.x + bc.width / 2, bc.y - 22, "Number of rated items", fontName=FONT, fontSize=7.5,
                 textAnchor="middle", fillColor=INK))
    d.add(_legend(pairs, 0, legend_h - 14, width - note_w + 40))
    return d


def trend_bars(numbers: DashboardNumbers, width: float, height: float) -> Drawing:
    """Stacked vertical bars, one per reporting period: how the ratings moved."""
    d = Drawing(width, height)
    periods = numbers.trend
    if not periods:
        d.add(String(0, height - 12, "No reporting periods yet.", fontName=FONT, fontSize=8, fillColor=MUTED))
        return d
    many = len(periods) > 8
    label_h, legend_h, axis_w = (34 if many else 18), 30, 30
    bc = VerticalBarChart()
    bc.x, bc.y = axis_w, label_h + legend_h
    bc.width, bc.height = width - axis_w - 4, height - bc.y - 4
    data, names = _series(numbers, periods)
    bc.data = data
    bc.categoryAxis.categoryNames = [short_period(p.label) for p in periods]
    bc.categoryAxis.style = "stacked"
    bc.categoryAxis.labels.fontName, bc.categoryAxis.labels.fontSize = FONT, 7
    if many:
        bc.categoryAxis.labels.angle, bc.categoryAxis.labels.boxAnchor = 45, "ne"
    biggest = max(p.total for p in periods) or 1
    bc.valueAxis.valueMin, bc.valueAxis.valueMax = 0, biggest
    bc.valueAxis.valueStep = max(1, math.ceil(biggest / 5))
    bc.valueAxis.labels.fontName, bc.valueAxis.labels.fontSize = FONT, 7
    slot = bc.width / len(periods)
    bc.barWidth = min(26, slot * 0.65)
    bc.groupSpacing = slot - bc.barWidth
    _colour_bars(bc, numbers, names)
    pairs = [(hex_colour(numbers.rating_colour(n)[0]), n) for n in names]
    d.add(bc)
    d.add(_legend(pairs, 0, legend_h - 4, width))
    return d


def status_tiles(lines: list[MeasureLine], width: float, height: float) -> Drawing:
    """One tile per measure: its short name, a status word, and the status colour, in a grid that fits."""
    d = Drawing(width, height)
    n = len(lines)
    if n == 0:
        d.add(String(0, height - 12, "No impact measures yet.", fontName=FONT, fontSize=8, fillColor=MUTED))
        return d
    best = (1, width, height)
    best_size = 0.0
    shape = 7.0 if n <= 40 else 3.2  # few measures: wide tiles with room for the description
    for cols in range(1, n + 1):
        rows = math.ceil(n / cols)
        tile_w, tile_h = width / cols, min(height / rows, 30)
        size = min(tile_w / shape, tile_h)
        if size > best_size:
            best_size, best = size, (cols, tile_w, tile_h)
    cols, tile_w, tile_h = best
    font_size = max(4.5, min(8, tile_h * 0.36))
    wide = tile_w > 120 and tile_h >= 17
    for i, line in enumerate(lines):
        r, c = divmod(i, cols)
        x, y = c * tile_w, height - (r + 1) * tile_h
        definition = status_definition(line.status)
        d.add(Rect(x + 1, y + 1, tile_w - 2, tile_h - 2, fillColor=hex_colour(definition.colour),
                   strokeColor=colors.white, strokeWidth=0.5))
        ink = hex_colour(definition.text_colour, INK)
        word = STATUS_SHORT[line.status]
        if wide:
            title = fit_text(f"{line.measure.ref} {line.measure.title}", FONT_BOLD, font_size, tile_w - 8)
            d.add(String(x + 4, y + tile_h - font_size - 3, title, fontName=FONT_BOLD, fontSize=font_size,
                         fillColor=ink))
            d.add(String(x + 4, y + 4, fit_text(word, FONT, font_size, tile_w - 8), fontName=FONT,
                         fontSize=font_size, fillColor=ink))
        else:
            text = fit_text(f"{line.measure.ref} {word}", FONT_BOLD, font_size, tile_w - 6)
            d.add(String(x + tile_w / 2, y + tile_h / 2 - font_size / 3, text, fontName=FONT_BOLD,
                         fontSize=font_size, fillColor=ink, textAnchor="middle"))
    return d


def status_key(counts: dict[MeasureStatus, int], width: float) -> Drawing:
    """The statuses with their counts, each a coloured box beside its name."""
    items = [(s, n) for s, n in counts.items()]
    per_row = 4
    rows = math.ceil(len(items) / per_row)
    d = Drawing(width, rows * 12 + 2)
    col_w = width / per_row
    for i, (status, n) in enumerate(items):
        r, c = divmod(i, per_row)
        x, y = c * col_w, (rows - r - 1) * 12 + 2
        definition = status_definition(status)
        d.add(Rect(x, y, 8, 8, fillColor=hex_colour(definition.colour), strokeColor=RULE, strokeWidth=0.4))
        d.add(String(x + 11, y + 1, fit_text(f"{STATUS_SHORT[status]}: {n}", FONT, 7.5, col_w - 13),
                     fontName=FONT, fontSize=7.5, fillColor=INK))
    return d


def sparkline(chart: ChartNumbers, width: float, height: float) -> Drawing:
    """A measure's small chart: the trajectory dashed, the readings as a solid line with dots."""
    d = Drawing(width, height)
    start, end = chart.start, chart.end
    if start is None or end is None:
        d.add(String(width / 2, height / 2 - 3, "no line yet", fontName=FONT, fontSize=6.5, fillColor=MUTED,
                     textAnchor="middle"))
        return d
    span = max((end - start).days, 1)
    pad = 2.5

    def xy(day: date, value: float) -> tuple[float, float]:
        x = pad + (day - start).days / span * (width - 2 * pad)
        y = pad + (value - chart.low) / ((chart.high - chart.low) or 1) * (height - 2 * pad)
        return x, y

    if len(chart.trajectory) > 1:
        points = [c for p in chart.trajectory for c in xy(*p)]
        d.add(PolyLine(points, strokeColor=MUTED, strokeWidth=0.8, strokeDashArray=[2, 1.5]))
    if chart.target is not None:
        tx, ty = xy(*chart.target)
        d.add(Circle(tx, ty, 1.8, fillColor=colors.white, strokeColor=INK, strokeWidth=0.6))
    if len(chart.readings) > 1:
        d.add(PolyLine([c for p in chart.readings for c in xy(*p)], strokeColor=INK, strokeWidth=1.1))
    for p in chart.readings:
        x, y = xy(*p)
        d.add(Circle(x, y, 1.3, fillColor=INK, strokeColor=INK, strokeWidth=0))
    return d


def placed(drawing: Drawing, x: float, y: float) -> Group:
    """A drawing's contents as a group moved to (x, y) on a bigger drawing."""
    g = Group(*drawing.contents)
    g.translate(x, y)
    return g
