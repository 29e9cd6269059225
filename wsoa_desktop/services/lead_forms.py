"""Update forms for leads: one spreadsheet per lead (or one sheet per lead) to fill in offline.

Most leads report by email, not in the app. Each form lists the lead's items with
Ref, Action, Target End Date and the last rating and progress, then empty columns
for the new rating (a drop-down of the plan's ratings), the new progress and a
reason when the rating gets worse or turns Red. A hidden sheet keeps what the form
showed when it was sent, so the import can tell a lead's change from one the
officer made in the meantime. Reading returned forms is in ``lead_form_import``.

Text a spreadsheet would run as a formula is written with a leading apostrophe
(``protect_cell``), exactly as the CSV export does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.domain.outline import ActionNode, PlanOutline
from wsoa_desktop.services.csv_export import protect_cell
from wsoa_desktop.services.files import MAX_NAME_LENGTH, atomic_write, safe_file_name
from wsoa_desktop.services.outline import load_outline
from wsoa_desktop.services.xlsx_export import too_long_for_excel, xlsx_text
from wsoa_desktop.store.database import Store

FORM_MARKER = "WSOA Desktop lead update form"
META_SHEET = "wsoa_form"
NO_LEAD = "No lead named"
COLUMNS = ("Ref", "Action", "Target End Date", "Last rating", "Last progress", "New rating",
           "New progress", "Reason (if worse or Red)")
WIDTHS = (9, 60, 18, 12, 50, 14, 50, 35)
HEADER_ROW = 4


@dataclass(frozen=True)
class LeadForm:
    lead: str
    items: list[ActionNode]


def forms_by_lead(outline: PlanOutline, leads: list[str] | None = None) -> list[LeadForm]:
    """Each lead's rated items in plan order; an item with several leads is on each form."""
    groups: dict[str, list[ActionNode]] = {}
    for node in outline.rated_items():
        names = node.leads or ([node.lead_text] if node.lead_text.strip() else [NO_LEAD])
        for name in names:
            groups.setdefault(name, []).append(node)
    wanted = None if leads is None else set(leads)
    return [LeadForm(name, items) for name, items in sorted(groups.items(), key=lambda kv: kv[0].casefold())
            if wanted is None or name in wanted]


def _sheet_title(name: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\']", " ", xlsx_text(name)).strip()[:28] or "Lead"
    title, n = base, 2
    while title.casefold() in used:
        title, n = f"{base[:25]} {n}", n + 1
    used.add(title.casefold())
    return title


def _form_file_name(lead: str, period: str, used: set[str]) -> str:
    """"<lead> - <period>.xlsx", safe on Windows, and never the same as another lead's file."""
    stem = safe_file_name(f"{lead} - {period}", fallback="Lead form", max_length=MAX_NAME_LENGTH - 10)
    name, n = f"{stem}.xlsx", 2
    while name.casefold() in used:  # two leads whose names differ only in characters taken out
        name, n = f"{stem} ({n}).xlsx", n + 1
    used.add(name.casefold())
    return name


def _text_cell(ws, row: int, col: int, value: str) -> None:  # type: ignore[no-untyped-def]
    cell = ws.cell(row=row, column=col)
    cell.value = protect_cell(xlsx_text(value))  # characters XML cannot hold dropped, as in the export
    cell.data_type = "s"  # never a formula, whatever the text starts with


def _write_sheet(ws, outline: PlanOutline, form: LeadForm, meta_rows: list[list[str]]) -> None:  # type: ignore[no-untyped-def]
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    period = outline.period.label if outline.period else ""
    _text_cell(ws, 1, 1, f"Update for {form.lead} — {period}")
    ws.cell(row=1, column=1).font = Font(bold=True, size=13)
    title = outline.title if len(outline.title) <= 200 else outline.title[:199] + "…"
    _text_cell(ws, 2, 1, f"{title}. Fill in the New rating (choose from the list), the New "
                         "progress, and a reason when the rating gets worse or turns "
                         f"{_worst(outline)}. Leave a row blank if nothing changed.")
    for col, title in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=HEADER_ROW, column=col, value=title)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDDDDD")
        ws.column_dimensions[cell.column_letter].width = WIDTHS[col - 1]
    row = HEADER_ROW
    for node in form.items:
        row += 1
        values = (node.ref, node.description, node.target.text, node.rating or "", node.progress)
        for value, column in zip(values, COLUMNS, strict=False):
            problem = too_long_for_excel(value, node.ref, column)
            if problem:
                raise problem
        for col, value in enumerate(values, start=1):
            _text_cell(ws, row, col, value)
            ws.cell(row=row, column=col).alignment = Alignment(wrap_text=True, vertical="top")
        for col in (6, 7, 8):
            cell = ws.cell(row=row, column=col)
            cell.protection = Protection(locked=False)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        meta_rows.append([ws.title, node.ref, node.rating or "", node.progress])
    if row > HEADER_ROW:
        names = ",".join(outline.scheme.names())
        dv = DataValidation(type="list", formula1=f'"{names}"', allow_blank=True, errorStyle="warning",
                            error=f"Choose one of: {names}.", errorTitle="Rating")
        dv.add(f"F{HEADER_ROW + 1}:F{row}")
        ws.add_data_validation(dv)
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=2)
    ws.protection.sheet = True  # the lead fills the New columns; the rest stays as sent
    ws.protection.formatRows = False
    ws.protection.formatColumns = False


def _worst(outline: PlanOutline) -> str:
    from wsoa_desktop.domain.status_rules import worst_rating

    return worst_rating(outline.scheme) or "Red"


def _write_meta(wb, outline: PlanOutline, meta_rows: list[list[str]]) -> None:  # type: ignore[no-untyped-def]
    ws = wb.create_sheet(META_SHEET)
    ws.sheet_state = "hidden"
    ws.append([FORM_MARKER, str(outline.plan_id), outline.period.label if outline.period else "",
               datetime.now().isoformat(timespec="seconds")])
    for r in meta_rows:
        ws.append([xlsx_text(v) for v in r])
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.value = protect_cell(xlsx_text(cell.value))
                cell.data_type = "s"


def _save(wb, path: Path) -> Path:  # type: ignore[no-untyped-def]
    return atomic_write(path, lambda tmp: wb.save(tmp))


def export_forms(store: Store, plan_id: int, target: Path | str, *, period_label: str | None = None,
                 one_workbook: bool = False, leads: list[str] | None = None) -> list[Path]:
    """Write the forms: into folder ``target`` one file per lead, or one workbook at ``target``."""
    from openpyxl import Workbook

    outline = load_outline(store, plan_id, period_label)
    if outline.period is None:
        raise ValidationError("This plan has no reporting period yet: open one before sending forms.")
    if outline.period.is_closed:
        raise ValidationError(f"The period “{outline.period.label}” is closed: open the next period "
                              "and send forms for that.")
    forms = forms_by_lead(outline, leads)
    if not forms:
        raise ValidationError("No items to send: the plan has no sub-actions with leads.")
    target = Path(target)
    written: list[Path] = []
    if one_workbook:
        if target.suffix.lower() != ".xlsx":
            raise ValidationError(f"Save the forms workbook as .xlsx, not “{target.suffix or target.name}”.")
        wb = Workbook()
        wb.remove(wb.active)
        meta: list[list[str]] = []
        used: set[str] = {META_SHEET}
        for form in forms:
            _write_sheet(wb.create_sheet(_sheet_title(form.lead, used)), outline, form, meta)
        _write_meta(wb, outline, meta)
        return [_save(wb, target)]
    if not target.is_dir():
        raise ValidationError(f"{target} is not a folder. Choose the folder to save the forms in.")
    used_names: set[str] = set()
    for form in forms:
        wb = Workbook()
        ws = wb.active
        ws.title = _sheet_title(form.lead, {META_SHEET})
        meta = []
        _write_sheet(ws, outline, form, meta)
        _write_meta(wb, outline, meta)
        written.append(_save(wb, target / _form_file_name(form.lead, outline.period.label, used_names)))
    return written


def read_returned_forms(store: Store, plan_id: int, paths: list[Path], *, period_label: str | None = None):  # type: ignore[no-untyped-def]
    """Preview what the returned forms would change (see ``lead_form_import``)."""
    from wsoa_desktop.services.lead_form_import import read_forms

    return read_forms(store, plan_id, paths, period_label=period_label)


def apply_returned_forms(store: Store, preview, *, by: str | None = None,  # type: ignore[no-untyped-def]
                         skip_conflicts: bool = False) -> int:
    """Apply a preview's changes in one transaction (see ``lead_form_import``)."""
    from wsoa_desktop.services.lead_form_import import apply_forms

    return apply_forms(store, preview, by=by, skip_conflicts=skip_conflicts)
