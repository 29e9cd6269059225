"""Ratings imported by ref, and the whole-plan JSON brought back, on the 5,000-sub-action / 24-period plan.

Targets (issue 13): the dry run of a 5,000-row ratings import ≤ 2 s; importing the
5,000-sub-action JSON export ≤ 5 s. Figures are printed, never asserted.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.benchmarks.bench import benchmark, synthetic_db, timed


def _latest_period(store) -> str:  # type: ignore[no-untyped-def]
    from wsoa_desktop.services.outline import load_outline

    outline = load_outline(store, 1)
    assert outline.period is not None
    return outline.period.label


#: What the month's file says: every other item moves one rating, Reds and worse ones with a reason.
_NEXT = {"Blue": "Blue", "Green": "Amber", "Amber": "Green", "Red": "Red", "Grey": "Green", None: "Green"}


def _ratings_file(tmp: Path, suffix: str) -> tuple[Path, Path]:
    """A copy of the synthetic database with a new period, and a file rating every sub-action in it
    (Ref | RAG | Progress Update | Reason), as an officer's spreadsheet of the month would."""
    from wsoa_desktop.services.outline import load_outline
    from wsoa_desktop.services.rounds import new_period
    from wsoa_desktop.store.database import open_store

    db = tmp / f"ratings-target{suffix}.db"
    shutil.copy(synthetic_db(tmp), db)
    store = open_store(db)
    outline = load_outline(store, 1, _latest_period(store))
    rows = [["Ref", "RAG", "Progress Update", "Reason"]]
    for n, node in enumerate(outline.rated_items()):
        rating = node.rating if n % 2 else _NEXT.get(node.rating, "Green")
        reason = "Provider has not replied" if rating in ("Red", "Amber") else ""
        rows.append([node.ref, rating or "Green", f"Month's update for {node.ref}", reason])
    new_period(store, 1, "Next month 2030", by="bench")
    store.close()
    path = tmp / f"ratings-5000{suffix}"
    if suffix == ".csv":
        import csv

        with path.open("w", newline="", encoding="utf-8") as f:
            csv.writer(f).writerows(rows)
    else:
        import openpyxl

        wb = openpyxl.Workbook(write_only=True)
        ws = wb.create_sheet("Ratings")
        for row in rows:
            ws.append(row)
        wb.save(path)
    return db, path


def _dry_run(tmp: Path, suffix: str) -> dict:
    from wsoa_desktop.services.ratings_import import preview_ratings
    from wsoa_desktop.store.database import open_store

    db, path = _ratings_file(tmp, suffix)
    store = open_store(db)
    preview, secs, peak = timed(preview_ratings, store, 1, path, "Next month 2030")
    store.close()
    return {"seconds": secs, "peak_rss_mib": peak, "rows": len(preview.lines),
            "refused": len(preview.problems)}


@benchmark("dry run of a 5,000-row ratings import (.csv) into the plan by ref (target ≤ 2 s)")
def bench_ratings_dry_run_csv(tmp: Path) -> dict:
    return _dry_run(tmp, ".csv")


@benchmark("dry run of a 5,000-row ratings import (.xlsx) into the plan by ref (target ≤ 2 s)")
def bench_ratings_dry_run_xlsx(tmp: Path) -> dict:
    return _dry_run(tmp, ".xlsx")


@benchmark("apply a 5,000-row ratings import (.csv) through the status service")
def bench_ratings_apply(tmp: Path) -> dict:
    from wsoa_desktop.services.ratings_import import apply_ratings, preview_ratings
    from wsoa_desktop.store.database import open_store

    db, path = _ratings_file(tmp, ".csv")
    store = open_store(db)
    preview = preview_ratings(store, 1, path, "Next month 2030")
    changed, secs, peak = timed(apply_ratings, store, 1, preview, by="bench")
    store.close()
    return {"seconds": secs, "peak_rss_mib": peak, "changed": changed}


@benchmark("import the 5,000-sub-action / 24-period JSON export as a new plan (target ≤ 5 s)")
def bench_import_json(tmp: Path) -> dict:
    from wsoa_desktop.services.exporting import export_plan
    from wsoa_desktop.services.importing import import_file
    from wsoa_desktop.store.database import open_store

    path = tmp / "plan-5000.json"
    if not path.exists():
        store = open_store(synthetic_db(tmp))
        export_plan(store, path)
        store.close()
    target = tmp / "import-target-json.db"
    target.unlink(missing_ok=True)
    store = open_store(target)
    (plan_id, plan), secs, peak = timed(import_file, store, path)
    store.close()
    return {"seconds": secs, "peak_rss_mib": peak, "items": len(plan.items),
            "file_mib": path.stat().st_size / 2**20}
