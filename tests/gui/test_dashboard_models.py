"""The dashboard's models and the charts drawn from them, without any view."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCharts import QChart

from wsoa_desktop.gui.dashboard.charts import draw_measure, draw_stacked_counts, nice_max
from wsoa_desktop.gui.dashboard.models import (
    COUNT_ROLE,
    LINE_ROLE,
    AttentionModel,
    MeasuresModel,
    PriorityCountsModel,
    ReadingsModel,
    TrendModel,
)
from wsoa_desktop.gui.plan_tree_model import RATING_ROLE, REF_ROLE
from wsoa_desktop.services.dashboard import load_dashboard
from wsoa_desktop.services.measures import set_reading
from wsoa_desktop.services.rounds import new_period

DAY = date(2022, 10, 1)


@pytest.fixture
def numbers(sample_store, qapp):  # type: ignore[no-untyped-def]
    for label, value in (("Q3 2021/22", 7000), ("Q4 2021/22", 8300), ("Q1 2022/23", 10600)):
        set_reading(sample_store, 1, "M8", label, value, by="test")
    new_period(sample_store, 1, "September 2022", by="test")
    return load_dashboard(sample_store, 1, "August 2022", DAY)


def _cell(model, row: int, column: int, role=None):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    return model.index(row, column).data(role if role is not None else Qt.ItemDataRole.DisplayRole)


def test_priority_counts_model_holds_the_appendix_counts(numbers) -> None:
    model = PriorityCountsModel()
    model.set_numbers(numbers)
    assert model.headers == ["Priority", "Blue", "Green", "Amber", "Red", "Grey", "Not updated", "Not rated",
                             "Total", "Overdue"]
    assert model.rowCount() == 5 and _cell(model, 4, 0) == "Total"
    row2 = [_cell(model, 1, c, COUNT_ROLE) for c in range(1, 10)]
    assert row2 == [3, 8, 4, 2, 3, 0, 4, 24, 10]  # Priority 2 in August 2022
    assert [_cell(model, 4, c, COUNT_ROLE) for c in range(1, 9)] == [3, 9, 7, 2, 3, 0, 51, 75]
    assert model.categories() == ["Priority 1", "Priority 2", "Priority 3", "Priority 4"]  # no total bar
    series = {s.name: s for s in model.series()}
    assert series["Amber"].values == [0, 4, 3, 0] and series["Amber"].fill == "#F2A900"
    assert series["Not rated"].values == [24, 4, 9, 14] and series["Not rated"].fill == "#FFFFFF"
    assert model.biggest() == 24
    model.set_numbers(None)
    assert model.rowCount() == 0 and model.series() == []


def test_trend_model_has_a_row_per_period(numbers) -> None:
    model = TrendModel()
    model.set_numbers(numbers)
    assert model.categories() == ["August 2022", "September 2022"]
    not_updated = model.headers.index("Not updated")
    assert _cell(model, 0, not_updated, COUNT_ROLE) == 0
    assert _cell(model, 1, not_updated, COUNT_ROLE) == 24  # carried forward into September, not updated
    series = {s.name: s.values for s in model.series()}
    assert series["Red"] == [2, 0]  # September's Red is carried forward: counted as not updated
    assert series["Not updated"] == [0, 24] and model.series()[5].fill == "#E6E6E6"


def test_attention_model_lists_red_and_overdue_items(numbers) -> None:
    model = AttentionModel()
    model.set_numbers(numbers)
    refs = [_cell(model, r, 0, REF_ROLE) for r in range(model.rowCount())]
    assert model.rowCount() == 31 and "2.5.3" in refs and "2.5.5" in refs
    red = refs.index("2.5.3")
    assert _cell(model, red, 1) == "Red; Overdue (target April 2022)"
    assert _cell(model, red, 2, RATING_ROLE).name == "Red" and _cell(model, red, 2) == "Red"
    assert _cell(model, refs.index("1.1.1"), 2) == "Not rated"


def test_measures_model_and_readings_model(numbers) -> None:
    model = MeasuresModel()
    model.set_numbers(numbers)
    assert model.rowCount() == 30
    row = model.row_of("M8")
    assert [_cell(model, row, c) for c in range(7)] == [
        "M8", "Hits on the graduated response electronic portal", "6,132 (June 2021)", "15,000 by June 2023",
        "10,600 (Q1 2022/23)", "10,566", "On or ahead of trajectory"]
    assert _cell(model, row, 6, RATING_ROLE).colour == "#2E8540"
    assert _cell(model, model.row_of("M17"), 6) == "Baseline to be established"
    line = _cell(model, row, 0, LINE_ROLE)
    readings = ReadingsModel()
    readings.set_line(line, numbers.as_of)
    assert readings.rowCount() == 3
    assert [_cell(readings, 2, c) for c in range(4)] == ["Q1 2022/23", "30 June 2022", "10,600", "10,566"]
    readings.set_line(line, date(2022, 1, 1))
    assert readings.rowCount() == 1


def test_charts_draw_the_models_numbers(numbers, qapp) -> None:
    model = PriorityCountsModel()
    model.set_numbers(numbers)
    chart = QChart()
    draw_stacked_counts(chart, model, horizontal=True, category_title="Priority")
    [series] = chart.series()
    sets = {s.label(): [int(s.at(i)) for i in range(s.count())] for s in series.barSets()}
    assert sets["Amber"] == [0, 3, 4, 0]  # Priority 4 … 1: the first category is drawn at the bottom
    assert list(sets) == ["Blue", "Green", "Amber", "Red", "Grey", "Not updated", "Not rated"]
    axis = chart.axes()[0]
    assert axis.categories() == ["Priority 4", "Priority 3", "Priority 2", "Priority 1"]
    assert {a.titleText() for a in chart.axes()} == {"Priority", "Number of rated items"}
    model.set_numbers(None)
    draw_stacked_counts(chart, model, horizontal=True, category_title="Priority")  # redraw: emptied
    assert chart.series() == [] and chart.axes() == []
    measures = MeasuresModel()
    measures.set_numbers(numbers)
    draw_measure(chart, _cell(measures, measures.row_of("M8"), 0, LINE_ROLE))
    names = [s.name() for s in chart.series()]
    assert names == ["Trajectory (baseline to target)", "Readings", "Target 15,000"]
    assert chart.series()[1].count() == 3
    assert "M8" in chart.title() and "On or ahead of trajectory" in chart.title()
    draw_measure(chart, _cell(measures, measures.row_of("M17"), 0, LINE_ROLE))
    assert chart.series() == [] and "no line to draw yet" in chart.title()


@pytest.mark.parametrize("value, most, expected", [(24, 8, (25, 6)), (16, 8, (16, 9)), (75, 4, (80, 5)), (0, 8, (1, 2)),
                                                   (4800, 8, (5000, 6))])
def test_axis_steps_are_whole_numbers(value, most, expected) -> None:
    assert nice_max(value, most) == expected
