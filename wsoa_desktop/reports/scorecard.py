"""The impact measures scorecard: every measure's baseline, target, latest reading and status.

The WSOA promised “a performance monitoring scorecard … to monitor the progress
quarterly … from a baseline position the time of the inspection (end of Quarter
1 June 2021)”. One table per priority — Ref | Measure | Baseline | Target |
Latest reading | On the line | Status | Trend — where Trend is a small chart of the
trajectory (dashed) and the readings (solid). The status rule and the status key
close the report, so a member can see how each status was reached. As an
``.xlsx`` the same numbers are numbers (not text), with every reading on its
own sheet.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Table

from wsoa_desktop.domain.measures import (
    STATUS_RULE,
    STATUS_SCHEME,
    Direction,
    baseline_text,
    format_value,
    latest_text,
    round_expected,
    status_definition,
    target_text,
)
from wsoa_desktop.reports.document import PageInfo, ReportDocument
from wsoa_desktop.reports.measure_charts import sparkline, status_key
from wsoa_desktop.reports.options import ReportOptions
from wsoa_desktop.reports.styles import Styles
from wsoa_desktop.reports.tables import Column, RatingCells, fit_widths, group_style, header_row
from wsoa_desktop.reports.text import markup
from wsoa_desktop.services.dashboard import MeasureLine
from wsoa_desktop.services.scorecard import Scorecard

SPARK_W, SPARK_H = 30 * mm, 9 * mm


def scorecard_title(card: Scorecard) -> str:
    return f"Impact measures scorecard – {card.plan_title}"


def columns(options: ReportOptions) -> list[Column]:
    wide = options.landscape
    return [Column("ref", "Ref", 13 * mm), Column("measure", "Measure", None, 1.0),
            Column("baseline", "Baseline", (30 if wide else 22) * mm),
            Column("target", "Target", (30 if wide else 22) * mm),
            Column("latest", "Latest reading", (30 if wide else 22) * mm),
            Column("line", "On the trajectory", (20 if wide else 17) * mm, centred=True),
            Column("status", "Status", (27 if wide else 23) * mm, centred=True),
            Column("trend", "Trend", SPARK_W + 3 * mm, centred=True)]


def expected_text(line: MeasureLine) -> str:
    a = line.assessment
    if a.expected is None or a.reading is None or line.measure.direction is Direction.MAINTAIN:
        return ""
    return format_value(round_expected(a.expected), line.measure.unit)


def _measure_cell(line: MeasureLine, styles: Styles) -> list[Paragraph]:
    m = line.measure
    out = [Paragraph(markup(m.title), styles.cell)]
    extra = []
    if m.action_refs:
        extra.append(("Action " if len(m.action_refs) == 1 else "Actions ") + ", ".join(m.action_refs))
    if m.owner:
        extra.append(f"Owner: {m.owner}")
    if m.direction is Direction.DECREASE:
        extra.append("Lower is better")
    if extra:
        out.append(Paragraph(markup(" · ".join(extra)), styles.small))
    return out


def group_table(lines: list[MeasureLine], options: ReportOptions, styles: Styles, width: float) -> Table:
    cols = columns(options)
    cells = RatingCells(STATUS_SCHEME, styles)
    data: list[list] = [header_row(cols, styles)]  # type: ignore[type-arg]
    fills = []
    for line in lines:
        m = line.measure
        status, fill = cells.cell(line.status.value)
        r = len(data)
        if fill is not None:
            fills.append((r, 6, fill))
        data.append([Paragraph(markup(m.ref), styles.cell), _measure_cell(line, styles),
                     Paragraph(markup(baseline_text(m)), styles.cell),
                     Paragraph(markup(target_text(m)), styles.cell),
                     Paragraph(markup(latest_text(line.assessment.reading, m.unit)), styles.cell),
                     Paragraph(markup(expected_text(line)), styles.cell_center), status,
                     sparkline(line.chart, SPARK_W, SPARK_H)])
    table = Table(data, colWidths=fit_widths(cols, width), repeatRows=1, splitByRow=1)
    table.setStyle(group_style(fills, [], [], True))
    return table


def status_legend(styles: Styles, width: float) -> Table:
    cells = RatingCells(STATUS_SCHEME, styles)
    data: list[list] = [[Paragraph("Status", styles.head), Paragraph("Meaning", styles.head)]]  # type: ignore[type-arg]
    fills = []
    for r, d in enumerate(STATUS_SCHEME.ratings, start=1):
        content, fill = cells.cell(d.name)
        data.append([content, Paragraph(markup(d.meaning), styles.cell)])
        if fill is not None:
            fills.append((r, 0, fill))
    table = Table(data, colWidths=[45 * mm, min(width - 45 * mm, 190 * mm)], hAlign="LEFT")
    table.setStyle(group_style(fills, [], [], True))
    return table


def rule_paragraphs(styles: Styles) -> list[Flowable]:
    head, *paragraphs = [p for p in STATUS_RULE.split("\n\n") if p.strip()]
    out: list[Flowable] = [Paragraph(markup(head.strip()), styles.h1)]
    for block in paragraphs:
        for line in block.split("\n"):
            text = line.strip()
            if text.startswith("•"):
                out.append(Paragraph(markup(text[1:].strip()), styles.numbered, bulletText="•"))
            elif text:
                out.append(Paragraph(markup(text), styles.body))
    return out


def scorecard_story(card: Scorecard, options: ReportOptions, styles: Styles, width: float) -> list[Flowable]:
    story: list[Flowable] = [
        Paragraph(markup(scorecard_title(card)), styles.title),
        Paragraph(markup(f"{card.position_text}: each measure's latest reading up to that day, against the "
                         "straight line from its baseline to its target. Quarters are financial quarters "
                         "(Quarter 1 = April to June)."), styles.subtitle),
    ]
    if not card.groups:
        story.append(Paragraph(markup(card.empty_text), styles.body))
    else:
        story.append(status_key(card.counts, min(width, 200 * mm)))
    for group in card.groups:
        table = group_table(group.lines, options, styles, width)
        story.append(CondPageBreak(90))
        story.append(KeepTogether([Paragraph(markup(group.heading), styles.table_heading)]))
        story.append(table)
    story.append(CondPageBreak(200))
    story += rule_paragraphs(styles)
    story.append(status_legend(styles, width))
    return story


def write_scorecard_pdf(card: Scorecard, options: ReportOptions, path: Path | str) -> Path:
    title = scorecard_title(card)
    # The footer names the plan and the position (a scorecard is not a period's ratings).
    info = PageInfo(title=title, plan_title=f"{card.plan_title} – scorecard, {card.position_text[0].lower()}"
                                            f"{card.position_text[1:]}", period_label="",
                    subject=f"Impact measures scorecard: {card.plan_title}", author=options.author or "WSOA Desktop",
                    printed_on=options.printed_on, landscape=options.landscape, version_stamp=card.version_stamp)
    doc = ReportDocument(path, info)
    doc.write(scorecard_story(card, options, Styles(), doc.width))
    return Path(path)


# The workbook ---------------------------------------------------------------------------

SHEET_COLUMNS = (("Ref", 8), ("Measure", 50), ("Actions", 16), ("Unit", 10), ("Direction", 10),
                 ("Baseline", 11), ("Baseline date", 18), ("Target", 11), ("Target date", 14),
                 ("Latest reading", 14), ("Latest period", 16), ("On the trajectory", 16), ("Status", 26),
                 ("Owner", 18), ("Source", 40), ("Note", 50))


def write_scorecard_xlsx(card: Scorecard, options: ReportOptions, path: Path | str) -> Path:
    """The scorecard as a workbook: numbers as numbers, text never a formula, statuses named and filled."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from wsoa_desktop.services.csv_export import FORMULA_STARTS
    from wsoa_desktop.services.xlsx_export import xlsx_text

    def put(ws, row: int, column: int, value: object):  # type: ignore[no-untyped-def]
        cell = ws.cell(row=row, column=column)
        if isinstance(value, str):
            cell.value = xlsx_text(value)
            cell.data_type = "s"  # never a formula, whatever it begins with
            if value.startswith(FORMULA_STARTS):
                cell.quotePrefix = True
        else:
            cell.value = value
        return cell

    head_fill, head_font = PatternFill("solid", fgColor="1F3864"), Font(bold=True, color="FFFFFF")
    wrap = Alignment(wrap_text=True, vertical="top")
    wb = Workbook()
    ws = wb.active
    ws.title = "Scorecard"
    put(ws, 1, 1, scorecard_title(card)).font = Font(bold=True, size=14)
    put(ws, 2, 1, f"{card.position_text}. Quarters are financial quarters (Quarter 1 = April to June).")
    if card.version_stamp:
        put(ws, 3, 1, card.version_stamp)
    for c, (name, width) in enumerate(SHEET_COLUMNS, start=1):
        cell = put(ws, 4, c, name)
        cell.fill, cell.font, cell.alignment = head_fill, head_font, wrap
        ws.column_dimensions[get_column_letter(c)].width = width
    row = 5
    for line in card.lines:
        m, a = line.measure, line.assessment
        expected = a.expected if a.reading is not None and m.direction is not Direction.MAINTAIN else None
        values = [m.ref, m.title, ", ".join(m.action_refs), m.unit, m.direction.value, m.baseline, m.baseline_when,
                  m.goal, m.target_when, a.reading.value if a.reading else None, a.reading.label if a.reading else "",
                  round(expected, 2) if expected is not None else None, line.status.value, m.owner, m.source, m.note]
        for c, value in enumerate(values, start=1):
            put(ws, row, c, value).alignment = wrap
        d = status_definition(line.status)
        status = ws.cell(row=row, column=13)
        status.fill = PatternFill("solid", fgColor=d.colour.lstrip("#").upper())
        status.font = Font(bold=True, color=d.text_colour.lstrip("#").upper())
        row += 1
    ws.freeze_panes = "C5"
    ws.auto_filter.ref = f"A4:{get_column_letter(len(SHEET_COLUMNS))}{max(row - 1, 4)}"
    ws.print_title_rows = "4:4"
    ws.page_setup.orientation = "landscape"
    readings = wb.create_sheet("Readings")
    for c, (name, width) in enumerate((("Ref", 8), ("Measure", 50), ("Quarter or period", 18), ("As at", 12),
                                        ("Value", 12), ("Note", 50)), start=1):
        cell = put(readings, 1, c, name)
        cell.fill, cell.font = head_fill, head_font
        readings.column_dimensions[get_column_letter(c)].width = width
    r = 2
    for line in card.lines:
        for reading in line.measure.readings_up_to(card.as_of):
            for c, value in enumerate((line.measure.ref, line.measure.title, reading.label, reading.as_of,
                                       reading.value, reading.note), start=1):
                cell = put(readings, r, c, value)
                if c == 4:
                    cell.number_format = "DD/MM/YYYY"
            r += 1
    readings.freeze_panes = "A2"
    rule = wb.create_sheet("How status is worked out")
    rule.column_dimensions["A"].width = 110
    for i, text in enumerate(STATUS_RULE.split("\n"), start=1):
        put(rule, i, 1, text).alignment = Alignment(wrap_text=True)
    wb.properties.title = scorecard_title(card)
    wb.save(path)
    return Path(path)
