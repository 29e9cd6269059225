"""Bad input is refused with a message naming the reference; nothing changes."""

from __future__ import annotations

import pytest

from tests.db_access import other_connection
from wsoa_desktop.domain.errors import NotFoundError, ValidationError
from wsoa_desktop.services import periods, plan_items
from wsoa_desktop.services.outline import load_outline
from wsoa_desktop.services.plan_items import ActionFields


def _snapshot(store):
    con = other_connection(store)
    rows = con.execute("SELECT ref, description, target_text FROM action ORDER BY id").fetchall()
    status = con.execute("SELECT action_id, period_id, rating_id, progress FROM status_update "
                         "ORDER BY id").fetchall()
    audit = con.execute("SELECT count(*) FROM audit_entry").fetchone()
    con.close()
    return rows, status, audit


def test_duplicate_reference(sample_store):
    before = _snapshot(sample_store)
    with pytest.raises(ValidationError, match=r"1\.1\.1 is already used"):
        plan_items.add_action(sample_store, 1, "1.1.1", ActionFields("Again"))
    assert _snapshot(sample_store) == before


def test_duplicate_priority_reference(sample_store):
    with pytest.raises(ValidationError, match="Reference 2 is already used"):
        plan_items.add_priority(sample_store, 1, "2", "Another")


def test_sub_action_whose_parent_is_missing(sample_store):
    before = _snapshot(sample_store)
    with pytest.raises(ValidationError, match=r"1\.9\.1 has no parent action 1\.9"):
        plan_items.add_action(sample_store, 1, "1.9.1", ActionFields("Orphan"))
    assert _snapshot(sample_store) == before


def test_action_whose_priority_is_missing(sample_store):
    with pytest.raises(ValidationError, match=r"9\.1 has no priority 9"):
        plan_items.add_action(sample_store, 1, "9.1", ActionFields("Orphan"))


def test_rating_the_scheme_does_not_know(sample_store):
    before = _snapshot(sample_store)
    with pytest.raises(ValidationError, match=r"2\.2\.2: “Purple” is not a rating"):
        periods.set_status(sample_store, 1, "2.2.2", "August 2022", "Purple")
    assert _snapshot(sample_store) == before


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_action_text(sample_store, text):
    before = _snapshot(sample_store)
    with pytest.raises(ValidationError, match=r"1\.1\.9 has no text"):
        plan_items.add_action(sample_store, 1, "1.1.9", ActionFields(text))
    with pytest.raises(ValidationError, match=r"1\.1\.1 has no text"):
        plan_items.update_action(sample_store, 1, "1.1.1", description=text)
    assert _snapshot(sample_store) == before


def test_malformed_reference(sample_store):
    with pytest.raises(ValidationError, match="not a reference"):
        plan_items.add_action(sample_store, 1, "1.x", ActionFields("Bad ref"))


def test_unknown_reference_and_period(sample_store):
    with pytest.raises(NotFoundError, match="7.7.7"):
        periods.set_status(sample_store, 1, "7.7.7", "August 2022", "Green")
    with pytest.raises(NotFoundError, match="March 2031"):
        periods.set_status(sample_store, 1, "1.1.1", "March 2031", "Green")


def test_edits_are_saved_and_audited(sample_store):
    plan_items.add_action(sample_store, 1, "1.1.9", ActionFields("New & <improved> work", ["Siân Jones"],
                                                                 target="31/03/2024"), by="Officer")
    periods.set_status(sample_store, 1, "1.1.9", "August 2022", " yellow", progress="Started", by="Officer")
    node = load_outline(sample_store, 1).find("1.1.9")
    assert node.description == "New & <improved> work"
    assert node.leads == ["Siân Jones"]
    assert node.rating == "Amber" and node.progress == "Started"
    assert node.target.due.isoformat() == "2024-03-31"


def test_changing_a_target_keeps_the_old_one_as_a_revision(sample_store):
    assert plan_items.change_target(sample_store, 1, "1.1.1", "Sept 2022", reason="Board asked", by="Officer")
    revisions = plan_items.target_revisions(sample_store, 1, "1.1.1")
    assert [(r.old_text, r.new_text, r.reason) for r in revisions] == [("July 2022", "Sept 2022", "Board asked")]
    node = load_outline(sample_store, 1).find("1.1.1")
    assert node.target.text == "Sept 2022" and node.target_revised
    assert not plan_items.change_target(sample_store, 1, "1.1.1", "Sept 2022")


def test_deleting_an_action_removes_its_sub_actions(sample_store):
    plan_items.delete_item(sample_store, 1, "1.1")
    outline = load_outline(sample_store, 1)
    assert outline.find("1.1") is None and outline.find("1.1.1") is None
    assert len(outline.sub_actions()) == 67
