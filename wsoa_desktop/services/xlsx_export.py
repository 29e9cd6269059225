"""The plan as an Excel workbook, formatted for reading and safe to open.

Same rows and columns as the CSV (:mod:`csv_export`), with the RAG column headed
``RAG <period>`` so an import knows which period the ratings belong to, and the
``Not Updated`` and ``Status Text`` columns after the six contract columns. Rating
cells are filled with the rating's colour *and* hold its name, so the sheet still
reads in black and white. Every cell is written as text: a cell that begins with
``=``, ``+``, ``-`` or ``@`` is stored as a string (``data_type "s"``, marked
``quotePrefix`` as Excel does for text typed with an apostrophe), so Excel never
runs it as a formula and the text reads back exactly as typed.
"""

from __future__ import annotations

import re
from pathlib import Path

from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.domain.outline import PlanOutline
from wsoa_desktop.services.csv_export import EXPORT_HEADER, looks_like_formula, plan_rows
from wsoa_desktop.services.files import atomic_write

COLUMN_WIDTHS = (9, 70, 26, 20, 12, 70, 22, 30)
# Characters XML 1.0 cannot hold; an .xlsx cannot store them at all.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xlsx_text(text: str) -> str:
    """Text as an .xlsx can hold it (control characters other than tab and newlines dropped)."""
    return _ILLEGAL.sub("", text)


def rating_header(outline: PlanOutline) -> str:
    return xlsx_text(f"RAG {outline.period.label}") if outline.period else "RAG"


def build_workbook(outline: PlanOutline):  # type: ignore[no-untyped-def]
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "Plan"
    header = list(EXPORT_HEADER)
    header[4] = rating_header(outline)
    ws.append(header)
    head_fill = PatternFill("solid", fgColor="1F3864")
    head_font = Font(bold=True, color="FFFFFF")
    thin = Side(style="thin", color="A6A6A6")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    for cell in ws[1]:
        cell.fill, cell.font, cell.alignment, cell.border = head_fill, head_font, wrap, border

    fills: dict[str, tuple[object, ...]] = {}
    for r in outline.scheme.ratings:
        fills[r.name] = (PatternFill("solid", fgColor=r.colour.lstrip("#").upper()),
                         Font(bold=True, color=r.text_colour.lstrip("#").upper()))
    bold = Font(bold=True)
    priority_fill = PatternFill("solid", fgColor="D9E1F2")
    for row in plan_rows(outline):
        ws.append([xlsx_text(c) for c in row])
        cells = ws[ws.max_row]
        is_priority = "." not in row[0]
        for cell in cells:
            value = cell.value
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever it begins with
                if looks_like_formula(value):
                    cell.quotePrefix = True
            cell.alignment, cell.border = wrap, border
            if is_priority:
                cell.font, cell.fill = bold, priority_fill
        rating = row[4]
        if rating and rating in fills:
            cells[4].fill, cells[4].font = fills[rating]
    for i, width in enumerate(COLUMN_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    last = get_column_letter(len(EXPORT_HEADER))
    ws.auto_filter.ref = f"A1:{last}{max(ws.max_row, 1)}"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    wb.properties.title = xlsx_text(outline.title)
    return wb


#: The most characters an Excel cell holds. openpyxl cuts a longer text there without a word,
#: and Excel would too, so a plan holding one is refused (see :func:`refuse_long_text`).
EXCEL_CELL_LIMIT = 32_767


def too_long_for_excel(text: str, ref: str, column: str) -> ValidationError | None:
    """The refusal for a text an Excel cell cannot hold whole, or None."""
    if len(text) <= EXCEL_CELL_LIMIT:
        return None
    return ValidationError(
        f"{ref}: the {column} is {len(text):,} characters, and an Excel cell holds at most "
        f"{EXCEL_CELL_LIMIT:,}, so the workbook would cut it short. Export to .csv or .json instead (they "
        "keep any length), or shorten the text first. Nothing was written.", ref=ref)


def refuse_long_text(outline: PlanOutline) -> None:
    """Refuse, naming the item and the column, a plan with a text an Excel cell cannot hold.

    Why refuse rather than split the text over several cells: a split cell reads
    back as two texts (an import would join them differently or not at all), and
    a workbook that silently differs from the plan is what this guards against.
    CSV and JSON have no such limit, and the message says so.
    """
    for row in plan_rows(outline):
        for text, column in zip(row, EXPORT_HEADER, strict=False):
            problem = too_long_for_excel(text, row[0], column)
            if problem:
                raise problem


def write_xlsx(outline: PlanOutline, path: Path) -> Path:
    refuse_long_text(outline)
    wb = build_workbook(outline)
    return atomic_write(path, lambda tmp: wb.save(tmp))
