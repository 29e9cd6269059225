"""Two officers at once: what the version check costs a rating and an edit, and the poll's stamp.

Each save of the sample plan's items is timed as the window makes it: naming the
version it saw (``seen``), or (on a build without row versions) not. The change
stamp the window polls every few seconds is timed on the 5,000-sub-action plan.
"""

from __future__ import annotations

import inspect
import shutil
import time
from pathlib import Path

from tests.benchmarks.bench import benchmark, sample_db, synthetic_db

SAVES = 300


def _saves(tmp: Path, name: str) -> dict:
    from wsoa_desktop.services import plan_items, rounds
    from wsoa_desktop.store.database import open_store

    path = tmp / f"versions-{name}.db"
    shutil.copy(sample_db(tmp), path)
    store = open_store(path)
    versioned = "seen" in inspect.signature(plan_items.update_action).parameters
    refs = ["1.1.1", "1.1.2", "1.1.3", "2.2.2", "2.2.3"]
    seen = {ref: 1 for ref in refs}
    rating_seen: dict[str, int] = {}
    if versioned:
        rating_seen = {ref: rounds.status_state(store, 1, ref, None).version for ref in refs}
    rate_times: list[float] = []
    edit_times: list[float] = []
    cpu = {"rate": 0.0, "edit": 0.0}  # processor time: the disk's flushes (most of a save) left out
    for k in range(SAVES):
        ref = refs[k % len(refs)]
        kwargs = {"seen": rating_seen[ref]} if versioned else {}
        started, started_cpu = time.perf_counter(), time.process_time()
        out = rounds.rate(store, 1, ref, None, "Green", progress=f"progress {k}", by="bench", **kwargs)
        rate_times.append(time.perf_counter() - started)
        cpu["rate"] += time.process_time() - started_cpu
        if versioned:
            rating_seen[ref] = out
        kwargs = {"seen": seen[ref]} if versioned else {}
        started, started_cpu = time.perf_counter(), time.process_time()
        out = plan_items.update_action(store, 1, ref, description=f"text {k}", by="bench", **kwargs)
        edit_times.append(time.perf_counter() - started)
        cpu["edit"] += time.process_time() - started_cpu
        if versioned:
            seen[ref] = out
    store.close()
    rate_times.sort()
    edit_times.sort()
    return {"versioned": versioned, "saves": SAVES,
            "rate_median_ms": rate_times[SAVES // 2] * 1000, "rate_p95_ms": rate_times[SAVES * 95 // 100] * 1000,
            "edit_median_ms": edit_times[SAVES // 2] * 1000, "edit_p95_ms": edit_times[SAVES * 95 // 100] * 1000,
            "rate_cpu_ms": cpu["rate"] / SAVES * 1000, "edit_cpu_ms": cpu["edit"] / SAVES * 1000}


@benchmark("row versions: rate and edit an item naming the version seen (sample plan)")
def bench_versioned_saves(tmp: Path) -> dict:
    return _saves(tmp, "saves")


@benchmark("row versions: the change stamp the window polls (5,000 sub-actions)")
def bench_change_stamp(tmp: Path) -> dict:
    from wsoa_desktop.store.database import open_store

    try:
        from wsoa_desktop.services.change_stamp import changes_since, read_stamp
    except ImportError:
        return {"skipped": "no change stamp in this build"}
    store = open_store(synthetic_db(tmp))
    times = []
    for _ in range(200):
        started = time.perf_counter()
        read_stamp(store)
        times.append(time.perf_counter() - started)
    stamp = read_stamp(store)
    started = time.perf_counter()
    changes_since(store, 1, max(0, stamp - 500), "nobody")
    since = time.perf_counter() - started
    store.close()
    times.sort()
    return {"stamp_median_ms": times[100] * 1000, "stamp_max_ms": times[-1] * 1000,
            "who_changed_500_ms": since * 1000}
