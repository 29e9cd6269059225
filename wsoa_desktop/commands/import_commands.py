"""``import FILE [--dry-run] [--title TEXT] [--period LABEL]``: a new plan from .csv, .xlsx or .docx."""

from __future__ import annotations

import argparse
from pathlib import Path

from wsoa_desktop.cli import CommandError, add_db_option, open_or_create_database


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="a new plan from .csv, .xlsx or .docx (all or nothing; --dry-run "
                                      "lists what would happen and every problem)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help="check the file and list what would be created; "
                                                          "change nothing")
    p.add_argument("--title", metavar="TEXT", help="the new plan's title (default: from the file)")
    p.add_argument("--period", metavar="LABEL", help="the reporting period of the file's ratings "
                                                     "(default: named by a 'RAG <period>' header)")
    p.add_argument("--by", metavar="NAME", help="who is importing (for the audit trail)")
    add_db_option(p)
    p.set_defaults(handler=cmd_import)


def cmd_import(args: argparse.Namespace) -> int:
    from wsoa_desktop.services.importing import READERS, dry_run
    from wsoa_desktop.services.importing.apply import apply_import

    path = Path(args.file)
    if path.suffix.lower() not in READERS:
        raise CommandError(f"Cannot import “{path.name}”: use a file ending .csv, .xlsx or .docx.")
    plan = dry_run(path, title=args.title, period=args.period)
    if args.dry_run:
        for line in plan.report_lines():
            print(line)
        if plan.items:
            print("What would be created:")
            for line in plan.item_lines():
                print(f"  {line}")
        if not plan.ok:
            raise CommandError(f"{len(plan.problems) or 'No'} problem(s) found; nothing would be imported."
                               if plan.problems else "The file holds no rows to import.")
        print("Dry run: nothing was changed.")
        return 0
    store = open_or_create_database(args)
    try:
        plan_id = apply_import(store, plan, by=args.by)
    finally:
        store.close()
    print(f"Imported “{plan.title}” as plan {plan_id}: {plan.count(1)} priorities, {plan.count(2)} actions, "
          f"{plan.count(3)} sub-actions" + (f", ratings for {plan.period}." if plan.period else "."))
    for note in plan.notes:
        print(note)
    return 0
