"""Two officers at once: two Stores on one file, each editing what it read (issue 14, part 2b)."""

from __future__ import annotations

import pytest

from wsoa_desktop.domain.errors import StaleEdit
from wsoa_desktop.services import audit, item_restore, plan_items, rounds, status
from wsoa_desktop.services.outline import load_outline
from wsoa_desktop.store.database import Store


def _node(store: Store, ref: str):  # type: ignore[no-untyped-def]
    return load_outline(store, 1).find(ref)


def test_a_stale_edit_is_refused_and_overwrites_nothing(two: tuple[Store, Store]) -> None:
    ann, ben = two
    seen_by_ann = _node(ann, "1.1.1").version
    seen_by_ben = _node(ben, "1.1.1").version
    assert seen_by_ann == seen_by_ben == 1
    assert plan_items.update_action(ben, 1, "1.1.1", description="Ben's wording", by="Ben Hall",
                                    seen=seen_by_ben) == 2
    with pytest.raises(StaleEdit) as refused:
        plan_items.update_action(ann, 1, "1.1.1", description="Ann's wording", by="Ann Lee", seen=seen_by_ann)
    message = str(refused.value)
    assert message.startswith("1.1.1 was changed by Ben Hall at ")
    assert message.endswith("— reload to see their change; your text is kept.")
    node = _node(ann, "1.1.1")
    assert (node.description, node.version) == ("Ben's wording", 2)
    assert not [e for e in audit.history(ann, 1, "1.1.1") if e.by == "Ann Lee"]  # nothing of Ann's was written


def test_a_fresh_edit_after_reload_is_saved(two: tuple[Store, Store]) -> None:
    ann, ben = two
    plan_items.update_action(ben, 1, "1.1.1", description="Ben's wording", by="Ben Hall", seen=1)
    fresh = _node(ann, "1.1.1").version
    assert plan_items.update_action(ann, 1, "1.1.1", description="Ann's wording", by="Ann Lee", seen=fresh) == 3
    assert _node(ben, "1.1.1").description == "Ann's wording"


def test_an_edit_that_changes_nothing_writes_nothing_and_moves_no_version(sample_store: Store) -> None:
    text = _node(sample_store, "1.1.1").description
    assert plan_items.update_action(sample_store, 1, "1.1.1", description=text, seen=1) == 1
    assert _node(sample_store, "1.1.1").version == 1


def test_deleting_an_item_someone_changed_is_refused(two: tuple[Store, Store]) -> None:
    ann, ben = two
    plan_items.change_target(ben, 1, "2.2.2", "March 2023", reason="Staffing", by="Ben Hall", seen=1)
    with pytest.raises(StaleEdit, match="2.2.2 was changed by Ben Hall"):
        item_restore.delete_with_snapshot(ann, 1, "2.2.2", by="Ann Lee", seen=1)
    assert _node(ann, "2.2.2").target.text == "March 2023"
    item_restore.delete_with_snapshot(ann, 1, "2.2.2", by="Ann Lee", seen=2)
    assert _node(ben, "2.2.2") is None


def test_editing_an_item_someone_deleted_says_so(two: tuple[Store, Store]) -> None:
    ann, ben = two
    plan_items.delete_item(ben, 1, "2.2.2", by="Ben Hall", seen=1)
    with pytest.raises(Exception, match="no action 2.2.2"):
        plan_items.update_action(ann, 1, "2.2.2", description="Too late", by="Ann Lee", seen=1)


def test_priorities_and_targets_check_the_version_too(two: tuple[Store, Store]) -> None:
    ann, ben = two
    assert plan_items.update_priority(ben, 1, "1", title="Ben's title", by="Ben Hall", seen=1) == 2
    with pytest.raises(StaleEdit, match="^1 was changed by Ben Hall"):
        plan_items.update_priority(ann, 1, "1", title="Ann's title", by="Ann Lee", seen=1)
    plan_items.update_action(ben, 1, "1.1.2", description="Ben again", by="Ben Hall", seen=1)
    with pytest.raises(StaleEdit):
        plan_items.change_target(ann, 1, "1.1.2", "June 2023", reason="x", by="Ann Lee", seen=1)
    assert _node(ann, "1.1.2").target.text != "June 2023"


def test_undo_of_a_target_change_someone_edited_since_is_refused(two: tuple[Store, Store]) -> None:
    ann, ben = two
    before = _node(ann, "1.1.1").target.text
    after_ann = plan_items.change_target(ann, 1, "1.1.1", "June 2023", reason="x", by="Ann Lee", seen=1)
    plan_items.update_action(ben, 1, "1.1.1", description="Ben's wording", by="Ben Hall", seen=after_ann)
    with pytest.raises(StaleEdit):
        item_restore.revert_target(ann, 1, "1.1.1", before, "June 2023", by="Ann Lee", seen=after_ann)
    assert _node(ann, "1.1.1").target.text == "June 2023"


# The status writer ------------------------------------------------------------------------------


def test_a_rating_given_on_a_stale_view_is_refused(two: tuple[Store, Store]) -> None:
    ann, ben = two
    rounds.new_period(ann, 1, "September 2022")
    seen = _node(ann, "2.2.2").status.version
    assert status.set_rating(ben, 1, "2.2.2", None, "Green", progress="Ben's progress", by="Ben Hall",
                             seen=seen) == seen + 1
    with pytest.raises(StaleEdit, match="2.2.2 was changed by Ben Hall"):
        status.set_rating(ann, 1, "2.2.2", None, "Amber", progress="Ann's progress", reason="late",
                          by="Ann Lee", seen=seen)
    node = _node(ann, "2.2.2")
    assert (node.rating, node.progress) == ("Green", "Ben's progress")
    assert status.set_rating(ann, 1, "2.2.2", None, "Amber", progress="Ann's progress", reason="late",
                             by="Ann Lee", seen=node.status.version) == seen + 2


def test_a_first_rating_someone_else_gave_first_is_refused(two: tuple[Store, Store]) -> None:
    ann, ben = two
    rounds.new_period(ann, 1, "September 2022")
    status.put_back(ann, 1, "1.1.1", None, status.StatusState(False))  # 1.1.1 has no status this month
    assert _node(ann, "1.1.1").status is None
    status.set_rating(ben, 1, "1.1.1", None, "Green", by="Ben Hall", seen=0)
    with pytest.raises(StaleEdit, match="Ben Hall"):
        status.set_rating(ann, 1, "1.1.1", None, "Amber", reason="r", by="Ann Lee", seen=0)
    assert _node(ann, "1.1.1").rating == "Green"


def test_a_batch_with_one_stale_rating_writes_none_of_them(two: tuple[Store, Store]) -> None:
    ann, ben = two
    rounds.new_period(ann, 1, "September 2022")
    outline = load_outline(ann, 1)
    refs = ["2.2.2", "2.2.3", "2.2.4", "2.2.5"]
    seen = {r: outline.find(r).status.version for r in refs}
    status.set_rating(ben, 1, "2.2.4", None, "Green", progress="Ben", by="Ben Hall", seen=seen["2.2.4"])
    changes = [status.StatusChange(r, "Green", progress="Ann", seen=seen[r]) for r in refs]
    with pytest.raises(StaleEdit, match="2.2.4"):
        status.apply_changes(ann, 1, None, changes, by="Ann Lee")
    assert [_node(ann, r).progress for r in refs].count("Ann") == 0


def test_undo_of_a_rating_someone_changed_since_is_refused(two: tuple[Store, Store]) -> None:
    ann, ben = two
    rounds.new_period(ann, 1, "September 2022")
    before = status.status_state(ann, 1, "2.2.2", None)
    mine = status.set_rating(ann, 1, "2.2.2", None, "Green", progress="Ann", by="Ann Lee", seen=before.version)
    status.set_rating(ben, 1, "2.2.2", None, "Green", progress="Ben", by="Ben Hall", seen=mine)
    with pytest.raises(StaleEdit, match="Ben Hall"):
        status.put_back(ann, 1, "2.2.2", None, before, by="Ann Lee", seen=mine)
    assert _node(ann, "2.2.2").progress == "Ben"


def test_imports_without_a_version_still_move_it_on(sample_store: Store) -> None:
    rounds.new_period(sample_store, 1, "September 2022")
    seen = _node(sample_store, "2.2.2").status.version
    status.apply_changes(sample_store, 1, None, [status.StatusChange("2.2.2", "Green", progress="import")])
    assert _node(sample_store, "2.2.2").status.version == seen + 1
    with pytest.raises(StaleEdit):
        status.set_rating(sample_store, 1, "2.2.2", None, "Green", progress="stale", seen=seen)


# Boards, meetings and measures -----------------------------------------------------------------


def test_a_board_someone_else_changed_is_not_overwritten(two: tuple[Store, Store]) -> None:
    from dataclasses import replace

    from wsoa_desktop.services import governance

    ann, ben = two
    gid = governance.add_group(ann, 1, governance.GroupFields("Scrutiny Board", note="first"), by="Ann Lee")
    seen = governance.get_group(ann, 1, gid).version
    view = governance.get_group(ben, 1, gid)
    assert governance.update_group(ben, 1, gid, replace(view.fields(), note="Ben's note"), by="Ben Hall",
                                   seen=seen) == seen + 1
    with pytest.raises(StaleEdit, match="^Scrutiny Board was changed by Ben Hall"):
        governance.update_group(ann, 1, gid, replace(view.fields(), note="Ann's note"), by="Ann Lee", seen=seen)
    with pytest.raises(StaleEdit):
        governance.remove_group(ann, 1, gid, by="Ann Lee", seen=seen)
    assert governance.get_group(ann, 1, gid).note == "Ben's note"


def test_a_meeting_someone_else_changed_is_not_overwritten(two: tuple[Store, Store]) -> None:
    from dataclasses import replace
    from datetime import date

    from wsoa_desktop.services import governance_calendar as cal

    ann, ben = two
    mid = cal.save_new_meeting(ann, 1, cal.MeetingFields("SEND Board", date(2022, 10, 12)), by="Ann Lee")
    view = cal.get_meeting(ann, 1, mid)
    cal.update_meeting(ben, 1, mid, replace(view.fields(), outcome="Ben's minute"), by="Ben Hall",
                       seen=view.version)
    with pytest.raises(StaleEdit, match="^The SEND Board meeting on 12 October 2022 was changed by Ben Hall"):
        cal.update_meeting(ann, 1, mid, replace(view.fields(), outcome="Ann's minute"), by="Ann Lee",
                           seen=view.version)
    assert cal.get_meeting(ann, 1, mid).outcome == "Ben's minute"


def test_a_measure_someone_else_changed_is_not_overwritten(two: tuple[Store, Store]) -> None:
    from wsoa_desktop.services import measures

    ann, ben = two
    measures.add_measure(ann, 1, measures.MeasureFields("EHCPs issued in 20 weeks", unit="%"), ref="M99", by="Ann")
    measures.update_measure(ben, 1, "M99", measures.MeasureFields("EHCPs in 20 weeks (Ben)", unit="%"),
                            by="Ben Hall", seen=1)
    with pytest.raises(StaleEdit, match="^M99 was changed by Ben Hall"):
        measures.update_measure(ann, 1, "M99", measures.MeasureFields("Ann's title", unit="%"), by="Ann Lee",
                                seen=1)
    with pytest.raises(StaleEdit):
        measures.delete_measure(ann, 1, "M99", by="Ann Lee", seen=1)
    assert measures.get_measure(ann, 1, "M99").title == "EHCPs in 20 weeks (Ben)"


def test_a_person_someone_else_changed_is_not_overwritten(two: tuple[Store, Store]) -> None:
    from dataclasses import replace

    from wsoa_desktop.services import people

    ann, ben = two
    pid = people.add_person(ann, 1, people.PersonFields("Dana Reyes", "DR"), by="Ann Lee")
    view = next(p for p in people.list_people(ann, 1) if p.id == pid)
    people.update_person(ben, 1, pid, replace(view.fields(), role="Head of Inclusion"), by="Ben Hall",
                         seen=view.version)
    with pytest.raises(StaleEdit, match="^Dana Reyes was changed by Ben Hall"):
        people.update_person(ann, 1, pid, replace(view.fields(), role="SENCO"), by="Ann Lee", seen=view.version)
    with pytest.raises(StaleEdit):
        people.remove_person(ann, 1, pid, by="Ann Lee", seen=view.version)
    assert next(p for p in people.list_people(ann, 1) if p.id == pid).role == "Head of Inclusion"


def test_a_reading_someone_else_replaced_is_not_overwritten(two: tuple[Store, Store]) -> None:
    from wsoa_desktop.services import measures

    ann, ben = two
    measures.add_measure(ann, 1, measures.MeasureFields("Tribunal appeals", unit="count"), ref="M98", by="Ann")
    measures.set_reading(ann, 1, "M98", "Q1 2022/23", 12, by="Ann Lee", seen=0)
    measures.set_reading(ben, 1, "M98", "Q1 2022/23", 14, by="Ben Hall", seen=1)
    with pytest.raises(StaleEdit, match="^M98 was changed by Ben Hall"):
        measures.set_reading(ann, 1, "M98", "Q1 2022/23", 13, by="Ann Lee", seen=1)
    measures.set_reading(ben, 1, "M98", "Q2 2022/23", 15, by="Ben Hall", seen=0)
    with pytest.raises(StaleEdit):  # a first reading someone else gave first
        measures.set_reading(ann, 1, "M98", "Q2 2022/23", 16, by="Ann Lee", seen=0)
    readings = {r.label: r.value for r in measures.get_measure(ann, 1, "M98").readings}
    assert readings == {"Q1 2022/23": 14.0, "Q2 2022/23": 15.0}
