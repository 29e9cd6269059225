"""``measures`` and ``import-readings FILE [--dry-run]``: impact measures from a terminal."""

from __future__ import annotations

import argparse
from pathlib import Path

from wsoa_desktop.cli import CommandError, add_db_option, add_plan_option, open_database


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("measures", help="list the impact measures: baseline, target, latest reading, status")
    add_plan_option(p)
    add_db_option(p)
    p.add_argument("--period", metavar="LABEL", help="status as at the end of this period (default: today)")
    p.set_defaults(handler=cmd_measures)

    p = sub.add_parser("import-readings",
                       help="readings from the performance team's .xlsx (measure, quarter, value[, note]); "
                            "all or nothing; --dry-run lists what would happen and every problem")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help="check the file and list the readings; change nothing")
    p.add_argument("--by", metavar="NAME", help="who is importing (for the audit trail)")
    add_plan_option(p)
    add_db_option(p)
    p.set_defaults(handler=cmd_import_readings)


def cmd_measures(args: argparse.Namespace) -> int:
    from datetime import date

    from wsoa_desktop.domain.measures import assess, baseline_text, latest_text, target_text
    from wsoa_desktop.domain.target_dates import parse_target
    from wsoa_desktop.services.measures import list_measures
    from wsoa_desktop.services.plans import resolve_plan

    store = open_database(args)
    plan_id = resolve_plan(store, args.plan)
    as_of = date.today()
    if args.period:
        due = parse_target(args.period).due
        if due is None:
            raise CommandError(f"“{args.period}” is not a period the app can read: use a month such as "
                               "August 2022.")
        as_of = min(due, as_of)
    measures = list_measures(store, plan_id)
    if not measures:
        print("This plan has no impact measures yet. Add them in the app (Plan ▸ Impact measures…).")
        return 0
    for m in measures:
        a = assess(m, as_of)
        print(f"{m.ref}\t{m.title}\tbaseline {baseline_text(m)}\ttarget {target_text(m)}\t"
              f"latest {latest_text(a.reading, m.unit)}\t{a.status.value}")
    return 0


def cmd_import_readings(args: argparse.Namespace) -> int:
    from wsoa_desktop.services.plans import resolve_plan
    from wsoa_desktop.services.readings_import import apply_readings, read_readings

    path = Path(args.file)
    if path.suffix.lower() != ".xlsx":
        raise CommandError(f"Cannot import readings from “{path.name}”: use an Excel workbook ending .xlsx.")
    store = open_database(args)
    plan_id = resolve_plan(store, args.plan)
    preview = read_readings(store, plan_id, path)
    if args.dry_run or preview.problems:
        for row in preview.rows:
            print(f"  {row.describe()}")
        for problem in preview.problems:
            print(f"Problem: {problem.describe()}")
        if preview.problems or not preview.rows:
            raise CommandError(f"{preview.summary()} Nothing was changed.")
        print(preview.summary())
        print("Dry run: nothing was changed.")
        return 0
    written = apply_readings(store, plan_id, preview, by=args.by)
    print(f"Imported {written} reading(s) from {path.name}: {preview.new_count} new, "
          f"{preview.replaced_count} replacing an earlier figure.")
    return 0
