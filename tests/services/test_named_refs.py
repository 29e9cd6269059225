"""A plan whose actions are named ("SEND 4") under sections: adding, moving, sorting, undoing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.services.plan_shapes import joint_plan_docx
from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.domain.refs import child_ref
from wsoa_desktop.services.importing import import_file
from wsoa_desktop.services.outline import load_outline
from wsoa_desktop.services.plan_items import ActionFields, add_action, delete_item
from wsoa_desktop.services.plan_moves import move_item, undo_move


@pytest.fixture
def joint(store, tmp_path: Path):  # type: ignore[no-untyped-def]
    plan_id, _ = import_file(store, joint_plan_docx(tmp_path / "joint.docx"))
    return store, plan_id


def test_adding_the_next_named_action_in_a_section(joint) -> None:  # type: ignore[no-untyped-def]
    store, plan_id = joint
    section = load_outline(store, plan_id).priorities[0]
    ref = child_ref(section.ref, [a.ref for a in section.actions])
    assert ref == "SEND 11"
    add_action(store, plan_id, ref, ActionFields(description="Review the SEND sufficiency strategy"), by="t")
    add_action(store, plan_id, "SEND 3", ActionFields(description="Prioritise personalisation"),
               priority_ref="1", by="t")
    add_action(store, plan_id, "SEND 3.1", ActionFields(description="Resource Allocation System"), by="t")
    outline = load_outline(store, plan_id)
    assert [a.ref for a in outline.priorities[0].actions] == ["SEND 1", "SEND 2", "SEND 3", "SEND 4", "SEND 5",
                                                              "SEND 10", "SEND 11"]
    assert [c.ref for c in outline.find("SEND 3").children] == ["SEND 3.1"]
    with pytest.raises(ValidationError, match="which priority or section"):
        add_action(store, plan_id, "COMM 1", ActionFields(description="Joint commissioning"), by="t")


def test_moving_a_named_action_keeps_its_name(joint) -> None:  # type: ignore[no-untyped-def]
    store, plan_id = joint
    result = move_item(store, plan_id, "SEND 10", "2", by="t")
    assert result.new_ref == "SEND 10"
    outline = load_outline(store, plan_id)
    assert "SEND 10" in [a.ref for a in outline.priorities[1].actions]
    assert outline.find("SEND 10").rating == "Green"
    with pytest.raises(ValidationError, match="already under 2"):
        move_item(store, plan_id, "SEND 10", "2", by="t")
    undo_move(store, plan_id, result, by="t")
    assert "SEND 10" in [a.ref for a in load_outline(store, plan_id).priorities[0].actions]
    with pytest.raises(ValidationError, match="not plain numbers"):
        move_item(store, plan_id, "SEND 4", "2", renumber=True, by="t")


def test_deleting_a_named_action(joint) -> None:  # type: ignore[no-untyped-def]
    store, plan_id = joint
    delete_item(store, plan_id, "Peer Review 2", by="t")
    assert load_outline(store, plan_id).find("Peer Review 2") is None


def test_the_csv_and_xlsx_exports_of_a_named_plan_import_again(joint, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from wsoa_desktop.services.exporting import export_plan
    from wsoa_desktop.services.importing import dry_run

    store, plan_id = joint
    for suffix in (".csv", ".xlsx"):
        out = export_plan(store, tmp_path / f"joint{suffix}", plan=plan_id)
        plan = dry_run(out)
        assert plan.ok, [str(p) for p in plan.problems]
        assert [i.ref for i in plan.items] == [n.ref for p in load_outline(store, plan_id).priorities
                                               for n in [p, *p.actions]]
        assert {i.ref: i.rating for i in plan.items}["Peer Review 19"] == "Red"


def test_a_published_version_of_a_named_plan_shows_what_the_plan_did(joint) -> None:  # type: ignore[no-untyped-def]
    from wsoa_desktop.services.versions import publish, version_outline

    store, plan_id = joint
    number = publish(store, plan_id, "As imported", by="t", allow_not_updated=True).number
    outline = version_outline(store, plan_id, number)
    assert [p.heading for p in outline.priorities] == ["CYPS IMPROVEMENT PLAN MEASURES", "PEER REVIEW MEASURES"]
    assert outline.find("Peer Review 2").linked_refs == ["SEND 1", "SEND 4"]
    assert outline.find("SEND 1").status.status_text == "On track"
    assert [n.date_text for n in outline.find("SEND 1").progress_history] == ["14/02/17", "08/06/17"]
