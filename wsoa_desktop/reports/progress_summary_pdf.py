"""The progress summary as printed: a counts table, a stacked bar chart, direction of travel.

The chart repeats the table's numbers on the bars and keeps the legend's order,
so it still reads when the agenda pack is printed in grey-scale. Ratings carried
forward and not updated this period are counted apart ("Not updated"), never as
this period's ratings, and their direction of travel is "not updated".
"""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table

from wsoa_desktop.domain.outline import PlanOutline
from wsoa_desktop.reports.progress_summary import NOT_RATED, NOT_UPDATED, ProgressSummary
from wsoa_desktop.reports.styles import FONT, FONT_BOLD, INK, Styles, hex_colour
from wsoa_desktop.reports.tables import group_style
from wsoa_desktop.reports.text import markup, short

NOT_RATED_FILL = "#FFFFFF"
NOT_UPDATED_FILL = colors.HexColor("#E6E6E6")  # pale: not a rating's colour


def _label(ref: str, label: str) -> str:
    return f"Priority {ref}" if ref else label


def counts_table(summary: ProgressSummary, outline: PlanOutline, styles: Styles, width: float) -> Table:
    names = summary.rating_names
    head = ["Priority"] + names + [NOT_UPDATED, NOT_RATED, "Total"]
    data = [[Paragraph(markup(h), styles.head if i == 0 else styles.head_center) for i, h in enumerate(head)]]
    # The rating columns' headers carry the rating colours, with the name in the text colour.
    for c, name in enumerate(names, start=1):
        data[0][c] = Paragraph(markup(name), styles.rating(outline.scheme.get(name).text_colour))
    for row in summary.rows + [summary.total]:
        st = styles.cell_bold if row is summary.total else styles.cell
        stc = styles.cell_bold_center if row is summary.total else styles.cell_center
        label = f"{row.ref}. {row.label}" if row.ref else row.label
        data.append([Paragraph(markup(short(label)), st)]
                    + [Paragraph(str(row.counts.get(n, 0)), stc) for n in names]
                    + [Paragraph(str(row.not_updated), stc), Paragraph(str(row.not_rated), stc),
                       Paragraph(str(row.total), stc)])
    number_w = 17 * mm
    first = max(width - number_w * (len(names) + 3), 50 * mm)
    table = Table(data, colWidths=[first] + [number_w] * (len(names) + 3), hAlign="LEFT", repeatRows=1)
    style = group_style([], [len(data) - 1], [], True)
    for c, name in enumerate(names, start=1):
        style.add("BACKGROUND", (c, 0), (c, 0), hex_colour(outline.scheme.get(name).colour))
    table.setStyle(style)
    return table


def direction_table(summary: ProgressSummary, styles: Styles, width: float) -> Table:
    head = ["Priority", "Improved ↑", "Unchanged →", "Worse ↓", "Not updated", "Not comparable"]
    data = [[Paragraph(markup(h), styles.head if i == 0 else styles.head_center) for i, h in enumerate(head)]]
    for row in summary.rows + [summary.total]:
        st = styles.cell_bold if row is summary.total else styles.cell
        stc = styles.cell_bold_center if row is summary.total else styles.cell_center
        label = f"{row.ref}. {row.label}" if row.ref else row.label
        data.append([Paragraph(markup(short(label)), st)] + [
            Paragraph(str(v), stc)
            for v in (row.improved, row.unchanged, row.worse, row.not_updated, row.not_compared)])
    number_w = 24 * mm
    first = max(width - number_w * 5, 50 * mm)
    table = Table(data, colWidths=[first] + [number_w] * 5, hAlign="LEFT", repeatRows=1)
    table.setStyle(group_style([], [len(data) - 1], [], True))
    return table


def _segment_labels(series: list[list[int]], names: list[str], points_per_item: float) -> list[list[str]]:
    """Each segment's count, with the rating's name where it fits, so the chart reads in grey-scale."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    out = []
    for name, values in zip(names, series, strict=False):
        row = []
        for v in values:
            room = v * points_per_item - 4
            named = f"{name} {v}"
            if not v:
                row.append("")
            elif stringWidth(named, FONT_BOLD, 7.5) <= room:
                row.append(named)
            else:
                row.append(str(v) if stringWidth(str(v), FONT_BOLD, 7.5) <= room + 2 else "")
        out.append(row)
    return out


def chart(summary: ProgressSummary, outline: PlanOutline, width: float) -> Drawing | None:
    """Stacked bars, one per priority, segments in legend order and labelled with counts."""
    rows = summary.rows
    if not rows or summary.total.total == 0:
        return None
    names = summary.rating_names
    bar_h = 16
    bars_h = max(len(rows) * (bar_h + 10), 30)
    legend_w = 34 * mm
    label_w = 30 * mm
    legend_h = 11 * (len(names) + 2) + 4
    plot_h = max(bars_h, legend_h)
    drawing = Drawing(width, plot_h + 34)
    bc = HorizontalBarChart()
    bc.x, bc.y = label_w, 26 + plot_h - bars_h
    bc.width = width - label_w - legend_w - 10
    bc.height = bars_h
    series = [[row.counts.get(n, 0) for row in reversed(rows)] for n in names]
    series.append([row.not_updated for row in reversed(rows)])
    series.append([row.not_rated for row in reversed(rows)])
    bc.data = series
    bc.categoryAxis.categoryNames = [_label(r.ref, r.label) for r in reversed(rows)]
    bc.categoryAxis.style = "stacked"
    bc.categoryAxis.labels.fontName = FONT
    bc.categoryAxis.labels.fontSize = 8
    bc.categoryAxis.labels.boxAnchor = "e"
    bc.categoryAxis.labels.dx = -4
    bc.valueAxis.valueMin = 0
    biggest = max(r.total for r in rows)
    bc.valueAxis.valueMax = biggest
    bc.valueAxis.valueStep = max(1, round(biggest / 6))
    bc.valueAxis.labels.fontName = FONT
    bc.valueAxis.labels.fontSize = 7.5
    bc.barWidth = bar_h
    bc.groupSpacing = 10
    bc.bars.strokeColor = colors.white
    bc.bars.strokeWidth = 0.8
    bc.barLabelFormat = "values"
    bc.barLabelArray = _segment_labels(series, names + [NOT_UPDATED, NOT_RATED], bc.width / biggest)
    bc.barLabels.fontName = FONT_BOLD
    bc.barLabels.fontSize = 7.5
    bc.barLabels.boxTarget = "mid"
    fills = []
    for i, name in enumerate(names):
        d = outline.scheme.get(name)
        fills.append((hex_colour(d.colour), name))
        bc.bars[i].fillColor = hex_colour(d.colour)
        bc.barLabels[i].fillColor = hex_colour(d.text_colour, INK)
    bc.bars[len(names)].fillColor = NOT_UPDATED_FILL
    bc.bars[len(names)].strokeColor = colors.HexColor("#7F7F7F")
    bc.barLabels[len(names)].fillColor = INK
    fills.append((NOT_UPDATED_FILL, NOT_UPDATED))
    bc.bars[len(names) + 1].fillColor = colors.white
    bc.bars[len(names) + 1].strokeColor = colors.HexColor("#7F7F7F")
    bc.barLabels[len(names) + 1].fillColor = INK
    fills.append((colors.white, NOT_RATED))
    drawing.add(bc)
    lg = Legend()
    lg.x, lg.y = width - legend_w + 4, plot_h + 26
    lg.fontName, lg.fontSize = FONT, 8
    lg.boxAnchor = "nw"
    lg.alignment = "right"
    lg.columnMaximum = 10
    lg.strokeColor = colors.HexColor("#7F7F7F")
    lg.strokeWidth = 0.5
    lg.dx = lg.dy = 8
    lg.deltay = 11
    lg.colorNamePairs = fills
    drawing.add(lg)
    drawing.add(String(bc.x + bc.width / 2, bc.y - 24, "Number of sub-actions", fontName=FONT, fontSize=7.5,
                       textAnchor="middle", fillColor=INK))
    return drawing


def summary_flowables(summary: ProgressSummary, outline: PlanOutline, styles: Styles,
                      width: float) -> list[Flowable]:
    period = outline.period.label if outline.period else "no period"
    intro = f"Ratings of the {summary.total.total} sub-actions for {period}."
    if summary.total.not_updated:
        intro += (f" {summary.total.not_updated} of them were not updated this period: their ratings were "
                  "carried forward and are counted as “Not updated”, not as this period's ratings.")
    out: list[Flowable] = [Paragraph("Progress Summary", styles.h1), Paragraph(markup(intro), styles.note)]
    out.append(counts_table(summary, outline, styles, width))
    drawing = chart(summary, outline, min(width, 200 * mm))
    if drawing is not None:
        out.append(KeepTogether([Paragraph("", styles.note), drawing]))
    out.append(Paragraph("Direction of travel", styles.h2))
    if summary.has_previous:
        out.append(Paragraph(markup(
            f"Each sub-action's {period} rating against its {summary.previous_label} rating. "
            "“Not updated” counts ratings carried forward without an update this period; "
            "“Not comparable” counts items unrated in either period or moving to or from awaiting start."),
            styles.note))
        out.append(direction_table(summary, styles, width))
    else:
        out.append(Paragraph(markup(
            f"{period} is the plan's first reporting period, so there is no earlier rating to compare "
            "with. Direction of travel will show from the next period."), styles.note))
    return out
