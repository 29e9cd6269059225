"""The exception report (and a priority's highlight list) as a Word document."""

from __future__ import annotations

from pathlib import Path

from wsoa_desktop.domain.outline import PlanOutline
from wsoa_desktop.reports.brag_appendix import period_text, priority_heading
from wsoa_desktop.reports.document import long_date
from wsoa_desktop.reports.exception_items import as_at, exception_items
from wsoa_desktop.reports.item_text import notes, target_text
from wsoa_desktop.reports.options import ReportOptions
from wsoa_desktop.reports.word.common import (
    add_notes,
    add_row,
    legend_table,
    new_document,
    page_footer,
    ref_width_mm,
    status_cell,
    table,
    usable_width_mm,
)


def exceptions_section(doc, outline: PlanOutline, options: ReportOptions,  # type: ignore[no-untyped-def]
                       priority_ref: str | None = None) -> None:
    today = as_at(outline, options.printed_on)
    items = exception_items(outline, today, priority_ref)
    doc.add_paragraph(f"{len(items)} sub-action{'s' if len(items) != 1 else ''} rated at risk, overdue at "
                      f"{long_date(today)}, or worse than the previous period. Under each item's progress: "
                      "the reason given for its rating, or “no reason recorded”.")
    if not items:
        doc.add_paragraph("There are no exceptions for this period.")
        return
    with_prev = outline.previous_period is not None
    heads = ["Ref", "Action", "Lead", "Target End Date", f"RAG {period_text(outline)}"]
    fixed = [ref_width_mm((i.node.ref for i in items), 15.0), 0.0, 30.0, 24.0, 22.0]
    if with_prev:
        heads.append(f"RAG {outline.previous_period.label}")
        fixed.append(22.0)
    heads += ["Why listed", "Progress Update"]
    fixed += [28.0, 0.0]
    left = (usable_width_mm(options) - sum(fixed)) / 2
    widths = [w or left for w in fixed]
    for p in outline.priorities:
        mine = [i for i in items if i.priority is p]
        if not mine:
            continue
        doc.add_heading(priority_heading(p), level=2)
        t = table(doc, heads, widths, caption=f"{priority_heading(p)}: exceptions, {period_text(outline)}")
        for item in mine:
            n = item.node
            values = [n.ref, n.description, n.lead_display, target_text(n, options), ""]
            if with_prev:
                values.append("")
            values += ["; ".join(item.reasons), n.progress]
            row = add_row(t, values, widths)
            status_cell(row.cells[4], outline.scheme, n.status)
            if with_prev:
                status_cell(row.cells[5], outline.scheme, n.previous)
            add_notes(row.cells[-1], notes(outline.scheme, n, options, every_reason=True))


def write_exceptions_docx(outline: PlanOutline, options: ReportOptions, path: Path | str) -> Path:
    from wsoa_desktop.reports.exceptions import exceptions_title
    from wsoa_desktop.reports.word.common import word_inputs

    outline, options = word_inputs(outline, options)  # text Word can hold
    title = exceptions_title(outline)
    doc = new_document(options, title, f"Exceptions for {period_text(outline)}: {outline.title}")
    page_footer(doc, f"{outline.title} – {period_text(outline)}", outline.version_stamp)
    doc.add_heading(title, level=0)
    doc.add_paragraph(outline.title, style="Subtitle")
    if outline.version_stamp:
        doc.add_paragraph(outline.version_stamp)
    exceptions_section(doc, outline, options)
    legend_table(doc, outline.scheme)
    doc.save(str(path))
    return Path(path)
