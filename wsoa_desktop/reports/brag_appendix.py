"""The BRAG appendix the scrutiny committee reads (model: Rotherham, Appendix 2, August 2022).

In the order the committee reads it: the title with the period, the areas of
significant concern, the rating legend (with the "not updated" marker), the
progress summary (counts, chart, direction of travel), the list of every
sub-action's rating (Ref | Action | Target End Date | RAG, as the real appendix
prints it), then one detailed table per priority — Ref | Action | Lead | Target
End Date | RAG | Progress Update by default — with the reason for every worse or
Red rating and the sign-off of every Blue one under the progress text.

The tables are :class:`~wsoa_desktop.reports.grid.Grid` flowables: plain text laid
out once, so a 5,000-sub-action appendix prints in about a second.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from wsoa_desktop.domain import status_words as words
from wsoa_desktop.domain.outline import ActionNode, PlanOutline, PriorityNode, StatusView
from wsoa_desktop.domain.rating_schemes import RatingScheme
from wsoa_desktop.reports.document import Deferred, PageInfo, ReportDocument
from wsoa_desktop.reports.grid import (
    GROUP,
    H1,
    H2,
    HEADER,
    ITEM,
    NOTE,
    Cell,
    Column,
    Grid,
    Measure,
    Row,
    Text,
    cell,
    fit_columns,
    header_cells,
    title_row,
)
from wsoa_desktop.reports.item_text import notes, target_text
from wsoa_desktop.reports.options import ReportOptions
from wsoa_desktop.reports.progress_summary import summarise
from wsoa_desktop.reports.progress_summary_pdf import summary_flowables
from wsoa_desktop.reports.styles import FONT, FONT_BOLD, INK, Styles, hex_colour
from wsoa_desktop.reports.text import HEADER_CHARS, markup, short

#: Rows may split inside themselves only when both parts are at least this tall,
#: so an ordinary row moves whole to the next page and only a very long progress
#: update is broken across pages.
MIN_SPLIT_PART = 60
#: Room a heading needs below it (used by the smaller reports' page breaks).
KEEP_HEADING_WITH = 110
#: Rows holding more text than this may be split from their neighbours (action plan).
KEEP_TOGETHER_CHARS = 900
RATING_LIST_TITLE = "Progress summary: every sub-action's rating"
DETAIL_TITLE = "Progress by priority"


def period_text(outline: PlanOutline) -> str:
    return outline.period.label if outline.period else "no period"


def appendix_title(outline: PlanOutline, options: ReportOptions) -> str:
    """``Appendix 2 – BRAG rating of progress — August 2022``: the period, never a range."""
    return f"Appendix {options.appendix_number} – BRAG rating of progress — {period_text(outline)}"


def priority_heading(priority: PriorityNode) -> str:
    """"Priority 1 – EHC Plans", or a section's own heading ("PEER REVIEW MEASURES")."""
    return priority.heading


def rag_heading(outline: PlanOutline) -> str:
    return f"RAG {period_text(outline)}"


class RatingLook:
    """Rating cells for one scheme: the name in bold on its fill, and the not-updated marker."""

    def __init__(self, scheme: RatingScheme) -> None:
        self.scheme = scheme
        self._look = {r.name: (hex_colour(r.colour), hex_colour(r.text_colour, INK)) for r in scheme.ratings}
        self._cells: dict[tuple[str | None, str], Cell] = {}

    def cell(self, status: StatusView | None) -> Cell:
        rating = status.rating if status else None
        marker = words.not_updated_text(status)
        key = (rating, marker)
        made = self._cells.get(key)
        if made is None:
            made = self._cells[key] = self._make(rating, marker)
        return made

    def _make(self, rating: str | None, marker: str) -> Cell:
        found = self.scheme.match(rating)
        if found is None:
            return cell((rating or "").strip(), centred=True)
        fill, ink = self._look[found.name]
        paras = [Text(found.name, FONT_BOLD, ink)]
        if marker:
            paras.append(Text(f"({marker})", FONT, ink))
        return Cell(paras, fill, centred=True)

    def named(self, name: str) -> Cell:
        fill, ink = self._look[self.scheme.get(name).name]
        return Cell([Text(self.scheme.get(name).name, FONT_BOLD, ink)], fill, centred=True)


def detail_columns(outline: PlanOutline, options: ReportOptions) -> list[Column]:
    wide = options.landscape
    cols = [Column("ref", "Ref", 40 * mm, never_wrap=True), Column("action", "Action", None, share=1.0)]
    if options.has("lead"):
        cols.append(Column("lead", "Lead", (34 if wide else 25) * mm, least=18 * mm))
    cols.append(Column("target", "Target End Date", (30 if wide else 24) * mm, least=20 * mm))
    if options.has("revised"):
        cols.append(Column("revised", "Target revised", 20 * mm, centred=True))
    cols.append(Column("rag", rag_heading(outline), (27 if wide else 25) * mm, least=20 * mm, centred=True))
    if options.has("previous"):
        prev = outline.previous_period.label if outline.previous_period else "previous period"
        cols.append(Column("previous", f"RAG {prev}", (27 if wide else 25) * mm, least=20 * mm, centred=True))
    if options.has("progress"):
        cols.append(Column("progress", "Progress Update", None, share=1.25))
    return cols


def list_columns(outline: PlanOutline, options: ReportOptions) -> list[Column]:
    """The seed's progress summary: Ref | Action | Target End Date | RAG <period>."""
    wide = options.landscape
    return [Column("ref", "Ref", 40 * mm, never_wrap=True), Column("action", "Action", None),
            Column("target", "Target End Date", (40 if wide else 30) * mm, least=20 * mm),
            Column("rag", rag_heading(outline), (30 if wide else 24) * mm, least=20 * mm, centred=True)]


def _descendants(node: ActionNode) -> list[ActionNode]:
    out: list[ActionNode] = []
    stack = list(reversed(node.children))
    while stack:
        n = stack.pop()
        out.append(n)
        stack.extend(reversed(n.children))
    return out


def _column_values(outline: PlanOutline, options: ReportOptions, rag_words: list[str]) -> dict:
    """What each fixed column holds, to size it: every ref (bold for actions), lead, target, rating."""
    refs, leads, targets = [], [], []
    for node in outline.iter_actions():
        refs.append((node.ref, FONT_BOLD if node.children or node.level <= 2 else FONT))
        if node.lead_display:
            leads.append((node.lead_display, FONT))
        targets.append((target_text(node, options), FONT))
    # Room for the rating's name, and for the marker in three short lines ("(not updated" /
    # "since September" / "2022)").
    ratings = [(w, FONT_BOLD) for w in rag_words] + [("(not updated", FONT), ("since September", FONT)]
    for p in outline.priorities:
        refs.append((p.ref, FONT_BOLD))
    return {"ref": refs, "lead": leads, "target": targets, "rag": ratings, "previous": ratings,
            "revised": [("Revised", FONT)]}


class AppendixTables:
    """Builds the rating list and the detailed tables for one report's columns."""

    def __init__(self, outline: PlanOutline, options: ReportOptions, width: float, page_height: float = 0.0,
                 measure: Measure | None = None) -> None:
        self.outline = outline
        self.options = options
        self.measure = measure or Measure()
        self.page_height = page_height
        self.look = RatingLook(outline.scheme)
        rag_words = [r.name for r in outline.scheme.ratings]
        values = _column_values(outline, options, rag_words)
        self.columns = detail_columns(outline, options)
        self.widths = fit_columns(self.columns, values, width, self.measure)
        self.keys = [c.key for c in self.columns]
        self.list_cols = list_columns(outline, options)
        self.list_widths = fit_columns(self.list_cols, values, width, self.measure)

    def _header(self, columns: list[Column]) -> Row:
        # a header repeats on every page, so a column title (a period's label) is kept short
        titles = [short(c.title, HEADER_CHARS) for c in columns]
        return Row(HEADER, header_cells(titles, [c.centred for c in columns]))

    def _grid(self, rows: list[Row], widths: list[float], header: Row) -> Grid:
        return Grid(rows, widths, self.measure, repeat=[header], min_split=MIN_SPLIT_PART,
                    page_height=self.page_height)

    # -- the detailed tables ------------------------------------------------------------------

    def _item(self, node: ActionNode, bold: bool) -> Row:
        font = FONT_BOLD if bold else FONT
        scheme = self.outline.scheme
        extra = [Text(n.text, FONT, INK, n.label) for n in notes(scheme, node, self.options)]
        cells: list[Cell] = []
        for key in self.keys:
            if key == "ref":
                cells.append(cell(node.ref, font))
            elif key == "action":
                c = cell(node.description, font)
                if "progress" not in self.keys:  # the notes go under the action instead
                    c.paras.extend(extra)
                cells.append(c)
            elif key == "lead":
                cells.append(cell(node.lead_display))
            elif key == "target":
                cells.append(cell(target_text(node, self.options)))
            elif key == "revised":
                cells.append(cell("Revised" if node.target_revised else "", centred=True))
            elif key == "rag":
                cells.append(self.look.cell(node.status))
            elif key == "previous":
                cells.append(self.look.cell(node.previous))
            elif key == "progress":
                cells.append(Cell(([Text(node.progress)] if node.progress else []) + extra))
        return Row(ITEM, cells)

    def _group(self, node: ActionNode) -> Row:
        return Row(GROUP, [cell(node.ref, FONT_BOLD), cell(node.description, FONT_BOLD)])

    def priority(self, priority: PriorityNode, first: bool = False) -> list[Flowable]:
        """The priority's heading and its table (the header repeats on every page it runs onto)."""
        header = self._header(self.columns)
        rows: list[Row] = []
        if first:
            rows.append(title_row(DETAIL_TITLE, H1))
        rows.append(title_row(priority_heading(priority), H2))
        if not priority.actions:
            rows.append(Row(NOTE, [cell(""), cell("This priority has no actions yet.")]))
            return [self._grid(rows, self.widths, header)]
        rows.append(header)
        for action in priority.actions:
            rows.append(self._group(action) if action.children else self._item(action, bold=True))
            for node in _descendants(action):
                rows.append(self._group(node) if node.children else self._item(node, bold=False))
        return [self._grid(rows, self.widths, header)]

    # -- the rating list (the seed's progress summary) ----------------------------------------

    def rating_list(self, priority: PriorityNode, first: bool) -> list[Flowable]:
        header = self._header(self.list_cols)
        rows: list[Row] = []
        if first:
            rows.append(title_row(RATING_LIST_TITLE, H1))
        rows.append(title_row(priority_heading(priority), H2))
        if not priority.actions:
            rows.append(Row(NOTE, [cell(""), cell("This priority has no actions yet.")]))
            return [self._grid(rows, self.list_widths, header)]
        rows.append(header)
        for action in priority.actions:
            for node in [action] + _descendants(action):
                if node.children:
                    rows.append(self._group(node))
                else:
                    font = FONT_BOLD if node is action else FONT
                    rows.append(Row(ITEM, [cell(node.ref, font), cell(node.description, font),
                                           cell(target_text(node, self.options)), self.look.cell(node.status)]))
        return [self._grid(rows, self.list_widths, header)]


def legend(outline: PlanOutline, styles: Styles, width: float, measure: Measure | None = None) -> list[Flowable]:
    """The scheme's ratings and their meanings, as in the seed's "RAG Status" table, and the marker."""
    measure = measure or Measure()
    look = RatingLook(outline.scheme)
    widths = [34 * mm, min(width - 34 * mm, 200 * mm)]
    header = Row(HEADER, header_cells(["RAG Status", "Meaning"], [True, False]))
    rows = [title_row("RAG Status", H1), header]
    for definition in sorted(outline.scheme.ratings, key=lambda d: d.position):
        rows.append(Row(ITEM, [look.named(definition.name), cell(definition.meaning)]))
    rows.append(Row(ITEM, [cell(words.NOT_UPDATED_EXAMPLE, centred=True),
                           cell(f"{words.NOT_UPDATED_MEANING} The rating is printed with its name "
                                "and the last period in which it was updated.")]))
    return [Grid(rows, widths, measure, repeat=[header])]


def areas_of_concern(outline: PlanOutline, styles: Styles) -> list[Flowable]:
    areas = [p for p in outline.priorities if (p.area_of_concern or p.title)]
    if not areas:
        return []
    out: list[Flowable] = [Paragraph(markup(f"{outline.title}: areas of significant concern"), styles.h2)]
    for p in areas:
        out.append(Paragraph(markup(p.area_of_concern or p.title), styles.numbered,
                             bulletText=f"{p.ref}."))
    return out


def title_block(outline: PlanOutline, title: str, styles: Styles) -> list[Flowable]:
    """The title, the plan it belongs to, and a published version's stamp."""
    out: list[Flowable] = [Paragraph(markup(title), styles.title),
                           Paragraph(markup(outline.title), styles.subtitle)]
    if outline.version_stamp:
        out.append(Paragraph(markup(outline.version_stamp), styles.subtitle))
    return out


def brag_story(outline: PlanOutline, options: ReportOptions, styles: Styles, width: float,
               page_height: float = 0.0) -> list[Flowable]:
    measure = Measure()
    story: list[Flowable] = title_block(outline, appendix_title(outline, options), styles)
    story += areas_of_concern(outline, styles)
    story += legend(outline, styles, width, measure)
    story += summary_flowables(summarise(outline), outline, styles, width)
    if not outline.priorities:
        story.append(Paragraph("This plan has no priorities or actions yet.", styles.body))
        return story
    tables = AppendixTables(outline, options, width, page_height, measure)
    # Each priority's tables are built as the layout reaches them: page 1 comes at once.
    if options.rating_list:
        for i, priority in enumerate(outline.priorities):
            story.append(Deferred(lambda p=priority, first=(i == 0): tables.rating_list(p, first)))
        story.append(Spacer(1, 4 * mm))
    for i, priority in enumerate(outline.priorities):
        story.append(Deferred(lambda p=priority, first=(i == 0): tables.priority(p, first)))
    return story


def page_info(outline: PlanOutline, options: ReportOptions, title: str, subject: str) -> PageInfo:
    return PageInfo(title=title, plan_title=outline.title, period_label=period_text(outline),
                    subject=subject, author=options.author or "WSOA Desktop",
                    printed_on=options.printed_on, landscape=options.landscape,
                    version_stamp=outline.version_stamp)


def write_brag_pdf(outline: PlanOutline, options: ReportOptions, path: Path | str) -> Path:
    """Write the appendix to ``path`` (the caller makes it atomic)."""
    title = appendix_title(outline, options)
    info = page_info(outline, options, title,
                     f"BRAG rating of progress, {period_text(outline)}: {outline.title}")
    doc = ReportDocument(path, info)
    styles = Styles()
    doc.write(brag_story(outline, options, styles, doc.width, doc.height))
    return Path(path)

