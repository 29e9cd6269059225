"""The exception report: Red, Amber, overdue and worsened items with lead and progress.

What the board and scrutiny members ask for first. One table per
priority (small, so one table each stays linear), the header repeating on each page.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Table

from wsoa_desktop.domain.outline import PlanOutline
from wsoa_desktop.reports.brag_appendix import (
    KEEP_HEADING_WITH,
    legend,
    page_info,
    period_text,
    priority_heading,
    title_block,
)
from wsoa_desktop.reports.document import Deferred, ReportDocument, long_date
from wsoa_desktop.reports.exception_items import ExceptionItem, as_at, exception_items
from wsoa_desktop.reports.item_text import notes, target_text
from wsoa_desktop.reports.options import ReportOptions
from wsoa_desktop.reports.styles import Styles
from wsoa_desktop.reports.tables import (
    Column,
    RatingCells,
    SplittingTable,
    fit_widths,
    group_style,
    header_row,
    ref_width,
)
from wsoa_desktop.reports.text import PIECE, bold, flowables, markup, paragraphs


def progress_cell(outline: PlanOutline, node, options: ReportOptions, styles: Styles, *,  # type: ignore[no-untyped-def]
                  every_reason: bool = False) -> list[Paragraph]:
    """The progress text, then "Reason: …" and "Sign-off: …" lines as the options ask."""
    cell = flowables(node.progress, styles.cell) if node.progress else []
    for note in notes(outline.scheme, node, options, every_reason=every_reason):
        if len(note.text) > PIECE:  # a long reason: its label, then the text in pieces
            cell.append(Paragraph(bold(note.label + ":"), styles.cell))
            cell += flowables(note.text, styles.cell)
        else:
            cell.append(Paragraph(f"{bold(note.label + ':')} {markup(note.text)}", styles.cell))
    return cell or [Paragraph("", styles.cell)]


def exceptions_title(outline: PlanOutline) -> str:
    return f"Exception report — {period_text(outline)}"


def exception_columns(outline: PlanOutline, options: ReportOptions, styles: Styles,
                      refs: Sequence[str]) -> list[Column]:
    wide = options.landscape
    cols = [Column("ref", "Ref", ref_width(refs, styles)), Column("action", "Action", None, 1.0),
            Column("lead", "Lead", (32 if wide else 24) * mm),
            Column("target", "Target End Date", (25 if wide else 21) * mm),
            Column("rag", f"RAG {period_text(outline)}", (22 if wide else 19) * mm, centred=True),
            Column("why", "Why listed", (30 if wide else 24) * mm),
            Column("progress", "Progress Update", None, 1.3)]
    if outline.previous_period is not None:  # without one the column would be empty
        cols.insert(5, Column("previous", f"RAG {outline.previous_period.label}",
                              (22 if wide else 19) * mm, centred=True))
    return cols


def exception_table(items: list[ExceptionItem], outline: PlanOutline, options: ReportOptions,
                    styles: Styles, width: float) -> Table:
    columns = exception_columns(outline, options, styles, [i.node.ref for i in items])
    widths = fit_widths(columns, width)
    cells = RatingCells(outline.scheme, styles)
    data: list[list] = [header_row(columns, styles)]
    fills: list = []
    with_previous = outline.previous_period is not None
    for item in items:
        n = item.node
        r = len(data)
        now, now_fill = cells.status_cell(n.status)
        before, before_fill = cells.status_cell(n.previous)
        row = [paragraphs(n.ref, styles.cell), paragraphs(n.description, styles.cell),
               paragraphs(n.lead_display, styles.cell),
               paragraphs(target_text(n, options), styles.cell), now,
               paragraphs("; ".join(item.reasons), styles.cell),
               progress_cell(outline, n, options, styles, every_reason=True)]
        if now_fill is not None:
            fills.append((r, 4, now_fill))
        if with_previous:
            row.insert(5, before)
            if before_fill is not None:
                fills.append((r, 5, before_fill))
        data.append(row)
    table = SplittingTable(data, colWidths=widths, repeatRows=1, splitByRow=1, splitInRow=60)
    table.setStyle(group_style(fills, [], [], True))
    return table


def exceptions_story(outline: PlanOutline, options: ReportOptions, styles: Styles,
                     width: float, priority_ref: str | None = None) -> list[Flowable]:
    today = as_at(outline, options.printed_on)
    items = exception_items(outline, today, priority_ref)
    story: list[Flowable] = []
    story.append(Paragraph(markup(
        f"{len(items)} sub-action{'s' if len(items) != 1 else ''} rated at risk, overdue at "
        f"{long_date(today)}, or worse than the previous period. Under each item's progress: the "
        "reason given for its rating, or “no reason recorded”."), styles.note))
    if not items:
        story.append(Paragraph("There are no exceptions for this period.", styles.body))
        return story
    for p in outline.priorities:
        mine = [i for i in items if i.priority is p]
        if not mine:
            continue
        story.append(CondPageBreak(KEEP_HEADING_WITH))
        story += flowables(priority_heading(p), styles.table_subheading)
        story.append(Deferred(lambda mine=mine: [exception_table(mine, outline, options, styles, width)]))
    return story


def write_exceptions_pdf(outline: PlanOutline, options: ReportOptions, path: Path | str) -> Path:
    title = exceptions_title(outline)
    doc = ReportDocument(path, page_info(outline, options, title,
                                         f"Exceptions for {period_text(outline)}: {outline.title}"))
    styles = Styles()
    story: list[Flowable] = title_block(outline, title, styles)
    story += exceptions_story(outline, options, styles, doc.width)
    story += legend(outline, styles, doc.width)
    doc.write(story)
    return Path(path)
