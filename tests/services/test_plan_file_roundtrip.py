"""``export plan.json`` → ``import plan.json`` → export: the same document, byte for byte.

The whole plan travels: structure, periods and ratings with their flags,
reasons and status words, sign-offs, target revisions, evidence (links and files),
the governance calendar, and the published versions with their snapshots.
"""

from __future__ import annotations

import base64
import json
from datetime import date
from pathlib import Path

import pytest

from tests.services.plan_shapes import joint_plan_docx
from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.services.evidence import attach_file, attach_link, list_evidence, save_copy
from wsoa_desktop.services.exporting import export_plan
from wsoa_desktop.services.governance_calendar import add_meeting
from wsoa_desktop.services.importing import dry_run, import_file
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
    publish(s, 1, "September 2022 ratings; 1.1.2 target revised", by="Jo Officer", allow_not_updated=True)
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
    assert [v.summary for v in list_versions(other, plan_id)] == [v.summary for v in list_versions(busy_sample, 1)]
    other.close()


def test_the_2017_shape_survives_the_round_trip(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan_id, _ = import_file(store, joint_plan_docx(tmp_path / "joint.docx"))
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
    other.close()


def test_dry_run_of_a_plan_file_changes_nothing(busy_sample, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = export_plan(busy_sample, tmp_path / "plan.json")
    other = open_store(tmp_path / "other.db")
    plan = dry_run(path)
    assert plan.ok and plan.count(1) == 4 and plan.count(3) == 75
    assert any("2 versions, 2 pieces of evidence and 4 meetings" in n for n in plan.notes), plan.notes
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
