"""File and Plan menus: new plan, switch plan, open another database, recent files, first run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QMenu

from wsoa_desktop.gui import app as gui_app
from wsoa_desktop.gui import file_actions
from wsoa_desktop.services.plans import list_plans
from wsoa_desktop.store.database import open_store

ROOT = Path(__file__).resolve().parents[2]


def _answer_new_plan(prompts, title: str) -> None:  # type: ignore[no-untyped-def]
    """Type the title into File ▸ New plan… and press Create plan."""
    prompts.answer("NewPlanDialog", lambda dialog: dialog.title.setText(title))


def test_new_plan_then_switch_back(window, prompts) -> None:
    _answer_new_plan(prompts, "WSOA 2025")
    plan_id = file_actions.new_plan(window)
    assert window.plan_id == plan_id and window.windowTitle() == "WSOA Desktop — WSOA 2025"
    assert window.model.rowCount() == 0 and window.match_label.text() == "0 of 0 shown"
    menu = QMenu()
    file_actions.fill_plans(window, menu)
    titles = [a.text() for a in menu.actions()]
    assert len(titles) == 2 and menu.actions()[1].isChecked()
    menu.actions()[0].trigger()
    assert window.plan_id == 1 and window.model.action_count() > 0


def test_new_plan_needs_a_title(window, prompts, warnings) -> None:
    _answer_new_plan(prompts, "   ")
    assert file_actions.new_plan(window) is None
    assert "title" in warnings[-1] and len(list_plans(window.store)) == 1


def test_open_another_database_and_recent_list(window, tmp_path, prompts) -> None:
    other = tmp_path / "empty.db"
    open_store(other).close()
    prompts.answer("confirm", False)  # the sample plan is offered: Cancel
    assert file_actions.open_path(window, other)
    assert prompts.texts("confirm") == [gui_app.SAMPLE_QUESTION]
    assert window.store.path == other and window.plan_id is None
    assert window.windowTitle() == "WSOA Desktop — no plan open"
    menu = QMenu()
    file_actions.fill_recent(window, menu)
    assert menu.actions()[0].text().endswith(str(other))


def test_first_run_offers_the_sample(qtbot, tmp_path, prompts) -> None:
    store = open_store(tmp_path / "first.db")
    prompts.answer("confirm", True)
    gui_app.offer_sample(store)
    assert [p.title for p in list_plans(store)] and list_plans(store)[0].sub_actions > 50
    store.close()


def test_start_up_hook_prints_time_and_quits(tmp_path) -> None:
    """``main.py --db`` with the benchmark hook shows the window, prints seconds since start, exits 0."""
    db = tmp_path / "start.db"
    env = dict(os.environ, WSOA_BENCH_EXIT_AFTER_SHOWN="1", QT_QPA_PLATFORM="offscreen",
               XDG_CONFIG_HOME=str(tmp_path / "cfg"), PYTHONPATH=str(ROOT))
    subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), "init"], env=env, check=True,
                   capture_output=True, timeout=60)  # a missing file would be asked about first
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db)], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    seconds = float(done.stdout.strip().splitlines()[-1])
    assert 0 < seconds < 60
    assert "alembic" not in done.stderr


def test_start_up_imports_nothing_heavy(tmp_path, sample_store) -> None:
    """The first window (every menu installed) loads no report, spreadsheet or migration library."""
    code = ("import sys, os; os.environ['QT_QPA_PLATFORM']='offscreen';"
            "from PySide6.QtWidgets import QApplication; qapp = QApplication([]);"
            "from wsoa_desktop.store.database import open_store;"
            "from wsoa_desktop.gui.main_window import MainWindow;"
            f"w = MainWindow(open_store({str(sample_store.path)!r})); w.show(); qapp.processEvents();"
            "heavy=[m for m in ('reportlab','openpyxl','docx','alembic') if m in sys.modules];"
            "print('heavy:' + ','.join(heavy))")
    env = dict(os.environ, PYTHONPATH=str(ROOT), XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "heavy:"


def test_a_database_open_in_another_copy_is_refused_plainly(window, tmp_path, warnings, prompts) -> None:
    from wsoa_desktop.domain.errors import DatabaseError
    from wsoa_desktop.gui.database_lock import DatabaseLock

    other = tmp_path / "busy.db"
    open_store(other).close()
    elsewhere = DatabaseLock(other)  # another copy of the app has it open
    elsewhere.acquire()
    try:
        second = DatabaseLock(other)
        try:
            second.acquire()
            raise AssertionError("a second lock on the same database was granted")
        except DatabaseError as exc:
            assert "already open in another copy" in str(exc)
        before = window.store
        assert not file_actions.open_path(window, other)
        assert "already open" in warnings[-1] and window.store is before
    finally:
        elsewhere.release()
    prompts.answer("confirm", False)  # the sample plan is offered: Cancel
    assert file_actions.open_path(window, other)  # free again: it opens
    assert window.database_lock is not None
    window.close_database()  # a restore lets go of the file and its lock
    assert window.store is None and window.database_lock is None
    DatabaseLock(other).acquire()
