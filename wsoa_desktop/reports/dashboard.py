"""Performance on a page: the dashboard on one landscape page for members, tables after it.

The scrutiny committee resolved “that a dashboard of performance on a page be
provided to members on a regular basis”. Page 1 is one drawing sized to the page,
so it is always exactly one page whatever the plan's size: BRAG counts per
priority (with each priority's not-updated and overdue counts), the ratings
across periods, and every impact measure's status as a labelled tile. The
next page gives the same numbers as tables, for screen readers and for anyone
who would rather read than look.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph, Table

from wsoa_desktop.domain.measures import STATUS_SCHEME, baseline_text, latest_text, target_text
from wsoa_desktop.reports.document import PageInfo, ReportDocument, long_date
from wsoa_desktop.reports.measure_charts import (
    fit_text,
    placed,
    priority_bars,
    status_key,
    status_tiles,
    trend_bars,
)
from wsoa_desktop.reports.options import ReportOptions
from wsoa_desktop.reports.styles import FONT, FONT_BOLD, HEADER_FILL, INK, MUTED, Styles, hex_colour
from wsoa_desktop.reports.tables import Column, RatingCells, fit_widths, group_style, header_row
from wsoa_desktop.reports.text import markup
from wsoa_desktop.services.dashboard import NOT_RATED, NOT_UPDATED, OVERDUE, DashboardNumbers


def dashboard_title(numbers: DashboardNumbers) -> str:
    period = numbers.period_label or "no period"
    return f"Performance on a page – {numbers.plan_title} – {period}"


def page_one(numbers: DashboardNumbers, width: float, height: float) -> Drawing:
    """The whole first page as one drawing of the frame's size."""
    d = Drawing(width, height)
    y = height - 15
    title = dashboard_title(numbers)
    size = 14.0
    while size > 10 and stringWidth(title, FONT_BOLD, size) > width:
        size -= 0.5
    d.add(String(0, y, fit_text(title, FONT_BOLD, size, width), fontName=FONT_BOLD, fontSize=size,
                 fillColor=HEADER_FILL))
    y -= 15
    d.add(String(0, y, fit_text(numbers.headline(), FONT, 9, width), fontName=FONT, fontSize=9, fillColor=MUTED))
    top = y - 10
    left_w = width * 0.56
    right_x = width * 0.59
    right_w = width - right_x
    period = numbers.period_label or "no period"
    bars_h = min(max(len(numbers.priorities) * 24 + 70, 150), top * 0.52)
    d.add(String(0, top - 10, f"Ratings by priority – {period}", fontName=FONT_BOLD, fontSize=10, fillColor=INK))
    d.add(placed(priority_bars(numbers, left_w, bars_h - 16), 0, top - bars_h))
    trend_top = top - bars_h - 10
    d.add(String(0, trend_top - 10, "Ratings across reporting periods", fontName=FONT_BOLD, fontSize=10,
                 fillColor=INK))
    d.add(placed(trend_bars(numbers, left_w, trend_top - 16), 0, 0))
    day = long_date(numbers.as_of)
    d.add(String(right_x, top - 10, f"Impact measures – status at {day}", fontName=FONT_BOLD, fontSize=10,
                 fillColor=INK))
    key = status_key(numbers.status_counts, right_w)
    key_y = top - 16 - key.height
    d.add(placed(key, right_x, key_y))
    note_h = 12
    d.add(placed(status_tiles(numbers.measures, right_w, key_y - 6 - note_h), right_x, note_h))
    d.add(String(right_x, 0, "Each tile: the measure's short name and its status. Tables of every number follow.",
                 fontName=FONT, fontSize=7, fillColor=MUTED))
    return d


def priority_table(numbers: DashboardNumbers, styles: Styles, width: float) -> Table:
    names = numbers.rating_names
    cols = [Column("p", "Priority", None)] + [Column(n, n, 15 * mm, centred=True) for n in names] + \
        [Column(k, k, 19 * mm, centred=True) for k in (NOT_UPDATED, NOT_RATED, "Total", OVERDUE)]
    widths = fit_widths(cols, width)
    data: list[list] = [header_row(cols, styles)]  # type: ignore[type-arg]
    for c, name in enumerate(names, start=1):
        data[0][c] = Paragraph(markup(name), styles.rating(numbers.rating_colour(name)[1]))
    for row in numbers.priorities + [numbers.total]:
        st = styles.cell_bold if row is numbers.total else styles.cell
        label = f"{row.ref}. {row.title}" if row.ref else row.title
        data.append([Paragraph(markup(label), st)] + [Paragraph(str(row.counts.get(n, 0)), styles.cell_center)
                                                      for n in names]
                    + [Paragraph(str(v), styles.cell_center)
                       for v in (row.not_updated, row.not_rated, row.total, row.overdue)])
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    style = group_style([], [len(data) - 1], [], True)
    for c, name in enumerate(names, start=1):
        style.add("BACKGROUND", (c, 0), (c, 0), hex_colour(numbers.rating_colour(name)[0]))
    table.setStyle(style)
    return table


def trend_table(numbers: DashboardNumbers, styles: Styles, width: float) -> Table:
    names = numbers.rating_names
    cols = [Column("p", "Period", None)] + [Column(n, n, 15 * mm, centred=True) for n in names] + \
        [Column(k, k, 19 * mm, centred=True) for k in (NOT_UPDATED, NOT_RATED, "Total")]
    data: list[list] = [header_row(cols, styles)]  # type: ignore[type-arg]
    for p in numbers.trend:
        data.append([Paragraph(markup(p.label), styles.cell)]
                    + [Paragraph(str(p.counts.get(n, 0)), styles.cell_center) for n in names]
                    + [Paragraph(str(v), styles.cell_center) for v in (p.not_updated, p.not_rated, p.total)])
    table = Table(data, colWidths=fit_widths(cols, width), repeatRows=1, hAlign="LEFT")
    table.setStyle(group_style([], [], [], True))
    return table


def measures_table(numbers: DashboardNumbers, styles: Styles, width: float) -> Table:
    cols = [Column("ref", "Ref", 14 * mm), Column("m", "Measure", None, 1.6),
            Column("b", "Baseline", 32 * mm), Column("t", "Target", 34 * mm),
            Column("l", "Latest reading", 34 * mm), Column("s", "Status", 34 * mm, centred=True)]
    cells = RatingCells(STATUS_SCHEME, styles)
    data: list[list] = [header_row(cols, styles)]  # type: ignore[type-arg]
    fills = []
    for line in numbers.measures:
        m = line.measure
        status, fill = cells.cell(line.status.value)
        if fill is not None:
            fills.append((len(data), 5, fill))
        data.append([Paragraph(markup(m.ref), styles.cell), Paragraph(markup(m.title), styles.cell),
                     Paragraph(markup(baseline_text(m)), styles.cell), Paragraph(markup(target_text(m)), styles.cell),
                     Paragraph(markup(latest_text(line.assessment.reading, m.unit)), styles.cell), status])
    table = Table(data, colWidths=fit_widths(cols, width), repeatRows=1, hAlign="LEFT", splitByRow=1)
    table.setStyle(group_style(fills, [], [], True))
    return table


def tables_story(numbers: DashboardNumbers, styles: Styles, width: float) -> list[Flowable]:
    period = numbers.period_label or "no period"
    story: list[Flowable] = [
        Paragraph(markup(f"The numbers on page 1, as tables – {period}"), styles.h1),
        Paragraph(markup(f"Ratings by priority – {period}"), styles.h2),
        Paragraph(markup(f"{NOT_UPDATED}: the rating was carried forward and nobody updated it this period. "
                         f"{OVERDUE}: the target date has passed and the item is not complete "
                         f"(judged at {long_date(numbers.as_of)})."), styles.note),
        priority_table(numbers, styles, width),
        CondPageBreak(80),
        Paragraph("Ratings across reporting periods", styles.table_subheading),
    ]
    story.append(trend_table(numbers, styles, width) if numbers.trend else
                 Paragraph("No reporting periods yet.", styles.note))
    story.append(CondPageBreak(80))
    story.append(Paragraph(markup(f"Impact measures – status at {long_date(numbers.as_of)}"),
                           styles.table_subheading))
    story.append(measures_table(numbers, styles, width) if numbers.measures else
                 Paragraph("This plan has no impact measures yet.", styles.note))
    return story


def write_dashboard_pdf(numbers: DashboardNumbers, options: ReportOptions, path: Path | str) -> Path:
    """Page 1 the picture, then the tables; always landscape (the caller makes it atomic)."""
    title = dashboard_title(numbers)
    info = PageInfo(title=title, plan_title=numbers.plan_title, period_label=numbers.period_label,
                    subject=f"Performance on a page: {numbers.plan_title}", author=options.author or "WSOA Desktop",
                    printed_on=options.printed_on, landscape=True, version_stamp=numbers.version_stamp)
    doc = ReportDocument(path, info)
    styles = Styles()
    story: list[Flowable] = [page_one(numbers, doc.width, doc.height - 1), PageBreak()]
    story += tables_story(numbers, styles, doc.width)
    doc.write(story)
    return Path(path)
