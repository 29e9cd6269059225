"""The covering report as a PDF: A4 portrait, the front sheet, then background and key issues.

The same draft as the Word file (:mod:`wsoa_desktop.reports.covering_content`),
laid out like the other reports (fonts, footer, metadata), so a PDF can go
straight into the agenda pack when the council has no template to fill.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from wsoa_desktop.domain.status_words import format_day
from wsoa_desktop.reports.covering_content import (
    NOT_RATED_COLUMN,
    NOT_UPDATED_COLUMN,
    CoveringReport,
)
from wsoa_desktop.reports.document import PageInfo, ReportDocument
from wsoa_desktop.reports.styles import Styles, hex_colour
from wsoa_desktop.reports.tables import SplittingTable, group_style
from wsoa_desktop.reports.text import HEADER_CHARS, flowables, markup, paragraphs, short

FRONT_SHEET = "Committee Name and Date of Committee Meeting"
HEADINGS = ("Purpose", "Recommendations", "List of Appendices Included", "Background Papers",
            "Consideration by any other Council Committee, Scrutiny or Advisory Panel")


def front_rows(report: CoveringReport) -> list[tuple[str, str]]:
    """The front sheet's label and value pairs, as seed 003 sets them out."""
    return [(FRONT_SHEET, f"{report.committee} – {format_day(report.meeting_date)}"),
            ("Report Title", report.report_title),
            ("Report Author(s)", report.author or "—"),
            ("Reporting period", report.period_label or "—")]


def count_headings(report: CoveringReport) -> list[str]:
    return ["Priority", *report.rating_names, NOT_UPDATED_COLUMN, NOT_RATED_COLUMN, "Total", "Overdue"]


def count_values(report: CoveringReport) -> list[list[str]]:
    """Each priority's row and the total, as printed (text, so PDF and Word agree)."""
    return [[row.label, *(str(row.by_rating[n]) for n in report.rating_names), str(row.not_updated),
             str(row.not_rated), str(row.total), str(row.overdue)] for row in [*report.counts, report.total]]


def _counts_table(report: CoveringReport, styles: Styles, width: float) -> Table:
    heads = count_headings(report)
    small = ParagraphStyle("cover_head_small", parent=styles.head_center, fontSize=7.5, leading=9)
    data: list[list[object]] = [[Paragraph(markup(short(h, HEADER_CHARS)), styles.head if i == 0 else small)
                                 for i, h in enumerate(heads)]]
    for c, name in enumerate(report.rating_names, start=1):
        data[0][c] = Paragraph(markup(name), ParagraphStyle(
            f"cover_rating_{c}", parent=styles.rating(report.scheme.get(name).text_colour), fontSize=7.5, leading=9))
    values = count_values(report)
    for i, row in enumerate(values):
        bold = i == len(values) - 1
        data.append([Paragraph(markup(short(row[0])), styles.cell_bold if bold else styles.cell)]
                    + [Paragraph(v, styles.cell_bold_center if bold else styles.cell_center) for v in row[1:]])
    first = max(width - 16 * mm * (len(heads) - 1), 36 * mm)
    number_w = (width - first) / (len(heads) - 1)
    table = Table(data, colWidths=[first] + [number_w] * (len(heads) - 1), hAlign="LEFT", repeatRows=1)
    style = group_style([], [len(data) - 1], [], True)
    for c, name in enumerate(report.rating_names, start=1):
        style.add("BACKGROUND", (c, 0), (c, 0), hex_colour(report.scheme.get(name).colour))
    table.setStyle(style)
    return table


def _numbered(items: list[str], styles: Styles, prefix: str = "") -> list[Flowable]:
    return [f for i, text in enumerate(items, start=1)
            for f in flowables(text, styles.numbered, bulletText=f"{prefix}{i}.")]


def _bullets(items: list[str], styles: Styles, empty: str = "None") -> list[Flowable]:
    if not items:
        return [Paragraph(markup(empty), styles.body)]
    return [f for text in items for f in flowables(text, styles.numbered, bulletText="•")]


def cover_story(report: CoveringReport, styles: Styles, width: float) -> list[Flowable]:
    story: list[Flowable] = [*flowables(report.report_title, styles.title),
                             *flowables(f"Covering report to the {report.committee}, "
                                        f"{format_day(report.meeting_date)}", styles.subtitle)]
    sheet = SplittingTable([[paragraphs(k, styles.cell_bold), paragraphs(v, styles.cell)]
                            for k, v in front_rows(report)], colWidths=[62 * mm, width - 62 * mm], hAlign="LEFT",
                           splitByRow=1, splitInRow=60)
    sheet.setStyle(group_style([], list(range(len(front_rows(report)))), [], False))
    story.append(sheet)
    story.append(Paragraph(HEADINGS[0], styles.h1))
    story += [f for p in report.purpose for f in flowables(p, styles.body)]
    story.append(Paragraph(HEADINGS[1], styles.h1))
    story += _numbered(report.recommendations, styles)
    story.append(Paragraph(HEADINGS[2], styles.h1))
    story += _bullets(report.appendices, styles)
    story.append(Paragraph(HEADINGS[3], styles.h1))
    story += _numbered(report.background_papers, styles) if report.background_papers else \
        [Paragraph("None", styles.body)]
    story.append(Paragraph(HEADINGS[4], styles.h1))
    story += _bullets(report.considerations, styles)
    story.append(Paragraph("1. Background", styles.h1))
    story += _numbered(report.background, styles, "1.")
    story.append(Paragraph("2. Key Issues", styles.h1))
    sub = _sub(styles)
    for number, issue in enumerate(report.key_issues, start=1):
        story += flowables(issue.text, styles.numbered, bulletText=f"2.{number}")
        story += [f for b in issue.bullets for f in flowables(b, sub, bulletText="–")]
    story += flowables(f"Progress summary, {report.period_label or 'latest period'}", styles.h2)
    story.append(KeepTogether([_counts_table(report, styles, width)]))
    story.append(Spacer(1, 2 * mm))
    story += [f for n in report.counts_note for f in flowables(n, styles.body)]
    if report.at_risk:
        story += flowables(report.at_risk_heading, styles.h2)
        story += _bullets(report.at_risk, styles)
    if report.next_meetings:
        story.append(Paragraph("Next meetings", styles.h2))
        story += _bullets(report.next_meetings, styles)
    return story


def _sub(styles: Styles) -> ParagraphStyle:
    """Bullets under a numbered paragraph, indented one step further."""
    return ParagraphStyle("cover_sub_bullet", parent=styles.numbered, leftIndent=30, bulletIndent=18)


def write_cover_pdf(report: CoveringReport, path: Path | str) -> Path:
    """Write the covering report to ``path`` (the caller makes it atomic)."""
    info = PageInfo(title=report.document_title, plan_title=report.plan_title or report.report_title,
                    period_label=report.period_label, subject=f"Covering report: {report.report_title}",
                    author=report.author or "WSOA Desktop", printed_on=report.printed_on, landscape=False)
    doc = ReportDocument(path, info)
    styles = Styles()
    doc.write(cover_story(report, styles, doc.width))
    return Path(path)
