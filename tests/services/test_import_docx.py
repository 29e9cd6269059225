"""Importing a Word WSOA laid out like the Rotherham plan's Appendix 1 (built here with python-docx)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pytest

from wsoa_desktop.services.importing import dry_run, import_file
from wsoa_desktop.services.outline import load_outline

HEADER = ["Ref", "Action", "Lead", "Target End Date", "RAG August 2022", "Progress Update"]


def _table(document, rows: list[list[object]]):  # type: ignore[no-untyped-def]
    """A table whose cells take a str, or a list of (text, is_bullet) paragraphs."""
    table = document.add_table(rows=0, cols=6)
    for cells in [HEADER, *rows]:
        row = table.add_row()
        for cell, value in zip(row.cells, cells, strict=False):
            if isinstance(value, list):
                cell.paragraphs[0].text = ""
                first = True
                for text, bullet in value:
                    p = cell.paragraphs[0] if first else cell.add_paragraph()
                    p.text = text
                    if bullet:
                        p.style = document.styles["List Bullet"]
                    first = False
            else:
                cell.text = str(value)
    return table


def build_wsoa(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("Rotherham Local Area SEND 0-25 Written Statement of Action")
    d.add_paragraph("Priority 1 – EHC Plans")
    d.add_paragraph("Lead Officers – Julie Day, Head of Service Inclusion and Ian Tankard, Headteacher")
    d.add_paragraph("Children and Young People with SEND in Rotherham have quality and consistent EHC plans")
    _table(d, [
        ["1.1", [("Improve the Quality Assurance framework for Education Health and Care Plans, this will "
                  "mean that:", False),
                 ("All practitioners understand their role", True),
                 ("All EHC plans are on the same template", True),
                 ("Key Impact Measures", False),
                 ("EHC plans audited good or better from 52.5% to 75%", True)], "", "", "", ""],
        ["1.1.1", "Integrate EHCP and SEND into full CYPS framework", "Julie Day", "July 2022", "Yellow",
         "Framework drafted"],
        ["1.1.2", "Review the Health and CCG framework", "Julie Day\nVicki Ingram", "31/03/2024", "green", ""],
        ["1.2", [("Provide CPD opportunities, this will mean that:", False),
                 ("Practitioners understand their role", True)], "", "", "", ""],
    ])
    d.add_paragraph("")
    _table(d, [  # the table continues on the next page: header repeated, then rows with no Ref
        ["", [("There are clear pathways to support", True),
              ("Key Impact Measures", False),
              ("Fewer mediations and tribunals (16 and 8)", True)], "", "", "", ""],
        ["1.2.1", "Work with training providers to coordinate and deliver a", "NDTi, CDC", "Sept 2023", "Red",
         "Provider chosen"],
        ["", "CPD offer", "", "", "", "Dates set"],
        ["1.2.2", "Deliver CPD to parents", "RPCF group\nScott Johnson/Guiding Voices",
         "Ongoing – quarterly audit cycle", "", ""],
    ])
    d.add_paragraph("Priority 2 – Graduated Response")
    _table(d, [
        ["2.1", "Embed the Four Cornerstones Approach", "", "", "", ""],
        ["2.1.1", "Introduce the self-evaluation tool", "Claire Whiting", "Mar-24", "Grey", ""],
    ])
    d.save(str(path))
    return path


@pytest.fixture
def wsoa_docx(tmp_path: Path) -> Path:
    return build_wsoa(tmp_path / "Rotherham WSOA.docx")


def test_dry_run_of_word_plan(wsoa_docx: Path) -> None:
    plan = dry_run(wsoa_docx)
    assert plan.ok, [str(p) for p in plan.problems]
    assert plan.period == "August 2022"
    assert [i.ref for i in plan.items] == ["1", "1.1", "1.1.1", "1.1.2", "1.2", "1.2.1", "1.2.2", "2", "2.1",
                                           "2.1.1"]
    by = {i.ref: i for i in plan.items}
    assert by["1"].title == "EHC Plans"
    assert by["1"].lead_officers.startswith("Julie Day, Head of Service Inclusion")
    assert by["1"].outcome_statement.startswith("Children and Young People with SEND")
    assert by["1.1"].text == "Improve the Quality Assurance framework for Education Health and Care Plans"
    assert by["1.1"].outcomes == ["All practitioners understand their role", "All EHC plans are on the same template"]
    assert by["1.1"].impact_measures_heading == "Key Impact Measures"
    assert by["1.1"].impact_measures == ["EHC plans audited good or better from 52.5% to 75%"]
    # continued across the page break: more outcomes, then the measures
    assert by["1.2"].text == "Provide CPD opportunities"
    assert by["1.2"].outcomes == ["Practitioners understand their role", "There are clear pathways to support"]
    assert by["1.2"].impact_measures == ["Fewer mediations and tribunals (16 and 8)"]
    assert by["1.2.1"].text == "Work with training providers to coordinate and deliver a CPD offer"
    assert by["1.2.1"].progress == "Provider chosen\nDates set"
    assert by["1.2.1"].leads == ["NDTi", "CDC"]
    assert by["1.2.2"].leads == ["RPCF group", "Scott Johnson", "Guiding Voices"]
    assert by["1.1.2"].leads == ["Julie Day", "Vicki Ingram"]
    assert by["1.1.1"].rating == "Amber" and by["1.1.2"].rating == "Green" and by["2.1.1"].rating == "Grey"
    assert by["1.1.2"].target.due == date(2024, 3, 31)
    assert by["1.2.2"].target.text == "Ongoing – quarterly audit cycle" and not by["1.2.2"].target.is_parsed


def test_import_word_plan(store, wsoa_docx: Path) -> None:  # type: ignore[no-untyped-def]
    plan_id, plan = import_file(store, wsoa_docx, title="Rotherham WSOA 2022")
    outline = load_outline(store, plan_id, "August 2022")
    assert outline.title == "Rotherham WSOA 2022"
    assert [p.title for p in outline.priorities] == ["EHC Plans", "Graduated Response"]
    node = outline.find("1.1")
    assert node.outcomes[0] == "All practitioners understand their role"
    assert node.impact_measures_heading == "Key Impact Measures"
    assert outline.find("1.2.1").rating == "Red"
    assert outline.find("1.2.1").status.progress == "Provider chosen\nDates set"
    assert len(outline.sub_actions()) == 5


def test_word_file_without_a_plan_table(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Minutes of the board")
    t = d.add_table(rows=1, cols=2)
    t.rows[0].cells[0].text = "Name"
    path = tmp_path / "minutes.docx"
    d.save(str(path))
    plan = dry_run(path)
    assert not plan.ok and "Ref and Action" in str(plan.problems[-1])


def test_not_really_a_word_file(tmp_path: Path) -> None:
    from wsoa_desktop.domain.errors import ValidationError

    path = tmp_path / "fake.docx"
    path.write_text("not a zip")
    with pytest.raises(ValidationError, match="not a readable Word document"):
        dry_run(path)
