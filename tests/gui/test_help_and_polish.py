"""Help ▸ User guide and Keyboard shortcuts (driven by keys), and the small things: title, menu order,
ampersands, the Publish dialog, and no command-line flags in anything the window can show."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QWidget

from wsoa_desktop.gui.help_guide import STEPS, UserGuide
from wsoa_desktop.gui.help_shortcuts import ShortcutsDialog

PACKAGE = Path(__file__).resolve().parents[2] / "wsoa_desktop"


def press_menu(qtbot, window, menu_key: Qt.Key, item_key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, menu_key, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    qtbot.keyClick(QApplication.activePopupWidget(), item_key)


def test_f1_opens_the_user_guide_with_ten_steps_the_legend_and_the_real_places(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.tree, Qt.Key.Key_F1)
    guide = window.findChild(UserGuide)
    assert guide is not None and guide.isVisible()
    html = guide.browser.toHtml()
    text = guide.browser.toPlainText()
    assert html.count("<li") == len(STEPS) == 10
    assert "Round ▸ Update round… (Ctrl+U)" in text  # read from the window's own action
    assert "Reports ▸ BRAG appendix… (Ctrl+Shift+B)" in text
    for rating in window.outline.scheme.ratings:  # the plan's scheme, name beside colour
        assert rating.name in text and rating.meaning in text
    assert str(window.store.path) in text
    assert window.settings.qsettings.fileName() in text
    assert "not chosen yet" in text  # no backup folder set in the test settings


def test_the_guide_follows_the_window_when_an_action_changes(qtbot, window) -> None:
    update_round = next(a for a in window.menu("Round").actions() if a.text() == "&Update round…")
    update_round.setShortcut(QKeySequence("Ctrl+Alt+U"))
    press_menu(qtbot, window, Qt.Key.Key_H, Qt.Key.Key_U)  # Help ▸ User guide
    guide = window.findChild(UserGuide)
    assert "Round ▸ Update round… (Ctrl+Alt+U)" in guide.browser.toPlainText()


def test_keyboard_shortcuts_are_generated_from_the_windows_actions(qtbot, window) -> None:
    press_menu(qtbot, window, Qt.Key.Key_H, Qt.Key.Key_K)  # Help ▸ Keyboard shortcuts
    table = window.findChild(ShortcutsDialog)
    assert table is not None and table.isVisible()
    rows = table.rows()
    assert ("Ctrl+Q", "Quit", "File") in rows
    assert ("Ctrl+U", "Update round…", "Round") in rows
    assert ("F1", "User guide", "Help") in rows
    assert ("Esc", "Clear the search", "Search the plan") in rows
    assert ("Ctrl+Shift+Z, Ctrl+Y", "Redo", "Edit") in rows
    assert not any(keys == "" or "&" in does for keys, does, _ in rows)
    # An action added anywhere, with a shortcut, shows up the next time the table is asked for.
    added = QAction("Print &labels && tags…", window)
    added.setShortcut(QKeySequence("Ctrl+Alt+L"))
    window.menu("Reports").addAction(added)
    loose = QAction("Jump to today", window)
    loose.setShortcut(QKeySequence("Ctrl+Alt+T"))
    window.addAction(loose)
    qtbot.keyClick(window, Qt.Key.Key_F1, Qt.KeyboardModifier.ControlModifier)
    rows = table.rows()
    assert ("Ctrl+Alt+L", "Print labels & tags…", "Reports") in rows
    assert ("Ctrl+Alt+T", "Jump to today", "Main window") in rows
    assert len(window.findChildren(ShortcutsDialog)) == 1


def test_quit_is_last_in_the_file_menu_after_a_separator(window) -> None:
    actions = window.menu("File").actions()
    assert actions[-1].objectName() == "actionQuit" and actions[-2].isSeparator()
    assert not any(a.isSeparator() and b.isSeparator() for a, b in zip(actions, actions[1:], strict=False))
    help_items = [a.text() for a in window.menu("Help").actions() if not a.isSeparator()]
    assert help_items == ["&User guide", "&Keyboard shortcuts", "&About WSOA Desktop"]


def test_the_title_says_the_app_name_once(qapp, window) -> None:
    """Qt appends the application *display* name to every title; it is left unset, so the title
    reads "WSOA Desktop — <plan title>" once."""
    from wsoa_desktop.gui.app import configure_application

    assert window.windowTitle() == f"WSOA Desktop — {window.outline.title}"
    name = qapp.applicationName()
    configure_application(qapp)
    try:
        qapp.setApplicationName("probe")  # an unset display name follows the application name
        assert qapp.applicationDisplayName() == "probe"
    finally:
        qapp.setApplicationName(name)
    assert window.windowTitle().count("WSOA Desktop") == 1


def labels_without_buddies(widget: QWidget) -> list[str]:
    """Labels whose "&" would show literally (a mnemonic needs a buddy to jump to)."""
    return [label.text() for label in widget.findChildren(QLabel)
            if re.search(r"&[^&]", label.text().replace("&&", "")) and label.buddy() is None]


def test_preference_labels_show_no_literal_ampersand(qtbot, settings) -> None:
    from wsoa_desktop.gui.preferences_dialog import PreferencesDialog

    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    assert labels_without_buddies(dialog) == []
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)  # Alt+B: the backup folder box
    assert dialog.focusWidget() is dialog.backup_folder


def test_the_publish_dialog_says_which_version_and_period_it_will_create(qtbot, sample_store) -> None:
    from wsoa_desktop.gui.publish_dialog import PublishDialog, publish_preview
    from wsoa_desktop.services import rounds
    from wsoa_desktop.services.versions import list_versions, publish

    before = len(list_versions(sample_store, 1))
    preview = publish_preview(sample_store, 1)
    assert preview.sentence() == f"This will publish version {before + 1} (latest period: August 2022)."
    rounds.new_period(sample_store, 1, "September 2022")
    publish(sample_store, 1, "September ratings", allow_not_updated=True)
    dialog = PublishDialog(publish_preview(sample_store, 1))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.heading.text() == f"This will publish version {before + 2} (latest period: September 2022)."
    assert labels_without_buddies(dialog) == []
    assert not dialog.publish_button.isEnabled()  # a summary is needed first
    qtbot.keyClicks(dialog.summary, "October board papers")
    assert dialog.publish_button.isEnabled() and dialog.publish_button.text() == f"&Publish version {before + 2}"
    qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == PublishDialog.DialogCode.Accepted
    assert dialog.summary_text() == "October board papers"


#: Messages the window can show that still name a command-line flag. Empty: keep it so.
KNOWN_ELSEWHERE: set[tuple[str, str]] = set()


def test_nothing_the_window_can_show_names_a_command_line_flag() -> None:
    """Text in gui/, services/, reports/, store/ and domain/ can reach a window; flags and
    'wsoa-desktop …' commands belong to the command line's own messages only (or to an error's
    ``command_hint``, which only the command line prints)."""
    found = set()
    for folder in ("gui", "services", "reports", "store", "domain"):
        for path in (PACKAGE / folder).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                          if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
                          and node.body and isinstance(node.body[0], ast.Expr)
                          and isinstance(node.body[0].value, ast.Constant)}
            hints = {id(inner) for node in ast.walk(tree)  # command_hint= is for the command line only
                     if isinstance(node, ast.keyword) and node.arg == "command_hint" for inner in ast.walk(node)}
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings \
                        and id(node) not in hints:
                    for flag in re.findall(r"(?<![\w-])--[a-z][a-z-]+", node.value):
                        found.add((str(path.relative_to(PACKAGE)), flag))
                    if re.search(r"'wsoa-desktop [a-z]", node.value):
                        found.add((str(path.relative_to(PACKAGE)), "wsoa-desktop command"))
    assert found - KNOWN_ELSEWHERE == set()


def test_file_publish_version_by_keys_shows_the_version_and_period_first(qtbot, window, prompts) -> None:
    """File ▸ Publish version… (Alt+F, P): the real dialog names the version and period, then publishes."""
    from wsoa_desktop.services.versions import list_versions

    prompts.otherwise("confirm", True)  # "Publish anyway" if any are stale
    before = len(list_versions(window.store, 1))
    seen: list[str] = []

    def fill_in(dialog) -> None:  # type: ignore[no-untyped-def]
        seen.append(dialog.heading.text())
        qtbot.keyClicks(dialog.summary, "August 2022 ratings")
        qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)

    prompts.answer("PublishDialog", fill_in)
    press_menu(qtbot, window, Qt.Key.Key_F, Qt.Key.Key_P)
    qtbot.waitUntil(lambda: len(list_versions(window.store, 1)) == before + 1, timeout=20000)
    assert seen == [f"This will publish version {before + 1} (latest period: August 2022)."]
    assert list_versions(window.store, 1)[-1].summary == "August 2022 ratings"


def test_no_two_items_in_a_menu_share_an_alt_letter(window) -> None:
    """Two items with one underlined letter make the key select instead of open: Alt+F, P must publish."""
    def letters(actions: list[QAction]) -> list[str]:
        found = []
        for action in actions:
            match = re.search(r"&([^&])", action.text().replace("&&", ""))
            if match and not action.isSeparator():
                found.append(match.group(1).casefold())
        return found

    menus = [("menu bar", window.menuBar().actions())] + \
        [(menu.title(), menu.actions()) for menu in window.findChildren(QMenu)]
    for title, actions in menus:
        keys = letters(actions)
        assert len(keys) == len(set(keys)), (title, sorted(keys))


def test_alt_letters_in_the_window_do_not_clash_with_the_menu_bar(window) -> None:
    """Alt+R opens Round, Alt+P Plan, Alt+O Reports: a filter's label must not take the same letter
    (Qt would then cycle between the two, and the menu would not open)."""
    from PySide6.QtWidgets import QAbstractButton, QLabel

    def letter(text: str) -> str | None:
        match = re.search(r"&([^&])", text.replace("&&", ""))
        return match.group(1).casefold() if match else None

    menu_bar = {letter(a.text()) for a in window.menuBar().actions()} - {None}
    assert {"f", "e", "v", "p", "r", "o", "h"} <= menu_bar
    window_keys = [(w.text(), letter(w.text())) for w in window.findChildren(QLabel) if w.buddy() is not None]
    window_keys += [(w.text(), letter(w.text())) for w in window.findChildren(QAbstractButton)]
    tabs = window.pages.tabBar()
    window_keys += [(tabs.tabText(i), letter(tabs.tabText(i))) for i in range(tabs.count())]
    clashes = [text for text, key in window_keys if key in menu_bar]
    assert clashes == []
    keys = [key for _text, key in window_keys if key]
    assert len(keys) == len(set(keys)), sorted(keys)


def test_alt_p_opens_the_plan_menu_and_the_plan_tab_has_its_own_letter(window, qtbot) -> None:
    """The "Plan" tab once took Alt+P from the Plan menu: Qt then cycled between them."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    window.pages.setCurrentIndex(window.pages.count() - 1)
    tab_text = window.pages.tabText(0)
    assert tab_text.replace("&", "") == "Plan" and "&P" not in tab_text
    key = re.search(r"&(\w)", tab_text).group(1)
    window.tree.setFocus()
    qtbot.keyClick(window, getattr(Qt.Key, f"Key_{key.upper()}"), Qt.KeyboardModifier.AltModifier)
    assert window.pages.currentIndex() == 0  # the tab's own letter brings the plan forward
    plan_menu = window.menu("Plan")
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is plan_menu, timeout=2000)
    plan_menu.close()
