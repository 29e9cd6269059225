"""Moving items: references follow only as asked, undo puts every row back."""

from __future__ import annotations

import pytest

from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.services.audit import history
from wsoa_desktop.services.outline import load_outline
from wsoa_desktop.services.plan_moves import move_item, undo_move


def _refs(store, parent: str) -> list[str]:
    outline = load_outline(store, 1)
    node = outline.find(parent)
    if node is not None:
        return [c.ref for c in node.children]
    priority = next(p for p in outline.priorities if p.ref == parent)
    return [a.ref for a in priority.actions]


def test_move_sub_action_takes_next_free_ref_and_leaves_gap(sample_store) -> None:
    before_13 = _refs(sample_store, "1.3")
    text = load_outline(sample_store, 1).find("1.1.2").description
    result = move_item(sample_store, 1, "1.1.2", "1.3")
    assert result.new_ref == f"1.3.{len(before_13) + 1}"
    moved = load_outline(sample_store, 1).find(result.new_ref)
    assert moved.description == text
    # No renumbering was asked for: 1.1.3 keeps its reference and 1.1.2 is a gap.
    refs = _refs(sample_store, "1.1")
    assert "1.1.2" not in refs and "1.1.3" in refs


def test_move_with_renumber_closes_the_gap(sample_store) -> None:
    count = len(_refs(sample_store, "1.1"))
    third = load_outline(sample_store, 1).find("1.1.3").description
    result = move_item(sample_store, 1, "1.1.2", "1.3", renumber=True)
    assert _refs(sample_store, "1.1") == [f"1.1.{i}" for i in range(1, count)]
    assert load_outline(sample_store, 1).find("1.1.2").description == third
    assert result.renamed()["1.1.3"] == "1.1.2"


def test_moving_an_action_carries_its_sub_actions_and_ratings(sample_store) -> None:
    before = load_outline(sample_store, 1)
    action = before.find("1.2")
    children = [(c.description, c.rating) for c in action.children]
    result = move_item(sample_store, 1, "1.2", "3")
    after = load_outline(sample_store, 1)
    moved = after.find(result.new_ref)
    assert [(c.description, c.rating) for c in moved.children] == children
    assert all(c.ref.startswith(result.new_ref + ".") for c in moved.children)
    assert any(e.operation == "move" for e in history(sample_store, 1))


def test_undo_move_restores_every_reference(sample_store) -> None:
    before = [(n.id, n.ref, n.parent_id, n.priority_id) for n in load_outline(sample_store, 1).iter_actions()]
    result = move_item(sample_store, 1, "1.2", "3", renumber=True)
    undo_move(sample_store, 1, result)
    after = [(n.id, n.ref, n.parent_id, n.priority_id) for n in load_outline(sample_store, 1).iter_actions()]
    assert sorted(after) == sorted(before)


@pytest.mark.parametrize("ref,parent,new_ref", [
    ("1.1.1", "2", None),        # a sub-action cannot go under a priority
    ("1.1", "2.1", None),        # an action cannot go under an action
    ("1.1.1", "1.1", None),      # already there
    ("1.1.1", "1.2", "1.2.1"),   # reference taken
    ("1.1.1", "1.2", "1.3.9"),   # not under the new parent
    ("1", "2", None),            # priorities are not moved
])
def test_bad_moves_change_nothing(sample_store, ref, parent, new_ref) -> None:
    before = [(n.id, n.ref) for n in load_outline(sample_store, 1).iter_actions()]
    with pytest.raises(ValidationError):
        move_item(sample_store, 1, ref, parent, new_ref=new_ref)
    assert [(n.id, n.ref) for n in load_outline(sample_store, 1).iter_actions()] == before


def test_a_made_up_reference_is_renamed_where_it_stands_and_back(store, tmp_path):  # type: ignore[no-untyped-def]
    """The import names seed 004's joint commissioning rows itself ("SJC 1.2"); the officer can give
    any of them (and what is under them) a reference of their own, and undo it."""
    from tests.services.plan_shapes import joint_plan_xlsx
    from wsoa_desktop.services import audit
    from wsoa_desktop.services.importing import import_file
    from wsoa_desktop.services.outline import load_outline

    plan_id, _ = import_file(store, joint_plan_xlsx(tmp_path / "joint.xlsx", commissioning=True),
                             owners={"PW": "PW (I)", "Paula Williams": "Paula Williams (I)"})
    section = load_outline(store, plan_id).priorities[-1].ref
    result = move_item(store, plan_id, "SJC 1", section, new_ref="JC Hub 1")
    outline = load_outline(store, plan_id)
    assert outline.find("SJC 1") is None and outline.find("SJC 1.3") is None
    assert [c.ref for c in outline.find("JC Hub 1").children] == ["JC Hub 1.1", "JC Hub 1.2", "JC Hub 1.3",
                                                                  "JC Hub 1.4"]
    assert outline.find("JC Hub 1.1").status.status_text == "Completed"  # its history goes with it
    assert any(e.field_name == "ref" and e.old_value == "SJC 1.1" for e in audit.history(store, plan_id))
    second = move_item(store, plan_id, "JC Hub 1.2", "JC Hub 1", new_ref="JC Hub 1.20")
    assert load_outline(store, plan_id).find("JC Hub 1.20").description == "Establish  SEND Hub Working Group"
    with pytest.raises(ValidationError, match="already used"):
        move_item(store, plan_id, "JC Hub 1.1", "JC Hub 1", new_ref="JC Hub 1.3")
    with pytest.raises(ValidationError, match="already under"):
        move_item(store, plan_id, "JC Hub 1.1", "JC Hub 1")
    undo_move(store, plan_id, second)
    undo_move(store, plan_id, result)
    outline = load_outline(store, plan_id)
    assert [c.ref for c in outline.find("SJC 1").children] == ["SJC 1.1", "SJC 1.2", "SJC 1.3", "SJC 1.4"]
