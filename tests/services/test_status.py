"""The one writer of status updates: each rule holds through every caller.

Callers: the round and ``rate`` (``rounds.rate``), sign-off, lead forms, a plan
import, a plan file (and the sample), ``period new``, undo, and putting back a
deleted item. Ratings *given* in the app obey the rules; history brought in
whole is recorded as it was.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.db_access import drop_trigger, other_connection
from wsoa_desktop.domain.errors import NotFoundError, ValidationError
from wsoa_desktop.domain.status_words import NO_REASON, NO_SIGN_OFF, reason_line, sign_off_line
from wsoa_desktop.services import (
    audit,
    item_restore,
    plan_document,
    rounds,
    signoff,
    status,
    versions,
)
from wsoa_desktop.services.exporting import export_plan
from wsoa_desktop.services.importing import import_file
from wsoa_desktop.services.outline import load_outline
from wsoa_desktop.store.database import open_store

SIGNED = status.SignOffGiven("SEND Executive Board", date(2022, 7, 14), "23/45")


def _rows(store, sql: str, *params):  # type: ignore[no-untyped-def]
    con = store.raw()
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def _count(store, table: str) -> int:  # type: ignore[no-untyped-def]
    return _rows(store, f"SELECT count(*) FROM {table}")[0][0]


@pytest.fixture
def september(sample_store):  # type: ignore[no-untyped-def]
    rounds.new_period(sample_store, 1, "September 2022", by="Officer")
    return sample_store


def test_a_rating_and_its_audit_entry_are_one_write(september):
    before = _count(september, "audit_entry")
    rounds.rate(september, 1, "2.2.3", "September 2022", "Red", reason="Panel cancelled",
                progress="  Two spaces kept\n", by="Ann")
    node = load_outline(september, 1, "September 2022").find("2.2.3")
    assert (node.rating, node.status.reason, node.progress) == ("Red", "Panel cancelled", "  Two spaces kept\n")
    assert not node.status.carried_forward and node.status.updated_by == "Ann"
    fields = {e.field_name for e in audit.history(september, 1, "2.2.3")[:3]}
    assert fields == {"rating September 2022", "progress September 2022", "reason September 2022"}
    assert _count(september, "audit_entry") == before + 3


def test_worse_or_red_needs_a_reason_and_a_carried_reason_does_not_count(september):
    with pytest.raises(status.StatusRefused, match="goes from Amber to Red") as caught:
        rounds.rate(september, 1, "2.2.3", "September 2022", "Red")
    assert caught.value.code == status.REASON_NEEDED and "--" not in str(caught.value)
    # A reason carried forward from last month does not explain a new change.
    rounds.rate(september, 1, "2.5.2", "September 2022", "Red", reason="No staff")
    rounds.new_period(september, 1, "October 2022")
    rounds.rate(september, 1, "2.5.2", "October 2022", "Amber")
    with pytest.raises(status.StatusRefused, match="rating is Red. Give a reason"):
        rounds.rate(september, 1, "2.5.2", "October 2022", "Red")
    rounds.rate(september, 1, "2.2.3", "September 2022", "Green")  # better: no reason needed


def test_blue_needs_a_sign_off_recorded_or_given(september):
    before = _count(september, "status_update"), _count(september, "audit_entry")
    with pytest.raises(status.StatusRefused, match="Record the sign-off") as caught:
        rounds.rate(september, 1, "2.2.3", "September 2022", "Blue")
    assert caught.value.code == status.SIGN_OFF_NEEDED
    assert (_count(september, "status_update"), _count(september, "audit_entry")) == before
    rounds.rate(september, 1, "2.2.3", "September 2022", "Blue", sign_off=SIGNED, by="Ann")
    outline = load_outline(september, 1, "September 2022")
    node = outline.find("2.2.3")
    assert node.rating == "Blue" and node.sign_off.minute_ref == "23/45"
    assert sign_off_line(outline.scheme, node) == \
        "Closed with SEND Executive Board approval, 14 July 2022, minute 23/45"
    # A sign-off already recorded lets a later Blue through.
    signoff.record_sign_off(september, 1, "2.2.4", approved_on=date(2022, 9, 1), minute_ref="EB 9/1",
                            set_complete=False)
    rounds.rate(september, 1, "2.2.4", "September 2022", "Blue")


def test_a_bad_sign_off_is_refused_before_anything_is_written(september):
    with pytest.raises(ValidationError, match="in the future"):
        rounds.rate(september, 1, "2.2.3", "September 2022", "Blue",
                    sign_off=status.SignOffGiven("SEND Executive Board", date(2999, 1, 1), "1"))
    assert load_outline(september, 1, "September 2022").find("2.2.3").rating == "Amber"


def test_closed_periods_refuse_every_path(september, tmp_path: Path):
    rounds.close_period(september, 1, "August 2022")
    with pytest.raises(ValidationError, match="closed"):
        rounds.rate(september, 1, "2.2.3", "August 2022", "Green")
    with pytest.raises(ValidationError, match="closed"):
        status.apply_changes(september, 1, "August 2022", [status.StatusChange("2.2.3", "Green")])
    with pytest.raises(ValidationError, match="closed"):
        signoff.record_sign_off(september, 1, "2.2.3", approved_on=date(2022, 7, 1), minute_ref="1",
                                period_label="August 2022")
    state = status.status_state(september, 1, "2.2.3", "August 2022")
    with pytest.raises(ValidationError, match="closed"):
        rounds.restore_status(september, 1, "2.2.3", "August 2022", state)


def test_unknown_rating_and_reference(september):
    with pytest.raises(ValidationError, match="Purple"):
        rounds.rate(september, 1, "2.2.3", None, "Purple")
    with pytest.raises(NotFoundError, match="9.9.9"):
        rounds.rate(september, 1, "9.9.9", None, "Green")


def test_a_batch_with_one_bad_blue_applies_nothing_and_lists_every_problem(september):
    before = load_outline(september, 1, "September 2022")
    changes = [status.StatusChange("2.2.2", "Amber", reason="Staff away"),
               status.StatusChange("2.2.3", "Blue", source="form row 7"),
               status.StatusChange("2.2.4", "Red", source="form row 8")]
    assert [p.code for p in status.check_changes(september, 1, "September 2022", changes)] == \
        [status.SIGN_OFF_NEEDED, status.REASON_NEEDED]
    with pytest.raises(status.StatusProblems) as caught:
        status.apply_changes(september, 1, "September 2022", changes)
    assert [p.ref for p in caught.value.problems] == ["2.2.3", "2.2.4"]
    assert "form row 7" in str(caught.value.problems[0])
    after = load_outline(september, 1, "September 2022")
    assert [n.status for n in after.rated_items()] == [n.status for n in before.rated_items()]


def test_period_new_carries_forward_through_the_service(september):
    node = load_outline(september, 1, "September 2022").find("2.5.3")
    assert node.status.carried_forward and node.status.since_label == "August 2022"
    assert node.status.updated_by == "WSOA Desktop sample"
    rounds.new_period(september, 1, "October 2022")
    node = load_outline(september, 1, "October 2022").find("2.5.3")
    assert node.status.since_label == "August 2022"  # still: nobody updated it in September
    assert any(e.field_name == "carried forward" for e in audit.history(september, 1))


def test_history_is_recorded_as_it_was_and_reads_no_reason_recorded(store, tmp_path: Path):
    path = tmp_path / "plan.csv"
    path.write_text("Ref,Action,Lead,Target End Date,RAG August 2022,Progress Update\n"
                    "1,Area,,,,\n1.1,Action,,,,\n1.1.1,Sub,Ann,July 2022,Red,Late\n"
                    "1.1.2,Sub two,Ann,July 2022,Blue,Done\n", encoding="utf-8")
    plan_id = import_file(store, path)[0]
    outline = load_outline(store, plan_id)
    red, blue = outline.find("1.1.1"), outline.find("1.1.2")
    assert (red.rating, red.status.reason, blue.rating) == ("Red", "", "Blue")
    assert reason_line(outline.scheme, red) == NO_REASON
    assert sign_off_line(outline.scheme, blue) == NO_SIGN_OFF
    assert any(e.field_name == "rating August 2022" and e.operation == "create"
               for e in audit.history(store, plan_id, "1.1.1"))


def test_undo_puts_back_who_when_and_the_carried_flag(september):
    before = status.status_state(september, 1, "2.2.2", "September 2022")
    rounds.rate(september, 1, "2.2.2", "September 2022", "Amber", reason="late", by="Bob")
    rounds.restore_status(september, 1, "2.2.2", "September 2022", before)
    assert status.status_state(september, 1, "2.2.2", "September 2022") == before
    assert any(e.operation == "undo" for e in audit.history(september, 1, "2.2.2"))


def test_a_deleted_item_comes_back_with_its_ratings_through_the_service(september):
    rounds.rate(september, 1, "2.2.3", "September 2022", "Red", reason="Staff away")
    snap = item_restore.delete_with_snapshot(september, 1, "2.2")
    assert load_outline(september, 1).find("2.2.3") is None
    item_restore.restore_item(september, snap)
    node = load_outline(september, 1, "September 2022").find("2.2.3")
    assert (node.rating, node.status.reason) == ("Red", "Staff away")
    assert any(e.field_name == "statuses" and e.operation == "restore"
               for e in audit.history(september, 1, "2.2"))


def _without_meta(doc: dict) -> dict:  # type: ignore[type-arg]
    return {k: v for k, v in doc.items() if k not in ("app_version", versions.META_KEY)}


def test_a_published_version_exported_and_loaded_back_is_what_was_published(september, tmp_path: Path):
    """Field by field: carried-forward flags, who and when, reasons, sign-offs, target revisions."""
    from wsoa_desktop.services import plan_items

    rounds.rate(september, 1, "2.2.3", "September 2022", "Red", reason="Panel cancelled", by="Ann")
    rounds.rate(september, 1, "2.2.4", "September 2022", "Blue", sign_off=SIGNED, by="Ann")
    plan_items.change_target(september, 1, "2.3.1", "December 2022", reason="Waiting on the panel")
    rounds.close_period(september, 1, "August 2022")
    versions.publish(september, 1, "September", by="Ann", allow_not_updated=True)
    published = json.loads(versions.snapshot_text(september, 1, 1))
    out = export_plan(september, tmp_path / "v1.json", plan=1, version=1)

    other = open_store(tmp_path / "copy.db")
    copy_id = plan_document.load_file(other, out)
    reloaded = plan_document.document_for(other, copy_id)
    assert _without_meta(reloaded) == _without_meta(published)
    updates = {u["ref"]: u for u in reloaded["periods"][-1]["updates"]}
    assert updates["2.2.2"]["carried_forward"] is True and updates["2.2.2"]["by"] == "WSOA Desktop sample"
    assert updates["2.2.3"]["reason"] == "Panel cancelled" and updates["2.2.3"]["by"] == "Ann"
    # Printing the copy says the same as printing the version.
    frozen = versions.version_outline(september, 1, 1)
    copy = load_outline(other, copy_id)
    for a, b in zip(frozen.iter_actions(), copy.iter_actions(), strict=True):
        assert (a.status, a.previous, a.sign_off, a.target_changes) == \
               (b.status, b.previous, b.sign_off, b.target_changes), a.ref


def test_a_tampered_snapshot_is_reported_not_shown(september):
    versions.publish(september, 1, "v1", allow_not_updated=True)
    con = other_connection(september)
    try:
        drop_trigger(september, con, "plan_version_immutable", "plan_version")
        con.execute("UPDATE plan_version SET snapshot = replace(snapshot, 'Amber', 'Green')")
        con.commit()
    finally:
        con.close()
    with pytest.raises(Exception, match="altered since it was published"):
        versions.version_outline(september, 1, 1)


def test_status_text_is_written_by_the_status_service_with_its_audit_entry(september):
    """The words beside a rating ("On track") are part of the status: written, audited, kept while
    the rating stays, cleared when it changes, carried forward, and put back by undo."""
    before = status.status_state(september, 1, "2.2.2", "September 2022")
    status.apply_changes(september, 1, "September 2022",
                         [status.StatusChange("2.2.2", "Amber", reason="late", status_text="Behind Schedule")],
                         by="Ann")
    node = load_outline(september, 1, "September 2022").find("2.2.2")
    assert node.status.status_text == "Behind Schedule"
    entry = next(e for e in audit.history(september, 1, "2.2.2") if e.field_name == "status text September 2022")
    assert (entry.old_value, entry.new_value, entry.by) == ("", "Behind Schedule", "Ann")
    # Progress only: the rating stays, so its words stay.
    rounds.rate(september, 1, "2.2.2", "September 2022", "Amber", progress="Chased", by="Ann")
    assert load_outline(september, 1, "September 2022").find("2.2.2").status.status_text == "Behind Schedule"
    # A carried rating keeps its words (they belong to it) until someone updates it.
    rounds.new_period(september, 1, "October 2022")
    carried = load_outline(september, 1, "October 2022").find("2.2.2").status
    assert carried.carried_forward and carried.status_text == "Behind Schedule"
    # A new rating without words clears the old ones: they described the old rating.
    rounds.rate(september, 1, "2.2.2", "September 2022", "Green", by="Ann")
    assert load_outline(september, 1, "September 2022").find("2.2.2").status.status_text == ""
    rounds.restore_status(september, 1, "2.2.2", "September 2022", before)
    assert status.status_state(september, 1, "2.2.2", "September 2022") == before


def test_history_keeps_status_text_and_nothing_but_the_status_service_writes_it(store, tmp_path: Path):
    from wsoa_desktop.services import plan_history

    path = tmp_path / "plan.csv"
    path.write_text("Ref,Action,Lead,Target End Date,Status,RAG August 2022,Progress Update\n"
                    "1,Area,,,,,\n1.1,Action,,,,,\n1.1.1,Sub,Ann,July 2022,On track,Amber,Going\n",
                    encoding="utf-8")
    plan_id = import_file(store, path)[0]
    assert load_outline(store, plan_id).find("1.1.1").status.status_text == "On track"
    assert not hasattr(plan_history, "record_status_texts")
    source = Path(status.__file__).parent
    writers = sorted(p.name for p in source.rglob("*.py")
                     if "status_text" in p.read_text(encoding="utf-8")
                     and ("UPDATE status_update" in p.read_text(encoding="utf-8")
                          or "INSERT INTO status_update" in p.read_text(encoding="utf-8")))
    assert writers == ["status.py"]
