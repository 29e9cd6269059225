"""The tree model and the filter proxy, tested without a view."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, Qt

from wsoa_desktop.domain.outline import is_overdue
from wsoa_desktop.domain.refs import ref_key
from wsoa_desktop.gui.plan_filter_proxy import PlanFilter, PlanFilterProxy
from wsoa_desktop.gui.plan_tree_model import (
    COL_ACTION,
    COL_LEAD,
    COL_RATING,
    COL_REF,
    COL_TARGET,
    FLAG_ROLE,
    HEADERS,
    NOT_UPDATED_ROLE,
    OBJECT_ROLE,
    RATING_ROLE,
    PlanTreeModel,
)
from wsoa_desktop.services.outline import load_outline
from wsoa_desktop.services.plan_items import change_target

TODAY = date(2022, 9, 15)


@pytest.fixture
def outline(sample_store):  # type: ignore[no-untyped-def]
    return load_outline(sample_store, 1, "August 2022")


@pytest.fixture
def model(qapp, outline):  # type: ignore[no-untyped-def]
    m = PlanTreeModel()
    m.set_outline(outline, today=TODAY)
    return m


@pytest.fixture
def proxy(model):  # type: ignore[no-untyped-def]
    p = PlanFilterProxy()
    p.setSourceModel(model)
    return p


def _walk(m, parent=QModelIndex()):  # type: ignore[no-untyped-def]
    for row in range(m.rowCount(parent)):
        index = m.index(row, 0, parent)
        yield index
        yield from _walk(m, index)


def test_tree_shape_matches_the_outline_in_natural_order(model, outline) -> None:
    assert model.rowCount() == len(outline.priorities)
    assert model.columnCount() == len(HEADERS) == 6
    refs = [i.data() for i in _walk(model)]
    expected = [n.ref for p in outline.priorities for n in [p, *_nodes(p.actions)]]
    assert refs == expected
    for p in outline.priorities:
        actions = [a.ref for a in p.actions]
        assert actions == sorted(actions, key=ref_key)
    first_priority = model.index(0, 0)
    assert model.parent(model.index(0, 0, first_priority)) == first_priority
    assert not model.parent(first_priority).isValid()


def _nodes(actions):  # type: ignore[no-untyped-def]
    for a in actions:
        yield a
        yield from _nodes(a.children)


def test_columns_show_the_fields(model, outline) -> None:
    node = outline.find("2.2.3")
    index = model.index_for_ref("2.2.3")
    row = [model.index(index.row(), c, index.parent()).data() for c in range(6)]
    assert row[COL_REF] == "2.2.3"
    assert row[COL_ACTION] == node.description
    assert row[COL_LEAD] == node.lead_display
    assert row[COL_TARGET] == node.target.text
    assert row[COL_RATING] == "Amber"
    rating = model.index(index.row(), COL_RATING, index.parent()).data(RATING_ROLE)
    assert rating.name == "Amber" and rating.text_colour
    assert index.data(OBJECT_ROLE) is node
    assert "August 2022" in model.headerData(COL_RATING, Qt.Orientation.Horizontal)


def test_unreadable_target_is_flagged_not_refused(model, outline) -> None:
    flags = {n.ref: model.index_for_ref(n.ref, COL_TARGET).data(FLAG_ROLE) for n in outline.iter_actions()}
    unparsed = [r for r, f in flags.items() if f == "unparsed"]
    assert "2.3.3" in unparsed  # “Ongoing – July for 1st annual report”
    assert outline.find("2.3.3").target.text.startswith("Ongoing")


def test_text_search_counts_and_keeps_ancestors(proxy, model) -> None:
    total = model.action_count()
    assert (proxy.matches, proxy.total) == (total, total)
    assert total == 75  # the sample's sub-actions: "75 of 75 shown"
    proxy.set_filter(PlanFilter(text="cpd"))
    rows = model.rows()
    matched = [r for r in rows if not r.is_priority and not r.children
               and ("cpd" in r.search_text or "cpd" in model.row_by_number(r.parent).search_text)]
    assert proxy.matches == len(matched) > 0
    visible = [proxy.mapToSource(i) for i in _walk(proxy)]
    visible_refs = {model.row_for(i).ref for i in visible}
    for r in matched:
        assert r.ref in visible_refs
        assert r.ref.split(".")[0] in visible_refs  # its priority stays visible


def test_an_action_matching_the_search_shows_its_sub_actions(proxy, model) -> None:
    proxy.set_filter(PlanFilter(text="review reset project"))  # the words of action 1.4 only
    visible = {model.row_for(proxy.mapToSource(i)).ref for i in _walk(proxy)}
    assert {"1", "1.4", "1.4.1", "1.4.2", "1.4.3"} <= visible
    assert proxy.matches == 3


def test_search_words_must_all_match(proxy) -> None:
    proxy.set_filter(PlanFilter(text="deliver cpd schools"))
    assert proxy.matches == 1
    proxy.set_filter(PlanFilter(text="no such words anywhere"))
    assert proxy.matches == 0 and proxy.rowCount() == 0


def test_filter_by_lead_rating_priority_and_overdue(proxy, model, outline) -> None:
    proxy.set_filter(PlanFilter(lead="Vicki Ingram"))
    assert proxy.matches == sum(1 for n in outline.iter_actions() if "Vicki Ingram" in n.leads) > 0
    proxy.set_filter(PlanFilter(rating="Green"))
    assert proxy.matches == sum(1 for n in outline.iter_actions() if n.rating == "Green") > 0
    proxy.set_filter(PlanFilter(priority="3"))
    assert proxy.matches == sum(1 for n in outline.rated_items() if n.ref.startswith("3.")) > 0
    assert proxy.rowCount() == 1
    proxy.set_filter(PlanFilter(overdue=True))
    expected = sum(1 for n in outline.iter_actions() if is_overdue(n, TODAY, outline.scheme))
    assert proxy.matches == expected > 0
    proxy.set_filter(PlanFilter(overdue=True, lead="Vicki Ingram"))
    assert proxy.matches == sum(1 for n in outline.iter_actions()
                                if is_overdue(n, TODAY, outline.scheme) and "Vicki Ingram" in n.leads)


def test_patched_node_is_refiltered(proxy, model, sample_store) -> None:
    proxy.set_filter(PlanFilter(text="zebra crossing"))
    assert proxy.matches == 0
    node = model.node_for(model.index_for_ref("1.1.1"))
    node.description = "Zebra crossing review"
    model.refresh_ref("1.1.1")
    assert proxy.matches == 1


def test_reload_after_change_target(model, sample_store) -> None:
    change_target(sample_store, 1, "1.1.1", "31/12/2030", reason="test")
    model.set_outline(load_outline(sample_store, 1), today=TODAY)
    index = model.index_for_ref("1.1.1", COL_TARGET)
    assert index.data() == "31/12/2030"
    assert index.data(FLAG_ROLE) == ""
    assert "revised" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_a_carried_forward_rating_is_marked_not_updated(qapp, sample_store) -> None:
    from wsoa_desktop.domain.status_words import NOT_UPDATED_MEANING
    from wsoa_desktop.services import rounds

    rounds.new_period(sample_store, 1, "September 2022")
    rounds.rate(sample_store, 1, "2.2.4", "September 2022", "Green", progress="Checked")
    model = PlanTreeModel()
    model.set_outline(load_outline(sample_store, 1, "September 2022"), today=TODAY)
    carried = model.index_for_ref("2.2.3", COL_RATING)
    assert carried.data(NOT_UPDATED_ROLE) == "not updated since August 2022"
    assert carried.data() == "Amber (not updated since August 2022)"
    tip = carried.data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Amber — not updated since August 2022\n") and NOT_UPDATED_MEANING in tip
    assert carried.data(Qt.ItemDataRole.AccessibleTextRole) == "Rating: Amber (not updated since August 2022)"
    assert carried.data(RATING_ROLE).name == "Amber"  # still filtered and sorted as Amber
    updated = model.index_for_ref("2.2.4", COL_RATING)
    assert (updated.data(NOT_UPDATED_ROLE), updated.data()) == ("", "Green")
    assert not updated.data(Qt.ItemDataRole.ToolTipRole).startswith("Green —")
    assert model.index_for_ref("1.1.1", COL_RATING).data(NOT_UPDATED_ROLE) == ""  # never rated
    # the chip is drawn wider, to make room for the words "not updated" beside it
    from PySide6.QtWidgets import QStyleOptionViewItem, QWidget

    from wsoa_desktop.gui.rating_delegate import RatingDelegate

    option = QStyleOptionViewItem()
    option.initFrom(QWidget())
    delegate = RatingDelegate()
    assert delegate.sizeHint(option, carried).width() > delegate.sizeHint(option, updated).width()


def test_august_ratings_are_current(model) -> None:
    assert all(model.index_for_ref(r.ref, COL_RATING).data(NOT_UPDATED_ROLE) == "" for r in model.rows())
