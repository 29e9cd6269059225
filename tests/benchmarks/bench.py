"""Print timings and peak memory for the app's heavy operations.

    python -m tests.benchmarks.bench            # every benchmark
    python -m tests.benchmarks.bench load       # the ones whose name contains "load"

Figures are printed, never asserted: targets are in the issues and the notes.
Each benchmark runs in a fresh child process so start-up costs and peak memory
are its own.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCHMARKS: dict[str, Callable[[Path], dict]] = {}


def benchmark(name: str):
    def wrap(fn):
        BENCHMARKS[name] = fn
        return fn
    return wrap


def peak_rss_mib() -> float:
    """Peak resident memory of this (child) process so far."""
    import resource

    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kib / 1024 if sys.platform != "darwin" else kib / 2**20


def timed(fn, *args, **kwargs):
    """Wall time of one call, and the process's peak memory after it (no tracing overhead)."""
    t0 = time.perf_counter()
    result = fn(*args, **kwargs)
    elapsed = time.perf_counter() - t0
    return result, elapsed, peak_rss_mib()


def synthetic_db(tmp: Path, sub_actions_per_action: int = 10, actions: int = 50, priorities: int = 10,
                 periods: int = 24) -> Path:
    """A cached synthetic database (built once per size in the temp folder)."""
    from tests.benchmarks.synthetic import make_plan

    path = tmp / f"synthetic-{priorities}x{actions}x{sub_actions_per_action}x{periods}.db"
    if not path.exists():
        make_plan(path, priorities, actions, sub_actions_per_action, periods)
    return path


def sample_db(tmp: Path) -> Path:
    """A cached database holding the bundled sample plan (plan id 1)."""
    path = tmp / "sample.db"
    if not path.exists():
        from wsoa_desktop.services.sample import add_sample
        from wsoa_desktop.store.database import open_store

        store = open_store(path)
        add_sample(store)
        store.close()
    return path


@benchmark("create 5,000-sub-action plan with 24 periods")
def bench_create(tmp: Path) -> dict:
    from tests.benchmarks.synthetic import make_plan

    path = tmp / "create.db"
    path.unlink(missing_ok=True)
    _, secs, peak = timed(make_plan, path, 10, 50, 10, 24)
    return {"seconds": secs, "peak_rss_mib": peak, "size_mib": path.stat().st_size / 2**20}


@benchmark("open and load 5,000-sub-action plan with latest ratings (target < 0.5 s)")
def bench_load(tmp: Path) -> dict:
    db = synthetic_db(tmp)
    from wsoa_desktop.services.outline import load_outline
    from wsoa_desktop.store.database import open_store

    def go():
        store = open_store(db)
        outline = load_outline(store, 1)
        rows = sum(1 for _ in outline.iter_actions())
        store.close()
        return rows

    rows, secs, peak = timed(go)
    return {"seconds": secs, "peak_rss_mib": peak, "rows": rows}


@benchmark("list plans on the 5,000-sub-action database")
def bench_list(tmp: Path) -> dict:
    db = synthetic_db(tmp)
    from wsoa_desktop.services.plans import list_plans
    from wsoa_desktop.store.database import open_store

    store = open_store(db)
    plans, secs, peak = timed(list_plans, store)
    store.close()
    return {"seconds": secs, "peak_rss_mib": peak, "sub_actions": plans[0].sub_actions}


#: Benchmark modules for each area; each registers with @benchmark when imported.
AREA_MODULES = ("bench_gui", "bench_reports", "bench_rounds", "bench_backup_import", "bench_plan_shapes",
                "bench_measures", "bench_row_versions", "bench_server")


def _load_areas() -> None:
    import importlib
    import importlib.util

    for name in AREA_MODULES:
        full = f"tests.benchmarks.{name}"
        if importlib.util.find_spec(full) is not None:
            importlib.import_module(full)


def _run_one(name: str, tmp: Path) -> dict:
    out = subprocess.run([sys.executable, "-m", "tests.benchmarks.bench", "--child", name, str(tmp)],
                         capture_output=True, text=True, cwd=ROOT)
    if out.returncode != 0:
        return {"error": out.stderr.strip().splitlines()[-1] if out.stderr.strip() else "failed"}
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str]) -> int:
    _load_areas()
    if argv[:1] == ["--child"]:
        print(json.dumps(BENCHMARKS[argv[1]](Path(argv[2]))))
        return 0
    wanted = [n for n in BENCHMARKS if not argv or any(a.lower() in n.lower() for a in argv)]
    with tempfile.TemporaryDirectory(prefix="wsoa-bench-") as tmp:
        for name in wanted:
            result = _run_one(name, Path(tmp))
            figures = ", ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}"
                                for k, v in result.items())
            print(f"{name}: {figures}", flush=True)
    return 0


if __name__ == "__main__":
    # Run the importable copy, so area modules register with the same BENCHMARKS.
    from tests.benchmarks.bench import main as _main

    raise SystemExit(_main(sys.argv[1:]))
