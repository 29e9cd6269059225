"""Undo of a delete brings the item back exactly; undo of a target change restores the text."""

from __future__ import annotations

import pytest

from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.services.item_restore import delete_with_snapshot, restore_item, revert_target
from wsoa_desktop.services.outline import load_outline
from wsoa_desktop.services.periods import set_status
from wsoa_desktop.services.plan_items import (
    ActionFields,
    add_action,
    change_target,
    target_revisions,
)


def _shape(store):
    o = load_outline(store, 1)
    return [(n.id, n.ref, n.description, tuple(n.leads), n.lead_text, n.target.text, n.rating, n.progress,
             n.parent_id, tuple(n.outcomes)) for n in o.iter_actions()], \
        [(p.id, p.ref, p.title, p.subgroup, len(p.actions)) for p in o.priorities]


def test_delete_and_restore_an_action_with_sub_actions(sample_store) -> None:
    set_status(sample_store, 1, "1.1.1", None, "Red", reason="Staff away", progress="Late")
    change_target(sample_store, 1, "1.1.1", "March 2023", reason="staffing")
    before = _shape(sample_store)
    snap = delete_with_snapshot(sample_store, 1, "1.1")
    assert load_outline(sample_store, 1).find("1.1.1") is None
    assert snap.count("action") == 1 + len([r for r in before[0] if r[1].startswith("1.1.")])
    restore_item(sample_store, snap)
    assert _shape(sample_store) == before
    assert [r.reason for r in target_revisions(sample_store, 1, "1.1.1")] == ["staffing"]


def test_delete_and_restore_a_priority(sample_store) -> None:
    before = _shape(sample_store)
    snap = delete_with_snapshot(sample_store, 1, "2")
    assert all(not r[1].startswith("2.") for r in _shape(sample_store)[0])
    restore_item(sample_store, snap)
    assert _shape(sample_store) == before


def test_restore_refuses_when_the_reference_was_reused(sample_store) -> None:
    snap = delete_with_snapshot(sample_store, 1, "1.1.2")
    add_action(sample_store, 1, "1.1.2", ActionFields("Someone else's sub-action"))
    with pytest.raises(ValidationError):
        restore_item(sample_store, snap)
    assert load_outline(sample_store, 1).find("1.1.2").description == "Someone else's sub-action"


def test_revert_target_restores_text_and_drops_revision(sample_store) -> None:
    old = load_outline(sample_store, 1).find("1.1.1").target.text
    change_target(sample_store, 1, "1.1.1", "not a date at all", reason="asked")
    revert_target(sample_store, 1, "1.1.1", old, "not a date at all")
    node = load_outline(sample_store, 1).find("1.1.1")
    assert node.target.text == old and node.target.is_parsed
    assert target_revisions(sample_store, 1, "1.1.1") == []
