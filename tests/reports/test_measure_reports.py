"""The scorecard (.pdf, .xlsx) and performance on a page, read back with pypdf and openpyxl."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.readings_sheets import write_readings
from tests.reports.helpers import assert_in_order, pdf_pages, squash
from wsoa_desktop.domain.errors import NotFoundError, ValidationError
from wsoa_desktop.reports.options import ReportOptions
from wsoa_desktop.reports.produce import make_report
from wsoa_desktop.services.measures import MeasureFields, add_measure, set_reading
from wsoa_desktop.services.readings_import import import_readings

PRINTED = date(2022, 10, 20)


@pytest.fixture
def measured_store(sample_store, tmp_path):  # type: ignore[no-untyped-def]
    """The sample with a year of figures for five measures (illustrative values)."""
    rows = []
    for ref, values in {"M1": (55.0, 57.0, 59.0, 63.0), "M8": (7000, 8200, 9300, 11900),
                        "M11": (190, 186, 183, 185), "M4": (50, 53, 55, 54), "M22": (6, 7, 8, 10)}.items():
        for quarter, value in zip(("Q3 2021/22", "Q4 2021/22", "Q1 2022/23", "Q2 2022/23"), values, strict=True):
            rows.append((ref, quarter, value, ""))
    import_readings(sample_store, 1, write_readings(tmp_path / "figures.xlsx", rows), by="test")
    return sample_store


def test_scorecard_pdf_lists_every_measure_with_baseline_target_latest_and_status(measured_store, tmp_path):
    out = make_report(measured_store, "scorecard", tmp_path / "scorecard.pdf",
                      ReportOptions(period_label="Q2 2022/23", printed_on=PRINTED))
    pages = pdf_pages(out)
    text = "\n".join(pages)
    flat = squash(text)
    assert squash("Impact measures scorecard – Rotherham Local Area SEND 0-25 Written Statement of Action") in flat
    assert squash("Position at 30 September 2022 (Q2 2022/23)") in flat
    assert_in_order(flat, [squash(s) for s in (
        "Priority 1 – EHC Plans", "M1", "EHC plans audited rated as good or better", "52.5% (June 2021)",
        "75% by June 2023", "63% (Q2 2022/23)", "Behind trajectory",  # the line stands at 66.6%
        "Priority 2", "M8", "6,132 (June 2021)", "15,000 by June 2023", "11,900 (Q2 2022/23)",
        "On or ahead of trajectory", "M11", "Fixed term exclusions – EHCP", "192", "162 by June 2023",
        "185 (Q2 2022/23)", "Well behind trajectory", "M17", "To be established", "Baseline to be established",
        "Priority 3", "M22", "10 (Q2 2022/23)", "Target met",
        "How a measure's status is worked out")])
    assert squash("Lower is better") in flat
    for ref in (f"M{i}" for i in range(1, 31)):
        assert f"\n{ref}\n" in text or f"{ref}\n" in text
    for i, page in enumerate(pages, start=1):
        assert f"Page {i} of {len(pages)}" in page and "Printed 20 October 2022" in page


def test_scorecard_as_at_an_earlier_quarter_ignores_later_readings(measured_store, tmp_path):
    out = make_report(measured_store, "scorecard", tmp_path / "q4.pdf",
                      ReportOptions(period_label="Q4 2021/22", printed_on=PRINTED))
    flat = squash("\n".join(pdf_pages(out)))
    assert squash("Position at 31 March 2022 (Q4 2021/22)") in flat
    assert squash("57% (Q4 2021/22)") in flat and squash("63% (Q2 2022/23)") not in flat
    with pytest.raises(Exception, match="not a period or quarter"):
        make_report(measured_store, "scorecard", tmp_path / "x.pdf", ReportOptions(period_label="Someday"))


def test_scorecard_workbook_holds_numbers_statuses_and_readings(measured_store, tmp_path):
    from openpyxl import load_workbook

    add_measure(measured_store, 1, MeasureFields("=SUM(A1:A9) of <b>things</b> & more", owner="@owner"),
                ref="M31", by="test")
    out = make_report(measured_store, "scorecard", tmp_path / "scorecard.xlsx",
                      ReportOptions(period_label="Q2 2022/23", printed_on=PRINTED))
    wb = load_workbook(out)
    ws = wb["Scorecard"]
    header = [c.value for c in ws[4]]
    assert header[:3] == ["Ref", "Measure", "Actions"] and "Status" in header
    rows = {r[0]: r for r in ws.iter_rows(min_row=5, values_only=True)}
    m1 = rows["M1"]
    col = {name: header.index(name) for name in header}
    assert m1[col["Baseline"]] == 52.5 and m1[col["Target"]] == 75 and m1[col["Latest reading"]] == 63
    assert m1[col["Latest period"]] == "Q2 2022/23" and m1[col["Status"]] == "Behind trajectory"
    assert m1[col["Actions"]] == "1.1, 1.2, 1.3, 1.5"
    assert isinstance(m1[col["On the trajectory"]], float) and 66 < m1[col["On the trajectory"]] < 67
    status_cell = ws.cell(row=list(rows).index("M1") + 5, column=col["Status"] + 1)
    assert status_cell.fill.fgColor.rgb.endswith("F2A900")  # Amber, with its name in the cell
    assert rows["M17"][col["Status"]] == "Baseline to be established" and rows["M17"][col["Baseline"]] is None
    awkward = ws.cell(row=list(rows).index("M31") + 5, column=2)
    assert awkward.value == "=SUM(A1:A9) of <b>things</b> & more" and awkward.data_type == "s"
    readings = list(wb["Readings"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in readings] == ["M1"] * 4 + ["M4"] * 4 + ["M8"] * 4 + ["M11"] * 4 + ["M22"] * 4
    assert readings[11][1:] == ("Hits on the graduated response electronic portal", "Q2 2022/23",
                                readings[11][3], 11900, None)
    assert readings[11][3].date() == date(2022, 9, 30)
    assert "Quarter 1 is April to June" in "\n".join(str(c.value) for c in wb["How status is worked out"]["A"])


def test_performance_on_a_page_is_one_landscape_page_then_tables(measured_store, tmp_path):
    from pypdf import PdfReader

    out = make_report(measured_store, "dashboard", tmp_path / "dashboard.pdf",
                      ReportOptions(period_label="August 2022", printed_on=PRINTED))
    reader = PdfReader(str(out))
    box = reader.pages[0].mediabox
    assert box.width > box.height  # landscape
    pages = pdf_pages(out)
    one = squash(pages[0])
    assert squash("Performance on a page – Rotherham Local Area SEND 0-25 Written Statement of Action") in one
    assert squash("75 rated items · 2 Red · 31 overdue · 0 not updated") in one
    assert squash("Ratings by priority – August 2022") in one and squash("Priority 2") in one
    assert squash("10 not updated") not in one and squash("0 not updated · 10 overdue") in one
    assert squash("Impact measures – status at 31 August 2022") in one
    for i in range(1, 31):  # every measure's tile is on page 1, with its status in words
        assert f"M{i}" in pages[0]
    assert "Behind" in pages[0] and "No baseline" in pages[0] and "Met" in pages[0]
    assert "Page 1 of" in pages[0]
    rest = squash("\n".join(pages[1:]))
    assert_in_order(rest, [squash(s) for s in (
        "The numbers on page 1, as tables – August 2022", "Ratings by priority", "2. Graduated Response",
        "Ratings across reporting periods", "August 2022", "Impact measures – status at 31 August 2022",
        "M1", "59% (Q1 2022/23)", "Behind trajectory")])


def test_performance_on_a_page_counts_not_updated_after_a_new_period(measured_store, tmp_path):
    from wsoa_desktop.services.rounds import new_period

    new_period(measured_store, 1, "September 2022", by="test")
    out = make_report(measured_store, "dashboard", tmp_path / "dashboard.pdf",
                      ReportOptions(period_label="September 2022", printed_on=PRINTED))
    one = squash(pdf_pages(out)[0])
    assert squash("24 not updated") in one  # every rating carried forward, none updated yet
    assert squash("Ratings by priority – September 2022") in one


def test_user_text_prints_as_typed(measured_store, tmp_path):
    add_measure(measured_store, 1, MeasureFields("Parents & carers <b>not bold</b> “quoted” ≥ 3", owner="Siân Jones",
                                                 action_refs=["1.1"]), ref="M&1", by="test")
    set_reading(measured_store, 1, "M&1", "Q1 2022/23", 4, by="test")
    for kind in ("scorecard", "dashboard"):
        out = make_report(measured_store, kind, tmp_path / f"{kind}.pdf", ReportOptions(printed_on=PRINTED))
        text = "\n".join(pdf_pages(out))
        assert "Parents & carers <b>not bold</b> “quoted” ≥ 3" in text.replace("\n", " ")


def test_wrong_file_types_and_missing_versions_are_refused(measured_store, tmp_path):
    with pytest.raises(NotFoundError, match="no published version 1"):
        make_report(measured_store, "scorecard", tmp_path / "s.pdf", ReportOptions(version=1))
    with pytest.raises(ValidationError, match="can be written as .pdf, not"):
        make_report(measured_store, "dashboard", tmp_path / "d.docx", ReportOptions())
    assert not (tmp_path / "s.pdf").exists()


def test_a_versions_scorecard_and_dashboard_print_the_readings_as_published(measured_store, tmp_path):
    """Readings changed, added and deleted after publishing leave the version's reports as they were."""
    from wsoa_desktop.services.measures import delete_measure, delete_reading
    from wsoa_desktop.services.versions import publish

    publish(measured_store, 1, "August 2022 ratings and Q2 figures", by="Jo Officer", allow_not_updated=True)
    set_reading(measured_store, 1, "M1", "Q2 2022/23", 80, by="t")  # now Target met on the live plan
    delete_reading(measured_store, 1, "M22", "Q2 2022/23", by="t")
    delete_measure(measured_store, 1, "M11", by="t")
    add_measure(measured_store, 1, MeasureFields("Added after publishing", baseline=1, baseline_when="June 2021",
                                                 target=2, target_when="June 2023"), ref="LATE", by="t")
    live = make_report(measured_store, "scorecard", tmp_path / "live.pdf",
                       ReportOptions(period_label="Q2 2022/23", printed_on=PRINTED))
    live_text = squash("\n".join(pdf_pages(live)))
    assert squash("80% (Q2 2022/23)") in live_text and "LATE" in live_text
    assert squash("Fixed term exclusions – EHCP") not in live_text

    for name in ("v1.pdf", "v1.xlsx"):
        make_report(measured_store, "scorecard", tmp_path / name,
                    ReportOptions(version=1, period_label="Q2 2022/23", printed_on=PRINTED))
    flat = squash("\n".join(pdf_pages(tmp_path / "v1.pdf")))
    assert_in_order(flat, [squash(s) for s in (
        "Position at 30 September 2022 (Q2 2022/23)", "M1", "63% (Q2 2022/23)", "Behind trajectory",
        "M11", "Fixed term exclusions – EHCP", "185 (Q2 2022/23)", "Well behind trajectory",
        "M22", "10 (Q2 2022/23)", "Target met")])
    assert "LATE" not in flat and squash("80% (Q2 2022/23)") not in flat
    assert squash("Version 1, published") in flat and "JoOfficer" in flat
    from openpyxl import load_workbook

    ws = load_workbook(tmp_path / "v1.xlsx").active
    rows = {r[0]: r for r in ws.iter_rows(min_row=5, values_only=True) if r[0]}
    assert rows["M1"][9] == 63 and rows["M11"][12] == "Well behind trajectory" and "LATE" not in rows
    assert str(ws.cell(3, 1).value).startswith("Version 1, published")

    dash = make_report(measured_store, "dashboard", tmp_path / "d1.pdf", ReportOptions(version=1, printed_on=PRINTED))
    pages = pdf_pages(dash)
    assert "M11" in pages[0] and "LATE" not in pages[0] and "Version 1, published" in pages[0]
    assert "LATE" in pdf_pages(make_report(measured_store, "dashboard", tmp_path / "d.pdf",
                                           ReportOptions(printed_on=PRINTED)))[0]


def test_a_plan_without_measures_still_prints(store, tmp_path):
    from wsoa_desktop.services.plans import create_plan

    create_plan(store, "Empty plan", by="test")
    for kind, name in (("scorecard", "s.pdf"), ("dashboard", "d.pdf"), ("scorecard", "s.xlsx")):
        out = make_report(store, kind, tmp_path / name, ReportOptions(printed_on=PRINTED))
        assert out.stat().st_size > 1000
    assert "no impact measures yet" in "\n".join(pdf_pages(tmp_path / "s.pdf"))
    assert "No rated items" in pdf_pages(tmp_path / "d.pdf")[0]


def test_page_one_stays_one_page_for_many_measures(measured_store, tmp_path):
    for i in range(200):
        add_measure(measured_store, 1, MeasureFields(f"Synthetic measure {i}", baseline=i, baseline_when="June 2021",
                                                     target=i + 10, target_when="June 2023"), ref=f"S{i}", by="t")
    out = make_report(measured_store, "dashboard", tmp_path / "many.pdf", ReportOptions(printed_on=PRINTED))
    pages = pdf_pages(out)
    assert "S199" in pages[0] and "Page 1 of" in pages[0]
    assert "S199" not in pages[1] or "Impact measures" in pages[1]


def test_report_files_are_written_atomically(measured_store, tmp_path: Path):
    out = tmp_path / "scorecard.pdf"
    out.write_bytes(b"old")
    with pytest.raises(NotFoundError):
        make_report(measured_store, "scorecard", out, ReportOptions(version=2))
    assert out.read_bytes() == b"old"


def test_a_version_without_measures_says_so_rather_than_asking_to_add_them(sample_store, tmp_path):
    """A version published before any measure was added (or before versions kept them) holds none."""
    from wsoa_desktop.services.measures import (
        add_measure_documents,
        delete_measure,
        list_measures,
        measure_documents,
    )
    from wsoa_desktop.services.versions import publish, version_document

    kept = measure_documents(sample_store, 1)
    for m in list_measures(sample_store, 1):
        delete_measure(sample_store, 1, m.ref, by="t")
    publish(sample_store, 1, "August 2022", by="Jo", allow_not_updated=True)
    assert "measures" not in version_document(sample_store, 1, 1)
    add_measure_documents(sample_store, 1, kept, by="t")  # the measures are added afterwards
    out = make_report(sample_store, "scorecard", tmp_path / "old.pdf", ReportOptions(version=1, printed_on=PRINTED))
    text = squash("\n".join(pdf_pages(out)))
    assert squash("This version holds no impact measures") in text and "M1" not in text
    live = squash("\n".join(pdf_pages(make_report(sample_store, "scorecard", tmp_path / "now.pdf",
                                                  ReportOptions(printed_on=PRINTED)))))
    assert "M30" in live
    page = make_report(sample_store, "dashboard", tmp_path / "old-page.pdf", ReportOptions(version=1))
    assert "Performance on a page" in pdf_pages(page)[0]


def test_a_priority_titled_only_by_its_number_is_not_named_twice():
    from wsoa_desktop.domain.measures import Measure
    from wsoa_desktop.services.scorecard import scorecard_numbers

    measures = [Measure(1, "M1", "One", action_refs=("1.1",)), Measure(2, "M2", "Two", action_refs=("2.1",))]
    card = scorecard_numbers("Plan", measures, [("1", "EHC Plans"), ("2", "Priority 2")], PRINTED)
    assert [g.heading for g in card.groups] == ["Priority 1 – EHC Plans", "Priority 2"]
