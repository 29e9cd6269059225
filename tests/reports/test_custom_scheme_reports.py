"""Reports, legends and exports follow the plan's own scheme: one defined in the app, or the sample's changed."""

from __future__ import annotations

import csv
import json
from datetime import date

import docx
import pytest
from openpyxl import load_workbook

from tests.reports.helpers import pdf_pages, squash
from wsoa_desktop.domain.scheme_design import RatingDraft, build_scheme, drafts_of
from wsoa_desktop.reports.options import ReportOptions
from wsoa_desktop.reports.produce import make_report
from wsoa_desktop.services import periods, plan_items, plans, rounds, signoff
from wsoa_desktop.services.exporting import export_plan
from wsoa_desktop.services.plan_document import load_document
from wsoa_desktop.services.scheme_changes import change_scheme
from wsoa_desktop.store.database import open_store

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEAM = build_scheme("Team RAG", [
    RatingDraft("Done", "Closed by the forum", "#1F5FAD", "#FFFFFF", ["Complete"], is_complete=True, severity=0),
    RatingDraft("Fine", "On course & funded", "#FFD200", "#000000", ["OK"], severity=1),
    RatingDraft("Stuck", "Blocked <see notes>", "#6A1B9A", "#FFFFFF", ["Blocked"], severity=2),
])


@pytest.fixture
def team_plan(store):  # type: ignore[no-untyped-def]
    pid = plans.create_plan(store, "Forum plan", scheme=TEAM)
    plan_items.add_priority(store, pid, "1", "Transitions")
    for ref, text in (("1.1", "Map the pathways"), ("1.1.1", "Draft the map"), ("1.1.2", "Agree the map"),
                      ("1.1.3", "Publish the map")):
        plan_items.add_action(store, pid, ref, plan_items.ActionFields(text, leads=["Sam Lee"], target="June 2025"))
    periods.add_period(store, pid, "May 2025")
    rounds.rate(store, pid, "1.1.1", "May 2025", "OK", progress="On course")
    rounds.rate(store, pid, "1.1.2", "May 2025", "Blocked", reason="No venue", progress="Waiting")
    signoff.record_sign_off(store, pid, "1.1.3", approved_on=date(2025, 5, 20), minute_ref="F 5/25",
                            body="Schools Forum", progress="Published")
    return store, pid


def _shading(cell) -> str:  # type: ignore[no-untyped-def]
    shd = cell._tc.tcPr.find(f"{W}shd") if cell._tc.tcPr is not None else None
    return shd.get(f"{W}fill") if shd is not None else ""


def test_brag_appendix_pdf_and_word_print_the_plans_own_legend(team_plan, tmp_path) -> None:
    store, pid = team_plan
    options = ReportOptions(period_label="May 2025", columns=("lead", "progress"))
    text = "\n".join(pdf_pages(make_report(store, "brag", tmp_path / "a.pdf", options, plan=pid)))
    for name, meaning in (("Done", "Closed by the forum"), ("Fine", "On course & funded"),
                          ("Stuck", "Blocked <see notes>")):
        assert squash(f"{name}{meaning}") in squash(text), name
    assert not any(word in text for word in ("Blue", "Amber", "Grey"))
    assert "Published" in text  # the progress given with the complete rating
    d = docx.Document(str(make_report(store, "brag", tmp_path / "a.docx", options, plan=pid)))
    legend = next(t for t in d.tables if t.rows[0].cells[0].text == "RAG Status")
    assert [(r.cells[0].text, r.cells[1].text, _shading(r.cells[0])) for r in legend.rows[1:4]] == [
        ("Done", "Closed by the forum", "1F5FAD"), ("Fine", "On course & funded", "FFD200"),
        ("Stuck", "Blocked <see notes>", "6A1B9A")]
    rated = {c.text: _shading(c) for t in d.tables for r in t.rows for c in r.cells if c.text in TEAM.names()}
    assert rated == {"Done": "1F5FAD", "Fine": "FFD200", "Stuck": "6A1B9A"}


def test_exports_carry_the_scheme_and_the_json_brings_it_back(team_plan, tmp_path) -> None:
    store, pid = team_plan
    rows = list(csv.reader(export_plan(store, tmp_path / "p.csv", plan=pid).open(encoding="utf-8-sig")))
    assert {r[0]: r[4] for r in rows[1:]}["1.1.2"] == "Stuck"
    ws = load_workbook(export_plan(store, tmp_path / "p.xlsx", plan=pid)).active
    fine = next(row[4] for row in ws.iter_rows(min_row=2) if row[0].value == "1.1.1")
    assert fine.value == "Fine" and fine.fill.fgColor.rgb.endswith("FFD200") and fine.font.color.rgb.endswith("000000")
    doc = json.loads(export_plan(store, tmp_path / "p.json", plan=pid).read_text(encoding="utf-8"))
    assert [r["name"] for r in doc["rating_scheme"]["ratings"]] == ["Done", "Fine", "Stuck"]
    other = open_store(tmp_path / "other.db")
    try:
        assert plans.scheme_for(other, load_document(other, doc)) == TEAM
    finally:
        other.close()


def test_a_changed_sample_scheme_reaches_the_appendix_and_the_cover(sample_store, tmp_path) -> None:
    drafts = drafts_of(plans.scheme_for(sample_store, 1))
    drafts[2].name, drafts[2].meaning, drafts[2].synonyms = "Yellow", "At risk: the board is told", ["A", "Amber"]
    change_scheme(sample_store, 1, "WSOA BRAG 2023", drafts)
    options = ReportOptions(period_label="August 2022")
    text = squash("\n".join(pdf_pages(make_report(sample_store, "brag", tmp_path / "b.pdf", options))))
    assert squash("YellowAt risk: the board is told") in text and "Amber" not in text
    from wsoa_desktop.reports.cover import make_cover

    cover = docx.Document(str(make_cover(sample_store, tmp_path / "c.docx", period_label="August 2022",
                                         meeting_id=2, today=date(2022, 8, 30))))
    assert [c.text for c in cover.tables[1].rows[0].cells][1:6] == ["Blue", "Green", "Yellow", "Red", "Grey"]
    assert _shading(cover.tables[1].rows[0].cells[3]) == "F2A900"
