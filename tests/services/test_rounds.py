"""Carry-forward, closed periods, the reason rule and the round's flags."""

from __future__ import annotations

from datetime import date

import pytest

from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.domain.rating_schemes import RAG_2017, WSOA_BRAG
from wsoa_desktop.services import audit, rounds
from wsoa_desktop.services.outline import load_outline
from wsoa_desktop.services.periods import set_status
from wsoa_desktop.services.signoff import record_sign_off
from wsoa_desktop.services.status import SignOffGiven


def test_new_period_carries_every_rating_forward_marked_not_updated(sample_store):
    before = load_outline(sample_store, 1, "August 2022")
    rounds.new_period(sample_store, 1, "September 2022", by="Officer")
    after = load_outline(sample_store, 1, "September 2022")
    assert after.previous_period.label == "August 2022"
    rated = 0
    for old, new in zip(before.rated_items(), after.rated_items(), strict=False):
        assert old.ref == new.ref
        if old.status is None:
            assert new.status is None
            continue
        rated += 1
        assert (new.rating, new.progress) == (old.rating, old.progress)
        assert new.status.carried_forward and not old.status.carried_forward
    assert rated == 24
    trail = audit.history(sample_store, 1)
    assert any(e.entity == "period" and "24 ratings carried forward" in e.new_value for e in trail)


def test_new_period_label_clash_changes_nothing(sample_store):
    with pytest.raises(ValidationError, match="already a period"):
        rounds.new_period(sample_store, 1, " august  2022 ")
    assert [p.label for p in load_outline(sample_store, 1).periods] == ["August 2022"]


def test_rating_marks_the_row_updated_and_is_audited(sample_store):
    rounds.new_period(sample_store, 1, "September 2022")
    rounds.rate(sample_store, 1, "2.2.2", "September 2022", "blue", progress="Done", by="Ann",
                sign_off=SignOffGiven("SEND Executive Board", date(2022, 9, 14), "EB 14/9 item 4"))
    node = load_outline(sample_store, 1, "September 2022").find("2.2.2")
    assert (node.rating, node.progress, node.status.carried_forward) == ("Blue", "Done", False)
    lines = audit.history(sample_store, 1, "2.2.2")
    assert any(line.field_name == "rating September 2022" and line.old_value == "Green"
               and line.new_value == "Blue" and line.by == "Ann" for line in lines)


def test_closed_period_refuses_ratings_until_reopened(sample_store):
    rounds.new_period(sample_store, 1, "September 2022")
    rounds.close_period(sample_store, 1, "August 2022", by="Ann")
    with pytest.raises(ValidationError, match="closed"):
        rounds.rate(sample_store, 1, "2.2.2", "August 2022", "Amber", reason="slipped")
    with pytest.raises(ValidationError, match="closed"):
        set_status(sample_store, 1, "2.2.2", "August 2022", "Amber")
    with pytest.raises(ValidationError, match="closed"):
        record_sign_off(sample_store, 1, "2.2.2", approved_on=date(2022, 8, 1), minute_ref="EB 5",
                        period_label="August 2022")
    assert load_outline(sample_store, 1, "August 2022").find("2.2.2").rating == "Green"
    rounds.reopen_period(sample_store, 1, "August 2022")
    rounds.rate(sample_store, 1, "2.2.2", "August 2022", "Amber", reason="slipped")
    assert load_outline(sample_store, 1, "August 2022").find("2.2.2").rating == "Amber"


@pytest.mark.parametrize("new", ["Amber", "Red", "red "])
def test_worse_or_red_needs_a_reason(sample_store, new):
    rounds.new_period(sample_store, 1, "September 2022")
    with pytest.raises(ValidationError, match="reason"):
        rounds.rate(sample_store, 1, "2.2.2", "September 2022", new, progress="late")
    node = load_outline(sample_store, 1, "September 2022").find("2.2.2")
    assert (node.rating, node.status.carried_forward) == ("Green", True)
    rounds.rate(sample_store, 1, "2.2.2", "September 2022", new, reason="Staff vacancy")
    node = load_outline(sample_store, 1, "September 2022").find("2.2.2")
    assert node.status.reason == "Staff vacancy"


def test_better_or_same_needs_no_reason_and_drops_a_stale_carried_reason(sample_store):
    set_status(sample_store, 1, "2.5.3", "August 2022", "Red", reason="No staff")
    rounds.new_period(sample_store, 1, "September 2022")
    rounds.rate(sample_store, 1, "2.5.3", "September 2022", "Red", progress="still no staff")
    assert load_outline(sample_store, 1, "September 2022").find("2.5.3").status.reason == "No staff"
    rounds.rate(sample_store, 1, "2.5.3", "September 2022", "Amber")
    assert load_outline(sample_store, 1, "September 2022").find("2.5.3").status.reason == ""


def test_needs_reason_follows_the_scheme():
    assert rounds.needs_reason(WSOA_BRAG, "Green", "Amber")
    assert rounds.needs_reason(WSOA_BRAG, None, "Red")
    assert not rounds.needs_reason(WSOA_BRAG, "Red", "Red")
    assert not rounds.needs_reason(WSOA_BRAG, "Amber", "Green")
    assert not rounds.needs_reason(WSOA_BRAG, "Grey", "Green")
    assert rounds.needs_reason(RAG_2017, "Green", "Amber")  # in 2017, Green meant complete
    assert rounds.worst_rating(RAG_2017) == "Red"


def test_round_flags(sample_store):
    rounds.new_period(sample_store, 1, "September 2022")
    rounds.rate(sample_store, 1, "2.3.1", "September 2022", "Green", progress="fine")
    _, items = rounds.load_round(sample_store, 1, "September 2022", today=date(2022, 9, 30))
    flags = {i.ref: i.flags for i in items}
    assert rounds.AWAITING_SIGN_OFF in flags["2.5.6"]  # Blue in the sample's history, no sign-off
    assert flags["2.3.1"] == []  # updated, on time, Green
    assert rounds.OVERDUE in flags["2.2.3"]  # July 2022, Amber
    assert rounds.NOT_UPDATED in flags["2.2.3"]
    assert "Red without a reason" in flags["2.5.3"]
    assert rounds.OVERDUE not in flags["2.4.2"]  # April 2022 but Blue
    record_sign_off(sample_store, 1, "2.5.6", approved_on=date(2022, 9, 14), minute_ref="EB 14/9 item 4")
    _, items = rounds.load_round(sample_store, 1, "September 2022", today=date(2022, 9, 30))
    assert "2.5.6" not in {i.ref: i.flags for i in items}  # complete and signed off: done


def test_signed_off_complete_items_leave_the_next_round(sample_store):
    record_sign_off(sample_store, 1, "2.4.1", approved_on=date(2022, 8, 10), minute_ref="EB 10/8 item 2")
    rounds.new_period(sample_store, 1, "September 2022")
    _, items = rounds.load_round(sample_store, 1, "September 2022")
    refs = [i.ref for i in items]
    assert "2.4.1" not in refs and "2.4.2" in refs
    assert len(refs) == 74


def test_walk_by_lead_groups_leads_keeping_plan_order(sample_store):
    _, items = rounds.load_round(sample_store, 1, order=rounds.ORDER_LEAD)
    leads = [i.lead.casefold() for i in items if i.lead]
    assert leads == sorted(leads)
    _, by_priority = rounds.load_round(sample_store, 1)
    assert [i.ref for i in by_priority][:3] == ["1.1.1", "1.1.2", "1.1.3"]
    with pytest.raises(ValidationError):
        rounds.load_round(sample_store, 1, order="colour")


def test_restore_status_puts_back_exactly_what_was_there(sample_store):
    rounds.new_period(sample_store, 1, "September 2022")
    before = rounds.status_state(sample_store, 1, "2.2.2", "September 2022")
    assert before == rounds.StatusState(True, "Green", before.progress, "", True, before.updated_by,
                                        before.updated_at)
    assert before.updated_by == "WSOA Desktop sample" and before.updated_at
    rounds.rate(sample_store, 1, "2.2.2", "September 2022", "Red", reason="r", progress="p")
    rounds.restore_status(sample_store, 1, "2.2.2", "September 2022", before)
    assert rounds.status_state(sample_store, 1, "2.2.2", "September 2022") == before
    empty = rounds.status_state(sample_store, 1, "1.1.1", "September 2022")
    assert not empty.exists
    rounds.rate(sample_store, 1, "1.1.1", "September 2022", "Green")
    rounds.restore_status(sample_store, 1, "1.1.1", "September 2022", empty)
    assert rounds.status_state(sample_store, 1, "1.1.1", "September 2022") == empty
