"""A real, throwaway PostgreSQL server for the tests (started once per test session).

Debian's PostgreSQL binaries (``initdb``, ``pg_ctl``) make a cluster in a
temporary folder; it listens only on a Unix socket in that folder, trusts local
connections and skips fsync (a test server, thrown away at the end). PostgreSQL
refuses to run as root, so as root the server runs as ``nobody``.

Each test gets its own database, copied from a template that already holds the
migrated schema (``CREATE DATABASE … TEMPLATE``), so a test on the server costs
a few tens of milliseconds more than on SQLite, not a migration.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

#: Where Debian puts the server programs (any installed major version).
_DEBIAN = Path("/usr/lib/postgresql")


def find_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for version in sorted(_DEBIAN.glob("*/bin"), reverse=True):
        if (version / name).exists():
            return str(version / name)
    return None


def binaries_present() -> bool:
    return find_bin("initdb") is not None and find_bin("pg_ctl") is not None


class PgServer:
    """One running test server; :meth:`new_database` hands out fresh databases."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="wsoa-pg-"))
        self.data = self.folder / "data"
        self._count = itertools.count(1)
        #: Databases handed out to the test now running (dropped when it ends, see drop_handed_out).
        self._handed_out: list[str] = []
        self._as: list[str] = []
        if os.geteuid() == 0:
            self._as = ["runuser", "-u", "nobody", "--"]
            os.chmod(self.folder, 0o755)
            shutil.chown(self.folder, "nobody")
        self._run([find_bin("initdb") or "initdb", "-D", str(self.data), "-U", "postgres",
                   "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"])
        options = (f"-k {self.folder} -c listen_addresses='' -c fsync=off -c synchronous_commit=off "
                   "-c full_page_writes=off -c max_connections=200")
        self._run([find_bin("pg_ctl") or "pg_ctl", "-D", str(self.data), "-o", options, "-w",
                   "-l", str(self.folder / "server.log"), "start"])

    def _run(self, cmd: list[str]) -> None:
        result = subprocess.run(self._as + cmd, capture_output=True, text=True, cwd=self.folder)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed: {result.stdout}{result.stderr}")

    def address(self, dbname: str) -> str:
        return f"postgresql://postgres@/{dbname}?host={self.folder}"

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.address("postgres"), autocommit=True) as con:
            con.execute(sql)

    def new_database(self, template: str | None = None) -> str:
        """A new empty database (or a copy of ``template``); its address."""
        name = f"t{next(self._count)}"
        self._handed_out.append(name)
        self.admin(f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))
        return self.address(name)

    def template(self, name: str, fill: Callable[[str], None]) -> str:
        """Make database ``name`` once with ``fill(address)``; later copies start from it."""
        self.admin(f"CREATE DATABASE {name}")
        fill(self.address(name))
        return name

    def drop_handed_out(self) -> None:
        """Drop the test's databases: a few MB each, hundreds per run, so the disk stays small."""
        while self._handed_out:
            self.admin(f"DROP DATABASE IF EXISTS {self._handed_out.pop()} WITH (FORCE)")

    def stop(self) -> None:
        subprocess.run(self._as + [find_bin("pg_ctl") or "pg_ctl", "-D", str(self.data), "-m", "immediate",
                                   "stop"], capture_output=True, cwd=self.folder)
        shutil.rmtree(self.folder, ignore_errors=True)
