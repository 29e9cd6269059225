"""The main window driven through its real widgets: title, finding things, periods, contract."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from wsoa_desktop.gui.plan_tree_model import COL_RATING
from wsoa_desktop.services.periods import add_period, set_status


def test_title_and_initial_count(window) -> None:
    assert window.windowTitle() == "WSOA Desktop — " + window.outline.title
    total = window.model.action_count()
    assert window.match_label.text() == f"{total} of {total} shown"
    assert window.period_label == "August 2022"
    assert window.selected_ref() == "1"  # the first row is selected, the detail pane shows it
    assert "Outcome statement" in window.detail.toPlainText()


def test_search_box_filters_as_you_type(window, qtbot) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.filter_bar.search.hasFocus()
    qtbot.keyClicks(window.filter_bar.search, "CPD to")
    shown = window.proxy.matches
    assert 0 < shown < window.model.action_count()
    assert window.match_label.text() == f"{shown} of {window.model.action_count()} shown"
    qtbot.keyClick(window.filter_bar.search, Qt.Key.Key_Escape)
    assert window.filter_bar.search.text() == ""
    assert window.proxy.matches == window.model.action_count()


def test_filter_by_lead_and_overdue(window) -> None:
    bar = window.filter_bar
    bar.lead.setCurrentIndex(bar.lead.findData("Vicki Ingram"))
    by_lead = window.proxy.matches
    assert by_lead == sum(1 for n in window.outline.iter_actions() if "Vicki Ingram" in n.leads) > 0
    bar.overdue.click()  # today is long after 2022, so every dated, incomplete target is overdue
    both = window.proxy.matches
    assert 0 < both <= by_lead
    assert all(window.model.row_for(window.proxy.mapToSource(window.proxy.index(0, 0))) is not None
               for _ in [0])
    bar.lead.setCurrentIndex(0)
    assert window.proxy.matches >= both
    bar.clear()
    assert window.proxy.matches == window.model.action_count()


def test_filter_by_rating_and_priority(window) -> None:
    bar = window.filter_bar
    bar.rating.setCurrentIndex(bar.rating.findData("Amber"))
    assert window.proxy.matches == sum(1 for n in window.outline.iter_actions() if n.rating == "Amber") > 0
    bar.rating.setCurrentIndex(0)
    bar.priority.setCurrentIndex(bar.priority.findData("2"))
    assert window.proxy.rowCount() == 1


def test_switch_periods(qtbot, sample_store, settings, warnings) -> None:
    add_period(sample_store, 1, "September 2022")
    set_status(sample_store, 1, "1.1.1", "September 2022", "Red", reason="Staff away", progress="Behind: staff away")
    from wsoa_desktop.gui.main_window import MainWindow

    window = MainWindow(sample_store, settings)
    qtbot.addWidget(window)
    assert window.period_label == "September 2022"  # the latest period first
    index = window.model.index_for_ref("1.1.1", COL_RATING)
    assert index.data() == "Red"
    combo = window.filter_bar.period
    with qtbot.waitSignal(window.planReloaded):
        combo.setCurrentIndex(combo.findData("August 2022"))
    assert window.period_label == "August 2022"
    assert window.model.index_for_ref("1.1.1", COL_RATING).data() != "Red"
    assert "August 2022" in window.model.headerData(COL_RATING, Qt.Orientation.Horizontal)


def test_extension_contract(window, qtbot) -> None:
    names = [a.text().replace("&", "") for a in window.menuBar().actions()]
    window.menu("Reports")
    window.menu("Round")
    names = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert names == ["File", "Edit", "View", "Plan", "Round", "Reports", "Help"]
    assert window.menu("Round") is window.menu("Round")
    seen: list[str] = []
    window.selectionRefChanged.connect(seen.append)
    window.select_ref("2.2.3")
    assert window.selected_ref() == "2.2.3" and seen[-1] == "2.2.3"
    window.show_status("Hello")
    assert window.statusBar().currentMessage() == "Hello"
    assert window.user_name()
    with qtbot.waitSignal(window.planReloaded):
        window.reload()
    assert window.selected_ref() == "2.2.3"  # reload keeps the selection


def test_menus_come_from_their_modules_and_a_fault_is_not_hidden(qtbot, sample_store, settings,
                                                                  monkeypatch) -> None:
    """Each area's menu is installed by its module, imported directly: a fault there stops the window
    opening with the real error (it is not logged and skipped, leaving a menu silently missing)."""
    import importlib.util

    from wsoa_desktop.gui import report_actions
    from wsoa_desktop.gui.main_window import MainWindow

    window = MainWindow(sample_store, settings)
    qtbot.addWidget(window)
    kinds = [kind for kind, _text, _key in report_actions.ITEMS]
    names = [a.objectName() for a in window.menu("Reports").actions() if not a.isSeparator()]
    assert names == [f"report_{k}" for k in kinds] + [
        "report_cover",  # the governance area's covering report
        "report_scorecard", "report_dashboard"]  # the dashboard area's measure reports
    assert list(window.report_actions) == kinds and "rate" in window.round_actions
    assert "backup" in window.backup_actions
    assert importlib.util.find_spec("wsoa_desktop.gui.extensions") is None

    def broken(w):  # type: ignore[no-untyped-def]
        raise RuntimeError("a fault in the Reports menu")

    monkeypatch.setattr(report_actions, "install", broken)
    with pytest.raises(RuntimeError, match="a fault in the Reports menu"):
        MainWindow(sample_store, settings)


def test_every_control_has_an_accessible_name(window) -> None:
    from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QToolBar, QToolButton, QTreeView

    controls = [w for cls in (QComboBox, QLineEdit, QTreeView, QCheckBox) for w in window.findChildren(cls)]
    # Toolbar buttons are not tab stops (as in every desktop app): each one's action must be
    # reachable from a menu or a shortcut instead.
    menu_actions = {a for m in window._menus.values() for a in m.actions()}
    for bar in (window.findChild(QToolBar, "mainToolbar"), window.filter_bar):
        for button in bar.findChildren(QToolButton):
            action = button.defaultAction()
            if action is None or action.isSeparator() or not action.text():
                continue
            assert action in menu_actions or not action.shortcut().isEmpty(), action.text()
    for widget in controls:
        if widget.parent() is not None and isinstance(widget.parent(), QComboBox):
            continue  # a combo box's own line edit
        assert widget.accessibleName() or widget.text(), widget.objectName()
        assert widget.focusPolicy() != Qt.FocusPolicy.NoFocus, widget.objectName()


def test_shortcuts(window) -> None:
    shortcuts = {a.objectName(): a.shortcut().toString() for a in window.findChildren(QAction)}
    assert shortcuts["actionQuit"] == QKeySequence("Ctrl+Q").toString()
    assert shortcuts["actionUndo"] == QKeySequence("Ctrl+Z").toString()
    assert shortcuts["actionRedo"] == QKeySequence("Ctrl+Shift+Z").toString()


def test_layout_is_remembered(qtbot, sample_store, settings, warnings) -> None:
    from wsoa_desktop.gui import worker
    from wsoa_desktop.gui.main_window import MainWindow

    first = MainWindow(sample_store, settings)
    qtbot.addWidget(first)
    first.resize(760, 520)
    first.splitter.setSizes([500, 400])
    assert worker.work_in_progress() is None  # else the close is refused and nothing is saved
    assert first.close()  # the close went through, so the layout was saved
    second = MainWindow(sample_store, settings)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (760, 520)
    assert second.splitter.sizes() == first.splitter.sizes()


def test_quit_shortcut_closes(window, qtbot) -> None:
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()


@pytest.mark.parametrize("content", [b"this is not a database at all" * 10, b""])
def test_a_bad_database_leaves_the_window_working(window, tmp_path, content, warnings) -> None:
    from wsoa_desktop.gui.file_actions import open_path

    bad = tmp_path / "not-wsoa.db"
    bad.write_bytes(content) if content else bad.mkdir()
    before = window.store
    assert open_path(window, bad) is False
    assert warnings and "still open" in warnings[-1]
    assert window.store is before and window.outline is not None
    assert window.model.action_count() > 0


def test_window_without_a_database_still_works(qtbot, settings, warnings) -> None:
    """When the officer cancels opening a database at start-up, the window is empty, not broken."""
    from PySide6.QtWidgets import QApplication

    from wsoa_desktop.gui.main_window import MainWindow

    window = MainWindow(None, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.windowTitle() == "WSOA Desktop — no database open"
    assert window.match_label.text() == "0 of 0 shown" and window.selected_ref() is None
    assert window.plan_context() is None
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_F2)  # Edit ▸ Edit selected…: no plan to edit
    qtbot.keyClick(window.tree, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)  # Round ▸ Rate…
    assert warnings == ["Open a plan first."] * 2
    window.filter_bar.search.setText("anything")
    assert window.proxy.matches == 0


def test_rating_chip_is_painted_in_the_scheme_colour_with_its_name(window) -> None:
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtWidgets import QStyleOptionViewItem

    index = window.proxy.mapFromSource(window.model.index_for_ref("2.2.3", COL_RATING))
    assert index.data() == "Amber"  # the name is the cell's text too (screen readers, copying)
    delegate = window.tree.itemDelegateForColumn(COL_RATING)
    option = QStyleOptionViewItem()
    option.initFrom(window.tree)
    option.rect = QRect(0, 0, 120, 24)
    assert delegate.sizeHint(option, index).width() > window.tree.fontMetrics().horizontalAdvance("Amber")
    image = QImage(120, 24, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    delegate.paint(painter, option, index)
    painter.end()
    amber = window.outline.scheme.get("Amber")
    colours = {QColor(image.pixel(x, y)).name().upper() for x in range(120) for y in range(24)}
    assert amber.colour in colours  # the chip's fill
    assert amber.text_colour in colours  # and its name written on it
