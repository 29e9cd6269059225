"""Boards, subgroups, committees and the people list: edited through the services, one write each, audited."""

from __future__ import annotations

from dataclasses import replace

import pytest

from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.services import audit, governance, people
from wsoa_desktop.services.governance import BOARD, COMMITTEE, SUBGROUP, GroupFields, Member
from wsoa_desktop.services.outline import load_outline
from wsoa_desktop.services.plan_document import document_for, load_document


def _by_name(store, name):
    return next(g for g in governance.groups(store, 1) if g.name == name)


def test_the_sample_holds_seed_003s_boards_subgroups_and_committee(sample_store):
    found = governance.groups(sample_store, 1)
    assert [g.name for g in found if g.kind == SUBGROUP] == [
        "Education Health Care Plans", "Graduated Response", "Preparing for Adulthood",
        "Local Offer and Communication"]
    assert [g.priority_ref for g in found if g.kind == SUBGROUP] == ["1", "2", "3", "4"]
    ehcp = _by_name(sample_store, "Education Health Care Plans")
    assert [m.text for m in ehcp.chairs] == ["Julie Day, Head of Service Inclusion",
                                             "Ian Tankard, Head of Coleridge Primary School"]
    board = _by_name(sample_store, "SEND Executive Board")
    assert board.kind == BOARD and board.signs_off and len(board.members) == 10
    assert [m.text for m in board.chairs] == ["Suzanne Joyner (Joint Chair)", "Ian Atkinson (Joint Chair)"]
    assert board.members[2] == Member("Nathan Heath", "Assistant Director, Education, and Inclusion")
    assert _by_name(sample_store, "Improving Lives Select Commission").kind == COMMITTEE


def test_edit_a_subgroup_name_chairs_members_and_priority(sample_store):
    g = _by_name(sample_store, "Graduated Response")
    members = (Member("Carol Taylor, Principal Educational Psychologist", is_chair=True),
               Member("Pam Ward", "Strategic Lead for School Effectiveness"), Member("  "))
    governance.update_group(sample_store, 1, g.id, replace(g.fields(), name="Graduated Response Group",
                                                           members=members), by="Ann")
    after = governance.get_group(sample_store, 1, g.id)
    assert after.name == "Graduated Response Group" and after.members == members[:2]  # blank row dropped
    assert load_outline(sample_store, 1).priorities[1].subgroup == "Graduated Response Group"
    line = audit.history(sample_store, 1, "")[0]
    assert (line.by, line.entity, line.field_name) == ("Ann", "subgroup", "Graduated Response Group")
    assert "chairs: Carol Taylor" in line.new_value and "2 members" in line.new_value


@pytest.mark.parametrize("fields, words", [
    (GroupFields("  "), "Give the board or subgroup a name"),
    (GroupFields("send executive board"), "already a board called “SEND Executive Board”"),
    (GroupFields("New subgroup", SUBGROUP, "2"), "Priority 2 is already led by Graduated Response"),
    (GroupFields("New subgroup", SUBGROUP, "9"), "no priority 9"),
    (GroupFields("Panel", BOARD, "1"), "only a workstream subgroup leads a priority"),
    (GroupFields("Panel", SUBGROUP, signs_off=True), "a subgroup does not sign off"),
    (GroupFields("Panel", members=(Member("", "Chair"),)), "has no name"),
])
def test_bad_group_input_is_refused_and_changes_nothing(sample_store, fields, words):
    before = governance.groups(sample_store, 1)
    with pytest.raises(ValidationError, match=words):
        governance.add_group(sample_store, 1, fields)
    assert governance.groups(sample_store, 1) == before


def test_one_board_signs_off_and_a_removed_group_comes_back_in_place(sample_store):
    panel = governance.add_group(sample_store, 1, GroupFields(
        "Evidence Challenge Panel", BOARD, members=(Member("Senior officers", "multi-agency"),), signs_off=True))
    assert governance.sign_off_body(sample_store, 1) == "Evidence Challenge Panel"
    assert not _by_name(sample_store, "SEND Executive Board").signs_off
    strategic = _by_name(sample_store, "SEND Strategic Board")
    was = governance.remove_group(sample_store, 1, strategic.id)
    assert "SEND Strategic Board" not in [g.name for g in governance.groups(sample_store, 1)]
    governance.add_group(sample_store, 1, was.fields(), position=was.position)
    back = _by_name(sample_store, "SEND Strategic Board")
    assert back.position == strategic.position and back.members == strategic.members
    governance.remove_group(sample_store, 1, panel)
    assert governance.sign_off_body(sample_store, 1) == "SEND Executive Board"  # the first board again


def test_groups_travel_in_the_plan_document(sample_store, store):
    governance.add_group(sample_store, 1, GroupFields("Schools Forum", COMMITTEE, note="Termly",
                                                      members=(Member("Head teachers", "", True),)))
    doc = document_for(sample_store, 1)
    assert doc["boards"][0]["signs_off"] is True and doc["boards"][0]["members"][0]["chair"] is True
    assert [c["name"] for c in doc["committees"]] == ["Improving Lives Select Commission", "Schools Forum"]
    pid = load_document(store, doc)
    assert [(g.name, g.kind, g.priority_ref, g.members, g.note, g.signs_off) for g in governance.groups(store, pid)] \
        == [(g.name, g.kind, g.priority_ref, g.members, g.note, g.signs_off) for g in governance.groups(sample_store, 1)]


def test_the_rota_follows_the_order_the_officer_sets(sample_store):
    first = _by_name(sample_store, "Education Health Care Plans")
    assert governance.move_group(sample_store, 1, first.id, +1)
    assert [g.name for g in governance.groups(sample_store, 1, SUBGROUP)][:2] == [
        "Graduated Response", "Education Health Care Plans"]
    assert not governance.move_group(sample_store, 1, _by_name(sample_store, "Improving Lives Select Commission").id,
                                     +1)


# -- people ---------------------------------------------------------------------------------


def test_people_list_add_edit_rename_and_remove(sample_store):
    listed = people.list_people(sample_store, 1)
    julie = next(p for p in listed if p.name == "Julie Day")
    assert julie.leads > 0
    pid = people.add_person(sample_store, 1, people.PersonFields("Pam Ward (Early Years)", "PW(EY)",
                                                                "Early Years lead", "RMBC"), by="Ann")
    with pytest.raises(ValidationError, match="Pam Ward \\(Early Years\\) already has the initials PW\\(EY\\): give Paul Walker"):
        people.add_person(sample_store, 1, people.PersonFields("Paul Walker", "pw(ey)"))
    with pytest.raises(ValidationError, match="already in the people list"):
        people.update_person(sample_store, 1, pid, people.PersonFields("julie day"))
    people.update_person(sample_store, 1, julie.id, replace(julie.fields(), name="Julie Day-Smith",
                                                           organisation="RMBC"), by="Ann")
    outline = load_outline(sample_store, 1)
    assert any("Julie Day-Smith" in a.leads for a in outline.iter_actions())
    with pytest.raises(ValidationError, match="Julie Day-Smith leads .* items .*another lead first"):
        people.remove_person(sample_store, 1, julie.id)
    was = people.remove_person(sample_store, 1, pid, by="Ann")
    assert was.initials == "PW(EY)" and all(p.id != pid for p in people.list_people(sample_store, 1))
    trail = [(e.field_name, e.old_value, e.new_value) for e in audit.history(sample_store, 1, "")[:4]]
    assert ("Julie Day-Smith: name", "Julie Day", "Julie Day-Smith") in trail
