"""Two officers at once on impact measures: two Stores on one file (issue 14, measures and readings).

The measures editor saves a whole measure (fields, links, milestones, readings) naming
the version it showed; a reading saved by anyone moves the measure on too. The readings
import names, for each reading it replaces, the version its dry run saw.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.readings_sheets import write_readings
from wsoa_desktop.domain.errors import StaleEdit
from wsoa_desktop.services import measures
from wsoa_desktop.services.readings_import import apply_readings, read_readings
from wsoa_desktop.store.database import Store

ANN, BEN = "Ann Lee", "Ben Hall"



def _doc(store: Store, ref: str, **changes: object) -> dict[str, object]:
    return dict(measures.measure_document(measures.get_measure(store, 1, ref)), **changes)


def test_a_stale_measure_save_is_refused_and_writes_nothing(two: tuple[Store, Store]) -> None:
    ann, ben = two
    seen = measures.measure_versions(ann, 1)["M8"]
    typed = _doc(ann, "M8", owner="Ann's team")
    measures.put_measure_document(ben, 1, "M8", _doc(ben, "M8", owner="Ben's team"), by=BEN, seen=seen)
    with pytest.raises(StaleEdit) as refused:
        measures.put_measure_document(ann, 1, "M8", typed, by=ANN, seen=seen)
    assert str(refused.value).startswith("M8 was changed by Ben Hall at ")
    assert measures.get_measure(ann, 1, "M8").owner == "Ben's team"
    now = measures.measure_version(ann, 1, "M8")
    assert now == seen + 1
    assert measures.put_measure_document(ann, 1, "M8", typed, by=ANN, seen=now) == "M8"  # after Reload
    assert measures.get_measure(ben, 1, "M8").owner == "Ann's team"


def test_a_reading_saved_elsewhere_moves_the_measure_on(two: tuple[Store, Store]) -> None:
    """The editor shows the readings too: Ben's new figure must not vanish under Ann's save."""
    ann, ben = two
    seen = measures.measure_versions(ann, 1)["M1"]
    typed = _doc(ann, "M1", note="Ann's note")
    measures.set_reading(ben, 1, "M1", "Q1 2022/23", 61, by=BEN)
    with pytest.raises(StaleEdit):
        measures.put_measure_document(ann, 1, "M1", typed, by=ANN, seen=seen)
    assert [r.value for r in measures.get_measure(ann, 1, "M1").readings] == [61.0]
    assert measures.get_measure(ann, 1, "M1").note != "Ann's note"
    moved = measures.measure_version(ann, 1, "M1")
    measures.delete_reading(ben, 1, "M1", "Q1 2022/23", by=BEN)
    assert measures.measure_version(ann, 1, "M1") == moved + 1


def test_a_stale_delete_is_refused(two: tuple[Store, Store]) -> None:
    ann, ben = two
    seen = measures.measure_versions(ann, 1)["M8"]
    measures.set_reading(ben, 1, "M8", "Q1 2022/23", 10600, by=BEN)
    with pytest.raises(StaleEdit):
        measures.put_measure_document(ann, 1, "M8", None, by=ANN, seen=seen)
    assert measures.get_measure(ann, 1, "M8").readings[0].value == 10600
    measures.put_measure_document(ann, 1, "M8", None, by=ANN, seen=measures.measure_version(ann, 1, "M8"))
    assert "M8" not in measures.measure_versions(ben, 1)


def test_an_import_over_a_reading_changed_since_its_dry_run_is_refused(two: tuple[Store, Store],
                                                                        tmp_path: Path) -> None:
    ann, ben = two
    measures.set_reading(ann, 1, "M8", "Q1 2022/23", 10000, by=ANN)
    sheet = write_readings(tmp_path / "r.xlsx", [("M8", "Q1 2022/23", 10600, ""), ("M11", "Q1 2022/23", 181, "")])
    preview = read_readings(ann, 1, sheet)
    assert preview.ok and preview.replaced_count == 1
    measures.set_reading(ben, 1, "M8", "Q1 2022/23", 10300, by=BEN)
    with pytest.raises(StaleEdit) as refused:
        apply_readings(ann, 1, preview, by=ANN)
    assert str(refused.value).startswith("M8 was changed by Ben Hall")
    assert measures.get_measure(ann, 1, "M8").readings[0].value == 10300
    assert measures.get_measure(ann, 1, "M11").readings == ()  # all or nothing
    again = read_readings(ann, 1, sheet)  # the officer checks the file again: it shows Ben's figure
    assert apply_readings(ann, 1, again, by=ANN) == 2
    assert measures.get_measure(ben, 1, "M8").readings[0].value == 10600


def test_an_import_of_a_new_reading_someone_added_meanwhile_is_refused(two: tuple[Store, Store],
                                                                        tmp_path: Path) -> None:
    ann, ben = two
    sheet = write_readings(tmp_path / "r.xlsx", [("M8", "Q1 2022/23", 10600, "")])
    preview = read_readings(ann, 1, sheet)
    assert preview.rows[0].old_value is None
    measures.set_reading(ben, 1, "M8", "Q1 2022/23", 10300, by=BEN)
    with pytest.raises(StaleEdit):
        apply_readings(ann, 1, preview, by=ANN)
    assert measures.get_measure(ann, 1, "M8").readings[0].value == 10300
