"""The detail pane lists the selected item's impact measures, and opens one in the editor by keys."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from wsoa_desktop.domain.measures import Measure, Reading
from wsoa_desktop.domain.outline import PlanOutline
from wsoa_desktop.gui.dashboard.detail_measures import measures_html, ref_of_link
from wsoa_desktop.services.measures import get_measure, set_reading


def _text(window) -> str:  # type: ignore[no-untyped-def]
    return " ".join(window.detail.toPlainText().split())


def _go_down_to(window, qtbot, ref: str) -> None:  # type: ignore[no-untyped-def]
    window.tree.setFocus()
    for _ in range(40):
        if window.selected_ref() == ref:
            return
        qtbot.keyClick(window.tree, Qt.Key.Key_Down)
    raise AssertionError(f"{ref} not reached")


def test_an_action_shows_its_measures_with_status_latest_baseline_and_target(window, qtbot) -> None:
    set_reading(window.store, window.plan_id, "M1", "Q1 2022/23", 59, by="test")
    set_reading(window.store, window.plan_id, "M1", "Q2 2022/23", 63, by="test")  # after August: not counted
    window.reload()
    _go_down_to(window, qtbot, "1.1")
    text = _text(window)
    assert "Impact measures — status at 31 August 2022" in text
    assert ("Behind trajectory M1 EHC plans audited rated as good or better Latest: 59% (Q1 2022/23) · "
            "Baseline: 52.5% (June 2021) · Target: 75% by June 2023 Open M1 in the measures editor") in text
    assert "No reading yet M2" in text
    # The chip is the status's colour with its name in it (colour never alone).
    assert "background-color:#F2A900" in window.detail.toHtml().replace(" ", "").lower().replace("#f2a900",
                                                                                                  "#F2A900")
    qtbot.keyClick(window.tree, Qt.Key.Key_Down)  # 1.1.1: its action's measures
    assert window.selected_ref() == "1.1.1"
    assert "Impact measures of action 1.1 — status at 31 August 2022" in _text(window)
    assert "M1 EHC plans audited" in _text(window)
    window.select_ref("1")
    assert "Impact measures of priority 1" in _text(window) and "M6 Tribunals" in _text(window)
    assert "M7 " not in _text(window)


def test_an_action_without_measures_says_where_to_link_one(window) -> None:
    window.select_ref("1.6")  # the review of progress: no key impact measure of its own in the plan
    assert ("Impact measures — status at 31 August 2022 No impact measure is linked to this action yet. Link one in "
            "Plan ▸ Impact measures… (Ctrl+Shift+M), or add one here. Add an impact measure for action 1.6"
            ) in _text(window)
    window.select_ref("1.6.1")
    assert "Impact measures" not in _text(window).split("Key Impact Measures")[-1]


def test_a_link_in_the_pane_opens_the_measure_and_the_pane_follows_the_edit_and_its_undo(window, qtbot,
                                                                                         prompts, warnings) -> None:
    _go_down_to(window, qtbot, "1.1")
    assert "Latest: No reading yet · Baseline: 52.5% (June 2021)" in _text(window)

    def add_reading(dialog) -> None:  # type: ignore[no-untyped-def]
        assert dialog.current_ref == "M1"
        qtbot.mouseClick(dialog.findChild(type(dialog.new_button), "add_reading"), Qt.MouseButton.LeftButton)
        qtbot.keyClicks(dialog.focusWidget(), "Q1 2022/23")
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        qtbot.keyClicks(dialog.focusWidget(), "65")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    prompts.answer("MeasuresDialog", add_reading)
    window.detail.setFocus()
    qtbot.keyClick(window.detail, Qt.Key.Key_Tab)  # to the first link: “Open M1 in the measures editor”
    assert ref_of_link(window.detail.textCursor().charFormat().anchorHref()) == "M1"
    qtbot.keyClick(window.detail, Qt.Key.Key_Return)
    assert warnings == []
    assert [r.value for r in get_measure(window.store, window.plan_id, "M1").readings] == [65.0]
    assert "Latest: 65% (Q1 2022/23)" in _text(window)
    assert "On or ahead of trajectory M1" in _text(window)
    window.undo_stack.undo()
    assert "Latest: No reading yet · Baseline: 52.5% (June 2021)" in _text(window)


def test_measure_text_is_shown_as_typed_and_links_survive_any_short_name() -> None:
    from wsoa_desktop.domain.outline import ActionNode
    from wsoa_desktop.domain.rating_schemes import DEFAULT_SCHEME

    node = ActionNode(1, "2.4", 2, "An action", None, 1)
    m = Measure(1, "A&B <1>", "Parents <b>not bold</b> & carers", "%", baseline=10, baseline_when="June 2021",
                baseline_on=date(2021, 6, 30), target=20, target_when="June 2023", target_on=date(2023, 6, 30),
                readings=(Reading("Q1 2022/23", date(2022, 6, 30), 12),), action_refs=("2.4",))
    html = measures_html(node, PlanOutline(1, "Plan", DEFAULT_SCHEME), [m], date(2022, 9, 1))
    assert "Parents &lt;b&gt;not bold&lt;/b&gt; &amp; carers" in html and "<b>not bold</b>" not in html
    href = html.split("href='")[1].split("'")[0]
    assert ref_of_link(href) == "A&B <1>"
    assert "Well behind trajectory" in html and "status at 1 September 2022" in html


def test_a_measure_linked_to_a_sub_action_counts_for_its_action_and_priority() -> None:
    from wsoa_desktop.domain.outline import ActionNode, PriorityNode
    from wsoa_desktop.domain.rating_schemes import DEFAULT_SCHEME

    action = ActionNode(2, "SEND 1", 2, "A named action", None, 1)
    sub = ActionNode(3, "SEND 1.2", 3, "Its sub-action", 2, 1)
    other = ActionNode(4, "SEND 2", 2, "Another action", None, 1)
    action.children = [sub]
    priority = PriorityNode(1, "A", "Section A", kind="section")
    priority.actions = [action, other]
    outline = PlanOutline(1, "Plan", DEFAULT_SCHEME, priorities=[priority])
    m = Measure(1, "M1", "Linked to the sub-action", action_refs=("SEND 1.2",))
    day = date(2022, 9, 1)
    assert "Impact measures — status at 1 September 2022" in measures_html(action, outline, [m], day)
    assert "M1" in measures_html(action, outline, [m], day)
    assert "Impact measures of action SEND 1 —" in measures_html(sub, outline, [m], day)
    assert "Impact measures of section A —" in measures_html(priority, outline, [m], day)
    assert "No impact measure is linked" in measures_html(other, outline, [m], day)


def test_add_a_measure_for_an_action_from_the_pane_then_undo(window, qtbot, prompts, warnings) -> None:
    window.select_ref("1.6")

    def add(dialog) -> None:  # type: ignore[no-untyped-def]
        assert dialog.current_ref is None and dialog.actions_edit.text() == "1.6"
        qtbot.keyClicks(dialog.title_edit, "Annual report on outcomes published on time")
        qtbot.keyClicks(dialog.baseline_edit, "0")
        qtbot.keyClicks(dialog.baseline_when, "Q1 2021/22")
        qtbot.keyClicks(dialog.target_edit, "1")
        qtbot.keyClicks(dialog.target_when, "Q1 2023/24")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    prompts.answer("MeasuresDialog", add)
    window.detail.setFocus()
    qtbot.keyClick(window.detail, Qt.Key.Key_Tab)  # the only link: “Add an impact measure for action 1.6”
    qtbot.keyClick(window.detail, Qt.Key.Key_Return)
    assert warnings == []
    m = get_measure(window.store, window.plan_id, "M31")
    assert (m.title, m.action_refs, m.target_on) == ("Annual report on outcomes published on time", ("1.6",),
                                                      date(2023, 6, 30))
    assert "No reading yet M31 Annual report on outcomes published on time" in _text(window)
    window.undo_stack.undo()
    assert "No impact measure is linked to this action yet" in _text(window)


def test_the_pane_reads_the_measures_again_when_the_plan_is_reloaded(window, qtbot) -> None:
    window.select_ref("1.1")
    assert "M1 EHC plans audited rated as good or better Latest: No reading yet" in _text(window)
    set_reading(window.store, window.plan_id, "M1", "Q1 2022/23", 59, by="another program")  # not through the window
    window.reload()
    assert "M1 EHC plans audited rated as good or better Latest: 59% (Q1 2022/23)" in _text(window)
