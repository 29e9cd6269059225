"""The BRAG appendix as a Word document, to drop into the committee report template."""

from __future__ import annotations

from pathlib import Path

from wsoa_desktop.domain.outline import ActionNode, PlanOutline
from wsoa_desktop.reports.brag_appendix import appendix_title, period_text, priority_heading
from wsoa_desktop.reports.options import ReportOptions
from wsoa_desktop.reports.progress_summary import NOT_RATED, rated_items, summarise
from wsoa_desktop.reports.word.common import (
    GROUP_FILL,
    add_row,
    legend_table,
    new_document,
    no_split,
    rating_cell,
    shade,
    table,
    usable_width_mm,
)


def _columns(outline: PlanOutline, options: ReportOptions) -> list[tuple[str, str, float]]:
    cols = [("ref", "Ref", 15.0), ("action", "Action", 0.0)]
    if options.has("lead"):
        cols.append(("lead", "Lead", 32.0))
    cols.append(("target", "Target End Date", 26.0))
    if options.has("revised"):
        cols.append(("revised", "Target revised", 17.0))
    cols.append(("rag", f"RAG {period_text(outline)}", 23.0))
    if options.has("previous"):
        prev = outline.previous_period.label if outline.previous_period else "previous period"
        cols.append(("previous", f"RAG {prev}", 23.0))
    if options.has("progress"):
        cols.append(("progress", "Progress Update", 0.0))
    flexible = [c for c in cols if c[2] == 0.0]
    left = usable_width_mm(options) - sum(c[2] for c in cols)
    return [(k, t, w if w else left / len(flexible)) for k, t, w in cols]


def summary_section(doc, outline: PlanOutline) -> None:  # type: ignore[no-untyped-def]
    summary = summarise(outline)
    doc.add_heading("Progress Summary", level=1)
    names = summary.rating_names
    widths = [70.0] + [18.0] * (len(names) + 2)
    t = table(doc, ["Priority"] + names + [NOT_RATED, "Total"], widths)
    for c, name in enumerate(names, start=1):
        rating_cell(t.rows[0].cells[c], outline.scheme, name)
    for row in summary.rows + [summary.total]:
        label = f"{row.ref}. {row.label}" if row.ref else row.label
        add_row(t, [label] + [str(row.counts.get(n, 0)) for n in names] + [str(row.not_rated), str(row.total)],
                widths)
    doc.add_heading("Direction of travel", level=2)
    if not summary.has_previous:
        doc.add_paragraph(f"{period_text(outline)} is the plan's first reporting period, so there is no "
                          "earlier rating to compare with.")
        return
    widths = [70.0, 24.0, 24.0, 24.0, 28.0]
    t = table(doc, ["Priority", "Improved ↑", "Unchanged →", "Worse ↓", "Not comparable"], widths)
    for row in summary.rows + [summary.total]:
        label = f"{row.ref}. {row.label}" if row.ref else row.label
        add_row(t, [label, str(row.improved), str(row.unchanged), str(row.worse), str(row.not_compared)], widths)


def _values(node: ActionNode, keys: list[str]) -> list[str]:
    out = []
    for key in keys:
        out.append({"ref": node.ref, "action": node.description, "lead": node.lead_display,
                    "target": node.target.text, "revised": "Revised" if node.target_revised else "",
                    "progress": node.progress}.get(key, ""))
    return out


def write_brag_docx(outline: PlanOutline, options: ReportOptions, path: Path | str) -> Path:
    title = appendix_title(outline, options)
    doc = new_document(options, title, f"BRAG rating of progress, {period_text(outline)}: {outline.title}")
    doc.add_heading(title, level=0)
    areas = [p for p in outline.priorities if p.area_of_concern or p.title]
    if areas:
        doc.add_heading(f"{outline.title}: areas of significant concern", level=2)
        for p in areas:
            doc.add_paragraph(f"{p.ref}. {p.area_of_concern or p.title}")
    summary_section(doc, outline)
    if not outline.priorities:
        doc.add_paragraph("This plan has no priorities or actions yet.")
    cols = _columns(outline, options)
    keys = [c[0] for c in cols]
    widths = [c[2] for c in cols]
    for p in outline.priorities:
        doc.add_heading(priority_heading(p), level=1)
        if not p.actions:
            doc.add_paragraph("This priority has no actions yet.")
            continue
        t = table(doc, [c[1] for c in cols], widths)
        for action in p.actions:
            row = add_row(t, [action.ref, action.description] + [""] * (len(keys) - 2), widths)
            no_split(row)
            if action.children:  # the action's text spans the row, as a group heading
                merged = row.cells[1].merge(row.cells[len(keys) - 1])
                for extra in merged.paragraphs[1:]:
                    extra._p.getparent().remove(extra._p)
            for cell in row.cells:
                shade(cell, GROUP_FILL)
                for para in cell.paragraphs:
                    for run in para.runs:
                        run.bold = True
            if not action.children:
                rating_cell(row.cells[keys.index("rag")], outline.scheme, action.rating)
            for node in rated_items(action.children):
                row = add_row(t, _values(node, keys), widths)
                rating_cell(row.cells[keys.index("rag")], outline.scheme, node.rating)
                if "previous" in keys:
                    rating_cell(row.cells[keys.index("previous")], outline.scheme,
                                node.previous.rating if node.previous else None)
    legend_table(doc, outline.scheme)
    doc.save(str(path))
    return Path(path)
