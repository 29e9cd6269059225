"""Sign-off rules and evidence attachments."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.services import audit, evidence, rounds, signoff
from wsoa_desktop.services.outline import load_outline


def test_sign_off_records_body_date_minute_and_sets_blue(sample_store):
    signoff.record_sign_off(sample_store, 1, "2.2.2", approved_on=date(2022, 8, 17),
                            minute_ref="EB minute 22/41", by="Ann")
    views = signoff.sign_offs(sample_store, 1, "2.2.2")
    assert [(v.body, v.approved_on, v.minute_ref, v.period, v.recorded_by) for v in views] == [
        ("SEND Executive Board", date(2022, 8, 17), "EB minute 22/41", "August 2022", "Ann")]
    assert load_outline(sample_store, 1).find("2.2.2").rating == "Blue"
    trail = audit.history(sample_store, 1, "2.2.2")
    assert any(e.entity == "sign_off" and "EB minute 22/41" in e.new_value for e in trail)
    assert any(e.field_name == "rating August 2022" and e.new_value == "Blue" for e in trail)


@pytest.mark.parametrize("kwargs, message", [
    ({"approved_on": None, "minute_ref": "EB 1"}, "date"),
    ({"approved_on": date(2022, 8, 1), "minute_ref": "  "}, "minute"),
    ({"approved_on": date.today() + timedelta(days=3), "minute_ref": "EB 1"}, "future"),
])
def test_incomplete_sign_off_is_refused_and_changes_nothing(sample_store, kwargs, message):
    with pytest.raises(ValidationError, match=message):
        signoff.record_sign_off(sample_store, 1, "2.2.2", **kwargs)
    assert signoff.sign_offs(sample_store, 1, "2.2.2") == []
    assert load_outline(sample_store, 1).find("2.2.2").rating == "Green"


def test_the_body_comes_from_the_plans_boards_never_from_the_app(sample_store):
    from wsoa_desktop.services import governance

    assert governance.sign_off_body(sample_store, 1) == "SEND Executive Board"  # marked in the sample
    strategic = next(g for g in governance.groups(sample_store, 1) if g.name == "SEND Strategic Board")
    governance.update_group(sample_store, 1, strategic.id, replace(strategic.fields(), signs_off=True))
    signoff.record_sign_off(sample_store, 1, "2.2.2", approved_on=date(2022, 8, 17), minute_ref="SB 4",
                            body="  ")
    assert [v.body for v in signoff.sign_offs(sample_store, 1, "2.2.2")] == ["SEND Strategic Board"]
    assert governance.sign_off_bodies(sample_store, 1)[:2] == ["SEND Strategic Board", "SEND Executive Board"]


def test_a_plan_without_boards_must_name_the_body(store):
    from wsoa_desktop.services import periods, plan_items, plans

    pid = plans.create_plan(store, "New plan")
    plan_items.add_priority(store, pid, "1", "Priority")
    plan_items.add_action(store, pid, "1.1", plan_items.ActionFields("Action"))
    periods.add_period(store, pid, "May 2025")
    with pytest.raises(ValidationError, match="which board approved.*no boards"):
        signoff.record_sign_off(store, pid, "1.1", approved_on=date(2025, 5, 1), minute_ref="1")
    assert signoff.sign_offs(store, pid, "1.1") == []
    signoff.record_sign_off(store, pid, "1.1", approved_on=date(2025, 5, 1), minute_ref="1", body="Schools Forum")
    assert signoff.sign_offs(store, pid, "1.1")[0].body == "Schools Forum"


def test_blue_needs_a_sign_off_and_history_without_one_awaits_it(sample_store):
    before = load_outline(sample_store, 1).find("2.2.2").rating
    with pytest.raises(ValidationError, match="Record the sign-off"):
        rounds.rate(sample_store, 1, "2.2.2", None, "Blue")
    assert load_outline(sample_store, 1).find("2.2.2").rating == before
    _, items = rounds.load_round(sample_store, 1)
    item = next(i for i in items if i.ref == "2.5.6")  # Blue in the sample's history, no sign-off
    assert item.node.rating == "Blue" and rounds.AWAITING_SIGN_OFF in item.flags
    assert not signoff.is_signed_off(sample_store, 1, "2.5.6")


def test_evidence_file_is_copied_into_the_database(sample_store, tmp_path):
    src = tmp_path / "minutes.pdf"
    src.write_bytes(b"%PDF-1.4 minutes")
    eid = evidence.attach_file(sample_store, 1, "2.2.2", src, title="EB minutes", by="Ann")
    src.unlink()  # the database keeps its own copy
    [view] = evidence.list_evidence(sample_store, 1, "2.2.2")
    assert (view.id, view.title, view.filename, view.size, view.is_link) == (eid, "EB minutes", "minutes.pdf",
                                                                           16, False)
    out = evidence.save_copy(sample_store, 1, eid, tmp_path / "copy.pdf")
    assert out.read_bytes() == b"%PDF-1.4 minutes"
    assert any(e.entity == "evidence" and "EB minutes" in e.new_value
               for e in audit.history(sample_store, 1, "2.2.2"))


def test_evidence_over_the_size_limit_gets_a_clear_message(sample_store, tmp_path, monkeypatch):
    monkeypatch.setattr(evidence, "MAX_FILE_BYTES", 1024)
    big = tmp_path / "video.mp4"
    big.write_bytes(b"x" * 2048)
    with pytest.raises(ValidationError, match="at most .*link"):
        evidence.attach_file(sample_store, 1, "2.2.2", big)
    assert evidence.list_evidence(sample_store, 1, "2.2.2") == []


def test_evidence_link_and_removal_are_audited(sample_store):
    with pytest.raises(ValidationError):
        evidence.attach_link(sample_store, 1, "2.2.2", "   ")
    eid = evidence.attach_link(sample_store, 1, "2.2.2", r"\\council\send\evidence\2.2.2", title="Folder")
    [view] = evidence.list_evidence(sample_store, 1, "2.2.2")
    assert view.is_link and view.link.endswith("2.2.2")
    with pytest.raises(ValidationError, match="link"):
        evidence.save_copy(sample_store, 1, eid, "unused.bin")
    evidence.remove_evidence(sample_store, 1, eid, by="Ann")
    assert evidence.list_evidence(sample_store, 1, "2.2.2") == []
    assert [e.operation for e in audit.history(sample_store, 1, "2.2.2")][:2] == ["delete", "create"]
