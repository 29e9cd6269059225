"""``import FILE [--dry-run] …``: a new plan from .csv, .xlsx, .docx or a WSOA Desktop .json export;
``import-ratings FILE --period LABEL [--dry-run]``: ratings and progress for the plan already here."""

from __future__ import annotations

import argparse
from pathlib import Path

from wsoa_desktop.cli import (
    CommandError,
    add_db_option,
    add_plan_option,
    open_database,
    open_or_create_database,
)

SUFFIXES = ".csv, .xlsx, .docx or .json"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="a new plan from .csv, .xlsx, .docx or a WSOA Desktop .json export "
                                      "(all or nothing; --dry-run lists what would happen and every problem)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help="check the file and list what would be created; "
                                                          "change nothing")
    p.add_argument("--title", metavar="TEXT", help="the new plan's title (default: from the file)")
    p.add_argument("--period", metavar="LABEL", help="the reporting period of the file's ratings "
                                                     "(default: named by a 'RAG <period>' header)")
    p.add_argument("--scheme", metavar="NAME", help="read the ratings in this built-in scheme ('WSOA BRAG' or "
                                                    "'RAG 2017'; default: the document's own key)")
    p.add_argument("--owner", metavar="WRITTEN=WHO", action="append", default=[],
                   help="who an owner the document leaves open is, e.g. --owner PW=\"Paula Williams (I)\" "
                        "(repeat for each)")
    p.add_argument("--by", metavar="NAME", help="who is importing (for the audit trail)")
    add_db_option(p)
    p.set_defaults(handler=cmd_import)

    r = sub.add_parser("import-ratings", help="apply ratings and progress from a file to the plan by ref "
                                              "(all or nothing, under the update round's rules)")
    r.add_argument("file", metavar="FILE")
    r.add_argument("--period", metavar="LABEL", required=True, help="the reporting period the ratings are for")
    r.add_argument("--dry-run", action="store_true", help="list what would change and every problem; "
                                                          "change nothing")
    add_plan_option(r)
    r.add_argument("--by", metavar="NAME", help="who is importing (for the audit trail)")
    add_db_option(r)
    r.set_defaults(handler=cmd_import_ratings)


def owner_choices(values: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for value in values:
        written, sep, who = value.partition("=")
        if not sep or not written.strip() or not who.strip():
            raise CommandError(f"--owner {value}: write it as WRITTEN=WHO, e.g. --owner PW=\"Paula Williams (I)\".")
        out[written.strip()] = who.strip()
    return out


def cmd_import(args: argparse.Namespace) -> int:
    from wsoa_desktop.services.importing import READERS, dry_run
    from wsoa_desktop.services.importing.apply import apply_import

    path = Path(args.file)
    if path.suffix.lower() not in READERS:
        raise CommandError(f"Cannot import “{path.name}”: use a file ending {SUFFIXES}.")
    plan = dry_run(path, title=args.title, period=args.period, scheme=args.scheme,
                   owners=owner_choices(args.owner))
    if args.dry_run:
        for line in plan.report_lines():
            print(line)
        if plan.questions:
            print("Say who each is with --owner, e.g. --owner PW=\"Paula Williams (I)\" (repeat for each).")
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
        if path.suffix.lower() == ".json":
            from wsoa_desktop.services.importing.plan_file import import_plan_file

            plan_id, plan = import_plan_file(store, path, title=args.title, by=args.by)
        else:
            plan_id = apply_import(store, plan, by=args.by)
    finally:
        store.close()
    print(f"Imported “{plan.title}” as plan {plan_id}: {plan.groups_text()}, {plan.count(2)} actions, "
          f"{plan.count(3)} sub-actions" + (f", ratings for {plan.period}." if plan.period else "."))
    for note in plan.notes:
        print(note)
    for question in plan.questions:
        print(f"Kept as written, not linked: {question}")
    return 0


def cmd_import_ratings(args: argparse.Namespace) -> int:
    from wsoa_desktop.services.plans import resolve_plan
    from wsoa_desktop.services.ratings_import import apply_ratings, preview_ratings

    path = Path(args.file)
    store = open_database(args)
    try:
        plan_id = resolve_plan(store, args.plan)
        preview = preview_ratings(store, plan_id, path, args.period)
        if args.dry_run:
            for line in preview.report_lines():
                print(line)
            if not preview.ok:
                raise CommandError(f"{len(preview.problems)} problem(s) found; nothing would be changed.")
            print("Dry run: nothing was changed.")
            return 0
        if not preview.ok:
            first = str(preview.problems[0])
            more = f" (and {len(preview.problems) - 1} more)" if len(preview.problems) > 1 else ""
            raise CommandError(f"Nothing was changed: {first}{more}. Run with --dry-run to see them all.")
        changed = apply_ratings(store, plan_id, preview, by=args.by)
    finally:
        store.close()
    print(f"Applied {path.name} to {preview.period}: {changed} items changed.")
    return 0
