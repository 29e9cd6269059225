"""The full action plan, Appendix 1 style: each priority with its leads, outcome and partners.

Ref | Action | Lead | Target End Date | RAG | Progress Update, where each action
row carries its intended outcomes ("this will mean that:") and key impact
measures as bullet lists across the row, as the plan itself prints them.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Table
from reportlab.platypus.flowables import SetTopFlowables

from wsoa_desktop.domain.outline import ActionNode, PlanOutline, PriorityNode
from wsoa_desktop.reports.brag_appendix import (
    KEEP_HEADING_WITH,
    KEEP_TOGETHER_CHARS,
    MIN_SPLIT_PART,
    legend,
    page_info,
    period_text,
    priority_heading,
)
from wsoa_desktop.reports.document import Deferred, ReportDocument
from wsoa_desktop.reports.item_text import target_text
from wsoa_desktop.reports.options import ReportOptions
from wsoa_desktop.reports.progress_summary import rated_items
from wsoa_desktop.reports.styles import Styles
from wsoa_desktop.reports.tables import (
    Column,
    GroupRows,
    RatingCells,
    fit_widths,
    group_tables,
    header_row,
    header_table,
    ref_width,
)
from wsoa_desktop.reports.text import flowables, markup, paragraphs


def plan_title(outline: PlanOutline, options: ReportOptions) -> str:
    return f"Appendix {options.appendix_number} – {outline.title} — {period_text(outline)}"


def plan_columns(outline: PlanOutline, options: ReportOptions, styles: Styles) -> list[Column]:
    wide = options.landscape
    refs = [n.ref for n in outline.iter_actions()]
    return [Column("ref", "Ref", ref_width(refs, styles)), Column("action", "Action", None, 1.0),
            Column("lead", "Lead", (34 if wide else 25) * mm),
            Column("target", "Target End Date", (26 if wide else 21) * mm),
            Column("rag", f"RAG {period_text(outline)}", (22 if wide else 19) * mm, centred=True),
            Column("progress", "Progress Update", None, 1.0)]


def _bullets(items: list[str], styles: Styles) -> list[Paragraph]:
    return [p for i in items for p in flowables(i, styles.cell_bullet, bulletText="•")]


def action_cell(action: ActionNode, styles: Styles) -> list[Flowable]:
    """The action's text, its intended outcomes and key impact measures."""
    cell: list[Flowable] = []
    intro = action.description
    if action.outcomes:
        intro = f"{intro}, this will mean that:" if not intro.rstrip().endswith(":") else intro
    cell += flowables(intro, styles.cell_bold, strong=True)
    cell += _bullets(action.outcomes, styles)
    if action.impact_measures:
        cell += flowables(action.impact_measures_heading or "Key Impact Measures", styles.cell_bold, strong=True)
        cell += _bullets(action.impact_measures, styles)
    return cell


class PlanTables:
    def __init__(self, outline: PlanOutline, options: ReportOptions, styles: Styles, width: float) -> None:
        self.outline, self.styles, self.options = outline, styles, options
        self.columns = plan_columns(outline, options, styles)
        self.widths = fit_widths(self.columns, width)
        self.ratings = RatingCells(outline.scheme, styles)

    def _row(self, node: ActionNode, r: int, fills: list) -> list:
        from wsoa_desktop.reports.exceptions import progress_cell

        st = self.styles.cell
        content, fill = self.ratings.status_cell(node.status)
        if fill is not None:
            fills.append((r, 4, fill))
        return [paragraphs(node.ref, st), paragraphs(node.description, st),
                paragraphs(node.lead_display, st), paragraphs(target_text(node, self.options), st),
                content, progress_cell(self.outline, node, self.options, self.styles)]

    def group(self, action: ActionNode, with_header: bool) -> list[Table]:
        rows = GroupRows([header_row(self.columns, self.styles)] if with_header else [], [], [], [], with_header)
        first = len(rows.data)
        rows.heading_rows.append(first)
        if action.children:
            rows.data.append([paragraphs(action.ref, self.styles.cell_bold, strong=True),
                              action_cell(action, self.styles), "", "", "", ""])
            rows.spans.append((first, 1, 5))
        else:
            row = self._row(action, first, rows.fills)
            row[1] = action_cell(action, self.styles)
            rows.data.append(row)
        for node in rated_items(action.children):
            rows.data.append(self._row(node, len(rows.data), rows.fills))
        # The action's row is kept with its first sub-action's row only when both are short: a
        # row that must stay whole and is taller than a page cannot be printed (LayoutError).
        kept = [action, *rated_items(action.children)[:1]]
        size = sum(len(n.description) + len(n.progress) + len(n.lead_display) + len(n.target.text) +
                   sum(len(t) for t in n.outcomes + n.impact_measures) for n in kept)
        return group_tables(rows, self.widths, keep_first=first + 2, keep_ok=size < KEEP_TOGETHER_CHARS,
                            split_in_row=MIN_SPLIT_PART)

    def priority(self, p: PriorityNode) -> list[Flowable]:
        s = self.styles
        intro: list[Flowable] = [*flowables(priority_heading(p), s.table_heading)]
        if p.lead_officers:
            intro += flowables(f"Lead Officers – {p.lead_officers}", s.body)
        if p.outcome_statement:
            intro += flowables(p.outcome_statement, s.body, strong=True)
        out: list[Flowable] = [CondPageBreak(KEEP_HEADING_WITH)]
        if not p.actions:
            out += intro + [Paragraph("This priority has no actions yet.", s.note)]
        for i, action in enumerate(p.actions):
            tables = self.group(action, with_header=(i == 0))
            # The priority's heading, leads and outcome stay with its first action.
            out.append(KeepTogether(intro + [tables[0]]) if i == 0 else tables[0])
            if i == 0:
                out.append(SetTopFlowables([header_table(self.columns, self.widths, s)]))
            out += tables[1:]
        out.append(SetTopFlowables([]))
        if p.delivery_partners:
            out.append(Paragraph("Delivery Partners", s.h2))
            out += [f for d in p.delivery_partners for f in flowables(d, s.numbered, bulletText="•")]
        return out


def write_plan_pdf(outline: PlanOutline, options: ReportOptions, path: Path | str) -> Path:
    title = plan_title(outline, options)
    doc = ReportDocument(path, page_info(outline, options, title, f"Written Statement of Action: {outline.title}"))
    styles = Styles()
    story: list[Flowable] = [*flowables(title, styles.title)]
    if outline.version_stamp:
        story.append(Paragraph(markup(outline.version_stamp), styles.subtitle))
    if not outline.priorities:
        story.append(Paragraph("This plan has no priorities or actions yet.", styles.body))
    tables = PlanTables(outline, options, styles, doc.width)
    for p in outline.priorities:  # built as the layout reaches them: page 1 comes at once
        story.append(Deferred(lambda p=p: tables.priority(p)))
    story += legend(outline, styles, doc.width)
    doc.write(story)
    return Path(path)
