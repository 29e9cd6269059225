"""``period new|close|reopen``, ``rate``, ``publish`` and ``versions``: the monthly round from a terminal."""

from __future__ import annotations

import argparse

from wsoa_desktop.cli import CommandError, add_db_option, add_plan_option, open_database


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("period", help="open the next reporting period, or close/reopen one")
    period_sub = p.add_subparsers(dest="period_command", metavar="ACTION")
    for name, help_text in (("new", "the next period, with ratings carried forward"),
                            ("close", "make a period read-only"),
                            ("reopen", "allow changes to a closed period again")):
        q = period_sub.add_parser(name, help=help_text)
        q.add_argument("label", metavar="LABEL", help="for example “September 2022”")
        add_plan_option(q)
        add_db_option(q)
        q.add_argument("--by", metavar="NAME", help="who is making the change")
        q.set_defaults(handler=cmd_period)
    p.set_defaults(handler=cmd_period)

    p = sub.add_parser("rate", help="set one item's rating for a period")
    p.add_argument("ref", metavar="REF")
    p.add_argument("rating", metavar="RATING", help="a rating of the plan's scheme (Blue, Green, …)")
    p.add_argument("--period", metavar="LABEL", required=True)
    p.add_argument("--progress", metavar="TEXT", help="the progress update")
    p.add_argument("--reason", metavar="TEXT", help="why the rating changed (needed when worse or Red)")
    p.add_argument("--signed-off-by", metavar="BODY",
                   help="for a complete (Blue) rating: the body that approved closing it")
    p.add_argument("--on", metavar="DATE", help="the date of that approval (for example 14/07/2022)")
    p.add_argument("--minute", metavar="REF", help="the minute number or reference of the approval")
    p.add_argument("--by", metavar="NAME")
    add_plan_option(p)
    add_db_option(p)
    p.set_defaults(handler=cmd_rate)

    p = sub.add_parser("publish", help="freeze the plan and its ratings as a numbered version")
    p.add_argument("--summary", metavar="TEXT", required=True, help="summary of amendments")
    p.add_argument("--allow-not-updated", action="store_true",
                   help="publish even though some ratings were carried forward and not updated")
    p.add_argument("--by", metavar="NAME")
    add_plan_option(p)
    add_db_option(p)
    p.set_defaults(handler=cmd_publish)

    p = sub.add_parser("versions", help="list published versions: number, date, by, summary")
    add_plan_option(p)
    add_db_option(p)
    p.set_defaults(handler=cmd_versions)


def cmd_period(args: argparse.Namespace) -> int:
    from wsoa_desktop.services import rounds
    from wsoa_desktop.services.plans import resolve_plan

    action = getattr(args, "period_command", None)
    if action is None:
        raise CommandError("Say what to do with the period: 'period new LABEL', 'period close LABEL' "
                           "or 'period reopen LABEL'.")
    store = open_database(args)
    plan_id = resolve_plan(store, args.plan)
    if action == "new":
        rounds.new_period(store, plan_id, args.label, by=args.by)
        print(f"Opened “{' '.join(args.label.split())}”; ratings carried forward, marked not yet updated.")
    elif action == "close":
        # Read and write at once, naming the version just read (as 'rate' does).
        rounds.close_period(store, plan_id, args.label, by=args.by, seen=_period_version(store, plan_id, args.label))
        print(f"Closed “{args.label}”: its ratings are now read-only.")
    else:
        rounds.reopen_period(store, plan_id, args.label, by=args.by, seen=_period_version(store, plan_id, args.label))
        print(f"Reopened “{args.label}”.")
    return 0


def cmd_rate(args: argparse.Namespace) -> int:
    from wsoa_desktop.services import rounds, status
    from wsoa_desktop.services.plans import resolve_plan

    sign_off = _sign_off_given(args)
    store = open_database(args)
    plan_id = resolve_plan(store, args.plan)
    try:
        # Read and write at once, naming the version just read: a change someone else saves in
        # between is refused (StaleEdit, who and when), never overwritten.
        seen = _status_version(store, plan_id, args.ref, args.period)
        rounds.rate(store, plan_id, args.ref, args.period, args.rating, progress=args.progress,
                    reason=args.reason, sign_off=sign_off, by=args.by, seen=seen)
    except status.StatusRefused as exc:
        raise CommandError(f"{exc}{_HOW.get(exc.code, '')}") from exc
    print(f"{args.ref}: {args.rating.strip()} for {args.period}.")
    return 0


def _period_version(store, plan_id: int, label: str) -> int | None:  # type: ignore[no-untyped-def]
    """The period's version as saved now (None: let closing it say the period is not there)."""
    from wsoa_desktop.domain.status_rules import same_label
    from wsoa_desktop.services.periods import list_periods

    return next((p.version for p in list_periods(store, plan_id) if same_label(p.label, label)), None)


def _status_version(store, plan_id: int, ref: str, period: str | None) -> int | None:  # type: ignore[no-untyped-def]
    """The version of ``ref``'s status in ``period`` as saved now (None: let the rating say what is wrong)."""
    from wsoa_desktop.domain.errors import WsoaError
    from wsoa_desktop.services import rounds

    try:
        return rounds.status_state(store, plan_id, ref, period).version
    except WsoaError:
        return None


#: What to type, added to the status service's plain refusal.
_HOW = {
    "reason needed": " (add --reason \"…\")",
    "sign-off needed": " (add --signed-off-by BODY --on DATE --minute REF)",
}


def _sign_off_given(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The sign-off given on the command line, or None; all three parts or none."""
    from wsoa_desktop.domain.target_dates import parse_day
    from wsoa_desktop.services.status import SignOffGiven

    parts = (args.signed_off_by, args.on, args.minute)
    if not any(parts):
        return None
    if not all(parts):
        raise CommandError("A sign-off needs all three: --signed-off-by BODY --on DATE --minute REF.")
    day = parse_day(args.on)
    if day is None:
        raise CommandError(f"“{args.on}” is not a date: give the day of the approval, such as 14/07/2022.")
    return SignOffGiven(args.signed_off_by, day, args.minute)


def cmd_publish(args: argparse.Namespace) -> int:
    from wsoa_desktop.services.plans import resolve_plan
    from wsoa_desktop.services.versions import NotUpdatedError, publish

    store = open_database(args)
    try:
        info = publish(store, resolve_plan(store, args.plan), args.summary, by=args.by,
                       allow_not_updated=args.allow_not_updated)
    except NotUpdatedError as exc:
        raise CommandError(f"Not published: {len(exc.refs)} ratings in {exc.period} were carried forward "
                           f"and not updated ({', '.join(exc.refs[:12])}"
                           f"{' …' if len(exc.refs) > 12 else ''}). Update them, or publish anyway with "
                           "--allow-not-updated.") from exc
    print(f"Published version {info.number} ({info.period_label or 'no periods'}).")
    return 0


def cmd_versions(args: argparse.Namespace) -> int:
    from wsoa_desktop.services.plans import resolve_plan
    from wsoa_desktop.services.versions import list_versions

    store = open_database(args)
    rows = list_versions(store, resolve_plan(store, args.plan))
    if not rows:
        print("No versions published yet. Publish one with 'wsoa-desktop publish --summary TEXT'.")
    for v in rows:
        print(f"{v.number}\t{v.published_at:%Y-%m-%d %H:%M}\t{v.published_by}\t{v.summary}")
    return 0
