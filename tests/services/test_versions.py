"""Published versions: immutable snapshots, read-only outlines, and comparison."""

from __future__ import annotations

from datetime import date

import pytest

from tests.db_access import drop_trigger, other_connection
from wsoa_desktop.domain.errors import DatabaseError, NotFoundError, ValidationError
from wsoa_desktop.services import plan_items, rounds, signoff, versions
from wsoa_desktop.services.exporting import export_plan
from wsoa_desktop.services.outline import load_outline
from wsoa_desktop.services.plan_document import document_for
from wsoa_desktop.services.version_comparison import (
    ADDED,
    LEAD,
    MOVED,
    RATING,
    REMOVED,
    TARGET,
    TEXT,
    compare_documents,
)


def _edit_everything(store):
    plan_items.update_action(store, 1, "2.2.2", description="Rewritten after the board", by="Ann")
    plan_items.change_target(store, 1, "2.2.3", "March 2023", reason="Staff vacancy", by="Ann")
    rounds.rate(store, 1, "2.3.1", None, "Red", reason="Funding withdrawn", by="Ann")
    plan_items.delete_item(store, 1, "2.5.7", by="Ann")
    rounds.new_period(store, 1, "September 2022", by="Ann")


def test_publish_numbers_versions_and_lists_them(sample_store):
    with pytest.raises(ValidationError, match="summary"):
        versions.publish(sample_store, 1, "  ")
    first = versions.publish(sample_store, 1, "August 2022 ratings", by="Ann")
    second = versions.publish(sample_store, 1, "Typo fixed", by="Bob")
    listed = versions.list_versions(sample_store, 1)
    assert [(v.number, v.published_by, v.summary, v.period_label) for v in listed] == [
        (1, "Ann", "August 2022 ratings", "August 2022"), (2, "Bob", "Typo fixed", "August 2022")]
    assert (first.number, second.number) == (1, 2)


def test_snapshot_is_the_plan_document_plus_metadata(sample_store):
    versions.publish(sample_store, 1, "v1", by="Ann")
    doc = versions.version_document(sample_store, 1, 1)
    meta = doc.pop(versions.META_KEY)
    assert doc == document_for(sample_store, 1)
    assert (meta["number"], meta["published_by"], meta["summary"]) == (1, "Ann", "v1")


def test_editing_the_plan_after_publishing_leaves_the_snapshot_byte_for_byte(sample_store, tmp_path):
    versions.publish(sample_store, 1, "v1")
    text = versions.snapshot_text(sample_store, 1, 1)
    csv1 = export_plan(sample_store, tmp_path / "v1.csv", version=1).read_bytes()
    json1 = export_plan(sample_store, tmp_path / "v1.json", version=1).read_bytes()
    _edit_everything(sample_store)
    assert versions.snapshot_text(sample_store, 1, 1) == text
    assert export_plan(sample_store, tmp_path / "again.csv", version=1).read_bytes() == csv1
    assert export_plan(sample_store, tmp_path / "again.json", version=1).read_bytes() == json1
    outline = versions.version_outline(sample_store, 1, 1)
    assert outline.find("2.2.2").description != "Rewritten after the board"
    assert outline.find("2.5.7") is not None and outline.find("2.3.1").rating == "Green"
    assert load_outline(sample_store, 1).find("2.5.7") is None


def test_a_tampered_snapshot_is_refused(sample_store):
    versions.publish(sample_store, 1, "v1")
    con = other_connection(sample_store)
    # Someone with another database tool removes the guard first, then edits the snapshot.
    drop_trigger(sample_store, con, "plan_version_immutable", "plan_version")
    con.execute("UPDATE plan_version SET snapshot = replace(snapshot, 'Green', 'Blue')")
    con.commit()
    con.close()
    with pytest.raises(DatabaseError, match="altered"):
        versions.version_document(sample_store, 1, 1)


def test_version_outline_matches_the_live_outline_it_froze(sample_store):
    rounds.new_period(sample_store, 1, "September 2022")
    rounds.rate(sample_store, 1, "2.2.3", "September 2022", "Red", reason="Late", progress="slipping")
    signoff.record_sign_off(sample_store, 1, "2.5.6", approved_on=date(2022, 9, 14), minute_ref="23/45",
                            set_complete=False)
    plan_items.change_target(sample_store, 1, "2.2.4", "December 2022", reason="Waiting on panel")
    with pytest.raises(ValidationError, match="23 ratings in September 2022 were carried forward"):
        versions.publish(sample_store, 1, "v1")
    versions.publish(sample_store, 1, "v1", allow_not_updated=True)
    live, frozen = load_outline(sample_store, 1), versions.version_outline(sample_store, 1, 1)
    assert frozen.period.label == "September 2022" and frozen.previous_period.label == "August 2022"
    for a, b in zip(live.iter_actions(), frozen.iter_actions(), strict=True):
        assert (a.ref, a.level, a.description, a.leads, a.target, a.rating, a.progress) == \
               (b.ref, b.level, b.description, b.leads, b.target, b.rating, b.progress)
        # Every field of the status as published: carried forward and since when, who, when, reason.
        assert (a.status, a.previous) == (b.status, b.previous), a.ref
        assert (a.sign_off, a.target_changes, a.target_revised) == \
               (b.sign_off, b.target_changes, b.target_revised), a.ref
    assert frozen.find("2.2.2").status.since_label == "August 2022"
    assert frozen.find("2.5.6").sign_off.minute_ref == "23/45"
    assert frozen.find("2.2.4").target_was == "July 2022"
    assert frozen.version_stamp.startswith("Version 1, published ") and live.version_stamp == ""
    august = versions.version_outline(sample_store, 1, 1, "august 2022")
    assert august.find("2.2.3").rating == "Amber"
    with pytest.raises(NotFoundError):
        versions.version_outline(sample_store, 1, 1, "May 1999")
    with pytest.raises(NotFoundError, match="versions: 1"):
        versions.version_outline(sample_store, 1, 7)


def test_compare_a_version_with_the_working_copy(sample_store, tmp_path):
    versions.publish(sample_store, 1, "v1")
    _edit_everything(sample_store)
    result = versions.compare(sample_store, 1, 1, None)
    assert (result.left, result.right) == ("Version 1", "Working copy")
    assert (result.left_period, result.right_period) == ("August 2022", "September 2022")
    assert [(d.ref, d.new) for d in result.of_kind(TEXT)] == [("2.2.2", "Rewritten after the board")]
    assert [(d.ref, d.old, d.new) for d in result.of_kind(TARGET)] == [("2.2.3", "July 2022", "March 2023")]
    assert [(d.ref, d.old, d.new) for d in result.of_kind(RATING)] == [("2.3.1", "Green", "Red")]
    assert [d.ref for d in result.of_kind(REMOVED)] == ["2.5.7"]
    assert result.of_kind(ADDED) == [] and result.of_kind(MOVED) == []
    out = result.write_csv(tmp_path / "changes.csv")
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "Change,Ref,Previous ref,Version 1,Working copy"
    assert "target revised,2.2.3,2.2.3,July 2022,March 2023" in lines
    assert versions.compare(sample_store, 1, 1, 1).differences == []


def test_compare_finds_moves_additions_and_lead_changes():
    def doc(subs, rating="Green"):
        return {"priorities": [{"ref": "1", "title": "P", "actions": [
            {"ref": "1.1", "description": "A", "leads": [], "sub_actions": [
                {"ref": r, "description": d, "leads": [lead], "target": "July 2022"}
                for r, d, lead in subs]}]}],
            "periods": [{"label": "Aug", "updates": [{"ref": s[0], "rating": rating} for s in subs]}]}

    left = doc([("1.1.1", "Train staff", "Ann"), ("1.1.2", "=Audit plans", "Bob")])
    right = doc([("1.1.1", "Train staff", "Cat"), ("1.1.3", "=Audit plans", "Bob"),
                 ("1.1.4", "=New work", "Dan")])
    result = compare_documents(left, right, "Version 1", "Version 2")
    assert [(d.kind, d.old_ref, d.ref) for d in result.differences] == [
        (LEAD, "1.1.1", "1.1.1"), (MOVED, "1.1.2", "1.1.3"), (ADDED, "", "1.1.4")]
    assert "added,1.1.4,,,'=New work" in result.csv_text()  # never a formula in a spreadsheet
    assert "moved,1.1.3,1.1.2,1.1.2,1.1.3" in result.csv_text()


def test_publish_reads_again_when_the_plan_changes_meanwhile(sample_store, monkeypatch):
    """A change landing while the document is read must not give a half-old snapshot."""
    real = versions.working_document
    calls = []

    def racing(store, plan_id):
        doc = real(store, plan_id)
        if not calls:
            rounds.rate(store, 1, "2.2.2", None, "Red", reason="late", by="Someone else")
        calls.append(1)
        return doc

    monkeypatch.setattr(versions, "working_document", racing)
    versions.publish(sample_store, 1, "v1")
    assert len(calls) == 2
    assert versions.version_outline(sample_store, 1, 1).find("2.2.2").rating == "Red"


def test_a_published_version_loads_back_as_a_plan(sample_store):
    from wsoa_desktop.services.plan_document import load_document

    versions.publish(sample_store, 1, "v1")
    plan_id = load_document(sample_store, versions.version_document(sample_store, 1, 1), title="Copy of v1")
    copy, original = load_outline(sample_store, plan_id), load_outline(sample_store, 1)
    assert [(a.ref, a.description, a.rating, a.progress) for a in copy.iter_actions()] == \
           [(a.ref, a.description, a.rating, a.progress) for a in original.iter_actions()]


def test_compare_lists_measures_added_removed_changed_and_new_readings(sample_store, tmp_path):
    from wsoa_desktop.services.measures import (
        MeasureFields,
        add_measure,
        delete_measure,
        fields_of,
        get_measure,
        set_reading,
        update_measure,
    )
    from wsoa_desktop.services.version_comparison import (
        MEASURE,
        MEASURE_ADDED,
        MEASURE_REMOVED,
        READING,
    )

    set_reading(sample_store, 1, "M1", "Q1 2022/23", 59, by="t")
    versions.publish(sample_store, 1, "v1", allow_not_updated=True)
    set_reading(sample_store, 1, "M1", "Q2 2022/23", 63, by="t")
    fields = fields_of(get_measure(sample_store, 1, "M8"))
    fields.target = 16000
    update_measure(sample_store, 1, "M8", fields, by="t")
    delete_measure(sample_store, 1, "M30", by="t")
    add_measure(sample_store, 1, MeasureFields("Parents =satisfied", unit="%"), ref="M31", by="t")
    result = versions.compare(sample_store, 1, 1, None)
    assert [(d.ref, d.old, d.new) for d in result.of_kind(READING)] == [("M1", "59% (Q1 2022/23)",
                                                                         "63% (Q2 2022/23)")]
    [changed] = result.of_kind(MEASURE)
    assert changed.ref == "M8" and changed.old.endswith("target 15,000 by June 2023")
    assert changed.new.endswith("target 16,000 by June 2023")
    assert [d.ref for d in result.of_kind(MEASURE_ADDED)] == ["M31"]
    assert [(d.ref, d.old) for d in result.of_kind(MEASURE_REMOVED)] == [("M30", "Hits on the Local Offer")]
    assert "measure added,M31,,,'=" not in result.csv_text() and "Parents =satisfied" in result.csv_text()
    # The measures follow the plan's items.
    assert {d.kind for d in result.differences[-4:]} == {MEASURE, READING, MEASURE_ADDED, MEASURE_REMOVED}
