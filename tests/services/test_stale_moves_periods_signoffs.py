"""Two officers at once on the paths issue 14 left unchecked: moves (and renames, renumbering),
closing and reopening periods, sign-offs, evidence and the rating scheme. Two Stores on one file."""

from __future__ import annotations

from datetime import date

import pytest

from wsoa_desktop.domain.errors import NotFoundError, StaleEdit
from wsoa_desktop.domain.scheme_design import drafts_of
from wsoa_desktop.services import audit, evidence, plan_items, plans, rounds, signoff
from wsoa_desktop.services.outline import load_outline
from wsoa_desktop.services.periods import list_periods
from wsoa_desktop.services.plan_moves import move_item, undo_move
from wsoa_desktop.services.scheme_changes import change_scheme, scheme_version
from wsoa_desktop.store.database import Store


def _version(store: Store, ref: str) -> int:
    node = load_outline(store, 1).find(ref)
    assert node is not None
    return node.version


def test_moving_an_item_someone_edited_is_refused_and_moves_nothing(two: tuple[Store, Store]) -> None:
    ann, ben = two
    seen = _version(ann, "1.1.1")
    plan_items.update_action(ben, 1, "1.1.1", description="Ben's wording", by="Ben Hall", seen=seen)
    with pytest.raises(StaleEdit, match=r"^1\.1\.1 was changed by Ben Hall at .*your text is kept\.$"):
        move_item(ann, 1, "1.1.1", "1.2", renumber=True, by="Ann Lee", seen=seen)
    outline = load_outline(ann, 1)
    assert outline.find("1.1.1") is not None and outline.find("1.1.1").description == "Ben's wording"
    assert not [e for e in audit.history(ann, 1) if e.by == "Ann Lee"]
    fresh = _version(ann, "1.1.1")
    result = move_item(ann, 1, "1.1.1", "1.2", by="Ann Lee", seen=fresh)
    assert result.versions[result.action_id] == fresh + 1 == _version(ben, result.new_ref)


def test_a_rename_on_a_stale_view_is_refused(two: tuple[Store, Store]) -> None:
    ann, ben = two
    seen = _version(ann, "2.2.2")
    plan_items.change_target(ben, 1, "2.2.2", "March 2023", reason="Staffing", by="Ben Hall", seen=seen)
    with pytest.raises(StaleEdit, match="2.2.2 was changed by Ben Hall"):
        move_item(ann, 1, "2.2.2", "2.2", new_ref="2.2.9", by="Ann Lee", seen=seen)
    assert load_outline(ann, 1).find("2.2.9") is None


def test_renumbering_moves_every_renamed_row_on(two: tuple[Store, Store]) -> None:
    """Ben's edit of 1.1.3 made before Ann's renumbering (it is 1.1.2 now) is refused, not applied elsewhere."""
    ann, ben = two
    before = {ref: _version(ann, ref) for ref in ("1.1.1", "1.1.2", "1.1.3")}
    result = move_item(ann, 1, "1.1.1", "1.2", renumber=True, by="Ann Lee", seen=before["1.1.1"])
    assert result.renamed()["1.1.2"] == "1.1.1"
    renamed = next(c for c in result.changes if c.old_ref == "1.1.2")
    assert result.versions[renamed.action_id] == before["1.1.2"] + 1 == _version(ben, "1.1.1")


def test_undo_of_a_move_someone_edited_since_is_refused(two: tuple[Store, Store]) -> None:
    ann, ben = two
    result = move_item(ann, 1, "2.2.2", "2.1", by="Ann Lee", seen=_version(ann, "2.2.2"))
    plan_items.update_action(ben, 1, result.new_ref, description="Ben's wording", by="Ben Hall",
                             seen=_version(ben, result.new_ref))
    with pytest.raises(StaleEdit, match=f"{result.new_ref} was changed by Ben Hall"):
        undo_move(ann, 1, result, by="Ann Lee", seen=dict(result.versions))
    assert load_outline(ann, 1).find(result.new_ref).description == "Ben's wording"  # still where Ann put it
    assert load_outline(ann, 1).find("2.2.2") is None
    undo_move(ann, 1, result, by="Ann Lee", seen={result.action_id: _version(ann, result.new_ref)})
    assert load_outline(ben, 1).find("2.2.2").description == "Ben's wording"


def test_closing_a_period_someone_reopened_is_refused(two: tuple[Store, Store]) -> None:
    ann, ben = two
    period = list_periods(ann, 1)[-1]
    assert rounds.close_period(ben, 1, period.label, by="Ben Hall", seen=period.version) == period.version + 1
    with pytest.raises(StaleEdit, match=f"^The period “{period.label}” was changed by Ben Hall"):
        rounds.close_period(ann, 1, period.label, by="Ann Lee", seen=period.version)
    rounds.reopen_period(ben, 1, period.label, by="Ben Hall", seen=period.version + 1)
    with pytest.raises(StaleEdit):
        rounds.reopen_period(ann, 1, period.label, by="Ann Lee", seen=period.version + 1)
    assert not list_periods(ann, 1)[-1].is_closed
    assert load_outline(ann, 1).periods[-1].version == period.version + 2


def test_a_sign_off_on_a_status_someone_changed_is_refused_and_writes_nothing(two: tuple[Store, Store]) -> None:
    ann, ben = two
    seen = rounds.status_state(ann, 1, "1.1.1", None).version
    rounds.rate(ben, 1, "1.1.1", None, "Green", progress="Ben's progress", by="Ben Hall", seen=seen)
    with pytest.raises(StaleEdit, match="1.1.1 was changed by Ben Hall"):
        signoff.record_sign_off(ann, 1, "1.1.1", approved_on=date(2022, 9, 14), minute_ref="Minute 5",
                                body="SEND Improvement Board", by="Ann Lee", seen=seen)
    assert signoff.sign_offs(ann, 1, "1.1.1") == []
    state = rounds.status_state(ann, 1, "1.1.1", None)
    assert (state.rating, state.progress) == ("Green", "Ben's progress")
    signoff.record_sign_off(ann, 1, "1.1.1", approved_on=date(2022, 9, 14), minute_ref="Minute 5",
                            body="SEND Improvement Board", by="Ann Lee", seen=state.version)
    assert rounds.status_state(ben, 1, "1.1.1", None).rating == "Blue"
    assert [v.minute_ref for v in signoff.sign_offs(ben, 1, "1.1.1")] == ["Minute 5"]


def test_a_sign_off_that_keeps_the_rating_still_checks_and_moves_the_status_on(two: tuple[Store, Store]) -> None:
    ann, ben = two
    seen = rounds.status_state(ann, 1, "2.4.3", None).version
    signoff.record_sign_off(ben, 1, "2.4.3", approved_on=date(2022, 9, 14), minute_ref="Minute 5",
                            body="SEND Improvement Board", set_complete=False, by="Ben Hall", seen=seen)
    assert rounds.status_state(ann, 1, "2.4.3", None).version == seen + 1
    with pytest.raises(StaleEdit):
        signoff.record_sign_off(ann, 1, "2.4.3", approved_on=date(2022, 9, 14), minute_ref="Minute 6",
                                body="SEND Improvement Board", set_complete=False, by="Ann Lee", seen=seen)
    assert [v.minute_ref for v in signoff.sign_offs(ann, 1, "2.4.3")] == ["Minute 5"]


def test_evidence_someone_removed_says_so(two: tuple[Store, Store]) -> None:
    ann, ben = two
    evidence.attach_link(ann, 1, "1.1.1", "https://example.org/minutes", title="Minutes", by="Ann Lee")
    listed = evidence.list_evidence(ann, 1, "1.1.1")[-1]
    assert listed.version == 1
    evidence.remove_evidence(ben, 1, listed.id, by="Ben Hall", seen=listed.version)
    with pytest.raises(NotFoundError, match="removed by someone else"):
        evidence.remove_evidence(ann, 1, listed.id, by="Ann Lee", seen=listed.version)


def test_evidence_removal_names_the_version_listed(sample_store: Store) -> None:
    evidence.attach_link(sample_store, 1, "1.1.1", "https://example.org/minutes", title="Minutes")
    listed = evidence.list_evidence(sample_store, 1, "1.1.1")[-1]
    with pytest.raises(StaleEdit, match="“Minutes” was changed"):
        evidence.remove_evidence(sample_store, 1, listed.id, seen=listed.version + 1)
    assert evidence.list_evidence(sample_store, 1, "1.1.1")[-1].id == listed.id
    evidence.remove_evidence(sample_store, 1, listed.id, seen=listed.version)
    assert all(e.id != listed.id for e in evidence.list_evidence(sample_store, 1, "1.1.1"))


def test_a_scheme_someone_else_changed_is_not_overwritten(two: tuple[Store, Store]) -> None:
    ann, ben = two
    seen = scheme_version(ann, 1)
    drafts = drafts_of(plans.scheme_for(ben, 1))
    drafts[2].name = "Yellow"
    assert change_scheme(ben, 1, "Ben's scheme", drafts, by="Ben Hall", seen=seen).version == seen + 1
    mine = drafts_of(plans.scheme_for(ann, 1))
    with pytest.raises(StaleEdit, match="^The plan's rating scheme was changed by Ben Hall"):
        change_scheme(ann, 1, "Ann's scheme", mine, by="Ann Lee", seen=seen)
    assert plans.scheme_for(ann, 1).name == "Ben's scheme"
