"""The covering report as a Word document: the main output, since officers edit it into the council's template.

Real heading styles (Title, Heading 1, Heading 2) so the template's styles take
over when pasted or restyled and screen readers can move by heading; the
document's title and language are set; the counts table has a repeating header
row and the rating names written in the rating columns' header cells.
Numbers are written into the text ("1.", "2.3") rather than left to Word's list
numbering, which would run on from one list into the next when restyled.
"""

from __future__ import annotations

from pathlib import Path

from wsoa_desktop.domain.status_words import format_day
from wsoa_desktop.reports.covering_content import CoveringReport
from wsoa_desktop.reports.covering_report_pdf import (
    HEADINGS,
    count_headings,
    count_values,
    front_rows,
)
from wsoa_desktop.reports.options import ReportOptions
from wsoa_desktop.reports.word.common import (
    GROUP_FILL,
    add_row,
    new_document,
    shade,
    table,
    usable_width_mm,
    write,
)


def _numbered(doc, items: list[str], prefix: str = "") -> None:  # type: ignore[no-untyped-def]
    for i, text in enumerate(items, start=1):
        doc.add_paragraph(f"{prefix}{i}{'' if prefix else '.'}\t{text}")


def _bullets(doc, items: list[str], empty: str = "None") -> None:  # type: ignore[no-untyped-def]
    if not items:
        doc.add_paragraph(empty)
    for text in items:
        doc.add_paragraph(text, style="List Bullet")


def write_cover_docx(report: CoveringReport, path: Path | str) -> Path:
    """Write the covering report to ``path`` (the caller makes it atomic)."""
    from wsoa_desktop.reports.word.common import word_safe

    report = word_safe(report)  # text Word can hold
    options = ReportOptions(orientation="portrait", author=report.author, printed_on=report.printed_on)
    doc = new_document(options, report.document_title, f"Covering report: {report.report_title}")
    doc.core_properties.keywords = "WSOA; covering report; committee"
    doc.add_heading(report.report_title, level=0)
    doc.add_paragraph(f"Covering report to the {report.committee}, {format_day(report.meeting_date)}")
    sheet = doc.add_table(rows=0, cols=2)
    sheet.style = "Table Grid"
    for label, value in front_rows(report):
        row = sheet.add_row()
        shade(row.cells[0], GROUP_FILL)
        write(row.cells[0], label, bold=True)
        write(row.cells[1], value)
    doc.add_heading(HEADINGS[0], level=1)
    for p in report.purpose:
        doc.add_paragraph(p)
    doc.add_heading(HEADINGS[1], level=1)
    _numbered(doc, report.recommendations)
    doc.add_heading(HEADINGS[2], level=1)
    _bullets(doc, report.appendices)
    doc.add_heading(HEADINGS[3], level=1)
    if report.background_papers:
        _numbered(doc, report.background_papers)
    else:
        doc.add_paragraph("None")
    doc.add_heading(HEADINGS[4], level=1)
    _bullets(doc, report.considerations)
    doc.add_heading("1. Background", level=1)
    _numbered(doc, report.background, "1.")
    doc.add_heading("2. Key Issues", level=1)
    for number, issue in enumerate(report.key_issues, start=1):
        doc.add_paragraph(f"2.{number}\t{issue.text}")
        for b in issue.bullets:
            doc.add_paragraph(b, style="List Bullet 2")
    doc.add_heading(f"Progress summary, {report.period_label or 'latest period'}", level=2)
    heads = count_headings(report)
    number_w = 16.0
    widths = [max(usable_width_mm(options) - number_w * (len(heads) - 1), 36.0)] + [number_w] * (len(heads) - 1)
    t = table(doc, heads, widths)
    for c, name in enumerate(report.rating_names, start=1):
        rating = report.scheme.get(name)
        cell = t.rows[0].cells[c]
        for p in cell.paragraphs:
            for r in list(p.runs):
                r._r.getparent().remove(r._r)
        shade(cell, rating.colour)
        write(cell, rating.name, bold=True, colour=rating.text_colour, centred=True)
    values = count_values(report)
    for i, values_row in enumerate(values):
        row = add_row(t, values_row, widths)
        if i == len(values) - 1:
            for cell in row.cells:
                for p in cell.paragraphs:
                    for r in p.runs:
                        r.bold = True
    for note in report.counts_note:
        doc.add_paragraph(note)
    if report.at_risk:
        doc.add_heading(report.at_risk_heading, level=2)
        _bullets(doc, report.at_risk)
    if report.next_meetings:
        doc.add_heading("Next meetings", level=2)
        _bullets(doc, report.next_meetings)
    doc.save(str(path))
    return Path(path)
