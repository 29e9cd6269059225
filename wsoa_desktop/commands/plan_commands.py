"""``init``, ``sample``, ``plans`` and ``export``.

``init``, ``sample`` and ``import`` are the only commands that make a new
database file; every other command refuses a missing one (see ``cli``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wsoa_desktop.cli import (
    CommandError,
    add_db_option,
    add_plan_option,
    check_new_database_folder,
    database_path,
    db_command,
    open_database,
    open_or_create_database,
)
from wsoa_desktop.store.server_address import ServerAddress


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("init", help="create an empty database at --db (the folder must exist)")
    add_db_option(p)
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("sample", help="add the bundled Rotherham WSOA (January 2022, August 2022 ratings)")
    add_db_option(p)
    p.set_defaults(handler=cmd_sample)

    p = sub.add_parser("plans", help="list the plans in the database")
    add_db_option(p)
    p.set_defaults(handler=cmd_plans)

    p = sub.add_parser("export", help="export the plan with a period's ratings (.csv, .json, .xlsx)")
    p.add_argument("file", metavar="FILE")
    add_plan_option(p)
    add_db_option(p)
    p.add_argument("--period", metavar="LABEL", help="reporting period (default: the latest)")
    p.add_argument("--version", dest="plan_version", metavar="N", type=int,
                   help="a published version, exactly as published")
    p.set_defaults(handler=cmd_export)


def cmd_init(args: argparse.Namespace) -> int:
    """Create an empty database; an existing file is left exactly as it is."""
    from wsoa_desktop.services.database_place import place_warning
    from wsoa_desktop.store.database import open_store

    path = database_path(args)
    if isinstance(path, ServerAddress):
        return _init_server(path)
    if path.is_dir():
        raise CommandError(f"{path} is a folder. Give a database file name such as plan.db.")
    if path.exists():
        raise CommandError(f"There is already a file at {path}; nothing was changed. Give a new file name "
                           "with --db, or use this database as it is.")
    check_new_database_folder(path)
    open_store(path).close()
    print(f"Created an empty database at {path}.")
    print(f"Add the sample plan with '{db_command(path, 'sample')}', or your own plan with "
          f"'{db_command(path, 'import FILE')}'.")
    warning = place_warning(path)
    if warning:
        print(f"Warning: {warning}", file=sys.stderr)
    return 0


def _init_server(address: ServerAddress) -> int:
    """Set up the WSOA Desktop tables in an empty server database (IT created the database itself)."""
    from wsoa_desktop.store.database import NotSetUp, open_store

    try:
        open_store(address, create=False).close()
    except NotSetUp:
        open_store(address).close()
        print(f"Set up an empty WSOA Desktop database in the {address.where}.")
        print(f"Add the sample plan with '{db_command(address, 'sample')}', or your own plan with "
              f"'{db_command(address, 'import FILE')}'.")
        return 0
    raise CommandError(f"The {address.where} already holds a WSOA Desktop database; nothing was changed.")


def cmd_sample(args: argparse.Namespace) -> int:
    from wsoa_desktop.services.sample import add_sample

    store = open_or_create_database(args)
    plan_id, added = add_sample(store)
    if added:
        print(f"Added the sample plan (id {plan_id}).")
    else:
        print(f"The sample plan is already in this database (id {plan_id}); nothing added.")
    return 0


def cmd_plans(args: argparse.Namespace) -> int:
    from wsoa_desktop.services.plans import list_plans

    store = open_database(args)
    rows = list_plans(store)
    if not rows:
        print(f"No plans yet. Add the sample with '{db_command(database_path(args), 'sample')}'.")
    for p in rows:
        latest = p.periods[-1] if p.periods else "no periods"
        print(f"{p.id}\t{p.title}\t{p.priorities} priorities, {p.actions} actions, "
              f"{p.sub_actions} sub-actions\tlatest period: {latest}")
    return 0


EXPORTERS = {".csv", ".json", ".xlsx"}


def cmd_export(args: argparse.Namespace) -> int:
    from wsoa_desktop.services.exporting import export_plan

    path = Path(args.file)
    suffix = path.suffix.lower()
    if suffix not in EXPORTERS:
        raise CommandError(f"Cannot export to “{path.suffix or path.name}”: use a file ending "
                           f"{', '.join(sorted(EXPORTERS))}.")
    store = open_database(args)
    written = export_plan(store, path, plan=args.plan, period=args.period, version=args.plan_version)
    print(f"Wrote {written}")
    return 0
