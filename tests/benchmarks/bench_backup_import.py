"""Backup, verify, restore and import on the 5,000-sub-action / 24-period plan.

Targets (issue 6): back up and verify < 2 s; import a 5,000-row spreadsheet < 5 s;
restore < 3 s. Figures are printed, never asserted.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.benchmarks.bench import benchmark, synthetic_db, timed


@benchmark("back up and verify the 5,000-sub-action / 24-period database (target < 2 s)")
def bench_backup(tmp: Path) -> dict:
    db = synthetic_db(tmp)
    from wsoa_desktop.services.backup import backup_database
    from wsoa_desktop.services.restore import verify_backup

    dest = tmp / "backups-bench"
    dest.mkdir(exist_ok=True)

    def go():  # type: ignore[no-untyped-def]
        result = backup_database(db, dest)
        report = verify_backup(result.path)
        assert report.ok, report.problems
        return result

    result, secs, peak = timed(go)
    return {"seconds": secs, "peak_rss_mib": peak, "size_mib": result.size / 2**20}


@benchmark("restore the 5,000-sub-action / 24-period database (target < 3 s)")
def bench_restore(tmp: Path) -> dict:
    db = synthetic_db(tmp)
    from wsoa_desktop.services.backup import backup_database
    from wsoa_desktop.services.restore import restore_backup

    dest = tmp / "backups-restore"
    dest.mkdir(exist_ok=True)
    made = backup_database(db, dest).path
    live_dir = tmp / "live-restore"
    live_dir.mkdir(exist_ok=True)
    live = live_dir / "wsoa.db"
    shutil.copy(db, live)
    result, secs, peak = timed(restore_backup, made, live)
    return {"seconds": secs, "peak_rss_mib": peak, "plans": len(result.report.plans)}


def _spreadsheet(tmp: Path) -> Path:
    """A 5,000-sub-action plan as a council spreadsheet (the synthetic plan exported to .xlsx)."""
    path = tmp / "plan-5000.xlsx"
    if not path.exists():
        from wsoa_desktop.services.exporting import export_plan
        from wsoa_desktop.store.database import open_store

        store = open_store(synthetic_db(tmp))
        export_plan(store, path)
        store.close()
    return path


@benchmark("import a 5,000-row spreadsheet (.xlsx) as a new plan (target < 5 s)")
def bench_import_xlsx(tmp: Path) -> dict:
    sheet = _spreadsheet(tmp)
    from wsoa_desktop.services.importing import import_file
    from wsoa_desktop.store.database import open_store

    target = tmp / "import-target.db"
    target.unlink(missing_ok=True)
    store = open_store(target)
    (plan_id, plan), secs, peak = timed(import_file, store, sheet, title="Imported")
    store.close()
    return {"seconds": secs, "peak_rss_mib": peak, "rows": len(plan.items)}


@benchmark("import a 5,000-row .csv as a new plan")
def bench_import_csv(tmp: Path) -> dict:
    from wsoa_desktop.services.exporting import export_plan
    from wsoa_desktop.services.importing import import_file
    from wsoa_desktop.store.database import open_store

    path = tmp / "plan-5000.csv"
    if not path.exists():
        store = open_store(synthetic_db(tmp))
        export_plan(store, path)
        store.close()
    target = tmp / "import-target-csv.db"
    target.unlink(missing_ok=True)
    store = open_store(target)
    (plan_id, plan), secs, peak = timed(import_file, store, path, title="Imported", period="December 2023")
    store.close()
    return {"seconds": secs, "peak_rss_mib": peak, "rows": len(plan.items)}
