"""A priority's highlight report as a Word document."""

from __future__ import annotations

from pathlib import Path

from wsoa_desktop.domain.outline import PlanOutline
from wsoa_desktop.reports.options import ReportOptions
from wsoa_desktop.reports.progress_summary import NOT_RATED, NOT_UPDATED, summarise
from wsoa_desktop.reports.word.common import (
    add_row,
    legend_table,
    new_document,
    page_footer,
    rating_cell,
    table,
)
from wsoa_desktop.reports.word.exceptions_docx import exceptions_section


def write_highlight_docx(outline: PlanOutline, options: ReportOptions, path: Path | str) -> Path:
    from wsoa_desktop.reports.highlight import highlight_title, the_priority
    from wsoa_desktop.reports.word.common import word_inputs

    outline, options = word_inputs(outline, options)  # text Word can hold
    priority = the_priority(outline, options.priority_ref)
    title = highlight_title(outline, priority)
    doc = new_document(options, title, f"Highlight report, priority {priority.ref}: {outline.title}")
    from wsoa_desktop.reports.brag_appendix import period_text

    page_footer(doc, f"{outline.title} – {period_text(outline)}", outline.version_stamp)
    doc.add_heading(title, level=0)
    doc.add_paragraph(outline.title, style="Subtitle")
    if outline.version_stamp:
        doc.add_paragraph(outline.version_stamp)
    if priority.subgroup:
        doc.add_paragraph(f"Subgroup: {priority.subgroup}")
    if priority.lead_officers:
        doc.add_paragraph(f"Lead Officers – {priority.lead_officers}")
    summary = summarise(outline)
    row = next(r for r in summary.rows if r.ref == priority.ref)
    doc.add_heading("Progress Summary", level=1)
    names = summary.rating_names
    widths = [20.0] * (len(names) + 3)
    t = table(doc, names + [NOT_UPDATED, NOT_RATED, "Total"], widths,
              caption=f"Priority {priority.ref}: number of sub-actions by rating")
    for c, name in enumerate(names):
        rating_cell(t.rows[0].cells[c], outline.scheme, name)
    add_row(t, [str(row.counts.get(n, 0)) for n in names]
            + [str(row.not_updated), str(row.not_rated), str(row.total)], widths)
    if summary.has_previous:
        doc.add_paragraph(f"Since {summary.previous_label}: {row.improved} improved, {row.unchanged} unchanged, "
                          f"{row.worse} worse, {row.not_updated} not updated, {row.not_compared} not comparable.")
    doc.add_heading("Red, Amber, overdue and worsened items", level=1)
    exceptions_section(doc, outline, options, priority.ref)
    doc.add_heading("Key impact measures", level=1)
    measures = [(a, m) for a in priority.actions for m in a.impact_measures]
    if not measures:
        doc.add_paragraph("No impact measures are recorded for this priority yet.")
    for a in priority.actions:
        if a.impact_measures:
            doc.add_paragraph(f"{a.ref} {a.description}").runs[0].bold = True
            for m in a.impact_measures:
                doc.add_paragraph(m, style="List Bullet")
    legend_table(doc, outline.scheme)
    doc.save(str(path))
    return Path(path)
