"""The monthly round on the 5,000-sub-action, 24-period synthetic plan.

Targets (issue 4): new period < 1 s, publish < 2 s, compare two versions < 1 s,
import 50 returned lead forms covering 5,000 updates < 10 s.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.benchmarks.bench import benchmark, synthetic_db, timed


def _copy(tmp: Path, name: str) -> Path:
    path = tmp / f"rounds-{name}.db"
    shutil.copy(synthetic_db(tmp), path)
    return path


@benchmark("rounds: new period with 5,000 ratings carried forward (target < 1 s)")
def bench_new_period(tmp: Path) -> dict:
    from wsoa_desktop.services.rounds import new_period
    from wsoa_desktop.store.database import open_store

    store = open_store(_copy(tmp, "new-period"))
    _, secs, peak = timed(new_period, store, 1, "January 2024", by="bench")
    con = store.raw()
    carried = con.execute("SELECT COUNT(*) FROM status_update WHERE carried_forward = 1").fetchone()[0]
    con.close()
    store.close()
    return {"seconds": secs, "peak_rss_mib": peak, "carried": carried}


@benchmark("rounds: publish a version of 5,000 sub-actions x 24 periods (target < 2 s)")
def bench_publish(tmp: Path) -> dict:
    from wsoa_desktop.services.versions import publish
    from wsoa_desktop.store.database import open_store

    store = open_store(_copy(tmp, "publish"))
    info, secs, peak = timed(publish, store, 1, "Benchmark", by="bench")
    con = store.raw()
    size = con.execute("SELECT length(snapshot) FROM plan_version").fetchone()[0]
    con.close()
    store.close()
    return {"seconds": secs, "peak_rss_mib": peak, "snapshot_mib": size / 2**20, "number": info.number}


@benchmark("rounds: compare two published versions (target < 1 s)")
def bench_compare(tmp: Path) -> dict:
    from wsoa_desktop.services import plan_items, rounds, versions
    from wsoa_desktop.store.database import open_store

    store = open_store(_copy(tmp, "compare"))
    versions.publish(store, 1, "First", by="bench")
    for i in range(1, 21):
        plan_items.change_target(store, 1, f"{i % 10 + 1}.{i}.1", "March 2030", reason="bench")
        rounds.rate(store, 1, f"{i % 10 + 1}.{i}.2", None, "Red", reason="bench")
    plan_items.update_action(store, 1, "1.1.1", description="Changed text")
    versions.publish(store, 1, "Second", by="bench")
    result, secs, peak = timed(versions.compare, store, 1, 1, 2)
    store.close()
    return {"seconds": secs, "peak_rss_mib": peak, "differences": len(result.differences)}


@benchmark("rounds: import returned lead forms covering 5,000 updates (target 50 forms < 10 s)")
def bench_import_forms(tmp: Path) -> dict:
    from openpyxl import load_workbook

    from wsoa_desktop.services import lead_forms, rounds
    from wsoa_desktop.store.database import open_store

    store = open_store(_copy(tmp, "forms"))
    rounds.new_period(store, 1, "January 2024", by="bench")
    folder = tmp / "forms"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    paths = lead_forms.export_forms(store, 1, folder)
    names = ["Blue", "Green", "amber ", "Yellow", "Red", "Grey"]
    rows = 0
    for path in paths:  # the leads fill their forms in (not timed)
        wb = load_workbook(path)
        ws = wb.worksheets[0]
        for r in range(lead_forms.HEADER_ROW + 1, ws.max_row + 1):
            ws.cell(row=r, column=6, value=names[r % len(names)])
            ws.cell(row=r, column=7, value=f"Progress typed by the lead, row {r}")
            ws.cell(row=r, column=8, value="Reason given")
            rows += 1
        wb.save(path)

    def go():
        preview = lead_forms.read_returned_forms(store, 1, paths)
        return preview, lead_forms.apply_returned_forms(store, preview, by="bench")

    (preview, applied), secs, peak = timed(go)
    store.close()
    return {"seconds": secs, "peak_rss_mib": peak, "forms": len(paths), "rows": rows, "applied": applied,
            "conflicts": len(preview.conflicts)}


@benchmark("rounds: rate 5,000 sub-actions one by one through the status service (target median <= 10 ms)")
def bench_rate_one_by_one(tmp: Path) -> dict:
    import statistics
    import time

    from wsoa_desktop.services import rounds
    from wsoa_desktop.services.outline import load_outline
    from wsoa_desktop.store.database import open_store

    store = open_store(_copy(tmp, "rate"))
    rounds.new_period(store, 1, "January 2024", by="bench")
    refs = [n.ref for n in load_outline(store, 1).rated_items()]
    names = ["Green", "Amber", "Green", "Grey"]
    times = []
    for i, ref in enumerate(refs):
        t0 = time.perf_counter()
        rounds.rate(store, 1, ref, "January 2024", names[i % len(names)], progress=f"Update {i}",
                    reason="bench", by="bench")
        times.append(time.perf_counter() - t0)
    store.close()
    times.sort()
    return {"items": len(times), "median_ms": statistics.median(times) * 1000,
            "p95_ms": times[int(len(times) * 0.95)] * 1000, "total_s": sum(times)}


@benchmark("rounds: version round trip, publish + export .json + load into a new database (target <= 3 s)")
def bench_version_round_trip(tmp: Path) -> dict:
    import inspect

    from wsoa_desktop.services import plan_document, versions
    from wsoa_desktop.services.exporting import export_plan
    from wsoa_desktop.store.database import open_store

    store = open_store(_copy(tmp, "round-trip"))
    other_path = tmp / "round-trip-copy.db"
    other_path.unlink(missing_ok=True)
    other = open_store(other_path)
    allow = {"allow_not_updated": True} if "allow_not_updated" in inspect.signature(versions.publish).parameters \
        else {}

    def go():
        info = versions.publish(store, 1, "Benchmark", by="bench", **allow)
        out = export_plan(store, tmp / "v.json", plan=1, version=info.number)
        return plan_document.load_file(other, out)

    _, secs, peak = timed(go)
    con = other.raw()
    rows = con.execute("SELECT COUNT(*) FROM status_update").fetchone()[0]
    con.close()
    store.close()
    other.close()
    return {"seconds": secs, "peak_rss_mib": peak, "status_rows_loaded": rows}
