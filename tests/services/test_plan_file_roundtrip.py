"""``export plan.json`` → ``import plan.json`` → export: the same document, byte for byte.

The whole plan travels: structure, periods and ratings with their flags,
reasons and status words, sign-offs, target revisions, impact measures with
their milestones, readings and actions, evidence (links and files),
the governance calendar, and the published versions with their snapshots.
"""

from __future__ import annotations

import base64
import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from tests.services.plan_shapes import joint_plan_docx
from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.services.evidence import attach_file, attach_link, list_evidence, save_copy
from wsoa_desktop.services.exporting import export_plan
from wsoa_desktop.services.governance_calendar import add_meeting
from wsoa_desktop.services.importing import dry_run, import_file
from wsoa_desktop.services.measures import (
    fields_of,
    get_measure,
    list_measures,
    set_reading,
    update_measure,
)
from wsoa_desktop.services.outline import load_outline
from wsoa_desktop.services.plan_items import change_target
from wsoa_desktop.services.plans import list_plans
from wsoa_desktop.services.rounds import new_period
from wsoa_desktop.services.signoff import record_sign_off
from wsoa_desktop.services.status import set_rating
from wsoa_desktop.services.versions import list_versions, publish, version_document
from wsoa_desktop.store.database import open_store


@pytest.fixture
def busy_sample(sample_store, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The sample with a month's work on it: a new period, a Red with its reason, a sign-off and
    Blue, a moved target, evidence files and links, a meeting, two published versions."""
    s = sample_store
    publish(s, 1, "August 2022 ratings", by="Jo Officer", allow_not_updated=True)
    new_period(s, 1, "September 2022", by="Jo Officer")
    set_rating(s, 1, "1.1.1", "September 2022", "Red", reason="Framework sign-off slipped", progress="Slipped",
               by="Jo Officer")
    record_sign_off(s, 1, "2.4.2", approved_on=date(2022, 9, 14), minute_ref="SEB 22/41", by="Jo Officer")
    change_target(s, 1, "1.1.2", "December 2022", reason="Waiting for CCG framework", by="Jo Officer")
    pdf = tmp_path / "EHCP audit.pdf"
    pdf.write_bytes(b"%PDF-1.4 audit summary \x00\xff\x10 binary")
    attach_file(s, 1, "2.4.2", pdf, title="Audit summary", by="Jo Officer")
    attach_link(s, 1, "2.4.2", r"\\rmbc-fs01\SEND\Evidence\2.4.2", title="Evidence folder", by="Jo Officer")
    add_meeting(s, 1, "SEND Executive Board", date(2022, 10, 12), reports=["BRAG appendix"], note="Room 2")
    set_reading(s, 1, "M1", "Q1 2022/23", 61.5, note="Audit of 40 plans", by="Performance team")
    set_reading(s, 1, "M1", "Q2 2022/23", 63, by="Performance team")
    set_reading(s, 1, "M11", "academic year 2021/22", 185, by="Performance team")
    fields = fields_of(get_measure(s, 1, "M8"))
    fields.milestones = [(9000.0, "March 2022"), (12000.0, "Q4 2022/23")]
    fields.action_refs = ["2.6", "2.2", "1.1"]
    update_measure(s, 1, "M8", fields, new_ref="PORTAL & <hits>", by="Jo Officer")
    publish(s, 1, "September 2022 ratings; 1.1.2 target revised", by="Jo Officer", allow_not_updated=True)
    set_reading(s, 1, "M1", "Q2 2022/23", 70, by="Performance team")  # after version 2: not in it
    return s


def test_export_import_export_is_identical(busy_sample, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = export_plan(busy_sample, tmp_path / "first.json")
    other = open_store(tmp_path / "other.db")
    plan_id, plan = import_file(other, first)
    second = export_plan(other, tmp_path / "second.json", plan=plan_id)
    assert first.read_bytes() == second.read_bytes()
    doc = json.loads(second.read_text(encoding="utf-8"))
    assert [v["number"] for v in doc["versions"]] == [1, 2]
    assert {e["title"] for e in doc["evidence"]} == {"Audit summary", "Evidence folder"}
    assert {"body": "SEND Executive Board", "held_on": "2022-10-12", "reports": ["BRAG appendix"],
            "for_whom": "", "note": "Room 2"} in doc["meetings"]
    # What the officer sees after the move is what they saw before it.
    outline = load_outline(other, plan_id, "September 2022")
    node = outline.find("1.1.1")
    assert (node.rating, node.status.reason, node.status.carried_forward) == ("Red", "Framework sign-off slipped",
                                                                              False)
    assert outline.find("2.2.2").status.carried_forward
    assert outline.find("2.4.2").sign_off.minute_ref == "SEB 22/41"
    assert [(c.old_text, c.new_text) for c in outline.find("1.1.2").target_changes] == [
        ("July 2022", "December 2022")]
    files = list_evidence(other, plan_id, "2.4.2")
    assert [(f.title, f.size, f.link) for f in files] == [(f.title, f.size, f.link)
                                                          for f in list_evidence(busy_sample, 1, "2.4.2")]
    copy = save_copy(other, plan_id, files[0].id, tmp_path / "copy.pdf")
    assert copy.read_bytes() == b"%PDF-1.4 audit summary \x00\xff\x10 binary"
    assert version_document(other, plan_id, 1) == version_document(busy_sample, 1, 1)
    # Impact measures travel whole: fields, milestones, readings with notes, links to actions, order.
    moved = list_measures(other, plan_id)
    assert [replace(m, id=0) for m in moved] == [replace(m, id=0) for m in list_measures(busy_sample, 1)]
    m1 = get_measure(other, plan_id, "M1")
    assert [(r.label, r.value, r.note) for r in m1.readings] == [("Q1 2022/23", 61.5, "Audit of 40 plans"),
                                                                 ("Q2 2022/23", 70.0, "")]
    portal = get_measure(other, plan_id, "PORTAL & <hits>")
    assert portal.action_refs == ("1.1", "2.2", "2.6")
    assert [(x.value, x.when) for x in portal.milestones] == [(9000.0, "March 2022"), (12000.0, "Q4 2022/23")]
    assert [m["ref"] for m in doc["measures"]][:9] == ["M1", "M2", "M3", "M4", "M5", "M6", "M7", "PORTAL & <hits>",
                                                       "M9"]
    # A version keeps the readings as published.
    published = {m["ref"]: m for m in version_document(other, plan_id, 2)["measures"]}
    assert [r["value"] for r in published["M1"]["readings"]] == [61.5, 63.0]
    assert "measures" in version_document(other, plan_id, 1) and "readings" not in {
        k for m in version_document(other, plan_id, 1)["measures"] for k in m}
    assert [v.summary for v in list_versions(other, plan_id)] == [v.summary for v in list_versions(busy_sample, 1)]
    other.close()


def test_the_2017_shape_survives_the_round_trip(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan_id, _ = import_file(store, joint_plan_docx(tmp_path / "joint.docx", commissioning=True))
    first = export_plan(store, tmp_path / "first.json", plan=plan_id)
    doc = json.loads(first.read_text(encoding="utf-8"))
    assert doc["priorities"][0]["kind"] == "section"
    assert [v.get("source", "") != "" for v in doc["versions"]] == [True] * 13
    other = open_store(tmp_path / "other.db")
    new_id, _ = import_file(other, first)
    assert export_plan(other, tmp_path / "second.json", plan=new_id).read_bytes() == first.read_bytes()
    outline = load_outline(other, new_id)
    assert outline.find("Peer Review 1").linked_refs == ["SEND 1", "SEND 4"]
    assert outline.find("SEND 1").status.status_text == "On track"
    assert [n.date_text for n in outline.find("SEND 1").progress_history] == ["14/02/17", "08/06/17"]
    assert outline.find("SJC 1.1").status.status_text == "Completed"  # a named row of the section with no refs
    assert [c.ref for c in outline.find("SJC 2").children] == ["SJC 2.1"]
    other.close()


def test_dry_run_of_a_plan_file_changes_nothing(busy_sample, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = export_plan(busy_sample, tmp_path / "plan.json")
    other = open_store(tmp_path / "other.db")
    plan = dry_run(path)
    assert plan.ok and plan.count(1) == 4 and plan.count(3) == 75
    assert any("2 versions, 2 pieces of evidence and 4 meetings; 30 impact measures (3 readings)" in n
               for n in plan.notes), plan.notes
    assert list_plans(other) == []
    other.close()


def test_an_altered_snapshot_or_file_refuses_the_whole_import(busy_sample, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = export_plan(busy_sample, tmp_path / "plan.json")
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["versions"][0]["snapshot"] = doc["versions"][0]["snapshot"].replace("Framework", "Frameworks", 1)
    bad = tmp_path / "tampered.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    other = open_store(tmp_path / "other.db")
    plan = dry_run(bad)
    assert not plan.ok and "Version 1" in str(plan.problems[0])
    with pytest.raises(ValidationError, match="Version 1 in this file has been altered"):
        import_file(other, bad)
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["evidence"][0]["content"] = base64.b64encode(b"something else").decode()
    bad.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ValidationError, match="altered"):
        import_file(other, bad)
    del doc["priorities"][0]["ref"]
    bad.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ValidationError, match="incomplete or damaged"):
        import_file(other, bad)
    assert list_plans(other) == []
    other.close()


def test_an_older_plan_file_still_loads(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A file from before evidence, meetings and versions were exported (format version 1 too)."""
    from wsoa_desktop.services.sample import SAMPLE_FILE

    old = tmp_path / "old.json"
    old.write_text(SAMPLE_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    plan_id, _ = import_file(store, old, title="Copied")
    assert load_outline(store, plan_id, "August 2022").find("2.4.3").rating == "Amber"
    assert list_measures(store, plan_id) == []  # a file from before measures has none
    exported = json.loads(export_plan(store, tmp_path / "again.json", plan=plan_id).read_text(encoding="utf-8"))
    assert "measures" not in exported  # and a plan without measures is written as before


def test_a_bad_measure_refuses_the_whole_plan_file(busy_sample, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = json.loads(export_plan(busy_sample, tmp_path / "plan.json").read_text(encoding="utf-8"))
    doc["measures"][3]["actions"] = ["9.9"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    other = open_store(tmp_path / "other.db")
    plan = dry_run(bad)
    assert not plan.ok and "Measure M4: There is no action 9.9" in str(plan.problems[0])
    with pytest.raises(ValidationError, match="Measure M4"):
        import_file(other, bad)
    assert list_plans(other) == []
    other.close()


def test_a_richly_filled_plan_moves_between_databases_with_nothing_lost(busy_sample, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Everything an officer can record, on one plan: its own rating scheme, boards and subgroups with
    chairs and members, people, a meeting's outcome, decisions and covering-report text, a closed
    period, status words beside a rating, evidence files and links, and published versions."""
    from dataclasses import replace

    from wsoa_desktop.domain.scheme_design import drafts_of
    from wsoa_desktop.services import status
    from wsoa_desktop.services.governance import (
        BOARD,
        SUBGROUP,
        GroupFields,
        Member,
        add_group,
        groups,
    )
    from wsoa_desktop.services.governance_calendar import MeetingFields, save_new_meeting
    from wsoa_desktop.services.people import PersonFields, add_person, list_people
    from wsoa_desktop.services.rounds import close_period
    from wsoa_desktop.services.scheme_changes import change_scheme

    s = busy_sample
    drafts = drafts_of(load_outline(s, 1).scheme)
    drafts[-1] = replace(drafts[-1], meaning="Not started: waiting for the subgroup", synonyms=["Not started"])
    change_scheme(s, 1, "Rotherham BRAG (2023)", drafts, by="Jo Officer")
    add_group(s, 1, GroupFields("SEND Evidence Challenge Panel", BOARD, members=(
        Member("Nathan Heath", "Assistant Director", True), Member("Parent Carer Forum rep")),
        note="Reviews evidence before sign-off", signs_off=False), by="Jo Officer")
    add_group(s, 1, GroupFields("Post-16 task and finish group", SUBGROUP, members=(
        Member("Jenny Lingrell", is_chair=True),)), by="Jo Officer")
    add_person(s, 1, PersonFields("Rotherham Youth Cabinet", "RYC", "Young people's forum", "Rotherham", is_team=True))
    save_new_meeting(s, 1, MeetingFields(
        "Improving Lives Select Commission", date(2022, 11, 8), ("Covering report", "BRAG appendix"),
        "Members", "Item 7", outcome="Noted the progress; asked for a spotlight on EHCP timeliness.",
        decisions=("Spotlight on EHCPs in January", "Thanks to the Parent Carer Forum"),
        purpose="To update members on the WSOA.", recommendations=("That the Commission notes the progress",),
        background_papers=("Written Statement of Action, January 2022",)), by="Jo Officer")
    status.apply_changes(s, 1, "September 2022", [status.StatusChange(
        "2.2.1", "Amber", reason="Audit later than planned", status_text="Behind schedule – audit in October")],
        by="Jo Officer")
    close_period(s, 1, "August 2022", by="Jo Officer")
    publish(s, 1, "October committee pack", by="Jo Officer", allow_not_updated=True)

    first = export_plan(s, tmp_path / "first.json")
    other = open_store(tmp_path / "other.db")
    plan_id, _ = import_file(other, first)
    second = export_plan(other, tmp_path / "second.json", plan=plan_id)
    assert first.read_bytes() == second.read_bytes()

    doc = json.loads(second.read_text(encoding="utf-8"))
    assert doc["rating_scheme"]["name"] == "Rotherham BRAG (2023)"
    assert doc["rating_scheme"]["ratings"][-1]["meaning"] == "Not started: waiting for the subgroup"
    assert [p["closed"] for p in doc["periods"] if p["label"] == "August 2022"] == [True]
    september = next(p for p in doc["periods"] if p["label"] == "September 2022")
    update = next(u for u in september["updates"] if u["ref"] == "2.2.1")
    assert update["status_text"] == "Behind schedule – audit in October"
    assert any(u["carried_forward"] for u in september["updates"])
    panel = next(b for b in doc["boards"] if b["name"] == "SEND Evidence Challenge Panel")
    assert panel["note"] == "Reviews evidence before sign-off"
    meeting = next(m for m in doc["meetings"] if m["held_on"] == "2022-11-08")
    assert meeting["decisions"] == ["Spotlight on EHCPs in January", "Thanks to the Parent Carer Forum"]
    assert meeting["background_papers"] == ["Written Statement of Action, January 2022"]
    assert [v["number"] for v in doc["versions"]] == [1, 2, 3]
    assert all(v["snapshot"] and v["sha256"] for v in doc["versions"])
    evidence = {e["title"]: e for e in doc["evidence"]}
    assert base64.b64decode(evidence["Audit summary"]["content"]) == b"%PDF-1.4 audit summary \x00\xff\x10 binary"

    # And in the other database it is the same plan to work with.
    outline = load_outline(other, plan_id, "September 2022")
    assert outline.scheme.name == "Rotherham BRAG (2023)"
    assert outline.find("2.2.1").status.status_text == "Behind schedule – audit in October"
    assert [e.text for e in outline.find("2.4.2").evidence] == ["Audit summary (EHCP audit.pdf)",
                                                                "Evidence folder – \\\\rmbc-fs01\\SEND\\Evidence\\2.4.2"]
    assert [(g.name, [m.display for m in g.members]) for g in groups(other, plan_id) if g.kind == SUBGROUP
            and g.name.startswith("Post-16")] == [("Post-16 task and finish group", ["Jenny Lingrell"])]
    gv = next(p for p in list_people(other, plan_id) if p.name == "Rotherham Youth Cabinet")
    assert (gv.initials, gv.role, gv.organisation, gv.is_team) == ("RYC", "Young people's forum", "Rotherham", True)
    with pytest.raises(ValidationError, match="closed"):
        set_rating(other, plan_id, "1.1.1", "August 2022", "Green")
    assert version_document(other, plan_id, 3) == version_document(s, 1, 3)
    other.close()


def test_a_plan_of_priorities_only_moves_whole(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A plan just started (priorities, no actions yet) exports and imports; so does such a CSV."""
    from wsoa_desktop.services.plan_items import add_priority
    from wsoa_desktop.services.plans import create_plan

    plan_id = create_plan(store, "Started plan", by="Jo")
    add_priority(store, plan_id, "1", "EHC Plans", by="Jo")
    first = export_plan(store, tmp_path / "first.json", plan=plan_id)
    other = open_store(tmp_path / "other.db")
    new_id, _ = import_file(other, first)
    assert export_plan(other, tmp_path / "second.json", plan=new_id).read_bytes() == first.read_bytes()
    csv = tmp_path / "priorities.csv"
    csv.write_text("Ref,Action,Lead,Target End Date,RAG,Progress Update\n1,EHC Plans,,,,\n", encoding="utf-8")
    csv_id, plan = import_file(other, csv)
    assert plan.count(1) == 1 and [p.ref for p in load_outline(other, csv_id).priorities] == ["1"]
    other.close()
