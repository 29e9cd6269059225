"""Importing a plan from CSV: flexible headers, ratings, leads, dates, dry run, all or nothing."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from tests.db_access import fingerprint
from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.services.importing import dry_run, import_file
from wsoa_desktop.services.outline import load_outline
from wsoa_desktop.services.plans import list_plans


def write_csv(path: Path, rows: list[list[str]], *, encoding: str = "utf-8", delimiter: str = ",") -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        csv.writer(f, delimiter=delimiter).writerows(rows)
    return path


COUNCIL = [
    ["Ref.", "Action", "Lead officer(s)", "Target date", "RAG August 2022", "Progress"],
    ["1", "EHC plans are good", "Julie Day", "", "", ""],
    ["1.1", "Improve the QA framework", "", "", "", ""],
    ["1.1.1", "Integrate EHCP into the CYPS framework", "Julie Day/Pam Ward/Nathan Heath", "31/03/2024",
     " yellow ", "Audit under way"],
    ["1.1.2", "Review the health framework", "NDTi, CDC", "Sept 2023", "GREEN", ""],
    ["1.1.3", "Quarterly audits", "Vicki Ingram\nJulie Day", "Ongoing – quarterly audit cycle", "Blue",
     "Done"],
    ["1.1.4", "Co-produce the offer", "RPCF", "Mar-24", "", ""],
]


def test_council_spreadsheet(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_csv(tmp_path / "council_plan.csv", COUNCIL)
    plan_id, plan = import_file(store, path, by="officer")
    assert plan.period == "August 2022"
    outline = load_outline(store, plan_id, "August 2022")
    assert outline.title == "council plan"
    a = {n.ref: n for n in outline.iter_actions()}
    assert a["1.1.1"].rating == "Amber"  # Yellow is the scheme's synonym for Amber, any case
    assert a["1.1.2"].rating == "Green" and a["1.1.3"].rating == "Blue" and a["1.1.4"].rating is None
    assert a["1.1.1"].leads == ["Julie Day", "Pam Ward", "Nathan Heath"]
    assert a["1.1.1"].lead_text == "Julie Day/Pam Ward/Nathan Heath"
    assert a["1.1.2"].leads == ["NDTi", "CDC"]
    assert a["1.1.3"].leads == ["Vicki Ingram", "Julie Day"]
    assert a["1.1.1"].target.text == "31/03/2024" and a["1.1.1"].target.due == date(2024, 3, 31)
    assert a["1.1.2"].target.due == date(2023, 9, 30)
    assert a["1.1.4"].target.due == date(2024, 3, 31) and a["1.1.4"].target.text == "Mar-24"
    assert a["1.1.3"].target.text == "Ongoing – quarterly audit cycle" and a["1.1.3"].target.due is None
    assert a["1.1.1"].progress == "Audit under way"
    assert outline.priorities[0].area_of_concern == "EHC plans are good"


def test_dry_run_lists_everything_and_changes_nothing(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_csv(tmp_path / "plan.csv", COUNCIL)
    before = fingerprint(store)
    plan = dry_run(path)
    assert plan.ok
    assert (plan.count(1), plan.count(2), plan.count(3), plan.ratings) == (1, 1, 4, 3)
    text = "\n".join(plan.report_lines())
    assert "1 priorities, 1 actions and 4 sub-actions" in text and "August 2022" in text
    assert "1 target dates are kept as text" in text
    assert fingerprint(store) == before
    assert list_plans(store) == []


def test_every_problem_with_row_and_ref_and_nothing_imported(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = [
        ["Ref", "Action", "Lead", "Target End Date", "RAG", "Progress Update"],
        ["1", "Priority one", "", "", "", ""],
        ["1.1", "An action", "", "", "", ""],
        ["1.1.1", "Fine", "A", "July 2022", "Green", ""],
        ["1.1.2", "Odd colour", "B", "", "Purple", ""],
        ["1.1.1", "Twice", "C", "", "", ""],
        ["1.x", "Bad ref", "", "", "", ""],
        ["1.1.3", "", "D", "", "", ""],
        ["1.9.1", "Orphan", "E", "", "", ""],
    ]
    path = write_csv(tmp_path / "bad.csv", rows)
    plan = dry_run(path)
    assert not plan.ok
    found = [(p.where, p.ref) for p in plan.problems]
    assert ("row 5", "1.1.2") in found  # Purple
    assert ("row 6", "1.1.1") in found  # duplicate
    assert ("row 7", "1.x") in found
    assert ("row 8", "1.1.3") in found  # no text
    # An action only implied by its sub-action (a BRAG appendix drops them at page breaks) is added, and said.
    assert ("row 9", "1.9.1") not in found
    assert any("Action 1.9" in n or "1.9" in n for n in plan.notes)
    assert "Purple" in str(plan.problems[0]) and "row 5" in str(plan.problems[0])
    with pytest.raises(ValidationError, match="Nothing was imported"):
        import_file(store, path)
    assert list_plans(store) == []


def test_all_or_nothing_when_the_database_refuses_half_way(store, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A failure after the plan, period and half the rows were written rolls every row back."""
    from wsoa_desktop.services.importing import apply as apply_mod

    path = write_csv(tmp_path / "plan.csv", COUNCIL)
    real = apply_mod._many
    calls = {"n": 0}

    def count(con, sql, rows):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        return real(con, sql, rows)

    written: dict[str, int] = {}

    def fail_on_status(*args, session, **kwargs):  # type: ignore[no-untyped-def]
        for table in ("priority", "person", "action", "action_lead", "audit_entry"):
            written[table] = session.connection().exec_driver_sql(f"SELECT count(*) FROM {table}").scalar()
        raise RuntimeError("disk went away")

    monkeypatch.setattr(apply_mod, "_many", count)
    # The ratings are written last, by the status service: fail there, after every other row.
    monkeypatch.setattr(apply_mod, "record_history", fail_on_status)
    with pytest.raises(RuntimeError):
        import_file(store, path)
    assert calls["n"] >= 2
    # Everything but the ratings was in the transaction when it failed: priorities, people,
    # actions and their leads, and the audit trail.
    assert min(written.values()) > 0, written
    con = store.raw()
    try:
        for table in ("plan", "priority", "action", "person", "action_lead", "reporting_period",
                      "status_update", "audit_entry"):
            assert con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
    finally:
        con.close()


def test_missing_priority_is_added_and_said(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = [["Reference", "Description", "Owner", "Deadline", "Rating", "Comments"],
            ["2.1", "Graduated response", "Claire", "July 2022", "", ""],
            ["2.1.1", "Self-evaluation tool", "Claire", "April 2022", "amber", "Started"]]
    path = write_csv(tmp_path / "actions.csv", rows, delimiter=";")
    plan = dry_run(path, period="May 2022", title="Graduated response")
    assert plan.ok and any("Priority 2" in n for n in plan.notes)
    plan_id, _ = import_file(store, path, period="May 2022", title="Graduated response")
    outline = load_outline(store, plan_id)
    assert outline.priorities[0].title == "Priority 2"
    assert outline.period.label == "May 2022"
    assert outline.find("2.1.1").rating == "Amber"


def test_windows_1252_csv_and_no_header(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_csv(tmp_path / "win.csv", [["Ref", "Action", "Lead"], ["1", "Café – plan", ""],
                                            ["1.1", "Pay £5", "José"]], encoding="cp1252")
    plan = dry_run(path)
    assert plan.ok and plan.items[1].text == "Pay £5" and plan.items[1].leads == ["José"]
    nohead = write_csv(tmp_path / "nohead.csv", [["1", "x"], ["1.1", "y"]])
    plan = dry_run(nohead)
    assert not plan.ok and "header row" in str(plan.problems[0])


def test_unsupported_and_missing_files(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match=".csv, .xlsx or .docx"):
        dry_run(tmp_path / "plan.pdf")
    with pytest.raises(ValidationError, match="no file"):
        dry_run(tmp_path / "gone.csv")


def test_each_imported_item_starts_its_history(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from wsoa_desktop.services.audit import history

    path = write_csv(tmp_path / "council_plan.csv", COUNCIL)
    plan_id, _ = import_file(store, path, by="Officer A")
    lines = history(store, plan_id, "1.1.1")
    assert {(h.field_name, h.new_value, h.by, h.operation) for h in lines} == {
        ("description", "Integrate EHCP into the CYPS framework", "Officer A", "create"),
        ("rating August 2022", "Amber", "Officer A", "create")}


def test_a_file_of_priorities_only_imports_them(store, tmp_path):  # type: ignore[no-untyped-def]
    """Found by the hostile-files fuzzing: a file with a priority and no actions once failed with a
    database error instead of importing the priority."""
    from wsoa_desktop.services.importing import import_file
    from wsoa_desktop.services.outline import load_outline

    path = tmp_path / "plan.csv"
    path.write_text("Ref,Action,Lead,Target End Date,RAG,Progress Update\n1,,,,Green,\n", encoding="utf-8")
    plan_id, plan = import_file(store, path, title="Priorities only", period="August 2022")
    assert [p.ref for p in load_outline(store, plan_id).priorities] == ["1"] and plan.count(2) == 0
