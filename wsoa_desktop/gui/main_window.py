"""The window the officer lives in: the plan as a tree, a detail pane, filters.

Its menus are built here from the modules that do each job, imported directly
(:mod:`menus` for File/Edit/View/Plan/Help, :mod:`round_actions`,
:mod:`report_actions`, :mod:`governance_actions`, :mod:`backup_actions`, and the
Dashboard tab from :mod:`dashboard.actions`); what they install (actions,
docks, the offer of a backup on exit) is kept in the window's declared members.
A job on the plan gets a :class:`~wsoa_desktop.gui.plan_context.PlanContext`
(:meth:`MainWindow.with_plan`), never the window's attributes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QStyle,
    QTabWidget,
    QWidget,
)

from wsoa_desktop import APP_NAME
from wsoa_desktop.domain.errors import WsoaError
from wsoa_desktop.domain.outline import ActionNode, PlanOutline, PriorityNode
from wsoa_desktop.gui import (
    backup_actions,
    governance_actions,
    menus,
    messages,
    report_actions,
    round_actions,
)
from wsoa_desktop.gui.backup_actions import BackupArea
from wsoa_desktop.gui.dashboard import actions as dashboard_actions
from wsoa_desktop.gui.detail_pane import DetailPane
from wsoa_desktop.gui.filter_bar import FilterBar
from wsoa_desktop.gui.history_panel import HistoryPanel
from wsoa_desktop.gui.meetings_panel import MeetingsPanel
from wsoa_desktop.gui.plan_context import PlanContext
from wsoa_desktop.gui.plan_filter_proxy import PlanFilterProxy
from wsoa_desktop.gui.plan_tree_model import PlanTreeModel
from wsoa_desktop.gui.plan_tree_view import PlanTreeView
from wsoa_desktop.gui.settings import Settings
from wsoa_desktop.store.database import Store
from wsoa_desktop.store.server_address import ServerAddress

if TYPE_CHECKING:
    from wsoa_desktop.gui.database_lock import DatabaseLock

#: Menus in menu-bar order; other areas ask for them by these names.
#: Bump when toolbars or docks change, so an old saved layout is not applied to the new one.
LAYOUT_VERSION = 2

#: Above this many visible rows the tree opens priorities only (see _expand_default).
EXPAND_ALL_ROWS = 1500

MENU_ORDER = ("File", "Edit", "View", "Plan", "Round", "Reports", "Help")
#: Menu titles whose Alt+letter is not their first letter (R is Round's, so Reports takes O).
MENU_TITLES = {"Reports": "Rep&orts"}


class MainWindow(QMainWindow):
    """The main window; see the module docstring for how its menus are made."""

    planReloaded = Signal()
    selectionRefChanged = Signal(str)

    #: Round ▸ …, File ▸ Publish/Versions, by key ("rate", "update_round"…).
    round_actions: dict[str, QAction]
    #: Reports ▸ …, by kind ("brag", "plan"…).
    report_actions: dict[str, QAction]
    #: File ▸ Import/Export/Back up/Restore/Backup settings, by key.
    backup_actions: dict[str, QAction]
    history_panel: HistoryPanel
    #: The "Coming up" dock: the governance calendar's next meetings.
    coming_up: MeetingsPanel
    backup_area: BackupArea

    def __init__(self, store: Store | None, settings: Settings | None = None,
                 plan_id: int | None = None, *, lock: DatabaseLock | None = None) -> None:
        super().__init__()
        self.setObjectName("MainWindow")
        self.store: Store | None = store
        self.database_lock: DatabaseLock | None = lock  # one copy of the app per file (use_database)
        self.settings = settings or Settings()
        self.plan_id: int | None = plan_id
        self.period_label: str | None = None
        self.outline: PlanOutline | None = None
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setObjectName("undoStack")
        self._menus: dict[str, QMenu] = {}
        self._build()
        self.choose_plan()
        self.reload()
        self._restore_state()
        self._fit_ref_column()  # a remembered width too narrow for this plan's references is widened
        last_ref = self.settings.value("view/last_ref")
        if last_ref and self.select_ref(str(last_ref)):
            # Centre it once the window has its size (before show() the view has none).
            QTimer.singleShot(0, lambda: self.tree.scrollTo(
                self.tree.currentIndex(), QAbstractItemView.ScrollHint.PositionAtCenter))
        self._install_areas()
        menus.finish_menus(self)
        from wsoa_desktop.gui.change_poller import ChangePoller

        #: Looks every few seconds for what other officers saved (refresh_from_others).
        self.change_poller = ChangePoller(self)
        self.change_poller.rebase()

    def _install_areas(self) -> None:
        """The Round, Reports and backup menus and docks (each module installs its own)."""
        round_area = round_actions.install(self)
        self.round_actions = round_area.actions
        self.history_panel = round_area.history
        self.report_actions = report_actions.install(self)
        self.coming_up = governance_actions.install(self)
        self.backup_area = backup_actions.install(self)
        self.backup_actions = self.backup_area.actions
        dashboard_actions.install(self)

    # -- what the areas use ----------------------------------------------------------------

    def plan_context(self) -> PlanContext | None:
        """The plan now shown, for a job to work on; None when no plan is open."""
        if self.store is None or self.plan_id is None or self.outline is None:
            return None
        return PlanContext(self.store, self.plan_id, self.period_label, self.user_name(), self.outline,
                           window=self, parent=self)

    def with_plan(self, job: Callable[[PlanContext], object],
                  missing: str = "Open a plan first.") -> Callable[[], None]:
        """A menu slot: run ``job`` on the plan shown, or say ``missing`` when there is none."""
        def run() -> None:
            context = self.plan_context()
            if context is None:
                messages.warn(self, missing)
                return
            job(context)
        return run

    def menu(self, name: str) -> QMenu:
        """The named top-level menu, created on first request in MENU_ORDER position."""
        if name in self._menus:
            return self._menus[name]
        menu = QMenu(MENU_TITLES.get(name, f"&{name}"), self)
        menu.setObjectName(f"menu{name}")
        menu.setAccessibleName(f"{name} menu")
        rank = _rank(name)
        before = None
        for other, other_menu in self._menus.items():
            if _rank(other) > rank and (before is None or _rank(other) < before[0]):
                before = (_rank(other), other_menu)
        if before is None:
            self.menuBar().addMenu(menu)
        else:
            self.menuBar().insertMenu(before[1].menuAction(), menu)
        self._menus[name] = menu
        return menu

    @property
    def plan_title(self) -> str:
        return self.outline.title if self.outline else ""

    def selected_ref(self) -> str | None:
        row = self.model.row_for(self.proxy.mapToSource(self.tree.currentIndex()))
        return row.ref if row else None

    def node(self, ref: str) -> PriorityNode | ActionNode | None:
        return self.model.node_for(self.model.index_for_ref(ref))

    def select_ref(self, ref: str) -> bool:
        """Select and show a reference; clears the filter when it hides that row."""
        source = self.model.index_for_ref(ref)
        if not source.isValid():
            return False
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            self.filter_bar.clear()
            index = self.proxy.mapFromSource(self.model.index_for_ref(ref))
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def user_name(self) -> str:
        return str(self.settings.get("user/display_name"))

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 10000)

    def reload(self) -> None:
        """Re-read the plan from the database, keeping the selection and the filter."""
        keep = self.selected_ref() if hasattr(self, "tree") else None
        poller = getattr(self, "change_poller", None)
        if poller is not None:
            poller.rebase()  # before reading: a change saved meanwhile is still noticed next time
        outline = None
        if self.store is not None and self.plan_id is not None:
            from wsoa_desktop.services.outline import load_outline

            try:
                outline = load_outline(self.store, self.plan_id, self.period_label)
            except WsoaError:  # the period went away (e.g. a restore): show the latest
                outline = load_outline(self.store, self.plan_id, None)
        self.outline = outline
        self.period_label = outline.period.label if outline and outline.period else None
        self.model.set_outline(outline)
        self.filter_bar.set_outline(outline, self.people())
        self._expand_default()
        self._fit_ref_column()
        if keep and not self.select_ref(keep):
            keep = None
        if not keep:
            first = self.proxy.index(0, 0)
            if first.isValid():
                self.tree.setCurrentIndex(first)
            self._show_selected()
        self._update_title()
        self.planReloaded.emit()

    def refresh_from_others(self, summary: str) -> None:
        """Others saved changes: show them, keeping the selection, the scroll position, the rows
        the officer folded and anything typed in an open round; the status bar says who."""
        from wsoa_desktop.gui.update_round import UpdateRoundDialog

        scroll = self.tree.verticalScrollBar().value()
        folded = [row.ref for row in self.model.rows() if row.children and not self.tree.isExpanded(
            self.proxy.mapFromSource(self.model.index_for_ref(row.ref)))]
        self.reload()
        for ref in folded:
            index = self.proxy.mapFromSource(self.model.index_for_ref(ref))
            if index.isValid():
                self.tree.collapse(index)
        self.tree.verticalScrollBar().setValue(scroll)
        for dialog in self.findChildren(UpdateRoundDialog):
            if dialog.isVisible():
                dialog.view.refresh()  # keeps what is typed there
        self.show_status(summary)

    def _fit_ref_column(self) -> None:
        """Widen (never narrow) the Ref column so the longest reference shows whole: a named one
        ("Peer Review 19", "SJC 1.4") cut to "Peer Revi…" could be any of several items."""
        if self.outline is None:
            return
        metrics = self.tree.fontMetrics()
        widest = max((metrics.horizontalAdvance(n.ref) + self.tree.indentation() * n.level
                      for n in self.outline.iter_actions()), default=0)
        need = widest + metrics.horizontalAdvance("  ") + 12  # the cell's margins and a little air
        if self.tree.columnWidth(0) < need:
            self.tree.setColumnWidth(0, need)

    def close_database(self) -> None:
        """Let go of the database file (a restore replaces it), leaving an empty window."""
        self.undo_stack.clear()
        if self.store is not None:
            self.store.close()
        self._release_lock()
        self.store = None
        self.plan_id = None
        self.reload()

    def open_database(self, path: Path | str | ServerAddress) -> None:
        """Open another database without asking anything (raises DatabaseError with a plain
        message if it cannot: a missing file is never created here). File ▸ Open and Recent
        ask their questions first, through ``file_actions.open_path``."""
        from wsoa_desktop.gui.database_opening import open_database_file, same_database
        from wsoa_desktop.paths import database_location
        from wsoa_desktop.store.database import open_store

        path = database_location(path)
        if self.store is not None and same_database(self.store.location, path):
            self.use_database(open_store(path, create=False), self.database_lock)  # same file: keep its lock
            return
        opened = open_database_file(self, path, user=self.user_name(), ask=False)
        assert opened is not None  # ask=False never returns None
        self.use_database(*opened)

    def use_database(self, store: Store, lock: DatabaseLock | None) -> None:
        """Show the database just opened (and locked), letting go of the one shown before."""
        self.undo_stack.clear()
        if self.store is not None:
            self.store.close()
        if lock is not self.database_lock:
            self._release_lock()
        self.database_lock = lock
        self.store = store
        self.plan_id = None
        self.period_label = None
        self.settings.add_recent_database(store.location)
        self.choose_plan()
        self.reload()
        self.tell_notices()

    def tell_notices(self) -> None:
        """Say what opening the database found and put right (a save a crash left half done)."""
        for notice in self.store.notices if self.store is not None else []:
            messages.warn(self, notice)

    def _release_lock(self) -> None:
        if self.database_lock is not None:
            self.database_lock.release()
            self.database_lock = None

    def add_dock(self, widget: QWidget, title: str,
                 area: Qt.DockWidgetArea = Qt.DockWidgetArea.RightDockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{title.replace(' ', '_')}")
        dock.setAccessibleName(title)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        self.menu("View").addAction(dock.toggleViewAction())
        return dock

    def add_page(self, widget: QWidget, title: str) -> int:
        """Another page beside the plan (such as the Dashboard); the plan stays the first tab."""
        self.pages.tabBar().show()
        return self.pages.addTab(widget, title)

    def show_plan(self, ref: str | None = None) -> bool:
        """Bring the plan forward, selecting ``ref`` when given (False when there is no such item)."""
        self.pages.setCurrentIndex(0)
        found = self.select_ref(ref) if ref else True
        self.tree.setFocus()
        return found

    def item_changed(self, ref: str, *, people_changed: bool = False) -> None:
        """One item's node was patched after a saved edit: repaint it without a reload."""
        self.model.refresh_ref(ref)
        if people_changed:
            self.filter_bar.set_outline(self.outline, self.people())
        if self.selected_ref() == ref:
            self._show_selected()

    # -- plans and periods -------------------------------------------------------------------

    def switch_plan(self, plan_id: int) -> None:
        self.undo_stack.clear()
        self.plan_id = plan_id
        self.period_label = None
        self.settings.set_value("view/last_plan", plan_id)
        self.reload()

    def switch_period(self, label: str | None) -> None:
        if label == self.period_label:
            return
        self.period_label = label
        self.reload()
        if label:
            self.show_status(f"Showing ratings and progress for {label}")

    def choose_plan(self) -> None:
        """Show the plan shown last time, if this database has it, else its first plan."""
        if self.store is None:
            self.plan_id = None
            return
        from wsoa_desktop.services.plans import list_plans

        ids = [p.id for p in list_plans(self.store)]
        if self.plan_id in ids:
            return
        last = self.settings.value("view/last_plan")
        try:
            last = int(last) if last is not None else None
        except (TypeError, ValueError):
            last = None
        self.plan_id = last if last in ids else (ids[0] if ids else None)

    def people(self) -> list[str]:
        if self.store is None or self.plan_id is None:
            return []
        from wsoa_desktop.services.plans import people

        return [p.name for p in people(self.store, self.plan_id)]

    # -- building ----------------------------------------------------------------------------

    def _build(self) -> None:
        for name in ("File", "Edit", "View", "Plan"):
            self.menu(name)
        self.model = PlanTreeModel(self)
        self.proxy = PlanFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.tree = PlanTreeView(self)
        self.tree.setModel(self.proxy)
        self.model.flag_icons = {
            "unparsed": self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)}
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._show_selected())
        self.detail = DetailPane(self)
        self.detail.revision_reader = self._revisions
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setAccessibleName("Plan and details")
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        # The plan is the first page; other areas may add more (add_page), which shows the tab bar.
        self.pages = QTabWidget(self)
        self.pages.setObjectName("mainPages")
        self.pages.setDocumentMode(True)
        self.pages.addTab(self.splitter, "Pla&n")
        self.pages.tabBar().hide()
        self.setCentralWidget(self.pages)
        self.filter_bar = FilterBar(self)
        self.filter_bar.filterChanged.connect(self._apply_filter)
        self.filter_bar.periodChosen.connect(self.switch_period)
        self.filter_bar.resultsRequested.connect(
            lambda: self.tree.enter_results(not self.proxy.plan_filter.is_empty))
        self.match_label = QLabel(self)
        self.match_label.setObjectName("matchCount")
        self.match_label.setAccessibleName("Items shown")
        self.statusBar().addPermanentWidget(self.match_label)
        self.proxy.matchCountChanged.connect(self._show_count)
        menus.build_menus(self)
        self.addToolBarBreak()
        self.addToolBar(self.filter_bar)

    def _apply_filter(self) -> None:
        self.proxy.set_filter(self.filter_bar.plan_filter())
        self._expand_default()
        if self.tree.currentIndex().isValid():
            self.tree.scrollTo(self.tree.currentIndex())

    def _expand_default(self) -> None:
        """Open every row the officer needs to see, as long as that stays quick.

        Up to EXPAND_ALL_ROWS visible rows are all opened (every match in view); a bigger
        plan or result opens priorities only, so the tree lays out hundreds of rows, not
        thousands, and a keystroke stays well under 50 ms.
        """
        if self.proxy.visible_rows <= EXPAND_ALL_ROWS:
            self.tree.expandAll()
        else:
            self.tree.expandToDepth(0)

    def _show_count(self, matches: int, total: int) -> None:
        self.match_label.setText(f"{matches} of {total} shown")

    def _show_selected(self, *_: object) -> None:
        index = self.proxy.mapToSource(self.tree.currentIndex())
        node = self.model.node_for(index)
        self.detail.show_node(node, self.outline)
        self.selectionRefChanged.emit(node.ref if node is not None else "")

    def refresh_details(self) -> None:
        """Show the selected item again: something the detail pane shows beside the plan has changed."""
        ref = self.selected_ref()
        self.detail.show_node(self.node(ref) if ref else None, self.outline)

    def _revisions(self, ref: str) -> list[tuple[str, str, str, str, str]]:
        if self.store is None or self.plan_id is None:
            return []
        from wsoa_desktop.services.plan_items import target_revisions

        return [(r.old_text, r.new_text, r.reason, r.changed_by, f"{r.changed_at:%d/%m/%Y}")
                for r in target_revisions(self.store, self.plan_id, ref)]

    def _update_title(self) -> None:
        # The whole title, said once: the application display name is left unset (gui.app.run)
        # so Qt does not append " — WSOA Desktop" again.
        if self.store is None:
            self.setWindowTitle(f"{APP_NAME} — no database open")
        else:
            self.setWindowTitle(f"{APP_NAME} — {self.plan_title or 'no plan open'}")

    # -- remembered layout -------------------------------------------------------------------

    def _restore_state(self) -> None:
        geometry = self.settings.window_state("geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self._default_size()
        state = self.settings.window_state("splitter")
        if state is None or not self.splitter.restoreState(state):
            self.splitter.setSizes([int(self.width() * 0.72), int(self.width() * 0.28)])
        state = self.settings.window_state(f"header{LAYOUT_VERSION}")
        if state is not None:
            self.tree.header().restoreState(state)
        state = self.settings.window_state("state")
        if state is not None:
            self.restoreState(state, LAYOUT_VERSION)

    def _default_size(self) -> None:
        """First run: most of the screen, centred, but never more than a comfortable 1600 × 1000."""
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is None or screen.width() < 400:
            self.resize(1280, 800)
            return
        width = min(1600, int(screen.width() * 0.9))
        height = min(1000, int(screen.height() * 0.9))
        self.resize(width, height)
        self.move(screen.x() + (screen.width() - width) // 2, screen.y() + (screen.height() - height) // 2)

    def save_state(self) -> None:
        self.settings.set_window_state("geometry", self.saveGeometry())
        self.settings.set_window_state("splitter", self.splitter.saveState())
        self.settings.set_window_state(f"header{LAYOUT_VERSION}", self.tree.header().saveState())
        self.settings.set_window_state("state", self.saveState(LAYOUT_VERSION))
        self.settings.set_value("view/last_ref", self.selected_ref() or "")

    def closeEvent(self, event: QCloseEvent) -> None:
        from wsoa_desktop.gui.worker import work_in_progress

        busy = work_in_progress()
        if busy:  # a backup, restore or import half-done must not be cut off by quitting
            event.ignore()
            self.show_status(f"Wait for {busy} to finish, then close the window.")
            return
        # Every edit is already saved; only the layout is left to remember.
        self.save_state()
        super().closeEvent(event)
        if event.isAccepted():
            self.change_poller.timer.stop()
            self.change_poller.wait()
            self._release_lock()


def _rank(name: str) -> int:
    return MENU_ORDER.index(name) if name in MENU_ORDER else len(MENU_ORDER)
