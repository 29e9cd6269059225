"""The highlight report: one priority's monthly spotlight for the plan's board.

A subgroup chair's page: the priority's ratings and their movement, its Red and
Amber items with progress, its overdue items, and its key impact measures.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Flowable, ListFlowable, ListItem, Paragraph

from wsoa_desktop.domain.outline import PlanOutline, PriorityNode
from wsoa_desktop.reports.brag_appendix import (
    legend,
    page_info,
    period_text,
    priority_heading,
    title_block,
)
from wsoa_desktop.reports.document import ReportDocument
from wsoa_desktop.reports.exceptions import exceptions_story
from wsoa_desktop.reports.options import ReportOptions
from wsoa_desktop.reports.progress_summary import ProgressSummary, Tally, summarise
from wsoa_desktop.reports.progress_summary_pdf import summary_flowables
from wsoa_desktop.reports.styles import Styles
from wsoa_desktop.reports.text import flowables, paragraphs


def the_priority(outline: PlanOutline, ref: str | None) -> PriorityNode:
    for p in outline.priorities:
        if p.ref == (ref or "").strip().rstrip("."):
            return p
    from wsoa_desktop.domain.errors import ValidationError

    raise ValidationError(f"There is no priority “{ref}” in this plan.")


def highlight_title(outline: PlanOutline, priority: PriorityNode) -> str:
    return f"Highlight report – {priority_heading(priority)} — {period_text(outline)}"


def priority_only(summary: ProgressSummary, ref: str) -> ProgressSummary:
    rows = [r for r in summary.rows if r.ref == ref]
    total = Tally("", "Total", {n: 0 for n in summary.rating_names})
    for r in rows:
        total.add(r)
    return ProgressSummary(summary.rating_names, rows, total, summary.has_previous, summary.previous_label)


def impact_measures(priority: PriorityNode, styles: Styles) -> list[Flowable]:
    out: list[Flowable] = [Paragraph("Key impact measures", styles.h2)]
    any_measures = False
    for a in priority.actions:
        if not a.impact_measures:
            continue
        any_measures = True
        out += flowables(f"{a.ref} {a.description}", styles.cell_bold)
        out.append(ListFlowable([ListItem(paragraphs(m, styles.cell), leftIndent=12)
                                 for m in a.impact_measures], bulletType="bullet", start="•",
                                leftIndent=12, bulletFontName="DejaVuSans"))
    if not any_measures:
        out.append(Paragraph("No impact measures are recorded for this priority yet.", styles.note))
    return out


def write_highlight_pdf(outline: PlanOutline, options: ReportOptions, path: Path | str) -> Path:
    priority = the_priority(outline, options.priority_ref)
    title = highlight_title(outline, priority)
    doc = ReportDocument(path, page_info(outline, options, title,
                                         f"Highlight report, priority {priority.ref}: {outline.title}"))
    styles = Styles()
    story: list[Flowable] = title_block(outline, title, styles)
    if priority.subgroup:
        story += flowables(f"Subgroup: {priority.subgroup}", styles.subtitle)
    if priority.lead_officers:
        story += flowables(f"Lead Officers – {priority.lead_officers}", styles.body)
    if priority.area_of_concern:
        story += flowables(priority.area_of_concern, styles.body)
    story += summary_flowables(priority_only(summarise(outline), priority.ref), outline, styles, doc.width)
    story.append(Paragraph("Red, Amber, overdue and worsened items", styles.h1))
    story += exceptions_story(outline, options, styles, doc.width, priority.ref)
    story += impact_measures(priority, styles)
    story += legend(outline, styles, doc.width)
    doc.write(story)
    return Path(path)
