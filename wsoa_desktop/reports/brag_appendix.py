"""The BRAG appendix the scrutiny committee reads (model: Rotherham, Appendix 2, August 2022).

Title, the areas of significant concern, the progress summary (counts, chart,
direction of travel), one table per priority — Ref | Action | Target End Date |
RAG <Period>, with the officer's optional columns — and the rating legend from
the plan's own scheme.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table
from reportlab.platypus.flowables import SetTopFlowables

from wsoa_desktop.domain.outline import ActionNode, PlanOutline, PriorityNode
from wsoa_desktop.reports.document import Deferred, PageInfo, ReportDocument
from wsoa_desktop.reports.options import ReportOptions
from wsoa_desktop.reports.progress_summary import summarise
from wsoa_desktop.reports.progress_summary_pdf import summary_flowables
from wsoa_desktop.reports.styles import Styles
from wsoa_desktop.reports.tables import (
    Column,
    GroupRows,
    RatingCells,
    fit_widths,
    group_style,
    group_tables,
    header_row,
    header_table,
)
from wsoa_desktop.reports.text import bold, markup

#: Rows may split inside themselves only when both parts are at least this tall,
#: so an ordinary row moves whole to the next page and only a very long progress
#: update is broken across pages.
MIN_SPLIT_PART = 60
#: Room a table heading needs below it (heading, column header, two rows).
KEEP_HEADING_WITH = 110
#: Rows holding more text than this may be split from their neighbours.
KEEP_TOGETHER_CHARS = 900


def period_text(outline: PlanOutline) -> str:
    return outline.period.label if outline.period else "no period"


def appendix_title(outline: PlanOutline, options: ReportOptions) -> str:
    return (f"Appendix {options.appendix_number} – BRAG rating of progress of {outline.title}"
            f" - {period_text(outline)}")


def priority_heading(priority: PriorityNode) -> str:
    name = priority.title or priority.area_of_concern
    return f"Priority {priority.ref} – {name}" if name else f"Priority {priority.ref}"


def appendix_columns(outline: PlanOutline, options: ReportOptions) -> list[Column]:
    wide = options.landscape
    cols = [Column("ref", "Ref", 15 * mm), Column("action", "Action", None, 1.0)]
    if options.has("lead"):
        cols.append(Column("lead", "Lead", (34 if wide else 25) * mm))
    cols.append(Column("target", "Target End Date", (27 if wide else 22) * mm))
    if options.has("revised"):
        cols.append(Column("revised", "Target revised", 17 * mm, centred=True))
    cols.append(Column("rag", f"RAG {period_text(outline)}", (23 if wide else 20) * mm, centred=True))
    if options.has("previous"):
        prev = outline.previous_period.label if outline.previous_period else "previous period"
        cols.append(Column("previous", f"RAG {prev}", (23 if wide else 20) * mm, centred=True))
    if options.has("progress"):
        cols.append(Column("progress", "Progress Update", None, 1.25))
    return cols


def _leaves(node: ActionNode) -> list[ActionNode]:
    out: list[ActionNode] = []
    stack = list(reversed(node.children))
    while stack:
        n = stack.pop()
        out.append(n)
        stack.extend(reversed(n.children))
    return out


def _text_size(node: ActionNode) -> int:
    return len(node.description) + len(node.progress) + len(node.lead_display)


class AppendixTables:
    """Builds the per-action-group tables for one report's columns."""

    def __init__(self, outline: PlanOutline, options: ReportOptions, styles: Styles, width: float) -> None:
        self.outline = outline
        self.styles = styles
        self.columns = appendix_columns(outline, options)
        self.widths = fit_widths(self.columns, width)
        self.keys = [c.key for c in self.columns]
        self.ratings = RatingCells(outline.scheme, styles)

    def header(self) -> Table:
        return header_table(self.columns, self.widths, self.styles)

    def _row(self, node: ActionNode, r: int, fills: list, heading: bool) -> list:
        st = self.styles.cell_bold if heading else self.styles.cell
        row: list = []
        for c, key in enumerate(self.keys):
            if key == "ref":
                row.append(Paragraph(markup(node.ref), st))
            elif key == "action":
                row.append(Paragraph(markup(node.description), st))
            elif key == "lead":
                row.append(Paragraph(markup(node.lead_display), self.styles.cell))
            elif key == "target":
                row.append(Paragraph(markup(node.target.text), self.styles.cell))
            elif key == "revised":
                row.append(Paragraph("Revised", self.styles.cell_center) if node.target_revised else "")
            elif key in ("rag", "previous"):
                if node.children:
                    row.append("")
                    continue
                status = node.status if key == "rag" else node.previous
                content, fill = self.ratings.cell(status.rating if status else None)
                row.append(content)
                if fill is not None:
                    fills.append((r, c, fill))
            elif key == "progress":
                row.append(Paragraph(markup(node.progress), self.styles.cell))
        return row

    def group(self, action: ActionNode, with_header: bool) -> list[Table]:
        """One action's heading row and its sub-actions (the header first when it starts a priority)."""
        rows = GroupRows([], [], [], [], with_header)
        if with_header:
            rows.data.append(header_row(self.columns, self.styles))
        first = len(rows.data)
        rows.heading_rows.append(first)
        if action.children:
            heading = [Paragraph(bold(action.ref), self.styles.cell_bold),
                       Paragraph(bold(action.description), self.styles.cell_bold)]
            rows.data.append(heading + [""] * (len(self.keys) - 2))
            rows.spans.append((first, 1, len(self.keys) - 1))
        else:
            rows.data.append(self._row(action, first, rows.fills, heading=True))
        for node in _leaves(action):
            rows.data.append(self._row(node, len(rows.data), rows.fills, heading=bool(node.children)))
        # The action's heading row stays with its first sub-action (and the header with
        # both); rows holding a great deal of text are left free to split instead.
        kept = [action] + _leaves(action)[:1]
        return group_tables(rows, self.widths, keep_first=first + 2,
                            keep_ok=sum(_text_size(n) for n in kept) < KEEP_TOGETHER_CHARS,
                            split_in_row=MIN_SPLIT_PART)

    def priority(self, priority: PriorityNode) -> list[Flowable]:
        """The priority's heading and tables; the header repeats at the top of each page it runs onto."""
        # A heading never sits alone at the foot of a page: it is kept with the
        # column header and the first rows (a long table still starts on this page).
        heading = Paragraph(markup(priority_heading(priority)), self.styles.table_heading)
        if not priority.actions:
            return [CondPageBreak(KEEP_HEADING_WITH), heading,
                    Paragraph("This priority has no actions yet.", self.styles.note)]
        story: list[Flowable] = [CondPageBreak(KEEP_HEADING_WITH)]
        for i, action in enumerate(priority.actions):
            tables = self.group(action, with_header=(i == 0))
            story.append(KeepTogether([heading, tables[0]]) if i == 0 else tables[0])
            if i == 0:
                story.append(SetTopFlowables([self.header()]))
            story += tables[1:]
        story.append(SetTopFlowables([]))
        return story


def legend(outline: PlanOutline, styles: Styles, width: float) -> list[Flowable]:
    """The scheme's ratings and their meanings, as in the seed's "RAG Status" table."""
    cells = RatingCells(outline.scheme, styles)
    data = [[Paragraph("RAG Status", styles.head), Paragraph("Meaning", styles.head)]]
    fills = []
    for r, definition in enumerate(sorted(outline.scheme.ratings, key=lambda d: d.position), start=1):
        content, fill = cells.cell(definition.name)
        data.append([content, Paragraph(markup(definition.meaning), styles.cell)])
        if fill is not None:
            fills.append((r, 0, fill))
    table = Table(data, colWidths=[30 * mm, min(width - 30 * mm, 200 * mm)], hAlign="LEFT")
    table.setStyle(group_style(fills, [], [], True))
    return [Paragraph("RAG Status", styles.h1), table]


def areas_of_concern(outline: PlanOutline, styles: Styles) -> list[Flowable]:
    areas = [p for p in outline.priorities if (p.area_of_concern or p.title)]
    if not areas:
        return []
    out: list[Flowable] = [Paragraph(markup(f"{outline.title}: areas of significant concern"), styles.h2)]
    for p in areas:
        out.append(Paragraph(markup(p.area_of_concern or p.title), styles.numbered,
                             bulletText=f"{p.ref}."))
    return out


def brag_story(outline: PlanOutline, options: ReportOptions, styles: Styles, width: float) -> list[Flowable]:
    story: list[Flowable] = [Paragraph(markup(appendix_title(outline, options)), styles.title)]
    story += areas_of_concern(outline, styles)
    story += summary_flowables(summarise(outline), outline, styles, width)
    if not outline.priorities:
        story.append(Paragraph("This plan has no priorities or actions yet.", styles.body))
    tables = AppendixTables(outline, options, styles, width)
    for priority in outline.priorities:  # built as the layout reaches them: page 1 comes at once
        story.append(Deferred(lambda p=priority: tables.priority(p)))
    story.append(Spacer(1, 4 * mm))
    story += legend(outline, styles, width)
    return story


def page_info(outline: PlanOutline, options: ReportOptions, title: str, subject: str) -> PageInfo:
    return PageInfo(title=title, plan_title=outline.title, period_label=period_text(outline),
                    subject=subject, author=options.author or "WSOA Desktop",
                    printed_on=options.printed_on, landscape=options.landscape)


def write_brag_pdf(outline: PlanOutline, options: ReportOptions, path: Path | str) -> Path:
    """Write the appendix to ``path`` (the caller makes it atomic)."""
    title = appendix_title(outline, options)
    info = page_info(outline, options, title,
                     f"BRAG rating of progress, {period_text(outline)}: {outline.title}")
    doc = ReportDocument(path, info)
    styles = Styles()
    doc.write(brag_story(outline, options, styles, doc.width))
    return Path(path)
