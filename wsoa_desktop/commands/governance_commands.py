"""``meetings`` (the governance calendar, with ids) and ``report cover`` (the committee's covering report).

``report cover`` is added to the ``report`` command by :mod:`report_commands`;
by default it drafts the report for the next meeting in the calendar.
"""

from __future__ import annotations

import argparse

from wsoa_desktop.cli import CommandError, add_db_option, add_plan_option, open_database


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("meetings", help="list the governance calendar: id, date, body, reports due")
    add_plan_option(p)
    add_db_option(p)
    p.add_argument("--all", action="store_true", help="include past meetings (default: from today)")
    p.set_defaults(handler=cmd_meetings)


def add_cover_report(kinds: argparse._SubParsersAction) -> None:
    """``report cover --period LABEL [--meeting ID] -o OUT.docx|OUT.pdf``."""
    p = kinds.add_parser("cover", help="the committee's covering report (.docx or .pdf)")
    add_plan_option(p)
    add_db_option(p)
    p.add_argument("--period", metavar="LABEL", help="reporting period (default: the latest)")
    p.add_argument("--meeting", metavar="ID", type=int,
                   help="the meeting it goes to (default: the next one in the calendar; see 'meetings')")
    p.add_argument("-o", "--output", metavar="OUT", required=True, help="the file to write (.docx or .pdf)")
    p.add_argument("--author", metavar="NAME", help="the report's author (default: you)")
    p.set_defaults(handler=cmd_cover)


def cmd_meetings(args: argparse.Namespace) -> int:
    from datetime import date

    from wsoa_desktop.services.governance_calendar import meetings
    from wsoa_desktop.services.plans import resolve_plan

    store = open_database(args)
    plan_id = resolve_plan(store, args.plan)
    rows = meetings(store, plan_id, start=None if args.all else date.today())
    if not rows:
        print("No meetings in the calendar" + ("" if args.all else " from today on (add --all for past ones)")
              + ". Add them in the app: View ▸ Coming up.")
    for m in rows:
        recorded = "\toutcome recorded" if m.is_recorded else ""
        print(f"{m.id}\t{m.held_on.isoformat()}\t{m.body}\t{'; '.join(m.reports) or 'no reports listed'}{recorded}")
    return 0


def cmd_cover(args: argparse.Namespace) -> int:
    from wsoa_desktop.commands.report_commands import _login_name
    from wsoa_desktop.reports.cover import make_cover
    from wsoa_desktop.reports.produce import check_output

    path = check_output("cover", args.output)
    if args.meeting is not None and args.meeting < 1:
        raise CommandError("--meeting takes a meeting's id, as 'wsoa-desktop meetings' lists them.")
    store = open_database(args)
    written = make_cover(store, path, plan=args.plan, period_label=args.period, meeting_id=args.meeting,
                         author=args.author or _login_name())
    print(f"Wrote {written}")
    return 0
