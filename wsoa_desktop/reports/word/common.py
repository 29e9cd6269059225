"""Word building blocks: real tables, shaded rating cells with their names, repeating headers.

python-docx has no API for cell shading, a repeating header row, a table's
caption or a page-number field, so those small pieces of WordprocessingML
(``w:shd``, ``w:tblHeader``, ``w:tblCaption``, ``w:fldSimple``) are set here. Text
goes in through python-docx's runs, which escape it, so ``&`` and ``<b>`` arrive
as typed. Headings use Word's own heading styles and the document's title and
language (en-GB) are set, so Word's "Save as PDF" makes a tagged, navigable PDF.

Word files are XML, which cannot hold most control characters: one ``\\x01`` pasted
into a progress update made python-docx refuse the whole report ("All strings must
be XML compatible"), and a document property over 255 characters (a long plan
title) did too. So every report's inputs pass through :func:`word_inputs` once,
which drops exactly those characters (the PDF drops them as well) and nothing else,
and the document properties are cut to Word's limit with an ellipsis.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from typing import Any, TypeVar

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from wsoa_desktop.domain import status_words as words
from wsoa_desktop.domain.outline import StatusView
from wsoa_desktop.domain.rating_schemes import RatingScheme
from wsoa_desktop.reports.item_text import Note
from wsoa_desktop.reports.options import ReportOptions

#: Characters XML 1.0 cannot hold (tab, line feed and carriage return it can).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: Word's limit on a document property (title, subject, author).
PROPERTY_LIMIT = 255
_T = TypeVar("_T")

HEADER_FILL = "1F3864"
GROUP_FILL = "E7ECF3"
FONT = "Arial"


def word_text(text: str) -> str:
    """``text`` as a Word file can hold it: only the characters XML cannot hold are dropped."""
    return _NOT_XML.sub("", text) if _NOT_XML.search(text) else text


def _clean(value: Any) -> Any:
    """``value`` with every string in it made :func:`word_text`; the same object when nothing changed."""
    if isinstance(value, str):
        return word_text(value)
    if isinstance(value, (list, tuple)):
        items = [_clean(v) for v in value]
        if all(a is b for a, b in zip(items, value, strict=True)):
            return value
        if hasattr(value, "_fields"):  # a named tuple
            return type(value)(*items)
        return type(value)(items)
    if isinstance(value, dict):
        cleaned = {k: _clean(v) for k, v in value.items()}
        return value if all(cleaned[k] is v for k, v in value.items()) else cleaned
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in dataclasses.fields(value):
            if f.init:
                old = getattr(value, f.name)
                new = _clean(old)
                if new is not old:
                    changes[f.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value


def word_safe(value: _T) -> _T:
    """``value`` (a report's content: dataclasses, lists, text) with every text cleaned by :func:`word_text`."""
    return _clean(value)


def word_inputs(outline: _T, options: ReportOptions) -> tuple[_T, ReportOptions]:
    """The plan and the options with every text a Word file could not hold cleaned (see module notes)."""
    return _clean(outline), _clean(options)


def property_text(text: str) -> str:
    """A document property as Word can hold it: XML-safe and at most 255 characters."""
    text = " ".join(word_text(text).split())
    return text if len(text) <= PROPERTY_LIMIT else text[:PROPERTY_LIMIT - 1].rstrip() + "…"


def new_document(options: ReportOptions, title: str, subject: str) -> Document:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    if options.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(14))
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(9)
    _set_language(normal, "en-GB")
    props = doc.core_properties
    props.title = property_text(title)
    props.subject = property_text(subject)
    props.author = property_text(options.author) or "WSOA Desktop"
    props.language = "en-GB"
    props.keywords = "WSOA; BRAG"
    return doc


def _set_language(style, lang: str) -> None:  # type: ignore[no-untyped-def]
    rpr = style.element.get_or_add_rPr()
    el = rpr.find(qn("w:lang"))
    if el is None:
        el = OxmlElement("w:lang")
        rpr.append(el)
    el.set(qn("w:val"), lang)


def shade(cell, hex_fill: str) -> None:  # type: ignore[no-untyped-def]
    """Fill a table cell (``w:shd``)."""
    tc_pr = cell._tc.get_or_add_tcPr()
    for old in tc_pr.findall(qn("w:shd")):
        tc_pr.remove(old)
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), hex_fill.lstrip("#").upper())
    tc_pr.append(shd)


def repeat_as_header(row) -> None:  # type: ignore[no-untyped-def]
    """Mark a row as the table's header, repeated at the top of each page (``w:tblHeader``)."""
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def no_split(row) -> None:  # type: ignore[no-untyped-def]
    """Keep a short row on one page (``w:cantSplit``)."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))


def write(cell, text: str, *, bold: bool = False, colour: str | None = None, size: float | None = None,
          centred: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Put text in a cell exactly as typed; line breaks kept as paragraphs."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    lines = (text or "").replace("\r\n", "\n").split("\n")
    first = True
    for line in lines:
        para = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        if centred:
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = para.add_run(line)
        run.bold = bold
        if colour:
            run.font.color.rgb = RGBColor.from_string(colour.lstrip("#").upper())
        if size:
            run.font.size = Pt(size)


def table(doc, headings: list[str], widths_mm: list[float], caption: str = ""):  # type: ignore[no-untyped-def]
    """A grid table with a shaded header row that repeats on every page, and a caption for
    screen readers (``w:tblCaption``)."""
    t = doc.add_table(rows=1, cols=len(headings))
    if caption:
        set_caption(t, caption)
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    _fixed_layout(t, widths_mm)
    header = t.rows[0]
    repeat_as_header(header)
    for cell, text, width in zip(header.cells, headings, widths_mm, strict=False):
        cell.width = Mm(width)
        shade(cell, HEADER_FILL)
        write(cell, text, bold=True, colour="FFFFFF")
    return t


def set_caption(t, caption: str, description: str = "") -> None:  # type: ignore[no-untyped-def]
    """The table's alternative text: what a screen reader announces before reading it."""
    tbl_pr = t._tbl.tblPr
    for tag, value in (("w:tblCaption", caption), ("w:tblDescription", description)):
        if value:
            el = OxmlElement(tag)
            el.set(qn("w:val"), value[:250])
            tbl_pr.append(el)


def _fixed_layout(t, widths_mm: list[float]) -> None:  # type: ignore[no-untyped-def]
    """Word and LibreOffice honour the grid's column widths only with a fixed layout."""
    tbl_pr = t._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    for column, width in zip(t.columns, widths_mm, strict=False):
        column.width = Mm(width)


class NewRow:
    """A row just added, with its cells at hand.

    python-docx finds a row's cells by walking the whole table (to allow for merged
    cells), so asking each new row of a 5,000-row table for its cells took minutes.
    A row we have just added has one cell per column, in order.
    """

    def __init__(self, row, table) -> None:  # type: ignore[no-untyped-def]
        from docx.table import _Cell

        self.row = row
        self._tr = row._tr
        self.cells = [_Cell(tc, table) for tc in row._tr.tc_lst]


def add_row(t, values: list[str], widths_mm: list[float]) -> NewRow:  # type: ignore[no-untyped-def]
    row = NewRow(t.add_row(), t)
    for cell, value, width in zip(row.cells, values, widths_mm, strict=False):
        cell.width = Mm(width)
        write(cell, value)
    return row


def rating_cell(cell, scheme: RatingScheme, rating: str | None) -> None:  # type: ignore[no-untyped-def]
    """The rating's name in its text colour on its fill; unknown text as typed."""
    d = scheme.match(rating)
    for p in cell.paragraphs:
        for r in list(p.runs):
            r._r.getparent().remove(r._r)
    if d is None:
        write(cell, (rating or "").strip(), centred=True)
        return
    shade(cell, d.colour)
    write(cell, d.name, bold=True, colour=d.text_colour, centred=True)


def status_cell(cell, scheme: RatingScheme, status: StatusView | None) -> None:  # type: ignore[no-untyped-def]
    """As :func:`rating_cell`, with "(not updated since …)" under a carried-forward rating."""
    rating_cell(cell, scheme, status.rating if status else None)
    marker = words.not_updated_text(status)
    d = scheme.match(status.rating if status else None)
    if marker and d is not None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        para = cell.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = para.add_run(f"({marker})")
        run.font.color.rgb = RGBColor.from_string(d.text_colour.lstrip("#").upper())


def add_notes(cell, notes: list[Note]) -> None:  # type: ignore[no-untyped-def]
    """"Reason: …" / "Sign-off: …" paragraphs under the text already in the cell."""
    for note in notes:
        has_text = any(p.text for p in cell.paragraphs)
        para = cell.add_paragraph() if has_text else cell.paragraphs[-1]
        label = para.add_run(f"{note.label}: ")
        label.bold = True
        para.add_run(note.text)


def page_footer(doc, left: str, stamp: str = "") -> None:  # type: ignore[no-untyped-def]
    """Every page's footer: the plan and period, "Page X of Y", and a published version's stamp."""
    footer = doc.sections[0].footer
    para = footer.paragraphs[0]
    para.text = ""
    run = para.add_run(f"{left} — Page ")
    run.font.size = Pt(7.5)
    _field(para, "PAGE")
    run = para.add_run(" of ")
    run.font.size = Pt(7.5)
    _field(para, "NUMPAGES")
    if stamp:
        extra = footer.add_paragraph()
        run = extra.add_run(stamp)
        run.font.size = Pt(7.5)


def _field(para, instruction: str) -> None:  # type: ignore[no-untyped-def]
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    para._p.append(field)


def legend_table(doc, scheme: RatingScheme, level: int = 2) -> None:  # type: ignore[no-untyped-def]
    """The scheme's ratings and meanings, and what "(not updated since …)" means."""
    doc.add_heading("RAG Status", level=level)
    widths = [34, 200]
    t = table(doc, ["RAG Status", "Meaning"], widths, caption="RAG Status: what each rating means")
    for d in sorted(scheme.ratings, key=lambda x: x.position):
        row = add_row(t, ["", d.meaning], widths)
        rating_cell(row.cells[0], scheme, d.name)
    add_row(t, [words.NOT_UPDATED_EXAMPLE, f"{words.NOT_UPDATED_MEANING} The rating is printed with its "
                "name and the last period in which it was updated."], widths)


def ref_width_mm(refs: Iterable[str], least: float = 16.0) -> float:
    """A Ref column wide enough for the longest reference on one line ("Peer Review 19"), in mm.

    Word cannot be asked how wide a text is, so it is measured in Helvetica Bold (as
    wide as Arial Bold) at the body size, plus Word's default cell margins
    (1.9 mm each side); never narrower than ``least``.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    widest = max((stringWidth(" ".join(r.split()), "Helvetica-Bold", 9) for r in refs), default=0.0)
    return max(least, widest * 25.4 / 72 + 2 * 1.9 + 1.0)


def usable_width_mm(options: ReportOptions) -> float:
    return (297 if options.landscape else 210) - 28
