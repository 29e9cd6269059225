"""Shared fixtures: a fresh database per test, and the sample plan loaded once and copied.

The store, service and command-line tests run twice: on a SQLite file and on a
database of a real PostgreSQL server (:mod:`tests.pg_server`), through the
``engine_kind`` parameter of the ``store``, ``sample_store`` and ``cli_db``
fixtures. A test about the SQLite file itself is marked ``sqlite_only``.
Without the PostgreSQL programs the server runs are skipped on a developer's
machine, and fail in CI (``CI`` set), where the server must be tested.
"""

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


#: The folders (under tests/) whose tests run on both engines, and the command-line test files.
_BOTH_ENGINES = ("store", "services")


def _runs_on_both(metafunc: pytest.Metafunc) -> bool:
    if metafunc.definition.get_closest_marker("sqlite_only"):
        return False
    path = Path(str(metafunc.definition.path))
    folder = path.parent.name
    return folder in _BOTH_ENGINES or (path.parent == Path(__file__).parent and "cli" in path.name)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "engine_kind" in metafunc.fixturenames and _runs_on_both(metafunc):
        metafunc.parametrize("engine_kind", ["sqlite", "pg"], indirect=True)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: a test of the SQLite file itself (not run on a server)")


@pytest.fixture
def engine_kind(request: pytest.FixtureRequest) -> str:
    """``sqlite`` or ``pg``: which engine this run of the test uses."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture(scope="session")
def pg_server():  # type: ignore[no-untyped-def]
    """The session's PostgreSQL server (started on first use)."""
    from tests.pg_server import PgServer, binaries_present

    problem = None
    if not binaries_present():
        problem = ("the PostgreSQL server programs (initdb, pg_ctl) are not installed: "
                   "apt-get install postgresql")
    else:
        try:
            import psycopg  # noqa: F401
        except ImportError:
            problem = "psycopg is not installed: pip install -e '.[test]' (it includes the server extra)"
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"Server tests cannot run in CI: {problem}", pytrace=False)
        pytest.skip(f"server tests need PostgreSQL: {problem}")
    server = PgServer()
    _running_servers.append(server)
    yield server
    _running_servers.remove(server)
    server.stop()


_running_servers: list = []  # type: ignore[type-arg]


@pytest.fixture(autouse=True)
def _drop_server_databases():  # type: ignore[no-untyped-def]
    """After each test, its server databases go (the session's server, if one started, stays)."""
    yield
    for server in _running_servers:
        server.drop_handed_out()


@pytest.fixture(scope="session")
def _pg_head(pg_server) -> str:  # type: ignore[no-untyped-def]
    """A server database at the current schema, the template of each test's database."""
    return pg_server.template("wsoa_head", lambda address: open_store(address).close())


@pytest.fixture(scope="session")
def _pg_sample(pg_server) -> str:  # type: ignore[no-untyped-def]
    from wsoa_desktop.services.sample import add_sample

    def fill(address: str) -> None:
        s = open_store(address)
        add_sample(s)
        s.close()

    return pg_server.template("wsoa_sample", fill)


@pytest.fixture
def server_db(request: pytest.FixtureRequest) -> str:
    """The address of a new server database already set up at the current schema (no plan)."""
    server = request.getfixturevalue("pg_server")
    return str(server.new_database(template=request.getfixturevalue("_pg_head")))


@pytest.fixture
def store(tmp_path: Path, engine_kind: str, request: pytest.FixtureRequest) -> Store:
    if engine_kind == "pg":
        s = open_store(request.getfixturevalue("server_db"))
    else:
        s = open_store(tmp_path / "plan.db")
    yield s
    s.close()


@pytest.fixture
def cli_db(tmp_path: Path, engine_kind: str, request: pytest.FixtureRequest) -> str:
    """What a command-line test passes as ``--db``: a file path, or an empty server database's address."""
    if engine_kind == "pg":
        return str(request.getfixturevalue("pg_server").new_database())
    return str(tmp_path / "cli.db")


@pytest.fixture(scope="session")
def _sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from wsoa_desktop.services.sample import add_sample

    path = tmp_path_factory.mktemp("sample") / "sample.db"
    s = open_store(path)
    add_sample(s)
    s.close()
    return path


@pytest.fixture
def two(tmp_path: Path, _sample_db: Path, engine_kind: str,
        request: pytest.FixtureRequest) -> Iterator[tuple[Store, Store]]:
    """Ann's and Ben's own connections to one sample database (a file on a shared drive, or a server)."""
    if engine_kind == "pg":
        server = request.getfixturevalue("pg_server")
        address = server.new_database(template=request.getfixturevalue("_pg_sample"))
        ann, ben = open_store(address), open_store(address)
    else:
        path = tmp_path / "shared.db"
        shutil.copy(_sample_db, path)
        ann, ben = open_store(path), open_store(path)
    yield ann, ben
    ann.close()
    ben.close()


@pytest.fixture
def sample_store(tmp_path: Path, _sample_db: Path, engine_kind: str, request: pytest.FixtureRequest) -> Store:
    """A private copy of a database holding the sample plan (plan id 1)."""
    if engine_kind == "pg":
        server = request.getfixturevalue("pg_server")
        s = open_store(server.new_database(template=request.getfixturevalue("_pg_sample")))
        yield s
        s.close()
        return
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
