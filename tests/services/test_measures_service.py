"""Measures: the sample's key impact measures, edits with their audit trail, refusals that change nothing."""

from __future__ import annotations

import pytest

from tests.db_access import other_connection
from wsoa_desktop.domain.errors import NotFoundError, ValidationError
from wsoa_desktop.domain.measures import Direction, MeasureStatus, assess
from wsoa_desktop.services.audit import history
from wsoa_desktop.services.measures import (
    MeasureFields,
    add_measure,
    delete_measure,
    delete_reading,
    fields_of,
    get_measure,
    list_measures,
    measure_document,
    measures_for_action,
    move_measure,
    put_measure_document,
    replace_readings,
    set_reading,
    update_measure,
)


def _counts(store) -> tuple[int, int, int, int]:
    con = other_connection(store)
    try:
        return tuple(con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]  # type: ignore[return-value]
                     for t in ("impact_measure", "measure_reading", "measure_action", "audit_entry"))
    finally:
        con.close()


def test_the_sample_carries_the_seeds_key_impact_measures(sample_store):
    measures = {m.ref: m for m in list_measures(sample_store, 1)}
    assert len(measures) == 30
    qa = measures["M1"]
    assert (qa.baseline, qa.target, qa.unit, qa.direction) == (52.5, 75.0, "%", Direction.INCREASE)
    assert qa.baseline_when == "June 2021" and str(qa.baseline_on) == "2021-06-30"  # end of Quarter 1
    assert qa.action_refs == ("1.1", "1.2", "1.3", "1.5")  # one measure, shared by four actions
    exclusions = measures["M11"]
    assert (exclusions.title, exclusions.baseline, exclusions.target) == ("Fixed term exclusions – EHCP", 192, 162)
    assert exclusions.direction is Direction.DECREASE
    portal = measures["M8"]
    assert (portal.baseline, portal.target) == (6132, 15000)
    to_develop = measures["M17"]
    assert to_develop.baseline is None and "to be developed" in to_develop.note
    assert assess(to_develop).status is MeasureStatus.NO_BASELINE
    assert all(not m.readings for m in measures.values())  # the plan reports none
    assert [m.ref for m in measures_for_action(sample_store, 1, "2.4")] == ["M8", "M9", "M10", "M11", "M12",
                                                                           "M13", "M16", "M17"]


def test_add_edit_and_delete_with_audit_entries(sample_store):
    ref = add_measure(sample_store, 1, MeasureFields(
        "Children with SEND attending a mainstream school", unit="%", direction="increase", baseline="61.2",
        baseline_when="Q1 2021/22", target=70, target_when="Q1 2023/24", milestones=[(64, "Q4 2021/22")],
        owner="Nathan Heath", action_refs=["2.2", "2.3"]), by="Officer A")
    assert ref == "M31"
    m = get_measure(sample_store, 1, "m31")
    assert (m.baseline, str(m.baseline_on), str(m.target_on)) == (61.2, "2021-06-30", "2023-06-30")
    assert [(x.value, str(x.due)) for x in m.milestones] == [(64.0, "2022-03-31")]
    fields = fields_of(m)
    fields.target, fields.action_refs = 72, ["2.3"]
    update_measure(sample_store, 1, "M31", fields, new_ref="KIM-MS", by="Officer B")
    m = get_measure(sample_store, 1, "KIM-MS")
    assert (m.target, m.action_refs) == (72.0, ("2.3",))
    trail = history(sample_store, 1, "KIM-MS")
    assert {(e.field_name, e.old_value, e.new_value, e.by) for e in trail} >= {
        ("target_value", "70.0", "72.0", "Officer B"), ("actions", "2.2; 2.3", "2.3", "Officer B"),
        ("ref", "M31", "KIM-MS", "Officer B")}
    set_reading(sample_store, 1, "KIM-MS", "Q2 2022/23", 66, by="Officer B")
    delete_measure(sample_store, 1, "KIM-MS", by="Officer C")
    with pytest.raises(NotFoundError):
        get_measure(sample_store, 1, "KIM-MS")
    assert _counts(sample_store)[1] == 0  # its reading went with it
    assert history(sample_store, 1, "KIM-MS")[0].operation == "delete"


@pytest.mark.parametrize("fields, message", [
    (MeasureFields(""), "needs a description"),
    (MeasureFields("x", direction="sideways"), "not a direction"),
    (MeasureFields("x", baseline=10), "baseline's date"),
    (MeasureFields("x", baseline=10, baseline_when="soon"), "“soon” is not one"),
    (MeasureFields("x", baseline="ten", baseline_when="June 2021"), "not a number"),
    (MeasureFields("x", baseline=80, baseline_when="June 2021", target=75, target_when="June 2023"),
     "must be above its baseline"),
    (MeasureFields("x", direction="decrease", baseline=162, baseline_when="June 2021", target=192,
                   target_when="June 2023"), "must be below its baseline"),
    (MeasureFields("x", baseline=1, baseline_when="June 2023", target=2, target_when="June 2021"),
     "must be after the baseline date"),
    (MeasureFields("x", baseline=1, baseline_when="June 2021", target=9, target_when="June 2023",
                   milestones=[(5, "June 2024")]), "between the baseline and target dates"),
    (MeasureFields("x", action_refs=["9.9"]), "no action 9.9"),
])
def test_bad_measures_are_refused_and_change_nothing(sample_store, fields, message):
    before = _counts(sample_store)
    with pytest.raises(ValidationError, match=message):
        add_measure(sample_store, 1, fields, by="test")
    assert _counts(sample_store) == before


def test_duplicate_short_name_is_refused(sample_store):
    with pytest.raises(ValidationError, match="already a measure called M1"):
        add_measure(sample_store, 1, MeasureFields("Another"), ref="m1", by="test")


def test_readings_by_quarter_or_period_replace_and_delete(sample_store):
    assert set_reading(sample_store, 1, "M8", "Q1 2022/23", "9,120", note="Portal relaunch", by="A") is None
    assert set_reading(sample_store, 1, "M8", "June 2022", 9200, by="B") == 9120.0  # same day: replaced
    set_reading(sample_store, 1, "M8", "August 2022", 11400, by="B")  # the line stands at 11,319
    m = get_measure(sample_store, 1, "M8")
    assert [(r.label, r.value, str(r.as_of)) for r in m.readings] == [("June 2022", 9200.0, "2022-06-30"),
                                                                     ("August 2022", 11400.0, "2022-08-31")]
    assert assess(m).status is MeasureStatus.ON_TRACK
    with pytest.raises(ValidationError, match="not a quarter or period"):
        set_reading(sample_store, 1, "M8", "Quarter five", 1, by="B")
    with pytest.raises(ValidationError, match="needs a value"):
        set_reading(sample_store, 1, "M8", "Q3 2022/23", "", by="B")
    delete_reading(sample_store, 1, "M8", "Q1 2022/23", by="C")
    assert [r.label for r in get_measure(sample_store, 1, "M8").readings] == ["August 2022"]
    ops = [(e.field_name, e.operation) for e in history(sample_store, 1, "M8")]
    assert ("reading June 2022", "delete") in ops and ("reading Q1 2022/23", "create") in ops


def test_replacing_all_readings_is_one_transaction(sample_store):
    set_reading(sample_store, 1, "M1", "Q1 2022/23", 55, by="A")
    with pytest.raises(ValidationError, match="same quarter"):
        replace_readings(sample_store, 1, "M1", [("Q2 2022/23", 57, ""), ("September 2022", 58, "")], by="A")
    with pytest.raises(ValidationError, match="not a quarter"):
        replace_readings(sample_store, 1, "M1", [("Q2 2022/23", 57, ""), ("soon", 58, "")], by="A")
    assert [r.value for r in get_measure(sample_store, 1, "M1").readings] == [55.0]
    replace_readings(sample_store, 1, "M1", [("Q2 2022/23", 57, "audit sample of 40")], by="A")
    assert [(r.label, r.note) for r in get_measure(sample_store, 1, "M1").readings] == \
        [("Q2 2022/23", "audit sample of 40")]


def test_a_measure_document_puts_back_exactly(sample_store):
    set_reading(sample_store, 1, "M11", "Q2 2022/23", 180, by="A")
    before = measure_document(get_measure(sample_store, 1, "M11"))
    put_measure_document(sample_store, 1, "M11", None, by="A")  # delete
    assert "M11" not in {m.ref for m in list_measures(sample_store, 1)}
    put_measure_document(sample_store, 1, None, dict(before, position=10), by="A")  # undo the delete
    assert measure_document(get_measure(sample_store, 1, "M11")) == before
    assert [m.ref for m in list_measures(sample_store, 1)][10] == "M11"
    changed = dict(before, ref="EX-EHCP", target=150, readings=[])
    assert put_measure_document(sample_store, 1, "M11", changed, by="A") == "EX-EHCP"
    got = get_measure(sample_store, 1, "EX-EHCP")
    assert (got.target, got.readings) == (150.0, ())
    with pytest.raises(ValidationError):
        put_measure_document(sample_store, 1, "EX-EHCP", dict(changed, target=999), by="A")  # above baseline
    assert get_measure(sample_store, 1, "EX-EHCP").target == 150.0


def test_moving_a_measure_changes_the_scorecard_order(sample_store):
    move_measure(sample_store, 1, "M3", -2, by="A")
    assert [m.ref for m in list_measures(sample_store, 1)][:4] == ["M3", "M1", "M2", "M4"]


def test_deleting_an_action_and_undoing_it_restores_its_measure_links(sample_store):
    from wsoa_desktop.services.item_restore import delete_with_snapshot, restore_item

    snap = delete_with_snapshot(sample_store, 1, "2.4", by="A")
    assert "2.4" not in get_measure(sample_store, 1, "M8").action_refs
    restore_item(sample_store, snap, by="A")
    assert "2.4" in get_measure(sample_store, 1, "M8").action_refs
