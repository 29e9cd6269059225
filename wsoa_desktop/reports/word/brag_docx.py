"""The BRAG appendix as a Word document, to drop into the committee report template.

The same document as the PDF, in the same order: title, areas of concern, the
legend, the progress summary (counts and direction of travel as tables — the
numbers the PDF's chart draws), the list of every sub-action's rating, then the
detailed tables with reasons, sign-offs and revised targets. Headings use Word's
heading styles; every table has a caption and a header row that repeats.
"""

from __future__ import annotations

from pathlib import Path

from wsoa_desktop.domain.outline import ActionNode, PlanOutline, PriorityNode
from wsoa_desktop.reports.brag_appendix import (
    DETAIL_TITLE,
    RATING_LIST_TITLE,
    appendix_title,
    period_text,
    priority_heading,
    rag_heading,
)
from wsoa_desktop.reports.item_text import notes, target_text
from wsoa_desktop.reports.options import ReportOptions
from wsoa_desktop.reports.progress_summary import NOT_RATED, NOT_UPDATED, summarise
from wsoa_desktop.reports.word.common import (
    GROUP_FILL,
    add_notes,
    add_row,
    legend_table,
    new_document,
    no_split,
    page_footer,
    rating_cell,
    ref_width_mm,
    shade,
    status_cell,
    table,
    usable_width_mm,
)


def _columns(outline: PlanOutline, options: ReportOptions) -> list[tuple[str, str, float]]:
    cols = [("ref", "Ref", ref_width_mm(n.ref for n in outline.iter_actions())), ("action", "Action", 0.0)]
    if options.has("lead"):
        cols.append(("lead", "Lead", 32.0))
    cols.append(("target", "Target End Date", 27.0))
    if options.has("revised"):
        cols.append(("revised", "Target revised", 17.0))
    cols.append(("rag", rag_heading(outline), 25.0))
    if options.has("previous"):
        prev = outline.previous_period.label if outline.previous_period else "previous period"
        cols.append(("previous", f"RAG {prev}", 25.0))
    if options.has("progress"):
        cols.append(("progress", "Progress Update", 0.0))
    flexible = [c for c in cols if c[2] == 0.0]
    left = usable_width_mm(options) - sum(c[2] for c in cols)
    return [(k, t, w if w else left / len(flexible)) for k, t, w in cols]


def summary_section(doc, outline: PlanOutline) -> None:  # type: ignore[no-untyped-def]
    summary = summarise(outline)
    period = period_text(outline)
    doc.add_heading("Progress Summary", level=1)
    intro = f"Ratings of the {summary.total.total} sub-actions for {period}."
    if summary.total.not_updated:
        intro += (f" {summary.total.not_updated} of them were not updated this period: their ratings were "
                  "carried forward and are counted as “Not updated”, not as this period's ratings.")
    doc.add_paragraph(intro)
    names = summary.rating_names
    widths = [70.0] + [18.0] * (len(names) + 3)
    t = table(doc, ["Priority"] + names + [NOT_UPDATED, NOT_RATED, "Total"], widths,
              caption=f"Number of sub-actions by rating, {period}")
    for c, name in enumerate(names, start=1):
        rating_cell(t.rows[0].cells[c], outline.scheme, name)
    for row in summary.rows + [summary.total]:
        label = f"{row.ref}. {row.label}" if row.ref else row.label
        add_row(t, [label] + [str(row.counts.get(n, 0)) for n in names]
                + [str(row.not_updated), str(row.not_rated), str(row.total)], widths)
    doc.add_heading("Direction of travel", level=2)
    if not summary.has_previous:
        doc.add_paragraph(f"{period} is the plan's first reporting period, so there is no "
                          "earlier rating to compare with.")
        return
    doc.add_paragraph(f"Each sub-action's {period} rating against its {summary.previous_label} rating. "
                      "“Not updated” counts ratings carried forward without an update this period.")
    widths = [70.0, 24.0, 24.0, 24.0, 24.0, 28.0]
    t = table(doc, ["Priority", "Improved ↑", "Unchanged →", "Worse ↓", "Not updated", "Not comparable"],
              widths, caption=f"Direction of travel since {summary.previous_label}")
    for row in summary.rows + [summary.total]:
        label = f"{row.ref}. {row.label}" if row.ref else row.label
        add_row(t, [label, str(row.improved), str(row.unchanged), str(row.worse), str(row.not_updated),
                    str(row.not_compared)], widths)


def _descendants(node: ActionNode) -> list[ActionNode]:
    out: list[ActionNode] = []
    stack = list(reversed(node.children))
    while stack:
        n = stack.pop()
        out.append(n)
        stack.extend(reversed(n.children))
    return out


def _group_row(t, node: ActionNode, n_cols: int, widths: list[float]):  # type: ignore[no-untyped-def]
    """An action's heading: its ref, then its text across the other columns, on a pale band."""
    row = add_row(t, [node.ref, node.description] + [""] * (n_cols - 2), widths)
    no_split(row)
    merged = row.cells[1].merge(row.cells[n_cols - 1])
    lines = len(node.description.replace("\r\n", "\n").split("\n"))
    for extra in merged.paragraphs[lines:]:  # the merged cells' empty paragraphs, not the text's lines
        extra._p.getparent().remove(extra._p)
    for cell in (row.cells[0], merged):
        shade(cell, GROUP_FILL)
        for para in cell.paragraphs:
            for run in para.runs:
                run.bold = True
    return row


def rating_list(doc, outline: PlanOutline, options: ReportOptions, priority: PriorityNode) -> None:  # type: ignore[no-untyped-def]
    """The seed's progress summary for one priority: Ref | Action | Target End Date | RAG."""
    doc.add_heading(priority_heading(priority), level=2)
    if not priority.actions:
        doc.add_paragraph("This priority has no actions yet.")
        return
    wide = usable_width_mm(options)
    ref_w = ref_width_mm(n.ref for action in priority.actions for n in [action, *_descendants(action)])
    widths = [ref_w, wide - ref_w - 34.0 - 28.0, 34.0, 28.0]
    t = table(doc, ["Ref", "Action", "Target End Date", rag_heading(outline)], widths,
              caption=f"{priority_heading(priority)}: rating of each sub-action, {period_text(outline)}")
    for action in priority.actions:
        for node in [action] + _descendants(action):
            if node.children:
                _group_row(t, node, 4, widths)
                continue
            row = add_row(t, [node.ref, node.description, target_text(node, options), ""], widths)
            status_cell(row.cells[3], outline.scheme, node.status)


def detail_table(doc, outline: PlanOutline, options: ReportOptions, priority: PriorityNode) -> None:  # type: ignore[no-untyped-def]
    doc.add_heading(priority_heading(priority), level=2)
    if not priority.actions:
        doc.add_paragraph("This priority has no actions yet.")
        return
    cols = _columns(outline, options)
    keys = [c[0] for c in cols]
    widths = [c[2] for c in cols]
    t = table(doc, [c[1] for c in cols], widths,
              caption=f"{priority_heading(priority)}: progress of each sub-action, {period_text(outline)}")
    for action in priority.actions:
        for node in [action] + _descendants(action):
            if node.children:
                _group_row(t, node, len(keys), widths)
                continue
            values = {"ref": node.ref, "action": node.description, "lead": node.lead_display,
                      "target": target_text(node, options),
                      "revised": "Revised" if node.target_revised else "", "progress": node.progress}
            row = add_row(t, [values.get(k, "") for k in keys], widths)
            if node is action:
                for cell in row.cells[:2]:
                    for para in cell.paragraphs:
                        for run in para.runs:
                            run.bold = True
            status_cell(row.cells[keys.index("rag")], outline.scheme, node.status)
            if "previous" in keys:
                status_cell(row.cells[keys.index("previous")], outline.scheme, node.previous)
            under = keys.index("progress") if "progress" in keys else keys.index("action")
            add_notes(row.cells[under], notes(outline.scheme, node, options))


def write_brag_docx(outline: PlanOutline, options: ReportOptions, path: Path | str) -> Path:
    from wsoa_desktop.reports.word.common import word_inputs

    outline, options = word_inputs(outline, options)  # text Word can hold
    title = appendix_title(outline, options)
    doc = new_document(options, title, f"BRAG rating of progress, {period_text(outline)}: {outline.title}")
    page_footer(doc, f"{outline.title} – {period_text(outline)}", outline.version_stamp)
    doc.add_heading(title, level=0)
    doc.add_paragraph(outline.title, style="Subtitle")
    if outline.version_stamp:
        doc.add_paragraph(outline.version_stamp)
    areas = [p for p in outline.priorities if p.area_of_concern or p.title]
    if areas:
        doc.add_heading(f"{outline.title}: areas of significant concern", level=2)
        for p in areas:
            doc.add_paragraph(f"{p.ref}. {p.area_of_concern or p.title}")
    legend_table(doc, outline.scheme, level=1)
    summary_section(doc, outline)
    if not outline.priorities:
        doc.add_paragraph("This plan has no priorities or actions yet.")
    elif options.rating_list:
        doc.add_heading(RATING_LIST_TITLE, level=1)
        for p in outline.priorities:
            rating_list(doc, outline, options, p)
    if outline.priorities:
        doc.add_heading(DETAIL_TITLE, level=1)
        for p in outline.priorities:
            detail_table(doc, outline, options, p)
    doc.save(str(path))
    return Path(path)
