"""The Dashboard tab and the measures editor, driven by keys and clicks as an officer would."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from tests.readings_sheets import write_readings
from wsoa_desktop.gui.dashboard.actions import dashboard_of
from wsoa_desktop.gui.plan_tree_model import REF_ROLE
from wsoa_desktop.services.measures import get_measure, list_measures


def _loaded(tab, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: tab.requested > 0 and tab.shown == tab.requested, timeout=10000)


@pytest.fixture
def dash(window, qtbot):  # type: ignore[no-untyped-def]
    tab = dashboard_of(window)
    tab.today = date(2022, 9, 15)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # View ▸ Dashboard
    assert window.pages.currentWidget() is tab
    _loaded(tab, qtbot)
    return tab


def test_ctrl_2_shows_the_dashboard_for_the_windows_period(window, dash) -> None:
    assert [window.pages.tabText(i) for i in range(window.pages.count())] == ["Pla&n", "Dash&board"]
    assert "August 2022" in dash.headline.text() and "75 rated items · 2 Red · 31 overdue" in dash.headline.text()
    assert dash.priority_chart.title() == "Ratings by priority – August 2022"
    [bars] = dash.priority_chart.series()
    assert sum(s.sum() for s in bars.barSets()) == 75
    assert dash.priority_model.rowCount() == 5 and dash.attention_model.rowCount() == 31
    assert dash.measures_model.rowCount() == 30 and dash.tiles.currentIndex().row() == 0
    assert dash.measure_chart.title().startswith("M1 EHC plans audited")
    assert "No reading 19" in dash.measures_label.text() and "No baseline 8" in dash.measures_label.text()


def test_every_chart_has_its_numbers_in_a_table_tab(window, dash, qtbot) -> None:
    for panel, model in ((dash.priority_panel, dash.priority_model), (dash.trend_panel, dash.trend_model),
                         (dash.detail_panel, dash.readings_model)):
        panel.setCurrentIndex(1)
        table = panel.currentWidget()
        assert table.model() is model and table.accessibleName()
    dash.measures_tabs.setCurrentIndex(1)
    assert dash.measures_tabs.currentWidget().model() is dash.measures_model


def test_enter_on_an_overdue_or_red_item_jumps_to_it_in_the_plan(window, dash, qtbot) -> None:
    view = dash.attention_view
    row = next(r for r in range(dash.attention_model.rowCount())
               if dash.attention_model.index(r, 0).data(REF_ROLE) == "2.5.5")
    view.setFocus()
    view.setCurrentIndex(dash.attention_model.index(row, 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.pages.currentIndex() == 0
    assert window.selected_ref() == "2.5.5"
    assert window.tree.hasFocus()


def test_the_dashboard_redraws_after_an_edit_and_its_undo(window, dash, qtbot, prompts) -> None:
    prompts.answer("confirm", True)  # "Delete 2.5.3 …?"
    window.show_plan("2.5.3")  # the item rated Red
    qtbot.keyClick(window.tree, Qt.Key.Key_Delete)
    window.activateWindow()  # the question box had the focus
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "1 Red" in dash.headline.text(), timeout=10000)
    _loaded(dash, qtbot)
    assert dash.priority_model.index(4, dash.priority_model.headers.index("Total")).data() == "74"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo, while on screen
    qtbot.waitUntil(lambda: "2 Red" in dash.headline.text(), timeout=10000)


def test_a_new_period_shows_not_updated_counts(window, dash, qtbot) -> None:
    from wsoa_desktop.services.rounds import new_period

    new_period(window.store, window.plan_id, "September 2022", by="test")
    window.reload()
    window.switch_period("September 2022")
    qtbot.waitUntil(lambda: "September 2022" in dash.headline.text(), timeout=10000)
    _loaded(dash, qtbot)  # every panel redrawn (they are redrawn one at a time)
    assert "24 not updated" in dash.headline.text()
    assert dash.trend_model.rowCount() == 2
    [bars] = dash.trend_chart.series()
    assert bars.barSets()[0].count() == 2


def test_the_dashboard_waits_while_hidden(window, dash, qtbot) -> None:
    window.show_plan()
    before = dash.requested
    window.reload()
    qtbot.wait(300)
    assert dash.requested == before and dash.stale
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dash.requested == before + 1 and dash.shown == dash.requested, timeout=10000)


def _open_editor(window, qtbot, select=None):  # type: ignore[no-untyped-def]
    from wsoa_desktop.gui.dashboard.measures_dialog import MeasuresDialog

    dialog = MeasuresDialog(window.plan_context(), select)
    qtbot.addWidget(dialog, before_close_func=lambda d: setattr(d, "dirty", False))  # no save prompt at teardown
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_add_a_measure_with_readings_by_keyboard_then_undo(window, dash, qtbot, warnings) -> None:
    dialog = _open_editor(window, qtbot)
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    assert dialog.ref_edit.text() == "M31" and dialog.title_edit.hasFocus()
    qtbot.keyClicks(dialog.title_edit, "Parents reporting good Local Offer experience")
    dialog.unit_combo.setCurrentText("%")
    qtbot.keyClicks(dialog.baseline_edit, "40")
    qtbot.keyClicks(dialog.baseline_when, "Q1 2021/22")
    qtbot.keyClicks(dialog.target_edit, "60")
    qtbot.keyClicks(dialog.target_when, "June 2023")
    qtbot.keyClicks(dialog.actions_edit, "4.1, 4.2")
    qtbot.mouseClick(dialog.findChild(type(dialog.new_button), "add_reading"), Qt.MouseButton.LeftButton)
    model = dialog.readings_model
    qtbot.keyClicks(dialog.focusWidget(), "Q2 2022/23")  # the new row's first cell is open for typing
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.focusWidget(), "55")  # Tab opened the Value cell
    assert model.item(0, 0).text() == "Q2 2022/23"
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # the open cell is saved too
    assert warnings == []
    m = get_measure(window.store, window.plan_id, "M31")
    assert (m.baseline, m.target, m.action_refs, m.readings[0].value) == (40.0, 60.0, ("4.1", "4.2"), 55.0)
    assert dialog.list_model.row_of("M31") == 30 and not dialog.dirty
    # the line stands at 52.5 on 30 September 2022: worked out in the editor as on the dashboard
    assert dialog.status_label.text().startswith("<b>On or ahead of trajectory</b>")
    qtbot.waitUntil(lambda: dash.measures_model.row_of("M31") == 30, timeout=10000)
    window.undo_stack.undo()
    assert "M31" not in {x.ref for x in list_measures(window.store, window.plan_id)}
    qtbot.waitUntil(lambda: dialog.list_model.rowCount() == 30, timeout=5000)
    window.undo_stack.redo()
    assert get_measure(window.store, window.plan_id, "M31").readings[0].label == "Q2 2022/23"


def test_a_refused_edit_says_why_and_changes_nothing(window, qtbot, warnings) -> None:
    dialog = _open_editor(window, qtbot, "M11")
    assert dialog.title_edit.text() == "Fixed term exclusions – EHCP"
    dialog.target_edit.clear()
    qtbot.keyClicks(dialog.target_edit, "250")  # a decrease measure's target above its baseline
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert warnings and "must be below its baseline" in warnings[-1]
    assert get_measure(window.store, window.plan_id, "M11").target == 162.0
    assert window.undo_stack.count() == 0 and dialog.dirty


def test_edit_then_delete_a_measure_with_undo(window, qtbot, prompts, warnings) -> None:
    prompts.answer("confirm", True)  # "Delete measure M8 and its readings?"
    dialog = _open_editor(window, qtbot, "M8")
    dialog.owner_edit.clear()
    qtbot.keyClicks(dialog.owner_edit, "Performance team")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert get_measure(window.store, window.plan_id, "M8").owner == "Performance team"
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert "M8" not in {m.ref for m in list_measures(window.store, window.plan_id)}
    window.undo_stack.undo()
    restored = [m.ref for m in list_measures(window.store, window.plan_id)]
    assert restored.index("M8") == 7  # back in its place
    window.undo_stack.undo()
    assert get_measure(window.store, window.plan_id, "M8").owner == ""
    dialog.list_view.setCurrentIndex(dialog.list_model.index(dialog.list_model.row_of("M9"), 0))
    qtbot.mouseClick(dialog.up_button, Qt.MouseButton.LeftButton)
    assert [m.ref for m in list_measures(window.store, window.plan_id)][7] == "M9"
    window.undo_stack.undo()
    assert [m.ref for m in list_measures(window.store, window.plan_id)][7] == "M8"


def test_import_readings_dialog_previews_then_imports_all_or_nothing(window, dash, qtbot, tmp_path) -> None:
    from wsoa_desktop.gui.dashboard.readings_dialog import ReadingsImportDialog

    bad = write_readings(tmp_path / "bad.xlsx", [("M8", "Q1 2022/23", 10600, ""), ("M99", "Q1 2022/23", 3, "")])
    dialog = ReadingsImportDialog(window.plan_context(), bad)
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled()
    assert "1 problem(s)" in dialog.summary.text()
    assert "no measure “M99”" in dialog.problem_model.stringList()[0]
    good = write_readings(tmp_path / "good.xlsx", [("M8", "Q1 2022/23", 10600, ""), ("M11", "Q1 2022/23", 181, "")])
    dialog = ReadingsImportDialog(window.plan_context(), good)
    qtbot.addWidget(dialog)
    assert dialog.import_button.isEnabled() and dialog.row_model.rowCount() == 2
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.imported == 2
    assert get_measure(window.store, window.plan_id, "M8").readings[0].value == 10600
    qtbot.waitUntil(lambda: "On track 1" in dash.measures_label.text(), timeout=10000)
    _loaded(dash, qtbot)
    window.undo_stack.undo()
    assert get_measure(window.store, window.plan_id, "M8").readings == ()


def test_menus_offer_the_measures_and_reports(window) -> None:
    names = {a.objectName() for a in window.findChildren(type(window.undo_stack.createUndoAction(window)))}
    assert {"actionEditMeasures", "actionImportReadings", "report_scorecard", "report_dashboard",
            "actionShowDashboard", "actionShowPlan"} <= names


def test_report_dialog_previews_the_scorecard(window, qtbot) -> None:
    from tests.reports.helpers import pdf_pages
    from wsoa_desktop.gui import report_actions, worker

    dialog = report_actions.open_dialog(window.plan_context(), "scorecard")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle().startswith("Impact measures scorecard")
    qtbot.waitUntil(lambda: dialog.preview_complete, timeout=30000)
    assert dialog.page_count() >= 2
    assert "Impact measures scorecard" in pdf_pages(dialog.preview_path)[0]
    out = window.store.path.parent / "card.xlsx"
    dialog.save_to(out)
    qtbot.waitUntil(worker.idle, timeout=30000)
    assert out.exists() and out.stat().st_size > 2000


def test_the_window_reopens_on_the_page_last_used(window, dash, sample_store, settings, qtbot) -> None:
    from wsoa_desktop.gui.main_window import MainWindow

    assert settings.value("view/page") == "dashboard"
    again = MainWindow(sample_store, settings)
    qtbot.addWidget(again)
    assert again.pages.currentWidget() is dashboard_of(again)
    again.show_plan()
    assert settings.value("view/page") == "plan"


def test_the_user_guide_explains_the_status_rule(window, qtbot, prompts) -> None:
    from wsoa_desktop.gui.help_guide import show_guide

    guide = show_guide(window)
    qtbot.addWidget(guide)
    text = guide.browser.toPlainText()
    assert "How a measure's status is worked out" in text
    assert "Well behind trajectory: worse than the line by more than a quarter" in text
    assert "Quarter 1 is April to June" in text and "Baseline to be established" in text
    # Where the measures are: every menu item the guide names is really there.
    import re

    named = set(re.findall(r"(Plan|View|Reports) ▸ ([^.(,;]+?…|Dashboard)", text))
    assert ("Plan", "Impact measures…") in named and ("Reports", "Impact measures scorecard…") in named
    for menu, item in named:
        texts = [a.text().replace("&", "") for a in window.menu(menu).actions()]
        assert item in texts, (menu, item, texts)
    assert "Published version" in text and "Tab to a measure's link" in text
    dialog = _open_editor(window, qtbot)  # the measures editor's button shows the same rule
    qtbot.mouseClick(dialog.findChild(type(dialog.save_button), "statusRuleButton"), Qt.MouseButton.LeftButton)
    [shown] = prompts.texts("about")
    assert "more than a quarter of that distance" in shown

def test_the_plan_keeps_the_focus_at_start(window) -> None:
    assert window.pages.currentIndex() == 0 and window.focusWidget() is window.tree


def test_plan_menu_items_open_the_editor_and_the_import(window, qtbot, prompts, tmp_path) -> None:
    from PySide6.QtGui import QAction

    def edit(dialog) -> None:  # type: ignore[no-untyped-def]
        assert dialog.current_ref == "M1"
        dialog.owner_edit.clear()
        qtbot.keyClicks(dialog.owner_edit, "Vicki Ingram")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    prompts.answer("MeasuresDialog", edit)
    window.findChild(QAction, "actionEditMeasures").trigger()
    assert get_measure(window.store, window.plan_id, "M1").owner == "Vicki Ingram"
    sheet = write_readings(tmp_path / "q1.xlsx", [("M1", "Q1 2022/23", 59, "")])
    prompts.answer("open_file", str(sheet))
    prompts.answer("ReadingsImportDialog", lambda d: qtbot.mouseClick(d.import_button, Qt.MouseButton.LeftButton))
    window.findChild(QAction, "actionImportReadings").trigger()
    assert get_measure(window.store, window.plan_id, "M1").readings[0].value == 59.0
    assert window.settings.value("measures/last_folder") == str(tmp_path)


def test_a_big_plans_charts_keep_every_label_readable(qtbot, tmp_path, settings, warnings) -> None:
    """Ten priorities stand as upright bars labelled 1 to 10; twelve periods turn their labels on end."""
    from PySide6.QtCharts import QBarCategoryAxis

    from tests.benchmarks.synthetic import make_plan
    from wsoa_desktop.gui.main_window import MainWindow
    from wsoa_desktop.store.database import open_store

    make_plan(tmp_path / "big.db", priorities=10, actions=1, sub_actions=2, periods=12)
    store = open_store(tmp_path / "big.db")
    w = MainWindow(store, settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    qtbot.keyClick(w, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    tab = dashboard_of(w)
    _loaded(tab, qtbot)
    [priorities] = [a for a in tab.priority_chart.axes() if isinstance(a, QBarCategoryAxis)]
    assert priorities.categories() == [str(n) for n in range(1, 11)] and priorities.titleText() == "Priority"
    assert not priorities.truncateLabels() and priorities.labelsAngle() == -90
    [periods] = [a for a in tab.trend_chart.axes() if isinstance(a, QBarCategoryAxis)]
    assert len(periods.categories()) == 12 and not periods.truncateLabels() and periods.labelsAngle() == -90
    assert warnings == []
    store.close()


def test_report_dialog_prints_a_published_versions_scorecard_as_published(window, qtbot) -> None:
    from tests.reports.helpers import pdf_pages, squash
    from wsoa_desktop.gui import report_actions
    from wsoa_desktop.services.measures import set_reading
    from wsoa_desktop.services.versions import publish

    set_reading(window.store, window.plan_id, "M8", "Q1 2022/23", 9300, by="test")
    publish(window.store, window.plan_id, "Q1 figures", by="Jo Officer", allow_not_updated=True)
    set_reading(window.store, window.plan_id, "M8", "Q1 2022/23", 4000, by="test")  # typed after publishing
    dialog = report_actions.open_dialog(window.plan_context(), "scorecard")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.preview_complete, timeout=30000)
    assert squash("4,000 (Q1 2022/23)") in squash("\n".join(pdf_pages(dialog.preview_path)))
    assert dialog.version_radio.isEnabled()
    qtbot.mouseClick(dialog.version_radio, Qt.MouseButton.LeftButton)
    assert dialog.version_radio.isChecked()
    qtbot.waitUntil(lambda: dialog.preview_complete and dialog.options().version == 1, timeout=30000)
    qtbot.waitUntil(lambda: "Version1" in squash("\n".join(pdf_pages(dialog.preview_path))), timeout=30000)
    text = squash("\n".join(pdf_pages(dialog.preview_path)))
    assert squash("9,300 (Q1 2022/23)") in text and squash("4,000") not in text


def test_the_actions_field_offers_the_plans_actions_and_names_what_is_typed(window, qtbot) -> None:
    dialog = _open_editor(window, qtbot)
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    dialog.actions_edit.clear()
    qtbot.keyClick(dialog, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # &Actions:
    assert dialog.actions_edit.hasFocus()
    hint = dialog.action_links.hint
    assert hint.text().startswith("Not linked to an action yet")
    qtbot.keyClicks(dialog.actions_edit, "2.")
    popup = dialog.actions_edit.completer().popup()
    qtbot.waitUntil(popup.isVisible, timeout=3000)
    offered = [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())]
    assert offered[0].startswith("2.1  ") and all(o.startswith("2.") for o in offered) and len(offered) == 7
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert dialog.actions_edit.text() == "2.1"
    qtbot.keyClicks(dialog.actions_edit, ", 2.3")
    popup.hide()
    assert hint.text().startswith("2.1 ") and "; 2.3 " in hint.text()
    qtbot.keyClicks(dialog.actions_edit, ", 9.9")
    assert hint.text().startswith("The plan has no action 9.9: check the reference.")
