"""Shared-server mode: the same operations on PostgreSQL and on SQLite, 5,000 sub-actions x 24 periods.

    python -m tests.benchmarks.bench server

A throwaway local PostgreSQL server (tests/pg_server.py: Unix socket, fsync off,
so the figures are of the app's SQL and the driver, not of a disk or network) is
loaded with the synthetic plan through the restore path, and each operation runs
on both databases in this one process:

- open: open the database and read the whole plan with its latest ratings;
- filter: the update round's list for a period (the plan read, items still to rate kept);
- rate: one rating saved through the status service (median of 20);
- publish: a version of the whole plan;
- appendix: the BRAG appendix PDF for a period, from the database.
"""

from __future__ import annotations

import shutil
import statistics
import time
from pathlib import Path
from typing import Any

from tests.benchmarks.bench import benchmark, peak_rss_mib, synthetic_db

PERIOD = "December 2023"


def _figures(location: Any, tmp: Path, tag: str) -> dict[str, float]:
    from wsoa_desktop.reports.options import ReportOptions
    from wsoa_desktop.reports.produce import make_report_at
    from wsoa_desktop.services import rounds
    from wsoa_desktop.services.outline import load_outline
    from wsoa_desktop.services.versions import publish
    from wsoa_desktop.store.database import open_store

    out: dict[str, float] = {}
    t0 = time.perf_counter()
    store = open_store(location, create=False)
    outline = load_outline(store, 1)
    out["open_s"] = time.perf_counter() - t0
    refs = [n.ref for n in outline.iter_actions() if n.ref.count(".") == 2][:20]

    t0 = time.perf_counter()
    rounds.load_round(store, 1, PERIOD)
    out["filter_s"] = time.perf_counter() - t0

    times = []
    for ref in refs:
        t0 = time.perf_counter()
        rounds.rate(store, 1, ref, PERIOD, "Red", reason="Benchmark", progress="Benchmark", by="bench")
        times.append(time.perf_counter() - t0)
    out["rate_ms"] = statistics.median(times) * 1000

    t0 = time.perf_counter()
    publish(store, 1, "Benchmark", by="bench", allow_not_updated=True)
    out["publish_s"] = time.perf_counter() - t0
    store.close()

    t0 = time.perf_counter()
    make_report_at(location, "brag", tmp / f"appendix-{tag}.pdf", ReportOptions(period_label=PERIOD), plan=1)
    out["appendix_s"] = time.perf_counter() - t0
    return out


def _warm_up(db: Path, tmp: Path) -> None:
    """Import what the operations import lazily (report fonts, readers), so neither engine pays for it."""
    from wsoa_desktop.reports.options import ReportOptions
    from wsoa_desktop.reports.produce import make_report_at
    from wsoa_desktop.services.outline import load_outline
    from wsoa_desktop.store.database import open_store

    store = open_store(db, create=False)
    load_outline(store, 1)
    store.close()
    make_report_at(db, "brag", tmp / "warm-up.pdf", ReportOptions(period_label=PERIOD), plan=1)


@benchmark("server: open, filter, rate, publish, appendix on 5,000 x 24, PostgreSQL vs SQLite")
def bench_server_vs_file(tmp: Path) -> dict:
    from tests.pg_server import PgServer
    from wsoa_desktop.services.backup_contents import plans_held
    from wsoa_desktop.services.server_copy import restore_into_server
    from wsoa_desktop.store import sqlite_address
    from wsoa_desktop.store.server_address import parse_address

    source = synthetic_db(tmp)
    local = tmp / "server-bench.db"
    shutil.copy(source, local)
    con = sqlite_address.connect(source, read_only=True)
    held = plans_held(con)
    con.close()
    server = PgServer()
    try:
        address = parse_address(server.new_database())
        t0 = time.perf_counter()
        restore_into_server(source, address, held, replace=True)
        load_s = time.perf_counter() - t0
        result: dict[str, float] = {"pg_load_s": load_s}
        _warm_up(source, tmp)
        for tag, location in (("sqlite", local), ("pg", address)):
            for key, value in _figures(location, tmp, tag).items():
                result[f"{tag}_{key}"] = value
    finally:
        server.stop()
    result["peak_rss_mib"] = peak_rss_mib()
    return result
