"""Importing from Excel, and the Excel export's formatting and formula safety."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.services.exporting import export_plan
from wsoa_desktop.services.importing import dry_run, import_file
from wsoa_desktop.services.outline import load_outline
from wsoa_desktop.services.periods import set_status
from wsoa_desktop.services.plan_items import update_action


def council_workbook(path: Path) -> Path:
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "Notes"
    notes.append(["This workbook holds our WSOA"])
    ws = wb.create_sheet("WSOA")
    ws.append(["Written Statement of Action – tracker"])
    ws.append([])
    ws.append(["REF", "Actions", "Lead(s)", "Target Date", "BRAG Rating", "Progress to date"])
    ws.append([1, "Graduated response", "Carol Taylor", None, None, None])
    ws.append([1.1, "Embed the Four Cornerstones", None, None, None, None])
    ws.append(["1.1.1", "Self-evaluation tool", "Claire Whiting; Kelly Crompton", datetime(2024, 3, 31), "Yellow",
               "Launched"])
    ws.append(["1.1.2", "Peer network", "Claire Whiting", "Sept 2023", "blue ", None])
    wb.save(path)
    return path


def test_council_workbook_with_title_rows_and_other_sheets(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = council_workbook(tmp_path / "tracker.xlsx")
    plan = dry_run(path, period="March 2024")
    assert plan.ok, [str(p) for p in plan.problems]
    assert [i.ref for i in plan.items] == ["1", "1.1", "1.1.1", "1.1.2"]
    by = {i.ref: i for i in plan.items}
    assert by["1.1.1"].target.text == "31/03/2024" and by["1.1.1"].target.is_parsed
    assert by["1.1.1"].rating == "Amber" and by["1.1.2"].rating == "Blue"
    assert by["1.1.1"].leads == ["Claire Whiting", "Kelly Crompton"]
    assert by["1.1.1"].where == "row 6"
    plan_id, _ = import_file(store, path, period="March 2024")
    assert load_outline(store, plan_id).find("1.1.1").progress == "Launched"


def test_broken_workbook(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(ValidationError, match="not a readable Excel workbook"):
        dry_run(path)


def test_excel_export_is_formatted(sample_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = export_plan(sample_store, tmp_path / "plan.xlsx", period="August 2022")
    ws = openpyxl.load_workbook(out).active
    assert [c.value for c in ws[1]] == ["Ref", "Action", "Lead", "Target End Date", "RAG August 2022",
                                        "Progress Update", "Not Updated", "Status Text"]
    assert ws[1][0].font.bold
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:H{ws.max_row}"
    assert ws.column_dimensions["B"].width >= 60
    assert ws["B3"].alignment.wrap_text
    outline = load_outline(sample_store, 1, "August 2022")
    rated = [n for n in outline.iter_actions() if n.rating][0]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == rated.ref)
    colour = outline.scheme.get(rated.rating).colour.lstrip("#").upper()
    assert row[4].value == rated.rating  # the name, not only the colour
    assert row[4].fill.fgColor.rgb.endswith(colour)


def test_formula_text_is_never_a_formula(sample_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    texts = {"1.1.1": "=HYPERLINK(\"http://evil\",\"click\")", "1.1.2": "+44 1709 382121",
             "1.1.3": "-5% on last year", "1.1.4": "@SUM(A1:A2)"}
    for ref, text in texts.items():
        update_action(sample_store, 1, ref, description=text, by="test")
    set_status(sample_store, 1, "1.1.5", "August 2022", "Green", progress="=1+1", by="test")
    out = export_plan(sample_store, tmp_path / "plan.xlsx", period="August 2022")
    with zipfile.ZipFile(out) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet  # no formula cell anywhere
    ws = openpyxl.load_workbook(out).active
    cells = {r[0].value: r for r in ws.iter_rows(min_row=2)}
    for ref, text in texts.items():
        assert cells[ref][1].value == text and cells[ref][1].data_type == "s"
        assert cells[ref][1].quotePrefix
    assert cells["1.1.5"][5].value == "=1+1"
