"""Shared fixtures: a fresh database per test, and the sample plan loaded once and copied."""

from __future__ import annotations

import os
import resource
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from wsoa_desktop.store.database import Store, open_store  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
#: No test may take longer (CONTRIBUTING.md): measured in CPU seconds, this process's threads and
#: the programs it ran, so a machine busy with other work does not fail a test, a slow one does.
TEST_CPU_LIMIT = float(os.environ.get("WSOA_TEST_CPU_LIMIT", "15"))


def _cpu_seconds() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """Fail a test whose body used more than :data:`TEST_CPU_LIMIT` seconds of CPU."""
    started = _cpu_seconds()
    outcome = yield
    used = _cpu_seconds() - started
    if used > TEST_CPU_LIMIT and outcome.excinfo is None:
        outcome.force_exception(pytest.fail.Exception(
            f"{item.nodeid} took {used:.1f} s of CPU; a test may take at most {TEST_CPU_LIMIT:g} s. "
            "Make it smaller, or give it a smaller count by default and the full one under "
            "WSOA_RELIABILITY_SCALE (tests/reliability/figures.py: amount; CONTRIBUTING.md).",
            pytrace=False))
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = open_store(tmp_path / "plan.db")
    yield s
    s.close()


@pytest.fixture(scope="session")
def _sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from wsoa_desktop.services.sample import add_sample

    path = tmp_path_factory.mktemp("sample") / "sample.db"
    s = open_store(path)
    add_sample(s)
    s.close()
    return path


@pytest.fixture
def sample_store(tmp_path: Path, _sample_db: Path) -> Store:
    """A private copy of a database holding the sample plan (plan id 1)."""
    path = tmp_path / "sample.db"
    shutil.copy(_sample_db, path)
    s = open_store(path)
    yield s
    s.close()


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory,
                        monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Keep tests away from the real per-user data folder, settings, logs and site settings."""
    monkeypatch.setenv("WSOA_DB", str(tmp_path / "default.db"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    # The log folder on Linux; outside tmp_path, which tests list to see what a command left.
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("xdg-state")))
    for name in ("WSOA_BACKUP_DIR", "WSOA_LOG_DIR", "WSOA_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    yield
    from wsoa_desktop import app_log

    app_log.stop_logging()  # a command run in-process leaves its log file open
