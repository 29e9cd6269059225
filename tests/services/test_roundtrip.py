"""Export → import → export is identical, and any text survives the CSV and Excel round trips."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wsoa_desktop.services.csv_export import csv_text
from wsoa_desktop.services.exporting import export_plan
from wsoa_desktop.services.importing import dry_run, import_file
from wsoa_desktop.services.outline import load_outline
from wsoa_desktop.services.xlsx_export import xlsx_text
from wsoa_desktop.store.database import open_store


def xlsx_values(path: Path) -> list[tuple]:
    return [tuple(r) for r in openpyxl.load_workbook(path).active.iter_rows(values_only=True)]


def test_csv_export_import_export_is_identical(sample_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = export_plan(sample_store, tmp_path / "first.csv", period="August 2022")
    other = open_store(tmp_path / "other.db")
    plan_id, plan = import_file(other, first, title="Round trip", period="August 2022")
    second = export_plan(other, tmp_path / "second.csv", plan=plan_id, period="August 2022")
    assert first.read_bytes() == second.read_bytes()
    a, b = load_outline(sample_store, 1, "August 2022"), load_outline(other, plan_id, "August 2022")
    assert [(n.ref, n.description, n.leads, n.target.text, n.target.due, n.rating, n.progress)
            for n in a.iter_actions()] == \
           [(n.ref, n.description, n.leads, n.target.text, n.target.due, n.rating, n.progress)
            for n in b.iter_actions()]
    other.close()


def test_xlsx_export_import_export_is_identical(sample_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = export_plan(sample_store, tmp_path / "first.xlsx", period="August 2022")
    other = open_store(tmp_path / "other.db")
    plan_id, plan = import_file(other, first)  # title and period come from the workbook
    assert plan.period == "August 2022"
    assert plan.title.startswith("Rotherham Local Area SEND")
    second = export_plan(other, tmp_path / "second.xlsx", plan=plan_id, period="August 2022")
    assert xlsx_values(first) == xlsx_values(second)
    other.close()


safe_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
formulaish = st.sampled_from(["=", "+", "-", "@", "'", "''", "'=", "\t", "\r", " ", "\"", ",", "\n",
                              " =", "\n=", "\r\n+", "\u3000@", "\u200b-", "＝", "＋", "－", "＠", "' =", "'＝"])
any_text = st.builds(lambda a, b: a + b, formulaish, safe_text) | safe_text


@pytest.fixture(scope="module")
def csv_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding a plan, a priority and a period (made once; each example writes into a copy)."""
    from wsoa_desktop.services.periods import add_period
    from wsoa_desktop.services.plan_items import add_priority
    from wsoa_desktop.services.plans import create_plan

    path = tmp_path_factory.mktemp("csv-source") / "src.db"
    db = open_store(path)
    pid = create_plan(db, "Property", by="t")
    add_priority(db, pid, "1", title="P", by="t")
    add_period(db, pid, "May 2024", by="t")
    db.close()
    return path


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(description=any_text.filter(lambda t: t.strip()), progress=any_text, target=any_text)
def test_any_text_survives_the_csv_round_trip(csv_source: Path, tmp_path_factory, description: str,
                                              progress: str, target: str) -> None:  # type: ignore[no-untyped-def]
    from wsoa_desktop.services.periods import set_status
    from wsoa_desktop.services.plan_items import ActionFields, add_action

    tmp = tmp_path_factory.mktemp("csv")
    shutil.copy(csv_source, tmp / "src.db")  # a fresh database per example, without building one each time
    db = open_store(tmp / "src.db")
    pid = 1
    add_action(db, pid, "1.1", ActionFields(description=description, target=target, leads=["Ann"]), by="t")
    set_status(db, pid, "1.1", "May 2024", "Red", reason="Staff away", progress=progress, by="t")
    out = export_plan(db, tmp / "out.csv", period="May 2024")
    plan = dry_run(out, period="May 2024", title="Copy")
    assert plan.ok, [str(p) for p in plan.problems]
    item = plan.items[1]
    assert (item.text, item.progress, item.target.text, item.rating) == (description, progress, target, "Red")
    db.close()


@settings(max_examples=60, deadline=None)
@given(cells=st.lists(any_text, min_size=3, max_size=3))
def test_any_text_survives_the_xlsx_round_trip(cells: list[str]) -> None:
    import tempfile

    from wsoa_desktop.domain.outline import (
        ActionNode,
        PeriodInfo,
        PlanOutline,
        PriorityNode,
        StatusView,
    )
    from wsoa_desktop.domain.rating_schemes import WSOA_BRAG
    from wsoa_desktop.domain.target_dates import TargetDate
    from wsoa_desktop.services.xlsx_export import write_xlsx

    description, progress, target = cells
    description = description if xlsx_text(description).strip() else "x" + description
    node = ActionNode(1, "1.1", 2, description, None, 1, ["Ann"], "Ann", TargetDate(target),
                      status=StatusView("Amber", progress))
    outline = PlanOutline(1, "T", WSOA_BRAG, [PriorityNode(1, "1", "P", "P", actions=[node])],
                          [PeriodInfo(1, "May 2024", 1)], PeriodInfo(1, "May 2024", 1))
    with tempfile.TemporaryDirectory() as tmp:
        path = write_xlsx(outline, Path(tmp) / "p.xlsx")
        plan = dry_run(path)
        assert plan.ok, [str(p) for p in plan.problems]
        item = plan.items[1]
        # an .xlsx cannot hold XML-illegal control characters; everything else comes back as typed
        assert item.text == xlsx_text(description)
        assert item.progress == xlsx_text(progress)
        assert item.target.text == xlsx_text(target)
        assert item.rating == "Amber" and plan.period == "May 2024"


def test_csv_cells_are_protected_in_the_file(sample_store) -> None:  # type: ignore[no-untyped-def]
    from wsoa_desktop.services.plan_items import update_action

    update_action(sample_store, 1, "1.1.1", description="=cmd|' /C calc'!A0", by="t")
    rows = list(csv.reader(io.StringIO(csv_text(load_outline(sample_store, 1)))))
    cell = next(r for r in rows if r[0] == "1.1.1")[1]
    assert cell.startswith("'=")


def test_exports_mark_carried_forward_ratings_after_the_contract_columns(sample_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """CSV (with a BOM for Excel) and Excel gain a Not Updated column; importers read the file back."""
    from wsoa_desktop.services.rounds import new_period, rate

    new_period(sample_store, 1, "September 2022", by="t")
    rate(sample_store, 1, "2.5.1", "September 2022", "Amber", reason="Trainer off sick", by="t")
    out = export_plan(sample_store, tmp_path / "sept.csv", period="September 2022")
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfRef,Action,Lead,Target End Date,RAG,Progress Update,Not Updated,"
                           b"Status Text\r\n")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    by_ref = {r[0]: r for r in rows[1:]}
    assert all(len(r) == 8 for r in rows)
    assert by_ref["2.2.3"][4:7] == ["Amber", by_ref["2.2.3"][5], "not updated since August 2022"]
    assert by_ref["2.5.1"][4] == "Amber" and by_ref["2.5.1"][6] == ""  # updated this period
    assert by_ref["1.1.1"][6] == "" and by_ref["1"][6] == ""  # unrated; a priority
    # “Ofsted’s” survives Excel: the file is UTF-8 with a byte-order mark.
    assert "Ofsted’s" in data.decode("utf-8-sig")
    plan = dry_run(out, period="September 2022", title="Copy")
    assert plan.ok, [str(p) for p in plan.problems]
    assert {i.ref: i.rating for i in plan.items}["2.2.3"] == "Amber"

    xlsx = export_plan(sample_store, tmp_path / "sept.xlsx", period="September 2022")
    values = xlsx_values(xlsx)
    assert values[0] == ("Ref", "Action", "Lead", "Target End Date", "RAG September 2022", "Progress Update",
                         "Not Updated", "Status Text")
    assert {r[0]: r[6] for r in values[1:]}["2.2.3"] == "not updated since August 2022"
    assert dry_run(xlsx).ok
HIDDEN_FORMULAS = [" =1+1", "\n=1+1", "＝1+1", "  +SUM(A1)", "\t\n@cmd", "\u200b=1+1", "\u3000－2", "＠SUM(A1)"]


def test_formulas_behind_spaces_line_breaks_and_full_width_signs_are_protected(
        sample_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from wsoa_desktop.services.csv_export import looks_like_formula, protect_cell, unprotect_cell
    from wsoa_desktop.services.plan_items import update_action

    for text in HIDDEN_FORMULAS:
        assert looks_like_formula(text) and protect_cell(text) == "'" + text
        assert unprotect_cell(protect_cell(text)) == text
    for text in ("Plain text", "Ann's update", "2 - 1", "", "   ", "1.1 = done"):
        assert unprotect_cell(protect_cell(text)) == text
    refs = ["1.1.1", "1.1.2", "1.1.3", "1.1.4", "1.2.1", "1.2.2", "1.2.3", "1.3.1"]
    for ref, text in zip(refs, HIDDEN_FORMULAS, strict=True):
        update_action(sample_store, 1, ref, description=text, by="t")
    rows = {r[0]: r for r in csv.reader(io.StringIO(csv_text(load_outline(sample_store, 1)), newline=""))}
    for ref, text in zip(refs, HIDDEN_FORMULAS, strict=True):
        assert rows[ref][1] == "'" + text  # a spreadsheet shows it as text
    # ... and export -> import -> export is still exact, in both formats
    for suffix in (".csv", ".xlsx"):
        first = export_plan(sample_store, tmp_path / f"first{suffix}", period="August 2022")
        other = open_store(tmp_path / f"other{suffix}.db")
        plan_id, _ = import_file(other, first, title="Copy", period="August 2022")
        assert [load_outline(other, plan_id).find(ref).description for ref in refs] == HIDDEN_FORMULAS
        second = export_plan(other, tmp_path / f"second{suffix}", plan=plan_id, period="August 2022")
        if suffix == ".csv":
            assert first.read_bytes() == second.read_bytes()
        else:
            assert xlsx_values(first)[1:] == xlsx_values(second)[1:]
            sheet = openpyxl.load_workbook(first).active
            marked = {r[0].value: r[1] for r in sheet.iter_rows(min_row=2)}
            assert all(marked[ref].quotePrefix and marked[ref].data_type == "s" for ref in refs)
        other.close()


def _with_status_text(store) -> None:  # type: ignore[no-untyped-def]
    """Seed 004's words beside ratings, including ones a spreadsheet would run or trim."""
    from wsoa_desktop.services import status

    status.apply_changes(store, 1, "August 2022", [
        status.StatusChange("2.2.1", "Green", status_text="On track"),
        status.StatusChange("2.2.3", "Amber", reason="Audit later than planned",
                            status_text="=Behind schedule – audit in October\nsee minute 7"),
    ], by="Jo Officer")


def test_status_text_is_exported_after_the_contract_columns_and_read_back(sample_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """CSV and Excel carry the words kept beside a rating in a last Status Text column; a plan import of
    the file keeps them, and exporting the imported plan gives the same file."""
    _with_status_text(sample_store)
    for suffix in (".csv", ".xlsx"):
        first = export_plan(sample_store, tmp_path / f"first{suffix}", period="August 2022")
        rows = (xlsx_values(first) if suffix == ".xlsx" else
                [tuple(r) for r in csv.reader(io.StringIO(first.read_bytes().decode("utf-8-sig")))])
        assert rows[0][:4] == ("Ref", "Action", "Lead", "Target End Date") and rows[0][5:] == (
            "Progress Update", "Not Updated", "Status Text")
        by_ref = {r[0]: r for r in rows[1:]}
        assert by_ref["2.2.1"][7] == "On track"
        expected = "=Behind schedule – audit in October\nsee minute 7"
        assert by_ref["2.2.3"][7] == (expected if suffix == ".xlsx" else "'" + expected)  # never a formula
        other = open_store(tmp_path / f"other{suffix}.db")
        plan_id, _ = import_file(other, first, title="Round trip", period="August 2022")
        outline = load_outline(other, plan_id, "August 2022")
        assert outline.find("2.2.1").status.status_text == "On track"
        assert outline.find("2.2.3").status.status_text == expected
        second = export_plan(other, tmp_path / f"second{suffix}", plan=plan_id, period="August 2022")
        if suffix == ".csv":
            assert first.read_bytes() == second.read_bytes()
        else:
            assert xlsx_values(first) == xlsx_values(second)
        other.close()


def test_a_ratings_import_reads_the_status_text_column(sample_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The app's own export, edited and read back as ratings: the Status Text column goes with each rating."""
    from wsoa_desktop.services import ratings_import

    _with_status_text(sample_store)
    out = export_plan(sample_store, tmp_path / "ratings.csv", period="August 2022")
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    kept = [rows[0]] + [r for r in rows[1:] if r[0] in ("2.2.1", "2.2.3")]  # the rows an officer updates
    for r in kept:
        if r[0] == "2.2.1":
            r[7] = "Slipping – see the new plan"
    edited = tmp_path / "edited.csv"
    with edited.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(kept)
    preview = ratings_import.preview_ratings(sample_store, 1, edited, "August 2022")
    assert preview.ok, preview.report_lines()
    assert [(line.ref, line.outcome) for line in preview.lines if line.outcome == ratings_import.CHANGED] == [
        ("2.2.1", ratings_import.CHANGED)]  # the words alone changed; 2.2.3's protected text reads back as typed
    assert {c.ref: c.status_text for c in preview.changes} == {
        "2.2.1": "Slipping – see the new plan", "2.2.3": "=Behind schedule – audit in October\nsee minute 7"}
    ratings_import.apply_ratings(sample_store, 1, preview, by="Jo Officer")
    outline = load_outline(sample_store, 1, "August 2022")
    assert outline.find("2.2.1").status.status_text == "Slipping – see the new plan"
    assert outline.find("2.2.1").rating == "Green"
    assert outline.find("2.2.3").status.status_text == "=Behind schedule – audit in October\nsee minute 7"
