"""Making the impact measure reports — the scorecard and performance on a page — from a store or a file.

They read measures and every period's rating counts, not only one period's plan,
so they have their own reader (:mod:`wsoa_desktop.store.measure_reader`, plain
SQL); a published version's come from its snapshot only. Like the other reports,
the command line reads a current database read-only without SQLAlchemy, and
every file is written atomically.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from wsoa_desktop.reports.options import ReportOptions
from wsoa_desktop.store.server_address import ServerAddress

if TYPE_CHECKING:
    from wsoa_desktop.store.database import Store


def _read(cur: sqlite3.Cursor, kind: str, plan_id: int, options: ReportOptions):  # type: ignore[no-untyped-def]
    """The live plan's numbers (a published version's are read by :func:`_read_version`)."""
    if kind == "scorecard":
        from wsoa_desktop.services.scorecard import read_scorecard

        return read_scorecard(cur, plan_id, options.period_label, options.printed_on)
    from wsoa_desktop.services.dashboard import read_dashboard

    return read_dashboard(cur, plan_id, options.period_label, options.printed_on)


def _read_version(store: Store, kind: str, plan_id: int, options: ReportOptions):  # type: ignore[no-untyped-def]
    """A published version's numbers, from its snapshot only: the measures and readings as published."""
    assert options.version is not None
    if kind == "scorecard":
        from wsoa_desktop.services.published_measures import version_scorecard

        return version_scorecard(store, plan_id, options.version, options.period_label)
    from wsoa_desktop.services.published_measures import version_dashboard

    return version_dashboard(store, plan_id, options.version, options.period_label)


def render(kind: str, data, options: ReportOptions, path: Path, suffix: str) -> None:  # type: ignore[no-untyped-def]
    if kind == "scorecard":
        if suffix.lower() == ".xlsx":
            from wsoa_desktop.reports.scorecard import write_scorecard_xlsx

            write_scorecard_xlsx(data, options, path)
        else:
            from wsoa_desktop.reports.scorecard import write_scorecard_pdf

            write_scorecard_pdf(data, options, path)
    else:
        from wsoa_desktop.reports.dashboard import write_dashboard_pdf

        write_dashboard_pdf(data, options, path)


def _write(kind: str, data, options: ReportOptions, path: Path) -> Path:  # type: ignore[no-untyped-def]
    from wsoa_desktop.services.files import atomic_write

    return atomic_write(path, lambda tmp: render(kind, data, options, tmp, path.suffix))


def make_measure_report(store: Store, kind: str, path: Path, options: ReportOptions, *,
                        plan: str | int | None = None) -> Path:
    """Read from the open store and write ``kind`` to ``path`` (already checked by the caller)."""
    from wsoa_desktop.services.plans import resolve_plan

    plan_id = resolve_plan(store, plan)
    if options.version is not None:
        return _write(kind, _read_version(store, kind, plan_id, options), options, path)
    with store.reading() as con:
        data = _read(con.cursor(), kind, plan_id, options)
    return _write(kind, data, options, path)


def make_measure_report_at(db_path: Path | ServerAddress, kind: str, path: Path, options: ReportOptions, *,
                           plan: str | int | None = None) -> Path:
    """As :func:`make_measure_report`, from a database file (read-only when its schema is
    current) or a server database."""
    from wsoa_desktop.store import schema_version, sqlite_address
    from wsoa_desktop.store.outline_reader import resolve_plan_id
    from wsoa_desktop.store.server_address import as_location

    db_path = as_location(db_path)
    if (options.version is None and isinstance(db_path, Path) and db_path.exists()
            and schema_version.read_revision(db_path) == schema_version.HEAD):
        con = sqlite_address.connect(db_path, read_only=True, timeout=5)
        try:
            cur = con.cursor()
            data = _read(cur, kind, resolve_plan_id(cur, plan), options)
        finally:
            con.close()
        return _write(kind, data, options, path)
    from wsoa_desktop.store.database import open_store

    store = open_store(db_path, create=isinstance(db_path, Path))  # a report never sets up a server
    try:
        return make_measure_report(store, kind, path, options, plan=plan)
    finally:
        store.close()
